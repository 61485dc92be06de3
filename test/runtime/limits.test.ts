/**
 * Tests of limits and constraints (`runtime/limits.ts`) through the evaluator: the statutory "a review
 * may be adjourned only once" (IRO Handbook 2010, chapter 3) per occurrence of the review cycle, a
 * per-case limit, and Bristol's "ensure a new date is set ... within the statutory timescales"
 * (docs/coverage/bristol.md) as a constraint on `review_scheduled.for`.
 *
 * Input: hand-built IRs (no compiler involved) and cases as plain JSON. Output: vitest assertions on
 * `violations`.
 */
import { describe, expect, it } from 'vitest';
import { MalformedIrError, preparePolicy } from '../../runtime/index.ts';
import type { CompiledPolicy, EvaluationResult, IrConstraint, IrCycle, IrDeadline, IrDue, IrLimit, PolicyIR } from '../../runtime/index.ts';
import { policyIr } from '../support/policy-ir.ts';

const src = (line: number) => ({ file: 'policies/england/statutory-reviews.pdl', line, column: 1 });
const due = (amount: number, unit: IrDue['offset']['unit'], anchor: IrDue['anchor']): IrDue => ({ direction: 'after', offset: { amount, unit }, anchor });

const LAR: IrCycle = {
  kind: 'cycle',
  id: 'looked_after_review',
  title: "Review of the child's case",
  owner: 'iro',
  metBy: { events: ['review_held'] },
  citation: 'reg 33',
  source: src(35),
  policy: 'england.statutory_reviews',
  startsOn: ['became_looked_after'],
  endsOn: ['ceased_looked_after'],
  restartsOn: [],
  steps: [
    { ordinal: 1, due: due(20, 'working_days', { kind: 'run_start' }), citation: 'reg 33(1)', source: src(38) },
    { ordinal: 2, due: due(3, 'months', { kind: 'previous' }), citation: 'reg 33(2)', source: src(39) },
    { ordinal: 'repeat', due: due(6, 'months', { kind: 'previous' }), citation: 'reg 33(2)', source: src(40) },
  ],
};

const ADJ: IrDeadline = {
  kind: 'deadline',
  id: 'adjourned_review_completed',
  title: 'An adjourned review is reconvened and completed',
  owner: 'iro',
  metBy: { events: ['review_held'] },
  citation: 'IRO Handbook 2010, chapter 3, Adjournment of reviews',
  source: src(46),
  policy: 'england.statutory_reviews',
  due: due(20, 'working_days', { kind: 'event', event: 'review_adjourned' }),
};

const ONE_ADJOURNMENT: IrLimit = {
  kind: 'limit',
  id: 'one_adjournment_per_review',
  title: 'A review may be adjourned only once',
  citation: 'IRO Handbook 2010, chapter 3, Adjournment of reviews',
  source: src(52),
  policy: 'england.statutory_reviews',
  event: 'review_adjourned',
  max: 1,
  per: { kind: 'cycle', rule: 'looked_after_review' },
};

const TWO_POSTPONEMENTS: IrLimit = {
  kind: 'limit',
  id: 'postponements_per_case',
  title: 'At most two postponements in a case',
  citation: 'x',
  source: src(60),
  policy: 'example.limits',
  event: 'review_postponement_approved',
  max: 2,
  per: { kind: 'case' },
};

const ONE_UNPLANNED_MOVE: IrLimit = {
  kind: 'limit',
  id: 'one_unplanned_move',
  title: 'At most one unplanned move',
  citation: 'y',
  source: src(64),
  policy: 'example.limits',
  event: 'placement_changed',
  where: {
    kind: 'compare',
    op: '=',
    left: { kind: 'attribute', event: 'placement_changed', attribute: 'planned' },
    right: { kind: 'literal', value: false, type: 'boolean' },
    text: 'not placement_changed.planned',
  },
  max: 1,
  per: { kind: 'case' },
};

const WITHIN_TIMESCALE: IrConstraint = {
  kind: 'constraint',
  id: 'rearranged_within_timescale',
  title: 'A review is arranged within the statutory timescales',
  citation: 'Practice change, bullet 8',
  source: src(70),
  policy: 'bristol.review_timeliness',
  event: 'review_scheduled',
  attribute: 'for',
  cycle: 'looked_after_review',
};

function policy(more: Partial<PolicyIR>): PolicyIR {
  return policyIr({
    id: 'england.statutory_reviews',
    title: 'Reviews of looked after children (England)',
    version: '2010.1',
    roles: [
      { name: 'iro', title: 'Independent Reviewing Officer' },
      { name: 'service_manager', title: 'Service manager' },
    ],
    events: [
      { name: 'became_looked_after', attributes: [] },
      { name: 'ceased_looked_after', attributes: [] },
      { name: 'review_held', attributes: [] },
      { name: 'review_scheduled', attributes: [{ name: 'for', type: { kind: 'date' }, optional: true }] },
      { name: 'review_adjourned', attributes: [] },
      { name: 'placement_changed', attributes: [{ name: 'planned', type: { kind: 'boolean' }, optional: false }] },
      { name: 'review_postponement_approved', attributes: [{ name: 'by', type: { kind: 'role' }, optional: false }] },
    ],
    rules: [LAR, ADJ],
    ...more,
  });
}

const statutory = preparePolicy(policy({ limits: [ONE_ADJOURNMENT] }));

type Ev = { type: string; date: string; [k: string]: unknown };
const ev = (type: string, date: string, attrs: Record<string, unknown> = {}): Ev => ({ type, date, ...attrs });

function run(p: CompiledPolicy, events: Ev[], asOf: string): EvaluationResult {
  const r = p.evaluate({ id: 'case-3', child: { dob: '2012-09-01' }, events }, asOf);
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.result;
}

// Became looked after Mon 14 Apr 2025: first review due Thu 15 May 2025, held Tue 13 May; the
// second is due Wed 13 Aug 2025.
const START = [ev('became_looked_after', '2025-04-14'), ev('review_held', '2025-05-13')];

describe('limits per occurrence of a cycle: a review may be adjourned only once', () => {
  it('adjourned twice in one review cycle: a violation on the second', () => {
    const events = [...START, ev('review_adjourned', '2025-07-01'), ev('review_adjourned', '2025-07-15'), ev('review_held', '2025-07-29')];
    const r = run(statutory, events, '2025-09-01');
    expect(r.violations).toEqual([
      {
        rule: 'one_adjournment_per_review',
        kind: 'limit',
        message:
          'A review may be adjourned only once: review_adjourned on Tue 15 Jul 2025 is the 2nd in occurrence 2 of looked_after_review ' +
          '(from review_held on Tue 13 May 2025 to review_held on Tue 29 Jul 2025); at most 1 is allowed',
        event: { type: 'review_adjourned', date: '2025-07-15', index: 3 },
        citation: 'IRO Handbook 2010, chapter 3, Adjournment of reviews',
      },
    ]);
    // The obligations are untouched by the limit.
    expect(r.obligations.map((o) => [o.rule, o.occurrence, o.status])).toEqual([
      ['looked_after_review', 1, 'met'],
      ['adjourned_review_completed', 1, 'met'],
      ['adjourned_review_completed', 2, 'met'],
      ['looked_after_review', 2, 'met'],
      ['looked_after_review', 3, 'open'],
    ]);
  });

  it('adjourned once in each of two review cycles: no violation', () => {
    const events = [
      ev('became_looked_after', '2025-04-14'),
      ev('review_adjourned', '2025-05-07'),
      ev('review_held', '2025-05-13'),
      ev('review_adjourned', '2025-07-01'),
      ev('review_held', '2025-07-29'),
    ];
    expect(run(statutory, events, '2025-09-01').violations).toEqual([]);
  });

  it('an occurrence still pending counts up to the as-of date, and events after it are not considered', () => {
    const events = [...START, ev('review_adjourned', '2025-08-01'), ev('review_adjourned', '2025-08-08'), ev('review_adjourned', '2025-08-20')];
    const r = run(statutory, events, '2025-08-10');
    expect(r.violations.map((v) => v.message)).toEqual([
      'A review may be adjourned only once: review_adjourned on Fri 8 Aug 2025 is the 2nd in occurrence 2 of looked_after_review ' +
        '(from review_held on Tue 13 May 2025 to the as-of date Sun 10 Aug 2025); at most 1 is allowed',
    ]);
  });

  it('an adjournment on the day of the review that met the occurrence counts in that occurrence (input order decides ties)', () => {
    const events = [...START, ev('review_adjourned', '2025-07-01'), ev('review_adjourned', '2025-07-29'), ev('review_held', '2025-07-29')];
    expect(run(statutory, events, '2025-09-01').violations.map((v) => v.event.date)).toEqual(['2025-07-29']);
    const after = [...START, ev('review_adjourned', '2025-07-01'), ev('review_held', '2025-07-29'), ev('review_adjourned', '2025-07-29')];
    expect(run(statutory, after, '2025-09-01').violations).toEqual([]);
  });

  it('a run that ends closes the window; adjournments outside any run are not counted', () => {
    const events = [
      ...START,
      ev('review_adjourned', '2025-06-02'),
      ev('ceased_looked_after', '2025-06-20'),
      ev('review_adjourned', '2025-07-01'),
      ev('became_looked_after', '2025-09-01'),
      ev('review_adjourned', '2025-09-10'),
    ];
    expect(run(statutory, events, '2025-09-20').violations).toEqual([]);
  });
});

describe('limits per case', () => {
  const p = preparePolicy(policy({ limits: [TWO_POSTPONEMENTS, ONE_UNPLANNED_MOVE] }));

  it('each event beyond the maximum is a violation, in date order', () => {
    const events = [
      ev('review_postponement_approved', '2025-03-01', { by: 'service_manager' }),
      ev('review_postponement_approved', '2025-01-01', { by: 'service_manager' }),
      ev('review_postponement_approved', '2025-05-01', { by: 'service_manager' }),
      ev('review_postponement_approved', '2025-06-01', { by: 'service_manager' }),
    ];
    const r = run(p, events, '2025-09-01');
    expect(r.violations.map((v) => [v.rule, v.event.index, v.message])).toEqual([
      ['postponements_per_case', 2, 'At most two postponements in a case: review_postponement_approved on Thu 1 May 2025 is the 3rd in the case; at most 2 are allowed'],
      ['postponements_per_case', 3, 'At most two postponements in a case: review_postponement_approved on Sun 1 Jun 2025 is the 4th in the case; at most 2 are allowed'],
    ]);
  });

  it('`where` reads the counted event: planned moves do not count', () => {
    const events = [
      ev('placement_changed', '2025-02-03', { planned: true }),
      ev('placement_changed', '2025-03-03', { planned: false }),
      ev('placement_changed', '2025-04-07', { planned: true }),
      ev('placement_changed', '2025-05-05', { planned: false }),
    ];
    expect(run(p, events, '2025-09-01').violations.map((v) => [v.rule, v.event.date])).toEqual([['one_unplanned_move', '2025-05-05']]);
  });
});

describe('constraints: a rearranged review stays within the statutory timescales', () => {
  const p = preparePolicy(policy({ constraints: [WITHIN_TIMESCALE] }));

  it('a review rearranged for a date beyond the due date is a violation naming both dates; the obligation keeps its due date', () => {
    const events = [
      ev('became_looked_after', '2025-04-14'),
      ev('review_scheduled', '2025-04-22', { for: '2025-05-13' }),
      ev('review_scheduled', '2025-05-08', { for: '2025-05-20' }),
    ];
    const r = run(p, events, '2025-05-10');
    expect(r.violations).toEqual([
      {
        rule: 'rearranged_within_timescale',
        kind: 'constraint',
        message:
          'A review is arranged within the statutory timescales: review_scheduled on Thu 8 May 2025 sets `for` to Tue 20 May 2025, ' +
          'after Thu 15 May 2025, the due date of occurrence 1 of looked_after_review (5 days late)',
        event: { type: 'review_scheduled', date: '2025-05-08', index: 2 },
        citation: 'Practice change, bullet 8',
      },
    ]);
    expect(r.obligations[0]).toMatchObject({ rule: 'looked_after_review', occurrence: 1, due: '2025-05-15' });
  });

  it('on the day a review is held, the next review is arranged against the next occurrence', () => {
    const ok = [...START, ev('review_scheduled', '2025-05-13', { for: '2025-08-12' })];
    expect(run(p, ok, '2025-06-01').violations).toEqual([]);
    const late = [...START, ev('review_scheduled', '2025-05-13', { for: '2025-08-20' })];
    expect(run(p, late, '2025-06-01').violations.map((v) => v.message)).toEqual([
      'A review is arranged within the statutory timescales: review_scheduled on Tue 13 May 2025 sets `for` to Wed 20 Aug 2025, ' +
        'after Wed 13 Aug 2025, the due date of occurrence 2 of looked_after_review (7 days late)',
    ]);
  });

  it('an overdue occurrence is still pending: arranging the review even later is a violation', () => {
    const events = [ev('became_looked_after', '2025-04-14'), ev('review_scheduled', '2025-05-20', { for: '2025-05-27' })];
    expect(run(p, events, '2025-06-01').violations.map((v) => v.event.date)).toEqual(['2025-05-20']);
  });

  it('no pending occurrence (before the child is looked after, or after the run ended): no violation', () => {
    const events = [
      ev('review_scheduled', '2025-03-01', { for: '2026-01-01' }),
      ev('became_looked_after', '2025-04-14'),
      ev('review_held', '2025-05-13'),
      ev('ceased_looked_after', '2025-06-02'),
      ev('review_scheduled', '2025-06-10', { for: '2026-01-01' }),
    ];
    expect(run(p, events, '2025-07-01').violations).toEqual([]);
  });

  it('an event without the optional date gets a notice; events after the as-of date are not considered', () => {
    const r = run(p, [ev('became_looked_after', '2025-04-14'), ev('review_scheduled', '2025-04-22'), ev('review_scheduled', '2025-05-08', { for: '2025-06-20' })], '2025-05-01');
    expect(r.violations).toEqual([]);
    expect(r.notices.map((n) => n.message)).toEqual([
      '1 event dated after the as-of date 2025-05-01 was not considered',
      'the `review_scheduled` event of 2025-04-22 has no `for`, so constraint `rearranged_within_timescale` could not be checked',
    ]);
  });

  it('a constraint or limit naming something that is not a cycle is a malformed IR', () => {
    expect(() => preparePolicy(policy({ constraints: [{ ...WITHIN_TIMESCALE, cycle: 'adjourned_review_completed' }] }))).toThrow(MalformedIrError);
    expect(() => preparePolicy(policy({ limits: [{ ...ONE_ADJOURNMENT, per: { kind: 'cycle', rule: 'nope' } }] }))).toThrow(/not a cycle/);
  });
});
