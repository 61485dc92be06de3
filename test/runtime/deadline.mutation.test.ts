/**
 * Tests written for the mutants of runtime/kinds/deadline.ts's preparation (docs/testing.md, "Mutation
 * testing"): hand-edited malformed IR for deadlines, which `preparePolicy` must refuse with the whole
 * message naming the rule and what is wrong (an undeclared anchor event, with or without an attribute;
 * an anchor a deadline cannot be measured from; several anchors without an event anchor; another due
 * date of `whichever` from an anchor it cannot use or an undeclared event; a matching window counted
 * from an undeclared event, or of an unknown kind; `up to` an undeclared limit or a limit that counts
 * another event), and the well-formed forms beside them accepted; and, with a second policy, the
 * matching window's text and the supersession it reads (a booking of a type declared `supersedes
 * earlier`, rearranged, is passed over; a plan of a type that is not, is not), and a key in the text.
 * With a third policy, evaluation: `up to the limit` of a limit per case and of a limit per cycle
 * occurrence (a superseded occurrence's window counted, another cycle's windows not, a deadline from
 * the same event that is not capped left alone, the whole text of the superseded obligation; another
 * cycle restarted, whose superseded window is not the limit's), a
 * limit with a `where` still checked when the deadline it caps finds nothing beyond it (its notice),
 * a rearranged booking's due date with `whichever` and with a window, and a deadline from the date
 * of birth whose `when` is false. With a fourth, whole explanations: `whichever` reading an event on
 * the anchor's own day, ties (the first written wins, sooner or later), the own due date sooner than
 * another, from the date of birth (also as the other due date: its label) and from a date attribute;
 * `counting from the previous` date attribute: the latest value before the anchor date (not the
 * anchor's own, not one on the anchor date, not reset by an event without the attribute), and a
 * booking that is the last event. With a fifth, the matching window without `counting from`: the
 * previous date only before a date attribute (not before a plain event, not after a date attribute),
 * and IR with `alsoFrom: []` evaluated alike.
 *
 * The policy is compiled inside each test (a policy prepared at import would make the preparation's
 * mutants static, so Stryker would not run them against these tests).
 *
 * Input: two small policies compiled here, the first edited into malformed IR. Output: assertions only.
 */
import { describe, expect, it } from 'vitest';
import { preparePolicy } from '../../runtime/index.ts';
import type { IrDeadline, IrDue, PolicyIR } from '../../runtime/index.ts';
import { refusal } from '../support/malformed-ir.ts';
import { compiledIr, compiledPolicy } from '../support/compiled.ts';

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
  const ir = compiledIr(POLICY, { uri: 'deadline-malformed.pdl' });
  const deadline = ir.rules.find((r): r is IrDeadline => r.kind === 'deadline');
  if (deadline === undefined) throw new Error('no deadline');
  return { ir, deadline };
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
    expect(() => preparePolicy(withDeadline((d) => ({ due: dueFrom(d.due, { kind: 'child_dob' }), alsoFrom: [], upToLimit: undefined })))).not.toThrow();
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

const WINDOWS = `policy test.deadline_windows
  title "Matching windows and supersession"

role iro "Independent Reviewing Officer"

event booked { for: date } supersedes earlier
event planned { on: date }
event adjourned { ref?: text }
event held { ref?: text }

deadline from_booking "From the previous booking"
  owner iro
  due within 20 days of adjourned
  counting from the previous booked.for
  met by held
  cite "1"

deadline from_plan "From the previous plan"
  owner iro
  due within 20 days of adjourned
  counting from the previous planned.on
  met by held
  cite "2"

deadline from_held "From the previous held"
  owner iro
  due within 20 days of adjourned
  counting from the previous held
  met by held
  cite "3"

deadline before_plan "Before the planned date"
  owner iro
  due at least 5 days before planned.on
  counting from planned
  met by held
  cite "4"

deadline keyed "Held for the same adjournment"
  owner iro
  due within 10 days of adjourned
  met by held
  matched by ref
  cite "5"

deadline before_booking "Before the booked date"
  owner iro
  due at least 2 days before booked.for
  met by held
  cite "6"

deadline sooner_of_dob "Within 20 days, or by the tenth birthday"
  owner iro
  due within 20 days of adjourned or 10 years after child.dob, whichever is sooner
  met by held
  cite "7"
`;

/** The obligations of a case under WINDOWS (compiled inside the test), by rule and occurrence. */
function evaluateWindows(events: Record<string, string>[], asOf: string) {
  const evaluation = compiledPolicy(WINDOWS, { uri: 'deadline-windows.pdl' }).evaluate({ id: 'c', child: { dob: '2015-03-01' }, facts: {}, events }, asOf);
  if (!evaluation.ok) throw new Error(JSON.stringify(evaluation.errors));
  return evaluation.result;
}

describe('matching windows and supersession, prepared inside each test', () => {
  it('a superseded booking is no previous booking; a plan of a type that does not supersede is one', () => {
    // Booked Tue 22 Apr for Tue 20 May; rebooked Tue 6 May for Thu 15 May (before 20 May: the first is
    // superseded). Planned the same way: planned does not supersede, so 20 May stands. Adjourned Sun
    // 25 May 2025 (+20 days = Sat 14 Jun 2025); held Sun 18 May: after 15 May, before 20 May.
    const result = evaluateWindows(
      [
        { type: 'booked', date: '2025-04-22', for: '2025-05-20' },
        { type: 'planned', date: '2025-04-22', on: '2025-05-20' },
        { type: 'booked', date: '2025-05-06', for: '2025-05-15' },
        { type: 'planned', date: '2025-05-06', on: '2025-05-15' },
        { type: 'held', date: '2025-05-18' },
        { type: 'adjourned', date: '2025-05-25' },
      ],
      '2025-06-20',
    );
    const booking = result.obligations.find((o) => o.rule === 'from_booking');
    expect(booking).toMatchObject({ due: '2025-06-14', status: 'met', satisfiedOn: '2025-05-18' });
    expect(booking?.explanation).toContain('counted from Thu 15 May 2025, the previous booked.for');
    const plan = result.obligations.find((o) => o.rule === 'from_plan');
    expect(plan).toMatchObject({ due: '2025-06-14', status: 'overdue' });
    expect(plan?.explanation).toContain('counted from Tue 20 May 2025, the previous planned.on');
    const held = result.obligations.find((o) => o.rule === 'from_held');
    expect(held?.explanation).toContain('counted from Sun 18 May 2025, the previous held');
    // Both plans stand: planned does not supersede earlier (only booked does).
    expect(result.obligations.filter((o) => o.rule === 'before_plan').map((o) => [o.occurrence, o.due])).toEqual([
      [2, '2025-05-10'],
      [1, '2025-05-15'],
    ]);
    expect(result.superseded.filter((x) => x.rule !== 'before_booking')).toEqual([]);
    // A deadline measured from a date attribute of the first event type the policy declares (type 0):
    // the first booking, rearranged before its date, is superseded; 15 May - 2 days = Tue 13 May 2025.
    expect(result.superseded.map((x) => [x.rule, x.occurrence])).toEqual([['before_booking', 1]]);
    expect(result.obligations.filter((o) => o.rule === 'before_booking').map((o) => [o.occurrence, o.due])).toEqual([[2, '2025-05-13']]);
  });

  it('with no previous event, any date counts; counted from the anchor, its own date', () => {
    const result = evaluateWindows(
      [
        { type: 'planned', date: '2025-05-06', on: '2025-05-15' },
        { type: 'adjourned', date: '2025-05-07' },
      ],
      '2025-05-08',
    );
    expect(result.obligations.find((o) => o.rule === 'from_held')?.explanation).toContain('counted from any date: no previous held before Wed 7 May 2025');
    expect(result.obligations.find((o) => o.rule === 'from_booking')?.explanation).toContain('counted from any date: no previous booked.for before Wed 7 May 2025');
    expect(result.obligations.find((o) => o.rule === 'before_plan')?.explanation).toContain('counted from Tue 6 May 2025, the date of the event it is measured from');
  });

  it('another due date from the date of birth: the sooner of 20 days after the adjournment and the tenth birthday', () => {
    // Born 1 Mar 2015: 10 years = Sat 1 Mar 2025, sooner than 7 May + 20 days = Tue 27 May 2025.
    const result = evaluateWindows(
      [
        { type: 'planned', date: '2025-05-06', on: '2025-05-15' },
        { type: 'adjourned', date: '2025-05-07' },
      ],
      '2025-05-08',
    );
    const sooner = result.obligations.find((o) => o.rule === 'sooner_of_dob');
    expect(sooner).toMatchObject({ due: '2025-03-01', status: 'overdue' });
    // The other due date's label names the date of birth (not an attribute of an event).
    expect(sooner?.explanation).toBe(
      "sooner_of_dob (occurrence 1): whichever is sooner of (1st) 20 days after adjourned on Wed 7 May 2025 is Tue 27 May 2025; (2nd) 10 years after the child's date of birth on Sun 1 Mar 2015 is Sat 1 Mar 2025: due Sat 1 Mar 2025, from the 2nd; counted from Wed 7 May 2025, the date of the event it is measured from; overdue: no held on or after Wed 7 May 2025 by the as-of date Thu 8 May 2025. Source: 7.",
    );
  });

  it('a key is told in what meets the obligation', () => {
    const result = evaluateWindows([{ type: 'adjourned', date: '2025-05-07', ref: 'a' }], '2025-05-08');
    expect(result.obligations.find((o) => o.rule === 'keyed')?.explanation).toContain('open: no held matched by ref on or after Wed 7 May 2025 yet as of Thu 8 May 2025');
  });
});

const CAPS = `policy test.deadline_caps
  title "Up to the limit, rearranged, the date of birth"

role iro "Independent Reviewing Officer"

fact disabled: boolean
event placed
event moved
event review_held
event review_adjourned
event visit_made
event visit_missed
event booked { for: date } supersedes earlier

cycle review "Review"
  owner iro
  runs from placed
  restarts on moved
  first within 20 days of placed
  then within 60 days of the previous review_held
  met by review_held
  cite "1"

cycle visits "Visits"
  owner iro
  runs from placed
  first within 10 days of placed
  then within 10 days of the previous visit_made
  met by visit_made
  cite "2"

deadline reconvened "Reconvened"
  owner iro
  due within 20 days of review_adjourned
  up to the limit one_adjournment
  met by review_held
  cite "3"

deadline explained "The adjournment explained"
  owner iro
  due within 5 days of review_adjourned
  met by visit_made
  cite "4"

limit one_adjournment "One adjournment per review"
  at most 1 review_adjourned per review
  cite "5"

deadline health "Health check"
  owner iro
  due 10 years after child.dob
  when disabled
  met by visit_made
  cite "8"

deadline prepared "Prepared"
  owner iro
  due at least 2 days before booked.for or within 3 days of booked, whichever is sooner
  met by visit_made
  cite "9"

deadline around "Around the booked date"
  owner iro
  due between 3 days before and 1 day after 0 days before booked.for
  met by review_held
  cite "10"

# Last of eight rules, so that its cap's position (8 + 7) is not confused with 8 - 7.
deadline followed_up "A missed visit followed up"
  owner iro
  due within 3 days of visit_missed
  up to the limit two_missed_visits
  met by visit_made
  cite "6"

limit two_missed_visits "Two missed visits per case"
  at most 2 visit_missed per case
  cite "7"
`;

/** A case under `text` (compiled inside the test): obligations as "rule occurrence due status", superseded whole. */
function evaluateCaps(text: string, events: Record<string, string>[], asOf: string, facts: Record<string, boolean> = { disabled: false }) {
  const evaluation = compiledPolicy(text, { uri: 'deadline-caps.pdl' }).evaluate({ id: 'c', child: { dob: '2015-03-01' }, facts, events }, asOf);
  if (!evaluation.ok) throw new Error(JSON.stringify(evaluation.errors));
  const r = evaluation.result;
  return { obligations: r.obligations.map((o) => `${o.rule} ${o.occurrence} ${o.due} ${o.status}`), superseded: r.superseded, violations: r.violations.map((v) => v.message), notices: r.notices.map((n) => n.message) };
}

describe('evaluated: up to the limit, rearranged, from the date of birth', () => {
  it('a limit per case; a rearranged booking due by `whichever` or a window; a `when` that is false', () => {
    const r = evaluateCaps(
      CAPS,
      [
        { type: 'placed', date: '2025-01-06' },
        { type: 'visit_missed', date: '2025-01-07' },
        { type: 'visit_missed', date: '2025-01-08' },
        { type: 'visit_missed', date: '2025-01-09' },
        { type: 'booked', date: '2025-01-10', for: '2025-02-20' },
        { type: 'booked', date: '2025-01-12', for: '2025-02-10' },
      ],
      '2025-01-20',
    );
    // No health check: the child is not disabled. The third missed visit is beyond the limit.
    expect(r.obligations).toEqual([
      'followed_up 1 2025-01-10 overdue',
      'followed_up 2 2025-01-11 overdue',
      'prepared 2 2025-01-15 overdue',
      'visits 1 2025-01-16 overdue',
      'review 1 2025-01-26 open',
      'around 2 2025-02-11 open',
    ]);
    const rearranged = 'rearranged: a later booked recorded on Sun 12 Jan 2025 for Mon 10 Feb 2025 replaced the one for Thu 20 Feb 2025 before it happened';
    expect(r.superseded).toEqual([
      {
        rule: 'followed_up', occurrence: 3, anchor: { event: 'visit_missed', date: '2025-01-09' }, due: '2025-01-12',
        reason: 'beyond the limit two_missed_visits (at most 2 visit_missed per case): the visit_missed on Thu 9 Jan 2025 is beyond it (a violation of the limit), so it gives no due date of its own; the due date of the one within the limit stands',
      },
      // The sooner of 20 Feb - 2 days and 10 Jan + 3 days; a window closing a day after 20 Feb.
      { rule: 'prepared', occurrence: 1, anchor: { event: 'booked', date: '2025-02-20', attribute: 'for' }, due: '2025-01-13', reason: rearranged },
      { rule: 'around', occurrence: 1, anchor: { event: 'booked', date: '2025-02-20', attribute: 'for' }, due: '2025-02-21', reason: rearranged },
    ]);
    expect(r.violations).toEqual(['Two missed visits per case: visit_missed on Thu 9 Jan 2025 is the 3rd in the case; at most 2 are allowed']);
    expect(evaluateCaps(CAPS, [], '2025-01-20', { disabled: true }).obligations).toEqual(['health 1 2025-03-01 open']);
  });

  it("a limit per review: a restarted review's window counts, the visits' windows do not, an uncapped deadline stands", () => {
    // Placed Mon 6 Jan 2025, adjourned 7 and 8 Jan, moved 15 Jan (the review restarts: its first
    // occurrence is superseded, its window holding both adjournments), review held 20 Jan, adjourned
    // again 22 Jan (the first in its review). No visit is made: the visits' one window holds all three.
    const r = evaluateCaps(
      CAPS,
      [
        { type: 'placed', date: '2025-01-06' },
        { type: 'review_adjourned', date: '2025-01-07' },
        { type: 'review_adjourned', date: '2025-01-08' },
        { type: 'moved', date: '2025-01-15' },
        { type: 'review_held', date: '2025-01-20' },
        { type: 'review_adjourned', date: '2025-01-22' },
      ],
      '2025-01-25',
    );
    expect(r.obligations).toEqual([
      'explained 1 2025-01-12 overdue',
      'explained 2 2025-01-13 overdue',
      'visits 1 2025-01-16 overdue',
      'explained 3 2025-01-27 open',
      'reconvened 1 2025-01-27 met',
      'review 1 2025-02-04 met',
      'reconvened 3 2025-02-11 open',
      'review 2 2025-03-21 open',
    ]);
    expect(r.superseded.map((x) => `${x.rule} ${x.occurrence} ${x.due}: ${x.reason}`)).toEqual([
      'review 1 2025-01-26: the run was restarted by moved on Wed 15 Jan 2025, before this occurrence was met or fell due (due Sun 26 Jan 2025); a new run starts from that event',
      'reconvened 2 2025-01-28: beyond the limit one_adjournment (at most 1 review_adjourned per review): the review_adjourned on Wed 8 Jan 2025 is beyond it (a violation of the limit), so it gives no due date of its own; the due date of the one within the limit stands',
    ]);
  });

  it("a limit per review beside another cycle restarted: the other cycle's superseded window is not the review's", () => {
    // CAPS with the visits restarted on `moved` too. Placed Mon 6 Jan 2025; adjourned 7 Jan, review held
    // 10 Jan, adjourned 12 Jan, moved 15 Jan: one adjournment in each occurrence of the review (6-10 Jan,
    // then 10-15 Jan, superseded by the restart). The visits' first occurrence, superseded too, holds
    // both adjournments (6-15 Jan): read as a review's window, 12 Jan would be beyond the limit.
    const restartedVisits = CAPS.replace('  runs from placed\n  first within 10 days of placed', '  runs from placed\n  restarts on moved\n  first within 10 days of placed');
    expect(restartedVisits).not.toBe(CAPS);
    const r = evaluateCaps(
      restartedVisits,
      [
        { type: 'placed', date: '2025-01-06' },
        { type: 'review_adjourned', date: '2025-01-07' },
        { type: 'review_held', date: '2025-01-10' },
        { type: 'review_adjourned', date: '2025-01-12' },
        { type: 'moved', date: '2025-01-15' },
      ],
      '2025-01-20',
    );
    expect(r.obligations).toEqual([
      'explained 1 2025-01-12 overdue',
      'explained 2 2025-01-17 overdue',
      'visits 1 2025-01-25 open',
      'review 1 2025-01-26 met',
      'reconvened 1 2025-01-27 met',
      'reconvened 2 2025-02-01 open',
      'review 1 2025-02-04 open',
    ]);
    expect(r.superseded.map((x) => `${x.rule} ${x.occurrence} ${x.due}: ${x.reason}`)).toEqual([
      'visits 1 2025-01-16: the run was restarted by moved on Wed 15 Jan 2025, before this occurrence was met or fell due (due Thu 16 Jan 2025); a new run starts from that event',
      'review 2 2025-03-11: the run was restarted by moved on Wed 15 Jan 2025, before this occurrence was met or fell due (due Tue 11 Mar 2025); a new run starts from that event',
    ]);
    expect(r.violations).toEqual([]);
  });

  it('a limit with a `where` is still checked when the deadline it caps finds nothing beyond it', () => {
    const text = `policy test.deadline_cap_where
  title "A limit with a where"

role iro "Independent Reviewing Officer"

event review_adjourned { reason?: text }
event review_held

deadline reconvened "Reconvened"
  owner iro
  due within 20 days of review_adjourned
  up to the limit one_for_illness
  met by review_held
  cite "1"

limit one_for_illness "One adjournment for illness"
  at most 1 review_adjourned where review_adjourned.reason is "illness" per case
  cite "2"
`;
    const r = evaluateCaps(text, [{ type: 'review_adjourned', date: '2025-01-07' }], '2025-01-10', {});
    expect(r.obligations).toEqual(['reconvened 1 2025-01-27 open']);
    expect(r.notices).toEqual([
      'optional attribute `reason` of the `review_adjourned` event of 2025-01-07 is not given, so `review_adjourned.reason is "illness"` (limit `one_for_illness`) was taken as false',
    ]);
  });
});

const CHOICES = `policy test.deadline_choices
  title "Due dates chosen, previous dates counted"

role iro "Independent Reviewing Officer"

event adjourned
event held
event reported { on: date }
event booked { for: date } supersedes earlier
event planned { on: date }
event noted { on?: date }

deadline sooner_same_day "The sooner, from a held on the adjournment's day"
  owner iro
  due within 20 days of adjourned or within 5 days of held, whichever is sooner
  met by held
  cite "1"

deadline later_tie "The later of two equal dates"
  owner iro
  due within 10 days of adjourned or within 10 days of adjourned, whichever is later
  met by held
  cite "2"

deadline sooner_tie "The sooner of two equal dates"
  owner iro
  due within 10 days of adjourned or within 10 days of adjourned, whichever is sooner
  met by held
  cite "7"

deadline plan_sooner "Before the plan, or from the adjournment"
  owner iro
  due at least 2 days before planned.on or within 30 days of adjourned, whichever is sooner
  met by held
  cite "8"

deadline dob_sooner "From the date of birth or a booking"
  owner iro
  due 10 years after child.dob or at least 2 days before booked.for, whichever is sooner
  met by held
  cite "3"

deadline report_followed "A report followed up"
  owner iro
  due within 10 days of reported
  counting from the previous reported.on
  met by held
  cite "4"

deadline before_plan "Before the planned date, counted from the previous booking"
  owner iro
  due at least 2 days before planned.on
  counting from the previous booked.for
  met by held
  cite "5"

deadline from_noted "Counted from the previous note"
  owner iro
  due within 10 days of adjourned
  counting from the previous noted.on
  met by held
  cite "6"
`;

/** Each obligation under CHOICES (compiled inside the test): "rule occurrence due status satisfied | explanation". */
function choices(events: Record<string, string>[], asOf: string): string[] {
  const evaluation = compiledPolicy(CHOICES, { uri: 'deadline-choices.pdl' }).evaluate({ id: 'c', child: { dob: '2015-03-01' }, events }, asOf);
  if (!evaluation.ok) throw new Error(JSON.stringify(evaluation.errors));
  return evaluation.result.obligations.map((o) => `${o.rule} ${o.occurrence} ${o.due} ${o.status} ${o.satisfiedOn ?? '-'} | ${o.explanation}`);
}

describe('due dates chosen and previous dates counted, evaluated', () => {
  it('`whichever`: an event on the anchor\'s day counts; the first written wins a tie, sooner or later', () => {
    expect(choices([{ type: 'adjourned', date: '2025-05-07' }, { type: 'held', date: '2025-05-07' }], '2025-05-08')).toEqual([
      'dob_sooner 1 2025-03-01 met_late 2025-05-07 | dob_sooner (occurrence 1): whichever is sooner of (1st) 10 years after the child\'s date of birth on Sun 1 Mar 2015 is Sat 1 Mar 2025; (2nd) 2 days before booked.for: no booked.for in the case (yet), so it takes no part: due Sat 1 Mar 2025, from the 1st (an anchor still to happen can only make it sooner); counted from any date; met late by held on Wed 7 May 2025, 67 days after the due date. Source: 3.',
      'sooner_same_day 1 2025-05-12 met 2025-05-07 | sooner_same_day (occurrence 1): whichever is sooner of (1st) 20 days after adjourned on Wed 7 May 2025 is Tue 27 May 2025; (2nd) 5 days after held on Wed 7 May 2025 is Mon 12 May 2025: due Mon 12 May 2025, from the 2nd; counted from Wed 7 May 2025, the date of the event it is measured from; met by held on Wed 7 May 2025. Source: 1.',
      'from_noted 1 2025-05-17 met 2025-05-07 | from_noted (occurrence 1): 10 days after adjourned on Wed 7 May 2025 is Sat 17 May 2025; counted from any date: no previous noted.on before Wed 7 May 2025; met by held on Wed 7 May 2025. Source: 6.',
      'later_tie 1 2025-05-17 met 2025-05-07 | later_tie (occurrence 1): whichever is later of (1st) 10 days after adjourned on Wed 7 May 2025 is Sat 17 May 2025; (2nd) 10 days after adjourned on Wed 7 May 2025 is Sat 17 May 2025: due Sat 17 May 2025, from the 1st; counted from Wed 7 May 2025, the date of the event it is measured from; met by held on Wed 7 May 2025. Source: 2.',
      'sooner_tie 1 2025-05-17 met 2025-05-07 | sooner_tie (occurrence 1): whichever is sooner of (1st) 10 days after adjourned on Wed 7 May 2025 is Sat 17 May 2025; (2nd) 10 days after adjourned on Wed 7 May 2025 is Sat 17 May 2025: due Sat 17 May 2025, from the 1st; counted from Wed 7 May 2025, the date of the event it is measured from; met by held on Wed 7 May 2025. Source: 7.',
    ]);
  });

  it('`whichever` from the date of birth or a date attribute; the latest previous date, passing over the anchor, a value on its date, an event without one', () => {
    // noted.on: 1 Apr, 3 Apr, 2 Apr (a later event, an earlier date), none, 26 Apr (the anchor's own
    // date): the previous is 3 Apr. A report's own `on` is not its previous. The booking for 10 May is
    // the last event before the as-of date, and no later booking supersedes it.
    expect(
      choices(
        [
          { type: 'booked', date: '2025-02-01', for: '2025-06-20' },
          { type: 'noted', date: '2025-04-01', on: '2025-04-01' },
          { type: 'noted', date: '2025-04-02', on: '2025-04-03' },
          { type: 'noted', date: '2025-04-05', on: '2025-04-02' },
          { type: 'noted', date: '2025-04-06' },
          { type: 'noted', date: '2025-04-07', on: '2025-04-26' },
          { type: 'reported', date: '2025-04-10', on: '2025-04-01' },
          { type: 'reported', date: '2025-04-20', on: '2025-04-08' },
          { type: 'planned', date: '2025-04-20', on: '2025-05-20' },
          { type: 'booked', date: '2025-04-25', for: '2025-05-10' },
          { type: 'adjourned', date: '2025-04-26' },
        ],
        '2025-05-01',
      ),
    ).toEqual([
      'dob_sooner 1 2025-03-01 overdue - | dob_sooner (occurrence 1): whichever is sooner of (1st) 10 years after the child\'s date of birth on Sun 1 Mar 2015 is Sat 1 Mar 2025; (2nd) 2 days before booked.for on Fri 20 Jun 2025 is Wed 18 Jun 2025: due Sat 1 Mar 2025, from the 1st; counted from any date; overdue: no held by the as-of date Thu 1 May 2025. Source: 3.',
      'report_followed 1 2025-04-20 overdue - | report_followed (occurrence 1): 10 days after reported on Thu 10 Apr 2025 is Sun 20 Apr 2025; counted from Tue 8 Apr 2025, the previous reported.on; overdue: no held on or after Tue 8 Apr 2025 by the as-of date Thu 1 May 2025. Source: 4.',
      'report_followed 2 2025-04-30 overdue - | report_followed (occurrence 2): 10 days after reported on Sun 20 Apr 2025 is Wed 30 Apr 2025; counted from Tue 1 Apr 2025, the previous reported.on; overdue: no held on or after Tue 1 Apr 2025 by the as-of date Thu 1 May 2025. Source: 4.',
      'from_noted 1 2025-05-06 open - | from_noted (occurrence 1): 10 days after adjourned on Sat 26 Apr 2025 is Tue 6 May 2025; counted from Thu 3 Apr 2025, the previous noted.on; open: no held on or after Thu 3 Apr 2025 yet as of Thu 1 May 2025. Source: 6.',
      'later_tie 1 2025-05-06 open - | later_tie (occurrence 1): whichever is later of (1st) 10 days after adjourned on Sat 26 Apr 2025 is Tue 6 May 2025; (2nd) 10 days after adjourned on Sat 26 Apr 2025 is Tue 6 May 2025: due Tue 6 May 2025, from the 1st; counted from Sat 26 Apr 2025, the date of the event it is measured from; open: no held on or after Sat 26 Apr 2025 yet as of Thu 1 May 2025. Source: 2.',
      'sooner_tie 1 2025-05-06 open - | sooner_tie (occurrence 1): whichever is sooner of (1st) 10 days after adjourned on Sat 26 Apr 2025 is Tue 6 May 2025; (2nd) 10 days after adjourned on Sat 26 Apr 2025 is Tue 6 May 2025: due Tue 6 May 2025, from the 1st; counted from Sat 26 Apr 2025, the date of the event it is measured from; open: no held on or after Sat 26 Apr 2025 yet as of Thu 1 May 2025. Source: 7.',
      'sooner_same_day 1 2025-05-16 open - | sooner_same_day (occurrence 1): whichever is sooner of (1st) 20 days after adjourned on Sat 26 Apr 2025 is Fri 16 May 2025; (2nd) 5 days after held: no held in the case (yet), so it takes no part: due Fri 16 May 2025, from the 1st (an anchor still to happen can only make it sooner); counted from Sat 26 Apr 2025, the date of the event it is measured from; open: no held on or after Sat 26 Apr 2025 yet as of Thu 1 May 2025. Source: 1.',
      'before_plan 1 2025-05-18 open - | before_plan (occurrence 1), for the `planned` recorded on Sun 20 Apr 2025: 2 days before planned.on on Tue 20 May 2025 is Sun 18 May 2025; counted from Sat 10 May 2025, the previous booked.for; open: no held on or after Sat 10 May 2025 yet as of Thu 1 May 2025. Source: 5.',
      'plan_sooner 1 2025-05-18 open - | plan_sooner (occurrence 1), for the `planned` recorded on Sun 20 Apr 2025: whichever is sooner of (1st) 2 days before planned.on on Tue 20 May 2025 is Sun 18 May 2025; (2nd) 30 days after adjourned on Sat 26 Apr 2025 is Mon 26 May 2025: due Sun 18 May 2025, from the 1st; counted from any date: no previous planned.on before Tue 20 May 2025; open: no held yet as of Thu 1 May 2025. Source: 8.',
    ]);
  });
});

const DEFAULT_WINDOWS = `policy test.deadline_default_window
  title "The default matching window"

role iro "Independent Reviewing Officer"

event booked { for: date }
event held

deadline before_booking "Before the booking was made"
  owner iro
  due at least 2 days before booked
  met by held
  cite "1"

deadline after_booked "After the booked date"
  owner iro
  due within 3 days of booked.for
  met by held
  cite "2"

deadline before_booked "Before the booked date"
  owner iro
  due at least 1 day before booked.for
  met by held
  cite "3"
`;

describe('the matching window without `counting from`', () => {
  it('only a deadline before a date attribute counts from the previous one; an empty list of other anchors is none', () => {
    // Booked Fri 10 Jan 2025 for Mon 10 Feb, held Sat 1 Feb, booked Sat 15 Feb for Mon 10 Mar. Before
    // the booking itself (an event, not a date attribute) and after the booked date, each obligation
    // counts from its booking: the second is not met by the held of 1 Feb. Before the booked date it
    // counts from the previous booked date (10 Feb), also after 1 Feb.
    const ir = compiledIr(DEFAULT_WINDOWS, { uri: 'deadline-default-window.pdl' });
    const kase = {
      id: 'c',
      child: { dob: '2015-03-01' },
      events: [
        { type: 'booked', date: '2025-01-10', for: '2025-02-10' },
        { type: 'held', date: '2025-02-01' },
        { type: 'booked', date: '2025-02-15', for: '2025-03-10' },
      ],
    };
    const evaluation = preparePolicy(ir).evaluate(kase, '2025-03-20');
    if (!evaluation.ok) throw new Error(JSON.stringify(evaluation.errors));
    expect(evaluation.result.obligations.map((o) => `${o.rule} ${o.occurrence} ${o.due} ${o.status} ${o.satisfiedOn ?? '-'} | ${o.explanation}`)).toEqual([
      'before_booking 1 2025-01-08 met_late 2025-02-01 | before_booking (occurrence 1): 2 days before booked on Fri 10 Jan 2025 is Wed 8 Jan 2025; counted from Fri 10 Jan 2025, the date of the event it is measured from; met late by held on Sat 1 Feb 2025, 24 days after the due date. Source: 1.',
      'before_booked 1 2025-02-09 met 2025-02-01 | before_booked (occurrence 1), for the `booked` recorded on Fri 10 Jan 2025: 1 day before booked.for on Mon 10 Feb 2025 is Sun 9 Feb 2025; counted from any date: no previous booked.for before Mon 10 Feb 2025; met by held on Sat 1 Feb 2025. Source: 3.',
      'after_booked 1 2025-02-13 met 2025-02-01 | after_booked (occurrence 1), for the `booked` recorded on Fri 10 Jan 2025: 3 days after booked.for on Mon 10 Feb 2025 is Thu 13 Feb 2025; counted from Fri 10 Jan 2025, the date of the event it is measured from; met by held on Sat 1 Feb 2025. Source: 2.',
      'before_booking 2 2025-02-13 overdue - | before_booking (occurrence 2): 2 days before booked on Sat 15 Feb 2025 is Thu 13 Feb 2025; counted from Sat 15 Feb 2025, the date of the event it is measured from; overdue: no held on or after Sat 15 Feb 2025 by the as-of date Thu 20 Mar 2025. Source: 1.',
      'before_booked 2 2025-03-09 overdue - | before_booked (occurrence 2), for the `booked` recorded on Sat 15 Feb 2025: 1 day before booked.for on Mon 10 Mar 2025 is Sun 9 Mar 2025; counted from Mon 10 Feb 2025, the previous booked.for; overdue: no held on or after Mon 10 Feb 2025 by the as-of date Thu 20 Mar 2025. Source: 3.',
      'after_booked 2 2025-03-13 overdue - | after_booked (occurrence 2), for the `booked` recorded on Sat 15 Feb 2025: 3 days after booked.for on Mon 10 Mar 2025 is Thu 13 Mar 2025; counted from Sat 15 Feb 2025, the date of the event it is measured from; overdue: no held on or after Sat 15 Feb 2025 by the as-of date Thu 20 Mar 2025. Source: 2.',
    ]);
    // `alsoFrom: []` (hand-written IR; the compiler leaves the field out) is the same as no other anchor.
    const withEmpty = { ...ir, rules: ir.rules.map((r) => (r.kind === 'deadline' ? ({ ...r, alsoFrom: [] } as IrDeadline) : r)) };
    expect(preparePolicy(withEmpty).evaluate(kase, '2025-03-20')).toEqual(evaluation);
  });
});
