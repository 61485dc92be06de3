/**
 * The simulation's report, and the partial form that threads exchange and merge.
 *
 * Input: none (types only). Output: `SimulationReport` (what `simulate` returns, and what
 * `pdl simulate --json` prints) and `PartialReport` (plain, structured-clonable counts over a slice
 * of a caseload, merged with `mergePartials`).
 *
 * INVARIANT: both are plain JSON: no `undefined`, no `Map`, no class instances; absent values are
 * `null`; lists have a documented order, so the same caseload gives the same JSON whatever the
 * number of threads or the order slices finished in.
 * INVARIANT (privacy): a report names cases only by their `id` (pseudonymous) and their origin (a file
 * and line); problems name JSON paths, with values from the case replaced by `<value>`.
 */

/** Which policy a figure is about. */
export type Side = 'baseline' | 'reform';

/** What a report says about a policy. */
export interface PolicyInfo {
  readonly id: string;
  readonly title: string;
  readonly version: string | null;
}

/** Obligations of one rule under one policy, by status on the as-of date (docs/simulation.md). */
export interface RuleCounts {
  /** met + metLate + overdue + open (+ outstanding + missed, for a duty). */
  readonly obligations: number;
  readonly met: number;
  readonly metLate: number;
  readonly overdue: number;
  readonly open: number;
  /**
   * Breaches: metLate + overdue (+ missed, for a duty); `null` when the rule is not measurable with
   * this caseload (`missingEvents` is not empty): its overdue obligations say what the data lacks, not
   * what practice did, and are never reported as breaches.
   */
  readonly breaches: number | null;
  /** Event types the rule needs that never occur in the caseload (measurable.ts); empty when it is measurable. */
  readonly missingEvents: readonly string[];
  /** Duties only (`duty` rules, which have no due date): not yet met, bound not passed; not a breach. */
  readonly outstanding?: number;
  /** Duties only: bound passed unmet; a breach of its own kind. */
  readonly missed?: number;
  /** Obligations that stopped applying (their run ended or restarted, their meeting was rearranged); not in `obligations`. */
  readonly superseded: number;
}

/** One rule, under each policy (null where the policy has no rule of that id). */
export interface RuleRow {
  readonly rule: string;
  readonly title: string;
  /** The owner role (the reform's when both have the rule and they differ). */
  readonly owner: string;
  readonly baseline: RuleCounts | null;
  readonly reform: RuleCounts | null;
}

/** Violations (approvals, limits, constraints, orders, ladders) recorded by the evaluator, by rule. */
export interface ViolationRow {
  readonly rule: string;
  readonly kind: string;
  /** `null` when the rule is not measurable under that policy with this caseload (see `measurability`). */
  readonly baseline: number | null;
  readonly reform: number | null;
}

/** A rule that the caseload cannot measure under one policy, and the event types it lacks. */
export interface UnmeasurableRule {
  readonly rule: string;
  readonly kind: string;
  /** Event types the rule needs (its trigger, or what meets it) that never occur in the caseload. */
  readonly missingEvents: readonly string[];
}

/**
 * What the caseload can measure: the event types it holds (up to the as-of date, over the cases
 * evaluated) and, per policy, the rules none of whose obligations or violations can be trusted
 * because an event they need never occurs. Their figures are left out of every headline measure.
 */
export interface Measurability {
  /** By event type, sorted: how many events of that type the evaluated cases hold. */
  readonly eventTypes: Readonly<Record<string, number>>;
  readonly baseline: readonly UnmeasurableRule[];
  readonly reform: readonly UnmeasurableRule[];
}

/**
 * Reviews within timescale: occurrences of the review rule whose outcome is known on the as-of date
 * and due by then: `met` with a due date on or before the as-of date, `met_late`, and `overdue`.
 * `withinTimescale` counts the `met` ones; `share` is `withinTimescale / due` (null when `due` is 0).
 */
export interface ReviewShare {
  /** False when the review rule is not measurable with this caseload: `share` is then null. */
  readonly measurable: boolean;
  readonly due: number;
  readonly withinTimescale: number;
  readonly share: number | null;
}

/** Due items of one role in one ISO week (`2025-W07`), under each policy. */
export interface WeekCount {
  readonly week: string;
  readonly baseline: number;
  readonly reform: number;
}

/** Due items (obligations, whatever their status) owned by one role, by ISO week of their due date. */
export interface RoleWorkload {
  readonly role: string;
  readonly baseline: number;
  readonly reform: number;
  /** Every week with an item under either policy, in order. */
  readonly weeks: readonly WeekCount[];
}

/** A problem with a case: which policy's validation found it (`input` when the record is not JSON). */
export interface CaseProblem {
  readonly policy: 'input' | Side;
  /** JSON path (`events[3].date`, `$` for the whole case). */
  readonly path: string;
  /** The validator's message, with the case's value at `path` replaced by `<value>`. */
  readonly message: string;
}

/** A case that was not evaluated: where it came from, its id when it has one, and every problem. */
export interface FailedCase {
  readonly origin: string;
  readonly id: string | null;
  readonly problems: readonly CaseProblem[];
}

/** Input counts: cases read = evaluated + failed. */
export interface InputCounts {
  readonly cases: number;
  readonly evaluated: number;
  readonly failed: number;
}

/** What `simulate` reports: the two policies side by side over one caseload on one date. */
export interface SimulationReport {
  /** `YYYY-MM-DD` */
  readonly asOf: string;
  readonly baseline: PolicyInfo;
  readonly reform: PolicyInfo;
  /** The rule whose occurrences are the reviews (default `looked_after_review`). */
  readonly reviewRule: string;
  readonly input: InputCounts;
  /** In input order. */
  readonly failures: readonly FailedCase[];
  /** The baseline's rules in its order, then the reform's other rules in its order. */
  readonly rules: readonly RuleRow[];
  /** By rule id. */
  readonly violations: readonly ViolationRow[];
  /** Which rules the caseload cannot measure, and why; they are left out of `reviews` and `children`. */
  readonly measurability: Measurability;
  readonly reviews: { readonly baseline: ReviewShare; readonly reform: ReviewShare };
  /** Children (cases) with at least one overdue obligation of a measurable rule on the as-of date. */
  readonly children: {
    readonly overdueUnderBaseline: number;
    readonly overdueUnderReform: number;
    /** Ids of cases overdue under the reform and not under the baseline, in input order. */
    readonly newlyOverdue: readonly string[];
    /** Ids of cases overdue under the baseline and not under the reform, in input order. */
    readonly noLongerOverdue: readonly string[];
  };
  /** By role name. */
  readonly workload: readonly RoleWorkload[];
}

/** Counts of one rule in a partial report: [met, metLate, overdue, open, superseded, outstanding, missed]. */
export type RuleTally = [number, number, number, number, number, number, number];

/** What one policy's evaluations add up to over a slice of the caseload. */
export interface SidePartial {
  /** By rule id. */
  readonly rules: Record<string, RuleTally>;
  /** By violation rule id: [kind, count]. */
  readonly violations: Record<string, [string, number]>;
  reviewsDue: number;
  reviewsWithin: number;
  /** By role, then ISO week: due items. */
  readonly weekly: Record<string, Record<string, number>>;
}

/**
 * Counts over a slice of a caseload, mergeable with `mergePartials`. Case lists carry the case's
 * ordinal (its position in the whole input) so that merged lists can be put back in input order.
 */
export interface PartialReport {
  cases: number;
  evaluated: number;
  readonly failures: (FailedCase & { readonly ordinal: number })[];
  readonly baseline: SidePartial;
  readonly reform: SidePartial;
  /** By event type: events (dated up to the as-of date) in the evaluated cases. */
  readonly eventTypes: Record<string, number>;
  /**
   * Each case with an overdue obligation under either policy: [ordinal, id, the rules overdue under
   * the baseline, under the reform]. Which of them count is decided when the report is finished,
   * once the whole caseload says which rules are measurable.
   */
  readonly overdueCases: [number, string, string[], string[]][];
}
