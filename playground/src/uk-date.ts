/**
 * Dates in the form the playground's users read and write: the UK's day/month/year (`01/12/2025`),
 * whatever the browser's locale.
 *
 * Input: what a user typed in the as-of field (`1/12/2025`, `01/12/2025`, `01-12-2025`, `1.12.2025`,
 * or an ISO `2025-12-01`), or an ISO date (`YYYY-MM-DD`) to show, or a text with ISO dates in it (a
 * runtime explanation). Output: the ISO date the compiler and the runtime take, or `undefined` for
 * text that is not a real calendar date; the `dd/mm/yyyy` text of an ISO date (the one style of the
 * whole page: the as-of field, the timeline, the tables, the hovers and the simulation); the same
 * date written out with its weekday (`Tuesday 13 May 2025`, for tooltips); and a text with each of
 * its ISO dates as `dd/mm/yyyy`.
 *
 * INVARIANT: plain-date arithmetic only (no `Date`, no time zone): the same answer under any TZ and
 * any locale. Years are four digits (1000-9999); 29 February only in leap years.
 */

const UK = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/;
const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/;

function leap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return [31, leap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function iso(year: number, month: number, day: number): string | undefined {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The ISO date of a UK date (`d/m/yyyy`, with `/`, `.` or `-`) or of an ISO date; undefined otherwise. */
export function parseUkDate(text: string): string | undefined {
  const uk = UK.exec(text);
  if (uk !== null) return iso(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  const m = ISO.exec(text);
  if (m !== null) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return undefined;
}

/** `2025-12-01` -> `01/12/2025`; text that is not an ISO date is returned as it is. */
export function formatUkDate(isoDate: string): string {
  const m = ISO.exec(isoDate);
  return m === null ? isoDate : `${m[3] ?? ''}/${m[2] ?? ''}/${m[1] ?? ''}`;
}

const ISO_IN_TEXT = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

/** Each real ISO date in `text` as `dd/mm/yyyy` (`due 2025-05-15 (2025-04-14 + 22 working days)` -> `due 15/05/2025 (14/04/2025 + ...)`); the rest as it is. */
export function ukDatesInText(text: string): string {
  return text.replace(ISO_IN_TEXT, (match: string, y: string, m: string, d: string) => (iso(Number(y), Number(m), Number(d)) === undefined ? match : `${d}/${m}/${y}`));
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** Days from 1970-01-01 (a Thursday) to a proleptic Gregorian date: civil-calendar arithmetic, no `Date`. */
function daysFromEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** `2025-05-13` -> `Tuesday 13 May 2025`; text that is not a real ISO date is returned as it is. */
export function longUkDate(isoDate: string): string {
  const m = ISO.exec(isoDate);
  if (m === null) return isoDate;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (iso(year, month, day) === undefined) return isoDate;
  // 1970-01-01 was a Thursday (index 3 from Monday).
  const weekday = WEEKDAYS[(((daysFromEpoch(year, month, day) + 3) % 7) + 7) % 7] ?? '';
  return `${weekday} ${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}
