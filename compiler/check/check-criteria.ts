/**
 * Criteria checks: each labelled condition resolves and type-checks. Criteria are evaluated on the
 * as-of date, not from an event, so they read facts, `age`, `today`, `child.dob` and `count(...)`,
 * but no event's attributes (except inside `count(EVENT where ...)`).
 */
import type * as A from '../ast/types.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import { resolveCondition } from '../resolve/names.ts';
import { criteriaScope, ruleParts } from '../resolve/rule-parts.ts';
import type { ResolvedPolicy } from '../resolve/types.ts';
import type { Check } from './types.ts';

export const checkCriteria: Check = (policy) => {
  const out: Diagnostic[] = [];
  for (const rule of policy.rules.values()) {
    if (rule.own && rule.decl.ruleKind === 'criteria') checkOne(rule.decl, policy, out);
  }
  return out;
};

function checkOne(rule: A.RuleDecl, policy: ResolvedPolicy, out: Diagnostic[]): void {
  const labels = new Map<string, A.Clause>();
  for (const criterion of ruleParts(rule).criteria) {
    const previous = labels.get(criterion.label.value);
    if (previous !== undefined) {
      out.push(diagnostic('pdl/duplicate-clause', policy.uri, criterion.label.range, `the condition "${criterion.label.value}" is listed twice`, { related: [{ uri: policy.uri, range: previous.range, message: 'first listed here' }] }));
    }
    labels.set(criterion.label.value, criterion);
    out.push(...resolveCondition(criterion.condition, criteriaScope(policy, policy.uri)).diagnostics);
  }
}
