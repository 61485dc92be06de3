/**
 * The playground's entry point.
 *
 * Input: the page (`index.html`). Output: the running app (`app.ts`), or, if it cannot start, the
 * reason in the status line.
 */
import './style.css';
import { startApp } from './app.ts';

try {
  startApp();
} catch (error) {
  const status = document.getElementById('status');
  if (status !== null) {
    status.textContent = `The playground could not start: ${error instanceof Error ? error.message : String(error)}`;
    status.dataset['state'] = 'problem';
  }
  throw error;
}
