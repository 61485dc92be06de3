/**
 * Tests written to kill the surviving mutants of runtime/approvals.ts (docs/testing.md, "Mutation
 * testing"): the whole message of a notice given too late for each way of telling the gap (calendar
 * days before a date attribute whose name has an underscore, a request on that date itself, a
 * singular unit, a notice after the date, a notice measured from the request's own date), notices
 * checked only on the request events their `where` accepts, a decision that does not say who made
 * it, required events before the request or failing their `where`, and hand-written malformed IR
 * (undeclared events, a notice measured from anything but the request event, conditions naming the
 * part of the approval they are in), whole messages compared.
 *
 * Every policy is prepared inside its test: Stryker's coverage per test credits a test only with the
 * code it runs itself. Dates are worked by hand (weekday names checked against a calendar).
 *
 * Input: a hand-built IR (no compiler involved) and cases as plain JSON. Output: assertions only.
 */
import { describe, expect, it } from 'vitest';
import { preparePolicy } from '../../runtime/index.ts';
import type { EvaluationResult, IrApproval, IrCondition, IrDue, PolicyIR } from '../../runtime/index.ts';
import { refusal } from '../support/malformed-ir.ts';
import { policyIr } from '../support/policy-ir.ts';

const src = { file: 'approvals.pdl', line: 1, column: 1 };
const byIs = (event: string, role: string): IrCondition => ({
  kind: 'compare', op: '=', left: { kind: 'attribute', event, attribute: 'by' }, right: { kind: 'literal', value: role, type: 'role' }, text: `${event}.by is ${role}`,
});
const dueOf = (direction: IrDue['direction'], amount: number, unit: IrDue['offset']['unit'], anchor: IrDue['anchor']): IrDue => ({ direction, offset: { amount, unit }, anchor });
const MEETING: IrDue['anchor'] = { kind: 'event_attribute', event: 'asked', attribute: 'meeting_date' };

/** Asked by anyone; decided by the service manager; a talk with the IRO between; 3 days' notice before the meeting. */
const APPROVAL: IrApproval = {
  kind: 'approval',
  id: 'postpone',
  title: 'Postponing a review',
  citation: 'para 6',
  source: src,
  policy: 'test.approvals',
  request: { event: 'asked' },
  decision: { event: 'decided', byAttribute: 'by' },
  approvers: ['service_manager'],
  approversText: 'service_manager',
  requires: [{ event: 'talk', where: byIs('talk', 'iro'), text: 'talk where talk.by is iro' }],
  notice: dueOf('before', 3, 'days', MEETING),
};

function policy(approvals: readonly IrApproval[]): PolicyIR {
  return policyIr({
    id: 'test.approvals',
    title: 'Approvals',
    roles: [
      { name: 'iro', title: 'IRO' },
      { name: 'social_worker', title: 'Social worker' },
      { name: 'service_manager', title: 'Service manager' },
    ],
    events: [
      { name: 'asked', attributes: [{ name: 'by', type: { kind: 'role' }, optional: false }, { name: 'meeting_date', type: { kind: 'date' }, optional: true }] },
      { name: 'decided', attributes: [{ name: 'by', type: { kind: 'role' }, optional: true }] },
      { name: 'talk', attributes: [{ name: 'by', type: { kind: 'role' }, optional: false }] },
      { name: 'other', attributes: [] },
    ],
    approvals,
  });
}

type Ev = { type: string; date: string; [k: string]: unknown };
const ev = (type: string, date: string, attrs: Record<string, unknown> = {}): Ev => ({ type, date, ...attrs });

function run(approval: IrApproval, events: Ev[]): EvaluationResult {
  const r = preparePolicy(policy([approval])).evaluate({ id: 'case-a', child: { dob: '2014-02-01' }, events }, '2025-06-30');
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.result;
}
const messages = (approval: IrApproval, events: Ev[]): string[] => run(approval, events).violations.map((v) => v.message);

// The meeting is on Mon 9 Jun 2025; 3 days before it is Fri 6 Jun 2025.
const asked = (date: string, by = 'social_worker') => ev('asked', date, { by, meeting_date: '2025-06-09' });
const talk = (date: string, by = 'iro') => ev('talk', date, { by });
const decided = (date: string, by = 'service_manager') => ev('decided', date, { by });

describe('the message of a notice given too late', () => {
  it('in calendar days before a date attribute: the gap in calendar days, across a weekend; in time on the latest day', () => {
    expect(messages(APPROVAL, [asked('2025-06-06'), talk('2025-06-06'), decided('2025-06-06')])).toEqual([]);
    expect(messages(APPROVAL, [asked('2025-06-07'), talk('2025-06-07'), decided('2025-06-07')])).toEqual([
      "Postponing a review: requested on Sat 7 Jun 2025, 2 days before the meeting date on Mon 9 Jun 2025; at least 3 days' notice is required, so the request had to be made by Fri 6 Jun 2025",
    ]);
  });

  it('a request on the date itself, and one after it', () => {
    expect(messages(APPROVAL, [asked('2025-06-09')])).toEqual([
      "Postponing a review: requested on Mon 9 Jun 2025, 0 days before the meeting date on Mon 9 Jun 2025; at least 3 days' notice is required, so the request had to be made by Fri 6 Jun 2025",
    ]);
    expect(messages(APPROVAL, [asked('2025-06-10')])).toEqual([
      "Postponing a review: requested on Tue 10 Jun 2025, 1 day after the meeting date on Mon 9 Jun 2025; at least 3 days' notice is required, so the request had to be made by Fri 6 Jun 2025",
    ]);
  });

  it("a singular unit: 1 week's notice (Mon 2 Jun 2025 the latest)", () => {
    expect(messages({ ...APPROVAL, notice: dueOf('before', 1, 'weeks', MEETING) }, [asked('2025-06-03')])).toEqual([
      "Postponing a review: requested on Tue 3 Jun 2025, 6 days before the meeting date on Mon 9 Jun 2025; at least 1 week's notice is required, so the request had to be made by Mon 2 Jun 2025",
    ]);
  });

  it('after the date attribute: the latest date allowed, 2 days after the meeting (Wed 11 Jun 2025)', () => {
    const after = { ...APPROVAL, notice: dueOf('after', 2, 'days', MEETING) };
    expect(messages(after, [asked('2025-06-11')])).toEqual([]);
    expect(messages(after, [asked('2025-06-12')])).toEqual([
      'Postponing a review: requested on Thu 12 Jun 2025, after Wed 11 Jun 2025, the latest date allowed (2 days after the meeting date on Mon 9 Jun 2025)',
    ]);
  });

  it("measured from the request's own date", () => {
    const own = { ...APPROVAL, notice: dueOf('before', 1, 'days', { kind: 'event', event: 'asked' }) };
    expect(messages(own, [asked('2025-06-02')])).toEqual([
      "Postponing a review: requested on Mon 2 Jun 2025, after Sun 1 Jun 2025, the latest date allowed (1 day before the request's own date)",
    ]);
  });
});

describe('which requests have their notice checked', () => {
  it('only events of the request type: others lacking the attribute raise no notice', () => {
    const r = run(APPROVAL, [ev('other', '2025-06-01'), talk('2025-06-01'), asked('2025-06-02'), talk('2025-06-02'), decided('2025-06-03')]);
    expect(r.violations).toEqual([]);
    expect(r.notices).toEqual([]);
  });

  it('only requests its `where` accepts: a late request by the IRO is not this approval\'s', () => {
    const bySocialWorker = { ...APPROVAL, request: { event: 'asked', where: byIs('asked', 'social_worker') } };
    expect(messages(bySocialWorker, [asked('2025-06-08', 'iro')])).toEqual([]);
    expect(messages(bySocialWorker, [asked('2025-06-08')])).toEqual([
      "Postponing a review: requested on Sun 8 Jun 2025, 1 day before the meeting date on Mon 9 Jun 2025; at least 3 days' notice is required, so the request had to be made by Fri 6 Jun 2025",
    ]);
  });
});

describe('decisions', () => {
  it('a decision that does not say who made it', () => {
    expect(messages(APPROVAL, [asked('2025-06-02'), talk('2025-06-02'), ev('decided', '2025-06-03')])).toEqual([
      'Postponing a review: decided on Tue 3 Jun 2025 does not say who approved it; only service_manager may approve',
    ]);
  });

  it('a required talk before the request, or with someone else, does not count; one on the request day does', () => {
    const missing = 'Postponing a review: no talk where talk.by is iro between the request on Mon 2 Jun 2025 and the decision on Wed 4 Jun 2025';
    expect(messages(APPROVAL, [talk('2025-06-01'), asked('2025-06-02'), decided('2025-06-04')])).toEqual([missing]);
    expect(messages(APPROVAL, [asked('2025-06-02'), talk('2025-06-03', 'social_worker'), ev('other', '2025-06-03'), decided('2025-06-04')])).toEqual([missing]);
    expect(messages(APPROVAL, [asked('2025-06-02'), talk('2025-06-02'), decided('2025-06-04')])).toEqual([]);
  });
});

describe('required events', () => {
  it('only events of the required type count, even when another type carries a matching attribute', () => {
    // The request itself is by the IRO: `talk.by is iro` would hold for it, but it is not a talk.
    expect(messages(APPROVAL, [asked('2025-06-02', 'iro'), decided('2025-06-04')])).toEqual([
      'Postponing a review: no talk where talk.by is iro between the request on Mon 2 Jun 2025 and the decision on Wed 4 Jun 2025',
    ]);
  });

  it('a required event with no `where`: any event of its type counts', () => {
    const anyOther = { ...APPROVAL, requires: [{ event: 'other', text: 'other' }] };
    expect(messages(anyOther, [asked('2025-06-02'), ev('other', '2025-06-03'), decided('2025-06-04')])).toEqual([]);
    expect(messages(anyOther, [asked('2025-06-02'), talk('2025-06-03'), decided('2025-06-04')])).toEqual([
      'Postponing a review: no other between the request on Mon 2 Jun 2025 and the decision on Wed 4 Jun 2025',
    ]);
  });
});

/** The message `preparePolicy` throws for a policy of the one approval, which must be a `MalformedIrError`. */
const refusalOf = (approval: IrApproval): string => refusal(policy([approval]));

describe('malformed IR of an approval', () => {
  it('a request, decision or required event that is not declared', () => {
    const undeclared = 'malformed IR: approval `postpone`: undeclared event `nothing`';
    expect(refusalOf({ ...APPROVAL, request: { event: 'nothing' } })).toBe(undeclared);
    expect(refusalOf({ ...APPROVAL, decision: { event: 'nothing', byAttribute: 'by' } })).toBe(undeclared);
    expect(refusalOf({ ...APPROVAL, requires: [{ event: 'nothing', text: 'nothing' }] })).toBe(undeclared);
  });

  it('a notice measured from anything but the request event or its date attribute', () => {
    const message = 'malformed IR: approval `postpone`: the notice must be measured from the request event `asked`';
    for (const anchor of [{ kind: 'child_dob' }, { kind: 'run_start' }, { kind: 'previous' }, { kind: 'event', event: 'talk' }, { kind: 'event_attribute', event: 'talk', attribute: 'by' }] as const) {
      expect(refusalOf({ ...APPROVAL, notice: dueOf('before', 1, 'days', anchor) })).toBe(message);
    }
    for (const anchor of [{ kind: 'event', event: 'asked' }, MEETING] as const) {
      expect(() => preparePolicy(policy([{ ...APPROVAL, notice: dueOf('before', 1, 'days', anchor) }]))).not.toThrow();
    }
  });

  it('a condition over an undeclared fact names the part of the approval it is in', () => {
    const nope: IrCondition = { kind: 'compare', op: '=', left: { kind: 'fact', fact: 'nope' }, right: { kind: 'literal', value: true, type: 'boolean' }, text: 'nope is true' };
    expect(refusalOf({ ...APPROVAL, request: { event: 'asked', where: nope } })).toBe('malformed IR: the `request` of approval `postpone`: undeclared fact `nope`');
    expect(refusalOf({ ...APPROVAL, requires: [{ event: 'talk', where: nope, text: 'talk' }] })).toBe('malformed IR: a `requires` of approval `postpone`: undeclared fact `nope`');
  });
});
