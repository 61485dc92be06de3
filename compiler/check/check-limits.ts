/**
 * Limit and constraint checks: `at most N EVENT per case|CYCLE` counts a declared event per case or
 * per occurrence of a declared cycle; `each EVENT.ATTRIBUTE on or before the due date of CYCLE` reads
 * a date attribute and names a cycle.
 */
import type * as A from '../ast/types.ts';
import { diagnostic, suggest, type Diagnostic } from '../diagnostics/types.ts';
import { attributeType, checkEventName, describeType, resolveCondition } from '../resolve/names.ts';
import { ruleParts } from '../resolve/rule-parts.ts';
import type { ResolvedPolicy } from '../resolve/types.ts';
import type { Check } from './types.ts';

export const checkLimits: Check = (policy) => {
  const out: Diagnostic[] = [];
  for (const rule of policy.rules.values()) {
    if (!rule.own) continue;
    if (rule.decl.ruleKind === 'limit') checkLimit(rule.decl, policy, out);
    if (rule.decl.ruleKind === 'constraint') checkConstraint(rule.decl, policy, out);
  }
  return out;
};

/** Reports `pdl/unknown-rule` unless `name` is a declared cycle. */
export function checkCycleName(name: A.Name, policy: ResolvedPolicy, out: Diagnostic[]): boolean {
  const rule = policy.rules.get(name.text);
  if (rule?.decl.ruleKind === 'cycle') return true;
  const cycles = [...policy.rules.values()].filter((r) => r.decl.ruleKind === 'cycle').map((r) => r.decl.name.text);
  const hint = suggest(name.text, cycles);
  out.push(
    diagnostic('pdl/unknown-rule', policy.uri, name.range, rule ? `\`${name.text}\` is a ${rule.decl.ruleKind}, not a cycle` : `unknown cycle \`${name.text}\``, {
      help: hint ? `did you mean \`${hint}\`?` : cycles.length > 0 ? `the cycles: ${cycles.map((c) => `\`${c}\``).join(', ')}` : 'declare a `cycle` first',
    }),
  );
  return false;
}

function checkLimit(rule: A.RuleDecl, policy: ResolvedPolicy, out: Diagnostic[]): void {
  for (const clause of ruleParts(rule).atMost) {
    if (checkEventName(clause.event, { policy, uri: policy.uri }, out) && clause.where) {
      out.push(...resolveCondition(clause.where, { policy, uri: policy.uri, events: [clause.event.text], eventsWhy: '`at most ... where` reads the counted event' }).diagnostics);
    }
    if (clause.per.text !== 'case') checkCycleName(clause.per, policy, out);
  }
}

function checkConstraint(rule: A.RuleDecl, policy: ResolvedPolicy, out: Diagnostic[]): void {
  for (const clause of ruleParts(rule).each) {
    const type = attributeType(clause.event, clause.attribute, { policy, uri: policy.uri }, out);
    if (type !== undefined && type.kind !== 'date') {
      out.push(diagnostic('pdl/anchor-not-a-date', policy.uri, clause.attribute.range, `\`${clause.event.text}.${clause.attribute.text}\` is a ${describeType(type)}, not a date`));
    }
    checkCycleName(clause.cycle, policy, out);
  }
}
