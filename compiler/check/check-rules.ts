/**
 * Rule checks: each deadline and cycle has the clauses it needs, once each, and no clause of the
 * other kind; owners are declared roles; every event named (met by, runs from, until, restarts on)
 * is declared; due dates are measured from something valid; conditions resolve and type-check.
 */
import type * as A from '../ast/types.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import { checkEventName, checkRoleName, resolveCondition, resolveDue } from '../resolve/names.ts';
import { metByEvents, metByScope, RULE_SHAPES, ruleParts, runEvents, stepScope, UNASSIGNED, whenScope, type RulePart } from '../resolve/rule-parts.ts';
import type { ResolvedPolicy } from '../resolve/types.ts';
import type { Check } from './types.ts';

const CLAUSE_WORDS: Record<RulePart, string> = {
  owner: 'owner',
  due: 'due',
  when: 'when',
  metBy: 'met by',
  cite: 'cite',
  runs: 'runs from',
  restarts: 'restarts on',
  steps: 'first/second/then',
  request: 'request',
  decision: 'decision',
  approvedBy: 'approved by',
  notice: 'notice',
  requires: 'requires',
  atMost: 'at most',
  each: 'each',
  raisedBy: 'raised by',
  stagesMay: 'stages may be',
  total: 'in total at most',
  stages: 'stage',
  advance: 'advance when',
  notify: 'notify',
  combinator: 'any of/all of/none of',
  criteria: '"label": condition',
};

const EXAMPLES: Record<RulePart, string> = {
  owner: 'owner social_worker',
  due: 'due within 20 working days of became_looked_after',
  when: 'when age under 5',
  metBy: 'met by review_held',
  cite: 'cite "paragraph 3.2"',
  runs: 'runs from became_looked_after until ceased_looked_after',
  restarts: 'restarts on placement_changed',
  steps: 'first within 20 working days of became_looked_after',
  request: 'request review_postponement_requested',
  decision: 'decision review_postponement_approved',
  approvedBy: 'approved by service_manager',
  notice: 'notice at least 5 working days before review_postponement_requested.meeting',
  requires: 'requires discussion_held where discussion_held.with is iro',
  atMost: 'at most 1 review_adjourned per looked_after_review',
  each: 'each review_scheduled.for on or before the due date of looked_after_review',
  raisedBy: 'raised by iro',
  stagesMay: 'stages may be bypassed',
  total: 'in total at most 28 days',
  stages: 'stage 1 alert social_worker, team_manager respond within 5 working days',
  advance: 'advance when late or unsatisfactory',
  notify: 'notify "Alert on {{case.id}} - by {{obligation.due}}"',
  combinator: 'any of',
  criteria: '"the case is expected to close soon": expected_closure <= 3 months after today',
};

export const checkRules: Check = (policy) => {
  const out: Diagnostic[] = [];
  for (const rule of policy.rules.values()) {
    if (!rule.own) continue;
    checkShape(rule.decl, policy.uri, out);
    if (rule.decl.ruleKind === 'deadline' || rule.decl.ruleKind === 'cycle') checkObligationRule(rule.decl, policy, out);
  }
  return out;
};

/** Each kind's clauses: present when required, once where once, nowhere else (RULE_SHAPES). */
function checkShape(rule: A.RuleDecl, uri: string, out: Diagnostic[]): void {
  const parts = ruleParts(rule);
  const kind = rule.ruleKind;
  const shape = RULE_SHAPES[kind];
  for (const part of Object.keys(parts) as RulePart[]) {
    if (shape.once.includes(part) || shape.many.includes(part)) continue;
    for (const clause of parts[part]) {
      out.push(
        diagnostic('pdl/misplaced-clause', uri, clause.range, `a ${kind} has no \`${CLAUSE_WORDS[part]}\` clause`, {
          help:
            kind === 'deadline' && (part === 'steps' || part === 'runs' || part === 'restarts')
              ? 'declare a `cycle` for an obligation that recurs'
              : kind === 'cycle' && part === 'due'
                ? 'a cycle states its due dates in steps: `first ...`, `second ...`, `then ...`'
                : `a ${kind} takes ${[...new Set([...shape.once, ...shape.many])].map((p) => `\`${CLAUSE_WORDS[p]}\``).join(', ')}`,
        }),
      );
    }
  }
  for (const part of shape.required) {
    if (parts[part].length === 0 && !rule.incomplete) {
      out.push(
        diagnostic('pdl/missing-clause', uri, rule.headRange, `${kind} \`${rule.name.text}\` has no \`${CLAUSE_WORDS[part]}\` clause`, {
          help: `add a line such as \`${EXAMPLES[part]}\``,
        }),
      );
    }
  }
  for (const part of shape.once) {
    const clauses: A.Clause[] = parts[part];
    for (const extra of clauses.slice(1)) {
      out.push(
        diagnostic('pdl/duplicate-clause', uri, extra.range, `\`${CLAUSE_WORDS[part]}\` is given more than once in \`${rule.name.text}\``, {
          related: [{ uri, range: clauses[0]!.range, message: 'first given here' }],
          help: part === 'when' ? 'combine the conditions with `and`' : 'keep one',
        }),
      );
    }
  }
}

/** Deadlines and cycles: names, anchors, steps and conditions. */
function checkObligationRule(rule: A.RuleDecl, policy: ResolvedPolicy, out: Diagnostic[]): void {
  const uri = policy.uri;
  const parts = ruleParts(rule);
  const scope = { policy, uri };
  const kind = rule.ruleKind;

  for (const owner of parts.owner) checkRoleName(owner.role, scope, out);
  if (parts.owner.length === 0 && !rule.incomplete) {
    out.push(
      diagnostic('pdl/unowned-obligation', uri, rule.headRange, `${kind} \`${rule.name.text}\` names no owner, so nobody is responsible for it`, {
        help: `add \`owner ROLE\` if the document says who must do it; otherwise this records a gap in the document (the obligation is reported with owner \`${UNASSIGNED}\`)`,
      }),
    );
  }
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
