/**
 * Case sources: JSON Lines text, and arrays of case JSON, as `CaseRecord`s.
 *
 * Input: the text of a JSON Lines file (one case object per line; blank lines allowed), or an array of
 * values, with a name for messages. Output: one `CaseRecord` per case, in input order, each with an
 * `origin` (`NAME:LINE` for JSON Lines, `NAME[i]` for an array); and `caseloadToJsonLines`, the
 * inverse: cases as JSON Lines text.
 *
 * INVARIANT: nothing is dropped: every non-blank line becomes a record (text that is not JSON fails
 * later, in the simulator, as a failed case with its origin). Browser-safe: no Node module.
 */
import type { CaseInput, CaseRecord } from './types.ts';

/**
 * The non-blank lines of a JSON Lines text as unparsed records (`origin` is `name:line`, 1-based).
 * Lines may end with `\n` or `\r\n`; a byte-order mark at the start is ignored.
 */
export function jsonLinesRecords(text: string, name: string): CaseRecord[] {
  const out: CaseRecord[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
    // A line of only spaces and tabs is blank.
    let blank = true;
    for (let i = start; i < stop; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9) {
        blank = false;
        break;
      }
    }
    if (!blank) out.push({ kind: 'text', origin: `${name}:${line}`, text: text.slice(start, stop) });
    start = end + 1;
    line++;
  }
  return out;
}

/** Values (parsed JSON, e.g. the elements of an array of cases) as records; `origin` is `name[i]`. */
export function valueRecords(values: readonly unknown[], name: string): CaseRecord[] {
  return values.map((value, i) => ({ kind: 'value', origin: `${name}[${i}]`, value }));
}

/** Cases as JSON Lines: one `JSON.stringify(case)` per line, each ending with `\n`. */
export function caseloadToJsonLines(cases: Iterable<CaseInput>): string {
  const parts: string[] = [];
  for (const c of cases) parts.push(JSON.stringify(c));
  return parts.length === 0 ? '' : `${parts.join('\n')}\n`;
}
