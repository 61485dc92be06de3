/**
 * Which code a worker thread of `pdl simulate` (and generate, behavioural and synthetic readings) runs
 * when pdl itself runs from its TypeScript sources (the tests, PDL_FROM_SOURCE): `startWorker` and
 * `bundledWorker` of cli/simulate-pool.ts.
 *
 * Input: a scratch package root (a temporary folder: a bundled worker dist/cli/w.js, the list
 * dist/cli/.cli-inputs of the files it was built from, two source files, their times set by hand), and
 * test/support/echo-worker.ts, a TypeScript worker with no bundled twin. Output: assertions that the
 * bundled twin is chosen only while every listed file exists and is no newer than it, and not with
 * PDL_FROM_SOURCE set; and that a worker without a current twin still starts, through tsx, and runs.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledWorker, startWorker } from '../../cli/simulate-pool.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pdl-worker-'));
const root = pathToFileURL(`${scratch}/`);
const NOW = Date.now() / 1000;
const source = new URL('cli/w.ts', root);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes `text` to `path` below the scratch root, dated `secondsAgo` ago. */
function put(path: string, text: string, secondsAgo: number): void {
  const file = join(scratch, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  utimesSync(file, NOW - secondsAgo, NOW - secondsAgo);
}

describe('bundledWorker', () => {
  it('is the bundle while every file it was built from is older, and not otherwise', () => {
    put('cli/w.ts', 'source', 100);
    put('runtime/x.ts', 'source', 100);
    put('dist/cli/.cli-inputs', 'cli/w.ts\nruntime/x.ts\n', 50);
    put('dist/cli/w.js', 'bundle', 50);
    const twin = new URL('dist/cli/w.js', root).href;
    expect(bundledWorker(source, root, undefined)?.href).toBe(twin);
    expect(bundledWorker(source, root, '')?.href).toBe(twin);
    expect(bundledWorker(source, root, '0')?.href).toBe(twin);
    // PDL_FROM_SOURCE=1: the sources, as bin/pdl.js.
    expect(bundledWorker(source, root, '1')).toBeUndefined();
    // A listed file edited after the build.
    put('runtime/x.ts', 'edited', 10);
    expect(bundledWorker(source, root, undefined)).toBeUndefined();
    put('runtime/x.ts', 'source', 100);
    expect(bundledWorker(source, root, undefined)?.href).toBe(twin);
    // A listed file gone.
    rmSync(join(scratch, 'runtime/x.ts'));
    expect(bundledWorker(source, root, undefined)).toBeUndefined();
    put('runtime/x.ts', 'source', 100);
    // No list of inputs.
    rmSync(join(scratch, 'dist/cli/.cli-inputs'));
    expect(bundledWorker(source, root, undefined)).toBeUndefined();
    put('dist/cli/.cli-inputs', 'cli/w.ts\nruntime/x.ts\n', 50);
    // No bundle of that name.
    expect(bundledWorker(new URL('cli/other.ts', root), root, undefined)).toBeUndefined();
    expect(bundledWorker(source, root, undefined)?.href).toBe(twin);
  });
});

describe('startWorker', () => {
  it('starts a TypeScript worker with no bundled twin through tsx', async () => {
    const w = startWorker(new URL('../support/echo-worker.ts', import.meta.url), { n: 21 });
    try {
      const message = await new Promise((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
      expect(message).toEqual({ doubled: 42 });
    } finally {
      await w.terminate();
    }
  });
});
