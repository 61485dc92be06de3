/**
 * JSON Lines written straight to UTF-8 bytes: `JsonLinesWriter.line(value)` appends exactly the bytes
 * of `JSON.stringify(value) + '\n'` (UTF-8), without making the string first (what `pdl generate`
 * writes: issue 17 measured `JSON.stringify` and encoding its strings at about a third of the command).
 *
 * Input: JSON-able values (a generated `CaseInput`: plain objects, arrays, strings, finite numbers,
 * booleans), or a line written piece by piece (`ascii`, `string`, `value`, `endLine`: the generator's
 * own cases, simulation/caseload/generate.ts). Output: the bytes, taken a batch at a time (`take`).
 *
 * INVARIANT: byte-identical to `JSON.stringify` (without replacer or indent) for every value: a
 * `toJSON` method is called with the property's key first; objects are walked keys in `Object.keys`
 * order (the order `JSON.stringify` uses), properties whose value is `undefined`, a function or a
 * symbol left out, and such array elements written `null`; a string of printable ASCII without `"`
 * or `\` is copied byte for byte, any other string (and a boxed primitive) is given to
 * `JSON.stringify` itself and its text encoded as UTF-8.
 * test/simulate/generated-caseloads.test.ts holds the two to the same bytes on seeded caseloads (with and
 * without practice models) and odd values. A value `JSON.stringify` throws on (a cycle, a BigInt)
 * throws here too (a cycle as a `RangeError`).
 * Browser-safe: no Node module.
 */

const QUOTE = 34;
const BACKSLASH = 92;
const encoder = new TextEncoder();

/** Appends JSON text as UTF-8 bytes to a growing buffer, a line at a time. */
export class JsonLinesWriter {
  private buffer: Uint8Array;
  private at = 0;

  constructor(capacity = 1 << 16) {
    this.buffer = new Uint8Array(Math.max(16, capacity));
  }

  /** Bytes written since the last `take`. */
  get length(): number {
    return this.at;
  }

  /** Appends the bytes of `JSON.stringify(value)` and a `\n` (a value it makes nothing of, e.g. `undefined`, gives an empty line, as `lines.join('\n')` would). */
  line(value: unknown): void {
    this.value(value, '');
    this.room(1);
    this.buffer[this.at++] = 10;
  }

  /** Ends a line written piece by piece (`ascii`, `string`, `value`). */
  endLine(): void {
    this.room(1);
    this.buffer[this.at++] = 10;
  }

  /**
   * The bytes written since the last `take` or `taken`, as a view of the writer's own buffer, valid
   * until the next write (no copy: for a caller that writes them out at once), and a fresh start.
   */
  taken(): Uint8Array {
    const out = this.buffer.subarray(0, this.at);
    this.at = 0;
    return out;
  }

  /** The bytes written since the last `take` in a fresh `ArrayBuffer` of their own (transferable), and a fresh start. */
  take(): Uint8Array {
    const out = this.buffer.slice(0, this.at);
    this.at = 0;
    return out;
  }

  private room(n: number): void {
    if (this.at + n <= this.buffer.length) return;
    const bigger = new Uint8Array(Math.max(this.buffer.length * 2, this.at + n));
    bigger.set(this.buffer.subarray(0, this.at));
    this.buffer = bigger;
  }

  /** Encodes text (any Unicode) as UTF-8. */
  private text(s: string): void {
    this.room(s.length * 3);
    this.at += encoder.encodeInto(s, this.buffer.subarray(this.at)).written;
  }

  /** A string as JSON: copied when it is printable ASCII without `"` or `\`, else as `JSON.stringify` escapes it. */
  string(s: string): void {
    const n = s.length;
    this.room(n + 2);
    const b = this.buffer;
    let at = this.at;
    b[at++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) {
        this.text(JSON.stringify(s));
        return;
      }
      b[at++] = c;
    }
    b[at++] = QUOTE;
    this.at = at;
  }

  /** ASCII text written as it is: JSON punctuation and keys the caller knows need no escaping. */
  ascii(s: string): void {
    const n = s.length;
    this.room(n);
    const b = this.buffer;
    let at = this.at;
    for (let i = 0; i < n; i++) b[at++] = s.charCodeAt(i);
    this.at = at;
  }

  /**
   * Writes `value` (the property `key` of its holder: an array index, or '' at the top) as
   * `JSON.stringify` would; false when it writes nothing (a value `JSON.stringify` leaves out).
   */
  value(given: unknown, key: string | number = ''): boolean {
    let value = given;
    if ((typeof value === 'object' && value !== null) || typeof value === 'bigint') {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') value = (toJSON as (k: string) => unknown).call(value, String(key));
    }
    switch (typeof value) {
      case 'string':
        this.string(value);
        return true;
      case 'number':
        this.ascii(Number.isFinite(value) ? String(value) : 'null');
        return true;
      case 'boolean':
        this.ascii(value ? 'true' : 'false');
        return true;
      case 'object':
        if (value === null) this.ascii('null');
        else if (value instanceof Number || value instanceof String || value instanceof Boolean) this.text(JSON.stringify(value));
        else if (Array.isArray(value)) this.array(value as readonly unknown[]);
        else this.object(value as Readonly<Record<string, unknown>>);
        return true;
      case 'bigint':
        JSON.stringify(value); // throws, as JSON.stringify does
        return false;
      default:
        // undefined, a function, a symbol: left out of an object, `null` in an array.
        return false;
    }
  }

  private array(values: readonly unknown[]): void {
    this.room(1);
    this.buffer[this.at++] = 91; // [
    for (let i = 0; i < values.length; i++) {
      if (i > 0) {
        this.room(1);
        this.buffer[this.at++] = 44; // ,
      }
      if (!this.value(values[i], i)) this.ascii('null');
    }
    this.room(1);
    this.buffer[this.at++] = 93; // ]
  }

  private object(o: Readonly<Record<string, unknown>>): void {
    this.room(1);
    this.buffer[this.at++] = 123; // {
    let first = true;
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (v === undefined) continue;
      const mark = this.at;
      if (!first) {
        this.room(1);
        this.buffer[this.at++] = 44; // ,
      }
      this.string(key);
      this.room(1);
      this.buffer[this.at++] = 58; // :
      if (this.value(v, key)) first = false;
      else this.at = mark; // left out (a function, a symbol, a toJSON that gave undefined)
    }
    this.room(1);
    this.buffer[this.at++] = 125; // }
  }
}
