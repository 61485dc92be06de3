/**
 * Benchmark: a simulation over 100,000 synthetic children across 5 years, baseline (the statutory
 * policy) against a reform (bench/fixtures/south-glos-reviews.pdl: reviews at 20 working days, 91 and
 * 183 days, restarting on every placement move), phase by phase:
 * - generation: the seeded generator, 100,000 `CaseInput`s held in memory;
 * - normalisation: each case validated (ajv) and normalised once (the two policies share one
 *   vocabulary, so one normalised case serves both);
 * - evaluation with 1 thread: both policies on every case, counts added up, the report finished (the
 *   median of three runs after a warm-up; the count floor is the least of five, which favours it);
 * - evaluation with every core: the same across worker threads (each worker generates and normalises
 *   its own slice first, untimed, so that only the evaluation and the merge are timed);
 * - the floors (bench/scan-floor.ts), over the same events held in typed arrays: the plain sum of each
 *   child's day numbers (reading the events and no more), and a hand-written kernel for the two
 *   policies that counts everything the report counts, checked equal to the report on every run; the
 *   "x floor" column and issue 13's goal (at most 10x) are against the second, the one that computes
 *   the same answer;
 * - streaming, in a separate process: generate, validate and evaluate one case at a time, never
 *   holding the caseload: the peak memory a simulation itself needs.
 * Each phase prints wall time, the heap and RSS after it and the process's peak RSS so far
 * (`resourceUsage().maxRSS`, which only grows: the in-process figures include the caseload held in
 * memory by the earlier phases), and the ratios to the floor. These phases leave out what a user
 * waits for besides: starting the CLI, compiling the policies, writing and reading the file, parsing
 * JSON. So, last, the whole pipeline as a user runs it (`pipeline`):
 * - `pdl generate --children N` then `pdl simulate` of its file (both policies, static reading, the
 *   worker count chosen by the CLI), each a process of its own running the CLI bundle (built first
 *   with scripts/build-cli.mjs, so that bin/pdl.js runs it and not the TypeScript sources), for N =
 *   10,000, 100,000 and 1,000,000 (`BENCH_PIPELINE_SIZES=10000,100000` for others; 0 to skip);
 * - each process's wall time and peak RSS (its own `resourceUsage().maxRSS` at exit, worker threads
 *   included, reported by a hook given with `--import`);
 * - each process's CPU time (every thread, user + system) beside its wall time, and the load average
 *   at the start: the machine is shared, so wall times say little without them;
 * - `pdl simulate --children N` (the same caseload generated inside the simulation: one process, no
 *   file, no JSON) beside the two;
 * - per child, and its ratio to the smallest size (linear scaling: about 1); at 100,000 children the
 *   ratio of the whole pipeline, and of the simulation alone, to the typed-array scan of the same
 *   events (the same seed and dates as the in-process phases); and the goals: under 3 s and 500 MB
 *   (and under 500 MB at 1,000,000).
 * Then the behavioural reading (`behavioural()`): 20 seeds of 10,000 children beside one seed and the
 * static reading of the same file, each a process (`BENCH_BEHAVIOURAL=0` skips it; it runs without
 * the pipeline too, `BENCH_PIPELINE_SIZES=0`).
 *
 * Input: none (`npm run bench -- simulate`; `BENCH_CHILDREN=N` for another size). Output: a report
 * on stdout. INVARIANT: the reports of 1 thread and of all threads are checked to be equal.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { compile } from '../compiler/index.ts';
import { createFileHost } from '../cli/file-host.ts';
import { startWorker } from '../cli/simulate-pool.ts';
import { createCaseGenerator } from '../simulation/caseload/index.ts';
import type { CaseInput } from '../simulation/caseload/index.ts';
import { createAccumulator, finishReport, isoWeek, mergePartials } from '../simulation/simulate/index.ts';
import { checkAgainst, countScan, sumScan, toColumns } from './scan-floor.ts';
import type { PartialReport, SimulationReport } from '../simulation/simulate/index.ts';
import { parsePlainDate, preparePolicy } from '../runtime/index.ts';
import type { CompiledPolicy, NormalizedCase, PolicyIR } from '../runtime/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILDREN = Number(process.env['BENCH_CHILDREN'] ?? 100_000);
const FROM = parsePlainDate('2020-01-01') as number;
const TO = parsePlainDate('2024-12-31') as number;
const AS_OF = TO;
const SEED = 'bench-simulate';

function policyIr(path: string): PolicyIR {
  const host = createFileHost([`${ROOT}policies`], ROOT);
  const c = compile(readFileSync(`${ROOT}${path}`, 'utf8'), { uri: path, host, explanations: false });
  if (c.ir === undefined) throw new Error(`${path} does not compile`);
  return c.ir;
}

function generateSlice(ir: PolicyIR, first: number, count: number): CaseInput[] {
  const g = createCaseGenerator({ children: CHILDREN, from: FROM, to: TO, seed: SEED, ir });
  const out: CaseInput[] = new Array<CaseInput>(count);
  for (let k = 0; k < count; k++) out[k] = g.generate(first + k);
  return out;
}

function normalise(policy: CompiledPolicy, cases: readonly CaseInput[]): NormalizedCase[] {
  const out: NormalizedCase[] = new Array<NormalizedCase>(cases.length);
  for (let i = 0; i < cases.length; i++) {
    const v = policy.validate(cases[i]);
    if (!v.ok) throw new Error(`generated case ${i} is not valid`);
    out[i] = v.case;
  }
  return out;
}

function evaluateAll(baseline: CompiledPolicy, reform: CompiledPolicy, cases: readonly NormalizedCase[], first: number): PartialReport {
  const acc = createAccumulator(baseline, reform, AS_OF);
  for (let i = 0; i < cases.length; i++) acc.addNormalized(cases[i] as NormalizedCase, first + i);
  return acc.partial;
}

// ---------------------------------------------------------------------------------------------
// Worker side: prepare a slice (generate, normalise), then evaluate it when told.

interface BenchWorkerData {
  readonly bench: 'simulate';
  readonly baseline: PolicyIR;
  readonly reform: PolicyIR;
  readonly first: number;
  readonly count: number;
}

if (!isMainThread && parentPort !== null && (workerData as { bench?: unknown } | null)?.bench === 'simulate') {
  const data = workerData as BenchWorkerData;
  const port = parentPort;
  const baseline = preparePolicy(data.baseline, { explanations: false });
  const reform = preparePolicy(data.reform, { explanations: false });
  const cases = normalise(baseline, generateSlice(data.baseline, data.first, data.count));
  // Warm up on a few cases (as the 1-thread run is warmed by the phases before it).
  evaluateAll(baseline, reform, cases.slice(0, 2000), data.first);
  port.postMessage({ type: 'ready' });
  port.on('message', () => {
    const partial = evaluateAll(baseline, reform, cases, data.first);
    port.postMessage({ type: 'partial', partial });
  });
}

// ---------------------------------------------------------------------------------------------
// Streaming, in its own process: peak memory of a simulation that never holds the caseload.

if (isMainThread && process.argv.includes('--simulate-stream')) {
  const baselineIr = policyIr('policies/england/statutory-reviews.pdl');
  const reformIr = policyIr('bench/fixtures/south-glos-reviews.pdl');
  const baseline = preparePolicy(baselineIr, { explanations: false });
  const reform = preparePolicy(reformIr, { explanations: false });
  const g = createCaseGenerator({ children: CHILDREN, from: FROM, to: TO, seed: SEED, ir: baselineIr });
  const start = performance.now();
  const acc = createAccumulator(baseline, reform, AS_OF);
  for (let k = 0; k < CHILDREN; k++) {
    const v = baseline.validate(g.generate(k));
    if (v.ok) acc.addNormalized(v.case, k);
  }
  const report = finishReport(acc.partial, baselineIr, reformIr, AS_OF);
  const ms = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, evaluated: report.input.evaluated })}\n`);
}

// ---------------------------------------------------------------------------------------------
// Main side

interface Phase {
  readonly name: string;
  readonly ms: number;
  readonly heapMb: number;
  readonly rssMb: number;
  readonly maxRssMb: number;
}

function measure<T>(name: string, phases: Phase[], f: () => T): T {
  const start = performance.now();
  const value = f();
  const ms = performance.now() - start;
  phases.push(snapshot(name, ms));
  return value;
}

function snapshot(name: string, ms: number): Phase {
  const m = process.memoryUsage();
  return { name, ms, heapMb: m.heapUsed / 1e6, rssMb: m.rss / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

function evaluateInWorkers(baseline: PolicyIR, reform: PolicyIR, workers: number): Promise<{ prepareMs: number; runMs: number; partial: PartialReport }> {
  return new Promise((resolve, reject) => {
    const size = Math.ceil(CHILDREN / workers);
    const started = performance.now();
    const threads = Array.from({ length: workers }, (_, i) => {
      const first = i * size;
      const data: BenchWorkerData = { bench: 'simulate', baseline, reform, first, count: Math.max(0, Math.min(size, CHILDREN - first)) };
      return startWorker(new URL(import.meta.url), data);
    });
    let ready = 0;
    let prepareMs = 0;
    let runStart = 0;
    const partials: PartialReport[] = [];
    for (const t of threads) {
      t.on('error', reject);
      t.on('message', (m: { type: 'ready' } | { type: 'partial'; partial: PartialReport }) => {
        if (m.type === 'ready') {
          ready++;
          if (ready === workers) {
            prepareMs = performance.now() - started;
            runStart = performance.now();
            for (const w of threads) w.postMessage('run');
          }
          return;
        }
        partials.push(m.partial);
        void t.terminate();
        if (partials.length === workers) {
          const partial = mergePartials(partials);
          resolve({ prepareMs, runMs: performance.now() - runStart, partial });
        }
      });
    }
  });
}

/** Best of 5 wall times of `f` (ms) and its last value. */
function bestOf<T>(f: () => T): { ms: number; value: T } {
  let best = Number.POSITIVE_INFINITY;
  let value = f();
  for (let rep = 0; rep < 5; rep++) {
    const start = performance.now();
    value = f();
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, value };
}

/** Runs `f` `runs` times; the median time, every time (in run order) and the last value. */
function medianOf<T>(runs: number, f: () => T): { ms: number; all: number[]; value: T } {
  const all: number[] = [];
  let value: T | undefined;
  for (let rep = 0; rep < runs; rep++) {
    const start = performance.now();
    value = f();
    all.push(performance.now() - start);
  }
  const sorted = [...all].sort((a, b) => a - b);
  return { ms: sorted[Math.floor(runs / 2)] as number, all, value: value as T };
}

function fmt(n: number, digits = 0): string {
  return n.toFixed(digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Runs the benchmark and prints its report. */
export async function run(): Promise<void> {
  const cores = availableParallelism();
  console.log(`${fmt(CHILDREN)} children, 2020-01-01 to 2024-12-31, as of 2024-12-31; baseline england.statutory_reviews, reform bench.south_glos_reviews; ${cores} cores`);
  const phases: Phase[] = [];
  phases.push(snapshot('start (compiler and runtime loaded)', 0));
  const baselineIr = policyIr('policies/england/statutory-reviews.pdl');
  const reformIr = policyIr('bench/fixtures/south-glos-reviews.pdl');
  const baseline = preparePolicy(baselineIr, { explanations: false });
  const reform = preparePolicy(reformIr, { explanations: false });

  const generated = measure('generation', phases, () => generateSlice(baselineIr, 0, CHILDREN));
  const normalised = measure('normalisation (validate once)', phases, () => normalise(baseline, generated));
  const events = normalised.reduce((n, c) => n + c.events.length, 0);
  // Warm-up: the first evaluations compile the hot paths and fill the memos by day.
  evaluateAll(baseline, reform, normalised.slice(0, 2000), 0);
  // The median of three runs (the floor below is the least of five: this favours the floor).
  const oneRuns = medianOf(3, () => finishReport(evaluateAll(baseline, reform, normalised, 0), baselineIr, reformIr, AS_OF));
  const one: SimulationReport = oneRuns.value;
  phases.push(snapshot('evaluation, 1 thread (both policies, report)', oneRuns.ms));
  const parallel = await evaluateInWorkers(baselineIr, reformIr, cores);
  const all = finishReport(parallel.partial, baselineIr, reformIr, AS_OF);
  phases.push(snapshot(`evaluation, ${cores} threads (both policies, merge, report)`, parallel.runMs));
  if (JSON.stringify(all) !== JSON.stringify(one)) throw new Error('the reports of 1 thread and all threads differ');
  // The floors (bench/scan-floor.ts), over the same events as columns (making them is not timed):
  // the plain sum, and the hand-written kernel counting what the report counts, checked equal to it.
  const columns = toColumns(normalised, AS_OF);
  const sum = bestOf(() => sumScan(columns));
  const kernel = countScan(columns, AS_OF);
  const counted = bestOf(kernel);
  const floorProblems = checkAgainst(counted.value, one, columns, isoWeek);
  if (floorProblems.length > 0) throw new Error(`the count floor and the simulation disagree: ${floorProblems.slice(0, 5).join('; ')}`);
  const floor = { ms: counted.ms };
  phases.push(snapshot('floor: sum of the events in typed arrays', sum.ms));
  phases.push(snapshot('floor: hand-written count of both policies (typed arrays)', counted.ms));

  console.log(`${fmt(events)} events; ${fmt(one.input.evaluated)} cases evaluated; obligations: baseline ${fmt(one.rules.reduce((n, r) => n + (r.baseline?.obligations ?? 0), 0))}, reform ${fmt(one.rules.reduce((n, r) => n + (r.reform?.obligations ?? 0), 0))}`);
  console.log(`reviews within timescale: baseline ${((one.reviews.baseline.share ?? 0) * 100).toFixed(1)}%, reform ${((one.reviews.reform.share ?? 0) * 100).toFixed(1)}%; newly overdue ${fmt(one.children.newlyOverdue.length)}, no longer overdue ${fmt(one.children.noLongerOverdue.length)}`);
  console.log('');
  const width = Math.max(...phases.map((p) => p.name.length));
  console.log(`${'phase'.padEnd(width)}  ${'wall ms'.padStart(9)}  ${'x floor'.padStart(8)}  ${'heap MB'.padStart(8)}  ${'RSS MB'.padStart(7)}  ${'peak RSS MB'.padStart(11)}`);
  for (const p of phases) {
    const ratio = p.ms === 0 || floor.ms === 0 ? '' : fmt(p.ms / floor.ms, 1);
    console.log(`${p.name.padEnd(width)}  ${fmt(p.ms, 1).padStart(9)}  ${ratio.padStart(8)}  ${fmt(p.heapMb).padStart(8)}  ${fmt(p.rssMb).padStart(7)}  ${fmt(p.maxRssMb).padStart(11)}`);
  }
  console.log(`(workers: generating and normalising their slices took ${fmt(parallel.prepareMs)} ms before the timed evaluation)`);
  console.log(`per case, 1 thread: ${fmt((phases.find((p) => p.name.startsWith('evaluation, 1'))?.ms ?? 0) * 1000 / CHILDREN, 2)} µs for both policies (the median of 3 runs of ${oneRuns.all.map((ms) => fmt(ms, 1)).join(', ')} ms); floors per event: sum ${fmt((sum.ms * 1e6) / events, 2)} ns (checksum ${sum.value}), count ${fmt((counted.ms * 1e6) / events, 2)} ns (its counts equal the report's: every rule's statuses, the limit's violations, reviews, children overdue, weekly workload)`);

  const oneX = oneRuns.ms / floor.ms;
  const twoX = parallel.runMs / floor.ms;
  console.log(`goal of issue 13, the static reading within 10x of the count floor: 1 thread ${fmt(oneX, 1)}x ${oneX <= 10 ? 'met' : 'NOT met'} (slowest of its 3 runs ${fmt(Math.max(...oneRuns.all) / floor.ms, 1)}x); ${cores} threads ${fmt(twoX, 1)}x ${twoX <= 10 ? 'met' : 'NOT met'}`);

  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--simulate-stream'], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  try {
    const s = JSON.parse(line) as { ms: number; maxRssMb: number; evaluated: number };
    console.log(`streaming in its own process (generate, validate, evaluate one case at a time, 1 thread): ${fmt(s.ms)} ms, peak RSS ${fmt(s.maxRssMb)} MB (including node, tsx and the compiler), ${fmt(s.evaluated)} cases`);
  } catch {
    console.log(`streaming run failed: ${child.stderr.split('\n').slice(0, 3).join(' ')}`);
  }
  console.log('(the phases above time the work in memory only; what a user waits for is the pipeline below)');
  pipeline(CHILDREN === 100_000 ? floor.ms : undefined);
}

// ---------------------------------------------------------------------------------------------
// The pipeline as a user runs it: `pdl generate` then `pdl simulate`, each its own process.

/** Writes the process's peak RSS (kB, worker threads included) on stderr when it exits. */
const PEAK_HOOK = `data:text/javascript,${encodeURIComponent("process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nBENCH_PEAK_RSS_KB ' + u.maxRSS + ' BENCH_CPU_US ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });")}`;

interface ProcessRun {
  readonly ms: number;
  readonly peakMb: number;
  /** CPU time of the process, every thread (user + system). */
  readonly cpuMs: number;
}

/** Runs `node bin/pdl.js ...args` with the peak-RSS hook; throws when it fails. */
function pdlProcess(args: readonly string[]): ProcessRun {
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--import', PEAK_HOOK, 'bin/pdl.js', ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 16 << 20 });
  const ms = performance.now() - start;
  const peak = /BENCH_PEAK_RSS_KB (\d+) BENCH_CPU_US (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || peak === null) throw new Error(`pdl ${args.join(' ')} failed (exit ${String(r.status)}): ${(r.stderr ?? '').split('\n').slice(0, 3).join(' ')}`);
  return { ms, peakMb: Number(peak[1]) / 1024, cpuMs: Number(peak[2]) / 1000 };
}

/** The sizes of the pipeline runs (`BENCH_PIPELINE_SIZES`, comma-separated; 0 or empty: none). */
function pipelineSizes(): number[] {
  const given = process.env['BENCH_PIPELINE_SIZES'];
  if (given === undefined) return [10_000, 100_000, 1_000_000];
  return given.split(',').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
}

/** Times `pdl generate` + `pdl simulate` at each size and prints the figures and ratios. */
export function pipeline(floorMs: number | undefined): void {
  const sizes = pipelineSizes();
  if (sizes.length === 0) {
    // No pipeline runs: the behavioural reading still runs (BENCH_BEHAVIOURAL=0 skips it), on the bundle.
    if (process.env['BENCH_BEHAVIOURAL'] === '0') return;
    const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`scripts/build-cli.mjs failed: ${built.stderr}`);
    behavioural();
    return;
  }
  const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`scripts/build-cli.mjs failed: ${built.stderr}`);
  console.log('');
  console.log(`load average at the start: ${loadavg().map((x) => x.toFixed(1)).join(', ')} (${availableParallelism()} cores): wall times grow with it; CPU times (every thread of the process, user + system) less so`);
  console.log('the pipeline as a user runs it: `pdl generate --children N` then `pdl simulate` of its file (baseline and reform, static reading, workers chosen by the CLI), each a process running the CLI bundle (start-up and compiling the policies included); and the same caseload generated inside `pdl simulate --children N` (one process, no file, no JSON); wall time, CPU time and peak RSS per process');
  const rows: { n: number; gen: ProcessRun; sim: ProcessRun; syn: ProcessRun }[] = [];
  const POLICIES = ['--baseline', 'policies/england/statutory-reviews.pdl', '--reform', 'bench/fixtures/south-glos-reviews.pdl'];
  for (const n of sizes) {
    const file = `.scratch/bench-pipeline-${n}.jsonl`;
    const gen = pdlProcess(['generate', '--children', String(n), '--from', '2020-01-01', '--to', '2024-12-31', '--seed', SEED, '--out', file]);
    const sim = pdlProcess(['simulate', ...POLICIES, '--caseload', file, '--json']);
    rmSync(`${ROOT}${file}`, { force: true });
    const syn = pdlProcess(['simulate', ...POLICIES, '--children', String(n), '--from', '2020-01-01', '--to', '2024-12-31', '--seed', SEED, '--json']);
    rows.push({ n, gen, sim, syn });
  }
  const first = rows[0] as (typeof rows)[number];
  const perChild = (r: (typeof rows)[number]): number => ((r.gen.ms + r.sim.ms) * 1000) / r.n;
  const head = ['children', 'generate ms', 'cpu ms', 'peak MB', 'simulate ms', 'cpu ms', 'peak MB', 'total ms', 'cpu ms', 'µs/child', `x per child at ${fmt(first.n)}`, 'simulate --children ms', 'cpu ms', 'peak MB'];
  console.log(head.map((h) => h.padStart(Math.max(7, h.length))).join('  '));
  for (const r of rows) {
    const cells = [fmt(r.n), fmt(r.gen.ms), fmt(r.gen.cpuMs), fmt(r.gen.peakMb), fmt(r.sim.ms), fmt(r.sim.cpuMs), fmt(r.sim.peakMb), fmt(r.gen.ms + r.sim.ms), fmt(r.gen.cpuMs + r.sim.cpuMs), fmt(perChild(r), 1), (perChild(r) / perChild(first)).toFixed(2), fmt(r.syn.ms), fmt(r.syn.cpuMs), fmt(r.syn.peakMb)];
    console.log(cells.map((c, i) => c.padStart(Math.max(7, (head[i] as string).length))).join('  '));
  }
  const at100k = rows.find((r) => r.n === 100_000);
  if (at100k !== undefined) {
    const total = at100k.gen.ms + at100k.sim.ms;
    const peak = Math.max(at100k.gen.peakMb, at100k.sim.peakMb);
    if (floorMs !== undefined && floorMs > 0) {
      console.log(`at 100,000 children: the pipeline ${fmt(total / floorMs)}x the hand-written count over typed arrays of the same events (${fmt(floorMs, 1)} ms); pdl simulate alone ${fmt(at100k.sim.ms / floorMs)}x; pdl simulate --children ${fmt(at100k.syn.ms / floorMs)}x (goal of issue 13: at most 10x; the in-memory evaluation's ratio is in the phase table above)`);
    }
    console.log(`goals at 100,000 children: generate + simulate under 3 s: ${total < 3000 ? 'met' : 'NOT met'} (${fmt(total)} ms wall, ${fmt(at100k.gen.cpuMs + at100k.sim.cpuMs)} ms CPU); simulate --children under 3 s: ${at100k.syn.ms < 3000 ? 'met' : 'NOT met'} (${fmt(at100k.syn.ms)} ms wall, ${fmt(at100k.syn.cpuMs)} ms CPU); peak RSS under 500 MB: ${peak < 500 ? 'met' : 'NOT met'} (${fmt(peak)} MB; --children ${fmt(at100k.syn.peakMb)} MB)`);
  }
  const at1m = rows.find((r) => r.n === 1_000_000);
  if (at1m !== undefined) {
    const peak = Math.max(at1m.gen.peakMb, at1m.sim.peakMb, at1m.syn.peakMb);
    console.log(`goal at 1,000,000 children: peak RSS under 500 MB: ${peak < 500 ? 'met' : 'NOT met'} (generate ${fmt(at1m.gen.peakMb)} MB, simulate ${fmt(at1m.sim.peakMb)} MB, simulate --children ${fmt(at1m.syn.peakMb)} MB)`);
  }
  behavioural();
}

/**
 * The behavioural reading as a user runs it: `pdl simulate --reading behavioural --seeds 20` over a
 * file of 10,000 generated children (2020-2024), with a model of reviews held against each policy's
 * due dates and IROs' capacity (test/simulate/fixtures/behavioural/reviews.practice.yaml), beside
 * one seed and the static reading of the same file: wall, CPU, peak RSS, and the ratios (per seed to
 * one seed; 20 seeds to the static reading). Goal (issue 13): 20 seeds of 10k children under 10 s.
 * `BENCH_BEHAVIOURAL=0` skips it.
 */
function behavioural(): void {
  if (process.env['BENCH_BEHAVIOURAL'] === '0') return;
  const n = 10_000;
  const file = `.scratch/bench-behavioural-${n}.jsonl`;
  pdlProcess(['generate', '--children', String(n), '--from', '2020-01-01', '--to', '2024-12-31', '--seed', SEED, '--out', file]);
  const common = ['simulate', '--baseline', 'policies/england/statutory-reviews.pdl', '--reform', 'bench/fixtures/south-glos-reviews.pdl', '--caseload', file, '--as-of', '2024-12-31', '--json'];
  const behave = [...common, '--reading', 'behavioural', '--practice', 'test/simulate/fixtures/behavioural/reviews.practice.yaml'];
  const load = (): string => (loadavg()[0] ?? 0).toFixed(1);
  const loads: string[] = [];
  loads.push(load());
  const staticRun = pdlProcess(common);
  loads.push(load());
  const one = pdlProcess(behave);
  loads.push(load());
  const twenty = pdlProcess([...behave, '--seeds', '20']);
  rmSync(`${ROOT}${file}`, { force: true });
  console.log('');
  console.log(`the behavioural reading, ${fmt(n)} children (a file made by pdl generate, not timed), each a process running the CLI bundle (threads chosen by the CLI: one per seed up to the cores, the main thread one of them)`);
  const row = (name: string, r: ProcessRun, at: string | undefined): string => `  ${name.padEnd(34)} ${fmt(r.ms).padStart(8)} ms wall  ${fmt(r.cpuMs).padStart(8)} ms CPU  ${fmt(r.peakMb).padStart(5)} MB peak  (load ${at ?? '?'} at the start)`;
  console.log(row('static reading', staticRun, loads[0]));
  console.log(row('behavioural, 1 seed', one, loads[1]));
  console.log(row('behavioural, 20 seeds', twenty, loads[2]));
  const cores = availableParallelism();
  console.log(`  20 seeds' CPU over the ${cores} cores: ${fmt(twenty.cpuMs / cores)} ms (the wall time a quiet machine would need at best, the threads kept busy)`);
  console.log(`  20 seeds / 1 seed: ${(twenty.ms / one.ms).toFixed(1)}x wall, ${(twenty.cpuMs / one.cpuMs).toFixed(1)}x CPU; 20 seeds / static reading: ${(twenty.ms / staticRun.ms).toFixed(1)}x wall; goal under 10 s: ${twenty.ms < 10_000 ? 'met' : 'NOT met'} (${fmt(twenty.ms)} ms)`);
}

if (isMainThread && process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href && !process.argv.includes('--simulate-stream')) {
  await run();
}
