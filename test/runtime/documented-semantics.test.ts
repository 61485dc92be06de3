/**
 * Three behaviours docs/language.md states (they were once left unsaid), each pinned from PDL source
 * through the compiler and the evaluator:
 * - `count(EVENT)` in a rule's `when` counts the events of that type dated on or before the anchor
 *   date, so it includes the anchor event itself and any other of that type on the same day;
 * - an approval pairs each decision, in date order, with the latest request dated on or before it
 *   (the same day included) that no earlier decision of that approval has taken;
 * - ladder stage numbers must be distinct and increasing but may skip, and raising the stage after a
 *   gap is not a bypass (only declared stages can be bypassed).
 *
 * Input: small policies written here and cases as plain JSON. Output: assertions on obligations,
 * violations, escalations and compile diagnostics.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileToIr, type CompilerHost } from '../../compiler/pipeline.ts';
import { preparePolicy, type EvaluationResult } from '../../runtime/index.ts';

function prepare(text: string): ReturnType<typeof preparePolicy> {
  const result = compileToIr(text, { uri: 'semantics.pdl' });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return preparePolicy(result.ir!);
}

const statutory = readFileSync(new URL('../../policies/england/statutory-reviews.pdl', import.meta.url), 'utf8');
const host: CompilerHost = { findPolicy: (id) => (id === 'england.statutory_reviews' ? { uri: 'statutory.pdl', text: statutory } : undefined) };

type Ev = { type: string; date: string; [k: string]: unknown };

function run(text: string, events: Ev[], asOf: string): EvaluationResult {
  const r = prepare(text).evaluate({ id: 'case-1', child: { dob: '2014-02-01' }, events }, asOf);
  if (!r.ok) throw new Error(`unexpected case errors: ${JSON.stringify(r.errors)}`);
  return r.result;
}

describe('count() includes the anchor event', () => {
  const policy = [
    'policy t.count',
    '  title "Count"',
    'role sw "Social worker"',
    'event move { to: text }',
    'event visit',
    'deadline visit_after_third_move',
    '  owner sw',
    '  due within 5 days of move',
    '  when count(move) >= 3',
    '  met by visit',
    '  cite "1"',
    '',
  ].join('\n');

  it('the third move is counted by its own deadline: an obligation from the third move on, not from the fourth', () => {
    const moves = ['2025-01-10', '2025-02-10', '2025-03-10', '2025-04-10'].map((date, i) => ({ type: 'move', date, to: `placement ${i}` }));
    const r = run(policy, moves, '2025-06-01');
    expect(r.obligations.map((o) => o.anchor.date)).toEqual(['2025-03-10', '2025-04-10']);
  });

  it('a move on the same day as the anchor counts too, even when recorded after it', () => {
    // Two moves on one day, to different placements (identical records would be one move recorded
    // twice: notice/repeated-event).
    const moves = ['2025-01-10', '2025-02-10', '2025-02-10'].map((date, i) => ({ type: 'move', date, to: `placement ${i}` }));
    const r = run(policy, moves, '2025-06-01');
    // Both moves of 10 Feb see count(move) = 3 on their anchor date.
    expect(r.obligations.map((o) => o.anchor.date)).toEqual(['2025-02-10', '2025-02-10']);
  });
});

describe('how an approval pairs a decision with a request', () => {
  const policy = [
    'policy t.approval',
    '  title "Approval"',
    'role sw "Social worker"',
    'role tm "Team manager"',
    'event asked',
    'event decided { by: role }',
    'approval change "A change"',
    '  request asked',
    '  decision decided',
    '  approved by tm',
    '  cite "1"',
    '',
  ].join('\n');

  it('two requests then two decisions: the first decision takes the later request, the second the earlier', () => {
    const r = run(policy, [
      { type: 'asked', date: '2025-03-01' },
      { type: 'asked', date: '2025-03-05' },
      { type: 'decided', date: '2025-03-10', by: 'tm' },
      { type: 'decided', date: '2025-03-11', by: 'tm' },
    ], '2025-06-01');
    expect(r.violations).toEqual([]);
  });

  it('a third decision finds every request taken: a violation "no request"', () => {
    const r = run(policy, [
      { type: 'asked', date: '2025-03-01' },
      { type: 'asked', date: '2025-03-05' },
      { type: 'decided', date: '2025-03-10', by: 'tm' },
      { type: 'decided', date: '2025-03-11', by: 'tm' },
      { type: 'decided', date: '2025-03-12', by: 'tm' },
    ], '2025-06-01');
    expect(r.violations.map((v) => [v.kind, v.event.date])).toEqual([['approval', '2025-03-12']]);
    expect(r.violations[0]?.message).toContain('has no asked on or before it');
  });

  it('a request on the same day as the decision pairs with it, whatever their order in the case', () => {
    const r = run(policy, [
      { type: 'decided', date: '2025-03-10', by: 'tm' },
      { type: 'asked', date: '2025-03-10' },
    ], '2025-06-01');
    expect(r.violations).toEqual([]);
  });

  it('a request after the decision does not pair with it', () => {
    const r = run(policy, [
      { type: 'decided', date: '2025-03-10', by: 'tm' },
      { type: 'asked', date: '2025-03-11' },
    ], '2025-06-01');
    expect(r.violations.map((v) => v.event.date)).toEqual(['2025-03-10']);
  });
});

describe('ladder stage numbers may skip', () => {
  const ladder = (numbers: number[], bypass: boolean): string =>
    [
      'policy t.ladder extends england.statutory_reviews',
      '  title "Ladder"',
      'ladder disputes "Disputes"',
      '  raised by iro',
      ...(bypass ? ['  stages may be bypassed'] : []),
      ...numbers.map((n) => `  stage ${n} alert team_manager respond within 5 working days`),
      '  cite "1"',
      '',
    ].join('\n');

  it('stages 1, 2 and 5 compile; 2 after 5, or 2 twice, do not', () => {
    const codes = (numbers: number[]): string[] => compileToIr(ladder(numbers, false), { uri: 'l.pdl', host }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
    expect(codes([1, 2, 5])).toEqual([]);
    expect(codes([1, 5, 2])).toEqual(['pdl/invalid-stage']);
    expect(codes([1, 2, 2])).toEqual(['pdl/invalid-stage']);
  });

  it('raising stage 5 after stage 2 is not a bypass when no stage 3 or 4 is declared', () => {
    const evaluate = (numbers: number[], raised: number[]): EvaluationResult => {
      const result = compileToIr(ladder(numbers, false), { uri: 'l.pdl', host });
      expect(result.ir).toBeDefined();
      const events = raised.map((stage, i) => ({ type: 'escalation_raised', date: `2025-03-1${i}`, ladder: 'disputes', stage }));
      const r = preparePolicy(result.ir!).evaluate({ id: 'case-1', child: { dob: '2014-02-01' }, events }, '2025-03-20');
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.result;
    };
    expect(evaluate([1, 2, 5], [1, 2, 5]).violations.filter((v) => v.kind === 'ladder')).toEqual([]);
    // With a stage 3 declared, going from 2 to 5 bypasses it (this ladder does not allow that).
    const bypassed = evaluate([1, 2, 3, 5], [1, 2, 5]).violations.filter((v) => v.kind === 'ladder');
    expect(bypassed).toHaveLength(1);
    expect(bypassed[0]?.message).toContain('skipped');
  });
});
