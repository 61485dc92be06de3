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
import { cites, code, fields, rich } from '../emit/docs/text.ts';
import type { Block, Line } from '../emit/docs/view.ts';
import type { KindContext } from '../emit/docs/kinds.ts';

export interface ElaboratedLimit extends ElaboratedBase<'limit'> {
  readonly event: string;
  readonly where?: ElabCondition;
  readonly max: number;
  readonly per: { readonly kind: 'case' } | { readonly kind: 'cycle'; readonly rule: string };
}

export const limitKind: RuleKindModule<'limit', ElaboratedLimit, 'limits'> = {
  kind: 'limit',
  clauses: [{ part: 'atMost', required: true }, { part: 'cite', required: true }],
  docs: {
    view: limitDocs,
    section: { anchor: 'limits', title: 'Limits', intro: [] },
  },
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

// --- docs (`pdl docs`): an item of this kind as a block of plain English

function limitDocs(l: IrLimit, ctx: KindContext): Block {
  const say = ctx.say;
  const per =
    l.per.kind === 'case' ? rich('in the whole case') : rich('in each occurrence of ', say.ruleRef(l.per.rule), ' (from the date the occurrence is measured from to the event that met it)');
  const events = l.max === 1 ? 'event' : 'events';
  const lines: Line[] = [
    {
      number: 0,
      label: 'Limit',
      value: rich(`at most ${l.max} ${events} `, say.eventNamed(l.event), l.where !== undefined ? rich(' where ', code(l.where.text)) : '', ' ', per, '; each one beyond the limit is a breach'),
    },
    cites(l.citation),
  ];
  return ctx.block(l, 'limit', 3, [], [fields(lines)]);
}
