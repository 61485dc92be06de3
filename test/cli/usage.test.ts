/**
 * The `pdl` command line's usage errors, help and version, run as a real process (these answer
 * without loading the compiler).
 *
 * Input: the CLI (bin/pdl.js). Output: assertions on exit codes and messages.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TIMEOUT = 20_000;
const POLICY = 'policies/england/statutory-reviews.pdl';
const CASE = 'test/cli/fixtures/case.json';

function pdl(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/pdl.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: TIMEOUT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('pdl usage', () => {
  it('--version prints the version of package.json', () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
    const r = pdl(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  }, TIMEOUT);

  it('--help lists the commands and the exit codes; each command has its own help', () => {
    const top = pdl(['--help']);
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/check \[options\] <file\.\.\.>/);
    expect(top.stdout).toMatch(/evaluate \[options\] <policy> <case>/);
    expect(top.stdout).toContain('Exit codes:');
    const evaluate = pdl(['evaluate', '--help']);
    expect(evaluate.status).toBe(0);
    for (const option of ['--as-of <date>', '--json', '--holidays <file>', '--policies <dir>', '--no-color']) expect(evaluate.stdout).toContain(option);
    const check = pdl(['check', '--help']);
    expect(check.status).toBe(0);
    for (const option of ['--json', '--policies <dir>', '--no-color']) expect(check.stdout).toContain(option);
  }, 3 * TIMEOUT);

  it('evaluate without --as-of: exit 2 with a clear message', () => {
    const r = pdl(['evaluate', POLICY, CASE]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("required option '--as-of <date>' not specified");
  }, TIMEOUT);

  it('an --as-of that is not a real date: exit 2', () => {
    const bad = pdl(['evaluate', POLICY, CASE, '--as-of', '2025-02-29']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('2025-02-29 is not a real calendar date');
    const shape = pdl(['evaluate', POLICY, CASE, '--as-of', '01/09/2025']);
    expect(shape.status).toBe(2);
    expect(shape.stderr).toContain('YYYY-MM-DD');
  }, 2 * TIMEOUT);

  it('no command, an unknown command or option, a missing argument: exit 2', () => {
    for (const args of [[], ['compile-all'], ['check', '--frobnicate', POLICY], ['check'], ['evaluate', POLICY, '--as-of', '2025-09-01']]) {
      const r = pdl(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.length, args.join(' ')).toBeGreaterThan(0);
    }
  }, 5 * TIMEOUT);
});
