/**
 * The compiler worker: compiles and evaluates off the main thread, so typing never blocks.
 *
 * Input: `CheckRequest` messages from the page. Output: one `CheckResponse` message per request
 * (see `engine.ts` for what it holds). The in-memory host serves the bundled policies for `extends`.
 */
import { BUNDLED_POLICIES } from './bundled.ts';
import { createEngine } from './engine.ts';
import { createMemoryHost } from './host.ts';
import type { CheckRequest, CheckResponse } from './protocol.ts';

const engine = createEngine(createMemoryHost(BUNDLED_POLICIES));

self.addEventListener('message', (event: MessageEvent<CheckRequest>) => {
  const response: CheckResponse = engine.check(event.data);
  self.postMessage(response);
});
