#!/usr/bin/env node
/**
 * The `pdl` executable. Input: command-line arguments. Output: whatever the command writes, and its
 * exit code (0 ok, 1 errors found, 2 usage, 3 internal error; see docs/cli.md).
 *
 * Plain JavaScript so that it runs without a build. It runs the bundled CLI, dist/cli/pdl.mjs (made
 * by `npm run build:cli`, which `npm install`, `npm ci` and `npm test` run), when that exists and is
 * newer than every file of the repository it was built from (listed by the build in
 * dist/cli/.cli-inputs: one stat per file, no walk of the folders; without that list, every .ts file
 * under cli/, grammar/, compiler/, runtime/ and simulation/); otherwise (no bundle, a source edited
 * since the build or gone, or PDL_FROM_SOURCE=1) it registers tsx (TypeScript loader)
 * and imports the CLI's TypeScript entry, which is a second or more slower per run. PDL_DEBUG=1 says on stderr which
 * one ran and why (nothing extra is ever written to stdout). Paths are resolved from this file, so it
 * works from any directory.
 */
import module from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist', 'cli', 'pdl.mjs');
const inputs = join(root, 'dist', 'cli', '.cli-inputs');
const SOURCE_DIRS = ['cli', 'grammar', 'compiler', 'runtime', 'simulation'];

/** The path of a .ts file under `dir` modified after `since` (ms), or undefined when there is none. */
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
    } else if (entry.name.endsWith('.ts') && statSync(path, { throwIfNoEntry: false })?.mtimeMs > since) {
      return path;
    }
  }
  return undefined;
}

/**
 * The repository's files the bundle was built from (dist/cli/.cli-inputs, written by the build: paths
 * relative to the root), or undefined when there is no such list.
 */
function bundledSources() {
  try {
    return readFileSync(inputs, 'utf8').split('\n').filter((line) => line !== '');
  } catch {
    return undefined;
  }
}

/** Why the TypeScript sources must run instead of the bundle, or undefined to run the bundle. */
function reasonForSource() {
  const forced = process.env.PDL_FROM_SOURCE;
  if (forced !== undefined && forced !== '' && forced !== '0') return 'PDL_FROM_SOURCE is set';
  const built = statSync(bundle, { throwIfNoEntry: false });
  if (built === undefined) return 'no bundle (npm run build:cli makes it)';
  const sources = bundledSources();
  if (sources !== undefined) {
    for (const source of sources) {
      const modified = statSync(join(root, source), { throwIfNoEntry: false })?.mtimeMs;
      if (modified === undefined) return `${source} is gone since the bundle was built (npm run build:cli)`;
      if (modified > built.mtimeMs) return `${source} is newer than the bundle (npm run build:cli)`;
    }
    return undefined;
  }
  // A bundle without the list (built before there was one): every .ts file of the source folders.
  for (const dir of SOURCE_DIRS) {
    const path = newerSource(join(root, dir), built.mtimeMs);
    if (path !== undefined) return `${path.slice(root.length)} is newer than the bundle (npm run build:cli)`;
  }
  return undefined;
}

const debug = process.env.PDL_DEBUG !== undefined && process.env.PDL_DEBUG !== '' && process.env.PDL_DEBUG !== '0';
const started = debug ? performance.now() : 0;
const reason = reasonForSource();
if (debug) {
  const ms = (performance.now() - started).toFixed(1);
  process.stderr.write(`pdl: ${reason === undefined ? 'running dist/cli/pdl.mjs' : `running the TypeScript sources through tsx: ${reason}`} (chosen in ${ms} ms)\n`);
}

// `pdl ... | head` closes the pipe early: stop quietly instead of crashing with EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// Node 22.1 and later can keep the compiled code of the modules it loads between runs (in the
// system's temporary folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off). Node 20 has no such thing:
// nothing happens there.
if (typeof module.enableCompileCache === 'function') {
  try {
    module.enableCompileCache();
  } catch {
    // no cache, just a slower start
  }
}

let main;
if (reason === undefined) {
  // With PDL_DEBUG, stack traces (of an internal error) name the .ts sources, through the bundle's
  // sourcemap; reading that costs about 0.1 s, so not otherwise.
  if (debug) process.setSourceMapsEnabled(true);
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: join(root, 'tsconfig.json') });
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv);
