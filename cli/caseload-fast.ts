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
 * only `{`, `}`, `[`, `]`, `,`, `:`, strings of printable ASCII without escapes, JSON numbers,
 * `true`/`false`, no whitespace; only the keys the policy declares, each once; an event's `type` as
 * its first key; at most `MAX_EVENTS` events. test/simulate/caseload-fast.test.ts compares it with
 * `JSON.parse` + `validate` on generated caseloads (with practice models) and on damaged lines, and
 * the reports of `pdl simulate` with and without it.
 * INVARIANT (privacy): nothing here prints; a refused line is never quoted.
 */
import { MAX_EVENTS, parsePlainDate } from '../runtime/index.ts';
import type { FactValue, IrType, NormalizedCase, NormalizedEvent, PlainDate, PolicyIR } from '../runtime/index.ts';
import type { Accumulator } from '../simulation/index.ts';
import { eachJsonLine, lineText, type LineRange } from './caseload-stream.ts';

/** A normalised case from the bytes `start` to `end` of a line, or `undefined` when not sure. */
export type LineNormalizer = (bytes: Uint8Array, start: number, end: number) => NormalizedCase | undefined;

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
  find(b: Uint8Array, start: number, end: number): T | undefined {
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

/** The fast reader for cases of one policy's vocabulary. */
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
  const TOP = new NameTable<number>();
  TOP.add('id', 0);
  TOP.add('child', 1);
  TOP.add('facts', 2);
  TOP.add('events', 3);
  const DOB = new NameTable<true>();
  DOB.add('dob', true);
  const TYPE = new NameTable<true>();
  TYPE.add('type', true);
  const DATE = new NameTable<true>();
  DATE.add('date', true);

  // The line being read, and the last string's bounds (no object per string).
  let b: Uint8Array = new Uint8Array(0);
  let p = 0;
  let end = 0;
  let sStart = 0;
  let sEnd = 0;

  /** A string at `p` of printable ASCII without escapes: its bounds in `sStart`/`sEnd`; false otherwise. */
  const string = (): boolean => {
    if (b[p] !== QUOTE) return false;
    const start = ++p;
    for (; p < end; p++) {
      const c = b[p] as number;
      if (c === QUOTE) {
        sStart = start;
        sEnd = p++;
        return true;
      }
      if (c < 0x20 || c > 0x7f || c === BACKSLASH) return false;
    }
    return false;
  };
  /** A key and its colon; the key's bounds in `sStart`/`sEnd`. */
  const key = (): boolean => {
    if (!string() || b[p] !== COLON) return false;
    p++;
    return true;
  };
  const text = (start: number, stop: number): string => {
    let s = '';
    for (let i = start; i < stop; i++) s += String.fromCharCode(b[i] as number);
    return s;
  };
  /** Dates by their digits (YYYYMMDD as a number): parsePlainDate's answer for the same text, `null` when it refuses. */
  const dates = new Map<number, PlainDate | null>();
  const date = (): PlainDate | undefined => {
    if (!string() || sEnd - sStart !== 10) return undefined;
    const s = sStart;
    if (b[s + 4] !== 45 || b[s + 7] !== 45) return undefined;
    let k = 0;
    for (const i of DIGITS) {
      const d = (b[s + i] as number) - 48;
      if (d < 0 || d > 9) return undefined;
      k = k * 10 + d;
    }
    let d = dates.get(k);
    if (d === undefined) {
      d = parsePlainDate(text(s, s + 10)) ?? null;
      if (dates.size >= 50_000) dates.clear();
      dates.set(k, d);
    }
    return d ?? undefined;
  };
  /** A JSON number at `p` (the grammar exactly), finite; undefined otherwise. */
  const number = (): number | undefined => {
    const start = p;
    if (b[p] === 45) p++;
    if (b[p] === 48) p++;
    else if ((b[p] as number) >= 49 && (b[p] as number) <= 57) while ((b[p] as number) >= 48 && (b[p] as number) <= 57) p++;
    else return undefined;
    if (b[p] === 46) {
      p++;
      if (!((b[p] as number) >= 48 && (b[p] as number) <= 57)) return undefined;
      while ((b[p] as number) >= 48 && (b[p] as number) <= 57) p++;
    }
    if (b[p] === 101 || b[p] === 69) {
      p++;
      if (b[p] === 43 || b[p] === 45) p++;
      if (!((b[p] as number) >= 48 && (b[p] as number) <= 57)) return undefined;
      while ((b[p] as number) >= 48 && (b[p] as number) <= 57) p++;
    }
    if (p > end) return undefined;
    const n = Number(text(start, p));
    return Number.isFinite(n) ? n : undefined;
  };
  /** The bytes of `word` at `p`. */
  const literal = (word: readonly number[]): boolean => {
    for (let i = 0; i < word.length; i++) if (b[p + i] !== word[i]) return false;
    p += word.length;
    return p <= end;
  };
  /** A value of the declared type, converted as normalisation does. */
  const value = (read: ValueRead): FactValue | typeof REFUSED => {
    switch (read.kind) {
      case 0:
        return date() ?? REFUSED;
      case 1:
        if (b[p] === 116) return literal(TRUE) ? true : REFUSED;
        return b[p] === 102 && literal(FALSE) ? false : REFUSED;
      case 2:
        return number() ?? REFUSED;
      case 3:
        return string() ? text(sStart, sEnd) : REFUSED;
      case 4:
        return string() ? (read.allowed?.find(b, sStart, sEnd) ?? REFUSED) : REFUSED;
    }
  };
  /** `{"dob":"YYYY-MM-DD"}`. */
  const child = (): PlainDate | undefined => {
    if (b[p] !== LBRACE) return undefined;
    p++;
    if (!key() || DOB.find(b, sStart, sEnd) === undefined) return undefined;
    const dob = date();
    if (dob === undefined || b[p] !== RBRACE) return undefined;
    p++;
    return dob;
  };
  /** `{...}` of declared facts, each once. */
  const factsObject = (): Record<string, FactValue> | undefined => {
    if (b[p] !== LBRACE) return undefined;
    p++;
    const out: Record<string, FactValue> = {};
    if (b[p] === RBRACE) {
      p++;
      return out;
    }
    for (;;) {
      if (!key()) return undefined;
      const f = facts.find(b, sStart, sEnd);
      if (f === undefined || out[f.name] !== undefined) return undefined;
      const v = value(f.read);
      if (v === REFUSED) return undefined;
      out[f.name] = v;
      if (b[p] === COMMA) p++;
      else if (b[p] === RBRACE) {
        p++;
        return out;
      } else return undefined;
    }
  };
  /** One event `{"type":...,"date":...,...}`, its type first. */
  const event = (index: number): NormalizedEvent | undefined => {
    if (b[p] !== LBRACE) return undefined;
    p++;
    if (!key() || TYPE.find(b, sStart, sEnd) === undefined || !string()) return undefined;
    const known = events.find(b, sStart, sEnd);
    if (known === undefined) return undefined;
    let when: PlainDate | undefined;
    const attributes: Record<string, FactValue> = {};
    for (;;) {
      if (b[p] === RBRACE) {
        p++;
        break;
      }
      if (b[p] !== COMMA) return undefined;
      p++;
      if (!key()) return undefined;
      if (DATE.find(b, sStart, sEnd) !== undefined) {
        if (when !== undefined) return undefined;
        when = date();
        if (when === undefined) return undefined;
        continue;
      }
      const a = known.attributes.find(b, sStart, sEnd);
      if (a === undefined || attributes[a.name] !== undefined) return undefined;
      const v = value(a.read);
      if (v === REFUSED) return undefined;
      attributes[a.name] = v;
    }
    if (when === undefined) return undefined;
    for (const name of known.required) if (attributes[name] === undefined) return undefined;
    return { type: known.name, date: when, index, attributes };
  };
  /** `[...]` of events. */
  const eventList = (): NormalizedEvent[] | undefined => {
    if (b[p] !== LBRACKET) return undefined;
    p++;
    const out: NormalizedEvent[] = [];
    if (b[p] === RBRACKET) {
      p++;
      return out;
    }
    for (;;) {
      if (out.length >= MAX_EVENTS) return undefined;
      const e = event(out.length);
      if (e === undefined) return undefined;
      out.push(e);
      if (b[p] === COMMA) p++;
      else if (b[p] === RBRACKET) {
        p++;
        return out;
      } else return undefined;
    }
  };

  return (bytes, start, stop) => {
    b = bytes;
    p = start;
    end = stop;
    if (b[p] !== LBRACE) return undefined;
    p++;
    let id: string | undefined;
    let dob: PlainDate | undefined;
    let factsOut: Record<string, FactValue> | undefined;
    let list: NormalizedEvent[] | undefined;
    for (;;) {
      if (!key()) return undefined;
      switch (TOP.find(b, sStart, sEnd)) {
        case 0:
          if (id !== undefined || !string() || sEnd === sStart) return undefined;
          id = text(sStart, sEnd);
          break;
        case 1:
          if (dob !== undefined) return undefined;
          dob = child();
          if (dob === undefined) return undefined;
          break;
        case 2:
          if (factsOut !== undefined) return undefined;
          factsOut = factsObject();
          if (factsOut === undefined) return undefined;
          break;
        case 3:
          if (list !== undefined) return undefined;
          list = eventList();
          if (list === undefined) return undefined;
          break;
        default:
          return undefined;
      }
      if (b[p] === COMMA) p++;
      else if (b[p] === RBRACE) {
        p++;
        break;
      } else return undefined;
    }
    if (p !== end || id === undefined || dob === undefined || list === undefined) return undefined;
    const f = factsOut ?? {};
    for (const name of requiredFacts) if (f[name] === undefined) return undefined;
    if (!inOrder(list)) list.sort(compareEvents);
    return { id, child: { dob }, facts: f, events: list };
  };
}

/** Positions of the digits of `YYYY-MM-DD`. */
const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9] as const;
const TRUE = [116, 114, 117, 101];
const FALSE = [102, 97, 108, 115, 101];

/** True when the events are already in date order (then in input order, as their indexes are). */
function inOrder(events: readonly NormalizedEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if ((events[i] as NormalizedEvent).date < (events[i - 1] as NormalizedEvent).date) return false;
  return true;
}

function compareEvents(a: NormalizedEvent, b: NormalizedEvent): number {
  return a.date - b.date || a.index - b.index;
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
