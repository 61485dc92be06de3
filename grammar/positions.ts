/**
 * Lines and columns, worked out from offsets when they are needed instead of carried by every token.
 *
 * Chevrotain's `positionTracking: 'full'` makes every token a nine-field object and counts lines at
 * every token, and its CST node locations six fields each: on a 400 KB policy of one-character
 * tokens that was about 0.8 µs a token, most of a fuzzed input's second, though `lex` then drops most
 * of those tokens (a line nested too deep is left out whole). The lexer and the parser now track
 * offsets only (tokens: `image`, `startOffset`, `endOffset` and the type; CST locations: the two
 * offsets), and whoever makes a range or a message (the lexer's errors, the syntax errors, the AST
 * builder) asks a `LineIndex` of the text for its line and column.
 *
 * Input: a text, then offsets into it. Output: 1-based lines and columns.
 * INVARIANT: lines end at `\n` only (a lone `\r` ends no line: the lexer takes it as an unrecognised
 * character, and only `Newline` tokens span a line break, as in `lineColumn` of
 * compiler/source-range.ts); columns are 1-based and count UTF-16 units. The positions are those
 * Chevrotain's full tracking gave (test/grammar/lexer.test.ts compares them on every policy of the
 * repository and on random texts).
 */

/** The starts of the lines of a text, and the line and column of an offset in it. */
export class LineIndex {
  /** `starts[i]` is the offset where line `i + 1` starts. */
  private readonly starts: number[] = [0];
  /** The line of the last query: queries in order of offset (as a tree is built) cost no search. */
  private hint = 0;

  constructor(text: string) {
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) this.starts.push(nl + 1);
  }

  /** The 0-based index of the line holding `offset` (an offset past the end is on the last line). */
  lineIndex(offset: number): number {
    const starts = this.starts;
    const i = this.hint;
    if (starts[i]! <= offset) {
      if (i + 1 >= starts.length || starts[i + 1]! > offset) return i;
      if (i + 2 >= starts.length || starts[i + 2]! > offset) return (this.hint = i + 1);
    }
    // Binary search: the last line starting at or before `offset`.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.hint = lo;
    return lo;
  }

  /** The offset where the line of 0-based index `i` starts; undefined past the last line. */
  lineStart(i: number): number | undefined {
    return this.starts[i];
  }

  /** The 1-based line of `offset`. */
  line(offset: number): number {
    return this.lineIndex(offset) + 1;
  }

  /** The 1-based column of `offset`. */
  column(offset: number): number {
    return offset - this.starts[this.lineIndex(offset)]! + 1;
  }

  /**
   * The lines and columns of `start` and of `last` (`last >= start`), as `line` and `column` would
   * give them, with one search for both when they are on one line (a token, most ranges).
   */
  span(start: number, last: number): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
    const i = this.lineIndex(start);
    const lineStart = this.starts[i]!;
    const next = this.starts[i + 1];
    if (next === undefined || last < next) return { startLine: i + 1, startColumn: start - lineStart + 1, endLine: i + 1, endColumn: last - lineStart + 1 };
    const j = this.lineIndex(last);
    return { startLine: i + 1, startColumn: start - lineStart + 1, endLine: j + 1, endColumn: last - this.starts[j]! + 1 };
  }
}

/** Whether `offset` is the first column of its line: the start of the text or just after a `\n`. */
export function startsLine(text: string, offset: number): boolean {
  return offset === 0 || text.charCodeAt(offset - 1) === 10;
}

/**
 * Whether only what the lexer skips (spaces, tabs, form feeds, a byte-order mark; and a `\r` before
 * the line's end) comes before `offset` on its line: the first token of its line, indented or not.
 */
export function firstOnLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 12 && c !== 13 && c !== 0xfeff) return false;
  }
  return true;
}
