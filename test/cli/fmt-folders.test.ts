/**
 * `pdl fmt` takes paths as `pdl check` does (cli/files-below.ts `filesNamed`): a folder with no `.pdl`
 * file below it is a usage error in every mode (before, `--check` and `--write` exited 0 saying
 * nothing, and printing mode said "give one file"), `--write --check` is a usage error (before,
 * `--write` was silently dropped), and printing a folder of several files says how many it holds.
 *
 * Input: scratch folders. Output: assertions; each run is `main` in this process.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IN_PROCESS_TIMEOUT_MS, pdlHere, ROOT } from '../support/processes.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pdl-fmt-folders-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('pdl fmt and folders', () => {
  it('a folder with no .pdl file: the message of pdl check, exit 2, in every mode', async () => {
    const empty = join(scratch, 'empty');
    mkdirSync(join(empty, 'sub'), { recursive: true });
    writeFileSync(join(empty, 'sub', 'notes.txt'), 'not a policy\n');
    const check = await pdlHere(['check', empty]);
    expect(check.stderr.trim()).toBe(`error: no .pdl files in ${empty}`);
    expect(check.status).toBe(2);
    for (const mode of [['--check'], ['--write'], []]) {
      const r = await pdlHere(['fmt', ...mode, empty]);
      expect(r.stderr.trim(), mode.join(' ')).toBe(check.stderr.trim());
      expect(r.status, mode.join(' ')).toBe(2);
      expect(r.stdout, mode.join(' ')).toBe('');
    }
  }, IN_PROCESS_TIMEOUT_MS);

  it('--write with --check: a usage error, and nothing is written', async () => {
    const folder = join(scratch, 'both');
    mkdirSync(folder);
    const file = join(folder, 'p.pdl');
    const unformatted = readFileSync(join(ROOT, 'policies/england/statutory-reviews.pdl'), 'utf8').replace('role iro', 'role   iro');
    writeFileSync(file, unformatted);
    const r = await pdlHere(['fmt', '--write', '--check', file]);
    expect(r.stderr.trim()).toBe('error: --write and --check cannot be used together (--check writes nothing: it lists the files --write would change)');
    expect(r.status).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(unformatted);
    const check = await pdlHere(['fmt', '--check', file]);
    expect(check.stdout.trim()).toBe(`${file}: not formatted`);
    expect(check.status).toBe(1);
  }, IN_PROCESS_TIMEOUT_MS);

  it('printing: a folder of several files says how many it holds; a folder of one prints it', async () => {
    const two = join(scratch, 'two');
    mkdirSync(two);
    copyFileSync(join(ROOT, 'policies/england/statutory-reviews.pdl'), join(two, 'a.pdl'));
    copyFileSync(join(ROOT, 'policies/england/statutory-reviews.pdl'), join(two, 'b.pdl'));
    const r = await pdlHere(['fmt', two]);
    expect(r.stderr.trim()).toBe(`error: ${two} holds 2 .pdl files: give one file to print it formatted, or use --write or --check`);
    expect(r.status).toBe(2);
    rmSync(join(two, 'b.pdl'));
    const one = await pdlHere(['fmt', two]);
    expect(one.stdout).toBe(readFileSync(join(two, 'a.pdl'), 'utf8'));
    expect(one.status).toBe(0);
  }, IN_PROCESS_TIMEOUT_MS);
});
