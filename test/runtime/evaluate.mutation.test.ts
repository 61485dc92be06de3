/**
 * Tests written for the mutants of runtime/evaluate.ts (docs/testing.md, "Mutation testing"): what
 * the evaluator itself does around the rule kinds, compared whole. The as-of date refused (not a
 * string, not in form, not on the calendar, a long value shortened, beside the case's own errors);
 * malformed IR refused with the whole message (a calendar's added or removed day, an unregistered
 * calendar, names JavaScript objects already have, a role-typed value in a policy with no roles);
 * and, on one small policy evaluated with and without explanations, whole obligations (the optional
 * `owners`, `dueTime`, `earliest`, `satisfiedOn`), their order (due date, then rule, then occurrence;
 * duties after them by trigger date, rule and occurrence), the superseded obligations and their
 * reasons, the policy's version, events repeated or after the as-of date or before birth, and the
 * texts of a `whichever` due date and a window. The orders at their ties and beyond the insertion
 * sort's 32 obligations: occurrences of one rule due the same day, two cycle runs due the same day,
 * superseded obligations, duties and violations made out of order, several violations of one rule on
 * one event. Normalised cases given directly (events of one date out of input order, an event of an
 * undeclared type, more than 128 events); the counts-only reading case after case; silent gaps and
 * notifications given. The texts as the runtime defines them on a platform without `__defineGetter__`
 * (runtime/evaluate.ts compiled again into a `node:vm` realm without it: no global of the worker changed).
 *
 * Every policy is compiled inside its test (a policy prepared at import would make the preparation's
 * mutants static, so Stryker would not run them against these tests).
 *
 * Input: small policies written here. Output: assertions only.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parsePlainDate, preparePolicy } from '../../runtime/index.ts';
import type { CompiledPolicy, EvaluationResult, NormalizedCase, PolicyIR } from '../../runtime/index.ts';
import { refusal } from '../support/malformed-ir.ts';
import { compiledIr } from '../support/compiled.ts';

const HEAD = `policy test.evaluate_mutation
  title "The evaluator"
  version "3"

role iro "Independent Reviewing Officer"
role social_worker "Social worker"
`;

const SMALL = `${HEAD}
event became_looked_after
event plan_agreed

deadline plan "The plan agreed"
  owner social_worker
  due within 10 working days of became_looked_after
  met by plan_agreed
  cite "1"
`;

/** The IR of `text`, compiled afresh. */
function irOf(text: string): PolicyIR {
  return compiledIr(text, { uri: 'evaluate-mutation.pdl' });
}

/** The result of evaluating `events` (type, date, attributes) on `asOf`, which must be valid. */
function run(p: CompiledPolicy, events: readonly Record<string, unknown>[], asOf: string, dob = '2012-03-04'): EvaluationResult {
  const e = p.evaluate({ id: 'case-1', child: { dob }, events }, asOf);
  if (!e.ok) throw new Error(`invalid: ${e.errors.map((x) => x.message).join('; ')}`);
  return e.result;
}

/** `date type rule` of each violation, on 2025-03-01, of `events` under the order rules `orders` (of the events asked, discussed, reviewed and assessed). */
function violationsUnder(orders: string, events: readonly Record<string, unknown>[]): string[] {
  const p = preparePolicy(irOf(`${HEAD}\nevent asked\nevent discussed\nevent reviewed\nevent assessed\n\n${orders}`));
  return run(p, events, '2025-03-01').violations.map((v) => `${v.event.date} ${v.event.type} ${v.rule}`);
}

describe('the as-of date refused', () => {
  it('not a string, not in form, not on the calendar: one error each, before the case\'s own', () => {
    const p = preparePolicy(irOf(SMALL));
    const good = { id: 'c', child: { dob: '2015-01-01' }, events: [] };
    expect(p.evaluate(good, 20250101 as unknown as string)).toEqual({
      ok: false,
      errors: [{ code: 'case/as-of-not-a-string', path: 'asOf', keys: ['asOf'], params: {}, message: 'the as-of date must be a `YYYY-MM-DD` string, got <value>', caseData: { value: '20250101' } }],
    });
    expect(p.evaluate(good, null as unknown as string)).toEqual({
      ok: false,
      errors: [{ code: 'case/as-of-not-a-string', path: 'asOf', keys: ['asOf'], params: {}, message: 'the as-of date must be a `YYYY-MM-DD` string, got <value>', caseData: { value: 'null' } }],
    });
    expect(p.evaluate(good, 'tomorrow')).toEqual({
      ok: false,
      errors: [{ code: 'case/as-of-not-a-date', path: 'asOf', keys: ['asOf'], params: {}, message: 'the as-of date <value> is not a date in `YYYY-MM-DD` form', caseData: { value: 'tomorrow' } }],
    });
    expect(p.evaluate({ id: 'c', events: [] }, '2025-02-30')).toEqual({
      ok: false,
      errors: [
        { code: 'case/as-of-not-a-real-date', path: 'asOf', keys: ['asOf'], params: {}, message: 'the as-of date <value> is not a real calendar date', caseData: { value: '2025-02-30' } },
        { code: 'case/missing-field', path: 'child', keys: ['child'], params: { field: 'child' }, message: 'missing required field `child`' },
      ],
    });
    // The form is the whole value: a date with anything before or after it is not in form.
    for (const asOf of ['x2025-02-30', '2025-02-30x']) {
      expect(p.evaluate(good, asOf)).toEqual({
        ok: false,
        errors: [{ code: 'case/as-of-not-a-date', path: 'asOf', keys: ['asOf'], params: {}, message: 'the as-of date <value> is not a date in `YYYY-MM-DD` form', caseData: { value: asOf } }],
      });
    }
    // A valid as-of date with an invalid case: the case's errors alone.
    expect(p.evaluate({ id: 'c', events: [] }, '2025-02-28')).toEqual({
      ok: false,
      errors: [{ code: 'case/missing-field', path: 'child', keys: ['child'], params: { field: 'child' }, message: 'missing required field `child`' }],
    });
  });

  it('a value longer than 60 characters is shown by its first 57 and "..."; one of 60 whole', () => {
    const p = preparePolicy(irOf(SMALL));
    const good = { id: 'c', child: { dob: '2015-01-01' }, events: [] };
    const shown = (asOf: string): unknown => {
      const e = p.evaluate(good, asOf);
      return e.ok ? undefined : e.errors.map((x) => x.caseData);
    };
    expect(shown('x'.repeat(61))).toEqual([{ value: `${'x'.repeat(57)}...` }]);
    expect(shown('y'.repeat(60))).toEqual([{ value: 'y'.repeat(60) }]);
  });
});

describe('malformed IR refused by the evaluator itself', () => {
  it('a calendar day added or removed that is not a date, and a calendar that is not registered', () => {
    const ir = irOf(SMALL);
    expect(() => preparePolicy(ir)).not.toThrow();
    expect(() => preparePolicy({ ...ir, calendar: { ...ir.calendar, add: [{ date: '2025-12-29', name: 'A closure day' }], remove: [{ date: '2025-12-26' }] } })).not.toThrow();
    expect(refusal({ ...ir, calendar: { ...ir.calendar, add: [{ date: '2025-13-01', name: 'Nowhen' }] } })).toBe('malformed IR: calendar: `2025-13-01` is not a YYYY-MM-DD date');
    expect(refusal({ ...ir, calendar: { ...ir.calendar, remove: [{ date: '29/12/2025' }] } })).toBe('malformed IR: calendar: `29/12/2025` is not a YYYY-MM-DD date');
    expect(refusal({ ...ir, calendar: { ...ir.calendar, base: 'atlantis' as PolicyIR['calendar']['base'] } })).toBe('malformed IR: calendar: `atlantis` is not a registered calendar');
  });

  it('a name every JavaScript object has, wherever it is declared, and a role-typed value without roles', () => {
    const ir = irOf(`${SMALL}
fact status: enum(care_order, s20)
event visit { by: role, kind: enum(home, school) }
`);
    expect(() => preparePolicy(ir)).not.toThrow();
    const event = ir.events.find((e) => e.name === 'visit');
    if (event === undefined) throw new Error('no visit');
    const withEvent = (e: PolicyIR['events'][number]): PolicyIR => ({ ...ir, events: ir.events.map((x) => (x === event ? e : x)) });
    expect(refusal({ ...ir, roles: [...ir.roles, { ...(ir.roles[0] as PolicyIR['roles'][number]), name: 'constructor' }] })).toBe(
      'malformed IR: role `constructor` is a name every JavaScript object has, which no declaration may take',
    );
    expect(refusal({ ...ir, facts: [{ name: 'toString', type: { kind: 'boolean' }, optional: false }] })).toBe(
      'malformed IR: fact `toString` is a name every JavaScript object has, which no declaration may take',
    );
    expect(refusal({ ...ir, facts: [{ name: 'status', type: { kind: 'enum', values: ['care_order', 'valueOf'] }, optional: false }] })).toBe(
      'malformed IR: a value of fact `status` `valueOf` is a name every JavaScript object has, which no declaration may take',
    );
    expect(refusal(withEvent({ ...event, name: '__proto__' }))).toBe('malformed IR: event `__proto__` is a name every JavaScript object has, which no declaration may take');
    expect(refusal(withEvent({ ...event, attributes: [...event.attributes, { name: 'hasOwnProperty', type: { kind: 'text' }, optional: true }] }))).toBe(
      'malformed IR: attribute of `visit` `hasOwnProperty` is a name every JavaScript object has, which no declaration may take',
    );
    expect(refusal(withEvent({ ...event, attributes: event.attributes.map((a) => (a.name === 'kind' ? { ...a, type: { kind: 'enum', values: ['home', 'isPrototypeOf'] } } : a)) }))).toBe(
      'malformed IR: a value of `visit.kind` `isPrototypeOf` is a name every JavaScript object has, which no declaration may take',
    );
    expect(refusal({ ...ir, rules: ir.rules.map((r) => ({ ...r, id: 'propertyIsEnumerable' })) })).toBe(
      'malformed IR: rule `propertyIsEnumerable` is a name every JavaScript object has, which no declaration may take',
    );
    expect(refusal({ ...ir, roles: [], rules: ir.rules.map((r) => ({ ...r, owner: undefined as unknown as string })), facts: [] })).toBe(
      'malformed IR: `visit.by` holds a role, but the policy declares no roles',
    );
    // No roles and no role-typed value (an enum fact, the other events): accepted.
    expect(() => preparePolicy({ ...ir, roles: [], rules: ir.rules.map((r) => ({ ...r, owner: undefined as unknown as string })), events: ir.events.filter((e) => e !== event) })).not.toThrow();
    expect(refusal({ ...ir, roles: [], events: ir.events.filter((e) => e !== event), facts: [{ name: 'lead', type: { kind: 'role' }, optional: false }] })).toBe(
      'malformed IR: fact `lead` holds a role, but the policy declares no roles',
    );
  });
});

/** Rules of every shape the evaluator turns into results: owners, a time, a window, `whichever`, a cycle, two duties. */
const SHAPES = `${HEAD}
event became_looked_after
event ceased_looked_after
event placement_changed
event review_held
event plan_agreed
event review_scheduled { for: date } supersedes earlier
event invitations_sent
event review_adjourned
event pathway_plan_completed
event minutes_sent
event letter_sent

deadline plan "The plan agreed"
  owner social_worker and iro
  due within 10 working days of became_looked_after
  met by plan_agreed
  cite "1"

deadline invitations "Invitations sent"
  owner iro
  due by 12:00 on the Monday on or before 2 weeks before review_scheduled.for
  met by invitations_sent
  cite "2"

deadline pathway "Pathway plan"
  owner social_worker
  due between 1 month before and 1 month after 13 years after child.dob
  met by pathway_plan_completed
  cite "3"

deadline reconvene "Reconvened"
  owner iro
  due within 20 days of review_adjourned or 13 years after child.dob, whichever is sooner
  met by review_held
  cite "4"

cycle reviews "Reviews"
  owner iro
  runs from became_looked_after until ceased_looked_after
  restarts on placement_changed
  first within 20 working days of became_looked_after
  then within 6 months of the previous review_held
  met by review_held
  cite "5"

duty minutes "Minutes sent"
  owner iro
  after review_held
  met by minutes_sent
  cite "6"

duty letter "Letter sent"
  owner iro
  after review_held
  met by letter_sent
  cite "7"
`;

/** A case for SHAPES (in input order; the last event is after the as-of date 2025-03-20, one review is entered twice). */
const SHAPES_EVENTS: readonly Record<string, unknown>[] = [
  { type: 'became_looked_after', date: '2025-01-06' },
  { type: 'review_scheduled', date: '2025-01-07', for: '2025-02-20' },
  { type: 'placement_changed', date: '2025-01-10' },
  { type: 'review_scheduled', date: '2025-01-14', for: '2025-02-27' },
  { type: 'plan_agreed', date: '2025-01-20' },
  { type: 'review_held', date: '2025-02-03' },
  { type: 'review_held', date: '2025-02-03' },
  { type: 'invitations_sent', date: '2025-02-13' },
  { type: 'review_adjourned', date: '2025-02-27' },
  { type: 'pathway_plan_completed', date: '2025-01-30' },
  { type: 'review_held', date: '2025-03-10' },
  { type: 'ceased_looked_after', date: '2025-03-12' },
  { type: 'letter_sent', date: '2025-03-11' },
  { type: 'minutes_sent', date: '2025-06-11' },
];

const DAY = 86_400_000;
/** The `YYYY-MM-DD` of a UTC time in milliseconds. */
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const at = (line: number, column: number): string => `"source":{"file":"evaluate-mutation.pdl","line":${line},"column":${column}}`;

/**
 * The obligations of SHAPES_EVENTS on 2025-03-20, as JSON (key order included), without their
 * explanations (`EXPLAINED` has them): by due date, then the duties by trigger date, rule, occurrence.
 */
const OBLIGATIONS = [
  `{"rule":"plan","occurrence":1,"title":"The plan agreed","owner":"social_worker","owners":{"join":"all","roles":["social_worker","iro"]},"anchor":{"event":"became_looked_after","date":"2025-01-06"},"due":"2025-01-20","status":"met","satisfiedOn":"2025-01-20","citation":"1","explanation":"",${at(20, 10)}}`,
  `{"rule":"reviews","occurrence":1,"title":"Reviews","owner":"iro","anchor":{"event":"placement_changed","date":"2025-01-10"},"due":"2025-02-07","status":"met","satisfiedOn":"2025-02-03","citation":"5","explanation":"",${at(48, 3)}}`,
  `{"rule":"invitations","occurrence":2,"title":"Invitations sent","owner":"iro","anchor":{"event":"review_scheduled","date":"2025-02-27","attribute":"for"},"due":"2025-02-10","dueTime":"12:00","status":"met_late","satisfiedOn":"2025-02-13","citation":"2","explanation":"",${at(26, 10)}}`,
  `{"rule":"reconvene","occurrence":1,"title":"Reconvened","owner":"iro","anchor":{"event":"review_adjourned","date":"2025-02-27"},"due":"2025-03-04","status":"met_late","satisfiedOn":"2025-03-10","citation":"4","explanation":"",${at(38, 10)}}`,
  `{"rule":"pathway","occurrence":1,"title":"Pathway plan","owner":"social_worker","anchor":{"event":"child.dob","date":"2012-03-04"},"due":"2025-04-04","earliest":"2025-02-04","status":"early","satisfiedOn":"2025-01-30","citation":"3","explanation":"",${at(32, 10)}}`,
  `{"rule":"reviews","occurrence":2,"title":"Reviews","owner":"iro","anchor":{"event":"review_held","date":"2025-02-03"},"due":"2025-08-03","status":"met","satisfiedOn":"2025-03-10","citation":"5","explanation":"",${at(49, 3)}}`,
  `{"rule":"letter","occurrence":1,"title":"Letter sent","owner":"iro","anchor":{"event":"review_held","date":"2025-02-03"},"status":"met","satisfiedOn":"2025-03-11","citation":"7","explanation":"",${at(59, 6)}}`,
  `{"rule":"minutes","occurrence":1,"title":"Minutes sent","owner":"iro","anchor":{"event":"review_held","date":"2025-02-03"},"status":"outstanding","citation":"6","explanation":"",${at(53, 6)}}`,
  `{"rule":"letter","occurrence":2,"title":"Letter sent","owner":"iro","anchor":{"event":"review_held","date":"2025-03-10"},"status":"met","satisfiedOn":"2025-03-11","citation":"7","explanation":"",${at(59, 6)}}`,
  `{"rule":"minutes","occurrence":2,"title":"Minutes sent","owner":"iro","anchor":{"event":"review_held","date":"2025-03-10"},"status":"outstanding","citation":"6","explanation":"",${at(53, 6)}}`,
];

/** The explanations of the dated obligations of OBLIGATIONS, in its order. */
const EXPLAINED = [
  'plan (occurrence 1): 10 working days after became_looked_after on Mon 6 Jan 2025 is Mon 20 Jan 2025 (skipping weekends); counted from Mon 6 Jan 2025, the date of the event it is measured from; met by plan_agreed on Mon 20 Jan 2025. Source: 1.',
  'reviews (occurrence 1): 20 working days after placement_changed on Fri 10 Jan 2025 is Fri 7 Feb 2025 (skipping weekends); met by review_held on Mon 3 Feb 2025. Source: 5.',
  'invitations (occurrence 2), for the `review_scheduled` recorded on Tue 14 Jan 2025: 2 weeks (14 days) before review_scheduled.for on Thu 27 Feb 2025 is Thu 13 Feb 2025, moved to the Monday on or before: Mon 10 Feb 2025, by 12:00; counted from any date: no previous review_scheduled.for before Thu 27 Feb 2025; met late by invitations_sent on Thu 13 Feb 2025, 3 days after the due date. Source: 2.',
  "reconvene (occurrence 1): whichever is sooner of (1st) 20 days after review_adjourned on Thu 27 Feb 2025 is Wed 19 Mar 2025; (2nd) 13 years after the child's date of birth on Sun 4 Mar 2012 is Tue 4 Mar 2025: due Tue 4 Mar 2025, from the 2nd; counted from Thu 27 Feb 2025, the date of the event it is measured from; met late by review_held on Mon 10 Mar 2025, 6 days after the due date. Source: 4.",
  "pathway (occurrence 1): 13 years after the child's date of birth on Sun 4 Mar 2012 is Tue 4 Mar 2025; the window opens 1 month before that date, on Tue 4 Feb 2025, and closes 1 month after it, on Fri 4 Apr 2025 (the due date); counted from any date; early: met by pathway_plan_completed on Thu 30 Jan 2025, before the window opened on Tue 4 Feb 2025 (a pathway_plan_completed from that date on would count instead). Source: 3.",
  'reviews (occurrence 2): 6 months after review_held on Mon 3 Feb 2025 (which met occurrence 1) is Sun 3 Aug 2025; met by review_held on Mon 10 Mar 2025. Source: 5.',
];

const SUPERSEDED = [
  '{"rule":"invitations","occurrence":1,"anchor":{"event":"review_scheduled","date":"2025-02-20","attribute":"for"},"due":"2025-02-03","reason":"rearranged: a later review_scheduled recorded on Tue 14 Jan 2025 for Thu 27 Feb 2025 replaced the one for Thu 20 Feb 2025 before it happened"}',
  '{"rule":"reviews","occurrence":1,"anchor":{"event":"became_looked_after","date":"2025-01-06"},"due":"2025-02-03","reason":"the run was restarted by placement_changed on Fri 10 Jan 2025, before this occurrence was met or fell due (due Mon 3 Feb 2025); a new run starts from that event"}',
  '{"rule":"reviews","occurrence":3,"anchor":{"event":"review_held","date":"2025-03-10"},"due":"2025-09-10","reason":"the run ended with ceased_looked_after on Wed 12 Mar 2025, before this occurrence was met or fell due (due Wed 10 Sep 2025)"}',
];

const NOTICES = [
  '{"code":"notice/repeated-event","message":"the `review_held` event of 2025-02-03 is recorded twice with the same attributes, so the repeat was not considered","params":{"event":"review_held"},"caseData":{"date":"2025-02-03"}}',
  '{"code":"notice/events-after-as-of","message":"1 event dated after the as-of date 2025-03-20 was not considered","params":{"count":1,"asOf":"2025-03-20"}}',
];

/** The fields of `o` present with the value `undefined` (JSON would hide them), nested objects included, as paths. */
function undefinedFields(o: unknown, path = ''): string[] {
  if (typeof o !== 'object' || o === null) return [];
  return Object.entries(o).flatMap(([k, v]) => (v === undefined ? [`${path}${k}`] : undefinedFields(v, `${path}${k}.`)));
}

/** The obligations of `result` as JSON, their explanations emptied (the duties' come from runtime/kinds/duty.ts). */
function withoutTexts(result: EvaluationResult): string[] {
  return result.obligations.map((o) => JSON.stringify({ ...o, explanation: '' }));
}

describe('a case evaluated whole', () => {
  it('with explanations: each obligation and superseded obligation whole, in order, with its text', () => {
    const r = run(preparePolicy(irOf(SHAPES)), SHAPES_EVENTS, '2025-03-20');
    expect(JSON.stringify(r.policy)).toBe('{"id":"test.evaluate_mutation","version":"3"}');
    expect(r.case).toBe('case-1');
    expect(r.asOf).toBe('2025-03-20');
    expect(withoutTexts(r)).toEqual(OBLIGATIONS);
    expect(r.obligations.slice(0, EXPLAINED.length).map((o) => o.explanation)).toEqual(EXPLAINED);
    expect(r.superseded.map((s) => JSON.stringify(s))).toEqual(SUPERSEDED);
    expect(undefinedFields([r.obligations, r.superseded])).toEqual([]);
    expect(r.notices.map((n) => JSON.stringify(n))).toEqual(NOTICES);
    expect([r.violations, r.escalations, r.criteria, r.notifications]).toEqual([[], [], [], []]);
    // Nothing met yet: open obligations with their texts, with and without a time or a window.
    const open = run(preparePolicy(irOf(SHAPES)), [{ type: 'became_looked_after', date: '2025-01-06' }, { type: 'review_scheduled', date: '2025-01-07', for: '2025-02-20' }], '2025-01-08');
    expect(open.obligations.map((o) => [o.rule, o.status, 'dueTime' in o])).toEqual([
      ['plan', 'open', false],
      ['invitations', 'open', true],
      ['reviews', 'open', false],
      ['pathway', 'open', false],
    ]);
    expect(undefinedFields(open.obligations)).toEqual([]);
  });

  it('without explanations: the same obligations with empty explanations, the same reasons', () => {
    const r = run(preparePolicy(irOf(SHAPES), { explanations: false }), SHAPES_EVENTS, '2025-03-20');
    expect(r.obligations.map((o) => JSON.stringify(o))).toEqual(OBLIGATIONS);
    // No field is present with the value `undefined` (JSON would hide it).
    expect(undefinedFields([r.obligations, r.superseded])).toEqual([]);
    // Nothing met yet: open obligations, with and without a time or a window.
    const open = run(preparePolicy(irOf(SHAPES), { explanations: false }), [{ type: 'became_looked_after', date: '2025-01-06' }, { type: 'review_scheduled', date: '2025-01-07', for: '2025-02-20' }], '2025-01-08');
    expect(open.obligations.map((o) => JSON.stringify(o))).toEqual([
      `{"rule":"plan","occurrence":1,"title":"The plan agreed","owner":"social_worker","owners":{"join":"all","roles":["social_worker","iro"]},"anchor":{"event":"became_looked_after","date":"2025-01-06"},"due":"2025-01-20","status":"open","citation":"1","explanation":"",${at(20, 10)}}`,
      `{"rule":"invitations","occurrence":1,"title":"Invitations sent","owner":"iro","anchor":{"event":"review_scheduled","date":"2025-02-20","attribute":"for"},"due":"2025-02-03","dueTime":"12:00","status":"open","citation":"2","explanation":"",${at(26, 10)}}`,
      `{"rule":"reviews","occurrence":1,"title":"Reviews","owner":"iro","anchor":{"event":"became_looked_after","date":"2025-01-06"},"due":"2025-02-03","status":"open","citation":"5","explanation":"",${at(48, 3)}}`,
      `{"rule":"pathway","occurrence":1,"title":"Pathway plan","owner":"social_worker","anchor":{"event":"child.dob","date":"2012-03-04"},"due":"2025-04-04","earliest":"2025-02-04","status":"open","citation":"3","explanation":"",${at(32, 10)}}`,
    ]);
    expect(undefinedFields(open.obligations)).toEqual([]);
    expect(r.superseded.map((s) => JSON.stringify(s))).toEqual(SUPERSEDED);
    expect(r.notices.map((n) => JSON.stringify(n))).toEqual(NOTICES);
  });
});

describe('the evaluator\'s own notices', () => {
  it('events before the date of birth are counted in one notice; events after the as-of date in another', () => {
    const p = preparePolicy(irOf(SMALL));
    const r = run(p, [
      { type: 'became_looked_after', date: '2012-03-01' },
      { type: 'plan_agreed', date: '2012-03-03' },
      { type: 'plan_agreed', date: '2012-03-04' },
      { type: 'plan_agreed', date: '2025-01-02' },
      { type: 'plan_agreed', date: '2025-01-03' },
    ], '2025-01-01');
    expect(r.notices.map((n) => [n.code, n.message])).toEqual([
      ['notice/events-before-birth', "2 events are dated before the child's date of birth; they were considered as recorded"],
      ['notice/events-after-as-of', '2 events dated after the as-of date 2025-01-01 were not considered'],
    ]);
    // None before birth, none after the as-of date: no notice at all.
    expect(run(p, [{ type: 'became_looked_after', date: '2012-03-04' }, { type: 'plan_agreed', date: '2025-01-01' }], '2025-01-01').notices).toEqual([]);
  });

  it('events of one date that differ in an attribute, or in which attributes they have, are not repeats', () => {
    const p = preparePolicy(irOf(`${SMALL}
event visit { on?: date, note?: text }
`));
    const r = run(p, [
      { type: 'visit', date: '2025-01-02', note: 'a' },
      { type: 'visit', date: '2025-01-02', note: 'b' },
      { type: 'visit', date: '2025-01-02' },
      { type: 'visit', date: '2025-01-02', on: '2025-01-01' },
      { type: 'visit', date: '2025-01-02', note: 'a' },
      { type: 'plan_agreed', date: '2025-01-02' },
      { type: 'visit', date: '2025-01-03' },
      { type: 'visit', date: '2025-01-03' },
      // One without attributes, then one with: not a repeat either.
      { type: 'visit', date: '2025-01-04' },
      { type: 'visit', date: '2025-01-04', note: 'c' },
    ], '2025-01-05');
    expect(r.notices.map((n) => JSON.stringify([n.message, n.caseData]))).toEqual([
      '["the `visit` event of 2025-01-02 is recorded twice with the same attributes, so the repeat was not considered",{"date":"2025-01-02"}]',
      '["the `visit` event of 2025-01-03 is recorded twice with the same attributes, so the repeat was not considered",{"date":"2025-01-03"}]',
    ]);
  });

  it('a record entered three times: its two repeats make one notice', () => {
    const p = preparePolicy(irOf(SMALL));
    const thrice = [1, 2, 3].map(() => ({ type: 'plan_agreed', date: '2025-01-02' }));
    expect(run(p, thrice, '2025-01-05').notices.map((n) => n.code)).toEqual(['notice/repeated-event']);
  });
});

describe('the counts-only reading (`countNormalized`)', () => {
  /** What a `CaseCounts` says, in words: each dated obligation, duty, superseded obligation and violation. */
  function counted(p: CompiledPolicy, events: readonly Record<string, unknown>[], asOf: string): Record<string, unknown> {
    const v = p.validate({ id: 'case-1', child: { dob: '2012-03-04' }, events });
    if (!v.ok) throw new Error('invalid case');
    const day = parsePlainDate(asOf);
    if (day === undefined) throw new Error(`not a date: ${asOf}`);
    if (p.countNormalized === undefined) throw new Error('no counts-only reading');
    const c = p.countNormalized(v.case, day);
    return {
      n: c.n,
      events: c.events.length,
      typeCounts: [...c.typeCounts],
      drafts: c.drafts.map((d) => `${d.rule.id} ${d.rule.owner} ${d.status}`),
      duties: c.duties.map((d) => `${d.rule} ${d.occurrence} ${d.status}`),
      superseded: c.superseded.map((s) => s.rule.id),
      violations: c.violations.length,
    };
  }

  it('gives the drafts, duties and superseded obligations of the full reading, and forgets them case by case', () => {
    const p = preparePolicy(irOf(SHAPES));
    const first = counted(p, SHAPES_EVENTS, '2025-03-20');
    expect(first).toEqual({
      // The events without the repeated review (13), of which 12 are on or before the as-of date.
      n: 12,
      events: 13,
      // By the policy's event types, in their order.
      typeCounts: [1, 1, 1, 2, 1, 2, 1, 1, 1, 0, 1],
      drafts: ['plan social_worker met', 'reviews iro met', 'invitations iro met_late', 'reconvene iro met_late', 'pathway social_worker early', 'reviews iro met'],
      duties: ['letter 1 met', 'minutes 1 outstanding', 'letter 2 met', 'minutes 2 outstanding'],
      superseded: ['invitations', 'reviews', 'reviews'],
      violations: 0,
    });
    // The same scratch state, a smaller case: nothing of the first is left.
    expect(counted(p, [{ type: 'became_looked_after', date: '2025-01-06' }], '2025-01-07')).toEqual({
      n: 1,
      events: 1,
      typeCounts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      drafts: ['plan social_worker open', 'reviews iro open', 'pathway social_worker open'],
      duties: [],
      superseded: [],
      violations: 0,
    });
    expect(counted(p, [], '2025-01-07')).toEqual({ n: 0, events: 0, typeCounts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], drafts: ['pathway social_worker open'], duties: [], superseded: [], violations: 0 });
  });

  it('violations forgotten case by case; a kind\'s notice (an anchor without its date) raised without harm', () => {
    const p = preparePolicy(irOf(`${HEAD}
event asked
event assessed
event review_scheduled { for?: date }

order assess_first "Assess first"
  step asked
  after assessed
  cite "1"

deadline invitations "Invitations sent"
  owner iro
  due within 3 days of review_scheduled.for
  met by assessed
  cite "2"
`));
    expect(counted(p, [{ type: 'asked', date: '2025-01-02' }, { type: 'review_scheduled', date: '2025-01-03' }], '2025-01-07')).toEqual({
      n: 2, events: 2, typeCounts: [1, 0, 1], drafts: [], duties: [], superseded: [], violations: 1,
    });
    expect(counted(p, [{ type: 'assessed', date: '2025-01-02' }, { type: 'asked', date: '2025-01-03' }], '2025-01-07')).toEqual({
      n: 2, events: 2, typeCounts: [1, 1, 0], drafts: [], duties: [], superseded: [], violations: 0,
    });
  });
});

describe('a vocabulary of more than 16 event types (found by name in a map, not by scanning)', () => {
  it('counts each type and meets the rules as a small vocabulary does', () => {
    const extra = Array.from({ length: 16 }, (_, k) => `event other_${k}`).join('\n');
    const p = preparePolicy(irOf(`${SMALL}\n${extra}\n`));
    const r = run(p, [
      { type: 'other_15', date: '2025-01-02' },
      { type: 'became_looked_after', date: '2025-01-06' },
      { type: 'plan_agreed', date: '2025-01-08' },
    ], '2025-02-01');
    expect(r.obligations.map((o) => [o.rule, o.due, o.status, o.satisfiedOn])).toEqual([['plan', '2025-01-20', 'met', '2025-01-08']]);
  });
});

describe('orders of the results', () => {
  it('obligations due the same day: by rule id (not the order of the policy), then occurrence', () => {
    const p = preparePolicy(irOf(`${HEAD}
event became_looked_after
event plan_agreed

deadline zeta "Last by name"
  owner iro
  due within 5 days of became_looked_after
  met by plan_agreed
  cite "1"

deadline alpha "First by name"
  owner iro
  due within 5 days of became_looked_after
  met by plan_agreed
  cite "2"
`));
    const r = run(p, [
      { type: 'became_looked_after', date: '2025-01-06' },
      { type: 'became_looked_after', date: '2025-01-06' },
      { type: 'became_looked_after', date: '2025-01-01' },
    ], '2025-01-08');
    // The repeat on 2025-01-06 is left out: two anchors, 1 January (occurrence 1) and 6 January (occurrence 2).
    expect(r.obligations.map((o) => `${o.rule} ${o.occurrence} ${o.due}`)).toEqual(['alpha 1 2025-01-06', 'zeta 1 2025-01-06', 'alpha 2 2025-01-11', 'zeta 2 2025-01-11']);
  });

  it('violations: by the date of their event, then its place in the case, then rule id', () => {
    const orders = `order z_discuss_first "Discuss first"
  step asked
  after discussed
  cite "1"

order a_assess_first "Assess first"
  step asked
  after assessed
  cite "2"

order m_assess_before_review "Assess before a review"
  step reviewed
  after assessed
  cite "3"
`;
    expect(violationsUnder(orders, [
      { type: 'reviewed', date: '2025-02-01' },
      { type: 'asked', date: '2025-01-10' },
      { type: 'reviewed', date: '2025-01-10' },
    ])).toEqual([
      '2025-01-10 asked a_assess_first',
      '2025-01-10 asked z_discuss_first',
      '2025-01-10 reviewed m_assess_before_review',
      '2025-02-01 reviewed m_assess_before_review',
    ]);
  });
});

describe('orders of the results: ties and long lists', () => {
  /** `rule occurrence due` of each obligation of `r`. */
  const listed = (r: EvaluationResult): string[] => r.obligations.map((o) => `${o.rule} ${o.occurrence} ${o.due}`);

  it('occurrences of one rule due the same day (the end of February reached from three dates): by occurrence', () => {
    // zeta is declared first but sorts second: its three occurrences stay in their order after alpha's.
    const p = preparePolicy(irOf(`${HEAD}
event became_looked_after
event plan_agreed

deadline zeta "Last by name"
  owner iro
  due within 1 month of became_looked_after
  met by plan_agreed
  cite "1"

deadline alpha "First by name"
  owner iro
  due within 1 month of became_looked_after
  met by plan_agreed
  cite "2"
`));
    const r = run(p, ['2025-01-31', '2025-01-29', '2025-01-30'].map((date) => ({ type: 'became_looked_after', date })), '2025-02-01');
    expect(listed(r)).toEqual(['alpha 1 2025-02-28', 'alpha 2 2025-02-28', 'alpha 3 2025-02-28', 'zeta 1 2025-02-28', 'zeta 2 2025-02-28', 'zeta 3 2025-02-28']);
    expect(r.obligations.map((o) => o.anchor.date)).toEqual(['2025-01-29', '2025-01-30', '2025-01-31', '2025-01-29', '2025-01-30', '2025-01-31']);
  });

  it('more than 32 obligations (sorted by the platform\'s sort, not by insertion): the same order', () => {
    const p = preparePolicy(irOf(`${HEAD}
event became_looked_after
event plan_agreed

deadline zeta "Last by name"
  owner iro
  due within 1 day of became_looked_after
  met by plan_agreed
  cite "1"

deadline alpha "First by name"
  owner iro
  due within 2 days of became_looked_after
  met by plan_agreed
  cite "2"
`));
    // 17 anchors a week apart: 34 obligations, each rule's made in its own pass.
    const dates = Array.from({ length: 17 }, (_, k) => isoDay(Date.UTC(2025, 0, 6 + 7 * k)));
    const r = run(p, dates.map((date) => ({ type: 'became_looked_after', date })), '2025-06-01');
    expect(listed(r)).toEqual(dates.flatMap((date, k) => [`zeta ${k + 1} ${isoDay(Date.parse(date) + DAY)}`, `alpha ${k + 1} ${isoDay(Date.parse(date) + 2 * DAY)}`]));
  });

  it('two runs of a cycle whose first occurrences fall due the same day: in the order of their runs, obligations and superseded alike', () => {
    const p = preparePolicy(irOf(`${HEAD}
event became_looked_after
event placement_changed
event review_held

deadline a_plan "Planned"
  owner iro
  due within 1 day of placement_changed
  met by review_held
  cite "1"

cycle reviews "Reviews"
  owner iro
  runs from became_looked_after
  restarts on placement_changed
  first within 1 month of became_looked_after
  then within 6 months of the previous review_held
  met by review_held
  cite "2"
`));
    // Run 1 (30 January) is met at once, run 2 (31 January) is due the same day, 28 February.
    const met = run(p, [
      { type: 'became_looked_after', date: '2025-01-30' },
      { type: 'review_held', date: '2025-01-30' },
      { type: 'placement_changed', date: '2025-01-31' },
    ], '2025-02-01');
    expect(met.obligations.map((o) => `${o.rule} ${o.occurrence} ${o.anchor.event} ${o.anchor.date} ${o.due} ${o.status}`)).toEqual([
      'a_plan 1 placement_changed 2025-01-31 2025-02-01 open',
      'reviews 1 became_looked_after 2025-01-30 2025-02-28 met',
      'reviews 1 placement_changed 2025-01-31 2025-02-28 open',
    ]);
    // Two runs restarted before their first occurrence fell due: superseded, due the same day.
    const restarted = run(p, [
      { type: 'became_looked_after', date: '2025-01-30' },
      { type: 'placement_changed', date: '2025-01-31' },
      { type: 'placement_changed', date: '2025-02-03' },
    ], '2025-02-04');
    expect(restarted.superseded.map((s) => `${s.rule} ${s.occurrence} ${s.anchor.event} ${s.anchor.date} ${s.due}`)).toEqual([
      'reviews 1 became_looked_after 2025-01-30 2025-02-28',
      'reviews 1 placement_changed 2025-01-31 2025-02-28',
    ]);
  });

  it('superseded obligations made out of order (a cycle declared before a deadline): by due date, then rule', () => {
    const p = preparePolicy(irOf(`${HEAD}
event became_looked_after
event placement_changed
event review_held
event review_scheduled { for: date } supersedes earlier
event invitations_sent

cycle z_reviews "Reviews"
  owner iro
  runs from became_looked_after
  restarts on placement_changed
  first within 10 days of became_looked_after
  then within 6 months of the previous review_held
  met by review_held
  cite "1"

deadline a_invitations "Invitations sent"
  owner iro
  due within 3 days of review_scheduled.for
  met by invitations_sent
  cite "2"
`));
    const r = run(p, [
      { type: 'review_scheduled', date: '2025-01-02', for: '2025-01-08' },
      { type: 'review_scheduled', date: '2025-01-03', for: '2025-01-09' },
      { type: 'became_looked_after', date: '2025-01-04' },
      { type: 'placement_changed', date: '2025-01-05' },
    ], '2025-01-06');
    expect(r.superseded.map((s) => `${s.rule} ${s.occurrence} ${s.due}`)).toEqual(['a_invitations 1 2025-01-11', 'z_reviews 1 2025-01-14']);
    expect(listed(r)).toEqual(['a_invitations 2 2025-01-12', 'z_reviews 1 2025-01-15']);
  });

  it('duties triggered the same day: by rule id whatever the order of the policy, then occurrence', () => {
    // alpha declared before zeta; three reviews on one day (different notes: not repeats).
    const p = preparePolicy(irOf(`${HEAD}
event review_held { note?: text }
event minutes_sent
event letter_sent

duty alpha "Letter sent"
  owner iro
  after review_held
  met by letter_sent
  cite "1"

duty zeta "Minutes sent"
  owner iro
  after review_held
  met by minutes_sent
  cite "2"
`));
    const r = run(p, [
      { type: 'review_held', date: '2025-01-10', note: 'a' },
      { type: 'review_held', date: '2025-01-10', note: 'b' },
      { type: 'review_held', date: '2025-01-05' },
      { type: 'letter_sent', date: '2025-01-06' },
    ], '2025-02-01');
    expect(r.obligations.map((o) => `${o.rule} ${o.occurrence} ${o.anchor.date} ${o.status}`)).toEqual([
      'alpha 1 2025-01-05 met',
      'zeta 1 2025-01-05 outstanding',
      'alpha 2 2025-01-10 outstanding',
      'alpha 3 2025-01-10 outstanding',
      'zeta 2 2025-01-10 outstanding',
      'zeta 3 2025-01-10 outstanding',
    ]);
  });

  it('violations of one rule on one event keep the order the rule gives them', () => {
    const p = preparePolicy(irOf(`${HEAD}
role service_manager "Service manager"

event move_requested
event move_approved { by: role }
event discussion_held
event iro_consulted

approval move "A move is approved"
  request move_requested
  decision move_approved
  approved by service_manager
  requires discussion_held
  requires iro_consulted
  cite "1"
`));
    const r = run(p, [{ type: 'move_requested', date: '2025-01-02' }, { type: 'move_approved', date: '2025-01-03', by: 'iro' }], '2025-01-06');
    expect(r.violations.map((v) => `${v.event.date} ${v.rule}: ${v.message}`)).toEqual([
      '2025-01-03 move: A move is approved: approved by iro on Fri 3 Jan 2025, but only service_manager may approve',
      '2025-01-03 move: A move is approved: no discussion_held between the request on Thu 2 Jan 2025 and the decision on Fri 3 Jan 2025',
      '2025-01-03 move: A move is approved: no iro_consulted between the request on Thu 2 Jan 2025 and the decision on Fri 3 Jan 2025',
    ]);
  });

  it('violations made out of order: an earlier date, or an earlier event of one date, first; then rule id', () => {
    // Each order rule's violations are made in its own pass, in the order of the policy.
    const orders = `order m_late "Assessed before a review"
  step reviewed
  after assessed
  cite "1"

order b_early "Assessed before asking"
  step asked
  after assessed
  cite "2"

order c_same "Assessed before asking (again)"
  step asked
  after assessed
  cite "3"
`;
    // On 10 January the review is entered first, on 12 January the request.
    expect(violationsUnder(orders, [
      { type: 'reviewed', date: '2025-02-01' },
      { type: 'reviewed', date: '2025-01-10' },
      { type: 'asked', date: '2025-01-10' },
      { type: 'asked', date: '2025-01-12' },
      { type: 'reviewed', date: '2025-01-12' },
    ])).toEqual([
      '2025-01-10 reviewed m_late',
      '2025-01-10 asked b_early',
      '2025-01-10 asked c_same',
      '2025-01-12 asked b_early',
      '2025-01-12 asked c_same',
      '2025-01-12 reviewed m_late',
      '2025-02-01 reviewed m_late',
    ]);
  });
});

describe('normalised cases given directly', () => {
  /** The validated case of `events` under `p`, with a dob of 4 March 2012. */
  function normalized(p: CompiledPolicy, events: readonly Record<string, unknown>[]): NormalizedCase {
    const v = p.validate({ id: 'case-1', child: { dob: '2012-03-04' }, events });
    if (!v.ok) throw new Error('invalid case');
    return v.case;
  }
  const ORDERED = `${HEAD}
event asked
event assessed

order assess_first "Assess first"
  step asked
  after assessed
  cite "1"
`;

  it('events of one date out of input order are put in order first: the same result as in order', () => {
    const p = preparePolicy(irOf(ORDERED));
    const c = normalized(p, [{ type: 'assessed', date: '2025-01-10' }, { type: 'asked', date: '2025-01-10' }, { type: 'asked', date: '2025-01-11' }]);
    const [assessed, asked, later] = c.events;
    const asOf = parsePlainDate('2025-02-01') ?? 0;
    const swapped = { ...c, events: [asked, assessed, later] as NormalizedCase['events'] };
    // The assessment was entered first, so it comes first whatever the array's order: no violation.
    expect(p.evaluateNormalized(c, asOf).violations).toEqual([]);
    expect(p.evaluateNormalized(swapped, asOf).violations).toEqual([]);
  });

  it('an event of a type the policy does not declare is of no type: it meets nothing and is counted in none', () => {
    const small = preparePolicy(irOf(SMALL));
    const extra = Array.from({ length: 16 }, (_, k) => `event other_${k}`).join('\n');
    const large = preparePolicy(irOf(`${SMALL}\n${extra}\n`));
    for (const p of [small, large]) {
      const c = normalized(p, [{ type: 'became_looked_after', date: '2025-01-06' }]);
      const stray = { type: 'not_declared', date: parsePlainDate('2025-01-08') ?? 0, index: 1, attributes: {} };
      const withStray = { ...c, events: [...c.events, stray] };
      const asOf = parsePlainDate('2025-02-01') ?? 0;
      expect(p.evaluateNormalized(withStray, asOf).obligations.map((o) => `${o.rule} ${o.status}`)).toEqual(['plan overdue']);
      const counts = p.countNormalized?.(withStray, asOf);
      // became_looked_after is the first type: one of it, none of any other.
      expect([counts?.n, [...(counts?.typeCounts ?? [])].reduce((a, b) => a + b, 0), counts?.typeCounts[0]]).toEqual([2, 1, 1]);
    }
  });

  it('a case of more than 128 events: every event keeps its type', () => {
    const p = preparePolicy(irOf(SMALL));
    // 130 plans agreed before the child became looked after, then the anchor, then the plan that meets it.
    const events = [
      ...Array.from({ length: 130 }, (_, k) => ({ type: 'plan_agreed', date: isoDay(Date.UTC(2024, 0, 1 + k)) })),
      { type: 'became_looked_after', date: '2025-01-06' },
      { type: 'plan_agreed', date: '2025-01-08' },
    ];
    const r = run(p, events, '2025-02-01');
    expect(r.obligations.map((o) => `${o.rule} ${o.anchor.date} ${o.status} ${o.satisfiedOn}`)).toEqual(['plan 2025-01-06 met 2025-01-08']);
  });
});

describe('what the evaluator adds around the kinds', () => {
  it('silent gaps and notifications are given; a policy with no version has no `version` key', () => {
    const p = preparePolicy(irOf(`policy test.evaluate_gaps
  title "Gaps"

role iro "Independent Reviewing Officer"

event became_looked_after
event review_held

cycle reviews "Reviews"
  owner iro
  runs from became_looked_after
  first within 20 days of became_looked_after
  then within 6 months of the previous review_held
  met by review_held
  notify "Review of {{case.id}}: {{obligation.status}} {{obligation.due}}"
  cite "1"
`));
    // A review held before the run started: the cycle plainly applies, but nothing is measured from it.
    const early = run(p, [{ type: 'review_held', date: '2025-01-02' }], '2025-01-05');
    expect(Object.keys(early.policy)).toEqual(['id']);
    expect(early.notices.map((n) => n.code)).toEqual(['notice/cycle-not-started']);
    expect(early.notifications).toEqual([]);
    const started = run(p, [{ type: 'became_looked_after', date: '2025-01-06' }], '2025-01-07');
    expect(started.notifications.map((n) => n.subject)).toEqual(['Review of case-1: open 2025-01-26']);
  });
});

describe('texts and fields of rarer forms', () => {
  it('a deadline with both a window and a time: `dueTime` and `earliest` in their places, with and without explanations', () => {
    const ir = irOf(`${HEAD}
event pathway_plan_completed

deadline pathway "Pathway plan"
  owner social_worker
  due by 12:00 13 years after child.dob, earliest 1 month before
  met by pathway_plan_completed
  cite "1"
`);
    const json = `{"rule":"pathway","occurrence":1,"title":"Pathway plan","owner":"social_worker","anchor":{"event":"child.dob","date":"2012-03-04"},"due":"2025-03-04","dueTime":"12:00","earliest":"2025-02-04","status":"open","citation":"1","explanation":"",${at(10, 10)}}`;
    for (const explanations of [true, false]) {
      const r = run(preparePolicy(ir, { explanations }), [], '2025-02-11');
      expect(withoutTexts(r)).toEqual([json]);
    }
  });

  it('a rearrangement recorded without the new date: the reason names no target date', () => {
    const p = preparePolicy(irOf(`${HEAD}
event review_scheduled { for?: date, note?: text } supersedes earlier
event invitations_sent

deadline invitations "Invitations sent"
  owner iro
  due within 3 days of review_scheduled.for
  met by invitations_sent
  cite "1"
`));
    const r = run(p, [
      { type: 'review_scheduled', date: '2025-01-02', for: '2025-01-20' },
      { type: 'review_scheduled', date: '2025-01-03', note: 'date to follow' },
    ], '2025-01-06');
    expect(r.superseded.map((x) => x.reason)).toEqual(['rearranged: a later review_scheduled recorded on Fri 3 Jan 2025 replaced the one for Mon 20 Jan 2025 before it happened']);
  });

  it('`whichever` with an anchor not yet in the case: it takes no part, and the text says what it may still do', () => {
    const p = preparePolicy(irOf(`${HEAD}
event review_adjourned
event review_held

deadline by_later "The later"
  owner iro
  due 13 years after child.dob or within 20 days of review_adjourned, whichever is later
  met by review_held
  cite "1"

deadline by_sooner "The sooner"
  owner iro
  due 13 years after child.dob or within 20 days of review_adjourned, whichever is sooner
  met by review_held
  cite "2"
`));
    const r = run(p, [], '2025-01-08');
    const which = (pick: string, proviso: string, cite: string): string =>
      `by_${pick} (occurrence 1): whichever is ${pick} of (1st) 13 years after the child's date of birth on Sun 4 Mar 2012 is Tue 4 Mar 2025; (2nd) 20 days after review_adjourned: no review_adjourned in the case (yet), so it takes no part: due Tue 4 Mar 2025, from the 1st (${proviso}); counted from any date; open: no review_held yet as of Wed 8 Jan 2025. Source: ${cite}.`;
    expect(r.obligations.map((o) => [o.rule, o.due, o.explanation])).toEqual([
      ['by_later', '2025-03-04', which('later', 'provisional: an anchor still to happen may make it later', '1')],
      ['by_sooner', '2025-03-04', which('sooner', 'an anchor still to happen can only make it sooner', '2')],
    ]);
  });

  it('a window that closes on the due date itself, and a policy with no version', () => {
    const text = `policy test.evaluate_window
  title "A window"

role social_worker "Social worker"

event pathway_plan_completed

deadline pathway "Pathway plan by the 13th birthday"
  owner social_worker
  due 13 years after child.dob, earliest 1 month before
  met by pathway_plan_completed
  cite "7.1"
`;
    const r = run(preparePolicy(irOf(text)), [{ type: 'pathway_plan_completed', date: '2025-02-10' }], '2025-02-11');
    expect(JSON.stringify(r.policy)).toBe('{"id":"test.evaluate_window"}');
    expect(r.obligations.map((o) => [o.due, o.earliest, o.status, o.satisfiedOn, o.explanation])).toEqual([
      [
        '2025-03-04',
        '2025-02-04',
        'met',
        '2025-02-10',
        "pathway (occurrence 1): 13 years after the child's date of birth on Sun 4 Mar 2012 is Tue 4 Mar 2025; the window opens 1 month before that date, on Tue 4 Feb 2025, and closes on it; counted from any date; met by pathway_plan_completed on Mon 10 Feb 2025. Source: 7.1.",
      ],
    ]);
  });
});

/**
 * runtime/evaluate.ts loaded again, as on a platform without `__defineGetter__` (Annex B), which the
 * runtime looks up once, when it loads: its source (the file on disk, as the test runs it) compiled to
 * CommonJS by esbuild and run in a realm of its own (`node:vm`) whose `Object.prototype` lacks it.
 * Its imports are this worker's own modules, and the realm sees this worker's enumerable globals (so
 * anything a tool installs there reaches the copy too); nothing of the worker itself is changed.
 */
async function evaluateWithoutDefineGetter(): Promise<typeof import('../../runtime/evaluate.ts')> {
  const file = fileURLToPath(new URL('../../runtime/evaluate.ts', import.meta.url));
  // esbuild (what vitest itself transforms with), imported here: only this test pays for it.
  const { transform } = await import('esbuild');
  const { code: js } = await transform(readFileSync(file, 'utf8'), { loader: 'ts', format: 'cjs', target: 'es2022', sourcefile: file });
  const imported = new Map<string, unknown>();
  for (const [, spec] of js.matchAll(/require\("(\.[^"]+)"\)/g)) {
    if (spec !== undefined && !imported.has(spec)) imported.set(spec, await import(resolve(dirname(file), spec)));
  }
  const host = globalThis as unknown as Record<string, unknown>;
  const realm = vm.createContext(Object.fromEntries(Object.keys(host).map((k) => [k, host[k]])));
  vm.runInContext('delete Object.prototype.__defineGetter__', realm);
  const load = vm.runInContext(`(function (exports, require, module) {${js}\n})`, realm, { filename: file }) as (e: object, r: (s: string) => unknown, m: { exports: object }) => void;
  const module = { exports: {} };
  load(module.exports, (spec) => {
    if (!imported.has(spec)) throw new Error(`runtime/evaluate.ts imports ${spec}, which was not loaded`);
    return imported.get(spec);
  }, module);
  return module.exports as typeof import('../../runtime/evaluate.ts');
}

describe('on a platform without `__defineGetter__`', () => {
  it('texts are the same enumerable, configurable getters', async () => {
    const fresh = await evaluateWithoutDefineGetter();
    const e = fresh.preparePolicy(irOf(SHAPES)).evaluate({ id: 'case-1', child: { dob: '2012-03-04' }, events: SHAPES_EVENTS }, '2025-03-20');
    if (!e.ok) throw new Error('invalid case');
    const described = (o: object, key: string): unknown => {
      const d = Object.getOwnPropertyDescriptor(o, key);
      return [typeof d?.get, d?.set, d?.enumerable, d?.configurable];
    };
    // (The first obligation, with several owners, is rebuilt by spreading, which copies its text as a string.)
    expect(described(e.result.obligations[1] as object, 'explanation')).toEqual(['function', undefined, true, true]);
    expect(described(e.result.superseded[0] as object, 'reason')).toEqual(['function', undefined, true, true]);
    expect(e.result.obligations.slice(0, EXPLAINED.length).map((o) => o.explanation)).toEqual(EXPLAINED);
    expect(e.result.superseded.map((x) => JSON.stringify(x))).toEqual(SUPERSEDED);
  });
});
