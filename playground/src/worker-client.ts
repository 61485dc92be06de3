/**
 * The page's side of the conversation with the compiler worker: posting checks (sequenced by a
 * `RequestScheduler`: at most one in flight, only the newest waiting one kept), formats and
 * simulations; routing each response; a watchdog that replaces a worker that stops answering.
 *
 * Input: the scheduler of check payloads and the page's handlers (a fresh check's diagnostics, a
 * fresh check's full response, a status change, a note for the user). Output: messages to the worker
 * (`worker.ts`, started on first use) and calls of the handlers; the timings of each check for the
 * `pdl:applied` event (`timingsOf`).
 *
 * INVARIANT: a stale check response (not the newest request) is never handed to the page; a worker
 * that fails or times out answers every pending format and simulation with the problem, so no
 * promise or callback is left waiting.
 * INVARIANT: nothing is sent anywhere but to the worker.
 * The worker may be started before the client (`prestartCompiler`, from `main.ts`): the client adopts it.
 */
import type { CheckRequest, CheckResponse, DiagnosticsResponse, FormatResponse, LoadSimulationRequest, SimulateRequest, SimulateResponse, SymbolTable, WarmRequest, WorkerResponse } from './protocol.ts';
import type { SourceRequest, SourceResponse } from './source-protocol.ts';
import type { Outgoing, RequestScheduler } from './requests.ts';
import { createCheckRestorer, type CheckRestorer } from './wire.ts';

/** A check request as the page builds it, with the versions of the models it was made from. */
export type Payload = Omit<CheckRequest, 'requestId'> & { readonly policyVersion: number; readonly caseVersion: number };

export interface WorkerClientOptions {
  readonly scheduler: RequestScheduler<Payload>;
  /** A worker that has not answered after this long is replaced (ms). */
  readonly timeoutMs: number;
  /** The same for a new worker's first answer (ms). */
  readonly firstAnswerTimeoutMs: number;
  /**
   * The diagnostics of the newest check, ahead of its full response; `unchanged`: the same as the
   * last ones handed to the page (the compiled policy is the same), which need not be shown again.
   */
  readonly onDiagnostics: (diagnostics: DiagnosticsResponse['diagnostics'], symbols: SymbolTable | undefined, requestId: number, unchanged: boolean, timings: DiagnosticsTimings) => void;
  /**
   * The full response to the newest check (restored from its trimmed message, wire.ts);
   * `resultVersion` changes exactly when its summary, outcome, case warnings or internal error do.
   */
  readonly onCheck: (response: CheckResponse, resultVersion: number) => void;
  /** Something the status line shows changed (busy, a worker problem). */
  readonly onStatus: () => void;
  /** A message for the user (a format that failed). */
  readonly onNote: (text: string) => void;
}

/** The timings of a check, for `pdl:applied` (ms). */
export interface CheckTimings {
  readonly waitMs: number;
  readonly roundTripMs: number;
  /** When the response was received (`performance.now()`). */
  readonly receivedAt: number;
}

/**
 * Where the time of a check's diagnostics went, on the page's clock (`performance.now()`, ms):
 * posted to the worker, taken by it, its answer posted, and received by the page. The worker's two
 * times are NaN when it did not stamp them.
 */
export interface DiagnosticsTimings {
  readonly postedAt: number;
  readonly workerReceivedAt: number;
  readonly workerPostedAt: number;
  readonly receivedAt: number;
  /** The worker's compile time for this text (0: from its cache). */
  readonly compileMs: number;
}

/** A worker started before the page's client existed (`prestartCompiler`), and its failure if it failed. */
let prestarted: { readonly worker: Worker; problem: string | undefined } | undefined;

function createCompilerWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'pdl-compiler' });
}

/**
 * Starts the compiler worker now and asks it to compile the bundled policies, before the page's
 * code (Monaco) has loaded: the worker's code loads and its compiler warms up in parallel. The first
 * `WorkerClient` adopts this worker.
 */
export function prestartCompiler(): void {
  if (prestarted !== undefined) return;
  const worker = createCompilerWorker();
  const state: { worker: Worker; problem: string | undefined } = { worker, problem: undefined };
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    state.problem = `the compiler worker failed: ${event.message || 'it could not be loaded'}`;
  });
  worker.postMessage({ kind: 'warm' } satisfies WarmRequest);
  prestarted = state;
}

export class WorkerClient {
  private worker: Worker | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private answered = false;
  private otherId = 1_000_000_000;
  /** When each check request was posted. */
  private readonly postedAt = new Map<number, number>();
  private receivedAt = 0;
  /** When the first edit not yet sent was made; how long each request waited for the worker or the debounce. */
  private firstEditAt: number | undefined;
  private readonly waitedMs = new Map<number, number>();
  private readonly pendingFormats = new Map<number, (response: FormatResponse) => void>();
  private readonly pendingSimulations = new Map<number, (response: SimulateResponse) => void>();
  /** Whether the page was given the worker's last diagnostics (an `unchanged` answer repeats them). */
  private diagnosticsDelivered = false;
  /** Rebuilds each check's full response from the trimmed messages (wire.ts); one per worker. */
  private restorer: CheckRestorer = createCheckRestorer();
  private readonly pendingSources = new Map<number, (response: SourceResponse) => void>();
  /** Why the worker is not working (it failed or timed out), until it answers again. */
  problem: string | undefined;

  constructor(private readonly options: WorkerClientOptions) {}

  /** Notes that an edit was made (the start of the wait that `pdl:applied` reports). */
  edited(): void {
    this.firstEditAt ??= performance.now();
  }

  /** Posts a check request (from the scheduler). */
  post(request: Outgoing<Payload>): void {
    const { policyVersion: _p, caseVersion: _c, ...payload } = request.payload;
    const message: CheckRequest = { requestId: request.requestId, ...payload };
    const now = performance.now();
    this.postedAt.set(request.requestId, now);
    this.waitedMs.set(request.requestId, this.firstEditAt === undefined ? 0 : now - this.firstEditAt);
    this.firstEditAt = undefined;
    this.running().postMessage(message);
    this.stopWatchdog();
    const limit = this.answered ? this.options.timeoutMs : this.options.firstAnswerTimeoutMs;
    this.watchdog = setTimeout(() => {
      this.fail(`the compiler did not answer within ${limit / 1000} s and was stopped; edit the policy or case to try again`);
    }, limit);
    this.options.onStatus();
  }

  /** Formats a policy text in the worker: the new text, or undefined (the user is told why). */
  format(text: string, uri: string): Promise<string | undefined> {
    return new Promise((resolve) => {
      const requestId = ++this.otherId;
      this.pendingFormats.set(requestId, (response) => {
        if (response.error !== undefined) this.options.onNote(`Not formatted: ${response.error}.`);
        resolve(response.text);
      });
      this.running().postMessage({ kind: 'format', requestId, text, uri });
    });
  }

  /** Runs a simulation in the worker; `done` gets its response (or the worker's problem). */
  simulate(request: Omit<SimulateRequest, 'kind' | 'requestId'>, done: (response: SimulateResponse) => void): void {
    const requestId = ++this.otherId;
    this.pendingSimulations.set(requestId, done);
    const message: SimulateRequest = { kind: 'simulate', requestId, ...request };
    this.running().postMessage(message);
  }

  /** Matches a source document to the policy in the worker; `done` gets its response (or the worker's problem). */
  source(request: Omit<SourceRequest, 'kind' | 'requestId'>, done: (response: SourceResponse) => void): void {
    const requestId = ++this.otherId;
    this.pendingSources.set(requestId, done);
    const message: SourceRequest = { kind: 'source', requestId, ...request };
    this.running().postMessage(message);
  }

  /** The timings of the check `requestId` (just received), forgetting those of older checks. */
  timingsOf(requestId: number): CheckTimings {
    const timings = {
      waitMs: this.waitedMs.get(requestId) ?? 0,
      roundTripMs: this.receivedAt - (this.postedAt.get(requestId) ?? this.receivedAt),
      receivedAt: this.receivedAt,
    };
    for (const id of this.postedAt.keys()) if (id <= requestId) this.postedAt.delete(id);
    for (const id of this.waitedMs.keys()) if (id <= requestId) this.waitedMs.delete(id);
    return timings;
  }

  private running(): Worker {
    return this.worker ?? this.start();
  }

  private stopWatchdog(): void {
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  private readonly onResponse = (event: MessageEvent<WorkerResponse>): void => {
    const response = event.data;
    this.answered = true;
    if (response.kind === 'format') {
      this.pendingFormats.get(response.requestId)?.(response);
      this.pendingFormats.delete(response.requestId);
      return;
    }
    const scheduler = this.options.scheduler;
    if (response.kind === 'diagnostics') {
      // The first half of the newest check: show its problems now, the case follows. An `unchanged`
      // answer carries nothing: its diagnostics are those of the worker's previous answer.
      const receivedAt = performance.now();
      const same = response.unchanged === true && this.diagnosticsDelivered;
      const current = this.restorer.diagnostics(response);
      if (response.unchanged !== true) this.diagnosticsDelivered = false;
      if (response.requestId === scheduler.newestId()) {
        const onPageClock = (epochMs: number | undefined): number => (epochMs === undefined ? NaN : epochMs - performance.timeOrigin);
        this.options.onDiagnostics(current.diagnostics, current.symbols, response.requestId, same, {
          postedAt: this.postedAt.get(response.requestId) ?? NaN,
          workerReceivedAt: onPageClock(response.clock?.received),
          workerPostedAt: onPageClock(response.clock?.posted),
          receivedAt,
          compileMs: response.compileMs,
        });
        this.diagnosticsDelivered = true;
      }
      return;
    }
    if (response.kind === 'simulate') {
      this.pendingSimulations.get(response.requestId)?.(response);
      this.pendingSimulations.delete(response.requestId);
      return;
    }
    if (response.kind === 'source') {
      this.pendingSources.get(response.requestId)?.(response);
      this.pendingSources.delete(response.requestId);
      return;
    }
    this.stopWatchdog();
    this.receivedAt = performance.now();
    this.problem = undefined;
    // Every full answer is restored, shown or not: the next one may repeat its parts.
    const restored = this.restorer.restore(response);
    const receipt = scheduler.receive(response.requestId);
    if (receipt.next !== undefined) this.post(receipt.next);
    if (receipt.apply) this.options.onCheck(restored.response, restored.resultVersion);
    this.options.onStatus();
  };

  /** Loads the simulation's code in the worker ahead of the first run (the Simulation tab was opened). */
  loadSimulation(): void {
    this.running().postMessage({ kind: 'load-simulation' } satisfies LoadSimulationRequest);
  }

  private start(): Worker {
    this.answered = false;
    this.diagnosticsDelivered = false;
    this.restorer = createCheckRestorer();
    const adopted = prestarted;
    prestarted = undefined;
    const created = adopted?.worker ?? createCompilerWorker();
    if (adopted?.problem !== undefined) {
      const problem = adopted.problem;
      queueMicrotask(() => this.fail(problem));
    }
    created.addEventListener('message', this.onResponse);
    created.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      this.fail(`the compiler worker failed: ${event.message || 'it could not be loaded'}`);
    });
    this.worker = created;
    return created;
  }

  private fail(problem: string): void {
    this.stopWatchdog();
    this.worker?.terminate();
    this.worker = undefined;
    this.problem = problem;
    for (const [id, resolve] of this.pendingFormats) resolve({ kind: 'format', requestId: id, error: problem });
    this.pendingFormats.clear();
    for (const [id, resolve] of this.pendingSimulations) resolve({ kind: 'simulate', requestId: id, problem });
    this.pendingSimulations.clear();
    for (const [id, resolve] of this.pendingSources) resolve({ kind: 'source', requestId: id, rules: [], notes: [], problem });
    this.pendingSources.clear();
    const next = this.options.scheduler.abandon(false);
    if (next !== undefined) this.post(next);
    this.options.onStatus();
  }
}
