/**
 * Case dates at the ends of the years a date may name (0001..9999): a due date counted from them can
 * fall in year 0 or year 10000, where date-holidays gives no usable answer (it reads a year under 100
 * as 19YY, year 0 as the current year, and writes year 10000's dates as `0000-...`). A walkthrough
 * found `became_looked_after` on 9999-12-31 (a common "open-ended" placeholder in case-management
 * exports) made `evaluate` throw from the calendar. Such years have no bank holidays: only weekends
 * are skipped, nothing throws, and a date past 9999-12-31 is written in ISO 8601's expanded form.
 *
 * Input: the statutory policy and Bristol's (20 working days after `became_looked_after`; 5 working
 * days before `review_scheduled.for`). Output: pass/fail.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeUkBankHolidaysOfYear, COMPUTED_FIRST_YEAR, COMPUTED_LAST_YEAR, type UkDivision } from '../../runtime/calendars/uk.ts';
import { formatPlainDate, fromYmd } from '../../runtime/dates.ts';
import { compiledPolicy } from '../support/compiled.ts';

const read = (path: string): string => readFileSync(new URL(`../../policies/${path}`, import.meta.url), 'utf8');
/** A deadline counted in working days before a date given by the case. */
const BEFORE = `policy t.far_years
  title "Working days before a booked date"

calendar england-and-wales

role social_worker "Social worker"

event review_scheduled { for: date }
event plan_ready

deadline plan_ready "Plan ready"
  owner social_worker
  due at least 5 working days before review_scheduled.for
  met by plan_ready
  cite "test"
`;
const DIVISIONS: readonly UkDivision[] = ['england-and-wales', 'scotland', 'northern-ireland'];

describe('bank holidays at the ends of the years', () => {
  it('has none for a year date-holidays cannot compute, and never throws', () => {
    for (const division of DIVISIONS) {
      for (const year of [-1, 0, 1, 5, 99, 10_000, 10_001]) {
        expect([...computeUkBankHolidaysOfYear(division, year)], `${division} ${year}`).toEqual([]);
      }
    }
  });

  it('computes the first and last years it can, each holiday inside its own year', () => {
    for (const division of DIVISIONS) {
      for (const year of [COMPUTED_FIRST_YEAR, COMPUTED_LAST_YEAR]) {
        const dates = [...computeUkBankHolidaysOfYear(division, year).keys()];
        expect(dates.length, `${division} ${year}`).toBeGreaterThan(3);
        for (const date of dates) expect(formatPlainDate(date).slice(0, 4), `${division} ${year}`).toBe(String(year).padStart(4, '0'));
      }
    }
    // Christmas of 9999 is a Saturday: the substitute days are Monday 27 and Tuesday 28 December.
    expect(computeUkBankHolidaysOfYear('england-and-wales', 9999).has(fromYmd(9999, 12, 28))).toBe(true);
  });
});

describe('a case dated at the ends of the years', () => {
  it('evaluates a child who came into care on 9999-12-31: the review is due in year 10000, weekends skipped', () => {
    const policy = compiledPolicy(read('england/statutory-reviews.pdl'), { uri: 'statutory-reviews.pdl' });
    const evaluation = policy.evaluate({ id: 'x', child: { dob: '2015-03-01' }, events: [{ type: 'became_looked_after', date: '9999-12-31' }] }, '9999-12-31');
    if (!evaluation.ok) throw new Error(`case refused: ${evaluation.errors.map((e) => e.message).join('; ')}`);
    const review = evaluation.result.obligations.find((o) => o.rule === 'looked_after_review');
    // Friday 31 December 9999 + 20 working days (no bank holiday known in year 10000): Friday 28 January.
    expect(review?.due).toBe('+010000-01-28');
    expect(review?.status).toBe('open');
  });

  it('evaluates a review booked for 0001-01-02: 5 working days before it fall in year 0', () => {
    const policy = compiledPolicy(BEFORE, { uri: 'far-years.pdl' });
    const evaluation = policy.evaluate({ id: 'x', child: { dob: '0001-01-01' }, events: [{ type: 'review_scheduled', date: '0001-01-01', for: '0001-01-02' }] }, '0001-02-01');
    if (!evaluation.ok) throw new Error(`case refused: ${evaluation.errors.map((e) => e.message).join('; ')}`);
    // Tuesday 2 January 1 less 5 working days, weekends only: Tuesday 26 December of year 0.
    expect(evaluation.result.obligations.map((o) => [o.rule, o.due])).toEqual([['plan_ready', '0000-12-26']]);
  });
});
