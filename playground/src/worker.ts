/**
 * The compiler worker: compiles, evaluates, formats and simulates off the main thread, so typing
 * never blocks.
 *
 * Input: `WorkerRequest` messages from the page. Output: one `WorkerResponse` message per request
 * (see `engine.ts` and `simulation.ts`), a check's preceded by its `DiagnosticsResponse` (stamped
 * with the worker's clock) and trimmed of what that message and the previous answers carried
 * (`wire.ts`). The in-memory host serves the bundled policies for
 * `extends`, overlaid with the texts the user has edited.
 *
 * Loaded early (the page starts it before Monaco, `worker-client.ts` `prestartCompiler`): a `warm`
 * request compiles and prepares every bundled policy, one per task (a check that arrives meanwhile
 * waits for one policy at most), so the page's first check is a cache hit on warm code.
 *
 * INVARIANT: the simulation (the caseload generator and simulator, `simulation.ts`) is a chunk of its
 * own, loaded by the first `simulate` or `load-simulation` request, never by a check; so is the source
 * pane's matcher with the coverage files (`source-worker.ts`, `source-bundled.ts`), loaded by the first
 * `source` request.
 */
import { BUNDLED_POLICIES, BUNDLED_PRACTICE } from './bundled.ts';
import { createEngine } from './engine.ts';
import { createMemoryHost } from './host.ts';
import type { SimulateRequest, SimulateResponse, WorkerRequest, WorkerResponse } from './protocol.ts';
import type { SourceRequest, SourceResponse } from './source-protocol.ts';
import { createCheckTrimmer } from './wire.ts';

const engine = createEngine(createMemoryHost(BUNDLED_POLICIES));
/** Each check's full answer leaves out what the page has from the messages before it (wire.ts). */
const trim = createCheckTrimmer();
/** The worker's clock as the page's: ms since the epoch. */
const clock = (): number => performance.timeOrigin + performance.now();

type SimulationModule = typeof import('./simulation.ts');
let simulation: Promise<SimulationModule> | undefined;
const loadSimulation = (): Promise<SimulationModule> => (simulation ??= import('./simulation.ts'));

function simulateLater(request: SimulateRequest): void {
  loadSimulation().then(
    (module) => self.postMessage(module.simulate(engine, request, BUNDLED_PRACTICE)),
    (error: unknown) => {
      const response: SimulateResponse = { kind: 'simulate', requestId: request.requestId, problem: `the simulator could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
      self.postMessage(response);
    },
  );
}

/** The source pane's matcher and the coverage files it reads: a chunk of their own, loaded by the first `source` request. */
type SourceModules = { readonly answer: typeof import('./source-worker.ts').answerSource; readonly coverage: Readonly<Record<string, string>> };
let sourceModules: Promise<SourceModules> | undefined;
const loadSource = (): Promise<SourceModules> =>
  (sourceModules ??= Promise.all([import('./source-worker.ts'), import('./source-bundled.ts')]).then(([worker, bundled]) => ({ answer: worker.answerSource, coverage: bundled.BUNDLED_COVERAGE })));

function sourceLater(request: SourceRequest): void {
  loadSource().then(
    (m) => self.postMessage(m.answer(engine, request, m.coverage)),
    (error: unknown) => {
      const response: SourceResponse = { kind: 'source', requestId: request.requestId, rules: [], notes: [], problem: `the source pane's matcher could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
      self.postMessage(response);
    },
  );
}

/** Compiles and prepares the bundled policies, one per task. */
function warm(index = 0): void {
  const entry = BUNDLED_POLICIES[index];
  if (entry === undefined) return;
  try {
    engine.compiled(entry.text, entry.uri).policy();
  } catch {
    // A check of this policy reports it.
  }
  setTimeout(() => warm(index + 1), 0);
}

function answer(request: Exclude<WorkerRequest, SimulateRequest | SourceRequest | { kind: 'warm' | 'load-simulation' }>): WorkerResponse {
  switch (request.kind) {
    case 'format':
      return engine.format(request);
    case undefined:
    case 'check':
      return trim(engine.check(request));
  }
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  switch (request.kind) {
    case 'warm':
      warm();
      return;
    case 'load-simulation':
      void loadSimulation().catch(() => undefined);
      return;
    case 'simulate':
      simulateLater(request);
      return;
    case 'source':
      sourceLater(request);
      return;
    case undefined:
    case 'check': {
      // A check is answered twice: the diagnostics as soon as the policy is compiled, then the outcome.
      const received = clock();
      const diagnostics = engine.diagnose(request);
      self.postMessage({ ...diagnostics, clock: { received, posted: clock() } });
      self.postMessage(trim(engine.check(request)));
      return;
    }
    default:
      self.postMessage(answer(request));
  }
});
