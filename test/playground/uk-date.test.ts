/**
 * The as-of field's dates (playground/src/uk-date.ts): UK day/month/year in, ISO out, and back,
 * with impossible dates refused; no `Date`, so the answers are the same under any time zone.
 */
import { describe, expect, it } from 'vitest';
import { daysInMonth, formatUkDate, longUkDate, parseUkDate, ukDatesInText } from '../../playground/src/uk-date.ts';

describe('UK dates of the as-of field', () => {
  it('reads day/month/year, never month/day', () => {
    expect(parseUkDate('01/12/2025')).toBe('2025-12-01');
    expect(parseUkDate('1/12/2025')).toBe('2025-12-01');
    expect(parseUkDate(' 12.1.2025 ')).toBe('2025-01-12');
    expect(parseUkDate('31-01-2026')).toBe('2026-01-31');
    expect(parseUkDate('2025-10-01')).toBe('2025-10-01');
  });

  it('refuses what is not a calendar date', () => {
    for (const text of ['12/31/2025', '31/04/2025', '29/02/2025', '00/01/2025', '1/1/25', '', 'today', '2025-13-01', '2025-02-30']) {
      expect(parseUkDate(text), text).toBeUndefined();
    }
    expect(parseUkDate('29/02/2024')).toBe('2024-02-29');
    expect(parseUkDate('29/02/2000')).toBe('2000-02-29');
    expect(parseUkDate('29/02/1900')).toBeUndefined();
  });

  it('shows an ISO date as dd/mm/yyyy, and round-trips', () => {
    expect(formatUkDate('2025-12-01')).toBe('01/12/2025');
    expect(formatUkDate('not a date')).toBe('not a date');
    for (const d of ['2024-02-29', '2025-01-31', '1999-12-31']) expect(parseUkDate(formatUkDate(d))).toBe(d);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m)).reduce((a, b) => a + b)).toBe(365);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2024, m)).reduce((a, b) => a + b)).toBe(366);
  });

  it('writes a date out with its weekday, counted without `Date`', () => {
    expect(longUkDate('2025-05-13')).toBe('Tuesday 13 May 2025');
    expect(longUkDate('1970-01-01')).toBe('Thursday 1 January 1970');
    expect(longUkDate('2000-02-29')).toBe('Tuesday 29 February 2000');
    expect(longUkDate('1900-03-01')).toBe('Thursday 1 March 1900');
    expect(longUkDate('2026-12-04')).toBe('Friday 4 December 2026');
    // Seven consecutive days give the seven weekdays, across a month and a year end.
    const week = ['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'].map((d) => longUkDate(d).split(' ')[0]);
    expect(week).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(longUkDate('2025-02-29')).toBe('2025-02-29');
    expect(longUkDate('soon')).toBe('soon');
  });

  it('rewrites the ISO dates inside a text (an explanation), and only real dates', () => {
    expect(ukDatesInText('due 2025-05-15 (2025-04-14 + 22 working days)')).toBe('due 15/05/2025 (14/04/2025 + 22 working days)');
    expect(ukDatesInText('2025-02-30 is not a date; 12025-01-01 is not one either')).toBe('2025-02-30 is not a date; 12025-01-01 is not one either');
    expect(ukDatesInText('no dates')).toBe('no dates');
  });
});
