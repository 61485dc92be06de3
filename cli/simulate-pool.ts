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
 * others up), and a streamed caseload is read a chunk at a time as they are handed out; each worker
 * keeps one accumulator for all its chunks and sends it back at the end.
 * INVARIANT: nothing here prints; an exception in a worker rejects the promise with a
 * `WithheldError` (its message could quote case data).
 */
import { readFileSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { PolicyIR, PlainDate } from '../runtime/index.ts';
import type { CaseRecord } from '../simulation/index.ts';
import { preparePolicy } from '../runtime/index.ts';
import { createAccumulator, mergePartials } from '../simulation/index.ts';
import type { Accumulator, PartialReport } from '../simulation/index.ts';
import { PACKAGE_ROOT, WithheldError } from './output.ts';
import { lineRanges, type LineRange } from './caseload-stream.ts';
import { addJsonLines, lineNormalizer, type LineNormalizer } from './caseload-fast.ts';

/** What a simulate worker is started with. */
export interface SimulateWorkerData {
  readonly baseline: PolicyIR;
  readonly reform: PolicyIR;
  readonly asOf: PlainDate;
  readonly reviewRule: string;
}

/** Messages from the main thread to a worker. */
export type ToWorker =
  | { readonly type: 'chunk'; readonly start: number; readonly records: readonly CaseRecord[] }
  | { readonly type: 'range'; readonly full: string; readonly name: string; readonly range: LineRange }
  | { readonly type: 'done' };

/** Messages from a worker to the main thread. */
export type FromWorker = { readonly type: 'chunk-done'; readonly count: number } | { readonly type: 'partial'; readonly partial: PartialReport };

/**
 * Starts a worker thread on a TypeScript module (or, in a bundled build, its `.js` sibling).
 * From source (tsx: the tests, PDL_FROM_SOURCE), the worker runs the bundled worker of
 * dist/cli/ instead when there is one built from the very sources in the folder now
 * (`currentBundledWorker`): the same code, without starting tsx in the thread, which cost each
 * worker about 1.5 s of CPU (0.3 s for the bundled one; the suites start about a dozen). Otherwise
 * (no bundle, a source edited since it was built, PDL_FROM_SOURCE set): Node 20 does not pass the tsx
 * loader on to workers, so the worker first registers it (with the repository's tsconfig) and then
 * imports the module.
 */
export function startWorker(moduleUrl: URL, workerData: unknown): Worker {
  if (moduleUrl.pathname.endsWith('.ts') && import.meta.url.endsWith('.ts')) {
    const bundled = currentBundledWorker(moduleUrl);
    if (bundled !== undefined) return new Worker(bundled, { workerData });
    const tsx = import.meta.resolve('tsx/esm/api');
    const tsconfig = fileURLToPath(new URL('tsconfig.json', PACKAGE_ROOT));
    const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register({ tsconfig: ${JSON.stringify(tsconfig)} }); return import(${JSON.stringify(moduleUrl.href)}); });`;
    return new Worker(code, { eval: true, workerData });
  }
  const js = moduleUrl.pathname.endsWith('.ts') ? new URL(moduleUrl.href.replace(/\.ts$/, '.js')) : moduleUrl;
  return new Worker(js, { workerData });
}

/** Per worker module: its bundled file when current, else undefined (decided once per process). */
const bundledWorkers = new Map<string, URL | undefined>();

/** `bundledWorker` for this package and process, decided once per worker module: sources edited while a process runs are not seen. */
function currentBundledWorker(moduleUrl: URL): URL | undefined {
  if (!bundledWorkers.has(moduleUrl.href)) bundledWorkers.set(moduleUrl.href, bundledWorker(moduleUrl, PACKAGE_ROOT, process.env.PDL_FROM_SOURCE));
  return bundledWorkers.get(moduleUrl.href);
}

/**
 * The bundled twin below `root` of the worker module `moduleUrl` (cli/NAME.ts -> dist/cli/NAME.js),
 * when it may run in its place: `fromSource` (PDL_FROM_SOURCE) is unset, empty or '0', as bin/pdl.js
 * reads it; the bundle exists with the list of the files it was built from (dist/cli/.cli-inputs,
 * written by scripts/build-cli.mjs, paths relative to `root`); and every file of that list exists and
 * is no newer than the bundle (the rule bin/pdl.js applies to dist/cli/pdl.mjs). Otherwise undefined.
 */
export function bundledWorker(moduleUrl: URL, root: URL, fromSource: string | undefined): URL | undefined {
  if (fromSource !== undefined && fromSource !== '' && fromSource !== '0') return undefined;
  const name = moduleUrl.pathname.slice(moduleUrl.pathname.lastIndexOf('/') + 1).replace(/\.ts$/, '.js');
  const bundle = new URL(`dist/cli/${name}`, root);
  const built = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined) return undefined;
  let inputs: string[];
  try {
    inputs = readFileSync(new URL('dist/cli/.cli-inputs', root), 'utf8').split('\n').filter((line) => line !== '');
  } catch {
    return undefined;
  }
  const current = inputs.every((file) => (statSync(new URL(file, root), { throwIfNoEntry: false })?.mtimeMs ?? Number.POSITIVE_INFINITY) <= built);
  return current ? bundle : undefined;
}

/** The URL of the simulate worker module, beside this file. */
export const SIMULATE_WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './simulate-worker.ts' : './simulate-worker.js', import.meta.url);

/** Options of `runPool`. */
export interface PoolOptions extends SimulateWorkerData {
  /** The records, all in memory; or `source`, pulled a chunk at a time (a streamed caseload). */
  readonly records?: readonly CaseRecord[];
  readonly source?: () => CaseRecord | undefined;
  /**
   * Or a JSON Lines file that each worker reads a run of lines of at a time, itself (the main thread
   * neither decodes nor copies the records); ordinals are then the runs' line offsets plus the
   * record's place in its run, in the same order as the records.
   */
  readonly file?: { readonly full: string; readonly name: string };
  /**
   * With `file`: this thread takes runs of the file too, between the workers' messages, so one
   * thread fewer is started (`workers` counts the threads started besides this one, 0 or more).
   */
  readonly here?: boolean;
  /** Bytes of the file per task (default half a megabyte: about a thousand generated cases); for tests. */
  readonly rangeBytes?: number;
  readonly workers: number;
  /** Records per chunk (default: about eight chunks per worker, 50 to 1000 records each). */
  readonly chunkSize?: number;
  /** Called with the number of records done so far, after each chunk. */
  readonly onProgress?: (done: number) => void;
}

/** Bytes of a file a worker reads per task: about a thousand generated cases. */
const RANGE_BYTES = 1 << 19;

/**
 * Adds the records of a run of lines of the file into `acc` (ordinals from the lines before it); how
 * many. Lines in `pdl generate`'s shape are read straight from their bytes when `normalize` is given
 * (cli/caseload-fast.ts), the others parsed and validated as records.
 */
export function addRange(acc: Accumulator, file: { readonly full: string; readonly name: string }, range: LineRange, normalize?: LineNormalizer): number {
  return addJsonLines(acc, normalize, file, range);
}

/** Runs the records through `workers` worker threads (and this one, `here`) and merges their partial reports. */
export function runPool(options: PoolOptions): Promise<PartialReport> {
  // About eight chunks per worker (so a slow chunk does not hold the others up), 50 to 1000 records
  // each; a streamed source, whose length is not known, in chunks of 1000.
  const all = options.records;
  const size = Math.max(1, options.chunkSize ?? (all === undefined ? 1000 : Math.min(1000, Math.max(50, Math.ceil(all.length / (8 * Math.max(1, options.workers)))))));
  // A file: runs of whole lines, about RANGE_BYTES each, read by the workers themselves.
  const file = options.file;
  const ranges = file === undefined ? [] : lineRanges(file.full, options.rangeBytes ?? RANGE_BYTES);
  let nextRange = 0;
  let taken = 0;
  /** The next chunk, read when a worker asks for one (so a streamed caseload is never all held). */
  const nextChunk = (): { start: number; records: readonly CaseRecord[] } | undefined => {
    const start = taken;
    let records: CaseRecord[];
    if (all !== undefined) records = all.slice(start, start + size);
    else {
      records = [];
      while (records.length < size) {
        const r = options.source?.();
        if (r === undefined) break;
        records.push(r);
      }
    }
    if (records.length === 0) return undefined;
    taken += records.length;
    return { start, records };
  };
  const here = file !== undefined && options.here === true;
  const count = here
    ? Math.max(0, Math.min(options.workers, ranges.length - 1))
    : Math.max(1, all === undefined ? (file === undefined ? options.workers : Math.min(options.workers, ranges.length)) : Math.min(options.workers, Math.ceil(all.length / size)));
  const data: SimulateWorkerData = { baseline: options.baseline, reform: options.reform, asOf: options.asOf, reviewRule: options.reviewRule };
  return new Promise<PartialReport>((resolve, reject) => {
    const workers: Worker[] = [];
    const partials: PartialReport[] = [];
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
      if (file !== undefined) {
        const range = ranges[nextRange++];
        w.postMessage(range === undefined ? ({ type: 'done' } satisfies ToWorker) : ({ type: 'range', full: file.full, name: file.name, range } satisfies ToWorker));
        return;
      }
      let chunk: ReturnType<typeof nextChunk>;
      try {
        chunk = nextChunk();
      } catch (error) {
        fail(error);
        return;
      }
      if (chunk === undefined) {
        w.postMessage({ type: 'done' } satisfies ToWorker);
        return;
      }
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
          if (finished === count + (here ? 1 : 0) && !failed) resolve(mergePartials(partials));
        }
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        // terminate() after the partial report ends a worker with code 1: only an early exit is a failure.
        if (!delivered && !failed) fail(new Error(`a simulate worker stopped with exit code ${code}`));
      });
      feed(w);
    }
    if (here && file !== undefined) {
      // This thread's share: a run at a time, yielding between runs so that the workers are fed.
      const baseline = preparePolicy(options.baseline, { explanations: false });
      const reform = preparePolicy(options.reform, { explanations: false });
      const acc = createAccumulator(baseline, reform, options.asOf, { reviewRule: options.reviewRule });
      const normalize = lineNormalizer(options.baseline, options.reform);
      const step = (): void => {
        if (failed) return;
        const range = ranges[nextRange++];
        if (range === undefined) {
          partials.push(acc.partial);
          finished++;
          if (finished === count + 1) resolve(mergePartials(partials));
          return;
        }
        try {
          done += addRange(acc, file, range, normalize);
        } catch (error) {
          fail(error);
          return;
        }
        options.onProgress?.(done);
        setImmediate(step);
      };
      step();
    } else if ((all !== undefined && all.length === 0) || (file !== undefined && ranges.length === 0)) resolve(mergePartials([]));
  });
}
