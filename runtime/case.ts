/**
 * Case input: its JSON shape, the JSON Schema derived from a policy's declared vocabulary, and the
 * validator that turns untrusted JSON into a `NormalizedCase`.
 *
 * Input: a `PolicyIR` (for the schema and the validator) and then, many times, an untrusted value
 * (parsed JSON) of the shape
 * `{"id": "...", "child": {"dob": "YYYY-MM-DD"}, "facts": {...}, "events": [{"type": "...", "date": "YYYY-MM-DD", ...}]}`.
 * Output: `{ ok: true, case }` with a `NormalizedCase`, or `{ ok: false, errors }` with every problem
 * found, each as `{ path, message }` (`events[3].date`, `facts.legal_status`, `$` for the root).
 *
 * INVARIANT: the schema is plain JSON (draft-07, ajv's default) and is compiled once per policy.
 * INVARIANT: nothing is silently dropped: unknown fields, facts, attributes and event types are errors.
 * INVARIANT: a `NormalizedCase` holds dates as `PlainDate` numbers (the child's dob, date-typed facts and
 * date-typed attributes), and its events are sorted by date, then by position in the input (stable);
 * `index` is always the position in the input array.
 * INVARIANT: messages are lowercase, name the offending value or field in backticks, and there is one
 * message per real problem (ajv's `oneOf` cascades are avoided with its `discriminator` keyword, and
 * errors under a value of the wrong type are collapsed into the type error).
 */

import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import type { IrAttribute, IrEvent, IrType, PolicyIR } from './ir.ts';
import { parsePlainDate } from './dates.ts';
import type { PlainDate } from './dates.ts';

/** A JSON value, as found in a schema. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * The subset of JSON Schema (draft-07 plus ajv's `discriminator`) that `caseSchema` produces.
 * A type alias (not an interface) so that it is assignable to ajv's schema type.
 */
export type JsonSchema = {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: 'object' | 'array' | 'string' | 'number' | 'boolean';
  properties?: { [name: string]: JsonSchema };
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  maxItems?: number;
  minLength?: number;
  oneOf?: JsonSchema[];
  discriminator?: { propertyName: string };
  const?: string;
  enum?: string[];
  format?: string;
};

/** The value of a fact or attribute after normalisation (date-typed values are `PlainDate` numbers). */
export type FactValue = string | number | boolean | PlainDate;

/** One event of a normalised case. */
export interface NormalizedEvent {
  readonly type: string;
  readonly date: PlainDate;
  /** Position of the event in the input `events` array. */
  readonly index: number;
  /** The event's attributes (all but `type` and `date`); date-typed ones as `PlainDate`. */
  readonly attributes: Readonly<Record<string, FactValue>>;
}

/** A validated case, ready to evaluate. */
export interface NormalizedCase {
  readonly id: string;
  readonly child: { readonly dob: PlainDate };
  /** Facts given in the input (absent optional facts are absent here too); dates as `PlainDate`. */
  readonly facts: Readonly<Record<string, FactValue>>;
  /** INVARIANT: sorted by date, then by `index`. */
  readonly events: readonly NormalizedEvent[];
}

/** One problem with a case input. */
export interface CaseError {
  /** Readable JSON path: `events[3].date`, `facts.legal_status`, `child.dob`; `$` for the root. */
  readonly path: string;
  /** Lowercase, names the offending value or field in backticks. */
  readonly message: string;
}

/** The outcome of validating a case input. */
export type CaseValidation =
  | { readonly ok: true; readonly case: NormalizedCase }
  | { readonly ok: false; readonly errors: readonly CaseError[] };

/** Validates and normalises an untrusted case input. */
export type CaseValidator = (input: unknown) => CaseValidation;

/** Name of the custom string format for `YYYY-MM-DD` dates that exist on the calendar. */
export const PLAIN_DATE_FORMAT = 'plain-date';

/** Path used for the root of the case input. */
export const ROOT_PATH = '$';

function typeSchema(type: IrType, roles: readonly string[], description: string | undefined): JsonSchema {
  const base: JsonSchema = description === undefined ? {} : { description };
  switch (type.kind) {
    case 'date':
      return { ...base, type: 'string', format: PLAIN_DATE_FORMAT };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'number':
      return { ...base, type: 'number' };
    case 'text':
      return { ...base, type: 'string' };
    case 'role':
      return { ...base, type: 'string', enum: [...roles] };
    case 'enum':
      return { ...base, type: 'string', enum: [...type.values] };
  }
}

function eventSchema(event: IrEvent, roles: readonly string[]): JsonSchema {
  const properties: { [name: string]: JsonSchema } = {
    type: { const: event.name },
    date: { type: 'string', format: PLAIN_DATE_FORMAT, description: 'The date the event happened or was recorded.' },
  };
  const required = ['type', 'date'];
  for (const attribute of event.attributes) {
    properties[attribute.name] = typeSchema(attribute.type, roles, undefined);
    if (!attribute.optional) required.push(attribute.name);
  }
  const schema: JsonSchema = { type: 'object', properties, required, additionalProperties: false };
  if (event.title !== undefined) schema.description = event.title;
  return schema;
}

/**
 * The JSON Schema (draft-07, with ajv's `discriminator` keyword) of a case input for a policy:
 * `id` a non-empty string; `child` with a required `dob`; `facts` with one property per declared fact
 * (required unless optional); `events` an array discriminated on `type`, one branch per declared event.
 * Dates use the custom format `plain-date` (see `PLAIN_DATE_FORMAT`). The result is plain JSON.
 */
export function caseSchema(ir: PolicyIR): JsonSchema {
  const roles = ir.roles.map((r) => r.name);
  const factProperties: { [name: string]: JsonSchema } = {};
  const requiredFacts: string[] = [];
  for (const fact of ir.facts) {
    factProperties[fact.name] = typeSchema(fact.type, roles, fact.title);
    if (!fact.optional) requiredFacts.push(fact.name);
  }
  const events: JsonSchema =
    ir.events.length === 0
      ? { type: 'array', maxItems: 0, description: 'This policy declares no events.' }
      : {
          type: 'array',
          items: {
            type: 'object',
            discriminator: { propertyName: 'type' },
            oneOf: ir.events.map((e) => eventSchema(e, roles)),
          },
        };
  const required = ['id', 'child', 'events'];
  if (requiredFacts.length > 0) required.push('facts');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `Case input for ${ir.id}`,
    type: 'object',
    properties: {
      id: { type: 'string', minLength: 1, description: 'The case identifier.' },
      child: {
        type: 'object',
        properties: { dob: { type: 'string', format: PLAIN_DATE_FORMAT, description: "The child's date of birth." } },
        required: ['dob'],
        additionalProperties: false,
      },
      facts: { type: 'object', properties: factProperties, required: requiredFacts, additionalProperties: false },
      events,
    },
    required,
    additionalProperties: false,
  };
}

// ---------------------------------------------------------------------------------------------
// Error messages

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

function show(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'undefined';
  else if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  if (text.length > 60) text = `${text.slice(0, 57)}...`;
  return `\`${text}\``;
}

/** Like `show`, but a string is shown as it is (for values that can only be strings: names, dates). */
function showText(value: unknown): string {
  if (typeof value !== 'string') return show(value);
  return `\`${value.length > 60 ? `${value.slice(0, 57)}...` : value}\``;
}

function listNames(names: readonly string[]): string {
  return names.map((n) => `\`${n}\``).join(', ');
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Formats path segments as a readable JSON path (`events[3].date`; `$` for the root). */
function formatPath(segments: readonly string[], arrayParents: ReadonlySet<number>): string {
  let out = '';
  segments.forEach((seg, i) => {
    if (arrayParents.has(i)) out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  });
  return out === '' ? ROOT_PATH : out;
}

function valueAt(root: unknown, segments: readonly string[]): unknown {
  let v: unknown = root;
  for (const seg of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

interface Vocabulary {
  readonly ir: PolicyIR;
  readonly eventsByName: ReadonlyMap<string, IrEvent>;
  readonly factTypes: ReadonlyMap<string, IrType>;
  readonly roles: readonly string[];
}

function describeType(type: IrType | undefined, schemaType: string | undefined): string {
  if (type === undefined) return schemaType === undefined ? 'a value' : article(schemaType);
  switch (type.kind) {
    case 'date':
      return 'a date as a `YYYY-MM-DD` string';
    case 'boolean':
      return 'a boolean (`true` or `false`)';
    case 'number':
      return 'a number';
    case 'text':
      return 'a string';
    case 'role':
      return 'a role name (a string)';
    case 'enum':
      return 'one of the strings ' + listNames(type.values);
  }
}

/** Where in the case an instance path points, with what the policy says about that place. */
interface Place {
  /** What to call the value in messages: "fact `x`", "attribute `for` of event `review_scheduled`". */
  readonly label: string;
  readonly type: IrType | undefined;
}

function placeOf(segments: readonly string[], data: unknown, vocab: Vocabulary): Place {
  const [top, second, third] = segments;
  if (top === 'facts' && second !== undefined) {
    return { label: `fact \`${second}\``, type: vocab.factTypes.get(second) };
  }
  if (top === 'child' && second === 'dob') return { label: "the child's date of birth `dob`", type: { kind: 'date' } };
  if (top === 'events' && second !== undefined && third !== undefined) {
    const eventName = valueAt(data, ['events', second, 'type']);
    const event = typeof eventName === 'string' ? vocab.eventsByName.get(eventName) : undefined;
    if (third === 'date') return { label: `the \`date\` of event \`${String(eventName)}\``, type: { kind: 'date' } };
    const attr = event?.attributes.find((a) => a.name === third);
    return { label: `attribute \`${third}\` of event \`${String(eventName)}\``, type: attr?.type };
  }
  if (segments.length === 0) return { label: 'the case', type: undefined };
  return { label: `\`${segments.join('.')}\``, type: undefined };
}

function attributeList(event: IrEvent): string {
  return event.attributes.length === 0
    ? 'it has no attributes'
    : `its attributes are ${listNames(event.attributes.map((a: IrAttribute) => a.name))}`;
}

function messageFor(error: ErrorObject, segments: readonly string[], data: unknown, vocab: Vocabulary): CaseError | undefined {
  const arrayParents = new Set<number>();
  if (segments[0] === 'events' && segments.length >= 2) arrayParents.add(1);
  const params = error.params as Record<string, unknown>;
  const [top, second] = segments;
  const declaredEvents = listNames(vocab.ir.events.map((e) => e.name));
  switch (error.keyword) {
    case 'required': {
      const missing = String(params['missingProperty']);
      const full = [...segments, missing];
      const path = formatPath(full, arrayParents);
      if (segments.length === 0) return { path, message: `missing required field \`${missing}\`` };
      if (top === 'child') return { path, message: `missing the child's date of birth \`${missing}\`` };
      if (top === 'facts') return { path, message: `missing required fact \`${missing}\`` };
      if (top === 'events' && second !== undefined) {
        const type = String(valueAt(data, ['events', second, 'type']));
        if (missing === 'date') return { path, message: `missing the \`date\` of event \`${type}\`` };
        return { path, message: `missing required attribute \`${missing}\` of event \`${type}\`` };
      }
      return { path, message: `missing required field \`${missing}\`` };
    }
    case 'additionalProperties': {
      const extra = String(params['additionalProperty']);
      const path = formatPath([...segments, extra], arrayParents);
      if (segments.length === 0) {
        return { path, message: `unknown field \`${extra}\`; a case has \`id\`, \`child\`, \`facts\` and \`events\`` };
      }
      if (top === 'child') return { path, message: `unknown field \`${extra}\` in \`child\`; only \`dob\` is expected` };
      if (top === 'facts') {
        const declared = vocab.ir.facts.map((f) => f.name);
        return {
          path,
          message:
            declared.length === 0
              ? `unknown fact \`${extra}\`; this policy declares no facts`
              : `unknown fact \`${extra}\`; declared facts: ${listNames(declared)}`,
        };
      }
      if (top === 'events' && second !== undefined) {
        const type = String(valueAt(data, ['events', second, 'type']));
        const event = vocab.eventsByName.get(type);
        const tail = event === undefined ? '' : `; ${attributeList(event)}`;
        return { path, message: `unknown attribute \`${extra}\` on event \`${type}\`${tail}` };
      }
      return { path, message: `unknown field \`${extra}\`` };
    }
    case 'discriminator': {
      const path = formatPath([...segments, 'type'], arrayParents);
      const tagValue = params['tagValue'];
      if (params['error'] === 'mapping') {
        return { path, message: `undeclared event type ${showText(tagValue)}; declared event types: ${declaredEvents}` };
      }
      if (tagValue === undefined) return { path, message: `missing the event \`type\`; declared event types: ${declaredEvents}` };
      return { path, message: `the event \`type\` must be a string, got ${show(tagValue)}` };
    }
    case 'type': {
      const path = formatPath(segments, arrayParents);
      const value = valueAt(data, segments);
      if (segments.length === 0) return { path, message: `the case must be a JSON object, got ${show(value)}` };
      if (segments.length === 1) {
        const what = top === 'events' ? 'an array' : top === 'id' ? 'a string' : 'an object';
        return { path, message: `\`${top}\` must be ${what}, got ${show(value)}` };
      }
      if (top === 'events' && segments.length === 2) {
        return { path, message: `each event must be an object with a \`type\` and a \`date\`, got ${show(value)}` };
      }
      const place = placeOf(segments, data, vocab);
      return { path, message: `${place.label} must be ${describeType(place.type, String(params['type']))}, got ${show(value)}` };
    }
    case 'format': {
      const path = formatPath(segments, arrayParents);
      const value = valueAt(data, segments);
      const text = typeof value === 'string' ? value : String(value);
      if (DATE_SHAPE.test(text)) return { path, message: `\`${text}\` is not a real calendar date` };
      return { path, message: `${showText(value)} is not a date in \`YYYY-MM-DD\` form` };
    }
    case 'enum': {
      const path = formatPath(segments, arrayParents);
      const value = valueAt(data, segments);
      const place = placeOf(segments, data, vocab);
      if (place.type?.kind === 'role') {
        return { path, message: `${showText(value)} is not a declared role; roles: ${listNames(vocab.roles)}` };
      }
      const allowed = (params['allowedValues'] as readonly unknown[] | undefined) ?? [];
      return { path, message: `${showText(value)} is not allowed for ${place.label}; expected one of ${listNames(allowed.map(String))}` };
    }
    case 'minLength':
      return { path: formatPath(segments, arrayParents), message: `\`${segments.join('.')}\` must not be empty` };
    case 'maxItems':
      return { path: formatPath(segments, arrayParents), message: 'this policy declares no events, so `events` must be empty' };
    default:
      return { path: formatPath(segments, arrayParents), message: (error.message ?? 'is not valid').toLowerCase() };
  }
}

function isUnder(segments: readonly string[], prefix: readonly string[]): boolean {
  if (segments.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (segments[i] !== prefix[i]) return false;
  return true;
}

/** Turns ajv's errors into one readable `CaseError` per real problem, in the order ajv found them. */
function collectErrors(errors: readonly ErrorObject[], data: unknown, vocab: Vocabulary): CaseError[] {
  const decoded = errors.map((e) => ({ error: e, segments: decodePointer(e.instancePath) }));
  // A value of the wrong type (or an event with no usable `type`) explains everything under it.
  const roots = decoded.filter((d) => d.error.keyword === 'type' || d.error.keyword === 'discriminator');
  const out: CaseError[] = [];
  const seen = new Set<string>();
  for (const d of decoded) {
    const covered = roots.some((r) => r !== d && isUnder(d.segments, r.segments) && (d.segments.length > r.segments.length || r.error.keyword === 'type'));
    if (covered) continue;
    const error = messageFor(d.error, d.segments, data, vocab);
    if (error === undefined) continue;
    const key = `${error.path}\u0000${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(error);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

interface RawEvent {
  readonly type: string;
  readonly date: string;
  readonly [attribute: string]: unknown;
}

interface RawCase {
  readonly id: string;
  readonly child: { readonly dob: string };
  readonly facts?: Readonly<Record<string, FactValue>>;
  readonly events: readonly RawEvent[];
}

/**
 * `parsePlainDate`, memoised: each case repeats a few dates, and a caseload repeats them across cases;
 * every date is parsed twice (by the schema's format check, then by normalisation). The cache holds
 * at most `DATE_CACHE_LIMIT` entries and is emptied when full. Invalid texts are not cached.
 */
const DATE_CACHE_LIMIT = 50_000;
const dateCache = new Map<string, PlainDate>();

function parseDate(text: string): PlainDate | undefined {
  const hit = dateCache.get(text);
  if (hit !== undefined) return hit;
  const d = parsePlainDate(text);
  if (d !== undefined) {
    if (dateCache.size >= DATE_CACHE_LIMIT) dateCache.clear();
    dateCache.set(text, d);
  }
  return d;
}

function toPlainDate(text: string): PlainDate {
  const d = parseDate(text);
  // INVARIANT: the schema's `plain-date` format already accepted this string.
  if (d === undefined) throw new Error(`internal error: \`${text}\` passed validation but is not a date`);
  return d;
}

/** Creates an ajv instance that knows the `plain-date` format and the `discriminator` keyword. */
function createAjv(): Ajv {
  return new Ajv({
    allErrors: true,
    discriminator: true,
    strict: true,
    strictNumbers: true,
    formats: {
      [PLAIN_DATE_FORMAT]: { type: 'string', validate: (s: string) => parseDate(s) !== undefined },
    },
  });
}

/**
 * Compiles the policy's case schema once (with ajv) and returns a function that validates an
 * untrusted input and normalises it (dates as `PlainDate`, events sorted by date then input order).
 * All errors are collected; unknown fields are errors.
 */
/**
 * Compiled ajv validators by the text of their schema: compiling one costs ~15 ms, and a policy
 * recompiled after an edit that does not touch its vocabulary (the playground, on every keystroke)
 * has the same schema. Bounded, oldest dropped first.
 */
const VALIDATORS = new Map<string, ReturnType<ReturnType<typeof createAjv>['compile']>>();
const MAX_VALIDATORS = 16;

function compiledValidator(schema: JsonSchema): ReturnType<ReturnType<typeof createAjv>['compile']> {
  const key = JSON.stringify(schema);
  const hit = VALIDATORS.get(key);
  if (hit !== undefined) return hit;
  const fresh = createAjv().compile(schema);
  if (VALIDATORS.size >= MAX_VALIDATORS) VALIDATORS.delete(VALIDATORS.keys().next().value as string);
  VALIDATORS.set(key, fresh);
  return fresh;
}

export function createCaseValidator(ir: PolicyIR): CaseValidator {
  const validate = compiledValidator(caseSchema(ir));
  const vocab: Vocabulary = {
    ir,
    eventsByName: new Map(ir.events.map((e) => [e.name, e])),
    factTypes: new Map(ir.facts.map((f) => [f.name, f.type])),
    roles: ir.roles.map((r) => r.name),
  };
  const dateFacts = new Set(ir.facts.filter((f) => f.type.kind === 'date').map((f) => f.name));
  // By event type: the IR's own string for the name, and the names of its date attributes. The
  // normalised event carries the IR's string, so that the evaluator's lookups and comparisons by
  // type meet the very string they were keyed with, not an equal copy from the input (measured on
  // 20-event statutory cases parsed from JSON: evaluation with explanations ~3.9 µs instead of ~7.7).
  const eventTypes = new Map<string, { readonly name: string; readonly dates: ReadonlySet<string> }>(
    ir.events.map((e) => [e.name, { name: e.name, dates: new Set(e.attributes.filter((a) => a.type.kind === 'date').map((a) => a.name)) }]),
  );

  return (input: unknown): CaseValidation => {
    if (!validate(input)) {
      return { ok: false, errors: collectErrors(validate.errors ?? [], input, vocab) };
    }
    const raw = input as unknown as RawCase;
    const facts: Record<string, FactValue> = {};
    if (raw.facts !== undefined) {
      for (const name of Object.keys(raw.facts)) {
        const value = raw.facts[name] as FactValue;
        facts[name] = dateFacts.has(name) ? toPlainDate(value as string) : value;
      }
    }
    const events: NormalizedEvent[] = new Array<NormalizedEvent>(raw.events.length);
    for (let i = 0; i < raw.events.length; i++) {
      const e = raw.events[i] as RawEvent;
      const known = eventTypes.get(e.type);
      const dates = known?.dates;
      const attributes: Record<string, FactValue> = {};
      for (const key in e) {
        if (key === 'type' || key === 'date') continue;
        const value = e[key] as FactValue;
        attributes[key] = dates !== undefined && dates.has(key) ? toPlainDate(value as string) : value;
      }
      events[i] = { type: known?.name ?? e.type, date: toPlainDate(e.date), index: i, attributes };
    }
    // Cases usually list their events in date order: sorting is skipped then (~0.5 µs for 20 events).
    if (!inOrder(events)) events.sort(compareEvents);
    return { ok: true, case: { id: raw.id, child: { dob: toPlainDate(raw.child.dob) }, facts, events } };
  };
}

/** True when the events are already in date order (then in input order, as their indexes are). */
function inOrder(events: readonly NormalizedEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if ((events[i] as NormalizedEvent).date < (events[i - 1] as NormalizedEvent).date) return false;
  return true;
}

function compareEvents(a: NormalizedEvent, b: NormalizedEvent): number {
  return a.date - b.date || a.index - b.index;
}
