/**
 * Keeping a child's data out of error messages. The runtime's case errors quote the offending value
 * (`` `2015-02-30` is not a real calendar date``), which helps whoever wrote the case; anything that
 * logs or forwards the errors (`pdl evaluate`, the example service in examples/embedding/) removes it
 * first with `withoutValue`.
 *
 * Input: a case error's message and path (as `runtime/case.ts` writes paths: `events[3].date`,
 * `facts["a b"]`, `$`) and the input it was found in. Output: the message with every quoted form of
 * that value replaced by `HIDDEN_VALUE`; paths split into keys (`casePathSegments`).
 */

/** Splits a readable JSON path (`events[3].date`, `facts["a b"]`, `$`) into keys; undefined if unreadable. */
export function casePathSegments(path: string): (string | number)[] | undefined {
  if (path === '$' || path === '') return [];
  const out: (string | number)[] = [];
  let rest = path.startsWith('$') ? path.slice(1) : path;
  const first = /^[A-Za-z_$][\w$]*/.exec(rest);
  if (first !== null && !path.startsWith('$')) {
    out.push(first[0]);
    rest = rest.slice(first[0].length);
  }
  while (rest.length > 0) {
    let m: RegExpExecArray | null;
    if ((m = /^\.([A-Za-z_$][\w$]*)/.exec(rest)) !== null) out.push(m[1] as string);
    else if ((m = /^\[(\d+)\]/.exec(rest)) !== null) out.push(Number(m[1]));
    else if ((m = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest)) !== null) {
      try {
        out.push(JSON.parse(m[1] as string) as string);
      } catch {
        return undefined;
      }
    } else return undefined;
    rest = rest.slice(m[0].length);
  }
  return out;
}

function valueAt(root: unknown, segments: readonly (string | number)[]): { found: boolean; value: unknown } {
  let v: unknown = root;
  for (const seg of segments) {
    if (v === null || typeof v !== 'object') return { found: false, value: undefined };
    if (Array.isArray(v)) {
      if (typeof seg !== 'number') return { found: false, value: undefined };
      v = v[seg];
    } else v = (v as Record<string, unknown>)[String(seg)];
  }
  return { found: true, value: v };
}

/** The placeholder that replaces a value from the input in a message. */
export const HIDDEN_VALUE = '<value>';

/**
 * Removes the value found at `path` in `input` from `message` (wherever it is quoted in backticks,
 * raw or as JSON, whole or shortened), so that an error names where the problem is, not what the
 * child's record says.
 */
export function withoutValue(message: string, path: string, input: unknown): string {
  const segments = casePathSegments(path);
  if (segments === undefined) return message;
  const { found, value } = valueAt(input, segments);
  if (!found || value === undefined) return message;
  const forms = new Set<string>();
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json !== undefined) {
    forms.add(json);
    if (json.length > 60) forms.add(`${json.slice(0, 57)}...`);
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') forms.add(String(value));
  let out = message;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    if (form === '') continue;
    out = out.split(`\`${form}\``).join(HIDDEN_VALUE);
  }
  return out;
}
