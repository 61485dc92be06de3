/**
 * Tests written for the mutants of runtime/kinds/obligations.ts (docs/testing.md, "Mutation testing"):
 * what the deadline and cycle kinds share. Malformed IR refused with the whole message (an offset that
 * is negative or not a whole number, in a deadline and in a cycle step; an undeclared `met by` event; a
 * `met by ... where` over an undeclared fact), an offset of 0 accepted; and, evaluated, the status of a
 * meeting event on the due date and the day after, of none on the due date and the day after, the
 * first declared event type meeting a rule, and the search for a satisfying event from the anchor date
 * (events before it passed over, one on it counted) in a long case. Then the events a search passes
 * over: the anchor event itself (a deadline met by its own anchor's type), the event that opens a
 * `counting from the previous` window, an event of a type the policy does not declare (only
 * `evaluateNormalized` can be given one), each event meeting one occurrence of a cycle only, in a
 * case long enough (over 128 events) that the marks of used events must grow, and an attribute named
 * `undefined` on a deadline without `matched by` (no key compared).
 *
 * Every policy is compiled inside its test (a policy prepared at import would make the preparation's
 * mutants static, so Stryker would not run them against these tests).
 *
 * Input: one small policy written here. Output: assertions only.
 */
import { describe, expect, it } from 'vitest';
import { preparePolicy } from '../../runtime/index.ts';
import type { EvaluationResult, IrCycle, IrDeadline, NormalizedCase, NormalizedEvent, PlainDate, PolicyIR } from '../../runtime/index.ts';
import { UNDECLARED_FACT, refusal } from '../support/malformed-ir.ts';
import { compiledIr } from '../support/compiled.ts';

const POLICY = `policy test.obligations_mutation
  title "Obligations"

role iro "Independent Reviewing Officer"

event review_held
event became_looked_after
event plan_agreed

deadline plan "The plan agreed"
  owner iro
  due within 10 days of became_looked_after
  met by plan_agreed
  cite "1"

cycle reviews "Reviews"
  owner iro
  runs from became_looked_after
  first within 20 days of became_looked_after
  then within 30 days of the previous review_held
  met by review_held
  cite "2"
`;

/** The IR of `text` (POLICY unless named), compiled afresh. */
function irOf(text: string = POLICY, uri = 'obligations-mutation.pdl'): PolicyIR {
  return compiledIr(text, { uri });
}

/** The IR with its deadline and cycle edited. */
function edited(deadline: (d: IrDeadline) => IrDeadline, cycle: (c: IrCycle) => IrCycle = (c) => c): PolicyIR {
  const ir = irOf();
  return { ...ir, rules: ir.rules.map((r) => (r.kind === 'deadline' ? deadline(r) : r.kind === 'cycle' ? cycle(r) : r)) };
}

const offset = (d: IrDeadline, amount: number): IrDeadline => ({ ...d, due: { ...d.due, offset: { ...d.due.offset, amount } } });

function evaluated(ir: PolicyIR, events: readonly Record<string, unknown>[], asOf: string): EvaluationResult {
  const e = preparePolicy(ir).evaluate({ id: 'case-1', child: { dob: '2012-03-04' }, events }, asOf);
  if (!e.ok) throw new Error(`invalid: ${e.errors.map((x) => x.message).join('; ')}`);
  return e.result;
}

describe('malformed IR of an obligation rule', () => {
  it('an offset that is negative or not a whole number, in a deadline or a cycle step; 0 is accepted', () => {
    expect(() => preparePolicy(edited((d) => offset(d, 0)))).not.toThrow();
    expect(refusal(edited((d) => offset(d, -1)))).toBe('malformed IR: rule `plan`: offset -1 is not a non-negative integer');
    expect(refusal(edited((d) => offset(d, 1.5)))).toBe('malformed IR: rule `plan`: offset 1.5 is not a non-negative integer');
    const step = (c: IrCycle, amount: number): IrCycle => ({ ...c, steps: c.steps.map((s, k) => (k === 1 ? { ...s, due: { ...s.due, offset: { ...s.due.offset, amount } } } : s)) });
    expect(refusal(edited((d) => d, (c) => step(c, Number.MAX_SAFE_INTEGER + 1)))).toBe('malformed IR: step repeat of rule `reviews`: offset 9007199254740992 is not a non-negative integer');
  });

  it('a `met by` event that is not declared, or a `where` over an undeclared fact', () => {
    expect(refusal(edited((d) => ({ ...d, metBy: { events: ['plan_agreed', 'nothing'] } })))).toBe('malformed IR: rule `plan`: undeclared event `nothing`');
    expect(refusal(edited((d) => ({ ...d, metBy: { events: ['plan_agreed'], where: UNDECLARED_FACT } })))).toBe('malformed IR: the `met by` of rule `plan`: undeclared fact `nope`');
    expect(refusal(edited((d) => d, (c) => ({ ...c, metBy: { events: ['review_held'], where: UNDECLARED_FACT } })))).toBe('malformed IR: the `met by` of rule `reviews`: undeclared fact `nope`');
  });
});

describe('status and the satisfying event', () => {
  const plan = (events: readonly Record<string, unknown>[], asOf: string): string[] =>
    evaluated(irOf(), [{ type: 'became_looked_after', date: '2025-01-01' }, ...events], asOf).obligations.filter((o) => o.rule === 'plan').map((o) => `${o.due} ${o.status} ${o.satisfiedOn ?? '-'}`);

  it('met on the due date, met late the day after; open on the due date, overdue the day after', () => {
    expect(plan([{ type: 'plan_agreed', date: '2025-01-11' }], '2025-02-01')).toEqual(['2025-01-11 met 2025-01-11']);
    expect(plan([{ type: 'plan_agreed', date: '2025-01-12' }], '2025-02-01')).toEqual(['2025-01-11 met_late 2025-01-12']);
    expect(plan([], '2025-01-11')).toEqual(['2025-01-11 open -']);
    expect(plan([], '2025-01-12')).toEqual(['2025-01-11 overdue -']);
  });

  it('the first event type the policy declares meets a rule; an event before the anchor date does not', () => {
    const r = evaluated(irOf(), [
      { type: 'review_held', date: '2024-12-20' },
      { type: 'became_looked_after', date: '2025-01-01' },
      { type: 'review_held', date: '2025-01-01' },
    ], '2025-01-15');
    expect(r.obligations.filter((o) => o.rule === 'reviews').map((o) => `${o.occurrence} ${o.due} ${o.status} ${o.satisfiedOn ?? '-'}`)).toEqual(['1 2025-01-21 met 2025-01-01', '2 2025-01-31 open -']);
  });

  it('in a long case, the satisfying event is found from the anchor date on, by date', () => {
    // 150 reviews a day apart from 1 January 2025, then the anchor and the plan: the search starts past them.
    const reviews = Array.from({ length: 150 }, (_, k) => ({ type: 'review_held', date: new Date(Date.UTC(2025, 0, 1 + k)).toISOString().slice(0, 10) }));
    const r = evaluated(irOf(), [...reviews, { type: 'became_looked_after', date: '2025-05-20' }, { type: 'plan_agreed', date: '2025-05-19' }, { type: 'plan_agreed', date: '2025-05-25' }], '2025-06-30');
    expect(r.obligations.filter((o) => o.rule === 'plan').map((o) => `${o.due} ${o.status} ${o.satisfiedOn ?? '-'}`)).toEqual(['2025-05-30 met 2025-05-25']);
    // The cycle's first review is the first on or after 20 May (the reviews run to 30 May).
    expect(r.obligations.filter((o) => o.rule === 'reviews').map((o) => `${o.occurrence} ${o.satisfiedOn ?? '-'}`)[0]).toBe('1 2025-05-20');
  });
});

/** A second policy: rules met by their own anchor's type, or by an event that opens a matching window. */
const SKIPS = `policy test.obligations_skips
  title "Obligations: the events a search passes over"

role iro "Independent Reviewing Officer"

event became_looked_after
event review_held { chair: text }
event review_adjourned
event visit { undefined: text }
event visit_noted { undefined: text }

deadline next_review "The next review"
  owner iro
  due within 30 days of review_held
  met by review_held
  cite "1"

deadline reconvened "The adjourned review reconvened"
  owner iro
  due within 20 days of review_adjourned
  counting from the previous review_held
  met by review_held
  cite "2"

deadline noted "The visit noted"
  owner iro
  due within 5 days of visit
  met by visit_noted
  cite "3"

cycle reviews "Reviews"
  owner iro
  runs from became_looked_after
  first within 20 days of became_looked_after
  then within 30 days of the previous review_held
  met by review_held
  cite "4"
`;

const skipsIr = (): PolicyIR => irOf(SKIPS, 'obligations-skips.pdl');

const rows = (r: EvaluationResult, rule: string): string[] => r.obligations.filter((o) => o.rule === rule).map((o) => `${o.occurrence} ${o.due} ${o.status} ${o.satisfiedOn ?? '-'}`);

/** ISO date `k` days after 1 January 2024. */
const dayOf2024 = (k: number): string => new Date(Date.UTC(2024, 0, 1 + k)).toISOString().slice(0, 10);

describe('the events a search passes over', () => {
  it('a deadline met by its own anchor type is not met by the anchor event itself', () => {
    const r = evaluated(skipsIr(), [{ type: 'review_held', date: '2025-05-01', chair: 'a' }], '2025-07-01');
    expect(rows(r, 'next_review')).toEqual(['1 2025-05-31 overdue -']);
  });

  it('`counting from the previous review_held`: that review does not meet the reconvening', () => {
    const r = evaluated(skipsIr(), [
      { type: 'review_held', date: '2025-05-01', chair: 'a' },
      { type: 'review_adjourned', date: '2025-05-14' },
    ], '2025-07-01');
    expect(rows(r, 'reconvened')).toEqual(['1 2025-06-03 overdue -']);
  });

  it('an event of a type the policy does not declare meets no rule (a normalised case is not validated)', () => {
    const policy = preparePolicy(skipsIr());
    const v = policy.validate({ id: 'case-1', child: { dob: '2012-03-04' }, events: [{ type: 'review_held', date: '2025-05-01', chair: 'a' }] });
    if (!v.ok) throw new Error('invalid case');
    const stranger: NormalizedEvent = { type: 'home_visit', date: (v.case.events[0] as NormalizedEvent).date + 3, index: 1, attributes: {} };
    const c: NormalizedCase = { ...v.case, events: [...v.case.events, stranger] };
    const r = policy.evaluateNormalized(c, ((v.case.events[0] as NormalizedEvent).date + 60) as PlainDate);
    expect(rows(r, 'next_review')).toEqual(['1 2025-05-31 overdue -']);
  });

  it('in a case of over 128 events, each review meets one occurrence of a cycle only', () => {
    // 140 visits, then two reviews held on one day (two chairs): they meet the first two occurrences,
    // and the third is open (a review meeting two occurrences would repeat without end).
    const visits = Array.from({ length: 140 }, (_, k) => ({ type: 'visit', date: dayOf2024(k), undefined: 'v' }));
    const r = evaluated(skipsIr(), [
      ...visits,
      { type: 'became_looked_after', date: '2025-01-01' },
      { type: 'review_held', date: '2025-01-10', chair: 'a' },
      { type: 'review_held', date: '2025-01-10', chair: 'b' },
    ], '2025-01-20');
    expect(rows(r, 'reviews')).toEqual(['1 2025-01-21 met 2025-01-10', '2 2025-02-09 met 2025-01-10', '3 2025-02-09 open -']);
  });

  it('without `matched by`, no attribute is compared, not even one named `undefined`', () => {
    const r = evaluated(skipsIr(), [
      { type: 'visit', date: '2025-05-01', undefined: 'a' },
      { type: 'visit_noted', date: '2025-05-03', undefined: 'b' },
    ], '2025-07-01');
    expect(rows(r, 'noted')).toEqual(['1 2025-05-06 met 2025-05-03']);
  });
});
