/**
 * Plain calendar dates as integer day numbers.
 *
 * Input: `YYYY-MM-DD` strings, or (year, month, day) triples. Output: `PlainDate` integers (days since
 * 1970-01-01, which is day 0), and the arithmetic the statutory texts use on them: calendar days,
 * clamped months and years, ages, weekday alignment.
 *
 * INVARIANT: a `PlainDate` is a safe integer; it never carries a time or a time zone. Nothing here
 * uses `Date`, `Date.parse` or local time, so the process time zone can never move a date.
 * INVARIANT: conversions use Howard Hinnant's days-from-civil / civil-from-days algorithms
 * (proleptic Gregorian calendar), exact for every year in 0001..9999 and far beyond; `parsePlainDate`
 * counts the days before the year and the month directly (years 0001..9999 only), which
 * test/runtime/dates.test.ts holds to `fromYmd` on every day of those years.
 * INVARIANT: `fromYmd(toYmd(d)) === d` for every integer `d`, and
 * `parsePlainDate(formatPlainDate(d)) === d` for every `d` in years 0001..9999.
 */

/** A calendar date: integer days since 1970-01-01 (1970-01-01 = 0, 1969-12-31 = -1). */
export type PlainDate = number;

/** An ISO weekday number: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Full English weekday names by ISO number: index 1 = 'Monday' ... 7 = 'Sunday'; index 0 is ''. */
export const WEEKDAY_NAMES: readonly string[] = Object.freeze([
  '',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
]);

/** Abbreviated weekday names by ISO number: index 1 = 'Mon' ... 7 = 'Sun'; index 0 is ''. */
export const SHORT_WEEKDAY_NAMES: readonly string[] = Object.freeze(WEEKDAY_NAMES.map((w) => w.slice(0, 3)));

/** English month names, the one list of them: index 1 = 'January' ... 12 = 'December'; index 0 is ''. */
export const MONTH_NAMES: readonly string[] = Object.freeze([
  '',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]);

/** Abbreviated month names: index 1 = 'Jan' ... 12 = 'Dec'; index 0 is ''. */
export const SHORT_MONTH_NAMES: readonly string[] = Object.freeze(MONTH_NAMES.map((m) => m.slice(0, 3)));

/** True when `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1-12) of `year`, e.g. daysInMonth(2024, 2) = 29. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The day number of a (year, month, day) triple. No validation: month is expected in 1-12 (other
 * values are normalised into neighbouring years) and a day beyond the month's end simply runs on into
 * the next month (fromYmd(2025, 1, 32) = 2025-02-01).
 */
export function fromYmd(year: number, month: number, day: number): PlainDate {
  // Normalise the month into 1..12 so that the algorithm's preconditions hold.
  const m0 = month - 1;
  const yearShift = Math.floor(m0 / 12);
  let y = year + yearShift;
  const m = m0 - yearShift * 12 + 1;
  // Hinnant days_from_civil.
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + day - 1; // [0, 365] for valid days
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/** The (year, month 1-12, day 1-31) of a day number; exact inverse of `fromYmd` on valid dates. */
export function toYmd(d: PlainDate): { year: number; month: number; day: number } {
  // Hinnant civil_from_days.
  const z = d + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097; // [0, 146096]
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365); // [0, 399]
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // [0, 365]
  const mp = Math.floor((5 * doy + 2) / 153); // [0, 11], March-based
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1; // [1, 31]
  const month = mp < 10 ? mp + 3 : mp - 9; // [1, 12]
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/**
 * Parses a strict `YYYY-MM-DD` date. Returns undefined unless the text is exactly four, two and two
 * digits separated by hyphens and names a real date in years 0001..9999
 * ('2024-02-29' is accepted, '2023-02-29', '2024-02-30' and '2024-2-1' are not).
 */
export function parsePlainDate(text: string): PlainDate | undefined {
  // Character codes rather than a regular expression, and the day number from the digits directly
  // (days before the year, then before the month, both from tables): ~16 ns instead of ~150-200 ns
  // with a regular expression (~40 ns through `fromYmd`; ~19 ns computing the year's first day), and
  // case validation parses every date of every event.
  if (text.length !== 10 || text.charCodeAt(4) !== HYPHEN || text.charCodeAt(7) !== HYPHEN) return undefined;
  const y0 = text.charCodeAt(0) - ZERO;
  const y1 = text.charCodeAt(1) - ZERO;
  const y2 = text.charCodeAt(2) - ZERO;
  const y3 = text.charCodeAt(3) - ZERO;
  const m0 = text.charCodeAt(5) - ZERO;
  const m1 = text.charCodeAt(6) - ZERO;
  const d0 = text.charCodeAt(8) - ZERO;
  const d1 = text.charCodeAt(9) - ZERO;
  // `x >>> 0 > 9`: not a digit (a code below '0' wraps around to a large number).
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9) return undefined;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 1 || month < 1 || month > 12 || day < 1) return undefined;
  if (year < TABLE_FROM || year >= TABLE_TO) {
    // Outside the tables' years: the same arithmetic, with its divisions.
    const leap = isLeapYear(year);
    if (day > (month === 2 ? (leap ? 29 : 28) : (DAYS_IN_MONTH[month] as number))) return undefined;
    return firstDayOfYear(year) + (DAYS_BEFORE_MONTH[month] as number) + (leap && month > 2 ? 1 : 0) + day - 1;
  }
  // The year's first day and leap flag from tables (built once, below): no division per date.
  const m = (LEAP_YEAR[year - TABLE_FROM] as number) * 13 + month;
  if (day > (MONTH_DAYS[m] as number)) return undefined;
  return (YEAR_FIRST_DAY[year - TABLE_FROM] as number) + (MONTH_FIRST_DAY[m] as number) + day - 1;
}

/**
 * The day number of 1 January of `year` (1 or later), counted from 0001-01-01 (proleptic Gregorian)
 * less 719162 (to 1970-01-01). `| 0` truncates, which is the floor here (`before` is not negative).
 */
function firstDayOfYear(year: number): number {
  const before = year - 1;
  return 365 * before + ((before / 4) | 0) - ((before / 100) | 0) + ((before / 400) | 0) - DAYS_0001_TO_1970;
}

const HYPHEN = 45;
const ZERO = 48;
/** Days from 0001-01-01 to 1970-01-01. */
const DAYS_0001_TO_1970 = 719162;
/** Index 1-12: the days of the month in a common year. */
const DAYS_IN_MONTH: readonly number[] = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Index 1-12: the days of a common year before the month's first day. */
const DAYS_BEFORE_MONTH: readonly number[] = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/**
 * The years the tables below cover: the dates of case records (other years take the arithmetic).
 * Few, so that building them costs little at start-up (every process and worker loads this module;
 * all of 1-9999 took a few milliseconds of a `pdl check`).
 */
const TABLE_FROM = 1800;
const TABLE_TO = 2300;
/**
 * Index y - TABLE_FROM: `firstDayOfYear(y)`, and whether y is a leap year (1) or not (0). Built once
 * when the module loads.
 */
const YEAR_FIRST_DAY = new Int32Array(TABLE_TO - TABLE_FROM);
const LEAP_YEAR = new Uint8Array(TABLE_TO - TABLE_FROM);
for (let year = TABLE_FROM; year < TABLE_TO; year++) {
  YEAR_FIRST_DAY[year - TABLE_FROM] = firstDayOfYear(year);
  LEAP_YEAR[year - TABLE_FROM] = isLeapYear(year) ? 1 : 0;
}
/** Index 13 * leap + month (month 1-12; leap 0 or 1): the days of the month, and the days of the year before its first day. */
const MONTH_DAYS: readonly number[] = [...DAYS_IN_MONTH, 0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTH_FIRST_DAY: readonly number[] = [...DAYS_BEFORE_MONTH, 0, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Formats a day number as `YYYY-MM-DD` (years outside 0000..9999 get a sign and more digits). */
export function formatPlainDate(d: PlainDate): string {
  const { year, month, day } = toYmd(d);
  const y = year >= 0 && year <= 9999 ? pad(year, 4) : (year < 0 ? '-' : '+') + pad(Math.abs(year), 6);
  return `${y}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The ISO weekday of a date: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday, 4). */
export function isoWeekday(d: PlainDate): IsoWeekday {
  return (((((d + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/** A short human form for explanations: 'Thu 15 May 2025' (weekday abbreviated, day not padded). */
export function formatLongDate(d: PlainDate): string {
  const { year, month, day } = toYmd(d);
  return `${SHORT_WEEKDAY_NAMES[isoWeekday(d)] ?? ''} ${day} ${MONTH_NAMES[month] ?? ''} ${year}`;
}

/** `d` plus `n` calendar days (n may be negative). */
export function addDays(d: PlainDate, n: number): PlainDate {
  return d + n;
}

/**
 * The same day of the month `n` months later (n may be negative), clamped to the last day of the
 * target month: 2025-08-31 + 6 = 2026-02-28; 2026-01-31 + 1 = 2026-02-28; 2024-01-31 + 1 = 2024-02-29.
 * The result always lies in the target month.
 */
export function addMonths(d: PlainDate, n: number): PlainDate {
  const { year, month, day } = toYmd(d);
  const total = year * 12 + (month - 1) + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return fromYmd(y, m, Math.min(day, daysInMonth(y, m)));
}

/** `addMonths(d, 12 * n)`: 2024-02-29 + 1 year = 2025-02-28. */
export function addYears(d: PlainDate, n: number): PlainDate {
  return addMonths(d, 12 * n);
}

/**
 * Whole years completed on `on` by someone born on `dob`. The birthday counts as completed on the
 * day itself; a child born on 29 February turns a year older on 1 March in non-leap years. When `on`
 * is before `dob` the result is negative (-1 for the year before birth, and so on).
 */
export function ageInYears(dob: PlainDate, on: PlainDate): number {
  const b = toYmd(dob);
  const o = toYmd(on);
  let years = o.year - b.year;
  if (o.month < b.month || (o.month === b.month && o.day < b.day)) years -= 1;
  return years;
}

/**
 * The nearest date with the given ISO weekday on or before `d` (or on or after `d`); `d` itself when
 * it already falls on that weekday. The result is always within 6 days of `d`.
 */
export function alignToWeekday(
  d: PlainDate,
  weekday: IsoWeekday,
  direction: 'on_or_before' | 'on_or_after',
): PlainDate {
  const wd = isoWeekday(d);
  return direction === 'on_or_before' ? d - ((wd - weekday + 7) % 7) : d + ((weekday - wd + 7) % 7);
}
