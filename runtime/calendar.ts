/**
 * Working-day calendars: which days are working days, O(1) arithmetic on them, and the registry of
 * the calendars a policy can name.
 *
 * Input: a list of holidays (from a policy, a user-supplied gov.uk-format file, or the bank holidays
 * of a UK division computed by `calendars/uk.ts` from the `date-holidays` package and corrected
 * against the official gov.uk list), plus a policy's additions and removals. Output: a
 * `WorkingDayCalendar` answering "is this a working day", "the n-th working day after/before d", "how
 * many working days between" and "which holidays were skipped" (for explanations). `CALENDARS` maps
 * each name a policy's `calendar NAME` line may give (`england-and-wales`, `scotland`,
 * `northern-ireland`) to its title, its gov.uk division and its factory; `calendarNamed(name, choice)`
 * builds one with a policy's changes or with a replacement holiday list (a gov.uk file's division).
 *
 * INVARIANT: a working day is Monday to Friday and not a holiday of the calendar.
 * INVARIANT: `addWorkingDays(d, n)` never counts `d` itself; `addWorkingDays(a, countWorkingDays(a, b))
 * === b` for every working day `b`. Both are a few typed-array lookups inside the index, a window of
 * whole years built on first use around the dates asked about and grown on demand up to 1900-2199
 * (rebuilding takes well under a millisecond; a year's holidays are read from the generated table
 * `calendars/uk-table.ts` for 1990-2060, microseconds, and computed with `date-holidays` outside it,
 * a few milliseconds, once per year per division per process); beyond that a (slower) day-by-day
 * walk gives the same answers.
 * INVARIANT: each built-in calendar equals the official gov.uk list of its division for 2012-2028.
 * INVARIANT: nothing here reads a file: the built-in lists come from `date-holidays` plus the
 * documented correction tables `BANK_HOLIDAY_CORRECTIONS` (for 1990-2060 through the table generated
 * from them, `npm run gen:holidays`).
 * INVARIANT: nothing here uses `Date` or local time; `date-holidays` is asked for UTC so the process
 * time zone cannot move a holiday.
 */

import { fromYmd, isoWeekday, parsePlainDate, toYmd } from './dates.ts';
import type { PlainDate } from './dates.ts';
import { BANK_HOLIDAY_CORRECTIONS, ukBankHolidaysOfYear } from './calendars/uk.ts';
import type { BankHolidayCorrection, UkDivision } from './calendars/uk.ts';

export { BANK_HOLIDAY_CORRECTIONS, BANK_HOLIDAY_NAMES, DATE_HOLIDAYS_STATE } from './calendars/uk.ts';
export type { BankHolidayCorrection, UkDivision } from './calendars/uk.ts';

/** A named holiday (a non-working day other than a weekend) on one date. */
export interface Holiday {
  readonly date: PlainDate;
  readonly name: string;
  /**
   * True for a closure day a calendar was given on top of its holidays (a policy's `closed` line)
   * that is not also one of those holidays; absent for a bank holiday. Explanations name the two apart.
   */
  readonly closure?: true;
}

/** Working-day arithmetic over one set of holidays. All methods are pure. */
export interface WorkingDayCalendar {
  /** A short name for explanations, e.g. 'england-and-wales'. */
  readonly name: string;
  /** True when `d` is Monday to Friday and not a holiday. */
  isWorkingDay(d: PlainDate): boolean;
  /** The holiday's name when `d` is a holiday of this calendar (whatever its weekday), else undefined. */
  holidayName(d: PlainDate): string | undefined;
  /** n > 0: the n-th working day after d (d itself not counted, whatever day it is); n < 0: the |n|-th working day before d; n = 0: d. */
  addWorkingDays(d: PlainDate, n: number): PlainDate;
  /**
   * The signed number of working-day steps from `from` to `to`, counted like `addWorkingDays`: the
   * number of working days in (from, to] when to >= from; minus the number in [to, from) otherwise
   * (the start is never counted, the end is). So addWorkingDays(a, countWorkingDays(a, b)) === b for
   * every working day b, and countWorkingDays(d, addWorkingDays(d, n)) === n for every d and n.
   */
  countWorkingDays(from: PlainDate, to: PlainDate): number;
  /** Holidays (not weekends) falling on Mon-Fri in the half-open span between two dates, ordered: for an explanation of `addWorkingDays(d, n)` call holidaysBetween(d, result) which must list the weekday holidays in (min, max]. */
  holidaysBetween(a: PlainDate, b: PlainDate): Holiday[];
}

/** The holidays of one calendar year: by date, and as a list ordered by date. */
interface YearHolidays {
  readonly byDate: ReadonlyMap<PlainDate, string>;
  readonly ordered: readonly Holiday[];
}

/** Gives the holidays of a calendar year. Must be deterministic: results are cached. */
type YearSource = (year: number) => YearHolidays;

const EMPTY_YEAR: YearHolidays = { byDate: new Map(), ordered: [] };

/** A year's holidays from its date map; the dates in `closures` are marked as closure days. */
function yearHolidaysFrom(byDate: ReadonlyMap<PlainDate, string>, closures?: ReadonlySet<PlainDate>): YearHolidays {
  if (byDate.size === 0) return EMPTY_YEAR;
  const ordered = [...byDate]
    .sort((x, y) => x[0] - y[0])
    .map(([date, name]): Holiday => Object.freeze(closures?.has(date) === true ? { date, name, closure: true as const } : { date, name }));
  return { byDate, ordered };
}

/** Between the names of holidays that fall on the same date. */
const HOLIDAY_NAME_SEPARATOR = ' / ';

/** Adds a holiday to a date map, joining the names when the date already has others (each name once). */
function putHoliday(map: Map<PlainDate, string>, date: PlainDate, name: string): void {
  const existing = map.get(date);
  if (existing === undefined) map.set(date, name);
  // A name already given to the date (by any earlier holiday of it, not only the last) is not repeated:
  // holidays A, B, B on one date read "A / B".
  else if (!existing.split(HOLIDAY_NAME_SEPARATOR).includes(name)) map.set(date, `${existing}${HOLIDAY_NAME_SEPARATOR}${name}`);
}

function yearOf(d: PlainDate): number {
  return toYmd(d).year;
}

function assertDayNumber(d: number, what: string): void {
  if (!Number.isSafeInteger(d)) throw new RangeError(`${what}: expected an integer day number, got ${String(d)}`);
}

// ---------------------------------------------------------------------------------------------------
// gov.uk holiday files
// ---------------------------------------------------------------------------------------------------

/** The holidays read from a gov.uk-format file, and every problem found (with a JSON path). */
export interface HolidayFileResult {
  holidays: Holiday[];
  errors: { path: string; message: string }[];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'string') return `the string ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}`;
  return `${typeof x === 'object' ? 'an object' : `a ${typeof x}`}`;
}

/**
 * Reads a holiday file in the gov.uk format `{<division>: {division, events: [{title, date, notes,
 * bunting}]}}` (https://www.gov.uk/bank-holidays.json) and returns the holidays of one division
 * (default 'england-and-wales'), ordered by date. `title` and `date` (YYYY-MM-DD) are required,
 * `notes` (string) and `bunting` (boolean) optional; a holiday whose notes are 'Substitute day' is
 * named '<title> (substitute day)'. Never throws: every problem is reported with a JSON path such as
 * `england-and-wales.events[3].date` ('$' for the document itself), and an event with a problem in
 * its title or date, or repeating an earlier event's date, is reported rather than silently dropped.
 */
export function holidaysFromGovUkJson(json: unknown, division = 'england-and-wales'): HolidayFileResult {
  const holidays: Holiday[] = [];
  const errors: { path: string; message: string }[] = [];
  const err = (path: string, message: string): void => {
    errors.push({ path, message });
  };
  if (!isRecord(json)) {
    err('$', `expected an object keyed by division (such as \`england-and-wales\`), found ${describe(json)}`);
    return { holidays, errors };
  }
  const root = /^[A-Za-z_$][\w$-]*$/.test(division) ? division : `$[${JSON.stringify(division)}]`;
  const entry = json[division];
  if (entry === undefined) {
    const found = Object.keys(json);
    err('$', `no division \`${division}\`${found.length > 0 ? ` (found: ${found.map((k) => `\`${k}\``).join(', ')})` : ''}`);
    return { holidays, errors };
  }
  if (!isRecord(entry)) {
    err(root, `expected an object with \`division\` and \`events\`, found ${describe(entry)}`);
    return { holidays, errors };
  }
  if (entry.division !== undefined && entry.division !== division) {
    err(`${root}.division`, `expected ${JSON.stringify(division)}, found ${typeof entry.division === 'string' ? JSON.stringify(entry.division) : describe(entry.division)}`);
  } else if (entry.division === undefined) {
    err(`${root}.division`, `missing: expected ${JSON.stringify(division)}`);
  }
  const events = entry.events;
  if (!Array.isArray(events)) {
    err(`${root}.events`, events === undefined ? 'missing: expected an array of events' : `expected an array of events, found ${describe(events)}`);
    return { holidays, errors };
  }
  const firstIndexOfDate = new Map<PlainDate, number>();
  events.forEach((event: unknown, index) => {
    const path = `${root}.events[${index}]`;
    if (!isRecord(event)) {
      err(path, `expected an object with \`title\` and \`date\`, found ${describe(event)}`);
      return;
    }
    let ok = true;
    const { title, date, notes, bunting } = event;
    if (typeof title !== 'string' || title.trim() === '') {
      err(`${path}.title`, title === undefined ? 'missing: expected the holiday’s name' : `expected a non-empty string, found ${describe(title)}`);
      ok = false;
    }
    let day: PlainDate | undefined;
    if (typeof date !== 'string') {
      err(`${path}.date`, date === undefined ? 'missing: expected a date as YYYY-MM-DD' : `expected a date as YYYY-MM-DD, found ${describe(date)}`);
      ok = false;
    } else {
      day = parsePlainDate(date);
      if (day === undefined) {
        err(`${path}.date`, `\`${date}\` is not a valid date as YYYY-MM-DD`);
        ok = false;
      } else {
        const first = firstIndexOfDate.get(day);
        if (first !== undefined) {
          err(`${path}.date`, `\`${date}\` repeats the date of ${root}.events[${first}]`);
          ok = false;
        }
      }
    }
    if (notes !== undefined && typeof notes !== 'string') {
      err(`${path}.notes`, `expected a string, found ${describe(notes)}`);
      ok = false;
    }
    if (bunting !== undefined && typeof bunting !== 'boolean') {
      err(`${path}.bunting`, `expected true or false, found ${describe(bunting)}`);
      ok = false;
    }
    if (!ok || day === undefined || typeof title !== 'string') return;
    firstIndexOfDate.set(day, index);
    const substitute = typeof notes === 'string' && notes.trim().toLowerCase() === 'substitute day';
    holidays.push({ date: day, name: substitute ? `${title.trim()} (substitute day)` : title.trim() });
  });
  holidays.sort((x, y) => x.date - y.date);
  return { holidays, errors };
}

// ---------------------------------------------------------------------------------------------------
// The indexed calendar
// ---------------------------------------------------------------------------------------------------

/** The years `prebuildCalendar` indexes by default. */
const DEFAULT_INDEX_FIRST_YEAR = 2000;
const DEFAULT_INDEX_LAST_YEAR = 2049;
/** The index grows on demand (in whole years) but never beyond these years; outside, days are walked. */
const MIN_INDEX_YEAR = 1900;
const MAX_INDEX_YEAR = 2199;
/** Extra years indexed on each side of the years a query needs, so that growth is rare. */
const INDEX_MARGIN_YEARS = 2;
/** A lower bound on working days per year assumed when growing the index for `addWorkingDays`. */
const MIN_WORKING_DAYS_PER_YEAR = 200;
const EMPTY_INDEX = new Int32Array(0);

/**
 * A calendar over a year source with a lazily built, growable index of the whole years
 * loYear..hiYear (days first .. first + indexDays - 1): `cum[i]` = number of working days in
 * [first, first + i) (length indexDays + 1), and `workdays[k]` = the k-th working day of the window
 * (0-based). Until the index is built `indexDays` is 0, so every fast-path bounds check fails and the
 * slow path builds it, over the years the query needs plus a margin. The slow path grows the window
 * (rebuilding the arrays, a fraction of a millisecond; the holidays of each year are computed once)
 * when a query needs years within MIN_INDEX_YEAR..MAX_INDEX_YEAR, and otherwise walks day by day
 * outside the window, using the index for the part inside it. So holidays are looked up (and
 * `date-holidays` run, outside the generated table's years) only for the years a process uses.
 */
class IndexedCalendar implements WorkingDayCalendar {
  readonly name: string;
  private readonly source: YearSource;
  private readonly years = new Map<number, YearHolidays>();
  private first: PlainDate = 0;
  private indexDays = 0;
  private cum: Int32Array = EMPTY_INDEX;
  private workdays: Int32Array = EMPTY_INDEX;
  private workingCount = 0;
  private loYear = 0;
  private hiYear = -1;

  constructor(name: string, source: YearSource) {
    this.name = name;
    this.source = source;
  }

  /** The holidays of one year, cached. */
  private year(year: number): YearHolidays {
    let y = this.years.get(year);
    if (y === undefined) {
      y = this.source(year);
      this.years.set(year, y);
    }
    return y;
  }

  /**
   * Makes the index cover the years lo..hi, clamped to MIN_INDEX_YEAR..MAX_INDEX_YEAR (nothing happens
   * when the span lies wholly outside them), plus `margin` years on each side when it has to grow.
   * Returns true when the index changed.
   */
  grow(lo: number, hi: number, margin = INDEX_MARGIN_YEARS): boolean {
    if (hi < MIN_INDEX_YEAR || lo > MAX_INDEX_YEAR || lo > hi) return false;
    const wantLo = Math.max(lo, MIN_INDEX_YEAR);
    const wantHi = Math.min(hi, MAX_INDEX_YEAR);
    if (this.indexDays > 0 && wantLo >= this.loYear && wantHi <= this.hiYear) return false;
    let newLo = Math.max(wantLo - margin, MIN_INDEX_YEAR);
    let newHi = Math.min(wantHi + margin, MAX_INDEX_YEAR);
    if (this.indexDays > 0) {
      newLo = Math.min(newLo, this.loYear);
      newHi = Math.max(newHi, this.hiYear);
    }
    this.rebuild(newLo, newHi);
    return true;
  }

  private rebuild(loYear: number, hiYear: number): void {
    const first = fromYmd(loYear, 1, 1);
    const days = fromYmd(hiYear + 1, 1, 1) - first;
    const closed = new Uint8Array(days);
    for (let y = loYear; y <= hiYear; y++) {
      for (const date of this.year(y).byDate.keys()) closed[date - first] = 1;
    }
    const cum = new Int32Array(days + 1);
    const workdays = new Int32Array(days);
    let count = 0;
    let weekday = isoWeekday(first);
    for (let i = 0; i < days; i++) {
      if (weekday <= 5 && closed[i] === 0) workdays[count++] = first + i;
      cum[i + 1] = count;
      weekday = weekday === 7 ? 1 : ((weekday + 1) as typeof weekday);
    }
    this.cum = cum;
    this.workdays = workdays.slice(0, count);
    this.workingCount = count;
    this.first = first;
    this.loYear = loYear;
    this.hiYear = hiYear;
    this.indexDays = days;
  }

  /** The indexed years, or undefined before the first build. */
  indexedYears(): { from: number; to: number } | undefined {
    return this.indexDays > 0 ? { from: this.loYear, to: this.hiYear } : undefined;
  }

  /** Working-day test without the index (valid everywhere). */
  private isWorkingSlow(d: PlainDate): boolean {
    return isoWeekday(d) <= 5 && !this.year(yearOf(d)).byDate.has(d);
  }

  isWorkingDay(d: PlainDate): boolean {
    const i = d - this.first;
    if (i >= 0 && i < this.indexDays && (i | 0) === i) return this.cum[i + 1] !== this.cum[i];
    assertDayNumber(d, 'isWorkingDay');
    return this.isWorkingSlow(d);
  }

  holidayName(d: PlainDate): string | undefined {
    if (!Number.isSafeInteger(d)) return undefined;
    return this.year(yearOf(d)).byDate.get(d);
  }

  addWorkingDays(d: PlainDate, n: number): PlainDate {
    const i = d - this.first;
    if (i >= 0 && i < this.indexDays && (i | 0) === i && (n | 0) === n) {
      if (n > 0) {
        const k = this.cum[i + 1]! + n - 1;
        if (k < this.workingCount) return this.workdays[k]!;
      } else if (n < 0) {
        const k = this.cum[i]! + n;
        if (k >= 0) return this.workdays[k]!;
      } else {
        return d;
      }
    }
    return this.addSlow(d, n);
  }

  /** addWorkingDays when the fast path cannot answer: grow the index, or walk outside it. */
  private addSlow(d: PlainDate, n: number): PlainDate {
    assertDayNumber(d, 'addWorkingDays');
    if (!Number.isSafeInteger(n)) throw new RangeError(`addWorkingDays: expected an integer count, got ${String(n)}`);
    if (n === 0) return d;
    const y = yearOf(d);
    const span = Math.ceil(Math.abs(n) / MIN_WORKING_DAYS_PER_YEAR) + 1;
    if (this.grow(n > 0 ? y : y - span, n > 0 ? y + span : y)) return this.addWorkingDays(d, n);
    if (this.indexDays === 0) return this.walk(d, n);
    const first = this.first;
    const end = first + this.indexDays;
    const cum = this.cum;
    const workdays = this.workdays;
    const total = this.workingCount;
    let cur = d;
    let remaining = Math.abs(n);
    if (n > 0) {
      while (remaining > 0 && cur < first - 1) {
        cur++;
        if (this.isWorkingSlow(cur)) remaining--;
      }
      if (remaining === 0) return cur;
      if (cur < end) {
        // cur in [first - 1, end): `before` working days of the window are on or before cur.
        const before = cum[cur - first + 1]!;
        const k = before + remaining - 1;
        if (k < total) return workdays[k]!;
        remaining -= total - before;
        cur = end - 1; // every day after the last working day of the window is a non-working day
      }
      while (remaining > 0) {
        cur++;
        if (this.isWorkingSlow(cur)) remaining--;
      }
      return cur;
    }
    while (remaining > 0 && cur > end) {
      cur--;
      if (this.isWorkingSlow(cur)) remaining--;
    }
    if (remaining === 0) return cur;
    if (cur >= first) {
      // cur in [first, end]: `before` working days of the window are before cur.
      const before = cum[cur - first]!;
      const k = before - remaining;
      if (k >= 0) return workdays[k]!;
      remaining -= before;
      cur = first; // every day before the first working day of the window is a non-working day
    }
    while (remaining > 0) {
      cur--;
      if (this.isWorkingSlow(cur)) remaining--;
    }
    return cur;
  }

  /** The n-th working day after (n > 0) or before (n < 0) d, stepping one day at a time. */
  private walk(d: PlainDate, n: number): PlainDate {
    let cur = d;
    let remaining = Math.abs(n);
    const step = n > 0 ? 1 : -1;
    while (remaining > 0) {
      cur += step;
      if (this.isWorkingSlow(cur)) remaining--;
    }
    return cur;
  }

  countWorkingDays(from: PlainDate, to: PlainDate): number {
    // Forward: cum[to + 1] - cum[from + 1] counts (from, to]; backward: cum[to] - cum[from] is minus [to, from).
    const off = to >= from ? 1 : 0;
    const i = from - this.first + off;
    const j = to - this.first + off;
    const days = this.indexDays;
    if (i >= 0 && i <= days && j >= 0 && j <= days && (i | 0) === i && (j | 0) === j) return this.cum[j]! - this.cum[i]!;
    return this.countSlow(from, to);
  }

  /** countWorkingDays when the fast path cannot answer: grow the index, or walk outside it. */
  private countSlow(from: PlainDate, to: PlainDate): number {
    assertDayNumber(from, 'countWorkingDays');
    assertDayNumber(to, 'countWorkingDays');
    // Minus the working days in [to, from) = (to - 1, from - 1]; `0 -`, not unary minus, so none is 0, not -0.
    if (from > to) return 0 - this.countSlow(to - 1, from - 1);
    if (this.grow(yearOf(from), yearOf(to))) return this.countWorkingDays(from, to);
    const first = this.first;
    const last = first + this.indexDays - 1;
    let total = 0;
    // (from, to] before the window
    for (let x = from + 1, stop = Math.min(to, first - 1); x <= stop; x++) if (this.isWorkingSlow(x)) total++;
    // (from, to] inside the window
    const lo = Math.max(from, first - 1);
    const hi = Math.min(to, last);
    if (lo < hi) total += this.cum[hi - first + 1]! - this.cum[lo - first + 1]!;
    // (from, to] after the window
    for (let x = Math.max(from, last) + 1; x <= to; x++) if (this.isWorkingSlow(x)) total++;
    return total;
  }

  holidaysBetween(a: PlainDate, b: PlainDate): Holiday[] {
    assertDayNumber(a, 'holidaysBetween');
    assertDayNumber(b, 'holidaysBetween');
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const result: Holiday[] = [];
    if (lo === hi) return result;
    for (let y = yearOf(lo + 1), last = yearOf(hi); y <= last; y++) {
      for (const h of this.year(y).ordered) {
        if (h.date > lo && h.date <= hi && isoWeekday(h.date) <= 5) result.push(h);
      }
    }
    return result;
  }
}

/**
 * Holiday lists grouped by year, with removals applied first and additions after; `closures` gets the
 * added dates that are not among the (remaining) `holidays`.
 */
function groupByYear(
  holidays: readonly Holiday[],
  add: readonly Holiday[],
  remove: readonly PlainDate[],
  closures?: Set<PlainDate>,
): Map<number, Map<PlainDate, string>> {
  for (const r of remove) assertDayNumber(r, 'calendar removal');
  const removed = new Set(remove);
  const years = new Map<number, Map<PlainDate, string>>();
  const put = (h: Holiday): void => {
    assertDayNumber(h.date, 'createCalendar');
    const y = yearOf(h.date);
    let map = years.get(y);
    if (map === undefined) {
      map = new Map();
      years.set(y, map);
    }
    putHoliday(map, h.date, h.name);
  };
  for (const h of holidays) if (!removed.has(h.date)) put(h);
  if (closures !== undefined) for (const h of add) if (!years.get(yearOf(h.date))?.has(h.date)) closures.add(h.date);
  for (const h of add) put(h);
  return years;
}

/** The options of `createCalendar`. */
export interface CalendarOptions {
  /** The calendar's name, for explanations. */
  name: string;
  /** The base holidays. The calendar knows no other holidays: days outside the list's years are Mon-Fri working days. */
  holidays: readonly Holiday[];
  /** Extra closure days, added after `remove` is applied (a date listed twice gets both names, joined by ' / ', each name once). */
  add?: readonly Holiday[];
  /** Dates of base holidays that are working days after all. */
  remove?: readonly PlainDate[];
}

/**
 * A working-day calendar over a fixed list of holidays ((holidays minus remove) plus add). Throws a
 * RangeError if a holiday's date is not an integer day number. The index is built on first use.
 */
export function createCalendar(options: CalendarOptions): WorkingDayCalendar {
  const closures = new Set<PlainDate>();
  const years = groupByYear(options.holidays, options.add ?? [], options.remove ?? [], closures);
  const frozen = new Map<number, YearHolidays>();
  for (const [y, map] of years) frozen.set(y, yearHolidaysFrom(map, closures));
  return new IndexedCalendar(options.name, (year) => frozen.get(year) ?? EMPTY_YEAR);
}

// ---------------------------------------------------------------------------------------------------
// The registry of named calendars
// ---------------------------------------------------------------------------------------------------

/** The names a policy's `calendar` line may give (each is also its division's key in a gov.uk file). */
export type CalendarName = UkDivision;

/** How a named calendar is adapted: a policy's closure and open days, and optionally a holiday list replacing the built-in one. */
export interface CalendarChoice {
  /** Closure days (a policy's `closed` lines), added after `remove` is applied. */
  readonly add?: readonly Holiday[];
  /** Dates of holidays that are working days after all (a policy's `open` lines). */
  readonly remove?: readonly PlainDate[];
  /**
   * Holidays replacing the built-in list, such as this calendar's division of a user-supplied
   * gov.uk-format file (`holidaysFromGovUkJson(json, CALENDARS[name].division)`). The calendar then
   * knows no other holidays: days in years the list does not cover are Monday-Friday working days.
   */
  readonly holidays?: readonly Holiday[];
  /** Where `holidays` came from (such as a file name), for the calendar's name. */
  readonly holidaysSource?: string;
}

/** A calendar a policy can name: its name, its region for prose, its gov.uk division and its factory. */
export interface CalendarDefinition {
  readonly name: CalendarName;
  /** The region whose bank holidays it keeps, for prose: 'the bank holidays of England and Wales'. */
  readonly title: string;
  /** The key of its division in a gov.uk-format holiday file (https://www.gov.uk/bank-holidays.json). */
  readonly division: string;
  /** Its bank holidays, or how they differ from England and Wales', in one phrase (for docs and help). */
  readonly differences: string;
  /** The calendar with a policy's changes; cached by their content when no `holidays` are given. */
  create(choice?: CalendarChoice): WorkingDayCalendar;
  /** Its built-in bank holidays on Monday to Friday in the years fromYear..toYear (inclusive), ordered by date. */
  holidays(fromYear: number, toYear: number): Holiday[];
}

const divisionYears = new Map<UkDivision, Map<number, YearHolidays>>();

/** The corrected bank holidays of one division in one year (cached for the process). */
function divisionYear(division: UkDivision, year: number): YearHolidays {
  let years = divisionYears.get(division);
  if (years === undefined) {
    years = new Map();
    divisionYears.set(division, years);
  }
  const cached = years.get(year);
  if (cached !== undefined) return cached;
  const result = yearHolidaysFrom(ukBankHolidaysOfYear(division, year));
  years.set(year, result);
  return result;
}

/** The sorted, de-duplicated form of a choice's changes, and its cache key. */
function normalisedChanges(choice: CalendarChoice | undefined): { add: Holiday[]; remove: PlainDate[]; key: string } {
  const add = [...(choice?.add ?? [])].sort((x, y) => x.date - y.date || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const remove = [...new Set(choice?.remove ?? [])].sort((x, y) => x - y);
  return { add, remove, key: JSON.stringify([add.map((h) => [h.date, h.name]), remove]) };
}

/** A registry entry for one UK division: date-holidays' rules plus the division's correction table. */
function ukCalendar(name: UkDivision, title: string, differences: string): CalendarDefinition {
  const cache = new Map<string, WorkingDayCalendar>();
  const year = (y: number): YearHolidays => divisionYear(name, y);
  return Object.freeze({
    name,
    title,
    division: name,
    differences,
    holidays(fromYear: number, toYear: number): Holiday[] {
      const result: Holiday[] = [];
      for (let y = fromYear; y <= toYear; y++) result.push(...year(y).ordered);
      return result;
    },
    create(choice?: CalendarChoice): WorkingDayCalendar {
      const { add, remove, key } = normalisedChanges(choice);
      if (choice?.holidays !== undefined) {
        return createCalendar({ name: `${name} (holidays from ${choice.holidaysSource ?? 'a holiday list'})`, holidays: choice.holidays, add, remove });
      }
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
      let calendar: WorkingDayCalendar;
      if (add.length === 0 && remove.length === 0) {
        calendar = new IndexedCalendar(name, year);
      } else {
        const mine = groupByYear([], add, remove);
        const removed = new Set(remove);
        calendar = new IndexedCalendar(`${name} (${add.length} added, ${remove.length} removed)`, (y) => {
          const base = year(y);
          const extra = mine.get(y);
          if (extra === undefined && !base.ordered.some((h) => removed.has(h.date))) return base;
          const map = new Map<PlainDate, string>();
          for (const h of base.ordered) if (!removed.has(h.date)) map.set(h.date, h.name);
          const closures = new Set<PlainDate>();
          for (const [date, holidayName] of extra ?? []) {
            if (!map.has(date)) closures.add(date);
            putHoliday(map, date, holidayName);
          }
          return yearHolidaysFrom(map, closures);
        });
      }
      cache.set(key, calendar);
      return calendar;
    },
  });
}

/**
 * The calendars a policy's `calendar NAME` line can choose, by name. To add one: an entry here (a
 * `CalendarDefinition`: name, title, gov.uk division, differences, factory) and its rules beside
 * `calendars/uk.ts`; the compiler's check and the evaluator read this table.
 */
export const CALENDARS: Readonly<Record<CalendarName, CalendarDefinition>> = Object.freeze({
  'england-and-wales': ukCalendar(
    'england-and-wales',
    'England and Wales',
    'New Year’s Day, Good Friday, Easter Monday, the early May (first Monday), spring (last Monday of May) and summer (last Monday of August) bank holidays, Christmas Day and Boxing Day',
  ),
  scotland: ukCalendar(
    'scotland',
    'Scotland',
    'as England and Wales, but also 2 January and St Andrew’s Day (30 November); the summer bank holiday is the first Monday of August; no Easter Monday',
  ),
  'northern-ireland': ukCalendar(
    'northern-ireland',
    'Northern Ireland',
    'as England and Wales, and also St Patrick’s Day (17 March) and the Battle of the Boyne (12 July)',
  ),
});

/** The registered names, in the order of `CALENDARS`. */
export const CALENDAR_NAMES: readonly CalendarName[] = Object.freeze(Object.keys(CALENDARS) as CalendarName[]);

/** The calendar of a policy without a `calendar` line. */
export const DEFAULT_CALENDAR: CalendarName = 'england-and-wales';

/** True when `name` is a registered calendar. */
export function isCalendarName(name: string): name is CalendarName {
  return Object.prototype.hasOwnProperty.call(CALENDARS, name);
}

/** The region of a calendar for prose ('England and Wales'); the name itself for one not registered. */
export function calendarTitle(name: string): string {
  return isCalendarName(name) ? CALENDARS[name].title : name;
}

/**
 * The named calendar with a policy's closure and open days (and optionally a replacement holiday
 * list). Throws a RangeError for a name that is not registered (an IR read from elsewhere can carry
 * any string).
 */
export function calendarNamed(name: CalendarName, choice?: CalendarChoice): WorkingDayCalendar {
  if (!isCalendarName(name)) throw new RangeError(`unknown calendar ${JSON.stringify(String(name))}: the calendars are ${CALENDAR_NAMES.join(', ')}`);
  return CALENDARS[name].create(choice);
}

/** The England and Wales calendar with a policy's additions/removals: `calendarNamed('england-and-wales', mods)`. */
export function englandAndWalesCalendar(mods?: { add?: readonly Holiday[]; remove?: readonly PlainDate[] }): WorkingDayCalendar {
  return CALENDARS['england-and-wales'].create(mods);
}

/**
 * The bank holidays of England and Wales in the years fromYear..toYear (inclusive), ordered by date:
 * only days on Monday to Friday (a holiday falling on a weekend is replaced by its substitute day,
 * named '<holiday> (substitute day)'). Equal, date for date and name for name, to the official gov.uk
 * list read with `holidaysFromGovUkJson` for 2012-2028.
 */
export function englandAndWalesHolidays(fromYear: number, toYear: number): Holiday[] {
  return CALENDARS['england-and-wales'].holidays(fromYear, toYear);
}

/** The England and Wales entries of `BANK_HOLIDAY_CORRECTIONS`. */
export const ENGLAND_AND_WALES_CORRECTIONS: readonly BankHolidayCorrection[] = BANK_HOLIDAY_CORRECTIONS['england-and-wales'];

/**
 * Makes a calendar's index cover the years fromYear..toYear now (instead of on first use; by default
 * the window built on first use) and returns how long that took in milliseconds (0 when nothing had to
 * be built). For benchmarks and for warming a server up.
 */
export function prebuildCalendar(
  calendar: WorkingDayCalendar,
  fromYear = DEFAULT_INDEX_FIRST_YEAR,
  toYear = DEFAULT_INDEX_LAST_YEAR,
): number {
  if (!(calendar instanceof IndexedCalendar)) return 0;
  const start = performance.now();
  return calendar.grow(fromYear, toYear, 0) ? performance.now() - start : 0;
}

/** The years a calendar's index covers now (undefined before its first use). For tests and benchmarks. */
export function indexedYears(calendar: WorkingDayCalendar): { from: number; to: number } | undefined {
  return calendar instanceof IndexedCalendar ? calendar.indexedYears() : undefined;
}
