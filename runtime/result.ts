/**
 * The result of evaluating a case against a compiled policy: obligations with their status and
 * explanation, the obligations that were superseded, and notices about what was not considered.
 *
 * Input: produced by `runtime/evaluate.ts`. Output: plain JSON for the CLI, the playground and
 * embedding systems.
 *
 * INVARIANT: every date is a `YYYY-MM-DD` string; the result holds no `undefined` values (optional
 * fields are absent, not undefined), so `JSON.parse(JSON.stringify(r))` equals `r`.
 * INVARIANT: `obligations` and `superseded` are sorted by due date, then rule id, then occurrence.
 */

import type { IrSource } from './ir.ts';
import type { CaseError } from './case.ts';

/**
 * - `met`: satisfied on or before the due date;
 * - `met_late`: satisfied after the due date;
 * - `overdue`: not satisfied, and the as-of date is after the due date;
 * - `open`: not satisfied, and not yet due (the due date is on or after the as-of date).
 */
export type ObligationStatus = 'met' | 'met_late' | 'overdue' | 'open';

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
  /** Role name of the owner. */
  readonly owner: string;
  readonly anchor: ObligationAnchor;
  /** `YYYY-MM-DD` */
  readonly due: string;
  /** `HH:MM`, when the rule gives a time of day. */
  readonly dueTime?: string;
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

/** Everything a policy says about one case on one date. */
export interface EvaluationResult {
  readonly policy: { readonly id: string; readonly version?: string };
  /** The case id. */
  readonly case: string;
  /** `YYYY-MM-DD` */
  readonly asOf: string;
  /** Sorted by due date, then rule id, then occurrence. */
  readonly obligations: readonly Obligation[];
  /** Sorted by due date, then rule id, then occurrence. */
  readonly superseded: readonly SupersededObligation[];
  /** Things the evaluation did not consider or could not decide, e.g. events after the as-of date. */
  readonly notices: readonly string[];
}

/** The outcome of `CompiledPolicy.evaluate`: a result, or the problems with the input. */
export type Evaluation =
  | { readonly ok: true; readonly result: EvaluationResult }
  | { readonly ok: false; readonly errors: readonly CaseError[] };
