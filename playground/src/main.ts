/**
 * The playground's entry point: a small script that starts the compiler worker at once
 * (`prestartCompiler`: the worker's code loads and compiles the bundled policies while the page's
 * code loads), then loads the page's code (`app.ts`, with Monaco: the largest chunk) and starts it.
 *
 * Input: the page (`index.html`). Output: the running app (`app.ts`), or, if it cannot start, the
 * reason in the status line.
 */
import './style.css';
import { prestartCompiler } from './worker-client.ts';

function cannotStart(error: unknown): void {
  const status = document.getElementById('status');
  if (status !== null) {
    status.textContent = `The playground could not start: ${error instanceof Error ? error.message : String(error)}`;
    status.dataset['state'] = 'problem';
  }
}

try {
  prestartCompiler();
} catch {
  // The app starts its worker itself, and reports a failure then.
}

import('./app.ts').then(
  ({ startApp }) => {
    try {
      startApp();
    } catch (error) {
      cannotStart(error);
      throw error;
    }
  },
  (error: unknown) => {
    cannotStart(error);
    throw error;
  },
);
