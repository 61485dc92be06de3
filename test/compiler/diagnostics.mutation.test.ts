/**
 * The diagnostics' own code, for mutation testing: how a diagnostic is shown to a person
 * (compiler/diagnostics/format.ts: the header, the location, the code frame with its underline, the
 * related places and the help, with and without colour; the summary line), how diagnostics are built,
 * sorted and deduplicated, and "did you mean" (compiler/diagnostics/types.ts), and the source ranges
 * (compiler/source-range.ts). The suites of the compiler reach these only through the CLI (which
 * mutation testing does not run) or through whole compilations that never show a frame.
 *
 * Input: small texts and diagnostics written here; every expected text is worked out by hand.
 * Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, summarise } from '../../compiler/diagnostics/format.ts';
import { boundedEditDistance, diagnostic, hasErrors, sortDiagnostics, suggest, type Diagnostic } from '../../compiler/diagnostics/types.ts';
import { lineColumn, offsetRange, rangeFromOffsets, spanRanges, tokenRange, type SourceRange } from '../../compiler/source-range.ts';
import { LineIndex } from '../../grammar/index.ts';

const TEXT = 'policy p\n  title "P"\nrole a "A"\nrole a "B"\nrole c "C"\nrole d "D"\nrole e "E"\n';

/** A range from line/column to line/column (offsets are not read by the formatter). */
function at(startLine: number, startColumn: number, endLine: number, endColumn: number): SourceRange {
  return { start: 0, end: 0, startLine, startColumn, endLine, endColumn };
}

function duplicate(range: SourceRange, extra: Parameters<typeof diagnostic>[4] = {}): Diagnostic {
  return diagnostic('pdl/duplicate-declaration', 'main.pdl', range, '`a` is declared twice', extra);
}

const read = (uri: string): string | undefined => (uri === 'main.pdl' ? TEXT : uri === 'crlf.pdl' ? TEXT.replace(/\n/g, '\r\n') : undefined);

describe('formatDiagnostic', () => {
  it('a one-line range: header, location, frame with the underline under the range, related place, help', () => {
    const d = duplicate(at(4, 6, 4, 7), { help: 'rename one of them', related: [{ uri: 'main.pdl', range: at(3, 6, 3, 7), message: 'first declared here' }] });
    expect(formatDiagnostic(d, { readSource: read }).split('\n')).toEqual([
      'error[pdl/duplicate-declaration]: `a` is declared twice',
      '  --> main.pdl:4:6',
      '  |',
      '4 | role a "B"',
      '  |      ^',
      '  note: first declared here',
      '  --> main.pdl:3:6',
      '  |',
      '3 | role a "A"',
      '  |      ^',
      '  = help: rename one of them',
    ]);
  });

  it('a range over several lines: each line underlined from the start column, to the end column on the last; at most four lines', () => {
    const d = duplicate(at(3, 6, 4, 5));
    expect(formatDiagnostic(d, { readSource: read }).split('\n')).toEqual([
      'error[pdl/duplicate-declaration]: `a` is declared twice',
      '  --> main.pdl:3:6',
      '  |',
      '3 | role a "A"',
      '  |      ^^^^^',
      '4 | role a "B"',
      '  | ^^^^',
    ]);
    // Lines 1 to 7: only 1 to 4 are shown, the fourth to its end (its end column is on line 7).
    const long = duplicate(at(1, 1, 7, 3));
    expect(formatDiagnostic(long, { readSource: read }).split('\n').slice(2)).toEqual([
      '  |',
      '1 | policy p',
      '  | ^^^^^^^^',
      '2 |   title "P"',
      '  | ^^^^^^^^^^^',
      '3 | role a "A"',
      '  | ^^^^^^^^^^',
      '4 | role a "B"',
      '  | ^^^^^^^^^^',
    ]);
  });

  it('a gutter as wide as the last line number shown, CRLF line ends, an empty range, a line past the end', () => {
    const text = `${'x\n'.repeat(9)}role a "A"\nrole b\n`;
    const d: Diagnostic = { ...duplicate(at(9, 1, 10, 5)), uri: 'ten.pdl' };
    expect(formatDiagnostic(d, { readSource: () => text }).split('\n').slice(2)).toEqual(['   |', ' 9 | x', '   | ^', '10 | role a "A"', '   | ^^^^']);
    expect(formatDiagnostic({ ...duplicate(at(4, 6, 4, 7)), uri: 'crlf.pdl' }, { readSource: read }).split('\n').slice(3)).toEqual(['4 | role a "B"', '  |      ^']);
    expect(formatDiagnostic(duplicate(at(4, 3, 4, 3)), { readSource: read }).split('\n').slice(4)).toEqual(['  |   ^']);
    expect(formatDiagnostic(duplicate(at(12, 1, 12, 1)), { readSource: read }).split('\n').slice(2)).toEqual(['   |', '12 | ', '   | ^']);
  });

  it('no frame when the source cannot be read, for the diagnostic or a related place', () => {
    const d: Diagnostic = { ...duplicate(at(4, 6, 4, 7), { related: [{ uri: 'parent.pdl', range: at(2, 1, 2, 4), message: 'in the parent' }] }), uri: 'gone.pdl' };
    expect(formatDiagnostic(d, { readSource: read }).split('\n')).toEqual([
      'error[pdl/duplicate-declaration]: `a` is declared twice',
      '  --> gone.pdl:4:6',
      '  note: in the parent',
      '  --> parent.pdl:2:1',
    ]);
  });

  it('colour: the severity in its colour (error red, warning yellow, info cyan), bold header, blue gutter and notes', () => {
    const d = duplicate(at(4, 6, 4, 7), { help: 'h', related: [{ uri: 'main.pdl', range: at(3, 6, 3, 7), message: 'm' }] });
    const lines = formatDiagnostic(d, { color: true, readSource: read }).split('\n');
    expect(lines).toEqual([
      '\x1b[1m\x1b[31merror[pdl/duplicate-declaration]\x1b[39m\x1b[22m\x1b[1m: `a` is declared twice\x1b[22m',
      '  \x1b[34m-->\x1b[39m main.pdl:4:6',
      '  \x1b[34m|\x1b[39m',
      '\x1b[34m4\x1b[39m \x1b[34m|\x1b[39m role a "B"',
      '  \x1b[34m|\x1b[39m      \x1b[31m^\x1b[39m',
      '  \x1b[34mnote\x1b[39m: m',
      '  \x1b[34m-->\x1b[39m main.pdl:3:6',
      '  \x1b[34m|\x1b[39m',
      '\x1b[34m3\x1b[39m \x1b[34m|\x1b[39m role a "A"',
      '  \x1b[34m|\x1b[39m      \x1b[34m^\x1b[39m',
      '  \x1b[34m=\x1b[39m \x1b[1mhelp\x1b[22m: h',
    ]);
    const warning = formatDiagnostic({ ...d, severity: 'warning' }, { color: true, readSource: () => undefined }).split('\n')[0];
    expect(warning).toBe('\x1b[1m\x1b[33mwarning[pdl/duplicate-declaration]\x1b[39m\x1b[22m\x1b[1m: `a` is declared twice\x1b[22m');
    const info = formatDiagnostic({ ...d, severity: 'info' }, { color: true, readSource: () => undefined }).split('\n')[0];
    expect(info).toBe('\x1b[1m\x1b[36minfo[pdl/duplicate-declaration]\x1b[39m\x1b[22m\x1b[1m: `a` is declared twice\x1b[22m');
    // Without `color`, no escape at all.
    expect(formatDiagnostic(d, { readSource: read })).not.toContain('\x1b');
  });

  it('summarise: errors and warnings counted, singular for one (infos not counted)', () => {
    const e = duplicate(at(1, 1, 1, 1));
    const w: Diagnostic = { ...e, severity: 'warning' };
    const i: Diagnostic = { ...e, severity: 'info' };
    expect(summarise([])).toBe('0 errors, 0 warnings');
    expect(summarise([e, w, i])).toBe('1 error, 1 warning');
    expect(summarise([e, e, w, w, w, i])).toBe('2 errors, 3 warnings');
  });
});

describe('building, sorting and suggesting', () => {
  it('diagnostic: the registry severity unless given; related only when not empty; help only when given', () => {
    const r = at(1, 1, 1, 2);
    expect(diagnostic('pdl/duplicate-declaration', 'a.pdl', r, 'm')).toEqual({ code: 'pdl/duplicate-declaration', severity: 'error', message: 'm', uri: 'a.pdl', range: r });
    const related = [{ uri: 'a.pdl', range: r, message: 'here' }];
    const full = diagnostic('pdl/duplicate-declaration', 'a.pdl', r, 'm', { severity: 'warning', help: '', related });
    expect(full).toEqual({ code: 'pdl/duplicate-declaration', severity: 'warning', message: 'm', uri: 'a.pdl', range: r, related, help: '' });
    expect(Object.keys(diagnostic('pdl/duplicate-declaration', 'a.pdl', r, 'm', { related: [] }))).toEqual(['code', 'severity', 'message', 'uri', 'range']);
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([{ ...full }])).toBe(false);
    expect(hasErrors([full, diagnostic('pdl/duplicate-declaration', 'a.pdl', r, 'm')])).toBe(true);
  });

  it('sortDiagnostics: by file, start, end, code, message; exact duplicates (code, file, start, message) removed', () => {
    const d = (uri: string, start: number, end: number, code: Diagnostic['code'], message: string): Diagnostic => ({ code, severity: 'error', message, uri, range: { ...at(1, 1, 1, 1), start, end } });
    const list = [
      d('b.pdl', 0, 1, 'pdl/syntax-error', 'x'),
      d('a.pdl', 5, 9, 'pdl/syntax-error', 'x'),
      d('a.pdl', 5, 6, 'pdl/syntax-error', 'x'),
      d('a.pdl', 5, 6, 'pdl/lex-error', 'y'),
      d('a.pdl', 5, 6, 'pdl/lex-error', 'x'),
      d('a.pdl', 2, 3, 'pdl/syntax-error', 'x'),
      d('a.pdl', 5, 6, 'pdl/lex-error', 'x'),
      d('a.pdl', 5, 7, 'pdl/lex-error', 'x'),
    ];
    const show = (ds: readonly Diagnostic[]) => ds.map((x) => `${x.uri} ${x.range.start}-${x.range.end} ${x.code} ${x.message}`);
    expect(show(sortDiagnostics(list))).toEqual([
      'a.pdl 2-3 pdl/syntax-error x',
      'a.pdl 5-6 pdl/lex-error x',
      'a.pdl 5-6 pdl/lex-error y',
      'a.pdl 5-6 pdl/syntax-error x',
      'a.pdl 5-7 pdl/lex-error x',
      'a.pdl 5-9 pdl/syntax-error x',
      'b.pdl 0-1 pdl/syntax-error x',
    ]);
    // The same code and message at the same start in another file, or with another message, stay.
    expect(show(sortDiagnostics([d('a.pdl', 1, 2, 'pdl/lex-error', 'x'), d('b.pdl', 1, 2, 'pdl/lex-error', 'x')]))).toHaveLength(2);
    // Whatever the input order (the comparison is read both ways).
    const order = (ds: readonly Diagnostic[]) => show(sortDiagnostics(ds)).join('; ');
    const same = [d('a.pdl', 5, 6, 'pdl/syntax-error', 'y'), d('a.pdl', 5, 6, 'pdl/lex-error', 'y'), d('a.pdl', 5, 6, 'pdl/syntax-error', 'x'), d('b.pdl', 0, 1, 'pdl/lex-error', 'x')];
    const permutations = (xs: readonly Diagnostic[]): Diagnostic[][] => (xs.length <= 1 ? [[...xs]] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
    for (const p of permutations(same)) expect(order(p)).toBe('a.pdl 5-6 pdl/lex-error y; a.pdl 5-6 pdl/syntax-error x; a.pdl 5-6 pdl/syntax-error y; b.pdl 0-1 pdl/lex-error x');
    // The same code and message at another start is kept; an exact duplicate before another start is removed.
    expect(show(sortDiagnostics([d('a.pdl', 3, 4, 'pdl/lex-error', 'x'), d('a.pdl', 1, 2, 'pdl/lex-error', 'x'), d('a.pdl', 1, 2, 'pdl/lex-error', 'x')]))).toEqual(['a.pdl 1-2 pdl/lex-error x', 'a.pdl 3-4 pdl/lex-error x']);
    // The input is not changed.
    expect(show(list)[0]).toBe('b.pdl 0-1 pdl/syntax-error x');
  });

  it('suggest: the closest candidate within max(2, length / 3) edits, the first of equals, none for a long name', () => {
    expect(suggest('socal_worker', ['team_manager', 'social_worker', 'iro'])).toBe('social_worker');
    expect(suggest('iro', ['ira', 'iro'])).toBe('iro');
    expect(suggest('abc', ['xyz'])).toBeUndefined();
    expect(suggest('abcdef', ['abcxyz', 'abcdxy'])).toBe('abcdxy');
    expect(suggest('abcdef', ['abcdxy', 'abcdyy'])).toBe('abcdxy');
    // Two edits are allowed for a short name, length / 3 for a long one (12 letters: 4).
    expect(suggest('ab', ['abcd'])).toBe('abcd');
    expect(suggest('ab', ['abcde'])).toBeUndefined();
    expect(suggest('abcdefghijkl', ['abcdefghwxyz'])).toBe('abcdefghwxyz');
    expect(suggest('abcdefghijkl', ['abcdefgvwxyz'])).toBeUndefined();
    expect(suggest('a'.repeat(10_000), ['a'.repeat(10_000)])).toBeUndefined();
    // A name of the longest length a name may have still gets one (runtime/input-limits.ts: 128).
    expect(suggest(`${'a'.repeat(127)}b`, [`${'a'.repeat(127)}c`])).toBe(`${'a'.repeat(127)}c`);
    expect(suggest(`${'a'.repeat(128)}b`, [`${'a'.repeat(128)}c`])).toBeUndefined();
  });

  it('boundedEditDistance: the distance when within the bound, else more than the bound', () => {
    expect(boundedEditDistance('kitten', 'sitting', 3)).toBe(3);
    expect(boundedEditDistance('kitten', 'sitting', 2)).toBeGreaterThan(2);
    expect(boundedEditDistance('', 'abc', 3)).toBe(3);
    expect(boundedEditDistance('abc', '', 5)).toBe(3);
    expect(boundedEditDistance('ab', '', 2)).toBe(2);
    expect(boundedEditDistance('abcd', 'abcd', 0)).toBe(0);
    expect(boundedEditDistance('abcd', 'abdc', 2)).toBe(2);
    expect(boundedEditDistance('abcdef', 'a', 2)).toBe(3);
    expect(boundedEditDistance('flaw', 'lawn', 2)).toBe(2);
    expect(boundedEditDistance('xabcdefgh', 'abcdefghx', 2)).toBe(2);
    expect(boundedEditDistance('xabcdefgh', 'abcdefghx', 1)).toBe(2);
  });
});

describe('source ranges', () => {
  const text = 'ab\ncd\n\nef';
  const lines = new LineIndex(text);

  it('offsetRange: one line, a range ending with its line break, over lines, empty', () => {
    expect(offsetRange(3, 4, lines)).toEqual({ start: 3, end: 5, startLine: 2, startColumn: 1, endLine: 2, endColumn: 3 });
    expect(offsetRange(3, 5, lines)).toEqual({ start: 3, end: 6, startLine: 2, startColumn: 1, endLine: 2, endColumn: 4 });
    expect(offsetRange(1, 7, lines)).toEqual({ start: 1, end: 8, startLine: 1, startColumn: 2, endLine: 4, endColumn: 2 });
    expect(offsetRange(4, 3, lines)).toEqual({ start: 4, end: 4, startLine: 2, startColumn: 2, endLine: 2, endColumn: 2 });
    expect(offsetRange(8, 8, lines)).toEqual({ start: 8, end: 9, startLine: 4, startColumn: 2, endLine: 4, endColumn: 3 });
    // Any `last` before `start` is empty, not only `start - 1`.
    expect(offsetRange(4, 1, lines)).toEqual({ start: 4, end: 4, startLine: 2, startColumn: 2, endLine: 2, endColumn: 2 });
    // A last character that is the first of the next line (the empty line 3's break) ends on that line.
    expect(offsetRange(3, 6, lines)).toEqual({ start: 3, end: 7, startLine: 2, startColumn: 1, endLine: 3, endColumn: 2 });
  });

  it('tokenRange: a token, and a synthesised token with no end', () => {
    const token = { image: 'cd', startOffset: 3, endOffset: 4 } as Parameters<typeof tokenRange>[0];
    expect(tokenRange(token, lines)).toEqual({ start: 3, end: 5, startLine: 2, startColumn: 1, endLine: 2, endColumn: 3 });
    expect(tokenRange({ ...token, endOffset: Number.NaN }, lines)).toEqual({ start: 3, end: 3, startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 });
    expect(tokenRange({ ...token, endOffset: undefined }, lines)).toEqual({ start: 3, end: 3, startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 });
  });

  it('spanRanges: the smallest range covering both, in either order', () => {
    const a = offsetRange(0, 1, lines);
    const b = offsetRange(3, 4, lines);
    const both = { start: 0, end: 5, startLine: 1, startColumn: 1, endLine: 2, endColumn: 3 };
    expect(spanRanges(a, b)).toEqual(both);
    expect(spanRanges(b, a)).toEqual(both);
    const inner = offsetRange(1, 1, lines);
    expect(spanRanges(inner, a)).toEqual(a);
    expect(spanRanges(a, inner)).toEqual(a);
  });

  it('lineColumn and rangeFromOffsets: lines end at \\n; an offset past the end stays on the last line', () => {
    expect(lineColumn(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(text, 2)).toEqual({ line: 1, column: 3 });
    expect(lineColumn(text, 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn(text, 7)).toEqual({ line: 4, column: 1 });
    expect(lineColumn(text, 20)).toEqual({ line: 4, column: 14 });
    expect(rangeFromOffsets(text, 4, 7)).toEqual({ start: 4, end: 7, startLine: 2, startColumn: 2, endLine: 4, endColumn: 1 });
  });
});
