/**
 * Limits (at most N events, per case or per occurrence of a cycle) and constraints (an event's date
 * attribute must not fall after the due date of the cycle occurrence pending when it is recorded).
 *
 * Input: the policy's `IrLimit`s and `IrConstraint`s (compiled once by `compileLimits` /
 * `compileConstraints`), then per evaluation the condition scope and the occurrences of the cycles
 * they name, as the evaluator found them (`CycleOccurrence`). Output: `Violation`s (kinds `limit`
 * and `constraint`) appended to the caller's array.
 *
 * Semantics (events after the as-of date are never considered; "after" and "before" between events
 * mean in date order, then input order, as the evaluator sorts them):
 * - Limit per case: the events of the type whose `where` holds (reading the event), in order; the
 *   (max+1)-th and each later one is a violation.
 * - Limit per cycle: for each occurrence of the cycle, its window runs from just after its anchor event
 *   up to and including the event that met it (or ended its run, or superseded it), or to the as-of
 *   date when none has; the events of the type in the window are counted, and each beyond `max` is a
 *   violation naming the occurrence and its window. An event is reported at most once per limit.
 * - Constraint: for each event of the type carrying the date attribute, the occurrence of the cycle
 *   pending on the event's date is the one with anchor date <= that date whose end (met, run ended or
 *   superseded) is not before it; where several are (a review held, and the next one arranged, on the
 *   same day), the one anchored latest. The attribute's date after that occurrence's due date is a
 *   violation naming both dates; no pending occurrence, no violation. An event lacking an optional
 *   attribute gets a notice.
 *
 * INVARIANT: nothing here runs for a policy without limits or constraints.
 */

import type { IrConstraint, IrLimit, PolicyIR } from './ir.ts';
import type { PlainDate } from './dates.ts';
import type { WorkingDayCalendar } from './calendar.ts';
import type { NormalizedEvent } from './case.ts';
import { MalformedIrError, compileCondition } from './conditions.ts';
import type { Condition, ConditionScope } from './conditions.ts';
import { eventRef, isoDate, longDate, ordinal } from './explain.ts';
import type { Violation } from './result.ts';
import { notice } from './messages.ts';

/** One occurrence of a cycle as the evaluator found it (obligation or superseded). */
export interface CycleOccurrence {
  readonly rule: string;
  readonly occurrence: number;
  /** The event it is measured from (the run's start, or the event that met the previous occurrence). */
  readonly anchor: NormalizedEvent;
  readonly dueDate: PlainDate;
  /** The event that met it, ended or restarted its run, or superseded it; undefined while pending. */
  readonly end: NormalizedEvent | undefined;
}

/** A limit prepared for evaluation. */
export interface CompiledLimit {
  readonly ir: IrLimit;
  readonly where: Condition | undefined;
  /** The cycle counted per, or undefined for `per case`. */
  readonly cycle: string | undefined;
  /** The event-type id of `ir.event` (its position in `PolicyIR.events`), for `mayExceed`'s counts. */
  readonly type: number;
}

/** A constraint prepared for evaluation. */
export interface CompiledConstraint {
  readonly ir: IrConstraint;
}

function cycleNamed(ir: PolicyIR, id: string, where: string): void {
  if (!ir.rules.some((r) => r.kind === 'cycle' && r.id === id)) throw new MalformedIrError(`${where}: \`${id}\` is not a cycle of the policy`);
}

/** Compiles the policy's limits. Throws `MalformedIrError` on a broken IR. */
export function compileLimits(ir: PolicyIR, calendar: WorkingDayCalendar): CompiledLimit[] {
  return ir.limits.map((l) => {
    const at = `limit \`${l.id}\``;
    if (!ir.events.some((e) => e.name === l.event)) throw new MalformedIrError(`${at}: undeclared event \`${l.event}\``);
    if (!Number.isSafeInteger(l.max) || l.max < 0) throw new MalformedIrError(`${at}: ${String(l.max)} is not a non-negative integer`);
    if (l.per.kind === 'cycle') cycleNamed(ir, l.per.rule, at);
    return {
      ir: l,
      where: l.where === undefined ? undefined : compileCondition(l.where, ir, at, calendar),
      cycle: l.per.kind === 'cycle' ? l.per.rule : undefined,
      type: ir.events.findIndex((e) => e.name === l.event),
    };
  });
}

/** Compiles the policy's constraints. Throws `MalformedIrError` on a broken IR. */
export function compileConstraints(ir: PolicyIR): CompiledConstraint[] {
  return ir.constraints.map((c) => {
    const at = `constraint \`${c.id}\``;
    const attr = ir.events.find((e) => e.name === c.event)?.attributes.find((a) => a.name === c.attribute);
    if (attr === undefined) throw new MalformedIrError(`${at}: undeclared attribute \`${c.event}.${c.attribute}\``);
    if (attr.type.kind !== 'date') throw new MalformedIrError(`${at}: \`${c.event}.${c.attribute}\` is not a date`);
    cycleNamed(ir, c.cycle, at);
    return { ir: c };
  });
}

/** Date-then-input order, as the evaluator sorts events. */
export function before(a: NormalizedEvent, b: NormalizedEvent): boolean {
  return a.date < b.date || (a.date === b.date && a.index < b.index);
}

/** Position of the first of the `n` sorted events that comes after `e` in date-then-input order. */
export function firstAfter(events: readonly NormalizedEvent[], n: number, e: NormalizedEvent): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(e, events[mid] as NormalizedEvent)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function limitViolation(l: IrLimit, message: string, e: NormalizedEvent): Violation {
  return { rule: l.id, kind: 'limit', message: `${l.title}: ${message}`, event: eventRef(e), citation: l.citation };
}

function windowText(o: CycleOccurrence, asOf: PlainDate): string {
  const from = `from ${o.anchor.type} on ${longDate(o.anchor.date)}`;
  return o.end === undefined ? `${from} to the as-of date ${longDate(asOf)}` : `${from} to ${o.end.type} on ${longDate(o.end.date)}`;
}

/** True when the limit counts the event: its type, and its `where` (reading the event). */
export function counts(l: CompiledLimit, scope: ConditionScope, e: NormalizedEvent): boolean {
  return e.type === l.ir.event && (l.where === undefined || l.where(scope, e.date, e));
}

/**
 * False when `limit` cannot be exceeded in this case: it counts by event type alone (no `where`) and
 * the case has at most `max` events of that type in all (an occurrence's window holds no more than
 * the whole case). `evaluateLimits` would then find nothing, so callers skip it, and the cycle
 * occurrences it reads need not be built. A limit with a `where` is always "may": its condition can
 * add notices, which only the full pass adds, in its own order.
 */
export function mayExceed(limit: CompiledLimit, scope: ConditionScope, typeCounts?: Int32Array): boolean {
  if (limit.where !== undefined) return true;
  // The evaluator's counts of the considered events by type (`CaseState.typeCounts`), when given.
  if (typeCounts !== undefined) return (typeCounts[limit.type] ?? 0) > limit.ir.max;
  const { events, n } = scope;
  const { event: type, max } = limit.ir;
  let k = 0;
  for (let i = 0; i < n; i++) if ((events[i] as NormalizedEvent).type === type && ++k > max) return true;
  return false;
}

/**
 * Counts the events of each limit (per case, or in each occurrence's window of the named cycle;
 * `occurrences` holds them by cycle id, in any order) and appends a violation for each event beyond `max`.
 */
export function evaluateLimits(
  limits: readonly CompiledLimit[],
  scope: ConditionScope,
  occurrences: ReadonlyMap<string, readonly CycleOccurrence[]>,
  out: Violation[],
): void {
  const { events, n, asOf } = scope;
  for (const l of limits) {
    const { event: type, max } = l.ir;
    if (l.cycle === undefined) {
      let k = 0;
      for (let i = 0; i < n; i++) {
        const e = events[i] as NormalizedEvent;
        if (!counts(l, scope, e)) continue;
        k++;
        if (k > max) {
          out.push(limitViolation(l.ir, `${type} on ${longDate(e.date)} is the ${ordinal(k)} in the case; at most ${max} ${max === 1 ? 'is' : 'are'} allowed`, e));
        }
      }
      continue;
    }
    let reported: Set<number> | undefined;
    for (const o of occurrences.get(l.cycle) ?? []) {
      let k = 0;
      for (let i = firstAfter(events, n, o.anchor); i < n; i++) {
        const e = events[i] as NormalizedEvent;
        if (o.end !== undefined && before(o.end, e)) break;
        if (!counts(l, scope, e)) continue;
        k++;
        if (k > max && !(reported?.has(e.index) ?? false)) {
          (reported ??= new Set()).add(e.index);
          out.push(
            limitViolation(
              l.ir,
              `${type} on ${longDate(e.date)} is the ${ordinal(k)} in occurrence ${o.occurrence} of ${l.cycle} (${windowText(o, asOf)}); at most ${max} ${max === 1 ? 'is' : 'are'} allowed`,
              e,
            ),
          );
        }
      }
    }
  }
}

/**
 * Checks each event of each constraint against the occurrence of its cycle pending on the event's
 * date and appends a violation when the event's date attribute falls after that occurrence's due date.
 */
export function evaluateConstraints(
  constraints: readonly CompiledConstraint[],
  scope: ConditionScope,
  occurrences: ReadonlyMap<string, readonly CycleOccurrence[]>,
  out: Violation[],
): void {
  const { events, n } = scope;
  for (const { ir: c } of constraints) {
    const list = occurrences.get(c.cycle) ?? [];
    for (let i = 0; i < n; i++) {
      const e = events[i] as NormalizedEvent;
      if (e.type !== c.event) continue;
      const value = e.attributes[c.attribute];
      if (typeof value !== 'number') {
        scope.notices.push(notice('notice/constraint-unchecked', { event: e.type, attribute: c.attribute, constraint: c.id }, { date: isoDate(e.date) }));
        continue;
      }
      let pending: CycleOccurrence | undefined;
      for (const o of list) {
        if (o.anchor.date > e.date) continue;
        if (o.end !== undefined && o.end.date < e.date) continue;
        if (pending === undefined || before(pending.anchor, o.anchor)) pending = o;
      }
      if (pending === undefined || value <= pending.dueDate) continue;
      out.push({
        rule: c.id,
        kind: 'constraint',
        message:
          `${c.title}: ${e.type} on ${longDate(e.date)} sets \`${c.attribute}\` to ${longDate(value)}, after ${longDate(pending.dueDate)}, ` +
          `the due date of occurrence ${pending.occurrence} of ${c.cycle} (${value - pending.dueDate} ${value - pending.dueDate === 1 ? 'day' : 'days'} late)`,
        event: eventRef(e),
        citation: c.citation,
      });
    }
  }
}
