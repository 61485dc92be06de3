/**
 * Hand-written malformed IR for the `duty`, `order` and `cycle` kinds (runtime/kinds/duty.ts, order.ts,
 * cycle.ts), and a deadline's `matched by` with no anchor event (runtime/kinds/deadline.ts): IR
 * the compiler never emits, which `preparePolicy` must refuse with a `MalformedIrError` naming the
 * rule and what is wrong. The whole message is compared, so that the rule's name, the part of the
 * rule (the trigger, `when`, `met by`, `step`, `after`) and the reason all stay in it. Other kinds'
 * malformed IR is tested beside their suites (evaluate, approvals, limits, notify, order,
 * duration-limit).
 *
 * Input: two small policies compiled here, then edited into malformed IR. Output: assertions only.
 */
import { describe, expect, it } from 'vitest';
import { preparePolicy } from '../../runtime/index.ts';
import type { IrCycle, IrDeadline, IrDuty, IrOrder, PolicyIR } from '../../runtime/index.ts';
import { refusal, UNDECLARED_FACT as UNDECLARED } from '../support/malformed-ir.ts';
import { compiledIr } from '../support/compiled.ts';

const POLICY = `policy test.malformed
  title "Malformed IR"

role social_worker "Social worker"

fact disabled: boolean

event became_looked_after
event review_scheduled { for: date }
event child_prepared
event review_held
event asked
event discussion

cycle looked_after_review "Review"
  owner social_worker
  runs from became_looked_after
  first within 20 working days of became_looked_after
  met by review_held
  cite "reg 33"

deadline plan "Plan"
  owner social_worker
  due 10 days after became_looked_after
  met by review_held
  cite "reg 4"

duty prepare_child "The child is prepared"
  owner social_worker
  after review_scheduled
  before review_scheduled.for
  met by child_prepared
  cite "bullet 2"

order discuss_first "Discuss first"
  step asked
  after discussion
  within 3 days
  cite "bullet 5"
`;

const IR: PolicyIR = compiledIr(POLICY, { uri: 'malformed.pdl' });
const DUTY = IR.duties?.[0] as IrDuty;
const ORDER = IR.orders[0] as IrOrder;

const withDuty = (d: Partial<IrDuty>): PolicyIR => ({ ...IR, duties: [{ ...DUTY, ...d }] });
const withOrder = (o: Partial<IrOrder>): PolicyIR => ({ ...IR, orders: [{ ...ORDER, ...o }] });

describe('malformed IR of a duty', () => {
  it('the unedited policy is accepted', () => {
    expect(() => preparePolicy(IR)).not.toThrow();
  });

  it('a trigger, `met by` or next event that is not declared', () => {
    expect(refusal(withDuty({ trigger: { kind: 'event', event: 'nothing' } }))).toBe('malformed IR: duty `prepare_child`: undeclared event `nothing`');
    expect(refusal(withDuty({ metBy: { events: ['child_prepared', 'nothing'] } }))).toBe('malformed IR: duty `prepare_child`: undeclared event `nothing`');
    expect(refusal(withDuty({ bound: { kind: 'next_event', event: 'nothing' } }))).toBe('malformed IR: duty `prepare_child`: undeclared event `nothing`');
  });

  it('a cycle trigger naming no cycle, a deadline, or nothing', () => {
    expect(refusal(withDuty({ trigger: { kind: 'cycle', cycle: 'plan' }, bound: undefined }))).toBe('malformed IR: duty `prepare_child`: `plan` is not a cycle of the policy');
    expect(refusal(withDuty({ trigger: { kind: 'cycle', cycle: 'nothing' }, bound: undefined }))).toBe('malformed IR: duty `prepare_child`: `nothing` is not a cycle of the policy');
    expect(() => preparePolicy(withDuty({ trigger: { kind: 'cycle', cycle: 'looked_after_review' }, bound: undefined }))).not.toThrow();
  });

  it("a bound reading another event's attribute, or read by a duty per cycle occurrence", () => {
    const other = { kind: 'date' as const, due: { direction: 'after' as const, offset: { amount: 0, unit: 'days' as const }, anchor: { kind: 'event_attribute' as const, event: 'asked', attribute: 'for' } } };
    expect(refusal(withDuty({ bound: other }))).toBe("malformed IR: duty `prepare_child`: a bound may read only the trigger event's attributes");
    expect(refusal(withDuty({ trigger: { kind: 'cycle', cycle: 'looked_after_review' } }))).toBe("malformed IR: duty `prepare_child`: a bound may read only the trigger event's attributes");
  });

  it('a bound measured from an event, the run start or the previous occurrence', () => {
    for (const anchor of [{ kind: 'event', event: 'review_scheduled' }, { kind: 'run_start' }, { kind: 'previous' }] as const) {
      const bound = { kind: 'date' as const, due: { direction: 'after' as const, offset: { amount: 1, unit: 'days' as const }, anchor } };
      expect(refusal(withDuty({ bound }))).toBe(`malformed IR: duty \`prepare_child\`: a bound cannot be measured from \`${anchor.kind}\``);
    }
  });

  it('a bound with a negative offset', () => {
    const bound = { kind: 'date' as const, due: { direction: 'after' as const, offset: { amount: -1, unit: 'days' as const }, anchor: { kind: 'child_dob' as const } } };
    expect(refusal(withDuty({ bound }))).toBe('malformed IR: duty `prepare_child`: offset -1 is not a non-negative integer');
  });

  it('a condition over an undeclared fact names the part of the duty it is in', () => {
    expect(refusal(withDuty({ trigger: { kind: 'event', event: 'review_scheduled', where: UNDECLARED } }))).toBe('malformed IR: the trigger of duty `prepare_child`: undeclared fact `nope`');
    expect(refusal(withDuty({ when: UNDECLARED }))).toBe('malformed IR: the `when` of duty `prepare_child`: undeclared fact `nope`');
    expect(refusal(withDuty({ metBy: { events: ['child_prepared'], where: UNDECLARED } }))).toBe('malformed IR: the `met by` of duty `prepare_child`: undeclared fact `nope`');
  });
});

describe('malformed IR of an order', () => {
  it('a step or earlier event that is not declared', () => {
    expect(refusal(withOrder({ step: { event: 'nothing', text: 'nothing' } }))).toBe('malformed IR: order `discuss_first`: undeclared event `nothing`');
    expect(refusal(withOrder({ after: { event: 'nothing', text: 'nothing' } }))).toBe('malformed IR: order `discuss_first`: undeclared event `nothing`');
  });

  it('a window that is not a whole number of at least 1 (1 itself is one)', () => {
    for (const amount of [0, -1, 1.5, Number.NaN]) {
      expect(refusal(withOrder({ within: { amount, unit: 'days' } }))).toBe(`malformed IR: order \`discuss_first\`: the window \`within\` must be a whole number of at least 1, not ${amount}`);
    }
    expect(() => preparePolicy(withOrder({ within: { amount: 1, unit: 'days' } }))).not.toThrow();
    expect(() => preparePolicy(withOrder({ within: undefined }))).not.toThrow();
  });

  it('a condition over an undeclared fact names the part of the order it is in', () => {
    expect(refusal(withOrder({ step: { event: 'asked', text: 'asked', where: UNDECLARED } }))).toBe('malformed IR: the `step` of order `discuss_first`: undeclared fact `nope`');
    expect(refusal(withOrder({ after: { event: 'discussion', text: 'discussion', where: UNDECLARED } }))).toBe('malformed IR: the `after` of order `discuss_first`: undeclared fact `nope`');
    expect(refusal(withOrder({ when: UNDECLARED }))).toBe('malformed IR: the `when` of order `discuss_first`: undeclared fact `nope`');
  });
});

describe('malformed IR of a cycle', () => {
  const CYCLE = IR.rules.find((r) => r.kind === 'cycle') as IrCycle;
  const FIRST = CYCLE.steps[0]!;
  const withCycle = (c: Partial<IrCycle>): PolicyIR => ({ ...IR, rules: IR.rules.map((r) => (r === CYCLE ? { ...CYCLE, ...c } : r)) });

  it('a step measured from an event or the date of birth', () => {
    for (const anchor of [{ kind: 'event', event: 'review_held' }, { kind: 'child_dob' }] as const) {
      expect(refusal(withCycle({ steps: [{ ...FIRST, due: { ...FIRST.due, anchor } }] }))).toBe(`malformed IR: rule \`looked_after_review\`: a cycle step cannot be measured from \`${anchor.kind}\``);
    }
  });

  it('a step ordinal that is not 1, 2, 3...', () => {
    for (const ordinal of [0, 1.5]) {
      expect(refusal(withCycle({ steps: [{ ...FIRST, ordinal }] }))).toBe(`malformed IR: rule \`looked_after_review\`: step ordinal ${ordinal} is not 1, 2, 3...`);
    }
  });

  it('a condition over an undeclared fact, or an undeclared event, names the part of the cycle it is in', () => {
    expect(refusal(withCycle({ steps: [{ ...FIRST, when: UNDECLARED }] }))).toBe('malformed IR: the `when` of step 1 of rule `looked_after_review`: undeclared fact `nope`');
    expect(refusal(withCycle({ endsWhere: [{ event: 'nothing', where: UNDECLARED }] }))).toBe('malformed IR: the `until ... where` of rule `looked_after_review`: undeclared event `nothing`');
    expect(refusal(withCycle({ restartsWhere: [{ event: 'review_held', where: UNDECLARED }] }))).toBe('malformed IR: the `restarts on ... where` of rule `looked_after_review`: undeclared fact `nope`');
  });
});

describe('malformed IR of a deadline', () => {
  it('`matched by` on a deadline measured from the date of birth (no anchor event to match) is refused, not ignored', () => {
    const plan = IR.rules.find((r) => r.kind === 'deadline' && r.id === 'plan') as IrDeadline;
    const dob = { ...plan.due, anchor: { kind: 'child_dob' as const } };
    const withPlan = (d: Partial<IrDeadline>): PolicyIR => ({ ...IR, rules: IR.rules.map((r) => (r === plan ? { ...plan, ...d } : r)) });
    expect(() => preparePolicy(withPlan({ due: dob }))).not.toThrow();
    expect(refusal(withPlan({ due: dob, key: 'for' }))).toBe('malformed IR: rule `plan`: `matched by for` needs an anchor event, and the date of birth is none');
  });
});
