/**
 * `pdl simulate`'s readings on the command line: the behavioural reading's settings (the practice
 * model file with its capacity section, `--capacity` flags, checked against both policies), the run
 * (one seed, or N seeds with intervals), and the summary's sections for the reading, the re-timed
 * work per role and the intervals.
 *
 * Input: the options of `pdl simulate` that concern the reading, the two compiled policies and the
 * caseload's records. Output: a `SimulationReport` with `reading` (and `behavioural`, `intervals`),
 * or a usage message; text lines for the terminal summary.
 *
 * INVARIANT: a seed's run depends only on the seed: one seed runs in this thread, several are shared
 * out to worker threads (`--workers`), and the report is the same whatever their number. INVARIANT (privacy): the lines name roles, rules and counts only.
 */
import type { CompiledPolicy, PlainDate } from '../runtime/index.ts';
import { checkPracticeModel, mergeCapacity, overSeeds, parseCapacityFlag, readCapacity, readPracticeModel, seedList, simulateBehavioural, validateCaseload, withIntervals } from '../simulation/index.ts';
import type { CaseRecord, Interval, PracticeModel, RoleCapacity, RoleLoad, SimulationReport, ValidatedCaseload } from '../simulation/index.ts';
import { alignColumns } from './output.ts';
import { readSettingsFile } from './settings-file.ts';

/** The reading's options as `pdl simulate` takes them. */
export interface ReadingOptions {
  readonly reading: 'static' | 'behavioural';
  readonly practice?: string;
  readonly capacity: readonly string[];
  readonly seed: string;
  readonly seeds?: number;
}

/** A checked behavioural setting: the model, and the capacities (file, then flags). */
export interface BehaviouralSettings {
  readonly model: PracticeModel;
  readonly capacity: readonly RoleCapacity[];
}

/** Checks the reading's options against each other (before anything is read). */
export function readingUsage(o: ReadingOptions, synthetic = false): string | undefined {
  if (o.reading === 'static') {
    if (o.practice !== undefined) return '--practice is for the behavioural reading: add --reading behavioural';
    if (o.capacity.length > 0) return '--capacity is for the behavioural reading: add --reading behavioural --practice MODEL';
    if (o.seeds !== undefined && !synthetic) return '--seeds repeats a behavioural run or a synthetic caseload (the static reading of a given caseload has no random draw): add --reading behavioural --practice MODEL, or generate the caseload with --children N --from DATE --to DATE';
    return undefined;
  }
  if (synthetic) return '--children generates a caseload for the static reading; for the behavioural reading write one with pdl generate and give it as --caseload';
  if (o.practice === undefined) return '--reading behavioural needs --practice MODEL (the practice model whose events are re-timed)';
  for (const c of o.capacity) if (parseCapacityFlag(c) === undefined) return `--capacity ${c}: expected ROLE=N (items a week for the role) or ROLE=NxSTAFF (N a person, STAFF people), e.g. --capacity iro=40`;
  return undefined;
}

/** Reads the practice model file (its events and its capacity section) and checks it against both policies. */
export function readBehavioural(o: ReadingOptions, cwd: string, baseline: CompiledPolicy, reform: CompiledPolicy): { ok: true; settings: BehaviouralSettings } | { ok: false; message: string } {
  const path = o.practice as string;
  const read = readSettingsFile(path, cwd, 'practice model', (v) => {
    const m = readPracticeModel(v);
    const c = readCapacity(v);
    if (!m.ok || !c.ok) return { ok: false, problems: [...(m.ok ? [] : m.problems), ...(c.ok ? [] : c.problems)] };
    return { ok: true, value: { model: m.model, capacity: c.capacity } };
  });
  if (!read.ok) return read;
  // An entry may apply to one policy only (a rule the reform adds); one that fits neither is an error.
  const problems = { baseline: checkPracticeModel(read.value.model, baseline), reform: checkPracticeModel(read.value.model, reform) };
  const entryOf = (p: string): string => p.slice(0, p.indexOf(' '));
  const bad: string[] = [];
  read.value.model.events.forEach((_, i) => {
    const at = `events[${i}]`;
    const b = problems.baseline.filter((p) => entryOf(p) === at);
    const r = problems.reform.filter((p) => entryOf(p) === at);
    const wrongShape = (list: string[]): boolean => list.some((p) => !/ declares no event | has no deadline, cycle or duty /.test(p));
    if ((b.length > 0 && r.length > 0) || wrongShape(b) || wrongShape(r)) bad.push(...new Set([...b, ...r]));
  });
  if (bad.length > 0) return { ok: false, message: `${path} does not fit ${baseline.ir.id} or ${reform.ir.id}:\n${bad.map((p) => `  - ${p}`).join('\n')}` };
  const capacity = mergeCapacity(read.value.capacity, o.capacity.map((c) => parseCapacityFlag(c) as RoleCapacity));
  const roles = new Set([...baseline.ir.roles.map((r) => r.name), ...reform.ir.roles.map((r) => r.name)]);
  const unknown = capacity.filter((c) => !roles.has(c.role));
  if (unknown.length > 0) return { ok: false, message: `capacity for ${unknown.map((c) => c.role).join(', ')}: neither policy declares ${unknown.length === 1 ? 'that role' : 'those roles'} (roles: ${[...roles].join(', ')})` };
  return { ok: true, settings: { model: read.value.model, capacity } };
}

/** Below this many cases, a worker thread costs more to start than a seed takes. */
export const MIN_CASES_FOR_SEED_WORKERS = 2000;

/** The worker threads a behavioural run uses: one per seed, at most `wanted`, and one for a caseload under 2,000 cases. */
export function behaviouralWorkers(o: ReadingOptions, wanted: number, cases: number): number {
  return cases < MIN_CASES_FOR_SEED_WORKERS ? 1 : Math.max(1, Math.min(wanted, o.seeds ?? 1));
}

/**
 * The behavioural run: one seed, or `seeds` seeds with intervals (the first seed's report carries
 * them), the seeds shared out to `workers` worker threads (behavioural-pool.ts) when there are more
 * than one; the report is the same whatever `workers` is.
 */
export async function runBehavioural(settings: BehaviouralSettings, o: ReadingOptions, baseline: CompiledPolicy, reform: CompiledPolicy, records: readonly CaseRecord[], asOf: PlainDate, reviewRule: string, workers: number, onProgress: (done: number) => void): Promise<SimulationReport> {
  const run = (seed: string, index: number, cases: readonly CaseRecord[] | ValidatedCaseload = records): SimulationReport =>
    simulateBehavioural(baseline, reform, cases, asOf, { model: settings.model, capacity: settings.capacity, seed, reviewRule, onProgress: (n) => onProgress(index * records.length + n) });
  if (o.seeds === undefined) return run(o.seed, 0);
  if (workers <= 1) {
    // Each case parsed and validated once, not once per seed.
    const validated = validateCaseload(baseline, reform, records);
    return overSeeds(o.seed, o.seeds, (seed, index) => run(seed, index, validated));
  }
  const { runSeedsPool } = await import('./behavioural-pool.ts');
  const seeds = seedList(o.seed, o.seeds);
  const data = { baseline: baseline.ir, reform: reform.ir, asOf, reviewRule, model: settings.model, capacity: settings.capacity, records };
  // This thread runs seeds too (one worker thread fewer to start), on the caseload validated once.
  let validated: ValidatedCaseload | undefined;
  const here = (seed: string): SimulationReport => {
    validated ??= validateCaseload(baseline, reform, records);
    return simulateBehavioural(baseline, reform, validated, asOf, { model: settings.model, capacity: settings.capacity, seed, reviewRule });
  };
  return withIntervals(seeds, await runSeedsPool(data, seeds, workers, (done) => onProgress(done * records.length), here));
}

/** The reading at the top of the summary: its name and what it assumes. */
export function readingLines(report: SimulationReport, bold: (s: string) => string): string[] {
  const r = report.reading;
  if (r === undefined) return [];
  const out = [bold(`Reading: ${r.name}`) + (r.name === 'static' ? ' (the caseload as it happened)' : ' (events re-timed against each policy\'s own due dates)')];
  for (const a of r.assumptions) out.push(`  - ${a}`);
  for (const p of r.practice ?? []) out.push(`  - model: ${p.event}${p.answers === null ? '' : ` answers ${p.answers}`}${p.relativeTo === null ? '' : ` relative to ${p.relativeTo}`}, ${Math.round(p.share * 1000) / 10}%: ${p.assumption}`);
  out.push('');
  return out;
}

function num(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The behavioural reading's work per role: items, slipped, not done, peak backlog, under each policy. */
export function behaviouralLines(report: SimulationReport, bold: (s: string) => string): string[] {
  const roles = report.behavioural?.roles;
  if (roles === undefined) return [];
  const out = [bold('Re-timed work per role') + ' (items the model plans; slipped = done in a later week than planned, or not done by the as-of date)'];
  if (roles.length === 0) {
    out.push('  none: no re-timed event is the work of a role (no rule it answers has an owner)');
    return [...out, ''];
  }
  const load = (l: RoleLoad): string[] => [num(l.items), num(l.slipped), num(l.notDone), l.peakWeek === null ? '0' : `${num(l.peakBacklog)} (${l.peakWeek})`];
  const rows = [['Role', 'Capacity/week', 'Baseline: items', 'slipped', 'not done', 'peak backlog', 'Reform: items', 'slipped', 'not done', 'peak backlog']];
  for (const r of roles) rows.push([r.role, r.capacity === null ? 'no limit' : num(r.capacity), ...load(r.baseline), ...load(r.reform)]);
  out.push(...alignColumns(rows, '  '));
  out.push('  (every week, with its demand, work done and backlog: --json or --html)');
  return [...out, ''];
}

function figure(n: number): string {
  return Number.isInteger(n) ? num(n) : n.toFixed(1);
}

function span(i: Interval | null): string {
  return i === null ? 'n/a' : `${figure(i.median)} [${figure(i.p5)}, ${figure(i.p95)}]`;
}

/** The intervals over seeds: each headline measure's median and 5th-95th percentile. */
export function intervalLines(report: SimulationReport, bold: (s: string) => string): string[] {
  const iv = report.intervals;
  if (iv === undefined) return [];
  const out = [bold(`Over ${iv.seeds.length} seeds`) + ` (median [5th, 95th percentile]; seeds ${iv.seeds[0] ?? ''}${iv.seeds.length > 1 ? ` to ${iv.seeds[iv.seeds.length - 1] ?? ''}` : ''}; the tables above are the first seed's)`];
  const rows = [['Measure', 'Baseline', 'Reform', 'Change']];
  for (const m of iv.measures) rows.push([m.label, span(m.baseline), span(m.reform), span(m.change)]);
  out.push(...alignColumns(rows, '  '));
  return [...out, ''];
}
