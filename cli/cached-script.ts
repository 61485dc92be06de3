/**
 * Runs a CommonJS file of the CLI bundle with a V8 code cache, so that a later start need not parse
 * and compile it again (issue 17). Node 20 keeps no compiled code between runs (Node 22's
 * `module.enableCompileCache` does, bin/pdl.js turns it on there), and Node 20's ES module loader
 * takes no cached data: so scripts/build-cli.mjs bundles `pdl check` (cli/check.ts and all it needs)
 * a second time, as one CommonJS file named by a hash of its contents (dist/cli/check-HASH.cjs), which
 * the bundle's `check` command runs through `cachedExports`.
 *
 * Input: the file's path; the environment (PDL_CODE_CACHE_DIR, NODE_DISABLE_COMPILE_CACHE, PDL_DEBUG).
 * Output: the file's `module.exports`, run in this process as Node would run it (`require`,
 * `__filename`... of its own place), and the state of the cache (`off`, `none`, `accepted`,
 * `rejected`). `save` writes the cache (V8's `createCachedData`: the compiled code of every function
 * run so far, which holds the file's own text and code, never data the command read); it is called at
 * exit when there was no usable cache.
 * INVARIANTS: a cache is used only for the very file it was made from: its name holds the file's name
 * (a hash of the contents, by the build), size and modification time, and Node's version and
 * architecture (V8 itself compares only the length of the text), and V8 rejects a cache of other
 * flags or of another V8 (`cachedDataRejected`: the file then runs compiled afresh, and the cache is
 * rewritten). The cache lives in a folder of this user's (by default `pdl-code-cache-UID` in the
 * system's temporary folder, PDL_CODE_CACHE_DIR to choose another) that nobody else may write: a
 * folder another user owns or may write is never read from or written to. Nothing is ever written
 * beside the bundle, so a read-only install works (with no cache when no folder can be written).
 * Reading or writing the cache never fails the command: it only makes it slower. With PDL_DEBUG=1 the
 * file is required plainly (Node's own loader, which applies its sourcemap to stack traces) and the
 * state is said on stderr.
 */
import { isAscii } from 'node:buffer';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { makeFolder } from './make-folder.ts';

/** `off`: no cache folder (disabled); `none`: no cache yet; `accepted`: the cache was used; `rejected`: V8 refused it. */
export type CacheState = 'off' | 'none' | 'accepted' | 'rejected';

export interface CachedScript<T> {
  readonly exports: T;
  readonly state: CacheState;
  /** Where the cache is read from and written to (undefined: off). */
  readonly cacheFile: string | undefined;
  /** Writes the cache unless the one read was accepted; true when written. Never throws. */
  save(): boolean;
}

/** Caches last modified longer ago than this are removed when a cache is written (each build names its file anew). */
const STALE_MS = 24 * 60 * 60 * 1000;

const on = (value: string | undefined): boolean => value !== undefined && value !== '' && value !== '0';

/** The cache folder the environment asks for: PDL_CODE_CACHE_DIR, or this user's in the temporary folder; undefined when NODE_DISABLE_COMPILE_CACHE is set. */
export function cacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  if (on(env['NODE_DISABLE_COMPILE_CACHE'])) return undefined;
  const chosen = env['PDL_CODE_CACHE_DIR'];
  if (chosen !== undefined && chosen !== '') return chosen;
  return join(tmpdir(), `pdl-code-cache-${process.getuid?.() ?? 'user'}`);
}

/** Whether `dir` is a folder this user owns and nobody else may write (created first, private, when `create`). */
function privateFolder(dir: string, create: boolean): boolean {
  try {
    if (create) makeFolder(dir, 0o700);
    const stat = statSync(dir);
    if (!stat.isDirectory() || (stat.mode & 0o022) !== 0) return false;
    return process.getuid === undefined || stat.uid === process.getuid();
  } catch {
    return false;
  }
}

/** Node's CommonJS wrapper: the file runs as a function of its `exports`, `require`, `module`, `__filename` and `__dirname`. */
const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'] as const;
type Wrapped = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;

/** Runs the CommonJS file `file` with the code cache of `folder` (none when undefined). */
export function loadCachedScript<T>(file: string, folder: string | undefined): CachedScript<T> {
  // esbuild writes ASCII (non-ASCII characters escaped): read as such, the text is copied into a
  // one-byte string, a few milliseconds sooner than decoding UTF-8; anything else is decoded as UTF-8.
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const { size, mtimeMs } = statSync(file);
  const cacheFile = folder === undefined ? undefined : join(folder, `${basename(file)}-${size}-${Math.trunc(mtimeMs)}-${process.version}-${process.arch}.v8cache`);
  let cachedData: Buffer | undefined;
  if (cacheFile !== undefined && folder !== undefined && privateFolder(folder, false)) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // no cache yet
    }
  }
  const script = new Script(`${WRAPPER[0]}${source}${WRAPPER[1]}`, { filename: file, ...(cachedData === undefined ? {} : { cachedData }) });
  const state: CacheState = cacheFile === undefined ? 'off' : cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'accepted';
  const module = { exports: {} as unknown };
  (script.runInThisContext() as Wrapped).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports as T,
    state,
    cacheFile,
    save(): boolean {
      if (cacheFile === undefined || folder === undefined || state === 'accepted') return false;
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        if (!privateFolder(folder, true)) return false;
        writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        renameSync(temporary, cacheFile);
        removeStale(folder, cacheFile);
        return true;
      } catch {
        return false;
      } finally {
        try {
          rmSync(temporary, { force: true });
        } catch {
          // no folder to remove it from
        }
      }
    },
  };
}

/** Removes the caches of `folder` (not `keep`) last modified over a day ago: those of earlier builds. */
function removeStale(folder: string, keep: string): void {
  const before = Date.now() - STALE_MS;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (path === keep || !name.endsWith('.v8cache')) continue;
    if ((statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < before) rmSync(path, { force: true });
  }
}

/**
 * The exports of the bundle's CommonJS file at `url`, run with the code cache (written at exit when
 * there was none that V8 accepted). With PDL_DEBUG=1, required plainly instead, and said on stderr.
 */
export function cachedExports<T>(url: URL, env: NodeJS.ProcessEnv = process.env): T {
  const file = fileURLToPath(url);
  const known = ran.get(file);
  if (known !== undefined) return known as T;
  let exports: T;
  if (on(env['PDL_DEBUG'])) {
    process.stderr.write(`pdl: ${basename(file)} required without a code cache (PDL_DEBUG: stack traces through its sourcemap)\n`);
    exports = createRequire(import.meta.url)(file) as T;
  } else {
    const loaded = loadCachedScript<T>(file, cacheFolder(env));
    if (loaded.state === 'none' || loaded.state === 'rejected') process.once('exit', () => loaded.save());
    exports = loaded.exports;
  }
  ran.set(file, exports);
  return exports;
}

/** The files `cachedExports` ran in this process, and their exports: each runs once, as a module does. */
const ran = new Map<string, unknown>();
