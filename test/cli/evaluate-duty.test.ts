/**
 * `pdl evaluate` on a policy with duties: the table shows a duty's bound (`by YYYY-MM-DD`) or `-`
 * where a due date would be, its status (`outstanding`, `missed`) in the summary line, and the
 * explanations carry the document's wording and the citation; the JSON has no `due` for a duty.
 *
 * Input: test/cases/duties/good/duties.pdl and test/cli/fixtures/duties-case.json (scheduled Thu 1
 * May 2025 for Wed 28 May 2025; a review held Thu 8 May 2025), run in this process. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import type { EvaluationResult } from '../../runtime/index.ts';
import { IN_PROCESS_TIMEOUT_MS, pdlHere } from '../support/processes.ts';

const ARGS = ['evaluate', 'test/cases/duties/good/duties.pdl', 'test/cli/fixtures/duties-case.json', '--as-of', '2025-05-30'];

describe('pdl evaluate with duties', () => {
  it('human: bounds in the Due column, the duty statuses counted, the wording in the explanations', async () => {
    const r = await pdlHere(ARGS);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('6 obligations: 2 missed, 1 open, 2 outstanding, 1 met');
    const rows = r.stdout.split('\n').filter((l) => /^\s+\d+\s+\w+\s+\d+\s/.test(l)).map((l) => l.trim().split(/\s{2,}/));
    expect(rows).toEqual([
      ['1', 'looked_after_review', '1', 'iro', '2025-05-15', 'met', '2025-05-08'],
      ['2', 'looked_after_review', '2', 'iro', '2025-11-08', 'open', '-'],
      ['3', 'consult_iro', '1', 'social_worker', 'by 2025-05-08', 'missed', '-'],
      ['4', 'prepare_child', '1', 'social_worker', 'by 2025-05-28', 'missed', '-'],
      ['5', 'consult_iro', '2', 'social_worker', '-', 'outstanding', '-'],
      ['6', 'record_reasons', '1', 'social_worker', '-', 'outstanding', '-'],
    ]);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('prepare_child (occurrence 1): after review_scheduled on Thu 1 May 2025, "as soon as practicable", by review_scheduled.for, Wed 28 May 2025; missed: no child_prepared on or after Thu 1 May 2025 by Wed 28 May 2025. Source: Practice Change, bullet 2.');
    expect(text).toContain('"at the earliest opportunity", with no date by which it must be done; outstanding:');
  }, IN_PROCESS_TIMEOUT_MS);

  it('JSON: a duty has no due, and has its bound and wording', async () => {
    const r = await pdlHere([...ARGS, '--json']);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as EvaluationResult;
    const prepare = result.obligations.find((o) => o.rule === 'prepare_child');
    expect(prepare).toMatchObject({ bound: '2025-05-28', wording: 'as soon as practicable', status: 'missed', citation: 'Practice Change, bullet 2' });
    expect(Object.keys(prepare ?? {})).not.toContain('due');
    expect(Object.keys(result.obligations.find((o) => o.rule === 'record_reasons') ?? {})).not.toContain('bound');
  }, IN_PROCESS_TIMEOUT_MS);
});
