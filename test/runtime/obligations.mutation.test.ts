/**
 * Tests written for the mutants of runtime/kinds/obligations.ts (docs/testing.md, "Mutation testing"):
 * what the deadline and cycle kinds share. Malformed IR refused with the whole message (an offset that
 * is negative or not a whole number, in a deadline and in a cycle step; an undeclared `met by` event; a
 * `met by ... where` over an undeclared fact), an offset of 0 accepted; and, evaluated, the status of a
 * meeting event on the due date and the day after, of none on the due date and the day after, the
 * first declared event type meeting a rule, and the search for a satisfying event from the anchor date
 * (events before it passed over, one on it counted) in a long case.
 *
 * Every policy is compiled inside its test (a policy prepared at import would make the preparation's
 * mutants static, so Stryker would not run them against these tests).
 *
 * Input: one small policy written here. Output: assertions only.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { preparePolicy } from '../../runtime/index.ts';
import type { EvaluationResult, IrCycle, IrDeadline, PolicyIR } from '../../runtime/index.ts';
import { UNDECLARED_FACT, refusal } from '../support/malformed-ir.ts';

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

/** The policy's IR, compiled afresh. */
function irOf(): PolicyIR {
  const c = compile(POLICY, { uri: 'obligations-mutation.pdl' });
  if (c.ir === undefined) throw new Error(`the test policy does not compile: ${c.diagnostics.map((d) => d.message).join('; ')}`);
  return c.ir;
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
