/**
 * Tests written to kill the surviving mutants of runtime/calendar.ts (docs/testing.md, "Mutation
 * testing"). Lines 76-207: reading a gov.uk-format holiday file (`holidaysFromGovUkJson`), whose
 * problems the other suites check by path only, here with the whole `{ path, message }` of each (the
 * description of a wrong value: null, an array, a short and a long string, a number, a boolean, an
 * object); the root of the paths for a division name that is not a plain identifier; titles and notes
 * trimmed, a substitute day in any case; a date repeating an event that was itself refused (not a
 * repeat); and the helpers of the calendar: two holidays on one date (names joined, or one name given twice), holidays
 * given out of order (listed in date order), day numbers that are not integers (refused, naming the
 * method); the index of working days at its edges and on its slow paths (lines 208-462); and the named
 * calendars (lines 463-698): closures added and removed, their names, an unknown name refused, and
 * `prebuildCalendar`.
 *
 * Input: small JSON values and holiday lists written here. Output: assertions only; nothing depends on
 * the time zone (plain dates throughout).
 */
import { describe, expect, it } from 'vitest';
import { calendarNamed, createCalendar, englandAndWalesHolidays, holidaysFromGovUkJson, indexedYears, prebuildCalendar, type CalendarName, type WorkingDayCalendar } from '../../runtime/calendar.ts';
import { formatPlainDate, parsePlainDate } from '../../runtime/dates.ts';
import type { PlainDate } from '../../runtime/dates.ts';

const d = (s: string): PlainDate => {
  const day = parsePlainDate(s);
  if (day === undefined) throw new Error(`not a date: ${s}`);
  return day;
};

const file = (events: unknown, division: unknown = 'england-and-wales') => ({ 'england-and-wales': { division, events } });

describe('holidaysFromGovUkJson: whole messages', () => {
  it('a document that is not an object keyed by division: the value found is described', () => {
    const said = (json: unknown) => holidaysFromGovUkJson(json).errors;
    const expected = (found: string) => [{ path: '$', message: `expected an object keyed by division (such as \`england-and-wales\`), found ${found}` }];
    expect(said(null)).toEqual(expected('null'));
    expect(said([1])).toEqual(expected('an array'));
    expect(said('bank holidays')).toEqual(expected('the string "bank holidays"'));
    // 41 characters: the first 40 and an ellipsis.
    expect(said('abcdefghij'.repeat(4) + 'k')).toEqual(expected(`the string "${'abcdefghij'.repeat(4)}…"`));
    expect(said('abcdefghij'.repeat(4))).toEqual(expected(`the string "${'abcdefghij'.repeat(4)}"`));
    expect(said(5)).toEqual(expected('a number'));
    expect(said(true)).toEqual(expected('a boolean'));
    expect(said(undefined)).toEqual(expected('a undefined'));
  });

  it('a missing division lists the divisions found, if any', () => {
    expect(holidaysFromGovUkJson({}).errors).toEqual([{ path: '$', message: 'no division `england-and-wales`' }]);
    expect(holidaysFromGovUkJson({ scotland: {}, 'northern-ireland': {} }).errors).toEqual([
      { path: '$', message: 'no division `england-and-wales` (found: `scotland`, `northern-ireland`)' },
    ]);
  });

  it('a division that is not an object, names another division or none, or has no list of events', () => {
    expect(holidaysFromGovUkJson({ 'england-and-wales': 'none' }).errors).toEqual([
      { path: 'england-and-wales', message: 'expected an object with `division` and `events`, found the string "none"' },
    ]);
    expect(holidaysFromGovUkJson(file([], 'scotland')).errors).toEqual([{ path: 'england-and-wales.division', message: 'expected "england-and-wales", found "scotland"' }]);
    expect(holidaysFromGovUkJson(file([], 3)).errors).toEqual([{ path: 'england-and-wales.division', message: 'expected "england-and-wales", found a number' }]);
    expect(holidaysFromGovUkJson({ 'england-and-wales': { events: [] } }).errors).toEqual([{ path: 'england-and-wales.division', message: 'missing: expected "england-and-wales"' }]);
    expect(holidaysFromGovUkJson(file(undefined)).errors).toEqual([{ path: 'england-and-wales.events', message: 'missing: expected an array of events' }]);
    expect(holidaysFromGovUkJson(file({})).errors).toEqual([{ path: 'england-and-wales.events', message: 'expected an array of events, found an object' }]);
  });

  it('the paths of a division whose name is not a plain identifier are bracketed', () => {
    const paths = (division: string) =>
      holidaysFromGovUkJson({ [division]: { division, events: [{ title: 'T', date: 'x' }] } }, division).errors.map((e) => e.path);
    expect(paths('my division')).toEqual(['$["my division"].events[0].date']);
    expect(paths('1st')).toEqual(['$["1st"].events[0].date']);
    expect(paths('a.b')).toEqual(['$["a.b"].events[0].date']);
    expect(paths('_a-b$1')).toEqual(['_a-b$1.events[0].date']);
    expect(paths('$x')).toEqual(['$x.events[0].date']);
    expect(paths('Zz')).toEqual(['Zz.events[0].date']);
  });

  it('each problem of an event, with its message', () => {
    const result = holidaysFromGovUkJson(
      file([
        7,
        { date: '2025-01-01' },
        { title: '   ', date: '2025-01-02' },
        { title: 4, date: '2025-01-03' },
        { title: 'No date' },
        { title: 'Number date', date: 20250106 },
        { title: 'Bad date', date: '2025-02-30' },
        { title: 'Notes', date: '2025-01-07', notes: false },
        { title: 'Bunting', date: '2025-01-08', bunting: 'yes' },
        { title: 'Good', date: '2025-01-09' },
        { title: 'Again', date: '2025-01-09' },
      ]),
    );
    expect(result.errors).toEqual([
      { path: 'england-and-wales.events[0]', message: 'expected an object with `title` and `date`, found a number' },
      { path: 'england-and-wales.events[1].title', message: 'missing: expected the holiday’s name' },
      { path: 'england-and-wales.events[2].title', message: 'expected a non-empty string, found the string "   "' },
      { path: 'england-and-wales.events[3].title', message: 'expected a non-empty string, found a number' },
      { path: 'england-and-wales.events[4].date', message: 'missing: expected a date as YYYY-MM-DD' },
      { path: 'england-and-wales.events[5].date', message: 'expected a date as YYYY-MM-DD, found a number' },
      { path: 'england-and-wales.events[6].date', message: '`2025-02-30` is not a valid date as YYYY-MM-DD' },
      { path: 'england-and-wales.events[7].notes', message: 'expected a string, found a boolean' },
      { path: 'england-and-wales.events[8].bunting', message: 'expected true or false, found the string "yes"' },
      { path: 'england-and-wales.events[10].date', message: '`2025-01-09` repeats the date of england-and-wales.events[9]' },
    ]);
    expect(result.holidays.map((h) => [formatPlainDate(h.date), h.name])).toEqual([['2025-01-09', 'Good']]);
  });

  it('an event refused for its title, notes or bunting does not take its date: a later event on that date is no repeat', () => {
    const result = holidaysFromGovUkJson(
      file([
        { title: '', date: '2025-05-05' },
        { title: 'Notes', date: '2025-05-06', notes: 1 },
        { title: 'Bunting', date: '2025-05-07', bunting: 0 },
        { title: 'Early May', date: '2025-05-05' },
        { title: 'Tuesday', date: '2025-05-06' },
        { title: 'Wednesday', date: '2025-05-07' },
      ]),
    );
    expect(result.errors.map((e) => e.path)).toEqual(['england-and-wales.events[0].title', 'england-and-wales.events[1].notes', 'england-and-wales.events[2].bunting']);
    expect(result.holidays.map((h) => [formatPlainDate(h.date), h.name])).toEqual([
      ['2025-05-05', 'Early May'],
      ['2025-05-06', 'Tuesday'],
      ['2025-05-07', 'Wednesday'],
    ]);
  });

  it('titles are trimmed; notes of `substitute day` in any case and spacing name a substitute day; other notes do not', () => {
    const result = holidaysFromGovUkJson(
      file([
        { title: '  Boxing Day ', date: '2026-12-28', notes: '  SUBSTITUTE Day ' },
        { title: 'Christmas Day', date: '2026-12-25', notes: 'substitute days' },
        { title: ' New Year ', date: '2027-01-01', notes: '' },
      ]),
    );
    expect(result.errors).toEqual([]);
    expect(result.holidays.map((h) => [formatPlainDate(h.date), h.name])).toEqual([
      ['2026-12-25', 'Christmas Day'],
      ['2026-12-28', 'Boxing Day (substitute day)'],
      ['2027-01-01', 'New Year'],
    ]);
  });
});

describe('the calendar helpers', () => {
  it('two holidays on one date: the names joined; the same name twice: once', () => {
    const cal = createCalendar({
      name: 'joined',
      holidays: [
        { date: d('2025-05-05'), name: 'Early May' },
        { date: d('2025-05-05'), name: 'Office closure' },
        { date: d('2025-05-26'), name: 'Spring' },
        { date: d('2025-05-26'), name: 'Spring' },
      ],
    });
    expect(cal.holidayName(d('2025-05-05'))).toBe('Early May / Office closure');
    expect(cal.holidayName(d('2025-05-26'))).toBe('Spring');
  });

  it('holidays given out of order are listed in date order', () => {
    const cal = createCalendar({
      name: 'unordered',
      holidays: [
        { date: d('2025-05-26'), name: 'Spring' },
        { date: d('2025-05-05'), name: 'Early May' },
        { date: d('2025-05-14'), name: 'Midweek' },
      ],
    });
    // Thu 1 May 2025 to Fri 30 May 2025: the three, all on weekdays, in date order.
    expect(cal.holidaysBetween(d('2025-05-01'), d('2025-05-30')).map((h) => [formatPlainDate(h.date), h.name])).toEqual([
      ['2025-05-05', 'Early May'],
      ['2025-05-14', 'Midweek'],
      ['2025-05-26', 'Spring'],
    ]);
  });

  it('a day number that is not an integer is refused, naming the method', () => {
    const cal = createCalendar({ name: 'plain', holidays: [] });
    expect(() => cal.addWorkingDays(1.5, 1)).toThrow(new RangeError('addWorkingDays: expected an integer day number, got 1.5'));
    expect(() => cal.isWorkingDay(Number.NaN)).toThrow(new RangeError('isWorkingDay: expected an integer day number, got NaN'));
    expect(() => createCalendar({ name: 'bad', holidays: [{ date: 2 ** 60, name: 'Far' }] })).toThrow(
      new RangeError(`createCalendar: expected an integer day number, got ${String(2 ** 60)}`),
    );
  });
});

describe('the index of working days at its edges (lines 208-340)', () => {
  // A fresh calendar each time (the registry's calendars are cached for the process, their index shared).
  const englandAndWales = () => createCalendar({ name: 'england-and-wales', holidays: englandAndWalesHolidays(2020, 2030) });

  it('built over one year: the days just after it are answered from the holidays, not from the index', () => {
    const cal = englandAndWales();
    // The years backwards: nothing to build (and nothing thrown).
    expect(prebuildCalendar(cal, 2030, 2020)).toBe(0);
    expect(indexedYears(cal)).toBeUndefined();
    prebuildCalendar(cal, 2024, 2024);
    expect(indexedYears(cal)).toEqual({ from: 2024, to: 2024 });
    // Wed 1 Jan 2025, New Year's Day, the first day after the index: not a working day.
    expect(cal.isWorkingDay(d('2025-01-01'))).toBe(false);
    expect(cal.isWorkingDay(d('2024-12-31'))).toBe(true);
    // The working day after Tue 31 Dec 2024, the index's last: Thu 2 Jan 2025 (the index then grows).
    expect(formatPlainDate(cal.addWorkingDays(d('2024-12-31'), 1))).toBe('2025-01-02');
    expect(indexedYears(cal)).toEqual({ from: 2022, to: 2028 }); // 2024-2026 needed, 2 years' margin
  });

  it('a day number that is not an integer is refused inside the index too, even with a count of 0', () => {
    const cal = englandAndWales();
    prebuildCalendar(cal, 2024, 2026);
    const mid = d('2025-06-02') + 0.5;
    expect(() => cal.isWorkingDay(mid)).toThrow(new RangeError(`isWorkingDay: expected an integer day number, got ${String(mid)}`));
    expect(() => cal.addWorkingDays(mid, 0)).toThrow(new RangeError(`addWorkingDays: expected an integer day number, got ${String(mid)}`));
    expect(cal.holidayName(mid)).toBeUndefined();
    expect(cal.holidayName(Number.NaN)).toBeUndefined();
    // Beyond the safe integers: no holiday, and date-holidays is not asked (it cannot read such a year).
    expect(calendarNamed('england-and-wales').holidayName(2 ** 60)).toBeUndefined();
  });

  it('the index reaches the years 1900 and 2199, and no further', () => {
    const early = createCalendar({ name: 'plain', holidays: [] });
    // Fri 1 Jun 1900 - 1 working day: Thu 31 May; the index is 1900 and its 2 years' margin after.
    expect(formatPlainDate(early.addWorkingDays(d('1900-06-01'), -1))).toBe('1900-05-31');
    expect(indexedYears(early)).toEqual({ from: 1900, to: 1902 });
    const late = createCalendar({ name: 'plain', holidays: [] });
    // Mon 2 Jun 2199 + 1: Tue 3 Jun; the index is 2199 and its margin before.
    expect(formatPlainDate(late.addWorkingDays(d('2199-06-02'), 1))).toBe('2199-06-03');
    expect(indexedYears(late)).toEqual({ from: 2197, to: 2199 });
  });
});

describe('the slow paths of the index (lines 341-462)', () => {
  it('whole messages for a count or a day that is not an integer', () => {
    const cal = createCalendar({ name: 'plain', holidays: [] });
    expect(() => cal.addWorkingDays(d('2025-06-02'), 1.5)).toThrow(new RangeError('addWorkingDays: expected an integer count, got 1.5'));
    expect(() => cal.countWorkingDays(1.5, 3)).toThrow(new RangeError('countWorkingDays: expected an integer day number, got 1.5'));
    expect(() => cal.countWorkingDays(3, 2.5)).toThrow(new RangeError('countWorkingDays: expected an integer day number, got 2.5'));
    expect(() => cal.holidaysBetween(1.5, 3)).toThrow(new RangeError('holidaysBetween: expected an integer day number, got 1.5'));
    expect(() => cal.holidaysBetween(3, 2.5)).toThrow(new RangeError('holidaysBetween: expected an integer day number, got 2.5'));
    // Inside the index too: a fraction is refused, not counted.
    prebuildCalendar(cal, 2024, 2026);
    const mid = d('2025-06-02') + 0.5;
    expect(() => cal.countWorkingDays(mid, d('2025-06-10'))).toThrow(new RangeError(`countWorkingDays: expected an integer day number, got ${String(mid)}`));
    expect(() => cal.countWorkingDays(d('2025-06-10'), mid)).toThrow(new RangeError(`countWorkingDays: expected an integer day number, got ${String(mid)}`));
  });

  it('a count backwards indexes the years before the date; before 1900, with no index, the days are walked', () => {
    const cal = createCalendar({ name: 'plain', holidays: [] });
    // Mon 2 Jun 2025 - 1: Fri 30 May; 2023-2025 needed, 2 years' margin on each side.
    expect(formatPlainDate(cal.addWorkingDays(d('2025-06-02'), -1))).toBe('2025-05-30');
    expect(indexedYears(cal)).toEqual({ from: 2021, to: 2027 });
    const old = createCalendar({ name: 'plain', holidays: [] });
    // Fri 3 Jan 1800 + 1: Mon 6 Jan; nothing indexed.
    expect(formatPlainDate(old.addWorkingDays(d('1800-01-03'), 1))).toBe('1800-01-06');
    expect(indexedYears(old)).toBeUndefined();
  });

  it('across the whole index (1900-2199) and just past its ends', () => {
    // Mon 1 Jan 1900 closed, so the first working day of the index is Tue 2 Jan 1900.
    const cal = createCalendar({ name: 'plain', holidays: [{ date: d('1900-01-01'), name: 'Closed' }] });
    prebuildCalendar(cal, 1900, 2199);
    const all = cal.countWorkingDays(d('1899-12-31'), d('2199-12-31'));
    // From Sun 31 Dec 1899, one more than the index holds: Wed 1 Jan 2200, just after it.
    expect(formatPlainDate(cal.addWorkingDays(d('1899-12-31'), all + 1))).toBe('2200-01-01');
    // From Wed 1 Jan 2200 back as many as it holds: its first working day.
    expect(formatPlainDate(cal.addWorkingDays(d('2200-01-01'), -all))).toBe('1900-01-02');
    // From Wed 1 Jan 2200, the day after the index, forwards.
    expect(formatPlainDate(cal.addWorkingDays(d('2200-01-01'), 1))).toBe('2200-01-02');
    expect(indexedYears(cal)).toEqual({ from: 1900, to: 2199 });
  });
});

describe('named calendars and their changes (lines 463-698)', () => {
  it('a removal that is not an integer day number is refused, naming it', () => {
    expect(() => createCalendar({ name: 'bad', holidays: [], remove: [1.5] })).toThrow(new RangeError('calendar removal: expected an integer day number, got 1.5'));
  });

  it('closures added on one date, given in any order: the names joined in the order of their names', () => {
    // Wed 5 Mar 2031 (no bank holiday); the names given Mid, Zeta, Alpha. A list of changes unique to
    // this test, so that no calendar cached by another test answers.
    const day = d('2031-03-05');
    const cal = calendarNamed('england-and-wales', {
      add: [
        { date: day, name: 'Mid' },
        { date: d('2031-03-04'), name: 'Tuesday' },
        { date: day, name: 'Zeta' },
        { date: day, name: 'Alpha' },
      ],
    });
    expect(cal.holidayName(day)).toBe('Alpha / Mid / Zeta');
    expect(cal.holidayName(d('2031-03-04'))).toBe('Tuesday');
    expect(cal.name).toBe('england-and-wales (4 added, 0 removed)');
  });

  it('a bank holiday removed, with nothing added that year, is a working day', () => {
    // Thu 25 Dec 2031 and Fri 26 Dec 2031 are bank holidays; the first made a working day.
    const cal = calendarNamed('england-and-wales', { remove: [d('2031-12-25')] });
    expect(cal.isWorkingDay(d('2031-12-25'))).toBe(true);
    expect(cal.holidayName(d('2031-12-25'))).toBeUndefined();
    expect(cal.isWorkingDay(d('2031-12-26'))).toBe(false);
    expect(formatPlainDate(cal.addWorkingDays(d('2031-12-24'), 1))).toBe('2031-12-25');
  });

  it('the names of calendars: unchanged, changed, and with a replaced list from a source named or not', () => {
    expect(calendarNamed('scotland').name).toBe('scotland');
    expect(calendarNamed('northern-ireland', { holidays: [] }).name).toBe('northern-ireland (holidays from a holiday list)');
    expect(calendarNamed('northern-ireland', { holidays: [], holidaysSource: 'ni.json' }).name).toBe('northern-ireland (holidays from ni.json)');
  });

  it('an unknown name is refused, listing the calendars', () => {
    expect(() => calendarNamed('mars' as CalendarName)).toThrow(new RangeError('unknown calendar "mars": the calendars are england-and-wales, scotland, northern-ireland'));
  });

  it('prebuildCalendar: 0 for a calendar it cannot index; otherwise the milliseconds its build took, within the call', () => {
    const own: WorkingDayCalendar = { ...createCalendar({ name: 'own', holidays: [] }), name: 'own' };
    expect(prebuildCalendar(own)).toBe(0);
    const cal = createCalendar({ name: 'timed', holidays: [] });
    const before = performance.now();
    const took = prebuildCalendar(cal, 2000, 2010);
    const after = performance.now();
    expect(took).toBeGreaterThanOrEqual(0);
    expect(took).toBeLessThanOrEqual(after - before);
    expect(indexedYears(cal)).toEqual({ from: 2000, to: 2010 });
  });
});
