/**
 * A policy's closure days (`closed DATE "why"`) are named as closure days in explanations, not
 * counted among the bank holidays: a walkthrough found "skipping weekends and 3 bank holidays: ...
 * closure Fri 9 May 2025". A `closed` day that is also a bank holiday stays a bank holiday (its names
 * joined). Semantics: docs/language.md, "The calendar".
 *
 * Input: a self-contained policy with a closure day and a deadline in working days, and calendars made
 * directly (`calendarNamed`, `createCalendar`). Output: pass/fail.
 */
import { describe, expect, it } from 'vitest';
import { calendarNamed, createCalendar } from '../../runtime/calendar.ts';
import { fromYmd } from '../../runtime/dates.ts';
import { compiledPolicy } from '../support/compiled.ts';

const TEXT = `policy local.closure_days
  title "Closure days"

calendar england-and-wales
  closed 2025-12-24 "Council closure: Christmas Eve"
  closed 2025-12-25 "Council closure: Christmas"

role social_worker "Social worker"

event referral
event visit

deadline visit "Visit"
  owner social_worker
  due within 5 working days of referral
  met by visit
  cite "V"
`;

describe('closure days in explanations', () => {
  it('names the closure day apart from the bank holidays', () => {
    const evaluation = compiledPolicy(TEXT, { uri: 'closure-days.pdl' }).evaluate({ id: 'c', child: { dob: '2015-03-01' }, events: [{ type: 'referral', date: '2025-12-22' }] }, '2025-12-23');
    if (!evaluation.ok) throw new Error(`case refused: ${evaluation.errors.map((e) => e.message).join('; ')}`);
    const [visit] = evaluation.result.obligations;
    // Mon 22 Dec + 5 working days: Tue 23 (1), Wed 24 closed, Thu 25 and Fri 26 bank holidays, Mon 29 (2), Tue 30 (3), Wed 31 (4), Thu 1 Jan bank holiday, Fri 2 Jan (5).
    expect(visit?.due).toBe('2026-01-02');
    expect(visit?.explanation).toContain(
      '(skipping weekends, 3 bank holidays: Christmas Day / Council closure: Christmas Thu 25 Dec 2025, Boxing Day Fri 26 Dec 2025, New Year’s Day Thu 1 Jan 2026 and 1 closure day: Council closure: Christmas Eve Wed 24 Dec 2025)',
    );
  });

  it('marks only the added days that are not holidays already, in a named calendar and a made one', () => {
    const add = [
      { date: fromYmd(2025, 12, 24), name: 'Closed' },
      { date: fromYmd(2025, 12, 25), name: 'Closed too' },
    ];
    const named = calendarNamed('england-and-wales', { add });
    const made = createCalendar({ name: 'made', holidays: [{ date: fromYmd(2025, 12, 25), name: 'Christmas Day' }], add });
    for (const calendar of [named, made]) {
      const days = calendar.holidaysBetween(fromYmd(2025, 12, 23), fromYmd(2025, 12, 25)).map((h) => [h.name, h.closure === true]);
      expect(days, calendar.name).toEqual([
        ['Closed', true],
        ['Christmas Day / Closed too', false],
      ]);
    }
    // Without closure days, nothing is marked.
    expect(calendarNamed('england-and-wales').holidaysBetween(fromYmd(2025, 12, 23), fromYmd(2025, 12, 26)).some((h) => h.closure === true)).toBe(false);
  });
});
