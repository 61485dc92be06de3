/**
 * Silent gaps (runtime/gaps.ts): rules the case shows to apply that could not be measured are named by
 * a notice, with the event that would make them measurable; rules whose trigger did not happen are
 * not. Each case is worked by hand from the words of the direction it quotes (the five policies of
 * policies/, compiled from their files), and the expected notices are written out in full.
 *
 * Input: the repository's policies and small cases built here. Output: assertions only.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileToIr, type CompilerHost } from '../../compiler/pipeline.ts';
import { preparePolicy, renderForLog, type CompiledPolicy, type EvaluationResult, type Notice } from '../../runtime/index.ts';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const statutory = read('policies/england/statutory-reviews.pdl');
const host: CompilerHost = { findPolicy: (id) => (id === 'england.statutory_reviews' ? { uri: 'statutory-reviews.pdl', text: statutory } : undefined) };

function prepare(path: string): CompiledPolicy {
  const result = compileToIr(read(path), { uri: path, host });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return preparePolicy(result.ir!);
}

const england = prepare('policies/england/statutory-reviews.pdl');
const bristol = prepare('policies/bristol.pdl');
const southGlos = prepare('policies/south-glos.pdl');
const peterborough = prepare('policies/peterborough.pdl');

type Ev = { type: string; date: string; [k: string]: unknown };

function run(policy: CompiledPolicy, events: Ev[], asOf: string): EvaluationResult {
  const r = policy.evaluate({ id: 'case-1', child: { dob: '2015-03-01' }, events }, asOf);
  if (!r.ok) throw new Error(`unexpected case errors: ${JSON.stringify(r.errors)}`);
  return r.result;
}

const GAP_CODES = new Set(['notice/cycle-not-started', 'notice/decision-without-request']);
const gaps = (r: EvaluationResult): Notice[] => r.notices.filter((n) => GAP_CODES.has(n.code));

describe('notice/cycle-not-started', () => {
  // reg 33(1): "within 20 working days of the date on which the child becomes looked after"; the
  // baseline's cycle runs from `became_looked_after`.
  it('a review held for a child whose becoming looked after is not recorded: the reviews could not be measured', () => {
    const r = run(england, [{ type: 'review_held', date: '2025-05-13' }, { type: 'review_held', date: '2025-08-12' }], '2025-09-01');
    expect(r.obligations).toEqual([]);
    expect(gaps(r)).toEqual([
      {
        code: 'notice/cycle-not-started',
        message:
          'the `review_held` event of 2025-05-13 shows that cycle `looked_after_review` applies, but no `became_looked_after` on or before it started a run, so the cycle could not be measured; a `became_looked_after` on or before that date would make it measurable',
        params: { rule: 'looked_after_review', event: 'review_held', starts: ['became_looked_after'] },
        caseData: { date: '2025-05-13' },
      },
    ]);
    // The log form leaves the date out.
    expect(renderForLog(gaps(r)[0]!)).not.toContain('2025-05-13');
  });

  it('with the start recorded, the same reviews are measured and there is no gap', () => {
    // Mon 14 Apr 2025 + 20 working days (skipping 18 Apr, 21 Apr, 5 May) = Thu 15 May 2025.
    const r = run(england, [{ type: 'became_looked_after', date: '2025-04-14' }, { type: 'review_held', date: '2025-05-13' }], '2025-06-01');
    expect(r.obligations[0]).toMatchObject({ rule: 'looked_after_review', occurrence: 1, due: '2025-05-15', status: 'met', satisfiedOn: '2025-05-13' });
    expect(gaps(r)).toEqual([]);
  });

  it('a start recorded later than the review still leaves that review unmeasured: the notice names it', () => {
    const r = run(england, [{ type: 'review_held', date: '2025-03-03' }, { type: 'became_looked_after', date: '2025-04-14' }], '2025-04-20');
    expect(gaps(r).map((n) => [n.params, n.caseData])).toEqual([[{ rule: 'looked_after_review', event: 'review_held', starts: ['became_looked_after'] }, { date: '2025-03-03' }]]);
  });

  it('a review held after the child ceased to be looked after is outside the run, not a gap', () => {
    const r = run(
      england,
      [
        { type: 'became_looked_after', date: '2025-04-14' },
        { type: 'review_held', date: '2025-05-13' },
        { type: 'ceased_looked_after', date: '2025-06-02' },
        { type: 'review_held', date: '2025-07-01' },
      ],
      '2025-08-01',
    );
    expect(gaps(r)).toEqual([]);
  });

  it('nothing recorded but the child becoming looked after: nothing is a gap (the triggers have not happened)', () => {
    const r = run(bristol, [{ type: 'became_looked_after', date: '2025-04-14' }], '2025-05-05');
    expect(r.notices).toEqual([]);
  });

  // South Gloucestershire, Standard 1 (IROs), bullet 4: the review cycle restarts on a placement move;
  // the social worker's visits likewise ("within the first week of placement").
  it('a placement move, which restarts two cycles, with no start recorded: one notice for each cycle', () => {
    const r = run(southGlos, [{ type: 'placement_changed', date: '2025-05-06', planned: true }], '2025-05-20');
    expect(gaps(r).map((n) => n.params)).toEqual([
      { rule: 'looked_after_review', event: 'placement_changed', starts: ['became_looked_after'] },
      { rule: 'social_worker_visits', event: 'placement_changed', starts: ['became_looked_after'] },
    ]);
  });

  // Bristol, Practice Change, bullets 8 and 11: "within the statutory timescales"; the constraint
  // compares each arranged date with the due date of the pending statutory review.
  it('a review arranged with no run to compare it with: the constraint could not check it', () => {
    const r = run(bristol, [{ type: 'review_scheduled', date: '2025-04-22', for: '2025-05-13' }], '2025-05-05');
    expect(r.violations).toEqual([]);
    expect(gaps(r).map((n) => [n.params, n.caseData])).toEqual([[{ rule: 'looked_after_review', event: 'review_scheduled', starts: ['became_looked_after'] }, { date: '2025-04-22' }]]);
  });

  // Peterborough 1.4, bullet 4: adoption reviews run from authority to place until placement, then
  // from placement. An adoption review before placement belongs to the first cycle.
  it('an adoption review held under authority to place, before placement, is no gap of the cycle after placement', () => {
    const r = run(peterborough, [{ type: 'authority_to_place_obtained', date: '2025-02-03' }, { type: 'adoption_review_held', date: '2025-04-07' }], '2025-05-01');
    expect(gaps(r)).toEqual([]);
  });

  it('an adoption review with neither authority to place nor placement recorded: both adoption cycles could not be measured', () => {
    const r = run(peterborough, [{ type: 'adoption_review_held', date: '2025-04-07' }], '2025-05-01');
    expect(gaps(r).map((n) => n.params)).toEqual([
      { rule: 'adoption_review_after_placement', event: 'adoption_review_held', starts: ['placed_for_adoption'] },
      { rule: 'adoption_review_before_placement', event: 'adoption_review_held', starts: ['authority_to_place_obtained'] },
    ]);
  });
});

describe('notice/decision-without-request', () => {
  // Bristol, Practice Change, bullet 6: "Only the Service Manager can approve a postponement having
  // considered all the relevant issues and only having followed a discussion with the IRO".
  it('a postponement approved with no request: both postponement approvals could not check it, one notice names the request', () => {
    const r = run(bristol, [{ type: 'review_postponement_approved', date: '2025-05-07', by: 'service_manager' }], '2025-05-12');
    expect(r.violations.map((v) => v.rule)).toEqual(['iro_postponement', 'social_worker_postponement']);
    expect(gaps(r)).toEqual([
      {
        code: 'notice/decision-without-request',
        message:
          'the `review_postponement_approved` event of 2025-05-07 has no `review_postponement_requested` on or before it to pair with, so approvals `iro_postponement`, `social_worker_postponement` could not check who approved it or the steps required before it; a `review_postponement_requested` on or before that date would make them measurable',
        params: { event: 'review_postponement_approved', request: 'review_postponement_requested', approvals: ['iro_postponement', 'social_worker_postponement'] },
        caseData: { date: '2025-05-07' },
      },
    ]);
  });

  it('a decision paired with its request is no gap; a second decision for the same request is', () => {
    const events: Ev[] = [
      { type: 'review_postponement_requested', date: '2025-05-06', by: 'social_worker', meeting: '2025-05-13' },
      { type: 'review_postponement_approved', date: '2025-05-07', by: 'service_manager' },
    ];
    expect(gaps(run(bristol, events, '2025-05-12'))).toEqual([]);
    const twice = run(bristol, [...events, { type: 'review_postponement_approved', date: '2025-05-08', by: 'service_manager' }], '2025-05-12');
    expect(gaps(twice).map((n) => [n.params, n.caseData])).toEqual([
      [{ event: 'review_postponement_approved', request: 'review_postponement_requested', approvals: ['iro_postponement', 'social_worker_postponement'] }, { date: '2025-05-08' }],
    ]);
  });

  // Bristol, Practice Change, bullet 3: "It will be the IRO's decision to cancel the review in these
  // circumstances"; the approval pairs a cancellation with the arrangement of the meeting.
  it('a cancellation with no review arranged before it names the arrangement', () => {
    const r = run(bristol, [{ type: 'review_cancelled_no_care_plan', date: '2025-05-07', by: 'iro' }], '2025-05-12');
    expect(gaps(r).map((n) => n.params)).toEqual([{ event: 'review_cancelled_no_care_plan', request: 'review_scheduled', approvals: ['review_cancellation'] }]);
    expect(gaps(r)[0]!.message).toContain('so approval `review_cancellation` could not check who approved it');
  });

  // South Gloucestershire, Standard 8 (IROs), paragraph 2: "Decisions to change the date have to be
  // agreed by the IRO".
  it('south Gloucestershire: a change of date agreed with no request', () => {
    const r = run(southGlos, [{ type: 'review_postponement_approved', date: '2025-05-07', by: 'iro' }], '2025-05-12');
    expect(gaps(r).map((n) => n.params)).toEqual([{ event: 'review_postponement_approved', request: 'review_postponement_requested', approvals: ['review_date_change'] }]);
  });
});

describe('notice/approved-step-not-recorded', () => {
  const STEP = new Set(['notice/approved-step-not-recorded']);
  const steps = (r: EvaluationResult): Notice[] => r.notices.filter((n) => STEP.has(n.code));
  // Bristol, Practice Change, bullet 8: "The social worker must lead on rearranging the review and
  // ensure a new date is set within 3 working days"; bullet 11: "Where the IRO has had to postpone a
  // review they must lead on rearranging the review and ensure a new date is set within 3 working
  // days"; bullet 6: "Only the Service Manager can approve a postponement" (the order
  // `postponement_only_after_approval`: a postponement that is not an emergency takes effect after
  // its approval). The 3 working days run from the postponement taking effect (`review_postponed`).
  const request: Ev[] = [
    { type: 'review_postponement_requested', date: '2025-05-01', by: 'social_worker', meeting: '2025-05-13', ref: 'p1' },
    { type: 'discussion_held', date: '2025-05-02', with: 'team_manager', about: 'postponement', ref: 'p1' },
    { type: 'discussion_held', date: '2025-05-05', with: 'service_manager', about: 'postponement', ref: 'p1' },
    { type: 'review_postponement_approved', date: '2025-05-06', by: 'service_manager', ref: 'p1' },
  ];

  it('a postponement approved but never recorded as taking effect: the 3-working-day rearrangement could not be measured', () => {
    const r = run(bristol, request, '2025-05-20');
    // Neither rearrangement deadline appears: there is no `review_postponed` to measure it from.
    expect(r.obligations.filter((o) => o.rule.startsWith('review_rearranged'))).toEqual([]);
    expect(steps(r)).toEqual([
      {
        code: 'notice/approved-step-not-recorded',
        message:
          'the `review_postponement_approved` event of 2025-05-06 is followed by no `review_postponed` (order `postponement_only_after_approval` puts one after it), so rules `review_rearranged_by_iro`, `review_rearranged_by_social_worker`, measured from a `review_postponed`, could not be measured for it; a `review_postponed` on or after that date would make them measurable',
        // The emergency duties (bullet 10: "postpone due to emergency circumstances on the day")
        // are not named: the order is about postponements that are not emergencies.
        params: { event: 'review_postponement_approved', step: 'review_postponed', order: 'postponement_only_after_approval', rules: ['review_rearranged_by_iro', 'review_rearranged_by_social_worker'] },
        caseData: { date: '2025-05-06' },
      },
    ]);
    expect(renderForLog(steps(r)[0]!)).not.toContain('2025-05-06');
  });

  it('recorded as taking effect, the rearrangement is measured and there is no notice', () => {
    const r = run(bristol, [...request, { type: 'review_postponed', date: '2025-05-08', by: 'social_worker', emergency: false, ref: 'p1' }], '2025-05-20');
    expect(steps(r)).toEqual([]);
    // Thu 8 May 2025 + 3 working days = Tue 13 May 2025.
    expect(r.obligations.find((o) => o.rule === 'review_rearranged_by_social_worker')).toMatchObject({ due: '2025-05-13', status: 'overdue' });
  });

  it('a postponement of another request (matched by ref), or an emergency one, does not answer the approval', () => {
    const other = run(bristol, [...request, { type: 'review_postponed', date: '2025-05-08', by: 'social_worker', emergency: false, ref: 'p2' }], '2025-05-20');
    expect(steps(other).map((n) => n.caseData)).toEqual([{ date: '2025-05-06' }]);
    const emergency = run(bristol, [...request, { type: 'review_postponed', date: '2025-05-13', by: 'iro', emergency: true, ref: 'p1' }], '2025-05-20');
    expect(steps(emergency).map((n) => n.caseData)).toEqual([{ date: '2025-05-06' }]);
  });

  it('a postponement recorded before the approval does not answer it', () => {
    const r = run(bristol, [...request.slice(0, 3), { type: 'review_postponed', date: '2025-05-05', by: 'social_worker', emergency: false, ref: 'p1' }, request[3]!], '2025-05-20');
    expect(steps(r).map((n) => n.caseData)).toEqual([{ date: '2025-05-06' }]);
  });

  it('a policy whose order step measures nothing says nothing (South Gloucestershire)', () => {
    const r = run(southGlos, [{ type: 'review_postponement_requested', date: '2025-05-01', by: 'social_worker', meeting: '2025-05-13' }, { type: 'review_postponement_approved', date: '2025-05-06', by: 'iro' }], '2025-05-20');
    expect(steps(r)).toEqual([]);
  });
});

describe('gap notices change nothing else', () => {
  it('obligations, violations and the other notices are those of the same case without the pass', () => {
    const events: Ev[] = [
      { type: 'review_held', date: '2025-05-13' },
      { type: 'review_scheduled', date: '2025-05-14', for: '2025-06-20' },
      { type: 'review_postponement_approved', date: '2025-05-20', by: 'service_manager' },
    ];
    const r = run(bristol, events, '2025-06-01');
    // care plan: 20 Jun - 5 days = Sun 15 Jun 2025; open on 1 Jun.
    expect(r.obligations.find((o) => o.rule === 'care_plan_authorised_before_review')).toMatchObject({ due: '2025-06-15', status: 'open' });
    expect(r.notices.map((n) => n.code)).toEqual(['notice/cycle-not-started', 'notice/decision-without-request', 'notice/approved-step-not-recorded']);
  });
});
