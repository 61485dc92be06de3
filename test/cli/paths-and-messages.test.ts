/**
 * One rule for naming files in every command's messages (cli/output.ts `shownPath`): relative to the
 * working directory when inside it, absolute otherwise. Before, `pdl test /tmp/my/p2.pdl` named the
 * expected tests file by a path climbing out of the working directory with `..`, and `compile` wrote
 * its `wrote` lines the same way where `docs` printed the path as given. Also one message for a `--from` after `--to` (cli/output.ts
 * `dateRangeProblem`; conformance worded it apart), and a broken tests file's YAML message ends
 * without a bare colon.
 *
 * Input: scratch folders outside the repository. Output: assertions; runs are `main` in this process
 * (compile loads ts-morph, a few seconds).
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dateRangeProblem, shownPath } from '../../cli/output.ts';
import { IN_PROCESS_TIMEOUT_MS, pdlHere, ROOT } from '../support/processes.ts';

const POLICY = 'policies/england/statutory-reviews.pdl';
const scratch = mkdtempSync(join(tmpdir(), 'pdl-paths-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('shownPath', () => {
  it('relative inside the working directory however typed, absolute outside it', () => {
    expect(shownPath('policies/bristol.pdl', '/repo')).toBe('policies/bristol.pdl');
    expect(shownPath('./policies/../policies/bristol.pdl', '/repo/')).toBe('policies/bristol.pdl');
    expect(shownPath('/repo/policies/bristol.pdl', '/repo')).toBe('policies/bristol.pdl');
    expect(shownPath('/tmp/my/p2.tests.yaml', '/repo')).toBe('/tmp/my/p2.tests.yaml');
    expect(shownPath('../other/x.pdl', '/repo')).toBe('/other/x.pdl');
    expect(shownPath('..x/y.pdl', '/repo')).toBe('..x/y.pdl');
    expect(shownPath('/repo', '/repo')).toBe('.');
  });
});

describe('paths in messages', () => {
  it('pdl test names the missing tests file as the policy is named: absolute outside the working directory', async () => {
    const policy = join(scratch, 'p2.pdl');
    copyFileSync(join(ROOT, POLICY), policy);
    const r = await pdlHere(['test', policy]);
    expect(r.stderr.trim()).toBe(`error: ${policy} has no tests: expected ${join(scratch, 'p2.tests.yaml')}`);
    expect(r.status).toBe(2);
  }, IN_PROCESS_TIMEOUT_MS);

  it('compile and docs say `wrote PATH` the same way: absolute outside the working directory, relative inside', async () => {
    const out = join(scratch, 'out1');
    const compiled = await pdlHere(['compile', POLICY, '--out', out]);
    expect(compiled.stdout.split('\n')[0]).toBe(`wrote ${out}/statutory-reviews.mts`);
    expect(compiled.status).toBe(0);
    const docs = await pdlHere(['docs', POLICY, '--format', 'html', '--out', join(scratch, 'docout', 'x.html')]);
    expect(docs.stdout.trim()).toBe(`wrote ${join(scratch, 'docout', 'x.html')}`);
    const inside = await pdlHere(['docs', join(ROOT, POLICY), '--out', `${scratch}/x.md`], {}, scratch);
    expect(inside.stdout.trim()).toBe('wrote x.md');
  }, IN_PROCESS_TIMEOUT_MS * 2);
});

describe('messages', () => {
  it('--from after --to: one message for conformance, generate and simulate', async () => {
    const expected = 'error: --from 2024-01-01 is after --to 2023-01-01';
    expect(dateRangeProblem('2024-01-01', '2023-01-01')).toBe(expected);
    expect(dateRangeProblem('2023-01-01', '2023-01-01')).toBeUndefined();
    expect(dateRangeProblem('2023-02-30', '2024-01-01')).toBe('error: --from 2023-02-30 is not a date as YYYY-MM-DD');
    const range = ['--from', '2024-01-01', '--to', '2023-01-01'];
    const runs = [
      await pdlHere(['conformance', POLICY, ...range]),
      await pdlHere(['generate', '--children', '1', ...range, '--seed', 's', '--out', '-']),
      await pdlHere(['simulate', '--baseline', POLICY, '--reform', POLICY, '--children', '1', ...range]),
    ];
    for (const r of runs) {
      expect(r.stderr.trim()).toBe(expected);
      expect(r.status).toBe(2);
    }
  }, IN_PROCESS_TIMEOUT_MS * 2);

  it('a tests file that is not valid YAML: the message ends with its place, not a bare colon', async () => {
    const file = join(scratch, 'broken.tests.yaml');
    writeFileSync(file, 'policy: p2.pdl\ntests:\n  - name: a\n    as_of: 2025-01-01\n  bad: [\n');
    const r = await pdlHere(['test', file]);
    const line = r.stdout.split('\n').find((l) => l.includes('not valid YAML'));
    expect(line).toMatch(/^error: .*broken\.tests\.yaml: \$: not valid YAML: .* at line \d+, column \d+$/);
    expect(r.status).toBe(1);
  }, IN_PROCESS_TIMEOUT_MS);
});
