/**
 * `pdl check`: the statutory baseline compiles cleanly, a bad policy gives coded diagnostics with
 * ranges (JSON) and a code frame (human), an unreadable file is exit 2. The human output runs as a
 * real process (bin/pdl.js, its output a real pipe); the other cases run `main` in this process
 * (test/support/processes.ts).
 *
 * Input: the CLI (bin/pdl.js) and files under policies/ and test/cli/fixtures/. Output: assertions.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IN_PROCESS_TIMEOUT_MS, pdl, pdlHere, timeoutFor } from '../support/processes.ts';

interface JsonReport {
  files: { file: string; diagnostics: { code: string; severity: string; message: string; file: string; range: Record<string, number>; help?: string }[] }[];
  errors: number;
  warnings: number;
}

describe('pdl check', () => {
  it('the statutory baseline: exit 0, no errors', async () => {
    const r = await pdlHere(['check', 'policies/england/statutory-reviews.pdl', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.errors).toBe(0);
    expect(report.files).toEqual([{ file: 'policies/england/statutory-reviews.pdl', diagnostics: [] }]);
  }, IN_PROCESS_TIMEOUT_MS);

  it('a bad policy: exit 1, JSON diagnostics with code and range', async () => {
    const r = await pdlHere(['check', 'test/cli/fixtures/bad.pdl', '--json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.errors).toBe(1);
    expect(report.warnings).toBe(0);
    const [d] = report.files[0]?.diagnostics ?? [];
    expect(d).toMatchObject({
      code: 'pdl/unknown-role',
      severity: 'error',
      file: 'test/cli/fixtures/bad.pdl',
      range: { startLine: 13, startColumn: 9, endLine: 13, endColumn: 17 },
    });
    expect(d?.message).toContain('iro_team');
    expect(typeof d?.range['start']).toBe('number');
    expect(d?.range['end']).toBe((d?.range['start'] ?? 0) + 'iro_team'.length);
  }, IN_PROCESS_TIMEOUT_MS);

  it('a bad policy: human output with a code frame and a summary line, no colour in a pipe', () => {
    const r = pdl(['check', 'test/cli/fixtures/bad.pdl']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('error[pdl/unknown-role]');
    expect(r.stdout).toContain('--> test/cli/fixtures/bad.pdl:13:9');
    expect(r.stdout).toContain('13 |   owner iro_team\n');
    expect(r.stdout).toMatch(/\|\s{9}\^{8}\n/);
    expect(r.stdout).toContain('test/cli/fixtures/bad.pdl: 1 error, 0 warnings');
    expect(r.stdout).not.toContain('\u001b[');
  }, timeoutFor(1));

  it('a file that cannot be read: exit 2, stderr names it', async () => {
    const r = await pdlHere(['check', 'test/cli/fixtures/no-such-policy.pdl']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('test/cli/fixtures/no-such-policy.pdl');
  }, IN_PROCESS_TIMEOUT_MS);

  describe('policies that extend each other in a circle', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'pdl-check-circle-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));
    const write = (path: string, id: string, parent: string): void => {
      mkdirSync(join(scratch, path, '..'), { recursive: true });
      writeFileSync(join(scratch, path), `policy ${id} extends ${parent}\n  title "${id}"\n`);
    };
    write('two/a.pdl', 'c.a', 'c.b');
    write('two/b.pdl', 'c.b', 'c.a');
    write('three/x.pdl', 'c.x', 'c.y');
    write('three/lib/y.pdl', 'c.y', 'c.z');
    write('lib3/z.pdl', 'c.z', 'c.x');
    const circle = (...ids: string[]): string => `policies extend each other in a circle: \`${ids[0]}\` extends ${ids.slice(1).map((id) => `\`${id}\``).join(', which extends ')}`;
    const reported = (stdout: string): [string, string, string][] =>
      (JSON.parse(stdout) as JsonReport).files.flatMap((f) => f.diagnostics.map((d): [string, string, string] => [f.file.slice(f.file.lastIndexOf('/') + 1), d.code, d.message]));

    it('files given together: each reports the circle from itself, once, at its `extends`; none says `pdl check` the other', async () => {
      const r = await pdlHere(['check', '--json', 'two/a.pdl', 'two/b.pdl'], {}, scratch);
      expect(r.status).toBe(1);
      expect(reported(r.stdout)).toEqual([
        ['a.pdl', 'pdl/extends-cycle', circle('c.a', 'c.b', 'c.a')],
        ['b.pdl', 'pdl/extends-cycle', circle('c.b', 'c.a', 'c.b')],
      ]);
      expect((JSON.parse(r.stdout) as JsonReport).files[0]?.diagnostics[0]?.range).toMatchObject({ startLine: 1, startColumn: 20, endColumn: 23 });
    }, IN_PROCESS_TIMEOUT_MS);

    it('a circle of three, the third found with `--policies`: the whole circle, in order from the policy checked', async () => {
      const r = await pdlHere(['check', '--json', '--policies', 'lib3', 'three/x.pdl', 'three/lib/y.pdl'], {}, scratch);
      expect(r.status).toBe(1);
      expect(reported(r.stdout)).toEqual([
        ['x.pdl', 'pdl/extends-cycle', circle('c.x', 'c.y', 'c.z', 'c.x')],
        ['y.pdl', 'pdl/extends-cycle', circle('c.y', 'c.z', 'c.x', 'c.y')],
      ]);
    }, IN_PROCESS_TIMEOUT_MS);
  });
});
