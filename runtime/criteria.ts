/**
 * Criteria: named conditions evaluated on the as-of date, each reported with its value and why.
 *
 * Input: the policy's `IrCriteria` (compiled once by `compileCriteria` into explaining conditions),
 * then per evaluation the condition scope. Output: one `CriteriaResult` per criterion, in the
 * policy's order.
 *
 * Semantics: every condition is read on the as-of date: `today` is the as-of date and `age` the
 * child's age on it; there is no focus event (attributes are read only inside `count(... where)`).
 * Each condition's `reason` names the values read ("`expected_closure` is 2026-01-10, which is on or
 * before 3 months after today (2026-02-22)", "`case_holder` is not set"). `result`: `any` -> one
 * condition holds; `all` -> every one does (true for none at all); `none` -> no condition holds.
 * Every condition is evaluated (no short cut), so each has its value and reason. A missing optional
 * value is named in the reason and raises no notice (the notices of conditions elsewhere would only
 * repeat it); an event that `count(... where)` skips for a missing optional attribute is simply not
 * counted.
 */

import type { IrCriteria, PolicyIR } from './ir.ts';
import type { WorkingDayCalendar } from './calendar.ts';
import { compileExplainedCondition } from './conditions.ts';
import type { ConditionScope, ExplainedCondition } from './conditions.ts';
import type { CriteriaResult, CriterionCondition } from './result.ts';

/** A criterion prepared for evaluation. */
export interface CompiledCriteria {
  readonly ir: IrCriteria;
  readonly conditions: readonly { readonly label: string; readonly test: ExplainedCondition }[];
}

/** Compiles the policy's criteria. Throws `MalformedIrError` on a broken IR. */
export function compileCriteria(ir: PolicyIR, calendar: WorkingDayCalendar): CompiledCriteria[] {
  return ir.criteria.map((c) => ({
    ir: c,
    conditions: c.conditions.map((x) => ({
      label: x.label,
      test: compileExplainedCondition(x.condition, ir, `criterion \`${c.id}\` ("${x.label}")`, calendar),
    })),
  }));
}

/**
 * Evaluates every criterion on the scope's as-of date. Missing values are reported in each
 * condition's `reason` ("`case_holder` is not set"), not repeated as notices.
 */
export function evaluateCriteria(criteria: readonly CompiledCriteria[], scope: ConditionScope): CriteriaResult[] {
  const quiet: ConditionScope = { ...scope, notices: [] };
  return criteria.map(({ ir, conditions }) => {
    const values: CriterionCondition[] = conditions.map(({ label, test }) => {
      const { value, reason } = test(quiet, quiet.asOf, undefined);
      return { label, value, reason };
    });
    const any = values.some((v) => v.value);
    const result = ir.combinator === 'any' ? any : ir.combinator === 'all' ? values.every((v) => v.value) : !any;
    return { name: ir.id, title: ir.title, result, combinator: ir.combinator, conditions: values, citation: ir.citation };
  });
}
