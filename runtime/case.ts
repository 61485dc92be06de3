/**
 * Case input: its JSON shape, the JSON Schema derived from a policy's declared vocabulary, and the
 * validator that turns untrusted JSON into a `NormalizedCase`.
 *
 * Input: a `PolicyIR` (for the schema and the validator) and then, many times, an untrusted value
 * (parsed JSON) of the shape
 * `{"id": "...", "child": {"dob": "YYYY-MM-DD"}, "facts": {...}, "events": [{"type": "...", "date": "YYYY-MM-DD", ...}]}`.
 * Output: `{ ok: true, case }` with a `NormalizedCase`, or `{ ok: false, errors }` with every problem
 * found, each a `CaseError` (messages.ts): a code, the JSON path as keys and as text (`events[3].date`,
 * `facts.legal_status`, `$` for the root), typed params, the case data it quotes, and the message.
 *
 * INVARIANT: the schema is plain JSON (draft-07, ajv's default) and is compiled once per policy, when
 * the first input the fast path refuses arrives (valid inputs never need it).
 * INVARIANT: nothing is silently dropped: unknown fields, facts, attributes and event types are errors.
 * INVARIANT: a `NormalizedCase` holds dates as `PlainDate` numbers (the child's dob, date-typed facts and
 * date-typed attributes), and its events are sorted by date, then by position in the input (stable);
 * `index` is always the position in the input array.
 * INVARIANT: an error's keys and params hold only names the case format or the policy declares and
 * array indexes (an unknown key's path ends at the object holding it); the offending value or key is
 * its `caseData`, so `renderForLog` can leave it out. Full messages are lowercase, name the offending
 * value or field in backticks, and there is one error per real problem (ajv's `oneOf` cascades are avoided with its `discriminator` keyword, and
 * errors under a value of the wrong type are collapsed into the type error).
 */

import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import type { IrAttribute, IrEvent, IrFact, IrType, PolicyIR } from './ir.ts';
import { parsePlainDate } from './dates.ts';
import type { PlainDate } from './dates.ts';
import { caseError, formatCasePath } from './messages.ts';
import { MAX_CASE_ERRORS, MAX_EVENTS } from './input-limits.ts';
import type { CaseError, CasePlace, CaseValue, ExpectedValue, PathKey, UnknownKey } from './messages.ts';

export type { CaseError } from './messages.ts';

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
 * How a fact set by events changes, in words: "its value before any of these events; then set by
 * each legal_status_changed (its status), care_plan_started (to true)". Undefined for a fact that
 * no event sets. For the case schema, the emitted module's comments and the docs.
 */
export function factSetByText(fact: IrFact): string | undefined {
  if (fact.setBy === undefined || fact.setBy.length === 0) return undefined;
  const items = fact.setBy.map((s) => (s.kind === 'attribute' ? `${s.event} (its ${s.attribute})` : `${s.event} (to ${String(s.value)})`));
  return `its value before any of these events; then set by each ${items.join(', ')}`;
}

/**
 * The JSON Schema (draft-07, with ajv's `discriminator` keyword) of a case input for a policy:
 * `id` a non-empty string; `child` with a required `dob`; `facts` with one property per declared fact
 * (required unless optional; a fact set by events is its initial value, and its description says so); `events` an array discriminated on `type`, one branch per declared event.
 * Dates use the custom format `plain-date` (see `PLAIN_DATE_FORMAT`). The result is plain JSON.
 */
export function caseSchema(ir: PolicyIR): JsonSchema {
  const roles = ir.roles.map((r) => r.name);
  const factProperties: { [name: string]: JsonSchema } = {};
  const requiredFacts: string[] = [];
  for (const fact of ir.facts) {
    const setBy = factSetByText(fact);
    factProperties[fact.name] = typeSchema(fact.type, roles, setBy === undefined ? fact.title : `${fact.title ?? fact.name}: ${setBy}`);
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
// Errors (as data: codes, keys, params and case data; see messages.ts)

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** Cuts a shown value to 60 characters. */
function cut(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * A value from the case, as a full message shows it: as JSON, cut to 60 characters (case data).
 * Arrays and objects are previewed to a depth of 2 and about 60 characters, never stringified whole:
 * a value nested 10,000 deep or a megabyte long costs no more than a short one (`JSON.stringify` and
 * `String` overflow the stack on deep nesting).
 */
function shown(value: unknown): CaseValue {
  if (value === undefined) return { value: 'undefined' };
  if (typeof value === 'number' && !Number.isFinite(value)) return { value: String(value) };
  return { value: cut(preview(value, 2)) };
}

/** JSON-like text of `value`, at most about 64 characters, nesting below `depth` written `[...]` / `{...}`. */
function preview(value: unknown, depth: number): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'string') return JSON.stringify(value.length > 64 ? value.slice(0, 64) : value);
    return value === null || typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
  }
  const array = Array.isArray(value);
  if (depth === 0) return array ? '[...]' : '{...}';
  const parts: string[] = [];
  let length = 2;
  /** Adds one item's text; false once the budget is spent (then `...` ends the list). */
  const add = (text: string): boolean => {
    if (length > 64) {
      parts.push('...');
      return false;
    }
    parts.push(text);
    length += text.length + 1;
    return true;
  };
  if (array) {
    const items = value as readonly unknown[];
    for (let i = 0; i < items.length && add(preview(items[i], depth - 1)); i++);
  } else {
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      if (!add(`${JSON.stringify(key.length > 64 ? key.slice(0, 64) : key)}:${preview((value as Record<string, unknown>)[key], depth - 1)}`)) break;
    }
  }
  return array ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
}

function shownText(value: unknown): CaseValue {
  return typeof value === 'string' ? { value: cut(value) } : shown(value);
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
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
  /** Every property name a valid case can have: the format's own and the policy's facts and attributes. */
  readonly keys: ReadonlySet<string>;
}

/**
 * The keys of a path, safe to log by construction: the index of an event is a number, and a
 * property name is kept only when the case format or the policy declares it (ajv reports only
 * those; a name from the case would end the path at its parent).
 */
function keysOf(segments: readonly string[], vocab: Vocabulary): PathKey[] {
  const out: PathKey[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as string;
    if (i === 1 && segments[0] === 'events') {
      if (!/^\d+$/.test(seg)) break;
      out.push(Number(seg));
    } else if (vocab.keys.has(seg)) out.push(seg);
    else break;
  }
  return out;
}

/** The policy's own name of the type of the event at `events[index]`, when it declares it. */
function eventNameAt(data: unknown, index: string | undefined, vocab: Vocabulary): string | undefined {
  if (index === undefined) return undefined;
  const type = valueAt(data, ['events', index, 'type']);
  return typeof type === 'string' ? vocab.eventsByName.get(type)?.name : undefined;
}

function expectedOf(type: IrType | undefined, schemaType: unknown): ExpectedValue {
  if (type === undefined) return typeof schemaType === 'string' ? { kind: 'json', type: schemaType } : { kind: 'any' };
  return type.kind === 'enum' ? { kind: 'enum', values: type.values } : { kind: type.kind };
}

/** Where in the case an instance path points, with what the policy says about that place. */
function placeOf(segments: readonly string[], data: unknown, vocab: Vocabulary): { place: CasePlace; type: IrType | undefined } {
  const [top, second, third] = segments;
  if (top === 'facts' && second !== undefined) {
    const type = vocab.factTypes.get(second);
    const fact = vocab.ir.facts.find((f) => f.name === second)?.name;
    return { place: fact === undefined ? { kind: 'field', field: 'facts' } : { kind: 'fact', fact }, type };
  }
  if (top === 'child' && second === 'dob') return { place: { kind: 'dob' }, type: { kind: 'date' } };
  if (top === 'events' && second !== undefined && third !== undefined) {
    const event = eventNameAt(data, second, vocab);
    const declared = event === undefined ? undefined : vocab.eventsByName.get(event);
    if (third === 'date') return { place: event === undefined ? { kind: 'event-date' } : { kind: 'event-date', event }, type: { kind: 'date' } };
    const attr = declared?.attributes.find((a: IrAttribute) => a.name === third);
    if (attr === undefined) return { place: { kind: 'field', field: 'events' }, type: undefined };
    return { place: event === undefined ? { kind: 'attribute', attribute: attr.name } : { kind: 'attribute', attribute: attr.name, event }, type: attr.type };
  }
  const keys = keysOf(segments, vocab);
  return { place: { kind: 'field', field: keys.length === 0 ? 'the case' : formatCasePath(keys) }, type: undefined };
}

const CONTAINERS: Readonly<Record<string, 'a string' | 'an object' | 'an array'>> = { events: 'an array', id: 'a string', child: 'an object', facts: 'an object' };

function errorFor(error: ErrorObject, segments: readonly string[], data: unknown, vocab: Vocabulary): CaseError | undefined {
  const params = error.params as Record<string, unknown>;
  const [top, second] = segments;
  const here = keysOf(segments, vocab);
  const declaredEvents = vocab.ir.events.map((e) => e.name);
  switch (error.keyword) {
    case 'required': {
      const missing = String(params['missingProperty']);
      const keys = vocab.keys.has(missing) ? [...here, missing] : here;
      if (segments.length === 0) return caseError('case/missing-field', keys, { field: missing });
      if (top === 'child') return caseError('case/missing-dob', keys, {});
      if (top === 'facts') return caseError('case/missing-fact', keys, { fact: missing });
      if (top === 'events' && second !== undefined) {
        const event = eventNameAt(data, second, vocab);
        if (missing === 'date') return caseError('case/missing-event-date', keys, event === undefined ? {} : { event });
        return caseError('case/missing-attribute', keys, event === undefined ? { attribute: missing } : { attribute: missing, event });
      }
      return caseError('case/missing-field', keys, { field: missing });
    }
    case 'additionalProperties': {
      const unknown: UnknownKey = { key: String(params['additionalProperty']) };
      if (segments.length === 0) return caseError('case/unknown-field', here, {}, unknown);
      if (top === 'child') return caseError('case/unknown-child-field', here, {}, unknown);
      if (top === 'facts') return caseError('case/unknown-fact', here, { declared: vocab.ir.facts.map((f) => f.name) }, unknown);
      if (top === 'events' && second !== undefined) {
        const event = eventNameAt(data, second, vocab);
        const declared = event === undefined ? undefined : vocab.eventsByName.get(event);
        return caseError(
          'case/unknown-attribute',
          here,
          declared === undefined ? {} : { event: declared.name, attributes: declared.attributes.map((a) => a.name) },
          unknown,
        );
      }
      return caseError('case/unknown-field', here, {}, unknown);
    }
    case 'discriminator': {
      const keys = [...here, 'type'];
      const tagValue = params['tagValue'];
      if (params['error'] === 'mapping') return caseError('case/unknown-event-type', keys, { declared: declaredEvents }, shownText(tagValue));
      if (tagValue === undefined) return caseError('case/missing-event-type', keys, { declared: declaredEvents });
      return caseError('case/event-type-not-a-string', keys, {}, shown(tagValue));
    }
    case 'type': {
      const value = shown(valueAt(data, segments));
      if (segments.length === 0) return caseError('case/not-an-object', here, {}, value);
      if (segments.length === 1 && top !== undefined && CONTAINERS[top] !== undefined) {
        return caseError('case/wrong-type', here, { field: top, expected: CONTAINERS[top] }, value);
      }
      if (top === 'events' && segments.length === 2) return caseError('case/event-not-an-object', here, {}, value);
      const { place, type } = placeOf(segments, data, vocab);
      return caseError('case/wrong-value-type', here, { place, expected: expectedOf(type, params['type']) }, value);
    }
    case 'format': {
      const value = valueAt(data, segments);
      const text = typeof value === 'string' ? value : String(value);
      if (DATE_SHAPE.test(text)) return caseError('case/not-a-real-date', here, {}, { value: text });
      return caseError('case/not-a-date', here, {}, shownText(value));
    }
    case 'enum': {
      const value = shownText(valueAt(data, segments));
      const { place, type } = placeOf(segments, data, vocab);
      if (type?.kind === 'role') return caseError('case/not-a-role', here, { roles: vocab.roles }, value);
      const allowed = type?.kind === 'enum' ? type.values : [];
      return caseError('case/not-allowed', here, { place, allowed }, value);
    }
    case 'minLength':
      return caseError('case/empty', here, { field: here.length === 0 ? 'the case' : formatCasePath(here) });
    case 'maxItems':
      return caseError('case/no-events-declared', here, {});
    default:
      return caseError('case/invalid', here, { detail: (error.message ?? 'is not valid').toLowerCase() });
  }
}

/**
 * Turns ajv's errors into one `CaseError` per real problem, in the order ajv found them; at most
 * `MAX_CASE_ERRORS`, then one `case/too-many-errors` that counts the rest. Linear in the number of
 * ajv's errors: the errors that explain others are found by their path (a path has a few segments),
 * not by comparing every pair.
 */
function collectErrors(errors: readonly ErrorObject[], data: unknown, vocab: Vocabulary): CaseError[] {
  const decoded = errors.map((e) => ({ error: e, segments: decodePointer(e.instancePath) }));
  // A value of the wrong type (or an event with no usable `type`) explains everything under it:
  // the roots by path, and whether one at that path is a type error.
  const roots = new Map<string, { count: number; types: number }>();
  for (const d of decoded) {
    if (d.error.keyword !== 'type' && d.error.keyword !== 'discriminator') continue;
    const at = roots.get(d.error.instancePath) ?? { count: 0, types: 0 };
    at.count++;
    if (d.error.keyword === 'type') at.types++;
    roots.set(d.error.instancePath, at);
  }
  const isCovered = (d: (typeof decoded)[number]): boolean => {
    if (roots.size === 0) return false;
    // Every proper prefix of the path: any root there covers it; at the path itself, another type error.
    let prefix = '';
    for (let i = 0; i < d.segments.length; i++) {
      if (roots.has(prefix)) return true;
      prefix += `/${(d.segments[i] as string).replace(/~/g, '~0').replace(/\//g, '~1')}`;
    }
    const here = roots.get(d.error.instancePath);
    if (here === undefined) return false;
    const selfIsType = d.error.keyword === 'type' ? 1 : 0;
    return here.types - selfIsType > 0;
  };
  const out: CaseError[] = [];
  const seen = new Set<string>();
  const rest = new Set<string>();
  for (const d of decoded) {
    if (isCovered(d)) continue;
    if (out.length >= MAX_CASE_ERRORS) {
      // Past the limit the errors are counted, not written: by place and rule, as they would be told apart.
      const params = d.error.params as Record<string, unknown>;
      rest.add(`${d.error.instancePath}\u0000${d.error.keyword}\u0000${String(params['missingProperty'] ?? params['additionalProperty'] ?? '')}`);
      continue;
    }
    const error = errorFor(d.error, d.segments, data, vocab);
    if (error === undefined) continue;
    const key = `${error.path}\u0000${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(error);
  }
  if (rest.size > 0) out.push(caseError('case/too-many-errors', [], { more: rest.size, limit: MAX_CASE_ERRORS }));
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

/** Options of `createCaseValidator`. */
export interface CaseValidatorOptions {
  /** Try the fast path for valid input first (default true); false: ajv alone (for tests that compare the two). */
  readonly fastPath?: boolean;
}

/**
 * A function that validates an untrusted input against the policy's case schema and normalises it
 * (dates as `PlainDate`, events sorted by date then input order). All errors are collected; unknown
 * fields are errors. Valid input takes a fast path; the schema is compiled with ajv (once per
 * schema, `compiledValidator`) only at the first input the fast path refuses, whose errors ajv gives.
 */
export function createCaseValidator(ir: PolicyIR, options: CaseValidatorOptions = {}): CaseValidator {
  // Compiled at the first input the fast path refuses (most runs never need ajv: issue 17).
  let validate: ReturnType<typeof compiledValidator> | undefined;
  const vocab: Vocabulary = {
    ir,
    eventsByName: new Map(ir.events.map((e) => [e.name, e])),
    factTypes: new Map(ir.facts.map((f) => [f.name, f.type])),
    roles: ir.roles.map((r) => r.name),
    keys: new Set([
      'id', 'child', 'dob', 'facts', 'events', 'type', 'date',
      ...ir.facts.map((f) => f.name),
      ...ir.events.flatMap((e) => e.attributes.map((a) => a.name)),
    ]),
  };
  const dateFacts = new Set(ir.facts.filter((f) => f.type.kind === 'date').map((f) => f.name));
  // By event type: the IR's own string for the name, and the names of its date attributes. The
  // normalised event carries the IR's string, so that the evaluator's lookups and comparisons by
  // type meet the very string they were keyed with, not an equal copy from the input (measured on
  // 20-event statutory cases parsed from JSON: evaluation with explanations ~3.9 µs instead of ~7.7).
  const eventTypes = new Map<string, { readonly name: string; readonly dates: ReadonlySet<string> }>(
    ir.events.map((e) => [e.name, { name: e.name, dates: new Set(e.attributes.filter((a) => a.type.kind === 'date').map((a) => a.name)) }]),
  );

  const fast = options.fastPath === false ? undefined : fastNormalizer(ir);
  return (input: unknown): CaseValidation => {
    const quick = fast?.(input);
    if (quick !== undefined) return { ok: true, case: quick };
    const given = input !== null && typeof input === 'object' ? (input as { events?: unknown }).events : undefined;
    if (Array.isArray(given) && given.length > MAX_EVENTS) {
      // Checked before the schema: validating a million events would take seconds.
      return { ok: false, errors: [caseError('case/too-many-events', ['events'], { count: given.length, limit: MAX_EVENTS })] };
    }
    validate ??= compiledValidator(caseSchema(ir));
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
    orderNormalizedEvents(events);
    return { ok: true, case: { id: raw.id, child: { dob: toPlainDate(raw.child.dob) }, facts, events } };
  };
}

// ---------------------------------------------------------------------------------------------
// The fast path for valid input

/** How a value of a declared type is checked and converted: 0 date, 1 boolean, 2 number, 3 text, 4 one of a set. */
interface ValueCheck {
  readonly kind: 0 | 1 | 2 | 3 | 4;
  readonly allowed?: ReadonlySet<string>;
}

/** Not a value: what `checkValue` returns for a value the fast path refuses. */
const REFUSED = Symbol('refused');

function valueCheck(type: IrType, roles: ReadonlySet<string>): ValueCheck {
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
      return { kind: 4, allowed: roles };
    case 'enum':
      return { kind: 4, allowed: new Set(type.values) };
  }
}

/** The value converted as normalisation does (dates as day numbers), or `REFUSED`. */
function checkValue(check: ValueCheck, v: unknown): FactValue | typeof REFUSED {
  switch (check.kind) {
    case 0:
      return typeof v === 'string' ? (parsePlainDate(v) ?? REFUSED) : REFUSED;
    case 1:
      return typeof v === 'boolean' ? v : REFUSED;
    case 2:
      return typeof v === 'number' && Number.isFinite(v) ? v : REFUSED;
    case 3:
      return typeof v === 'string' ? v : REFUSED;
    case 4:
      return typeof v === 'string' && check.allowed !== undefined && check.allowed.has(v) ? v : REFUSED;
  }
}

/** A plain object (from JSON): the only kind of object the fast path accepts. */
function isPlainObject(value: unknown): value is { readonly [key: string]: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The fast path of `createCaseValidator`: the normalised case when `input` is certainly valid (equal
 * to what ajv and the normalisation below it make), `undefined` when it is not or when only ajv can
 * tell; ajv then reports every problem. It may refuse valid input (a class instance, a non-finite
 * number, more than `MAX_EVENTS` events), never accept invalid input: only plain objects and arrays,
 * known keys, required keys present, values of the declared types. The interpreted twin of the
 * emitted module's `normalize` (compiler/emit/typescript.ts); test/runtime/case-fast-path.test.ts
 * holds the two paths to the same answers.
 */
function fastNormalizer(ir: PolicyIR): (input: unknown) => NormalizedCase | undefined {
  const roles = new Set(ir.roles.map((r) => r.name));
  const facts = new Map(ir.facts.map((f) => [f.name, valueCheck(f.type, roles)]));
  const requiredFacts = ir.facts.filter((f) => !f.optional).map((f) => f.name);
  const events = new Map(
    ir.events.map((e) => [
      e.name,
      {
        name: e.name,
        attributes: new Map(e.attributes.map((a) => [a.name, valueCheck(a.type, roles)])),
        required: e.attributes.filter((a) => !a.optional).map((a) => a.name),
      },
    ]),
  );
  return (input) => {
    if (!isPlainObject(input)) return undefined;
    for (const key in input) if (key !== 'id' && key !== 'child' && key !== 'facts' && key !== 'events') return undefined;
    const id = input['id'];
    if (typeof id !== 'string' || id.length === 0) return undefined;
    const child = input['child'];
    if (!isPlainObject(child)) return undefined;
    for (const key in child) if (key !== 'dob') return undefined;
    const dobText = child['dob'];
    const dob = typeof dobText === 'string' ? parsePlainDate(dobText) : undefined;
    if (dob === undefined) return undefined;
    const factsOut: Record<string, FactValue> = {};
    const factsIn = input['facts'];
    if (factsIn !== undefined) {
      if (!isPlainObject(factsIn)) return undefined;
      for (const key in factsIn) {
        const check = facts.get(key);
        if (check === undefined) return undefined;
        const v = checkValue(check, factsIn[key]);
        if (v === REFUSED) return undefined;
        factsOut[key] = v;
      }
    }
    for (const name of requiredFacts) if (factsOut[name] === undefined) return undefined;
    const eventsIn = input['events'];
    if (!Array.isArray(eventsIn) || eventsIn.length > MAX_EVENTS) return undefined;
    const out: NormalizedEvent[] = new Array<NormalizedEvent>(eventsIn.length);
    for (let i = 0; i < eventsIn.length; i++) {
      const e: unknown = eventsIn[i];
      if (!isPlainObject(e)) return undefined;
      const type = e['type'];
      const dateText = e['date'];
      const known = typeof type === 'string' ? events.get(type) : undefined;
      // parsePlainDate itself (~35 ns), not the memo: a map lookup hashes the string and costs as much.
      const date = typeof dateText === 'string' ? parsePlainDate(dateText) : undefined;
      if (known === undefined || date === undefined) return undefined;
      const attributes: Record<string, FactValue> = {};
      for (const key in e) {
        if (key === 'type' || key === 'date') continue;
        const check = known.attributes.get(key);
        if (check === undefined) return undefined;
        const v = checkValue(check, e[key]);
        if (v === REFUSED) return undefined;
        attributes[key] = v;
      }
      for (const name of known.required) if (attributes[name] === undefined) return undefined;
      out[i] = { type: known.name, date, index: i, attributes };
    }
    orderNormalizedEvents(out);
    return { id, child: { dob }, facts: factsOut, events: out };
  };
}

/**
 * Puts a normalised case's events in its order, in place: by date, then input order (`index`).
 * Sorts only when they are not in that order already (the usual case). Returns `events`.
 */
export function orderNormalizedEvents(events: NormalizedEvent[]): NormalizedEvent[] {
  if (!inOrder(events)) events.sort(compareEvents);
  return events;
}

/** True when the events are already in date order (then in input order, as their indexes are). */
function inOrder(events: readonly NormalizedEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if ((events[i] as NormalizedEvent).date < (events[i - 1] as NormalizedEvent).date) return false;
  return true;
}

function compareEvents(a: NormalizedEvent, b: NormalizedEvent): number {
  return a.date - b.date || a.index - b.index;
}
