/**
 * Where things are in the case's JSON text: a small JSON parser that records the span of every value
 * and property name, so that a case error's path (`events[3].date`) can be underlined in place.
 *
 * Input: JSON text; a readable JSON path as the runtime writes it (`events[3].date`,
 * `facts.legal_status`, `facts["odd key"]`, `$`). Output: `locateJson` gives the spans (or the offset
 * and message of the first syntax error); `rangeOfPath` the span to underline for a path: the value
 * when it exists, else the nearest existing parent (a missing field is underlined on its object's
 * opening brace, an unknown field on its name).
 *
 * INVARIANT: no DOM (unit-tested in Node); offsets are UTF-16 indices into the text, as Monaco's
 * `model.getPositionAt` takes them.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

interface Node {
  readonly span: Span;
  /** For an object: its properties' key spans and value nodes. */
  readonly properties?: Map<string, { readonly key: Span; readonly value: Node }>;
  readonly items?: Node[];
}

export type Located = { readonly ok: true; readonly root: Node } | { readonly ok: false; readonly error: { readonly offset: number; readonly message: string } };

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses `text` as JSON, recording spans. */
export function locateJson(text: string): Located {
  let i = 0;
  const fail = (message: string): never => {
    throw new JsonSyntaxError(i, message);
  };
  const ws = (): void => {
    while (i < text.length && /[ \t\r\n]/.test(text[i] ?? '')) i++;
  };
  const describe = (): string => (i >= text.length ? 'the end of the text' : `\`${text[i] ?? ''}\``);
  const string = (): Span => {
    const start = i;
    i++; // opening quote
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return { start, end: i };
      }
      if (c === '\\') {
        const next = text[i + 1] ?? '';
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('a `\\u` escape needs four hexadecimal digits');
          i += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== '') i += 2;
        else fail(`\`\\${next}\` is not a JSON escape`);
      } else if (c === '\n' || c === '\r') fail('a string must end on its line (a closing `"` is missing)');
      else i++;
    }
    return fail('a string is not closed (a closing `"` is missing)');
  };
  const value = (): Node => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const properties = new Map<string, { key: Span; value: Node }>();
      ws();
      if (text[i] === '}') {
        i++;
        return { span: { start, end: i }, properties };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe()}`);
        const key = string();
        const name = JSON.parse(text.slice(key.start, key.end)) as string;
        ws();
        if (text[i] !== ':') fail(`expected \`:\` after the property name, found ${describe()}`);
        i++;
        const v = value();
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
        fail(`expected \`,\` or \`}\` after a property, found ${describe()}`);
      }
    }
    if (c === '[') {
      i++;
      const items: Node[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { span: { start, end: i }, items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { span: { start, end: i }, items };
        }
        fail(`expected \`,\` or \`]\` after an item, found ${describe()}`);
      }
    }
    if (c === '"') return { span: string() };
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (literal !== null) {
      i += literal[0].length;
      return { span: { start, end: i } };
    }
    return fail(`expected a value, found ${describe()}`);
  };
  try {
    const root = value();
    ws();
    if (i < text.length) fail(`unexpected ${describe()} after the end of the case`);
    return { ok: true, root };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, error: { offset: Math.min(error.offset, text.length), message: error.message } };
    throw error;
  }
}

/** Splits a readable path into segments: `events[3].date` -> ['events', 3, 'date']; `$` -> []. */
export function pathSegments(path: string): (string | number)[] {
  if (path === '$' || path === '') return [];
  const out: (string | number)[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([A-Za-z_$][\w$]*)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(m[2]) as string);
    else if (m[3] !== undefined) out.push(m[3]);
    if (re.lastIndex >= path.length) break;
  }
  return out;
}

/** The span to underline for a case error at `path`. */
export function rangeOfPath(root: Located, path: string): Span | undefined {
  if (!root.ok) return undefined;
  let node: Node = root.root;
  for (const segment of pathSegments(path)) {
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
