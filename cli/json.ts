/**
 * JSON without echoing it: `parseJson(text)` -> the value, or a message giving the line and column of
 * the first syntax error and what was expected there, never the text found (it may be case data).
 *
 * Input: JSON text (a case file, a holiday file). Output: `JsonParse`.
 * The scanner and the line/column helper are the compiler's (`locateJsonError`, `lineColumn` from
 * `compiler/index.ts`): one of each in the repository. Kept apart from output.ts so that only the
 * commands that read JSON load the compiler with it.
 */
import { lineColumn, locateJsonError } from '../compiler/index.ts';
import { MAX_CASE_ERRORS, repeatedKeyPlaces } from '../runtime/index.ts';

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/**
 * Parses JSON. On a syntax error, the message gives the line and column of the first problem and
 * what was expected, but not the text found there (it may be case data).
 */
export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const problem = locateJsonError(text);
    const { line, column } = lineColumn(text, problem.offset);
    return { ok: false, message: `not valid JSON: ${problem.what} at line ${line}, column ${column}` };
  }
}

/**
 * The places (`line 3, column 5`) of the property names that repeat an earlier one of their object,
 * at most `MAX_CASE_ERRORS`, and how many more there are; never the names themselves (they may be
 * case data).
 */
export function repeatedKeys(text: string): { places: string[]; more: number } {
  const { places, more } = repeatedKeyPlaces(text, MAX_CASE_ERRORS);
  return { places: places.map((p) => `line ${p.line}, column ${p.column}`), more };
}
