/**
 * The `deadline` kind: one-off obligations, one per anchor event (or one in all, for `child_dob`).
 *
 * Input: the `IrDeadline`s of `PolicyIR.rules` (prepared once: one unit per deadline, at its position
 * in `rules`), then per case the `CaseState`. Output: `Draft`s and `SupersededDraft`s appended to the
 * state; notices for anchor events lacking an optional date attribute.
 *
 * Semantics (due dates, status: `runtime/evaluate.ts` 2-3). Anchor `event`: one obligation per event
 * of that type; `event_attribute`: one per event of that type, measured from its date attribute (an
 * event lacking an optional attribute is skipped with a notice); `child_dob`: one obligation.
 * `occurrence` k means the k-th event of the anchor type (so it identifies the anchor event, even where
 * `when` excluded an earlier one). `when` is evaluated per anchor (age on the anchor date, attributes
 * of the anchor event). The satisfying event is the first event, in date order, whose type is in
 * `metBy.events`, whose `where` holds (attributes of the candidate, age on the anchor date), which is
 * dated on or after the anchor EVENT's own date (for `event_attribute`, the date the event was
 * recorded; for `child_dob`, any date), and which is not the anchor event itself. An
 * `event_attribute` obligation is superseded when its event's type is declared `supersedes earlier`
 * (IrEvent.supersedes) and a later event of the same type (later in date-then-input order) is dated
 * strictly before its attribute date: the meeting was rearranged before the day it was due to
 * happen. An arrangement recorded on the meeting's own day (the next review, agreed at this one)
 * does not supersede it; without `supersedes earlier`, events of the type stand side by side.
 *
 * INVARIANT: `evaluate` creates no closures and allocates only the drafts it appends.
 */

import { notice } from '../messages.ts';
import type { IrDeadline, PolicyIR } from '../ir.ts';
import { formatPlainDate } from '../dates.ts';
import type { NormalizedEvent } from '../case.ts';
import { MalformedIrError, compileCondition } from '../conditions.ts';
import type { Condition } from '../conditions.ts';
import { compileDue, compileRuleBase, findSatisfier, statusOf } from './obligations.ts';
import type { CaseState, CompiledDue, CompiledRuleBase, PrepareContext, PreparedUnit, RuntimeKind } from './types.ts';

/** A deadline prepared for evaluation. */
export interface CompiledDeadline extends CompiledRuleBase {
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

function compileDeadline(rule: IrDeadline, ir: PolicyIR, ctx: PrepareContext): CompiledDeadline {
  const { typeIds, calendar } = ctx;
  const at = `rule \`${rule.id}\``;
  const base = compileRuleBase(rule, ir, ctx);
  const when = rule.when === undefined ? undefined : compileCondition(rule.when, ir, `the \`when\` of rule \`${rule.id}\``, calendar);
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

function evaluateDeadline(st: CaseState, rule: CompiledDeadline): void {
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

export const deadlineKind: RuntimeKind<CompiledDeadline> = {
  kind: 'deadline',
  stage: 'obligations',
  prepare(ir: PolicyIR, ctx: PrepareContext): PreparedUnit<CompiledDeadline>[] {
    const units: PreparedUnit<CompiledDeadline>[] = [];
    ir.rules.forEach((r, position) => {
      if (r.kind === 'deadline') units.push({ unit: compileDeadline(r, ir, ctx), position });
    });
    return units;
  },
  evaluate(unit: CompiledDeadline, st: CaseState): void {
    evaluateDeadline(st, unit);
  },
};
