/**
 * `pdl test`: the summary line and the exit code. Input: the tests beside the statutory policy and a
 * failing fixture. The failing run is a real process (bin/pdl.js, exit 1); the others run `main` in
 * this process (test/support/processes.ts). Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { IN_PROCESS_TIMEOUT_MS, pdl as pdlProcess, pdlHere, timeoutFor } from '../support/processes.ts';

const pdl = (...args: string[]) => pdlProcess(args, { env: { NO_COLOR: '1' } });
const here = (...args: string[]) => pdlHere(args, { NO_COLOR: '1' });

describe('pdl test', () => {
  it('runs the tests beside a policy and exits 0 when they pass', async () => {
    const r = await here('test', 'policies/england/statutory-reviews.pdl');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    expect(r.status).toBe(0);
  }, IN_PROCESS_TIMEOUT_MS);

  it('prints `N passed, N failed` and exits 1 when one fails', () => {
    const r = pdl('test', 'test/cli/fixtures/tests/failing.tests.yaml');
    expect(r.stdout).toMatch(/^1 passed, 1 failed$/m);
    expect(r.stdout).toContain('✗ fails on purpose');
    expect(r.status).toBe(1);
  }, timeoutFor(1));

  it('exits 2 for a path that does not exist', async () => {
    const r = await here('test', 'no/such/file.tests.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot read');
  }, IN_PROCESS_TIMEOUT_MS);
});
