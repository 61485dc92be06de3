/**
 * The differential test (docs/embedding.md, issue 5): for every policy in policies/, the module
 * `pdl compile` emits (its JavaScript, loaded as plain ESM, with `@pdl/runtime` resolved to the
 * built packages/runtime/dist) and the interpreter (the policy compiled from source by
 * compiler/index.ts) return identical outcomes, JSON-equal, on
 * - every one of the policy's YAML tests (case and as-of date as written), and
 * - 600 seeded random cases per policy from its own vocabulary (test/emit/emitted.ts: events and
 *   facts of every declared type; one in four broken by one of 25 mutations, so that error reports
 *   are compared and the module's fast path for valid input is shown not to accept invalid input), and
 * - 100 seeded synthetic cases per policy from the caseload generator (realistic timelines).
 *
 * Input: policies/, packages/runtime/dist (built by `npm test`'s pretest). Output: assertions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPlainDate, parsePlainDate } from '../../runtime/index.ts';
import { createCaseGenerator, createRandom, hashSeed } from '../../simulation/index.ts';
import { emitAndLoad, expectRandomAgreement, expectSameOutcome, policyFiles, randomValue, removeEmitted, type LoadedPolicy } from './emitted.ts';

const RANDOM_CASES = 600;
const SYNTHETIC_CASES = 100;

const policies = policyFiles();
let loaded = new Map<string, LoadedPolicy>();

beforeAll(async () => {
  loaded = await emitAndLoad(policies);
}, 240_000);

afterAll(removeEmitted);

describe('emitted modules and the interpreter agree', () => {
  it('covers the six policies', () => {
    expect(policies.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of policies) {
    describe(file, () => {
      it('on every one of its YAML tests', () => {
        const entry = loaded.get(file)!;
        expect(entry.policy.tests.length).toBeGreaterThan(0);
        let results = 0;
        for (const test of entry.policy.tests) {
          const input = { id: test.name, ...test.case };
          const interpreted = expectSameOutcome(entry, input, test.asOf, test.name);
          if ((interpreted as { ok: boolean }).ok) results++;
        }
        // Most tests are valid cases with results (a few test rejected input).
        expect(results).toBeGreaterThan(entry.policy.tests.length / 2);
      });

      it(`on ${RANDOM_CASES} seeded random cases from its vocabulary`, () => {
        const { valid: ok, obligations } = expectRandomAgreement(loaded.get(file)!, file, RANDOM_CASES);
        // The comparison must have covered both results and rejections, and real obligations.
        expect(ok).toBeGreaterThan(RANDOM_CASES / 2);
        expect(ok).toBeLessThan(RANDOM_CASES);
        expect(obligations).toBeGreaterThan(RANDOM_CASES);
      });

      it(`on ${SYNTHETIC_CASES} synthetic cases from the caseload generator`, () => {
        const entry = loaded.get(file)!;
        const from = parsePlainDate('2023-04-01')!;
        const to = parsePlainDate('2025-03-31')!;
        // The generator invents no facts: it writes cases for the policy with its facts optional, and
        // the required facts are drawn at random here.
        const ir = entry.policy.ir;
        const generator = createCaseGenerator({ children: SYNTHETIC_CASES, from, to, seed: `differential ${file}`, ir: { ...ir, facts: ir.facts.map((f) => ({ ...f, optional: true })) } });
        const roles = ir.roles.map((r) => r.name);
        let obligations = 0;
        for (let i = 0; i < SYNTHETIC_CASES; i++) {
          const generated = generator.generate(i);
          const r = createRandom(hashSeed(file), i);
          const facts: Record<string, unknown> = { ...generated.facts };
          for (const f of ir.facts) if (!f.optional) facts[f.name] = randomValue(f.type, roles, r, from);
          const input = ir.facts.length === 0 ? generated : { ...generated, facts };
          const asOf = formatPlainDate(to + (i % 7) * 30 - 90);
          const interpreted = expectSameOutcome(entry, input, asOf, `synthetic case ${i}`);
          expect((interpreted as { ok: boolean }).ok, `synthetic case ${i} is valid`).toBe(true);
          obligations += (interpreted as { result: { obligations: unknown[] } }).result.obligations.length;
        }
        expect(obligations).toBeGreaterThan(SYNTHETIC_CASES);
      });
    });
  }
});
