/**
 * JSON text, the one hand-written JSON scanner: where things are in a case's JSON text, and where
 * its first syntax error is. Used by `pdl evaluate` (the line and column of a syntax error), the
 * playground's worker (a case error's place, `events` 3 `date`, underlined in place) and, through
 * the runtime's entry, by an embedder refusing a case whose property names repeat (`repeatedKeyPlaces`:
 * the example service). In the runtime, not the compiler, for that last use: a service embedding a
 * compiled policy loads only the runtime.
 *
 * Input: JSON text; a JSON path as a case error's keys (`['events', 3, 'date']`,
 * `['facts', 'odd key']`, `[]` for the root: `authorKeys` of the runtime). Output: `locateJson` gives the span of every value
 * and property name, or the offset and message of the first syntax error (RFC 8259, as strict as
 * `JSON.parse`), and the property names that repeat one of their object (`duplicates`); `locateJsonError` only the syntax error;
 * `duplicateKeys` only the repeats, `repeatedKeyPlaces` their lines and columns; `rangeOfPath` the span to underline for a path:
 * the value when it exists, else the nearest existing parent (a missing field is underlined on its
 * object's opening brace, an unknown field on its name).
 *
 * INVARIANT (privacy): a message says what was expected, never the text found (it may be case data).
 * INVARIANT: browser-safe, no DOM; offsets are UTF-16 indices into the text, as Monaco's
 * `model.getPositionAt` takes them; line and column come from `lineColumn` (source-range.ts).
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A value of the text: its span; for an object, its properties (key spans and values); for an array, its items. */
export interface JsonNode {
  readonly span: Span;
  /** For an object: its properties' key spans and value nodes. */
  readonly properties?: Map<string, { readonly key: Span; readonly value: JsonNode }>;
  readonly items?: JsonNode[];
}

/**
 * `duplicates`: the name of every property that repeats an earlier one of the same object, in text
 * order (`JSON.parse` keeps the last value silently; `properties` keeps the last too).
 */
export type Located =
  | { readonly ok: true; readonly root: JsonNode; readonly duplicates: readonly Span[] }
  | { readonly ok: false; readonly error: { readonly offset: number; readonly message: string } };

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses `text` as JSON (RFC 8259), recording spans; never throws on bad input. */
export function locateJson(text: string): Located {
  let i = 0;
  const duplicates: Span[] = [];
  const fail = (what: string): never => {
    throw new JsonSyntaxError(i, i >= text.length ? 'unexpected end of input' : what);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail(`expected \`${word}\``);
      i++;
    }
  };
  const string = (): Span => {
    const start = i;
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return { start, end: i };
      }
      if (c < 0x20) fail('control character in a string (use an escape such as \\n)');
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9A-Fa-f]/.test(text[i + k] ?? '')) {
              i += k;
              fail('invalid \\u escape in a string');
            }
          }
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail('invalid escape in a string');
      } else i++;
    }
  };
  const number = (): void => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (/[1-9]/.test(text[i] ?? '')) while (/[0-9]/.test(text[i] ?? '')) i++;
    else fail('invalid number');
    if (text[i] === '.') {
      i++;
      if (!/[0-9]/.test(text[i] ?? '')) fail('invalid number');
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!/[0-9]/.test(text[i] ?? '')) fail('invalid number');
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
  };
  const value = (depth: number): JsonNode => {
    if (depth > 1000) fail('nesting too deep');
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const properties = new Map<string, { key: Span; value: JsonNode }>();
      ws();
      if (text[i] === '}') {
        i++;
        return { span: { start, end: i }, properties };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        const key = string();
        const name = JSON.parse(text.slice(key.start, key.end)) as string;
        ws();
        if (text[i] !== ':') fail('expected `:` after a property name');
        i++;
        const v = value(depth + 1);
        if (properties.has(name)) duplicates.push(key);
        properties.set(name, { key, value: v });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { span: { start, end: i }, properties };
        }
        fail('expected `,` or `}` after a property value');
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { span: { start, end: i }, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { span: { start, end: i }, items };
        }
        fail('expected `,` or `]` after an array element');
      }
    }
    if (c === '"') return { span: string() };
    if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || /[0-9]/.test(c ?? '')) number();
    else fail('expected a value (object, array, string, number, true, false or null)');
    return { span: { start, end: i } };
  };
  try {
    const root = value(0);
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
    return { ok: true, root, duplicates };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, error: { offset: Math.min(error.offset, text.length), message: error.message } };
    throw error;
  }
}

/** The first JSON syntax error in `text`: its offset and what was expected (`not valid JSON` at the end when there is none). */
export function locateJsonError(text: string): { offset: number; what: string } {
  const located = locateJson(text);
  return located.ok ? { offset: text.length, what: 'not valid JSON' } : { offset: located.error.offset, what: located.error.message };
}

/**
 * The names of the properties that repeat an earlier one of the same object (the later ones), in
 * text order; none when the text is not JSON. A case with one is an error: which value was meant is
 * unknown, and the first is lost without a word.
 */
export function duplicateKeys(text: string): readonly Span[] {
  const located = locateJson(text);
  return located.ok ? located.duplicates : [];
}

/**
 * The line and column (1-based; a column counts UTF-16 code units, as the scanner's offsets do) of
 * each property name that repeats an earlier one of its object, at most `max`, and how many more
 * there are; never the names themselves (they may be case data). One pass over the text after the
 * scan; none when the text is not JSON.
 */
export function repeatedKeyPlaces(text: string, max: number): { readonly places: readonly { readonly line: number; readonly column: number }[]; readonly more: number } {
  const spans = duplicateKeys(text);
  const places: { line: number; column: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let at = 0;
  for (const span of spans.slice(0, max)) {
    for (; at < span.start; at++) {
      if (text.charCodeAt(at) === 10) {
        line++;
        lineStart = at + 1;
      }
    }
    places.push({ line, column: span.start - lineStart + 1 });
  }
  return { places, more: Math.max(0, spans.length - max) };
}

/** The span to underline for a case error at the JSON path `keys` (a case error's `authorKeys`). */
export function rangeOfPath(root: Located, keys: readonly (string | number)[]): Span | undefined {
  if (!root.ok) return undefined;
  let node: JsonNode = root.root;
  for (const segment of keys) {
    if (typeof segment === 'number') {
      const item = node.items?.[segment];
      if (item === undefined) return openingOf(node.span);
      node = item;
    } else {
      const property = node.properties?.get(segment);
      if (property === undefined) return openingOf(node.span);
      // An unknown field is reported at its own path: underline its name and value.
      node = property.value;
      if (node.properties === undefined && node.items === undefined) return { start: property.key.start, end: node.span.end };
    }
  }
  return node.properties !== undefined || node.items !== undefined ? openingOf(node.span) : node.span;
}

/** The opening bracket of an object or array (underlining a whole object would cover the case). */
function openingOf(span: Span): Span {
  return { start: span.start, end: span.start + 1 };
}
