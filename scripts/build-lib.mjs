#!/usr/bin/env node
/**
 * Builds the library half of the package: the runtime's and the compiler's public entries
 * (runtime/index.ts, compiler/index.ts) and everything they import, compiled by `tsc -p
 * tsconfig.build.json` to ES2022 JavaScript with `.d.ts` declarations under dist/runtime,
 * dist/compiler and dist/grammar: what package.json's `exports` (`pdl/runtime`, `pdl/compiler`) name.
 *
 * Input: the sources under runtime/, compiler/ and grammar/, tsconfig.json and tsconfig.build.json.
 * Output: dist/{runtime,compiler,grammar}/**.{js,d.ts} and the stamp dist/.lib-built. Run with
 * `npm run build:lib`; `npm install`, `npm ci`, `npm pack` (prepare) and `npm test` (pretest) run it.
 * Skips the compilation when the stamp is newer than every source and configuration file (say
 * `--force` to build anyway). Paths are resolved from this file, so it works from any directory.
 * INVARIANT: the stamp is dated from when the build started, so a source saved during a build makes
 * the next run build again (like scripts/build-cli.mjs); it is written only after tsc succeeded.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const stamp = join(dist, '.lib-built');
const SOURCE_DIRS = ['runtime', 'compiler', 'grammar'];
const OUTPUT_DIRS = ['runtime', 'compiler', 'grammar'];
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

const reason = reasonToBuild();
if (reason === undefined) {
  process.stderr.write('build:lib: dist/runtime and dist/compiler are up to date\n');
} else {
  const startedAt = Date.now();
  const started = performance.now();
  // Outputs of sources since deleted would otherwise linger (and be packed).
  for (const dir of OUTPUT_DIRS) rmSync(join(dist, dir), { recursive: true, force: true });
  rmSync(stamp, { force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    process.stderr.write(`build:lib: tsc failed (${run.status ?? run.signal})\n`);
    process.exit(1);
  }
  // tsc does not copy hand-written declarations (grammar/generated/cst.d.ts) that its .d.ts import.
  for (const dir of SOURCE_DIRS) {
    for (const file of declarationFiles(join(root, dir))) {
      const target = join(dist, relative(root, file));
      if (!existsSync(join(dist, dir))) continue;
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file, target);
    }
  }
  mkdirSync(dist, { recursive: true });
  writeFileSync(stamp, `built by scripts/build-lib.mjs (${reason})\n`);
  const date = new Date(startedAt - 1000);
  utimesSync(stamp, date, date);
  process.stderr.write(`build:lib: dist/runtime, dist/compiler and dist/grammar (${reason}) in ${Math.round(performance.now() - started)} ms\n`);
}
