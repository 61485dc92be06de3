/**
 * Dates in the form the playground's users read and write: the UK's day/month/year (`01/12/2025`),
 * whatever the browser's locale.
 *
 * Input: what a user typed in the as-of field (`1/12/2025`, `01/12/2025`, `01-12-2025`, `1.12.2025`,
 * or an ISO `2025-12-01`), or an ISO date (`YYYY-MM-DD`) to show. Output: the ISO date the compiler
 * and the runtime take, or `undefined` for text that is not a real calendar date; and the
 * `dd/mm/yyyy` text of an ISO date.
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
