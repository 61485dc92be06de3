/**
 * Each command's `--help` ends with its own exit codes, from the one table `EXIT_MEANINGS` of
 * cli/main.ts; docs/cli.md's "Exit codes" table repeats it row by row. Before, every command printed
 * the same lines (`pdl fmt --help` spoke of malformed cases and holiday files and never said that
 * `--check` exits 1 for a file not formatted).
 *
 * Input: `pdl COMMAND --help` (in this process) and docs/cli.md. Output: assertions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_MEANINGS, exitCodesHelp, type CommandName } from '../../cli/main.ts';
import { IN_PROCESS_TIMEOUT_MS, pdlHere, ROOT } from '../support/processes.ts';

const COMMANDS = Object.keys(EXIT_MEANINGS).filter((c): c is CommandName => c !== 'pdl');

/** The "Exit codes" lines of a help text, continuation lines joined. */
function exitLines(help: string): string[] {
  const section = help.slice(help.indexOf('Exit codes:')).split('\n\n')[0]!;
  return section.replace(/\n {5}/g, ' ').split('\n').slice(1).map((l) => l.trim()).filter((l) => l !== '');
}

describe('exit codes in --help', () => {
  it('every command prints its own lines from the table, and the table has every command', async () => {
    const top = await pdlHere(['--help']);
    const commands = [...top.stdout.matchAll(/^ {2}(\w+) \[options\]/gm)].map((m) => m[1]!);
    expect([...commands].sort()).toEqual([...COMMANDS].sort());
    expect(top.stdout).toContain(exitCodesHelp('pdl'));
    for (const command of COMMANDS) {
      const help = await pdlHere([command, '--help']);
      expect(help.stdout, command).toContain(exitCodesHelp(command));
      const m = EXIT_MEANINGS[command];
      expect(exitLines(help.stdout), command).toEqual([`0 ${m.ok}`, `1 ${m.errors}`, `2 usage: ${['bad arguments or options', ...m.usage].join(', ')}`, '3 internal error (a bug in pdl)'].map((l) => l.replace(/^(\d) /, '$1  ')));
    }
  }, IN_PROCESS_TIMEOUT_MS);

  it('says what each command does: fmt --check exits 1; check, test and fmt never speak of cases or holiday files', async () => {
    const fmt = exitLines((await pdlHere(['fmt', '--help'])).stdout);
    expect(fmt[1]).toContain('(--check) a file is not formatted');
    expect(fmt[2]).toContain('--write with --check');
    for (const command of ['check', 'test', 'fmt']) {
      const lines = exitLines((await pdlHere([command, '--help'])).stdout).join('\n');
      expect(lines, command).not.toMatch(/case|holiday/);
    }
    expect(exitLines((await pdlHere(['evaluate', '--help'])).stdout).join('\n')).toContain('a bad holiday file');
  }, IN_PROCESS_TIMEOUT_MS);

  it('docs/cli.md has one row per command, the same as the table', () => {
    const doc = readFileSync(`${ROOT}docs/cli.md`, 'utf8');
    const section = doc.slice(doc.indexOf('## Exit codes'));
    for (const command of COMMANDS) {
      const m = EXIT_MEANINGS[command];
      const row = section.split('\n').find((l) => l.startsWith(`| \`${command}\` |`));
      expect(row, command).toBe(`| \`${command}\` | ${m.ok} | ${m.errors} | ${m.usage.join(', ')} |`);
    }
  });
});
