/**
 * Tests written to kill the surviving mutants of runtime/conditions.ts (docs/testing.md, "Mutation
 * testing"): each operand kind and comparison compiled from hand-written IR over one small policy,
 * read through both `compileCondition` (the hot path) and `compileExplainedCondition` (criteria), with
 * the whole `{ value, reason }` and the notices raised compared.
 *
 * Input: one small policy written here, compiled inside each test (Stryker credits a test only with
 * the code it runs), hand-written `IrCondition`s and normalised cases built here. Output: assertions
 * only. INVARIANT: the plain and the explained condition always agree on the value (checked by `read`).
 */
import { describe, expect, it } from 'vitest';
import { MalformedIrError, englandAndWalesCalendar, parsePlainDate } from '../../runtime/index.ts';
import type { IrCondition, IrOperand, NormalizedEvent, Notice, PlainDate, PolicyIR } from '../../runtime/index.ts';
import { compileCondition, compileExplainedCondition, settingEvent } from '../../runtime/conditions.ts';
import type { ConditionScope, Explained } from '../../runtime/conditions.ts';
import { compiledIr } from '../support/compiled.ts';

const TEXT = `policy test.conditions
  title "Conditions"

role social_worker "Social worker"
role team_manager "Team manager"

fact status?: enum(low, high) set by status_changed.status
fact flagged?: boolean set by flag_raised to true or flag_cleared to false
fact flagged_on?: date set by flag_raised to 2020-01-01
fact score?: number
fact opened?: date
fact holder?: role
fact note?: text

event status_changed { status?: enum(low, high) }
event flag_raised
event flag_cleared
event visit { place?: enum(home, office), on?: date, by?: role }
`;

function prepare(): PolicyIR {
  return compiledIr(TEXT, { uri: 'conditions.pdl' });
}

function day(iso: string): PlainDate {
  const d = parsePlainDate(iso);
  if (d === undefined) throw new Error(`not a date: ${iso}`);
  return d;
}

type Ev = { readonly type: string; readonly date: string } & Readonly<Record<string, string | number | boolean>>;

function events(list: readonly Ev[]): NormalizedEvent[] {
  return list.map(({ type, date, ...attributes }, index) => ({ type, date: day(date), index, attributes }));
}

const DOB = '2015-06-01';
const AS_OF = '2026-03-10';

function scopeOf(facts: Record<string, string | number | boolean> = {}, list: readonly Ev[] = [], asOf = AS_OF, n?: number): ConditionScope {
  const evs = events(list);
  return { case: { id: 'c', child: { dob: day(DOB) }, facts, events: evs }, asOf: day(asOf), events: evs, n: n ?? evs.length, notices: [] };
}

interface Read {
  readonly value: boolean;
  readonly explained: Explained;
  readonly notices: readonly string[];
}

/** Reads `c` on `anchor` (default: the as-of date) with both compilers; the value must agree. Notices: those of the plain read. */
function read(c: IrCondition, scope: ConditionScope, anchor?: string, focus?: NormalizedEvent): Read {
  const ir = prepare();
  const calendar = englandAndWalesCalendar();
  const a = anchor === undefined ? scope.asOf : day(anchor);
  const value = compileCondition(c, ir, 'the test', calendar)(scope, a, focus);
  const notices = scope.notices.splice(0).map((x: Notice) => x.message);
  const explained = compileExplainedCondition(c, ir, 'the test', calendar)(scope, a, focus);
  scope.notices.splice(0);
  expect(explained.value).toBe(value);
  return { value, explained, notices };
}

const lit = (value: string | number | boolean, type: 'enum' | 'number' | 'boolean' | 'text' | 'date' | 'role'): IrOperand => ({ kind: 'literal', value, type });
const fact = (name: string): IrOperand => ({ kind: 'fact', fact: name });
const cmp = (left: IrOperand, op: '=' | '!=' | '<' | '<=' | '>' | '>=', right: IrOperand, text = 'the condition'): IrCondition => ({ kind: 'compare', op, left, right, text });

function malformed(c: IrCondition, ir: PolicyIR = prepare()): string[] {
  const messages: string[] = [];
  for (const compile of [compileCondition, compileExplainedCondition]) {
    try {
      compile(c, ir, 'the test', englandAndWalesCalendar());
      messages.push('(compiled)');
    } catch (e) {
      expect(e).toBeInstanceOf(MalformedIrError);
      messages.push((e as Error).message);
    }
  }
  return messages;
}

describe('comparisons of numbers, at and beside the boundary', () => {
  it('each operator, with the reason naming the operator that held (or its negation)', () => {
    const s = scopeOf({ score: 3 });
    const rows = (['<', '<=', '>', '>=', '=', '!='] as const).flatMap((op) =>
      [2, 3, 4].map((k) => {
        const r = read(cmp(fact('score'), op, lit(k, 'number'), `score ${op} ${k}`), s);
        return [op, k, r.value, r.explained.reason];
      }),
    );
    expect(rows).toStrictEqual([
      ['<', 2, false, '`score` is 3, which is >= 2'],
      ['<', 3, false, '`score` is 3, which is >= 3'],
      ['<', 4, true, '`score` is 3, which is < 4'],
      ['<=', 2, false, '`score` is 3, which is > 2'],
      ['<=', 3, true, '`score` is 3, which is <= 3'],
      ['<=', 4, true, '`score` is 3, which is <= 4'],
      ['>', 2, true, '`score` is 3, which is > 2'],
      ['>', 3, false, '`score` is 3, which is <= 3'],
      ['>', 4, false, '`score` is 3, which is <= 4'],
      ['>=', 2, true, '`score` is 3, which is >= 2'],
      ['>=', 3, true, '`score` is 3, which is >= 3'],
      ['>=', 4, false, '`score` is 3, which is < 4'],
      ['=', 2, false, '`score` is 3, not 2'],
      ['=', 3, true, '`score` is 3'],
      ['=', 4, false, '`score` is 3, not 4'],
      ['!=', 2, true, '`score` is 3, not 2'],
      ['!=', 3, false, '`score` is 3'],
      ['!=', 4, true, '`score` is 3, not 4'],
    ]);
  });

  it('a literal on the left is mirrored to the right in the reason, and the value is unchanged', () => {
    const s = scopeOf({ score: 3 });
    const rows = (['<', '<=', '>', '>=', '=', '!='] as const).map((op) => {
      const r = read(cmp(lit(3, 'number'), op, fact('score')), s);
      return [op, r.value, r.explained.reason];
    });
    expect(rows).toStrictEqual([
      ['<', false, '`score` is 3, which is <= 3'],
      ['<=', true, '`score` is 3, which is >= 3'],
      ['>', false, '`score` is 3, which is >= 3'],
      ['>=', true, '`score` is 3, which is <= 3'],
      ['=', true, '`score` is 3'],
      ['!=', false, '`score` is 3'],
    ]);
  });

  it('two literals: the left one is shown by its value alone', () => {
    const s = scopeOf();
    expect(read(cmp(lit(2, 'number'), '<', lit(5, 'number')), s)).toStrictEqual({ value: true, explained: { value: true, reason: '2, which is < 5' }, notices: [] });
    expect(read(cmp(lit(2, 'number'), '=', lit(5, 'number')), s)).toStrictEqual({ value: false, explained: { value: false, reason: '2, not 5' }, notices: [] });
  });

  it('two non-literals: "the same as" or "but ... is"', () => {
    const s = scopeOf({ score: 3 }, [], AS_OF);
    const same = read(cmp(fact('score'), '=', { kind: 'age' }), scopeOf({ score: 10 }));
    expect(same).toStrictEqual({ value: true, explained: { value: true, reason: '`score` is 10, the same as age' }, notices: [] });
    const other = read(cmp(fact('score'), '!=', { kind: 'age' }), s);
    expect(other).toStrictEqual({ value: true, explained: { value: true, reason: '`score` is 3, but age is 10' }, notices: [] });
    const ordered = read(cmp(fact('score'), '<', { kind: 'age' }), s);
    expect(ordered).toStrictEqual({ value: true, explained: { value: true, reason: '`score` is 3, which is < age (10)' }, notices: [] });
  });
});

describe('comparisons of dates: words, and the operands that give dates', () => {
  it('each operator in words, today and child.dob and a date literal', () => {
    const s = scopeOf({ opened: day('2026-03-10') });
    const rows = (['<', '<=', '>', '>=', '=', '!='] as const).map((op) => {
      const r = read(cmp(fact('opened'), op, { kind: 'today' }), s);
      return [op, r.value, r.explained.reason];
    });
    expect(rows).toStrictEqual([
      ['<', false, '`opened` is 2026-03-10, which is on or after today (2026-03-10)'],
      ['<=', true, '`opened` is 2026-03-10, which is on or before today (2026-03-10)'],
      ['>', false, '`opened` is 2026-03-10, which is on or before today (2026-03-10)'],
      ['>=', true, '`opened` is 2026-03-10, which is on or after today (2026-03-10)'],
      ['=', true, '`opened` is 2026-03-10, the same as today'],
      ['!=', false, '`opened` is 2026-03-10, the same as today'],
    ]);
    const before = read(cmp({ kind: 'child_dob' }, '<', lit('2015-06-02', 'date')), s);
    expect(before).toStrictEqual({ value: true, explained: { value: true, reason: 'child.dob is 2015-06-01, which is before 2015-06-02' }, notices: [] });
    const after = read(cmp({ kind: 'child_dob' }, '>', lit('2015-06-01', 'date')), s);
    expect(after).toStrictEqual({ value: false, explained: { value: false, reason: 'child.dob is 2015-06-01, which is on or before 2015-06-01' }, notices: [] });
    const notSame = read(cmp({ kind: 'today' }, '=', lit('2026-03-11', 'date')), s);
    expect(notSame).toStrictEqual({ value: false, explained: { value: false, reason: 'today is 2026-03-10, not 2026-03-11' }, notices: [] });
  });

  it('`D after X` and `D before X`, in days and in working days; a missing base makes the date missing', () => {
    const s = scopeOf({ opened: day('2026-03-06') });
    const offset = (amount: number, unit: 'days' | 'working_days', direction: 'after' | 'before', base: IrOperand): IrOperand => ({ kind: 'date_offset', direction, offset: { amount, unit }, base });
    const a = read(cmp(offset(2, 'working_days', 'after', fact('opened')), '=', lit('2026-03-10', 'date')), s);
    expect(a).toStrictEqual({ value: true, explained: { value: true, reason: '2 working days after `opened` is 2026-03-10' }, notices: [] });
    const b = read(cmp(fact('opened'), '>=', offset(4, 'days', 'before', { kind: 'today' })), s);
    expect(b).toStrictEqual({ value: true, explained: { value: true, reason: '`opened` is 2026-03-06, which is on or after 4 days before today (2026-03-06)' }, notices: [] });
    const missing = read(cmp(offset(1, 'days', 'after', { kind: 'event_date', event: 'visit' }), '<', { kind: 'today' }), s);
    expect(missing).toStrictEqual({ value: false, explained: { value: false, reason: '1 day after `visit.date` is not set' }, notices: [] });
  });

  it('`EVENT.date` reads the focus event only when it is of that type', () => {
    const [visit, flag] = events([
      { type: 'visit', date: '2026-03-02' },
      { type: 'flag_raised', date: '2026-03-03' },
    ]);
    const s = scopeOf();
    const c = cmp({ kind: 'event_date', event: 'visit' }, '<=', { kind: 'today' });
    expect(read(c, s, undefined, visit)).toStrictEqual({ value: true, explained: { value: true, reason: '`visit.date` is 2026-03-02, which is on or before today (2026-03-10)' }, notices: [] });
    expect(read(c, s, undefined, flag)).toStrictEqual({ value: false, explained: { value: false, reason: '`visit.date` is not set' }, notices: [] });
    expect(read(c, s, undefined, undefined)).toStrictEqual({ value: false, explained: { value: false, reason: '`visit.date` is not set' }, notices: [] });
  });
});

describe('age, days since, count', () => {
  it('age is in whole years on the anchor date', () => {
    const s = scopeOf();
    const c = cmp({ kind: 'age' }, '>=', lit(11, 'number'));
    expect(read(c, s, '2026-05-31').explained).toStrictEqual({ value: false, reason: 'age is 10, which is < 11' });
    expect(read(c, s, '2026-06-01').explained).toStrictEqual({ value: true, reason: 'age is 11, which is >= 11' });
  });

  it('days since the last EVENT: the latest on or before the anchor date, 0 on that date, missing when none', () => {
    const s = scopeOf({}, [
      { type: 'visit', date: '2026-03-01' },
      { type: 'flag_raised', date: '2026-03-02' },
      { type: 'visit', date: '2026-03-04' },
      { type: 'visit', date: '2026-03-08' },
    ]);
    const c = cmp({ kind: 'days_since', event: 'visit' }, '<=', lit(1, 'number'));
    expect(read(c, s, '2026-03-05').explained).toStrictEqual({ value: true, reason: 'days since the last visit is 1, which is <= 1' });
    expect(read(c, s, '2026-03-07').explained).toStrictEqual({ value: false, reason: 'days since the last visit is 3, which is > 1' });
    expect(read(c, s, '2026-03-08').explained).toStrictEqual({ value: true, reason: 'days since the last visit is 0, which is <= 1' });
    expect(read(c, s, '2026-02-28').explained).toStrictEqual({ value: false, reason: 'days since the last visit is not set' });
    const flags = cmp({ kind: 'days_since', event: 'flag_raised' }, '=', lit(6, 'number'));
    expect(read(flags, s, '2026-03-08').explained).toStrictEqual({ value: true, reason: 'days since the last flag_raised is 6' });
  });

  it('days since and count consider only the first `n` events', () => {
    const s = scopeOf({}, [
      { type: 'visit', date: '2026-03-01' },
      { type: 'visit', date: '2026-03-04' },
    ], AS_OF, 1);
    expect(read(cmp({ kind: 'days_since', event: 'visit' }, '=', lit(9, 'number')), s).value).toBe(true);
    expect(read(cmp({ kind: 'count', event: 'visit' }, '=', lit(1, 'number')), s).value).toBe(true);
    const where: IrCondition = cmp({ kind: 'event_date', event: 'visit' }, '>', lit('2026-01-01', 'date'));
    expect(read(cmp({ kind: 'count', event: 'visit', where }, '=', lit(1, 'number')), s).value).toBe(true);
  });

  it('count(EVENT) and count(EVENT where C) up to the anchor date, C reading the counted event', () => {
    const s = scopeOf({}, [
      { type: 'visit', date: '2026-03-01', place: 'home' },
      { type: 'flag_raised', date: '2026-03-01' },
      { type: 'visit', date: '2026-03-04', place: 'office' },
      { type: 'visit', date: '2026-03-04', place: 'home' },
      { type: 'visit', date: '2026-03-09', place: 'home' },
    ]);
    const all = cmp({ kind: 'count', event: 'visit' }, '>=', lit(3, 'number'));
    expect(read(all, s, '2026-03-04').explained).toStrictEqual({ value: true, reason: 'count(visit) is 3, which is >= 3' });
    expect(read(all, s, '2026-03-03').explained).toStrictEqual({ value: false, reason: 'count(visit) is 1, which is < 3' });
    const home: IrCondition = { kind: 'in', negated: false, left: { kind: 'attribute', event: 'visit', attribute: 'place' }, values: [lit('home', 'enum')], text: 'visit.place in (home)' };
    const homes = cmp({ kind: 'count', event: 'visit', where: home }, '=', lit(2, 'number'));
    expect(read(homes, s, '2026-03-04').explained).toStrictEqual({ value: true, reason: 'count(visit where visit.place in (home)) is 2' });
    expect(read(homes, s, '2026-03-10').explained).toStrictEqual({ value: false, reason: 'count(visit where visit.place in (home)) is 3, not 2' });
  });
});

describe('missing values and notices', () => {
  it('a missing optional fact: false for every operator, on either side, with a notice', () => {
    const s = scopeOf();
    const rows = (['<', '<=', '>', '>=', '=', '!='] as const).flatMap((op) => [
      [op, read(cmp(fact('score'), op, lit(1, 'number'), 'score ? 1'), s)],
      [op, read(cmp(lit(1, 'number'), op, fact('score'), '1 ? score'), s)],
    ]);
    const notice = (text: string): string => `optional fact \`score\` is not given, so \`${text}\` (the test) was taken as false`;
    expect(rows).toStrictEqual(
      (['<', '<=', '>', '>=', '=', '!='] as const).flatMap((op) => [
        [op, { value: false, explained: { value: false, reason: '`score` is not set' }, notices: [notice('score ? 1')] }],
        [op, { value: false, explained: { value: false, reason: '`score` is not set' }, notices: [notice('1 ? score')] }],
      ]),
    );
  });

  it('a missing optional attribute of the focus event: false, with a notice giving the event and its date', () => {
    const [visit] = events([{ type: 'visit', date: '2026-03-02' }]);
    const s = scopeOf();
    const c = cmp({ kind: 'attribute', event: 'visit', attribute: 'place' }, '!=', lit('home', 'enum'), 'visit.place != home');
    expect(read(c, s, undefined, visit)).toStrictEqual({
      value: false,
      explained: { value: false, reason: '`visit.place` is not set' },
      notices: ['optional attribute `place` of the `visit` event of 2026-03-02 is not given, so `visit.place != home` (the test) was taken as false'],
    });
  });

  it('an attribute of a focus event of another type: false and no notice', () => {
    const [flag] = events([{ type: 'flag_raised', date: '2026-03-02' }]);
    const c = cmp({ kind: 'attribute', event: 'visit', attribute: 'place' }, '!=', lit('home', 'enum'));
    expect(read(c, scopeOf(), undefined, flag)).toStrictEqual({ value: false, explained: { value: false, reason: '`visit.place` is not set' }, notices: [] });
  });
});

describe('values of text, enum, role and boolean', () => {
  it('= and != over stringish kinds, and booleans need no "not"', () => {
    const s = scopeOf({ holder: 'team_manager', note: 'x', flagged: true });
    expect(read(cmp(fact('holder'), '=', lit('social_worker', 'role')), s).explained).toStrictEqual({ value: false, reason: '`holder` is team_manager, not social_worker' });
    expect(read(cmp(fact('note'), '!=', lit('y', 'text')), s).explained).toStrictEqual({ value: true, reason: '`note` is x, not y' });
    expect(read(cmp(fact('flagged'), '=', lit(false, 'boolean')), s).explained).toStrictEqual({ value: false, reason: '`flagged` is true' });
    expect(read(cmp(fact('flagged'), '!=', lit(false, 'boolean')), s).explained).toStrictEqual({ value: true, reason: '`flagged` is true' });
  });
});

describe('membership: `in` and `not in`', () => {
  const place = (negated: boolean, values: readonly IrOperand[]): IrCondition => ({ kind: 'in', negated, left: { kind: 'attribute', event: 'visit', attribute: 'place' }, values, text: 'visit.place in (...)' });

  it('found or not, negated or not, with each value shown', () => {
    const [visit] = events([{ type: 'visit', date: '2026-03-02', place: 'office' }]);
    const s = scopeOf();
    const rows = [false, true].flatMap((negated) =>
      [[lit('home', 'enum')], [lit('home', 'enum'), lit('office', 'enum')], [lit('office', 'enum'), lit('home', 'enum')]].map((values) => {
        const r = read(place(negated, values), s, undefined, visit);
        return [negated, r.value, r.explained.reason, r.notices];
      }),
    );
    expect(rows).toStrictEqual([
      [false, false, '`visit.place` is office, which is not one of (home)', []],
      [false, true, '`visit.place` is office, which is one of (home, office)', []],
      [false, true, '`visit.place` is office, which is one of (office, home)', []],
      [true, true, '`visit.place` is office, which is not one of (home)', []],
      [true, false, '`visit.place` is office, which is one of (home, office)', []],
      [true, false, '`visit.place` is office, which is one of (office, home)', []],
    ]);
  });

  it('a missing left value is false, negated or not, with a notice; a missing listed value is skipped and shown as not set', () => {
    const [bare, dated] = events([
      { type: 'visit', date: '2026-03-02' },
      { type: 'visit', date: '2026-03-03', on: day('2026-03-03') },
    ]);
    const s = scopeOf();
    const notice = 'optional attribute `place` of the `visit` event of 2026-03-02 is not given, so `visit.place in (...)` (the test) was taken as false';
    expect(read(place(false, [lit('home', 'enum')]), s, undefined, bare)).toStrictEqual({ value: false, explained: { value: false, reason: '`visit.place` is not set' }, notices: [notice] });
    expect(read(place(true, [lit('home', 'enum')]), s, undefined, bare)).toStrictEqual({ value: false, explained: { value: false, reason: '`visit.place` is not set' }, notices: [notice] });
    const onDates = (negated: boolean): IrCondition => ({ kind: 'in', negated, left: { kind: 'today' }, values: [fact('opened'), { kind: 'attribute', event: 'visit', attribute: 'on' }, lit('2026-03-10', 'date')], text: 'today in (...)' });
    expect(read(onDates(false), s, undefined, dated).explained).toStrictEqual({ value: true, reason: 'today is 2026-03-10, which is one of (`opened` (not set), `visit.on` (2026-03-03), 2026-03-10)' });
    expect(read(onDates(true), s, undefined, dated)).toStrictEqual({
      value: false,
      explained: { value: false, reason: 'today is 2026-03-10, which is one of (`opened` (not set), `visit.on` (2026-03-03), 2026-03-10)' },
      notices: ['optional fact `opened` is not given, so `today in (...)` (the test) was taken as false'],
    });
    const literalLeft: IrCondition = { kind: 'in', negated: false, left: lit(3, 'number'), values: [fact('score'), lit(4, 'number')], text: '3 in (...)' };
    expect(read(literalLeft, scopeOf({ score: 3 })).explained).toStrictEqual({ value: true, reason: '3, which is one of (`score` (3), 4)' });
  });

  it('a value of a fact set by events names where it came from', () => {
    const s = scopeOf({ status: 'low' }, [{ type: 'status_changed', date: '2026-03-02', status: 'high' }]);
    const c: IrCondition = { kind: 'in', negated: false, left: fact('status'), values: [lit('high', 'enum')], text: 'status in (high)' };
    expect(read(c, s).explained).toStrictEqual({ value: true, reason: '`status` is high, which is one of (high) (`status` set by status_changed on 2026-03-02)' });
    expect(read(c, s, '2026-03-01').explained).toStrictEqual({ value: false, reason: '`status` is low, which is not one of (high)' });
  });
});

describe('facts set by events', () => {
  it('the latest setting event on or before the date wins, an absent attribute sets nothing, else the case value', () => {
    const s = scopeOf({ status: 'low' }, [
      { type: 'status_changed', date: '2026-03-01', status: 'high' },
      { type: 'status_changed', date: '2026-03-03' },
      { type: 'visit', date: '2026-03-04' },
      { type: 'status_changed', date: '2026-03-05', status: 'low' },
      { type: 'status_changed', date: '2026-03-05', status: 'high' },
    ]);
    const c = cmp(fact('status'), '=', lit('high', 'enum'));
    expect(read(c, s, '2026-02-28').explained).toStrictEqual({ value: false, reason: '`status` is low, not high' });
    expect(read(c, s, '2026-03-01').explained).toStrictEqual({ value: true, reason: '`status` is high (`status` set by status_changed on 2026-03-01)' });
    expect(read(c, s, '2026-03-04').explained).toStrictEqual({ value: true, reason: '`status` is high (`status` set by status_changed on 2026-03-01)' });
    expect(read(c, s, '2026-03-05').explained).toStrictEqual({ value: true, reason: '`status` is high (`status` set by status_changed on 2026-03-05)' });
  });

  it('settingEvent returns the event and its value, or undefined', () => {
    const s = scopeOf({}, [
      { type: 'flag_raised', date: '2026-03-01' },
      { type: 'flag_cleared', date: '2026-03-04' },
    ]);
    const setters = new Map([['flag_raised', { value: true }], ['flag_cleared', { value: false }]]);
    expect(settingEvent(s, day('2026-02-28'), setters)).toBe(undefined);
    expect(settingEvent(s, day('2026-03-03'), setters)).toStrictEqual({ event: s.events[0], value: true });
    expect(settingEvent(s, day('2026-03-04'), setters)).toStrictEqual({ event: s.events[1], value: false });
    expect(settingEvent(s, day('2026-03-04'), new Map([['flag_raised', { attribute: 'missing' }]]))).toBe(undefined);
  });

  it('fixed values of each kind, a date fact among them, and a missing fact with no setting event raises a notice', () => {
    const s = scopeOf({}, [
      { type: 'flag_raised', date: '2026-03-01' },
      { type: 'flag_cleared', date: '2026-03-04' },
    ]);
    const flagged = cmp(fact('flagged'), '=', lit(true, 'boolean'), 'flagged');
    expect(read(flagged, s, '2026-02-27')).toStrictEqual({ value: false, explained: { value: false, reason: '`flagged` is not set' }, notices: ['optional fact `flagged` is not given, so `flagged` (the test) was taken as false'] });
    expect(read(flagged, s, '2026-03-02')).toStrictEqual({ value: true, explained: { value: true, reason: '`flagged` is true (`flagged` set by flag_raised on 2026-03-01)' }, notices: [] });
    expect(read(flagged, s, '2026-03-04')).toStrictEqual({ value: false, explained: { value: false, reason: '`flagged` is false (`flagged` set by flag_cleared on 2026-03-04)' }, notices: [] });
    const on = cmp(fact('flagged_on'), '<', { kind: 'today' }, 'flagged_on < today');
    expect(read(on, s, '2026-03-04').explained).toStrictEqual({ value: true, reason: '`flagged_on` is 2020-01-01, which is before today (2026-03-10) (`flagged_on` set by flag_raised on 2026-03-01)' });
  });
});

describe('not, and, or', () => {
  const yes = cmp(lit(1, 'number'), '=', lit(1, 'number'));
  const no = cmp(lit(1, 'number'), '=', lit(2, 'number'));
  const also = cmp(lit(2, 'number'), '<', lit(3, 'number'));

  it('every combination of two and of three items, and reasons joined once each', () => {
    const s = scopeOf();
    const rows = (['and', 'or'] as const).flatMap((kind) =>
      [[yes, yes], [yes, no], [no, yes], [no, no], [yes, yes, yes], [yes, yes, no], [no, yes, yes], [no, no, no], [no, no, yes]].map((items) => {
        const r = read({ kind, items, text: kind }, s);
        return [kind, items.map((i) => (i === yes ? 1 : 0)).join(''), r.value, r.explained.reason];
      }),
    );
    expect(rows).toStrictEqual([
      ['and', '11', true, '1'],
      ['and', '10', false, '1; 1, not 2'],
      ['and', '01', false, '1, not 2; 1'],
      ['and', '00', false, '1, not 2'],
      ['and', '111', true, '1'],
      ['and', '110', false, '1; 1, not 2'],
      ['and', '011', false, '1, not 2; 1'],
      ['and', '000', false, '1, not 2'],
      ['and', '001', false, '1, not 2; 1'],
      ['or', '11', true, '1'],
      ['or', '10', true, '1; 1, not 2'],
      ['or', '01', true, '1, not 2; 1'],
      ['or', '00', false, '1, not 2'],
      ['or', '111', true, '1'],
      ['or', '110', true, '1; 1, not 2'],
      ['or', '011', true, '1, not 2; 1'],
      ['or', '000', false, '1, not 2'],
      ['or', '001', true, '1, not 2; 1'],
    ]);
    expect(read({ kind: 'and', items: [yes, also], text: 'and' }, s).explained).toStrictEqual({ value: true, reason: '1; 2, which is < 3' });
  });

  it('not negates the value and keeps the reason', () => {
    const s = scopeOf();
    expect(read({ kind: 'not', item: yes, text: 'not' }, s).explained).toStrictEqual({ value: false, reason: '1' });
    expect(read({ kind: 'not', item: no, text: 'not' }, s).explained).toStrictEqual({ value: true, reason: '1, not 2' });
  });

  it('the plain `and` and `or` of three items evaluate in order and stop at the first deciding item', () => {
    const ir = prepare();
    const s = scopeOf();
    const missing = cmp(fact('score'), '=', lit(1, 'number'), 'score = 1');
    const and = compileCondition({ kind: 'and', items: [yes, no, missing], text: 'and' }, ir, 'the test', englandAndWalesCalendar());
    expect(and(s, s.asOf, undefined)).toBe(false);
    expect(s.notices).toStrictEqual([]);
    const or = compileCondition({ kind: 'or', items: [no, yes, missing], text: 'or' }, ir, 'the test', englandAndWalesCalendar());
    expect(or(s, s.asOf, undefined)).toBe(true);
    expect(s.notices).toStrictEqual([]);
  });
});

describe('malformed IR: the whole message', () => {
  it('undeclared names, bad date literals and setters, and offsets', () => {
    const today: IrOperand = { kind: 'today' };
    const rows = [
      cmp(lit('2026-02-30', 'date'), '=', today),
      cmp(lit(5, 'date'), '=', today),
      cmp({ kind: 'event_date', event: 'nope' }, '=', today),
      cmp({ kind: 'days_since', event: 'nope' }, '=', lit(1, 'number')),
      cmp({ kind: 'count', event: 'nope' }, '=', lit(1, 'number')),
      cmp(fact('nope'), '=', lit(1, 'number')),
      cmp({ kind: 'attribute', event: 'visit', attribute: 'nope' }, '=', lit(1, 'number')),
      cmp({ kind: 'attribute', event: 'nope', attribute: 'place' }, '=', lit(1, 'number')),
      cmp({ kind: 'date_offset', direction: 'after', offset: { amount: 1, unit: 'days' }, base: lit(1, 'number') }, '=', today),
      cmp({ kind: 'date_offset', direction: 'before', offset: { amount: 1, unit: 'days' }, base: fact('status') }, '=', today),
      cmp({ kind: 'date_offset', direction: 'after', offset: { amount: -1, unit: 'days' }, base: today }, '=', today),
      cmp({ kind: 'date_offset', direction: 'after', offset: { amount: 1.5, unit: 'days' }, base: today }, '=', today),
      cmp(fact('score'), '=', today, 'score = today'),
      cmp(fact('status'), '<', lit('high', 'enum'), 'status < high'),
      cmp(fact('flagged'), '>=', lit(true, 'boolean'), 'flagged >= true'),
      cmp(fact('holder'), '=', lit('x', 'text'), 'holder = x'),
      { kind: 'in', negated: false, left: fact('score'), values: [lit(1, 'number'), lit('a', 'text')], text: 'score in (1, a)' } as IrCondition,
      { kind: 'in', negated: true, left: fact('note'), values: [lit(true, 'boolean')], text: 'note not in (true)' } as IrCondition,
    ].map((c) => malformed(c));
    expect(rows).toStrictEqual([
      ['malformed IR: the test: date literal "2026-02-30" is not a YYYY-MM-DD date', 'malformed IR: the test: date literal "2026-02-30" is not a YYYY-MM-DD date'],
      ['malformed IR: the test: date literal 5 is not a YYYY-MM-DD date', 'malformed IR: the test: date literal 5 is not a YYYY-MM-DD date'],
      ['malformed IR: the test: undeclared event `nope` in `nope.date`', 'malformed IR: the test: undeclared event `nope` in `nope.date`'],
      ['malformed IR: the test: undeclared event `nope` in `days since the last nope`', 'malformed IR: the test: undeclared event `nope` in `days since the last nope`'],
      ['malformed IR: the test: undeclared event `nope` in `count`', 'malformed IR: the test: undeclared event `nope` in `count`'],
      ['malformed IR: the test: undeclared fact `nope`', 'malformed IR: the test: undeclared fact `nope`'],
      ['malformed IR: the test: undeclared attribute `visit.nope`', 'malformed IR: the test: undeclared attribute `visit.nope`'],
      ['malformed IR: the test: undeclared attribute `nope.place`', 'malformed IR: the test: undeclared attribute `nope.place`'],
      ['malformed IR: the test: `1 day after` moves a number, not a date', 'malformed IR: the test: `1 day after` moves a number, not a date'],
      ['malformed IR: the test: `1 day before` moves an enum, not a date', 'malformed IR: the test: `1 day before` moves an enum, not a date'],
      ['malformed IR: the test: offset -1 is not a non-negative integer', 'malformed IR: the test: offset -1 is not a non-negative integer'],
      ['malformed IR: the test: offset 1.5 is not a non-negative integer', 'malformed IR: the test: offset 1.5 is not a non-negative integer'],
      ['malformed IR: the test: `score = today` compares a number with a date', 'malformed IR: the test: `score = today` compares a number with a date'],
      ['malformed IR: the test: `status < high` orders enum values; only numbers and dates can be ordered', 'malformed IR: the test: `status < high` orders enum values; only numbers and dates can be ordered'],
      ['malformed IR: the test: `flagged >= true` orders boolean values; only numbers and dates can be ordered', 'malformed IR: the test: `flagged >= true` orders boolean values; only numbers and dates can be ordered'],
      ['(compiled)', '(compiled)'],
      ['malformed IR: the test: `score in (1, a)` compares a number with a text', 'malformed IR: the test: `score in (1, a)` compares a number with a text'],
      ['malformed IR: the test: `note not in (true)` compares a text with a boolean', 'malformed IR: the test: `note not in (true)` compares a text with a boolean'],
    ]);
  });

  it('setters of a fact set by events', () => {
    const ir = prepare();
    const withSetBy = (setBy: unknown): PolicyIR => ({ ...ir, facts: ir.facts.map((f) => (f.name === 'flagged_on' ? ({ ...f, setBy } as typeof f) : f)) });
    const c = cmp(fact('flagged_on'), '<', { kind: 'today' });
    expect([
      malformed(c, withSetBy([{ kind: 'value', event: 'nope', value: '2020-01-01' }])),
      malformed(c, withSetBy([{ kind: 'attribute', event: 'visit', attribute: 'nope' }])),
      malformed(c, withSetBy([{ kind: 'value', event: 'flag_raised', value: '2020-13-01' }])),
      malformed(c, withSetBy([{ kind: 'value', event: 'flag_raised', value: 20200101 }])),
    ]).toStrictEqual([
      Array(2).fill('malformed IR: the test: a fact is set by undeclared event `nope`'),
      Array(2).fill('malformed IR: the test: a fact is set by undeclared attribute `visit.nope`'),
      Array(2).fill('malformed IR: the test: `flag_raised` sets a date fact to "2020-13-01", not a YYYY-MM-DD date'),
      Array(2).fill('malformed IR: the test: `flag_raised` sets a date fact to 20200101, not a YYYY-MM-DD date'),
    ]);
  });
});

describe('what is read, and what is not', () => {
  it('a missing left value stops the comparison before the right one is read (no notice from the right)', () => {
    const s = scopeOf();
    const rows = (['<', '<=', '>', '>=', '=', '!='] as const).map((op) => {
      const numbers = read(cmp({ kind: 'days_since', event: 'visit' }, op, fact('score'), 'days ? score'), s);
      const dates = read(cmp({ kind: 'event_date', event: 'visit' }, op, fact('opened'), 'visit.date ? opened'), s);
      return [op, numbers, dates];
    });
    expect(rows).toStrictEqual(
      (['<', '<=', '>', '>=', '=', '!='] as const).map((op) => [
        op,
        { value: false, explained: { value: false, reason: 'days since the last visit is not set' }, notices: [] },
        { value: false, explained: { value: false, reason: '`visit.date` is not set' }, notices: [] },
      ]),
    );
  });

  it('count(EVENT where C) counts only events of that type, even when C does not read the event', () => {
    const s = scopeOf({}, [
      { type: 'flag_raised', date: '2026-03-01' },
      { type: 'visit', date: '2026-03-02' },
      { type: 'flag_cleared', date: '2026-03-03' },
    ]);
    const always = cmp({ kind: 'today' }, '>=', { kind: 'child_dob' }, 'today >= child.dob');
    const never = cmp({ kind: 'today' }, '<', { kind: 'child_dob' }, 'today < child.dob');
    expect(read(cmp({ kind: 'count', event: 'visit', where: always }, '=', lit(1, 'number')), s).explained).toStrictEqual({ value: true, reason: 'count(visit where today >= child.dob) is 1' });
    expect(read(cmp({ kind: 'count', event: 'visit', where: never }, '=', lit(0, 'number')), s).explained).toStrictEqual({ value: true, reason: 'count(visit where today < child.dob) is 0' });
  });

  it('an offset of 0 is allowed and moves nothing', () => {
    const s = scopeOf();
    const c = cmp({ kind: 'date_offset', direction: 'after', offset: { amount: 0, unit: 'working_days' }, base: { kind: 'today' } }, '=', lit('2026-03-10', 'date'));
    expect(read(c, s)).toStrictEqual({ value: true, explained: { value: true, reason: '0 working days after today is 2026-03-10' }, notices: [] });
  });

  it('the origins of both sides are named, joined by "; "', () => {
    const s = scopeOf({}, [{ type: 'flag_raised', date: '2026-03-01' }]);
    const c = cmp(fact('flagged_on'), '=', fact('flagged_on'));
    expect(read(c, s).explained).toStrictEqual({
      value: true,
      reason: '`flagged_on` is 2020-01-01, the same as `flagged_on` (`flagged_on` set by flag_raised on 2026-03-01; `flagged_on` set by flag_raised on 2026-03-01)',
    });
  });
});

describe('the last real survivors of the second run', () => {
  it('an attribute with no focus event at all is missing, silently (as in criteria, which have none)', () => {
    const c = cmp({ kind: 'attribute', event: 'visit', attribute: 'place' }, '=', lit('home', 'enum'));
    expect(read(c, scopeOf(), undefined, undefined)).toStrictEqual({ value: false, explained: { value: false, reason: '`visit.place` is not set' }, notices: [] });
  });

  it('a fact set by one attribute of an event that has several', () => {
    const ir = prepare();
    const bySetter = { ...ir, facts: ir.facts.map((f) => (f.name === 'flagged_on' ? { ...f, setBy: [{ kind: 'attribute' as const, event: 'visit', attribute: 'on' }] } : f)) };
    const s = scopeOf({}, [{ type: 'visit', date: '2026-03-04', place: 'home', on: day('2026-03-03') }]);
    const plain = compileCondition(cmp(fact('flagged_on'), '=', lit('2026-03-03', 'date')), bySetter, 'the test', englandAndWalesCalendar());
    expect([plain(s, day('2026-03-03'), undefined), plain(s, day('2026-03-04'), undefined)]).toStrictEqual([false, true]);
  });
});
