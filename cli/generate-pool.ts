/**
 * `pdl generate` on several threads (Node only): the caseload cut into batches of children, each
 * generated and serialised (JSON Lines, as UTF-8 bytes) by whichever thread is free (this
 * one between messages, and worker threads running the simulate worker module, which tells this kind
 * of work by its data), and the batches written in order as they come.
 *
 * Input: a prepared `Batcher` for this thread, the data a worker needs to make its own (the policy's
 * IR and the generator's settings), the number of children, the number of threads and where to write.
 * Output: the file's bytes, written through `write` in order; the number of events.
 *
 * INVARIANT: the bytes are the same whatever the number of threads: child k's case depends only on
 * (seed, k, options) (simulation/caseload/generate.ts), a batch's bytes only on its children, and
 * batches are written in the order of their children, each once.
 * INVARIANT: the first case of every batch is validated against the policy before it is written (the
 * others fit by construction: `createBatcher`); one that does not validate (a bug in the generator)
 * rejects with an `Error` naming the case's id and the JSON paths, never a value. Nothing here prints.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { preparePolicy } from '../runtime/index.ts';
import type { CompiledPolicy, PlainDate, PolicyIR } from '../runtime/index.ts';
import { createCaseGenerator, JsonLinesWriter } from '../simulation/index.ts';
import type { CaseGenerator, PracticeModel } from '../simulation/index.ts';
import { SIMULATE_WORKER_URL, startWorker } from './simulate-pool.ts';

/** What a generate worker needs to make the same cases as this thread. */
export interface GenerateWorkerData {
  readonly kind: 'generate';
  readonly ir: PolicyIR;
  readonly children: number;
  readonly from: PlainDate;
  readonly to: PlainDate;
  readonly seed: string;
  readonly lateShare?: number;
  readonly practice?: PracticeModel;
}

/** True for the data of a generate worker. */
export function isGenerateWorkerData(data: unknown): data is GenerateWorkerData {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'generate';
}

type ToWorker = { readonly type: 'batch'; readonly index: number; readonly start: number; readonly count: number } | { readonly type: 'done' };
type FromWorker =
  | { readonly type: 'batch'; readonly index: number; readonly events: number; readonly bytes: Uint8Array }
  | { readonly type: 'invalid'; readonly message: string };

/** A generated case that does not fit the policy: a bug in the generator (the message names where, not what). */
export class GeneratedCaseError extends Error {}

/** Makes the bytes of a batch of children. */
export interface Batcher {
  /**
   * Children `start` to `start + count - 1`: their lines as bytes (a view valid until the next run:
   * copy it to keep it), and how many events they hold. Throws `GeneratedCaseError`.
   */
  run(start: number, count: number): { readonly bytes: Buffer; readonly events: number };
}

/**
 * A batcher over a prepared generator and the policy the cases must fit. The generator's cases fit
 * the policy by construction (test/simulate/generated-caseloads.test.ts validates whole caseloads, with
 * and without practice models, for several seeds and policies), so only the first case of each batch
 * is validated here, as a guard that costs nothing measurable (validating every case was about a
 * tenth of `pdl generate`: issue 17). The others are written straight to bytes (`CaseGenerator.write`:
 * the bytes of `JSON.stringify`, without the case's objects or strings).
 */
export function createBatcher(generator: CaseGenerator, policy: CompiledPolicy): Batcher {
  const writer = new JsonLinesWriter(1 << 20);
  return {
    run(start, count) {
      let events = 0;
      for (let i = 0; i < count; i++) {
        if (i > 0) {
          events += generator.write(start + i, writer);
          continue;
        }
        const c = generator.generate(start + i);
        const v = policy.validate(c);
        if (!v.ok) throw new GeneratedCaseError(`generated case ${c.id} does not fit ${policy.ir.id}: ${v.errors.map((e) => e.path).join(', ')}`);
        events += c.events.length;
        writer.line(c);
      }
      const bytes = writer.taken();
      return { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), events };
    },
  };
}

/** The batcher of a worker thread, made from its data as `pdl generate` makes its own. */
function workerBatcher(data: GenerateWorkerData): Batcher {
  const policy = preparePolicy(data.ir, { explanations: false });
  const generator = createCaseGenerator({
    children: data.children,
    from: data.from,
    to: data.to,
    seed: data.seed,
    ir: data.ir,
    ...(data.lateShare !== undefined ? { lateShare: data.lateShare } : {}),
    ...(data.practice !== undefined ? { practice: { model: data.practice, policy } } : {}),
  });
  return createBatcher(generator, policy);
}

/** The body of a generate worker (simulate-worker.ts). */
export function generateWorker(port: MessagePort, data: GenerateWorkerData): void {
  const batcher = workerBatcher(data);
  port.on('message', (m: ToWorker) => {
    if (m.type === 'done') return; // the main thread ends this worker once every batch is written
    let made: { readonly bytes: Buffer; readonly events: number };
    try {
      made = batcher.run(m.start, m.count);
    } catch (error) {
      if (!(error instanceof GeneratedCaseError)) throw error;
      port.postMessage({ type: 'invalid', message: error.message } satisfies FromWorker);
      return;
    }
    const bytes = new Uint8Array(made.bytes); // a copy in a buffer of its own, transferred
    port.postMessage({ type: 'batch', index: m.index, events: made.events, bytes } satisfies FromWorker, [bytes.buffer as ArrayBuffer]);
  });
}

/** Children per batch. */
export const BATCH = 2000;

/**
 * Children each thread should have, at least, before another is started: a worker costs about half
 * a second of CPU before its first batch (loading the bundle, preparing the policy, its own
 * calendar), a child about 9 µs, so two threads can pay only from about 200,000 children (measured at
 * load 14-16 on 2 cores, docs/simulation.md "Worker threads": at 100,000 children two threads took
 * 1.7-1.9 s of CPU where one took 1.15 s, and no less wall time).
 */
export const CHILDREN_PER_THREAD = 100_000;

/** The number of threads for `children` children on `cores` cores: one per `CHILDREN_PER_THREAD`, at most one per core. */
export function generateThreads(children: number, cores: number): number {
  return Math.max(1, Math.min(cores, Math.floor(children / CHILDREN_PER_THREAD)));
}

/**
 * Generates the caseload's batches on `threads` threads (this one included) and writes them in
 * order through `write` (which must not keep the bytes: this thread's may be a view of a buffer reused
 * for its next batch); the number of events. With one thread no worker is started.
 */
export function generateBatches(here: Batcher, data: GenerateWorkerData, threads: number, write: (bytes: Buffer) => void, batch = BATCH): Promise<number> {
  const tasks: { start: number; count: number }[] = [];
  for (let start = 0; start < data.children; start += batch) tasks.push({ start, count: Math.min(batch, data.children - start) });
  const workerCount = Math.max(0, Math.min(threads - 1, tasks.length - 1));
  return new Promise<number>((resolve, reject) => {
    const started: Worker[] = [];
    /** Batches made but not yet written (a later one done before an earlier one). */
    const ready = new Map<number, Buffer>();
    let next = 0;
    let written = 0;
    let events = 0;
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      for (const w of started) void w.terminate();
      reject(error);
    };
    const finish = (): void => {
      for (const w of started) void w.terminate();
      resolve(events);
    };
    /** Writes the batches that are next in order. */
    const flush = (): void => {
      for (let bytes = ready.get(written); bytes !== undefined; bytes = ready.get(written)) {
        ready.delete(written);
        try {
          write(bytes);
        } catch (error) {
          fail(error);
          return;
        }
        written++;
      }
      if (written === tasks.length && !failed) finish();
    };
    const done = (index: number, bytes: Buffer, n: number): void => {
      events += n;
      ready.set(index, bytes);
      flush();
    };
    const feed = (w: Worker): void => {
      const index = next;
      const t = tasks[index];
      if (t === undefined) {
        w.postMessage({ type: 'done' } satisfies ToWorker);
        return;
      }
      next++;
      w.postMessage({ type: 'batch', index, ...t } satisfies ToWorker);
    };
    for (let i = 0; i < workerCount; i++) {
      const w = startWorker(SIMULATE_WORKER_URL, data);
      started.push(w);
      w.on('message', (m: FromWorker) => {
        if (failed) return;
        if (m.type === 'invalid') {
          fail(new GeneratedCaseError(m.message));
          return;
        }
        done(m.index, Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength), m.events);
        feed(w);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (written < tasks.length && !failed) fail(new Error(`a generate worker stopped with exit code ${code}`));
      });
      feed(w);
    }
    // This thread's share: a batch at a time, yielding between batches so that the workers are fed and their batches written.
    const step = (): void => {
      for (;;) {
        if (failed) return;
        const index = next;
        const t = tasks[index];
        if (t === undefined) {
          if (tasks.length === 0) finish();
          return;
        }
        next++;
        let made: { readonly bytes: Buffer; readonly events: number };
        try {
          made = here.run(t.start, t.count);
        } catch (error) {
          fail(error);
          return;
        }
        // Alone, the batch is written at once (the view as it is); beside workers it may wait for theirs (a copy).
        done(index, workerCount > 0 ? Buffer.from(made.bytes) : made.bytes, made.events);
        if (workerCount > 0) {
          setImmediate(step);
          return;
        }
      }
    };
    step();
  });
}

export type { ToWorker as GenerateToWorker, FromWorker as GenerateFromWorker };
