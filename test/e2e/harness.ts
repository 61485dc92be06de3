/**
 * The browser-test harness: a static build of the playground served by Vite's preview server on a
 * loopback port, and headless Chromium (Debian's `chromium`, driven by `playwright-core`).
 *
 * Input: the repository (the playground's Vite config). Output: `startServer()` (serves a build on
 * 127.0.0.1 with a free port: the one `PDL_E2E_DIST` names, else the one the run's global setup
 * built once for every file (`global-setup.ts`, through vitest's `inject`), else one it builds into a
 * temporary folder itself (the benchmark, a file run outside the e2e configuration);
 * `PDL_E2E_DEV=1` serves the dev server instead, for quick local runs) and
 * `launchBrowser()` (a fresh profile in a temporary folder, no sandbox, no GPU, no background
 * networking). Both return a `close()` that stops what they started.
 *
 * INVARIANT: only loopback traffic: the server listens on 127.0.0.1, and Chromium is started with
 * background networking, component updates and sync off.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { build, createServer, preview } from 'vite';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const VITE_CONFIG = join(REPO_ROOT, 'playground', 'vite.config.ts');
export const CHROMIUM = process.env['PDL_CHROMIUM'] ?? '/usr/bin/chromium';
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');

export interface Served {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  readonly origin: string;
  /** The folder of the build served (absent for the dev server). */
  readonly dist?: string;
  close(): Promise<void>;
}

/** The build the e2e run's global setup made for every file, when running under it. */
async function builtForThisRun(): Promise<string | undefined> {
  if (process.env['VITEST'] === undefined) return undefined;
  try {
    const { inject } = await import('vitest');
    const dist = inject('pdlE2eDist');
    return dist === '' ? undefined : dist;
  } catch {
    return undefined;
  }
}

/** Builds the playground into a temporary folder (or reuses `PDL_E2E_DIST` or the run's build) and serves it. */
export async function startServer(): Promise<Served> {
  if (process.env['PDL_E2E_DEV'] === '1') {
    const server = await createServer({ configFile: VITE_CONFIG, logLevel: 'warn', server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false } });
    await server.listen();
    const url = server.resolvedUrls?.local[0];
    if (url === undefined) throw new Error('the dev server gave no url');
    return { url, origin: new URL(url).origin, close: () => server.close() };
  }
  const reuse = [process.env['PDL_E2E_DIST'], await builtForThisRun()].find((dir) => dir !== undefined && existsSync(join(dir, 'index.html')));
  const outDir = reuse ?? mkdtempSync(join(tmpdir(), 'pdl-playground-'));
  if (outDir !== reuse) {
    await build({ configFile: VITE_CONFIG, logLevel: 'warn', build: { outDir, emptyOutDir: true, reportCompressedSize: false } });
  }
  const server = await preview({ configFile: VITE_CONFIG, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) throw new Error('the preview server gave no url');
  return {
    url,
    origin: new URL(url).origin,
    dist: outDir,
    close: async () => {
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      if (outDir !== reuse) rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export interface Launched {
  /** A persistent context on a fresh profile folder (Playwright passes it as `--user-data-dir`). */
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile. */
export async function launchBrowser(viewport = { width: 1400, height: 900 }): Promise<Launched> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
  const profile = mkdtempSync(join(tmpdir(), 'pdl-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
