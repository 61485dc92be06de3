/**
 * Explanation text for obligations (and the escalations, violations and reasons built the same way):
 * plain English sentences saying how a due date was computed and whether (and how) it was met; and
 * the one place an `IrDuration` becomes date arithmetic (`shifter`, `dueDates`), so that what is
 * explained is exactly what is computed.
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

import type { DurationUnit, IrDue, IrDuration } from './ir.ts';
import { MONTH_NAMES, SHORT_MONTH_NAMES, SHORT_WEEKDAY_NAMES, WEEKDAY_NAMES, addMonths, alignToWeekday, formatPlainDate, fromYmd, isoWeekday, toYmd } from './dates.ts';
import { durationTooLong, unitSpec, unitWords } from './units.ts';
import { MalformedIrError } from './malformed-ir.ts';
import type { PlainDate } from './dates.ts';
import type { Holiday, WorkingDayCalendar } from './calendar.ts';

/**
 * Memoised date strings: results are built from small integers many times over (every obligation of
 * every case formats its dates), so each distinct day is formatted once. Days are cached in chunks of
 * 512 over 1800-2299; others are formatted each time.
 */
const CACHE_FIRST: PlainDate = fromYmd(1800, 1, 1);
const CACHE_DAYS = fromYmd(2300, 1, 1) - CACHE_FIRST;
const CHUNK_BITS = 9;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

/**
 * Memoises a pure function of a day number (used for date strings and for month arithmetic, which
 * every evaluation repeats on the same few thousand days). Days outside 1800-2299, and non-integers,
 * are computed each time.
 */
export function memoByDay<T extends string | number>(make: (d: PlainDate) => T): (d: PlainDate) => T {
  const chunks: ((T | undefined)[] | undefined)[] = new Array<(T | undefined)[] | undefined>((CACHE_DAYS >> CHUNK_BITS) + 1).fill(undefined);
  return (d) => {
    const i = d - CACHE_FIRST;
    if (i >= 0 && i < CACHE_DAYS && (i | 0) === i) {
      let chunk = chunks[i >> CHUNK_BITS];
      if (chunk === undefined) {
        chunk = new Array<T | undefined>(CHUNK_MASK + 1).fill(undefined);
        chunks[i >> CHUNK_BITS] = chunk;
      }
      const hit = chunk[i & CHUNK_MASK];
      if (hit !== undefined) return hit;
      const made = make(d);
      chunk[i & CHUNK_MASK] = made;
      return made;
    }
    return make(d);
  };
}

const memo = memoByDay<string>;

/**
 * A date moved by a duration, as a function of the date, per the unit's arithmetic in
 * `runtime/units.ts`: working days on `calendar` (the date itself never counted), a number of
 * calendar days (days; weeks of 7), or calendar months clamped to the month's end (months; years of
 * 12: `addMonths`, memoised by day). `before` moves back. The one place the runtime turns
 * an `IrDuration` into arithmetic (due dates, response timescales, caps, notice, `3 months after today`).
 * Throws `MalformedIrError` for a duration longer than `MAX_DURATION_DAYS` (the checker rejects it).
 */
export function shifter(offset: IrDuration, direction: 'after' | 'before', calendar: WorkingDayCalendar): (d: PlainDate) => PlainDate {
  if (durationTooLong(offset.amount, offset.unit)) {
    throw new MalformedIrError(`${quantity(offset.amount, offset.unit)} is longer than 100 years, the longest duration a policy may write`);
  }
  const n = direction === 'after' ? offset.amount : 0 - offset.amount;
  const arithmetic = unitSpec(offset.unit).arithmetic;
  switch (arithmetic.kind) {
    case 'working_days':
      return (a) => calendar.addWorkingDays(a, n);
    case 'days': {
      const days = arithmetic.per * n;
      return (a) => a + days;
    }
    // Month arithmetic goes through a calendar decomposition; memoised, since the same anchors recur
    // across evaluations.
    case 'months': {
      const months = arithmetic.per * n;
      return memoByDay((a) => addMonths(a, months));
    }
  }
}

/**
 * The date functions of a due: `offset` moves the anchor date by the due's duration (`shifter`),
 * `compute` then aligns it to the due's weekday, if any.
 */
export function dueDates(due: IrDue, calendar: WorkingDayCalendar): { offset: (anchor: PlainDate) => PlainDate; compute: (anchor: PlainDate) => PlainDate } {
  const offset = shifter(due.offset, due.direction, calendar);
  const align = due.align;
  const compute = align === undefined ? offset : (a: PlainDate) => alignToWeekday(offset(a), align.weekday, align.direction);
  return { offset, compute };
}

/** How a result names an event: its type, `YYYY-MM-DD` date and position in the input. */
export function eventRef(e: { readonly type: string; readonly date: PlainDate; readonly index: number }): { type: string; date: string; index: number } {
  return { type: e.type, date: isoDate(e.date), index: e.index };
}

/** '1st', '2nd', '3rd', '4th', '11th', '21st'. */
export function ordinal(k: number): string {
  const tens = k % 100;
  if (tens >= 11 && tens <= 13) return `${k}th`;
  switch (k % 10) {
    case 1:
      return `${k}st`;
    case 2:
      return `${k}nd`;
    case 3:
      return `${k}rd`;
    default:
      return `${k}th`;
  }
}
const dayOfMonth = memoByDay<number>((d) => toYmd(d).day);
const monthOf = memoByDay<number>((d) => toYmd(d).month);

/** `YYYY-MM-DD` (as `formatPlainDate`), memoised. */
export const isoDate: (d: PlainDate) => string = memo(formatPlainDate);

/**
 * '15 May 2025', '31 Aug 2025' (abbreviated month, no weekday), for arithmetic like
 * '31 Aug 2025 + 6 months = 28 Feb 2026'. (`formatLongDate` of `dates.ts` spells months out in full;
 * explanations use the shorter form of the examples in the design notes.)
 */
export const shortDate: (d: PlainDate) => string = memo((d) => {
  const { year, month, day } = toYmd(d);
  return `${day} ${SHORT_MONTH_NAMES[month] ?? ''} ${year}`;
});

/** 'Thu 15 May 2025', 'Mon 14 Apr 2025': weekday, day, abbreviated month, year (memoised). */
export const longDate: (d: PlainDate) => string = memo((d) => `${SHORT_WEEKDAY_NAMES[isoWeekday(d)] ?? ''} ${shortDate(d)}`);

/** '1 working day', '20 working days', '5 weeks', '1 month': the unit's canonical words (`runtime/units.ts`). */
export function quantity(amount: number, unit: DurationUnit): string {
  return `${amount} ${unitWords(unit, amount)}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The non-working days skipped when counting `amount` working days from `anchor` to `result`
 * (after: the days in (anchor, result); before: the days in (result, anchor)), as a parenthesis:
 * " (skipping weekends and 1 bank holiday: Good Friday Fri 18 Apr 2025)", or '' when none were; a
 * policy's closure day (`closed`, not also a bank holiday) is named as one: " (skipping weekends,
 * 1 bank holiday: ... and 1 closure day: Council closure Wed 24 Dec 2025)".
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
  const named = (list: readonly Holiday[]): string => list.map((h) => `${h.name} ${longDate(h.date)}`).join(', ');
  const bank = holidays.filter((h) => h.closure !== true);
  const closed = holidays.filter((h) => h.closure === true);
  if (bank.length > 0) parts.push(`${plural(bank.length, 'bank holiday', 'bank holidays')}: ${named(bank)}`);
  if (closed.length > 0) parts.push(`${plural(closed.length, 'closure day', 'closure days')}: ${named(closed)}`);
  if (parts.length === 0) return '';
  return ` (skipping ${parts.length <= 2 ? parts.join(' and ') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`})`;
}

/** The part of `describeDue` before the anchor's name: "20 working days after ", "5 weeks (35 days) before ". */
function dueHead(due: IrDue): string {
  const { amount, unit } = due.offset;
  const arithmetic = unitSpec(unit).arithmetic;
  const days = arithmetic.kind === 'days' && arithmetic.per !== 1 ? ` (${amount * arithmetic.per} days)` : '';
  return `${quantity(amount, unit)}${days} ${due.direction} `;
}

/**
 * The part of `describeDue` after the anchor: " is Thu 15 May 2025 (skipping ...)", the clamping of
 * months, the alignment and the time. A function of the anchor date alone (for one due and calendar).
 */
function dueTail(due: IrDue, anchorDate: PlainDate, offsetDate: PlainDate, dueDate: PlainDate, calendar: WorkingDayCalendar): string {
  const { amount, unit } = due.offset;
  let text = ` is ${longDate(offsetDate)}`;
  const kind = unitSpec(unit).arithmetic.kind;
  if (kind === 'working_days') {
    text += skipped(anchorDate, offsetDate, amount, calendar);
  } else if (kind === 'months') {
    if (dayOfMonth(anchorDate) !== dayOfMonth(offsetDate)) {
      const sign = due.direction === 'after' ? '+' : '-';
      text += ` (${shortDate(anchorDate)} ${sign} ${quantity(amount, unit)} = ${shortDate(offsetDate)}, clamped to the end of ${MONTH_NAMES[monthOf(offsetDate)] ?? ''})`;
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

/**
 * "20 working days after became_looked_after on Mon 14 Apr 2025 is Thu 15 May 2025 (skipping ...)",
 * with `anchorNote` (e.g. " (which met occurrence 1)") right after the anchor's date,
 * then the alignment (", moved to the Monday on or before: Mon 2 Jun 2025") and the time (", by 12:00").
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
  return `${dueHead(due)}${anchorLabel} on ${longDate(anchorDate)}${anchorNote}${dueTail(due, anchorDate, offsetDate, dueDate, calendar)}`;
}

/** `describeDue` for one due on one calendar, given the anchor's label, note and date. */
export type DueDescriber = (anchorLabel: string, anchorNote: string, anchorDate: PlainDate) => string;

/**
 * `describeDue` prepared for one due and calendar: the arithmetic after the anchor (dates, days
 * skipped, clamping, alignment) is a pure function of the anchor date, so it is memoised by day.
 * `offset` and `compute` are the due's date functions (before and after alignment).
 */
export function dueDescriber(
  due: IrDue,
  calendar: WorkingDayCalendar,
  offset: (anchor: PlainDate) => PlainDate,
  compute: (anchor: PlainDate) => PlainDate,
): DueDescriber {
  const head = dueHead(due);
  const tail = memoByDay((a) => dueTail(due, a, offset(a), compute(a), calendar));
  return (anchorLabel, anchorNote, anchorDate) => `${head}${anchorLabel} on ${longDate(anchorDate)}${anchorNote}${tail(anchorDate)}`;
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

/** What a duty's explanation is built from (`runtime/kinds/duty.ts`). */
export interface DutyExplanationParts {
  readonly rule: string;
  readonly occurrence: number;
  /** "review_scheduled on Mon 12 May 2025", "occurrence 2 of looked_after_review (from review_held on ...)". */
  readonly trigger: string;
  /** How the bound was found ("review_scheduled.for is Wed 11 Jun 2025"), or undefined when there is none. */
  readonly bound: string | undefined;
  readonly boundDate: PlainDate | undefined;
  readonly wording: string | undefined;
  readonly metBy: string;
  readonly from: PlainDate;
  readonly satisfier: { readonly type: string; readonly date: PlainDate } | undefined;
  /** A met-by event after the bound, which came too late to meet it. */
  readonly late: { readonly type: string; readonly date: PlainDate } | undefined;
  readonly asOf: PlainDate;
  readonly citation: string;
}

/**
 * A duty's explanation: "prepare_child (occurrence 1): after review_scheduled on Mon 12 May 2025, "as
 * soon as practicable", by review_scheduled.for, Wed 11 Jun 2025; outstanding: no child_prepared on or
 * after Mon 12 May 2025 yet as of ... Source: ...".
 */
export function explainDuty(p: DutyExplanationParts): string {
  const wording = p.wording === undefined ? '' : `, "${p.wording}"`;
  const bound = p.bound === undefined ? ', with no date by which it must be done' : `, ${p.bound}`;
  let outcome: string;
  const from = ` on or after ${longDate(p.from)}`;
  if (p.satisfier !== undefined) outcome = `met by ${p.satisfier.type} on ${longDate(p.satisfier.date)}`;
  else if (p.boundDate !== undefined && p.asOf > p.boundDate) {
    const late = p.late === undefined ? '' : ` (${p.late.type} on ${longDate(p.late.date)} came after it)`;
    outcome = `missed: no ${p.metBy}${from} by ${longDate(p.boundDate)}${late}`;
  } else outcome = `outstanding: no ${p.metBy}${from} yet as of ${longDate(p.asOf)}`;
  return `${p.rule} (occurrence ${p.occurrence}): after ${p.trigger}${wording}${bound}; ${outcome}. Source: ${p.citation}.`;
}
