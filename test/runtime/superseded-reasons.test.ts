/**
 * A superseded obligation's `reason` (runtime/evaluate.ts): with explanations (the default) an
 * enumerable getter rendering the text when first read; without (`explanations: false`, for
 * simulations) a plain string rendered at once. Either way the results are the same JSON, key for
 * key, on generated caseloads of the statutory policy and a reform that restarts its cycle.
 *
 * Input: policies/england/statutory-reviews.pdl, test/simulate/fixtures/days-restart.pdl, seeded
 * generated cases. Output: assertions only.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileHost } from '../../cli/file-host.ts';
import { parsePlainDate, preparePolicy, type PlainDate, type SupersededObligation } from '../../runtime/index.ts';
import { generateCaseload } from '../../simulation/caseload/index.ts';
import { compiledIr } from '../support/compiled.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const host = createFileHost([`${ROOT}policies`], ROOT);

function irOf(path: string) {
  return compiledIr(readFileSync(`${ROOT}${path}`, 'utf8'), { uri: path, host });
}

describe('superseded reasons, with and without explanations', () => {
  it.each(['policies/england/statutory-reviews.pdl', 'test/simulate/fixtures/days-restart.pdl'])('%s: the same JSON; a getter with explanations, a string without', (path) => {
    const ir = irOf(path);
    const lazy = preparePolicy(ir);
    const now = preparePolicy(ir, { explanations: false });
    const asOf = parsePlainDate('2024-12-31') as PlainDate;
    let superseded = 0;
    for (const input of generateCaseload({ children: 300, from: parsePlainDate('2020-01-01') as number, to: asOf, seed: 5, ir })) {
      const v = lazy.validate(input);
      if (!v.ok) throw new Error('a generated case is invalid');
      const a = lazy.evaluateNormalized(v.case, asOf).superseded;
      const b = now.evaluateNormalized(v.case, asOf).superseded;
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      for (const [x, y] of a.map((s, k): [SupersededObligation, SupersededObligation] => [s, b[k] as SupersededObligation])) {
        expect(Object.keys(y)).toEqual(Object.keys(x));
        expect(typeof Object.getOwnPropertyDescriptor(x, 'reason')?.get).toBe('function');
        expect(Object.getOwnPropertyDescriptor(y, 'reason')?.value).toBe(x.reason);
        expect(y.reason.length).toBeGreaterThan(0);
      }
      superseded += a.length;
    }
    expect(superseded).toBeGreaterThan(20);
  });
});
