/** `pdl test`: the summary line and the exit code. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pdl = (...args: string[]) => spawnSync(process.execPath, ['bin/pdl.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('pdl test', () => {
  it('runs the tests beside a policy and exits 0 when they pass', () => {
    const r = pdl('test', 'policies/england/statutory-reviews.pdl');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    expect(r.status).toBe(0);
  }, 30_000);

  it('prints `N passed, N failed` and exits 1 when one fails', () => {
    const r = pdl('test', 'test/cli/fixtures/tests/failing.tests.yaml');
    expect(r.stdout).toMatch(/^1 passed, 1 failed$/m);
    expect(r.stdout).toContain('✗ fails on purpose');
    expect(r.status).toBe(1);
  }, 30_000);

  it('exits 2 for a path that does not exist', () => {
    const r = pdl('test', 'no/such/file.tests.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot read');
  }, 30_000);
});
