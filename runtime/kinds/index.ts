/**
 * The registry of runtime rule kinds: the one list the evaluator loops over.
 *
 * Input: a `PolicyIR` and the prepare context. Output: `planPolicy`: every unit of prepared work of
 * every kind, bound to its kind's `evaluate` and in evaluation order (stage, then position in the IR
 * list, then registry order), for `runtime/evaluate.ts` to run once per case.
 *
 * Who reads what (the order dependencies, encoded by each kind's `stage`, see `STAGES` in types.ts):
 * - deadline, cycle (`obligations`): read the events; write drafts and superseded drafts, in the
 *   order of `PolicyIR.rules`. The evaluator sorts them at the end of the stage.
 * - approval, order (`events`): read the events; write violations.
 * - limit, constraint (`occurrences`): read the cycle occurrences of stage `obligations` (obligations
 *   and superseded alike, sorted); write violations and notices.
 * - ladder (`escalations`): runs whenever the policy declares the escalation events; writes
 *   escalations, violations and notices.
 * - criteria (`as-of`): reads the case on the as-of date; writes criteria.
 * - duty (`occurrences`): reads the events and the sorted obligations (cycle occurrences); writes duties.
 * - notifications (not a kind, `runtime/notify.ts`, after every stage): read the obligations and
 *   the escalations.
 * Adding a rule kind to the runtime: its IR type in `runtime/ir.ts`, one file `runtime/kinds/<kind>.ts`
 * exporting a `RuntimeKind`, and one line below.
 *
 * INVARIANT: a kind the policy does not use yields no unit, so it costs nothing per case.
 */

import type { PolicyIR } from '../ir.ts';
import { approvalKind } from './approval.ts';
import { constraintKind } from './constraint.ts';
import { criteriaKind } from './criteria.ts';
import { cycleKind } from './cycle.ts';
import { deadlineKind } from './deadline.ts';
import { dutyKind } from './duty.ts';
import { ladderKind } from './ladder.ts';
import { limitKind } from './limit.ts';
import { orderKind } from './order.ts';
import { STAGES } from './types.ts';
import type { CaseState, PrepareContext, RuntimeKind, Stage } from './types.ts';

/** A prepared unit bound to its kind: what the evaluator runs per case. */
export interface PlanUnit {
  readonly kind: string;
  /** Index in `STAGES`. */
  readonly stage: number;
  readonly position: number;
  run(st: CaseState): void;
}

class BoundUnit<P> implements PlanUnit {
  readonly kind: string;
  readonly stage: number;
  readonly position: number;
  private readonly of: RuntimeKind<P>;
  private readonly unit: P;

  constructor(of: RuntimeKind<P>, unit: P, position: number) {
    this.of = of;
    this.unit = unit;
    this.kind = of.kind;
    this.stage = STAGES.indexOf(of.stage);
    this.position = position;
  }

  run(st: CaseState): void {
    this.of.evaluate(this.unit, st);
  }
}

/** A registered kind, its prepared type hidden behind the units it plans. */
export interface RegisteredKind {
  readonly kind: string;
  readonly stage: Stage;
  plan(ir: PolicyIR, ctx: PrepareContext): PlanUnit[];
}

function register<P>(of: RuntimeKind<P>): RegisteredKind {
  return {
    kind: of.kind,
    stage: of.stage,
    plan: (ir, ctx) => of.prepare(ir, ctx).map((u) => new BoundUnit(of, u.unit, u.position)),
  };
}

/** Every rule kind of the runtime, in registry order (prepared in this order, too). */
export const RUNTIME_KINDS: readonly RegisteredKind[] = [
  register(deadlineKind),
  register(cycleKind),
  register(approvalKind),
  register(limitKind),
  register(constraintKind),
  register(orderKind),
  register(ladderKind),
  register(criteriaKind),
  register(dutyKind),
];

/** Prepares every kind of `ir` and returns the units in evaluation order. */
export function planPolicy(ir: PolicyIR, ctx: PrepareContext): PlanUnit[] {
  const units = RUNTIME_KINDS.flatMap((k) => k.plan(ir, ctx));
  // Array.prototype.sort is stable: equal keys keep registry order.
  return units.sort((a, b) => a.stage - b.stage || a.position - b.position);
}

export { STAGES } from './types.ts';
export type { CaseState, Draft, PrepareContext, RuntimeKind, Stage, SupersededDraft } from './types.ts';
