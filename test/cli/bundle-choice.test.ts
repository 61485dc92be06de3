/**
 * bin/pdl.js runs the bundle only while no file it was built from has changed (issue 17).
 *
 * Input: a copy of bin/pdl.js in a scratch repository of its own (a temporary folder: a one-line
 * bundle dist/cli/pdl.mjs and a one-line TypeScript entry cli/main.ts, each printing which it is, the
 * list dist/cli/.cli-inputs the build writes, node_modules linked to this repository's for tsx), the
 * files' times set by hand; and this repository's own list, as scripts/build-cli.mjs wrote it (built
 * first when bin/pdl.js would run the TypeScript sources instead). Output: assertions on which one
 * ran and on the reason PDL_DEBUG=1 gives: the bundle while every listed file is older than it, the
 * sources once one is newer or gone (a file off the list does not count), the walk of the source
 * folders when there is no list, the sources with PDL_FROM_SOURCE=1; and that the real list names the
 * sources the bundle holds and nothing of node_modules.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdl, PROCESS_TIMEOUT_MS, ROOT, run, timeoutFor, type Run } from '../support/processes.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pdl-choice-'));
const NOW = Date.now() / 1000;

/** Writes `text` to `path` below the scratch repository, dated `secondsAgo` ago. */
function put(path: string, text: string, secondsAgo: number): void {
  const file = join(scratch, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  date(path, secondsAgo);
}

function date(path: string, secondsAgo: number): void {
  utimesSync(join(scratch, path), NOW - secondsAgo, NOW - secondsAgo);
}

/** The scratch copy of bin/pdl.js, run with PDL_DEBUG=1: what it printed and why. */
function choose(env: NodeJS.ProcessEnv = {}): { ran: string; why: string; run: Run } {
  const result = run(process.execPath, [join(scratch, 'bin', 'pdl.js')], { cwd: scratch, env: { ...process.env, PDL_DEBUG: '1', PDL_FROM_SOURCE: '', ...env } });
  expect(result.status, result.stderr).toBe(0);
  return { ran: result.stdout.trim(), why: result.stderr.trim(), run: result };
}

beforeAll(() => {
  mkdirSync(join(scratch, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'pdl.js'), join(scratch, 'bin', 'pdl.js'));
  symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  put('package.json', '{ "type": "module" }\n', 300);
  put('tsconfig.json', '{ "compilerOptions": { "allowImportingTsExtensions": true, "noEmit": true } }\n', 300);
  put('cli/main.ts', "export async function main(_argv: readonly string[]): Promise<number> {\n  process.stdout.write('sources\\n');\n  return 0;\n}\n", 200);
  put('cli/unused.ts', 'export const unused = 1;\n', 200);
  put('grammar/parser.ts', 'export const parser = 1;\n', 200);
  put('dist/cli/pdl.mjs', "export async function main() {\n  process.stdout.write('bundle\\n');\n  return 0;\n}\n", 100);
  put('dist/cli/.cli-inputs', 'cli/main.ts\ngrammar/parser.ts\n', 100);
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('bin/pdl.js chooses the bundle or the sources', () => {
  it('runs the bundle while every file it was built from is older than it', () => {
    const { ran, why } = choose();
    expect(ran).toBe('bundle');
    expect(why).toMatch(/^pdl: running dist\/cli\/pdl\.mjs \(chosen in [\d.]+ ms\)$/);
  });

  it('still runs the bundle when a file it was not built from changes', () => {
    date('cli/unused.ts', 10);
    try {
      expect(choose().ran).toBe('bundle');
    } finally {
      date('cli/unused.ts', 200);
    }
  });

  it('runs the sources once a file the bundle was built from is newer, and names it', () => {
    date('grammar/parser.ts', 10);
    try {
      const { ran, why } = choose();
      expect(ran).toBe('sources');
      expect(why).toContain('running the TypeScript sources through tsx: grammar/parser.ts is newer than the bundle');
    } finally {
      date('grammar/parser.ts', 200);
    }
    expect(choose().ran).toBe('bundle');
  }, timeoutFor(2));

  it('runs the sources when a file the bundle was built from is gone', () => {
    put('dist/cli/.cli-inputs', 'cli/main.ts\ngrammar/removed.ts\n', 100);
    try {
      const { ran, why } = choose();
      expect(ran).toBe('sources');
      expect(why).toContain('grammar/removed.ts is gone since the bundle was built');
    } finally {
      put('dist/cli/.cli-inputs', 'cli/main.ts\ngrammar/parser.ts\n', 100);
    }
  }, timeoutFor(1));

  it('without the list (a bundle built before there was one), walks the source folders', () => {
    rmSync(join(scratch, 'dist', 'cli', '.cli-inputs'));
    try {
      expect(choose().ran).toBe('bundle');
      date('cli/unused.ts', 10);
      const { ran, why } = choose();
      expect(ran).toBe('sources');
      expect(why).toContain('cli/unused.ts is newer than the bundle');
    } finally {
      date('cli/unused.ts', 200);
      put('dist/cli/.cli-inputs', 'cli/main.ts\ngrammar/parser.ts\n', 100);
    }
  }, timeoutFor(2));

  it('runs the sources with PDL_FROM_SOURCE=1', () => {
    const { ran, why } = choose({ PDL_FROM_SOURCE: '1' });
    expect(ran).toBe('sources');
    expect(why).toContain('PDL_FROM_SOURCE is set');
  }, timeoutFor(1));
});

describe('the list the build writes (dist/cli/.cli-inputs)', () => {
  beforeAll(() => {
    if (pdl(['--version'], { env: { PDL_DEBUG: '1' } }).stderr.includes('running dist/cli/pdl.mjs')) return;
    const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: PROCESS_TIMEOUT_MS });
    expect(built.status, built.stderr).toBe(0);
  }, timeoutFor(3));

  it('names the sources of every command and nothing of node_modules, each an existing file', () => {
    const listed = readFileSync(join(ROOT, 'dist', 'cli', '.cli-inputs'), 'utf8').split('\n').filter((line) => line !== '');
    for (const source of ['cli/main.ts', 'cli/check.ts', 'cli/compile.ts', 'cli/simulate-worker.ts', 'grammar/parser.ts', 'grammar/recorded-grammar.ts', 'compiler/pipeline.ts', 'runtime/evaluate.ts']) {
      expect(listed).toContain(source);
    }
    expect(listed.filter((path) => path.includes('node_modules') || path.startsWith('/') || path.includes('\\') || path.startsWith('..'))).toEqual([]);
    expect(listed.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
    expect([...listed].sort()).toEqual(listed);
  });
});
