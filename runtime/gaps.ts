/**
 * Silent gaps: rules the case shows to apply but that could not be measured, because an event they
 * are measured from is missing. Each gap is a notice naming the rule and the event that would make it
 * measurable.
 *
 * Input: the policy's IR (compiled once by `compileGaps`), then per case the events considered (sorted,
 * the first `n` of them: those on or before the as-of date, repeats left out) and the notices array.
 * Output: notices appended to that array, in the order below; nothing else is changed.
 *
 * "Not measurable" versus "not triggered": a rule whose trigger did not happen is not a gap (a review
 * never arranged has no preparation deadline, and says nothing). A gap is a rule whose trigger
 * happened, or which the case otherwise shows to apply, but which yields no obligation or check:
 * 1. `notice/cycle-not-started`, per cycle: the first event that would meet an occurrence of the
 *    cycle (its `met by` type, its `where` holding, read on that event's date), restart its run
 *    (`restarts on`), or be checked against its occurrences (the event of a constraint on the cycle,
 *    or of a limit per occurrence of it, the limit's `where` holding), dated before every event that
 *    starts a run (`runs from`): the cycle plainly applies (a review was held or arranged, a placement
 *    changed) but no run started, so no occurrence is due and nothing is checked against one.
 *    Not reported when another cycle to which the same event type matters in any of these ways (or
 *    which it starts) has a start on or before that event (the event belongs to that cycle: an
 *    adoption review held before placement belongs to the cycle that runs until placement), nor for
 *    events after a start (a review held after the child ceased to be looked after is outside the
 *    scope, not a gap).
 * 2. `notice/decision-without-request`, per decision event: the approvals whose decision it is and
 *    that found no request to pair it with (pairing as `runtime/approvals.ts` does: the latest
 *    request on or before the decision not taken by an earlier decision of the same approval), grouped
 *    by the request event they lack. The approval reports the decision as a violation too; the notice
 *    adds what could not be checked (who approved, the steps required) and what would make it so.
 * 3. `notice/approved-step-not-recorded`, per approval decision: an order puts a later step after
 *    the decision (`step S after D`, D an approval's decision event; its `where`s holding and, with
 *    `matched by`, the same key), deadlines or duties are measured from S, and no S is recorded on or
 *    after the decision (up to the as-of date): those rules could not be measured for it. A rule whose
 *    own condition on S (a duty's `where`, a deadline's `when`) cannot hold together with the order's
 *    `where` on S, by their literal requirements on S's attributes, is not named (Bristol's emergency
 *    duties, for an order on postponements that are not emergencies). Bristol: a
 *    postponement approved but never recorded as taking effect leaves the 3-working-day rearrangement
 *    unmeasured. It is a notice, not a violation: the step may simply not have happened yet.
 * Other gaps are reported where they arise, by the kinds themselves: a deadline or duty measured from
 * an optional date attribute the event lacks (`notice/anchor-attribute-missing`), an approval's notice
 * measured from a missing attribute (`notice/approval-notice-unchecked`), a constraint reading a
 * missing attribute (`notice/constraint-unchecked`), a cycle occurrence no step applies to
 * (`notice/no-step-applies`).
 *
 * INVARIANT: a policy with no cycles and no approvals compiles to `undefined` and costs nothing per
 * case; otherwise the per-case work is one scan of the events before each cycle's first start, one
 * pass over each approval's decisions, and two passes over the events per order on a decision. No
 * `Date`, no regexes; the conditions read a scratch notices array, so that evaluating them here adds
 * no notice of their own.
 */

import type { IrCondition, IrOperand, PolicyIR } from './ir.ts';
import type { WorkingDayCalendar } from './calendar.ts';
import type { NormalizedEvent } from './case.ts';
import { compileCondition } from './conditions.ts';
import type { Condition, ConditionScope } from './conditions.ts';
import { formatPlainDate } from './dates.ts';
import { keyOf } from './keys.ts';
import { notice } from './messages.ts';
import type { Notice } from './messages.ts';

interface GapCycle {
  readonly id: string;
  readonly startsOn: readonly string[];
  readonly starts: ReadonlySet<string>;
  /** Event types that meet an occurrence, with the `met by` condition (undefined: none). */
  readonly metBy: ReadonlySet<string>;
  readonly where: Condition | undefined;
  readonly restartsOn: ReadonlySet<string>;
  /** Event types that constraints and per-cycle limits check against the cycle's occurrences, with the limit's `where`. */
  readonly checks: ReadonlyMap<string, readonly (Condition | undefined)[]>;
}

interface GapApproval {
  readonly id: string;
  readonly request: string;
  readonly decision: string;
}

/**
 * An order whose earlier step is an approval's decision and whose later step is an event that other
 * rules are measured from: the decision says that step is to come, and those rules wait for it.
 */
interface GapApprovedStep {
  readonly order: string;
  readonly decision: string;
  readonly decisionWhere: Condition | undefined;
  readonly step: string;
  readonly stepWhere: Condition | undefined;
  readonly key: string | undefined;
  /** The deadlines and duties measured from the step's event type, sorted. */
  readonly rules: readonly string[];
}

/** What `findGaps` needs of a policy, prepared once. */
export interface CompiledGaps {
  readonly cycles: readonly GapCycle[];
  readonly approvals: readonly GapApproval[];
  readonly approvedSteps: readonly GapApprovedStep[];
}

/**
 * What a condition requires of attributes of events of `type` when it holds, read from its top-level
 * `and`: an attribute equal to a literal, not equal to one, or one of a list of literals. Anything
 * else (an `or`, facts, dates) requires nothing here.
 */
function literalRequirements(c: IrCondition | undefined, type: string): { attribute: string; allowed?: readonly unknown[]; not?: unknown }[] {
  if (c === undefined) return [];
  if (c.kind === 'and') return c.items.flatMap((i) => literalRequirements(i, type));
  const onType = (o: IrOperand): o is Extract<IrOperand, { kind: 'attribute' }> => o.kind === 'attribute' && o.event === type;
  if (c.kind === 'compare' && c.op === '=' && onType(c.left) && c.right.kind === 'literal') return [{ attribute: c.left.attribute, allowed: [c.right.value] }];
  if (c.kind === 'not' && c.item.kind === 'compare' && c.item.op === '=' && onType(c.item.left) && c.item.right.kind === 'literal') return [{ attribute: c.item.left.attribute, not: c.item.right.value }];
  if (c.kind === 'in' && !c.negated && onType(c.left) && c.values.every((v) => v.kind === 'literal')) {
    return [{ attribute: c.left.attribute, allowed: c.values.map((v) => (v as Extract<IrOperand, { kind: 'literal' }>).value) }];
  }
  return [];
}

/** True when no event of `type` can meet both conditions, as far as their literal requirements on its attributes tell. */
function exclusive(a: IrCondition | undefined, b: IrCondition | undefined, type: string): boolean {
  const ra = literalRequirements(a, type);
  const rb = literalRequirements(b, type);
  for (const x of ra) {
    for (const y of rb) {
      if (x.attribute !== y.attribute) continue;
      if (x.allowed !== undefined && y.allowed !== undefined && !x.allowed.some((v) => y.allowed?.includes(v))) return true;
      if (x.allowed !== undefined && y.not !== undefined && x.allowed.every((v) => v === y.not)) return true;
      if (y.allowed !== undefined && x.not !== undefined && y.allowed.every((v) => v === x.not)) return true;
    }
  }
  return false;
}

/**
 * The deadlines (due from the event or one of its date attributes, or `also from` it) and duties
 * (`after` it) measured from events of `type` that can apply to one meeting `where`: a rule whose
 * own condition on the event (a duty's `where`, a deadline's `when`) excludes `where` is left out.
 */
function rulesMeasuredFrom(ir: PolicyIR, type: string, where: IrCondition | undefined): string[] {
  const ids: string[] = [];
  for (const r of ir.rules) {
    if (r.kind !== 'deadline') continue;
    const a = r.due.anchor;
    const measured = ((a.kind === 'event' || a.kind === 'event_attribute') && a.event === type) || r.alsoFrom?.includes(type) === true;
    if (measured && !exclusive(r.when, where, type)) ids.push(r.id);
  }
  for (const d of ir.duties ?? []) {
    if (d.trigger.kind === 'event' && d.trigger.event === type && !exclusive(d.trigger.where, where, type)) ids.push(d.id);
  }
  return ids.sort();
}

function condition(c: IrCondition | undefined, ir: PolicyIR, label: string, calendar: WorkingDayCalendar): Condition | undefined {
  return c === undefined ? undefined : compileCondition(c, ir, label, calendar);
}

/** Prepares the gap checks of `ir`; `undefined` when it has neither cycles nor approvals. */
export function compileGaps(ir: PolicyIR, calendar: WorkingDayCalendar): CompiledGaps | undefined {
  const cycles: GapCycle[] = [];
  for (const r of ir.rules) {
    if (r.kind !== 'cycle') continue;
    const checks = new Map<string, (Condition | undefined)[]>();
    const check = (event: string, where: Condition | undefined): void => {
      const list = checks.get(event);
      if (list === undefined) checks.set(event, [where]);
      else list.push(where);
    };
    for (const c of ir.constraints) if (c.cycle === r.id) check(c.event, undefined);
    for (const l of ir.limits) {
      if (l.per.kind === 'cycle' && l.per.rule === r.id) check(l.event, condition(l.where, ir, `limit \`${l.id}\``, calendar));
    }
    cycles.push({
      id: r.id,
      startsOn: r.startsOn,
      starts: new Set(r.startsOn),
      metBy: new Set(r.metBy.events),
      where: condition(r.metBy.where, ir, `the \`met by\` of rule \`${r.id}\``, calendar),
      restartsOn: new Set(r.restartsOn),
      checks,
    });
  }
  const approvals = ir.approvals.map((a) => ({ id: a.id, request: a.request.event, decision: a.decision.event }));
  const decisions = new Set(approvals.map((a) => a.decision));
  const approvedSteps: GapApprovedStep[] = [];
  for (const o of ir.orders) {
    if (!decisions.has(o.after.event) || o.step.event === o.after.event) continue;
    const rules = rulesMeasuredFrom(ir, o.step.event, o.step.where);
    if (rules.length === 0) continue;
    approvedSteps.push({
      order: o.id,
      decision: o.after.event,
      decisionWhere: condition(o.after.where, ir, `the \`after\` of order \`${o.id}\``, calendar),
      step: o.step.event,
      stepWhere: condition(o.step.where, ir, `the \`step\` of order \`${o.id}\``, calendar),
      key: o.key,
      rules,
    });
  }
  return cycles.length === 0 && approvals.length === 0 ? undefined : { cycles, approvals, approvedSteps };
}

/** The date of the first event of `types` among the first `n` (Infinity when there is none). */
function firstDate(events: readonly NormalizedEvent[], n: number, types: ReadonlySet<string>): number {
  for (let i = 0; i < n; i++) {
    const e = events[i] as NormalizedEvent;
    if (types.has(e.type)) return e.date;
  }
  return Infinity;
}

/**
 * Whether `e` shows that `c` applies: it would meet an occurrence (a `met by` type whose `where`
 * holds), restart a run, or be checked against an occurrence by a constraint or a per-cycle limit
 * (whose `where` holds).
 */
function concerns(c: GapCycle, e: NormalizedEvent, scope: ConditionScope): boolean {
  if (c.restartsOn.has(e.type)) return true;
  // Conditions read on the event's own date, into scratch notices: this pass adds no condition notice.
  if (c.metBy.has(e.type) && (c.where === undefined || c.where({ ...scope, notices: [] }, e.date, e))) return true;
  const checks = c.checks.get(e.type);
  return checks !== undefined && checks.some((w) => w === undefined || w({ ...scope, notices: [] }, e.date, e));
}

function cycleGaps(g: CompiledGaps, scope: ConditionScope, out: Notice[]): void {
  const { events, n } = scope;
  let firstStarts: number[] | undefined;
  for (let k = 0; k < g.cycles.length; k++) {
    const c = g.cycles[k] as GapCycle;
    firstStarts ??= g.cycles.map((x) => firstDate(events, n, x.starts));
    const start = firstStarts[k] as number;
    for (let i = 0; i < n; i++) {
      const e = events[i] as NormalizedEvent;
      if (e.date >= start) break;
      if (!concerns(c, e, scope)) continue;
      // Another cycle that takes this event type and had started by then accounts for it.
      let claimed = false;
      for (let m = 0; m < g.cycles.length && !claimed; m++) {
        const other = g.cycles[m] as GapCycle;
        if (m === k || (firstStarts[m] as number) > e.date) continue;
        claimed = other.metBy.has(e.type) || other.restartsOn.has(e.type) || other.starts.has(e.type) || other.checks.has(e.type);
      }
      if (claimed) continue;
      out.push(notice('notice/cycle-not-started', { rule: c.id, event: e.type, starts: c.startsOn }, { date: formatPlainDate(e.date) }));
      break;
    }
  }
}

function decisionGaps(g: CompiledGaps, scope: ConditionScope, out: Notice[]): void {
  const { events, n } = scope;
  // Per decision event index: the approvals lacking a request, by the request type they lack.
  let lacking: Map<number, Map<string, string[]>> | undefined;
  for (const a of g.approvals) {
    let taken: Set<number> | undefined;
    for (let i = 0; i < n; i++) {
      const d = events[i] as NormalizedEvent;
      if (d.type !== a.decision) continue;
      let r = -1;
      for (let j = n - 1; j >= 0; j--) {
        const q = events[j] as NormalizedEvent;
        if (q.date > d.date || q.type !== a.request || taken?.has(j) === true) continue;
        r = j;
        break;
      }
      if (r >= 0) {
        (taken ??= new Set()).add(r);
        continue;
      }
      lacking ??= new Map();
      let byRequest = lacking.get(i);
      if (byRequest === undefined) lacking.set(i, (byRequest = new Map()));
      const ids = byRequest.get(a.request);
      if (ids === undefined) byRequest.set(a.request, [a.id]);
      else ids.push(a.id);
    }
  }
  if (lacking === undefined) return;
  for (const i of [...lacking.keys()].sort((x, y) => x - y)) {
    const d = events[i] as NormalizedEvent;
    for (const [request, ids] of lacking.get(i) as Map<string, string[]>) {
      out.push(notice('notice/decision-without-request', { event: d.type, request, approvals: ids.sort() }, { date: formatPlainDate(d.date) }));
    }
  }
}

/** Whether `where` holds for `e` on its own date (read into scratch notices: this pass adds no condition notice). */
function holdsOn(where: Condition | undefined, scope: ConditionScope, e: NormalizedEvent): boolean {
  return where === undefined || where({ ...scope, notices: [] }, e.date, e);
}

function approvedStepGaps(g: CompiledGaps, scope: ConditionScope, out: Notice[]): void {
  const { events, n } = scope;
  const found: { index: number; notice: Notice }[] = [];
  for (const s of g.approvedSteps) {
    // The latest date of a step event, per key value (one entry without a key).
    let latest: Map<unknown, number> | undefined;
    for (let j = 0; j < n; j++) {
      const e = events[j] as NormalizedEvent;
      if (e.type !== s.step || !holdsOn(s.stepWhere, scope, e)) continue;
      latest ??= new Map();
      const k = keyOf(e, s.key);
      latest.set(k, Math.max(latest.get(k) ?? -Infinity, e.date));
    }
    for (let i = 0; i < n; i++) {
      const d = events[i] as NormalizedEvent;
      if (d.type !== s.decision || !holdsOn(s.decisionWhere, scope, d)) continue;
      if ((latest?.get(keyOf(d, s.key)) ?? -Infinity) >= d.date) continue;
      found.push({ index: i, notice: notice('notice/approved-step-not-recorded', { event: d.type, step: s.step, order: s.order, rules: s.rules }, { date: formatPlainDate(d.date) }) });
    }
  }
  // In the order of the decisions, then of the orders (a stable sort).
  found.sort((a, b) => a.index - b.index);
  for (const f of found) out.push(f.notice);
}

/** Appends the notices of the gaps the case shows (see the module comment) to `out`. */
export function findGaps(g: CompiledGaps, scope: ConditionScope, out: Notice[]): void {
  if (g.cycles.length > 0) cycleGaps(g, scope, out);
  if (g.approvals.length > 0) decisionGaps(g, scope, out);
  if (g.approvedSteps.length > 0) approvedStepGaps(g, scope, out);
}
