/**
 * The CLI's plumbing, in process: JSON syntax errors located without quoting the text, the column
 * aligner, wrapping, and `--as-of` dates (keeping values out of case errors: test/runtime/case-errors.test.ts).
 *
 * Input: cli/output.ts and main.ts's date check. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { isPlainDate } from '../../cli/main.ts';
import { alignColumns, wrap } from '../../cli/output.ts';
import { parseJson } from '../../cli/json.ts';
import { locateJsonError } from '../../compiler/index.ts';

describe('parseJson', () => {
  it('parses valid JSON', () => {
    expect(parseJson('{"a": [1, 2.5e3, true, null, "x\\n"]}')).toEqual({ ok: true, value: { a: [1, 2500, true, null, 'x\n'] } });
  });

  it.each([
    ['{"name": "Jo Bloggs" "dob": 1}', 1, 22, 'expected `,` or `}` after a property value'],
    ['{\n  "a": 1,\n}', 3, 1, 'expected a property name in double quotes'],
    ['{"a": [1, 2', 1, 12, 'unexpected end of input'],
    ['{"a": Jo}', 1, 7, 'expected a value'],
    ['{"a": 01}', 1, 8, 'expected `,` or `}` after a property value'],
    ['{"a": "x\ty"}', 1, 9, 'control character in a string'],
    ['{} {}', 1, 4, 'unexpected text after the JSON value'],
    ['', 1, 1, 'unexpected end of input'],
  ])('%j: line %i, column %i', (text, line, column, what) => {
    const r = parseJson(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain(what);
    expect(r.message).toContain(`at line ${line}, column ${column}`);
    expect(r.message).not.toContain('Jo');
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const text of ['1', '"a"', '[]', '{}', ' [ {"a" : -0.5E-2} ] ', '"\\u00e9"']) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(locateJsonError(text).what).toBe('not valid JSON');
    }
  });
});

describe('layout', () => {
  it('aligns columns by visible width, colour applied after padding', () => {
    const red = (s: string): string => `\u001b[31m${s}\u001b[39m`;
    expect(alignColumns([['a', { text: 'bb', paint: red }, 'c'], ['ddd', 'e', 'f']])).toEqual([
      `a    ${red('bb')}  c`,
      'ddd  e   f',
    ]);
  });

  it('wraps at word boundaries with a hanging indent', () => {
    expect(wrap('one two three four', 12, '1. ', '   ')).toEqual(['1. one two', '   three', '   four']);
  });
});

describe('isPlainDate', () => {
  it('accepts real dates only', () => {
    expect(['2024-02-29', '2025-09-01', '2000-02-29'].map(isPlainDate)).toEqual([true, true, true]);
    expect(['2025-02-29', '1900-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-9-1', '01/09/2025'].map(isPlainDate)).toEqual(
      Array(7).fill(false),
    );
  });
});
