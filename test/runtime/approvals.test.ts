/**
 * Tests of approvals (`runtime/approvals.ts`) through the evaluator: Bristol's practice direction on
 * postponing a Child in Care review (docs/coverage/bristol.md):
 * "with no less than 5 working days' notice", "they must first discuss this request with their
 * Consultant Social Worker, Practice Lead or Team Manager", "Only the Service Manager can approve a
 * postponement ... only having followed a discussion with the IRO".
 *
 * Input: a hand-built IR (no compiler involved) and cases as plain JSON. Output: vitest assertions
 * on `violations` (and that nothing else changes).
 */
import { describe, expect, it } from 'vitest';
import { MalformedIrError, preparePolicy } from '../../runtime/index.ts';
import type { CompiledPolicy, EvaluationResult, IrApproval, IrCondition, IrOperand, PolicyIR } from '../../runtime/index.ts';
import { policyIr } from '../support/policy-ir.ts';

const src = { file: 'policies/bristol/review-timeliness.pdl', line: 20, column: 1 };
const role = (value: string): IrOperand => ({ kind: 'literal', value, type: 'role' });
const attr = (event: string, attribute: string): IrOperand => ({ kind: 'attribute', event, attribute });
const is = (left: IrOperand, right: IrOperand, text: string): IrCondition => ({ kind: 'compare', op: '=', left, right, text });

const POSTPONEMENT: IrApproval = {
  kind: 'approval',
  id: 'review_postponement',
  title: 'Postponing a Child in Care review',
  citation: 'Practice change, bullets 5 and 6',
  source: src,
  policy: 'bristol.review_timeliness',
  request: {
    event: 'review_postponement_requested',
    where: is(attr('review_postponement_requested', 'by'), role('social_worker'), 'review_postponement_requested.by is social_worker'),
  },
  decision: { event: 'review_postponement_approved', byAttribute: 'by' },
  approvers: ['service_manager'],
  approversText: 'service_manager',
  requires: [
    {
      event: 'discussion_held',
      where: {
        kind: 'in',
        negated: false,
        left: attr('discussion_held', 'with'),
        values: [role('consultant_social_worker'), role('practice_lead'), role('team_manager')],
        text: 'discussion_held.with in (consultant_social_worker, practice_lead, team_manager)',
      },
      text: 'discussion_held where discussion_held.with in (consultant_social_worker, practice_lead, team_manager)',
    },
    {
      event: 'discussion_held',
      where: is(attr('discussion_held', 'with'), role('iro'), 'discussion_held.with is iro'),
      text: 'discussion_held where discussion_held.with is iro',
    },
  ],
  notice: {
    direction: 'before',
    offset: { amount: 5, unit: 'working_days' },
    anchor: { kind: 'event_attribute', event: 'review_postponement_requested', attribute: 'meeting' },
  },
};

function policy(approvals: readonly IrApproval[]): PolicyIR {
  return policyIr({
    id: 'bristol.review_timeliness',
    title: 'Practice Direction to improve the timeliness of Children in Care Reviews',
    extends: ['england.statutory_reviews'],
    roles: [
      { name: 'iro', title: 'Independent Reviewing Officer' },
      { name: 'social_worker', title: 'Social worker', reportsTo: 'team_manager' },
      { name: 'team_manager', title: 'Team manager', reportsTo: 'service_manager' },
      { name: 'service_manager', title: 'Service manager', reportsTo: 'assistant_director' },
      { name: 'assistant_director', title: 'Assistant director', reportsTo: 'director' },
      { name: 'director', title: "Director of children's services" },
      { name: 'consultant_social_worker', title: 'Consultant social worker', reportsTo: 'team_manager' },
      { name: 'practice_lead', title: 'Practice lead', reportsTo: 'team_manager' },
    ],
    events: [
      { name: 'became_looked_after', attributes: [] },
      { name: 'review_held', attributes: [] },
      {
        name: 'review_postponement_requested',
        attributes: [
          { name: 'by', type: { kind: 'role' }, optional: false },
          { name: 'meeting', type: { kind: 'date' }, optional: true },
        ],
      },
      { name: 'review_postponement_approved', attributes: [{ name: 'by', type: { kind: 'role' }, optional: false }] },
      {
        name: 'discussion_held',
        attributes: [
          { name: 'with', type: { kind: 'role' }, optional: false },
          { name: 'about', type: { kind: 'text' }, optional: false },
        ],
      },
    ],
    approvals,
  });
}

const bristol = preparePolicy(policy([POSTPONEMENT]));

type Ev = { type: string; date: string; [k: string]: unknown };
const ev = (type: string, date: string, attrs: Record<string, unknown> = {}): Ev => ({ type, date, ...attrs });

function run(p: CompiledPolicy, events: Ev[], asOf = '2025-06-30'): EvaluationResult {
  const r = p.evaluate({ id: 'case-7', child: { dob: '2014-02-01' }, events }, asOf);
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.result;
}

// The meeting is on Wed 11 Jun 2025; 5 working days before it is Wed 4 Jun 2025.
const request = (date: string, by = 'social_worker') => ev('review_postponement_requested', date, { by, meeting: '2025-06-11' });
const talk = (date: string, withRole: string) => ev('discussion_held', date, { with: withRole, about: 'postponing the review' });
const approved = (date: string, by: string) => ev('review_postponement_approved', date, { by });

const PROPER = [request('2025-06-02'), talk('2025-06-02', 'team_manager'), talk('2025-06-03', 'iro'), approved('2025-06-04', 'service_manager')];

describe("Bristol's postponement of a Child in Care review", () => {
  it('approved by the service manager after both discussions, with 7 working days notice: no violation', () => {
    const r = run(bristol, PROPER);
    expect(r.violations).toEqual([]);
    expect(r.notices).toEqual([]);
  });

  it('approved by a team manager: a violation naming the role and who may approve', () => {
    const events = [...PROPER.slice(0, 3), approved('2025-06-04', 'team_manager')];
    const r = run(bristol, events);
    expect(r.violations).toEqual([
      {
        rule: 'review_postponement',
        kind: 'approval',
        message: 'Postponing a Child in Care review: approved by team_manager on Wed 4 Jun 2025, but only service_manager may approve',
        event: { type: 'review_postponement_approved', date: '2025-06-04', index: 3 },
        citation: 'Practice change, bullets 5 and 6',
      },
    ]);
  });

  it('approved by the service manager without the discussion with the IRO: a violation naming the missing step', () => {
    const events = [request('2025-06-02'), talk('2025-06-02', 'practice_lead'), approved('2025-06-04', 'service_manager')];
    const r = run(bristol, events);
    expect(r.violations.map((v) => v.message)).toEqual([
      'Postponing a Child in Care review: no discussion_held where discussion_held.with is iro between the request on Mon 2 Jun 2025 and the decision on Wed 4 Jun 2025',
    ]);
    expect(r.violations[0]?.event).toEqual({ type: 'review_postponement_approved', date: '2025-06-04', index: 2 });
  });

  it('a discussion before the request or after the decision does not count; on either day it does', () => {
    const outside = [talk('2025-05-30', 'iro'), request('2025-06-02'), talk('2025-06-02', 'team_manager'), approved('2025-06-04', 'service_manager'), talk('2025-06-05', 'iro')];
    expect(run(bristol, outside).violations.map((v) => v.message)).toEqual([
      'Postponing a Child in Care review: no discussion_held where discussion_held.with is iro between the request on Mon 2 Jun 2025 and the decision on Wed 4 Jun 2025',
    ]);
    const onTheDays = [request('2025-06-02'), talk('2025-06-02', 'consultant_social_worker'), talk('2025-06-04', 'iro'), approved('2025-06-04', 'service_manager')];
    expect(run(bristol, onTheDays).violations).toEqual([]);
  });

  it('a discussion with someone not on the list (the director) does not satisfy the first requirement', () => {
    const events = [request('2025-06-02'), talk('2025-06-02', 'director'), talk('2025-06-03', 'iro'), approved('2025-06-04', 'service_manager')];
    expect(run(bristol, events).violations.map((v) => v.message)).toEqual([
      'Postponing a Child in Care review: no discussion_held where discussion_held.with in (consultant_social_worker, practice_lead, team_manager) ' +
        'between the request on Mon 2 Jun 2025 and the decision on Wed 4 Jun 2025',
    ]);
  });

  it('requested with 3 working days notice: a violation with the real figures, pointing at the request', () => {
    const events = [request('2025-06-06'), talk('2025-06-06', 'team_manager'), talk('2025-06-06', 'iro'), approved('2025-06-06', 'service_manager')];
    const r = run(bristol, events);
    expect(r.violations).toEqual([
      {
        rule: 'review_postponement',
        kind: 'approval',
        message:
          "Postponing a Child in Care review: requested on Fri 6 Jun 2025, 3 working days before the meeting on Wed 11 Jun 2025; at least 5 working days' notice is required, so the request had to be made by Wed 4 Jun 2025",
        event: { type: 'review_postponement_requested', date: '2025-06-06', index: 0 },
        citation: 'Practice change, bullets 5 and 6',
      },
    ]);
  });

  it('exactly 5 working days notice is enough; the notice is counted on the working-day calendar (Spring bank holiday)', () => {
    expect(run(bristol, [request('2025-06-04')]).violations).toEqual([]);
    // Meeting Tue 27 May 2025: Mon 26 May is the Spring bank holiday, so Tue 20 May gives only 4 working days.
    const r = run(bristol, [ev('review_postponement_requested', '2025-05-20', { by: 'social_worker', meeting: '2025-05-27' })]);
    expect(r.violations.map((v) => v.message)).toEqual([
      "Postponing a Child in Care review: requested on Tue 20 May 2025, 4 working days before the meeting on Tue 27 May 2025; at least 5 working days' notice is required, so the request had to be made by Mon 19 May 2025",
    ]);
  });

  it('a request after the meeting date says so', () => {
    const r = run(bristol, [request('2025-06-12')]);
    expect(r.violations.map((v) => v.message)).toEqual([
      "Postponing a Child in Care review: requested on Thu 12 Jun 2025, 1 day after the meeting on Wed 11 Jun 2025; at least 5 working days' notice is required, so the request had to be made by Wed 4 Jun 2025",
    ]);
  });

  it('a request without the meeting date gets a notice, not a guess', () => {
    const r = run(bristol, [ev('review_postponement_requested', '2025-06-02', { by: 'social_worker' })]);
    expect(r.violations).toEqual([]);
    expect(r.notices.map((n) => n.message)).toEqual([
      'the `review_postponement_requested` event of 2025-06-02 has no `meeting`, so the notice of approval `review_postponement` could not be checked',
    ]);
  });

  it('a decision with no request on or before it is a violation', () => {
    const r = run(bristol, [approved('2025-06-04', 'service_manager'), request('2025-06-05')]);
    expect(r.violations.map((v) => [v.event.type, v.message])).toEqual([
      ['review_postponement_approved', 'Postponing a Child in Care review: review_postponement_approved on Wed 4 Jun 2025 has no review_postponement_requested on or before it'],
      // The later request is also two working days short.
      [
        'review_postponement_requested',
        "Postponing a Child in Care review: requested on Thu 5 Jun 2025, 4 working days before the meeting on Wed 11 Jun 2025; at least 5 working days' notice is required, so the request had to be made by Wed 4 Jun 2025",
      ],
    ]);
  });

  it('each request is decided once: a second decision needs a second request', () => {
    const r = run(bristol, [...PROPER, approved('2025-06-05', 'service_manager')]);
    expect(r.violations.map((v) => [v.event.date, v.message])).toEqual([
      ['2025-06-05', 'Postponing a Child in Care review: review_postponement_approved on Thu 5 Jun 2025 has no review_postponement_requested on or before it'],
    ]);
  });

  it("a decision on the IRO's request is not this approval's (its `where` reads the request): no violation", () => {
    const r = run(bristol, [request('2025-06-02', 'iro'), approved('2025-06-03', 'team_manager')]);
    expect(r.violations).toEqual([]);
  });

  it('`or above` approvers: the message quotes the approvers as written', () => {
    const direction: IrApproval = {
      ...POSTPONEMENT,
      id: 'case_direction',
      title: 'A case direction',
      citation: 'Practice change, bullet 7',
      request: { event: 'review_postponement_requested' },
      approvers: ['team_manager', 'service_manager', 'assistant_director', 'director'],
      approversText: 'team_manager or above',
      requires: [],
    };
    const { notice: _notice, ...withoutNotice } = direction;
    const p = preparePolicy(policy([withoutNotice]));
    expect(run(p, [request('2025-06-10'), approved('2025-06-10', 'director')]).violations).toEqual([]);
    expect(run(p, [request('2025-06-10'), approved('2025-06-10', 'practice_lead')]).violations.map((v) => v.message)).toEqual([
      'A case direction: approved by practice_lead on Tue 10 Jun 2025, but only team_manager or above may approve',
    ]);
  });

  it('events after the as-of date are not considered', () => {
    const events = [...PROPER.slice(0, 3), approved('2025-06-04', 'team_manager')];
    const r = run(bristol, events, '2025-06-03');
    expect(r.violations).toEqual([]);
    expect(r.notices.map((n) => n.message)).toEqual(['1 event dated after the as-of date 2025-06-03 was not considered']);
  });

  it('violations are sorted by the date of their event, and results stay plain JSON', () => {
    const events = [approved('2025-06-20', 'team_manager'), request('2025-06-06'), approved('2025-06-09', 'iro')];
    const r = run(bristol, events);
    expect(r.violations.map((v) => [v.event.date, v.event.index])).toEqual([
      ['2025-06-06', 1],
      ['2025-06-09', 2],
      ['2025-06-09', 2],
      ['2025-06-09', 2],
      ['2025-06-20', 0],
    ]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('a notice measured from another event than the request is a malformed IR', () => {
    const bad: IrApproval = { ...POSTPONEMENT, notice: { ...POSTPONEMENT.notice!, anchor: { kind: 'event', event: 'discussion_held' } } };
    expect(() => preparePolicy(policy([bad]))).toThrow(MalformedIrError);
  });
});
