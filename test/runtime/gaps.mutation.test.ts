/**
 * Tests written to kill the surviving mutants of runtime/gaps.ts (docs/testing.md, "Mutation
 * testing"), on the repository's own policies, each prepared inside its test (test/runtime/gaps.test.ts
 * prepares them at import, which leaves `compileGaps`'s mutants without a test of their own): a
 * review on the very day the run starts, an event on the day another cycle starts, a cycle started
 * earlier that does not take the event, a request on the day of the decision or after it, decisions of
 * two approvals lacking their requests (notices in the order of the decisions), and a postponement
 * taking effect on the day it was approved.
 *
 * Input: policies/england/statutory-reviews.pdl, bristol.pdl and peterborough.pdl compiled once here;
 * cases built here. Output: assertions only.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/index.ts';
import type { CompilerHost } from '../../compiler/index.ts';
import { preparePolicy } from '../../runtime/index.ts';
import type { CompiledPolicy, EvaluationResult, Notice, PolicyIR } from '../../runtime/index.ts';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const statutory = read('policies/england/statutory-reviews.pdl');
const host: CompilerHost = { findPolicy: (id) => (id === 'england.statutory_reviews' ? { uri: 'statutory-reviews.pdl', text: statutory } : undefined) };

function irOf(path: string): PolicyIR {
  const result = compileToIr(read(path), { uri: path, host });
  if (result.ir === undefined) throw new Error(`${path} does not compile`);
  return result.ir;
}

const ENGLAND = irOf('policies/england/statutory-reviews.pdl');
const BRISTOL = irOf('policies/bristol.pdl');
const PETERBOROUGH = irOf('policies/peterborough.pdl');

type Ev = { type: string; date: string; [k: string]: unknown };

function run(ir: PolicyIR, events: Ev[], asOf: string): EvaluationResult {
  const p: CompiledPolicy = preparePolicy(ir);
  const r = p.evaluate({ id: 'case-gaps', child: { dob: '2015-03-01' }, events }, asOf);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.result;
}

const GAP_CODES = new Set(['notice/cycle-not-started', 'notice/decision-without-request', 'notice/approved-step-not-recorded']);
const gaps = (r: EvaluationResult): Notice[] => r.notices.filter((n) => GAP_CODES.has(n.code));

describe('notice/cycle-not-started', () => {
  it('a review with no start recorded is a gap; one on the very day of the start, listed first, is not', () => {
    expect(gaps(run(ENGLAND, [{ type: 'review_held', date: '2025-05-13' }], '2025-06-01')).map((n) => [n.params, n.caseData])).toEqual([
      [{ rule: 'looked_after_review', event: 'review_held', starts: ['became_looked_after'] }, { date: '2025-05-13' }],
    ]);
    expect(gaps(run(ENGLAND, [{ type: 'review_held', date: '2025-04-14' }, { type: 'became_looked_after', date: '2025-04-14' }], '2025-06-01'))).toEqual([]);
  });

  it('an adoption review on the day authority to place is recorded belongs to the cycle that started that day', () => {
    const r = run(PETERBOROUGH, [{ type: 'adoption_review_held', date: '2025-04-07' }, { type: 'authority_to_place_obtained', date: '2025-04-07' }], '2025-05-01');
    expect(gaps(r)).toEqual([]);
  });

  it('a cycle started earlier that does not take the event does not account for it', () => {
    const r = run(PETERBOROUGH, [{ type: 'became_looked_after', date: '2025-01-06' }, { type: 'adoption_review_held', date: '2025-04-07' }], '2025-05-01');
    expect(gaps(r).map((n) => n.params)).toEqual([
      { rule: 'adoption_review_after_placement', event: 'adoption_review_held', starts: ['placed_for_adoption'] },
      { rule: 'adoption_review_before_placement', event: 'adoption_review_held', starts: ['authority_to_place_obtained'] },
    ]);
  });
});

describe('notice/decision-without-request', () => {
  const decisions = (r: EvaluationResult): Notice[] => r.notices.filter((n) => n.code === 'notice/decision-without-request');
  const REQUEST = { type: 'review_postponement_requested', by: 'social_worker', meeting: '2025-05-13' };
  const APPROVED = { type: 'review_postponement_approved', by: 'service_manager' };

  it('a request on the day of the decision pairs with it; one after it does not', () => {
    expect(decisions(run(BRISTOL, [{ ...REQUEST, date: '2025-05-07' }, { ...APPROVED, date: '2025-05-07' }], '2025-05-12'))).toEqual([]);
    expect(decisions(run(BRISTOL, [{ ...APPROVED, date: '2025-05-07' }, { ...REQUEST, date: '2025-05-08' }], '2025-05-12'))).toEqual([
      {
        code: 'notice/decision-without-request',
        message:
          'the `review_postponement_approved` event of 2025-05-07 has no `review_postponement_requested` on or before it to pair with, so approvals `iro_postponement`, `social_worker_postponement` could not check who approved it or the steps required before it; a `review_postponement_requested` on or before that date would make them measurable',
        params: { event: 'review_postponement_approved', request: 'review_postponement_requested', approvals: ['iro_postponement', 'social_worker_postponement'] },
        caseData: { date: '2025-05-07' },
      },
    ]);
  });

  it('decisions of two approvals without their requests: the notices follow the decisions, whatever the order of the approvals', () => {
    const cancelled = { type: 'review_cancelled_no_care_plan', by: 'iro' };
    const told = (events: Ev[]) => decisions(run(BRISTOL, events, '2025-05-12')).map((n) => ['event' in n.params ? n.params.event : '', n.caseData?.date]);
    expect(told([{ ...APPROVED, date: '2025-05-06' }, { ...cancelled, date: '2025-05-07' }])).toEqual([
      ['review_postponement_approved', '2025-05-06'],
      ['review_cancelled_no_care_plan', '2025-05-07'],
    ]);
    expect(told([{ ...cancelled, date: '2025-05-06' }, { ...APPROVED, date: '2025-05-07' }])).toEqual([
      ['review_cancelled_no_care_plan', '2025-05-06'],
      ['review_postponement_approved', '2025-05-07'],
    ]);
  });
});

describe('notice/approved-step-not-recorded', () => {
  const request: Ev[] = [
    { type: 'review_postponement_requested', date: '2025-05-01', by: 'social_worker', meeting: '2025-05-13', ref: 'p1' },
    { type: 'discussion_held', date: '2025-05-02', with: 'team_manager', about: 'postponement', ref: 'p1' },
    { type: 'discussion_held', date: '2025-05-05', with: 'service_manager', about: 'postponement', ref: 'p1' },
    { type: 'review_postponement_approved', date: '2025-05-06', by: 'service_manager', ref: 'p1' },
  ];

  it('a postponement taking effect on the day it was approved answers the approval; none at all does not', () => {
    expect(gaps(run(BRISTOL, [...request, { type: 'review_postponed', date: '2025-05-06', by: 'social_worker', emergency: false, ref: 'p1' }], '2025-05-20'))).toEqual([]);
    expect(gaps(run(BRISTOL, request, '2025-05-20')).map((n) => [n.code, n.caseData])).toEqual([['notice/approved-step-not-recorded', { date: '2025-05-06' }]]);
  });
});
