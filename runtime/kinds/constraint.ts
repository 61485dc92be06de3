/**
 * The `constraint` kind: an event's date attribute must not fall after the due date of the cycle
 * occurrence pending when the event is recorded.
 *
 * Input: `PolicyIR.constraints` (prepared once into one unit, by `compileConstraints`), then per case
 * the `CaseState`. Output: violations (kind `constraint`) appended to `st.violations`; notices.
 * Semantics: `runtime/limits.ts` (its header); stage `occurrences`: it reads the cycle occurrences of
 * stage `obligations` (`occurrencesOf` in `kinds/cycle.ts`).
 */

import type { PolicyIR } from '../ir.ts';
import { compileConstraints, evaluateConstraints } from '../limits.ts';
import type { CompiledConstraint } from '../limits.ts';
import { occurrencesOf } from './cycle.ts';
import type { CaseState, PreparedUnit, RuntimeKind } from './types.ts';

export const constraintKind: RuntimeKind<readonly CompiledConstraint[]> = {
  kind: 'constraint',
  stage: 'occurrences',
  prepare(ir: PolicyIR): PreparedUnit<readonly CompiledConstraint[]>[] {
    const constraints = compileConstraints(ir);
    return constraints.length === 0 ? [] : [{ unit: constraints, position: 0 }];
  },
  evaluate(constraints: readonly CompiledConstraint[], st: CaseState): void {
    evaluateConstraints(constraints, st.scope, occurrencesOf(st), st.violations);
  },
};
