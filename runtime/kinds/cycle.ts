/**
 * The `cycle` kind: recurring obligations, occurrences 1, 2, 3... of each run, each measured from the
 * previous one's satisfaction; and the cycle occurrences that limits and constraints read.
 *
 * Input: the `IrCycle`s of `PolicyIR.rules` (prepared once: one unit per cycle, at its position in
 * `rules`), then per case the `CaseState`. Output: `Draft`s and `SupersededDraft`s appended to the
 * state; notices when no step applies; `occurrencesOf(st)`: the occurrences found, by cycle id.
 *
 * Semantics (due dates, status: `runtime/evaluate.ts` 2-3). Scanning events in order: with no run
 * open, an event in `startsOn` starts a run; with a run open, an event in `restartsOn` ends it and
 * starts a new one at once, an event in `endsOn` ends it, and any other start event is ignored (a
 * restart event with no run open is ignored too). An end or restart event whose `until ... where` /
 * `restarts on ... where` condition (`endsWhere`, `restartsWhere`: read on that event's date, with its
 * attributes) is false does nothing. The cycle's `when` is evaluated once per run
 * against the event that started it (age on its date); false: the run produces nothing. Occurrence k
 * (1, 2, ... in every run) uses the steps of ordinal k, or else the `repeat` steps; the first whose
 * `when` holds (age on that step's anchor date, attributes of its anchor event) applies; if none does,
 * the run has no further occurrences (with a notice). Anchors: `run_start` is the event that started
 * the run; `previous` is the event that satisfied occurrence k-1 (for k = 1, the run's start). The
 * satisfying event is the first `metBy` event (with `where`) dated on or after the anchor date and on
 * or before the end/restart date, that is neither the run's start event nor already used by an
 * occurrence of the same rule (so one review on the day of a placement move meets the old run's
 * occurrence, not also the new run's). Occurrences continue while satisfied; the first unsatisfied
 * one is the run's last. When a run ends or restarts on date E, its last occurrence, if unsatisfied
 * and due on or after E, is superseded (the reason names the event and date); if due before E it
 * stays (overdue).
 *
 * INVARIANT: `evaluate` creates no closures; the marks of used events are one scratch array per
 * policy (`UsedMarks`), reset per cycle and case.
 */

import { notice } from '../messages.ts';
import type { IrCycle, IrCycleStep, IrEventFilter, PolicyIR } from '../ir.ts';
import { formatPlainDate } from '../dates.ts';
import type { NormalizedEvent } from '../case.ts';
import { MalformedIrError, compileCondition } from '../conditions.ts';
import type { Condition } from '../conditions.ts';
import type { CycleOccurrence } from '../limits.ts';
import { UsedMarks, compileDue, compileRuleBase, findSatisfier, flags, statusOf } from './obligations.ts';
import type { CaseState, CompiledDue, CompiledRuleBase, PrepareContext, PreparedUnit, RuntimeKind } from './types.ts';

interface CompiledStep {
  readonly ir: IrCycleStep;
  readonly due: CompiledDue;
  readonly when: Condition | undefined;
  /** True when measured from the run's start, false when from the previous occurrence. */
  readonly fromRunStart: boolean;
}

/** A cycle prepared for evaluation. */
export interface CompiledCycle extends CompiledRuleBase {
  readonly kind: 'cycle';
  readonly ir: IrCycle;
  readonly starts: Uint8Array;
  readonly ends: Uint8Array;
  readonly restarts: Uint8Array;
  /** By event type id: the `until ... where` / `restarts on ... where` condition of that type, if any. */
  readonly endsWhere: readonly (Condition | undefined)[];
  readonly restartsWhere: readonly (Condition | undefined)[];
  /** Index k: the steps of ordinal k (undefined when there are none). */
  readonly byOrdinal: readonly (readonly CompiledStep[] | undefined)[];
  readonly repeat: readonly CompiledStep[];
  readonly when: Condition | undefined;
  /** The policy's scratch marks (shared by its cycles, which run one at a time). */
  readonly used: UsedMarks;
}

function compileCycle(rule: IrCycle, ir: PolicyIR, ctx: PrepareContext, used: UsedMarks): CompiledCycle {
  const { typeIds, calendar } = ctx;
  const count = typeIds.size;
  const at = `rule \`${rule.id}\``;
  const base = compileRuleBase(rule, ir, ctx);
  const when = rule.when === undefined ? undefined : compileCondition(rule.when, ir, `the \`when\` of rule \`${rule.id}\``, calendar);
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
    endsWhere: filtersByType(rule.endsWhere, typeIds, ir, `the \`until ... where\` of ${at}`, calendar),
    restartsWhere: filtersByType(rule.restartsWhere, typeIds, ir, `the \`restarts on ... where\` of ${at}`, calendar),
    byOrdinal,
    repeat,
    when,
    used,
  };
}

function filtersByType(filters: readonly IrEventFilter[] | undefined, typeIds: ReadonlyMap<string, number>, ir: PolicyIR, where: string, calendar: PrepareContext['calendar']): (Condition | undefined)[] {
  const out: (Condition | undefined)[] = [];
  for (const f of filters ?? []) {
    const id = typeIds.get(f.event);
    if (id === undefined) throw new MalformedIrError(`${where}: undeclared event \`${f.event}\``);
    out[id] = compileCondition(f.where, ir, where, calendar);
  }
  return out;
}

function evaluateRun(st: CaseState, rule: CompiledCycle, start: number, end: number, used: UsedMarks): void {
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
          dueDate, searchFrom: anchorDate, satisfier: undefined, status: statusOf(dueDate, undefined, asOf), runEnd: endEvent, earliest: undefined, choice: undefined,
        });
      }
      return;
    }
    used.add(j);
    const satisfier = events[j] as NormalizedEvent;
    st.drafts.push({
      rule, step, due: step.due, occurrence: k, anchorEvent, anchorAttribute: undefined, anchorDate, previous: anchorIndex !== start,
      dueDate, searchFrom: anchorDate, satisfier, status: statusOf(dueDate, satisfier, asOf), runEnd: endEvent, earliest: undefined, choice: undefined,
    });
    previous = j;
  }
}

/** Whether event `j` meets its `until`/`restarts on` condition (none: it does), read on its own date. */
function passes(st: CaseState, where: Condition | undefined, j: number): boolean {
  if (where === undefined) return true;
  const e = st.events[j] as NormalizedEvent;
  return where(st.scope, e.date, e);
}

function evaluateCycle(st: CaseState, rule: CompiledCycle, used: UsedMarks): void {
  const { types, n } = st;
  used.reset(n);
  let start = -1;
  for (let j = 0; j < n; j++) {
    const t = types[j] as number;
    if (t < 0) continue;
    if (start < 0) {
      if (rule.starts[t] === 1) start = j;
    } else if (rule.restarts[t] === 1 && passes(st, rule.restartsWhere[t], j)) {
      evaluateRun(st, rule, start, j, used);
      start = j;
    } else if (rule.ends[t] === 1 && passes(st, rule.endsWhere[t], j)) {
      evaluateRun(st, rule, start, j, used);
      start = -1;
    }
  }
  if (start >= 0) evaluateRun(st, rule, start, -1, used);
}

/**
 * The occurrences of every cycle found in this evaluation (obligations and superseded alike), by
 * rule id; built once per case on first use, after the `obligations` stage. (A loop, not closures:
 * the hot path creates no functions.)
 */
export function occurrencesOf(st: CaseState): ReadonlyMap<string, readonly CycleOccurrence[]> {
  if (st.occurrences !== undefined) return st.occurrences;
  const byRule = new Map<string, CycleOccurrence[]>();
  for (const d of st.drafts) {
    if (d.rule.kind !== 'cycle' || d.anchorEvent === undefined) continue;
    let list = byRule.get(d.rule.id);
    if (list === undefined) byRule.set(d.rule.id, (list = []));
    list.push({ rule: d.rule.id, occurrence: d.occurrence, anchor: d.anchorEvent, dueDate: d.dueDate, end: d.satisfier ?? d.runEnd });
  }
  for (const s of st.superseded) {
    if (s.rule.kind !== 'cycle' || s.anchorEvent === undefined) continue;
    let list = byRule.get(s.rule.id);
    if (list === undefined) byRule.set(s.rule.id, (list = []));
    list.push({ rule: s.rule.id, occurrence: s.occurrence, anchor: s.anchorEvent, dueDate: s.dueDate, end: s.by });
  }
  st.occurrences = byRule;
  return byRule;
}

export const cycleKind: RuntimeKind<CompiledCycle> = {
  kind: 'cycle',
  stage: 'obligations',
  prepare(ir: PolicyIR, ctx: PrepareContext): PreparedUnit<CompiledCycle>[] {
    const used = new UsedMarks();
    const units: PreparedUnit<CompiledCycle>[] = [];
    ir.rules.forEach((r, position) => {
      if (r.kind === 'cycle') units.push({ unit: compileCycle(r, ir, ctx, used), position });
    });
    return units;
  },
  evaluate(unit: CompiledCycle, st: CaseState): void {
    evaluateCycle(st, unit, unit.used);
  },
};
