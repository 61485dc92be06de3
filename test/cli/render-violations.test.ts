/**
 * `pdl evaluate`'s text report of violations (`renderResult`, in process): each names its rule, kind,
 * message, event and citation, and a violation without a citation (an event naming a ladder the
 * policy does not declare: docs/language.md and runtime/result.ts give it the citation '') is shown
 * without an empty one. A walkthrough found `[escalation_raised on 2025-12-01; ]`.
 *
 * Input: a self-contained policy with one ladder, and cases as plain JSON. Output: pass/fail.
 */
import { describe, expect, it } from 'vitest';
import { renderResult } from '../../cli/evaluate.ts';
import type { EvaluationResult } from '../../runtime/index.ts';
import { compiledPolicy } from '../support/compiled.ts';

const TEXT = `policy local.render_violations
  title "Violations in the report"

calendar england-and-wales

role iro          "IRO"
role team_manager "Team manager"

event escalation_raised   { ladder: text, stage: number, by?: role }
event escalation_response { ladder: text, stage: number, satisfactory: boolean }
event escalation_resolved { ladder: text }

ladder disputes "Disputes"
  raised by iro
  stage 1 alert team_manager respond within 5 working days cite "L1"
  cite "L"
`;

function reportOf(events: readonly Record<string, unknown>[]): string {
  const evaluation = compiledPolicy(TEXT, { uri: 'render-violations.pdl' }).evaluate({ id: 'c', child: { dob: '2015-03-01' }, events }, '2025-12-10');
  if (!evaluation.ok) throw new Error(`case refused: ${evaluation.errors.map((e) => e.message).join('; ')}`);
  const result: EvaluationResult = evaluation.result;
  expect(result.violations.length).toBe(1);
  // The report wraps its lines: compare with the line breaks and indents made single spaces.
  return renderResult(result, false).replace(/\s+/g, ' ');
}

describe('violations in the text report', () => {
  it('shows no empty citation for a ladder the policy does not declare', () => {
    const report = reportOf([{ type: 'escalation_raised', date: '2025-12-01', ladder: 'disput', stage: 1 }]);
    expect(report).toContain('which the policy does not declare (its ladders: `disputes`) [escalation_raised on 2025-12-01]');
    expect(report).not.toContain('; ]');
  });

  it('shows the citation of a declared ladder after the event', () => {
    const report = reportOf([{ type: 'escalation_raised', date: '2025-12-01', ladder: 'disputes', stage: 2 }]);
    expect(report).toContain('names stage 2 of disputes, which has no such stage (its stage 1) [escalation_raised on 2025-12-01; L]');
  });
});
