/**
 * The registry of rule kinds: one compiler module per kind. Elaboration, lowering, the shape checks,
 * the AST builder's help and the playground's completion look kinds up here; nothing else lists them.
 *
 * INVARIANT: the registry has exactly the kinds of `RULE_KINDS` (`grammar/tokens.ts`), in that order
 * (the type below fails to compile otherwise; `test/compiler/kinds.test.ts` checks the order).
 */
import type { RuleKind } from '../ast/types.ts';
import { approvalKind } from './approval.ts';
import { constraintKind } from './constraint.ts';
import { criteriaKind } from './criteria.ts';
import { cycleKind } from './cycle.ts';
import { deadlineKind } from './deadline.ts';
import { dutyKind } from './duty.ts';
import { ladderKind } from './ladder.ts';
import { limitKind } from './limit.ts';
import { orderKind } from './order.ts';
import type { ElaboratedBase, IrSlot, RuleKindModule } from './types.ts';

export const RULE_KIND_MODULES = {
  deadline: deadlineKind,
  cycle: cycleKind,
  approval: approvalKind,
  limit: limitKind,
  constraint: constraintKind,
  order: orderKind,
  ladder: ladderKind,
  criteria: criteriaKind,
  duty: dutyKind,
} as const satisfies { readonly [K in RuleKind]: RuleKindModule<K, ElaboratedBase<K>, IrSlot> };

type Modules = typeof RULE_KIND_MODULES;

/** A checked, fully resolved rule of any kind. */
export type ElaboratedRule = { [K in RuleKind]: NonNullable<ReturnType<Modules[K]['elaborate']>> }[RuleKind];
export type ElaboratedOf<K extends RuleKind> = Extract<ElaboratedRule, { kind: K }>;

/** The module of a kind, typed loosely enough to be called on any elaborated rule of that kind. */
export function kindModule(kind: RuleKind): RuleKindModule<RuleKind, ElaboratedRule, IrSlot> {
  return RULE_KIND_MODULES[kind] as unknown as RuleKindModule<RuleKind, ElaboratedRule, IrSlot>;
}

export type { ElaboratedApproval } from './approval.ts';
export type { ElaboratedConstraint } from './constraint.ts';
export type { ElaboratedCriteria } from './criteria.ts';
export type { ElaboratedCycle, ElaboratedStep } from './cycle.ts';
export type { ElaboratedDeadline } from './deadline.ts';
export type { ElaboratedDuty } from './duty.ts';
export type { ElaboratedLadder, ElaboratedStage } from './ladder.ts';
export type { ElaboratedLimit } from './limit.ts';
export type { ElaboratedOrder } from './order.ts';
export type { ElabCondition, ElabDue, ElaboratedBase, IrSlot, RuleKindModule } from './types.ts';
