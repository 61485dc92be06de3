/**
 * The `ladder` kind: escalation ladders, the state of each escalation a case records, stage by stage.
 *
 * Input: `PolicyIR.ladders` and the escalation events the policy declares (prepared once into one
 * unit: `compileLadders`, the ladders by id, the event-type ids of `LADDER_EVENTS`), then per case the
 * `CaseState`. Output: `st.escalations` and `st.raised` (parallel), violations (kind `ladder`) and
 * notices. Semantics: `runtime/ladders.ts` (its header).
 * Stage `escalations`. The unit exists whenever the policy declares an escalation event, even with
 * no ladder, so that a case naming a ladder the policy lacks is reported; per case it runs only when
 * the case has one of those events.
 */

import type { PolicyIR } from '../ir.ts';
import { LADDER_EVENTS, compileLadders, evaluateLadders } from '../ladders.ts';
import type { CompiledLadder } from '../ladders.ts';
import type { CaseState, PrepareContext, PreparedUnit, RuntimeKind } from './types.ts';

interface Prepared {
  readonly ladders: readonly CompiledLadder[];
  readonly byId: ReadonlyMap<string, CompiledLadder>;
  /** Event-type ids of the escalation events the policy declares. */
  readonly types: readonly number[];
  readonly explanations: boolean;
}

export const ladderKind: RuntimeKind<Prepared> = {
  kind: 'ladder',
  stage: 'escalations',
  prepare(ir: PolicyIR, ctx: PrepareContext): PreparedUnit<Prepared>[] {
    const ladders = compileLadders(ir, ctx.calendar);
    const types = [LADDER_EVENTS.raised, LADDER_EVENTS.response, LADDER_EVENTS.resolved]
      .map((name) => ctx.typeIds.get(name))
      .filter((id): id is number => id !== undefined);
    if (ladders.length === 0 && types.length === 0) return [];
    return [{ unit: { ladders, byId: new Map(ladders.map((l) => [l.ir.id, l])), types, explanations: ctx.explanations }, position: 0 }];
  },
  evaluate(unit: Prepared, st: CaseState): void {
    let present = false;
    for (let k = 0; k < unit.types.length && !present; k++) present = (st.typeCounts[unit.types[k] as number] as number) > 0;
    if (!present) return;
    const { escalations, raised } = evaluateLadders(unit.ladders, unit.byId, st.scope, unit.explanations, st.violations);
    st.escalations = escalations;
    st.raised = raised;
  },
};
