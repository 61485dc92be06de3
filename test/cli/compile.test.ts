/**
 * `pdl compile`, run as a real process: writes the four files (named after the policy file) into a
 * new folder and says so; the module it wrote evaluates the fixture case exactly as `pdl evaluate
 * --json` prints it; `--runtime` changes the import; a policy with errors is exit 1 with a code frame
 * and writes nothing; a missing policy, a missing `--out` and an unwritable folder are exit 2.
 *
 * Input: bin/pdl.js, policies/, test/cli/fixtures/. Output: assertions; scratch files under
 * test-artifacts/ (gitignored), removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRATCH = join(ROOT, 'test-artifacts', `cli-compile-${process.pid}`);
const TIMEOUT = 60_000;

function pdl(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['FORCE_COLOR'];
  delete env['NO_COLOR'];
  const r = spawnSync(process.execPath, ['bin/pdl.js', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: TIMEOUT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe('pdl compile', () => {
  it('writes NAME.ts, .js, .d.ts and .schema.json, and the module evaluates as pdl evaluate does', async () => {
    const out = join(SCRATCH, 'statutory');
    const r = pdl(['compile', 'policies/england/statutory-reviews.pdl', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rel = out.slice(ROOT.length).replace(/^\//, '');
    expect(r.stdout.trim().split('\n')).toEqual(['.ts', '.js', '.d.ts', '.schema.json'].map((x) => `wrote ${rel}/statutory-reviews${x}`));
    expect(readdirSync(out).sort()).toEqual(['statutory-reviews.d.ts', 'statutory-reviews.js', 'statutory-reviews.schema.json', 'statutory-reviews.ts']);

    const evaluated = pdl(['evaluate', 'policies/england/statutory-reviews.pdl', 'test/cli/fixtures/case.json', '--as-of', '2025-09-01', '--json']);
    expect(evaluated.status).toBe(0);
    const m = (await import(/* @vite-ignore */ pathToFileURL(join(out, 'statutory-reviews.js')).href)) as { evaluate(i: unknown, d: string): { ok: boolean; result?: unknown } };
    const outcome = m.evaluate(JSON.parse(readFileSync(join(ROOT, 'test/cli/fixtures/case.json'), 'utf8')), '2025-09-01');
    expect(outcome.ok).toBe(true);
    expect(JSON.parse(JSON.stringify(outcome.result))).toEqual(JSON.parse(evaluated.stdout));
  }, TIMEOUT);

  it('--runtime names the module the emitted code imports', () => {
    const out = join(SCRATCH, 'runtime');
    const r = pdl(['compile', 'policies/bristol.pdl', '--out', out, '--runtime', '@acme/pdl-runtime']);
    expect(r.status).toBe(0);
    expect(readFileSync(join(out, 'bristol.js'), 'utf8')).toContain('import { parsePlainDate, preparePolicy } from "@acme/pdl-runtime";');
    expect(readFileSync(join(out, 'bristol.ts'), 'utf8')).not.toContain('pdl/runtime');
  }, TIMEOUT);

  it('a policy with errors: exit 1, a code frame, nothing written', () => {
    const out = join(SCRATCH, 'bad');
    const r = pdl(['compile', 'test/cli/fixtures/bad.pdl', '--out', out, '--no-color']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[pdl\/[a-z-]+\]|pdl\/[a-z-]+/);
    expect(r.stderr).toContain('test/cli/fixtures/bad.pdl has errors; nothing was written');
    expect(existsSync(out)).toBe(false);
  }, TIMEOUT);

  it('usage problems: exit 2', () => {
    const missing = pdl(['compile', 'policies/no-such.pdl', '--out', join(SCRATCH, 'x')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read policies/no-such.pdl');
    const noOut = pdl(['compile', 'policies/bristol.pdl']);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain("required option '--out <dir>' not specified");
    mkdirSync(SCRATCH, { recursive: true });
    const file = join(SCRATCH, 'a-file');
    writeFileSync(file, 'not a folder');
    const unwritable = pdl(['compile', 'policies/bristol.pdl', '--out', file]);
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toMatch(/^error: cannot write to /);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  }, TIMEOUT);
});
