/**
 * The `pdl` command line's usage errors, help and version (these answer without loading the
 * compiler). `--version` and a missing option run bin/pdl.js as a real process (its exit code 2);
 * the other cases run `main` in this process (test/support/processes.ts).
 *
 * Input: the CLI (bin/pdl.js). Output: assertions on exit codes and messages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IN_PROCESS_TIMEOUT_MS, pdl, pdlHere, ROOT, timeoutFor } from '../support/processes.ts';

const POLICY = 'policies/england/statutory-reviews.pdl';
const CASE = 'test/cli/fixtures/case.json';

describe('pdl usage', () => {
  it('--version prints the version of package.json', () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
    const r = pdl(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  }, timeoutFor(1));

  it('--help lists the commands and the exit codes; each command has its own help', async () => {
    const top = await pdlHere(['--help']);
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/check \[options\] <file\.\.\.>/);
    expect(top.stdout).toMatch(/evaluate \[options\] <policy> <case>/);
    expect(top.stdout).toContain('Exit codes:');
    const evaluate = await pdlHere(['evaluate', '--help']);
    expect(evaluate.status).toBe(0);
    for (const option of ['--as-of <date>', '--json', '--holidays <file>', '--policies <dir>', '--no-color']) expect(evaluate.stdout).toContain(option);
    const check = await pdlHere(['check', '--help']);
    expect(check.status).toBe(0);
    for (const option of ['--json', '--policies <dir>', '--no-color']) expect(check.stdout).toContain(option);
  }, IN_PROCESS_TIMEOUT_MS);

  it('evaluate without --as-of: exit 2 with a clear message', () => {
    const r = pdl(['evaluate', POLICY, CASE]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("required option '--as-of <date>' not specified");
  }, timeoutFor(1));

  it('an --as-of that is not a real date: exit 2', async () => {
    const bad = await pdlHere(['evaluate', POLICY, CASE, '--as-of', '2025-02-29']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('2025-02-29 is not a real calendar date');
    const shape = await pdlHere(['evaluate', POLICY, CASE, '--as-of', '01/09/2025']);
    expect(shape.status).toBe(2);
    expect(shape.stderr).toContain('YYYY-MM-DD');
  }, IN_PROCESS_TIMEOUT_MS);

  it('no command, an unknown command or option, a missing argument: exit 2', async () => {
    for (const args of [[], ['compile-all'], ['check', '--frobnicate', POLICY], ['check'], ['evaluate', POLICY, '--as-of', '2025-09-01']]) {
      const r = await pdlHere(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.length, args.join(' ')).toBeGreaterThan(0);
    }
  }, IN_PROCESS_TIMEOUT_MS);
});
