/** Lowering pieces that several kinds share: the named header of a rule's IR, and a notify template. */
import type { IrNamed, IrTemplate } from '../../runtime/ir.ts';
import type { ClauseOf } from '../elaborate/rule-parts.ts';
import type { ElaboratedBase } from './types.ts';
import type * as A from '../ast/types.ts';

/** `id, title, citation, source, policy`, in the IR's key order. */
export function lowerNamed(e: ElaboratedBase<A.RuleKind>): IrNamed {
  return { id: e.id, title: e.title, citation: e.citation, source: e.source, policy: e.located.policy };
}

export function lowerTemplate(c: ClauseOf<'NotifyClause'>): IrTemplate {
  return { subject: c.subject.value, ...(c.body ? { body: c.body.value } : {}) };
}
