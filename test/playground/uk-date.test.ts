/**
 * The as-of field's dates (playground/src/uk-date.ts): UK day/month/year in, ISO out, and back,
 * with impossible dates refused; no `Date`, so the answers are the same under any time zone.
 */
import { describe, expect, it } from 'vitest';
import { daysInMonth, formatUkDate, parseUkDate } from '../../playground/src/uk-date.ts';

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
});
