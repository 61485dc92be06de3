/**
 * The readings outside the CLI: the playground's simulation (worker side) names its reading (static)
 * in the report it renders, and a synthetic run (a caseload generated from each seed, static reading)
 * repeated over seeds with the library's `overSeeds`: deterministic, the first seed's report being
 * the single run's, its figures within the intervals.
 *
 * Input: the playground's engine and sample policy (test/playground/fixtures.ts), the statutory policy
 * and test/simulate/fixtures/days-restart.pdl. Output: assertions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../playground/src/engine.ts';
import { createMemoryHost, policyEntriesFromModules } from '../../playground/src/host.ts';
import { EXAMPLE_LOCAL_POLICY, EXAMPLE_LOCAL_URI } from '../../playground/src/samples.ts';
import { simulate as simulateInPlayground } from '../../playground/src/simulation.ts';
import { policyModules, STATUTORY_URI, statutoryText } from '../playground/fixtures.ts';
import { createFileHost } from '../../cli/file-host.ts';
import { parsePlainDate } from '../../runtime/index.ts';
import type { CompiledPolicy, PlainDate } from '../../runtime/index.ts';
import { generateCaseload, overSeeds, simulate, valueRecords } from '../../simulation/index.ts';
import type { SimulationReport } from '../../simulation/index.ts';
import { compiledPolicy } from '../support/compiled.ts';

describe('the playground names the reading', () => {
  it('its simulation report is the static reading, with its assumption', () => {
    const engine = createEngine(createMemoryHost(policyEntriesFromModules(policyModules)));
    const response = simulateInPlayground(engine, { kind: 'simulate', requestId: 1, policyText: EXAMPLE_LOCAL_POLICY, uri: EXAMPLE_LOCAL_URI, baselineText: statutoryText, baselineUri: STATUTORY_URI, cases: 30, seed: 3, asOf: '2025-12-01' });
    expect(response.report?.reading?.name).toBe('static');
    expect(response.report?.reading?.assumptions[0]).toMatch(/^The caseload's events as they happened/);
  });
});

describe('a synthetic run over seeds (library)', () => {
  const ROOT = fileURLToPath(new URL('../..', import.meta.url));
  const host = createFileHost([`${ROOT}policies`], ROOT);
  const load = (path: string): CompiledPolicy => {
    return compiledPolicy(readFileSync(`${ROOT}${path}`, 'utf8'), { uri: path, host, explanations: false });
  };
  const baseline = load('policies/england/statutory-reviews.pdl');
  const reform = load('test/simulate/fixtures/days-restart.pdl');
  const from = parsePlainDate('2023-01-01') as PlainDate;
  const to = parsePlainDate('2024-12-31') as PlainDate;
  const run = (seed: string): SimulationReport => simulate(baseline, reform, valueRecords([...generateCaseload({ children: 80, from, to, seed, ir: baseline.ir })], 'synthetic'), to);

  it('is deterministic, starts with the single run, and its intervals hold the single-run figures', () => {
    const many = overSeeds('syn', 4, run);
    expect(JSON.stringify(overSeeds('syn', 4, run))).toBe(JSON.stringify(many));
    const single = run('syn');
    expect(many.rules).toEqual(single.rules);
    expect(many.intervals?.seeds).toEqual(['syn', 'syn#2', 'syn#3', 'syn#4']);
    const share = many.intervals?.measures.find((m) => m.measure === 'reviewsWithinShare');
    expect(share?.first.baseline).toBeCloseTo((single.reviews.baseline.share ?? 0) * 100, 3);
    for (const m of many.intervals?.measures ?? []) {
      for (const side of ['baseline', 'reform'] as const) {
        const iv = m[side];
        const first = m.first[side];
        if (iv === null || first === null) continue;
        expect(iv.p5 <= first && first <= iv.p95).toBe(true);
      }
    }
    // Four different caseloads: the children overdue are not the same in all four.
    const overdue = many.intervals?.measures.find((m) => m.measure === 'childrenOverdue');
    expect(overdue?.baseline?.p5).toBeLessThan(overdue?.baseline?.p95 ?? 0);
  });
});
