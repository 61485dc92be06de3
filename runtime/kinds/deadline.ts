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
 * Several anchors (`alsoFrom`): one obligation per event of any of the anchor types, `occurrence` k
 * being the k-th event of any of them. `whichever` (sooner/later): the obligation's own due date
 * (from its anchor event) and each other due date are computed; another due measured from an event
 * type is measured from the first event of that type dated on or after the obligation's anchor event,
 * the anchor event itself included (so a due date from the anchor's own type, or from one of its
 * attributes, reads that same event; any date when the obligation is measured from `child_dob`); from
 * `child_dob`, from the date of birth. An event lacking the date attribute, or a type with no such
 * event (yet), gives no date: that due takes no part, and the explanation says so. The due date is
 * the earliest (`sooner`) or latest (`later`) of the dates there are; the first written wins a tie.
 * `window`: the date `due` gives is the window's reference; `earliest` is it moved by `opens` and the
 * due date is it moved by `closes` (itself without `closes`). Satisfaction with a window: the first
 * satisfying event on or after the later of the usual lower bound and `earliest` gives `met` or
 * `met_late`; failing that, the first one before `earliest` (from the usual lower bound) gives
 * `early`; failing that, `open` or `overdue` as usual.
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
import { shifter } from '../explain.ts';
import type { CaseState, CompiledDue, CompiledRuleBase, DueChoice, DueChoiceEntry, PrepareContext, PreparedUnit, RuntimeKind } from './types.ts';
import type { IrAnchor } from '../ir.ts';
import type { PlainDate } from '../dates.ts';
import type { ObligationStatus } from '../result.ts';
import { flags } from './obligations.ts';

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
  /** With several anchor types (`alsoFrom`): by event-type id, 1 for each anchor type; else undefined. */
  readonly anchorTypes: Uint8Array | undefined;
  /** `whichever is sooner|later`: the other due dates, each with its anchor. */
  readonly others: readonly CompiledOther[];
  readonly pick: 'sooner' | 'later' | undefined;
  /** The window's two ends, from the date `due` gives (`closes` undefined: that date itself). */
  readonly opens: ((d: PlainDate) => PlainDate) | undefined;
  readonly closes: ((d: PlainDate) => PlainDate) | undefined;
}

/** Another due date of a `whichever` deadline: its own anchor (type -1: `child_dob`). */
interface CompiledOther {
  readonly due: CompiledDue;
  readonly anchorType: number;
  readonly attribute: string | undefined;
  readonly label: string;
}

function anchorLabelOf(a: IrAnchor): string {
  if (a.kind === 'event') return a.event;
  if (a.kind === 'event_attribute') return `${a.event}.${a.attribute}`;
  return "the child's date of birth";
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
  let anchorTypes: Uint8Array | undefined;
  if (rule.alsoFrom !== undefined && rule.alsoFrom.length > 0) {
    if (anchor.kind !== 'event') throw new MalformedIrError(`${at}: several anchors need an event anchor`);
    anchorTypes = flags([anchor.event, ...rule.alsoFrom], typeIds, typeIds.size, at);
  }
  const others: CompiledOther[] = (rule.whichever?.others ?? []).map((due, k) => {
    const where = `${at}, due date ${k + 2}`;
    const a = due.anchor;
    if (a.kind !== 'event' && a.kind !== 'event_attribute' && a.kind !== 'child_dob') throw new MalformedIrError(`${where}: cannot be measured from \`${a.kind}\``);
    const type = a.kind === 'child_dob' ? -1 : typeIds.get(a.event) ?? -2;
    if (type === -2) throw new MalformedIrError(`${where}: undeclared anchor event`);
    return { due: compileDue(due, calendar, where), anchorType: type, attribute: a.kind === 'event_attribute' ? a.attribute : undefined, label: anchorLabelOf(a) };
  });
  const w = rule.window;
  return {
    ...base, kind: 'deadline', ir: rule, anchorType, anchorAttribute, supersedes, due: compileDue(rule.due, calendar, at), when,
    anchorTypes, others, pick: rule.whichever?.pick,
    opens: w === undefined ? undefined : shifter(w.opens.offset, w.opens.direction, calendar),
    closes: w?.closes === undefined ? undefined : shifter(w.closes.offset, w.closes.direction, calendar),
  };
}

/** The due dates of a `whichever` deadline for the obligation anchored at event `i` (-1: `child_dob`) on `anchorDate`. */
function chooseDue(st: CaseState, rule: CompiledDeadline, i: number, anchorDate: PlainDate, ownDue: PlainDate, ownLabel: string): DueChoice {
  const { events, types, n } = st;
  const from = i < 0 ? -Infinity : (events[i] as NormalizedEvent).date;
  const entries: DueChoiceEntry[] = [{ due: rule.due, label: ownLabel, anchorDate, dueDate: ownDue }];
  let chosen = 0;
  let best = ownDue;
  for (const other of rule.others) {
    let date: PlainDate | undefined;
    if (other.anchorType < 0) date = st.scope.case.child.dob;
    else {
      for (let j = 0; j < n; j++) {
        const e = events[j] as NormalizedEvent;
        if (types[j] !== other.anchorType || e.date < from) continue;
        if (other.attribute === undefined) date = e.date;
        else {
          const value = e.attributes[other.attribute];
          if (typeof value === 'number') date = value;
        }
        break;
      }
    }
    const due = date === undefined ? undefined : other.due.compute(date);
    if (due !== undefined && (rule.pick === 'later' ? due > best : due < best)) {
      best = due;
      chosen = entries.length;
    }
    entries.push({ due: other.due, label: other.label, anchorDate: date, dueDate: due });
  }
  return { pick: rule.pick ?? 'sooner', entries, chosen };
}

/** Pushes the obligation anchored at event `i` (-1: `child_dob`): due date(s), window, satisfaction. */
function pushObligation(
  st: CaseState,
  rule: CompiledDeadline,
  i: number,
  occurrence: number,
  anchorEvent: NormalizedEvent | undefined,
  anchorAttribute: string | undefined,
  anchorDate: PlainDate,
  searchFrom: PlainDate | undefined,
): void {
  const { events, asOf } = st;
  let dueDate = rule.due.compute(anchorDate);
  let choice: DueChoice | undefined;
  if (rule.others.length > 0) {
    const label = anchorEvent === undefined ? "the child's date of birth" : anchorAttribute === undefined ? anchorEvent.type : `${anchorEvent.type}.${anchorAttribute}`;
    choice = chooseDue(st, rule, i, anchorDate, dueDate, label);
    dueDate = choice.entries[choice.chosen]?.dueDate ?? dueDate;
  }
  let earliest: PlainDate | undefined;
  if (rule.opens !== undefined) {
    const reference = dueDate;
    earliest = rule.opens(reference);
    if (rule.closes !== undefined) dueDate = rule.closes(reference);
  }
  const lower = searchFrom ?? -Infinity;
  let satisfier: NormalizedEvent | undefined;
  let status: ObligationStatus;
  if (earliest === undefined) {
    const j = findSatisfier(st, rule, lower, Infinity, anchorDate, i, -1, undefined);
    satisfier = j < 0 ? undefined : events[j];
    status = statusOf(dueDate, satisfier, asOf);
  } else {
    const inside = findSatisfier(st, rule, Math.max(lower, earliest), Infinity, anchorDate, i, -1, undefined);
    const early = inside >= 0 ? -1 : findSatisfier(st, rule, lower, earliest - 1, anchorDate, i, -1, undefined);
    satisfier = inside >= 0 ? events[inside] : early >= 0 ? events[early] : undefined;
    status = inside < 0 && early >= 0 ? 'early' : statusOf(dueDate, satisfier, asOf);
  }
  st.drafts.push({
    rule, step: undefined, due: rule.due, occurrence, anchorEvent, anchorAttribute, anchorDate,
    previous: false, dueDate, searchFrom, satisfier, status, runEnd: undefined, earliest, choice,
  });
}

function evaluateDeadline(st: CaseState, rule: CompiledDeadline): void {
  const { events, types, n, scope } = st;
  if (rule.anchorType < 0) {
    // child_dob: one obligation.
    const dob = scope.case.child.dob;
    if (rule.when !== undefined && !rule.when(scope, dob, undefined)) return;
    pushObligation(st, rule, -1, 1, undefined, undefined, dob, undefined);
    return;
  }
  const anchorType = rule.anchorType;
  const anchorTypes = rule.anchorTypes;
  const attribute = rule.anchorAttribute;
  let occurrence = 0;
  for (let i = 0; i < n; i++) {
    if (anchorTypes === undefined ? types[i] !== anchorType : anchorTypes[types[i] as number] !== 1) continue;
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
        // With `whichever`, the due date it would have had (the sooner or later of its dates), as for any obligation.
        let reference = rule.due.compute(anchorDate);
        if (rule.others.length > 0) {
          const choice = chooseDue(st, rule, i, anchorDate, reference, `${ev.type}.${attribute}`);
          reference = choice.entries[choice.chosen]?.dueDate ?? reference;
        }
        const dueDate = rule.closes === undefined ? reference : rule.closes(reference);
        st.superseded.push({ rule, occurrence, anchorEvent: ev, anchorAttribute: attribute, anchorDate, dueDate, by: events[by] as NormalizedEvent, why: 'rearranged' });
        continue;
      }
    }
    pushObligation(st, rule, i, occurrence, ev, attribute, anchorDate, ev.date);
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
