/**
 * The `criteria` kind: named boolean conditions combined with `any of`, `all of` or `none of`, read on
 * the as-of date (a decision aid, not an obligation). Semantics: `runtime/criteria.ts`.
 *
 * Elaboration: labels are unique; each condition resolves and type-checks in the as-of scope (facts,
 * `age`, `today`, `child.dob`, `count(...)`, but no event's attributes outside `count(EVENT where ...)`).
 */
import type { IrCriteria } from '../../runtime/ir.ts';
import type * as A from '../ast/types.ts';
import { diagnostic } from '../diagnostics/types.ts';
import { elabCondition, type Scope } from '../elaborate/names.ts';
import { lowerNamed } from './common.ts';
import type { ElabCondition, ElaboratedBase, RuleKindModule } from './types.ts';
import { cites, code, fields, rich } from '../emit/docs/text.ts';
import type { Block } from '../emit/docs/view.ts';
import type { KindContext } from '../emit/docs/kinds.ts';

export interface ElaboratedCriteria extends ElaboratedBase<'criteria'> {
  readonly combinator: 'any' | 'all' | 'none';
  readonly conditions: readonly { readonly label: string; readonly condition: ElabCondition }[];
}

export const criteriaKind: RuleKindModule<'criteria', ElaboratedCriteria, 'criteria'> = {
  kind: 'criteria',
  clauses: [{ part: 'combinator', required: true }, { part: 'criteria', required: true, many: true }, { part: 'cite', required: true }],
  docs: {
    view: criteriaDocs,
    section: { anchor: 'criteria', title: 'Criteria', intro: [] },
  },
  slot: 'criteria',
  elaborate(ctx) {
    const { parts, policy, uri, out } = ctx;
    const scope: Scope = { policy, uri, events: [], eventsWhy: 'criteria are read on the as-of date; count events with `count(EVENT where ...)`' };
    const labels = new Map<string, A.Clause>();
    const conditions: { label: string; condition: ElabCondition }[] = [];
    let ok = true;
    for (const criterion of parts.criteria) {
      const previous = labels.get(criterion.label.value);
      if (previous !== undefined) {
        out.push(diagnostic('pdl/duplicate-clause', uri, criterion.label.range, `the condition "${criterion.label.value}" is listed twice`, { related: [{ uri, range: previous.range, message: 'first listed here' }] }));
        ok = false;
      }
      labels.set(criterion.label.value, criterion);
      const condition = elabCondition(criterion.condition, scope, out);
      if (condition === undefined) ok = false;
      else conditions.push({ label: criterion.label.value, condition });
    }
    const combinator = parts.combinator[0];
    if (!ok || combinator === undefined) return undefined;
    return { kind: 'criteria', ...ctx.base, combinator: combinator.combinator, conditions };
  },
  lower(c): IrCriteria {
    return { kind: 'criteria', ...lowerNamed(c), combinator: c.combinator, conditions: c.conditions.map((x) => ({ label: x.label, condition: x.condition.ir })) };
  },
};

// --- docs (`pdl docs`): an item of this kind as a block of plain English

function criteriaDocs(c: IrCriteria, ctx: KindContext): Block {
  const intro =
    c.combinator === 'any' ? 'Met when at least one of these holds:' : c.combinator === 'all' ? 'Met when every one of these holds:' : 'Met when none of these holds:';
  return ctx.block(c, 'criteria', 3, [rich('Read on the date of the evaluation: ', code('today'), ' is that date and ', code('age'), " the child's age on it.")], [
    { intro: rich(intro), ordered: false, items: c.conditions.map((x) => ({ number: 0, label: x.label, value: rich(code(x.condition.text)) })) },
    fields([cites(c.citation)]),
  ]);
}
