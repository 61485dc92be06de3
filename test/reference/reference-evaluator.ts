/**
 * A reference evaluator of deadlines, cycles and duties, written from docs/language.md ("Durations",
 * "Deadlines", "Duties", "Due dates" with its subsections on several anchors, whichever and windows,
 * "Cycles", "Conditions", "How a case is evaluated") and the contract
 * comments of runtime/evaluate.ts (semantics 1-3, 6), runtime/kinds/deadline.ts and
 * runtime/kinds/cycle.ts, without reading the evaluator's implementation. Test code, not shipped.
 *
 * Input: a `PolicyIR`, a `NormalizedCase`, an as-of `PlainDate` and the policy's
 * `WorkingDayCalendar` (the only runtime piece it uses for arithmetic: `addWorkingDays`, tested
 * separately against the official list; date <-> day-number conversion also comes from
 * runtime/dates.ts). Output: `RefResult`: the obligations (rule, occurrence, anchor, due date and
 * time, the day a window opens, status, satisfying date) and the superseded obligations (rule,
 * occurrence, anchor, due), both in a canonical order (due, rule, occurrence, anchor date); and the
 * duties (rule, occurrence, trigger as anchor, bound, wording, status met/outstanding/missed,
 * satisfying date) by trigger date, rule, occurrence.
 *
 * Deliberately simple and slow: no indexes, no precompiled closures; every question (which events
 * are anchors, which event satisfies, what a condition is worth) is a plain loop over the events.
 * Month and year arithmetic (clamped to the month's end), weekdays and ages are its own.
 *
 * Covers: deadlines (anchors `event`, `event_attribute`, `child_dob`; several anchor events;
 * `whichever is sooner|later`; windows with status `early`; `when`; `met by ... where`;
 * `supersedes earlier`; matching windows, `counting from` and the default), duties (per event with `where`, per listed cycle occurrence; bounds from an
 * attribute, the date of birth or the next event; the notice for a missing bounding attribute; superseded
 * when bounded by the date of a meeting rearranged before it took place), cycles (runs, `until`, `restarts on`, steps by ordinal and `then`, step
 * `when`, the cycle's `when`, supersession of the pending occurrence when a run ends or restarts),
 * due dates (all units, `before`, `align`, `time`), status, and conditions (compare, in / not in,
 * and / or / not over literals, facts, attributes of the focus event, age, child.dob, today, count,
 * date offsets, facts set by events, `EVENT.date`, `days since the last EVENT`; a missing optional
 * value makes a comparison false); `matched by KEY` of deadlines and duties (docs/language.md,
 * "Matching instances": the `met by` event carries the anchor's or trigger's value, a missing value
 * matching only a missing one).
 * Does not cover (here): approvals, limits, constraints, orders, ladders, criteria and notifications, which
 * reference-rules.ts adds on top of this file's result; explanations, notices, titles, owners,
 * citations and sources (not compared), and the superseded `reason` text.
 * `supersedes earlier`: the later event must be dated strictly before the earlier one's date
 * attribute, as docs/language.md says (a reproducer is pinned in reference-evaluator.test.ts).
 * `whichever`: another due date measured from an event type reads the first such event on or after
 * the obligation's anchor event other than that event itself (pinned likewise).
 */
import type { IrCondition, IrCycle, IrCycleStep, IrDeadline, IrDue, IrDuty, IrOperand, PolicyIR } from '../../runtime/ir.ts';
import type { NormalizedCase, NormalizedEvent } from '../../runtime/case.ts';
import type { WorkingDayCalendar } from '../../runtime/calendar.ts';
import { formatPlainDate, fromYmd, parsePlainDate, toYmd } from '../../runtime/dates.ts';
import type { PlainDate } from '../../runtime/dates.ts';

export type RefStatus = 'met' | 'met_late' | 'overdue' | 'open' | 'early';

export interface RefObligation {
  readonly rule: string;
  readonly occurrence: number;
  readonly anchor: { readonly event: string; readonly date: string; readonly attribute?: string };
  readonly due: string;
  readonly dueTime?: string;
  /** The day a deadline's window opens, when it has one. */
  readonly earliest?: string;
  readonly status: RefStatus;
  readonly satisfiedOn?: string;
}

/** A duty (no due date): its trigger as `anchor`, its bound (when it has one) and wording. */
export interface RefDuty {
  readonly rule: string;
  readonly occurrence: number;
  readonly anchor: { readonly event: string; readonly date: string };
  readonly bound?: string;
  readonly wording?: string;
  readonly status: 'met' | 'outstanding' | 'missed';
  readonly satisfiedOn?: string;
}

export interface RefSuperseded {
  readonly rule: string;
  readonly occurrence: number;
  readonly anchor: { readonly event: string; readonly date: string; readonly attribute?: string };
  readonly due: string;
}

/**
 * One occurrence of a cycle as the reference found it (obligation or superseded), for limits and
 * constraints: the event it is measured from, its due date, and the event that ended it (met it,
 * or ended or restarted its run), if any.
 */
export interface RefOccurrence {
  readonly rule: string;
  readonly occurrence: number;
  readonly anchor: NormalizedEvent;
  readonly due: PlainDate;
  readonly end: NormalizedEvent | undefined;
  /** An obligation (true) or superseded (false). */
  readonly listed: boolean;
}

/**
 * A notice of the kinds the reference covers: its code, its parameters and the case data it names
 * (an event's date; a stage number).
 */
export interface RefNotice {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number | readonly string[]>>;
  readonly caseData?: Readonly<Record<string, string | number>>;
}

export interface RefResult {
  readonly obligations: RefObligation[];
  readonly superseded: RefSuperseded[];
  /** Duties, by trigger date, rule, occurrence. */
  readonly duties: RefDuty[];
}

// ---- dates, written from the table of units ----

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
}

/** The same day of the month n months later (or earlier), clamped to the month's end. */
export function refAddMonths(d: PlainDate, n: number): PlainDate {
  const { year, month, day } = toYmd(d);
  let y = year;
  let m = month;
  const step = n >= 0 ? 1 : -1;
  for (let i = 0; i !== n; i += step) {
    m += step;
    if (m === 13) { m = 1; y++; }
    if (m === 0) { m = 12; y--; }
  }
  return fromYmd(y, m, Math.min(day, daysIn(y, m)));
}

const A_MONDAY = fromYmd(2024, 1, 1);

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function refWeekday(d: PlainDate): number {
  return ((((d - A_MONDAY) % 7) + 7) % 7) + 1;
}

/** Whole years completed on `on` (the birthday counts on the day itself). */
export function refAge(dob: PlainDate, on: PlainDate): number {
  const b = toYmd(dob);
  const o = toYmd(on);
  let age = o.year - b.year;
  if (o.month < b.month || (o.month === b.month && o.day < b.day)) age--;
  return age;
}

export function move(d: PlainDate, direction: 'after' | 'before', amount: number, unit: string, cal: WorkingDayCalendar): PlainDate {
  const n = direction === 'after' ? amount : -amount;
  switch (unit) {
    case 'working_days': return cal.addWorkingDays(d, n);
    case 'days': return d + n;
    case 'weeks': return d + 7 * n;
    case 'months': return refAddMonths(d, n);
    case 'years': return refAddMonths(d, 12 * n);
    default: throw new Error(`reference evaluator: unknown unit ${unit}`);
  }
}

export function dueFrom(anchor: PlainDate, due: IrDue, cal: WorkingDayCalendar): PlainDate {
  let d = move(anchor, due.direction, due.offset.amount, due.offset.unit, cal);
  if (due.align !== undefined) {
    // Walk one day at a time to the weekday.
    const step = due.align.direction === 'on_or_before' ? -1 : 1;
    while (refWeekday(d) !== due.align.weekday) d += step;
  }
  return d;
}

function statusOf(due: PlainDate, satisfied: PlainDate | undefined, asOf: PlainDate): RefStatus {
  if (satisfied !== undefined) return satisfied <= due ? 'met' : 'met_late';
  return asOf > due ? 'overdue' : 'open';
}

// ---- conditions ----

type Value = string | number | boolean;
const MISSING = Symbol('missing');
const OTHER_TYPE = Symbol('other type');
type Read = Value | typeof MISSING | typeof OTHER_TYPE;

export interface Scope {
  readonly ir: PolicyIR;
  readonly c: NormalizedCase;
  readonly events: readonly NormalizedEvent[];
  readonly asOf: PlainDate;
  readonly cal: WorkingDayCalendar;
  /** Where notices are collected (of the kinds `RefNotice` covers). */
  readonly notices: RefNotice[];
}

function readOperand(op: IrOperand, s: Scope, anchorDate: PlainDate, focus: NormalizedEvent | undefined): Read {
  switch (op.kind) {
    case 'literal':
      if (op.type === 'date' && typeof op.value === 'string') return parsePlainDate(op.value) ?? MISSING;
      return op.value;
    case 'fact': {
      // "Facts over time": the latest setting event dated on or before the date read (same date:
      // input order) that gives a value, else the case's value.
      const fact = s.ir.facts.find((f) => f.name === op.fact);
      const setBy = fact?.setBy ?? [];
      let v: Value | undefined = s.c.facts[op.fact];
      let best: NormalizedEvent | undefined;
      for (const e of s.events) {
        if (e.date > anchorDate) continue;
        const setter = setBy.find((x) => x.event === e.type);
        if (setter === undefined) continue;
        const given = setter.kind === 'attribute' ? e.attributes[setter.attribute] : setter.value;
        if (given === undefined) continue;
        if (best !== undefined && (e.date < best.date || (e.date === best.date && e.index < best.index))) continue;
        best = e;
        v = setter.kind === 'value' && fact?.type.kind === 'date' && typeof given === 'string' ? (parsePlainDate(given) ?? given) : given;
      }
      return v === undefined ? MISSING : v;
    }
    case 'event_date':
      return focus === undefined || focus.type !== op.event ? OTHER_TYPE : focus.date;
    case 'days_since': {
      let last: PlainDate | undefined;
      for (const e of s.events) if (e.type === op.event && e.date <= anchorDate && (last === undefined || e.date > last)) last = e.date;
      return last === undefined ? MISSING : anchorDate - last;
    }
    case 'attribute': {
      if (focus === undefined || focus.type !== op.event) return OTHER_TYPE;
      const v = focus.attributes[op.attribute];
      return v === undefined ? MISSING : v;
    }
    case 'age': return refAge(s.c.child.dob, anchorDate);
    case 'child_dob': return s.c.child.dob;
    case 'today': return s.asOf;
    case 'count': {
      let n = 0;
      for (const e of s.events) {
        if (e.type !== op.event || e.date > anchorDate) continue;
        if (op.where === undefined || holds(op.where, s, anchorDate, e)) n++;
      }
      return n;
    }
    case 'date_offset': {
      const base = readOperand(op.base, s, anchorDate, focus);
      if (typeof base !== 'number') return base === OTHER_TYPE ? OTHER_TYPE : MISSING;
      return move(base, op.direction, op.offset.amount, op.offset.unit, s.cal);
    }
  }
}

function compare(op: string, a: Value, b: Value): boolean {
  switch (op) {
    case '=': return a === b;
    case '!=': return a !== b;
    case '<': return (a as number) < (b as number);
    case '<=': return (a as number) <= (b as number);
    case '>': return (a as number) > (b as number);
    case '>=': return (a as number) >= (b as number);
    default: throw new Error(`reference evaluator: unknown operator ${op}`);
  }
}

export function holds(cond: IrCondition, s: Scope, anchorDate: PlainDate, focus: NormalizedEvent | undefined): boolean {
  switch (cond.kind) {
    case 'and': {
      for (const item of cond.items) if (!holds(item, s, anchorDate, focus)) return false;
      return true;
    }
    case 'or': {
      for (const item of cond.items) if (holds(item, s, anchorDate, focus)) return true;
      return false;
    }
    case 'not': return !holds(cond.item, s, anchorDate, focus);
    case 'compare': {
      const a = readOperand(cond.left, s, anchorDate, focus);
      const b = readOperand(cond.right, s, anchorDate, focus);
      if (typeof a === 'symbol' || typeof b === 'symbol') return false;
      return compare(cond.op, a, b);
    }
    case 'in': {
      const a = readOperand(cond.left, s, anchorDate, focus);
      if (typeof a === 'symbol') return false;
      let found = false;
      for (const v of cond.values) {
        const b = readOperand(v, s, anchorDate, focus);
        if (typeof b === 'symbol') return false;
        if (a === b) found = true;
      }
      return cond.negated ? !found : found;
    }
  }
}

// ---- deadlines ----

/**
 * Another due date of a `whichever` deadline, for the obligation anchored on `own` (undefined: the
 * date of birth): "Whichever is sooner, whichever is later" in docs/language.md. An event anchor is
 * the first event of that type dated on or after the obligation's own anchor event, that event itself
 * included (for `child.dob`,
 * the first in the case); an attribute anchor reads that event's attribute; an anchor that has not
 * happened gives no date.
 */
function otherDue(due: IrDue, own: NormalizedEvent | undefined, s: Scope): PlainDate | undefined {
  const anchor = due.anchor;
  if (anchor.kind === 'child_dob') return dueFrom(s.c.child.dob, due, s.cal);
  if (anchor.kind !== 'event' && anchor.kind !== 'event_attribute') throw new Error(`reference evaluator: whichever anchored on ${anchor.kind}`);
  let first: NormalizedEvent | undefined;
  for (const e of s.events) {
    if (e.type !== anchor.event) continue;
    // On or after the obligation's own anchor event, that event included (docs/language.md).
    if (own !== undefined && (e.date < own.date || (e.date === own.date && e.index < own.index))) continue;
    first = e;
    break;
  }
  if (first === undefined) return undefined;
  const base = anchor.kind === 'event' ? first.date : first.attributes[anchor.attribute];
  return typeof base === 'number' ? dueFrom(base, due, s.cal) : undefined;
}

/**
 * The due date (and the day a window opens) of one obligation measured from `a`: the first due
 * date, the earliest or latest of it and the others with `whichever`, moved by a window's ends.
 */
function deadlineDates(rule: IrDeadline, a: PlainDate, own: NormalizedEvent | undefined, s: Scope): { due: PlainDate; earliest: PlainDate | undefined } {
  let due = dueFrom(a, rule.due, s.cal);
  if (rule.whichever !== undefined) {
    for (const o of rule.whichever.others) {
      const d = otherDue(o, own, s);
      if (d === undefined) continue;
      if (rule.whichever.pick === 'sooner' ? d < due : d > due) due = d;
    }
  }
  if (rule.window === undefined) return { due, earliest: undefined };
  const { opens, closes } = rule.window;
  const earliest = move(due, opens.direction, opens.offset.amount, opens.offset.unit, s.cal);
  return { due: closes === undefined ? due : move(due, closes.direction, closes.offset.amount, closes.offset.unit, s.cal), earliest };
}

/**
 * The matching window of an obligation measured from `a` whose anchor event is `own` ("Matching
 * window" in docs/language.md): the day it opens (undefined: any date) and the event that opened it
 * (which never meets it). Without `counting`: measured `before` a date attribute from one anchor
 * type, from the previous such date; otherwise from the anchor event's date.
 */
function matchingWindow(rule: IrDeadline, a: PlainDate, own: NormalizedEvent | undefined, s: Scope): { from: PlainDate | undefined; opener: NormalizedEvent | undefined } {
  const anchor = rule.due.anchor;
  const counting =
    rule.counting ??
    (anchor.kind === 'event_attribute' && rule.due.direction === 'before' && (rule.alsoFrom ?? []).length === 0
      ? { kind: 'previous' as const, event: anchor.event, attribute: anchor.attribute }
      : { kind: 'anchor' as const });
  if (counting.kind === 'anchor') return { from: own?.date, opener: undefined };
  const { event, attribute } = counting;
  if (attribute === undefined) {
    // The latest event of the type dated strictly before `a`; that day included.
    let latest: NormalizedEvent | undefined;
    for (const e of s.events) if (e.type === event && e !== own && e.date < a) latest = e;
    return { from: latest?.date, opener: latest };
  }
  // The latest value of the attribute strictly before `a`, among the other events of the type that
  // were not superseded (a later event of the type dated before the value, for `supersedes earlier`).
  const supersedes = s.ir.events.find((e) => e.name === event)?.supersedes === true;
  let best: PlainDate | undefined;
  s.events.forEach((e, i) => {
    const v = e.attributes[attribute];
    if (e.type !== event || e === own || typeof v !== 'number' || v >= a) return;
    if (supersedes && s.events.slice(i + 1).some((l) => l.type === event && l.date < v)) return;
    if (best === undefined || v > best) best = v;
  });
  return { from: best, opener: undefined };
}

/**
 * The event that satisfies an obligation measured from `a` whose anchor event is `own` (undefined:
 * the date of birth): the first `met by` event in its matching window, other than the anchor event
 * (and the event that opened the window); with a window, the first from the day it opens, else
 * (status `early`) the first before it.
 */
function satisfier(rule: IrDeadline, a: PlainDate, own: NormalizedEvent | undefined, earliest: PlainDate | undefined, s: Scope): { date: PlainDate | undefined; early: boolean } {
  const candidates: NormalizedEvent[] = [];
  const { from, opener } = matchingWindow(rule, a, own, s);
  for (const e of s.events) {
    if (e === own || e === opener || (from !== undefined && e.date < from)) continue;
    if (!rule.metBy.events.includes(e.type)) continue;
    if (rule.metBy.where !== undefined && !holds(rule.metBy.where, s, a, e)) continue;
    if (rule.key !== undefined && own !== undefined && e.attributes[rule.key] !== own.attributes[rule.key]) continue;
    candidates.push(e);
  }
  if (earliest === undefined) return { date: candidates[0]?.date, early: false };
  const inWindow = candidates.find((e) => e.date >= earliest);
  if (inWindow !== undefined) return { date: inWindow.date, early: false };
  return { date: candidates[0]?.date, early: candidates.length > 0 };
}

function evaluateDeadline(rule: IrDeadline, s: Scope, out: RefResult): void {
  const anchor = rule.due.anchor;
  if (anchor.kind === 'child_dob') {
    const a = s.c.child.dob;
    if (rule.when !== undefined && !holds(rule.when, s, a, undefined)) return;
    const { due, earliest } = deadlineDates(rule, a, undefined, s);
    const sat = satisfier(rule, a, undefined, earliest, s);
    out.obligations.push(obligation(rule.id, 1, { event: 'child.dob', date: formatPlainDate(a) }, due, rule.due.time, sat.date, s.asOf, earliest, sat.early));
    return;
  }
  if (anchor.kind !== 'event' && anchor.kind !== 'event_attribute') throw new Error(`reference evaluator: deadline ${rule.id} anchored on ${anchor.kind}`);
  // Several anchor event types: one obligation per event of any of them, numbered across them.
  const types = [anchor.event, ...(rule.alsoFrom ?? [])];
  const supersedes = s.ir.events.find((e) => e.name === anchor.event)?.supersedes === true;
  let k = 0;
  for (let i = 0; i < s.events.length; i++) {
    const ev = s.events[i] as NormalizedEvent;
    if (!types.includes(ev.type)) continue;
    k++;
    let a: PlainDate;
    if (anchor.kind === 'event') a = ev.date;
    else {
      const v = ev.attributes[anchor.attribute];
      if (typeof v !== 'number') {
        // A missing optional date attribute: no obligation, and a notice saying so.
        s.notices.push({ code: 'notice/anchor-attribute-missing', params: { event: ev.type, attribute: anchor.attribute, rule: rule.id }, caseData: { date: formatPlainDate(ev.date) } });
        continue;
      }
      a = v;
    }
    if (rule.when !== undefined && !holds(rule.when, s, a, ev)) continue;
    const { due, earliest } = deadlineDates(rule, a, ev, s);
    const anchorOut = anchor.kind === 'event' ? { event: ev.type, date: formatPlainDate(a) } : { event: anchor.event, date: formatPlainDate(a), attribute: anchor.attribute };
    if (anchor.kind === 'event_attribute' && supersedes) {
      let replaced = false;
      for (let j = i + 1; j < s.events.length; j++) {
        const later = s.events[j] as NormalizedEvent;
        if (later.type === anchor.event && later.date < a) replaced = true;
      }
      if (replaced) {
        out.superseded.push({ rule: rule.id, occurrence: k, anchor: anchorOut, due: formatPlainDate(due) });
        continue;
      }
    }
    const sat = satisfier(rule, a, ev, earliest, s);
    out.obligations.push(obligation(rule.id, k, anchorOut, due, rule.due.time, sat.date, s.asOf, earliest, sat.early));
  }
}

function obligation(
  rule: string,
  occurrence: number,
  anchor: RefObligation['anchor'],
  due: PlainDate,
  time: string | undefined,
  sat: PlainDate | undefined,
  asOf: PlainDate,
  earliest?: PlainDate,
  early = false,
): RefObligation {
  return {
    rule,
    occurrence,
    anchor,
    due: formatPlainDate(due),
    ...(time === undefined ? {} : { dueTime: time }),
    ...(earliest === undefined ? {} : { earliest: formatPlainDate(earliest) }),
    status: early ? 'early' : statusOf(due, sat, asOf),
    ...(sat === undefined ? {} : { satisfiedOn: formatPlainDate(sat) }),
  };
}

// ---- cycles ----

interface Run {
  readonly start: NormalizedEvent;
  /** The event that ended or restarted it, if any. */
  readonly end: NormalizedEvent | undefined;
}

function runsOf(rule: IrCycle, events: readonly NormalizedEvent[], s: Scope): Run[] {
  const runs: Run[] = [];
  let open: NormalizedEvent | undefined;
  // `until ... where` / `restarts on ... where`: the condition read on the event's own date, with its attributes.
  const counts = (filters: IrCycle['endsWhere'], e: NormalizedEvent): boolean => {
    const f = filters?.find((x) => x.event === e.type);
    return f === undefined || holds(f.where, s, e.date, e);
  };
  for (const e of events) {
    if (open === undefined) {
      if (rule.startsOn.includes(e.type)) open = e;
      continue;
    }
    if (rule.restartsOn.includes(e.type) && counts(rule.restartsWhere, e)) {
      runs.push({ start: open, end: e });
      open = e;
    } else if (rule.endsOn.includes(e.type) && counts(rule.endsWhere, e)) {
      runs.push({ start: open, end: e });
      open = undefined;
    }
  }
  if (open !== undefined) runs.push({ start: open, end: undefined });
  return runs;
}

function evaluateCycle(rule: IrCycle, s: Scope, out: RefResult, occurrences: RefOccurrence[]): void {
  const used: NormalizedEvent[] = [];
  for (const run of runsOf(rule, s.events, s)) {
    if (rule.when !== undefined && !holds(rule.when, s, run.start.date, run.start)) continue;
    let previous: NormalizedEvent = run.start;
    for (let k = 1; ; k++) {
      let candidates: IrCycleStep[] = rule.steps.filter((st) => st.ordinal === k);
      if (candidates.length === 0) candidates = rule.steps.filter((st) => st.ordinal === 'repeat');
      let step: IrCycleStep | undefined;
      let anchorEvent: NormalizedEvent = run.start;
      for (const st of candidates) {
        const ae = st.due.anchor.kind === 'run_start' ? run.start : previous;
        if (st.when === undefined || holds(st.when, s, ae.date, ae)) {
          step = st;
          anchorEvent = ae;
          break;
        }
      }
      if (step === undefined) {
        // No step applies: the run has no further occurrences; when some step was written for this
        // occurrence but none's `when` holds, a notice names the run's start.
        if (candidates.length > 0) s.notices.push({ code: 'notice/no-step-applies', params: { rule: rule.id, occurrence: k, event: run.start.type }, caseData: { date: formatPlainDate(run.start.date) } });
        break;
      }
      const a = anchorEvent.date;
      const due = dueFrom(a, step.due, s.cal);
      let sat: NormalizedEvent | undefined;
      for (const e of s.events) {
        if (e.date < a) continue;
        if (run.end !== undefined && e.date > run.end.date) continue;
        if (e === run.start || used.includes(e)) continue;
        if (!rule.metBy.events.includes(e.type)) continue;
        if (rule.metBy.where !== undefined && !holds(rule.metBy.where, s, a, e)) continue;
        sat = e;
        break;
      }
      const anchorOut = { event: anchorEvent.type, date: formatPlainDate(a) };
      if (sat === undefined && run.end !== undefined && due >= run.end.date) {
        out.superseded.push({ rule: rule.id, occurrence: k, anchor: anchorOut, due: formatPlainDate(due) });
        occurrences.push({ rule: rule.id, occurrence: k, anchor: anchorEvent, due, end: run.end, listed: false });
        break;
      }
      out.obligations.push(obligation(rule.id, k, anchorOut, due, step.due.time, sat?.date, s.asOf));
      occurrences.push({ rule: rule.id, occurrence: k, anchor: anchorEvent, due, end: sat ?? run.end, listed: true });
      if (sat === undefined) break;
      used.push(sat);
      previous = sat;
    }
  }
}

// ---- duties ("Duties") ----

/**
 * One duty from trigger event `ev` (dated `t`): its bound (a date from the trigger event's attribute
 * or the date of birth; the first bounding event after the trigger; none), the first `met by` event
 * from the trigger's date to the bound other than the trigger event, and the status.
 */
function duty(rule: IrDuty, ev: NormalizedEvent, t: PlainDate, k: number, s: Scope): RefDuty {
  let bound: PlainDate | undefined;
  const b = rule.bound;
  if (b !== undefined && b.kind === 'date') {
    const anchor = b.due.anchor;
    if (anchor.kind === 'child_dob') bound = dueFrom(s.c.child.dob, b.due, s.cal);
    else if (anchor.kind === 'event_attribute') {
      const v = ev.attributes[anchor.attribute];
      if (typeof v === 'number') bound = dueFrom(v, b.due, s.cal);
      else s.notices.push({ code: 'notice/anchor-attribute-missing', params: { event: ev.type, attribute: anchor.attribute, rule: rule.id }, caseData: { date: formatPlainDate(ev.date) } });
    } else throw new Error(`reference evaluator: duty ${rule.id} bounded by ${anchor.kind}`);
  } else if (b !== undefined) {
    // `by the next EVENT`: the first such event after the trigger event (that day included).
    const at = s.events.indexOf(ev);
    for (let j = 0; j < s.events.length; j++) {
      const e = s.events[j] as NormalizedEvent;
      if (e.type === b.event && e !== ev && (e.date > ev.date || (e.date === ev.date && j > at))) {
        bound = e.date;
        break;
      }
    }
  }
  let sat: PlainDate | undefined;
  for (const e of s.events) {
    if (e === ev || e.date < t || (bound !== undefined && e.date > bound)) continue;
    if (!rule.metBy.events.includes(e.type)) continue;
    if (rule.metBy.where !== undefined && !holds(rule.metBy.where, s, t, e)) continue;
    if (rule.key !== undefined && e.attributes[rule.key] !== ev.attributes[rule.key]) continue;
    sat = e.date;
    break;
  }
  const status = sat !== undefined ? 'met' : bound !== undefined && s.asOf > bound ? 'missed' : 'outstanding';
  return {
    rule: rule.id,
    occurrence: k,
    anchor: { event: ev.type, date: formatPlainDate(t) },
    ...(bound === undefined ? {} : { bound: formatPlainDate(bound) }),
    ...(rule.wording === undefined ? {} : { wording: rule.wording }),
    status,
    ...(sat === undefined ? {} : { satisfiedOn: formatPlainDate(sat) }),
  };
}

/** Every duty of the policy: per trigger event (counted before `where`/`when`), or per listed occurrence of a cycle. */
function evaluateDuties(s: Scope, out: RefResult, occurrences: readonly RefOccurrence[]): void {
  for (const rule of s.ir.duties ?? []) {
    const t = rule.trigger;
    if (t.kind === 'event') {
      let k = 0;
      for (let i = 0; i < s.events.length; i++) {
        const ev = s.events[i] as NormalizedEvent;
        if (ev.type !== t.event) continue;
        k++;
        if (t.where !== undefined && !holds(t.where, s, ev.date, ev)) continue;
        if (rule.when !== undefined && !holds(rule.when, s, ev.date, ev)) continue;
        // "Duties": a meeting rearranged before it took place supersedes the duty bounded by its date
        // attribute, met or not, as it does a deadline measured from that attribute.
        const b = rule.bound;
        if (b !== undefined && b.kind === 'date' && b.due.anchor.kind === 'event_attribute' && s.ir.events.find((e) => e.name === t.event)?.supersedes === true) {
          const attribute = b.due.anchor.attribute;
          const v = ev.attributes[attribute];
          if (typeof v === 'number' && s.events.slice(i + 1).some((l) => l.type === t.event && l.date < v)) {
            out.superseded.push({ rule: rule.id, occurrence: k, anchor: { event: t.event, date: formatPlainDate(v), attribute }, due: formatPlainDate(dueFrom(v, b.due, s.cal)) });
            continue;
          }
        }
        out.duties.push(duty(rule, ev, ev.date, k, s));
      }
      continue;
    }
    // Each occurrence of the cycle that is an obligation, in the order of the obligations.
    const listed = occurrences
      .filter((o) => o.rule === t.cycle && o.listed)
      .sort((x, y) => x.due - y.due || x.occurrence - y.occurrence || x.anchor.date - y.anchor.date);
    let k = 0;
    for (const o of listed) {
      k++;
      if (rule.when !== undefined && !holds(rule.when, s, o.anchor.date, o.anchor)) continue;
      out.duties.push(duty(rule, o.anchor, o.anchor.date, k, s));
    }
  }
  canonical(out.superseded);
  out.duties.sort((x, y) => (x.anchor.date < y.anchor.date ? -1 : x.anchor.date > y.anchor.date ? 1 : x.rule < y.rule ? -1 : x.rule > y.rule ? 1 : x.occurrence - y.occurrence));
}

// ---- the whole ----

function canonical<T extends { rule: string; occurrence: number; due: string; anchor: { date: string } }>(list: T[]): T[] {
  return list.sort((x, y) => (x.due < y.due ? -1 : x.due > y.due ? 1 : x.rule < y.rule ? -1 : x.rule > y.rule ? 1 : x.occurrence - y.occurrence || (x.anchor.date < y.anchor.date ? -1 : x.anchor.date > y.anchor.date ? 1 : 0)));
}

/**
 * The events a case is evaluated on, as "How a case is evaluated" (docs/language.md) says: in date
 * order (then input order); "an event of the same type, date and attributes as an earlier one is the
 * same record entered twice: the repeat is not considered" (a `notice/repeated-event` each); events
 * after the as-of date are not considered (`later` counts them); events before the child's date of
 * birth are considered, with a `notice/events-before-birth` counting them.
 */
export function consideredEvents(c: NormalizedCase, asOf: PlainDate, notices: RefNotice[]): { events: NormalizedEvent[]; later: number } {
  const attrs = (e: NormalizedEvent): string => JSON.stringify(Object.entries(e.attributes).sort((x, y) => (x[0] < y[0] ? -1 : 1)));
  const kept: NormalizedEvent[] = [];
  for (const e of [...c.events].sort((x, y) => x.date - y.date || x.index - y.index)) {
    if (kept.some((k) => k.type === e.type && k.date === e.date && attrs(k) === attrs(e))) {
      notices.push({ code: 'notice/repeated-event', params: { event: e.type }, caseData: { date: formatPlainDate(e.date) } });
    } else kept.push(e);
  }
  const events = kept.filter((e) => e.date <= asOf);
  const before = events.filter((e) => e.date < c.child.dob).length;
  if (before > 0) notices.push({ code: 'notice/events-before-birth', params: { count: before } });
  return { events, later: kept.length - events.length };
}

/**
 * Deadlines and cycles of `ir` applied to case `c` on `asOf` (see the header for what is covered);
 * every cycle occurrence is also appended to `occurrences`, and the notices about them to `notices`,
 * when given.
 */
export function referenceEvaluate(ir: PolicyIR, c: NormalizedCase, asOf: PlainDate, cal: WorkingDayCalendar, occurrences: RefOccurrence[] = [], notices: RefNotice[] = []): RefResult {
  const events = consideredEvents(c, asOf, notices).events;
  const s: Scope = { ir, c, events, asOf, cal, notices };
  const out: RefResult = { obligations: [], superseded: [], duties: [] };
  for (const rule of ir.rules) {
    if (rule.kind === 'deadline') evaluateDeadline(rule, s, out);
    else evaluateCycle(rule, s, out, occurrences);
  }
  canonical(out.obligations);
  canonical(out.superseded);
  evaluateDuties(s, out, occurrences);
  return out;
}
