/**
 * Tests written to kill the surviving mutants of runtime/gaps.ts (docs/testing.md, "Mutation
 * testing"), on the repository's own policies, each prepared inside its test (test/runtime/gaps.test.ts
 * prepares them at import, which leaves `compileGaps`'s mutants without a test of their own): a
 * review on the very day the run starts, an event on the day another cycle starts, a cycle started
 * earlier that does not take the event, a request on the day of the decision or after it, decisions of
 * two approvals lacking their requests (notices in the order of the decisions), and a postponement
 * taking effect on the day it was approved. Then small policies written here for the preparation:
 * which deadlines and duties an approved-step notice names when the order's `where` and a rule's own
 * condition on the step exclude each other or not (`is`, `is not`, `not ... is`, `in`, `not in`, `and`,
 * `or`, two attributes compared, deadlines measured from a date of the step or `also from` it), orders
 * after no decision or naming no rule, keys, the latest step, orders' `where`s reading facts, the
 * order of the notices of two orders and two decisions; which events before any start show that a
 * cycle applies (a `met by ... where`, a constraint, limits per occurrence with `where`s, not a limit
 * per case); and `compileGaps`'s labels for malformed conditions.
 *
 * Input: policies/england/statutory-reviews.pdl, bristol.pdl and peterborough.pdl compiled once here,
 * and the policies written below, compiled in each test; cases built here. Output: assertions only.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompilerHost } from '../../compiler/index.ts';
import { MalformedIrError, preparePolicy } from '../../runtime/index.ts';
import type { CompiledPolicy, EvaluationResult, IrCondition, IrOperand, Notice, PolicyIR } from '../../runtime/index.ts';
import { englandAndWalesCalendar } from '../../runtime/calendar.ts';
import { compileGaps } from '../../runtime/gaps.ts';
import { UNDECLARED_FACT } from '../support/malformed-ir.ts';
import { compiledIr } from '../support/compiled.ts';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const statutory = read('policies/england/statutory-reviews.pdl');
const host: CompilerHost = { findPolicy: (id) => (id === 'england.statutory_reviews' ? { uri: 'statutory-reviews.pdl', text: statutory } : undefined) };

function irOf(path: string): PolicyIR {
  return compiledIr(read(path), { uri: path, host });
}

const ENGLAND = irOf('policies/england/statutory-reviews.pdl');
const BRISTOL = irOf('policies/bristol.pdl');
const PETERBOROUGH = irOf('policies/peterborough.pdl');

type Ev = { type: string; date: string; [k: string]: unknown };

function run(ir: PolicyIR, events: Ev[], asOf: string): EvaluationResult {
  const p: CompiledPolicy = preparePolicy(ir);
  const r = p.evaluate({ id: 'case-gaps', child: { dob: '2015-03-01' }, events }, asOf);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.result;
}

const GAP_CODES = new Set(['notice/cycle-not-started', 'notice/decision-without-request', 'notice/approved-step-not-recorded']);
const gaps = (r: EvaluationResult): Notice[] => r.notices.filter((n) => GAP_CODES.has(n.code));

describe('notice/cycle-not-started', () => {
  it('a review with no start recorded is a gap; one on the very day of the start, listed first, is not', () => {
    expect(gaps(run(ENGLAND, [{ type: 'review_held', date: '2025-05-13' }], '2025-06-01')).map((n) => [n.params, n.caseData])).toEqual([
      [{ rule: 'looked_after_review', event: 'review_held', starts: ['became_looked_after'] }, { date: '2025-05-13' }],
    ]);
    expect(gaps(run(ENGLAND, [{ type: 'review_held', date: '2025-04-14' }, { type: 'became_looked_after', date: '2025-04-14' }], '2025-06-01'))).toEqual([]);
  });

  it('an adoption review on the day authority to place is recorded belongs to the cycle that started that day', () => {
    const r = run(PETERBOROUGH, [{ type: 'adoption_review_held', date: '2025-04-07' }, { type: 'authority_to_place_obtained', date: '2025-04-07' }], '2025-05-01');
    expect(gaps(r)).toEqual([]);
  });

  it('a cycle started earlier that does not take the event does not account for it', () => {
    const r = run(PETERBOROUGH, [{ type: 'became_looked_after', date: '2025-01-06' }, { type: 'adoption_review_held', date: '2025-04-07' }], '2025-05-01');
    expect(gaps(r).map((n) => n.params)).toEqual([
      { rule: 'adoption_review_after_placement', event: 'adoption_review_held', starts: ['placed_for_adoption'] },
      { rule: 'adoption_review_before_placement', event: 'adoption_review_held', starts: ['authority_to_place_obtained'] },
    ]);
  });
});

describe('notice/decision-without-request', () => {
  const decisions = (r: EvaluationResult): Notice[] => r.notices.filter((n) => n.code === 'notice/decision-without-request');
  const REQUEST = { type: 'review_postponement_requested', by: 'social_worker', meeting: '2025-05-13' };
  const APPROVED = { type: 'review_postponement_approved', by: 'service_manager' };

  it('a request on the day of the decision pairs with it; one after it does not', () => {
    expect(decisions(run(BRISTOL, [{ ...REQUEST, date: '2025-05-07' }, { ...APPROVED, date: '2025-05-07' }], '2025-05-12'))).toEqual([]);
    expect(decisions(run(BRISTOL, [{ ...APPROVED, date: '2025-05-07' }, { ...REQUEST, date: '2025-05-08' }], '2025-05-12'))).toEqual([
      {
        code: 'notice/decision-without-request',
        message:
          'the `review_postponement_approved` event of 2025-05-07 has no `review_postponement_requested` on or before it to pair with, so approvals `iro_postponement`, `social_worker_postponement` could not check who approved it or the steps required before it; a `review_postponement_requested` on or before that date would make them measurable',
        params: { event: 'review_postponement_approved', request: 'review_postponement_requested', approvals: ['iro_postponement', 'social_worker_postponement'] },
        caseData: { date: '2025-05-07' },
      },
    ]);
  });

  it('decisions of two approvals without their requests: the notices follow the decisions, whatever the order of the approvals', () => {
    const cancelled = { type: 'review_cancelled_no_care_plan', by: 'iro' };
    const told = (events: Ev[]) => decisions(run(BRISTOL, events, '2025-05-12')).map((n) => ['event' in n.params ? n.params.event : '', n.caseData?.date]);
    expect(told([{ ...APPROVED, date: '2025-05-06' }, { ...cancelled, date: '2025-05-07' }])).toEqual([
      ['review_postponement_approved', '2025-05-06'],
      ['review_cancelled_no_care_plan', '2025-05-07'],
    ]);
    expect(told([{ ...cancelled, date: '2025-05-06' }, { ...APPROVED, date: '2025-05-07' }])).toEqual([
      ['review_cancelled_no_care_plan', '2025-05-06'],
      ['review_postponement_approved', '2025-05-07'],
    ]);
  });
});

describe('notice/approved-step-not-recorded', () => {
  const request: Ev[] = [
    { type: 'review_postponement_requested', date: '2025-05-01', by: 'social_worker', meeting: '2025-05-13', ref: 'p1' },
    { type: 'discussion_held', date: '2025-05-02', with: 'team_manager', about: 'postponement', ref: 'p1' },
    { type: 'discussion_held', date: '2025-05-05', with: 'service_manager', about: 'postponement', ref: 'p1' },
    { type: 'review_postponement_approved', date: '2025-05-06', by: 'service_manager', ref: 'p1' },
  ];

  it('a postponement taking effect on the day it was approved answers the approval; none at all does not', () => {
    expect(gaps(run(BRISTOL, [...request, { type: 'review_postponed', date: '2025-05-06', by: 'social_worker', emergency: false, ref: 'p1' }], '2025-05-20'))).toEqual([]);
    expect(gaps(run(BRISTOL, request, '2025-05-20')).map((n) => [n.code, n.caseData])).toEqual([['notice/approved-step-not-recorded', { date: '2025-05-06' }]]);
  });
});

// Small policies written for the preparation (`compileGaps`): which rules an approved-step notice
// names, and which events show that a cycle applies. Each test compiles and prepares its policy itself.

function irFrom(text: string): PolicyIR {
  return compiledIr(text, { uri: 'gaps-mutation.pdl' });
}

const byCode = (r: EvaluationResult, code: string): Notice[] => r.notices.filter((n) => n.code === code);

// Three orders put a `moved` after the approval's decision, each with its own `where` on the move; 15
// rules are measured from `moved` (declared out of alphabetical order), two from `visited`. Which
// rules each notice names is worked out by hand in the test below.
const STEPS = `policy test.gaps_steps
  title "Approved steps"

role social_worker "Social worker"
role service_manager "Service manager"

fact urgent? "Urgent": boolean

event move_requested
event move_approved { by: role }
event moved { kind: enum(planned, emergency, respite), before: enum(planned, emergency, respite), short: boolean, nights?: number, visit?: date }
event visited
event settled

approval move "A move is approved"
  request move_requested
  decision move_approved
  approved by service_manager
  cite "x"

order planned_move "A planned move follows its approval"
  step moved where moved.kind is planned
  after move_approved
  cite "x"

order unplanned_move "A move that is not planned follows its approval"
  step moved where not moved.kind is planned
  after move_approved
  cite "x"

order planned_or_emergency_move "A planned or emergency move follows its approval"
  step moved where moved.kind in (planned, emergency)
  after move_approved
  cite "x"

order settled_after_approval "Settling follows the approval (nothing is measured from it)"
  step settled
  after move_approved
  cite "x"

order move_after_visit "A move follows a visit (no approval's decision)"
  step moved
  after visited
  cite "x"

cycle visits "Visits"
  owner social_worker
  runs from settled
  first within 20 days of settled
  then  within 6 weeks of the previous visited
  met by visited
  cite "x"

deadline visit_plain "d"
  owner social_worker
  due within 5 days of moved
  met by visited
  cite "x"

deadline visit_planned "d"
  owner social_worker
  due within 5 days of moved
  when moved.kind is planned
  met by visited
  cite "x"

deadline visit_emergency_short "d"
  owner social_worker
  due within 5 days of moved
  when moved.kind is emergency and moved.short
  met by visited
  cite "x"

deadline visit_at "d"
  owner social_worker
  due within 5 days of moved.visit
  met by visited
  cite "x"

deadline visit_sooner "d"
  owner social_worker
  due within 5 days of visited or moved
  met by visited
  cite "x"

deadline visit_later "d (measured from a visit, not a move)"
  owner social_worker
  due within 5 days of visited
  met by visited
  cite "x"

deadline visit_short "d"
  owner social_worker
  due within 5 days of moved
  when moved.short
  met by visited
  cite "x"

deadline visit_either "d"
  owner social_worker
  due within 5 days of moved
  when moved.kind is emergency or moved.short
  met by visited
  cite "x"

deadline visit_not_emergency "d"
  owner social_worker
  due within 5 days of moved
  when moved.kind is not emergency
  met by visited
  cite "x"

deadline visit_same_kind "d"
  owner social_worker
  due within 5 days of moved
  when moved.kind is moved.before
  met by visited
  cite "x"

deadline visit_not_in "d"
  owner social_worker
  due within 5 days of moved
  when moved.kind not in (emergency, respite)
  met by visited
  cite "x"

deadline visit_in_before "d"
  owner social_worker
  due within 5 days of moved
  when moved.kind in (emergency, moved.before)
  met by visited
  cite "x"

duty check_some "c"
  owner social_worker
  after moved where moved.kind in (planned, respite)
  met by visited
  cite "x"

duty check_not_emergency "c"
  owner social_worker
  after moved where not moved.kind is emergency
  met by visited
  cite "x"

duty check_not_planned "c"
  owner social_worker
  after moved where not moved.kind is planned
  met by visited
  cite "x"

duty check_disjoint "c"
  owner social_worker
  after moved where moved.kind in (emergency, respite)
  met by visited
  cite "x"

duty check_elsewhere "c (after a visit, not a move)"
  owner social_worker
  after visited
  met by visited
  cite "x"
`;

describe('notice/approved-step-not-recorded: the rules each notice names', () => {
  it('names the deadlines and duties measured from the step that can hold with the order\'s `where`, sorted', () => {
    const r = run(irFrom(STEPS), [{ type: 'move_requested', date: '2025-05-01' }, { type: 'move_approved', date: '2025-05-06', by: 'service_manager' }], '2025-05-20');
    // Measured from `moved` (due from it, from one of its dates or `also from` it, or after it):
    // every rule but visit_later and check_elsewhere. Left out of each order's notice, by hand:
    // - `moved.kind is planned`: visit_emergency_short (its `and` requires emergency), check_not_planned
    //   (`not ... is planned`), check_disjoint (`in (emergency, respite)`);
    // - `not moved.kind is planned`: visit_planned (requires planned), and nothing else (check_some's
    //   `in (planned, respite)` allows respite);
    // - `moved.kind in (planned, emergency)`: nothing (check_not_emergency allows planned).
    // Never left out: a condition on another attribute (short), an `or`, `is not`, two attributes
    // compared, `not in`, an `in` list with an attribute in it: none requires a literal of `kind`.
    // `settled_after_approval` names no rule (none is measured from `settled`) and `move_after_visit`
    // is after no decision: no notice for either.
    const all = ['check_disjoint', 'check_not_emergency', 'check_not_planned', 'check_some', 'visit_at', 'visit_either', 'visit_emergency_short', 'visit_in_before', 'visit_not_emergency', 'visit_not_in', 'visit_plain', 'visit_planned', 'visit_same_kind', 'visit_short', 'visit_sooner'];
    expect(byCode(r, 'notice/approved-step-not-recorded').map((n) => n.params)).toEqual([
      { event: 'move_approved', step: 'moved', order: 'planned_move', rules: all.filter((id) => !['visit_emergency_short', 'check_not_planned', 'check_disjoint'].includes(id)) },
      { event: 'move_approved', step: 'moved', order: 'unplanned_move', rules: all.filter((id) => id !== 'visit_planned') },
      { event: 'move_approved', step: 'moved', order: 'planned_or_emergency_move', rules: all },
    ]);
  });
});

describe('compileGaps: the requirements read from a condition', () => {
  it('only `=` (or `not` of `=`) of an attribute of the step itself with a literal requires something; IR without duties names deadlines only', () => {
    const ir = irFrom(STEPS);
    const literal = (value: string | number | boolean, type: 'boolean' | 'enum' | 'date' | 'number'): IrOperand => ({ kind: 'literal', value, type });
    const compare = (op: '=' | '>', left: IrOperand, right: IrOperand, text: string): IrCondition => ({ kind: 'compare', op, left, right, text });
    const urgent = compare('=', { kind: 'fact', fact: 'urgent' }, literal(true, 'boolean'), 'urgent');
    const nights = { kind: 'attribute', event: 'moved', attribute: 'nights' } as const;
    // Hand-written conditions (IR the compiler does not emit for a deadline's `when` on `moved`: a
    // fact, another event's attribute, the step's date, `not` of `>`), none requiring a literal of an
    // attribute of `moved` (`compileGaps` reads them without compiling them).
    const when = new Map<string, IrCondition>([
      ['visit_plain', urgent],
      ['visit_short', compare('=', { kind: 'attribute', event: 'move_approved', attribute: 'kind' }, literal('emergency', 'enum'), 'move_approved.kind is emergency')],
      ['visit_at', compare('=', { kind: 'event_date', event: 'moved' }, literal('2025-05-01', 'date'), 'moved.date is 2025-05-01')],
      ['visit_either', { kind: 'not', item: compare('>', nights, literal(3, 'number'), 'moved.nights > 3'), text: 'not moved.nights > 3' }],
    ]);
    // planned_move's step `where`: kind planned, not urgent, on 2 May 2025, 3 nights.
    const where: IrCondition = {
      kind: 'and',
      items: [
        compare('=', { kind: 'attribute', event: 'moved', attribute: 'kind' }, literal('planned', 'enum'), 'moved.kind is planned'),
        { kind: 'not', item: urgent, text: 'not urgent' },
        compare('=', { kind: 'event_date', event: 'moved' }, literal('2025-05-02', 'date'), 'moved.date is 2025-05-02'),
        compare('=', nights, literal(3, 'number'), 'moved.nights = 3'),
      ],
      text: 'moved.kind is planned and not urgent and moved.date is 2025-05-02 and moved.nights = 3',
    };
    const edited: PolicyIR = {
      ...ir,
      rules: ir.rules.map((r) => (r.kind === 'deadline' && when.has(r.id) ? { ...r, when: when.get(r.id) } : r)),
      orders: ir.orders.map((o) => (o.id === 'planned_move' ? { ...o, step: { ...o.step, where } } : o)),
    };
    const named = (g: PolicyIR) => compileGaps(g, englandAndWalesCalendar())?.approvedSteps.find((s) => s.order === 'planned_move')?.rules;
    // As in the test above: all but visit_emergency_short, check_not_planned and check_disjoint.
    const planned = ['check_not_emergency', 'check_some', 'visit_at', 'visit_either', 'visit_in_before', 'visit_not_emergency', 'visit_not_in', 'visit_plain', 'visit_planned', 'visit_same_kind', 'visit_short', 'visit_sooner'];
    expect(named(edited)).toEqual(planned);
    expect(named({ ...ir, duties: undefined })).toEqual(planned.filter((id) => !id.startsWith('check_')));
  });
});

// A policy with approvals and orders and no cycle: the gaps are still looked for.
const KEYED = `policy test.gaps_keyed
  title "Keyed steps"

role social_worker "Social worker"
role service_manager "Service manager"

fact urgent? "Urgent": boolean

event move_requested { ref: text }
event move_approved { by: role, ref: text }
event moved { kind: enum(planned, emergency), ref: text }
event visited

approval move "A move is approved"
  request move_requested
  decision move_approved
  approved by service_manager
  matched by ref
  cite "x"

order planned_move "A planned move follows its own approval"
  step moved where moved.kind is planned and not urgent
  after move_approved where move_approved.by is service_manager and not urgent
  matched by ref
  cite "x"

order any_move "A move follows an approval"
  step moved
  after move_approved
  cite "x"

order approved_again "A social worker's approval follows the service manager's"
  step move_approved where move_approved.by is social_worker
  after move_approved where move_approved.by is service_manager
  cite "x"

deadline visit_after_move "d"
  owner social_worker
  due within 5 days of moved
  met by visited
  cite "x"

duty review_after_approval "c"
  owner social_worker
  after move_approved
  met by visited
  cite "x"
`;

describe('notice/approved-step-not-recorded: decisions, keys and the order of the notices', () => {
  const approved = (date: string, ref: string, by = 'service_manager'): Ev => ({ type: 'move_approved', date, by, ref });
  const requested = (date: string, ref: string): Ev => ({ type: 'move_requested', date, ref });
  const told = (events: Ev[], facts: Record<string, unknown> = {}) => {
    const p = preparePolicy(irFrom(KEYED));
    const r = p.evaluate({ id: 'case-gaps', child: { dob: '2015-03-01' }, facts, events }, '2025-05-20');
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
    return byCode(r.result, 'notice/approved-step-not-recorded').map((n) => [n.caseData?.date, 'order' in n.params ? n.params.order : '', 'rules' in n.params ? n.params.rules : []]);
  };

  it('with no move at all: one notice per decision and order, in the order of the decisions, then of the orders', () => {
    // approved_again (a step of the decision's own type) names no notice: the order is the approval's own.
    expect(told([requested('2025-05-01', 'p1'), requested('2025-05-02', 'p2'), approved('2025-05-06', 'p1'), approved('2025-05-08', 'p2')])).toEqual([
      ['2025-05-06', 'planned_move', ['visit_after_move']],
      ['2025-05-06', 'any_move', ['visit_after_move']],
      ['2025-05-08', 'planned_move', ['visit_after_move']],
      ['2025-05-08', 'any_move', ['visit_after_move']],
    ]);
  });

  it('a move answers the decisions on or before its date; with a key, only its own decision; the latest move counts', () => {
    const events = [requested('2025-05-01', 'p1'), requested('2025-05-02', 'p2'), approved('2025-05-06', 'p1'), approved('2025-05-08', 'p2')];
    // A planned move of p1 on 7 May answers p1's decision (6 May) for both orders, and p2's (8 May) for neither.
    expect(told([...events, { type: 'moved', date: '2025-05-07', kind: 'planned', ref: 'p1' }])).toEqual([
      ['2025-05-08', 'planned_move', ['visit_after_move']],
      ['2025-05-08', 'any_move', ['visit_after_move']],
    ]);
    // A move of p2 before its decision (4 May) and another after it (9 May): the latest, 9 May, answers it.
    expect(told([...events, { type: 'moved', date: '2025-05-04', kind: 'planned', ref: 'p2' }, { type: 'moved', date: '2025-05-09', kind: 'planned', ref: 'p2' }])).toEqual([
      ['2025-05-06', 'planned_move', ['visit_after_move']],
    ]);
    // An emergency move of p1 answers only the order without a `where`.
    expect(told([...events, { type: 'moved', date: '2025-05-10', kind: 'emergency', ref: 'p1' }])).toEqual([
      ['2025-05-06', 'planned_move', ['visit_after_move']],
      ['2025-05-08', 'planned_move', ['visit_after_move']],
    ]);
  });

  it("the orders' `where`s are read with the case's facts, on each event's own date", () => {
    // A social worker's decision is no decision of planned_move (its `after ... where`); with `urgent`
    // true, neither is the service manager's.
    const events = [requested('2025-05-01', 'p1'), approved('2025-05-06', 'p1'), requested('2025-05-02', 'p2'), approved('2025-05-07', 'p2', 'social_worker')];
    expect(told(events)).toEqual([
      ['2025-05-06', 'planned_move', ['visit_after_move']],
      ['2025-05-06', 'any_move', ['visit_after_move']],
      ['2025-05-07', 'any_move', ['visit_after_move']],
    ]);
    expect(told(events, { urgent: true })).toEqual([
      ['2025-05-06', 'any_move', ['visit_after_move']],
      ['2025-05-07', 'any_move', ['visit_after_move']],
    ]);
    // With `urgent` false, a planned move of p1 on 6 May answers planned_move (its step `where` reads the fact).
    expect(told([...events, { type: 'moved', date: '2025-05-06', kind: 'planned', ref: 'p1' }], { urgent: false })).toEqual([['2025-05-07', 'any_move', ['visit_after_move']]]);
    expect(told([...events, { type: 'moved', date: '2025-05-06', kind: 'planned', ref: 'p1' }], { urgent: true })).toEqual([['2025-05-07', 'any_move', ['visit_after_move']]]);
  });
});

// Two cycles, a constraint on one, limits per occurrence of each (two on the same event, with
// different `where`s) and one per case: which events before any start show that a cycle applies.
const CYCLES = `policy test.gaps_cycles
  title "Cycles not started"

role social_worker "Social worker"

fact urgent? "Urgent": boolean

event placed
event review_held { kind: enum(full, light) }
event review_scheduled { for: date }
event review_adjourned { reason: enum(illness, absence, other) }
event review_cancelled
event visit_missed
event visited

cycle reviews "Reviews"
  owner social_worker
  runs from placed
  first within 20 days of placed
  then  within 6 months of the previous review_held
  met by review_held where review_held.kind is full and not urgent
  cite "x"

cycle visits "Visits"
  owner social_worker
  runs from placed
  first within 20 days of placed
  then  within 6 weeks of the previous visited
  met by visited
  cite "x"

constraint scheduled_in_time "A review is scheduled in time"
  each review_scheduled.for on or before the due date of reviews
  cite "x"

limit adjourned_for_illness "Adjourned once for illness"
  at most 1 review_adjourned where review_adjourned.reason is illness per reviews
  cite "x"

limit adjourned_for_absence "Adjourned twice for absence"
  at most 2 review_adjourned where review_adjourned.reason is absence and not urgent per reviews
  cite "x"

limit never_cancelled "Never cancelled"
  at most 0 review_cancelled per case
  cite "x"

limit one_missed_visit "One missed visit"
  at most 1 visit_missed per visits
  cite "x"
`;

describe('notice/cycle-not-started: what shows that a cycle applies', () => {
  const started = (event: Ev, facts: Record<string, unknown> = {}): [unknown, unknown][] => {
    const p = preparePolicy(irFrom(CYCLES));
    const r = p.evaluate({ id: 'case-gaps', child: { dob: '2015-03-01' }, facts, events: [event, { type: 'placed', date: '2025-04-01' }] }, '2025-04-10');
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
    return byCode(r.result, 'notice/cycle-not-started').map((n) => ['rule' in n.params ? n.params.rule : '', 'event' in n.params ? n.params.event : '']);
  };
  const on = (type: string, more: Record<string, unknown> = {}): Ev => ({ type, date: '2025-03-03', ...more });

  it('a `met by` event whose `where` holds (read with the facts); not one whose `where` fails', () => {
    expect(started(on('review_held', { kind: 'full' }), { urgent: false })).toEqual([['reviews', 'review_held']]);
    expect(started(on('review_held', { kind: 'light' }), { urgent: false })).toEqual([]);
    expect(started(on('review_held', { kind: 'full' }), { urgent: true })).toEqual([]);
    expect(started(on('visited'))).toEqual([['visits', 'visited']]);
  });

  it("the event of a constraint on the cycle, and of a limit per occurrence of it whose `where` holds; not a limit per case's", () => {
    expect(started(on('review_scheduled', { for: '2025-04-20' }))).toEqual([['reviews', 'review_scheduled']]);
    // Two limits on review_adjourned, each with its own `where`: either holding is enough.
    expect(started(on('review_adjourned', { reason: 'illness' }))).toEqual([['reviews', 'review_adjourned']]);
    expect(started(on('review_adjourned', { reason: 'absence' }), { urgent: false })).toEqual([['reviews', 'review_adjourned']]);
    expect(started(on('review_adjourned', { reason: 'absence' }), { urgent: true })).toEqual([]);
    expect(started(on('review_adjourned', { reason: 'other' }))).toEqual([]);
    expect(started(on('review_cancelled'))).toEqual([]);
    // A limit per occurrence of the other cycle concerns that cycle only.
    expect(started(on('visit_missed'))).toEqual([['visits', 'visit_missed']]);
  });
});

// `compileGaps` on its own (preparePolicy prepares the kinds first, which refuse the same conditions
// under their own labels): malformed IR in a condition of a gap is refused, its label naming where.
describe('compileGaps refuses malformed conditions, naming where they are', () => {
  const refused = (ir: PolicyIR): string => {
    try {
      compileGaps(ir, englandAndWalesCalendar());
    } catch (e) {
      expect(e).toBeInstanceOf(MalformedIrError);
      return (e as Error).message;
    }
    throw new Error('the IR was accepted');
  };

  it('a limit per occurrence, a `met by`, an order on a decision (its `after` and its `step`)', () => {
    const cycles = irFrom(CYCLES);
    expect(refused({ ...cycles, limits: cycles.limits.map((l) => (l.id === 'one_missed_visit' ? { ...l, where: UNDECLARED_FACT } : l)) })).toBe('malformed IR: limit `one_missed_visit`: undeclared fact `nope`');
    expect(refused({ ...cycles, rules: cycles.rules.map((r) => (r.kind === 'cycle' && r.id === 'visits' ? { ...r, metBy: { ...r.metBy, where: UNDECLARED_FACT } } : r)) })).toBe('malformed IR: the `met by` of rule `visits`: undeclared fact `nope`');
    const keyed = irFrom(KEYED);
    const order = (change: object) => ({ ...keyed, orders: keyed.orders.map((o) => (o.id === 'any_move' ? { ...o, ...change } : o)) });
    const any = keyed.orders.find((o) => o.id === 'any_move')!;
    expect(refused(order({ after: { ...any.after, where: UNDECLARED_FACT } }))).toBe('malformed IR: the `after` of order `any_move`: undeclared fact `nope`');
    expect(refused(order({ step: { ...any.step, where: UNDECLARED_FACT } }))).toBe('malformed IR: the `step` of order `any_move`: undeclared fact `nope`');
  });
});
