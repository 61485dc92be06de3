/**
 * A rule's clauses sorted by part (`owner`, `due`, `metBy`...). Input: a rule's AST. Output: its
 * clauses grouped by part, in source order, for the shape checks and the kind modules.
 */
import type * as A from '../ast/types.ts';

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
  OrderStepClause: 'orderStep',
  AfterClause: 'after',
  WithinClause: 'within',
  TriggerClause: 'trigger',
  BoundClause: 'bound',
  WordingClause: 'wording',
  CountingClause: 'counting',
  UpToLimitClause: 'upToLimit',
  MatchedByClause: 'matchedBy',
} as const satisfies Record<A.Clause['kind'], string>;

type PartName = (typeof PART_OF_CLAUSE)[A.Clause['kind']];
type ClauseForPart<P extends PartName> = {
  [K in A.Clause['kind']]: (typeof PART_OF_CLAUSE)[K] extends P ? ClauseOf<K> : never;
}[A.Clause['kind']];

/** A rule's clauses grouped by kind, in source order. */
export type RuleParts = { readonly [P in PartName]: ClauseForPart<P>[] };
export type RulePart = PartName;

/** Every part, once, in a fixed order (every `RuleParts` object gets its keys in this order: one shape). */
const PART_NAMES: readonly PartName[] = [...new Set(Object.values(PART_OF_CLAUSE))];
/** The list of a part the rule has no clause of: one frozen empty list shared by all (nothing adds to a rule's parts). */
const NO_CLAUSES: A.Clause[] = Object.freeze([]) as unknown as A.Clause[];

/**
 * The rule's clauses by part. Made once per rule: a list for each part the rule has, the shared
 * empty one for the thirty-odd others (a list per part and rule was most of this function's garbage).
 */
export function ruleParts(rule: A.RuleDecl): RuleParts {
  const parts = {} as Record<PartName, A.Clause[]>;
  for (const p of PART_NAMES) parts[p] = NO_CLAUSES;
  for (const c of rule.clauses) {
    const p = PART_OF_CLAUSE[c.kind];
    const list = parts[p];
    if (list === NO_CLAUSES) parts[p] = [c];
    else list.push(c);
  }
  return parts as unknown as RuleParts;
}

/** The owner of an obligation whose document names nobody (reported as `pdl/unowned-obligation`). */
export const UNASSIGNED = 'unassigned';

/** Events that start or restart a cycle's runs. */
export function runEvents(parts: RuleParts): string[] {
  return [...(parts.runs[0]?.starts ?? []), ...parts.restarts.flatMap((r) => r.events)].map((n) => n.text);
}

export function metByEvents(parts: RuleParts): string[] {
  return (parts.metBy[0]?.events ?? []).map((n) => n.text);
}
