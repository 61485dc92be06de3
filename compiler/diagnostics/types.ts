/**
 * Diagnostics are data, never exceptions: every stage returns them and the pipeline sorts them.
 *
 * INVARIANT: `message` is lowercase, names the user's text in backticks and carries no advice;
 * advice goes in `help`. `uri` names the file the range is in (a policy may report on a file it
 * extends).
 */
import type { SourceRange } from '../source-range.ts';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from './codes.ts';

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

/** A bulleted "did you mean" suffix: the closest candidates by edit distance. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const score = editDistance(name, candidate);
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  if (best === undefined) return undefined;
  return bestScore <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
