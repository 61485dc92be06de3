/**
 * Lint: two deadlines that are the same obligation (met by the same events, measured from the
 * same anchor in the same direction) but give different timescales, within one policy or between a
 * policy and one it extends (an `override` replaces a rule and is not a conflict). Peterborough gives
 * both 3 and 5 working days for the review documentation.
 */
import { printAnchor, printCondition, printDue } from '../ast/print.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import type { ElaboratedDeadline } from '../kinds/index.ts';
import type { Lint } from './types.ts';

function obligationKey(rule: ElaboratedDeadline): string {
  return [
    [...rule.metBy.events].sort().join('|'),
    rule.metBy.where ? printCondition(rule.metBy.where.ast) : '',
    printAnchor(rule.due.ast.anchor),
    rule.due.ast.direction,
    rule.when ? printCondition(rule.when.ast) : '',
  ].join('\u0000');
}

export const checkConflictingTimescales: Lint = (elaborated) => {
  const policy = elaborated.resolved;
  const out: Diagnostic[] = [];
  const groups = new Map<string, ElaboratedDeadline[]>();
  for (const rule of elaborated.rules) {
    if (rule.kind !== 'deadline') continue;
    // An `override` of nothing is reported already; comparing it would repeat the same mistake.
    if (rule.located.decl.override && !policy.overridden.has(rule.id)) continue;
    const key = obligationKey(rule);
    groups.set(key, [...(groups.get(key) ?? []), rule]);
  }
  for (const rules of groups.values()) {
    if (rules.length < 2 || !rules.some((r) => r.located.own)) continue;
    const distinct = new Set(rules.map((r) => printDue(r.due.ast)));
    if (distinct.size < 2) continue;
    const anchor = rules.find((r) => r.located.own) ?? rules[0];
    if (anchor === undefined) continue;
    const metBy = (rules[0]?.metBy.events ?? []).map((e) => `\`${e}\``).join(' or ');
    out.push(
      diagnostic(
        'pdl/conflicting-timescales',
        policy.uri,
        anchor.due.ast.range,
        `${rules.map((r) => `\`${r.id}\``).join(' and ')} give different timescales for the same obligation (met by ${metBy}): ${rules
          .map((r) => `${printDue(r.due.ast)} (${r.citation || r.located.policy})`)
          .join(' vs ')}`,
        {
          related: rules
            .filter((r) => r !== anchor)
            .map((r) => ({ uri: r.located.uri, range: r.due.ast.range, message: `\`${r.id}\`: ${printDue(r.due.ast)}${r.located.own ? '' : ` (in \`${r.located.policy}\`)`}` })),
          help: 'if one statement replaces the other, keep one rule (or `override` the inherited one); if the document contradicts itself, this warning records it',
        },
      ),
    );
  }
  return out;
};
