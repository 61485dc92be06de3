/**
 * `pdl evaluate` on a duty whose meeting was rearranged (runtime/kinds/duty.ts, "Rearranged"): the
 * duty of the first arrangement is listed under "Superseded" with the same reason as the deadline
 * measured from that arrangement, not as a `missed` row; in `--json` it is in `superseded` (anchor
 * `review_scheduled.for`, `due` its bound), and the obligations hold only the new arrangement's duty.
 *
 * Input: test/cli/fixtures/rearranged-duty.pdl (extends the statutory policy) and
 * test/cli/fixtures/rearranged-duty-case.json (arranged Thu 2 Oct 2025 for Tue 28 Oct, rearranged
 * Mon 20 Oct for Mon 10 Nov, care plan Sat 1 Nov, child prepared Wed 5 Nov, review Mon 10 Nov), run in
 * this process as of Wed 12 Nov 2025. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import type { EvaluationResult } from '../../runtime/index.ts';
import { IN_PROCESS_TIMEOUT_MS, pdlHere } from '../support/processes.ts';

const ARGS = ['evaluate', 'test/cli/fixtures/rearranged-duty.pdl', 'test/cli/fixtures/rearranged-duty-case.json', '--as-of', '2025-11-12'];
const REASON = 'rearranged: a later review_scheduled recorded on Mon 20 Oct 2025 for Mon 10 Nov 2025 replaced the one for Tue 28 Oct 2025 before it happened';

describe('pdl evaluate with a duty of a rearranged meeting', () => {
  it('human: no missed row; the first arrangement\'s duty is superseded, as its deadline is', async () => {
    const r = await pdlHere(ARGS);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('missed');
    const rows = r.stdout.split('\n').filter((l) => /^\s+\d+\s+\w+\s+\d+\s/.test(l)).map((l) => l.trim().split(/\s{2,}/));
    expect(rows.filter((row) => row[1] === 'prepare_child')).toEqual([['4', 'prepare_child', '2', 'social_worker', 'by 2025-11-10', 'met', '2025-11-05']]);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain(`care_plan (occurrence 1, due 2025-10-23): ${REASON}`);
    expect(text).toContain(`prepare_child (occurrence 1, due 2025-10-28): ${REASON}`);
  }, IN_PROCESS_TIMEOUT_MS);

  it('JSON: the duty is among the superseded, with the deadline\'s reason', async () => {
    const r = await pdlHere([...ARGS, '--json']);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as EvaluationResult;
    expect(result.obligations.filter((o) => o.rule === 'prepare_child').map((o) => [o.occurrence, o.bound, o.status])).toEqual([[2, '2025-11-10', 'met']]);
    expect(result.superseded).toEqual([
      { rule: 'care_plan', occurrence: 1, anchor: { event: 'review_scheduled', attribute: 'for', date: '2025-10-28' }, due: '2025-10-23', reason: REASON },
      { rule: 'prepare_child', occurrence: 1, anchor: { event: 'review_scheduled', attribute: 'for', date: '2025-10-28' }, due: '2025-10-28', reason: REASON },
    ]);
  }, IN_PROCESS_TIMEOUT_MS);
});
