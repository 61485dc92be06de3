/**
 * Ladder stage states and stage parts (issue 18 item 4, issue 12 item 6), worked by hand from the
 * directions' words and compiled from policy text: a stage taken to a later stage with no response
 * reads `escalated` (when, to which stage, to whom), not `overdue` for ever; copies of parties to
 * bypassed stages are left out; a stage's `raised by` is checked against the raise's `by`; a stage's
 * `when` keeps it out of the ladder for cases it does not fit; a referral that `stops the clock` ends
 * the overall limit's count. Semantics: docs/language.md, "Escalation ladders".
 *
 * Input: a self-contained policy (Peterborough's protocol, 9.1.3 and 9.2, with a stage condition added
 * for the test) compiled by `compile`, and cases as plain JSON. Output: vitest assertions on
 * `escalations`, `violations` and explanations.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { CompiledPolicy, EvaluationResult } from '../../runtime/index.ts';

const TEXT = `policy local.ladder_stages
  title "Ladder stages"

calendar england-and-wales

role iro                "IRO"
role social_worker      "Social worker"
role team_manager       "Team manager"
role service_manager    "Service manager"
role assistant_director "Assistant director"
role director           "Director"
role cafcass            "Cafcass"

fact looked_after "The child is looked after": boolean

event escalation_raised   { ladder: text, stage: number, by?: role }
event escalation_response { ladder: text, stage: number, satisfactory: boolean }
event escalation_resolved { ladder: text }

ladder disputes "Local dispute resolution protocol"
  raised by iro
  stages may be bypassed
  in total at most 28 days cite "9.1.3"
  stage 1 alert social_worker, team_manager respond within 5 working days cite "9.2 Stage 1"
  stage 2 alert service_manager copy assistant_director, social_worker, team_manager respond within 5 working days cite "9.2 Stage 2"
  stage 3 alert assistant_director copy service_manager, social_worker, team_manager respond within 5 working days when looked_after cite "9.2 Stage 3"
  stage 4 alert director copy assistant_director, service_manager, social_worker, team_manager respond within 5 working days cite "9.2 Stage 4"
  stage 6 "Referral to CAFCASS" refer to cafcass stops the clock cite "9.2 Stage 6"
  cite "9.2"
`;

function compiled(): CompiledPolicy {
  const c = compile(TEXT, { uri: 'test/ladder-stages.pdl' });
  expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (c.policy === undefined) throw new Error('the policy did not compile');
  return c.policy;
}
const policy = compiled();

type Ev = Record<string, string | number | boolean>;
const raise = (date: string, stage: number, by?: string): Ev => ({ type: 'escalation_raised', date, ladder: 'disputes', stage, ...(by === undefined ? {} : { by }) });
const respond = (date: string, stage: number, satisfactory: boolean): Ev => ({ type: 'escalation_response', date, ladder: 'disputes', stage, satisfactory });

function run(events: Ev[], asOf: string, lookedAfter = true): EvaluationResult {
  const r = policy.evaluate({ id: 'ls', child: { dob: '2015-03-01' }, facts: { looked_after: lookedAfter }, events }, asOf);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.result;
}

describe('escalated: a stage taken to a later stage with no response (9.2 Stage 1, point 3)', () => {
  // "In the event that no response is forwarded within this timeframe or the IRO considers the response
  // to be unsatisfactory the IRO will proceed to a Stage 2". Stage 1 Mon 2 Jun 2025 + 5 working days
  // = Mon 9 Jun; no response; stage 2 raised Tue 10 Jun.
  it('reads escalated on the day stage 2 was raised, to the service manager, long after', () => {
    const r = run([raise('2025-06-02', 1), raise('2025-06-10', 2)], '2025-09-01');
    const [first] = r.escalations;
    expect(first).toMatchObject({ stage: 1, due: '2025-06-09', status: 'escalated', escalatedOn: '2025-06-10', escalatedToStage: 2, escalatedTo: ['service_manager'], nextStageDue: false });
    expect(first?.explanation).toContain('no response by Tue 10 Jun 2025, when the matter was escalated to stage 2 (alerting service_manager): escalated');
    expect(first?.explanation).not.toContain('overdue');
  });

  it('until stage 2 is raised, stage 1 is overdue and stage 2 is due: PDL does not move the ladder on by itself', () => {
    const r = run([raise('2025-06-02', 1)], '2025-06-10');
    expect(r.escalations[0]).toMatchObject({ status: 'overdue', nextStageDue: true });
    expect(r.escalations[0]).not.toHaveProperty('escalatedOn');
  });

  it('an unsatisfactory response before stage 2 keeps its status; a response after the escalation is shown but the stage reads escalated', () => {
    const before = run([raise('2025-06-02', 1), respond('2025-06-05', 1, false), raise('2025-06-06', 2)], '2025-06-20');
    expect(before.escalations[0]).toMatchObject({ status: 'unsatisfactory', respondedOn: '2025-06-05', escalatedOn: '2025-06-06', escalatedToStage: 2 });
    const after = run([raise('2025-06-02', 1), raise('2025-06-06', 2), respond('2025-06-09', 1, true)], '2025-06-20');
    expect(after.escalations[0]).toMatchObject({ status: 'escalated', respondedOn: '2025-06-09', escalatedOn: '2025-06-06' });
  });
});

describe('copies after a bypassed stage (9.2 Stages 2-4: "a copy to all parties from the previous stage")', () => {
  it('stage 4 raised after stage 1 copies the social worker and team manager, not the stage 2 and 3 managers', () => {
    const r = run([raise('2025-06-02', 1), raise('2025-06-10', 4)], '2025-06-11');
    expect(r.escalations[1]).toMatchObject({ stage: 4, copied: ['social_worker', 'team_manager'] });
    expect(r.escalations[1]?.explanation).toContain('(not assistant_director and service_manager, copied only as parties to earlier stages that were bypassed)');
  });

  it('stage 2 copies the assistant director in any case ("copy in the Assistant Director"): no earlier stage names them', () => {
    const r = run([raise('2025-06-02', 2)], '2025-06-03');
    expect(r.escalations[0]?.copied).toEqual(['assistant_director']);
  });
});

describe('stage raisers ("The IRO will send a dispute resolution alert")', () => {
  it('a raise by the IRO is fine, a raise by the team manager is reported, a raise that does not say is not checked', () => {
    const r = run([raise('2025-06-02', 1, 'iro'), raise('2025-06-10', 2, 'team_manager'), raise('2025-06-17', 4)], '2025-06-18');
    expect(r.violations.map((v) => v.message)).toEqual(['stage 2 of disputes was raised on Tue 10 Jun 2025 by team_manager, but iro raises it']);
    expect(r.escalations).toHaveLength(3);
  });
});

describe('a stage for children in care only (`when looked_after`)', () => {
  it('for a child not looked after, stage 3 is not the next stage: stage 4 is, and raising stage 3 is reported', () => {
    const notLooked = run([raise('2025-06-02', 2)], '2025-06-10', false);
    expect(notLooked.escalations[0]).toMatchObject({ nextStageDue: true });
    expect(notLooked.escalations[0]?.explanation).toContain('stage 4 is now due');
    const raised3 = run([raise('2025-06-02', 2), raise('2025-06-10', 3)], '2025-06-11', false);
    expect(raised3.violations.map((v) => v.message)).toEqual(['stage 3 of disputes was raised on Tue 10 Jun 2025, but it applies only when looked_after, which does not hold for this case on that date']);
  });

  it('for a looked after child, stage 3 is the next stage and raising it is no violation', () => {
    const looked = run([raise('2025-06-02', 2)], '2025-06-10');
    expect(looked.escalations[0]?.explanation).toContain('stage 3 is now due');
    expect(run([raise('2025-06-02', 2), raise('2025-06-10', 3)], '2025-06-11').violations).toEqual([]);
  });
});

describe('a referral that stops the clock (9.1.3: "the formal dispute resolution process within the LA must have timescales in total of no more than 28 days")', () => {
  // Stage 1 Mon 2 Jun 2025 + 28 days = Mon 30 Jun 2025.
  it('made on Fri 27 Jun, the 28 days are kept however late the as-of date', () => {
    const r = run([raise('2025-06-02', 1), raise('2025-06-27', 6)], '2025-09-01');
    expect(r.escalations.map((e) => [e.stage, e.status, e.capDue, e.clockStoppedOn, e.capExceeded])).toEqual([
      [1, 'escalated', '2025-06-30', '2025-06-27', false],
      [6, 'referred', '2025-06-30', '2025-06-27', false],
    ]);
    expect(r.escalations[1]?.explanation).toContain('stopped by the referral on Fri 27 Jun 2025, within it');
  });

  it('made on Tue 1 Jul, a day late, the limit is exceeded', () => {
    const r = run([raise('2025-06-02', 1), raise('2025-07-01', 6)], '2025-09-01');
    expect(r.escalations[1]).toMatchObject({ clockStoppedOn: '2025-07-01', capExceeded: true });
  });

  it('a concurrent referral followed by stage 2 stops nothing: the LA process goes on past the 28 days', () => {
    const r = run([raise('2025-06-02', 6), raise('2025-06-03', 2)], '2025-07-15');
    expect(r.escalations.map((e) => [e.stage, e.status, e.capExceeded])).toEqual([
      [6, 'referred', true],
      [2, 'overdue', true],
    ]);
    expect(r.escalations[0]).not.toHaveProperty('clockStoppedOn');
    expect(r.escalations[0]?.explanation).toContain('a later stage has been raised since, so this referral does not stop the overall limit');
  });
});
