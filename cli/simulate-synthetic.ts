/**
 * `pdl simulate` on a synthetic caseload (Node only): `--children N --from DATE --to DATE` instead of
 * `--caseload`, the caseload generated in the process (no file, no JSON: each case is generated,
 * validated under both policies and evaluated as it is made), once per seed (`--seed S`, `--seeds N`:
 * the seeds of `seedList`), and the report of each seed; several seeds give the first seed's report
 * with the intervals of every headline measure (simulation/behavioural/seeds.ts).
 *
 * Input: the two policies' IR, the generator's settings (children, period, late share, the
 * baseline's practice model or none), the as-of date, the review rule, the seeds and the number of
 * worker threads. Output: one `SimulationReport` (the static reading), and the caseload's lines for
 * the summary.
 *
 * The work is shared out as (seed, slice of children) tasks, handed to worker threads one at a time
 * as they finish (the static reading's worker module, simulate-worker.ts, which tells this kind of
 * work by its data) and taken by this thread too, between the workers' messages (so N threads start
 * N-1 workers); each thread keeps one accumulator per seed, the workers send theirs back at the end.
 * INVARIANT: the report is the same whatever the number of threads: case k of a seed is generated
 * from (seed, k) alone (simulation/caseload/generate.ts), its ordinal is k, and partial reports merge
 * by sums and ordinals. It equals `pdl generate` with the same seed, period and policy followed by
 * `pdl simulate` of that file, but for the cases' origins (`synthetic[k]` here).
 * INVARIANT: nothing here prints; an exception in a worker rejects with a `WithheldError`.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { preparePolicy } from '../runtime/index.ts';
import type { CompiledPolicy, PlainDate, PolicyIR } from '../runtime/index.ts';
import { createAccumulator, createCaseGenerator, emptyPartial, finishReport, mergePartials, seedList, staticReading, withIntervals } from '../simulation/index.ts';
import type { Accumulator, CaseGenerator, PartialReport, PracticeModel, SimulationReport } from '../simulation/index.ts';
import { WithheldError } from './output.ts';
import { SIMULATE_WORKER_URL, startWorker } from './simulate-pool.ts';

/** The synthetic caseload as `pdl simulate` takes it. */
export interface SyntheticOptions {
  readonly children: number;
  /** `YYYY-MM-DD`, already checked. */
  readonly from: string;
  readonly to: string;
  readonly lateShare?: number;
}

/** What a synthetic worker (and this thread) needs to generate and evaluate any seed's slice. */
export interface SyntheticWorkerData {
  readonly kind: 'synthetic';
  readonly baseline: PolicyIR;
  readonly reform: PolicyIR;
  readonly asOf: PlainDate;
  readonly reviewRule: string;
  readonly children: number;
  readonly from: PlainDate;
  readonly to: PlainDate;
  readonly lateShare?: number;
  /** The practice model the generator applies (the baseline's default), or none. */
  readonly practice?: PracticeModel;
  readonly seeds: readonly string[];
}

type ToWorker = { readonly type: 'slice'; readonly seed: number; readonly start: number; readonly count: number } | { readonly type: 'done' };
type FromWorker = { readonly type: 'slice-done'; readonly count: number } | { readonly type: 'partials'; readonly partials: readonly (PartialReport | null)[] };

/** True for the data of a synthetic worker. */
export function isSyntheticWorkerData(data: unknown): data is SyntheticWorkerData {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'synthetic';
}

/** Generates and evaluates slices of any seed's caseload, one accumulator per seed (made when first needed). */
function slicer(data: SyntheticWorkerData): { run(seed: number, start: number, count: number): void; partials(): (PartialReport | null)[] } {
  const baseline: CompiledPolicy = preparePolicy(data.baseline, { explanations: false });
  const reform: CompiledPolicy = preparePolicy(data.reform, { explanations: false });
  const generators: (CaseGenerator | undefined)[] = data.seeds.map(() => undefined);
  const accumulators: (Accumulator | undefined)[] = data.seeds.map(() => undefined);
  return {
    run(seed, start, count) {
      let g = generators[seed];
      if (g === undefined) {
        g = createCaseGenerator({
          children: data.children,
          from: data.from,
          to: data.to,
          seed: data.seeds[seed] as string,
          ir: data.baseline,
          ...(data.lateShare !== undefined ? { lateShare: data.lateShare } : {}),
          ...(data.practice !== undefined ? { practice: { model: data.practice, policy: baseline } } : {}),
        });
        generators[seed] = g;
      }
      let acc = accumulators[seed];
      if (acc === undefined) {
        acc = createAccumulator(baseline, reform, data.asOf, { reviewRule: data.reviewRule });
        accumulators[seed] = acc;
      }
      for (let k = start; k < start + count; k++) acc.addRecord({ kind: 'value', origin: `synthetic[${k}]`, value: g.generate(k) }, k);
    },
    partials: () => accumulators.map((a) => a?.partial ?? null),
  };
}

/** The body of a synthetic worker (simulate-worker.ts). */
export function syntheticWorker(port: MessagePort, data: SyntheticWorkerData): void {
  const work = slicer(data);
  port.on('message', (m: ToWorker) => {
    if (m.type === 'slice') {
      work.run(m.seed, m.start, m.count);
      port.postMessage({ type: 'slice-done', count: m.count } satisfies FromWorker);
    } else port.postMessage({ type: 'partials', partials: work.partials() } satisfies FromWorker);
  });
}

/** Children per task handed to a worker. */
const SLICE = 2000;

/** The (seed, slice) tasks, seed by seed. */
function tasks(data: SyntheticWorkerData): { seed: number; start: number; count: number }[] {
  const out: { seed: number; start: number; count: number }[] = [];
  for (let s = 0; s < data.seeds.length; s++) for (let start = 0; start < data.children; start += SLICE) out.push({ seed: s, start, count: Math.min(SLICE, data.children - start) });
  return out;
}

/**
 * Runs the tasks on `threads` threads, this one included (it takes a task at a time between the
 * workers' messages, so one worker fewer is started); the partial report of each seed.
 */
function runPool(data: SyntheticWorkerData, threads: number, onProgress: (done: number) => void): Promise<PartialReport[]> {
  const todo = tasks(data);
  const count = Math.max(0, Math.min(threads - 1, todo.length - 1));
  return new Promise<PartialReport[]>((resolve, reject) => {
    const started: Worker[] = [];
    const bySeed: PartialReport[][] = data.seeds.map(() => []);
    let next = 0;
    let done = 0;
    let finished = 0;
    let failed = false;
    const delivered = new Set<Worker>();
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      for (const w of started) void w.terminate();
      reject(error instanceof WithheldError ? error : new WithheldError(error));
    };
    const feed = (w: Worker): void => {
      const t = todo[next];
      if (t === undefined) {
        w.postMessage({ type: 'done' } satisfies ToWorker);
        return;
      }
      next++;
      w.postMessage({ type: 'slice', ...t } satisfies ToWorker);
    };
    for (let i = 0; i < count; i++) {
      const w = startWorker(SIMULATE_WORKER_URL, data);
      started.push(w);
      w.on('message', (m: FromWorker) => {
        if (m.type === 'slice-done') {
          done += m.count;
          onProgress(done);
          feed(w);
          return;
        }
        m.partials.forEach((p, s) => {
          if (p !== null) (bySeed[s] as PartialReport[]).push(p);
        });
        delivered.add(w);
        finished++;
        void w.terminate();
        if (finished === count + 1 && !failed) resolve(bySeed.map((parts) => (parts.length === 0 ? emptyPartial() : mergePartials(parts))));
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (!delivered.has(w) && !failed) fail(new Error(`a simulate worker stopped with exit code ${code}`));
      });
      feed(w);
    }
    // This thread's share.
    const here = slicer(data);
    const step = (): void => {
      if (failed) return;
      const t = todo[next];
      if (t === undefined) {
        here.partials().forEach((p, s) => {
          if (p !== null) (bySeed[s] as PartialReport[]).push(p);
        });
        finished++;
        if (finished === count + 1) resolve(bySeed.map((parts) => (parts.length === 0 ? emptyPartial() : mergePartials(parts))));
        return;
      }
      next++;
      try {
        here.run(t.seed, t.start, t.count);
      } catch (error) {
        fail(error);
        return;
      }
      done += t.count;
      onProgress(done);
      setImmediate(step);
    };
    step();
  });
}

/**
 * The synthetic run: the report of the first seed, with the intervals over all seeds when there are
 * several (`seeds` undefined: one seed, no intervals).
 */
export async function runSynthetic(options: {
  readonly baseline: PolicyIR;
  readonly reform: PolicyIR;
  readonly asOf: PlainDate;
  readonly reviewRule: string;
  readonly synthetic: SyntheticOptions;
  readonly from: PlainDate;
  readonly to: PlainDate;
  readonly practice?: PracticeModel;
  readonly seed: string;
  readonly seeds?: number;
  readonly workers: number;
  readonly onProgress: (done: number) => void;
}): Promise<SimulationReport> {
  const seeds = seedList(options.seed, options.seeds ?? 1);
  const data: SyntheticWorkerData = {
    kind: 'synthetic',
    baseline: options.baseline,
    reform: options.reform,
    asOf: options.asOf,
    reviewRule: options.reviewRule,
    children: options.synthetic.children,
    from: options.from,
    to: options.to,
    ...(options.synthetic.lateShare !== undefined ? { lateShare: options.synthetic.lateShare } : {}),
    ...(options.practice !== undefined ? { practice: options.practice } : {}),
    seeds,
  };
  let partials: PartialReport[];
  if (options.workers <= 1) {
    const work = slicer(data);
    let done = 0;
    for (const t of tasks(data)) {
      work.run(t.seed, t.start, t.count);
      done += t.count;
      options.onProgress(done);
    }
    partials = work.partials().map((p) => p ?? emptyPartial());
  } else partials = await runPool(data, options.workers, options.onProgress);
  const reports = partials.map((p): SimulationReport => ({ reading: staticReading(), ...finishReport(p, options.baseline, options.reform, options.asOf, options.reviewRule) }));
  return options.seeds === undefined ? (reports[0] as SimulationReport) : withIntervals(seeds, reports);
}
