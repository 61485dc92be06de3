/**
 * Tests written to kill the surviving mutants of runtime/case.ts (docs/testing.md, "Mutation
 * testing"): the whole case schema of a small policy, compared strictly (descriptions of facts set
 * by events, event titles, a policy without events or required facts); the whole error of each kind of problem
 * (code, path, keys, params and the case data it quotes) from the validator with and without its
 * fast path; how a value is shown (strings cut at 60 characters, previews of nested arrays and
 * objects, non-finite numbers, inherited keys); errors explained by another (a value of the wrong
 * type, an event with no usable type), problems side by side in one object (each reported) and the
 * limit of 100 errors; the normalised case of the slow
 * path (dates of facts and attributes, events sorted by date then input order); and the fast path:
 * every valid form it accepts without compiling ajv, and every invalid form it leaves to ajv.
 *
 * Each test builds its own policy with an id no other test uses: compiled ajv validators are cached
 * by schema text for the whole process, and a mutant of the validator's construction is only run when
 * its schema is compiled inside the test (a cached validator would hide it).
 *
 * Input: hand-written IR and cases. Output: assertions only.
 */
import { describe, expect, it, vi } from 'vitest';
import { Ajv } from 'ajv';
import { caseSchema, createCaseValidator, parsePlainDate } from '../../runtime/index.ts';
import { factSetByText, orderNormalizedEvents } from '../../runtime/case.ts';
import type { CaseError, CaseValidation, NormalizedCase, NormalizedEvent, PolicyIR } from '../../runtime/index.ts';
import { policyIr } from '../support/policy-ir.ts';

let policies = 0;

/** A small policy with a fact and an attribute of every type; a fresh id each call. */
function policy(extra: Partial<PolicyIR> = {}): PolicyIR {
  policies++;
  return policyIr({
    id: `case_mutation.p${policies}.${Math.random().toString(36).slice(2)}`,
    title: 'Case mutation tests',
    roles: [{ name: 'iro', title: 'IRO' }, { name: 'social_worker', title: 'Social worker' }],
    facts: [
      { name: 'status', title: 'Legal status', type: { kind: 'enum', values: ['care_order', 'section_20'] }, optional: false },
      { name: 'placed', type: { kind: 'date' }, optional: true },
      { name: 'holder', type: { kind: 'role' }, optional: true },
      { name: 'count', type: { kind: 'number' }, optional: true },
      { name: 'flag', type: { kind: 'boolean' }, optional: true },
      { name: 'note', type: { kind: 'text' }, optional: true },
    ],
    events: [
      { name: 'started', attributes: [] },
      {
        name: 'booked',
        attributes: [
          { name: 'for', type: { kind: 'date' }, optional: false },
          { name: 'by', type: { kind: 'role' }, optional: true },
          { name: 'kind', type: { kind: 'enum', values: ['a', 'b'] }, optional: true },
          { name: 'n', type: { kind: 'number' }, optional: true },
          { name: 'ok', type: { kind: 'boolean' }, optional: true },
          { name: 'text', type: { kind: 'text' }, optional: true },
        ],
      },
    ],
    ...extra,
  });
}

const BASE = { id: 'c', child: { dob: '2015-01-01' }, facts: { status: 'care_order' }, events: [] as unknown[] };
const d = (s: string): number => parsePlainDate(s) as number;

/**
 * The errors of inputs for one policy (a fresh one by default), from a validator with its fast path and
 * one without: they must agree.
 */
function checker(ir: PolicyIR = policy()): { errorsOf: (input: unknown) => readonly CaseError[]; errorOf: (input: unknown) => CaseError } {
  const fast = createCaseValidator(ir);
  const slow = createCaseValidator(ir, { fastPath: false });
  const errorsOf = (input: unknown): readonly CaseError[] => {
    const a = fast(input);
    const b = slow(input);
    expect(a).toEqual(b);
    if (b.ok) throw new Error('expected errors, got a valid case');
    return b.errors;
  };
  const errorOf = (input: unknown): CaseError => {
    const errors = errorsOf(input);
    expect(errors).toHaveLength(1);
    return errors[0] as CaseError;
  };
  return { errorsOf, errorOf };
}

function caseOf(v: CaseValidation): NormalizedCase {
  if (!v.ok) throw new Error(`expected a valid case, got ${JSON.stringify(v.errors)}`);
  return v.case;
}

describe('caseSchema, whole', () => {
  it('gives each fact its type, title and setters, each event its branch, and requires facts only when one is required', () => {
    const ir = policy({
      id: 'case_mutation.schema',
      roles: [{ name: 'iro', title: 'IRO' }],
      facts: [
        { name: 'status', title: 'Legal status', type: { kind: 'enum', values: ['a', 'b'] }, optional: false, setBy: [{ kind: 'attribute', event: 'changed', attribute: 'to' }] },
        { name: 'placed', type: { kind: 'date' }, optional: true, setBy: [{ kind: 'value', event: 'changed', value: true }, { kind: 'value', event: 'started', value: '2025-01-01' }] },
        { name: 'holder', title: 'Case holder', type: { kind: 'role' }, optional: true, setBy: [] },
        { name: 'count', type: { kind: 'number' }, optional: true },
      ],
      events: [
        { name: 'started', title: 'Started', attributes: [] },
        {
          name: 'changed',
          attributes: [
            { name: 'to', type: { kind: 'enum', values: ['a', 'b'] }, optional: false },
            { name: 'ok', type: { kind: 'boolean' }, optional: true },
            { name: 'note', type: { kind: 'text' }, optional: true },
          ],
        },
      ],
    });
    const dateOf = (description: string) => ({ type: 'string', format: 'plain-date', description });
    // Strictly equal: the schema is plain JSON, so a fact or event without a title has no `description` key at all.
    expect(caseSchema(ir)).toStrictEqual({
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Case input for case_mutation.schema',
      type: 'object',
      properties: {
        id: { type: 'string', minLength: 1, description: 'The case identifier.' },
        child: {
          type: 'object',
          properties: { dob: dateOf("The child's date of birth.") },
          required: ['dob'],
          additionalProperties: false,
        },
        facts: {
          type: 'object',
          properties: {
            status: {
              description: 'Legal status: its value before any of these events; then set by each changed (its to)',
              type: 'string',
              enum: ['a', 'b'],
            },
            placed: {
              description: 'placed: its value before any of these events; then set by each changed (to true), started (to 2025-01-01)',
              type: 'string',
              format: 'plain-date',
            },
            holder: { description: 'Case holder', type: 'string', enum: ['iro'] },
            count: { type: 'number' },
          },
          required: ['status'],
          additionalProperties: false,
        },
        events: {
          type: 'array',
          items: {
            type: 'object',
            discriminator: { propertyName: 'type' },
            oneOf: [
              {
                type: 'object',
                properties: { type: { const: 'started' }, date: dateOf('The date the event happened or was recorded.') },
                required: ['type', 'date'],
                additionalProperties: false,
                description: 'Started',
              },
              {
                type: 'object',
                properties: {
                  type: { const: 'changed' },
                  date: dateOf('The date the event happened or was recorded.'),
                  to: { type: 'string', enum: ['a', 'b'] },
                  ok: { type: 'boolean' },
                  note: { type: 'string' },
                },
                required: ['type', 'date', 'to'],
                additionalProperties: false,
              },
            ],
          },
        },
      },
      required: ['id', 'child', 'events', 'facts'],
      additionalProperties: false,
    });
  });

  it('a policy with no events takes only an empty list, and one with no required fact does not require `facts`', () => {
    const schema = caseSchema(policy({ facts: [{ name: 'x', type: { kind: 'text' }, optional: true }], events: [] }));
    expect(schema.properties?.['events']).toEqual({ type: 'array', maxItems: 0, description: 'This policy declares no events.' });
    expect(schema.required).toEqual(['id', 'child', 'events']);
    expect(schema.properties?.['facts']).toEqual({ type: 'object', properties: { x: { type: 'string' } }, required: [], additionalProperties: false });
  });

  it('factSetByText: undefined with no setters or an empty list', () => {
    expect(factSetByText({ name: 'x', type: { kind: 'text' }, optional: true })).toBeUndefined();
    expect(factSetByText({ name: 'x', type: { kind: 'text' }, optional: true, setBy: [] })).toBeUndefined();
    expect(factSetByText({ name: 'x', type: { kind: 'number' }, optional: true, setBy: [{ kind: 'value', event: 'e', value: 3 }] })).toBe(
      'its value before any of these events; then set by each e (to 3)',
    );
  });
});

/** A whole error: code, path and keys, params, message, and the case data when there is some. */
function err(code: string, keys: (string | number)[], params: object, message: string, caseData?: object): object {
  const path = keys.length === 0 ? '$' : keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
  return caseData === undefined ? { code, path, keys, params, message } : { code, path, keys, params, message, caseData };
}

describe('each kind of problem, as a whole error', () => {
  const booked = (extra: object) => ({ ...BASE, events: [{ type: 'booked', date: '2025-01-01', for: '2025-02-01', ...extra }] });

  it('the containers of the case of the wrong type', () => {
    const { errorOf } = checker();
    expect(errorOf({ ...BASE, id: 3 })).toEqual(err('case/wrong-type', ['id'], { field: 'id', expected: 'a string' }, '`id` must be a string, got <value>', { value: '3' }));
    expect(errorOf({ ...BASE, child: 'x' })).toEqual(err('case/wrong-type', ['child'], { field: 'child', expected: 'an object' }, '`child` must be an object, got <value>', { value: '"x"' }));
    expect(errorOf({ ...BASE, facts: [] })).toEqual(err('case/wrong-type', ['facts'], { field: 'facts', expected: 'an object' }, '`facts` must be an object, got <value>', { value: '[]' }));
    expect(errorOf({ ...BASE, events: 'x' })).toEqual(err('case/wrong-type', ['events'], { field: 'events', expected: 'an array' }, '`events` must be an array, got <value>', { value: '"x"' }));
    expect(errorOf(7)).toEqual(err('case/not-an-object', [], {}, 'the case must be a JSON object, got <value>', { value: '7' }));
    expect(errorOf({ ...BASE, events: [null] })).toEqual(
      err('case/event-not-an-object', ['events', 0], {}, 'each event must be an object with a `type` and a `date`, got <value>', { value: 'null' }),
    );
  });

  it('problems side by side in one object are each reported, and `undefined` is not an object', () => {
    const { errorsOf, errorOf } = checker(policy({ id: 'case_mutation.side_by_side' }));
    // The missing `status` (ajv's `required` at `facts`) does not hide the wrong type of `placed` under it.
    expect(errorsOf({ ...BASE, facts: { placed: 5 } }).map((e) => [e.code, e.path])).toEqual([
      ['case/missing-fact', 'facts.status'],
      ['case/wrong-value-type', 'facts.placed'],
    ]);
    expect(errorsOf({ ...BASE, child: {}, facts: { status: 'care_order', placed: 5, odd: 1 } }).map((e) => [e.code, e.path])).toEqual([
      ['case/missing-dob', 'child.dob'],
      ['case/unknown-fact', 'facts'],
      ['case/wrong-value-type', 'facts.placed'],
    ]);
    expect(errorOf(undefined)).toEqual(err('case/not-an-object', [], {}, 'the case must be a JSON object, got <value>', { value: 'undefined' }));
  });

  it('values of the wrong type, at each place the policy declares', () => {
    const { errorOf } = checker();
    const expectWrong = (input: unknown, keys: (string | number)[], place: object, expected: object, message: string, value: string) =>
      expect(errorOf(input)).toEqual(err('case/wrong-value-type', keys, { place, expected }, message, { value }));
    expectWrong({ ...BASE, child: { dob: 20150101 } }, ['child', 'dob'], { kind: 'dob' }, { kind: 'date' }, "the child's date of birth `dob` must be a date as a `YYYY-MM-DD` string, got <value>", '20150101');
    expectWrong({ ...BASE, facts: { status: 'care_order', placed: 5 } }, ['facts', 'placed'], { kind: 'fact', fact: 'placed' }, { kind: 'date' }, 'fact `placed` must be a date as a `YYYY-MM-DD` string, got <value>', '5');
    expectWrong({ ...BASE, facts: { status: 'care_order', holder: 7 } }, ['facts', 'holder'], { kind: 'fact', fact: 'holder' }, { kind: 'role' }, 'fact `holder` must be a role name (a string), got <value>', '7');
    expectWrong({ ...BASE, facts: { status: 3 } }, ['facts', 'status'], { kind: 'fact', fact: 'status' }, { kind: 'enum', values: ['care_order', 'section_20'] }, 'fact `status` must be one of the strings `care_order`, `section_20`, got <value>', '3');
    expectWrong({ ...BASE, facts: { status: 'care_order', note: false } }, ['facts', 'note'], { kind: 'fact', fact: 'note' }, { kind: 'text' }, 'fact `note` must be a string, got <value>', 'false');
    expectWrong(booked({ date: 5 }), ['events', 0, 'date'], { kind: 'event-date', event: 'booked' }, { kind: 'date' }, 'the `date` of event `booked` must be a date as a `YYYY-MM-DD` string, got <value>', '5');
    expectWrong(booked({ for: true }), ['events', 0, 'for'], { kind: 'attribute', attribute: 'for', event: 'booked' }, { kind: 'date' }, 'attribute `for` of event `booked` must be a date as a `YYYY-MM-DD` string, got <value>', 'true');
    expectWrong(booked({ n: '2' }), ['events', 0, 'n'], { kind: 'attribute', attribute: 'n', event: 'booked' }, { kind: 'number' }, 'attribute `n` of event `booked` must be a number, got <value>', '"2"');
    expectWrong(booked({ ok: 1 }), ['events', 0, 'ok'], { kind: 'attribute', attribute: 'ok', event: 'booked' }, { kind: 'boolean' }, 'attribute `ok` of event `booked` must be a boolean (`true` or `false`), got <value>', '1');
    expectWrong(booked({ kind: 1 }), ['events', 0, 'kind'], { kind: 'attribute', attribute: 'kind', event: 'booked' }, { kind: 'enum', values: ['a', 'b'] }, 'attribute `kind` of event `booked` must be one of the strings `a`, `b`, got <value>', '1');
  });

  it('dates: not real, and not in the form', () => {
    const { errorOf } = checker();
    expect(errorOf({ ...BASE, facts: { status: 'care_order', placed: '2024-02-30' } })).toEqual(
      err('case/not-a-real-date', ['facts', 'placed'], {}, '<value> is not a real calendar date', { value: '2024-02-30' }),
    );
    expect(errorOf({ ...BASE, facts: { status: 'care_order', placed: 'soon' } })).toEqual(
      err('case/not-a-date', ['facts', 'placed'], {}, '<value> is not a date in `YYYY-MM-DD` form', { value: 'soon' }),
    );
    // The shape is the whole text: digits around it are not a date in the form.
    expect(errorOf(booked({ for: '02025-01-01' })).code).toBe('case/not-a-date');
    expect(errorOf(booked({ for: '2025-01-011' })).code).toBe('case/not-a-date');
    expect(errorOf(booked({ for: '2025-13-01' })).code).toBe('case/not-a-real-date');
    // A text of any length is quoted cut to 60 characters.
    expect(errorOf(booked({ for: 'y'.repeat(61) })).caseData).toEqual({ value: `${'y'.repeat(57)}...` });
    expect(errorOf(booked({ for: 'y'.repeat(60) })).caseData).toEqual({ value: 'y'.repeat(60) });
  });

  it('values not allowed: enumerations and roles, of facts and attributes', () => {
    const { errorOf } = checker();
    expect(errorOf({ ...BASE, facts: { status: 'interim' } })).toEqual(
      err('case/not-allowed', ['facts', 'status'], { place: { kind: 'fact', fact: 'status' }, allowed: ['care_order', 'section_20'] }, '<value> is not allowed for fact `status`; expected one of `care_order`, `section_20`', { value: 'interim' }),
    );
    expect(errorOf(booked({ kind: 'c' }))).toEqual(
      err('case/not-allowed', ['events', 0, 'kind'], { place: { kind: 'attribute', attribute: 'kind', event: 'booked' }, allowed: ['a', 'b'] }, '<value> is not allowed for attribute `kind` of event `booked`; expected one of `a`, `b`', { value: 'c' }),
    );
    expect(errorOf(booked({ by: 'x' }))).toEqual(err('case/not-a-role', ['events', 0, 'by'], { roles: ['iro', 'social_worker'] }, '<value> is not a declared role; roles: `iro`, `social_worker`', { value: 'x' }));
    expect(errorOf({ ...BASE, facts: { status: 'care_order', holder: 'x' } })).toEqual(
      err('case/not-a-role', ['facts', 'holder'], { roles: ['iro', 'social_worker'] }, '<value> is not a declared role; roles: `iro`, `social_worker`', { value: 'x' }),
    );
  });

  it('missing fields, facts, attributes, dates and types', () => {
    const { errorOf } = checker();
    const { id: _id, ...noId } = BASE;
    expect(errorOf(noId)).toEqual(err('case/missing-field', ['id'], { field: 'id' }, 'missing required field `id`'));
    const { facts: _facts, ...noFacts } = BASE;
    expect(errorOf(noFacts)).toEqual(err('case/missing-field', ['facts'], { field: 'facts' }, 'missing required field `facts`'));
    expect(errorOf({ ...BASE, child: {} })).toEqual(err('case/missing-dob', ['child', 'dob'], {}, "missing the child's date of birth `dob`"));
    expect(errorOf({ ...BASE, facts: {} })).toEqual(err('case/missing-fact', ['facts', 'status'], { fact: 'status' }, 'missing required fact `status`'));
    expect(errorOf({ ...BASE, events: [{ type: 'booked', date: '2025-01-01' }] })).toEqual(
      err('case/missing-attribute', ['events', 0, 'for'], { attribute: 'for', event: 'booked' }, 'missing required attribute `for` of event `booked`'),
    );
    expect(errorOf({ ...BASE, events: [{ type: 'started' }] })).toEqual(err('case/missing-event-date', ['events', 0, 'date'], { event: 'started' }, 'missing the `date` of event `started`'));
    expect(errorOf({ ...BASE, events: [{ date: '2025-01-01' }] })).toEqual(
      err('case/missing-event-type', ['events', 0, 'type'], { declared: ['started', 'booked'] }, 'missing the event `type`; declared event types: `started`, `booked`'),
    );
    expect(errorOf({ ...BASE, events: [{ type: null, date: '2025-01-01' }] })).toEqual(
      err('case/event-type-not-a-string', ['events', 0, 'type'], {}, 'the event `type` must be a string, got <value>', { value: 'null' }),
    );
    expect(errorOf({ ...BASE, events: [{ type: 'nope', date: '2025-01-01', for: 3 }] })).toEqual(
      err('case/unknown-event-type', ['events', 0, 'type'], { declared: ['started', 'booked'] }, 'undeclared event type <value>; declared event types: `started`, `booked`', { value: 'nope' }),
    );
  });

  it('unknown keys: at the root, in `child`, among the facts and on an event, each once per object', () => {
    const { errorsOf } = checker();
    expect(errorsOf({ ...BASE, a: 1, b: 2 })).toEqual([err('case/unknown-field', [], {}, 'an unknown field; a case has `id`, `child`, `facts` and `events`', { key: 'a' })]);
    expect(errorsOf({ ...BASE, child: { dob: '2015-01-01', name: 'x' } })).toEqual([
      err('case/unknown-child-field', ['child'], {}, 'an unknown field in `child`; only `dob` is expected', { key: 'name' }),
    ]);
    expect(errorsOf({ ...BASE, facts: { status: 'care_order', other: 1 } })).toEqual([
      err('case/unknown-fact', ['facts'], { declared: ['status', 'placed', 'holder', 'count', 'flag', 'note'] }, 'an unknown fact; declared facts: `status`, `placed`, `holder`, `count`, `flag`, `note`', { key: 'other' }),
    ]);
    expect(errorsOf(booked({ x: 1, y: 2 }))).toEqual([
      err('case/unknown-attribute', ['events', 0], { event: 'booked', attributes: ['for', 'by', 'kind', 'n', 'ok', 'text'] }, 'an unknown attribute on event `booked`; its attributes are `for`, `by`, `kind`, `n`, `ok`, `text`', { key: 'x' }),
    ]);
  });

  it('an empty id, and events in a policy that declares none', () => {
    const { errorOf } = checker();
    expect(errorOf({ ...BASE, id: '' })).toEqual(err('case/empty', ['id'], { field: 'id' }, '`id` must not be empty'));
    expect(checker(policy({ events: [] })).errorOf({ ...BASE, events: [{ type: 'started', date: '2025-01-01' }] })).toEqual(
      err('case/no-events-declared', ['events'], {}, 'this policy declares no events, so `events` must be empty'),
    );
  });
});

describe('how a value is shown', () => {
  it('each kind of value, as the case data of a fact of the wrong type', () => {
    const { errorOf } = checker();
    const shown = (count: unknown): unknown => errorOf({ ...BASE, facts: { status: 'care_order', count } }).caseData;
    expect(shown(null)).toEqual({ value: 'null' });
    expect(shown(true)).toEqual({ value: 'true' });
    expect(shown('x')).toEqual({ value: '"x"' });
    expect(shown('a"b')).toEqual({ value: '"a\\"b"' });
    expect(shown('a'.repeat(70))).toEqual({ value: `"${'a'.repeat(56)}...` });
    // Not from JSON, but the validator takes any value: non-finite numbers and values JSON has not.
    expect(shown(Infinity)).toEqual({ value: 'Infinity' });
    expect(shown(-Infinity)).toEqual({ value: '-Infinity' });
    expect(shown(NaN)).toEqual({ value: 'NaN' });
    expect(shown(() => 1)).toEqual({ value: 'function' });
    expect(shown(10n)).toEqual({ value: 'bigint' });
    expect(shown([])).toEqual({ value: '[]' });
    expect(shown({})).toEqual({ value: '{}' });
    // Two levels deep, then `[...]` and `{...}`.
    expect(shown([[[1]], { a: { b: 1 } }])).toEqual({ value: '[[[...]],{"a":{...}}]' });
    expect(shown({ a: [1, { b: 2 }], c: null, d: 'x', e: true })).toEqual({ value: '{"a":[1,{...}],"c":null,"d":"x","e":true}' });
    // Own keys only.
    const inherits = Object.create({ inherited: 1 }) as Record<string, unknown>;
    inherits['own'] = 2;
    expect(shown(inherits)).toEqual({ value: '{"own":2}' });
    // Long lists and keys are cut to 60 characters.
    expect(shown({ ['k'.repeat(70)]: 1 })).toEqual({ value: `{"${'k'.repeat(55)}...` });
    expect(shown([1111111111, 2222222222, 3333333333, 4444444444, 5555555555, 6666666666])).toEqual({
      value: '[1111111111,2222222222,3333333333,4444444444,5555555555,6...',
    });
  });

  it('a text quoted by an error is shown as it is, cut to 60 characters', () => {
    const { errorOf } = checker();
    const event = (type: string) => ({ ...BASE, events: [{ type, date: '2025-01-01' }] });
    expect(errorOf(event('x'.repeat(60))).caseData).toEqual({ value: 'x'.repeat(60) });
    expect(errorOf(event('x'.repeat(61))).caseData).toEqual({ value: `${'x'.repeat(57)}...` });
    expect(errorOf({ ...BASE, facts: { status: 'z'.repeat(61) } }).caseData).toEqual({ value: `${'z'.repeat(57)}...` });
  });
});

describe('at most 100 errors', () => {
  const bad = (i: number) => ({ type: 'started', date: `2025-01-${String((i % 28) + 1).padStart(2, '0')}x` });

  it('the first 100 are written, the rest counted by place and rule', () => {
    const { errorsOf } = checker();
    const hundred = Array.from({ length: 100 }, (_, i) => bad(i));
    expect(errorsOf({ ...BASE, events: hundred })).toHaveLength(100);
    // Past the limit: an event missing its date and with two unknown attributes (two errors of the
    // same rule at the same place, told apart by the key), and one missing a required attribute and
    // its date (two missing properties).
    const errors = errorsOf({ ...BASE, events: [...hundred, { type: 'started', x: 1, y: 2 }, { type: 'booked' }, bad(0)] });
    expect(errors).toHaveLength(101);
    expect(errors[99]).toEqual(err('case/not-a-date', ['events', 99, 'date'], {}, '<value> is not a date in `YYYY-MM-DD` form', { value: '2025-01-16x' }));
    expect(errors[100]).toEqual(err('case/too-many-errors', [], { more: 6, limit: 100 }, 'and 6 more errors, not shown (at most 100 are)'));
  });
});

describe('normalisation, by both paths', () => {
  /** A validator of a fresh policy, and a spy that counts ajv compilations. */
  function validators(ir: PolicyIR = policy()) {
    return { fast: createCaseValidator(ir), slow: createCaseValidator(ir, { fastPath: false }) };
  }

  const full = {
    id: 'case-1',
    child: { dob: '2015-06-01' },
    facts: { status: 'section_20', placed: '2025-01-06', holder: 'iro', count: 0, flag: false, note: '' },
    events: [
      { type: 'booked', date: '2025-05-20', for: '2025-06-11', by: 'social_worker', kind: 'b', n: -1.5, ok: true, text: 'x' },
      { type: 'started', date: '2025-04-14' },
      { type: 'booked', date: '2025-04-14', for: '2024-02-29' },
      { type: 'started', date: '2025-04-13' },
    ],
  };
  const normalised: NormalizedCase = {
    id: 'case-1',
    child: { dob: d('2015-06-01') },
    facts: { status: 'section_20', placed: d('2025-01-06'), holder: 'iro', count: 0, flag: false, note: '' },
    events: [
      { type: 'started', date: d('2025-04-13'), index: 3, attributes: {} },
      { type: 'started', date: d('2025-04-14'), index: 1, attributes: {} },
      { type: 'booked', date: d('2025-04-14'), index: 2, attributes: { for: d('2024-02-29') } },
      { type: 'booked', date: d('2025-05-20'), index: 0, attributes: { for: d('2025-06-11'), by: 'social_worker', kind: 'b', n: -1.5, ok: true, text: 'x' } },
    ],
  };

  it('every type of fact and attribute, dates as day numbers, events by date then input order: the fast path compiles nothing', () => {
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    try {
      const { fast, slow } = validators();
      expect(caseOf(fast(full))).toEqual(normalised);
      expect(compile).not.toHaveBeenCalled();
      expect(caseOf(slow(full))).toEqual(normalised);
      expect(compile).toHaveBeenCalledTimes(1);
    } finally {
      compile.mockRestore();
    }
  });

  it('objects without a prototype, no `facts` when none is required, events already in order', () => {
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    try {
      const ir = policy({ facts: [{ name: 'placed', type: { kind: 'date' }, optional: true }] });
      const { fast, slow } = validators(ir);
      const bare = <T extends object>(o: T): T => Object.assign(Object.create(null) as T, o);
      const input = bare({
        id: 'c',
        child: bare({ dob: '2015-01-01' }),
        events: [bare({ type: 'started', date: '2025-01-01' }), bare({ type: 'booked', date: '2025-01-01', for: '2025-01-02' }), bare({ type: 'started', date: '2025-01-03' })],
      });
      const expected: NormalizedCase = {
        id: 'c',
        child: { dob: d('2015-01-01') },
        facts: {},
        events: [
          { type: 'started', date: d('2025-01-01'), index: 0, attributes: {} },
          { type: 'booked', date: d('2025-01-01'), index: 1, attributes: { for: d('2025-01-02') } },
          { type: 'started', date: d('2025-01-03'), index: 2, attributes: {} },
        ],
      };
      expect(caseOf(fast(input))).toEqual(expected);
      expect(caseOf(fast({ id: 'c', child: { dob: '2015-01-01' }, facts: { placed: '2020-02-29' }, events: [] }))).toEqual({
        id: 'c',
        child: { dob: d('2015-01-01') },
        facts: { placed: d('2020-02-29') },
        events: [],
      });
      expect(compile).not.toHaveBeenCalled();
      expect(caseOf(slow(input))).toEqual(expected);
    } finally {
      compile.mockRestore();
    }
  });

  it('every refusal of the fast path is an error of ajv', () => {
    const { errorOf } = checker();
    const event = (e: object) => ({ ...BASE, events: [{ type: 'booked', date: '2025-01-01', for: '2025-01-02', ...e }] });
    const codes = [
      errorOf({ ...BASE, extra: 1 }),
      errorOf({ ...BASE, id: 1 }),
      errorOf({ ...BASE, child: [] }),
      errorOf({ ...BASE, child: { dob: '2015-01-01', x: 1 } }),
      errorOf({ ...BASE, child: { dob: 1 } }),
      errorOf({ ...BASE, child: { dob: '2015-02-29' } }),
      errorOf({ ...BASE, facts: ['care_order'] }),
      errorOf({ ...BASE, facts: { status: 'care_order', x: 1 } }),
      errorOf({ ...BASE, facts: { status: 'care_order', placed: 20250101 } }),
      errorOf({ ...BASE, facts: { status: 'care_order', placed: '2025-02-29' } }),
      errorOf({ ...BASE, facts: { status: 'care_order', flag: 'true' } }),
      errorOf({ ...BASE, facts: { status: 'care_order', count: '1' } }),
      errorOf({ ...BASE, facts: { status: 'care_order', count: Infinity } }),
      errorOf({ ...BASE, facts: { status: 'care_order', note: 1 } }),
      errorOf({ ...BASE, facts: { status: 'care_order', holder: 'nobody' } }),
      errorOf({ ...BASE, facts: { status: 'care_order', holder: 1 } }),
      errorOf({ ...BASE, facts: { status: 'other' } }),
      errorOf({ ...BASE, facts: { placed: '2025-01-01' } }),
      errorOf({ ...BASE, events: {} }),
      errorOf({ ...BASE, events: [1] }),
      errorOf({ ...BASE, events: [{ type: 'nope', date: '2025-01-01' }] }),
      errorOf({ ...BASE, events: [{ type: 1, date: '2025-01-01' }] }),
      errorOf(event({ date: '2025-02-29' })),
      errorOf(event({ date: 1 })),
      errorOf(event({ x: 1 })),
      errorOf(event({ for: '2025-02-30' })),
      errorOf(event({ n: NaN })),
      errorOf(event({ kind: 'c' })),
      errorOf({ ...BASE, events: [{ type: 'booked', date: '2025-01-01' }] }),
    ].map((e) => e.code);
    expect(codes).toEqual([
      'case/unknown-field',
      'case/wrong-type',
      'case/wrong-type',
      'case/unknown-child-field',
      'case/wrong-value-type',
      'case/not-a-real-date',
      'case/wrong-type',
      'case/unknown-fact',
      'case/wrong-value-type',
      'case/not-a-real-date',
      'case/wrong-value-type',
      'case/wrong-value-type',
      'case/wrong-value-type',
      'case/wrong-value-type',
      'case/not-a-role',
      'case/wrong-value-type',
      'case/not-allowed',
      'case/missing-fact',
      'case/wrong-type',
      'case/event-not-an-object',
      'case/unknown-event-type',
      'case/event-type-not-a-string',
      'case/not-a-real-date',
      'case/wrong-value-type',
      'case/unknown-attribute',
      'case/not-a-real-date',
      'case/wrong-value-type',
      'case/not-allowed',
      'case/missing-attribute',
    ]);
  });

  it('more than 10,000 events is refused before the schema, by both paths; 10,000 are validated', () => {
    const { fast, slow } = validators();
    const many = (k: number) => ({ ...BASE, events: Array.from({ length: k }, () => ({ type: 'started', date: '2025-01-01' })) });
    const tooMany = err('case/too-many-events', ['events'], { count: 10_001, limit: 10_000 }, 'the case has 10001 events, more than 10000');
    expect(fast(many(10_001))).toEqual({ ok: false, errors: [tooMany] });
    expect(slow(many(10_001))).toEqual({ ok: false, errors: [tooMany] });
    expect(caseOf(fast(many(10_000))).events).toHaveLength(10_000);
    expect(caseOf(slow(many(10_000))).events).toHaveLength(10_000);
  });
});

describe('orderNormalizedEvents', () => {
  const e = (date: number, index: number): NormalizedEvent => ({ type: 't', date, index, attributes: {} });

  it('sorts by date, then by index, whatever order the indexes come in', () => {
    expect(orderNormalizedEvents([e(3, 2), e(3, 1), e(1, 0)])).toEqual([e(1, 0), e(3, 1), e(3, 2)]);
    expect(orderNormalizedEvents([e(2, 0), e(1, 1)])).toEqual([e(1, 1), e(2, 0)]);
  });

  it('leaves events in date order as they are, and returns the same array', () => {
    const events = [e(1, 1), e(1, 0), e(2, 2)];
    expect(orderNormalizedEvents(events)).toBe(events);
    expect(events).toEqual([e(1, 1), e(1, 0), e(2, 2)]);
  });
});
