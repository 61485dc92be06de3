/**
 * Tests of case input validation (`runtime/case.ts`): the JSON Schema derived from an IR, and the
 * validator's errors (path and message) and normalised output.
 *
 * Input: a hand-built IR with facts and events of every type. Output: vitest assertions.
 */
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { caseSchema, createCaseValidator, parsePlainDate } from '../../runtime/index.ts';
import type { CaseError, CaseValidation, NormalizedCase, PolicyIR } from '../../runtime/index.ts';
import { policyIr } from '../support/policy-ir.ts';

const IR: PolicyIR = policyIr({
  id: 'test.vocabulary',
  title: 'Vocabulary test',
  roles: [
    { name: 'iro', title: 'Independent Reviewing Officer' },
    { name: 'social_worker', title: 'Social worker' },
  ],
  facts: [
    { name: 'legal_status', title: 'Legal status', type: { kind: 'enum', values: ['care_order', 'section_20'] }, optional: false },
    { name: 'disabled', type: { kind: 'boolean' }, optional: true },
    { name: 'placement_start', type: { kind: 'date' }, optional: true },
    { name: 'siblings', type: { kind: 'number' }, optional: true },
    { name: 'case_holder', type: { kind: 'role' }, optional: true },
    { name: 'school', type: { kind: 'text' }, optional: true },
  ],
  events: [
    { name: 'became_looked_after', title: 'The child becomes looked after', attributes: [] },
    { name: 'review_held', attributes: [] },
    { name: 'review_scheduled', attributes: [{ name: 'for', type: { kind: 'date' }, optional: false }] },
    {
      name: 'placement_changed',
      attributes: [
        { name: 'planned', type: { kind: 'boolean' }, optional: false },
        { name: 'carer', type: { kind: 'text' }, optional: true },
      ],
    },
    { name: 'iro_allocated', attributes: [{ name: 'by', type: { kind: 'role' }, optional: false }] },
  ],
});

const validate = createCaseValidator(IR);

const good = {
  id: 'case-42',
  child: { dob: '2015-06-01' },
  facts: { legal_status: 'care_order', placement_start: '2025-01-06', disabled: false, case_holder: 'social_worker' },
  events: [
    { type: 'review_scheduled', date: '2025-05-20', for: '2025-06-11' },
    { type: 'became_looked_after', date: '2025-04-14' },
    { type: 'placement_changed', date: '2025-05-20', planned: true, carer: 'Smith' },
    { type: 'review_held', date: '2025-04-14' },
    { type: 'iro_allocated', date: '2025-04-15', by: 'iro' },
  ],
};

function errorsOf(v: CaseValidation): readonly CaseError[] {
  if (v.ok) throw new Error('expected errors, got a valid case');
  return v.errors;
}

function caseOf(v: CaseValidation): NormalizedCase {
  if (!v.ok) throw new Error(`expected a valid case, got ${JSON.stringify(v.errors)}`);
  return v.case;
}

const withEvents = (...events: unknown[]) => ({ ...good, events });
const d = (s: string) => parsePlainDate(s)!;

describe('caseSchema', () => {
  const schema = caseSchema(IR);

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('declares one property per fact, required unless optional, and nothing else', () => {
    const facts = schema.properties?.['facts'];
    expect(facts?.additionalProperties).toBe(false);
    expect(facts?.required).toEqual(['legal_status']);
    expect(facts?.properties).toEqual({
      legal_status: { description: 'Legal status', type: 'string', enum: ['care_order', 'section_20'] },
      disabled: { type: 'boolean' },
      placement_start: { type: 'string', format: 'plain-date' },
      siblings: { type: 'number' },
      case_holder: { type: 'string', enum: ['iro', 'social_worker'] },
      school: { type: 'string' },
    });
    expect(schema.required).toEqual(['id', 'child', 'events', 'facts']);
    expect(schema.properties?.['id']).toMatchObject({ type: 'string', minLength: 1 });
    expect(schema.properties?.['child']).toMatchObject({ required: ['dob'], additionalProperties: false });
  });

  it('discriminates events on `type`, one branch per declared event', () => {
    const items = schema.properties?.['events']?.items;
    expect(items?.discriminator).toEqual({ propertyName: 'type' });
    expect(items?.oneOf?.map((b) => b.properties?.['type']?.const)).toEqual([
      'became_looked_after',
      'review_held',
      'review_scheduled',
      'placement_changed',
      'iro_allocated',
    ]);
    const placement = items?.oneOf?.[3];
    expect(placement).toMatchObject({
      additionalProperties: false,
      required: ['type', 'date', 'planned'],
      properties: { planned: { type: 'boolean' }, carer: { type: 'string' }, date: { type: 'string', format: 'plain-date' } },
    });
    expect(items?.oneOf?.[0]?.description).toBe('The child becomes looked after');
  });

  it('is a valid schema for a stock ajv with the plain-date format', () => {
    const ajv = new Ajv({ discriminator: true, formats: { 'plain-date': (s: string) => parsePlainDate(s) !== undefined } });
    expect(ajv.validate(schema, good)).toBe(true);
  });

  it('facts are optional when no fact is required; a policy without events accepts only []', () => {
    const bare = { ...IR, facts: [], events: [] };
    expect(caseSchema(bare).required).toEqual(['id', 'child', 'events']);
    const v = createCaseValidator(bare);
    expect(v({ id: 'x', child: { dob: '2015-01-01' }, events: [] }).ok).toBe(true);
    expect(errorsOf(v({ id: 'x', child: { dob: '2015-01-01' }, events: [{ type: 'a', date: '2025-01-01' }] }))).toMatchObject([
      { path: 'events', message: 'this policy declares no events, so `events` must be empty' },
    ]);
  });
});

describe('createCaseValidator: normalisation', () => {
  it('converts dates to PlainDate and sorts events by date, then input order', () => {
    const c = caseOf(validate(good));
    expect(c.id).toBe('case-42');
    expect(c.child.dob).toBe(d('2015-06-01'));
    expect(c.facts).toEqual({ legal_status: 'care_order', placement_start: d('2025-01-06'), disabled: false, case_holder: 'social_worker' });
    expect(c.events).toEqual([
      { type: 'became_looked_after', date: d('2025-04-14'), index: 1, attributes: {} },
      { type: 'review_held', date: d('2025-04-14'), index: 3, attributes: {} },
      { type: 'iro_allocated', date: d('2025-04-15'), index: 4, attributes: { by: 'iro' } },
      { type: 'review_scheduled', date: d('2025-05-20'), index: 0, attributes: { for: d('2025-06-11') } },
      { type: 'placement_changed', date: d('2025-05-20'), index: 2, attributes: { planned: true, carer: 'Smith' } },
    ]);
  });

  it('does not modify its input', () => {
    const input = JSON.parse(JSON.stringify(good)) as unknown;
    validate(input);
    expect(input).toEqual(good);
  });

  it('accepts 29 February in a leap year', () => {
    expect(validate({ ...good, child: { dob: '2016-02-29' } }).ok).toBe(true);
  });
});

describe('createCaseValidator: errors', () => {
  it('an impossible date is not a real calendar date', () => {
    expect(errorsOf(validate(withEvents({ type: 'became_looked_after', date: '2024-02-30' })))).toMatchObject([
      { path: 'events[0].date', message: '<value> is not a real calendar date' },
    ]);
    expect(errorsOf(validate({ ...good, child: { dob: '2023-02-29' } }))).toMatchObject([
      { path: 'child.dob', message: '<value> is not a real calendar date' },
    ]);
  });

  it('a date in another form says which form is expected', () => {
    expect(errorsOf(validate(withEvents({ type: 'review_scheduled', date: '2025-05-20', for: '11/06/2025' })))).toMatchObject([
      { path: 'events[0].for', message: '<value> is not a date in `YYYY-MM-DD` form' },
    ]);
  });

  it('wrong types name the field, the expected type and the value', () => {
    const errors = errorsOf(
      validate({
        ...good,
        facts: { legal_status: 'care_order', disabled: 'yes', siblings: '2' },
        events: [{ type: 'placement_changed', date: 20250520, planned: 'no' }],
      }),
    );
    expect(errors).toMatchObject([
      { path: 'facts.disabled', message: 'fact `disabled` must be a boolean (`true` or `false`), got <value>' },
      { path: 'facts.siblings', message: 'fact `siblings` must be a number, got <value>' },
      { path: 'events[0].date', message: 'the `date` of event `placement_changed` must be a date as a `YYYY-MM-DD` string, got <value>' },
      { path: 'events[0].planned', message: 'attribute `planned` of event `placement_changed` must be a boolean (`true` or `false`), got <value>' },
    ]);
  });

  it('an undeclared event type says so and lists the declared ones', () => {
    expect(errorsOf(validate(withEvents({ type: 'became_looked_after', date: '2025-01-01' }, { type: 'review_hled', date: '2025-02-01' })))).toMatchObject([
      {
        path: 'events[1].type',
        message:
          'undeclared event type <value>; declared event types: `became_looked_after`, `review_held`, `review_scheduled`, `placement_changed`, `iro_allocated`',
      },
    ]);
  });

  it('a missing or non-string event type', () => {
    const errors = errorsOf(validate(withEvents({ date: '2025-01-01' }, { type: 3, date: '2025-01-01' }, 'review_held')));
    expect(errors.map((e) => e.path)).toEqual(['events[0].type', 'events[1].type', 'events[2]']);
    expect(errors[0]?.message).toMatch(/^missing the event `type`; declared event types: `became_looked_after`/);
    expect(errors[1]?.message).toBe('the event `type` must be a string, got <value>');
    expect(errors[2]?.message).toBe('each event must be an object with a `type` and a `date`, got <value>');
  });

  it('a missing attribute, and a missing event date', () => {
    expect(errorsOf(validate(withEvents({ type: 'review_scheduled', date: '2025-05-20' }, { type: 'review_held' })))).toMatchObject([
      { path: 'events[0].for', message: 'missing required attribute `for` of event `review_scheduled`' },
      { path: 'events[1].date', message: 'missing the `date` of event `review_held`' },
    ]);
  });

  it('an unknown attribute names it and lists the declared ones', () => {
    expect(errorsOf(validate(withEvents({ type: 'review_held', date: '2025-05-20', chair: 'x' }, { type: 'review_scheduled', date: '2025-05-20', for: '2025-06-01', when: 'x' })))).toMatchObject([
      { path: 'events[0]', code: 'case/unknown-attribute', message: 'an unknown attribute on event `review_held`; it has no attributes' },
      { path: 'events[1]', code: 'case/unknown-attribute', message: 'an unknown attribute on event `review_scheduled`; its attributes are `for`' },
    ]);
  });

  it('an unknown fact, and a missing required fact', () => {
    expect(errorsOf(validate({ ...good, facts: { legal_status: 'care_order', legal_satus: 'x' } }))).toMatchObject([
      {
        path: 'facts',
        code: 'case/unknown-fact',
        message: 'an unknown fact; declared facts: `legal_status`, `disabled`, `placement_start`, `siblings`, `case_holder`, `school`',
      },
    ]);
    expect(errorsOf(validate({ ...good, facts: {} }))).toMatchObject([{ path: 'facts.legal_status', message: 'missing required fact `legal_status`' }]);
    expect(errorsOf(validate({ id: 'x', child: { dob: '2015-01-01' }, events: [] }))).toMatchObject([{ path: 'facts', message: 'missing required field `facts`' }]);
  });

  it('enum values and roles must be declared', () => {
    expect(errorsOf(validate({ ...good, facts: { legal_status: 'interim', case_holder: 'bob' }, events: [{ type: 'iro_allocated', date: '2025-01-01', by: 'manager' }] }))).toMatchObject([
      { path: 'facts.legal_status', message: '<value> is not allowed for fact `legal_status`; expected one of `care_order`, `section_20`' },
      { path: 'facts.case_holder', message: '<value> is not a declared role; roles: `iro`, `social_worker`' },
      { path: 'events[0].by', message: '<value> is not a declared role; roles: `iro`, `social_worker`' },
    ]);
  });

  it('the root: not an object, unknown fields, missing fields, empty id, missing dob', () => {
    expect(errorsOf(validate([]))).toMatchObject([{ path: '$', message: 'the case must be a JSON object, got <value>' }]);
    expect(errorsOf(validate(null))).toMatchObject([{ path: '$', message: 'the case must be a JSON object, got <value>' }]);
    expect(errorsOf(validate({ ...good, notes: 'x' }))).toMatchObject([
      { path: '$', code: 'case/unknown-field', message: 'an unknown field; a case has `id`, `child`, `facts` and `events`' },
    ]);
    expect(errorsOf(validate({ ...good, id: '', child: { birthday: '2015-01-01' } }))).toMatchObject([
      { path: 'id', message: '`id` must not be empty' },
      { path: 'child.dob', message: "missing the child's date of birth `dob`" },
      { path: 'child', code: 'case/unknown-child-field', message: 'an unknown field in `child`; only `dob` is expected' },
    ]);
    expect(errorsOf(validate({ facts: { legal_status: 'care_order' } })).map((e) => e.path)).toMatchObject(['id', 'child', 'events']);
    expect(errorsOf(validate({ ...good, events: {} }))).toMatchObject([{ path: 'events', message: '`events` must be an array, got <value>' }]);
  });

  it('collects every error, once each, in one pass', () => {
    const errors = errorsOf(
      validate({
        id: 7,
        child: { dob: '2015-13-01' },
        facts: { legal_status: 'care_order', extra: true },
        events: [
          { type: 'became_looked_after', date: '2024-02-30' },
          { type: 'nope', date: 'soon' },
          { type: 'placement_changed', date: '2025-01-01' },
        ],
      }),
    );
    expect(errors.map((e) => e.path)).toEqual(['id', 'child.dob', 'facts', 'events[0].date', 'events[1].type', 'events[2].planned']);
    expect(new Set(errors.map((e) => `${e.path} ${e.message}`)).size).toBe(errors.length);
    for (const e of errors) expect(e.message).toMatch(/^[^A-Z]/);
  });
});

describe('values of any depth or length are shown in bounded time and length (issue 15)', () => {
  const shownValue = (e: CaseError | undefined): string => (e?.caseData !== undefined && 'value' in e.caseData ? e.caseData.value : '');
  /** An array nested `depth` deep, built without recursion. */
  const nested = (depth: number): unknown => {
    let v: unknown = [];
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  };

  it('a date nested 10,000 arrays deep is a case error showing a short preview (it overflowed the stack: CLI exit 3)', () => {
    const errors = errorsOf(validate({ ...good, events: [{ type: 'review_held', date: nested(10_000) }] }));
    expect(errors.map((e) => e.code)).toEqual(['case/wrong-value-type']);
    expect(errors[0]?.caseData).toEqual({ value: '[[[...]]]' });
  });

  it('a million-item array and a long object are previewed to about 60 characters', () => {
    const long = validate({ ...good, events: [{ type: 'review_held', date: new Array<number>(1_000_000).fill(7) }] });
    const shown = shownValue(errorsOf(long)[0]);
    expect(shown.startsWith('[7,7,7')).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(60);
    const object = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));
    const shownObject = shownValue(errorsOf(validate({ ...good, events: [{ type: 'review_held', date: object }] }))[0]);
    expect(shownObject.startsWith('{"k0":0,"k1":1')).toBe(true);
    expect(shownObject.length).toBeLessThanOrEqual(60);
  });
});
