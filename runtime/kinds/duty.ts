/**
 * The `duty` kind: obligations with an owner and a trigger but no due date ("the social worker
 * prepares the child for the review", "as soon as practicable").
 *
 * Input: the `IrDuty`s of `PolicyIR.duties` (prepared once: one unit per duty, at its position in
 * `duties`), then per case the `CaseState`, at stage `occurrences` (after the obligations are sorted,
 * so that a duty can follow each occurrence of a cycle). Output: `Obligation`s appended to
 * `CaseState.duties` (the evaluator sorts them and lists them after the dated obligations);
 * `SupersededDraft`s appended to `CaseState.superseded` (the evaluator sorts them again, with the
 * deadlines' and cycles'); notices for trigger events lacking an optional bounding date attribute.
 *
 * Semantics (the evaluator's contract; "events" are those on or before the as-of date, in date then
 * input order):
 * - Instances. Trigger `event`: one duty per event of that type whose `where` holds (reading that
 *   event) and for which `when` holds (age on the event's date, attributes of the event); occurrence
 *   k is the k-th event of the type (counted before `where`/`when`, as deadlines count anchors).
 *   Trigger `cycle`: one duty per occurrence of the cycle that is an obligation (superseded ones are
 *   not), in the order of the obligations; its trigger date is the occurrence's anchor date and its
 *   trigger event the occurrence's anchor event (`when` reads that event); occurrence k is the k-th.
 * - Bound (the last day the duty can be met, that day included). `date`: the due date computed from
 *   the trigger event's date attribute (a trigger event lacking it gets a notice, and its duty is
 *   open-ended) or from `child.dob`, moved by the offset as deadlines are (`runtime/evaluate.ts` 2).
 *   `next_event`: the date of the first event of that type after the trigger event (date order, then
 *   input order; the trigger event itself never counts); until there is one, the duty has no bound
 *   yet. No bound: open-ended.
 * - Met: the first event (date order) whose type is in `metBy.events`, whose `where` holds (the
 *   candidate's attributes, age on the trigger date), dated on or after the trigger date and on or
 *   before the bound, other than the trigger event. An event dated before the trigger never meets it.
 * - Status: met (with `satisfiedOn`); else `missed` when the as-of date is after the bound; else
 *   `outstanding` (always, for an open-ended duty). A met-by event after the bound leaves the duty
 *   missed; the explanation names it.
 * - Rearranged (trigger `event` of a type declared `supersedes earlier`, bound measured from the
 *   trigger event's date attribute A, as a deadline measured from A is, `deadline.ts`): when a later
 *   event of the type is dated strictly before the trigger event's A (`replacedBy`), the duty is
 *   superseded (reason `rearranged`, anchor `EVENT.A`, due date its bound), met or not, missed or not;
 *   one recorded on A's day or later leaves it as it is. Decided after `where` and `when` (a duty they
 *   exclude is neither listed nor superseded). Any other duty (open-ended, `by the next EVENT`, from
 *   `child.dob`, `for each CYCLE`) is never superseded this way.
 * - Key (`key`, `matched by ATTRIBUTE`, trigger `event` only): the meeting event must also carry the
 *   trigger event's value of the key (`runtime/keys.ts`); explanations say "matched by ATTRIBUTE",
 *   never the value.
 *
 * INVARIANT: a policy without duties plans no unit and pays nothing.
 */

import type { IrDuty, PolicyIR } from '../ir.ts';
import type { PlainDate } from '../dates.ts';
import { formatPlainDate } from '../dates.ts';
import type { NormalizedEvent } from '../case.ts';
import { MalformedIrError, compileCondition } from '../conditions.ts';
import type { Condition } from '../conditions.ts';
import { describeMetBy, explainDuty, isoDate, longDate } from '../explain.ts';
import { notice } from '../messages.ts';
import type { Obligation, ObligationAnchor, ObligationStatus } from '../result.ts';
import { compileDue, findSatisfier, flags, replacedBy } from './obligations.ts';
import { matchedByText } from '../keys.ts';
import type { CaseState, CompiledDue, PrepareContext, PreparedUnit, RuntimeKind } from './types.ts';

/** A duty prepared for evaluation. */
export interface CompiledDuty {
  readonly kind: 'duty';
  readonly ir: IrDuty;
  readonly id: string;
  readonly owner: string;
  /** As `CompiledRuleBase.rank` (for the superseded obligations' order). */
  readonly rank: number;
  /** Event-type id of the trigger event; -1 for a cycle trigger. */
  readonly triggerType: number;
  readonly cycle: string | undefined;
  readonly triggerWhere: Condition | undefined;
  readonly when: Condition | undefined;
  readonly boundDue: CompiledDue | undefined;
  /** The date attribute of the trigger event the bound is measured from, if any. */
  readonly boundAttribute: string | undefined;
  /** The trigger event's type is declared `supersedes earlier` and the bound reads its date attribute. */
  readonly supersedes: boolean;
  /** Event-type id of `by the next EVENT`; -1 otherwise. */
  readonly nextType: number;
  readonly metBy: Uint8Array;
  readonly where: Condition | undefined;
  readonly metByText: string;
  readonly explanations: boolean;
}

function typeOf(name: string, ctx: PrepareContext, at: string): number {
  const id = ctx.typeIds.get(name);
  if (id === undefined) throw new MalformedIrError(`${at}: undeclared event \`${name}\``);
  return id;
}

function compileDuty(rule: IrDuty, ir: PolicyIR, ctx: PrepareContext): CompiledDuty {
  const at = `duty \`${rule.id}\``;
  const { calendar, typeIds } = ctx;
  const t = rule.trigger;
  let triggerType = -1;
  let cycle: string | undefined;
  if (t.kind === 'event') triggerType = typeOf(t.event, ctx, at);
  else {
    if (!ir.rules.some((r) => r.kind === 'cycle' && r.id === t.cycle)) throw new MalformedIrError(`${at}: \`${t.cycle}\` is not a cycle of the policy`);
    cycle = t.cycle;
  }
  let boundDue: CompiledDue | undefined;
  let boundAttribute: string | undefined;
  let nextType = -1;
  const b = rule.bound;
  if (b?.kind === 'date') {
    const anchor = b.due.anchor;
    if (anchor.kind === 'event_attribute') {
      if (t.kind !== 'event' || anchor.event !== t.event) throw new MalformedIrError(`${at}: a bound may read only the trigger event's attributes`);
      boundAttribute = anchor.attribute;
    } else if (anchor.kind !== 'child_dob') throw new MalformedIrError(`${at}: a bound cannot be measured from \`${anchor.kind}\``);
    boundDue = compileDue(b.due, calendar, at);
  } else if (b?.kind === 'next_event') nextType = typeOf(b.event, ctx, at);
  return {
    kind: 'duty',
    ir: rule,
    id: rule.id,
    owner: rule.owner,
    rank: ctx.ranks.get(rule.id) ?? 0,
    triggerType,
    cycle,
    triggerWhere: t.kind === 'event' && t.where !== undefined ? compileCondition(t.where, ir, `the trigger of duty \`${rule.id}\``, calendar) : undefined,
    when: rule.when === undefined ? undefined : compileCondition(rule.when, ir, `the \`when\` of duty \`${rule.id}\``, calendar),
    boundDue,
    boundAttribute,
    supersedes: boundAttribute !== undefined && ir.events.some((e) => t.kind === 'event' && e.name === t.event && e.supersedes === true),
    nextType,
    metBy: flags(rule.metBy.events, typeIds, typeIds.size, at),
    where: rule.metBy.where === undefined ? undefined : compileCondition(rule.metBy.where, ir, `the \`met by\` of duty \`${rule.id}\``, calendar),
    metByText: describeMetBy(rule.metBy.events, rule.metBy.where?.text) + matchedByText(rule.key),
    explanations: ctx.explanations,
  };
}

/** One duty instance: decides its bound and status and appends its obligation. */
function instance(st: CaseState, rule: CompiledDuty, occurrence: number, i: number, triggerDate: PlainDate, triggerLabel: string): void {
  const { events, types, n, asOf, scope } = st;
  const ev = events[i] as NormalizedEvent;
  let boundDate: PlainDate | undefined;
  let boundText: string | undefined;
  if (rule.boundDue !== undefined) {
    let from = scope.case.child.dob;
    let label = "the child's date of birth";
    if (rule.boundAttribute !== undefined) {
      const value = ev.attributes[rule.boundAttribute];
      if (typeof value !== 'number') {
        scope.notices.push(notice('notice/anchor-attribute-missing', { event: ev.type, attribute: rule.boundAttribute, rule: rule.ir.id }, { date: formatPlainDate(ev.date) }));
        from = Number.NaN;
      } else {
        from = value;
        label = `${ev.type}.${rule.boundAttribute}`;
      }
    }
    if (!Number.isNaN(from)) {
      boundDate = rule.boundDue.compute(from);
      if (!rule.explanations) boundText = '';
      else if (rule.boundDue.ir.offset.amount === 0) boundText = `by ${label}, ${longDate(boundDate)}`;
      else boundText = `to be done by ${rule.boundDue.describe(label, '', from)}`;
    }
  } else if (rule.nextType >= 0) {
    for (let j = i + 1; j < n; j++) {
      if (types[j] === rule.nextType) {
        boundDate = (events[j] as NormalizedEvent).date;
        boundText = `by the next ${(events[j] as NormalizedEvent).type}, on ${longDate(boundDate)}`;
        break;
      }
    }
    if (boundDate === undefined) boundText = `by the next ${rule.ir.bound?.kind === 'next_event' ? rule.ir.bound.event : ''}, not yet recorded`;
  }
  const j = findSatisfier(st, rule, triggerDate, boundDate ?? Infinity, triggerDate, i, -1, undefined, rule.ir.key, ev);
  const satisfier = j < 0 ? undefined : (events[j] as NormalizedEvent);
  const status: ObligationStatus = satisfier !== undefined ? 'met' : boundDate !== undefined && asOf > boundDate ? 'missed' : 'outstanding';
  let late: NormalizedEvent | undefined;
  if (status === 'missed' && rule.explanations) {
    const k = findSatisfier(st, rule, triggerDate, Infinity, triggerDate, i, -1, undefined, rule.ir.key, ev);
    late = k < 0 ? undefined : (events[k] as NormalizedEvent);
  }
  const ir = rule.ir;
  const anchor: ObligationAnchor = { event: ev.type, date: isoDate(triggerDate) };
  const explanation = rule.explanations
    ? explainDuty({
        rule: ir.id, occurrence, trigger: triggerLabel, bound: boundText, boundDate, wording: ir.wording, metBy: rule.metByText,
        from: triggerDate, satisfier, late, asOf, citation: ir.citation,
      })
    : '';
  const o: Obligation = {
    rule: ir.id,
    occurrence,
    title: ir.title,
    owner: ir.owner,
    ...(ir.owners !== undefined ? { owners: ir.owners } : {}),
    anchor,
    ...(boundDate !== undefined ? { bound: isoDate(boundDate) } : {}),
    ...(ir.wording !== undefined ? { wording: ir.wording } : {}),
    status,
    ...(satisfier !== undefined ? { satisfiedOn: isoDate(satisfier.date) } : {}),
    citation: ir.citation,
    explanation,
    source: ir.source,
  };
  st.duties.push(o);
}

/**
 * Whether the duty from trigger event `i` is superseded, its meeting rearranged before its day (a
 * later event of the type dated before the trigger's date attribute); if so, appends it to the
 * superseded, as `deadline.ts` does a deadline measured from that attribute.
 */
function rearranged(st: CaseState, rule: CompiledDuty, occurrence: number, i: number): boolean {
  const ev = st.events[i] as NormalizedEvent;
  const attribute = rule.boundAttribute as string;
  const date = ev.attributes[attribute];
  // Without the attribute, no meeting to rearrange: `instance` gives the notice and an open-ended duty.
  if (typeof date !== 'number') return false;
  const by = replacedBy(st, i, rule.triggerType, date);
  if (by < 0) return false;
  const dueDate = (rule.boundDue as CompiledDue).compute(date);
  st.superseded.push({ rule, occurrence, anchorEvent: ev, anchorAttribute: attribute, anchorDate: date, dueDate, by: st.events[by] as NormalizedEvent, why: 'rearranged' });
  return true;
}

function evaluateDuty(st: CaseState, rule: CompiledDuty): void {
  const { events, types, n, scope } = st;
  if (rule.cycle !== undefined) {
    let occurrence = 0;
    for (const d of st.drafts) {
      if (d.rule.kind !== 'cycle' || d.rule.id !== rule.cycle || d.anchorEvent === undefined) continue;
      occurrence++;
      const ev = d.anchorEvent;
      if (rule.when !== undefined && !rule.when(scope, d.anchorDate, ev)) continue;
      const i = events.indexOf(ev);
      if (i < 0 || i >= n) continue;
      instance(st, rule, occurrence, i, d.anchorDate, `occurrence ${d.occurrence} of ${rule.cycle} (from ${ev.type} on ${longDate(d.anchorDate)})`);
    }
    return;
  }
  let occurrence = 0;
  for (let i = 0; i < n; i++) {
    if (types[i] !== rule.triggerType) continue;
    occurrence++;
    const ev = events[i] as NormalizedEvent;
    if (rule.triggerWhere !== undefined && !rule.triggerWhere(scope, ev.date, ev)) continue;
    if (rule.when !== undefined && !rule.when(scope, ev.date, ev)) continue;
    if (rule.supersedes && rearranged(st, rule, occurrence, i)) continue;
    instance(st, rule, occurrence, i, ev.date, `${ev.type} on ${longDate(ev.date)}`);
  }
}

export const dutyKind: RuntimeKind<CompiledDuty> = {
  kind: 'duty',
  stage: 'occurrences',
  prepare(ir: PolicyIR, ctx: PrepareContext): PreparedUnit<CompiledDuty>[] {
    return (ir.duties ?? []).map((d, position) => ({ unit: compileDuty(d, ir, ctx), position }));
  },
  evaluate(unit: CompiledDuty, st: CaseState): void {
    evaluateDuty(st, unit);
  },
};
