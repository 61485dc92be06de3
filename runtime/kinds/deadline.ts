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
 * Matching window (docs/language.md, "Matching window"): the satisfying event counts from the
 * window's start, `searchFrom`. `counting from EVENT` (IR `counting.kind` `anchor`): the anchor event's
 * own date, as above. `counting from the previous EVENT`: the date of the latest event of that type
 * dated strictly before the obligation's anchor date (that event itself never satisfies it); `the
 * previous EVENT.ATTRIBUTE`: the latest value of that date attribute strictly before the anchor date,
 * among the events of that type other than the anchor event that are not superseded (a later event of
 * the type, in date-then-input order, dated strictly before the value, when the type is declared
 * `supersedes earlier`); with none, any date counts. Without the clause (`defaultCounting`): a deadline
 * measured `before EVENT.ATTRIBUTE` (a meeting's date) from one anchor type counts from the previous
 * EVENT.ATTRIBUTE (the work counts if done after the previous meeting, not only after the booking);
 * every other deadline counts from its anchor event.
 * `up to the limit LIMIT` (IR `upToLimit`): after every deadline and cycle of the stage (a second unit,
 * positioned after all rules), the events the limit finds beyond its maximum (as `runtime/limits.ts`
 * counts them: per case, or in each occurrence's window of the cycle) give no obligation: the drafts
 * anchored on them are moved to the superseded, reason `beyond_limit` (the limit reports the event).
 * Key (`key`, `matched by ATTRIBUTE`): the satisfying event must also carry the anchor event's value
 * of the key (an event without it only meets an anchor without it; `runtime/keys.ts`); the
 * explanation's "met by" says "matched by ATTRIBUTE", never the value.
 *
 * INVARIANT: `evaluate` creates no closures and allocates only the drafts it appends (except the
 * unit of a deadline `up to the limit`, rare, which allocates a set, the cycle's windows and two
 * small closures per case).
 */

import { notice } from '../messages.ts';
import type { IrDeadline, PolicyIR } from '../ir.ts';
import { formatPlainDate } from '../dates.ts';
import type { NormalizedEvent } from '../case.ts';
import { MalformedIrError, compileCondition } from '../conditions.ts';
import type { Condition } from '../conditions.ts';
import { compileDue, compileRuleBase, findSatisfier, replacedBy, statusOf } from './obligations.ts';
import { shifter } from '../explain.ts';
import type { CaseState, CompiledDue, CompiledRuleBase, DueChoice, DueChoiceEntry, PrepareContext, PreparedUnit, RuntimeKind } from './types.ts';
import type { IrAnchor } from '../ir.ts';
import type { PlainDate } from '../dates.ts';
import type { ObligationStatus } from '../result.ts';
import { flags } from './obligations.ts';
import type { Draft, DraftCounting, SupersededDraft } from './types.ts';
import type { IrCounting } from '../ir.ts';
import { before, compileLimits, counts, firstAfter, mayExceed, type CompiledLimit } from '../limits.ts';
import { longDate } from '../explain.ts';
import { matchedByText } from '../keys.ts';

/** A deadline prepared for evaluation. */
export interface CompiledDeadline extends CompiledRuleBase {
  readonly kind: 'deadline';
  readonly ir: IrDeadline;
  /** Event-type id of the anchor event (-1 for `child_dob`). */
  readonly anchorType: number;
  readonly anchorAttribute: string | undefined;
  /** `matched by KEY`: the attribute the satisfying event shares with the anchor event. */
  readonly key: string | undefined;
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
  /** The matching window: `anchor`, or the type (and attribute) whose previous date opens it. */
  readonly counting: DraftCounting;
  readonly countType: number;
  readonly countAttribute: string | undefined;
  /** The counted type is declared `supersedes earlier` (its superseded dates are passed over). */
  readonly countSupersedes: boolean;
}

/** The unit that moves a capped deadline's obligations beyond its limit to the superseded. */
interface CompiledCap {
  readonly kind: 'cap';
  readonly deadline: CompiledDeadline;
  readonly limit: CompiledLimit;
  /** "beyond the limit `x` (at most 1 review_adjourned per looked_after_review)". */
  readonly text: string;
}

/**
 * The matching window a deadline has without `counting from`: measured `before EVENT.ATTRIBUTE` (the
 * date of a meeting) from one anchor type, the previous EVENT.ATTRIBUTE; otherwise the anchor event.
 */
export function defaultCounting(rule: IrDeadline): IrCounting {
  const a = rule.due.anchor;
  if (a.kind === 'event_attribute' && rule.due.direction === 'before' && (rule.alsoFrom === undefined || rule.alsoFrom.length === 0)) {
    return { kind: 'previous', event: a.event, attribute: a.attribute };
  }
  return { kind: 'anchor' };
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
      if (rule.key !== undefined) throw new MalformedIrError(`${at}: \`matched by ${rule.key}\` needs an anchor event, and the date of birth is none`);
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
  const c = rule.counting ?? defaultCounting(rule);
  let countType = -1;
  let countAttribute: string | undefined;
  let countSupersedes = false;
  let counting: DraftCounting = { kind: 'anchor', label: 'the anchor' };
  if (c.kind === 'previous') {
    countType = typeIds.get(c.event) ?? -1;
    if (countType < 0) throw new MalformedIrError(`${at}: counting from undeclared event \`${c.event}\``);
    countAttribute = c.attribute;
    countSupersedes = c.attribute !== undefined && ir.events.some((e) => e.name === c.event && e.supersedes === true);
    counting = { kind: 'previous', label: `the previous ${c.event}${c.attribute === undefined ? '' : `.${c.attribute}`}` };
  } else if (c.kind !== 'anchor') throw new MalformedIrError(`${at}: unknown matching window`);
  return {
    ...base, metByText: base.metByText + matchedByText(rule.key), key: rule.key, kind: 'deadline', ir: rule, anchorType, anchorAttribute, supersedes, due: compileDue(rule.due, calendar, at), when,
    anchorTypes, others, pick: rule.whichever?.pick,
    opens: w === undefined ? undefined : shifter(w.opens.offset, w.opens.direction, calendar),
    closes: w?.closes === undefined ? undefined : shifter(w.closes.offset, w.closes.direction, calendar),
    counting, countType, countAttribute, countSupersedes,
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

/** The event that opened the last window `previousStart` found (-1: none, or a date attribute): it never satisfies. */
let previousEvent = -1;

/**
 * The start of a `previous` matching window for the obligation anchored at event `i` (-1: `child_dob`)
 * on `anchorDate`: the latest date of the counted type (or its attribute) strictly before `anchorDate`,
 * passing over the anchor event and superseded dates; undefined (any date) when there is none.
 */
function previousStart(st: CaseState, rule: CompiledDeadline, i: number, anchorDate: PlainDate): PlainDate | undefined {
  const { events, types, n } = st;
  const type = rule.countType;
  const attribute = rule.countAttribute;
  previousEvent = -1;
  let best: PlainDate | undefined;
  for (let j = 0; j < n; j++) {
    if (types[j] !== type || j === i) continue;
    const e = events[j] as NormalizedEvent;
    if (attribute === undefined) {
      if (e.date >= anchorDate) break;
      best = e.date;
      previousEvent = j;
      continue;
    }
    const value = e.attributes[attribute];
    if (typeof value !== 'number' || value >= anchorDate || (best !== undefined && value <= best)) continue;
    if (rule.countSupersedes && replacedBy(st, j, type, value) >= 0) continue;
    best = value;
  }
  return best;
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
  let skip = -1;
  if (rule.counting.kind === 'previous') {
    searchFrom = previousStart(st, rule, i, anchorDate);
    skip = previousEvent;
  }
  const lower = searchFrom ?? -Infinity;
  let satisfier: NormalizedEvent | undefined;
  let status: ObligationStatus;
  if (earliest === undefined) {
    const j = findSatisfier(st, rule, lower, Infinity, anchorDate, i, skip, undefined, rule.key, anchorEvent);
    satisfier = j < 0 ? undefined : events[j];
    status = statusOf(dueDate, satisfier, asOf);
  } else {
    const inside = findSatisfier(st, rule, Math.max(lower, earliest), Infinity, anchorDate, i, skip, undefined, rule.key, anchorEvent);
    const early = inside >= 0 ? -1 : findSatisfier(st, rule, lower, earliest - 1, anchorDate, i, skip, undefined, rule.key, anchorEvent);
    satisfier = inside >= 0 ? events[inside] : early >= 0 ? events[early] : undefined;
    status = inside < 0 && early >= 0 ? 'early' : statusOf(dueDate, satisfier, asOf);
  }
  st.drafts.push({
    rule, step: undefined, due: rule.due, occurrence, anchorEvent, anchorAttribute, anchorDate,
    previous: false, dueDate, searchFrom, satisfier, status, runEnd: undefined, earliest, choice, counting: rule.counting,
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
      const by = replacedBy(st, i, anchorType, anchorDate);
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

/**
 * Which matching window applied, for the explanation: "counted from Mon 2 Mar 2026, the previous
 * review_held", "counted from any date: no previous review_held before Fri 1 May 2026", "counted from
 * Tue 3 Mar 2026, the date of the event it is measured from".
 */
export function describeCounting(c: DraftCounting, from: PlainDate | undefined, anchorDate: PlainDate): string {
  if (c.kind === 'anchor') return from === undefined ? 'counted from any date' : `counted from ${longDate(from)}, the date of the event it is measured from`;
  return from === undefined ? `counted from any date: no ${c.label.slice('the '.length)} before ${longDate(anchorDate)}` : `counted from ${longDate(from)}, ${c.label}`;
}

const NONE_BEYOND: ReadonlySet<NormalizedEvent> = new Set<NormalizedEvent>();

/** Marks the events `limit` finds beyond its maximum, as `runtime/limits.ts` counts them. */
function beyondLimit(st: CaseState, limit: CompiledLimit): ReadonlySet<NormalizedEvent> {
  const { events, n, scope } = st;
  // The common case: too few events of the type in the whole case to exceed it anywhere.
  if (!mayExceed(limit, scope, st.typeCounts)) return NONE_BEYOND;
  const out = new Set<NormalizedEvent>();
  if (limit.cycle === undefined) {
    let k = 0;
    for (let i = 0; i < n; i++) if (counts(limit, scope, events[i] as NormalizedEvent) && ++k > limit.ir.max) out.add(events[i] as NormalizedEvent);
    return out;
  }
  // Each occurrence of the cycle (obligation or superseded): from just after its anchor event up to and
  // including the event that ended it, or to the as-of date while nothing has.
  for (const d of st.drafts) {
    if (d.rule.kind === 'cycle' && d.rule.id === limit.cycle && d.anchorEvent !== undefined) beyondInWindow(st, limit, d.anchorEvent, d.satisfier ?? d.runEnd, out);
  }
  for (const d of st.superseded) {
    if (d.rule.kind === 'cycle' && d.rule.id === limit.cycle && d.anchorEvent !== undefined) beyondInWindow(st, limit, d.anchorEvent, d.by, out);
  }
  return out;
}

/** Adds to `out` the events `limit` counts beyond its maximum in one window: just after `anchor`, up to and including `end`. */
function beyondInWindow(st: CaseState, limit: CompiledLimit, anchor: NormalizedEvent, end: NormalizedEvent | undefined, out: Set<NormalizedEvent>): void {
  const { events, n, scope } = st;
  let k = 0;
  for (let i = firstAfter(events, n, anchor); i < n; i++) {
    const e = events[i] as NormalizedEvent;
    if (end !== undefined && before(end, e)) break;
    if (counts(limit, scope, e) && ++k > limit.ir.max) out.add(e);
  }
}

/** Moves the capped deadline's obligations anchored on events beyond its limit to the superseded. */
function evaluateCap(st: CaseState, cap: CompiledCap): void {
  const rule = cap.deadline;
  // The common case first: too few events of the type in the whole case to exceed the limit.
  if (!mayExceed(cap.limit, st.scope, st.typeCounts)) return;
  let any = false;
  for (const d of st.drafts) if (d.rule === rule) any = true;
  if (!any) return;
  const beyond = beyondLimit(st, cap.limit);
  if (beyond.size === 0) {
    // Not for a limit with a `where`: its own pass adds the condition's notices, in its order.
    if (cap.limit.where === undefined) (st.within ??= []).push(cap.limit.ir);
    return;
  }
  const kept: Draft[] = [];
  for (const d of st.drafts) {
    if (d.rule !== rule || d.anchorEvent === undefined || !beyond.has(d.anchorEvent)) {
      kept.push(d);
      continue;
    }
    const e = d.anchorEvent;
    const moved: SupersededDraft = {
      rule, occurrence: d.occurrence, anchorEvent: e, anchorAttribute: d.anchorAttribute, anchorDate: d.anchorDate, dueDate: d.dueDate, by: e, why: 'beyond_limit',
      note: `${cap.text}: the ${e.type} on ${longDate(e.date)} is beyond it (a violation of the limit), so it gives no due date of its own; the due date of the one within the limit stands`,
    };
    st.superseded.push(moved);
  }
  st.drafts.length = 0;
  st.drafts.push(...kept);
}

function compileCap(rule: CompiledDeadline, ir: PolicyIR, ctx: PrepareContext): CompiledCap {
  const id = rule.ir.upToLimit as string;
  const limit = compileLimits(ir, ctx.calendar).find((l) => l.ir.id === id);
  if (limit === undefined) throw new MalformedIrError(`rule \`${rule.id}\`: up to the undeclared limit \`${id}\``);
  const anchors = [rule.ir.due.anchor.kind === 'event' || rule.ir.due.anchor.kind === 'event_attribute' ? rule.ir.due.anchor.event : '', ...(rule.ir.alsoFrom ?? [])];
  if (!anchors.includes(limit.ir.event)) throw new MalformedIrError(`rule \`${rule.id}\`: the limit \`${id}\` counts \`${limit.ir.event}\`, not an anchor event`);
  const per = limit.cycle === undefined ? 'per case' : `per ${limit.cycle}`;
  return { kind: 'cap', deadline: rule, limit, text: `beyond the limit ${id} (at most ${limit.ir.max} ${limit.ir.event} ${per})` };
}

export const deadlineKind: RuntimeKind<CompiledDeadline | CompiledCap> = {
  kind: 'deadline',
  stage: 'obligations',
  prepare(ir: PolicyIR, ctx: PrepareContext): PreparedUnit<CompiledDeadline | CompiledCap>[] {
    const units: PreparedUnit<CompiledDeadline | CompiledCap>[] = [];
    ir.rules.forEach((r, position) => {
      if (r.kind !== 'deadline') return;
      const unit = compileDeadline(r, ir, ctx);
      units.push({ unit, position });
      // After every rule of the stage: the cycle occurrences the limit reads are then all known.
      if (r.upToLimit !== undefined) units.push({ unit: compileCap(unit, ir, ctx), position: ir.rules.length + position });
    });
    return units;
  },
  evaluate(unit: CompiledDeadline | CompiledCap, st: CaseState): void {
    if (unit.kind === 'cap') evaluateCap(st, unit);
    else evaluateDeadline(st, unit);
  },
};
