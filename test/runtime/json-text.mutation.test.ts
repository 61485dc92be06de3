/**
 * Mutation tests of runtime/json-text.ts (docs/testing.md, "Mutation testing"): the JSON scanner the
 * playground, `pdl evaluate` and embedders use, whose suites (test/limits/, test/playground/,
 * test/cli/) Stryker cannot run in process.
 *
 * Input: short JSON texts, valid and not, written here. Output: assertions on whole results: the
 * span of every value and property name, each syntax error's offset and message (one text per way
 * of failing, as strict as `JSON.parse`, which is asked too), the repeated property names and their
 * lines and columns, and the span `rangeOfPath` gives for each kind of path.
 */
import { describe, expect, it } from 'vitest';
import { duplicateKeys, locateJson, locateJsonError, rangeOfPath, repeatedKeyPlaces, type JsonNode, type Span } from '../../runtime/json-text.ts';

/** The tree of `locateJson`, as texts: a scalar as its text, an object's properties as `key text: value`. */
function shape(text: string, node: JsonNode): unknown {
  const at = (s: Span): string => text.slice(s.start, s.end);
  if (node.properties !== undefined) return { text: at(node.span), properties: [...node.properties].map(([name, p]) => [name, at(p.key), shape(text, p.value)]) };
  if (node.items !== undefined) return { text: at(node.span), items: node.items.map((n) => shape(text, n)) };
  return at(node.span);
}

function tree(text: string): unknown {
  const located = locateJson(text);
  if (!located.ok) throw new Error(`not JSON: ${located.error.message} at ${located.error.offset}`);
  return shape(text, located.root);
}

/** The syntax error of `text` (offset and message); JSON.parse must refuse the text too. */
function errorOf(text: string): { offset: number; message: string } | 'valid' {
  const located = locateJson(text);
  if (located.ok) return 'valid';
  expect(() => JSON.parse(text), text).toThrow();
  return located.error;
}

describe('locateJson: spans of valid text', () => {
  it('gives the span of every value and property name, through whitespace of each kind', () => {
    const text = ' \t{\r\n "a" : [ 1 , -2.5e+3 , "x\\"y" ] ,\t"b":{ }, "c" : [ ] , "d":true,"e":false , "f" :null }\n';
    expect(JSON.parse(text)).toBeTruthy();
    expect(tree(text)).toEqual({
      text: text.trim(),
      properties: [
        ['a', '"a"', { text: '[ 1 , -2.5e+3 , "x\\"y" ]', items: ['1', '-2.5e+3', '"x\\"y"'] }],
        ['b', '"b"', { text: '{ }', properties: [] }],
        ['c', '"c"', { text: '[ ]', items: [] }],
        ['d', '"d"', 'true'],
        ['e', '"e"', 'false'],
        ['f', '"f"', 'null'],
      ],
    });
  });

  it('reads every form of number and string escape JSON allows', () => {
    for (const n of ['0', '-0', '7', '123', '-45', '0.5', '10.25', '1e5', '1E5', '1e+5', '1e-5', '-0.0E-0', '12.5e10']) {
      expect(tree(n), n).toBe(n);
      expect(tree(`[${n}]`), n).toEqual({ text: `[${n}]`, items: [n] });
    }
    const s = '"a\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\\u00e9\\uABCD\\u0aF9"';
    expect(JSON.parse(s)).toBeTypeOf('string');
    expect(tree(s)).toBe(s);
    expect(tree('{"a b": " c d ", "": ""}')).toEqual({ text: '{"a b": " c d ", "": ""}', properties: [['a b', '"a b"', '" c d "'], ['', '""', '""']] });
    expect(tree('{"k\\u0020y": 1}')).toEqual({ text: '{"k\\u0020y": 1}', properties: [['k y', '"k\\u0020y"', '1']] });
  });

  it('nests to depth 1000 and no further', () => {
    expect(locateJson(`${'['.repeat(1001)}${']'.repeat(1001)}`).ok).toBe(true);
    // JSON.parse reads deeper nesting; the scanner refuses it rather than overflow its stack.
    const deep = locateJson(`${'['.repeat(1002)}${']'.repeat(1002)}`);
    expect(deep.ok ? 'valid' : deep.error).toEqual({ offset: 1001, message: 'nesting too deep' });
    // Objects count as arrays do: the innermost value of 1,000 nested objects is at depth 1,000.
    expect(locateJson(`${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`).ok).toBe(true);
    const deepObjects = locateJson(`${'{"a":'.repeat(1001)}1${'}'.repeat(1001)}`);
    expect(deepObjects.ok ? 'valid' : deepObjects.error).toEqual({ offset: 1001 * 5, message: 'nesting too deep' });
  });

  it('lists each repeated property name, the later one, in text order; the last value is kept', () => {
    const text = '{"a": 1, "b": {"c": 1, "c": 2, "c": 3}, "a": {"a": 4}, "d": [{"e": 1}, {"e": 2}]}';
    const located = locateJson(text);
    expect(located.ok).toBe(true);
    if (!located.ok) return;
    expect(located.duplicates.map((s) => [s.start, text.slice(s.start, s.end)])).toEqual([
      [23, '"c"'],
      [31, '"c"'],
      [40, '"a"'],
    ]);
    // The Map keeps the first name's place in the order, with the last name's span and value.
    const { properties } = located.root;
    expect([...(properties ?? [])].map(([name, p]) => [name, p.key.start, text.slice(p.value.span.start, p.value.span.end)])).toEqual([
      ['a', 40, '{"a": 4}'],
      ['b', 9, '{"c": 1, "c": 2, "c": 3}'],
      ['d', 55, '[{"e": 1}, {"e": 2}]'],
    ]);
    expect([...(properties?.get('b')?.value.properties ?? [])].map(([name, p]) => [name, p.key.start, text.slice(p.value.span.start, p.value.span.end)])).toEqual([['c', 31, '3']]);
    expect(duplicateKeys(text)).toEqual(located.duplicates);
    expect(duplicateKeys('{"a": 1, "b": 2}')).toEqual([]);
    expect(duplicateKeys('{"a": 1, "a": 2')).toEqual([]);
  });
});

describe('locateJson: the first syntax error, its offset and what was expected', () => {
  it('says what each place expected', () => {
    const cases: [string, number, string][] = [
      ['', 0, 'unexpected end of input'],
      ['   ', 3, 'unexpected end of input'],
      ['x', 0, 'expected a value (object, array, string, number, true, false or null)'],
      ['[}', 1, 'expected a value (object, array, string, number, true, false or null)'],
      ['tru', 3, 'unexpected end of input'],
      ['trUe', 2, 'expected `true`'],
      ['fals3', 4, 'expected `false`'],
      ['nul!', 3, 'expected `null`'],
      ['"abc', 4, 'unexpected end of input'],
      ['"a\nb"', 2, 'control character in a string (use an escape such as \\n)'],
      ['"a\u001fb"', 2, 'control character in a string (use an escape such as \\n)'],
      ['"a\\x"', 3, 'invalid escape in a string'],
      ['"a\\', 3, 'unexpected end of input'],
      ['"\\u12G4"', 5, 'invalid \\u escape in a string'],
      ['"\\uG234"', 3, 'invalid \\u escape in a string'],
      ['"\\u123x"', 6, 'invalid \\u escape in a string'],
      ['"\\u12', 5, 'unexpected end of input'],
      ['-', 1, 'unexpected end of input'],
      ['-a', 1, 'invalid number'],
      ['01', 1, 'unexpected text after the JSON value'],
      ['1.', 2, 'unexpected end of input'],
      ['1.x', 2, 'invalid number'],
      ['1.e5', 2, 'invalid number'],
      ['1e', 2, 'unexpected end of input'],
      ['1e+', 3, 'unexpected end of input'],
      ['1E-x', 3, 'invalid number'],
      ['1ex', 2, 'invalid number'],
      ['+1', 0, 'expected a value (object, array, string, number, true, false or null)'],
      ['{1: 2}', 1, 'expected a property name in double quotes'],
      ['{"a": 1,}', 8, 'expected a property name in double quotes'],
      ['{"a" 1}', 5, 'expected `:` after a property name'],
      ['{"a": 1 "b": 2}', 8, 'expected `,` or `}` after a property value'],
      ['{"a": 1', 7, 'unexpected end of input'],
      ['[1 2]', 3, 'expected `,` or `]` after an array element'],
      ['[1,]', 3, 'expected a value (object, array, string, number, true, false or null)'],
      ['[1', 2, 'unexpected end of input'],
      ['{} x', 3, 'unexpected text after the JSON value'],
      ['1 2', 2, 'unexpected text after the JSON value'],
      ['\u00a01', 0, 'expected a value (object, array, string, number, true, false or null)'],
      ['\f1', 0, 'expected a value (object, array, string, number, true, false or null)'],
    ];
    for (const [text, offset, message] of cases) expect(errorOf(text), JSON.stringify(text)).toEqual({ offset, message });
  });

  it('locateJsonError gives the same place and words, or the end and `not valid JSON` for valid text', () => {
    expect(locateJsonError('{"a" 1}')).toEqual({ offset: 5, what: 'expected `:` after a property name' });
    expect(locateJsonError('{"a": 1}')).toEqual({ offset: 8, what: 'not valid JSON' });
  });
});

describe('repeatedKeyPlaces', () => {
  it('gives the line and column of each repeated name, at most `max`, and how many more', () => {
    const text = '{\n  "a": 1,\n  "a": 2,\n  "b": {"x": 1, "x": 2},\n\n    "a": 3, "b": 4\n}';
    expect(repeatedKeyPlaces(text, 10)).toEqual({
      places: [
        { line: 3, column: 3 },
        { line: 4, column: 17 },
        { line: 6, column: 5 },
        { line: 6, column: 13 },
      ],
      more: 0,
    });
    expect(repeatedKeyPlaces(text, 2)).toEqual({ places: [{ line: 3, column: 3 }, { line: 4, column: 17 }], more: 2 });
    expect(repeatedKeyPlaces(text, 0)).toEqual({ places: [], more: 4 });
    expect(repeatedKeyPlaces('{"a": 1, "a": 2}', 5)).toEqual({ places: [{ line: 1, column: 10 }], more: 0 });
    expect(repeatedKeyPlaces('{"a": 1, "a": ', 5)).toEqual({ places: [], more: 0 });
  });
});

describe('rangeOfPath', () => {
  const text = '{"id": "c", "child": {"dob": "2015-02-30"}, "facts": {"odd key": 1, "list": [1, 22]}, "events": [{"type": "x", "date": "d"}, 5]}';
  // Scanned inside each test (at each call), not once here: Stryker credits a test only with the code it runs.
  const slice = (keys: readonly (string | number)[]): string | undefined => {
    const span = rangeOfPath(locateJson(text), keys);
    return span === undefined ? undefined : text.slice(span.start, span.end);
  };
  const located = (): ReturnType<typeof locateJson> => locateJson(text);
  /** The one character where `part` starts in the text. */
  const opening = (part: string): Span => ({ start: text.indexOf(part), end: text.indexOf(part) + 1 });

  it('underlines a scalar property with its name, an item or container by itself, a missing one at its parent', () => {
    expect(slice([])).toBe('{');
    expect(slice(['id'])).toBe('"id": "c"');
    expect(slice(['child'])).toBe('{');
    expect(rangeOfPath(located(), ['child'])).toEqual(opening('{"dob"'));
    expect(slice(['child', 'dob'])).toBe('"dob": "2015-02-30"');
    expect(slice(['child', 'name'])).toBe('{');
    expect(rangeOfPath(located(), ['child', 'name'])).toEqual(opening('{"dob"'));
    expect(slice(['facts', 'odd key'])).toBe('"odd key": 1');
    expect(slice(['facts', 'list'])).toBe('[');
    expect(rangeOfPath(located(), ['facts', 'list'])).toEqual(opening('[1'));
    expect(slice(['facts', 'list', 1])).toBe('22');
    expect(slice(['facts', 'list', 2])).toBe('[');
    expect(slice(['events', 0, 'date'])).toBe('"date": "d"');
    expect(slice(['events', 0])).toBe('{');
    expect(rangeOfPath(located(), ['events', 0])).toEqual(opening('{"type"'));
    expect(slice(['events', 1])).toBe('5');
    expect(slice(['events', 3, 'date'])).toBe('[');
    expect(rangeOfPath(located(), ['events', 3, 'date'])).toEqual(opening('[{'));
    expect(slice(['events', 'date'])).toBe('[');
    expect(slice(['child', 0])).toBe('{');
  });

  it('gives nothing for text that is not JSON', () => {
    expect(rangeOfPath(locateJson('{"a": '), ['a'])).toBeUndefined();
  });
});
