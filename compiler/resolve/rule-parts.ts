/**
 * A rule's clauses sorted by kind, and the scopes its conditions are evaluated in. Used by the
 * rule checks (which report missing, repeated and misplaced clauses) and by the IR stage.
 */
import type * as A from '../ast/types.ts';
import type { Scope } from './names.ts';
import type { ResolvedPolicy } from './types.ts';

export type ClauseOf<K extends A.Clause['kind']> = Extract<A.Clause, { kind: K }>;

/** Short names of the clause kinds, as used in the tables below and in messages. */
export const PART_OF_CLAUSE = {
  OwnerClause: 'owner',
  DueClause: 'due',
  WhenClause: 'when',
  MetByClause: 'metBy',
  CiteClause: 'cite',
  RunsClause: 'runs',
  RestartsClause: 'restarts',
  StepClause: 'steps',
  RequestClause: 'request',
  DecisionClause: 'decision',
  ApprovedByClause: 'approvedBy',
  NoticeClause: 'notice',
  RequiresClause: 'requires',
  AtMostClause: 'atMost',
  EachClause: 'each',
  RaisedByClause: 'raisedBy',
  StagesMayClause: 'stagesMay',
  TotalClause: 'total',
  StageClause: 'stages',
  AdvanceClause: 'advance',
  NotifyClause: 'notify',
  CombinatorClause: 'combinator',
  CriterionClause: 'criteria',
} as const satisfies Record<A.Clause['kind'], string>;

type PartName = (typeof PART_OF_CLAUSE)[A.Clause['kind']];
type ClauseForPart<P extends PartName> = {
  [K in A.Clause['kind']]: (typeof PART_OF_CLAUSE)[K] extends P ? ClauseOf<K> : never;
}[A.Clause['kind']];

/** A rule's clauses grouped by kind, in source order. */
export type RuleParts = { readonly [P in PartName]: ClauseForPart<P>[] };
export type RulePart = PartName;

export function ruleParts(rule: A.RuleDecl): RuleParts {
  const parts = Object.fromEntries(Object.values(PART_OF_CLAUSE).map((p) => [p, []])) as unknown as Record<PartName, A.Clause[]>;
  for (const c of rule.clauses) parts[PART_OF_CLAUSE[c.kind]].push(c);
  return parts as unknown as RuleParts;
}

/** The owner of an obligation whose document names nobody (reported as `pdl/unowned-obligation`). */
export const UNASSIGNED = 'unassigned';

/**
 * Which clauses each kind of rule takes: `required` must appear, `once` may appear at most once,
 * `many` any number of times. A clause in none of the three is misplaced.
 */
export const RULE_SHAPES: Record<A.RuleKind, { required: PartName[]; once: PartName[]; many: PartName[] }> = {
  deadline: { required: ['due', 'metBy', 'cite'], once: ['owner', 'due', 'when', 'metBy', 'cite', 'notify'], many: [] },
  cycle: { required: ['runs', 'metBy', 'cite'], once: ['owner', 'runs', 'when', 'metBy', 'cite', 'notify'], many: ['restarts', 'steps'] },
  approval: { required: ['request', 'decision', 'approvedBy', 'cite'], once: ['request', 'decision', 'approvedBy', 'notice', 'cite'], many: ['requires'] },
  limit: { required: ['atMost', 'cite'], once: ['atMost', 'cite'], many: [] },
  constraint: { required: ['each', 'cite'], once: ['each', 'cite'], many: [] },
  ladder: { required: ['raisedBy', 'stages', 'cite'], once: ['raisedBy', 'stagesMay', 'total', 'advance', 'notify', 'cite'], many: ['stages'] },
  criteria: { required: ['combinator', 'criteria', 'cite'], once: ['combinator', 'cite'], many: ['criteria'] },
};

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

/** The scope of a criterion's condition: read on the as-of date, so no event's attributes. */
export function criteriaScope(policy: ResolvedPolicy, uri: string): Scope {
  return { policy, uri, events: [] as string[], eventsWhy: 'criteria are read on the as-of date; count events with `count(EVENT where ...)`' };
}

