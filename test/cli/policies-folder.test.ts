/**
 * `--policies DIR` with DIR not a folder: every command that takes the option says
 * `error: --policies DIR: not a folder` and exits 2 (docs/cli.md, cli/host.ts `missingFolders`).
 * `pdl test` and `pdl conformance` ignored it and ran. The list of commands is read from `pdl --help`
 * and each command's own `--help`, so a command added later with `--policies` is tested too (it must
 * be given arguments below).
 *
 * Input: the repository's policies and fixtures. Output: assertions; each run is `main` in this process.
 */
import { describe, expect, it } from 'vitest';
import { IN_PROCESS_TIMEOUT_MS, pdlHere } from '../support/processes.ts';

const POLICY = 'policies/england/statutory-reviews.pdl';

/** Arguments that would otherwise run each command (its required ones). */
const ARGS: Record<string, readonly string[]> = {
  check: [POLICY],
  evaluate: [POLICY, 'test/cli/fixtures/case.json', '--as-of', '2025-09-01'],
  test: [POLICY],
  conformance: [POLICY],
  compile: [POLICY, '--out', 'test-artifacts/never-written'],
  docs: [POLICY],
  coverage: ['policies/bristol.pdl', '--check'],
  generate: ['--children', '1', '--from', '2024-01-01', '--to', '2024-12-31', '--seed', 's', '--out', '-'],
  fit: ['--policy', POLICY, '--caseload', 'test/cli/fixtures/case.json'],
  simulate: ['--baseline', POLICY, '--reform', POLICY, '--caseload', 'test/cli/fixtures/case.json'],
};

describe('--policies that is not a folder', () => {
  it('is a usage error of every command that takes it, with the same message', async () => {
    const top = await pdlHere(['--help']);
    const commands = [...top.stdout.matchAll(/^ {2}(\w+) \[options\]/gm)].map((m) => m[1]!);
    expect(commands).toContain('test');
    const taking: string[] = [];
    for (const command of commands) {
      const help = await pdlHere([command, '--help']);
      if (help.stdout.includes('--policies <dir>')) taking.push(command);
    }
    expect(taking).toEqual(expect.arrayContaining(['check', 'evaluate', 'test', 'conformance', 'compile', 'docs', 'coverage', 'generate', 'fit', 'simulate']));
    for (const command of taking) {
      const args = ARGS[command];
      expect(args, `arguments for pdl ${command}`).toBeDefined();
      const r = await pdlHere([command, ...(args ?? []), '--policies', 'no/such/folder']);
      expect(`${command}: ${r.stderr.trim()}`).toBe(`${command}: error: --policies no/such/folder: not a folder`);
      expect(r.status, command).toBe(2);
      expect(r.stdout, command).toBe('');
    }
  }, IN_PROCESS_TIMEOUT_MS * 2);
});
