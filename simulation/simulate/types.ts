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

/**
 * A case that was not evaluated: where it came from, its id when it has one, and its problems: the
 * first `PROBLEMS_LISTED` of each policy (simulation/simulate/accumulate.ts); `moreProblems`, present
 * only when some were left out, says how many.
 */
export interface FailedCase {
  readonly origin: string;
  readonly id: string | null;
  readonly problems: readonly CaseProblem[];
  readonly moreProblems?: number;
}

/**
 * Input counts: cases read = evaluated + failed. The report lists the first `FAILED_CASES_LISTED`
 * failed cases in input order (simulation/simulate/accumulate.ts); `failedNotListed`, present only when
 * some were left out, says how many (a caseload of another vocabulary fails every case, and listing
 * every problem of a million cases would not fit in memory or in one JSON string).
 */
export interface InputCounts {
  readonly cases: number;
  readonly evaluated: number;
  readonly failed: number;
  readonly failedNotListed?: number;
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
  /** Which reading the figures are (static or behavioural) and what they assume; set by `pdl simulate` and `simulateBehavioural`. */
  readonly reading?: ReadingInfo;
  /** The behavioural reading only: the re-timed work per role per week, within capacity, and its backlog. */
  readonly behavioural?: BehaviouralWorkload;
  /** A run repeated over seeds (`--seeds N`): each headline measure's median and 5th-95th percentile interval. */
  readonly intervals?: SeedIntervals;
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
  /** The first `FAILED_CASES_LISTED` failed cases of the slice (in its input order), and how many more failed. */
  readonly failures: (FailedCase & { readonly ordinal: number })[];
  failedNotListed: number;
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

// ---------------------------------------------------------------------------------------------
// Readings, capacity and intervals (simulation/behavioural/; docs/simulation.md, "Readings")

/**
 * `static`: the caseload's events as they happened, evaluated under each policy. `behavioural`: the
 * events a practice model makes are re-timed against each policy's own due dates (and, with a
 * capacity, done within each role's weekly capacity).
 */
export type ReadingName = 'static' | 'behavioural';

/** One role's capacity: the items it completes in an ISO week, over the whole caseload. */
export interface RoleCapacity {
  readonly role: string;
  readonly perWeek: number;
}

/** A practice model's entry as the behavioural reading used it. */
export interface ReadingPracticeEntry {
  readonly event: string;
  readonly answers: string | null;
  readonly relativeTo: string | null;
  readonly share: number;
  readonly assumption: string;
  /** The policies the entry applies to (one that lacks its event or rule is left out). */
  readonly sides: readonly Side[];
}

/** The reading the figures are, named at the top of every report, with what it assumes. */
export interface ReadingInfo {
  readonly name: ReadingName;
  /** What the figures assume, in words, the most important first. */
  readonly assumptions: readonly string[];
  /** Behavioural: the practice model's entries (null for the static reading). */
  readonly practice: readonly ReadingPracticeEntry[] | null;
  /** Behavioural: the seed of the practice model's random draws (the first seed, with `--seeds`). */
  readonly seed: string | null;
  /** Behavioural: each role's weekly capacity, by role name (empty: no limit). */
  readonly capacity: readonly RoleCapacity[];
}

/** One ISO week of a role's re-timed work under one policy. */
export interface LoadWeek {
  readonly week: string;
  /** Items planned in the week (re-timed events of the role). */
  readonly demand: number;
  /** Items done in the week (planned then or slipped from earlier weeks), within capacity. */
  readonly done: number;
  /** Items waiting at the end of the week (planned, not yet done). */
  readonly backlog: number;
}

/** A role's re-timed work under one policy. */
export interface RoleLoad {
  /** Items planned (on or before the as-of date). */
  readonly items: number;
  /** Items done on a later week than planned, or not done by the as-of date. */
  readonly slipped: number;
  /** Items still waiting on the as-of date (left out of the case: not done). */
  readonly notDone: number;
  /** The largest backlog at the end of a week, and the first week it was reached (null: never any). */
  readonly peakBacklog: number;
  readonly peakWeek: string | null;
  /** Every week from the first item's to the as-of date's (or until the backlog is cleared), in order. */
  readonly weeks: readonly LoadWeek[];
}

/** One role in the behavioural reading. */
export interface BehaviouralRole {
  readonly role: string;
  /** Items per week (null: no capacity given, nothing slips). */
  readonly capacity: number | null;
  readonly baseline: RoleLoad;
  readonly reform: RoleLoad;
}

/** The behavioural reading's work: by role name. Events of no role (no rule owner) are not work here. */
export interface BehaviouralWorkload {
  readonly roles: readonly BehaviouralRole[];
}

/** A measure's spread over seeds: the median and the 5th to 95th percentile (see `percentile`). */
export interface Interval {
  readonly p5: number;
  readonly median: number;
  readonly p95: number;
}

/** One headline measure over seeds. */
export interface IntervalMeasure {
  /** Stable id: `breaches`, `reviewsWithinShare`, `childrenOverdue`, `breaches:RULE`, `slipped:ROLE`, `peakBacklog:ROLE`. */
  readonly measure: string;
  readonly label: string;
  /** Null when the measure is not available under that policy in some seed (not measurable, no such rule). */
  readonly baseline: Interval | null;
  readonly reform: Interval | null;
  /** reform - baseline, seed by seed. */
  readonly change: Interval | null;
  /** The first seed's figures (the run a single seed gives): null where not available. */
  readonly first: { readonly baseline: number | null; readonly reform: number | null };
}

/** A run repeated over seeds. */
export interface SeedIntervals {
  /** The seeds, in order (the first is the base seed; the others `BASE#2`, `BASE#3`, ...). */
  readonly seeds: readonly string[];
  readonly measures: readonly IntervalMeasure[];
}
