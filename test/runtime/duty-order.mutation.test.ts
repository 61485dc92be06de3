/**
 * Tests written to kill the surviving mutants of runtime/kinds/duty.ts and runtime/kinds/order.ts
 * (docs/testing.md, "Mutation testing"): the whole explanation of a duty for each form of its bound
 * (a date attribute of the trigger event, that attribute moved by an offset, the date of birth, the
 * next event found or not yet recorded, no bound, a missing optional attribute) and each outcome
 * (met, missed with and without a late event, outstanding); a duty per cycle occurrence whose `when`
 * skips occurrences and whose cycle shares its start with another cycle; a duty with a key; duties
 * with explanations turned off; the optional fields of a duty obligation (`bound`, `wording`,
 * `satisfiedOn`, `owners`: present exactly when the duty has them); and the whole message of an order
 * with a key.
 *
 * Every expected text is worked by hand from the case (weekday names checked against a calendar;
 * the only arithmetic is "2 days before Wed 28 May 2025" = Mon 26 May 2025).
 *
 * Input: two small policies written here, compiled with the compiler; cases built here. Output:
 * assertions only.
 */
import { describe, expect, it } from 'vitest';
import { preparePolicy } from '../../runtime/index.ts';
import type { CompiledPolicy, EvaluationResult, PolicyIR } from '../../runtime/index.ts';
import { compiledIr } from '../support/compiled.ts';

const DUTIES = `policy test.duty_golden
  title "Duty explanations"

role social_worker "Social worker"
role iro           "Independent Reviewing Officer"

event became_looked_after
event review_scheduled { for?: date, ref?: text }
event child_prepared   { ref?: text }
event review_held
event iro_consulted    { by: role }
event plan_done
event visit

cycle looked_after_review "Review"
  owner iro
  runs from became_looked_after
  first within 20 working days of became_looked_after
  then  within 6 months of the previous review_held
  met by review_held
  cite "reg 33"

cycle visits "Visits"
  owner social_worker
  runs from became_looked_after
  first within 1 week of became_looked_after
  then  within 6 weeks of the previous visit
  met by visit
  cite "reg 28"

duty prepare_child "The child is prepared for the review"
  owner social_worker
  after review_scheduled
  before review_scheduled.for
  wording "as soon as practicable"
  met by child_prepared
  cite "bullet 2"

duty prepare_early "Two days ahead"
  owner social_worker
  after review_scheduled
  before 2 days before review_scheduled.for
  met by child_prepared
  cite "bullet 3"

duty prepare_matched "Prepared for this review"
  owner social_worker and iro
  after review_scheduled
  met by child_prepared
  matched by ref
  cite "bullet 4"

duty birthday "By the date of birth"
  owner social_worker
  after review_held
  before 0 days after child.dob
  met by plan_done
  cite "b5"

duty consult_iro "The IRO is consulted before each review"
  owner social_worker
  for each looked_after_review
  by the next review_held
  when age 15 or over
  met by iro_consulted where iro_consulted.by is iro
  cite "4.2"
`;

function irOf(text: string): PolicyIR {
  return compiledIr(text, { uri: 'golden.pdl' });
}

const DUTY_IR = irOf(DUTIES);
// Prepared inside each test, not once at import: Stryker's coverage per test credits a test only with
// the code it runs itself, so a policy prepared at import would leave the preparation's mutants to
// other tests (or ignore them as static).
const duties = (): CompiledPolicy => preparePolicy(DUTY_IR);
const quiet = (): CompiledPolicy => preparePolicy(DUTY_IR, { explanations: false });

type Ev = { readonly type: string; readonly date: string } & Record<string, string>;
const ev = (type: string, date: string, attributes: Record<string, string> = {}): Ev => ({ type, date, ...attributes });

/** Born Tue 15 Jun 2010: 14 until Sun 15 Jun 2025, 15 from then. */
function run(p: CompiledPolicy, events: readonly Ev[], asOf: string): EvaluationResult {
  const r = p.evaluate({ id: 'case-golden', child: { dob: '2010-06-15' }, events }, asOf);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.result;
}

/** [rule, occurrence, status, bound or '-', explanation] of the duties (the cycles left out). */
function told(r: EvaluationResult): (string | number)[][] {
  return r.obligations.filter((o) => o.rule !== 'looked_after_review' && o.rule !== 'visits').map((o) => [o.rule, o.occurrence, o.status, o.bound ?? '-', o.explanation]);
}

// Thu 1 May 2025: a review is arranged for Wed 28 May 2025.
const SCHEDULED = ev('review_scheduled', '2025-05-01', { for: '2025-05-28', ref: 'r1' });

describe('the whole explanation of a duty bounded by a date attribute of its trigger event', () => {
  it('missed, naming the met-by event that came a day late; the attribute moved by 2 days; no bound with a key', () => {
    expect(told(run(duties(), [SCHEDULED, ev('child_prepared', '2025-05-29', { ref: 'r1' })], '2025-06-30'))).toEqual([
      [
        'prepare_child', 1, 'missed', '2025-05-28',
        'prepare_child (occurrence 1): after review_scheduled on Thu 1 May 2025, "as soon as practicable", by review_scheduled.for, Wed 28 May 2025; missed: no child_prepared on or after Thu 1 May 2025 by Wed 28 May 2025 (child_prepared on Thu 29 May 2025 came after it). Source: bullet 2.',
      ],
      [
        'prepare_early', 1, 'missed', '2025-05-26',
        'prepare_early (occurrence 1): after review_scheduled on Thu 1 May 2025, to be done by 2 days before review_scheduled.for on Wed 28 May 2025 is Mon 26 May 2025; missed: no child_prepared on or after Thu 1 May 2025 by Mon 26 May 2025 (child_prepared on Thu 29 May 2025 came after it). Source: bullet 3.',
      ],
      [
        'prepare_matched', 1, 'met', '-',
        'prepare_matched (occurrence 1): after review_scheduled on Thu 1 May 2025, with no date by which it must be done; met by child_prepared on Thu 29 May 2025. Source: bullet 4.',
      ],
    ]);
  });

  it('missed with no met-by event at all; outstanding with a key, whose value is never shown', () => {
    expect(told(run(duties(), [SCHEDULED, ev('child_prepared', '2025-05-02', { ref: 'r2' })], '2025-05-29')).filter(([, , status]) => status !== 'met')).toEqual([
      [
        'prepare_matched', 1, 'outstanding', '-',
        'prepare_matched (occurrence 1): after review_scheduled on Thu 1 May 2025, with no date by which it must be done; outstanding: no child_prepared matched by ref on or after Thu 1 May 2025 yet as of Thu 29 May 2025. Source: bullet 4.',
      ],
    ]);
    expect(told(run(duties(), [SCHEDULED], '2025-05-29'))).toEqual([
      [
        'prepare_child', 1, 'missed', '2025-05-28',
        'prepare_child (occurrence 1): after review_scheduled on Thu 1 May 2025, "as soon as practicable", by review_scheduled.for, Wed 28 May 2025; missed: no child_prepared on or after Thu 1 May 2025 by Wed 28 May 2025. Source: bullet 2.',
      ],
      [
        'prepare_early', 1, 'missed', '2025-05-26',
        'prepare_early (occurrence 1): after review_scheduled on Thu 1 May 2025, to be done by 2 days before review_scheduled.for on Wed 28 May 2025 is Mon 26 May 2025; missed: no child_prepared on or after Thu 1 May 2025 by Mon 26 May 2025. Source: bullet 3.',
      ],
      [
        'prepare_matched', 1, 'outstanding', '-',
        'prepare_matched (occurrence 1): after review_scheduled on Thu 1 May 2025, with no date by which it must be done; outstanding: no child_prepared matched by ref on or after Thu 1 May 2025 yet as of Thu 29 May 2025. Source: bullet 4.',
      ],
    ]);
  });

  it('outstanding on the bound itself', () => {
    expect(told(run(duties(), [SCHEDULED], '2025-05-26'))[1]).toEqual([
      'prepare_early', 1, 'outstanding', '2025-05-26',
      'prepare_early (occurrence 1): after review_scheduled on Thu 1 May 2025, to be done by 2 days before review_scheduled.for on Wed 28 May 2025 is Mon 26 May 2025; outstanding: no child_prepared on or after Thu 1 May 2025 yet as of Mon 26 May 2025. Source: bullet 3.',
    ]);
  });

  it('a trigger event without the optional attribute: a notice per duty, each open-ended, its bound not told', () => {
    const r = run(duties(), [ev('review_scheduled', '2025-05-01'), ev('child_prepared', '2025-05-02')], '2025-05-10');
    expect(told(r)).toEqual([
      [
        'prepare_child', 1, 'met', '-',
        'prepare_child (occurrence 1): after review_scheduled on Thu 1 May 2025, "as soon as practicable", with no date by which it must be done; met by child_prepared on Fri 2 May 2025. Source: bullet 2.',
      ],
      ['prepare_early', 1, 'met', '-', 'prepare_early (occurrence 1): after review_scheduled on Thu 1 May 2025, with no date by which it must be done; met by child_prepared on Fri 2 May 2025. Source: bullet 3.'],
      // Both events lack `ref`: a missing value pairs with a missing one.
      ['prepare_matched', 1, 'met', '-', 'prepare_matched (occurrence 1): after review_scheduled on Thu 1 May 2025, with no date by which it must be done; met by child_prepared on Fri 2 May 2025. Source: bullet 4.'],
    ]);
    expect(r.notices.map((n) => [n.code, n.params, n.caseData])).toEqual([
      ['notice/anchor-attribute-missing', { event: 'review_scheduled', attribute: 'for', rule: 'prepare_child' }, { date: '2025-05-01' }],
      ['notice/anchor-attribute-missing', { event: 'review_scheduled', attribute: 'for', rule: 'prepare_early' }, { date: '2025-05-01' }],
    ]);
  });
});

describe('the whole explanation of a duty bounded by the date of birth', () => {
  it('"by the child\'s date of birth" with the date; an event after that bound is named as late', () => {
    // The bound, Tue 15 Jun 2010, is long before the trigger: nothing can meet it.
    const r = run(duties(), [ev('review_held', '2025-03-03'), ev('plan_done', '2025-03-04')], '2025-03-05');
    expect(told(r)).toEqual([
      [
        'birthday', 1, 'missed', '2010-06-15',
        "birthday (occurrence 1): after review_held on Mon 3 Mar 2025, by the child's date of birth, Tue 15 Jun 2010; missed: no plan_done on or after Mon 3 Mar 2025 by Tue 15 Jun 2010 (plan_done on Tue 4 Mar 2025 came after it). Source: b5.",
      ],
    ]);
  });
});

describe('a met-by event recorded first, on the trigger\'s own date (index 0 of the events)', () => {
  it('meets the duty; one after a bound before the trigger is named as late', () => {
    const met = run(duties(), [ev('child_prepared', '2025-05-01'), SCHEDULED], '2025-06-30');
    expect(met.obligations.filter((o) => o.rule === 'prepare_child').map((o) => [o.status, o.satisfiedOn])).toEqual([['met', '2025-05-01']]);
    const late = run(duties(), [ev('plan_done', '2025-03-03'), ev('review_held', '2025-03-03')], '2025-03-05');
    expect(late.obligations.filter((o) => o.rule === 'birthday').map((o) => o.explanation)).toEqual([
      "birthday (occurrence 1): after review_held on Mon 3 Mar 2025, by the child's date of birth, Tue 15 Jun 2010; missed: no plan_done on or after Mon 3 Mar 2025 by Tue 15 Jun 2010 (plan_done on Mon 3 Mar 2025 came after it). Source: b5.",
    ]);
  });
});

describe('a duty for each occurrence of a cycle', () => {
  // looked_after_review: occurrence 1 from became_looked_after (Mon 14 Apr 2025, age 14),
  // occurrence 2 from the review of Thu 8 May 2025 (age 14), occurrence 3 from the review of Tue 1
  // Jul 2025 (age 15), which the review of Mon 21 Jul 2025 bounds. The visits cycle starts on the
  // same event; its occurrences are not this duty's.
  const events = [
    ev('became_looked_after', '2025-04-14'),
    ev('visit', '2025-04-15'),
    ev('review_held', '2025-05-08'),
    ev('visit', '2025-05-20'),
    ev('review_held', '2025-07-01'),
    ev('iro_consulted', '2025-07-02', { by: 'social_worker' }),
    ev('iro_consulted', '2025-07-03', { by: 'iro' }),
    ev('review_held', '2025-07-21'),
  ];

  it('counts the occurrences its `when` skips, reads `met by ... where`, and is bounded by the next event', () => {
    const consult = told(run(duties(), events, '2025-07-22')).filter(([rule]) => rule === 'consult_iro');
    expect(consult).toEqual([
      [
        'consult_iro', 3, 'met', '2025-07-21',
        'consult_iro (occurrence 3): after occurrence 3 of looked_after_review (from review_held on Tue 1 Jul 2025), by the next review_held, on Mon 21 Jul 2025; met by iro_consulted on Thu 3 Jul 2025. Source: 4.2.',
      ],
      [
        'consult_iro', 4, 'outstanding', '-',
        "consult_iro (occurrence 4): after occurrence 4 of looked_after_review (from review_held on Mon 21 Jul 2025), by the next review_held, not yet recorded; outstanding: no iro_consulted where `iro_consulted.by is iro` on or after Mon 21 Jul 2025 yet as of Tue 22 Jul 2025. Source: 4.2.",
      ],
    ]);
  });

  it('is missed the day after the next event when not met; the as-of date hides later events', () => {
    const missed = told(run(duties(), events.filter((e) => e.by !== 'iro'), '2025-07-22')).filter(([rule]) => rule === 'consult_iro');
    expect(missed[0]).toEqual([
      'consult_iro', 3, 'missed', '2025-07-21',
      'consult_iro (occurrence 3): after occurrence 3 of looked_after_review (from review_held on Tue 1 Jul 2025), by the next review_held, on Mon 21 Jul 2025; missed: no iro_consulted where `iro_consulted.by is iro` on or after Tue 1 Jul 2025 by Mon 21 Jul 2025. Source: 4.2.',
    ]);
    // On Sun 20 Jul 2025 the review of the 21st is not yet recorded.
    expect(told(run(duties(), events, '2025-07-20')).filter(([rule]) => rule === 'consult_iro').map(([, k, status, bound]) => [k, status, bound])).toEqual([[3, 'met', '-']]);
  });
});

describe('the fields of a duty obligation', () => {
  const sourceOf = (id: string): unknown => DUTY_IR.duties?.find((d) => d.id === id)?.source;

  it('carry `bound`, `wording`, `satisfiedOn` and `owners` only when the duty has them', () => {
    const r = run(duties(), [SCHEDULED, ev('child_prepared', '2025-05-20', { ref: 'r2' })], '2025-05-21');
    const [child, , matched] = r.obligations;
    expect(child).toStrictEqual({
      rule: 'prepare_child',
      occurrence: 1,
      title: 'The child is prepared for the review',
      owner: 'social_worker',
      anchor: { event: 'review_scheduled', date: '2025-05-01' },
      bound: '2025-05-28',
      wording: 'as soon as practicable',
      status: 'met',
      satisfiedOn: '2025-05-20',
      citation: 'bullet 2',
      explanation: 'prepare_child (occurrence 1): after review_scheduled on Thu 1 May 2025, "as soon as practicable", by review_scheduled.for, Wed 28 May 2025; met by child_prepared on Tue 20 May 2025. Source: bullet 2.',
      source: sourceOf('prepare_child'),
    });
    expect(matched).toStrictEqual({
      rule: 'prepare_matched',
      occurrence: 1,
      title: 'Prepared for this review',
      owner: 'social_worker',
      owners: { join: 'all', roles: ['social_worker', 'iro'] },
      anchor: { event: 'review_scheduled', date: '2025-05-01' },
      status: 'outstanding',
      citation: 'bullet 4',
      explanation: 'prepare_matched (occurrence 1): after review_scheduled on Thu 1 May 2025, with no date by which it must be done; outstanding: no child_prepared matched by ref on or after Thu 1 May 2025 yet as of Wed 21 May 2025. Source: bullet 4.',
      source: sourceOf('prepare_matched'),
    });
  });
});

describe('duties with explanations turned off', () => {
  it('have the same statuses, bounds and satisfying dates, an empty explanation and no late search', () => {
    const events = [SCHEDULED, ev('child_prepared', '2025-05-29', { ref: 'r1' }), ev('review_held', '2025-05-30')];
    const full = run(duties(), events, '2025-06-30').obligations;
    const bare = run(quiet(), events, '2025-06-30').obligations;
    expect(bare.map((o) => o.explanation)).toEqual(full.map(() => ''));
    expect(bare.map(({ explanation, ...rest }) => rest)).toEqual(full.map(({ explanation, ...rest }) => rest));
    expect(bare.filter((o) => o.rule === 'prepare_early').map((o) => [o.status, o.bound])).toEqual([['missed', '2025-05-26']]);
  });
});

describe('a duty bounded by the next event of the first type the policy declares (type number 0)', () => {
  const FIRST = `policy test.duty_first
  title "Next of the first type"

role social_worker "Social worker"

event meeting_held
event referral
event report_sent

duty report "A report before the next meeting"
  owner social_worker
  after referral
  by the next meeting_held
  met by report_sent
  cite "para 1"
`;
  const firstIr = irOf(FIRST);

  it('takes its bound from that event', () => {
    const r = run(preparePolicy(firstIr), [ev('referral', '2025-05-01'), ev('meeting_held', '2025-05-06')], '2025-05-07');
    expect(r.obligations.map((o) => [o.rule, o.status, o.bound, o.explanation])).toEqual([
      [
        'report', 'missed', '2025-05-06',
        'report (occurrence 1): after referral on Thu 1 May 2025, by the next meeting_held, on Tue 6 May 2025; missed: no report_sent on or after Thu 1 May 2025 by Tue 6 May 2025. Source: para 1.',
      ],
    ]);
  });
});

const ORDERS = `policy test.order_golden
  title "Order messages"

role social_worker "Social worker"
role team_manager  "Team manager"

event asked      { request: text }
event discussion { request?: text }

order discuss_first "Discuss this request first"
  owner social_worker
  step asked
  after discussion
  within 1 day
  matched by request
  cite "bullet 5"
`;

describe('the whole message of an order with a key and a window of one day', () => {
  const orderIr = irOf(ORDERS);
  const messages = (events: Ev[]): string[] => run(preparePolicy(orderIr), events, '2025-04-01').violations.map((v) => v.message);

  it('a discussion of another request does not count; the message says "matched by", never the value', () => {
    expect(messages([ev('discussion', '2025-03-03', { request: 'B' }), ev('asked', '2025-03-03', { request: 'A' })])).toEqual([
      'Discuss this request first: asked on Mon 3 Mar 2025 has no discussion matched by request on or before it, which must come first (bullet 5)',
    ]);
  });

  it('a window of 1 day: the day before is in time, two days before is not', () => {
    expect(messages([ev('discussion', '2025-03-02', { request: 'A' }), ev('asked', '2025-03-03', { request: 'A' })])).toEqual([]);
    expect(messages([ev('discussion', '2025-03-01', { request: 'A' }), ev('asked', '2025-03-03', { request: 'A' })])).toEqual([
      'Discuss this request first: asked on Mon 3 Mar 2025: the latest discussion matched by request before it was on Sat 1 Mar 2025, more than 1 day earlier; one on or after Sun 2 Mar 2025 must come first (bullet 5)',
    ]);
  });

  it('the latest discussion of the same request is the one measured, whatever came between', () => {
    expect(
      messages([ev('discussion', '2025-03-01', { request: 'A' }), ev('discussion', '2025-03-02', { request: 'A' }), ev('discussion', '2025-03-03', { request: 'B' }), ev('asked', '2025-03-03', { request: 'A' })]),
    ).toEqual([]);
  });
});
