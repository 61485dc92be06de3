/**
 * The compiler worker: compiles, evaluates, formats and simulates off the main thread, so typing
 * never blocks.
 *
 * Input: `WorkerRequest` messages from the page. Output: one `WorkerResponse` message per request
 * (see `engine.ts` and `simulation.ts`), a check's preceded by its `DiagnosticsResponse`. The in-memory host serves the bundled policies for
 * `extends`, overlaid with the texts the user has edited.
 */
import { BUNDLED_POLICIES } from './bundled.ts';
import { createEngine } from './engine.ts';
import { createMemoryHost } from './host.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';
import { simulate } from './simulation.ts';
import { BUNDLED_COVERAGE } from './source-bundled.ts';
import { answerSource } from './source-worker.ts';

const engine = createEngine(createMemoryHost(BUNDLED_POLICIES));

function answer(request: WorkerRequest): WorkerResponse {
  switch (request.kind) {
    case 'format':
      return engine.format(request);
    case 'simulate':
      return simulate(engine, request);
    case 'source':
      return answerSource(engine, request, BUNDLED_COVERAGE);
    case undefined:
    case 'check':
      return engine.check(request);
  }
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  // A check is answered twice: the diagnostics as soon as the policy is compiled, then the outcome.
  if (request.kind === undefined || request.kind === 'check') self.postMessage(engine.diagnose(request));
  self.postMessage(answer(request));
});
