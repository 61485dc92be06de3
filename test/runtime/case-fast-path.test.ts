/**
 * The case validator's fast path for valid input (runtime/case.ts `fastNormalizer`) against ajv alone
 * (`createCaseValidator(ir, { fastPath: false })`): on every policy in policies/, for seeded random
 * cases of the policy's own vocabulary (one in four broken by one of the mutations of
 * test/emit/emitted.ts) and seeded synthetic cases from the caseload generator (for the policies
 * that require no fact, which it cannot invent), both give the same
 * answer, JSON-equal: the same normalised case for valid input, the same errors for invalid input
 * (the fast path refuses it, and ajv reports it). So the fast path never accepts what ajv rejects,
 * and never normalises differently.
 *
 * Input: policies/. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFileHost } from '../../cli/file-host.ts';
import { createCaseValidator, parsePlainDate, type PolicyIR } from '../../runtime/index.ts';
import { createCaseGenerator } from '../../simulation/index.ts';
import { policyFiles, randomCase, ROOT } from '../emit/emitted.ts';
import { compiledIr } from '../support/compiled.ts';

const RANDOM_CASES = 400;
const SYNTHETIC_CASES = 100;

function irOf(file: string): PolicyIR {
  const host = createFileHost([join(ROOT, 'policies')], ROOT);
  return compiledIr(readFileSync(join(ROOT, file), 'utf8'), { uri: file, host });
}

describe('the case validator fast path agrees with ajv alone', () => {
  for (const file of policyFiles()) {
    it(file, () => {
      const ir = irOf(file);
      const fast = createCaseValidator(ir);
      const slow = createCaseValidator(ir, { fastPath: false });
      let valid = 0;
      let invalid = 0;
      for (let i = 0; i < RANDOM_CASES; i++) {
        const { input } = randomCase(ir, `fast-path:${file}`, i);
        const a = fast(input);
        const b = slow(input);
        expect(JSON.stringify(a), `random case ${i}`).toBe(JSON.stringify(b));
        if (b.ok) valid++;
        else invalid++;
      }
      // Both kinds were compared: valid cases (the fast path's) and broken ones (ajv's reports).
      expect(valid).toBeGreaterThan(RANDOM_CASES / 2);
      expect(invalid).toBeGreaterThan(RANDOM_CASES / 10);
      // The generator cannot invent required facts; such a policy is covered by the random cases.
      if (ir.facts.some((f) => !f.optional)) return;
      const generator = createCaseGenerator({ children: SYNTHETIC_CASES, from: parsePlainDate('2020-01-01') as number, to: parsePlainDate('2024-12-31') as number, seed: 'fast-path', ir });
      for (let k = 0; k < SYNTHETIC_CASES; k++) {
        const input = generator.generate(k);
        const a = fast(input);
        expect(a.ok, `synthetic case ${k}`).toBe(true);
        expect(JSON.stringify(a)).toBe(JSON.stringify(slow(input)));
      }
    });
  }
});

// Objects that JSON text cannot make: a key that is not enumerable, and one inherited from a
// prototype. ajv finds an object's keys with `for...in` (its `additionalProperties` check), which
// sees inherited enumerable keys and misses non-enumerable own ones; the fast path finds keys the
// same way, so both give the same answer for either.
describe('the fast path and ajv read keys JSON cannot make the same way', () => {
  const file = 'policies/england/statutory-reviews.pdl';
  function validCase(ir: PolicyIR): Record<string, unknown> {
    for (let i = 0; ; i++) {
      const { input } = randomCase(ir, 'fast-path:keys', i);
      if (createCaseValidator(ir, { fastPath: false })(input).ok) return input as Record<string, unknown>;
    }
  }
  it('a non-enumerable unknown key is not seen by either', () => {
    const ir = irOf(file);
    const input = validCase(ir);
    Object.defineProperty(input, 'unknownKey', { value: 1, enumerable: false });
    const events = input.events as Record<string, unknown>[];
    Object.defineProperty(events[0], 'unknownAttribute', { value: 'x', enumerable: false });
    const a = createCaseValidator(ir)(input);
    const b = createCaseValidator(ir, { fastPath: false })(input);
    expect(b.ok).toBe(true);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
  it('an inherited enumerable unknown key is refused by both, with the same errors', () => {
    const ir = irOf(file);
    const input = validCase(ir);
    const events = input.events as Record<string, unknown>[];
    events[0] = Object.assign(Object.create({ unknownAttribute: 'x' }) as Record<string, unknown>, events[0]);
    const a = createCaseValidator(ir)(input);
    const b = createCaseValidator(ir, { fastPath: false })(input);
    expect(b.ok).toBe(false);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
