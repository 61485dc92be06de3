/**
 * The survivors of the Stryker run over runtime/dates.ts and runtime/units.ts (docs/testing.md,
 * "Mutation testing"), each pinned by a value worked by hand: month normalisation in `fromYmd`, the
 * hyphen positions and digit range of `parsePlainDate`, years outside 0000-9999 in `formatPlainDate`,
 * the long date form, and the singular and plural words of `unitWords` and `unitDocsWords`.
 */
import { describe, expect, it } from 'vitest';
import { formatLongDate, formatPlainDate, fromYmd, parsePlainDate } from '../../runtime/dates.ts';
import { unitDocsWords, unitWords } from '../../runtime/units.ts';

const iso = (y: number, m: number, d: number): string => formatPlainDate(fromYmd(y, m, d));

describe('fromYmd normalises months beyond 1-12 into neighbouring years', () => {
  it.each([
    [2025, 13, 1, '2026-01-01'],
    [2025, 25, 1, '2027-01-01'],
    [2025, 0, 15, '2024-12-15'],
    [2025, -11, 1, '2024-01-01'],
    [2025, -12, 31, '2023-12-31'],
    [2024, 14, 29, '2025-03-01'], // 29 Feb 2025 does not exist: runs on into March
  ])('fromYmd(%i, %i, %i) = %s', (y, m, d, expected) => {
    expect(iso(y, m, d)).toBe(expected);
  });
});

describe('parsePlainDate reads YYYY-MM-DD exactly', () => {
  it('the hyphens must be at positions 4 and 7', () => {
    expect(parsePlainDate('2024-01-01')).toBe(fromYmd(2024, 1, 1));
    expect(parsePlainDate('2024x01-01')).toBeUndefined();
    expect(parsePlainDate('2024-01x01')).toBeUndefined();
    expect(parsePlainDate('20240-1-01')).toBeUndefined();
  });
  it('every other character is a digit 0-9 (the characters just outside the range are not)', () => {
    expect(parsePlainDate('2024-01-0/')).toBeUndefined(); // '/' is the code before '0'
    expect(parsePlainDate('2024-01-0:')).toBeUndefined(); // ':' is the code after '9'
    expect(parsePlainDate('2/24-01-01')).toBeUndefined();
    expect(parsePlainDate('2024-01-09')).toBe(fromYmd(2024, 1, 9));
    expect(parsePlainDate('2024-01-10')).toBe(fromYmd(2024, 1, 10));
    expect(parsePlainDate('0001-01-01')).toBe(fromYmd(1, 1, 1));
    expect(parsePlainDate('0000-01-01')).toBeUndefined();
  });
});

describe('formatPlainDate', () => {
  it('years 0000-9999 as four digits; outside, a sign and six digits', () => {
    expect(iso(0, 1, 1)).toBe('0000-01-01');
    expect(iso(9999, 12, 31)).toBe('9999-12-31');
    expect(iso(10000, 1, 1)).toBe('+010000-01-01');
    expect(iso(-1, 1, 1)).toBe('-000001-01-01');
  });
  it('the long form: weekday abbreviated, day not padded, month in full', () => {
    expect(formatLongDate(fromYmd(2025, 5, 15))).toBe('Thu 15 May 2025');
    expect(formatLongDate(fromYmd(2025, 3, 1))).toBe('Sat 1 March 2025');
    expect(formatLongDate(fromYmd(2024, 12, 31))).toBe('Tue 31 December 2024');
  });
});

describe('unit words: singular for exactly 1, plural otherwise', () => {
  it('unitWords', () => {
    expect(unitWords('working_days', 1)).toBe('working day');
    expect(unitWords('working_days', 2)).toBe('working days');
    expect(unitWords('working_days', 0)).toBe('working days');
    expect(unitWords('months', 1)).toBe('month');
    expect(unitWords('days', 1)).toBe('day');
  });
  it('unitDocsWords says calendar days', () => {
    expect(unitDocsWords('days', 1)).toBe('calendar day');
    expect(unitDocsWords('days', 5)).toBe('calendar days');
    expect(unitDocsWords('weeks', 1)).toBe('week');
    expect(unitDocsWords('weeks', 0)).toBe('weeks');
  });
});
