/**
 * The messages of the source pane (`source-pane.ts`) with the compiler worker (`source-worker.ts`).
 *
 * Input (page -> worker): a `SourceRequest`: the source document's text, the open policy's text, uri
 * and the edited texts of other policies (as a check carries them). Output (worker -> page): a
 * `SourceResponse` with the same id: the phrases and paragraphs (`source-match.ts`), the rules they
 * can link to with where each is declared (to reveal it in the editor), and which coverage file was read.
 *
 * INVARIANT: plain structured-cloneable data; type declarations only (no code), so the page can
 * import it without the compiler.
 */
import type { SourceRange } from '../../compiler/index.ts';
import type { SourceAnalysis } from './source-match.ts';

export interface SourceRequest {
  readonly kind: 'source';
  readonly requestId: number;
  /** The document's text, as pasted or read from a file. */
  readonly sourceText: string;
  readonly policyText: string;
  readonly uri: string;
  readonly overlay?: Readonly<Record<string, string>>;
  /** True: ignore `sourceText` and match the policy's coverage file's quotes, laid out as a document (the sample). */
  readonly sample?: boolean;
}

/** A rule a phrase can link to. */
export interface SourceRuleRef {
  readonly name: string;
  /** `deadline`, `duty`, `approval`... */
  readonly ruleKind: string;
  readonly title?: string;
  /** Its `cite`; empty when it has none. */
  readonly cite: string;
  readonly own: boolean;
  /** The policy file that declares it and the range of its name there. */
  readonly uri: string;
  readonly policy: string;
  readonly range: SourceRange;
}

export interface SourceResponse {
  readonly kind: 'source';
  readonly requestId: number;
  readonly analysis?: SourceAnalysis;
  /** Every rule of the policy, own and inherited, by name. */
  readonly rules: readonly SourceRuleRef[];
  /** The coverage file read (`policies/bristol.coverage.yaml`), with its statements and how many of them were found in the text. */
  readonly coverage?: { readonly uri: string; readonly statements: number; readonly found: number };
  /** The text matched, when the request asked for the sample (empty when the policy has no coverage file). */
  readonly sample?: string;
  /** What the user should know: no coverage file, the policy does not resolve... */
  readonly notes: readonly string[];
  /** A bug (an exception), reported rather than swallowed. */
  readonly problem?: string;
}
