/**
 * The messages between the playground page and its compiler worker.
 *
 * Input (page -> worker): a `CheckRequest`: the policy text and its uri, the case as JSON text, the
 * as-of date and a request id. Output (worker -> page): a `CheckResponse` with the same id: the
 * compiler's diagnostics, a summary of the compiled policy, and the case's outcome (a result, the
 * problems with the case, or why it was not evaluated).
 *
 * INVARIANT: both are plain structured-cloneable data (no functions, no class instances).
 */
import type { Diagnostic } from '../../compiler/index.ts';
import type { CaseError, EvaluationResult } from '../../runtime/index.ts';

export interface CheckRequest {
  /** Increases with every request the page makes; the response carries it back. */
  readonly requestId: number;
  readonly policyText: string;
  /** Where the text comes from, e.g. `policies/england/statutory-reviews.pdl`. */
  readonly uri: string;
  /** The case input as the user typed it (parsed in the worker). */
  readonly caseJson: string;
  /** `YYYY-MM-DD` */
  readonly asOf: string;
}

/** What the page needs to know about a policy that compiled. */
export interface PolicySummary {
  readonly id: string;
  readonly title: string;
  readonly version?: string;
  /** Every role, by name: its title (for the owner column). */
  readonly roles: Readonly<Record<string, string>>;
  readonly ruleCount: number;
}

/** What became of the case. */
export type CaseOutcome =
  /** The case was not evaluated: the policy does not compile. */
  | { readonly kind: 'not_evaluated'; readonly reason: string }
  /** The case is not valid JSON, or not valid for this policy, or the as-of date is not a date. */
  | { readonly kind: 'invalid'; readonly errors: readonly CaseError[] }
  | { readonly kind: 'evaluated'; readonly result: EvaluationResult };

export interface CheckResponse {
  readonly requestId: number;
  /** Sorted, as the compiler returns them. */
  readonly diagnostics: readonly Diagnostic[];
  /** Present when the policy compiled (no error). */
  readonly policy?: PolicySummary;
  readonly outcome: CaseOutcome;
  /** A bug in the compiler or runtime (an exception), reported rather than swallowed. */
  readonly internalError?: string;
  readonly timing: {
    /** 0 when the compiled policy came from the cache. */
    readonly compileMs: number;
    readonly evaluateMs: number;
    readonly cached: boolean;
  };
}
