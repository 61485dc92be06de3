/**
 * Tests written to kill surviving mutants of runtime/limits.ts (docs/testing.md, "Mutation
 * testing"): limits per case at and over their maximum (`is` / `are allowed`), a limit per occurrence
 * allowing two, the window of an occurrence (after its anchor in date-then-input order; events given
 * out of date order placed by their dates), a
 * constraint's boundaries (a date on the due date, one day after it, an event on the day its
 * occurrence's run ended, an event on the day a run restarts, read against the new run's occurrence,
 * an event of a cycle with no occurrence), an event over a limit in the overlapping windows of
 * hand-written IR (later steps measured from the run's start) reported once, and malformed limits
 * and constraints (an undeclared event or attribute, a maximum that is not a non-negative integer,
 * an attribute that is not a date).
 *
 * Input: one small policy compiled here, prepared inside each test (IR edited for the malformed
 * cases). Output: assertions only. Dates worked by hand: Mon 6 Jan 2025 + 20 days = Sun 26 Jan 2025;
 * Wed 15 Jan 2025 + 20 days = Tue 4 Feb 2025.
 */
import { describe, expect, it } from 'vitest';
import { preparePolicy } from '../../runtime/index.ts';
import type { EvaluationResult, IrCycleStep, PolicyIR } from '../../runtime/index.ts';
import { refusal } from '../support/malformed-ir.ts';
import { compiledIr } from '../support/compiled.ts';

const TEXT = `policy test.limits_mutation
  title "Limits"

role iro "IRO"

event placed
event ceased
event placement_moved
event review_held
event review_adjourned
event review_scheduled { for: date, note?: text }
event visit_missed

cycle reviews "Reviews"
  owner iro
  runs from placed until ceased
  restarts on placement_moved
  first within 20 days of placed
  met by review_held
  cite "x"

limit one_missed_visit "At most one missed visit"
  at most 1 visit_missed per case
  cite "x"

limit two_adjournments "At most two adjournments"
  at most 2 review_adjourned per case
  cite "x"

limit two_adjournments_per_review "At most two adjournments per review"
  at most 2 review_adjourned per reviews
  cite "x"

constraint scheduled_in_time "A review is scheduled in time"
  each review_scheduled.for on or before the due date of reviews
  cite "x"
`;

function irOf(): PolicyIR {
  return compiledIr(TEXT, { uri: 'limits-mutation.pdl' });
}

type Ev = { type: string; date: string; for?: string };

function run(events: Ev[], asOf: string): EvaluationResult {
  const r = preparePolicy(irOf()).evaluate({ id: 'case-limits', child: { dob: '2012-02-02' }, events }, asOf);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.result;
}

describe('limits', () => {
  it('per case: the event over the maximum, with `is` for one allowed and `are` for two; per occurrence, `are` for two', () => {
    const r = run(
      [
        { type: 'placed', date: '2025-01-06' },
        { type: 'visit_missed', date: '2025-01-07' },
        { type: 'visit_missed', date: '2025-01-08' },
        { type: 'review_adjourned', date: '2025-01-09' },
        { type: 'review_adjourned', date: '2025-01-10' },
        { type: 'review_adjourned', date: '2025-01-13' },
      ],
      '2025-01-20',
    );
    expect(r.violations.map((v) => v.message)).toEqual([
      'At most one missed visit: visit_missed on Wed 8 Jan 2025 is the 2nd in the case; at most 1 is allowed',
      'At most two adjournments: review_adjourned on Mon 13 Jan 2025 is the 3rd in the case; at most 2 are allowed',
      'At most two adjournments per review: review_adjourned on Mon 13 Jan 2025 is the 3rd in occurrence 1 of reviews (from placed on Mon 6 Jan 2025 to the as-of date Mon 20 Jan 2025); at most 2 are allowed',
    ]);
  });
});

describe("an occurrence's window", () => {
  it('starts after its anchor in date-then-input order: not the anchor itself, nor an event on its date listed before it', () => {
    const ir = irOf();
    const perReview = (change: object): PolicyIR => ({ ...ir, limits: ir.limits.map((l) => (l.id === 'two_adjournments_per_review' ? { ...l, ...change } : l)) });
    const violations = (policy: PolicyIR, events: Ev[]) => {
      const r = preparePolicy(policy).evaluate({ id: 'case-limits', child: { dob: '2012-02-02' }, events }, '2025-01-20');
      if (!r.ok) throw new Error('refused');
      return r.result.violations;
    };
    // At most 0 adjournments per review: one on the day of the placement but listed before it is outside.
    expect(violations(perReview({ max: 0 }), [{ type: 'review_adjourned', date: '2025-01-06' }, { type: 'placed', date: '2025-01-06' }])).toEqual([]);
    // At most 0 placements per review: the placement that starts the run is its anchor, outside it.
    expect(violations(perReview({ max: 0, event: 'placed' }), [{ type: 'placed', date: '2025-01-06' }])).toEqual([]);
    // Events given out of date order: an adjournment dated before the placement but listed after it is
    // still before it (input order breaks ties of date only), so outside the window.
    expect(violations(perReview({ max: 0 }), [{ type: 'placed', date: '2025-01-06' }, { type: 'review_adjourned', date: '2025-01-03' }])).toEqual([]);
    // And one dated inside the first review's window but listed after the review that ends it is inside.
    const inside = violations(perReview({ max: 0 }), [
      { type: 'placed', date: '2025-01-06' },
      { type: 'review_held', date: '2025-01-10' },
      { type: 'review_adjourned', date: '2025-01-08' },
    ]);
    expect(inside.map((v) => v.message)).toEqual([
      'At most two adjournments per review: review_adjourned on Wed 8 Jan 2025 is the 1st in occurrence 1 of reviews (from placed on Mon 6 Jan 2025 to review_held on Fri 10 Jan 2025); at most 0 are allowed',
    ]);
  });
});

describe('windows that overlap', () => {
  it('an event over a limit in two occurrences is reported once (IR whose later steps are measured from the run start)', () => {
    // The compiler measures later steps from the previous occurrence, so windows never overlap; the
    // runtime also accepts every step measured from the run's start, whose windows all start there.
    const ir = irOf();
    const fromStart: PolicyIR = {
      ...ir,
      rules: ir.rules.map((r) => (r.kind === 'cycle' ? { ...r, steps: [...r.steps, { ...(r.steps[0] as IrCycleStep), ordinal: 'repeat' as const }] } : r)),
    };
    const r = preparePolicy(fromStart).evaluate(
      {
        id: 'case-limits',
        child: { dob: '2012-02-02' },
        events: [
          { type: 'placed', date: '2025-01-06' },
          { type: 'review_adjourned', date: '2025-01-07' },
          { type: 'review_adjourned', date: '2025-01-08' },
          { type: 'review_adjourned', date: '2025-01-09' },
          { type: 'review_held', date: '2025-01-10' },
          { type: 'review_held', date: '2025-01-13' },
        ],
      },
      '2025-01-20',
    );
    if (!r.ok) throw new Error('refused');
    expect(r.result.obligations.map((o) => `${o.occurrence} ${o.satisfiedOn ?? '-'}`)).toEqual(['1 2025-01-10', '2 2025-01-13', '3 -']);
    // The third adjournment is over the limit in all three windows (each from Mon 6 Jan): one violation.
    expect(r.result.violations.map((v) => v.message)).toEqual([
      'At most two adjournments: review_adjourned on Thu 9 Jan 2025 is the 3rd in the case; at most 2 are allowed',
      'At most two adjournments per review: review_adjourned on Thu 9 Jan 2025 is the 3rd in occurrence 1 of reviews (from placed on Mon 6 Jan 2025 to review_held on Fri 10 Jan 2025); at most 2 are allowed',
    ]);
  });
});

describe('constraints', () => {
  it('a date on the due date is on time; a day after it is 1 day late', () => {
    const r = run(
      [
        { type: 'placed', date: '2025-01-06' },
        { type: 'review_scheduled', date: '2025-01-10', for: '2025-01-26' },
        { type: 'review_scheduled', date: '2025-01-11', for: '2025-01-27' },
      ],
      '2025-01-20',
    );
    expect(r.violations.map((v) => v.message)).toEqual([
      'A review is scheduled in time: review_scheduled on Sat 11 Jan 2025 sets `for` to Mon 27 Jan 2025, after Sun 26 Jan 2025, the due date of occurrence 1 of reviews (1 day late)',
    ]);
  });

  it('an event on the day its run ends is checked against that run; one on the day of a restart, against the new run', () => {
    // Listed before `ceased` on 20 Jan: occurrence 1 (due Sun 26 Jan) is still the one pending.
    const ended = run(
      [
        { type: 'placed', date: '2025-01-06' },
        { type: 'review_scheduled', date: '2025-01-20', for: '2025-01-30' },
        { type: 'ceased', date: '2025-01-20' },
      ],
      '2025-01-25',
    );
    expect(ended.violations.map((v) => v.message)).toEqual([
      'A review is scheduled in time: review_scheduled on Mon 20 Jan 2025 sets `for` to Thu 30 Jan 2025, after Sun 26 Jan 2025, the due date of occurrence 1 of reviews (4 days late)',
    ]);
    // Listed after the restart on Wed 15 Jan: the new run's occurrence (due Tue 4 Feb) is pending, not
    // the superseded one (due Sun 26 Jan), whose run also ends that day.
    const restarted = run(
      [
        { type: 'placed', date: '2025-01-06' },
        { type: 'placement_moved', date: '2025-01-15' },
        { type: 'review_scheduled', date: '2025-01-15', for: '2025-01-30' },
      ],
      '2025-01-25',
    );
    expect(restarted.violations).toEqual([]);
  });

  it('an event of a constraint on a cycle that has no occurrence is checked against nothing', () => {
    expect(run([{ type: 'review_scheduled', date: '2025-01-10', for: '2025-03-30' }], '2025-01-25').violations).toEqual([]);
  });
});

describe('malformed limits and constraints', () => {
  it('are refused, naming the rule and what is wrong', () => {
    const ir = irOf();
    const limit = (change: object): PolicyIR => ({ ...ir, limits: ir.limits.map((l) => (l.id === 'one_missed_visit' ? { ...l, ...change } : l)) });
    expect(refusal(limit({ event: 'nope' }))).toBe('malformed IR: limit `one_missed_visit`: undeclared event `nope`');
    expect(refusal(limit({ max: -1 }))).toBe('malformed IR: limit `one_missed_visit`: -1 is not a non-negative integer');
    expect(refusal(limit({ max: 1.5 }))).toBe('malformed IR: limit `one_missed_visit`: 1.5 is not a non-negative integer');
    // A maximum of 0 is allowed: the first missed visit is over it.
    const zero = preparePolicy(limit({ max: 0 })).evaluate({ id: 'case-limits', child: { dob: '2012-02-02' }, events: [{ type: 'visit_missed', date: '2025-01-07' }] }, '2025-01-20');
    if (!zero.ok) throw new Error('refused');
    expect(zero.result.violations.map((v) => v.message)).toEqual(['At most one missed visit: visit_missed on Tue 7 Jan 2025 is the 1st in the case; at most 0 are allowed']);
    const constraint = (change: object): PolicyIR => ({ ...ir, constraints: ir.constraints.map((c) => ({ ...c, ...change })) });
    expect(refusal(constraint({ attribute: 'when' }))).toBe('malformed IR: constraint `scheduled_in_time`: undeclared attribute `review_scheduled.when`');
    expect(refusal(constraint({ event: 'nope' }))).toBe('malformed IR: constraint `scheduled_in_time`: undeclared attribute `nope.for`');
    expect(refusal(constraint({ event: 'placed' }))).toBe('malformed IR: constraint `scheduled_in_time`: undeclared attribute `placed.for`');
    expect(refusal(constraint({ attribute: 'note' }))).toBe('malformed IR: constraint `scheduled_in_time`: `review_scheduled.note` is not a date');
  });
});
