#!/usr/bin/env node
/**
 * Builds the library packages of the npm workspaces from the sources (which stay where they are):
 * - packages/runtime/dist: `@pdl/runtime`, what a compiled policy imports. runtime/index.ts and
 *   everything it imports, its npm dependencies included (ajv, handlebars, date-holidays), bundled by
 *   esbuild into one ES module, dist/index.js, so that the package has no dependencies; the licences
 *   of the bundled packages go to dist/THIRD-PARTY-LICENSES.txt.
 * - packages/compiler/dist: `@pdl/compiler`, the compiler (compiler/index.ts), the editor language
 *   entry (compiler/language.ts) and the simulation library (simulation/index.ts), bundled by esbuild
 *   as three ES module entries with shared chunks; `chevrotain` stays an import (its types appear in
 *   the compiler's declarations, so the package depends on it), everything else is bundled.
 * - the `.d.ts` declarations of both: `tsc -p tsconfig.build.json --emitDeclarationOnly` (which also
 *   checks that the entries need no Node types), copied beside each bundle with the hand-written
 *   declarations they import (grammar/generated/cst.d.ts).
 * The `pdl` command's package (packages/cli) is built by scripts/build-cli.mjs.
 *
 * Input: the sources under runtime/, simulation/, compiler/ and grammar/, node_modules, tsconfig.json,
 * tsconfig.build.json and the package.json files. Output: packages/runtime/dist/**,
 * packages/compiler/dist/** and the stamp dist/.lib-built. Run with `npm run build:lib`; the root's
 * `npm install` (prepare) and `npm test` (pretest) run it; the packages' own `prepack` runs it too, so
 * `npm pack` in packages/* never packs a stale build. Nothing is built at install time of a package.
 * Skips the build when the stamp is newer than every source and configuration file (say `--force` to
 * build anyway). Paths are resolved from this file, so it works from any directory.
 * INVARIANT: the stamp is dated from when the build started, so a source saved during a build makes
 * the next run build again (like scripts/build-cli.mjs); it is written only after the build succeeded.
 * INVARIANT: concurrent runs (two `npm test`s, a test beside a build) are safe: one builds at a time
 * (a lock folder, dist/.lib-lock), into a fresh folder whose parts replace each package's dist/ by
 * one rename, so a reader never sees a half-written tree.
 */
import { spawnSync } from 'node:child_process';
import { build as esbuild } from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newerFile } from './newer-file.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const stamp = join(dist, '.lib-built');
const lock = join(dist, '.lib-lock');
/** A lock older than this is taken to be left by a build that died (a build takes seconds). */
const STALE_LOCK_MS = 120_000;
const SOURCE_DIRS = ['runtime', 'simulation', 'compiler', 'grammar'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'packages/runtime/package.json', 'packages/compiler/package.json'];

/**
 * The packages built here: where each one's dist/ goes, its esbuild entries (relative to the root;
 * an entry's output keeps its path, e.g. compiler/index.ts -> dist/compiler/index.js), the packages
 * left as imports (its `dependencies`), the declaration folders copied into its dist/ (`flat`: the
 * runtime's declarations sit at dist/ itself, beside dist/index.js), and a file whose presence says
 * the build is there.
 */
const PACKAGES = [
  { dir: 'packages/runtime', entries: ['runtime/index.ts'], external: [], declarations: ['runtime'], flat: true, built: 'index.js' },
  {
    dir: 'packages/compiler',
    entries: ['compiler/index.ts', 'compiler/language.ts', 'simulation/index.ts'],
    external: ['chevrotain'],
    declarations: ['compiler', 'grammar', 'runtime', 'simulation'],
    flat: false,
    built: 'compiler/index.js',
  },
];


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
  for (const pkg of PACKAGES) {
    if (statSync(join(root, pkg.dir, 'dist', pkg.built), { throwIfNoEntry: false }) === undefined) return `${pkg.dir}/dist is missing`;
  }
  for (const file of CONFIGS) {
    if ((statSync(join(root, file), { throwIfNoEntry: false })?.mtimeMs ?? 0) > built.mtimeMs) return `${file} changed`;
  }
  for (const dir of SOURCE_DIRS) {
    const path = newerFile(join(root, dir), /\.(ts|json)$/, built.mtimeMs);
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

/** The name of the npm package that a bundled file (a metafile input path) belongs to, or undefined. */
function packageOf(input) {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.split('\\').join('/'));
  return m?.[1];
}

/** The licence texts of the npm packages bundled into a package, one section each, sorted by name. */
function thirdPartyLicenses(inputs) {
  const names = [...new Set(inputs.map(packageOf).filter((name) => name !== undefined))].sort();
  const sections = names.map((name) => {
    const dir = join(root, 'node_modules', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file === undefined ? `(no licence file; package.json says ${manifest.license ?? 'nothing'})` : readFileSync(join(dir, file), 'utf8').trim();
    return `${name}@${manifest.version} (${manifest.license ?? 'licence not declared'})\n\n${text}\n`;
  });
  return `This file lists the npm packages bundled into dist/ by scripts/build-lib.mjs, with their licences.\n\n${sections.join('\n---\n\n')}`;
}

/** Compiles into a fresh folder, then swaps each package's dist/ in; returns the time taken. */
async function build(reason) {
  const started = performance.now();
  const fresh = join(dist, `.lib-new-${process.pid}`);
  rmSync(fresh, { recursive: true, force: true });
  const types = join(fresh, 'types');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--emitDeclarationOnly', '--outDir', types], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    rmSync(fresh, { recursive: true, force: true });
    throw new Error(`build:lib: tsc failed (${run.status ?? run.signal})`);
  }
  // tsc does not copy hand-written declarations (grammar/generated/cst.d.ts) that its .d.ts import.
  for (const dir of SOURCE_DIRS) {
    for (const file of declarationFiles(join(root, dir))) {
      const target = join(types, relative(root, file));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file, target);
    }
  }
  try {
    for (const [index, pkg] of PACKAGES.entries()) {
      const out = join(fresh, String(index));
      const result = await esbuild({
        entryPoints: pkg.entries.map((entry) => join(root, entry)),
        outbase: pkg.flat ? join(root, dirname(pkg.entries[0])) : root,
        outdir: out,
        bundle: true,
        splitting: pkg.entries.length > 1,
        chunkNames: 'chunks/[name]-[hash]',
        format: 'esm',
        // Browser-safe: the playground and embedders bundle these for the browser; a Node built-in
        // below an entry fails here. Node runs the result as it is.
        platform: 'browser',
        target: 'es2022',
        external: pkg.external,
        legalComments: 'none',
        logLevel: 'warning',
        metafile: true,
      });
      writeFileSync(join(out, 'THIRD-PARTY-LICENSES.txt'), thirdPartyLicenses(Object.keys(result.metafile.inputs)));
      for (const dir of pkg.declarations) cpSync(join(types, dir), pkg.flat ? out : join(out, dir), { recursive: true });
    }
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    throw error;
  }
  // The swap: each dist/ is replaced by one rename, so a reader sees the old files or the new ones
  // (outputs of deleted sources do not linger, and are not packed).
  rmSync(stamp, { force: true });
  for (const [index, pkg] of PACKAGES.entries()) {
    const target = join(root, pkg.dir, 'dist');
    const old = join(fresh, `old-${index}`);
    if (existsSync(target)) renameSync(target, old);
    renameSync(join(fresh, String(index)), target);
  }
  rmSync(fresh, { recursive: true, force: true });
  writeFileSync(stamp, `built by scripts/build-lib.mjs (${reason})\n`);
  const date = new Date(startedAtMs - 1000);
  utimesSync(stamp, date, date);
  return Math.round(performance.now() - started);
}

const startedAtMs = Date.now();
let reason = reasonToBuild();
if (reason === undefined) {
  process.stderr.write('build:lib: packages/runtime/dist and packages/compiler/dist are up to date\n');
} else {
  mkdirSync(dist, { recursive: true });
  acquireLock();
  try {
    // Another build may have finished while this one waited for the lock.
    reason = reasonToBuild();
    if (reason === undefined) process.stderr.write('build:lib: packages/runtime/dist and packages/compiler/dist are up to date (built meanwhile)\n');
    else process.stderr.write(`build:lib: packages/runtime/dist and packages/compiler/dist (${reason}) in ${await build(reason)} ms\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
