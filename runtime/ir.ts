/**
 * The intermediate representation (IR) of a compiled policy: the contract between the compiler and
 * the runtime.
 *
 * Input: produced by `compiler/ir/from-elaborated.ts` from a checked, elaborated policy (with every
 * `extends` already merged in). Output: consumed by `runtime/evaluate.ts` (the interpreter) and by
 * the emitters.
 *
 * INVARIANT: the IR is plain JSON (no functions, no class instances, no `undefined` values in arrays)
 * so that it can be serialised, embedded in an emitted module and sent to a web worker.
 * INVARIANT: every name it mentions (role, event, attribute, fact, rule) is declared in the same IR;
 * the checker guarantees it, the runtime does not re-check.
 * INVARIANT: every duration carries an explicit unit; dates are `YYYY-MM-DD` strings.
 */

import type { CalendarName } from './calendar.ts';
import type { DurationUnit } from './units.ts';

/** Version of the IR format, bumped on any incompatible change. */
export const IR_VERSION = 2 as const;

/** A position in a policy file, for explanations and emitted code (1-based line and column). */
export interface IrSource {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** The types a fact or event attribute may have. */
export type IrType =
  | { readonly kind: 'date' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'number' }
  | { readonly kind: 'text' }
  | { readonly kind: 'role' }
  | { readonly kind: 'enum'; readonly values: readonly string[] };

/** The units of `IrDuration`: the keys of the one table of units, `runtime/units.ts`. */
export type { DurationUnit };

/** A length of time with its unit. `amount` is a non-negative integer. */
export interface IrDuration {
  readonly amount: number;
  readonly unit: DurationUnit;
}

export interface IrRole {
  readonly name: string;
  readonly title: string;
  readonly reportsTo?: string;
}

export interface IrAttribute {
  readonly name: string;
  readonly type: IrType;
  readonly optional: boolean;
}

export interface IrEvent {
  readonly name: string;
  readonly title?: string;
  readonly attributes: readonly IrAttribute[];
  /**
   * `supersedes earlier`: a later event of this type, recorded strictly before the date an earlier
   * one's date attribute names, replaces the earlier one (a meeting rearranged before it took place;
   * one recorded on the meeting's own day does not), and
   * the obligations measured from the earlier one are superseded. Without it, events of the type
   * stand side by side.
   */
  readonly supersedes?: true;
}

export interface IrFact {
  readonly name: string;
  readonly title?: string;
  readonly type: IrType;
  readonly optional: boolean;
  /**
   * `set by ...`: events that change the fact over time. A condition reads the value in force on the
   * date it is evaluated at: that of the latest setting event dated on or before it (events of one
   * date in input order), else the case's value (its initial value). Absent: the case's value only.
   */
  readonly setBy?: readonly IrFactSetter[];
}

/** An event that sets a fact: to its attribute's value (an absent optional attribute sets nothing), or to a fixed value (a date as `YYYY-MM-DD`). */
export type IrFactSetter =
  | { readonly kind: 'attribute'; readonly event: string; readonly attribute: string }
  | { readonly kind: 'value'; readonly event: string; readonly value: string | number | boolean };

/** The calendar working days are counted on: a registered calendar, and the policy's closure and open days. */
export interface IrCalendar {
  /** The calendar the policy's `calendar` line names (or inherits; `england-and-wales` when none does): a key of `CALENDARS`. */
  readonly base: CalendarName;
  readonly add: readonly { readonly date: string; readonly name: string }[];
  readonly remove: readonly { readonly date: string; readonly reason?: string }[];
}

/**
 * What a deadline is measured from.
 * - `event`: the date of an event of that type (each such event anchors one obligation);
 * - `event_attribute`: a date carried by an event (`review_scheduled.for`): each such event anchors
 *   one obligation, measured from the attribute's date;
 * - `run_start`: in a cycle, the event that started (or restarted) the current run;
 * - `previous`: in a cycle, the date of the event that satisfied the previous occurrence;
 * - `child_dob`: the child's date of birth.
 */
export type IrAnchor =
  | { readonly kind: 'event'; readonly event: string }
  | { readonly kind: 'event_attribute'; readonly event: string; readonly attribute: string }
  | { readonly kind: 'run_start' }
  | { readonly kind: 'previous' }
  | { readonly kind: 'child_dob' };

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO: 1 = Monday ... 7 = Sunday

/**
 * When an obligation falls due: `offset` after (or before) the anchor's date, then optionally moved
 * to a weekday on or before/after that date, and optionally with a time of day.
 */
export interface IrDue {
  readonly direction: 'after' | 'before';
  readonly offset: IrDuration;
  readonly anchor: IrAnchor;
  readonly align?: { readonly weekday: Weekday; readonly direction: 'on_or_before' | 'on_or_after' };
  /** `HH:MM`, 24-hour clock. */
  readonly time?: string;
}

/** A date moved by a duration: the two ends of a window, from the date a due gives. */
export interface IrShift {
  readonly direction: 'after' | 'before';
  readonly offset: IrDuration;
}

/** A value a condition can read. */
export type IrOperand =
  | { readonly kind: 'literal'; readonly value: string | number | boolean; readonly type: IrType['kind'] }
  | { readonly kind: 'fact'; readonly fact: string }
  | { readonly kind: 'attribute'; readonly event: string; readonly attribute: string }
  /** The child's age in whole years on the anchor date of the obligation being considered (in criteria: on the as-of date). */
  | { readonly kind: 'age' }
  | { readonly kind: 'child_dob' }
  /** The as-of date of the evaluation (`today` in the surface language). */
  | { readonly kind: 'today' }
  /** `EVENT.date`: the date of the focus event (missing when the focus event is of another type). */
  | { readonly kind: 'event_date'; readonly event: string }
  /** `days since the last EVENT`: calendar days from the latest such event dated on or before the date read to that date; missing when there is none. */
  | { readonly kind: 'days_since'; readonly event: string }
  /** The number of events of that type on the case (up to the as-of date), optionally filtered by `where` (which reads that event). */
  | { readonly kind: 'count'; readonly event: string; readonly where?: IrCondition }
  /** A date moved by a duration: `3 months after today`. `base` is date-typed. */
  | { readonly kind: 'date_offset'; readonly direction: 'after' | 'before'; readonly offset: IrDuration; readonly base: IrOperand };

export type IrCompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** `left in (values...)`; `negated` for `not in`. */
export interface IrMembership {
  readonly kind: 'in';
  readonly negated: boolean;
  readonly left: IrOperand;
  readonly values: readonly IrOperand[];
  readonly text: string;
}

/** A boolean condition; `text` is the condition as written, for explanations. */
export type IrCondition =
  | { readonly kind: 'and'; readonly items: readonly IrCondition[]; readonly text: string }
  | { readonly kind: 'or'; readonly items: readonly IrCondition[]; readonly text: string }
  | { readonly kind: 'not'; readonly item: IrCondition; readonly text: string }
  | {
      readonly kind: 'compare';
      readonly op: IrCompareOp;
      readonly left: IrOperand;
      readonly right: IrOperand;
      readonly text: string;
    }
  | IrMembership;

/** The events that satisfy an obligation: any of `events`, optionally filtered by `where`. */
export interface IrMetBy {
  readonly events: readonly string[];
  /** Evaluated against the candidate satisfying event (attributes of that event). */
  readonly where?: IrCondition;
}

/**
 * A notification template (Handlebars, HTML-escaped when rendered). The checker has verified that
 * every field it refers to exists in the context of the rule that carries it (see docs/language.md,
 * "Notifications").
 */
export interface IrTemplate {
  readonly subject: string;
  readonly body?: string;
}

/** What every named rule of any kind carries. */
export interface IrNamed {
  readonly id: string;
  readonly title: string;
  readonly citation: string;
  readonly source: IrSource;
  /** The policy that declared (or last overrode) it. */
  readonly policy: string;
}

/** Several owners: `all` (`owner a and b`: they own it together) or `any` (`owner a or b`: any of them may do it). */
export interface IrOwners {
  readonly join: 'all' | 'any';
  /** Every owner, the first being the rule's `owner`. */
  readonly roles: readonly string[];
}

interface IrRuleBase {
  /** The rule's name, unique in the merged policy. */
  readonly id: string;
  readonly title: string;
  /** Role name of the owner (the first, when there are several). */
  readonly owner: string;
  /** Present only when the rule names more than one owner. */
  readonly owners?: IrOwners;
  readonly metBy: IrMetBy;
  readonly citation: string;
  readonly source: IrSource;
  /** The policy that declared (or last overrode) this rule. */
  readonly policy: string;
  /** Rendered for each obligation that is open, early or overdue. */
  readonly notify?: IrTemplate;
}

/** A one-off obligation: one per anchor event (or one in all, for `child_dob`). */
export interface IrDeadline extends IrRuleBase {
  readonly kind: 'deadline';
  readonly due: IrDue;
  /** `... of EVENT or EVENT2`: more anchor event types; one obligation per event of any of them (`due.anchor` is then an `event` anchor). */
  readonly alsoFrom?: readonly string[];
  /** `matched by KEY`: the satisfying event must carry the anchor event's value of this attribute. Absent: no key. */
  readonly key?: string;
  /** `..., whichever is sooner|later`: more due dates, each from its own anchor; the due date is the earliest/latest of them and `due`. */
  readonly whichever?: { readonly pick: 'sooner' | 'later'; readonly others: readonly IrDue[] };
  /** A window: its start is the date `due` gives moved by `opens`; the due date (its end) is that date moved by `closes`, when given. */
  readonly window?: { readonly opens: IrShift; readonly closes?: IrShift };
  /** Evaluated for each anchor event: age at the anchor date, attributes of the anchor event. */
  readonly when?: IrCondition;
  /**
   * `counting from ...`: from when a satisfying event counts (the matching window). Absent: the
   * default (`defaultCounting` in `runtime/kinds/deadline.ts`; docs/language.md, "Matching window").
   */
  readonly counting?: IrCounting;
  /** `up to the limit LIMIT`: the id of a limit of `PolicyIR.limits` counting an anchor event type; anchor events beyond it give no obligation. */
  readonly upToLimit?: string;
}

/**
 * A deadline's matching window: `anchor`: satisfying events count from the anchor event's date (the
 * date it was recorded, for an attribute anchor; any date, for `child_dob`); `previous`: from the date
 * of the latest event of `event` dated before the obligation's anchor date, or with `attribute`, from
 * the latest such date among the other events of `event` not superseded (any date when there is none).
 */
export type IrCounting = { readonly kind: 'anchor' } | { readonly kind: 'previous'; readonly event: string; readonly attribute?: string };

/**
 * One step of a cycle. Occurrence 1 uses the step with `ordinal` 1, occurrence 2 the one with
 * `ordinal` 2, and so on; an occurrence with no step of its own uses the `repeat` steps. Where
 * several steps are candidates, the first whose `when` holds applies.
 */
export interface IrCycleStep {
  readonly ordinal: number | 'repeat';
  readonly due: IrDue;
  readonly when?: IrCondition;
  readonly citation: string;
  readonly source: IrSource;
}

/** A condition an event of a listed type must meet to count. */
export interface IrEventFilter {
  readonly event: string;
  readonly where: IrCondition;
}

/** A recurring obligation: occurrences 1, 2, 3... each measured from the previous one's satisfaction. */
export interface IrCycle extends IrRuleBase {
  readonly kind: 'cycle';
  /** Events that start a run (the child becomes looked after). */
  readonly startsOn: readonly string[];
  /** Events that end the current run (the child ceases to be looked after). */
  readonly endsOn: readonly string[];
  /** Events that end the current run and start a new one at once (a placement move, locally). */
  readonly restartsOn: readonly string[];
  /**
   * `until ... where` and `restarts on ... where`: an event of `endsOn` / `restartsOn` counts only when
   * its condition holds (read on that event's date, with its attributes). Events without an entry
   * count always.
   */
  readonly endsWhere?: readonly IrEventFilter[];
  readonly restartsWhere?: readonly IrEventFilter[];
  readonly steps: readonly IrCycleStep[];
  /** Evaluated once per run, against the event that started it. */
  readonly when?: IrCondition;
}

export type IrRule = IrDeadline | IrCycle;

/**
 * Who may approve an action, and what must happen first. For each `decision` event the runtime finds
 * the latest `request` event on or before it (not already decided) and reports a violation when: the
 * decision's `by` role is not among `approvers`; a `requires` event is missing between the request and
 * the decision (both dates included); the request came later than `notice` allows; or there is no
 * request at all.
 */
export interface IrApproval extends IrNamed {
  readonly kind: 'approval';
  readonly request: { readonly event: string; readonly where?: IrCondition };
  /** The event recording the decision; `byAttribute` is its role-typed attribute naming the approver. */
  readonly decision: { readonly event: string; readonly byAttribute: string };
  /** Every role that may approve (reporting lines already expanded for `or above`). */
  readonly approvers: readonly string[];
  /** The approvers as written, for messages: `service_manager`, `team_manager or above`. */
  readonly approversText: string;
  readonly requires: readonly { readonly event: string; readonly where?: IrCondition; readonly text: string }[];
  /** The latest date the request may be made, measured from the request event (its date or a date attribute). */
  readonly notice?: IrDue;
  /** `matched by KEY`: the events paired carry the same value of this attribute (a missing value pairs only with a missing one). Absent: no key. */
  readonly key?: string;
}

/** At most `max` events of a type, in the whole case or per occurrence of a cycle; each one beyond is a violation. */
export interface IrLimit extends IrNamed {
  readonly kind: 'limit';
  readonly event: string;
  readonly where?: IrCondition;
  readonly max: number;
  /** `case`: counted over the whole case; a cycle id: counted between an occurrence's anchor and the event that met it. */
  readonly per: { readonly kind: 'case' } | { readonly kind: 'cycle'; readonly rule: string };
}

/**
 * Each event of a type carries a date that must not fall after the due date of the occurrence of a
 * cycle that is pending when the event is recorded (a rearranged review must stay within timescales).
 */
export interface IrConstraint extends IrNamed {
  readonly kind: 'constraint';
  readonly event: string;
  readonly attribute: string;
  readonly cycle: string;
}

/**
 * An order of steps: each `step` event (its `where` holding, and the rule's `when` holding on its
 * date) must be preceded by an `after` event (its `where` holding): one recorded on or before the
 * step's date, and earlier in the case's recorded order when on the same date. With `within`, the
 * latest such event must be no older than that: dated on or after the step's date moved back by
 * `within` (calendar arithmetic of `runtime/units.ts`). One earlier event may precede any number of
 * steps. Each step without one is a violation. Semantics: `runtime/kinds/order.ts`.
 */
export interface IrOrder extends IrNamed {
  readonly kind: 'order';
  /** The role that must take the earlier step, when the policy names one. */
  readonly owner?: string;
  /** `text`: the event and its `where` as written, for messages. */
  readonly step: { readonly event: string; readonly where?: IrCondition; readonly text: string };
  readonly after: { readonly event: string; readonly where?: IrCondition; readonly text: string };
  /** How recent the earlier event must be; without it, any earlier event will do. `amount` >= 1. */
  readonly within?: IrDuration;
  /** Evaluated for each step event: age on its date, its attributes, the facts. */
  readonly when?: IrCondition;
  /** `matched by KEY`: the events paired carry the same value of this attribute (a missing value pairs only with a missing one). Absent: no key. */
  readonly key?: string;
}

export interface IrLadderStage {
  readonly number: number;
  readonly title?: string;
  /** Roles that must respond. */
  readonly alert: readonly string[];
  /** Roles copied in. */
  readonly copy: readonly string[];
  /** The response timescale, measured from the day the stage is raised. */
  readonly respondWithin?: IrDuration;
  /** For the final, external step: the body the matter is referred to. */
  readonly referTo?: string;
  /** `raised by ROLES` on the stage: who raises it (else the ladder's `raisedBy`). */
  readonly raisedBy?: readonly string[];
  /** `when CONDITION` on the stage: it is part of the ladder only for cases where this holds (facts, age, counts). */
  readonly when?: IrCondition;
  /** `stops the clock` on a referral stage: the overall limit stops running when the referral is made. */
  readonly stopsClock?: boolean;
  readonly citation: string;
  readonly source: IrSource;
}

/**
 * An escalation ladder. Cases record `escalation_raised {ladder, stage}`, `escalation_response
 * {ladder, stage, satisfactory}` and `escalation_resolved {ladder}`; an escalation runs from the first
 * `escalation_raised` of the ladder to its `escalation_resolved`.
 */
export interface IrLadder extends IrNamed {
  readonly kind: 'ladder';
  readonly raisedBy: readonly string[];
  /** Stages may be skipped (bypassed or conflated); when false, raising stage n+2 after n is a violation. */
  readonly bypass: boolean;
  /** The overall limit from the first raise to resolution. */
  readonly cap?: IrDuration;
  readonly capCitation?: string;
  readonly stages: readonly IrLadderStage[];
  /** What makes the next stage due: no response by the deadline, and/or a response marked unsatisfactory. */
  readonly advance: { readonly late: boolean; readonly unsatisfactory: boolean };
  /** Rendered for each stage raised. */
  readonly notify?: IrTemplate;
  /** `matched by KEY`: the events paired carry the same value of this attribute (a missing value pairs only with a missing one). Absent: no key. */
  readonly key?: string;
}

/** Named boolean criteria: each condition is reported with its value and why. */
export interface IrCriteria extends IrNamed {
  readonly kind: 'criteria';
  readonly combinator: 'any' | 'all' | 'none';
  readonly conditions: readonly { readonly label: string; readonly condition: IrCondition }[];
}

/**
 * A duty without a number: an owner must do something after a trigger (each event of a type, or each
 * occurrence of a cycle), met by an event dated from the trigger's date up to the bound (when there
 * is one). Evaluated by `runtime/kinds/duty.ts` (its header gives the semantics).
 */
export interface IrDuty extends IrNamed {
  readonly kind: 'duty';
  /** Role name of the owner (the first, when there are several). */
  readonly owner: string;
  /** Present only when the duty names more than one owner. */
  readonly owners?: IrOwners;
  /** `event`: each event of that type whose `where` holds (reading that event); `cycle`: each occurrence of that cycle that is an obligation. */
  readonly trigger: { readonly kind: 'event'; readonly event: string; readonly where?: IrCondition } | { readonly kind: 'cycle'; readonly cycle: string };
  /**
   * The last day the duty can be met: `date`: a due date (anchor `event_attribute` of the trigger
   * event, or `child_dob`); `next_event`: the date of the first event of that type dated on or after
   * the trigger's date (other than the trigger event itself). Absent: open-ended.
   */
  readonly bound?: { readonly kind: 'date'; readonly due: IrDue } | { readonly kind: 'next_event'; readonly event: string };
  /** The document's own words for when ("as soon as practicable"), carried to explanations. */
  readonly wording?: string;
  readonly metBy: IrMetBy;
  /** Evaluated per trigger: age on the trigger date, attributes of the trigger event. */
  readonly when?: IrCondition;
  /** Rendered for each duty that is outstanding or missed. */
  readonly notify?: IrTemplate;
  /** `matched by KEY`: the event that meets it carries the trigger event's value of this attribute. Absent: no key. */
  readonly key?: string;
}

export interface PolicyIR {
  readonly irVersion: typeof IR_VERSION;
  readonly id: string;
  readonly title: string;
  readonly authority?: string;
  readonly version?: string;
  /** `YYYY-MM-DD` */
  readonly effective?: string;
  readonly source?: string;
  /** Ids of the policies this one extends, nearest first. */
  readonly extends: readonly string[];
  /** Ids of the policies whose vocabulary only (roles, facts, events) it `use`s; absent when none. */
  readonly uses?: readonly string[];
  readonly calendar: IrCalendar;
  readonly roles: readonly IrRole[];
  readonly facts: readonly IrFact[];
  readonly events: readonly IrEvent[];
  /** Obligations: deadlines and cycles. */
  readonly rules: readonly IrRule[];
  readonly approvals: readonly IrApproval[];
  readonly limits: readonly IrLimit[];
  readonly constraints: readonly IrConstraint[];
  readonly orders: readonly IrOrder[];
  readonly ladders: readonly IrLadder[];
  readonly criteria: readonly IrCriteria[];
  /** Duties without a number; absent when the policy has none (so IR without duties is unchanged). */
  readonly duties?: readonly IrDuty[];
}

/**
 * The IR's lists of rules, in `PolicyIR`'s order: the field each kind of rule is listed in, and the
 * word for one of its items (deadlines and cycles are both `rules`). A new kind of rule adds its
 * field to `PolicyIR` and here; everything that walks every rule (emitters, docs) reads this.
 */
export const IR_RULE_SLOTS = { rules: 'rule', approvals: 'approval', limits: 'limit', constraints: 'constraint', orders: 'order', ladders: 'ladder', criteria: 'criteria', duties: 'duty' } as const satisfies Partial<
  Record<keyof PolicyIR, string>
>;
export type IrRuleSlot = keyof typeof IR_RULE_SLOTS;
/** Any rule of the IR, of any kind. */
export type IrAnyRule = NonNullable<PolicyIR[IrRuleSlot]>[number];

/** Every rule of the IR, list by list in `IR_RULE_SLOTS` order. */
export function allRules(ir: PolicyIR): IrAnyRule[] {
  return (Object.keys(IR_RULE_SLOTS) as IrRuleSlot[]).flatMap((slot): readonly IrAnyRule[] => ir[slot] ?? []);
}
