/**
 * Tests of the calendar registry (`CALENDARS`, `calendarNamed`) and the three UK divisions
 * (runtime/calendars/uk.ts): each built-in calendar against the official gov.uk list, the correction
 * tables, working-day arithmetic across holidays only Scotland or only Northern Ireland has, and
 * replacement holiday lists read from a gov.uk-format file's division.
 *
 * Input: the public API of runtime/calendar.ts, the `date-holidays` package, and the copy of the
 * official feed in test/data/gov-uk-bank-holidays.json (an oracle only; the runtime never reads it).
 * Output: vitest results. Nothing depends on the process time zone.
 */
import { readFileSync } from 'node:fs';
import Holidays from 'date-holidays';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BANK_HOLIDAY_CORRECTIONS,
  BANK_HOLIDAY_NAMES,
  CALENDAR_NAMES,
  CALENDARS,
  DATE_HOLIDAYS_STATE,
  DEFAULT_CALENDAR,
  calendarNamed,
  calendarTitle,
  englandAndWalesCalendar,
  holidaysFromGovUkJson,
  isCalendarName,
  type CalendarName,
  type Holiday,
} from '../../runtime/calendar.ts';
import { formatPlainDate, isoWeekday, parsePlainDate, toYmd } from '../../runtime/dates.ts';
import type { PlainDate } from '../../runtime/dates.ts';

const GOV_UK: unknown = JSON.parse(readFileSync(new URL('../data/gov-uk-bank-holidays.json', import.meta.url), 'utf8'));

/** Parses a date the test knows is valid. */
function d(text: string): PlainDate {
  const v = parsePlainDate(text);
  if (v === undefined) throw new Error(`bad test date ${text}`);
  return v;
}

const show = (hs: readonly Holiday[]): string[] => hs.map((h) => `${formatPlainDate(h.date)} ${h.name}`);

/** The official list of a division, read from the copied feed. */
function official(name: CalendarName): Holiday[] {
  const result = holidaysFromGovUkJson(GOV_UK, CALENDARS[name].division);
  expect(result.errors).toEqual([]);
  return result.holidays;
}

/** A naive working-day loop over a set of holiday dates. */
function naiveAdd(holidays: ReadonlySet<PlainDate>, from: PlainDate, n: number): PlainDate {
  let cur = from;
  let remaining = Math.abs(n);
  while (remaining > 0) {
    cur += Math.sign(n);
    if (isoWeekday(cur) <= 5 && !holidays.has(cur)) remaining--;
  }
  return cur;
}

describe('the registry', () => {
  it('lists the three calendars, each named as its gov.uk division, with a title', () => {
    expect(CALENDAR_NAMES).toEqual(['england-and-wales', 'scotland', 'northern-ireland']);
    expect(DEFAULT_CALENDAR).toBe('england-and-wales');
    const feed = GOV_UK as Record<string, unknown>;
    for (const name of CALENDAR_NAMES) {
      const def = CALENDARS[name];
      expect(def.name).toBe(name);
      expect(Object.keys(feed)).toContain(def.division);
      expect(def.title.length).toBeGreaterThan(5);
      expect(def.differences.length).toBeGreaterThan(20);
      expect(isCalendarName(name)).toBe(true);
      expect(calendarTitle(name)).toBe(def.title);
      expect(calendarNamed(name).name).toBe(name);
    }
    expect(calendarTitle('scotland')).toBe('Scotland');
    expect(calendarTitle('atlantis')).toBe('atlantis');
  });

  it('refuses names it does not have, including inherited object keys', () => {
    for (const name of ['scotand', 'wales', 'England-and-Wales', '', 'toString', '__proto__', 'constructor']) {
      expect(isCalendarName(name), name).toBe(false);
      expect(() => calendarNamed(name as CalendarName), name).toThrow(RangeError);
    }
  });

  it('caches each calendar by the content of its changes, separately per name', () => {
    const add = [{ date: d('2026-12-24'), name: 'Closure' }];
    expect(calendarNamed('scotland')).toBe(calendarNamed('scotland', {}));
    expect(calendarNamed('scotland', { add, remove: [d('2026-01-02')] })).toBe(calendarNamed('scotland', { add: [...add], remove: [d('2026-01-02'), d('2026-01-02')] }));
    expect(calendarNamed('scotland', { add })).not.toBe(calendarNamed('northern-ireland', { add }));
    expect(calendarNamed('england-and-wales')).toBe(englandAndWalesCalendar());
    expect(calendarNamed('northern-ireland', { add }).name).toBe('northern-ireland (1 added, 0 removed)');
  });

  it('applies a policy’s closed and open days to the chosen calendar', () => {
    const cal = calendarNamed('scotland', { add: [{ date: d('2026-12-24'), name: 'Closure' }], remove: [d('2026-11-30')] });
    expect(cal.isWorkingDay(d('2026-11-30'))).toBe(true); // St Andrew's Day worked
    expect(cal.isWorkingDay(d('2026-12-24'))).toBe(false);
    expect(cal.isWorkingDay(d('2026-01-02'))).toBe(false); // 2 January untouched
    expect(calendarNamed('scotland').isWorkingDay(d('2026-11-30'))).toBe(false); // the base is untouched
  });
});

describe.each(CALENDAR_NAMES)('the %s calendar against the official gov.uk list', (name) => {
  const def = CALENDARS[name];

  it('equals it, date for date and name for name, in every year 2012-2028 (both ways)', () => {
    const expected = official(name);
    expect(expected.length).toBeGreaterThan(100);
    for (let year = 2012; year <= 2028; year++) {
      const want = show(expected.filter((h) => toYmd(h.date).year === year));
      const got = show(def.holidays(year, year));
      expect(got, `${name} ${year}`).toEqual(want);
    }
    // Both ways, as sets of dates: nothing missing, nothing extra.
    const officialDates = new Set(expected.map((h) => h.date));
    const ours = def.holidays(2012, 2028);
    expect(ours.filter((h) => !officialDates.has(h.date)).map((h) => formatPlainDate(h.date))).toEqual([]);
    const ourDates = new Set(ours.map((h) => h.date));
    expect(expected.filter((h) => !ourDates.has(h.date)).map((h) => formatPlainDate(h.date))).toEqual([]);
    expect(ours).toEqual(expected);
  });

  it('answers every day of 2012-2028 as the official list does', () => {
    const cal = calendarNamed(name);
    const byDate = new Map(official(name).map((h) => [h.date, h.name]));
    for (let day = d('2012-01-01'); day <= d('2028-12-31'); day++) {
      const weekday = isoWeekday(day) <= 5;
      if (cal.isWorkingDay(day) !== (weekday && !byDate.has(day))) throw new Error(`${name}: ${formatPlainDate(day)} working day ${String(cal.isWorkingDay(day))}`);
      if (weekday && cal.holidayName(day) !== byDate.get(day)) throw new Error(`${name}: ${formatPlainDate(day)} named ${String(cal.holidayName(day))}`);
    }
    expect(cal.countWorkingDays(d('2011-12-31'), d('2028-12-31'))).toBe(
      Array.from({ length: d('2028-12-31') - d('2012-01-01') + 1 }, (_, i) => d('2012-01-01') + i).filter((x) => isoWeekday(x) <= 5 && !byDate.has(x)).length,
    );
  });

  it('agrees with a naive loop over the official holidays (property)', () => {
    const cal = calendarNamed(name);
    const set = new Set(official(name).map((h) => h.date));
    fc.assert(
      fc.property(fc.integer({ min: d('2012-03-01'), max: d('2028-09-30') }), fc.integer({ min: -40, max: 40 }), (from, n) => {
        expect(cal.addWorkingDays(from, n)).toBe(naiveAdd(set, from, n));
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same answers from the file’s division as a replacement list', () => {
    const fromFile = calendarNamed(name, { holidays: official(name), holidaysSource: 'gov-uk-bank-holidays.json' });
    expect(fromFile.name).toBe(`${name} (holidays from gov-uk-bank-holidays.json)`);
    const builtIn = calendarNamed(name);
    fc.assert(
      fc.property(fc.integer({ min: d('2012-06-01'), max: d('2028-06-30') }), fc.integer({ min: -60, max: 60 }), (from, n) => {
        const result = fromFile.addWorkingDays(from, n);
        expect(result).toBe(builtIn.addWorkingDays(from, n));
        expect(fromFile.holidaysBetween(from, result)).toEqual(builtIn.holidaysBetween(from, result));
      }),
      { numRuns: 300 },
    );
  });

  it('has a correction table of valid, ordered, documented entries, each still needed', () => {
    const raw = new Holidays('GB', DATE_HOLIDAYS_STATE[name], { languages: 'en' });
    const names = BANK_HOLIDAY_NAMES[name];
    const fix = (n: string): string => {
      const plain = n.replace(/'/g, '’');
      const stem = plain.replace(/ \(substitute day\)$/, '');
      const mapped = names[stem];
      return mapped === undefined ? plain : plain.replace(stem, mapped);
    };
    const rawYear = (year: number): Map<string, string> =>
      new Map(raw.getHolidays(year).filter((h) => h.type === 'public' || h.type === 'bank').map((h) => [h.date.slice(0, 10), fix(h.name)]));
    let previous = '';
    for (const c of BANK_HOLIDAY_CORRECTIONS[name]) {
      expect(parsePlainDate(c.date), c.date).toBeDefined();
      expect(c.date > previous, `${c.date} after ${previous}`).toBe(true);
      previous = c.date;
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.source.length).toBeGreaterThan(10);
      const inRaw = rawYear(Number(c.date.slice(0, 4)));
      if (c.action === 'add') expect(inRaw.has(c.date), `${c.date} still missing from date-holidays`).toBe(false);
      if (c.action === 'remove') expect(inRaw.get(c.date), `${c.date} still in date-holidays`).toBe(c.name);
      if (c.action === 'rename') {
        expect(inRaw.has(c.date)).toBe(true);
        expect(inRaw.get(c.date)).not.toBe(c.name);
      }
    }
    // Each name fix is still needed: date-holidays still spells the name its way somewhere in 2012-2028.
    for (const stem of Object.keys(names)) {
      const seen = Array.from({ length: 17 }, (_, i) => 2012 + i).some((year) => raw.getHolidays(year).some((h) => h.name === stem));
      expect(seen, `date-holidays still says ${stem}`).toBe(true);
    }
  });

  it('asks date-holidays for UTC and two types without changing its answers (1990-2060)', () => {
    const state = DATE_HOLIDAYS_STATE[name];
    const plain = new Holidays('GB', state, { languages: 'en' });
    const fast = new Holidays('GB', state, { languages: 'en', timezone: 'UTC', types: ['public', 'bank'] });
    const list = (hd: Holidays, year: number): string[] =>
      hd.getHolidays(year).filter((h) => h.type === 'public' || h.type === 'bank').map((h) => `${h.date} ${h.name}`);
    for (let year = 1990; year <= 2060; year++) expect(list(fast, year), `${state} ${year}`).toEqual(list(plain, year));
  });

  it('lists only Monday-Friday holidays, ordered, one per date (1950-2150)', () => {
    const all = def.holidays(1950, 2150);
    for (let i = 0; i < all.length; i++) {
      expect(isoWeekday(all[i]!.date)).toBeLessThanOrEqual(5);
      if (i > 0) expect(all[i]!.date).toBeGreaterThan(all[i - 1]!.date);
    }
  });
});

describe('what differs between the divisions', () => {
  const ew = calendarNamed('england-and-wales');
  const sc = calendarNamed('scotland');
  const ni = calendarNamed('northern-ireland');
  const fmt = (x: PlainDate): string => formatPlainDate(x);

  it('Scotland: St Andrew’s Day and its substitute, 2 January, the first Monday of August, no Easter Monday', () => {
    expect(sc.holidayName(d('2026-11-30'))).toBe('St Andrew’s Day');
    expect(sc.holidayName(d('2025-12-01'))).toBe('St Andrew’s Day (substitute day)'); // 30 Nov 2025 is a Sunday
    expect(sc.holidayName(d('2026-01-02'))).toBe('2nd January');
    expect(sc.holidayName(d('2027-01-04'))).toBe('2nd January (substitute day)');
    expect(sc.holidayName(d('2026-08-03'))).toBe('Summer bank holiday');
    expect(sc.isWorkingDay(d('2026-08-31'))).toBe(true);
    expect(sc.isWorkingDay(d('2026-04-06'))).toBe(true); // Easter Monday
    for (const x of ['2026-11-30', '2025-12-01', '2026-01-02', '2026-08-03']) expect(ew.isWorkingDay(d(x)), x).toBe(true);
    expect(ew.isWorkingDay(d('2026-04-06'))).toBe(false);
  });

  it('Northern Ireland: St Patrick’s Day and the Battle of the Boyne, with substitutes', () => {
    expect(ni.holidayName(d('2026-03-17'))).toBe('St Patrick’s Day');
    expect(ni.holidayName(d('2026-07-13'))).toBe('Battle of the Boyne (Orangemen’s Day) (substitute day)'); // 12 July 2026 is a Sunday
    expect(ni.holidayName(d('2025-07-14'))).toBe('Battle of the Boyne (Orangemen’s Day) (substitute day)'); // 12 July 2025 is a Saturday
    expect(ni.holidayName(d('2024-03-18'))).toBe('St Patrick’s Day (substitute day)'); // 17 March 2024 is a Sunday
    for (const x of ['2026-03-17', '2026-07-13', '2025-07-14', '2024-03-18']) {
      expect(ew.isWorkingDay(d(x)), x).toBe(true);
      expect(sc.isWorkingDay(d(x)), x).toBe(true);
    }
    expect(ni.isWorkingDay(d('2026-04-06'))).toBe(false); // Easter Monday, as in England and Wales
  });

  it('counts working days across a holiday only Scotland has', () => {
    // Wed 25 Nov 2026 + 5 working days: St Andrew's Day (Mon 30 Nov) is skipped in Scotland only.
    expect(fmt(ew.addWorkingDays(d('2026-11-25'), 5))).toBe('2026-12-02');
    expect(fmt(sc.addWorkingDays(d('2026-11-25'), 5))).toBe('2026-12-03');
    expect(fmt(ni.addWorkingDays(d('2026-11-25'), 5))).toBe('2026-12-02');
    expect(sc.countWorkingDays(d('2026-11-25'), d('2026-12-03'))).toBe(5);
    expect(ew.countWorkingDays(d('2026-11-25'), d('2026-12-03'))).toBe(6);
    expect(fmt(sc.addWorkingDays(d('2026-12-03'), -5))).toBe('2026-11-25');
    expect(sc.holidaysBetween(d('2026-11-25'), d('2026-12-03')).map((h) => h.name)).toEqual(['St Andrew’s Day']);
    expect(ew.holidaysBetween(d('2026-11-25'), d('2026-12-03'))).toEqual([]);
    // Over New Year 2027 (1 Jan Fri, 2 Jan Sat: Scotland's substitute is Mon 4 Jan).
    expect(fmt(ew.addWorkingDays(d('2026-12-31'), 1))).toBe('2027-01-04');
    expect(fmt(sc.addWorkingDays(d('2026-12-31'), 1))).toBe('2027-01-05');
    // Easter Monday 2026 is worked in Scotland.
    expect(fmt(sc.addWorkingDays(d('2026-04-02'), 1))).toBe('2026-04-06');
    expect(fmt(ew.addWorkingDays(d('2026-04-02'), 1))).toBe('2026-04-07');
  });

  it('counts working days across holidays only Northern Ireland has', () => {
    // Mon 16 Mar 2026 + 1: St Patrick's Day (Tue 17 Mar) is skipped in Northern Ireland only.
    expect(fmt(ni.addWorkingDays(d('2026-03-16'), 1))).toBe('2026-03-18');
    expect(fmt(ew.addWorkingDays(d('2026-03-16'), 1))).toBe('2026-03-17');
    expect(fmt(sc.addWorkingDays(d('2026-03-16'), 1))).toBe('2026-03-17');
    // Fri 10 Jul 2026 + 10: the Boyne substitute (Mon 13 Jul) is skipped in Northern Ireland only.
    expect(fmt(ni.addWorkingDays(d('2026-07-10'), 10))).toBe('2026-07-27');
    expect(fmt(ew.addWorkingDays(d('2026-07-10'), 10))).toBe('2026-07-24');
    expect(ni.countWorkingDays(d('2026-03-01'), d('2026-07-31'))).toBe(ew.countWorkingDays(d('2026-03-01'), d('2026-07-31')) - 2);
    expect(ni.holidaysBetween(d('2026-03-01'), d('2026-07-31')).map((h) => formatPlainDate(h.date))).toEqual([
      '2026-03-17',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-07-13',
    ]);
  });
});
