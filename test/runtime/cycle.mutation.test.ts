/**
 * Tests written to kill the surviving mutants of runtime/kinds/cycle.ts (docs/testing.md, "Mutation
 * testing"): a later step measured from the run's start (IR the compiler does not emit, whose steps
 * after the first are measured from the previous occurrence, but which the runtime reads) is due from
 * the start, not from the event that met the occurrence before it (and, unedited, the other way round);
 * which explanations say "(which met occurrence N)"; a run ended by the event type declared first,
 * whose occurrence a later review does not meet and which is superseded as ended; a restarted run; the
 * limits per occurrence, which read superseded occurrences too; a review listed before the start on
 * its date; a cycle with a first step only.
 *
 * Input: small policies compiled here (one edited); each test prepares its policy itself. Output:
 * assertions only. Dates worked by hand: Mon 6 Jan 2025 + 100 days = Wed 16 Apr 2025; + 20 days =
 * Sun 26 Jan 2025; Wed 15 Jan 2025 + 20 days = Tue 4 Feb 2025.
 */
import { describe, expect, it } from 'vitest';
import { preparePolicy } from '../../runtime/index.ts';
import type { IrCycle, PolicyIR } from '../../runtime/index.ts';
import { compiledIr } from '../support/compiled.ts';

const TEXT = `policy test.cycle_golden
  title "Cycles"

role iro "IRO"

event became_looked_after
event review_held

cycle reviews "Reviews"
  owner iro
  runs from became_looked_after
  first within 20 working days of became_looked_after
  then  within 6 months of the previous review_held
  met by review_held
  cite "r33"
`;

const IR: PolicyIR = compiledIr(TEXT, { uri: 'cycle-golden.pdl' });

describe('a cycle step measured from the run start', () => {
  it('is due from the start, not from the event that met the occurrence before it', () => {
    const cycle = IR.rules.find((r) => r.kind === 'cycle') as IrCycle;
    const [first, then] = cycle.steps;
    const steps = [first!, { ...then!, due: { ...then!.due, anchor: { kind: 'run_start' as const }, offset: { amount: 100, unit: 'days' as const } } }];
    const p = preparePolicy({ ...IR, rules: IR.rules.map((r) => (r === cycle ? { ...cycle, steps } : r)) });
    const r = p.evaluate({ id: 'case-cycle', child: { dob: '2012-02-02' }, events: [{ type: 'became_looked_after', date: '2025-01-06' }, { type: 'review_held', date: '2025-01-20' }] }, '2025-02-01');
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
    expect(r.result.obligations.map((o) => [o.occurrence, o.due, o.status])).toEqual([
      [1, '2025-02-03', 'met'],
      [2, '2025-04-16', 'open'],
    ]);
    // Unedited, the second step is measured from the review that met the first: Mon 20 Jan 2025 + 6 months.
    const plain = preparePolicy(IR).evaluate({ id: 'case-cycle', child: { dob: '2012-02-02' }, events: [{ type: 'became_looked_after', date: '2025-01-06' }, { type: 'review_held', date: '2025-01-20' }] }, '2025-02-01');
    if (!plain.ok) throw new Error(plain.errors.map((e) => e.message).join('; '));
    expect(plain.result.obligations.map((o) => [o.occurrence, o.due, o.status])).toEqual([
      [1, '2025-02-03', 'met'],
      [2, '2025-07-20', 'open'],
    ]);
  });
});

describe('which occurrence says it is measured from the event that met the one before', () => {
  it('an open first occurrence does not; a met second and an open third do, naming the occurrence met', () => {
    const p = preparePolicy(IR);
    const explained = (events: { type: string; date: string }[], asOf: string) => {
      const r = p.evaluate({ id: 'case-cycle', child: { dob: '2012-02-02' }, events }, asOf);
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
      return r.result.obligations.map((o) => o.explanation);
    };
    // Mon 6 Jan 2025 + 20 working days (no holiday in between) = Mon 3 Feb 2025.
    expect(explained([{ type: 'became_looked_after', date: '2025-01-06' }], '2025-01-10')).toEqual([
      'reviews (occurrence 1): 20 working days after became_looked_after on Mon 6 Jan 2025 is Mon 3 Feb 2025 (skipping weekends); open: no review_held on or after Mon 6 Jan 2025 yet as of Fri 10 Jan 2025. Source: r33.',
    ]);
    // Mon 20 Jan 2025 + 6 months = Sun 20 Jul 2025; Mon 3 Mar 2025 + 6 months = Wed 3 Sep 2025.
    const events = [{ type: 'became_looked_after', date: '2025-01-06' }, { type: 'review_held', date: '2025-01-20' }, { type: 'review_held', date: '2025-03-03' }];
    expect(explained(events, '2025-03-10')).toEqual([
      'reviews (occurrence 1): 20 working days after became_looked_after on Mon 6 Jan 2025 is Mon 3 Feb 2025 (skipping weekends); met by review_held on Mon 20 Jan 2025. Source: r33.',
      'reviews (occurrence 2): 6 months after review_held on Mon 20 Jan 2025 (which met occurrence 1) is Sun 20 Jul 2025; met by review_held on Mon 3 Mar 2025. Source: r33.',
      'reviews (occurrence 3): 6 months after review_held on Mon 3 Mar 2025 (which met occurrence 2) is Wed 3 Sep 2025; open: no review_held on or after Mon 3 Mar 2025 yet as of Mon 10 Mar 2025. Source: r33.',
    ]);
  });
});

// A cycle with a first step only, ended by the event type declared first (type 0: no `until ...
// where`, so the condition table of that type is empty), restarted by a placement move, and a limit
// per occurrence and a constraint, which read superseded occurrences as well as obligations.
const ENDED = `policy test.cycle_ended
  title "Cycles that end"

role iro "IRO"

event ceased
event became_looked_after
event placement_moved
event review_held
event review_adjourned
event review_scheduled { for: date }

cycle reviews "Reviews"
  owner iro
  runs from became_looked_after until ceased
  restarts on placement_moved
  first within 20 days of became_looked_after
  met by review_held
  cite "r33"

limit one_adjournment "At most one adjournment per review"
  at most 1 review_adjourned per reviews
  cite "x"

constraint scheduled_in_time "A review is scheduled in time"
  each review_scheduled.for on or before the due date of reviews
  cite "x"
`;

describe('runs that end or restart, and a cycle with one step', () => {
  const evaluated = (events: { type: string; date: string; for?: string }[], asOf: string) => {
    const ir = compiledIr(ENDED, { uri: 'cycle-ended.pdl' });
    const r = preparePolicy(ir).evaluate({ id: 'case-cycle', child: { dob: '2012-02-02' }, events }, asOf);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
    return r.result;
  };

  it('an ended run: a review after its end does not meet its occurrence, which is superseded as ended; its adjournments are counted, and a review scheduled on time during it is no violation', () => {
    // Mon 6 Jan 2025 + 20 days = Sun 26 Jan 2025, after the end (Wed 15 Jan): superseded, not overdue.
    const r = evaluated(
      [
        { type: 'became_looked_after', date: '2025-01-06' },
        { type: 'review_adjourned', date: '2025-01-08' },
        { type: 'review_adjourned', date: '2025-01-10' },
        // For Mon 20 Jan 2025, before the due date: on time.
        { type: 'review_scheduled', date: '2025-01-10', for: '2025-01-20' },
        { type: 'ceased', date: '2025-01-15' },
        { type: 'review_held', date: '2025-01-20' },
      ],
      '2025-02-01',
    );
    expect(r.obligations).toEqual([]);
    expect(r.superseded).toEqual([
      {
        rule: 'reviews',
        occurrence: 1,
        anchor: { event: 'became_looked_after', date: '2025-01-06' },
        due: '2025-01-26',
        reason: 'the run ended with ceased on Wed 15 Jan 2025, before this occurrence was met or fell due (due Sun 26 Jan 2025)',
      },
    ]);
    expect(r.violations.map((v) => v.message)).toEqual([
      'At most one adjournment per review: review_adjourned on Fri 10 Jan 2025 is the 2nd in occurrence 1 of reviews (from became_looked_after on Mon 6 Jan 2025 to ceased on Wed 15 Jan 2025); at most 1 is allowed',
    ]);
    expect(r.notices).toEqual([]);
  });

  it('a restarted run: the superseded occurrence and the new run\'s both count their adjournments, and the superseded one is the one a review scheduled during it is checked against', () => {
    // The new run starts on Wed 15 Jan 2025: due Tue 4 Feb 2025.
    const r = evaluated(
      [
        { type: 'became_looked_after', date: '2025-01-06' },
        { type: 'review_adjourned', date: '2025-01-08' },
        { type: 'review_adjourned', date: '2025-01-10' },
        // Scheduled during the first run for Thu 30 Jan 2025: 4 days after its due date (Sun 26 Jan).
        { type: 'review_scheduled', date: '2025-01-12', for: '2025-01-30' },
        { type: 'placement_moved', date: '2025-01-15' },
        { type: 'review_adjourned', date: '2025-01-17' },
        { type: 'review_adjourned', date: '2025-01-18' },
      ],
      '2025-01-25',
    );
    expect(r.obligations.map((o) => [o.occurrence, o.due, o.status])).toEqual([[1, '2025-02-04', 'open']]);
    expect(r.superseded.map((s) => [s.occurrence, s.due, s.reason])).toEqual([
      [1, '2025-01-26', 'the run was restarted by placement_moved on Wed 15 Jan 2025, before this occurrence was met or fell due (due Sun 26 Jan 2025); a new run starts from that event'],
    ]);
    // The violations in the order of their events.
    expect(r.violations.map((v) => v.message)).toEqual([
      'At most one adjournment per review: review_adjourned on Fri 10 Jan 2025 is the 2nd in occurrence 1 of reviews (from became_looked_after on Mon 6 Jan 2025 to placement_moved on Wed 15 Jan 2025); at most 1 is allowed',
      'A review is scheduled in time: review_scheduled on Sun 12 Jan 2025 sets `for` to Thu 30 Jan 2025, after Sun 26 Jan 2025, the due date of occurrence 1 of reviews (4 days late)',
      'At most one adjournment per review: review_adjourned on Sat 18 Jan 2025 is the 2nd in occurrence 1 of reviews (from placement_moved on Wed 15 Jan 2025 to the as-of date Sat 25 Jan 2025); at most 1 is allowed',
    ]);
  });

  it('a review listed before the start, on its date, meets the first occurrence; with no second step the run stops there, without a notice', () => {
    const r = evaluated([{ type: 'review_held', date: '2025-01-06' }, { type: 'became_looked_after', date: '2025-01-06' }], '2025-03-01');
    expect(r.obligations.map((o) => [o.occurrence, o.due, o.status, o.satisfiedOn])).toEqual([[1, '2025-01-26', 'met', '2025-01-06']]);
    expect(r.notices).toEqual([]);
  });
});
