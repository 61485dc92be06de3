/**
 * Tests written for the mutants of runtime/kinds/deadline.ts's preparation (docs/testing.md, "Mutation
 * testing"): hand-edited malformed IR for deadlines, which `preparePolicy` must refuse with the whole
 * message naming the rule and what is wrong (an undeclared anchor event, with or without an attribute;
 * an anchor a deadline cannot be measured from; several anchors without an event anchor; another due
 * date of `whichever` from an anchor it cannot use or an undeclared event; a matching window counted
 * from an undeclared event, or of an unknown kind; `up to` an undeclared limit or a limit that counts
 * another event), and the well-formed forms beside them accepted.
 *
 * The policy is compiled inside each test (a policy prepared at import would make the preparation's
 * mutants static, so Stryker would not run them against these tests).
 *
 * Input: a small policy compiled here, then edited into malformed IR. Output: assertions only.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { preparePolicy } from '../../runtime/index.ts';
import type { IrDeadline, IrDue, PolicyIR } from '../../runtime/index.ts';
import { refusal } from '../support/malformed-ir.ts';

const POLICY = `policy test.deadline_malformed
  title "Malformed deadlines"

role iro "Independent Reviewing Officer"

event became_looked_after
event review_booked { for: date }
event review_held
event review_adjourned

cycle review "Review"
  owner iro
  runs from became_looked_after
  first within 20 working days of became_looked_after
  met by review_held
  cite "reg 33"

deadline adjourned "An adjourned review is completed"
  owner iro
  due within 20 working days of review_adjourned
  up to the limit one_adjournment
  met by review_held
  cite "reg 36"

limit one_adjournment "One adjournment"
  at most 1 review_adjourned per review
  cite "reg 36"

limit one_booking "One booking"
  at most 1 review_booked per case
  cite "reg 36"
`;

/** The policy's IR, compiled afresh, and its one deadline. */
function compiled(): { ir: PolicyIR; deadline: IrDeadline } {
  const c = compile(POLICY, { uri: 'deadline-malformed.pdl' });
  if (c.ir === undefined) throw new Error(`the test policy does not compile: ${c.diagnostics.map((d) => d.message).join('; ')}`);
  const deadline = c.ir.rules.find((r): r is IrDeadline => r.kind === 'deadline');
  if (deadline === undefined) throw new Error('no deadline');
  return { ir: c.ir, deadline };
}

/** The policy with its deadline edited. */
function withDeadline(edit: (d: IrDeadline) => Partial<IrDeadline>): PolicyIR {
  const { ir, deadline } = compiled();
  return { ...ir, rules: ir.rules.map((r) => (r === deadline ? ({ ...deadline, ...edit(deadline) } as IrDeadline) : r)) };
}

const dueFrom = (due: IrDue, anchor: IrDue['anchor']): IrDue => ({ ...due, anchor });

describe('malformed IR of a deadline', () => {
  it('the unedited policy is accepted, and each well-formed anchor', () => {
    expect(() => preparePolicy(compiled().ir)).not.toThrow();
    expect(() => preparePolicy(withDeadline((d) => ({ due: dueFrom(d.due, { kind: 'event_attribute', event: 'review_booked', attribute: 'for' }), upToLimit: undefined })))).not.toThrow();
    expect(() => preparePolicy(withDeadline((d) => ({ due: dueFrom(d.due, { kind: 'child_dob' }), upToLimit: undefined })))).not.toThrow();
  });

  it('an anchor event that is not declared, with or without an attribute', () => {
    expect(refusal(withDeadline((d) => ({ due: dueFrom(d.due, { kind: 'event', event: 'nothing' }), upToLimit: undefined })))).toBe(
      'malformed IR: rule `adjourned`: undeclared anchor event `nothing`',
    );
    expect(refusal(withDeadline((d) => ({ due: dueFrom(d.due, { kind: 'event_attribute', event: 'nothing', attribute: 'for' }), upToLimit: undefined })))).toBe(
      'malformed IR: rule `adjourned`: undeclared anchor event `nothing`',
    );
  });

  it('an anchor a deadline cannot be measured from', () => {
    expect(refusal(withDeadline((d) => ({ due: dueFrom(d.due, { kind: 'previous' }) })))).toBe('malformed IR: rule `adjourned`: a deadline cannot be measured from `previous`');
    expect(refusal(withDeadline((d) => ({ due: dueFrom(d.due, { kind: 'run_start' }) })))).toBe('malformed IR: rule `adjourned`: a deadline cannot be measured from `run_start`');
  });

  it('several anchors need an event anchor', () => {
    expect(() => preparePolicy(withDeadline(() => ({ alsoFrom: ['review_held'] })))).not.toThrow();
    expect(() => preparePolicy(withDeadline(() => ({ alsoFrom: [] })))).not.toThrow();
    expect(refusal(withDeadline((d) => ({ due: dueFrom(d.due, { kind: 'child_dob' }), alsoFrom: ['review_held'], upToLimit: undefined })))).toBe(
      'malformed IR: rule `adjourned`: several anchors need an event anchor',
    );
    expect(refusal(withDeadline(() => ({ alsoFrom: ['nothing'] })))).toBe('malformed IR: rule `adjourned`: undeclared event `nothing`');
  });

  it('another due date of `whichever`: each anchor it can use, one it cannot, an undeclared event', () => {
    const other = (d: IrDeadline, anchor: IrDue['anchor']) => ({ whichever: { pick: 'sooner' as const, others: [dueFrom(d.due, { kind: 'event', event: 'review_held' }), dueFrom(d.due, anchor)] } });
    expect(() => preparePolicy(withDeadline((d) => other(d, { kind: 'child_dob' })))).not.toThrow();
    expect(() => preparePolicy(withDeadline((d) => other(d, { kind: 'event_attribute', event: 'review_booked', attribute: 'for' })))).not.toThrow();
    expect(refusal(withDeadline((d) => other(d, { kind: 'previous' })))).toBe('malformed IR: rule `adjourned`, due date 3: cannot be measured from `previous`');
    expect(refusal(withDeadline((d) => other(d, { kind: 'run_start' })))).toBe('malformed IR: rule `adjourned`, due date 3: cannot be measured from `run_start`');
    expect(refusal(withDeadline((d) => other(d, { kind: 'event', event: 'nothing' })))).toBe('malformed IR: rule `adjourned`, due date 3: undeclared anchor event');
    expect(refusal(withDeadline((d) => other(d, { kind: 'event_attribute', event: 'nothing', attribute: 'for' })))).toBe('malformed IR: rule `adjourned`, due date 3: undeclared anchor event');
  });

  it('a matching window counted from an undeclared event, or of an unknown kind', () => {
    expect(() => preparePolicy(withDeadline(() => ({ counting: { kind: 'previous', event: 'review_held' } })))).not.toThrow();
    expect(() => preparePolicy(withDeadline(() => ({ counting: { kind: 'anchor' } })))).not.toThrow();
    expect(refusal(withDeadline(() => ({ counting: { kind: 'previous', event: 'nothing' } })))).toBe('malformed IR: rule `adjourned`: counting from undeclared event `nothing`');
    expect(refusal(withDeadline(() => ({ counting: { kind: 'next' } as unknown as IrDeadline['counting'] })))).toBe('malformed IR: rule `adjourned`: unknown matching window');
  });

  it('up to a limit that is not declared, or that counts an event the deadline is not measured from', () => {
    expect(refusal(withDeadline(() => ({ upToLimit: 'nothing' })))).toBe('malformed IR: rule `adjourned`: up to the undeclared limit `nothing`');
    expect(refusal(withDeadline(() => ({ upToLimit: 'one_booking' })))).toBe('malformed IR: rule `adjourned`: the limit `one_booking` counts `review_booked`, not an anchor event');
    // Measured from the date attribute of the counted event, or with it among several anchors: accepted.
    expect(() => preparePolicy(withDeadline((d) => ({ due: dueFrom(d.due, { kind: 'event_attribute', event: 'review_booked', attribute: 'for' }), upToLimit: 'one_booking' })))).not.toThrow();
    expect(() => preparePolicy(withDeadline((d) => ({ due: dueFrom(d.due, { kind: 'event', event: 'review_held' }), alsoFrom: ['review_booked'], upToLimit: 'one_booking' })))).not.toThrow();
    // From the child's date of birth, no event is an anchor.
    expect(refusal(withDeadline((d) => ({ due: dueFrom(d.due, { kind: 'child_dob' }), upToLimit: 'one_booking' })))).toBe(
      'malformed IR: rule `adjourned`: the limit `one_booking` counts `review_booked`, not an anchor event',
    );
  });
});
