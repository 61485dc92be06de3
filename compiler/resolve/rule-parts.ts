/**
 * A rule's clauses sorted by kind, and the scopes its conditions are evaluated in. Used by the
 * rule checks (which report missing, repeated and misplaced clauses) and by the IR stage.
 */
import type * as A from '../ast/types.ts';
import type { Scope } from './names.ts';
import type { ResolvedPolicy } from './types.ts';

type ClauseOf<K extends A.Clause['kind']> = Extract<A.Clause, { kind: K }>;

export interface RuleParts {
  readonly owner: ClauseOf<'OwnerClause'>[];
  readonly due: ClauseOf<'DueClause'>[];
  readonly when: ClauseOf<'WhenClause'>[];
  readonly metBy: ClauseOf<'MetByClause'>[];
  readonly cite: ClauseOf<'CiteClause'>[];
  readonly runs: ClauseOf<'RunsClause'>[];
  readonly restarts: ClauseOf<'RestartsClause'>[];
  readonly steps: ClauseOf<'StepClause'>[];
}

export function ruleParts(rule: A.RuleDecl): RuleParts {
  const parts: RuleParts = { owner: [], due: [], when: [], metBy: [], cite: [], runs: [], restarts: [], steps: [] };
  for (const c of rule.clauses) {
    switch (c.kind) {
      case 'OwnerClause': parts.owner.push(c); break;
      case 'DueClause': parts.due.push(c); break;
      case 'WhenClause': parts.when.push(c); break;
      case 'MetByClause': parts.metBy.push(c); break;
      case 'CiteClause': parts.cite.push(c); break;
      case 'RunsClause': parts.runs.push(c); break;
      case 'RestartsClause': parts.restarts.push(c); break;
      case 'StepClause': parts.steps.push(c); break;
    }
  }
  return parts;
}

/** Events that start or restart a cycle's runs. */
export function runEvents(parts: RuleParts): string[] {
  return [...(parts.runs[0]?.starts ?? []), ...parts.restarts.flatMap((r) => r.events)].map((n) => n.text);
}

export function metByEvents(parts: RuleParts): string[] {
  return (parts.metBy[0]?.events ?? []).map((n) => n.text);
}

/** The scope of the rule-level `when`. */
export function whenScope(rule: A.RuleDecl, parts: RuleParts, policy: ResolvedPolicy, uri: string): Scope {
  if (rule.ruleKind === 'cycle') {
    return { policy, uri, events: runEvents(parts), eventsWhy: 'a cycle\'s `when` is read once per run, from the event that starts it' };
  }
  const anchor = parts.due[0]?.due.anchor;
  const events = anchor?.kind === 'EventAnchor' || anchor?.kind === 'AttributeAnchor' ? [anchor.event.text] : [];
  return { policy, uri, events, eventsWhy: 'a deadline\'s `when` can read the attributes of the event it is measured from' };
}

export function stepScope(step: ClauseOf<'StepClause'>, parts: RuleParts, policy: ResolvedPolicy, uri: string): Scope {
  return step.ordinal === 1
    ? { policy, uri, events: runEvents(parts), eventsWhy: 'the first step can read the event that starts the run' }
    : { policy, uri, events: metByEvents(parts), eventsWhy: 'a later step can read the event that met the previous occurrence' };
}

export function metByScope(parts: RuleParts, policy: ResolvedPolicy, uri: string): Scope {
  return { policy, uri, events: metByEvents(parts), eventsWhy: '`met by ... where` can read the attributes of the candidate event' };
}
