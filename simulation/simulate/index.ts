/**
 * The simulator's public entry: a caseload evaluated under a baseline and a reform policy.
 *
 * Input: nothing (a barrel). Output: `simulate` (accumulate and report in the calling thread), the
 * pieces that let threads share the work (`createAccumulator`, `mergePartials`, `finishReport`), the
 * report types, and `renderReportHtml` (a self-contained HTML page with SVG charts).
 *
 * INVARIANT: browser-safe (the playground calls it in a web worker): no Node module here or below;
 * the worker-thread pool of the CLI lives in `cli/`.
 */
export { asOfDate, finishReport, simulate } from './simulate.ts';
export type { SimulateOptions } from './simulate.ts';
export { createAccumulator, DEFAULT_REVIEW_RULE, emptyPartial, FAILED_CASES_LISTED, isoWeek, mergePartials, PROBLEMS_LISTED } from './accumulate.ts';
export type { AccumulateOptions, Accumulator } from './accumulate.ts';
export { escapeHtml, renderReportHtml } from './html.ts';
export { eventNeeds, missingFor } from './measurable.ts';
export type { RuleNeeds } from './measurable.ts';
export type { ReportHtmlOptions } from './html.ts';
export type {
  CaseProblem,
  FailedCase,
  InputCounts,
  Measurability,
  PartialReport,
  PolicyInfo,
  ReviewShare,
  RoleWorkload,
  RuleCounts,
  RuleRow,
  RuleTally,
  Side,
  SidePartial,
  SimulationReport,
  UnmeasurableRule,
  ViolationRow,
  WeekCount,
} from './types.ts';
export type { BehaviouralRole, BehaviouralWorkload, Interval, IntervalMeasure, LoadWeek, ReadingInfo, ReadingName, ReadingPracticeEntry, RoleCapacity, RoleLoad, SeedIntervals } from './types.ts';
