/**
 * Tests of runtime/calendar.ts: bank holidays and working-day arithmetic.
 *
 * Input: the public API of runtime/calendar.ts, the `date-holidays` package, and the official gov.uk
 * list in test/data/gov-uk-bank-holidays.json (an oracle only; the runtime never reads it). The
 * Scotland and Northern Ireland calendars and the registry are tested in calendars.test.ts.
 * Output: vitest results.
 * INVARIANT: the England and Wales list equals the official one for every year 2012-2028, and the
 * indexed arithmetic agrees with a naive day-by-day loop everywhere (inside the index, across its
 * growth, and beyond its hard limits). Run also with TZ=Pacific/Kiritimati and TZ=America/Anchorage.
 */
import { readFileSync } from 'node:fs';
import Holidays from 'date-holidays';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createCalendar,
  englandAndWalesCalendar,
  englandAndWalesHolidays,
  ENGLAND_AND_WALES_CORRECTIONS,
  holidaysFromGovUkJson,
  indexedYears,
  prebuildCalendar,
} from '../../runtime/calendar.ts';
import type { Holiday, WorkingDayCalendar } from '../../runtime/calendar.ts';
import { formatLongDate, formatPlainDate, fromYmd, isoWeekday, parsePlainDate, toYmd } from '../../runtime/dates.ts';
import type { PlainDate } from '../../runtime/dates.ts';

const GOV_UK: unknown = JSON.parse(
  readFileSync(new URL('../data/gov-uk-bank-holidays.json', import.meta.url), 'utf8'),
);

/** Parses a date the test knows is valid. */
function d(text: string): PlainDate {
  const v = parsePlainDate(text);
  if (v === undefined) throw new Error(`bad test date ${text}`);
  return v;
}

/** A naive working-day calendar over a set of holiday dates: day-by-day loops, no index. */
function naive(holidays: ReadonlySet<PlainDate>) {
  const working = (x: PlainDate): boolean => isoWeekday(x) <= 5 && !holidays.has(x);
  const add = (from: PlainDate, n: number): PlainDate => {
    let cur = from;
    let remaining = Math.abs(n);
    const step = Math.sign(n);
    while (remaining > 0) {
      cur += step;
      if (working(cur)) remaining--;
    }
    return cur;
  };
  /** Working days in (from, to] going forward; minus those in [to, from) going back. */
  const count = (from: PlainDate, to: PlainDate): number => {
    let c = 0;
    if (from <= to) {
      for (let x = from + 1; x <= to; x++) if (working(x)) c++;
      return c;
    }
    for (let x = from - 1; x >= to; x--) if (working(x)) c--;
    return c;
  };
  return { working, add, count };
}

const officialEvents = (): { title: string; date: string; notes: string; bunting: boolean }[] => {
  const root = GOV_UK as Record<string, { events: { title: string; date: string; notes: string; bunting: boolean }[] }>;
  return root['england-and-wales']?.events ?? [];
};

describe('England and Wales bank holidays', () => {
  it('reads all three divisions of the official gov.uk file without errors', () => {
    for (const division of ['england-and-wales', 'scotland', 'northern-ireland']) {
      const result = holidaysFromGovUkJson(GOV_UK, division);
      expect(result.errors).toEqual([]);
      expect(result.holidays.length).toBeGreaterThan(100);
    }
    expect(holidaysFromGovUkJson(GOV_UK).holidays.length).toBe(officialEvents().length);
  });

  it('equals the official gov.uk list, date for date and name for name, for every year 2012-2028', () => {
    const official = holidaysFromGovUkJson(GOV_UK).holidays;
    for (let year = 2012; year <= 2028; year++) {
      const expected = official.filter((h) => toYmd(h.date).year === year).map((h) => `${formatPlainDate(h.date)} ${h.name}`);
      const actual = englandAndWalesHolidays(year, year).map((h) => `${formatPlainDate(h.date)} ${h.name}`);
      expect(actual, String(year)).toEqual(expected);
    }
    expect(englandAndWalesHolidays(2012, 2028)).toEqual(official);
  });

  it('includes substitute days and one-off holidays', () => {
    const cal = englandAndWalesCalendar();
    expect(cal.holidayName(d('2022-09-19'))).toBe('Bank Holiday for the State Funeral of Queen Elizabeth II');
    expect(cal.holidayName(d('2023-05-08'))).toBe('Bank holiday for the coronation of King Charles III');
    expect(cal.holidayName(d('2012-06-04'))).toBe('Spring bank holiday (substitute day)');
    expect(cal.holidayName(d('2012-06-05'))).toBe('Queen’s Diamond Jubilee');
    expect(cal.holidayName(d('2012-05-28'))).toBeUndefined();
    expect(cal.isWorkingDay(d('2012-05-28'))).toBe(true);
    expect(cal.holidayName(d('2020-12-28'))).toBe('Boxing Day (substitute day)');
    expect(cal.holidayName(d('2027-12-28'))).toBe('Boxing Day (substitute day)');
    for (const date of ['2022-09-19', '2023-05-08', '2012-06-04', '2012-06-05', '2020-05-08', '2021-12-27', '2021-12-28']) {
      expect(cal.isWorkingDay(d(date)), date).toBe(false);
    }
    // The weekend date of a holiday that has a substitute is not listed (the substitute is).
    expect(cal.holidayName(d('2022-12-25'))).toBeUndefined();
    expect(cal.isWorkingDay(d('2022-12-25'))).toBe(false);
  });

  it('lists only Monday-Friday holidays, ordered, one per date', () => {
    const all = englandAndWalesHolidays(1950, 2150);
    for (let i = 0; i < all.length; i++) {
      const h = all[i]!;
      expect(isoWeekday(h.date)).toBeLessThanOrEqual(5);
      if (i > 0) expect(h.date).toBeGreaterThan(all[i - 1]!.date);
    }
  });
  // The correction tables of every division (this one included) are checked in calendars.test.ts.

  it('asks date-holidays for UTC and two types without changing its answers (1990-2100)', () => {
    const plain = new Holidays('GB', 'ENG', { languages: 'en' });
    const fast = new Holidays('GB', 'ENG', { languages: 'en', timezone: 'UTC', types: ['public', 'bank'] });
    const list = (hd: Holidays, year: number): string[] =>
      hd.getHolidays(year).filter((h) => h.type === 'public' || h.type === 'bank').map((h) => `${h.date} ${h.name}`);
    for (let year = 1990; year <= 2100; year++) expect(list(fast, year), String(year)).toEqual(list(plain, year));
  });
});

describe('working-day arithmetic on the England and Wales calendar', () => {
  const cal = englandAndWalesCalendar();

  it('follows the worked examples of the domain notes', () => {
    const within = cal.addWorkingDays(d('2025-04-14'), 20);
    expect(formatLongDate(within)).toBe('Thu 15 May 2025');
    expect(cal.holidaysBetween(d('2025-04-14'), within).map((h) => [formatPlainDate(h.date), h.name])).toEqual([
      ['2025-04-18', 'Good Friday'],
      ['2025-04-21', 'Easter Monday'],
      ['2025-05-05', 'Early May bank holiday'],
    ]);
    expect(cal.countWorkingDays(d('2025-04-14'), within)).toBe(20);
    const before = cal.addWorkingDays(d('2025-06-11'), -5);
    expect(formatLongDate(before)).toBe('Wed 4 June 2025');
    expect(cal.countWorkingDays(d('2025-06-11'), before)).toBe(-5);
    expect(cal.holidaysBetween(d('2025-06-11'), before)).toEqual([]);
  });

  it('does not count the start day, whatever day it is', () => {
    expect(formatPlainDate(cal.addWorkingDays(d('2025-05-17'), 1))).toBe('2025-05-19'); // Sat -> Mon
    expect(formatPlainDate(cal.addWorkingDays(d('2025-05-18'), 1))).toBe('2025-05-19'); // Sun -> Mon
    expect(formatPlainDate(cal.addWorkingDays(d('2025-05-18'), -1))).toBe('2025-05-16'); // Sun -> Fri
    expect(formatPlainDate(cal.addWorkingDays(d('2025-12-24'), 1))).toBe('2025-12-29');
    expect(formatPlainDate(cal.addWorkingDays(d('2025-12-25'), 1))).toBe('2025-12-29');
    expect(formatPlainDate(cal.addWorkingDays(d('2025-12-29'), -1))).toBe('2025-12-24');
    expect(cal.addWorkingDays(d('2025-12-25'), 0)).toBe(d('2025-12-25'));
    expect(cal.countWorkingDays(d('2025-05-17'), d('2025-05-17'))).toBe(0);
    expect(cal.countWorkingDays(d('2025-12-24'), d('2025-12-28'))).toBe(0);
    // Counting back, the start is not counted and the end is: Sun 18 May back to Fri 16 May is one step.
    expect(cal.countWorkingDays(d('2025-05-18'), d('2025-05-16'))).toBe(-1);
    expect(cal.countWorkingDays(d('2025-05-16'), d('2025-05-18'))).toBe(0);
    expect(cal.countWorkingDays(d('2025-05-21'), d('2025-05-19'))).toBe(-2);
    expect(cal.countWorkingDays(d('2025-05-19'), d('2025-05-21'))).toBe(2);
  });

  it('lists holidays in (min, max] in order, whichever way round', () => {
    const a = d('2025-12-24');
    const b = d('2026-04-06');
    const names = cal.holidaysBetween(a, b).map((h) => formatPlainDate(h.date));
    expect(names).toEqual(['2025-12-25', '2025-12-26', '2026-01-01', '2026-04-03', '2026-04-06']);
    expect(cal.holidaysBetween(b, a)).toEqual(cal.holidaysBetween(a, b));
    expect(cal.holidaysBetween(d('2025-12-25'), d('2025-12-26')).map((h) => h.name)).toEqual(['Boxing Day']);
    expect(cal.holidaysBetween(a, a)).toEqual([]);
  });

  // Holidays for the naive oracle: the same list (checked against gov.uk above), wide enough for
  // every property below, including dates beyond the index's hard limits (1900-2199).
  const holidaySet = new Set(englandAndWalesHolidays(1870, 2230).map((h) => h.date));
  const oracle = naive(holidaySet);
  const anyDate = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: d('2000-01-01'), max: d('2049-12-31') }) },
    { weight: 3, arbitrary: fc.integer({ min: d('1985-01-01'), max: d('2110-12-31') }) },
    { weight: 1, arbitrary: fc.integer({ min: d('1890-01-01'), max: d('1910-12-31') }) },
    { weight: 1, arbitrary: fc.integer({ min: d('2190-01-01'), max: d('2210-12-31') }) },
  );
  const anyN = fc.oneof(fc.integer({ min: -30, max: 30 }), fc.integer({ min: -3000, max: 3000 }));

  it('agrees with a naive day-by-day loop on random dates and n (property)', () => {
    fc.assert(
      fc.property(anyDate, anyN, (from, n) => {
        const result = cal.addWorkingDays(from, n);
        expect(result).toBe(oracle.add(from, n));
        expect(cal.countWorkingDays(from, result)).toBe(oracle.count(from, result));
        expect(cal.isWorkingDay(from)).toBe(oracle.working(from));
      }),
      { numRuns: 1500 },
    );
  });

  it('counts no working day backwards as 0, not -0, outside its index too (a counterexample the property below found)', () => {
    // 88013 is Saturday 22 December 2210 (beyond the index): [88013, 88014) holds no working day.
    expect(isoWeekday(88_013)).toBe(6);
    expect(Object.is(cal.countWorkingDays(88_014, 88_013), 0)).toBe(true);
    expect(Object.is(oracle.count(88_014, 88_013), 0)).toBe(true);
  });

  it('agrees with the naive loop on counts between random dates (property)', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        if (Math.abs(a - b) > 20_000) return;
        expect(cal.countWorkingDays(a, b)).toBe(oracle.count(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('add then count round-trips, and a result is never a weekend or holiday (property)', () => {
    fc.assert(
      fc.property(anyDate, anyN, (from, n) => {
        const result = cal.addWorkingDays(from, n);
        expect(cal.countWorkingDays(from, result)).toBe(n);
        if (n !== 0) {
          expect(isoWeekday(result)).toBeLessThanOrEqual(5);
          expect(cal.holidayName(result)).toBeUndefined();
          expect(cal.isWorkingDay(result)).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('addWorkingDays(a, countWorkingDays(a, b)) === b for every working day b (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -2000, max: 2000 }), (a, offset) => {
        const b = a + offset;
        if (!cal.isWorkingDay(b)) return;
        expect(cal.addWorkingDays(a, cal.countWorkingDays(a, b))).toBe(b);
      }),
      { numRuns: 1500 },
    );
  });

  it('add(n) then add(-n) returns to a working day (property)', () => {
    fc.assert(
      fc.property(anyDate, anyN, (from, n) => {
        if (!cal.isWorkingDay(from)) return;
        expect(cal.addWorkingDays(cal.addWorkingDays(from, n), -n)).toBe(from);
      }),
      { numRuns: 1500 },
    );
  });

  it('answers correctly far outside the index, and across it', () => {
    for (const [from, n] of [
      ['1850-06-01', 10],
      ['1850-06-01', 60_000],
      ['2300-06-01', -10],
      ['2300-06-01', -60_000],
      ['1899-12-20', 15],
      ['2200-01-05', -10],
    ] as const) {
      const start = d(from);
      const hs = new Set(englandAndWalesHolidays(1840, 2310).map((h) => h.date));
      const o = naive(hs);
      expect(formatPlainDate(cal.addWorkingDays(start, n)), `${from} ${n}`).toBe(formatPlainDate(o.add(start, n)));
      expect(cal.countWorkingDays(start, o.add(start, n))).toBe(n);
    }
  });

  it('rejects non-integer day numbers and counts', () => {
    expect(() => cal.addWorkingDays(1.5, 1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(d('2025-01-01'), 0.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(Number.NaN, 1)).toThrow(RangeError);
    expect(() => cal.countWorkingDays(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => cal.isWorkingDay(Number.NaN)).toThrow(RangeError);
    expect(cal.holidayName(Number.NaN)).toBeUndefined();
  });
});

describe('index building and growth', () => {
  it('indexes the years around the first query, and grows on demand', () => {
    const cal = englandAndWalesCalendar({ add: [{ date: d('2031-07-07'), name: 'Index test closure' }] });
    expect(indexedYears(cal)).toBeUndefined();
    expect(cal.isWorkingDay(d('2025-04-18'))).toBe(false); // answered without building the index
    expect(indexedYears(cal)).toBeUndefined();
    expect(formatPlainDate(cal.addWorkingDays(d('2025-04-14'), 20))).toBe('2025-05-15');
    expect(indexedYears(cal)).toEqual({ from: 2023, to: 2029 }); // 2025-2027 needed, 2 years' margin
    expect(cal.addWorkingDays(d('1995-05-05'), 1)).toBe(d('1995-05-09')); // 8 May 1995: VE day holiday
    expect(indexedYears(cal)).toEqual({ from: 1993, to: 2029 });
    expect(cal.countWorkingDays(d('2030-01-01'), d('2080-01-01'))).toBeGreaterThan(12_000);
    expect(indexedYears(cal)).toEqual({ from: 1993, to: 2082 });
    expect(cal.isWorkingDay(d('2031-07-07'))).toBe(false);
    // Beyond the hard limits (1900-2199) nothing more is indexed: the answer comes from walking.
    expect(cal.addWorkingDays(d('2400-01-01'), 1)).toBe(d('2400-01-04'));
    expect(cal.countWorkingDays(d('1800-01-01'), d('1800-01-08'))).toBe(5);
    expect(indexedYears(cal)).toEqual({ from: 1993, to: 2082 });
    expect(prebuildCalendar(cal, 2000, 2020)).toBe(0);
    expect(prebuildCalendar(cal, 1990, 2100)).toBeGreaterThan(0);
    expect(indexedYears(cal)).toEqual({ from: 1990, to: 2100 });
  });

  it('walks correctly when the first query lies beyond the hard limits', () => {
    const cal = englandAndWalesCalendar({ add: [{ date: d('2301-01-02'), name: 'Far closure' }] });
    // Sat 29 Dec 2300 + 2: Mon 31 Dec, then (Tue 1 Jan New Year's Day, Wed 2 Jan closed) Thu 3 Jan.
    expect(cal.addWorkingDays(d('2300-12-29'), 2)).toBe(d('2301-01-03'));
    expect(cal.addWorkingDays(d('2301-01-03'), -2)).toBe(d('2300-12-28'));
    expect(cal.countWorkingDays(d('2300-12-29'), d('2301-01-03'))).toBe(2);
    expect(cal.countWorkingDays(d('2301-01-03'), d('2300-12-29'))).toBe(-1);
    expect(cal.countWorkingDays(d('2301-01-03'), d('2300-12-28'))).toBe(-2);
    expect(cal.holidayName(d('2301-01-02'))).toBe('Far closure');
    expect(indexedYears(cal)).toBeUndefined();
  });
});

describe('user-supplied holiday files', () => {
  it('gives the same answers as the built-in calendar when given the official file', () => {
    const fromFile = createCalendar({ name: 'gov.uk file', holidays: holidaysFromGovUkJson(GOV_UK).holidays });
    const builtIn = englandAndWalesCalendar();
    fc.assert(
      fc.property(fc.integer({ min: d('2012-01-01'), max: d('2028-06-30') }), fc.integer({ min: -100, max: 100 }), (from, n) => {
        const result = fromFile.addWorkingDays(from, n);
        if (result < d('2012-01-01') || result > d('2028-12-31')) return;
        expect(result).toBe(builtIn.addWorkingDays(from, n));
        expect(fromFile.holidaysBetween(from, result)).toEqual(builtIn.holidaysBetween(from, result));
      }),
      { numRuns: 500 },
    );
  });

  it('accepts a small file, optional notes and bunting, and names substitute days', () => {
    const result = holidaysFromGovUkJson({
      'england-and-wales': {
        division: 'england-and-wales',
        events: [
          { title: 'Office closure', date: '2025-12-29', notes: '', bunting: false },
          { title: 'Founders day', date: '2025-07-04' },
          { title: 'Boxing Day', date: '2026-12-28', notes: 'Substitute day', bunting: true },
        ],
      },
    });
    expect(result.errors).toEqual([]);
    expect(result.holidays.map((h) => [formatPlainDate(h.date), h.name])).toEqual([
      ['2025-07-04', 'Founders day'],
      ['2025-12-29', 'Office closure'],
      ['2026-12-28', 'Boxing Day (substitute day)'],
    ]);
    const cal = createCalendar({ name: 'office', holidays: result.holidays });
    expect(cal.isWorkingDay(d('2025-12-29'))).toBe(false);
    expect(cal.isWorkingDay(d('2025-12-25'))).toBe(true); // the file does not list it
    expect(formatPlainDate(cal.addWorkingDays(d('2025-12-26'), 1))).toBe('2025-12-30');
  });

  it('reports every problem with a JSON path and never drops an entry silently', () => {
    const bad = holidaysFromGovUkJson({
      'england-and-wales': {
        division: 'england-and-wales',
        events: [
          { title: 'Good', date: '2025-01-02', notes: '', bunting: true },
          { title: 'Bad date', date: '2025-02-30', notes: '', bunting: true },
          { date: '2025-03-03' },
          null,
          { title: 'Bunting', date: '2025-03-04', bunting: 'yes' },
          { title: 'Again', date: '2025-01-02' },
          { title: 'Number date', date: 20250105 },
          { title: 'Notes', date: '2025-03-05', notes: 3 },
        ],
      },
    });
    expect(bad.holidays.map((h) => h.name)).toEqual(['Good']);
    expect(bad.errors.map((e) => e.path)).toEqual([
      'england-and-wales.events[1].date',
      'england-and-wales.events[2].title',
      'england-and-wales.events[3]',
      'england-and-wales.events[4].bunting',
      'england-and-wales.events[5].date',
      'england-and-wales.events[6].date',
      'england-and-wales.events[7].notes',
    ]);
    expect(bad.errors[0]?.message).toContain('2025-02-30');
    expect(bad.errors[4]?.message).toContain('events[0]');
  });

  it('reports structural problems at the right path', () => {
    const paths = (json: unknown, division?: string): string[] =>
      holidaysFromGovUkJson(json, division).errors.map((e) => e.path);
    expect(paths(null)).toEqual(['$']);
    expect(paths([])).toEqual(['$']);
    expect(paths('text')).toEqual(['$']);
    expect(paths({ scotland: { division: 'scotland', events: [] } })).toEqual(['$']);
    expect(holidaysFromGovUkJson({ scotland: {} }).errors[0]?.message).toContain('scotland');
    expect(paths({ 'england-and-wales': [] })).toEqual(['england-and-wales']);
    expect(paths({ 'england-and-wales': { division: 'england-and-wales' } })).toEqual(['england-and-wales.events']);
    expect(paths({ 'england-and-wales': { division: 'england-and-wales', events: {} } })).toEqual(['england-and-wales.events']);
    expect(paths({ 'england-and-wales': { division: 'scotland', events: [] } })).toEqual(['england-and-wales.division']);
    expect(paths({ 'england-and-wales': { events: [] } })).toEqual(['england-and-wales.division']);
    expect(paths({ scotland: { division: 'scotland', events: [{ date: 'x', title: 't' }] } }, 'scotland')).toEqual(['scotland.events[0].date']);
  });

  it('never throws, and accounts for every event as a holiday or an error (property)', () => {
    const event = fc.oneof(
      fc.record({
        title: fc.oneof(fc.constantFrom('A', 'B', ''), fc.anything()),
        date: fc.oneof(
          fc.integer({ min: d('2000-01-01'), max: d('2030-12-31') }).map(formatPlainDate),
          fc.constantFrom('2025-02-30', '2025-1-1', ''),
          fc.anything(),
        ),
        notes: fc.oneof(fc.constantFrom('', 'Substitute day'), fc.anything()),
        bunting: fc.oneof(fc.boolean(), fc.anything()),
      }, { requiredKeys: [] }),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const result = holidaysFromGovUkJson({ 'england-and-wales': { division: 'england-and-wales', events } });
        const failed = new Set(result.errors.map((e) => /^england-and-wales\.events\[(\d+)\]/.exec(e.path)?.[1]));
        expect(failed.has(undefined)).toBe(false);
        expect(result.holidays.length + failed.size).toBe(events.length);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.anything(), (json) => {
        const result = holidaysFromGovUkJson(json);
        expect(result.errors.length + result.holidays.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('calendars over arbitrary holiday lists', () => {
  it('agree with the naive loop for random holiday sets, weekend holidays and duplicates included (property)', () => {
    const base = d('2020-01-01');
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 400 }),
        fc.integer({ min: -200, max: 3200 }),
        fc.integer({ min: -400, max: 400 }),
        (offsets, start, n) => {
          const holidays: Holiday[] = offsets.map((o, i) => ({ date: base + o, name: `H${i}` }));
          const cal: WorkingDayCalendar = createCalendar({ name: 'random', holidays });
          const o = naive(new Set(holidays.map((h) => h.date)));
          const result = cal.addWorkingDays(base + start, n);
          expect(result).toBe(o.add(base + start, n));
          expect(cal.countWorkingDays(base + start, result)).toBe(n);
          expect(cal.countWorkingDays(base, base + start)).toBe(o.count(base, base + start));
          const between = cal.holidaysBetween(base + start, result);
          const lo = Math.min(base + start, result);
          const hi = Math.max(base + start, result);
          const expected = [...new Set(holidays.map((h) => h.date))].filter((x) => x > lo && x <= hi && isoWeekday(x) <= 5).sort((x, y) => x - y);
          expect(between.map((h) => h.date)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('joins the names of two holidays on one date, and applies remove before add', () => {
    const cal = createCalendar({
      name: 'x',
      holidays: [
        { date: d('2025-03-03'), name: 'A' },
        { date: d('2025-03-03'), name: 'B' },
        { date: d('2025-03-04'), name: 'C' },
      ],
      add: [{ date: d('2025-03-04'), name: 'D' }],
      remove: [d('2025-03-04')],
    });
    expect(cal.holidayName(d('2025-03-03'))).toBe('A / B');
    expect(cal.holidayName(d('2025-03-04'))).toBe('D');
    expect(cal.name).toBe('x');
  });

  it('names each holiday of a date once, however often and in whatever order it is listed', () => {
    const day = d('2025-03-03');
    const cal = createCalendar({
      name: 'x',
      holidays: [
        { date: day, name: 'A' },
        { date: day, name: 'B' },
        { date: day, name: 'B' },
        { date: day, name: 'A' },
      ],
      add: [
        { date: day, name: 'B' },
        { date: day, name: 'C' },
      ],
    });
    expect(cal.holidayName(day)).toBe('A / B / C');
  });

  it('rejects a holiday whose date is not a day number', () => {
    expect(() => createCalendar({ name: 'x', holidays: [{ date: Number.NaN, name: 'bad' }] })).toThrow(RangeError);
  });
});

describe('policy modifications of the England and Wales calendar', () => {
  it('adds closure days and removes bank holidays', () => {
    const base = englandAndWalesCalendar();
    const closure = { date: d('2025-12-29'), name: 'Office closure' };
    const modified = englandAndWalesCalendar({ add: [closure], remove: [d('2025-05-05')] });
    expect(modified).not.toBe(base);
    expect(modified.isWorkingDay(d('2025-12-29'))).toBe(false);
    expect(modified.holidayName(d('2025-12-29'))).toBe('Office closure');
    expect(modified.isWorkingDay(d('2025-05-05'))).toBe(true);
    expect(modified.holidayName(d('2025-05-05'))).toBeUndefined();
    expect(formatPlainDate(modified.addWorkingDays(d('2025-04-14'), 20))).toBe('2025-05-14');
    expect(formatPlainDate(modified.addWorkingDays(d('2025-12-24'), 1))).toBe('2025-12-30');
    expect(modified.holidaysBetween(d('2025-12-24'), d('2025-12-31')).map((h) => h.name)).toEqual([
      'Christmas Day',
      'Boxing Day',
      'Office closure',
    ]);
    // The base calendar is untouched.
    expect(base.isWorkingDay(d('2025-12-29'))).toBe(true);
    expect(base.isWorkingDay(d('2025-05-05'))).toBe(false);
    expect(formatPlainDate(base.addWorkingDays(d('2025-04-14'), 20))).toBe('2025-05-15');
  });

  it('caches calendars by the content of the modifications', () => {
    expect(englandAndWalesCalendar()).toBe(englandAndWalesCalendar({}));
    expect(englandAndWalesCalendar({ add: [], remove: [] })).toBe(englandAndWalesCalendar());
    const a = englandAndWalesCalendar({
      add: [{ date: d('2025-12-29'), name: 'X' }, { date: d('2025-12-30'), name: 'Y' }],
      remove: [d('2025-05-05'), d('2025-05-26')],
    });
    const b = englandAndWalesCalendar({
      add: [{ date: d('2025-12-30'), name: 'Y' }, { date: d('2025-12-29'), name: 'X' }],
      remove: [d('2025-05-26'), d('2025-05-05'), d('2025-05-05')],
    });
    expect(a).toBe(b);
    expect(englandAndWalesCalendar({ add: [{ date: d('2025-12-29'), name: 'Z' }] })).not.toBe(
      englandAndWalesCalendar({ add: [{ date: d('2025-12-29'), name: 'X' }] }),
    );
  });

  it('agrees with a naive loop over the modified holiday set (property)', () => {
    const add = [d('2026-02-02'), d('2026-02-03'), d('2026-06-15'), d('2027-01-04')].map((date) => ({ date, name: 'Closure' }));
    const remove = [d('2026-04-03'), d('2026-05-25'), d('2027-03-26')];
    const cal = englandAndWalesCalendar({ add, remove });
    const set = new Set(englandAndWalesHolidays(2020, 2035).map((h) => h.date));
    for (const r of remove) set.delete(r);
    for (const a of add) set.add(a.date);
    const o = naive(set);
    fc.assert(
      fc.property(fc.integer({ min: d('2025-01-01'), max: d('2028-12-31') }), fc.integer({ min: -300, max: 300 }), (from, n) => {
        expect(cal.addWorkingDays(from, n)).toBe(o.add(from, n));
        expect(cal.isWorkingDay(from)).toBe(o.working(from));
      }),
      { numRuns: 500 },
    );
  });
});

describe('time zones', () => {
  it('never depends on the process time zone', () => {
    // The suite is also run with TZ=Pacific/Kiritimati and TZ=America/Anchorage; these fixed points
    // fail under any shift of a day.
    expect(fromYmd(2025, 4, 18)).toBe(d('2025-04-18'));
    expect(englandAndWalesHolidays(2025, 2025).map((h) => formatPlainDate(h.date))).toEqual([
      '2025-01-01',
      '2025-04-18',
      '2025-04-21',
      '2025-05-05',
      '2025-05-26',
      '2025-08-25',
      '2025-12-25',
      '2025-12-26',
    ]);
  });
});
