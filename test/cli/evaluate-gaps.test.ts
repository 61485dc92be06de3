/**
 * `pdl evaluate` carries the notices of rules that could not be measured (runtime/gaps.ts), in its
 * text output (the "Notices" list) and in its JSON (`notices`, with code, params and case data).
 *
 * Input: policies/bristol.pdl and test/cli/fixtures/gaps-case.json (a review held on Tue 13 May 2025
 * with no record of the child becoming looked after; a postponement approved on Tue 20 May 2025 with
 * no request), run in this process. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import type { EvaluationResult } from '../../runtime/index.ts';
import { IN_PROCESS_TIMEOUT_MS, pdlHere } from '../support/processes.ts';

const ARGS = ['evaluate', 'policies/bristol.pdl', 'test/cli/fixtures/gaps-case.json', '--as-of', '2025-06-01'];

describe('pdl evaluate: rules that could not be measured', () => {
  it('text: the three gaps in the notices, each naming the event that would make its rules measurable', async () => {
    const r = await pdlHere(ARGS);
    expect(r.stderr).toBe('');
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain(
      'Notices - the `review_held` event of 2025-05-13 shows that cycle `looked_after_review` applies, but no `became_looked_after` on or before it started a run, so the cycle could not be measured; a `became_looked_after` on or before that date would make it measurable',
    );
    expect(text).toContain(
      '- the `review_postponement_approved` event of 2025-05-20 has no `review_postponement_requested` on or before it to pair with, so approvals `iro_postponement`, `social_worker_postponement` could not check who approved it or the steps required before it; a `review_postponement_requested` on or before that date would make them measurable',
    );
    expect(text).toContain(
      '- the `review_postponement_approved` event of 2025-05-20 is followed by no `review_postponed` (order `postponement_only_after_approval` puts one after it), so rules `review_rearranged_by_iro`, `review_rearranged_by_social_worker`, measured from a `review_postponed`, could not be measured for it; a `review_postponed` on or after that date would make them measurable',
    );
  }, IN_PROCESS_TIMEOUT_MS);

  it('JSON: the notices with their codes, params and case data', async () => {
    const r = await pdlHere([...ARGS, '--json']);
    const result = JSON.parse(r.stdout) as EvaluationResult;
    expect(result.notices.map((n) => ({ code: n.code, params: n.params, caseData: n.caseData }))).toEqual([
      { code: 'notice/cycle-not-started', params: { rule: 'looked_after_review', event: 'review_held', starts: ['became_looked_after'] }, caseData: { date: '2025-05-13' } },
      {
        code: 'notice/decision-without-request',
        params: { event: 'review_postponement_approved', request: 'review_postponement_requested', approvals: ['iro_postponement', 'social_worker_postponement'] },
        caseData: { date: '2025-05-20' },
      },
      {
        code: 'notice/approved-step-not-recorded',
        params: { event: 'review_postponement_approved', step: 'review_postponed', order: 'postponement_only_after_approval', rules: ['review_rearranged_by_iro', 'review_rearranged_by_social_worker'] },
        caseData: { date: '2025-05-20' },
      },
    ]);
  }, IN_PROCESS_TIMEOUT_MS);
});
