/**
 * Diagnostics are data, never exceptions: every stage returns them and the pipeline sorts them.
 *
 * INVARIANT: `message` is lowercase, names the user's text in backticks and carries no advice;
 * advice goes in `help`. `uri` names the file the range is in (a policy may report on a file it
 * extends).
 */
import type { SourceRange } from '../source-range.ts';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from './codes.ts';
import { MAX_NAME_LENGTH } from '../../runtime/input-limits.ts';

export interface RelatedLocation {
  readonly uri: string;
  readonly range: SourceRange;
  readonly message: string;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly uri: string;
  readonly range: SourceRange;
  readonly related?: readonly RelatedLocation[];
  readonly help?: string;
}

/** Builds a diagnostic with the registry's default severity for `code`. */
export function diagnostic(
  code: DiagnosticCode,
  uri: string,
  range: SourceRange,
  message: string,
  extra: { help?: string; related?: readonly RelatedLocation[]; severity?: Severity } = {},
): Diagnostic {
  return {
    code,
    severity: extra.severity ?? DIAGNOSTIC_CODES[code].severity,
    message,
    uri,
    range,
    ...(extra.related && extra.related.length > 0 ? { related: extra.related } : {}),
    ...(extra.help !== undefined ? { help: extra.help } : {}),
  };
}

/** Sorts by file, then position, then code; removes exact duplicates. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort(
    (a, b) =>
      (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) ||
      a.range.start - b.range.start ||
      a.range.end - b.range.end ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
  return sorted.filter(
    (d, i) =>
      i === 0 ||
      !(
        d.code === sorted[i - 1]!.code &&
        d.uri === sorted[i - 1]!.uri &&
        d.range.start === sorted[i - 1]!.range.start &&
        d.message === sorted[i - 1]!.message
      ),
  );
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `text` with its indefinite article, for messages: `a date`, `an enum(a, b)`, `an approval` (the runtime's rule). */
export { withArticle } from '../../runtime/messages.ts';

/**
 * A "did you mean" candidate: the closest by edit distance, when it is within
 * `max(2, name.length / 3)` edits. Bounded work: a name longer than `MAX_NAME_LENGTH` gets no
 * suggestion, a candidate whose length differs by more than the bound is skipped, and the distance is
 * computed in a band of that width, stopping as soon as it exceeds the best so far (O(bound x length)
 * a candidate, not O(length squared)).
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > MAX_NAME_LENGTH) return undefined;
  let best: string | undefined;
  let bound = Math.max(2, Math.floor(name.length / 3));
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) > bound) continue;
    const score = boundedEditDistance(name, candidate, bound);
    if (score > bound) continue;
    best = candidate;
    if (score === 0) break;
    bound = score - 1; // only a strictly closer candidate replaces it (the first of equals is kept)
  }
  return best;
}

/**
 * The Levenshtein distance of `a` and `b` when it is at most `bound`, else some number above
 * `bound`. Only cells within `bound` of the diagonal are computed.
 */
export function boundedEditDistance(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  const INF = bound + 1;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j <= bound ? j : INF;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - bound);
    const to = Math.min(b.length, i + bound);
    current.fill(INF);
    current[0] = i <= bound ? i : INF;
    let rowMin = current[0]!;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost, INF);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > bound) return INF;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length]!, INF);
}
