/**
 * The `limit` kind: at most N events, in the whole case or per occurrence of a cycle.
 *
 * Input: `PolicyIR.limits` (prepared once into one unit, by `compileLimits`), then per case the
 * `CaseState`. Output: violations (kind `limit`) appended to `st.violations`.
 * Semantics: `runtime/limits.ts` (its header); stage `occurrences`: it reads the cycle occurrences of
 * stage `obligations` (`occurrencesOf` in `kinds/cycle.ts`), built only when a limit may be exceeded
 * (`mayExceed`).
 */

import type { PolicyIR } from '../ir.ts';
import { compileLimits, evaluateLimits, mayExceed } from '../limits.ts';
import type { CompiledLimit } from '../limits.ts';
import { occurrencesOf } from './cycle.ts';
import type { CaseState, PrepareContext, PreparedUnit, RuntimeKind } from './types.ts';

export const limitKind: RuntimeKind<readonly CompiledLimit[]> = {
  kind: 'limit',
  stage: 'occurrences',
  prepare(ir: PolicyIR, ctx: PrepareContext): PreparedUnit<readonly CompiledLimit[]>[] {
    const limits = compileLimits(ir, ctx.calendar);
    return limits.length === 0 ? [] : [{ unit: limits, position: 0 }];
  },
  evaluate(limits: readonly CompiledLimit[], st: CaseState): void {
    // Most cases exceed no limit: then the occurrences are not even built (a loop, not a closure).
    let may = false;
    // A limit a capped deadline found nothing beyond (`st.within`) cannot be exceeded either.
    for (let i = 0; i < limits.length && !may; i++) {
      const limit = limits[i] as CompiledLimit;
      may = mayExceed(limit, st.scope, st.typeCounts) && !(st.within?.includes(limit.ir) ?? false);
    }
    if (!may) return;
    evaluateLimits(limits, st.scope, occurrencesOf(st), st.violations);
  },
};
