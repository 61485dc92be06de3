/**
 * One browser-test file's session with the playground: the built site served and one headless
 * Chromium (harness.ts) for the whole file, the problems seen on its pages checked after each test,
 * and the waits every file needs.
 *
 * Input: the viewport of the file's browser. Output: `playgroundSession()` registers the file's
 * hooks (start in `beforeAll`, stop in `afterAll`, and after each test: no problem recorded) and
 * returns the session, whose `served` and `launched` are set once `beforeAll` has run; `watchPage`
 * records a page's console errors, page errors (and, when asked, HTTP errors and dialogs) as
 * problems; `ready` and `nextApplied` wait for the page's results.
 *
 * Against the dev server only (PDL_E2E_DEV=1), Monaco's icon font is refused when node_modules is a
 * link out of the repository (Vite's `fs.allow`): not a fault of the page, and absent from the
 * build, so it is not recorded as a problem there.
 */
import { mkdirSync } from 'node:fs';
import type { Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ARTIFACTS, launchBrowser, startServer, type Launched, type Served } from './harness.ts';

const DEV = process.env['PDL_E2E_DEV'] === '1';

export interface PlaygroundSession {
  /** The site served; set by `beforeAll`. */
  served: Served;
  /** The browser; set by `beforeAll`. */
  launched: Launched;
  /** Every request of the browser's pages and their workers, in order. */
  readonly requests: Request[];
  /** Problems seen since the last test ended (watchPage): each test must leave none. */
  readonly problems: string[];
}

/** Registers the file's hooks and returns its session (see the module comment). */
export function playgroundSession(viewport: { width: number; height: number }): PlaygroundSession {
  const session = { requests: [], problems: [] } as unknown as PlaygroundSession;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    session.served = await startServer();
    session.launched = await launchBrowser(viewport);
    session.launched.context.on('request', (r) => session.requests.push(r));
  }, 240_000);
  afterAll(async () => {
    await session.launched?.close();
    await session.served?.close();
  });
  afterEach(() => {
    expect(session.problems.splice(0)).toEqual([]);
  });
  return session;
}

/** A text about the dev server's refused icon font (see the module comment). */
function devFont(text: string): boolean {
  return DEV && /codicon\.ttf|status of 403/.test(text);
}

/** Records `page`'s console errors and page errors, and with the options its HTTP errors and dialogs (dismissed), in `problems`. */
export function watchPage(page: Page, problems: string[], options: { readonly responses?: boolean; readonly dialogs?: boolean } = {}): void {
  page.on('console', (m) => {
    if (m.type() === 'error' && !devFont(m.text())) problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  if (options.responses === true) {
    page.on('response', (r) => {
      if (r.status() >= 400 && !devFont(r.url())) problems.push(`HTTP ${r.status()} for ${new URL(r.url()).pathname}`);
    });
  }
  if (options.dialogs === true) {
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
  }
}

/** Waits until the status line says the last check is shown, with results, and the editor features (loaded after them) work. */
export async function ready(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('#status')?.getAttribute('data-state') === 'ready' &&
      document.querySelector('#results')?.hasAttribute('data-request-id') === true &&
      document.documentElement.getAttribute('data-editor-features') === 'ready',
    undefined,
    { timeout: 90_000 },
  );
}

/** Runs `action`, then waits for a response newer than the one shown before it. */
export async function nextApplied(page: Page, action: () => Promise<void>): Promise<void> {
  const before = await page.getAttribute('#results', 'data-request-id');
  await action();
  await page.waitForFunction(
    (b) => document.querySelector('#results')?.getAttribute('data-request-id') !== b && document.querySelector('#status')?.getAttribute('data-state') === 'ready',
    before,
    { timeout: 30_000 },
  );
}
