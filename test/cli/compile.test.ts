/**
 * `pdl compile`: writes the four files (named after the policy file) into a new folder and says so;
 * the module it wrote evaluates the fixture case exactly as `pdl evaluate --json` prints it;
 * `--runtime` changes the import; a policy with errors is exit 1 with a code frame and writes
 * nothing; a missing policy, a missing `--out` and an unwritable folder are exit 2. Every case runs
 * `main` in this process (test/support/processes.ts); test/cli/startup.test.ts runs `pdl compile` as
 * a real process of the bundle (which loads ts-morph only for this command), and checks its exit code.
 *
 * Input: the CLI (cli/main.ts), policies/, test/cli/fixtures/. Output: assertions; scratch files under
 * test-artifacts/ (gitignored), removed afterwards.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { IN_PROCESS_TIMEOUT_MS, pdlHere, ROOT } from '../support/processes.ts';

const SCRATCH = join(ROOT, 'test-artifacts', `cli-compile-${process.pid}`);

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe('pdl compile', () => {
  it('writes NAME.mts, .mjs, .d.mts and .schema.json, and the module evaluates as pdl evaluate does', async () => {
    const out = join(SCRATCH, 'statutory');
    const r = await pdlHere(['compile', 'policies/england/statutory-reviews.pdl', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rel = out.slice(ROOT.length).replace(/^\//, '');
    expect(r.stdout.trim().split('\n')).toEqual(['.mts', '.mjs', '.d.mts', '.schema.json'].map((x) => `wrote ${rel}/statutory-reviews${x}`));
    expect(readdirSync(out).sort()).toEqual(['statutory-reviews.d.mts', 'statutory-reviews.mjs', 'statutory-reviews.mts', 'statutory-reviews.schema.json']);

    const evaluated = await pdlHere(['evaluate', 'policies/england/statutory-reviews.pdl', 'test/cli/fixtures/case.json', '--as-of', '2025-09-01', '--json']);
    expect(evaluated.status).toBe(0);
    const m = (await import(/* @vite-ignore */ pathToFileURL(join(out, 'statutory-reviews.mjs')).href)) as { evaluate(i: unknown, d: string): { ok: boolean; result?: unknown } };
    const outcome = m.evaluate(JSON.parse(readFileSync(join(ROOT, 'test/cli/fixtures/case.json'), 'utf8')), '2025-09-01');
    expect(outcome.ok).toBe(true);
    expect(JSON.parse(JSON.stringify(outcome.result))).toEqual(JSON.parse(evaluated.stdout));
  }, IN_PROCESS_TIMEOUT_MS);

  it('--runtime names the module the emitted code imports', async () => {
    const out = join(SCRATCH, 'runtime');
    const r = await pdlHere(['compile', 'policies/bristol.pdl', '--out', out, '--runtime', '@acme/pdl-runtime']);
    expect(r.status).toBe(0);
    expect(readFileSync(join(out, 'bristol.mjs'), 'utf8')).toContain('import { parsePlainDate, preparePolicy } from "@acme/pdl-runtime";');
    expect(readFileSync(join(out, 'bristol.mts'), 'utf8')).not.toContain('@pdl/runtime');
  }, IN_PROCESS_TIMEOUT_MS);

  it('a policy with errors: exit 1, a code frame, nothing written', async () => {
    const out = join(SCRATCH, 'bad');
    const r = await pdlHere(['compile', 'test/cli/fixtures/bad.pdl', '--out', out, '--no-color']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[pdl\/[a-z-]+\]|pdl\/[a-z-]+/);
    expect(r.stderr).toContain('test/cli/fixtures/bad.pdl has errors; nothing was written');
    expect(existsSync(out)).toBe(false);
  }, IN_PROCESS_TIMEOUT_MS);

  it('usage problems: exit 2', async () => {
    const missing = await pdlHere(['compile', 'policies/no-such.pdl', '--out', join(SCRATCH, 'x')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read policies/no-such.pdl');
    const noOut = await pdlHere(['compile', 'policies/bristol.pdl']);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain("required option '--out <dir>' not specified");
    mkdirSync(SCRATCH, { recursive: true });
    const file = join(SCRATCH, 'a-file');
    writeFileSync(file, 'not a folder');
    const unwritable = await pdlHere(['compile', 'policies/bristol.pdl', '--out', file]);
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toMatch(/^error: cannot write to .*: a file is in the way where a folder is needed\n$/);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  }, IN_PROCESS_TIMEOUT_MS);
});
