/**
 * The `criteria` kind: named conditions evaluated on the as-of date, each with its value and why.
 *
 * Input: `PolicyIR.criteria` (prepared once into one unit, by `compileCriteria`), then per case the
 * `CaseState`. Output: `st.criteria`, one result per criterion in the policy's order.
 * Semantics: `runtime/criteria.ts` (its header); stage `as-of`.
 */

import type { PolicyIR } from '../ir.ts';
import { compileCriteria, evaluateCriteria } from '../criteria.ts';
import type { CompiledCriteria } from '../criteria.ts';
import type { CaseState, PrepareContext, PreparedUnit, RuntimeKind } from './types.ts';

export const criteriaKind: RuntimeKind<readonly CompiledCriteria[]> = {
  kind: 'criteria',
  stage: 'as-of',
  prepare(ir: PolicyIR, ctx: PrepareContext): PreparedUnit<readonly CompiledCriteria[]>[] {
    const criteria = compileCriteria(ir, ctx.calendar);
    return criteria.length === 0 ? [] : [{ unit: criteria, position: 0 }];
  },
  evaluate(criteria: readonly CompiledCriteria[], st: CaseState): void {
    st.criteria = evaluateCriteria(criteria, st.scope);
  },
};
