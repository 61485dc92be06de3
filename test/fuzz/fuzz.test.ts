/**
 * The bounded slice of the fuzz suite that `npm test` runs: a fixed seed and a fixed number of
 * inputs of the seeded mutator (test/fuzz/harness.ts), every policy and golden case as the corpus,
 * each input through `compile`, `formatPolicy`, the interpreter's `evaluate` and, for cases of the
 * statutory policy, the committed emitted module the example service embeds
 * (examples/embedding/compiled/). Asserts: no exception escapes any of them, every diagnostic range
 * lies inside its own file, no case error or notice shows the canary planted in the case. No time
 * is asserted here (the machine may be busy); the campaign (`npm run fuzz`) bounds time per input.
 *
 * Also checks the mutators themselves: deterministic in the seed, and the inputs are mutations (not
 * the corpus unchanged) that reach every entry point.
 *
 * Input: policies/, test/cases/, examples/embedding/compiled/ (its runtime import pointed at this
 * tree's runtime/index.ts; written to test-artifacts/fuzz-module-<pid>/, removed after). Output: assertions; a failure names the seed and index to
 * replay with `npm run fuzz -- --seed S --from I --inputs 1 --no-modules`.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeoutFor } from '../support/processes.ts';
import { importEmitted, loadTargets, makeInput, ROOT, runInput, type FuzzTargets } from './harness.ts';
import { tokenize } from './mutate.ts';

const SEED = 'npm-test';
const INPUTS = 150;

const SCRATCH = join(ROOT, 'test-artifacts', `fuzz-module-${process.pid}`);
let targets: FuzzTargets;

beforeAll(async () => {
  targets = loadTargets();
  const statutory = targets.bases.find((b) => b.file === 'policies/england/statutory-reviews.pdl');
  if (statutory === undefined) throw new Error('no statutory policy among the bases');
  const js = readFileSync(join(ROOT, 'examples/embedding/compiled/statutory-reviews.mjs'), 'utf8');
  statutory.module = await importEmitted(js, SCRATCH, 'statutory-reviews');
}, timeoutFor(2));

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe('the mutators', () => {
  it('tokenize is total: the tokens joined are the text', () => {
    for (const text of targets.corpus.texts) expect(tokenize(text).map((t) => t.text).join('')).toBe(text);
  });

  it('the same seed and index give the same input; another index another one', () => {
    expect(JSON.stringify(makeInput(targets, SEED, 7))).toBe(JSON.stringify(makeInput(targets, SEED, 7)));
    const distinct = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(makeInput(targets, SEED, i))));
    expect(distinct.size).toBe(20);
  });
});

describe('a bounded fuzz slice', () => {
  it(`${INPUTS} mutated policies and cases: no exception, no range outside its file, no canary in a message`, () => {
    const kinds = { policy: 0, case: 0, module: 0, evaluatedPolicy: 0 };
    const texts = new Set(targets.corpus.texts);
    let unchanged = 0;
    const failures: string[] = [];
    for (let i = 0; i < INPUTS; i++) {
      const input = makeInput(targets, SEED, i);
      kinds[input.kind]++;
      if (input.kind === 'policy') {
        if (texts.has(input.text)) unchanged++;
        if (input.caseInput !== undefined) kinds.evaluatedPolicy++;
      } else if (input.policy === 'policies/england/statutory-reviews.pdl') kinds.module++;
      const outcome = runInput(targets, input);
      for (const f of outcome.findings) failures.push(`input ${i} (seed ${SEED}): ${f.kind} in ${f.where}: ${f.detail}`);
    }
    expect(failures).toEqual([]);
    // The slice reaches every entry point, and its inputs are mutations.
    expect(kinds.policy).toBeGreaterThan(INPUTS / 3);
    expect(kinds.case).toBeGreaterThan(INPUTS / 5);
    expect(kinds.module).toBeGreaterThan(0);
    expect(kinds.evaluatedPolicy).toBeGreaterThan(0);
    expect(unchanged).toBeLessThan(kinds.policy / 10);
  });
});
