/**
 * The case validator compiles its ajv schema lazily (issue 17): `createCaseValidator` compiles
 * nothing, a valid case (taken by the fast path) compiles nothing, and the first input the fast path
 * refuses compiles the schema once, giving exactly the errors of a validator without the fast path.
 *
 * Input: the statutory-reviews policy (compiled from policies/) and synthetic cases from
 * simulation/. Output: assertions on `Ajv.prototype.compile` calls and on the validations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import { createFileHost } from '../../cli/file-host.ts';
import { createCaseValidator, parsePlainDate, type PolicyIR } from '../../runtime/index.ts';
import { createCaseGenerator } from '../../simulation/index.ts';
import { ROOT } from '../emit/emitted.ts';
import { compiledIr } from '../support/compiled.ts';

function irOf(file: string): PolicyIR {
  const host = createFileHost([join(ROOT, 'policies')], ROOT);
  return compiledIr(readFileSync(join(ROOT, file), 'utf8'), { uri: file, host });
}

describe('createCaseValidator compiles ajv lazily', () => {
  it('compiles only at the first input the fast path refuses, with the same errors', () => {
    // Compiled validators are cached by schema for the whole process (runtime/case.ts), and the suite
    // shares processes between files (vitest `isolate: false`): another file may have compiled the
    // statutory schema already. An event type no other test declares makes this schema new here.
    const statutory = irOf('policies/england/statutory-reviews.pdl');
    const ir: PolicyIR = { ...statutory, events: [...statutory.events, { name: 'lazy_validator_probe', attributes: [] }] };
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    try {
      const validate = createCaseValidator(ir);
      expect(compile).not.toHaveBeenCalled();
      const generator = createCaseGenerator({ children: 20, from: parsePlainDate('2023-01-01') as number, to: parsePlainDate('2024-12-31') as number, seed: 'lazy-ajv', ir });
      const valid = generator.generate(0);
      const accepted = validate(valid);
      expect(accepted.ok).toBe(true);
      expect(compile).not.toHaveBeenCalled();

      const invalid = { ...(valid as object), events: [{ type: 'no_such_event', date: '2024-02-30' }] };
      const refused = validate(invalid);
      expect(refused.ok).toBe(false);
      expect(compile).toHaveBeenCalledTimes(1);
      const slow = createCaseValidator(ir, { fastPath: false })(invalid);
      expect(refused).toEqual(slow);
      expect(validate({ id: 7 }).ok).toBe(false);
      expect(compile).toHaveBeenCalledTimes(1);
    } finally {
      compile.mockRestore();
    }
  });
});
