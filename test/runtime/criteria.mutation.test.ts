/**
 * Tests written to kill the surviving mutants of runtime/criteria.ts (docs/testing.md, "Mutation
 * testing"): an `all of` criterion whose conditions all hold (and one that fails), and the whole
 * message of malformed criterion IR, which names the criterion and the condition's label.
 *
 * Input: one small policy written here, compiled once; each test prepares it itself (Stryker credits a
 * test only with the code it runs). Output: assertions only.
 */
import { describe, expect, it } from 'vitest';
import { preparePolicy } from '../../runtime/index.ts';
import type { EvaluationResult, IrCriteria, PolicyIR } from '../../runtime/index.ts';
import { refusal, UNDECLARED_FACT } from '../support/malformed-ir.ts';
import { compiledIr } from '../support/compiled.ts';

const TEXT = `policy test.criteria_golden
  title "Criteria"

fact planned "A plan is in place": boolean
fact reviewed "The plan was reviewed": boolean

criteria both "Planned and reviewed"
  all of
    "a plan is in place": planned
    "the plan was reviewed": reviewed
  cite "c1"
`;

const IR: PolicyIR = compiledIr(TEXT, { uri: 'criteria-golden.pdl' });

function run(ir: PolicyIR, facts: Record<string, boolean>): EvaluationResult {
  const r = preparePolicy(ir).evaluate({ id: 'case-criteria', child: { dob: '2012-02-02' }, facts, events: [] }, '2025-06-02');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.result;
}

describe('an `all of` criterion', () => {
  it('holds when every condition holds, and not when one fails', () => {
    const [yes] = run(IR, { planned: true, reviewed: true }).criteria;
    expect(yes).toMatchObject({ name: 'both', title: 'Planned and reviewed', result: true, combinator: 'all', citation: 'c1' });
    expect(yes?.conditions.map((c) => [c.label, c.value])).toEqual([
      ['a plan is in place', true],
      ['the plan was reviewed', true],
    ]);
    const [no] = run(IR, { planned: true, reviewed: false }).criteria;
    expect(no).toMatchObject({ result: false });
    expect(no?.conditions.map((c) => c.value)).toEqual([true, false]);
  });
});

describe('malformed IR of a criterion', () => {
  it("a condition over an undeclared fact names the criterion and the condition's label", () => {
    const c = IR.criteria[0] as IrCriteria;
    const broken: PolicyIR = { ...IR, criteria: [{ ...c, conditions: [c.conditions[0]!, { ...c.conditions[1]!, condition: UNDECLARED_FACT }] }] };
    expect(refusal(broken)).toBe('malformed IR: criterion `both` ("the plan was reviewed"): undeclared fact `nope`');
  });
});
