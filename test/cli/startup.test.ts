/**
 * What the bundled CLI loads at start-up, and that minified it still reads well (issue 17).
 *
 * Input: the bundle dist/cli/ (scripts/build-cli.mjs; built here first when bin/pdl.js would run the
 * TypeScript sources instead), run as real processes with preloads from test/cli/fixtures/:
 * record-loads.mjs lists every module Node loads and record-requires.mjs every CommonJS module
 * required (both in one process), throw-on-summary.mjs makes `pdl check` fail inside.
 * Output: assertions on which modules each command loads (never timings): `pdl check` loads no
 * TypeScript (ts-morph) and not the chunk of `pdl compile`, which does, nor node:child_process;
 * `--version` loads a part of what `check` does. And on the output: an internal error's stack names
 * the functions of the sources (with PDL_DEBUG=1, their files), and diagnostics are the same as the
 * sources print.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdl, pdlHere, PROCESS_TIMEOUT_MS, ROOT, timeoutFor, type Run } from '../support/processes.ts';

const POLICY = 'policies/england/statutory-reviews.pdl';
/** A policy with `notify` templates, which `pdl check` parses with Handlebars. */
const NOTIFYING = 'policies/peterborough.pdl';
const FIXTURES = `${ROOT}test/cli/fixtures/`;

/** Whether bin/pdl.js runs the bundle (it says so on stderr with PDL_DEBUG=1). */
function runsBundle(): boolean {
  return pdl(['--version'], { env: { PDL_DEBUG: '1' } }).stderr.includes('running dist/cli/pdl.mjs');
}

/** `node --import PRELOAD bin/pdl.js ARGS`. */
function pdlWith(preload: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  return pdl(args, { env: { NODE_OPTIONS: `--import=${FIXTURES}${preload}`, ...env } });
}

/** The lines of a file a recorder wrote; none when it wrote nothing (nothing was loaded that way). */
function recordedLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
  } catch {
    return [];
  }
}

/**
 * `pdl ARGS` with both recorders preloaded, so that one process answers both questions: the module
 * URLs it loads (record-loads.mjs, through the module loader) and the CommonJS modules it requires
 * (record-requires.mjs); and its run. Each recorder sees only its own kind of loading.
 */
function loads(args: readonly string[]): { urls: string[]; requires: string[]; run: Run } {
  const dir = mkdtempSync(join(tmpdir(), 'pdl-loads-'));
  try {
    const loadsFile = join(dir, 'loads.txt');
    const requiresFile = join(dir, 'requires.txt');
    const run = pdl(args, { env: { NODE_OPTIONS: `--import=${FIXTURES}record-loads.mjs --import=${FIXTURES}record-requires.mjs`, PDL_TEST_LOADS: loadsFile, PDL_TEST_REQUIRES: requiresFile } });
    return { urls: recordedLines(loadsFile), requires: recordedLines(requiresFile), run };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const bundleFiles = (urls: readonly string[]): string[] => urls.filter((url) => url.includes('/dist/cli/')).map((url) => url.slice(url.indexOf('/dist/cli/') + 10));

describe('the bundled pdl at start-up', () => {
  /** What `pdl check POLICY` loads and requires: run once, read by the first three tests. */
  let check: ReturnType<typeof loads> | undefined;
  const checkLoads = (): ReturnType<typeof loads> => (check ??= loads(['check', POLICY]));

  beforeAll(() => {
    if (runsBundle()) return;
    const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: PROCESS_TIMEOUT_MS });
    expect(built.status, built.stderr).toBe(0);
    expect(runsBundle()).toBe(true);
  }, timeoutFor(3));

  it('pdl check loads no TypeScript and not the chunk of pdl compile, which loads ts-morph', () => {
    const check = checkLoads();
    expect(check.run.status, check.run.stderr).toBe(0);
    expect(check.urls.some((url) => url.endsWith('/dist/cli/pdl.mjs'))).toBe(true);
    expect(check.urls.filter((url) => /\/node_modules\/(ts-morph|typescript)\//.test(url))).toEqual([]);
    // Everything else is bundled: the bundle's files, bin/pdl.js and Node's built-ins.
    expect(check.urls.filter((url) => !url.startsWith('node:') && !url.includes('/dist/cli/') && !url.endsWith('/bin/pdl.js') && !url.includes('/test/cli/fixtures/'))).toEqual([]);

    const out = mkdtempSync(join(tmpdir(), 'pdl-compiled-'));
    try {
      const compile = loads(['compile', POLICY, '--out', out]);
      expect(compile.run.status, compile.run.stderr).toBe(0);
      expect(compile.urls.some((url) => url.includes('/node_modules/ts-morph/'))).toBe(true);
      const checkFiles = new Set(bundleFiles(check.urls));
      expect(bundleFiles(compile.urls).filter((file) => !checkFiles.has(file)).length).toBeGreaterThan(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, timeoutFor(2));

  it('pdl check loads Handlebars only for a policy with notify templates', () => {
    const requires = (run: ReturnType<typeof loads>): string[] => {
      expect(run.run.status, run.run.stderr).toBe(0);
      return run.requires;
    };
    expect(readFileSync(`${ROOT}${NOTIFYING}`, 'utf8')).toContain('notify "');
    expect(readFileSync(`${ROOT}${POLICY}`, 'utf8')).not.toContain('notify');
    expect(requires(checkLoads())).not.toContain('./handlebars.cjs');
    expect(requires(loads(['check', NOTIFYING]))).toContain('./handlebars.cjs');
  }, timeoutFor(2));

  it('pdl check requires no child_process (commander\'s executable subcommands; scripts/build-cli.mjs defers it)', () => {
    const check = checkLoads();
    expect(check.run.status, check.run.stderr).toBe(0);
    // The recorder saw the bundle's requires (node:fs among them), so an absent one was not required.
    expect(check.requires).toContain('node:fs');
    expect(check.requires).not.toContain('node:child_process');
  }, timeoutFor(1));

  it('pdl --version loads part of what pdl check loads', () => {
    const version = loads(['--version']);
    const check = checkLoads();
    expect(version.run.status).toBe(0);
    const checkFiles = new Set(bundleFiles(check.urls));
    expect(bundleFiles(version.urls).every((file) => checkFiles.has(file))).toBe(true);
    expect(bundleFiles(version.urls).length).toBeLessThan(checkFiles.size);
  }, timeoutFor(2));

  it('is minified, and an internal error still names the functions it went through (with PDL_DEBUG=1, their source files)', () => {
    const entry = readFileSync(`${ROOT}dist/cli/pdl.mjs`, 'utf8');
    expect(entry).toContain('//# sourceMappingURL=pdl.mjs.map');
    expect(entry.split('\n').length).toBeLessThan(entry.length / 200); // long lines: minified
    // Names are kept by not minifying them, not by esbuild's keepNames, whose wrapper around every
    // function (the parser's rule bodies among them) doubled the time to parse (issue 17).
    for (const file of readdirSync(`${ROOT}dist/cli/`).filter((name) => name.endsWith('.mjs'))) {
      expect(readFileSync(`${ROOT}dist/cli/${file}`, 'utf8'), file).not.toMatch(/\b__name\(/);
    }

    const plain = pdlWith('throw-on-summary.mjs', ['check', POLICY]);
    expect(plain.status).toBe(3);
    expect(plain.stderr).toContain('pdl: internal error (a bug in pdl): Error: boom');
    // `pdl check` runs the CommonJS bundle dist/cli/check-HASH.cjs (through its code cache, cli/cached-script.ts)
    expect(plain.stderr).toMatch(/^ {4}at Object\.runCheck \(\/.*\/dist\/cli\/check-\w+\.cjs:\d+:\d+\)$/m);
    expect(plain.stderr).toMatch(/^ {4}at async main \(file:.*\/dist\/cli\/pdl\.mjs:\d+:\d+\)$/m);

    const debug = pdlWith('throw-on-summary.mjs', ['check', POLICY], { PDL_DEBUG: '1' });
    expect(debug.status).toBe(3);
    expect(debug.stderr).toMatch(/^ {4}at Object\.runCheck \(.*\/cli\/check\.ts:\d+:\d+\)$/m);
    expect(debug.stderr).toMatch(/^ {4}at async main \(.*\/cli\/main\.ts:\d+:\d+\)$/m);
  }, timeoutFor(2));

  it('prints the same diagnostics as the sources do', async () => {
    for (const args of [['check', 'test/cli/fixtures/bad.pdl'], ['check', 'policies', '--json']]) {
      const bundled = pdl(args);
      const sources = await pdlHere(args);
      expect(bundled.status, args.join(' ')).toBe(sources.status);
      expect(bundled.stdout, args.join(' ')).toBe(sources.stdout);
      expect(bundled.stdout.length).toBeGreaterThan(0);
    }
  }, timeoutFor(2));
});
