/**
 * Lines and columns of tokens, worked out after lexing instead of by Chevrotain's lexer.
 *
 * Chevrotain's `positionTracking: 'full'` makes every token a nine-field object and counts lines at
 * every token; on a 400 KB policy of one-character tokens that was about 0.8 µs a token, most of a
 * fuzzed input's second, although `lex` then drops most of those tokens (a line nested too deep is
 * left out whole). The lexer now tracks offsets only, and `lex` gives a full position to the tokens it
 * keeps (and to its errors) from a `LineIndex` of the text.
 *
 * Input: the text and a token of it with `image`, `startOffset` and the token type. Output: a token in
 * the shape of Chevrotain's `createTokenInstance` (the same nine fields, in the same order, so the
 * parser sees one object shape), with the positions Chevrotain's full tracking would have given it.
 *
 * INVARIANT: lines end at `\n` only (a lone `\r` ends no line, as in Chevrotain's tracking, where only
 * `Newline` tokens may span a line break, and as in `lineColumn` of compiler/source-range.ts); columns
 * are 1-based and count UTF-16 units; a token's end is on its start line (no token but `Newline` holds
 * a line break, and Chevrotain does not move a token's end for a break that is its last character).
 */
import type { IToken } from 'chevrotain';

/** The starts of the lines of a text, and the line and column of an offset in it. */
export class LineIndex {
  /** `starts[i]` is the offset where line `i + 1` starts. */
  private readonly starts: number[] = [0];
  /** The line of the last query: queries in order of offset cost no search. */
  private hint = 0;

  constructor(text: string) {
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) this.starts.push(nl + 1);
  }

  /** The 0-based index of the line holding `offset`. */
  private lineIndex(offset: number): number {
    const starts = this.starts;
    let i = this.hint;
    if (starts[i]! <= offset && (i + 1 >= starts.length || starts[i + 1]! > offset)) return i;
    if (starts[i]! <= offset && i + 2 < starts.length && starts[i + 2]! > offset) return (this.hint = i + 1);
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

  /** The 1-based line of `offset`. */
  line(offset: number): number {
    return this.lineIndex(offset) + 1;
  }

  /** The 1-based column of `offset`. */
  column(offset: number): number {
    return offset - this.starts[this.lineIndex(offset)]! + 1;
  }

  /**
   * `token` with its full position, as a new object. Its end is worked out from the length of the
   * text it covers (`length`, by default its image's).
   */
  positioned(token: IToken, length = token.image.length): IToken {
    const index = this.lineIndex(token.startOffset);
    const line = index + 1;
    const column = token.startOffset - this.starts[index]! + 1;
    return {
      image: token.image,
      startOffset: token.startOffset,
      endOffset: token.startOffset + length - 1,
      startLine: line,
      endLine: line,
      startColumn: column,
      endColumn: column + length - 1,
      tokenTypeIdx: token.tokenTypeIdx,
      tokenType: token.tokenType,
    };
  }
}
