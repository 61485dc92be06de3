/**
 * The clauses of rules, by part: how each is written (its words, for messages), what an editor
 * offers at the start of a line for it, and an example line (for "add a line such as ..." help).
 *
 * Input: nothing. Output: plain data, read by the shape checks (`elaborate/shape.ts`), the AST
 * builder's "did you mean" help, and the playground's completion (through `compiler/language.ts`).
 * Which clauses a kind of rule takes is declared by that kind's module (`compiler/kinds/<kind>.ts`);
 * this file says only how each clause reads.
 *
 * INVARIANT: no imports but types, so editors can load it without the compiler.
 */
import type { RulePart } from '../elaborate/rule-parts.ts';

export interface ClauseSpec {
  /** The clause as named in messages: `met by`, `first/second/then`. */
  readonly words: string;
  /** What an editor offers at the start of an indented line for this clause (may be several). */
  readonly completions: readonly string[];
  /** A whole example line. */
  readonly example: string;
}

export const CLAUSES: Readonly<Record<RulePart, ClauseSpec>> = {
  owner: { words: 'owner', completions: ['owner'], example: 'owner social_worker' },
  due: { words: 'due', completions: ['due'], example: 'due within 20 working days of became_looked_after' },
  when: { words: 'when', completions: ['when'], example: 'when age under 5' },
  metBy: { words: 'met by', completions: ['met by'], example: 'met by review_held' },
  cite: { words: 'cite', completions: ['cite'], example: 'cite "paragraph 3.2"' },
  runs: { words: 'runs from', completions: ['runs from'], example: 'runs from became_looked_after until ceased_looked_after' },
  restarts: { words: 'restarts on', completions: ['restarts on'], example: 'restarts on placement_changed' },
  steps: {
    words: 'first/second/then',
    completions: ['first', 'second', 'third', 'fourth', 'fifth', 'then'],
    example: 'first within 20 working days of became_looked_after',
  },
  request: { words: 'request', completions: ['request'], example: 'request review_postponement_requested' },
  decision: { words: 'decision', completions: ['decision'], example: 'decision review_postponement_approved' },
  approvedBy: { words: 'approved by', completions: ['approved by'], example: 'approved by service_manager' },
  notice: { words: 'notice', completions: ['notice'], example: 'notice at least 5 working days before review_postponement_requested.meeting' },
  requires: { words: 'requires', completions: ['requires'], example: 'requires discussion_held where discussion_held.with is iro' },
  atMost: { words: 'at most', completions: ['at most'], example: 'at most 1 review_adjourned per looked_after_review' },
  each: { words: 'each', completions: ['each'], example: 'each review_scheduled.for on or before the due date of looked_after_review' },
  raisedBy: { words: 'raised by', completions: ['raised by'], example: 'raised by iro' },
  stagesMay: { words: 'stages may be', completions: ['stages may be bypassed', 'stages may be conflated'], example: 'stages may be bypassed' },
  total: { words: 'in total at most', completions: ['in total at most'], example: 'in total at most 28 days' },
  stages: { words: 'stage', completions: ['stage'], example: 'stage 1 alert social_worker, team_manager respond within 5 working days' },
  advance: { words: 'advance when', completions: ['advance when'], example: 'advance when late or unsatisfactory' },
  notify: { words: 'notify', completions: ['notify'], example: 'notify "Alert on {{case.id}} - by {{obligation.due}}"' },
  combinator: { words: 'any of/all of/none of', completions: ['any of', 'all of', 'none of'], example: 'any of' },
  trigger: { words: 'for each', completions: ['for each'], example: 'for each looked_after_review' },
  bound: { words: 'before/by the next', completions: ['before', 'by the next'], example: 'before review_scheduled.for' },
  wording: { words: 'wording', completions: ['wording'], example: 'wording "as soon as practicable"' },
  counting: { words: 'counting from', completions: ['counting from the previous', 'counting from'], example: 'counting from the previous review_held' },
  upToLimit: { words: 'up to the limit', completions: ['up to the limit'], example: 'up to the limit one_adjournment_per_review' },
  criteria: { words: '"label": condition', completions: [], example: '"the case is expected to close soon": expected_closure <= 3 months after today' },
  orderStep: { words: 'step', completions: ['step'], example: 'step review_postponement_requested where review_postponement_requested.by is social_worker' },
  after: { words: 'after', completions: ['after'], example: 'after discussion_held where discussion_held.with is team_manager' },
  within: { words: 'within', completions: ['within'], example: 'within 3 months' },
  matchedBy: { words: 'matched by', completions: ['matched by'], example: 'matched by ref' },
};

/** How a kind of rule uses a clause: `required` must appear; `many` may repeat (else at most once). */
export interface ClauseUse {
  readonly part: RulePart;
  readonly required?: boolean;
  readonly many?: boolean;
}
