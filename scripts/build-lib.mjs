#!/usr/bin/env node
/**
 * Builds the library half of the package: the runtime's, the simulation library's and the compiler's
 * public entries (runtime/index.ts, simulation/index.ts, compiler/index.ts) and everything they
 * import, compiled by `tsc -p tsconfig.build.json` to ES2022 JavaScript with `.d.ts` declarations
 * under dist/runtime, dist/simulation, dist/compiler and dist/grammar: what package.json's `exports`
 * (`pdl/runtime`, `pdl/simulation`, `pdl/compiler`) name.
 *
 * Input: the sources under runtime/, simulation/, compiler/ and grammar/, tsconfig.json and
 * tsconfig.build.json. Output: dist/{runtime,simulation,compiler,grammar}/**.{js,d.ts} and the stamp
 * dist/.lib-built. Run with
 * `npm run build:lib`; `npm install`, `npm ci`, `npm pack` (prepare) and `npm test` (pretest) run it.
 * Skips the compilation when the stamp is newer than every source and configuration file (say
 * `--force` to build anyway). Paths are resolved from this file, so it works from any directory.
 * INVARIANT: the stamp is dated from when the build started, so a source saved during a build makes
 * the next run build again (like scripts/build-cli.mjs); it is written only after tsc succeeded.
 * INVARIANT: concurrent runs (two `npm test`s, a test beside a build) are safe: one builds at a time
 * (a lock folder, dist/.lib-lock), into a fresh folder that replaces each of dist/runtime,
 * dist/simulation, dist/compiler and dist/grammar by one rename, so a reader never sees a half-written tree.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const stamp = join(dist, '.lib-built');
const lock = join(dist, '.lib-lock');
/** A lock older than this is taken to be left by a build that died (a build takes seconds). */
const STALE_LOCK_MS = 120_000;
const SOURCE_DIRS = ['runtime', 'simulation', 'compiler', 'grammar'];
const OUTPUT_DIRS = ['runtime', 'simulation', 'compiler', 'grammar'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The path of a source file (.ts, .json) under `dir` modified after `since` (ms), or undefined. */
function newerSource(dir, since) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules') continue;
      const found = newerSource(path, since);
      if (found !== undefined) return found;
    } else if (/\.(ts|json)$/.test(entry.name) && (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) > since) {
      return path;
    }
  }
  return undefined;
}

/** Every hand-written declaration file (`*.d.ts`) under `dir`. */
function declarationFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') declarationFiles(path, out);
    else if (entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Why the library must be built, or undefined when dist/ is up to date. */
function reasonToBuild() {
  if (process.argv.includes('--force')) return '--force';
  const built = statSync(stamp, { throwIfNoEntry: false });
  if (built === undefined) return 'never built';
  for (const dir of OUTPUT_DIRS) {
    if (statSync(join(dist, dir, 'index.js'), { throwIfNoEntry: false }) === undefined && dir !== 'grammar') return `dist/${dir} is missing`;
  }
  for (const file of CONFIGS) {
    if ((statSync(join(root, file), { throwIfNoEntry: false })?.mtimeMs ?? 0) > built.mtimeMs) return `${file} changed`;
  }
  for (const dir of SOURCE_DIRS) {
    const path = newerSource(join(root, dir), built.mtimeMs);
    if (path !== undefined) return `${path.slice(root.length)} changed`;
  }
  return undefined;
}

/** Sleeps `ms` milliseconds (synchronously: this script does nothing else meanwhile). */
function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes the build lock (a directory, created atomically), waiting for another build to finish;
 * a lock older than `STALE_LOCK_MS` is taken to be left by a build that died.
 */
function acquireLock() {
  const waitUntil = Date.now() + 5 * STALE_LOCK_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held !== undefined && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > waitUntil) throw new Error(`build:lib: ${lock} is held by another build`);
      else sleep(200);
    }
  }
}

/** Compiles into a fresh folder, then swaps it into dist/ folder by folder; returns the time taken. */
function build(reason) {
  const startedAt = Date.now();
  const started = performance.now();
  const fresh = join(dist, `.lib-new-${process.pid}`);
  const old = join(dist, `.lib-old-${process.pid}`);
  rmSync(fresh, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', fresh], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    rmSync(fresh, { recursive: true, force: true });
    throw new Error(`build:lib: tsc failed (${run.status ?? run.signal})`);
  }
  // tsc does not copy hand-written declarations (grammar/generated/cst.d.ts) that its .d.ts import.
  for (const dir of SOURCE_DIRS) {
    if (!existsSync(join(fresh, dir))) continue;
    for (const file of declarationFiles(join(root, dir))) {
      const target = join(fresh, relative(root, file));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file, target);
    }
  }
  // The swap: a folder is replaced by one rename, so a reader sees the old files or the new ones
  // (outputs of deleted sources do not linger, and are not packed).
  rmSync(stamp, { force: true });
  mkdirSync(old, { recursive: true });
  for (const dir of OUTPUT_DIRS) {
    if (existsSync(join(dist, dir))) renameSync(join(dist, dir), join(old, dir));
    if (existsSync(join(fresh, dir))) renameSync(join(fresh, dir), join(dist, dir));
  }
  rmSync(old, { recursive: true, force: true });
  rmSync(fresh, { recursive: true, force: true });
  writeFileSync(stamp, `built by scripts/build-lib.mjs (${reason})\n`);
  const date = new Date(startedAt - 1000);
  utimesSync(stamp, date, date);
  return Math.round(performance.now() - started);
}

let reason = reasonToBuild();
if (reason === undefined) {
  process.stderr.write('build:lib: dist/runtime, dist/simulation and dist/compiler are up to date\n');
} else {
  mkdirSync(dist, { recursive: true });
  acquireLock();
  try {
    // Another build may have finished while this one waited for the lock.
    reason = reasonToBuild();
    if (reason === undefined) process.stderr.write('build:lib: dist/runtime, dist/simulation and dist/compiler are up to date (built meanwhile)\n');
    else process.stderr.write(`build:lib: dist/runtime, dist/simulation, dist/compiler and dist/grammar (${reason}) in ${build(reason)} ms\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
