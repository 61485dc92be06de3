/**
 * Explanation text for obligations: plain English sentences saying how a due date was computed and
 * whether (and how) it was met.
 *
 * Input: the pieces the evaluator already holds (the `IrDue`, the anchor's label and date, the date
 * before and after alignment, the satisfying event, the calendar). Output: strings, for example
 * "20 working days after became_looked_after on Mon 14 Apr 2025 is Thu 15 May 2025 (skipping weekends
 * and 3 bank holidays: Good Friday Fri 18 Apr 2025, Easter Monday Mon 21 Apr 2025, Early May bank
 * holiday Mon 5 May 2025)".
 *
 * INVARIANT: pure functions of their arguments; dates are shown with their weekday ('Thu 15 May 2025').
 * INVARIANT: for working days, the days skipped are exactly the non-working days strictly between the
 * anchor and the due date (weekends counted, weekday holidays named with their dates).
 */

import type { DurationUnit, IrDue } from './ir.ts';
import { WEEKDAY_NAMES, isoWeekday, toYmd } from './dates.ts';
import type { PlainDate } from './dates.ts';
import type { WorkingDayCalendar } from './calendar.ts';

const SHORT_WEEKDAYS: readonly string[] = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const SHORT_MONTHS: readonly string[] = ['', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const MONTHS: readonly string[] = [
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
];

/**
 * '15 May 2025', '31 Aug 2025' (abbreviated month, no weekday), for arithmetic like
 * '31 Aug 2025 + 6 months = 28 Feb 2026'. (`formatLongDate` of `dates.ts` spells months out in full;
 * explanations use the shorter form of the examples in the design notes.)
 */
export function shortDate(d: PlainDate): string {
  const { year, month, day } = toYmd(d);
  return `${day} ${SHORT_MONTHS[month] ?? ''} ${year}`;
}

/** 'Thu 15 May 2025', 'Mon 14 Apr 2025': weekday, day, abbreviated month, year. */
export function longDate(d: PlainDate): string {
  return `${SHORT_WEEKDAYS[isoWeekday(d)] ?? ''} ${shortDate(d)}`;
}

/** '1 working day', '20 working days', '5 weeks', '1 month'. */
export function quantity(amount: number, unit: DurationUnit): string {
  const one = amount === 1;
  switch (unit) {
    case 'working_days':
      return `${amount} working ${one ? 'day' : 'days'}`;
    case 'days':
      return `${amount} ${one ? 'day' : 'days'}`;
    case 'weeks':
      return `${amount} ${one ? 'week' : 'weeks'}`;
    case 'months':
      return `${amount} ${one ? 'month' : 'months'}`;
    case 'years':
      return `${amount} ${one ? 'year' : 'years'}`;
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The non-working days skipped when counting `amount` working days from `anchor` to `result`
 * (after: the days in (anchor, result); before: the days in (result, anchor)), as a parenthesis:
 * " (skipping weekends and 1 bank holiday: Good Friday Fri 18 Apr 2025)", or '' when none were.
 */
function skipped(anchor: PlainDate, result: PlainDate, amount: number, calendar: WorkingDayCalendar): string {
  if (amount === 0 || anchor === result) return '';
  const lo = Math.min(anchor, result);
  const hi = Math.max(anchor, result);
  // Strictly between the two dates: the end points are the anchor (never counted) and the result
  // (a working day, counted).
  const holidays = calendar.holidaysBetween(lo, hi - 1);
  const between = hi - lo - 1;
  const weekendDays = between - (amount - 1) - holidays.length;
  const parts: string[] = [];
  if (weekendDays > 0) parts.push('weekends');
  if (holidays.length > 0) {
    const names = holidays.map((h) => `${h.name} ${longDate(h.date)}`).join(', ');
    parts.push(`${plural(holidays.length, 'bank holiday', 'bank holidays')}: ${names}`);
  }
  return parts.length === 0 ? '' : ` (skipping ${parts.join(' and ')})`;
}

/**
 * "20 working days after became_looked_after on Mon 14 Apr 2025 is Thu 15 May 2025 (skipping ...)",
 * with `anchorNote` (e.g. " (which met occurrence 1)") right after the anchor's date,
 * then the alignment (", moved to the Monday on or before, Mon 2 Jun 2025") and the time (", by 12:00").
 * `offsetDate` is the date before alignment, `dueDate` after it.
 */
export function describeDue(
  due: IrDue,
  anchorLabel: string,
  anchorNote: string,
  anchorDate: PlainDate,
  offsetDate: PlainDate,
  dueDate: PlainDate,
  calendar: WorkingDayCalendar,
): string {
  const { amount, unit } = due.offset;
  let text = `${quantity(amount, unit)}${unit === 'weeks' ? ` (${amount * 7} days)` : ''} ${due.direction} ${anchorLabel} on ${longDate(anchorDate)}${anchorNote} is ${longDate(offsetDate)}`;
  if (unit === 'working_days') {
    text += skipped(anchorDate, offsetDate, amount, calendar);
  } else if (unit === 'months' || unit === 'years') {
    const from = toYmd(anchorDate);
    const to = toYmd(offsetDate);
    if (from.day !== to.day) {
      const sign = due.direction === 'after' ? '+' : '-';
      text += ` (${shortDate(anchorDate)} ${sign} ${quantity(amount, unit)} = ${shortDate(offsetDate)}, clamped to the end of ${MONTHS[to.month] ?? ''})`;
    }
  }
  if (due.align !== undefined) {
    const day = WEEKDAY_NAMES[due.align.weekday] ?? '';
    const how = due.align.direction === 'on_or_before' ? 'on or before' : 'on or after';
    text += dueDate === offsetDate ? `, already a ${day}` : `, moved to the ${day} ${how}: ${longDate(dueDate)}`;
  }
  if (due.time !== undefined) text += `, by ${due.time}`;
  return text;
}

/** 'review_held', 'review_held or review_reconvened', with ' where `...`' when filtered. */
export function describeMetBy(events: readonly string[], where: string | undefined): string {
  const names = events.length === 0 ? 'satisfying event' : events.join(' or ');
  return where === undefined ? names : `${names} where \`${where}\``;
}

/**
 * The outcome clause: "met by review_held on Tue 13 May 2025", "met late by review_held on ...,
 * 5 days after the due date", "overdue: no review_held on or after Mon 14 Apr 2025 by Sun 1 Jun 2025",
 * "open: no review_held yet as of Sun 1 Jun 2025".
 */
export function describeOutcome(o: {
  readonly metBy: string;
  readonly dueDate: PlainDate;
  readonly asOf: PlainDate;
  readonly searchFrom: PlainDate | undefined;
  readonly satisfier: { readonly type: string; readonly date: PlainDate } | undefined;
  readonly runEnd: { readonly type: string; readonly date: PlainDate } | undefined;
}): string {
  const s = o.satisfier;
  if (s !== undefined) {
    if (s.date <= o.dueDate) return `met by ${s.type} on ${longDate(s.date)}`;
    return `met late by ${s.type} on ${longDate(s.date)}, ${plural(s.date - o.dueDate, 'day', 'days')} after the due date`;
  }
  const from = o.searchFrom === undefined ? '' : ` on or after ${longDate(o.searchFrom)}`;
  if (o.runEnd !== undefined) {
    return `overdue: no ${o.metBy}${from} before the run ended with ${o.runEnd.type} on ${longDate(o.runEnd.date)}`;
  }
  if (o.asOf > o.dueDate) return `overdue: no ${o.metBy}${from} by the as-of date ${longDate(o.asOf)}`;
  return `open: no ${o.metBy}${from} yet as of ${longDate(o.asOf)}`;
}
