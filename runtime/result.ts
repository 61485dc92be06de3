/**
 * The result of evaluating a case against a compiled policy: obligations with their status and
 * explanation, the obligations that were superseded, violations of approvals, limits, constraints and
 * ladders, the state of each escalation, the value of each criterion with its reasons, rendered
 * notifications, and notices about what was not considered.
 *
 * Input: produced by `runtime/evaluate.ts`. Output: plain JSON for the CLI, the playground and
 * embedding systems.
 *
 * INVARIANT: every date is a `YYYY-MM-DD` string; the result holds no `undefined` values (optional
 * fields are absent, not undefined), so `JSON.parse(JSON.stringify(r))` equals `r`.
 * INVARIANT: `obligations` and `superseded` are sorted by due date, then rule id, then occurrence
 * (duties, which have no due date, follow the dated obligations, by trigger date, rule id, occurrence);
 * `violations` by the date of their event, then its input position, then rule id; `escalations` by
 * ladder (in the order the policy declares them), then instance, then the order stages were raised;
 * `criteria` in the order the policy declares them; `notifications` follow `obligations`, then
 * `escalations`.
 * INVARIANT: the four arrays added with IR v2 (`violations`, `escalations`, `criteria`,
 * `notifications`) are always present, empty when the policy has nothing of the kind.
 */

import type { IrAnyRule, IrOwners, IrSource } from './ir.ts';
import type { CaseError } from './case.ts';
import type { Notice } from './messages.ts';

/**
 * - `met`: satisfied on or before the due date;
 * - `met_late`: satisfied after the due date;
 * - `overdue`: not satisfied, and the as-of date is after the due date;
 * - `open`: not satisfied, and not yet due (the due date is on or after the as-of date);
 * - `early`: a deadline with a window (`earliest`), satisfied only before the window opened; an event
 *   inside the window, or after it, makes it `met` or `met_late` instead. Never overdue.
 * Duties (no due date, `runtime/kinds/duty.ts`) are `met`, or else:
 * - `outstanding`: not met, and its bound (if it has one) is on or after the as-of date;
 * - `missed`: not met by its bound, and the as-of date is after the bound.
 */
export type ObligationStatus = 'met' | 'met_late' | 'overdue' | 'open' | 'early' | 'outstanding' | 'missed';

/** What an obligation is measured from. */
export interface ObligationAnchor {
  /** The anchor event's type, or `child.dob` for deadlines measured from the child's date of birth. */
  readonly event: string;
  /** `YYYY-MM-DD`: the anchor event's date, or the date attribute's value. */
  readonly date: string;
  /** For deadlines measured from an event's date attribute: the attribute's name. */
  readonly attribute?: string;
}

/** One thing someone must do by a date. */
export interface Obligation {
  /** The rule's id. */
  readonly rule: string;
  /** 1, 2, 3...: the k-th anchor event of a deadline's type, or the k-th occurrence of a cycle's run. */
  readonly occurrence: number;
  readonly title: string;
  /** Role name of the owner (the first, when the rule names several). */
  readonly owner: string;
  /** When the rule names more than one owner: all of them, and whether they own it together (`all`) or any of them may do it (`any`). */
  readonly owners?: IrOwners;
  readonly anchor: ObligationAnchor;
  /** `YYYY-MM-DD`; absent for a duty, which has no due date (see `bound`). */
  readonly due?: string;
  /** For a duty with a bound: `YYYY-MM-DD`, the last day it can be met; absent while open-ended (or the next bounding event has not happened). */
  readonly bound?: string;
  /** For a duty: the document's own words for when ("as soon as practicable"). */
  readonly wording?: string;
  /** `HH:MM`, when the rule gives a time of day. */
  readonly dueTime?: string;
  /** `YYYY-MM-DD`: the day a deadline's window opens, when it has one. */
  readonly earliest?: string;
  readonly status: ObligationStatus;
  /** `YYYY-MM-DD` of the satisfying event, when there is one. */
  readonly satisfiedOn?: string;
  /** The citation of the rule (or of the cycle step that applied). */
  readonly citation: string;
  /** Plain English: the rule, the anchor, the arithmetic, the days skipped, the outcome, the source. */
  readonly explanation: string;
  /** Where the rule (or the cycle step) is written. */
  readonly source: IrSource;
}

/** An obligation that no longer applies: its run ended, or its meeting was rearranged. */
export interface SupersededObligation {
  readonly rule: string;
  readonly occurrence: number;
  readonly anchor: ObligationAnchor;
  /** `YYYY-MM-DD`: when it would have been due. */
  readonly due: string;
  /** Plain English: which event superseded it, and when. */
  readonly reason: string;
}

/**
 * What a violation breaks: any kind of rule but those that make obligations (deadlines, cycles) or
 * report criteria (today: `approval`, `limit`, `constraint`, `order`, `ladder`; a new kind is included as is).
 */
export type ViolationKind = Exclude<IrAnyRule['kind'], 'deadline' | 'cycle' | 'criteria' | 'duty'>;

/**
 * Something the case records that the policy does not allow: a decision by a role that may not
 * approve, a required step missing, a request made too late, a decision without a request (`approval`);
 * an event beyond a limit (`limit`); a date beyond a cycle's due date (`constraint`); a step with no
 * earlier step before it, or none recent enough (`order`); a stage skipped
 * or an escalation naming a ladder or stage the policy does not have (`ladder`).
 */
export interface Violation {
  /** The id of the approval, limit, constraint, order or ladder (for an undeclared ladder: the name the event gives). */
  readonly rule: string;
  readonly kind: ViolationKind;
  /** Plain English, with the dates and names involved. */
  readonly message: string;
  /** The event that breaks the rule: its type, `YYYY-MM-DD` date and position in the input `events`. */
  readonly event: { readonly type: string; readonly date: string; readonly index: number };
  /** The rule's citation ('' for an undeclared ladder). */
  readonly citation: string;
}

/**
 * - `resolved`: the escalation it belongs to was resolved (every stage of it);
 * - `referred`: a referral stage (`refer to`), which expects no response;
 * - `responded` / `unsatisfactory`: the stage's response, judged satisfactory or not, made on or
 *   before the date a later stage was raised (when one was);
 * - `escalated`: a later stage of the same escalation was raised with no response to this one by
 *   that date (`escalatedOn`, `escalatedToStage`, `escalatedTo`);
 * - `overdue`: no response, and the as-of date is after the response's due date;
 * - `awaiting_response`: no response yet, not yet due.
 */
export type EscalationStatus = 'awaiting_response' | 'responded' | 'unsatisfactory' | 'escalated' | 'overdue' | 'referred' | 'resolved';

/** One raised stage of an escalation (an instance of a ladder, from its first raise to its resolution). */
export interface Escalation {
  /** The ladder's id. */
  readonly ladder: string;
  /** The ladder's title. */
  readonly title: string;
  /** 1, 2...: the escalation's number among those of its ladder. */
  readonly instance: number;
  readonly stage: number;
  readonly stageTitle?: string;
  /** True for the latest stage raised in an escalation still open on the as-of date. */
  readonly current: boolean;
  /** `YYYY-MM-DD` */
  readonly raisedOn: string;
  /** Role names alerted, who must respond. */
  readonly respondents: readonly string[];
  /** Role names copied in. */
  readonly copied: readonly string[];
  /** `YYYY-MM-DD`: the raise plus the stage's response timescale; absent for a referral stage. */
  readonly due?: string;
  readonly status: EscalationStatus;
  /** `YYYY-MM-DD` of the stage's response, when there is one. */
  readonly respondedOn?: string;
  /** `YYYY-MM-DD`: when the matter was taken to a later stage of the same escalation (the next raise of a higher stage), if it was. */
  readonly escalatedOn?: string;
  /** The number of that later stage. */
  readonly escalatedToStage?: number;
  /** Role names of that later stage: those it alerts, or the body a referral goes to. */
  readonly escalatedTo?: readonly string[];
  /** For the current stage: the next stage is due (per the ladder's `advance`). */
  readonly nextStageDue: boolean;
  /** Why the next stage is due: the response is late, unsatisfactory, or both. */
  readonly nextStageReason?: string;
  /** `YYYY-MM-DD`: the escalation's first raise plus the ladder's overall limit, when it has one. */
  readonly capDue?: string;
  /** `YYYY-MM-DD`: a referral stage that `stops the clock` was made on this date (the last stage raised), ending the overall limit's count. */
  readonly clockStoppedOn?: string;
  /** True when the escalation was resolved (or its clock stopped) after `capDue`, or is still running and the as-of date is after it. */
  readonly capExceeded: boolean;
  /** `YYYY-MM-DD` of the escalation's resolution, when it was resolved. */
  readonly resolvedOn?: string;
  /** The stage's citation. */
  readonly citation: string;
  /** Plain English: when it was raised, who must respond by when (the arithmetic, bank holidays named), the response, the next stage, the overall limit. */
  readonly explanation: string;
}

/** One condition of a criterion, with its value and why. */
export interface CriterionCondition {
  readonly label: string;
  readonly value: boolean;
  /** The values read, e.g. "count(child_protection_plan_started) is 2, which is >= 2", "`case_holder` is not set". */
  readonly reason: string;
}

/** A criterion evaluated on the as-of date. */
export interface CriteriaResult {
  readonly name: string;
  readonly title: string;
  readonly result: boolean;
  readonly combinator: 'any' | 'all' | 'none';
  /** In the order the policy lists them. */
  readonly conditions: readonly CriterionCondition[];
  readonly citation: string;
}

/** A rendered notification template (HTML-escaped). */
export interface Notification {
  /** The id of the deadline, cycle or ladder that carries the template. */
  readonly rule: string;
  readonly subject: string;
  readonly body?: string;
  /** For deadlines and cycles: the open, early or overdue obligation it is about. */
  readonly obligation?: { readonly rule: string; readonly occurrence: number };
  /** For ladders: the raised stage it is about. */
  readonly escalation?: { readonly ladder: string; readonly instance: number; readonly stage: number };
}

/** Everything a policy says about one case on one date. */
export interface EvaluationResult {
  readonly policy: { readonly id: string; readonly version?: string };
  /** The case id. */
  readonly case: string;
  /** `YYYY-MM-DD` */
  readonly asOf: string;
  /** Sorted by due date, then rule id, then occurrence; then the duties, by trigger date, rule id, occurrence. */
  readonly obligations: readonly Obligation[];
  /** Sorted by due date, then rule id, then occurrence. */
  readonly superseded: readonly SupersededObligation[];
  /** Sorted by the date of their event, then its input position, then rule id. */
  readonly violations: readonly Violation[];
  /** By ladder, instance, then raise order; one entry per raised stage. */
  readonly escalations: readonly Escalation[];
  /** One per criterion the policy declares, in its order. */
  readonly criteria: readonly CriteriaResult[];
  /** One per open, early or overdue obligation of a rule with `notify`, then one per raised stage of a ladder with `notify`. */
  readonly notifications: readonly Notification[];
  /**
   * Things the evaluation did not consider or could not decide, e.g. events after the as-of date:
   * each with a code (`notice/events-after-as-of`), its message, params and the event dates it names
   * (`caseData`); `renderForLog` gives the message without them. Distinct by message.
   */
  readonly notices: readonly Notice[];
}

/** The outcome of `CompiledPolicy.evaluate`: a result, or the problems with the input. */
export type Evaluation =
  | { readonly ok: true; readonly result: EvaluationResult }
  | { readonly ok: false; readonly errors: readonly CaseError[] };
