/**
 * Test support: builds packages/runtime/dist and packages/compiler/dist (what `@pdl/runtime` and `@pdl/compiler` resolve to, and so what emitted
 * modules import) unless it is newer than the sources; scripts/build-lib.mjs skips the build then and
 * takes one build at a time. Tests that load them call it first, so a run after editing the runtime
 * never compares the sources with a stale build.
 *
 * Input: the repository. Output: both up to date, or an error with the build's stderr.
 *
 * INVARIANT: the check runs once per process (a test worker keeps this module for every test file it
 * runs, vitest.config.ts's `isolate: false`): the sources do not change during a test run, and each
 * check is a Node process that walks the source folders (about half a second of CPU on a loaded
 * 2-core machine; ten test files call it). A failed check is not remembered: the next call runs it again.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let checked = false;

export function ensureLibBuilt(): void {
  if (checked) return;
  const built = spawnSync(process.execPath, ['scripts/build-lib.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (built.status !== 0) throw new Error(`build:lib failed: ${built.stderr}${built.error?.message ?? ''}`);
  checked = true;
}
