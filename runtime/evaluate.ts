/**
 * The evaluator: a compiled policy applied to one case on one date.
 *
 * Input: a `PolicyIR` (prepared once by `preparePolicy`), then many times a case (untrusted JSON, or an
 * already `NormalizedCase`) and an as-of date. Output: an `EvaluationResult`: obligations with their
 * due dates, status and explanations, superseded obligations, violations (approvals, limits,
 * constraints, ladders), escalations, criteria, notifications, and notices.
 *
 * Semantics (the as-of date is `asOf`; "the calendar" is the policy's working-day calendar):
 * 1. Events dated after `asOf` are not considered (one notice says how many). Everything below sees
 *    only the remaining events, sorted by date then input order.
 * 2. Due date from an anchor date A: working_days: `calendar.addWorkingDays(A, ±n)`; days: ±n; weeks:
 *    ±7n; months: `addMonths(A, ±n)` (clamped to the month's end); years: `addYears(A, ±n)`; `before`
 *    is minus. Then `align` moves it to the weekday on or before/after; `time` becomes `dueTime`.
 * 3. Status: satisfied on or before the due date: `met`; after it: `met_late`; not satisfied and
 *    `asOf` after the due date: `overdue`; otherwise `open`.
 * 4. Deadlines. Anchor `event`: one obligation per event of that type; `event_attribute`: one per event
 *    of that type, measured from its date attribute (an event lacking an optional attribute is skipped
 *    with a notice); `child_dob`: one obligation. `occurrence` k means the k-th event of the anchor type
 *    (so it identifies the anchor event, even where `when` excluded an earlier one). `when` is evaluated
 *    per anchor (age on the anchor date, attributes of the anchor event). The satisfying event is the
 *    first event, in date order, whose type is in `metBy.events`, whose `where` holds (attributes of the
 *    candidate, age on the anchor date), which is dated on or after the anchor EVENT's own date (for
 *    `event_attribute`, the date the event was recorded; for `child_dob`, any date), and which is not
 *    the anchor event itself. An `event_attribute` obligation is superseded when its event's type is
 *    declared `supersedes earlier` (IrEvent.supersedes) and a later event of the same type (later in
 *    date-then-input order) is dated strictly before its attribute date: the meeting was rearranged
 *    before the day it was due to happen. An arrangement recorded on the meeting's own day (the next
 *    review, agreed at this one) does not supersede it; without `supersedes earlier`, events of the
 *    type stand side by side.
 * 5. Cycles. Scanning events in order: with no run open, an event in `startsOn` starts a run; with a
 *    run open, an event in `restartsOn` ends it and starts a new one at once, an event in `endsOn` ends
 *    it, and any other start event is ignored (a restart event with no run open is ignored too). The
 *    cycle's `when` is evaluated once per run against the event that started it (age on its date);
 *    false: the run produces nothing. Occurrence k (1, 2, ... in every run) uses the steps of ordinal k,
 *    or else the `repeat` steps; the first whose `when` holds (age on that step's anchor date,
 *    attributes of its anchor event) applies; if none does, the run has no further occurrences (with a
 *    notice). Anchors: `run_start` is the event that started the run; `previous` is the event that
 *    satisfied occurrence k-1 (for k = 1, the run's start). The satisfying event is the first `metBy`
 *    event (with `where`) dated on or after the anchor date and on or before the end/restart date, that
 *    is neither the run's start event nor already used by an occurrence of the same rule (so one
 *    review on the day of a placement move meets the old run's occurrence, not also the new run's).
 *    Occurrences continue while satisfied; the first unsatisfied one is the run's last. When a run ends
 *    or restarts on date E, its last occurrence, if unsatisfied and due on or after E, is superseded
 *    (the reason names the event and date); if due before E it stays (overdue).
 * 6. Conditions: see `runtime/conditions.ts` (a missing optional value makes its comparison false,
 *    with a notice).
 * 7. Every obligation carries an explanation (see `runtime/explain.ts`): the rule and occurrence, the
 *    anchor event and date, the arithmetic with the weekend and bank holidays skipped, the clamping of
 *    months, the alignment and time, the satisfying event or why there is none, and the citation.
 * 8. Approvals: `runtime/approvals.ts`. Limits and constraints: `runtime/limits.ts` (they read the
 *    cycle occurrences found in 5, obligations and superseded alike). Ladders: `runtime/ladders.ts`
 *    (run whenever the policy declares the escalation events, so that a name it lacks is reported).
 *    Criteria: `runtime/criteria.ts` (read on `asOf`). All see only the events of 1.
 * 9. Notifications (`runtime/notify.ts`): one per obligation that is open or overdue of a rule with
 *    `notify`, in the order of `obligations`; then one per raised stage of a ladder with `notify`, in
 *    the order of `escalations`. A template that fails to render gives a notice instead.
 * Status and satisfaction are decided by date only; `dueTime` is informative.
 *
 * INVARIANT: `preparePolicy` does all per-policy work once (ajv validator, calendar, condition
 * closures, event-type tables, Handlebars templates); evaluating a case never re-parses, re-compiles
 * or re-checks.
 * INVARIANT: a policy with no approvals, limits, constraints, ladders, escalation events, criteria or
 * templates pays nothing for them beyond one flag test (the four arrays they fill are empty).
 * INVARIANT: the hot path (`evaluateNormalized`) uses no regexes and no `Date`, and never re-sorts a
 * case whose events are already in order (which every `NormalizedCase` from the validator is).
 * Pure functions of a day number that recur across cases (month arithmetic, date strings, the words
 * of each due's arithmetic) are memoised by day (`memoByDay` in `explain.ts`); the memos belong to
 * the compiled policy (or are global for date strings), so they never mix calendars.
 * INVARIANT: results depend only on the IR, the case and the as-of date (never on the process time
 * zone, the clock or the order rules were prepared in).
 */

import type { IrCycle, IrCycleStep, IrDeadline, IrDue, IrRule, IrSource, PolicyIR } from './ir.ts';
import { formatPlainDate, parsePlainDate } from './dates.ts';
import type { PlainDate } from './dates.ts';
import { englandAndWalesCalendar } from './calendar.ts';
import type { Holiday, WorkingDayCalendar } from './calendar.ts';
import { createCaseValidator } from './case.ts';
import type { CaseError, CaseValidation, NormalizedCase, NormalizedEvent } from './case.ts';
import { caseError, notice } from './messages.ts';
import type { Notice } from './messages.ts';
import { MalformedIrError, compileCondition } from './conditions.ts';
import type { Condition, ConditionScope } from './conditions.ts';
import { describeMetBy, describeOutcome, dueDates, dueDescriber, isoDate, longDate } from './explain.ts';
import type { DueDescriber } from './explain.ts';
import { compileApprovals, evaluateApprovals } from './approvals.ts';
import type { CompiledApproval } from './approvals.ts';
import { compileConstraints, compileLimits, cyclesRead, evaluateConstraints, evaluateLimits } from './limits.ts';
import type { CompiledConstraint, CompiledLimit, CycleOccurrence } from './limits.ts';
import { LADDER_EVENTS, compileLadders, evaluateLadders } from './ladders.ts';
import type { CompiledLadder, LadderEvaluation } from './ladders.ts';
import { compileCriteria, evaluateCriteria } from './criteria.ts';
import type { CompiledCriteria } from './criteria.ts';
import { compileTemplate, renderTemplate } from './notify.ts';
import type { CompiledTemplate, NotificationContextBase } from './notify.ts';
import type {
  CriteriaResult,
  Escalation,
  Evaluation,
  EvaluationResult,
  Notification,
  Obligation,
  ObligationAnchor,
  ObligationStatus,
  SupersededObligation,
  Violation,
} from './result.ts';

/** Options of `preparePolicy`. */
export interface PrepareOptions {
  /** The working-day calendar; by default England and Wales with the policy's own additions and removals. */
  readonly calendar?: WorkingDayCalendar;
  /**
   * Build explanation strings (default true). With false, `explanation` is '' (superseded `reason`s
   * are still given): for simulations over many cases that never show them.
   */
  readonly explanations?: boolean;
}

/** A policy prepared for evaluation: compile once, evaluate many. */
export interface CompiledPolicy {
  /** The IR it was prepared from. */
  readonly ir: PolicyIR;
  /** The working-day calendar due dates are counted on. */
  readonly calendar: WorkingDayCalendar;
  /** Validates and normalises a case input (see `runtime/case.ts`). */
  validate(input: unknown): CaseValidation;
  /**
   * Validates `input` and evaluates it on `asOf` (`YYYY-MM-DD`). Returns every problem with the input
   * (an invalid `asOf` is an error with path `asOf`) instead of a result.
   */
  evaluate(input: unknown, asOf: string): Evaluation;
  /** Evaluates an already normalised case, without validation (for the simulator and benchmarks). */
  evaluateNormalized(c: NormalizedCase, asOf: PlainDate): EvaluationResult;
}

// ---------------------------------------------------------------------------------------------
// Compiled forms

interface CompiledDue {
  readonly ir: IrDue;
  /** The anchor date moved by the offset, before alignment. */
  readonly offset: (anchor: PlainDate) => PlainDate;
  /** The due date: offset, then aligned. */
  readonly compute: (anchor: PlainDate) => PlainDate;
  /** The arithmetic in words, for explanations. */
  readonly describe: DueDescriber;
}

interface CompiledRuleBase {
  readonly id: string;
  readonly title: string;
  readonly owner: string;
  /** Position of the rule in the rules sorted by id (for sorting obligations without string compares). */
  readonly rank: number;
  /** By event-type id: 1 when that type satisfies the rule. */
  readonly metBy: Uint8Array;
  readonly where: Condition | undefined;
  /** 'review_held', or 'review_held where `...`', for explanations. */
  readonly metByText: string;
}

interface CompiledDeadline extends CompiledRuleBase {
  readonly kind: 'deadline';
  readonly ir: IrDeadline;
  /** Event-type id of the anchor event (-1 for `child_dob`). */
  readonly anchorType: number;
  readonly anchorAttribute: string | undefined;
  /** The anchor event's type is declared `supersedes earlier`. */
  readonly supersedes: boolean;
  readonly due: CompiledDue;
  readonly when: Condition | undefined;
}

interface CompiledStep {
  readonly ir: IrCycleStep;
  readonly due: CompiledDue;
  readonly when: Condition | undefined;
  /** True when measured from the run's start, false when from the previous occurrence. */
  readonly fromRunStart: boolean;
}

interface CompiledCycle extends CompiledRuleBase {
  readonly kind: 'cycle';
  readonly ir: IrCycle;
  readonly starts: Uint8Array;
  readonly ends: Uint8Array;
  readonly restarts: Uint8Array;
  /** Index k: the steps of ordinal k (undefined when there are none). */
  readonly byOrdinal: readonly (readonly CompiledStep[] | undefined)[];
  readonly repeat: readonly CompiledStep[];
  readonly when: Condition | undefined;
}

type CompiledRule = CompiledDeadline | CompiledCycle;

/** An obligation found during evaluation, before it is turned into strings. */
interface Draft {
  readonly rule: CompiledRule;
  readonly step: CompiledStep | undefined;
  readonly due: CompiledDue;
  readonly occurrence: number;
  /** The anchor event; undefined for `child_dob`. */
  readonly anchorEvent: NormalizedEvent | undefined;
  readonly anchorAttribute: string | undefined;
  readonly anchorDate: PlainDate;
  /** For cycles: true when the anchor is the event that met the previous occurrence. */
  readonly previous: boolean;
  readonly dueDate: PlainDate;
  /** Lower bound of the search for a satisfying event (undefined: any date). */
  readonly searchFrom: PlainDate | undefined;
  readonly satisfier: NormalizedEvent | undefined;
  readonly status: ObligationStatus;
  /** For cycles: the event that ended or restarted the run, when it did. */
  readonly runEnd: NormalizedEvent | undefined;
}

/** A superseded obligation, before it is turned into strings. */
interface SupersededDraft {
  readonly rule: CompiledRule;
  readonly occurrence: number;
  readonly anchorEvent: NormalizedEvent | undefined;
  readonly anchorAttribute: string | undefined;
  readonly anchorDate: PlainDate;
  readonly dueDate: PlainDate;
  /** The event that superseded it. */
  readonly by: NormalizedEvent;
  readonly why: 'ended' | 'restarted' | 'rearranged';
}

/** Per-evaluation state. */
interface EvalState {
  readonly events: readonly NormalizedEvent[];
  /** Number of events considered (those on or before `asOf`: a prefix of `events`). */
  readonly n: number;
  /** Event-type id of each considered event (-1: undeclared). */
  readonly types: Int32Array;
  readonly asOf: PlainDate;
  readonly scope: ConditionScope;
  readonly drafts: Draft[];
  readonly superseded: SupersededDraft[];
}

function compileDue(due: IrDue, calendar: WorkingDayCalendar, where: string): CompiledDue {
  const amount = due.offset.amount;
  if (!Number.isSafeInteger(amount) || amount < 0) throw new MalformedIrError(`${where}: offset ${String(amount)} is not a non-negative integer`);
  // Month and year arithmetic is memoised by day per rule step (`shifter`), since the same anchors
  // recur across evaluations.
  const { offset, compute } = dueDates(due, calendar);
  return { ir: due, offset, compute, describe: dueDescriber(due, calendar, offset, compute) };
}

function flags(names: readonly string[], typeIds: ReadonlyMap<string, number>, count: number, where: string): Uint8Array {
  const out = new Uint8Array(count);
  for (const name of names) {
    const id = typeIds.get(name);
    if (id === undefined) throw new MalformedIrError(`${where}: undeclared event \`${name}\``);
    out[id] = 1;
  }
  return out;
}

function compileRule(rule: IrRule, rank: number, ir: PolicyIR, calendar: WorkingDayCalendar, typeIds: ReadonlyMap<string, number>): CompiledRule {
  const count = typeIds.size;
  const at = `rule \`${rule.id}\``;
  const base = {
    id: rule.id,
    title: rule.title,
    owner: rule.owner,
    rank,
    metBy: flags(rule.metBy.events, typeIds, count, at),
    where: rule.metBy.where === undefined ? undefined : compileCondition(rule.metBy.where, ir, `the \`met by\` of rule \`${rule.id}\``, calendar),
    metByText: describeMetBy(rule.metBy.events, rule.metBy.where?.text),
  };
  const when = rule.when === undefined ? undefined : compileCondition(rule.when, ir, `the \`when\` of rule \`${rule.id}\``, calendar);
  if (rule.kind === 'deadline') {
    const anchor = rule.due.anchor;
    let anchorType = -1;
    let anchorAttribute: string | undefined;
    switch (anchor.kind) {
      case 'event':
        anchorType = typeIds.get(anchor.event) ?? -1;
        if (anchorType < 0) throw new MalformedIrError(`${at}: undeclared anchor event \`${anchor.event}\``);
        break;
      case 'event_attribute':
        anchorType = typeIds.get(anchor.event) ?? -1;
        if (anchorType < 0) throw new MalformedIrError(`${at}: undeclared anchor event \`${anchor.event}\``);
        anchorAttribute = anchor.attribute;
        break;
      case 'child_dob':
        break;
      default:
        throw new MalformedIrError(`${at}: a deadline cannot be measured from \`${anchor.kind}\``);
    }
    const supersedes = anchorAttribute !== undefined && ir.events.some((e) => e.name === (anchor as { event: string }).event && e.supersedes === true);
    return { ...base, kind: 'deadline', ir: rule, anchorType, anchorAttribute, supersedes, due: compileDue(rule.due, calendar, at), when };
  }
  const byOrdinal: CompiledStep[][] = [];
  const repeat: CompiledStep[] = [];
  for (const step of rule.steps) {
    const kind = step.due.anchor.kind;
    if (kind !== 'run_start' && kind !== 'previous') {
      throw new MalformedIrError(`${at}: a cycle step cannot be measured from \`${kind}\``);
    }
    const label = `step ${String(step.ordinal)} of rule \`${rule.id}\``;
    const compiled: CompiledStep = {
      ir: step,
      due: compileDue(step.due, calendar, label),
      when: step.when === undefined ? undefined : compileCondition(step.when, ir, `the \`when\` of ${label}`, calendar),
      fromRunStart: kind === 'run_start',
    };
    if (step.ordinal === 'repeat') repeat.push(compiled);
    else {
      if (!Number.isSafeInteger(step.ordinal) || step.ordinal < 1) throw new MalformedIrError(`${at}: step ordinal ${step.ordinal} is not 1, 2, 3...`);
      (byOrdinal[step.ordinal] ??= []).push(compiled);
    }
  }
  return {
    ...base,
    kind: 'cycle',
    ir: rule,
    starts: flags(rule.startsOn, typeIds, count, at),
    ends: flags(rule.endsOn, typeIds, count, at),
    restarts: flags(rule.restartsOn, typeIds, count, at),
    byOrdinal,
    repeat,
    when,
  };
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** Index of the first considered event dated on or after `date` (events are sorted by date). */
function lowerBound(events: readonly NormalizedEvent[], n: number, date: PlainDate): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as NormalizedEvent).date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function statusOf(dueDate: PlainDate, satisfier: NormalizedEvent | undefined, asOf: PlainDate): ObligationStatus {
  if (satisfier !== undefined) return satisfier.date <= dueDate ? 'met' : 'met_late';
  return asOf > dueDate ? 'overdue' : 'open';
}

/** Scratch marks of events used by a cycle's occurrences: `used[i] === stamp` means used. */
class UsedMarks {
  private marks = new Int32Array(64);
  private stamp = 0;

  /** Starts a new set of marks for `n` events. */
  reset(n: number): void {
    if (this.marks.length < n) this.marks = new Int32Array(Math.max(n, this.marks.length * 2));
    this.stamp++;
    if (this.stamp === 0x7fffffff) {
      this.marks.fill(0);
      this.stamp = 1;
    }
  }

  has(i: number): boolean {
    return this.marks[i] === this.stamp;
  }

  add(i: number): void {
    this.marks[i] = this.stamp;
  }
}

/**
 * Index of the first satisfying event (date order) dated on or after `fromDate` and on or before
 * `until`, whose type meets the rule and whose `where` holds, that is not `skipA`/`skipB` and not
 * marked in `used`; -1 if none.
 */
function findSatisfier(
  st: EvalState,
  rule: CompiledRule,
  fromDate: PlainDate,
  until: PlainDate,
  anchorDate: PlainDate,
  skipA: number,
  skipB: number,
  used: UsedMarks | undefined,
): number {
  const { events, types, n } = st;
  const metBy = rule.metBy;
  const where = rule.where;
  for (let j = fromDate === -Infinity ? 0 : lowerBound(events, n, fromDate); j < n; j++) {
    const e = events[j] as NormalizedEvent;
    if (e.date > until) break;
    const t = types[j] as number;
    if (t < 0 || metBy[t] === 0 || j === skipA || j === skipB) continue;
    if (used !== undefined && used.has(j)) continue;
    if (where !== undefined && !where(st.scope, anchorDate, e)) continue;
    return j;
  }
  return -1;
}

function evaluateDeadline(st: EvalState, rule: CompiledDeadline): void {
  const { events, types, n, asOf, scope } = st;
  if (rule.anchorType < 0) {
    // child_dob: one obligation.
    const dob = scope.case.child.dob;
    if (rule.when !== undefined && !rule.when(scope, dob, undefined)) return;
    const dueDate = rule.due.compute(dob);
    const j = findSatisfier(st, rule, -Infinity, Infinity, dob, -1, -1, undefined);
    const satisfier = j < 0 ? undefined : events[j];
    st.drafts.push({
      rule, step: undefined, due: rule.due, occurrence: 1, anchorEvent: undefined, anchorAttribute: undefined, anchorDate: dob,
      previous: false, dueDate, searchFrom: undefined, satisfier, status: statusOf(dueDate, satisfier, asOf), runEnd: undefined,
    });
    return;
  }
  const anchorType = rule.anchorType;
  const attribute = rule.anchorAttribute;
  let occurrence = 0;
  for (let i = 0; i < n; i++) {
    if (types[i] !== anchorType) continue;
    occurrence++;
    const ev = events[i] as NormalizedEvent;
    let anchorDate = ev.date;
    if (attribute !== undefined) {
      const value = ev.attributes[attribute];
      if (typeof value !== 'number') {
        scope.notices.push(notice('notice/anchor-attribute-missing', { event: ev.type, attribute, rule: rule.id }, { date: formatPlainDate(ev.date) }));
        continue;
      }
      anchorDate = value;
    }
    if (rule.when !== undefined && !rule.when(scope, anchorDate, ev)) continue;
    const dueDate = rule.due.compute(anchorDate);
    if (attribute !== undefined && rule.supersedes) {
      // Rearranged before the day it was due: a later event of the same type dated before anchorDate.
      let by = -1;
      for (let j = i + 1; j < n && (events[j] as NormalizedEvent).date < anchorDate; j++) {
        if (types[j] === anchorType) {
          by = j;
          break;
        }
      }
      if (by >= 0) {
        st.superseded.push({ rule, occurrence, anchorEvent: ev, anchorAttribute: attribute, anchorDate, dueDate, by: events[by] as NormalizedEvent, why: 'rearranged' });
        continue;
      }
    }
    const j = findSatisfier(st, rule, ev.date, Infinity, anchorDate, i, -1, undefined);
    const satisfier = j < 0 ? undefined : events[j];
    st.drafts.push({
      rule, step: undefined, due: rule.due, occurrence, anchorEvent: ev, anchorAttribute: attribute, anchorDate,
      previous: false, dueDate, searchFrom: ev.date, satisfier, status: statusOf(dueDate, satisfier, asOf), runEnd: undefined,
    });
  }
}

function evaluateRun(st: EvalState, rule: CompiledCycle, start: number, end: number, used: UsedMarks): void {
  const { events, asOf, scope } = st;
  const startEvent = events[start] as NormalizedEvent;
  if (rule.when !== undefined && !rule.when(scope, startEvent.date, startEvent)) return;
  const endEvent = end < 0 ? undefined : (events[end] as NormalizedEvent);
  const until = endEvent === undefined ? Infinity : endEvent.date;
  let previous = start;
  for (let k = 1; ; k++) {
    const candidates = rule.byOrdinal[k] ?? rule.repeat;
    let step: CompiledStep | undefined;
    let anchorIndex = start;
    for (const s of candidates) {
      const a = s.fromRunStart ? start : previous;
      if (s.when === undefined || s.when(scope, (events[a] as NormalizedEvent).date, events[a])) {
        step = s;
        anchorIndex = a;
        break;
      }
    }
    if (step === undefined) {
      if (candidates.length > 0) {
        scope.notices.push(notice('notice/no-step-applies', { rule: rule.id, occurrence: k, event: startEvent.type }, { date: formatPlainDate(startEvent.date) }));
      }
      return;
    }
    const anchorEvent = events[anchorIndex] as NormalizedEvent;
    const anchorDate = anchorEvent.date;
    const dueDate = step.due.compute(anchorDate);
    const j = findSatisfier(st, rule, anchorDate, until, anchorDate, anchorIndex, start, used);
    if (j < 0) {
      if (endEvent !== undefined && dueDate >= endEvent.date) {
        st.superseded.push({
          rule, occurrence: k, anchorEvent, anchorAttribute: undefined, anchorDate, dueDate, by: endEvent,
          why: (rule.restarts[st.types[end] as number] ?? 0) === 1 ? 'restarted' : 'ended',
        });
      } else {
        st.drafts.push({
          rule, step, due: step.due, occurrence: k, anchorEvent, anchorAttribute: undefined, anchorDate, previous: anchorIndex !== start,
          dueDate, searchFrom: anchorDate, satisfier: undefined, status: statusOf(dueDate, undefined, asOf), runEnd: endEvent,
        });
      }
      return;
    }
    used.add(j);
    const satisfier = events[j] as NormalizedEvent;
    st.drafts.push({
      rule, step, due: step.due, occurrence: k, anchorEvent, anchorAttribute: undefined, anchorDate, previous: anchorIndex !== start,
      dueDate, searchFrom: anchorDate, satisfier, status: statusOf(dueDate, satisfier, asOf), runEnd: endEvent,
    });
    previous = j;
  }
}

function evaluateCycle(st: EvalState, rule: CompiledCycle, used: UsedMarks): void {
  const { types, n } = st;
  used.reset(n);
  let start = -1;
  for (let j = 0; j < n; j++) {
    const t = types[j] as number;
    if (t < 0) continue;
    if (start < 0) {
      if (rule.starts[t] === 1) start = j;
    } else if (rule.restarts[t] === 1) {
      evaluateRun(st, rule, start, j, used);
      start = j;
    } else if (rule.ends[t] === 1) {
      evaluateRun(st, rule, start, j, used);
      start = -1;
    }
  }
  if (start >= 0) evaluateRun(st, rule, start, -1, used);
}

function byDueRuleOccurrence(
  a: { readonly dueDate: PlainDate; readonly rule: CompiledRule; readonly occurrence: number },
  b: { readonly dueDate: PlainDate; readonly rule: CompiledRule; readonly occurrence: number },
): number {
  return a.dueDate - b.dueDate || a.rule.rank - b.rule.rank || a.occurrence - b.occurrence;
}

/** Sorts in place, stably: insertion sort for the short lists of one case, `Array.sort` beyond. */
function sortSmall<T>(xs: T[], compare: (a: T, b: T) => number): T[] {
  if (xs.length > 32) return xs.sort(compare);
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(xs[j] as T, x) > 0) {
      xs[j + 1] = xs[j] as T;
      j--;
    }
    xs[j + 1] = x;
  }
  return xs;
}

function anchorOf(event: NormalizedEvent | undefined, attribute: string | undefined, date: PlainDate): ObligationAnchor {
  if (event === undefined) return { event: 'child.dob', date: isoDate(date) };
  return attribute === undefined ? { event: event.type, date: isoDate(date) } : { event: event.type, date: isoDate(date), attribute };
}

function anchorLabel(d: Draft): string {
  if (d.anchorEvent === undefined) return "the child's date of birth";
  if (d.anchorAttribute !== undefined) return `${d.anchorEvent.type}.${d.anchorAttribute}`;
  return d.anchorEvent.type;
}

function explain(d: Draft, asOf: PlainDate): string {
  const stepWhen = d.step?.ir.when?.text;
  let head = `${d.rule.id} (occurrence ${d.occurrence}${stepWhen === undefined ? '' : `, the step for \`${stepWhen}\``})`;
  if (d.anchorAttribute !== undefined && d.anchorEvent !== undefined) {
    head += `, for the \`${d.anchorEvent.type}\` recorded on ${longDate(d.anchorEvent.date)}`;
  }
  const note = d.previous ? ` (which met occurrence ${d.occurrence - 1})` : '';
  let text = `${head}: ${d.due.describe(anchorLabel(d), note, d.anchorDate)}`;
  text += `; ${describeOutcome({
    metBy: d.rule.metByText,
    dueDate: d.dueDate,
    asOf,
    searchFrom: d.searchFrom,
    satisfier: d.satisfier,
    runEnd: d.runEnd,
  })}`;
  const citation = d.step?.ir.citation ?? d.rule.ir.citation;
  return `${text}. Source: ${citation}.`;
}

function toObligation(d: Draft, asOf: PlainDate, explanations: boolean): Obligation {
  const step = d.step?.ir;
  const citation = step?.citation ?? d.rule.ir.citation;
  const source: IrSource = step?.source ?? d.rule.ir.source;
  const time = d.due.ir.time;
  const anchor = anchorOf(d.anchorEvent, d.anchorAttribute, d.anchorDate);
  const dueText = isoDate(d.dueDate);
  const explanation = explanations ? explain(d, asOf) : '';
  const { id: rule, title, owner } = d.rule;
  const { occurrence, status } = d;
  // One object literal per combination of optional fields: the JSON reads in the order of the
  // `Obligation` interface, with no `undefined` values, and each shape stays monomorphic.
  if (d.satisfier === undefined) {
    return time === undefined
      ? { rule, occurrence, title, owner, anchor, due: dueText, status, citation, explanation, source }
      : { rule, occurrence, title, owner, anchor, due: dueText, dueTime: time, status, citation, explanation, source };
  }
  const satisfiedOn = isoDate(d.satisfier.date);
  return time === undefined
    ? { rule, occurrence, title, owner, anchor, due: dueText, status, satisfiedOn, citation, explanation, source }
    : { rule, occurrence, title, owner, anchor, due: dueText, dueTime: time, status, satisfiedOn, citation, explanation, source };
}

function reasonOf(s: SupersededDraft): string {
  const by = `${s.by.type} on ${longDate(s.by.date)}`;
  switch (s.why) {
    case 'ended':
      return `the run ended with ${by}, before this occurrence was met or fell due (due ${longDate(s.dueDate)})`;
    case 'restarted':
      return `the run was restarted by ${by}, before this occurrence was met or fell due (due ${longDate(s.dueDate)}); a new run starts from that event`;
    case 'rearranged': {
      const attribute = s.anchorAttribute ?? '';
      const value = s.by.attributes[attribute];
      const target = typeof value === 'number' ? ` for ${longDate(value)}` : '';
      return `rearranged: a later ${s.by.type} recorded on ${longDate(s.by.date)}${target} replaced the one for ${longDate(s.anchorDate)} before it happened`;
    }
  }
}

function toSuperseded(s: SupersededDraft): SupersededObligation {
  return {
    rule: s.rule.id,
    occurrence: s.occurrence,
    anchor: anchorOf(s.anchorEvent, s.anchorAttribute, s.anchorDate),
    due: isoDate(s.dueDate),
    reason: reasonOf(s),
  };
}

function isSorted(events: readonly NormalizedEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    const a = events[i - 1] as NormalizedEvent;
    const b = events[i] as NormalizedEvent;
    if (a.date > b.date || (a.date === b.date && a.index > b.index)) return false;
  }
  return true;
}

function dedupe(notices: readonly Notice[]): Notice[] {
  if (notices.length < 2) return notices.slice();
  const seen = new Set<string>();
  return notices.filter((n) => {
    if (seen.has(n.message)) return false;
    seen.add(n.message);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Approvals, limits, constraints, ladders, criteria and notifications (IR v2)

/** Everything of IR v2 a policy may have besides its rules, prepared once. */
interface Extras {
  readonly approvals: readonly CompiledApproval[];
  readonly limits: readonly CompiledLimit[];
  readonly constraints: readonly CompiledConstraint[];
  /** The cycles whose occurrences limits and constraints read. */
  readonly cyclesRead: ReadonlySet<string>;
  readonly ladders: readonly CompiledLadder[];
  readonly laddersById: ReadonlyMap<string, CompiledLadder>;
  /** Event-type ids of the escalation events the policy declares (read even with no ladder, to report names it lacks). */
  readonly ladderTypes: readonly number[];
  readonly criteria: readonly CompiledCriteria[];
  /** By rule id: the templates of deadlines and cycles. */
  readonly ruleTemplates: ReadonlyMap<string, CompiledTemplate>;
  /** By rule id: the rule's own citation (`rule.citation` in templates; an obligation's may be its step's). */
  readonly ruleCitations: ReadonlyMap<string, string>;
  /** By ladder id. */
  readonly ladderTemplates: ReadonlyMap<string, CompiledTemplate>;
  /** False when all of the above are empty: the evaluator then skips this part entirely. */
  readonly any: boolean;
}

function compileExtras(ir: PolicyIR, calendar: WorkingDayCalendar, typeIds: ReadonlyMap<string, number>): Extras {
  const ladders = compileLadders(ir, calendar);
  const ladderTypes = [LADDER_EVENTS.raised, LADDER_EVENTS.response, LADDER_EVENTS.resolved]
    .map((name) => typeIds.get(name))
    .filter((id): id is number => id !== undefined);
  const ruleTemplates = new Map<string, CompiledTemplate>();
  for (const r of ir.rules) if (r.notify !== undefined) ruleTemplates.set(r.id, compileTemplate(r.notify, r.id, r.kind));
  const ladderTemplates = new Map<string, CompiledTemplate>();
  for (const l of ir.ladders) if (l.notify !== undefined) ladderTemplates.set(l.id, compileTemplate(l.notify, l.id, 'ladder'));
  const limits = compileLimits(ir, calendar);
  const constraints = compileConstraints(ir);
  const extras = {
    approvals: compileApprovals(ir, calendar),
    limits,
    constraints,
    cyclesRead: cyclesRead(limits, constraints),
    ladders,
    laddersById: new Map(ladders.map((l) => [l.ir.id, l])),
    ladderTypes,
    criteria: compileCriteria(ir, calendar),
    ruleTemplates,
    ruleCitations: new Map(ir.rules.map((r) => [r.id, r.citation])),
    ladderTemplates,
  };
  const any =
    extras.approvals.length + extras.limits.length + extras.constraints.length + ladders.length + ladderTypes.length + extras.criteria.length + ruleTemplates.size > 0;
  return { ...extras, any };
}

/**
 * The occurrences of the cycles in `cycles` found in this evaluation (obligations and superseded
 * alike), by rule id. (A loop, not closures: the hot path creates no functions.)
 */
function cycleOccurrences(st: EvalState, cycles: ReadonlySet<string>): Map<string, CycleOccurrence[]> {
  const byRule = new Map<string, CycleOccurrence[]>();
  for (const id of cycles) byRule.set(id, []);
  for (const d of st.drafts) {
    if (d.rule.kind !== 'cycle' || d.anchorEvent === undefined) continue;
    byRule.get(d.rule.id)?.push({ rule: d.rule.id, occurrence: d.occurrence, anchor: d.anchorEvent, dueDate: d.dueDate, end: d.satisfier ?? d.runEnd, met: d.satisfier !== undefined });
  }
  for (const s of st.superseded) {
    if (s.rule.kind !== 'cycle' || s.anchorEvent === undefined) continue;
    byRule.get(s.rule.id)?.push({ rule: s.rule.id, occurrence: s.occurrence, anchor: s.anchorEvent, dueDate: s.dueDate, end: s.by, met: false });
  }
  return byRule;
}

function byEvent(a: Violation, b: Violation): number {
  const x = a.event;
  const y = b.event;
  if (x.date !== y.date) return x.date < y.date ? -1 : 1;
  if (x.index !== y.index) return x.index - y.index;
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}

interface ExtraResults {
  readonly violations: Violation[];
  readonly escalations: Escalation[];
  readonly criteria: CriteriaResult[];
  readonly notifications: Notification[];
}

function evaluateExtras(
  ir: PolicyIR,
  x: Extras,
  st: EvalState,
  calendar: WorkingDayCalendar,
  obligations: readonly Obligation[],
  explanations: boolean,
): ExtraResults {
  const { scope } = st;
  const violations: Violation[] = [];
  if (x.approvals.length > 0) evaluateApprovals(x.approvals, scope, calendar, violations);
  if (x.limits.length > 0 || x.constraints.length > 0) {
    const occurrences = cycleOccurrences(st, x.cyclesRead);
    if (x.limits.length > 0) evaluateLimits(x.limits, scope, occurrences, violations);
    if (x.constraints.length > 0) evaluateConstraints(x.constraints, scope, occurrences, violations);
  }
  let ladders: LadderEvaluation = { escalations: [], raised: [] };
  if (x.ladders.length > 0 || x.ladderTypes.length > 0) {
    let present = false;
    for (let i = 0; i < st.n && !present; i++) present = x.ladderTypes.includes(st.types[i] as number);
    if (present) ladders = evaluateLadders(x.ladders, x.laddersById, scope, explanations, violations);
  }
  const criteria = x.criteria.length === 0 ? [] : evaluateCriteria(x.criteria, scope);
  const notifications: Notification[] = [];
  if (x.ruleTemplates.size > 0 || x.ladderTemplates.size > 0) {
    const c = scope.case;
    const base: Omit<NotificationContextBase, 'rule'> = {
      case: { id: c.id },
      child: { dob: isoDate(c.child.dob) },
      policy: { id: ir.id, title: ir.title, version: ir.version ?? '' },
      asOf: isoDate(st.asOf),
    };
    for (const o of obligations) {
      const t = x.ruleTemplates.get(o.rule);
      if (t === undefined || (o.status !== 'open' && o.status !== 'overdue')) continue;
      const rendered = renderTemplate(
        t,
        {
          ...base,
          rule: { id: o.rule, title: o.title, citation: x.ruleCitations.get(o.rule) ?? o.citation },
          obligation: {
            occurrence: o.occurrence,
            due: o.due,
            dueTime: o.dueTime ?? '',
            owner: o.owner,
            status: o.status,
            anchor: { event: o.anchor.event, date: o.anchor.date },
          },
        },
        scope.notices,
      );
      if (rendered !== undefined) notifications.push({ rule: o.rule, ...rendered, obligation: { rule: o.rule, occurrence: o.occurrence } });
    }
    ladders.escalations.forEach((e, k) => {
      const t = x.ladderTemplates.get(e.ladder);
      const raised = ladders.raised[k];
      if (t === undefined || raised === undefined) return;
      const l = raised.ladder.ir;
      const rendered = renderTemplate(
        t,
        {
          ...base,
          rule: { id: l.id, title: l.title, citation: l.citation },
          ladder: { id: l.id, title: l.title },
          stage: {
            number: e.stage,
            title: e.stageTitle ?? '',
            due: e.due ?? '',
            raisedOn: e.raisedOn,
            respondents: e.respondents.join(', '),
            copied: e.copied.join(', '),
          },
        },
        scope.notices,
      );
      if (rendered !== undefined) notifications.push({ rule: l.id, ...rendered, escalation: { ladder: e.ladder, instance: e.instance, stage: e.stage } });
    });
  }
  return { violations: violations.length < 2 ? violations : violations.sort(byEvent), escalations: ladders.escalations, criteria, notifications };
}

function calendarFor(ir: PolicyIR): WorkingDayCalendar {
  const add: Holiday[] = ir.calendar.add.map((h) => {
    const date = parsePlainDate(h.date);
    if (date === undefined) throw new MalformedIrError(`calendar: \`${h.date}\` is not a YYYY-MM-DD date`);
    return { date, name: h.name };
  });
  const remove: PlainDate[] = ir.calendar.remove.map((h) => {
    const date = parsePlainDate(h.date);
    if (date === undefined) throw new MalformedIrError(`calendar: \`${h.date}\` is not a YYYY-MM-DD date`);
    return date;
  });
  return englandAndWalesCalendar({ add, remove });
}

function asOfError(asOf: unknown): CaseError {
  const value = { value: String(asOf).length > 60 ? `${String(asOf).slice(0, 57)}...` : String(asOf) };
  if (typeof asOf !== 'string') return caseError('case/as-of-not-a-string', ['asOf'], {}, value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return caseError('case/as-of-not-a-real-date', ['asOf'], {}, value);
  return caseError('case/as-of-not-a-date', ['asOf'], {}, value);
}

/**
 * Prepares a policy for evaluation, doing all per-policy work once: the case validator (ajv), the
 * calendar (England and Wales with `ir.calendar`'s additions and removals, unless `options.calendar`
 * is given), condition closures and event-type tables. Throws `MalformedIrError` if the IR breaks its
 * contract (an undeclared name, an anchor a rule kind cannot have, operands of incompatible types).
 */
export function preparePolicy(ir: PolicyIR, options: PrepareOptions = {}): CompiledPolicy {
  const calendar = options.calendar ?? calendarFor(ir);
  const explanations = options.explanations ?? true;
  const validator = createCaseValidator(ir);
  const typeIds = new Map<string, number>(ir.events.map((e, i) => [e.name, i]));
  const ranks = new Map<string, number>(
    ir.rules
      .map((r) => r.id)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((id, i) => [id, i]),
  );
  const rules: CompiledRule[] = ir.rules.map((r) => compileRule(r, ranks.get(r.id) ?? 0, ir, calendar, typeIds));
  const extras = compileExtras(ir, calendar, typeIds);
  const used = new UsedMarks();
  let types = new Int32Array(64);
  const policyId = ir.id;
  const policyVersion = ir.version;

  const evaluateNormalized = (c: NormalizedCase, asOf: PlainDate): EvaluationResult => {
    const events = isSorted(c.events) ? c.events : [...c.events].sort((a, b) => a.date - b.date || a.index - b.index);
    let n = events.length;
    while (n > 0 && (events[n - 1] as NormalizedEvent).date > asOf) n--;
    if (types.length < n) types = new Int32Array(Math.max(n, types.length * 2));
    for (let i = 0; i < n; i++) types[i] = typeIds.get((events[i] as NormalizedEvent).type) ?? -1;
    const notices: Notice[] = [];
    const later = events.length - n;
    if (later > 0) notices.push(notice('notice/events-after-as-of', { count: later, asOf: formatPlainDate(asOf) }));
    const st: EvalState = { events, n, types, asOf, scope: { case: c, asOf, events, n, notices }, drafts: [], superseded: [] };
    for (const rule of rules) {
      if (rule.kind === 'deadline') evaluateDeadline(st, rule);
      else evaluateCycle(st, rule, used);
    }
    const drafts = sortSmall(st.drafts, byDueRuleOccurrence);
    const obligations: Obligation[] = new Array<Obligation>(drafts.length);
    for (let i = 0; i < drafts.length; i++) obligations[i] = toObligation(drafts[i] as Draft, asOf, explanations);
    const superseded = st.superseded.length === 0 ? [] : sortSmall(st.superseded, byDueRuleOccurrence).map(toSuperseded);
    const policy = policyVersion === undefined ? { id: policyId } : { id: policyId, version: policyVersion };
    if (!extras.any) {
      return { policy, case: c.id, asOf: isoDate(asOf), obligations, superseded, violations: [], escalations: [], criteria: [], notifications: [], notices: dedupe(notices) };
    }
    const x = evaluateExtras(ir, extras, st, calendar, obligations, explanations);
    return {
      policy,
      case: c.id,
      asOf: isoDate(asOf),
      obligations,
      superseded,
      violations: x.violations,
      escalations: x.escalations,
      criteria: x.criteria,
      notifications: x.notifications,
      notices: dedupe(notices),
    };
  };

  return {
    ir,
    calendar,
    validate: validator,
    evaluateNormalized,
    evaluate(input: unknown, asOf: string): Evaluation {
      const date = typeof asOf === 'string' ? parsePlainDate(asOf) : undefined;
      const v = validator(input);
      if (date === undefined) return { ok: false, errors: v.ok ? [asOfError(asOf)] : [asOfError(asOf), ...v.errors] };
      if (!v.ok) return { ok: false, errors: v.errors };
      return { ok: true, result: evaluateNormalized(v.case, date) };
    },
  };
}
