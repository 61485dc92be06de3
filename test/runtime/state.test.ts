/**
 * Facts over time (docs/language.md, "Facts over time"): a fact `set by` events is read as the value
 * in force on the date a condition is read at; `EVENT.date`; `days since the last EVENT`; `until ...
 * where` and `restarts on ... where` in cycles; where criteria say a value came from; the case
 * schema's description of such a fact.
 *
 * Input: small policies compiled from text, and cases as plain JSON. Output: vitest assertions.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/pipeline.ts';
import { caseSchema, preparePolicy } from '../../runtime/index.ts';
import type { EvaluationResult, PolicyIR } from '../../runtime/index.ts';

const HEADER = `policy example.state
  title "Facts over time"

role social_worker "Social worker"

fact legal_status: enum(s20, s31, placement_order) set by legal_status_changed.status
fact on_plan?: boolean set by plan_started to true or plan_ended to false
fact plan_since?: date set by plan_started to 2020-01-01

event legal_status_changed { status?: enum(s20, s31) }
event plan_started
event plan_ended
event visit_made
event review_held
event stop { reason: enum(done, paused) }
event move { planned: boolean }
`;

function compiled(rules: string): PolicyIR {
  const result = compileToIr(`${HEADER}\n${rules}`, { uri: 'state.pdl' });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (result.ir === undefined) throw new Error('no IR');
  return result.ir;
}

function run(ir: PolicyIR, events: readonly Record<string, unknown>[], asOf: string, facts: Record<string, unknown> = { legal_status: 's20' }): EvaluationResult {
  const evaluation = preparePolicy(ir).evaluate({ id: 'c', child: { dob: '2015-06-01' }, facts, events }, asOf);
  if (!evaluation.ok) throw new Error(JSON.stringify(evaluation.errors));
  return evaluation.result;
}

const reviews = (...dates: string[]) => dates.map((date) => ({ type: 'review_held', date }));
const anchorsOf = (r: EvaluationResult, rule: string): string[] => r.obligations.filter((o) => o.rule === rule).map((o) => o.anchor.date);

describe('a fact set by events', () => {
  const ir = compiled(`deadline visit "Visit"
  owner social_worker
  due within 10 days of review_held
  when on_plan and legal_status is s31
  met by visit_made
  cite "1"
`);

  it('is read as the value in force on the anchor date, the case value being the value before any event', () => {
    const r = run(ir, [
      ...reviews('2025-01-10'), // s20 (the case's value), no plan: no obligation
      { type: 'legal_status_changed', date: '2025-02-01', status: 's31' },
      ...reviews('2025-02-10'), // s31, but no plan yet
      { type: 'plan_started', date: '2025-03-01' },
      ...reviews('2025-03-10'), // s31 and on a plan: an obligation
      { type: 'plan_ended', date: '2025-04-01' },
      ...reviews('2025-04-10'), // the plan has ended
    ], '2025-05-01', { legal_status: 's20', on_plan: false });
    expect(anchorsOf(r, 'visit')).toEqual(['2025-03-10']);
  });

  it('counts a setting event dated on the anchor date, and the later of two on one date in case order', () => {
    const r = run(ir, [
      { type: 'legal_status_changed', date: '2025-02-01', status: 's31' },
      { type: 'plan_ended', date: '2025-03-10' },
      { type: 'plan_started', date: '2025-03-10' },
      ...reviews('2025-03-10'),
    ], '2025-05-01');
    expect(anchorsOf(r, 'visit')).toEqual(['2025-03-10']);
    const reversed = run(ir, [
      { type: 'legal_status_changed', date: '2025-02-01', status: 's31' },
      { type: 'plan_started', date: '2025-03-10' },
      { type: 'plan_ended', date: '2025-03-10' },
      ...reviews('2025-03-10'),
    ], '2025-05-01');
    expect(anchorsOf(reversed, 'visit')).toEqual([]);
  });

  it('keeps its value when the setting attribute is absent, and is missing (with a notice) when nothing gave it one', () => {
    const r = run(ir, [
      { type: 'legal_status_changed', date: '2025-02-01', status: 's31' },
      { type: 'legal_status_changed', date: '2025-02-05' },
      { type: 'plan_started', date: '2025-03-01' },
      ...reviews('2025-03-10'),
    ], '2025-05-01');
    expect(anchorsOf(r, 'visit')).toEqual(['2025-03-10']);
    const missing = run(ir, [...reviews('2025-03-10')], '2025-05-01');
    expect(anchorsOf(missing, 'visit')).toEqual([]);
    expect(missing.notices.map((n) => n.code)).toContain('notice/optional-fact-missing');
  });

  it('is described in the case schema as its initial value', () => {
    const schema = caseSchema(ir);
    expect(schema.properties?.['facts']?.properties?.['on_plan']?.description).toBe('on_plan: its value before any of these events; then set by each plan_started (to true), plan_ended (to false)');
  });
});

describe('criteria', () => {
  it('say which event set a value they read, and on which date', () => {
    const ir = compiled(`criteria status "Status"
  all of
    "on a care order": legal_status is s31
  cite "1"
`);
    const r = run(ir, [{ type: 'legal_status_changed', date: '2025-02-01', status: 's31' }], '2025-05-01');
    expect(r.criteria[0]?.conditions[0]).toEqual({ label: 'on a care order', value: true, reason: '`legal_status` is s31 (`legal_status` set by legal_status_changed on 2025-02-01)' });
    const before = run(ir, [{ type: 'legal_status_changed', date: '2025-06-01', status: 's31' }], '2025-05-01');
    expect(before.criteria[0]?.conditions[0]).toEqual({ label: 'on a care order', value: false, reason: '`legal_status` is s20, not s31' });
  });
});

describe('reading the timeline', () => {
  const ir = compiled(`deadline gap "Visit after a gap"
  owner social_worker
  due within 5 days of review_held
  when days since the last visit_made > 42
  met by visit_made where visit_made.date >= 2025-01-01
  cite "2"
`);

  it('`days since the last EVENT` counts calendar days to the anchor date, and is false with no such event', () => {
    const r = run(ir, [
      ...reviews('2025-01-01'), // no visit yet: false
      { type: 'visit_made', date: '2025-01-02' },
      ...reviews('2025-02-13'), // 42 days: not over 42
      ...reviews('2025-02-14'), // 43 days
    ], '2025-03-01');
    expect(anchorsOf(r, 'gap')).toEqual(['2025-02-14']);
  });

  it('`EVENT.date` reads the date of the candidate event', () => {
    const r = run(ir, [{ type: 'visit_made', date: '2024-11-01' }, ...reviews('2024-12-20'), { type: 'visit_made', date: '2024-12-22' }, { type: 'visit_made', date: '2025-01-02' }], '2025-03-01');
    expect(r.obligations.find((o) => o.rule === 'gap')?.satisfiedOn).toBe('2025-01-02');
  });
});

describe('cycles with `until ... where` and `restarts on ... where`', () => {
  const ir = compiled(`cycle visits "Visits"
  owner social_worker
  runs from plan_started until stop where stop.reason is done
  restarts on move where not move.planned
  first within 10 days of plan_started
  then within 10 days of the previous visit_made
  met by visit_made
  cite "3"
`);

  it('end or restart a run only on the events whose condition holds', () => {
    const r = run(ir, [
      { type: 'plan_started', date: '2025-01-01' },
      { type: 'stop', date: '2025-01-02', reason: 'paused' }, // does not end the run
      { type: 'move', date: '2025-01-03', planned: true }, // does not restart it
      { type: 'visit_made', date: '2025-01-05' },
      { type: 'move', date: '2025-01-20', planned: false }, // restarts (occurrence 2, due 01-15, stays overdue)
      { type: 'stop', date: '2025-01-25', reason: 'done' }, // ends the new run: its first, due 01-30, is superseded
    ], '2025-03-01');
    expect(r.obligations.filter((o) => o.rule === 'visits').map((o) => [o.occurrence, o.anchor.date, o.status])).toEqual([
      [1, '2025-01-01', 'met'],
      [2, '2025-01-05', 'overdue'],
    ]);
    expect(r.superseded.filter((s) => s.rule === 'visits').map((s) => [s.anchor.date, s.anchor.event])).toEqual([['2025-01-20', 'move']]);
  });
});
