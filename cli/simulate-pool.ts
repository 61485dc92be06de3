/**
 * The worker-thread pool of `pdl simulate` (Node only): a caseload's records shared out in chunks to
 * worker threads, each validating and evaluating its chunks under both policies, and their partial
 * reports merged.
 *
 * Input: the two policies' IR, the as-of date, the records, the number of workers. Output: one
 * `PartialReport` (turn it into the report with `finishReport`), the same whatever the number of
 * workers and whichever finished first: counts are sums and case lists are sorted by ordinal
 * (simulation/simulate/accumulate.ts).
 *
 * Chunks are handed out one at a time as workers finish them (so a slow chunk does not hold the
 * others up); each worker keeps one accumulator for all its chunks and sends it back at the end.
 * INVARIANT: nothing here prints; an exception in a worker rejects the promise with a
 * `WithheldError` (its message could quote case data).
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { PolicyIR, PlainDate } from '../runtime/index.ts';
import type { CaseRecord } from '../simulation/index.ts';
import { mergePartials } from '../simulation/index.ts';
import type { PartialReport } from '../simulation/index.ts';
import { PACKAGE_ROOT, WithheldError } from './output.ts';

/** What a simulate worker is started with. */
export interface SimulateWorkerData {
  readonly baseline: PolicyIR;
  readonly reform: PolicyIR;
  readonly asOf: PlainDate;
  readonly reviewRule: string;
}

/** Messages from the main thread to a worker. */
export type ToWorker = { readonly type: 'chunk'; readonly start: number; readonly records: readonly CaseRecord[] } | { readonly type: 'done' };

/** Messages from a worker to the main thread. */
export type FromWorker = { readonly type: 'chunk-done'; readonly count: number } | { readonly type: 'partial'; readonly partial: PartialReport };

/**
 * Starts a worker thread on a TypeScript module (or, in a bundled build, its `.js` sibling).
 * From source, Node 20 does not pass the tsx loader on to workers, so the worker first registers it
 * (with the repository's tsconfig) and then imports the module.
 */
export function startWorker(moduleUrl: URL, workerData: unknown): Worker {
  if (moduleUrl.pathname.endsWith('.ts') && import.meta.url.endsWith('.ts')) {
    const tsx = import.meta.resolve('tsx/esm/api');
    const tsconfig = fileURLToPath(new URL('tsconfig.json', PACKAGE_ROOT));
    const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register({ tsconfig: ${JSON.stringify(tsconfig)} }); return import(${JSON.stringify(moduleUrl.href)}); });`;
    return new Worker(code, { eval: true, workerData });
  }
  const js = moduleUrl.pathname.endsWith('.ts') ? new URL(moduleUrl.href.replace(/\.ts$/, '.js')) : moduleUrl;
  return new Worker(js, { workerData });
}

/** The URL of the simulate worker module, beside this file. */
export const SIMULATE_WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './simulate-worker.ts' : './simulate-worker.js', import.meta.url);

/** Options of `runPool`. */
export interface PoolOptions extends SimulateWorkerData {
  readonly records: readonly CaseRecord[];
  readonly workers: number;
  /** Records per chunk (default: about eight chunks per worker, 50 to 1000 records each). */
  readonly chunkSize?: number;
  /** Called with the number of records done so far, after each chunk. */
  readonly onProgress?: (done: number) => void;
}

/** Runs the records through `workers` worker threads and merges their partial reports. */
export function runPool(options: PoolOptions): Promise<PartialReport> {
  // About eight chunks per worker (so a slow chunk does not hold the others up), 50 to 1000 records each.
  const size = Math.max(1, options.chunkSize ?? Math.min(1000, Math.max(50, Math.ceil(options.records.length / (8 * Math.max(1, options.workers))))));
  const chunks: { start: number; records: readonly CaseRecord[] }[] = [];
  for (let start = 0; start < options.records.length; start += size) chunks.push({ start, records: options.records.slice(start, start + size) });
  const count = Math.max(1, Math.min(options.workers, chunks.length));
  const data: SimulateWorkerData = { baseline: options.baseline, reform: options.reform, asOf: options.asOf, reviewRule: options.reviewRule };
  return new Promise<PartialReport>((resolve, reject) => {
    const workers: Worker[] = [];
    const partials: PartialReport[] = [];
    let next = 0;
    let done = 0;
    let finished = 0;
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(error instanceof WithheldError ? error : new WithheldError(error));
    };
    const feed = (w: Worker): void => {
      const chunk = chunks[next];
      if (chunk === undefined) {
        w.postMessage({ type: 'done' } satisfies ToWorker);
        return;
      }
      next++;
      w.postMessage({ type: 'chunk', start: chunk.start, records: chunk.records } satisfies ToWorker);
    };
    for (let i = 0; i < count; i++) {
      const w = startWorker(SIMULATE_WORKER_URL, data);
      workers.push(w);
      let delivered = false;
      w.on('message', (m: FromWorker) => {
        if (m.type === 'chunk-done') {
          done += m.count;
          options.onProgress?.(done);
          feed(w);
        } else {
          partials.push(m.partial);
          delivered = true;
          finished++;
          void w.terminate();
          if (finished === count && !failed) resolve(mergePartials(partials));
        }
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        // terminate() after the partial report ends a worker with code 1: only an early exit is a failure.
        if (!delivered && !failed) fail(new Error(`a simulate worker stopped with exit code ${code}`));
      });
      feed(w);
    }
    if (chunks.length === 0) resolve(mergePartials([]));
  });
}
