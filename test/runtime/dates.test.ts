/**
 * Tests of runtime/dates.ts: plain dates as integer day numbers.
 *
 * Input: the public API of runtime/dates.ts. Output: vitest results.
 * INVARIANT: nothing here depends on the process time zone; `Date` is used only as a UTC oracle
 * (`setUTCFullYear`), never for local time. Run also with TZ=Pacific/Kiritimati and
 * TZ=America/Anchorage.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  ageInYears,
  alignToWeekday,
  daysInMonth,
  formatLongDate,
  formatPlainDate,
  fromYmd,
  isoWeekday,
  parsePlainDate,
  toYmd,
  WEEKDAY_NAMES,
} from '../../runtime/dates.ts';
import type { IsoWeekday, PlainDate } from '../../runtime/dates.ts';

const FIRST = fromYmd(1, 1, 1);
const LAST = fromYmd(9999, 12, 31);

/** Parses a date the test knows is valid. */
function d(text: string): PlainDate {
  const v = parsePlainDate(text);
  if (v === undefined) throw new Error(`bad test date ${text}`);
  return v;
}

/** Day number from the UTC `Date` arithmetic (an independent oracle). */
function utcOracle(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() / 86_400_000;
}

const ymdArb = fc
  .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }) => ({ year, month, day: Math.min(day, daysInMonth(year, month)) }));

describe('parsePlainDate / formatPlainDate', () => {
  it('knows the epoch and a few fixed day numbers', () => {
    expect(d('1970-01-01')).toBe(0);
    expect(d('1969-12-31')).toBe(-1);
    expect(d('2000-01-01')).toBe(10957);
    expect(d('2025-05-15')).toBe(20223);
    expect(formatPlainDate(0)).toBe('1970-01-01');
    expect(formatPlainDate(-1)).toBe('1969-12-31');
  });

  it('round-trips the ends of the supported range and leap days', () => {
    for (const text of ['0001-01-01', '9999-12-31', '2024-02-29', '2000-02-29', '1600-02-29', '1900-02-28', '1970-01-01']) {
      expect(formatPlainDate(d(text))).toBe(text);
    }
  });

  it('rejects malformed text and impossible dates', () => {
    const bad = [
      '2024-02-30',
      '2023-02-29',
      '1900-02-29',
      '2100-02-29',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-01-32',
      '0000-01-01',
      '2024-1-01',
      '2024-01-1',
      '24-01-01',
      '+2024-01-01',
      '12024-01-01',
      ' 2024-01-01',
      '2024-01-01 ',
      '2024-01-01\n',
      '2024-01-01T00:00:00Z',
      '2024/01/01',
      '01/01/2024',
      '２０２４-01-01',
      '',
      'tomorrow',
    ];
    for (const text of bad) expect(parsePlainDate(text), text).toBeUndefined();
  });

  it('accepts exactly the strings a strict YYYY-MM-DD reading accepts (property, near-miss strings)', () => {
    const reference = (text: string): number | undefined => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      if (m === null) return undefined;
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
      return utcOracle(year, month, day);
    };
    const chars = fc.constantFrom(...'0123456789-/ +:x\u0660'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.array(chars, { minLength: 8, maxLength: 12 }).map((a) => a.join('')), ymdArb.map(({ year, month, day }) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day + 3).padStart(2, '0')}`)), (text) => {
        expect(parsePlainDate(text), JSON.stringify(text)).toBe(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with UTC Date arithmetic on every valid date (property)', () => {
    fc.assert(
      fc.property(ymdArb, ({ year, month, day }) => {
        const v = fromYmd(year, month, day);
        expect(v).toBe(utcOracle(year, month, day));
        expect(toYmd(v)).toEqual({ year, month, day });
      }),
      { numRuns: 2000 },
    );
  });

  it('format(parse(x)) === x over years 0001-9999 (property)', () => {
    fc.assert(
      fc.property(ymdArb, ({ year, month, day }) => {
        const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const parsed = parsePlainDate(text);
        expect(parsed).toBeDefined();
        expect(formatPlainDate(parsed ?? Number.NaN)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('parse agrees with fromYmd on every day of years 0001-9999 (exhaustive: it counts the days itself)', () => {
    let mismatches = 0;
    let first: string | undefined;
    for (let v = FIRST; v <= LAST; v++) {
      const { year, month, day } = toYmd(v);
      const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      if (parsePlainDate(text) === fromYmd(year, month, day) && fromYmd(year, month, day) === v) continue;
      mismatches++;
      first ??= text;
    }
    expect(first).toBeUndefined();
    expect(mismatches).toBe(0);
    expect(LAST - FIRST + 1).toBe(3652059);
  });

  it('parse(format(d)) === d and toYmd/fromYmd are inverse for every day number in range (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST }), (v) => {
        expect(parsePlainDate(formatPlainDate(v))).toBe(v);
        const { year, month, day } = toYmd(v);
        expect(fromYmd(year, month, day)).toBe(v);
        expect(day).toBeGreaterThanOrEqual(1);
        expect(day).toBeLessThanOrEqual(daysInMonth(year, month));
      }),
      { numRuns: 3000 },
    );
  });

  it('consecutive day numbers are consecutive calendar dates (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST - 1 }), (v) => {
        const a = toYmd(v);
        const b = toYmd(v + 1);
        if (a.day < daysInMonth(a.year, a.month)) expect(b).toEqual({ ...a, day: a.day + 1 });
        else if (a.month < 12) expect(b).toEqual({ year: a.year, month: a.month + 1, day: 1 });
        else expect(b).toEqual({ year: a.year + 1, month: 1, day: 1 });
      }),
      { numRuns: 3000 },
    );
  });

  it('fromYmd lets days run on into the next month', () => {
    expect(fromYmd(2025, 1, 32)).toBe(d('2025-02-01'));
    expect(fromYmd(2024, 3, 0)).toBe(d('2024-02-29'));
  });
});

describe('weekdays', () => {
  it('gives ISO weekdays', () => {
    expect(isoWeekday(0)).toBe(4); // 1970-01-01 was a Thursday
    expect(isoWeekday(-1)).toBe(3);
    expect(isoWeekday(d('2025-04-14'))).toBe(1);
    expect(isoWeekday(d('2025-05-15'))).toBe(4);
    expect(isoWeekday(d('2025-06-15'))).toBe(7);
    expect(isoWeekday(d('0001-01-01'))).toBe(1);
    expect(WEEKDAY_NAMES[1]).toBe('Monday');
    expect(WEEKDAY_NAMES[7]).toBe('Sunday');
    expect(WEEKDAY_NAMES[isoWeekday(d('2025-05-15'))]).toBe('Thursday');
  });

  it('agrees with UTC Date.getUTCDay (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (v) => {
        const utc = new Date(v * 86_400_000).getUTCDay();
        expect(isoWeekday(v)).toBe(utc === 0 ? 7 : utc);
      }),
    );
  });

  it('formats long dates for explanations', () => {
    expect(formatLongDate(d('2025-05-15'))).toBe('Thu 15 May 2025');
    expect(formatLongDate(d('2025-04-14'))).toBe('Mon 14 April 2025');
    expect(formatLongDate(d('2026-02-01'))).toBe('Sun 1 February 2026');
  });

  it('aligns to a weekday on or before / on or after', () => {
    const thu = d('2025-05-15');
    expect(formatPlainDate(alignToWeekday(thu, 1, 'on_or_before'))).toBe('2025-05-12');
    expect(formatPlainDate(alignToWeekday(thu, 1, 'on_or_after'))).toBe('2025-05-19');
    expect(alignToWeekday(thu, 4, 'on_or_before')).toBe(thu);
    expect(alignToWeekday(thu, 4, 'on_or_after')).toBe(thu);
    expect(formatPlainDate(alignToWeekday(thu, 5, 'on_or_before'))).toBe('2025-05-09');
    expect(formatPlainDate(alignToWeekday(thu, 3, 'on_or_after'))).toBe('2025-05-21');
  });

  it('alignment lands on the weekday, within 6 days, in the right direction (property)', () => {
    const weekday = fc.integer({ min: 1, max: 7 }).map((w) => w as IsoWeekday);
    fc.assert(
      fc.property(fc.integer({ min: -800_000, max: 2_900_000 }), weekday, (v, w) => {
        const before = alignToWeekday(v, w, 'on_or_before');
        const after = alignToWeekday(v, w, 'on_or_after');
        expect(isoWeekday(before)).toBe(w);
        expect(isoWeekday(after)).toBe(w);
        expect(v - before).toBeGreaterThanOrEqual(0);
        expect(v - before).toBeLessThanOrEqual(6);
        expect(after - v).toBeGreaterThanOrEqual(0);
        expect(after - v).toBeLessThanOrEqual(6);
      }),
    );
  });
});

describe('calendar-day, month and year arithmetic', () => {
  it('adds days', () => {
    expect(formatPlainDate(addDays(d('2025-08-31'), 183))).toBe('2026-03-02');
    expect(formatPlainDate(addDays(d('2024-03-01'), -1))).toBe('2024-02-29');
  });

  it('adds months, clamped to the end of the target month', () => {
    const cases: [string, number, string][] = [
      ['2025-08-31', 6, '2026-02-28'],
      ['2026-01-31', 1, '2026-02-28'],
      ['2024-01-31', 1, '2024-02-29'],
      ['2025-01-15', 1, '2025-02-15'],
      ['2025-03-31', 1, '2025-04-30'],
      ['2025-12-31', 2, '2026-02-28'],
      ['2025-11-30', 3, '2026-02-28'],
      ['2026-03-31', -1, '2026-02-28'],
      ['2024-03-31', -1, '2024-02-29'],
      ['2025-01-15', -13, '2023-12-15'],
      ['2025-05-15', 0, '2025-05-15'],
      ['2025-05-15', 120, '2035-05-15'],
    ];
    for (const [from, n, to] of cases) expect(formatPlainDate(addMonths(d(from), n)), `${from} + ${n}`).toBe(to);
  });

  it('adds years as 12 months', () => {
    expect(formatPlainDate(addYears(d('2024-02-29'), 1))).toBe('2025-02-28');
    expect(formatPlainDate(addYears(d('2024-02-29'), 4))).toBe('2028-02-29');
    expect(formatPlainDate(addYears(d('2024-02-29'), -1))).toBe('2023-02-28');
    expect(formatPlainDate(addYears(d('2010-05-15'), 18))).toBe('2028-05-15');
  });

  it('addMonths never overflows the target month (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: d('1000-01-01'), max: d('9000-12-31') }), fc.integer({ min: -9000, max: 9000 }), (v, n) => {
        const from = toYmd(v);
        const to = toYmd(addMonths(v, n));
        const total = from.year * 12 + from.month - 1 + n;
        expect(to.year).toBe(Math.floor(total / 12));
        expect(to.month).toBe((((total % 12) + 12) % 12) + 1);
        expect(to.day).toBe(Math.min(from.day, daysInMonth(to.year, to.month)));
        expect(addYears(v, n)).toBe(addMonths(v, 12 * n));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ageInYears', () => {
  it('counts whole years completed, the birthday itself included', () => {
    const dob = d('2010-05-15');
    expect(ageInYears(dob, d('2025-05-14'))).toBe(14);
    expect(ageInYears(dob, d('2025-05-15'))).toBe(15);
    expect(ageInYears(dob, d('2025-12-31'))).toBe(15);
    expect(ageInYears(dob, dob)).toBe(0);
    expect(ageInYears(dob, d('2010-05-14'))).toBe(-1);
  });

  it('makes a child born on 29 February a year older on 1 March in non-leap years', () => {
    const dob = d('2008-02-29');
    expect(ageInYears(dob, d('2025-02-28'))).toBe(16);
    expect(ageInYears(dob, d('2025-03-01'))).toBe(17);
    expect(ageInYears(dob, d('2024-02-28'))).toBe(15);
    expect(ageInYears(dob, d('2024-02-29'))).toBe(16);
    expect(ageInYears(dob, d('2026-03-01'))).toBe(18);
  });

  it('is 0 at birth, never decreases, and rises by one exactly on birthdays (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: d('1900-01-01'), max: d('2100-12-31') }), fc.integer({ min: 0, max: 40_000 }), (dob, k) => {
        const on = dob + k;
        const age = ageInYears(dob, on);
        const next = ageInYears(dob, on + 1);
        expect(ageInYears(dob, dob)).toBe(0);
        expect(next - age === 0 || next - age === 1).toBe(true);
        const b = toYmd(dob);
        const n = toYmd(on + 1);
        const birthday = n.month === b.month && n.day === b.day;
        const leapling = b.month === 2 && b.day === 29 && n.month === 3 && n.day === 1 && daysInMonth(n.year, 2) === 28;
        expect(next - age).toBe(birthday || leapling ? 1 : 0);
      }),
      { numRuns: 3000 },
    );
  });
});
