/**
 * The `approval` kind: who may approve an action, what must happen first, and how much notice the
 * request needs.
 *
 * Input: `PolicyIR.approvals` (prepared once into one unit, by `compileApprovals`), then per case the
 * `CaseState`. Output: violations (kind `approval`) appended to `st.violations`; notices.
 * Semantics: `runtime/approvals.ts` (its header); stage `events` (reads the events only).
 */

import type { PolicyIR } from '../ir.ts';
import type { WorkingDayCalendar } from '../calendar.ts';
import { compileApprovals, evaluateApprovals } from '../approvals.ts';
import type { CompiledApproval } from '../approvals.ts';
import type { CaseState, PrepareContext, PreparedUnit, RuntimeKind } from './types.ts';

interface Prepared {
  readonly approvals: readonly CompiledApproval[];
  readonly calendar: WorkingDayCalendar;
}

export const approvalKind: RuntimeKind<Prepared> = {
  kind: 'approval',
  stage: 'events',
  prepare(ir: PolicyIR, ctx: PrepareContext): PreparedUnit<Prepared>[] {
    const approvals = compileApprovals(ir, ctx.calendar);
    return approvals.length === 0 ? [] : [{ unit: { approvals, calendar: ctx.calendar }, position: 0 }];
  },
  evaluate(unit: Prepared, st: CaseState): void {
    evaluateApprovals(unit.approvals, st.scope, unit.calendar, st.violations);
  },
};
