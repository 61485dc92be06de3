/**
 * The bank holidays of the three divisions of the United Kingdom: England and Wales, Scotland and
 * Northern Ireland.
 *
 * Input: a division and a year. Output: that year's bank holidays falling on Monday to Friday, as a
 * map from date to the official name (a holiday on a weekend is replaced by its substitute day, named
 * '<holiday> (substitute day)'). The rules come from the `date-holidays` package (country `GB`, states
 * `ENG`, `SCT`, `NIR`), then each division's name fixes and its documented correction table are
 * applied (`BANK_HOLIDAY_CORRECTIONS`).
 *
 * For the years of `UK_TABLE_FIRST_YEAR`..`UK_TABLE_LAST_YEAR` the answer is read from the table
 * `uk-table.ts`, generated from exactly this computation (`npm run gen:holidays`; a test checks that
 * regenerating gives the committed file), so date-holidays is not asked at all: its class is
 * created, and in the bundled CLI its code loaded and evaluated, only for a year outside the table
 * (issue 17: loading it cost 100-300 ms per process and per worker thread).
 *
 * INVARIANT: for 2012-2028 the result equals the official gov.uk feed (https://www.gov.uk/bank-holidays.json)
 * of the division, date for date and name for name (checked by test/runtime/calendars.test.ts against
 * a copy of the feed). Earlier years are date-holidays' rules plus the UK-wide royal proclamations
 * listed here; they are not checked against an official list (the feed starts in 2012).
 * INVARIANT: nothing here reads a file or uses `Date` or local time: `date-holidays` is asked for UTC,
 * so the process time zone cannot move a holiday.
 * INVARIANT: date-holidays is asked only for the years it computes right, `COMPUTED_FIRST_YEAR`..
 * `COMPUTED_LAST_YEAR` (100..9999): it reads a year under 100 as 19YY (year 5 gives 1905's
 * holidays), year 0 as the current year, and writes year 10000's dates as `0000-...`. A year outside
 * has no bank holidays (only weekends are skipped): such years are reached only by a due date
 * counted from a case date near year 1 or year 9999, and answering them must not throw.
 */

import Holidays from 'date-holidays';
import { fromYmd, isoWeekday, parsePlainDate } from '../dates.ts';
import type { PlainDate } from '../dates.ts';
import { UK_TABLE_FIRST_YEAR, UK_TABLE_HOLIDAY_NAMES, UK_TABLE_LAST_YEAR, UK_TABLE_YEARS } from './uk-table.ts';

export { UK_TABLE_FIRST_YEAR, UK_TABLE_LAST_YEAR } from './uk-table.ts';

/** The divisions, named as the gov.uk feed names them. */
export type UkDivision = 'england-and-wales' | 'scotland' | 'northern-ireland';

/** The `date-holidays` state of each division (Wales shares England's rules: state `ENG`). */
export const DATE_HOLIDAYS_STATE: Readonly<Record<UkDivision, 'ENG' | 'SCT' | 'NIR'>> = Object.freeze({
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
});

/**
 * One correction of the `date-holidays` package against the official list of a division's bank
 * holidays. `add`: the date is a bank holiday that date-holidays lacks; `remove`: date-holidays lists a
 * bank holiday the official list does not have (`name` is the name date-holidays gives); `rename`: the
 * date is right but the official name differs (`name` is the official name).
 */
export interface BankHolidayCorrection {
  readonly date: string;
  readonly action: 'add' | 'remove' | 'rename';
  readonly name: string;
  readonly source: string;
}

const feed = (division: UkDivision): string => `https://www.gov.uk/bank-holidays.json (${division})`;

/**
 * The UK-wide royal proclamations before 2012 (the gov.uk feed starts in 2012): the same days in every
 * division. date-holidays lacks all of them.
 */
const PROCLAMATIONS_BEFORE_2012: readonly BankHolidayCorrection[] = [
  { date: '1995-05-01', action: 'remove', name: 'Early May bank holiday', source: 'Royal Proclamation: the early May bank holiday of 1995 moved to Monday 8 May, the 50th anniversary of VE Day' },
  { date: '1995-05-08', action: 'add', name: 'Early May bank holiday (VE day)', source: 'Royal Proclamation: the early May bank holiday of 1995 moved to Monday 8 May, the 50th anniversary of VE Day' },
  { date: '1999-12-31', action: 'add', name: 'Millennium bank holiday', source: 'Royal Proclamation: an extra bank holiday on Friday 31 December 1999 for the millennium' },
  { date: '2002-05-27', action: 'remove', name: 'Spring bank holiday', source: 'Royal Proclamation: the spring bank holiday of 2002 moved to Tuesday 4 June for the Golden Jubilee' },
  { date: '2002-06-03', action: 'add', name: 'Golden Jubilee bank holiday', source: 'Royal Proclamation: an extra bank holiday on Monday 3 June 2002 for the Golden Jubilee' },
  { date: '2002-06-04', action: 'add', name: 'Spring bank holiday (substitute day)', source: 'Royal Proclamation: the spring bank holiday of 2002 moved to Tuesday 4 June for the Golden Jubilee' },
  { date: '2011-04-29', action: 'add', name: 'Royal wedding bank holiday', source: 'Royal Proclamation: an extra bank holiday on Friday 29 April 2011 for the wedding of Prince William and Catherine Middleton' },
];

/**
 * The 2012 Diamond Jubilee and the names of the one-off days of 2022 and 2023, as each division's
 * feed gives them (Northern Ireland's feed does not call 4 June 2012 a substitute day).
 */
function royalDaysFrom2012(division: UkDivision): BankHolidayCorrection[] {
  const src = feed(division);
  return [
    { date: '2012-05-28', action: 'remove', name: 'Spring bank holiday', source: `${src}: no holiday on 28 May 2012; the spring bank holiday moved to Monday 4 June for the Diamond Jubilee` },
    division === 'northern-ireland'
      ? { date: '2012-06-04', action: 'add', name: 'Spring bank holiday', source: `${src}: 'Spring bank holiday' (no notes)` }
      : { date: '2012-06-04', action: 'add', name: 'Spring bank holiday (substitute day)', source: `${src}: 'Spring bank holiday', notes 'Substitute day'` },
    { date: '2022-06-03', action: 'rename', name: 'Platinum Jubilee bank holiday', source: `${src} (date-holidays: 'Queen’s Platinum Jubilee')` },
    { date: '2022-09-19', action: 'rename', name: 'Bank Holiday for the State Funeral of Queen Elizabeth II', source: `${src} (date-holidays: 'Queen Elizabeth’s Funeral Day')` },
    { date: '2023-05-08', action: 'rename', name: 'Bank holiday for the coronation of King Charles III', source: `${src} (date-holidays: 'King Charles III’s Coronation')` },
  ];
}

/**
 * Scotland, when 1 January falls on a weekend: the feed names the first weekday holiday after it
 * 'New Year’s Day (substitute day)' and the next '2nd January (substitute day)' in 2022, 2023 and
 * 2028 (date-holidays has the two names the other way round), but names them the date-holidays way
 * in 2012 and 2017. So these are dated corrections, not a rule.
 */
const SCOTTISH_NEW_YEAR_NAMES: readonly BankHolidayCorrection[] = [
  ['2022-01-03', 'New Year’s Day (substitute day)'],
  ['2022-01-04', '2nd January (substitute day)'],
  ['2023-01-02', 'New Year’s Day (substitute day)'],
  ['2023-01-03', '2nd January (substitute day)'],
  ['2028-01-03', 'New Year’s Day (substitute day)'],
  ['2028-01-04', '2nd January (substitute day)'],
].map(([date, name]) => ({ date: date!, action: 'rename' as const, name: name!, source: `${feed('scotland')}: '${name!.replace(' (substitute day)', '')}', notes 'Substitute day'` }));

const byDate = (a: BankHolidayCorrection, b: BankHolidayCorrection): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * Every known difference between `date-holidays` and the official bank holidays of each division,
 * ordered by date. Entries from 2012 on are verified by a test against the gov.uk feed (2012-2028);
 * a test also checks that each entry is still needed, so an upgrade of date-holidays that fixes one
 * is noticed.
 */
export const BANK_HOLIDAY_CORRECTIONS: Readonly<Record<UkDivision, readonly BankHolidayCorrection[]>> = Object.freeze({
  'england-and-wales': Object.freeze([...PROCLAMATIONS_BEFORE_2012, ...royalDaysFrom2012('england-and-wales')].sort(byDate)),
  scotland: Object.freeze([...PROCLAMATIONS_BEFORE_2012, ...royalDaysFrom2012('scotland'), ...SCOTTISH_NEW_YEAR_NAMES].sort(byDate)),
  'northern-ireland': Object.freeze([...PROCLAMATIONS_BEFORE_2012, ...royalDaysFrom2012('northern-ireland')].sort(byDate)),
});

/**
 * Names date-holidays gives that the feed always spells otherwise (applied before the corrections,
 * also inside '<name> (substitute day)'). Apostrophes become ’ for every division.
 */
export const BANK_HOLIDAY_NAMES: Readonly<Record<UkDivision, Readonly<Record<string, string>>>> = Object.freeze({
  'england-and-wales': {},
  scotland: { 'January 2nd': '2nd January' },
  'northern-ireland': {},
});

const SUBSTITUTE = ' (substitute day)';

/** A date-holidays name as the feed spells it. */
export function officialName(division: UkDivision, raw: string): string {
  const name = raw.replace(/'/g, '’');
  const names = BANK_HOLIDAY_NAMES[division];
  const substitute = name.endsWith(SUBSTITUTE);
  const stem = substitute ? name.slice(0, -SUBSTITUTE.length) : name;
  const fixed = names[stem];
  return fixed === undefined ? name : `${fixed}${substitute ? SUBSTITUTE : ''}`;
}

const instances = new Map<UkDivision, Holidays>();
const correctionsByYear = new Map<UkDivision, Map<number, BankHolidayCorrection[]>>();

function correctionsOf(division: UkDivision, year: number): readonly BankHolidayCorrection[] {
  let table = correctionsByYear.get(division);
  if (table === undefined) {
    table = new Map();
    for (const c of BANK_HOLIDAY_CORRECTIONS[division]) {
      const y = Number(c.date.slice(0, 4));
      const list = table.get(y) ?? [];
      list.push(c);
      table.set(y, list);
    }
    correctionsByYear.set(division, table);
  }
  return table.get(year) ?? [];
}

/**
 * The corrected bank holidays of one division in one year falling on Monday to Friday: date to name
 * (not cached here: the calendar caches years). Inside the table's years it is read from the table
 * (microseconds); outside, computed with date-holidays (`computeUkBankHolidaysOfYear`).
 */
export function ukBankHolidaysOfYear(division: UkDivision, year: number): Map<PlainDate, string> {
  if (year < UK_TABLE_FIRST_YEAR || year > UK_TABLE_LAST_YEAR || !Number.isInteger(year)) return computeUkBankHolidaysOfYear(division, year);
  const map = new Map<PlainDate, string>();
  const row = UK_TABLE_YEARS[division][year - UK_TABLE_FIRST_YEAR]!;
  // A row is 'MMDD:i' entries separated by spaces, `i` indexing UK_TABLE_HOLIDAY_NAMES, in date order.
  for (const entry of row === '' ? [] : row.split(' ')) {
    const date = fromYmd(year, Number(entry.slice(0, 2)), Number(entry.slice(2, 4)));
    map.set(date, UK_TABLE_HOLIDAY_NAMES[Number(entry.slice(5))]!);
  }
  return map;
}

/** The first and last years whose bank holidays date-holidays computes right (see the module comment). */
export const COMPUTED_FIRST_YEAR = 100;
export const COMPUTED_LAST_YEAR = 9999;

/**
 * The corrected bank holidays of one division in one year, computed with date-holidays (the source
 * of truth of the table; a few milliseconds a year, plus loading the package once); none for a year
 * outside `COMPUTED_FIRST_YEAR`..`COMPUTED_LAST_YEAR`.
 */
export function computeUkBankHolidaysOfYear(division: UkDivision, year: number): Map<PlainDate, string> {
  const map = new Map<PlainDate, string>();
  if (!(year >= COMPUTED_FIRST_YEAR && year <= COMPUTED_LAST_YEAR)) return map;
  let hd = instances.get(division);
  if (hd === undefined) {
    // UTC and the two types give the same dates and names as the defaults (checked by a test) and are
    // five times faster; the `date` string is the holiday's own calendar date.
    hd = new Holidays('GB', DATE_HOLIDAYS_STATE[division], { languages: 'en', timezone: 'UTC', types: ['public', 'bank'] });
    instances.set(division, hd);
  }
  for (const h of hd.getHolidays(year)) {
    if (h.type !== 'public' && h.type !== 'bank') continue;
    const date = parsePlainDate(h.date.slice(0, 10));
    if (date === undefined) throw new Error(`date-holidays gave an unreadable date: ${h.date}`);
    // A holiday on a weekend is not a bank holiday: its substitute day (listed separately) is.
    if (isoWeekday(date) > 5) continue;
    const name = officialName(division, h.name);
    const existing = map.get(date);
    map.set(date, existing === undefined || existing === name ? name : `${existing} / ${name}`);
  }
  for (const c of correctionsOf(division, year)) {
    const date = parsePlainDate(c.date);
    if (date === undefined) continue; // unreachable: the table is checked by a test
    if (c.action === 'remove') map.delete(date);
    else map.set(date, c.name);
  }
  return map;
}
