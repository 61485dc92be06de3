/**
 * Uncertainty over seeds: a behavioural or synthetic run repeated with N seeds, and each headline
 * measure reported with its median and 5th-95th percentile interval.
 *
 * Input: a base seed, N, and a run (seed -> `SimulationReport`). Output: the seeds (`seedList`: the
 * base seed first, then `BASE#2` ... `BASE#N`), the first seed's report with `intervals` added
 * (`overSeeds`), or the intervals of given reports (`intervalsOf`).
 *
 * Percentiles: of the N figures sorted, the 5th percentile is the one at rank floor(0.05 (N - 1)) and
 * the 95th the one at rank ceil(0.95 (N - 1)) (0-based), rounded outwards so that the interval never
 * claims more certainty than N runs give: with 21 seeds or fewer it is the range of the figures. The
 * median is the middle figure (the mean of the two middle ones for an even N).
 *
 * The headline measures: breaches over the rules measurable under that policy, the share of reviews
 * within timescale (in percent), children overdue, breaches per rule, and (behavioural) items slipped
 * and the peak backlog per role. A measure not available in some seed (a rule not measurable, a
 * share with nothing due) has no interval under that policy.
 *
 * INVARIANT: deterministic: the same base seed, N and run give the same intervals; the runs are
 * made one after another in seed order, so the result does not depend on threads.
 * Browser-safe: no Node module.
 */
import type { Interval, IntervalMeasure, SimulationReport } from '../simulate/types.ts';

/** The N seeds of a run: the base seed first (so that seed 1 of N is the single-seed run). */
export function seedList(base: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(i === 0 ? base : `${base}#${i + 1}`);
  return out;
}

/** The figure at quantile q, rounded outwards (`lower`: down a rank, else up). */
export function percentile(sorted: readonly number[], q: number, lower: boolean): number {
  const at = q * (sorted.length - 1);
  const rank = lower ? Math.floor(at + 1e-9) : Math.ceil(at - 1e-9);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

/** The median and the 5th-95th percentile interval of some figures (null when there are none). */
export function interval(figures: readonly number[]): Interval | null {
  if (figures.length === 0) return null;
  const s = [...figures].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  const median = ((s[Math.floor(mid)] as number) + (s[Math.ceil(mid)] as number)) / 2;
  return { p5: percentile(s, 0.05, true), median, p95: percentile(s, 0.95, false) };
}

type Figures = Map<string, { label: string; baseline: number | null; reform: number | null }>;

/** The headline figures of one report, by measure id, in a stable order. */
export function headline(report: SimulationReport): Figures {
  const out: Figures = new Map();
  let b = 0;
  let r = 0;
  for (const row of report.rules) {
    b += row.baseline?.breaches ?? 0;
    r += row.reform?.breaches ?? 0;
  }
  out.set('breaches', { label: 'breaches (rules measurable under that policy)', baseline: b, reform: r });
  const share = (x: number | null): number | null => (x === null ? null : Math.round(x * 100000) / 1000);
  out.set('reviewsWithinShare', { label: `reviews within timescale (%, ${report.reviewRule})`, baseline: share(report.reviews.baseline.share), reform: share(report.reviews.reform.share) });
  out.set('childrenOverdue', { label: 'children with an overdue obligation', baseline: report.children.overdueUnderBaseline, reform: report.children.overdueUnderReform });
  for (const row of report.rules) out.set(`breaches:${row.rule}`, { label: `breaches of ${row.rule}`, baseline: row.baseline?.breaches ?? null, reform: row.reform?.breaches ?? null });
  for (const role of report.behavioural?.roles ?? []) {
    out.set(`slipped:${role.role}`, { label: `${role.role}: items slipped`, baseline: role.baseline.slipped, reform: role.reform.slipped });
    out.set(`peakBacklog:${role.role}`, { label: `${role.role}: peak backlog`, baseline: role.baseline.peakBacklog, reform: role.reform.peakBacklog });
  }
  return out;
}

/** The intervals of the headline measures over reports of the same run with different seeds (in seed order). */
export function intervalsOf(reports: readonly SimulationReport[]): IntervalMeasure[] {
  const all = reports.map(headline);
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const f of all) for (const id of f.keys()) if (!seen.has(id)) (seen.add(id), ids.push(id));
  return ids.map((measure) => {
    const rows = all.map((f) => f.get(measure));
    const side = (pick: (x: { baseline: number | null; reform: number | null }) => number | null): Interval | null => {
      const values = rows.map((x) => (x === undefined ? null : pick(x)));
      return values.every((v): v is number => v !== null) ? interval(values) : null;
    };
    const first = rows[0];
    return {
      measure,
      label: rows.find((x) => x !== undefined)?.label ?? measure,
      baseline: side((x) => x.baseline),
      reform: side((x) => x.reform),
      change: side((x) => (x.baseline === null || x.reform === null ? null : Math.round((x.reform - x.baseline) * 1000) / 1000)),
      first: { baseline: first?.baseline ?? null, reform: first?.reform ?? null },
    };
  });
}

/**
 * Runs `run` once per seed, in order, and returns the first seed's report (the single-seed run)
 * with the intervals of every headline measure over all of them.
 */
export function overSeeds(base: string, n: number, run: (seed: string, index: number) => SimulationReport): SimulationReport {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError('the number of seeds must be a whole number, 1 or more');
  const seeds = seedList(base, n);
  return withIntervals(seeds, seeds.map((s, i) => run(s, i)));
}

/** The first report with the intervals over all of them (`reports[i]` is the run of `seeds[i]`; worker threads may make them). */
export function withIntervals(seeds: readonly string[], reports: readonly SimulationReport[]): SimulationReport {
  const first = reports[0];
  if (first === undefined || reports.length !== seeds.length) throw new RangeError('one report per seed, at least one');
  return { ...first, intervals: { seeds: [...seeds], measures: intervalsOf(reports) } };
}
