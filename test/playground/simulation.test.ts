/**
 * The simulation tab's worker side (`playground/src/simulation.ts`): the edited policy against the
 * statutory baseline over a generated caseload, deterministic for a seed; problems reported, never
 * thrown.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../playground/src/engine.ts';
import { createMemoryHost, policyEntriesFromModules } from '../../playground/src/host.ts';
import type { SimulateRequest } from '../../playground/src/protocol.ts';
import { EXAMPLE_LOCAL_POLICY, EXAMPLE_LOCAL_URI } from '../../playground/src/samples.ts';
import { simulate } from '../../playground/src/simulation.ts';
import { policyModules, STATUTORY_URI, statutoryText } from './fixtures.ts';

const engine = createEngine(createMemoryHost(policyEntriesFromModules(policyModules)));

function request(overrides: Partial<SimulateRequest> = {}): SimulateRequest {
  return { kind: 'simulate', requestId: 9, policyText: EXAMPLE_LOCAL_POLICY, uri: EXAMPLE_LOCAL_URI, baselineText: statutoryText, baselineUri: STATUTORY_URI, cases: 120, seed: 7, asOf: '2025-12-01', ...overrides };
}

describe('playground simulation', () => {
  it('compares the edited policy with the baseline over generated cases', () => {
    const response = simulate(engine, request());
    expect(response).toMatchObject({ kind: 'simulate', requestId: 9 });
    expect(response.problem).toBeUndefined();
    const report = response.report;
    expect(report?.input).toEqual({ cases: 120, evaluated: 120, failed: 0 });
    expect(report?.baseline.id).toBe('england.statutory_reviews');
    expect(report?.reform.id).toBe('example.local_reviews');
    expect(report?.rules.map((r) => r.rule)).toEqual(expect.arrayContaining(['looked_after_review', 'care_plan_before_review']));
    expect(response.period).toEqual({ from: '2023-12-01', to: '2025-12-01' });
    // Plain data, the same for the same seed.
    expect(JSON.parse(JSON.stringify(response.report))).toEqual(response.report);
    expect(simulate(engine, request()).report).toEqual(report);
    expect(simulate(engine, request({ seed: 8 })).report).not.toEqual(report);
  });

  it('sees a shorter statutory timescale in the edited baseline of an extending policy', () => {
    const shorter = statutoryText.replace('first  within 20 working days', 'first  within 5 working days');
    const response = simulate(engine, request({ policyText: shorter, uri: STATUTORY_URI }));
    const review = response.report?.rules.find((r) => r.rule === 'looked_after_review');
    expect(review?.reform?.breaches ?? 0).toBeGreaterThan(review?.baseline?.breaches ?? 0);
  });

  it('reports a policy that does not compile or a bad date, and never throws', () => {
    expect(simulate(engine, request({ policyText: 'policy x\n  owner' })).problem).toContain('does not compile');
    expect(simulate(engine, request({ asOf: 'soon' })).problem).toContain('not a date');
  });

  it('compares a one-rule edit with the policy as loaded: that rule changes and nothing else (issue 13, item 5)', () => {
    // The issue's own example: the statutory second review brought forward from 3 to 2 months. Before,
    // the baseline carried the edit too and the report said "53.9% -> 53.9%".
    const edited = statutoryText.replace('second within 3 months of the previous review_held', 'second within 2 months of the previous review_held');
    expect(edited).not.toBe(statutoryText);
    const labels = { baseline: 'england.statutory_reviews as loaded', reform: 'england.statutory_reviews with your edits (1 policy)' };
    const response = simulate(engine, request({ policyText: edited, uri: STATUTORY_URI, overlay: { [STATUTORY_URI]: edited }, baselineText: statutoryText, baselineUri: STATUTORY_URI, baselineOverlay: {}, labels }));
    const report = response.report;
    if (report === undefined) throw new Error(response.problem);
    expect(response.labels).toEqual(labels);
    const review = report.rules.find((r) => r.rule === 'looked_after_review');
    // A shorter timescale: more reviews late, fewer within timescale.
    expect(review?.reform?.breaches ?? 0).toBeGreaterThan(review?.baseline?.breaches ?? 0);
    expect(report.reviews.reform.share ?? 1).toBeLessThan(report.reviews.baseline.share ?? 0);
    // Every other rule is the same on both sides.
    for (const r of report.rules.filter((x) => x.rule !== 'looked_after_review')) expect(r.reform).toEqual(r.baseline);
    // Without the baseline's own (empty) overlay, the edit reaches both sides and nothing changes: the old behaviour, still available.
    const both = simulate(engine, request({ policyText: edited, uri: STATUTORY_URI, overlay: { [STATUTORY_URI]: edited }, baselineText: edited, baselineUri: STATUTORY_URI })).report;
    expect(both?.rules.find((r) => r.rule === 'looked_after_review')?.reform).toEqual(both?.rules.find((r) => r.rule === 'looked_after_review')?.baseline);
  });

  it('keeps a parent edit off the baseline side when the baseline is the child as loaded', () => {
    // The example local policy extends the statutory one; the user edits the statutory first review.
    const shorter = statutoryText.replace('first  within 20 working days', 'first  within 5 working days');
    const response = simulate(engine, request({ overlay: { [STATUTORY_URI]: shorter }, baselineText: EXAMPLE_LOCAL_POLICY, baselineUri: EXAMPLE_LOCAL_URI, baselineOverlay: {} }));
    const review = response.report?.rules.find((r) => r.rule === 'looked_after_review');
    expect(review?.reform?.breaches ?? 0).toBeGreaterThan(review?.baseline?.breaches ?? 0);
    expect(response.report?.baseline.id).toBe('example.local_reviews');
  });
});

