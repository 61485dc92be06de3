/**
 * The shapes a caseload takes on its way into a simulation.
 *
 * Input: none (types only). Output: `CaseInput` (a case file's JSON, docs/vocabulary.md), `CaseRecord`
 * (one case read from somewhere, not yet validated: a parsed value or unparsed JSON text, with where
 * it came from), and `ImportIssue` (a problem found while reading or mapping rows).
 *
 * INVARIANT: nothing here holds a policy: a record is validated later, once per policy, by the
 * simulator. INVARIANT (privacy): an `origin` names a file and line or position, never case data.
 */

/** The value of a fact or event attribute in a case file. */
export type CaseValue = string | number | boolean;

/** One event of a case file: `type`, `date` (`YYYY-MM-DD`) and the attributes its declaration lists. */
export interface CaseEventInput {
  readonly type: string;
  readonly date: string;
  readonly [attribute: string]: CaseValue;
}

/** A case file (docs/vocabulary.md): what `pdl evaluate` reads and what the caseload sources produce. */
export interface CaseInput {
  readonly id: string;
  readonly child: { readonly dob: string };
  readonly facts?: Readonly<Record<string, CaseValue>>;
  readonly events: readonly CaseEventInput[];
}

/**
 * One case as read from a source, not yet validated against any policy.
 * - `value`: parsed JSON (or an object built by a mapper such as the SSDA903 importer);
 * - `text`: JSON text not yet parsed (a line of a JSON Lines file, a file of a folder), parsed by the
 *   simulator so that the work can be spread across threads.
 */
export type CaseRecord =
  | { readonly kind: 'value'; readonly origin: string; readonly value: unknown }
  | { readonly kind: 'text'; readonly origin: string; readonly text: string };

/** A problem found while reading or mapping a caseload: where it is (file and 1-based line) and what. */
export interface ImportIssue {
  /** `error`: the row was not mapped (it is counted as rejected); `warning`: mapped, with something ignored or assumed. */
  readonly severity: 'error' | 'warning';
  /** The file's name as given to the importer (e.g. `episodes.csv`). */
  readonly file: string;
  /** 1-based line of the row (the header line is 1); 0 for a problem with the whole file. */
  readonly line: number;
  /** The child's id (pseudonymous, as given) when the row names one. */
  readonly child?: string;
  /** Lowercase; names columns and codes, never the values of a child's record. */
  readonly message: string;
}
