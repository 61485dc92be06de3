/**
 * Rule checks: each deadline and cycle has the clauses it needs, once each, and no clause of the
 * other kind; owners are declared roles; every event named (met by, runs from, until, restarts on)
 * is declared; due dates are measured from something valid; conditions resolve and type-check.
 */
import type * as A from '../ast/types.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import { checkEventName, checkRoleName, resolveCondition, resolveDue } from '../resolve/names.ts';
import { metByEvents, metByScope, ruleParts, runEvents, stepScope, whenScope, type RuleParts } from '../resolve/rule-parts.ts';
import type { ResolvedPolicy } from '../resolve/types.ts';
import type { Check } from './types.ts';

const CLAUSE_WORDS: Record<keyof RuleParts, string> = {
  owner: 'owner',
  due: 'due',
  when: 'when',
  metBy: 'met by',
  cite: 'cite',
  runs: 'runs from',
  restarts: 'restarts on',
  steps: 'first/second/then',
};

const EXAMPLES: Record<keyof RuleParts, string> = {
  owner: 'owner social_worker',
  due: 'due within 20 working days of became_looked_after',
  when: 'when age under 5',
  metBy: 'met by review_held',
  cite: 'cite "paragraph 3.2"',
  runs: 'runs from became_looked_after until ceased_looked_after',
  restarts: 'restarts on placement_changed',
  steps: 'first within 20 working days of became_looked_after',
};

export const checkRules: Check = (policy) => {
  const out: Diagnostic[] = [];
  for (const rule of policy.rules.values()) {
    if (rule.own) checkRule(rule.decl, policy, out);
  }
  return out;
};

function checkRule(rule: A.RuleDecl, policy: ResolvedPolicy, out: Diagnostic[]): void {
  const uri = policy.uri;
  const parts = ruleParts(rule);
  const scope = { policy, uri };
  const kind = rule.ruleKind;

  const required: (keyof RuleParts)[] = kind === 'deadline' ? ['owner', 'due', 'metBy', 'cite'] : ['owner', 'runs', 'metBy', 'cite'];
  const once: (keyof RuleParts)[] = ['owner', 'due', 'when', 'metBy', 'cite', 'runs'];
  const misplaced: (keyof RuleParts)[] = kind === 'deadline' ? ['runs', 'restarts', 'steps'] : ['due'];

  for (const part of misplaced) {
    for (const clause of parts[part]) {
      out.push(
        diagnostic('pdl/misplaced-clause', uri, clause.range, `a ${kind} has no \`${CLAUSE_WORDS[part]}\` clause`, {
          help: kind === 'deadline' ? 'declare a `cycle` for an obligation that recurs' : 'a cycle states its due dates in steps: `first ...`, `second ...`, `then ...`',
        }),
      );
    }
  }
  for (const part of required) {
    if (parts[part].length === 0 && !rule.incomplete) {
      out.push(
        diagnostic('pdl/missing-clause', uri, rule.headRange, `${kind} \`${rule.name.text}\` has no \`${CLAUSE_WORDS[part]}\` clause`, {
          help: `add a line such as \`${EXAMPLES[part]}\``,
        }),
      );
    }
  }
  for (const part of once) {
    for (const extra of parts[part].slice(1)) {
      out.push(
        diagnostic('pdl/duplicate-clause', uri, extra.range, `\`${CLAUSE_WORDS[part]}\` is given more than once in \`${rule.name.text}\``, {
          related: [{ uri, range: parts[part][0]!.range, message: 'first given here' }],
          help: part === 'when' ? 'combine the conditions with `and`' : 'keep one',
        }),
      );
    }
  }

  for (const owner of parts.owner) checkRoleName(owner.role, scope, out);
  for (const metBy of parts.metBy) for (const e of metBy.events) checkEventName(e, scope, out);
  for (const runs of parts.runs) for (const e of [...runs.starts, ...runs.ends]) checkEventName(e, scope, out);
  for (const restarts of parts.restarts) for (const e of restarts.events) checkEventName(e, scope, out);

  if (kind === 'deadline') {
    for (const due of parts.due) out.push(...resolveDue(due.due, { kind: 'deadline' }, scope).diagnostics);
  } else {
    if (!rule.incomplete && (parts.steps.length === 0 || !parts.steps.some((s) => s.ordinal === 1))) {
      out.push(
        diagnostic('pdl/missing-clause', uri, rule.headRange, `cycle \`${rule.name.text}\` has no \`first\` step`, {
          help: `add a line such as \`${EXAMPLES.steps}\``,
        }),
      );
    }
    const seen = new Map<number, A.Clause>();
    for (const step of parts.steps) {
      if (step.ordinal !== 'repeat') {
        const previous = seen.get(step.ordinal);
        if (previous !== undefined) {
          out.push(
            diagnostic('pdl/duplicate-step', uri, step.ordinalRange, `two steps for occurrence ${step.ordinal} of \`${rule.name.text}\``, {
              related: [{ uri, range: previous.range, message: 'the other step' }],
              help: 'give each its own `when` with `then`, or remove one',
            }),
          );
        }
        seen.set(step.ordinal, step);
      }
      const ctx = { kind: 'step' as const, ordinal: step.ordinal, cycleName: rule.name.text, runEvents: runEvents(parts), metBy: metByEvents(parts) };
      out.push(...resolveDue(step.due, ctx, scope).diagnostics);
      if (step.when) out.push(...resolveCondition(step.when, stepScope(step, parts, policy, uri)).diagnostics);
    }
  }
  for (const when of parts.when.slice(0, 1)) out.push(...resolveCondition(when.condition, whenScope(rule, parts, policy, uri)).diagnostics);
  for (const metBy of parts.metBy.slice(0, 1)) {
    if (metBy.where) out.push(...resolveCondition(metBy.where, metByScope(parts, policy, uri)).diagnostics);
  }
}
