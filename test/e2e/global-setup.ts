/**
 * The browser tests' global setup (`vitest.e2e.config.ts`): builds the playground ONCE per
 * `npm run test:e2e` run, into a temporary folder, and hands its path to every test file
 * (`provide('pdlE2eDist', ...)`, read by `harness.ts` `startServer`), so that each file serves the
 * same build instead of building its own.
 *
 * Input: the environment: `PDL_E2E_DEV=1` (the files serve the dev server: nothing is built),
 * `PDL_E2E_DIST` (a build to reuse: nothing is built). Output: the provided path ('' when nothing
 * was built), and a teardown that removes the folder it built.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { VITE_CONFIG } from './harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of the playground built for this run ('' when the files build or serve it themselves). */
    pdlE2eDist: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const reuse = process.env['PDL_E2E_DIST'];
  if (process.env['PDL_E2E_DEV'] === '1' || (reuse !== undefined && existsSync(join(reuse, 'index.html')))) {
    project.provide('pdlE2eDist', '');
    return () => undefined;
  }
  const outDir = mkdtempSync(join(tmpdir(), 'pdl-playground-'));
  await build({ configFile: VITE_CONFIG, logLevel: 'warn', build: { outDir, emptyOutDir: true, reportCompressedSize: false } });
  project.provide('pdlE2eDist', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
