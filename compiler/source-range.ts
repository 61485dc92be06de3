/**
 * The one source range type of the compiler, and the one place where Chevrotain's inclusive token
 * end offsets are converted to half-open ranges.
 *
 * INVARIANT: `start <= end` are half-open character offsets; lines and columns are 1-based and
 * `endColumn` is the column just after the last character. Monaco/LSP ranges are made only at the
 * edges (playground, CLI), never here.
 * `lineColumn` is the one offset -> line and column helper for a single offset (JSON errors in the
 * CLI); tokens and CST locations carry offsets only, and their lines and columns come from the
 * `LineIndex` of their text (grammar/positions.ts), as Chevrotain's full tracking would have given them.
 */
import type { IToken } from 'chevrotain';
import type { LineIndex } from '../grammar/index.ts';

export interface SourceRange {
  readonly start: number;
  readonly end: number;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** The range of one token. A synthesised (empty) token yields an empty range at its position. */
export function tokenRange(token: IToken, lines: LineIndex): SourceRange {
  const start = token.startOffset;
  return offsetRange(start, token.endOffset !== undefined && Number.isFinite(token.endOffset) ? token.endOffset : start - 1, lines);
}

/**
 * The range from `start` to `last`, the offset of its last character (inclusive, as Chevrotain's
 * `endOffset`; `last < start` for an empty range). Its end is on the line of its last character, just
 * after it: a range ending with a line break ends on that line, not at the start of the next.
 */
export function offsetRange(start: number, last: number, lines: LineIndex): SourceRange {
  // As `lines.span`, without its object: one range is made per AST node and name.
  const i = lines.lineIndex(start);
  const startColumn = start - lines.lineStart(i)! + 1;
  if (last < start) return { start, end: start, startLine: i + 1, startColumn, endLine: i + 1, endColumn: startColumn };
  const next = lines.lineStart(i + 1);
  if (next === undefined || last < next) return { start, end: last + 1, startLine: i + 1, startColumn, endLine: i + 1, endColumn: last - lines.lineStart(i)! + 2 };
  const j = lines.lineIndex(last);
  return { start, end: last + 1, startLine: i + 1, startColumn, endLine: j + 1, endColumn: last - lines.lineStart(j)! + 2 };
}

/** The smallest range covering both. */
export function spanRanges(a: SourceRange, b: SourceRange): SourceRange {
  const first = a.start <= b.start ? a : b;
  const last = a.end >= b.end ? a : b;
  return {
    start: first.start,
    end: last.end,
    startLine: first.startLine,
    startColumn: first.startColumn,
    endLine: last.endLine,
    endColumn: last.endColumn,
  };
}

/** A zero-width range at the start of a text, for diagnostics about a whole file. */
export const FILE_START: SourceRange = { start: 0, end: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

/** The 1-based line and column of an offset in `text` (lines end at `\n`; columns count UTF-16 units). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Computes a range from offsets in `text` (used for lexer errors, which carry offsets only). */
export function rangeFromOffsets(text: string, start: number, end: number): SourceRange {
  const s = lineColumn(text, start);
  const e = lineColumn(text, end);
  return { start, end, startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
}
