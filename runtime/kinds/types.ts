/**
 * The contract every runtime rule kind implements, and the per-case state the kinds share.
 *
 * Input: none (types only, plus the order of the evaluation stages). Output: `RuntimeKind<P>`: a
 * module that prepares its part of a `PolicyIR` once per policy (`prepare`, giving units of prepared
 * work) and evaluates each unit once per case (`evaluate`, writing into `CaseState`); `CaseState`: the
 * events considered for one case and the result arrays the kinds fill; `Draft`/`SupersededDraft`: the
 * obligations found before they are turned into strings (by `runtime/evaluate.ts`).
 *
 * INVARIANT: `prepare` does all per-policy work (conditions, tables, arithmetic); `evaluate` uses no
 * regexes and no `Date`, and the `evaluate` of the kinds every policy has (deadline, cycle) creates
 * no closures.
 * INVARIANT: a kind with nothing in the policy returns no units, and then costs nothing per case.
 * INVARIANT: the stages below are the only order dependencies between kinds: a kind reads only what
 * kinds of earlier stages wrote (`runtime/kinds/index.ts` lists who reads what).
 */

import type { IrAnyRule, IrCycleStep, IrDue, IrLimit, IrRule, PolicyIR } from '../ir.ts';
import type { PlainDate } from '../dates.ts';
import type { WorkingDayCalendar } from '../calendar.ts';
import type { NormalizedEvent } from '../case.ts';
import type { Condition, ConditionScope } from '../conditions.ts';
import type { DueDescriber } from '../explain.ts';
import type { CriteriaResult, Escalation, Obligation, ObligationStatus, Violation } from '../result.ts';
import type { RaisedStage } from '../ladders.ts';
import type { CycleOccurrence } from '../limits.ts';

/**
 * The evaluation stages, in order. Units run stage by stage; within a stage by `position` (the order
 * of the IR's list), then in registry order.
 * - `obligations`: deadlines and cycles fill `drafts` and `superseded` (interleaved in the order of
 *   `PolicyIR.rules`, so that notices keep that order);
 * - `events`: approvals read the events only;
 * - `occurrences`: limits and constraints read the cycle occurrences the first stage found;
 * - `escalations`: ladders (run whenever the policy declares the escalation events);
 * - `as-of`: criteria, read on the as-of date.
 * Notifications (`runtime/notify.ts`) are not a kind: they run after all stages, reading the
 * obligations and the escalations.
 */
export const STAGES = ['obligations', 'events', 'occurrences', 'escalations', 'as-of'] as const;
export type Stage = (typeof STAGES)[number];

/** What `prepare` receives besides the IR. */
export interface PrepareContext {
  readonly calendar: WorkingDayCalendar;
  /** Build explanation strings (see `PrepareOptions.explanations`). */
  readonly explanations: boolean;
  /** Event-type id by event name (ids index `CaseState.types` and the `Uint8Array` flag tables). */
  readonly typeIds: ReadonlyMap<string, number>;
  /** Rank of each rule of `PolicyIR.rules` and `PolicyIR.duties` in id order (obligations sort by it without string compares). */
  readonly ranks: ReadonlyMap<string, number>;
}

/** One unit of prepared work and where it stands in its stage. */
export interface PreparedUnit<P> {
  readonly unit: P;
  /** Order within the stage: the position of the rule in its IR list (0 for a kind that has one unit). */
  readonly position: number;
}

/** A rule kind of the runtime. Adding one: a file in `runtime/kinds/` and one line in its registry. */
export interface RuntimeKind<P> {
  /** The kind's name, as in the IR (`deadline`, `approval`...). */
  readonly kind: string;
  readonly stage: Stage;
  /** Once per policy; throws `MalformedIrError` when the IR breaks its contract. No units: nothing to do. */
  prepare(ir: PolicyIR, ctx: PrepareContext): readonly PreparedUnit<P>[];
  /** Once per case and unit. */
  evaluate(unit: P, st: CaseState): void;
}

/** A due date prepared for evaluation. */
export interface CompiledDue {
  readonly ir: IrDue;
  /** The anchor date moved by the offset, before alignment. */
  readonly offset: (anchor: PlainDate) => PlainDate;
  /** The due date: offset, then aligned. */
  readonly compute: (anchor: PlainDate) => PlainDate;
  /** The arithmetic in words, for explanations. */
  readonly describe: DueDescriber;
}

/** What every rule that produces obligations (deadline, cycle) carries once prepared. */
export interface CompiledRuleBase {
  readonly kind: IrRule['kind'];
  readonly ir: IrRule;
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

/** An obligation found during evaluation, before it is turned into strings. */
export interface Draft {
  readonly rule: CompiledRuleBase;
  /** For cycles: the step that applied. */
  readonly step: { readonly ir: IrCycleStep } | undefined;
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
  /** For a deadline with a window: the day the window opens (`dueDate` is the day it closes). */
  readonly earliest: PlainDate | undefined;
  /** For a deadline with `whichever is sooner|later`: every due date and which one applied. */
  readonly choice: DueChoice | undefined;
  /** For a deadline: its matching window (`runtime/kinds/deadline.ts`), told in its explanation. */
  readonly counting?: DraftCounting;
}

/** A deadline's matching window as its explanation tells it (prepared once per rule). */
export interface DraftCounting {
  /** `anchor`: from the anchor event's date; `previous`: from `searchFrom`, the previous event or date named by `label` (any date when undefined). */
  readonly kind: 'anchor' | 'previous';
  /** `the previous review_held`, `the previous review_scheduled.for`. */
  readonly label: string;
}

/** The due dates of a `whichever is sooner|later` deadline for one obligation, and which one applied. */
export interface DueChoice {
  readonly pick: 'sooner' | 'later';
  /** In the order written; the first is measured from the obligation's own anchor. */
  readonly entries: readonly DueChoiceEntry[];
  /** Index in `entries` of the due date that applied. */
  readonly chosen: number;
}

export interface DueChoiceEntry {
  readonly due: CompiledDue;
  /** How the anchor is named: `placement_moved`, `review_scheduled.for`, "the child's date of birth". */
  readonly label: string;
  /** Undefined when the case has no such anchor (yet): this due date then takes no part. */
  readonly anchorDate: PlainDate | undefined;
  readonly dueDate: PlainDate | undefined;
}

/** What a superseded obligation needs of its rule (a deadline's or cycle's `CompiledRuleBase`, a `CompiledDuty`). */
export interface SupersededRule {
  readonly kind: IrAnyRule['kind'];
  readonly id: string;
  readonly owner: string;
  /** As `CompiledRuleBase.rank`. */
  readonly rank: number;
}

/**
 * A superseded obligation, before it is turned into strings. A duty's (`runtime/kinds/duty.ts`):
 * `dueDate` is its bound, the anchor the trigger event's date attribute the bound is measured from.
 */
export interface SupersededDraft {
  readonly rule: SupersededRule;
  readonly occurrence: number;
  readonly anchorEvent: NormalizedEvent | undefined;
  readonly anchorAttribute: string | undefined;
  readonly anchorDate: PlainDate;
  readonly dueDate: PlainDate;
  /** The event that superseded it. */
  readonly by: NormalizedEvent;
  readonly why: 'ended' | 'restarted' | 'rearranged' | 'beyond_limit';
  /** For `beyond_limit`: the reason, told in full (`runtime/kinds/deadline.ts`). */
  readonly note?: string;
}

/** Per-case state: what the kinds read, and the arrays they fill. */
export interface CaseState {
  readonly events: readonly NormalizedEvent[];
  /** Number of events considered (those on or before `asOf`: a prefix of `events`). */
  readonly n: number;
  /** Event-type id of each considered event (-1: undeclared). */
  readonly types: Int32Array;
  /** By event-type id: how many of the considered events have that type (scratch of the policy, valid for this case). */
  readonly typeCounts: Int32Array;
  readonly asOf: PlainDate;
  readonly scope: ConditionScope;
  /** Stage `obligations`. */
  readonly drafts: Draft[];
  /** Stage `obligations`; and stage `occurrences`, the duties of a rearranged meeting (`kinds/duty.ts`). */
  readonly superseded: SupersededDraft[];
  /**
   * Limits a capped deadline (`up to the limit`) has already found no event beyond in this case
   * (`kinds/deadline.ts`): the limit's own pass then has no violation to report and is skipped
   * (`kinds/limit.ts`); both count the same events in the same cycle occurrences.
   */
  within: IrLimit[] | undefined;
  /** Cycle occurrences by cycle id, built from `drafts` and `superseded` on first use (`kinds/cycle.ts`). */
  occurrences: ReadonlyMap<string, readonly CycleOccurrence[]> | undefined;
  /** Approvals, limits, constraints, ladders (sorted by the evaluator). */
  readonly violations: Violation[];
  /** Stage `escalations`: one per raised stage, and the stage each came from (parallel arrays). */
  escalations: Escalation[];
  raised: readonly RaisedStage[];
  /** Stage `as-of`. */
  criteria: CriteriaResult[];
  /** Stage `occurrences`: duties, as obligations without a due date (sorted by the evaluator). */
  readonly duties: Obligation[];
}
