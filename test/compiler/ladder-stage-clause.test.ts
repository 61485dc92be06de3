/**
 * The ladder stage clause's parts (`raised by`, `copy` on a referral, `stops the clock`, `when`)
 * round-trip through parse, print and format, one variant a line, and reach the IR as written.
 *
 * Input: a policy text with one ladder whose stages use every part. Output: vitest assertions on the
 * AST (ranges stripped) after printing and after formatting, and on the lowered stages.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr, parseToAst } from '../../compiler/pipeline.ts';
import { formatPolicy } from '../../compiler/format/format.ts';
import { printPolicy, stripRanges } from '../../compiler/ast/print.ts';

const TEXT = `policy local.stage_parts
  title "Stage parts"

role iro     "IRO"
role manager "Manager"
role head    "Head"
role court   "Court"

fact in_care "In care": boolean

event escalation_raised   { ladder: text, stage: number, by?: role }
event escalation_response { ladder: text, stage: number, satisfactory: boolean }
event escalation_resolved { ladder: text }

ladder disputes "Disputes"
  raised by iro
  in total at most 28 days
  stage 1 alert manager respond within 5 working days
  stage 2 "Two" raised by manager, iro alert head copy manager respond within 5 working days when in_care and age < 18 cite "2"
  stage 3 raised by head refer to court copy manager, head stops the clock when not in_care or count(escalation_resolved) >= 1
  cite "d"
`;

describe('the stage clause with raisers, conditions, referral copies and stops the clock', () => {
  it('round-trips through parse, print and format', () => {
    const parsed = parseToAst(TEXT, 'stages.pdl');
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const printed = printPolicy(parsed.ast!);
    expect(printed).toContain('stage 3 raised by head refer to court copy manager, head stops the clock when not in_care or count(escalation_resolved) >= 1');
    expect(stripRanges(parseToAst(printed, 'stages.pdl').ast)).toEqual(stripRanges(parsed.ast));
    const formatted = formatPolicy(TEXT).text;
    expect(formatted).toBe(TEXT);
  });

  it('lowers each part to the stage in the IR', () => {
    const { ir, diagnostics } = compileToIr(TEXT, { uri: 'stages.pdl' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const stages = ir?.ladders[0]?.stages ?? [];
    expect(stages.map((s) => [s.number, s.raisedBy, s.copy, s.stopsClock, s.when?.text])).toEqual([
      [1, undefined, [], undefined, undefined],
      [2, ['manager', 'iro'], ['manager'], undefined, 'in_care and age < 18'],
      [3, ['head'], ['manager', 'head'], true, 'not in_care or count(escalation_resolved) >= 1'],
    ]);
  });
});
