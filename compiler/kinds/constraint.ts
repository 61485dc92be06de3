/**
 * The `constraint` kind: `each EVENT.ATTRIBUTE on or before the due date of CYCLE`: a date an event
 * carries must not fall after the due date of the cycle occurrence pending when it is recorded.
 * Semantics: `runtime/limits.ts`.
 *
 * Elaboration: the attribute is declared and is a date; the cycle is declared.
 */
import type { IrConstraint } from '../../runtime/ir.ts';
import { diagnostic, withArticle } from '../diagnostics/types.ts';
import { attributeType, checkCycleName, describeType } from '../elaborate/names.ts';
import { lowerNamed } from './common.ts';
import type { ElaboratedBase, RuleKindModule } from './types.ts';
import { cites, fields, rich } from '../emit/docs/text.ts';
import type { Block, Line } from '../emit/docs/view.ts';
import type { KindContext } from '../emit/docs/kinds.ts';

export interface ElaboratedConstraint extends ElaboratedBase<'constraint'> {
  readonly event: string;
  readonly attribute: string;
  readonly cycle: string;
}

export const constraintKind: RuleKindModule<'constraint', ElaboratedConstraint, 'constraints'> = {
  kind: 'constraint',
  clauses: [{ part: 'each', required: true }, { part: 'cite', required: true }],
  docs: {
    view: constraintDocs,
    section: { anchor: 'constraints', title: 'Constraints', intro: [] },
  },
  slot: 'constraints',
  elaborate(ctx) {
    const { policy, uri, out } = ctx;
    let ok = true;
    for (const clause of ctx.parts.each) {
      const type = attributeType(clause.event, clause.attribute, { policy, uri }, out);
      if (type === undefined) ok = false;
      else if (type.kind !== 'date') {
        out.push(diagnostic('pdl/anchor-not-a-date', uri, clause.attribute.range, `\`${clause.event.text}.${clause.attribute.text}\` is ${withArticle(describeType(type))}, not a date`));
        ok = false;
      }
      ok = checkCycleName(clause.cycle, { policy, uri }, out) && ok;
    }
    const clause = ctx.parts.each[0];
    if (!ok || clause === undefined) return undefined;
    return { kind: 'constraint', ...ctx.base, event: clause.event.text, attribute: clause.attribute.text, cycle: clause.cycle.text };
  },
  lower(c): IrConstraint {
    return { kind: 'constraint', ...lowerNamed(c), event: c.event, attribute: c.attribute, cycle: c.cycle };
  },
};

// --- docs (`pdl docs`): an item of this kind as a block of plain English

function constraintDocs(c: IrConstraint, ctx: KindContext): Block {
  const say = ctx.say;
  const lines: Line[] = [
    {
      number: 0,
      label: 'Rule',
      value: rich(
        say.eventAttribute(c.event, c.attribute, 'each'),
        ' must fall on or before the due date of the occurrence of ',
        say.ruleRef(c.cycle),
        ' that is pending when it is recorded',
      ),
    },
    cites(c.citation),
  ];
  return ctx.block(c, 'constraint', 3, [], [fields(lines)]);
}
