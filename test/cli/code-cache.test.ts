/**
 * The code cache `pdl check` runs its CommonJS bundle through (cli/cached-script.ts, issue 17).
 *
 * Input: small CommonJS files written to temporary folders, each run by `loadCachedScript` in a fresh
 * process (test/cli/fixtures/cached-script-run.ts, bundled by esbuild: within one process V8 answers a second compilation
 * of a text from memory); and the real `pdl check` (bin/pdl.js and the bundle dist/cli/, built first when
 * bin/pdl.js would run the TypeScript sources instead) with PDL_CODE_CACHE_DIR set to a temporary
 * folder. Output: assertions that a first run writes a cache that the next run uses; that a damaged
 * cache is rejected, the file still runs as it should and the cache is rewritten; that a changed file
 * never meets the cache of the old one; that a folder others may write is neither read nor written, an
 * unusable folder only means no cache, and caches of earlier builds are removed after a day; and that
 * `pdl check` prints byte for byte the same, with its exit code, with a cache written, used, damaged
 * or off.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFolder } from '../../cli/cached-script.ts';
import { pdl, PROCESS_TIMEOUT_MS, ROOT, timeoutFor } from '../support/processes.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pdl-code-cache-test-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * The runner, bundled once by esbuild into the scratch folder: each `load` starts plain `node` on it
 * (a process through tsx took about a second to start, most of this file's time).
 */
const runner = join(scratch, 'cached-script-run.mjs');
beforeAll(() => {
  buildSync({ entryPoints: [join(ROOT, 'test', 'cli', 'fixtures', 'cached-script-run.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: runner, logLevel: 'silent' });
});

let count = 0;
/** A fresh folder below the scratch folder. */
function folder(): string {
  const dir = join(scratch, `f${count++}`);
  mkdirSync(dir, { mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

/** A CommonJS file that uses what Node gives a module: `require`, `module.exports`, `__filename`. */
function script(dir: string, name: string, factor: number): string {
  const file = join(dir, name);
  writeFileSync(file, `const { basename } = require('node:path');\nfunction scale(x) { return x * ${factor}; }\nmodule.exports = { scale, name: basename(__filename) };\n`);
  return file;
}

interface Outcome {
  state: string;
  cacheFile: string | null;
  scaled: number;
  name: string;
  saved: boolean;
}

/** `loadCachedScript(file, folder)` in a fresh process (test/cli/fixtures/cached-script-run.ts), then `scale(2)` and `save()`. */
function load(file: string, folder: string | undefined): Outcome {
  const run = spawnSync(process.execPath, [runner, file, folder ?? '-'], { cwd: ROOT, encoding: 'utf8', timeout: PROCESS_TIMEOUT_MS });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Outcome;
}

describe('loadCachedScript', () => {
  it('writes a cache after a first run and uses it in the next; the file runs the same either way', () => {
    const cache = folder();
    const file = script(folder(), 'a-ABC.cjs', 3);
    const first = load(file, cache);
    expect(first).toMatchObject({ state: 'none', scaled: 6, name: 'a-ABC.cjs', saved: true });
    expect(readdirSync(cache)).toEqual([first.cacheFile!.slice(cache.length + 1)]);
    expect(first.cacheFile).toContain('a-ABC.cjs-');
    expect(first.cacheFile).toContain(process.version);
    expect(statSync(first.cacheFile!).mode & 0o777).toBe(0o600);
    const second = load(file, cache);
    expect(second).toMatchObject({ state: 'accepted', cacheFile: first.cacheFile, scaled: 6, saved: false });
  }, timeoutFor(2));

  it('rejects a damaged cache, runs the file all the same, and rewrites the cache', () => {
    const cache = folder();
    const file = script(folder(), 'b-DEF.cjs', 5);
    const first = load(file, cache);
    expect(first.saved).toBe(true);
    const size = statSync(first.cacheFile!).size;
    writeFileSync(first.cacheFile!, Buffer.alloc(size, 7));
    expect(load(file, cache)).toMatchObject({ state: 'rejected', scaled: 10, saved: true });
    expect(readFileSync(first.cacheFile!).equals(Buffer.alloc(size, 7))).toBe(false);
    expect(load(file, cache).state).toBe('accepted');
  }, timeoutFor(3));

  it('never gives a changed file the cache of the old one, even of the same length', () => {
    const cache = folder();
    const dir = folder();
    const file = script(dir, 'c-GHI.cjs', 2);
    const old = load(file, cache);
    expect(old.saved).toBe(true);
    script(dir, 'c-GHI.cjs', 7); // same length, other code
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const changed = load(file, cache);
    expect(changed.cacheFile).not.toBe(old.cacheFile);
    expect(changed).toMatchObject({ state: 'none', scaled: 14 });
  }, timeoutFor(2));

  it('neither reads nor writes a folder others may write; an unusable folder or none only means no cache', () => {
    const file = script(folder(), 'd-JKL.cjs', 4);
    const open = folder();
    expect(load(file, open).saved).toBe(true);
    chmodSync(open, 0o777);
    expect(load(file, open)).toMatchObject({ state: 'none', saved: false, scaled: 8 }); // the cache in it is not read
    const notAFolder = join(scratch, 'a-file');
    writeFileSync(notAFolder, 'x');
    expect(load(file, join(notAFolder, 'cache'))).toMatchObject({ state: 'none', saved: false, scaled: 8 });
    expect(load(file, undefined)).toMatchObject({ state: 'off', cacheFile: null, saved: false, scaled: 8 });
  }, timeoutFor(3));

  it('removes the caches of earlier builds last written over a day ago when it writes one', () => {
    const cache = folder();
    const old = join(cache, 'check-OLD.cjs-1-1-v0-x.v8cache');
    const recent = join(cache, 'check-NEW.cjs-1-1-v0-x.v8cache');
    const other = join(cache, 'notes.txt');
    for (const path of [old, recent, other]) writeFileSync(path, 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    utimesSync(other, twoDaysAgo, twoDaysAgo);
    const loaded = load(script(folder(), 'e-MNO.cjs', 1), cache);
    expect(loaded.saved).toBe(true);
    expect(readdirSync(cache).sort()).toEqual([loaded.cacheFile!.slice(cache.length + 1), 'check-NEW.cjs-1-1-v0-x.v8cache', 'notes.txt'].sort());
  }, timeoutFor(1));

  it('is told where by the environment: PDL_CODE_CACHE_DIR, off with NODE_DISABLE_COMPILE_CACHE, else this user\'s folder in the temporary folder', () => {
    expect(cacheFolder({ PDL_CODE_CACHE_DIR: '/some/where' })).toBe('/some/where');
    expect(cacheFolder({ PDL_CODE_CACHE_DIR: '/some/where', NODE_DISABLE_COMPILE_CACHE: '1' })).toBeUndefined();
    expect(cacheFolder({ NODE_DISABLE_COMPILE_CACHE: '0' })).toBe(join(tmpdir(), `pdl-code-cache-${process.getuid?.() ?? 'user'}`));
    expect(cacheFolder({})).toBe(join(tmpdir(), `pdl-code-cache-${process.getuid?.() ?? 'user'}`));
  });
});

describe('pdl check with its code cache', () => {
  const POLICY = 'policies/england/statutory-reviews.pdl';
  const BAD = 'test/cli/fixtures/bad.pdl';

  beforeAll(() => {
    if (pdl(['--version'], { env: { PDL_DEBUG: '1' } }).stderr.includes('running dist/cli/pdl.mjs')) return;
    const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: PROCESS_TIMEOUT_MS });
    expect(built.status, built.stderr).toBe(0);
  }, timeoutFor(3));

  it('prints the same, with the same exit code, with the cache written, used, damaged or off', () => {
    const cache = folder();
    const env = { PDL_CODE_CACHE_DIR: cache, PDL_DEBUG: '' };
    const checkFile = readdirSync(join(ROOT, 'dist', 'cli')).filter((name) => /^check-\w+\.cjs$/.test(name));
    expect(checkFile.length).toBeGreaterThan(0);
    for (const args of [['check', POLICY], ['check', BAD], ['check', POLICY, '--json']]) {
      const off = pdl(args, { env: { NODE_DISABLE_COMPILE_CACHE: '1', PDL_DEBUG: '' } });
      expect(off.stdout.length).toBeGreaterThan(0);
      const first = pdl(args, { env });
      const caches = readdirSync(cache);
      expect(caches.length).toBe(1);
      expect(checkFile.some((name) => caches[0]!.startsWith(`${name}-`))).toBe(true);
      const path = join(cache, caches[0]!);
      const past = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
      utimesSync(path, past, past);
      const second = pdl(args, { env });
      expect(Math.round(statSync(path).mtimeMs)).toBe(past.getTime()); // used, not rewritten
      const size = statSync(path).size;
      writeFileSync(path, Buffer.alloc(size, 1));
      const damaged = pdl(args, { env });
      expect(readFileSync(path).equals(Buffer.alloc(size, 1))).toBe(false); // rejected and rewritten
      for (const run of [first, second, damaged]) {
        expect(run.status, args.join(' ')).toBe(off.status);
        expect(run.stdout, args.join(' ')).toBe(off.stdout);
        expect(run.stderr, args.join(' ')).toBe(off.stderr);
      }
      rmSync(path);
    }
  }, timeoutFor(12));
});
