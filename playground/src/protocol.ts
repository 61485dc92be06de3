/**
 * The messages between the playground page and its compiler worker.
 *
 * Input (page -> worker): a `WorkerRequest`:
 * - a `CheckRequest`: the policy text and its uri, the texts of the other policies the user has edited
 *   (`overlay`, served to `extends`), the case as JSON text, the as-of date and a request id;
 * - a `FormatRequest`: a policy text to lay out (`formatPolicy`);
 * - a `SimulateRequest`: the edited policy and a baseline, to be run over a generated caseload;
 * - a `WarmRequest` and a `LoadSimulationRequest` (no answer): work done ahead of need.
 * - a `SourceRequest` (source-protocol.ts): a source document's text to match to the policy's rules.
 * Output (worker -> page): a `WorkerResponse` with the same id: for a check, first the diagnostics
 * alone (`DiagnosticsResponse`), then the compiler's diagnostics, a summary of the compiled policy, the symbols it declares and inherits (for
 * completion, hover and go to definition) and the case's outcome; for a format, the new text; for a
 * simulation, its report or why there is none.
 *
 * INVARIANT: all plain structured-cloneable data (no functions, no class instances).
 */
import type { Diagnostic, SourceRange } from '../../compiler/index.ts';
import type { CaseError, EvaluationResult } from '../../runtime/index.ts';
import type { SimulationReport } from '../../simulation/index.ts';
import type { EditorSchema } from './case-schema.ts';
import type { SourceRequest, SourceResponse } from './source-protocol.ts';
import type { CheckWire } from './wire.ts';

export interface CheckRequest {
  /** Absent or `check`. */
  readonly kind?: 'check';
  /** Increases with every request the page makes; the response carries it back. */
  readonly requestId: number;
  readonly policyText: string;
  /** Where the text comes from, e.g. `policies/england/statutory-reviews.pdl`. */
  readonly uri: string;
  /** The case input as the user typed it (parsed in the worker). */
  readonly caseJson: string;
  /** `YYYY-MM-DD` */
  readonly asOf: string;
  /**
   * The user's edited texts of other policies, by uri: a policy that `extends` one of them sees the
   * edited text, not the bundled one. Absent: the bundled texts only.
   */
  readonly overlay?: Readonly<Record<string, string>>;
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

export type SymbolKind = 'role' | 'event' | 'fact' | 'rule';

/** A name the policy declares or inherits, with where it is declared. */
export interface PolicySymbol {
  readonly name: string;
  readonly kind: SymbolKind;
  /** For a rule: `deadline`, `cycle`, `approval`, `limit`, `constraint`, `ladder` or `criteria`. */
  readonly ruleKind?: string;
  /** The declaration's title string, when it has one. */
  readonly title?: string;
  /** The file that declares it, e.g. `policies/england/statutory-reviews.pdl`. */
  readonly uri: string;
  /** The id of the policy that declares it. */
  readonly policy: string;
  /** True when declared in the policy being edited (not inherited). */
  readonly own: boolean;
  /** The range of the declared name. */
  readonly range: SourceRange;
  /** For an event: its attributes. */
  readonly attributes?: readonly string[];
  /** For an enum fact: its values. */
  readonly values?: readonly string[];
}

/** Every name visible in a policy (inherited ones included), from its last compilation that resolved. */
export interface SymbolTable {
  readonly policyId: string;
  readonly uri: string;
  /** Ids of the policies extended, directly or not, nearest first. */
  readonly ancestors: readonly string[];
  readonly symbols: readonly PolicySymbol[];
}

/**
 * Where to underline a case error in the case's JSON text (UTF-16 offsets into the text the request
 * carried), and the message to show there (a syntax error's detail added to a `$` error).
 */
export interface CaseMark {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** What became of the case. */
export type CaseOutcome =
  /** The case was not evaluated: the policy does not compile. */
  | { readonly kind: 'not_evaluated'; readonly reason: string }
  /** The case is not valid JSON, or not valid for this policy, or the as-of date is not a date; `marks[i]` places `errors[i]`. */
  | { readonly kind: 'invalid'; readonly errors: readonly CaseError[]; readonly marks: readonly CaseMark[] }
  | { readonly kind: 'evaluated'; readonly result: EvaluationResult };

/**
 * How many compilations the worker has done since it started: policy texts compiled (cache misses)
 * and, among the policies they extend, how many were compiled again rather than reused. Evidence,
 * free of timing, that an edit to a child does not recompile its parent.
 */
export interface CompileCounts {
  /** Policy texts compiled since the worker started. */
  readonly policies: number;
  /** Extended policies compiled (not reused) since the worker started. */
  readonly parents: number;
  /** Extended policies compiled (not reused) when this response's policy text was compiled. */
  readonly parentsOfThisText: number;
}

export interface CheckResponse {
  /** Absent or `check`. */
  readonly kind?: 'check';
  readonly requestId: number;
  /** Sorted, as the compiler returns them. */
  readonly diagnostics: readonly Diagnostic[];
  /** Present when the policy compiled (no error). */
  readonly policy?: PolicySummary;
  /** Present when the policy's names could be resolved (even with errors in its rules). */
  readonly symbols?: SymbolTable;
  readonly outcome: CaseOutcome;
  /** The policy's case JSON Schema for the case editor (`case-schema.ts`); present when the policy compiled to IR. */
  readonly caseSchema?: EditorSchema;
  /** Warnings for the case editor: events dated before the child's date of birth. */
  readonly caseWarnings?: readonly CaseMark[];
  /** A bug in the compiler or runtime (an exception), reported rather than swallowed. */
  readonly internalError?: string;
  readonly timing: {
    /** 0 when the compiled policy came from the cache. */
    readonly compileMs: number;
    readonly evaluateMs: number;
    readonly cached: boolean;
    /** The whole check in the worker, from the request to the response (ms). */
    readonly totalMs?: number;
  };
  /** The worker's compilations so far, after this check. */
  readonly compiles?: CompileCounts;
  /** Policies the worker prepared for evaluation (case validator included) so far: a text whose IR was seen recently is not prepared again. */
  readonly prepared?: number;
}

/**
 * The first answer to a check: the diagnostics and symbols, sent as soon as the policy is compiled
 * and before the case is evaluated; the `CheckResponse` with the same id follows.
 */
export interface DiagnosticsResponse {
  readonly kind: 'diagnostics';
  readonly requestId: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly symbols?: SymbolTable;
  /**
   * True: the same compiled policy as this worker's previous `DiagnosticsResponse` (only the case or
   * the date changed): `diagnostics` is empty and `symbols` absent, and they are the previous ones.
   */
  readonly unchanged?: boolean;
  /** 0 when the compiled policy came from the cache. */
  readonly compileMs: number;
  /** The worker's compilations so far, after this compile. */
  readonly compiles?: CompileCounts;
  /**
   * When the worker took the request and when it posted this answer (ms since the epoch,
   * `performance.timeOrigin + performance.now()`, comparable with the page's), for the breakdown of
   * a keystroke in `pdl:diagnostics` (see `DiagnosticsDetail` in app.ts).
   */
  readonly clock?: { readonly received: number; readonly posted: number };
}

export interface FormatRequest {
  readonly kind: 'format';
  readonly requestId: number;
  readonly text: string;
  readonly uri: string;
}

export interface FormatResponse {
  readonly kind: 'format';
  readonly requestId: number;
  /** The formatted text; absent when the text does not parse (the editor is left as it is). */
  readonly text?: string;
  readonly error?: string;
}

export interface SimulateRequest {
  readonly kind: 'simulate';
  readonly requestId: number;
  /** The policy being edited. */
  readonly policyText: string;
  readonly uri: string;
  /** The baseline it is compared with: the open policy as loaded, a version the user pinned, or the statutory policy. */
  readonly baselineText: string;
  readonly baselineUri: string;
  /** Edited policy texts the edited policy's `extends` reads, by uri. */
  readonly overlay?: Readonly<Record<string, string>>;
  /** The policy texts the baseline's `extends` reads; absent: `overlay` (both sides see the same parents). */
  readonly baselineOverlay?: Readonly<Record<string, string>>;
  /** What to call the two sides in the report's text (for example "bristol as loaded" and "bristol with your edits"). */
  readonly labels?: { readonly baseline: string; readonly reform: string };
  /** How many cases to generate. */
  readonly cases: number;
  readonly seed: number;
  /** `YYYY-MM-DD` */
  readonly asOf: string;
}

export interface SimulateResponse {
  readonly kind: 'simulate';
  readonly requestId: number;
  /** The simulator's report (`simulation/simulate`): the baseline is `baseline`, the edited policy `reform`. */
  readonly report?: SimulationReport;
  /** The request's labels of the two sides, when it gave them. */
  readonly labels?: { readonly baseline: string; readonly reform: string };
  /** What the generated cases leave out, in words (from the caseload generator). */
  readonly notes?: readonly string[];
  /** The first and last day of the generated period (`YYYY-MM-DD`). */
  readonly period?: { readonly from: string; readonly to: string };
  /** Time spent generating and evaluating (ms). */
  readonly ms?: number;
  /** Why there is no report (a policy does not compile, the simulator is not available...). */
  readonly problem?: string;
}

/** Compile and prepare the bundled policies now, ahead of the first check (no answer). */
export interface WarmRequest {
  readonly kind: 'warm';
}

/** Load the simulation's code now (the Simulation tab was opened), ahead of the first run (no answer). */
export interface LoadSimulationRequest {
  readonly kind: 'load-simulation';
}

export type WorkerRequest = CheckRequest | FormatRequest | SimulateRequest | WarmRequest | LoadSimulationRequest | SourceRequest;
/** What the worker posts: a check's full answer goes trimmed (`CheckWire`, wire.ts), and the page restores it. */
export type WorkerResponse = CheckWire | DiagnosticsResponse | FormatResponse | SimulateResponse | SourceResponse;
