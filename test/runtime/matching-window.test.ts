/**
 * Matching windows (docs/language.md, "Matching window") and limited anchors ("Repeated events"):
 * the golden good cases test/cases/deadlines/good/{matching-window,up-to-the-limit}.pdl compiled,
 * small cases evaluated, every date worked by hand on the england-and-wales calendar (2025: early May
 * bank holiday Mon 5 May, Spring bank holiday Mon 26 May; weekends skipped).
 *
 * Input: those policy files and plain JSON cases. Output: vitest assertions on status, satisfying
 * date, the explanation's words and the superseded reason. Dates are plain `YYYY-MM-DD` strings.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { EvaluationResult, Obligation } from '../../runtime/index.ts';

function policyAt(path: string) {
  const text = readFileSync(fileURLToPath(new URL(`../cases/deadlines/good/${path}`, import.meta.url)), 'utf8');
  const compiled = compile(text, { uri: path });
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (compiled.policy === undefined) throw new Error('the policy did not compile');
  return compiled.policy;
}

const WINDOW = policyAt('matching-window.pdl');
const LIMIT = policyAt('up-to-the-limit.pdl');

function run(policy: ReturnType<typeof policyAt>, events: Record<string, string>[], asOf: string): EvaluationResult {
  const evaluation = policy.evaluate({ id: 'c', child: { dob: '2015-03-01' }, facts: {}, events }, asOf);
  if (!evaluation.ok) throw new Error(JSON.stringify(evaluation.errors));
  return evaluation.result;
}

function one(result: EvaluationResult, rule: string, occurrence = 1): Obligation {
  const o = result.obligations.find((x) => x.rule === rule && x.occurrence === occurrence);
  if (o === undefined) throw new Error(`no ${rule} (occurrence ${occurrence})`);
  return o;
}

describe('matching windows', () => {
  // First meeting Wed 14 May 2025 (booked Tue 22 Apr); the next booked Fri 1 Aug for Wed 13 Aug 2025.
  const twoMeetings: Record<string, string>[] = [
    { type: 'review_scheduled', date: '2025-04-22', for: '2025-05-14' },
    { type: 'care_plan_authorised', date: '2025-05-08' },
    { type: 'report_completed', date: '2025-05-09' },
    { type: 'review_held', date: '2025-05-14' },
    { type: 'care_plan_authorised', date: '2025-07-28' },
    { type: 'report_completed', date: '2025-07-29' },
    { type: 'review_scheduled', date: '2025-08-01', for: '2025-08-13' },
  ];

  it('by default, before a meeting: counts work since the previous meeting, before the booking included', () => {
    // 13 Aug - 5 days = Fri 8 Aug 2025; the plan of Mon 28 Jul (before the booking of 1 Aug) counts.
    const o = one(run(WINDOW, twoMeetings, '2025-08-13'), 'care_plan_before_review', 2);
    expect(o).toMatchObject({ due: '2025-08-08', status: 'met', satisfiedOn: '2025-07-28' });
    expect(o.explanation).toContain('counted from Wed 14 May 2025, the previous review_scheduled.for');
  });

  it('`counting from review_scheduled`: only what follows the booking counts', () => {
    const o = one(run(WINDOW, twoMeetings, '2025-08-13'), 'care_plan_since_booking', 2);
    expect(o).toMatchObject({ due: '2025-08-08', status: 'overdue' });
    expect(o.explanation).toContain('counted from Fri 1 Aug 2025, the date of the event it is measured from');
  });

  it('`counting from the previous review_held`: from the last review held, the report for it excluded', () => {
    // 13 Aug 2025 - 10 working days = Wed 30 Jul 2025 (12, 11, 8, 7, 6, 5, 4, 1 Aug, 31, 30 Jul).
    const met = one(run(WINDOW, twoMeetings, '2025-08-13'), 'report_before_review', 2);
    expect(met).toMatchObject({ due: '2025-07-30', status: 'met', satisfiedOn: '2025-07-29' });
    expect(met.explanation).toContain('counted from Wed 14 May 2025, the previous review_held');
    // Without the report of 29 Jul, the one of 9 May (for the first review) does not count.
    const missed = one(run(WINDOW, twoMeetings.filter((e) => e.date !== '2025-07-29'), '2025-08-13'), 'report_before_review', 2);
    expect(missed).toMatchObject({ due: '2025-07-30', status: 'overdue' });
    // For the first meeting there is no review held before it: any date counts.
    expect(one(run(WINDOW, twoMeetings, '2025-08-13'), 'report_before_review', 1).explanation).toContain('counted from any date: no previous review_held before Wed 14 May 2025');
  });

  it('a deadline measured from an event may count from the previous date attribute of another', () => {
    // Adjourned Mon 12 May 2025, counted from the previous review_scheduled.for (none before 12 May:
    // any date); met by review_held: the review of 14 May (+20 working days = Tue 10 Jun 2025).
    const adjourned: Record<string, string>[] = [
      { type: 'review_scheduled', date: '2025-04-22', for: '2025-05-14' },
      { type: 'review_adjourned', date: '2025-05-12' },
      { type: 'review_held', date: '2025-05-14' },
    ];
    const o = one(run(WINDOW, adjourned, '2025-06-11'), 'reconvened');
    expect(o).toMatchObject({ due: '2025-06-10', status: 'met', satisfiedOn: '2025-05-14' });
    expect(o.explanation).toContain('counted from any date: no previous review_scheduled.for before Mon 12 May 2025');
  });

  it('a superseded arrangement is no previous meeting', () => {
    // Booked for Tue 13 May, rearranged on Tue 6 May to Thu 15 May: the plan of Fri 2 May counts
    // for the new date (15 May - 5 days = Sat 10 May 2025).
    const rearranged: Record<string, string>[] = [
      { type: 'review_scheduled', date: '2025-04-22', for: '2025-05-13' },
      { type: 'care_plan_authorised', date: '2025-05-02' },
      { type: 'review_scheduled', date: '2025-05-06', for: '2025-05-15' },
    ];
    const result = run(WINDOW, rearranged, '2025-05-15');
    expect(one(result, 'care_plan_before_review', 2)).toMatchObject({ due: '2025-05-10', status: 'met', satisfiedOn: '2025-05-02' });
    expect(result.superseded.filter((s) => s.rule === 'care_plan_before_review').map((s) => s.occurrence)).toEqual([1]);
  });
});

describe('up to the limit', () => {
  // Looked after Mon 14 Apr 2025; adjourned Mon 12 May and again Mon 2 Jun, no review held between.
  const twice: Record<string, string>[] = [
    { type: 'became_looked_after', date: '2025-04-14' },
    { type: 'review_adjourned', date: '2025-05-12' },
    { type: 'review_adjourned', date: '2025-06-02' },
  ];

  it('a second adjournment in one review gives no due date; the first one\'s stands', () => {
    const result = run(LIMIT, twice, '2025-06-11');
    // 12 May + 20 working days, skipping Mon 26 May = Tue 10 Jun 2025.
    expect(result.obligations.filter((o) => o.rule === 'adjourned_review_completed').map((o) => [o.occurrence, o.due, o.status])).toEqual([[1, '2025-06-10', 'overdue']]);
    // 2 Jun + 20 working days = Mon 30 Jun 2025, superseded.
    expect(result.superseded).toEqual([
      expect.objectContaining({ rule: 'adjourned_review_completed', occurrence: 2, due: '2025-06-30', reason: expect.stringContaining('beyond the limit one_adjournment_per_review (at most 1 review_adjourned per review)') }),
    ]);
    expect(result.violations.map((v) => [v.rule, v.event.date])).toEqual([['one_adjournment_per_review', '2025-06-02']]);
  });

  it('an adjournment of the next review is within its own limit', () => {
    // Review held Wed 21 May 2025; adjourned again Mon 4 Aug: + 20 working days, skipping Mon 25 Aug = Tue 2 Sep 2025.
    const result = run(LIMIT, [...twice.slice(0, 2), { type: 'review_held', date: '2025-05-21' }, { type: 'review_adjourned', date: '2025-08-04' }], '2025-09-03');
    expect(result.obligations.filter((o) => o.rule === 'adjourned_review_completed').map((o) => [o.occurrence, o.due, o.status])).toEqual([
      [1, '2025-06-10', 'met'],
      [2, '2025-09-02', 'overdue'],
    ]);
    expect(result.superseded).toEqual([]);
    expect(result.violations).toEqual([]);
  });
});
