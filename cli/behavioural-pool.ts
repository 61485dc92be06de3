/**
 * Worker threads for `pdl simulate --reading behavioural --seeds N` (Node only): whole seeds shared
 * out to worker threads, each running the behavioural reading over the whole caseload for its seeds.
 *
 * Input: the two policies' IR, the practice model and capacities, the caseload's records, the as-of
 * date, the seeds and the number of workers. Output: the reports, one per seed, in seed order (the
 * caller adds the intervals: `withIntervals`), the same whatever the number of workers and whichever
 * finished first: a seed's report depends only on the seed (simulation/behavioural/behavioural.ts).
 *
 * Workers run `simulate-worker.ts` (the same module as the static reading's pool, so a bundled CLI
 * needs no other file), which hands `BehaviouralWorkerData` to `behaviouralWorker`. Seeds are handed
 * out one at a time as workers finish them.
 * INVARIANT: nothing here prints; an exception in a worker rejects with a `WithheldError`.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { preparePolicy } from '../runtime/index.ts';
import type { PlainDate, PolicyIR } from '../runtime/index.ts';
import { simulateBehavioural, validateCaseload } from '../simulation/index.ts';
import type { CaseRecord, PracticeModel, RoleCapacity, SimulationReport, ValidatedCaseload } from '../simulation/index.ts';
import { WithheldError } from './output.ts';
import { SIMULATE_WORKER_URL, startWorker } from './simulate-pool.ts';

/** What a worker of the behavioural reading is started with. */
export interface BehaviouralWorkerData {
  readonly kind: 'behavioural';
  readonly baseline: PolicyIR;
  readonly reform: PolicyIR;
  readonly asOf: PlainDate;
  readonly reviewRule: string;
  readonly model: PracticeModel;
  readonly capacity: readonly RoleCapacity[];
  readonly records: readonly CaseRecord[];
}

type ToWorker = { readonly type: 'seed'; readonly index: number; readonly seed: string } | { readonly type: 'done' };
type FromWorker = { readonly type: 'report'; readonly index: number; readonly report: SimulationReport };

/** True for the data of a behavioural worker (simulate-worker.ts tells its two kinds of work apart by it). */
export function isBehaviouralWorkerData(data: unknown): data is BehaviouralWorkerData {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'behavioural';
}

/** The body of a behavioural worker: one report per seed asked for. */
export function behaviouralWorker(port: MessagePort, data: BehaviouralWorkerData): void {
  const baseline = preparePolicy(data.baseline, { explanations: false });
  const reform = preparePolicy(data.reform, { explanations: false });
  // Parsed and validated once, on the first seed, for all the seeds this worker runs.
  let validated: ValidatedCaseload | undefined;
  port.on('message', (m: ToWorker) => {
    if (m.type === 'done') {
      port.close();
      return;
    }
    validated ??= validateCaseload(baseline, reform, data.records);
    const report = simulateBehavioural(baseline, reform, validated, data.asOf, { model: data.model, capacity: data.capacity, seed: m.seed, reviewRule: data.reviewRule });
    port.postMessage({ type: 'report', index: m.index, report } satisfies FromWorker);
  });
}

/**
 * Runs the seeds on `workers` threads; the reports in seed order. With `here` (a seed's report
 * computed in the calling thread), the calling thread is one of the `workers`: it runs seeds between
 * its handling of the workers' messages, and `workers - 1` worker threads are started (one fewer
 * thread to start: loading the modules, preparing the policies, validating the caseload). Each
 * worker is handed two seeds ahead, so it is not left idle while the calling thread runs a seed.
 */
export function runSeedsPool(data: Omit<BehaviouralWorkerData, 'kind'>, seeds: readonly string[], workers: number, onSeedDone?: (done: number) => void, here?: (seed: string) => SimulationReport): Promise<SimulationReport[]> {
  const total = Math.max(1, Math.min(workers, seeds.length));
  const count = here === undefined ? total : total - 1;
  const reports: SimulationReport[] = new Array<SimulationReport>(seeds.length);
  return new Promise<SimulationReport[]>((resolve, reject) => {
    const started: Worker[] = [];
    const retired = new Set<Worker>(); // stopped on purpose: their exit is not a failure
    const pending = new Map<Worker, number>(); // seeds handed to a worker and not yet reported
    let next = 0;
    let done = 0;
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      for (const w of started) void w.terminate();
      reject(error instanceof WithheldError ? error : new WithheldError(error));
    };
    const finish = (): void => {
      if (done !== seeds.length) return;
      for (const x of started) {
        retired.add(x);
        void x.terminate();
      }
      if (!failed) resolve(reports);
    };
    const feed = (w: Worker): void => {
      const seed = seeds[next];
      if (seed === undefined) {
        if ((pending.get(w) ?? 0) === 0) {
          retired.add(w);
          void w.terminate();
        }
        return;
      }
      w.postMessage({ type: 'seed', index: next, seed } satisfies ToWorker);
      pending.set(w, (pending.get(w) ?? 0) + 1);
      next++;
    };
    for (let i = 0; i < count; i++) {
      const w = startWorker(SIMULATE_WORKER_URL, { kind: 'behavioural', ...data } satisfies BehaviouralWorkerData);
      started.push(w);
      w.on('message', (m: FromWorker) => {
        reports[m.index] = m.report;
        pending.set(w, (pending.get(w) ?? 1) - 1);
        done++;
        onSeedDone?.(done);
        if (done === seeds.length) finish();
        else feed(w);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (!retired.has(w) && !failed) fail(new Error(`a simulate worker stopped with exit code ${code}`));
      });
      feed(w);
      if (here !== undefined) feed(w);
    }
    if (here === undefined) return;
    // The calling thread's share: a seed at a time, letting the workers' messages in between.
    const step = (): void => {
      if (failed) return;
      const index = next;
      const seed = seeds[index];
      if (seed === undefined) return;
      next++;
      try {
        reports[index] = here(seed);
      } catch (error) {
        fail(error);
        return;
      }
      done++;
      onSeedDone?.(done);
      if (done === seeds.length) finish();
      else setImmediate(step);
    };
    setImmediate(step);
  });
}
