/**
 * The reference evaluator itself, on answers worked by hand from docs/language.md (so that the
 * differential test compares against something known to be right, not only against itself):
 * month arithmetic clamped to the month's end, weekdays, ages, a deadline measured from a date
 * attribute of a `supersedes earlier` event, a cycle whose run ends with an occurrence pending, a
 * deadline window (early, met late), duties (met, missed, outstanding; superseded by a rearranged
 * meeting) and an order of steps; and the readings the two evaluators first disagreed on
 * (whichever's other anchor among them).
 * Each policy example is also checked against the real evaluator with the same expected answer.
 *
 * Input: literal policies and cases. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/index.ts';
import { parsePlainDate, preparePolicy } from '../../runtime/index.ts';
import type { PlainDate } from '../../runtime/index.ts';
import { refAddMonths, refAge, refWeekday, referenceEvaluate } from './reference-evaluator.ts';
import type { RefResult } from './reference-evaluator.ts';
import { referenceEvaluateAll, refRender } from './reference-rules.ts';
import type { RefEscalation, RefFull, RefViolation } from './reference-rules.ts';
import { realSide } from './real-side.ts';

const d = (s: string): PlainDate => {
  const v = parsePlainDate(s);
  if (v === undefined) throw new Error(`bad date ${s}`);
  return v;
};

describe('reference date arithmetic', () => {
  it('adds months clamped to the end of the month', () => {
    expect(refAddMonths(d('2025-08-31'), 6)).toBe(d('2026-02-28'));
    expect(refAddMonths(d('2024-01-31'), 1)).toBe(d('2024-02-29'));
    expect(refAddMonths(d('2024-03-31'), -1)).toBe(d('2024-02-29'));
    expect(refAddMonths(d('2024-02-29'), 12)).toBe(d('2025-02-28'));
    expect(refAddMonths(d('2024-11-15'), 3)).toBe(d('2025-02-15'));
  });
  it('names ISO weekdays', () => {
    expect(refWeekday(d('2026-12-04'))).toBe(5); // a Friday
    expect(refWeekday(d('2024-01-07'))).toBe(7); // a Sunday
    expect(refWeekday(d('1999-12-31'))).toBe(5);
  });
  it('counts whole years, the birthday counting on the day', () => {
    expect(refAge(d('2010-06-15'), d('2026-06-14'))).toBe(15);
    expect(refAge(d('2010-06-15'), d('2026-06-15'))).toBe(16);
  });
});

const HEADER = `policy ref.hand
  title "Hand-worked"

role worker "Worker"

event start "Start"
event stop "Stop"
event visit "Visit"
event booked "Booked" { for: date } supersedes earlier
`;

/** The dated part of a result: obligations with a due date, and superseded ones. */
type Dated = Pick<RefResult, 'obligations' | 'superseded'>;

function both(text: string, input: unknown, asOf: string): [Dated, Dated] {
  const compiled = compileToIr(text, { uri: 'hand.pdl' });
  expect(compiled.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  if (compiled.ir === undefined) throw new Error('no IR');
  const policy = preparePolicy(compiled.ir, { explanations: false });
  const v = policy.validate(input);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  const real = policy.evaluateNormalized(v.case, d(asOf));
  const ref = referenceEvaluate(policy.ir, v.case, d(asOf), policy.calendar);
  return [
    { obligations: ref.obligations, superseded: ref.superseded },
    {
      obligations: real.obligations.flatMap((o) => (o.due === undefined || o.status === 'outstanding' || o.status === 'missed' ? [] : [{ rule: o.rule, occurrence: o.occurrence, anchor: { ...o.anchor }, due: o.due, status: o.status, ...(o.satisfiedOn === undefined ? {} : { satisfiedOn: o.satisfiedOn }) }])),
      superseded: real.superseded.map((o) => ({ rule: o.rule, occurrence: o.occurrence, anchor: { ...o.anchor }, due: o.due })),
    },
  ];
}

describe('reference evaluation, worked by hand', () => {
  it('a deadline before a meeting: a rearrangement on the meeting day stands beside it, an earlier one supersedes it', () => {
    const text = `${HEADER}
deadline prepare "Prepare"
  owner worker
  due at least 5 days before booked.for
  met by visit
  cite "x"
`;
    const input = {
      id: 'hand-1',
      child: { dob: '2015-05-05' },
      events: [
        { type: 'booked', date: '2024-01-10', for: '2024-02-01' },
        { type: 'visit', date: '2024-01-20' },
        { type: 'booked', date: '2024-02-01', for: '2024-03-01' },
        { type: 'booked', date: '2024-02-20', for: '2024-04-01' },
      ],
    };
    const expected: Dated = {
      obligations: [
        { rule: 'prepare', occurrence: 1, anchor: { event: 'booked', date: '2024-02-01', attribute: 'for' }, due: '2024-01-27', status: 'met', satisfiedOn: '2024-01-20' },
        { rule: 'prepare', occurrence: 3, anchor: { event: 'booked', date: '2024-04-01', attribute: 'for' }, due: '2024-03-27', status: 'open' },
      ],
      superseded: [{ rule: 'prepare', occurrence: 2, anchor: { event: 'booked', date: '2024-03-01', attribute: 'for' }, due: '2024-02-25' }],
    };
    const [ref, real] = both(text, input, '2024-03-10');
    expect(ref).toEqual(expected);
    expect(real).toEqual(expected);
  });

  it('a cycle: met, met late, then the run ends with an occurrence pending (superseded)', () => {
    const text = `${HEADER}
cycle review "Review"
  owner worker
  runs from start until stop
  first within 10 days of start
  then  within 1 month of the previous visit
  met by visit
  cite "x"
`;
    const input = {
      id: 'hand-2',
      child: { dob: '2015-05-05' },
      events: [
        { type: 'start', date: '2024-01-31' },
        { type: 'visit', date: '2024-02-05' },
        { type: 'visit', date: '2024-03-10' },
        { type: 'stop', date: '2024-03-20' },
        { type: 'visit', date: '2024-03-25' },
      ],
    };
    const expected: Dated = {
      obligations: [
        { rule: 'review', occurrence: 1, anchor: { event: 'start', date: '2024-01-31' }, due: '2024-02-10', status: 'met', satisfiedOn: '2024-02-05' },
        { rule: 'review', occurrence: 2, anchor: { event: 'visit', date: '2024-02-05' }, due: '2024-03-05', status: 'met_late', satisfiedOn: '2024-03-10' },
      ],
      superseded: [{ rule: 'review', occurrence: 3, anchor: { event: 'visit', date: '2024-03-10' }, due: '2024-04-10' }],
    };
    const [ref, real] = both(text, input, '2024-06-01');
    expect(ref).toEqual(expected);
    expect(real).toEqual(expected);
  });
});

// ---- disagreements the differential test found, pinned ----
//
// Each test below is a case where the reference, written first from docs/language.md alone, read the
// doc differently from the evaluator. In each, the doc was silent or ambiguous, docs/language.md now
// says what the evaluator does (the section named in the test), and the reference follows it. The
// expected answer is worked by hand and checked against both evaluators.

const PINNED = `policy ref.pinned
  title "Pinned readings"

role worker "Worker" reports to manager
role manager "Manager"

event start "Start"
event stop "Stop"
event visit "Visit"
event adjourned "Adjourned"
event booked "Booked" { for: date }
event petition "Petition" { by: role, meeting?: date }
event ruling "Ruling" { by: role }
event escalation_raised "Raised" { ladder: text, stage: number }
event escalation_response "Response" { ladder: text, stage: number, satisfactory: boolean }
event escalation_resolved "Resolved" { ladder: text }
`;

function full(text: string, input: unknown, asOf: string): { ref: RefFull; real: RefFull } {
  const compiled = compileToIr(text, { uri: 'pinned.pdl' });
  expect(compiled.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  if (compiled.ir === undefined) throw new Error('no IR');
  const policy = preparePolicy(compiled.ir, { explanations: false });
  const v = policy.validate(input);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return { ref: referenceEvaluateAll(policy.ir, v.case, d(asOf), policy.calendar), real: realSide(policy.evaluateNormalized(v.case, d(asOf))) };
}

const at = (rule: string, kind: RefViolation['kind'], type: string, date: string, index: number, citation: string): RefViolation => ({ rule, kind, event: { type, date, index }, citation });

describe('readings pinned after the differential test (docs/language.md says which)', () => {
  it('approvals: notice is checked on every request, decided or not, and the violation points at the request', () => {
    const text = `${PINNED}
approval leave "Leave"
  request petition
  decision ruling
  approved by manager
  notice at least 5 days before petition.meeting
  cite "a"
`;
    const input = { id: 'pin-1', child: { dob: '2015-05-05' }, events: [{ type: 'petition', date: '2024-03-01', by: 'worker', meeting: '2024-03-03' }] };
    const { ref, real } = full(text, input, '2024-04-01');
    const expected = [at('leave', 'approval', 'petition', '2024-03-01', 0, 'a')];
    expect(ref.violations).toEqual(expected);
    expect(real.violations).toEqual(expected);
  });

  it('approvals: a decision with no request is one violation; one whose request the `where` rejects belongs to another approval', () => {
    const text = `${PINNED}
approval by_worker "Asked by a worker"
  request petition where petition.by is worker
  decision ruling
  approved by manager
  cite "a"
`;
    // A ruling by a worker with no petition before it: "no request", and nothing about who ruled.
    // Then a petition by a manager and a ruling by a worker: the petition is not this approval's.
    const input = {
      id: 'pin-2',
      child: { dob: '2015-05-05' },
      events: [
        { type: 'ruling', date: '2024-03-01', by: 'worker' },
        { type: 'petition', date: '2024-03-05', by: 'manager' },
        { type: 'ruling', date: '2024-03-06', by: 'worker' },
      ],
    };
    const { ref, real } = full(text, input, '2024-04-01');
    const expected = [at('by_worker', 'approval', 'ruling', '2024-03-01', 0, 'a')];
    expect(ref.violations).toEqual(expected);
    expect(real.violations).toEqual(expected);
  });

  it('limits per cycle: an occurrence counts the events just after its anchor event up to the event that ended it, superseded occurrences too', () => {
    const text = `${PINNED}
cycle review "Review"
  owner worker
  runs from start until stop
  first within 10 days of start
  then  within 30 days of the previous visit
  met by visit
  cite "c"

limit one_adjournment "One adjournment per review"
  at most 1 adjourned per review
  cite "l"
`;
    const input = {
      id: 'pin-3',
      child: { dob: '2015-05-05' },
      events: [
        { type: 'adjourned', date: '2024-01-01' }, // before the start in input order: in no occurrence
        { type: 'start', date: '2024-01-01' },
        { type: 'adjourned', date: '2024-01-03' }, // occurrence 1: the only one
        { type: 'visit', date: '2024-01-05' }, // meets occurrence 1
        { type: 'adjourned', date: '2024-01-05' }, // after the visit in input order: occurrence 2
        { type: 'adjourned', date: '2024-01-20' }, // occurrence 2's second: a violation
        { type: 'stop', date: '2024-01-25' }, // ends the run: occurrence 2 (due 4 Feb) is superseded
      ],
    };
    const { ref, real } = full(text, input, '2024-03-01');
    const expected = [at('one_adjournment', 'limit', 'adjourned', '2024-01-20', 5, 'l')];
    expect(ref.superseded.map((o) => o.occurrence)).toEqual([2]);
    expect(ref.violations).toEqual(expected);
    expect(real.violations).toEqual(expected);
  });

  it('constraints: the pending occurrence is the latest anchored whose end is not before the event, one whose run ended included', () => {
    const text = `${PINNED}
cycle review "Review"
  owner worker
  runs from start until stop
  first within 10 days of start
  then  within 20 days of the previous visit
  met by visit
  cite "c"

constraint in_time "Booked within timescales"
  each booked.for on or before the due date of review
  cite "k"
`;
    const input = {
      id: 'pin-4',
      child: { dob: '2015-05-05' },
      events: [
        { type: 'start', date: '2024-01-01' },
        { type: 'visit', date: '2024-01-08' }, // meets occurrence 1 (due 11 Jan); occurrence 2 due 28 Jan
        { type: 'booked', date: '2024-01-08', for: '2024-01-20' }, // occurrences 1 and 2 both pending: 2 applies, within it
        { type: 'stop', date: '2024-01-15' }, // occurrence 2 superseded, ended on 15 Jan
        { type: 'booked', date: '2024-01-12', for: '2024-02-10' }, // occurrence 2 pending: beyond 28 Jan
        { type: 'booked', date: '2024-01-20', for: '2024-03-01' }, // nothing pending: no violation
      ],
    };
    const { ref, real } = full(text, input, '2024-03-01');
    const expected = [at('in_time', 'constraint', 'booked', '2024-01-12', 4, 'k')];
    expect(ref.violations).toEqual(expected);
    expect(real.violations).toEqual(expected);
  });

  const LADDER = `${PINNED}
ladder disputes "Disputes"
  raised by worker
  stage 1 alert manager respond within 5 days cite "s1"
  stage 2 "Referral" refer to manager cite "s2"
  cite "d"
`;

  it('ladders: a response or resolution naming an undeclared ladder, and a response naming an undeclared stage, are violations', () => {
    const input = {
      id: 'pin-5',
      child: { dob: '2015-05-05' },
      events: [
        { type: 'escalation_response', date: '2024-01-02', ladder: 'other', stage: 1, satisfactory: true },
        { type: 'escalation_resolved', date: '2024-01-03', ladder: 'other' },
        { type: 'escalation_raised', date: '2024-01-04', ladder: 'disputes', stage: 1 },
        { type: 'escalation_response', date: '2024-01-05', ladder: 'disputes', stage: 3, satisfactory: true },
      ],
    };
    const { ref, real } = full(LADDER, input, '2024-02-01');
    const expected = [
      at('other', 'ladder', 'escalation_response', '2024-01-02', 0, ''),
      at('other', 'ladder', 'escalation_resolved', '2024-01-03', 1, ''),
      at('disputes', 'ladder', 'escalation_response', '2024-01-05', 3, 'd'),
    ];
    expect(ref.violations).toEqual(expected);
    expect(real.violations).toEqual(expected);
  });

  it("ladders: a referral stage's response is shown and leaves it referred (the stage before it escalated on the referral's date, to the body referred to); a response after the resolution answers nothing", () => {
    const referral = {
      id: 'pin-6',
      child: { dob: '2015-05-05' },
      events: [
        { type: 'escalation_raised', date: '2024-01-01', ladder: 'disputes', stage: 1 },
        { type: 'escalation_raised', date: '2024-01-03', ladder: 'disputes', stage: 2 },
        { type: 'escalation_response', date: '2024-01-04', ladder: 'disputes', stage: 2, satisfactory: true },
      ],
    };
    const late = {
      id: 'pin-7',
      child: { dob: '2015-05-05' },
      events: [
        { type: 'escalation_raised', date: '2024-02-01', ladder: 'disputes', stage: 1 },
        { type: 'escalation_resolved', date: '2024-02-03', ladder: 'disputes' },
        { type: 'escalation_response', date: '2024-02-05', ladder: 'disputes', stage: 1, satisfactory: true },
      ],
    };
    const expected: RefEscalation[] = [
      { ladder: 'disputes', instance: 1, stage: 1, current: false, raisedOn: '2024-01-01', respondents: ['manager'], copied: [], due: '2024-01-06', status: 'escalated', escalatedOn: '2024-01-03', escalatedToStage: 2, escalatedTo: ['manager'], nextStageDue: false, capExceeded: false, citation: 's1' },
      { ladder: 'disputes', instance: 1, stage: 2, stageTitle: 'Referral', current: true, raisedOn: '2024-01-03', respondents: [], copied: [], status: 'referred', respondedOn: '2024-01-04', nextStageDue: false, capExceeded: false, citation: 's2' },
    ];
    const first = full(LADDER, referral, '2024-03-01');
    expect(first.ref.escalations).toEqual(expected);
    expect(first.real.escalations).toEqual(expected);
    const second = full(LADDER, late, '2024-03-01');
    const resolved: RefEscalation[] = [
      { ladder: 'disputes', instance: 1, stage: 1, current: false, raisedOn: '2024-02-01', respondents: ['manager'], copied: [], due: '2024-02-06', status: 'resolved', nextStageDue: false, capExceeded: false, resolvedOn: '2024-02-03', citation: 's1' },
    ];
    expect(second.ref.escalations).toEqual(resolved);
    expect(second.real.escalations).toEqual(resolved);
  });
});

describe('whichever, windows, duties and orders, worked by hand (and the reading pinned for whichever)', () => {
  it("whichever: another due date from the anchor's own type is measured from the anchor event itself", () => {
    const text = `${PINNED}
deadline answer "Answer"
  owner worker
  due at least 5 days before start or 3 months after start, whichever is later
  met by visit
  cite "w"
`;
    const input = { id: 'pin-8', child: { dob: '2015-05-05' }, events: [{ type: 'start', date: '2024-01-10' }, { type: 'start', date: '2024-02-20' }] };
    const { ref, real } = full(text, input, '2024-06-01');
    // Occurrence 1: 5 Jan 2024, or 3 months after the same start (10 Apr): 10 Apr, the later.
    // Occurrence 2: 15 Feb, or 3 months after 20 Feb: 20 May, the later.
    const expected = [
      { rule: 'answer', occurrence: 1, anchor: { event: 'start', date: '2024-01-10' }, due: '2024-04-10', status: 'overdue' },
      { rule: 'answer', occurrence: 2, anchor: { event: 'start', date: '2024-02-20' }, due: '2024-05-20', status: 'overdue' },
    ];
    expect(ref.obligations).toEqual(expected);
    expect(real.obligations).toEqual(expected);
  });

  it('a window: early when the only meeting event came before it opened, met late when a later one came after it closed', () => {
    const text = `${PINNED}
deadline plan "Plan"
  owner worker
  due between 1 month before and 1 month after 3 months after start
  met by visit
  cite "p"
`;
    const events = [{ type: 'start', date: '2024-01-10' }, { type: 'visit', date: '2024-02-01' }];
    const window = { rule: 'plan', occurrence: 1, anchor: { event: 'start', date: '2024-01-10' }, due: '2024-05-10', earliest: '2024-03-10' };
    const early = full(text, { id: 'hand-3', child: { dob: '2015-05-05' }, events }, '2024-06-01');
    expect(early.ref.obligations).toEqual([{ ...window, status: 'early', satisfiedOn: '2024-02-01' }]);
    expect(early.real.obligations).toEqual(early.ref.obligations);
    const redone = full(text, { id: 'hand-4', child: { dob: '2015-05-05' }, events: [...events, { type: 'visit', date: '2024-05-20' }] }, '2024-06-01');
    expect(redone.ref.obligations).toEqual([{ ...window, status: 'met_late', satisfiedOn: '2024-05-20' }]);
    expect(redone.real.obligations).toEqual(redone.ref.obligations);
  });

  it('duties: met on the bound day, missed when met after it, outstanding before it or with no bound yet', () => {
    const text = `${PINNED}
duty prepare "Prepare"
  owner worker
  after booked
  before booked.for
  wording "as soon as practicable"
  met by visit
  cite "d"

duty follow_up "Follow up"
  owner worker
  after start
  by the next stop
  met by visit
  cite "f"
`;
    const input = {
      id: 'hand-5',
      child: { dob: '2015-05-05' },
      events: [
        { type: 'booked', date: '2024-01-01', for: '2024-01-20' },
        { type: 'start', date: '2024-01-05' },
        { type: 'visit', date: '2024-01-20' },
        { type: 'stop', date: '2024-01-25' },
        { type: 'booked', date: '2024-02-01', for: '2024-02-10' },
        { type: 'visit', date: '2024-02-15' },
        { type: 'booked', date: '2024-03-01', for: '2024-06-01' },
        { type: 'start', date: '2024-03-05' },
      ],
    };
    const { ref, real } = full(text, input, '2024-04-01');
    const wording = 'as soon as practicable';
    const expected = [
      { rule: 'prepare', occurrence: 1, anchor: { event: 'booked', date: '2024-01-01' }, bound: '2024-01-20', wording, status: 'met', satisfiedOn: '2024-01-20' },
      { rule: 'follow_up', occurrence: 1, anchor: { event: 'start', date: '2024-01-05' }, bound: '2024-01-25', status: 'met', satisfiedOn: '2024-01-20' },
      { rule: 'prepare', occurrence: 2, anchor: { event: 'booked', date: '2024-02-01' }, bound: '2024-02-10', wording, status: 'missed' },
      { rule: 'prepare', occurrence: 3, anchor: { event: 'booked', date: '2024-03-01' }, bound: '2024-06-01', wording, status: 'outstanding' },
      { rule: 'follow_up', occurrence: 2, anchor: { event: 'start', date: '2024-03-05' }, status: 'outstanding' },
    ];
    expect(ref.duties).toEqual(expected);
    expect(real.duties).toEqual(expected);
  });

  it('duties of a rearranged meeting: superseded, met or past the bound alike; a rearrangement on the day supersedes nothing', () => {
    const text = `${PINNED.replace('event booked "Booked" { for: date }', 'event booked "Booked" { for: date } supersedes earlier')}
duty prepare "Prepare"
  owner worker
  after booked
  before booked.for
  met by visit
  cite "d"

duty early_visit "Visit two days ahead"
  owner worker
  after booked
  before 2 days before booked.for
  met by visit
  cite "e"
`;
    // Booked 1 Jan for 20 Jan, visited 5 Jan (both duties met); rebooked 10 Jan for 30 Jan: the first
    // booking's duties superseded, met as they were. Rebooked again 29 Jan for 15 Feb: the second
    // booking's duties superseded (the early visit's bound, 28 Jan, had passed, the meeting had not
    // been held). The third booking, rebooked on its own day (15 Feb, for 1 Mar), stands: both of its
    // duties missed; the fourth's are outstanding.
    const input = {
      id: 'hand-5b',
      child: { dob: '2015-05-05' },
      events: [
        { type: 'booked', date: '2024-01-01', for: '2024-01-20' },
        { type: 'visit', date: '2024-01-05' },
        { type: 'booked', date: '2024-01-10', for: '2024-01-30' },
        { type: 'booked', date: '2024-01-29', for: '2024-02-15' },
        { type: 'booked', date: '2024-02-15', for: '2024-03-01' },
      ],
    };
    const { ref, real } = full(text, input, '2024-02-20');
    const at = (date: string) => ({ event: 'booked', date, attribute: 'for' });
    // Sorted by due date, then rule: 18 Jan (early_visit 1), 20 Jan (prepare 1), 28 Jan (early_visit 2), 30 Jan (prepare 2).
    const superseded = [
      { rule: 'early_visit', occurrence: 1, anchor: at('2024-01-20'), due: '2024-01-18' },
      { rule: 'prepare', occurrence: 1, anchor: at('2024-01-20'), due: '2024-01-20' },
      // Rebooked 29 Jan, after this bound (28 Jan) but before the meeting (30 Jan): superseded, as a deadline due before the meeting is.
      { rule: 'early_visit', occurrence: 2, anchor: at('2024-01-30'), due: '2024-01-28' },
      { rule: 'prepare', occurrence: 2, anchor: at('2024-01-30'), due: '2024-01-30' },
    ];
    expect(ref.superseded).toEqual(superseded);
    expect(real.superseded).toEqual(superseded);
    const expected = [
      { rule: 'early_visit', occurrence: 3, anchor: { event: 'booked', date: '2024-01-29' }, bound: '2024-02-13', status: 'missed' },
      { rule: 'prepare', occurrence: 3, anchor: { event: 'booked', date: '2024-01-29' }, bound: '2024-02-15', status: 'missed' },
      { rule: 'early_visit', occurrence: 4, anchor: { event: 'booked', date: '2024-02-15' }, bound: '2024-02-28', status: 'outstanding' },
      { rule: 'prepare', occurrence: 4, anchor: { event: 'booked', date: '2024-02-15' }, bound: '2024-03-01', status: 'outstanding' },
    ];
    expect(ref.duties).toEqual(expected);
    expect(real.duties).toEqual(expected);
  });

  it('orders: an earlier event recorded after the step on its day does not count; with `within`, the latest earlier one must be recent', () => {
    const text = `${PINNED}
order discuss "Discuss first"
  step petition where petition.by is worker
  after visit
  within 10 days
  cite "o"
`;
    const input = {
      id: 'hand-6',
      child: { dob: '2015-05-05' },
      events: [
        { type: 'petition', date: '2024-01-05', by: 'worker' },
        { type: 'visit', date: '2024-01-05' },
        { type: 'petition', date: '2024-01-10', by: 'worker' },
        { type: 'petition', date: '2024-01-30', by: 'worker' },
        { type: 'petition', date: '2024-01-30', by: 'manager' },
      ],
    };
    const { ref, real } = full(text, input, '2024-03-01');
    const expected = [at('discuss', 'order', 'petition', '2024-01-05', 0, 'o'), at('discuss', 'order', 'petition', '2024-01-30', 3, 'o')];
    expect(ref.violations).toEqual(expected);
    expect(real.violations).toEqual(expected);
  });
});

describe('the reference renderer and criteria, worked by hand', () => {
  it('renders fields HTML-escaped, #if and #unless on empty strings', () => {
    const fields = { 'rule.title': `Tom & "Jerry's" <b>=\``, 'obligation.dueTime': '', 'obligation.occurrence': 2 };
    expect(refRender('{{rule.title}}', fields)).toBe('Tom &amp; &quot;Jerry&#x27;s&quot; &lt;b&gt;&#x3D;&#x60;');
    expect(refRender('a{{#if obligation.dueTime}} by {{obligation.dueTime}}{{/if}}b', fields)).toBe('ab');
    expect(refRender('{{#unless obligation.dueTime}}no time{{/unless}}, occurrence {{obligation.occurrence}}', fields)).toBe('no time, occurrence 2');
  });

  it('reads criteria on the as-of date: age then, count up to then, none of', () => {
    const text = `${PINNED}
fact closure? "Closure": date

criteria qualifies "Qualifies"
  none of
    "under 9": age under 9
    "two visits": count(visit) >= 2
    "closing soon": closure <= 1 month after today
  cite "q"
`;
    // Born 5 May 2015: 8 on 4 May 2024, 9 on 5 May 2024. Two visits, the second after 5 May.
    const input = { id: 'crit', child: { dob: '2015-05-05' }, facts: {}, events: [{ type: 'visit', date: '2024-01-10' }, { type: 'visit', date: '2024-05-06' }] };
    const before = full(text, input, '2024-05-04');
    const expectedBefore = [{ name: 'qualifies', result: false, combinator: 'none', conditions: [{ label: 'under 9', value: true }, { label: 'two visits', value: false }, { label: 'closing soon', value: false }] }];
    expect(before.ref.criteria).toEqual(expectedBefore);
    expect(before.real.criteria).toEqual(expectedBefore);
    const after = full(text, input, '2024-05-05');
    const expectedAfter = [{ name: 'qualifies', result: true, combinator: 'none', conditions: [{ label: 'under 9', value: false }, { label: 'two visits', value: false }, { label: 'closing soon', value: false }] }];
    expect(after.ref.criteria).toEqual(expectedAfter);
    expect(after.real.criteria).toEqual(expectedAfter);
  });
});
