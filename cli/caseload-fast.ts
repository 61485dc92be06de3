/**
 * The fast path of `pdl simulate` over a JSON Lines file (Node only): a line in the compact shape
 * `pdl generate` writes is read straight from its bytes into the normalised case the validator would
 * make, without decoding it, `JSON.parse` or the validator's walk of the parsed value (issue 17: those
 * were about a third of `pdl simulate` of a generated file); any other line goes the full way.
 *
 * Input: the two policies' IR (a fast reader exists only when they share one vocabulary: the same
 * events, attributes, facts and roles, as the accumulator's own test); then a line's bytes. Output:
 * `lineNormalizer`'s function gives the `NormalizedCase` or `undefined` ("not sure": the caller
 * decodes the line and hands it to `Accumulator.addRecord`, which parses and validates it and reports
 * every problem exactly as before); `addJsonLines` runs a file (or a run of its lines) through an
 * accumulator that way.
 *
 * INVARIANT: a case is given only when `JSON.parse` of the line's text accepts it and the policy's
 * validator (runtime/case.ts) would accept the parsed value and give an equal case: the same id,
 * date of birth, facts and events (type, date, input index, attributes with dates as day numbers,
 * in the input's key order), sorted by date then index. It accepts less than they do, never more:
 * the keys in the order `JSON.stringify` writes a case (`id`, `child` with only `dob`, `facts` if
 * any, `events`; an event's `type`, `date`, then its attributes), only the names the policy
 * declares, each once; no whitespace; strings of printable ASCII without escapes; JSON numbers,
 * finite; `true`/`false`; at most `MAX_EVENTS` events. test/simulate/caseload-fast.test.ts compares
 * it with `JSON.parse` + `validate` on damaged lines and crafted variants,
 * test/simulate/generated-caseloads.test.ts on generated caseloads of every policy (with practice
 * models); it and test/simulate/stream.test.ts show the reports of files equal with and without it.
 * INVARIANT (privacy): nothing here prints; a refused line is never quoted.
 */
import { MAX_EVENTS, orderNormalizedEvents, parsePlainDate } from '../runtime/index.ts';
import type { FactValue, IrType, NormalizedCase, NormalizedEvent, PlainDate, PolicyIR } from '../runtime/index.ts';
import type { Accumulator } from '../simulation/index.ts';
import { eachJsonLine, lineText, type LineRange } from './caseload-stream.ts';

/** A normalised case from the bytes `start` to `end` of a line, or `undefined` when not sure. */
export type LineNormalizer = (bytes: Buffer, start: number, end: number) => NormalizedCase | undefined;

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;

/** Names matched by their bytes (ASCII names only; others are never matched, so refused). */
class NameTable<T> {
  private readonly byLength: { readonly bytes: Uint8Array; readonly value: T }[][] = [];

  add(name: string, value: T): void {
    for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) < 0x20 || name.charCodeAt(i) > 0x7f || name.charCodeAt(i) === QUOTE || name.charCodeAt(i) === BACKSLASH) return;
    const list = (this.byLength[name.length] ??= []);
    list.push({ bytes: Uint8Array.from(name, (c) => c.charCodeAt(0)), value });
  }

  /** The value of the name whose bytes are `b[start..end)`, or undefined. */
  find(b: Buffer, start: number, end: number): T | undefined {
    const list = this.byLength[end - start];
    if (list === undefined) return undefined;
    outer: for (let k = 0; k < list.length; k++) {
      const entry = list[k] as { readonly bytes: Uint8Array; readonly value: T };
      const name = entry.bytes;
      for (let i = 0; i < name.length; i++) if (b[start + i] !== name[i]) continue outer;
      return entry.value;
    }
    return undefined;
  }
}

/** How a value of a declared type is read: 0 date, 1 boolean, 2 number, 3 text, 4 one of a set (as runtime/case.ts checks it). */
interface ValueRead {
  readonly kind: 0 | 1 | 2 | 3 | 4;
  readonly allowed?: NameTable<string>;
}

function valueRead(type: IrType, roles: readonly string[]): ValueRead {
  const oneOf = (values: readonly string[]): ValueRead => {
    const allowed = new NameTable<string>();
    for (const v of values) allowed.add(v, v);
    return { kind: 4, allowed };
  };
  switch (type.kind) {
    case 'date':
      return { kind: 0 };
    case 'boolean':
      return { kind: 1 };
    case 'number':
      return { kind: 2 };
    case 'text':
      return { kind: 3 };
    case 'role':
      return oneOf(roles);
    case 'enum':
      return oneOf(type.values);
  }
}

interface EventRead {
  readonly name: string;
  readonly attributes: NameTable<{ readonly name: string; readonly read: ValueRead }>;
  readonly required: readonly string[];
}

/** The same vocabulary (what the accumulator compares before validating a case once for both). */
function vocabularyKey(ir: PolicyIR): string {
  return JSON.stringify({
    events: ir.events.map((e) => [e.name, e.attributes.map((a) => [a.name, a.type, a.optional])]),
    facts: ir.facts.map((f) => [f.name, f.type, f.optional]),
    roles: ir.roles.map((r) => r.name),
  });
}

/** Not a value: what a value read gives for something it refuses. */
const REFUSED = Symbol('refused');

/**
 * The fast reader for cases of both policies, or undefined when their vocabularies differ (each
 * would validate a case its own way: every line then goes the full way).
 */
export function lineNormalizer(baseline: PolicyIR, reform: PolicyIR): LineNormalizer | undefined {
  if (vocabularyKey(baseline) !== vocabularyKey(reform)) return undefined;
  return createLineNormalizer(baseline);
}

/** The bytes of an ASCII text. */
function bytesOf(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** True when `b` holds `word` at `p`. */
function at(b: Buffer, p: number, word: Uint8Array): boolean {
  for (let i = 0; i < word.length; i++) if (b[p + i] !== word[i]) return false;
  return true;
}

/**
 * The position of the quote that closes a string whose first character is at `p`, when every byte
 * before it is printable ASCII and none is a backslash (no escapes); -1 otherwise.
 */
function closing(b: Buffer, p: number, end: number): number {
  for (let i = p; i < end; i++) {
    const c = b[i] as number;
    if (c === QUOTE) return i;
    if (c < 0x20 || c > 0x7f || c === BACKSLASH) return -1;
  }
  return -1;
}

/** The text of ASCII bytes. */
function latin1(b: Buffer, start: number, stop: number): string {
  if (stop - start > 24) return b.toString('latin1', start, stop);
  let s = '';
  for (let i = start; i < stop; i++) s += String.fromCharCode(b[i] as number);
  return s;
}

/** A digit's value, or a number above 9 for any other byte. */
function digit(b: Buffer, i: number): number {
  return ((b[i] as number) - 48) >>> 0;
}

/**
 * Day numbers by year and month, read off `parsePlainDate` itself (so a date read here is the one it
 * gives, and a date it refuses is refused): a month's first day and its length, filled a year at a
 * time when first needed, for the years 1800 to 2299; other years go through `parsePlainDate`.
 */
const TABLE_FROM = 1800;
const TABLE_YEARS = 500;
const monthFirst = new Float64Array(TABLE_YEARS * 12);
const monthLength = new Uint8Array(TABLE_YEARS * 12); // 0: the year is not filled yet

function fillYear(year: number): void {
  const y = String(year).padStart(4, '0');
  for (let m = 1; m <= 12; m++) {
    const mm = String(m).padStart(2, '0');
    const first = parsePlainDate(`${y}-${mm}-01`) as PlainDate;
    let length = 28;
    while (length < 31 && parsePlainDate(`${y}-${mm}-${length + 1}`) === first + length) length++;
    monthFirst[(year - TABLE_FROM) * 12 + m - 1] = first;
    monthLength[(year - TABLE_FROM) * 12 + m - 1] = length;
  }
}

/** The date of the 10 bytes `YYYY-MM-DD` at `p` (as `parsePlainDate` reads their text), or NaN. */
function dateAt(b: Buffer, p: number): number {
  const y0 = digit(b, p);
  const y1 = digit(b, p + 1);
  const y2 = digit(b, p + 2);
  const y3 = digit(b, p + 3);
  const m0 = digit(b, p + 5);
  const m1 = digit(b, p + 6);
  const d0 = digit(b, p + 8);
  const d1 = digit(b, p + 9);
  if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9 || b[p + 4] !== 45 || b[p + 7] !== 45) return NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < TABLE_FROM || year >= TABLE_FROM + TABLE_YEARS) return parsePlainDate(latin1(b, p, p + 10)) ?? NaN;
  if (month < 1 || month > 12 || day < 1) return NaN;
  const k = (year - TABLE_FROM) * 12 + month - 1;
  if (monthLength[k] === 0) fillYear(year);
  return day > (monthLength[k] as number) ? NaN : (monthFirst[k] as number) + day - 1;
}

/** The end of a JSON number at `p` (the grammar exactly), or -1. */
function numberEnd(b: Buffer, start: number): number {
  let p = start;
  if (b[p] === 45) p++;
  if (b[p] === 48) p++;
  else if (digit(b, p) <= 9) while (digit(b, p) <= 9) p++;
  else return -1;
  if (b[p] === 46) {
    p++;
    if (digit(b, p) > 9) return -1;
    while (digit(b, p) <= 9) p++;
  }
  if (b[p] === 101 || b[p] === 69) {
    p++;
    if (b[p] === 43 || b[p] === 45) p++;
    if (digit(b, p) > 9) return -1;
    while (digit(b, p) <= 9) p++;
  }
  return p;
}

/** The attributes of an event that has none. */
const NO_ATTRIBUTES: Record<string, FactValue> = Object.freeze({}) as Record<string, FactValue>;

const ID = bytesOf('{"id":"');
const CHILD = bytesOf(',"child":{"dob":"');
const FACTS = bytesOf(',"facts":{');
const EVENTS = bytesOf(',"events":[');
const TYPE = bytesOf('{"type":"');
const DATE = bytesOf(',"date":"');
const TRUE = bytesOf('true');
const FALSE = bytesOf('false');

/**
 * The fast reader for cases of one policy's vocabulary. It reads the keys in the order
 * `JSON.stringify` writes a `CaseInput` (`id`, `child` with `dob`, `facts` if any, `events`; an
 * event's `type`, `date`, then its attributes), and refuses any other order.
 */
export function createLineNormalizer(ir: PolicyIR): LineNormalizer {
  const roles = ir.roles.map((r) => r.name);
  const facts = new NameTable<{ readonly name: string; readonly read: ValueRead }>();
  for (const f of ir.facts) facts.add(f.name, { name: f.name, read: valueRead(f.type, roles) });
  const requiredFacts = ir.facts.filter((f) => !f.optional).map((f) => f.name);
  const events = new NameTable<EventRead>();
  for (const e of ir.events) {
    const attributes = new NameTable<{ readonly name: string; readonly read: ValueRead }>();
    for (const a of e.attributes) if (a.name !== 'type' && a.name !== 'date') attributes.add(a.name, { name: a.name, read: valueRead(a.type, roles) });
    events.add(e.name, { name: e.name, attributes, required: e.attributes.filter((a) => !a.optional).map((a) => a.name) });
  }

  // Where the last value read ended (values are read by `value`, below, which returns the value).
  let next = 0;
  /** A value of the declared type at `p`, converted as normalisation does; REFUSED otherwise. */
  const value = (b: Buffer, p: number, end: number, read: ValueRead): FactValue | typeof REFUSED => {
    switch (read.kind) {
      case 0: {
        if (b[p] !== QUOTE || b[p + 11] !== QUOTE || p + 12 > end) return REFUSED;
        const d = dateAt(b, p + 1);
        if (d !== d) return REFUSED;
        next = p + 12;
        return d;
      }
      case 1:
        if (at(b, p, TRUE) && p + 4 <= end) {
          next = p + 4;
          return true;
        }
        if (at(b, p, FALSE) && p + 5 <= end) {
          next = p + 5;
          return false;
        }
        return REFUSED;
      case 2: {
        const e = numberEnd(b, p);
        if (e < 0 || e > end) return REFUSED;
        const n = Number(latin1(b, p, e));
        if (!Number.isFinite(n)) return REFUSED;
        next = e;
        return n;
      }
      case 3: {
        if (b[p] !== QUOTE) return REFUSED;
        const q = closing(b, p + 1, end);
        if (q < 0) return REFUSED;
        next = q + 1;
        return latin1(b, p + 1, q);
      }
      case 4: {
        if (b[p] !== QUOTE) return REFUSED;
        const q = closing(b, p + 1, end);
        const v = q < 0 ? undefined : read.allowed?.find(b, p + 1, q);
        if (v === undefined) return REFUSED;
        next = q + 1;
        return v;
      }
    }
  };
  /** `"key":value,...}` of declared names from `p` (after `{` or a comma); the end after `}`, or -1. */
  const members = (b: Buffer, start: number, end: number, table: NameTable<{ readonly name: string; readonly read: ValueRead }>, into: Record<string, FactValue>): number => {
    let p = start;
    for (;;) {
      if (b[p] !== QUOTE) return -1;
      const q = closing(b, p + 1, end);
      if (q < 0 || b[q + 1] !== COLON) return -1;
      const m = table.find(b, p + 1, q);
      if (m === undefined || into[m.name] !== undefined) return -1;
      const v = value(b, q + 2, end, m.read);
      if (v === REFUSED) return -1;
      into[m.name] = v;
      p = next;
      if (b[p] === RBRACE) return p + 1;
      if (b[p] !== COMMA) return -1;
      p++;
    }
  };

  return (b, start, end) => {
    if (!at(b, start, ID)) return undefined;
    let p = start + ID.length;
    let q = closing(b, p, end);
    if (q <= p) return undefined; // not a string, or empty
    const id = latin1(b, p, q);
    p = q;
    if (b[p] !== QUOTE || !at(b, p + 1, CHILD) || b[p + 1 + CHILD.length + 10] !== QUOTE || b[p + CHILD.length + 12] !== RBRACE) return undefined;
    const dob = dateAt(b, p + 1 + CHILD.length);
    if (dob !== dob) return undefined;
    p += CHILD.length + 13;
    const f: Record<string, FactValue> = {};
    if (at(b, p, FACTS)) {
      p += FACTS.length;
      if (b[p] === RBRACE) p++;
      else {
        p = members(b, p, end, facts, f);
        if (p < 0) return undefined;
      }
    }
    for (const name of requiredFacts) if (f[name] === undefined) return undefined;
    if (!at(b, p, EVENTS)) return undefined;
    p += EVENTS.length;
    const list: NormalizedEvent[] = [];
    if (b[p] === RBRACKET) p++;
    else {
      for (;;) {
        if (list.length >= MAX_EVENTS || !at(b, p, TYPE)) return undefined;
        p += TYPE.length;
        q = closing(b, p, end);
        const known = q < 0 ? undefined : events.find(b, p, q);
        if (known === undefined || !at(b, q + 1, DATE) || b[q + 1 + DATE.length + 10] !== QUOTE) return undefined;
        p = q + 1 + DATE.length;
        const date = dateAt(b, p);
        if (date !== date) return undefined;
        p += 11;
        // An event without attributes shares one frozen empty object (nothing writes to a normalised case's attributes).
        let attributes: Record<string, FactValue> = NO_ATTRIBUTES;
        if (b[p] === RBRACE) p++;
        else if (b[p] === COMMA) {
          attributes = {};
          p = members(b, p + 1, end, known.attributes, attributes);
          if (p < 0) return undefined;
        } else return undefined;
        for (const name of known.required) if (attributes[name] === undefined) return undefined;
        list.push({ type: known.name, date, index: list.length, attributes });
        if (b[p] === RBRACKET) {
          p++;
          break;
        }
        if (b[p] !== COMMA) return undefined;
        p++;
      }
    }
    if (b[p] !== RBRACE || p + 1 !== end) return undefined;
    orderNormalizedEvents(list);
    return { id, child: { dob }, facts: f, events: list };
  };
}

/**
 * Adds the cases of a JSON Lines file (or of a run of its lines) into `acc`: each line through
 * `normalize` when there is one (`addNormalized`), else, or when it is not sure, as the text record
 * the file reader gives (`addRecord`, origin `name:line`); ordinals count the records from the
 * run's lines before it. `each` is called after every record with the number so far. Returns how
 * many records.
 */
export function addJsonLines(
  acc: Accumulator,
  normalize: LineNormalizer | undefined,
  file: { readonly full: string; readonly name: string },
  range?: LineRange,
  each?: (count: number) => void,
): number {
  const first = range?.lines ?? 0;
  let i = 0;
  eachJsonLine(
    file.full,
    (bytes, start, stop, line) => {
      const c = normalize?.(bytes, start, stop);
      if (c !== undefined) acc.addNormalized(c, first + i);
      else acc.addRecord({ kind: 'text', origin: `${file.name}:${line}`, text: lineText(bytes, start, stop) }, first + i);
      i++;
      each?.(i);
    },
    undefined,
    range,
  );
  return i;
}
