/**
 * `simulate`: a caseload evaluated under a baseline and a reform policy, and the difference reported.
 *
 * Input: two `CompiledPolicy`s (prepare them with `explanations: false`: the report never shows
 * explanations, and building them is most of an evaluation's cost), the cases (`CaseRecord`s from a
 * caseload source, or `NormalizedCase`s the caller validated), the as-of date. Output: a
 * `SimulationReport` (types.ts; docs/simulation.md defines each measure).
 *
 * `finishReport` turns a `PartialReport` (one, or several merged with `mergePartials`, e.g. from
 * worker threads) into the report; `simulate` is accumulate-then-finish in the calling thread.
 *
 * INVARIANT: the report depends only on the policies, the cases (in order) and the as-of date: keys
 * are sorted, case lists are in input order, and nothing reads the clock or the time zone.
 * Browser-safe: no Node module (the playground calls this in a web worker).
 */
import type { CompiledPolicy } from '../../runtime/index.ts';
import type { NormalizedCase } from '../../runtime/index.ts';
import type { PolicyIR } from '../../runtime/index.ts';
import { formatPlainDate, parsePlainDate } from '../../runtime/index.ts';
import type { PlainDate } from '../../runtime/index.ts';
import type { CaseRecord } from '../caseload/types.ts';
import { createAccumulator, DEFAULT_REVIEW_RULE } from './accumulate.ts';
import type { AccumulateOptions } from './accumulate.ts';
import { eventNeeds, missingFor } from './measurable.ts';
import type { PartialReport, PolicyInfo, ReviewShare, RoleWorkload, RuleCounts, RuleRow, RuleTally, SidePartial, SimulationReport, UnmeasurableRule, ViolationRow, WeekCount } from './types.ts';

/** Options of `simulate`. */
export interface SimulateOptions extends AccumulateOptions {
  /** Called every `progressEvery` cases (default 1000) and at the end, with the number of cases done. */
  readonly onProgress?: (done: number) => void;
  readonly progressEvery?: number;
}

/** Reads an as-of date given as a `PlainDate` or a `YYYY-MM-DD` string; throws a `RangeError` on anything else. */
export function asOfDate(asOf: PlainDate | string): PlainDate {
  if (typeof asOf === 'number') {
    if (!Number.isSafeInteger(asOf)) throw new RangeError('the as-of date must be a whole day number');
    return asOf;
  }
  const d = parsePlainDate(asOf);
  if (d === undefined) throw new RangeError('the as-of date must be a real date as YYYY-MM-DD');
  return d;
}

function isRecord(item: CaseRecord | NormalizedCase): item is CaseRecord {
  return (item as { kind?: unknown }).kind === 'value' || (item as { kind?: unknown }).kind === 'text';
}

/**
 * Evaluates every case under both policies, in this thread, and reports the difference. Records are
 * validated under both policies (a case invalid under either is listed in `failures`, not
 * evaluated); `NormalizedCase`s are evaluated as given.
 */
export function simulate(
  baseline: CompiledPolicy,
  reform: CompiledPolicy,
  cases: Iterable<CaseRecord> | Iterable<NormalizedCase> | Iterable<CaseRecord | NormalizedCase>,
  asOf: PlainDate | string,
  options: SimulateOptions = {},
): SimulationReport {
  const day = asOfDate(asOf);
  const acc = createAccumulator(baseline, reform, day, options);
  const every = Math.max(1, options.progressEvery ?? 1000);
  let ordinal = 0;
  for (const item of cases as Iterable<CaseRecord | NormalizedCase>) {
    if (isRecord(item)) acc.addRecord(item, ordinal);
    else acc.addNormalized(item, ordinal);
    ordinal++;
    if (options.onProgress !== undefined && ordinal % every === 0) options.onProgress(ordinal);
  }
  options.onProgress?.(ordinal);
  return finishReport(acc.partial, baseline.ir, reform.ir, day, options.reviewRule ?? DEFAULT_REVIEW_RULE);
}

function info(ir: PolicyIR): PolicyInfo {
  return { id: ir.id, title: ir.title, version: ir.version ?? null };
}

function counts(t: RuleTally | undefined, declared: boolean, missingEvents: readonly string[], duty = false): RuleCounts | null {
  if (t === undefined && !declared) return null;
  const [met, metLate, overdue, open, superseded, outstanding, missed] = t ?? [0, 0, 0, 0, 0, 0, 0];
  const measurable = missingEvents.length === 0;
  if (!duty) return { obligations: met + metLate + overdue + open, met, metLate, overdue, open, breaches: measurable ? metLate + overdue : null, missingEvents, superseded };
  // A duty: a missed one is a breach of its own kind; an outstanding one is not.
  return { obligations: met + metLate + overdue + open + outstanding + missed, met, metLate, overdue, open, breaches: measurable ? metLate + overdue + missed : null, missingEvents, superseded, outstanding, missed };
}

/** The rules of a policy the caseload cannot measure, by id, in the IR's order. */
function unmeasurable(ir: PolicyIR, eventTypes: Readonly<Record<string, number>>): Map<string, UnmeasurableRule> {
  const occurs = (type: string): boolean => (eventTypes[type] ?? 0) > 0;
  const out = new Map<string, UnmeasurableRule>();
  for (const needs of eventNeeds(ir)) {
    const missing = missingFor(needs, occurs);
    if (missing.length > 0) out.set(needs.rule, { rule: needs.rule, kind: needs.kind, missingEvents: missing });
  }
  return out;
}

function share(side: SidePartial, measurable: boolean): ReviewShare {
  return { measurable, due: side.reviewsDue, withinTimescale: side.reviewsWithin, share: !measurable || side.reviewsDue === 0 ? null : side.reviewsWithin / side.reviewsDue };
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The report from a (merged) partial report and the two policies' IR. */
export function finishReport(partial: PartialReport, baseline: PolicyIR, reform: PolicyIR, asOf: PlainDate, reviewRule: string = DEFAULT_REVIEW_RULE): SimulationReport {
  const rules: RuleRow[] = [];
  const seen = new Set<string>();
  const eventTypes: Record<string, number> = {};
  for (const type of Object.keys(partial.eventTypes).sort(byText)) eventTypes[type] = partial.eventTypes[type] ?? 0;
  const lostB = unmeasurable(baseline, eventTypes);
  const lostR = unmeasurable(reform, eventTypes);
  const none: readonly string[] = [];
  const baseRules = new Map([...baseline.rules, ...(baseline.duties ?? [])].map((r) => [r.id, r]));
  const reformRules = new Map([...reform.rules, ...(reform.duties ?? [])].map((r) => [r.id, r]));
  const ids = [...baseRules.keys(), ...reformRules.keys()];
  // Rules seen in results but not declared (should not happen): after the declared ones, sorted.
  const extra = [...new Set([...Object.keys(partial.baseline.rules), ...Object.keys(partial.reform.rules)])].filter((id) => !baseRules.has(id) && !reformRules.has(id)).sort(byText);
  for (const id of [...ids, ...extra]) {
    if (seen.has(id)) continue;
    seen.add(id);
    const b = baseRules.get(id);
    const r = reformRules.get(id);
    rules.push({
      rule: id,
      title: r?.title ?? b?.title ?? id,
      owner: r?.owner ?? b?.owner ?? '',
      baseline: counts(partial.baseline.rules[id], b !== undefined, lostB.get(id)?.missingEvents ?? none, b?.kind === 'duty'),
      reform: counts(partial.reform.rules[id], r !== undefined, lostR.get(id)?.missingEvents ?? none, r?.kind === 'duty'),
    });
  }
  const violationIds = [...new Set([...Object.keys(partial.baseline.violations), ...Object.keys(partial.reform.violations)])].sort(byText);
  const violations: ViolationRow[] = violationIds.map((rule) => {
    const b = partial.baseline.violations[rule];
    const r = partial.reform.violations[rule];
    return { rule, kind: r?.[0] ?? b?.[0] ?? '', baseline: lostB.has(rule) ? null : (b?.[1] ?? 0), reform: lostR.has(rule) ? null : (r?.[1] ?? 0) };
  });
  const roles = [...new Set([...Object.keys(partial.baseline.weekly), ...Object.keys(partial.reform.weekly)])].sort(byText);
  const workload: RoleWorkload[] = roles.map((role) => {
    const b = partial.baseline.weekly[role] ?? {};
    const r = partial.reform.weekly[role] ?? {};
    const weeks: WeekCount[] = [...new Set([...Object.keys(b), ...Object.keys(r)])].sort(byText).map((week) => ({ week, baseline: b[week] ?? 0, reform: r[week] ?? 0 }));
    let tb = 0;
    let tr = 0;
    for (const w of weeks) {
      tb += w.baseline;
      tr += w.reform;
    }
    return { role, baseline: tb, reform: tr, weeks };
  });
  const byOrdinal = <T extends { readonly ordinal: number }>(a: T, b: T): number => a.ordinal - b.ordinal;
  const failures = [...partial.failures].sort(byOrdinal).map((f) => (f.moreProblems === undefined ? { origin: f.origin, id: f.id, problems: f.problems } : { origin: f.origin, id: f.id, problems: f.problems, moreProblems: f.moreProblems }));
  // Children overdue: only obligations of rules the caseload can measure count.
  let overdueUnderBaseline = 0;
  let overdueUnderReform = 0;
  const newlyOverdue: string[] = [];
  const noLongerOverdue: string[] = [];
  for (const [, id, underB, underR] of [...partial.overdueCases].sort((x, y) => x[0] - y[0])) {
    const overdueB = underB.some((rule) => !lostB.has(rule));
    const overdueR = underR.some((rule) => !lostR.has(rule));
    if (overdueB) overdueUnderBaseline++;
    if (overdueR) overdueUnderReform++;
    if (overdueR && !overdueB) newlyOverdue.push(id);
    else if (overdueB && !overdueR) noLongerOverdue.push(id);
  }
  return {
    asOf: formatPlainDate(asOf),
    baseline: info(baseline),
    reform: info(reform),
    reviewRule,
    input: partial.failedNotListed > 0
      ? { cases: partial.cases, evaluated: partial.evaluated, failed: partial.failures.length + partial.failedNotListed, failedNotListed: partial.failedNotListed }
      : { cases: partial.cases, evaluated: partial.evaluated, failed: partial.failures.length },
    failures,
    rules,
    violations,
    measurability: { eventTypes, baseline: [...lostB.values()], reform: [...lostR.values()] },
    reviews: { baseline: share(partial.baseline, !lostB.has(reviewRule)), reform: share(partial.reform, !lostR.has(reviewRule)) },
    children: { overdueUnderBaseline, overdueUnderReform, newlyOverdue, noLongerOverdue },
    workload,
  };
}
