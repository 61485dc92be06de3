/**
 * Analysis: two deadlines that are the same obligation (met by the same events, measured from the
 * same anchor in the same direction) but give different timescales, within one policy or between a
 * policy and one it extends (an `override` replaces a rule and is not a conflict). Peterborough gives
 * both 3 and 5 working days for the review documentation.
 */
import type * as A from '../ast/types.ts';
import { printAnchor, printCondition, printDue } from '../ast/print.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import { ruleParts } from '../resolve/rule-parts.ts';
import type { Located } from '../resolve/types.ts';
import type { Check } from './types.ts';

function obligationKey(rule: A.RuleDecl): string | undefined {
  const parts = ruleParts(rule);
  const due = parts.due[0]?.due;
  const metBy = parts.metBy[0];
  if (due === undefined || metBy === undefined) return undefined;
  const when = parts.when[0];
  return [
    metBy.events.map((e) => e.text).sort().join('|'),
    metBy.where ? printCondition(metBy.where) : '',
    printAnchor(due.anchor),
    due.direction,
    when ? printCondition(when.condition) : '',
  ].join('\u0000');
}

export const checkConflictingTimescales: Check = (policy) => {
  const out: Diagnostic[] = [];
  const groups = new Map<string, Located<A.RuleDecl>[]>();
  for (const rule of policy.rules.values()) {
    if (rule.decl.ruleKind !== 'deadline') continue;
    // An `override` of nothing is reported already; comparing it would repeat the same mistake.
    if (rule.decl.override && !policy.overridden.has(rule.decl.name.text)) continue;
    const key = obligationKey(rule.decl);
    if (key === undefined) continue;
    groups.set(key, [...(groups.get(key) ?? []), rule]);
  }
  for (const rules of groups.values()) {
    if (rules.length < 2 || !rules.some((r) => r.own)) continue;
    const dues = rules.map((r) => ({ rule: r, due: ruleParts(r.decl).due[0]!.due, cite: ruleParts(r.decl).cite[0]?.citation.value ?? '' }));
    const distinct = new Set(dues.map((d) => printDue(d.due)));
    if (distinct.size < 2) continue;
    const [first, ...others] = dues;
    const anchor = dues.find((d) => d.rule.own) ?? first!;
    const metBy = ruleParts(first!.rule.decl).metBy[0]!.events.map((e) => `\`${e.text}\``).join(' or ');
    out.push(
      diagnostic(
        'pdl/conflicting-timescales',
        policy.uri,
        anchor.due.range,
        `${dues.map((d) => `\`${d.rule.decl.name.text}\``).join(' and ')} give different timescales for the same obligation (met by ${metBy}): ${dues
          .map((d) => `${printDue(d.due)} (${d.cite || d.rule.policy})`)
          .join(' vs ')}`,
        {
          related: [first!, ...others]
            .filter((d) => d !== anchor)
            .map((d) => ({ uri: d.rule.uri, range: d.due.range, message: `\`${d.rule.decl.name.text}\`: ${printDue(d.due)}${d.rule.own ? '' : ` (in \`${d.rule.policy}\`)`}` })),
          help: 'if one statement replaces the other, keep one rule (or `override` the inherited one); if the document contradicts itself, this warning records it',
        },
      ),
    );
  }
  return out;
};
