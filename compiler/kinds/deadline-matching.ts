/**
 * A deadline's matching window (`counting from ...`) and its limited anchors (`up to the limit ...`).
 *
 * Input: the elaboration context of a deadline (its `due`, `counting` and `upToLimit` clauses).
 * Output: the IR parts `counting` (absent when the clause is not written: the runtime then applies
 * the default, docs/language.md "Matching window") and `upToLimit`, or `null` after diagnostics:
 * - `counting from EVENT` names the deadline's own anchor event (or one of its `or EVENT` anchors):
 *   otherwise `pdl/invalid-anchor`, with the `the previous` form as help; `counting from EVENT.ATTRIBUTE`
 *   without `the previous` is `pdl/invalid-anchor` too;
 * - `counting from the previous EVENT[.ATTRIBUTE]`: a declared event (`pdl/unknown-event`), a declared
 *   attribute (`pdl/unknown-attribute`) that is a date (`pdl/anchor-not-a-date`);
 * - `up to the limit LIMIT`: a declared `limit` (`pdl/unknown-rule`; any other rule-kind word after
 *   `the` is `pdl/unknown-rule` too), counting one of the deadline's anchor event types
 *   (`pdl/invalid-anchor` otherwise).
 * INVARIANT: a deadline without these clauses elaborates exactly as before (no IR field, no diagnostic).
 */
import type { IrCounting } from '../../runtime/ir.ts';
import { diagnostic, withArticle } from '../diagnostics/types.ts';
import { attributeType, checkEventName, describeType } from '../elaborate/names.ts';
import type { ElabContext } from './types.ts';

/**
 * The event types a deadline is measured from (none for `child.dob`), from its first `due` clause.
 * Undefined without one (reported as missing): what the deadline is measured from is unknown, so the
 * lines that name its anchor are not compared with it (one mistake, one message).
 */
function anchorEvents(ctx: ElabContext): string[] | undefined {
  const clause = ctx.parts.due[0];
  if (clause === undefined) return undefined;
  const a = clause.due.anchor;
  const own = a.kind === 'EventAnchor' || a.kind === 'AttributeAnchor' ? [a.event.text] : [];
  return [...own, ...(clause.more ?? []).flatMap((m) => (m.kind === 'AlsoFrom' ? [m.event.text] : []))];
}

/** `counting from ...`: undefined when not written; null when it does not resolve (reported). */
export function elabCounting(ctx: ElabContext): IrCounting | undefined | null {
  const c = ctx.parts.counting[0];
  if (c === undefined) return undefined;
  const scope = { policy: ctx.policy, uri: ctx.uri };
  const written = `${c.event.text}${c.attribute ? `.${c.attribute.text}` : ''}`;
  if (!c.previous) {
    const anchors = anchorEvents(ctx);
    if (anchors === undefined) return { kind: 'anchor' };
    if (c.attribute !== undefined || !anchors.includes(c.event.text)) {
      ctx.out.push(
        diagnostic('pdl/invalid-anchor', ctx.uri, c.range, `\`counting from ${written}\` names no event this deadline is measured from`, {
          help:
            `\`counting from EVENT\` names the deadline's anchor event${anchors.length > 0 ? ` (${anchors.map((e) => `\`${e}\``).join(', ')})` : ''}; ` +
            `write \`counting from the previous ${written}\` to count from the latest one before the date the deadline is measured from`,
        }),
      );
      return null;
    }
    return { kind: 'anchor' };
  }
  if (c.attribute === undefined) return checkEventName(c.event, scope, ctx.out) ? { kind: 'previous', event: c.event.text } : null;
  const type = attributeType(c.event, c.attribute, scope, ctx.out);
  if (type === undefined) return null;
  if (type.kind !== 'date') {
    ctx.out.push(
      diagnostic('pdl/anchor-not-a-date', ctx.uri, c.range, `\`${written}\` is ${withArticle(describeType(type))}, not a date`, {
        help: 'count from the previous event itself (`counting from the previous EVENT`) or from one of its date attributes',
      }),
    );
    return null;
  }
  return { kind: 'previous', event: c.event.text, attribute: c.attribute.text };
}

/** `up to the limit LIMIT`: the limit's id; undefined when not written; null when it does not resolve (reported). */
export function elabUpToLimit(ctx: ElabContext): string | undefined | null {
  const c = ctx.parts.upToLimit[0];
  if (c === undefined) return undefined;
  const rule = ctx.policy.rules.get(c.limit.text);
  const limits = [...ctx.policy.rules.values()].filter((r) => r.decl.ruleKind === 'limit').map((r) => r.decl.name.text);
  if (c.word.text !== 'limit' || rule?.decl.ruleKind !== 'limit') {
    const what = c.word.text !== 'limit' ? `\`up to the ${c.word.text}\` names no limit` : rule ? `\`${c.limit.text}\` is ${withArticle(rule.decl.ruleKind)}, not a limit` : `unknown limit \`${c.limit.text}\``;
    ctx.out.push(
      diagnostic('pdl/unknown-rule', ctx.uri, c.word.text !== 'limit' ? c.word.range : c.limit.range, what, {
        help: limits.length > 0 ? `write \`up to the limit NAME\`; the limits: ${limits.map((l) => `\`${l}\``).join(', ')}` : 'declare a `limit` (`at most N EVENT per ...`) first',
      }),
    );
    return null;
  }
  const counted = rule.decl.clauses.find((k) => k.kind === 'AtMostClause');
  const anchors = anchorEvents(ctx);
  if (anchors === undefined) return c.limit.text;
  if (counted === undefined || counted.kind !== 'AtMostClause' || !anchors.includes(counted.event.text)) {
    const event = counted?.kind === 'AtMostClause' ? counted.event.text : 'no event';
    ctx.out.push(
      diagnostic('pdl/invalid-anchor', ctx.uri, c.limit.range, `the limit \`${c.limit.text}\` counts ${event === 'no event' ? event : `\`${event}\``}, which this deadline is not measured from`, {
        help: anchors.length > 0 ? `a deadline measured from ${anchors.map((e) => `\`${e}\``).join(' or ')} can be limited by a limit counting that event` : 'a deadline measured from `child.dob` has one obligation: there is nothing to limit',
      }),
    );
    return null;
  }
  return c.limit.text;
}
