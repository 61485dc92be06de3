/**
 * The `limit` kind: `at most N EVENT [where ...] per case|CYCLE`; each event beyond N is a violation.
 * Semantics: `runtime/limits.ts`.
 *
 * Elaboration: the counted event is declared, its `where` reads only it, and `per` names `case` or a
 * declared cycle.
 */
import type { IrLimit } from '../../runtime/ir.ts';
import { checkCycleName, checkEventName, elabCondition } from '../elaborate/names.ts';
import { lowerNamed } from './common.ts';
import type { ElabCondition, ElaboratedBase, RuleKindModule } from './types.ts';

export interface ElaboratedLimit extends ElaboratedBase<'limit'> {
  readonly event: string;
  readonly where?: ElabCondition;
  readonly max: number;
  readonly per: { readonly kind: 'case' } | { readonly kind: 'cycle'; readonly rule: string };
}

export const limitKind: RuleKindModule<'limit', ElaboratedLimit, 'limits'> = {
  kind: 'limit',
  clauses: [{ part: 'atMost', required: true }, { part: 'cite', required: true }],
  slot: 'limits',
  elaborate(ctx) {
    const { policy, uri, out } = ctx;
    let ok = true;
    let where: ElabCondition | undefined;
    for (const clause of ctx.parts.atMost) {
      if (checkEventName(clause.event, { policy, uri }, out)) {
        if (clause.where) {
          const w = elabCondition(clause.where, { policy, uri, events: [clause.event.text], eventsWhy: '`at most ... where` reads the counted event' }, out);
          if (w === undefined) ok = false;
          if (clause === ctx.parts.atMost[0]) where = w;
        }
      } else ok = false;
      if (clause.per.text !== 'case') ok = checkCycleName(clause.per, { policy, uri }, out) && ok;
    }
    const clause = ctx.parts.atMost[0];
    if (!ok || clause === undefined) return undefined;
    return {
      kind: 'limit',
      ...ctx.base,
      event: clause.event.text,
      ...(where ? { where } : {}),
      max: clause.max,
      per: clause.per.text === 'case' ? { kind: 'case' } : { kind: 'cycle', rule: clause.per.text },
    };
  },
  lower(l): IrLimit {
    return { kind: 'limit', ...lowerNamed(l), event: l.event, ...(l.where ? { where: l.where.ir } : {}), max: l.max, per: l.per };
  },
};
