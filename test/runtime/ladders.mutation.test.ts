/**
 * Tests written to kill the surviving mutants of runtime/ladders.ts (docs/testing.md, "Mutation
 * testing"): whole escalations (every field, the whole explanation) for each branch of the
 * explanation (a stage with a title, raised by a role, a key, copies left out as parties to bypassed
 * stages, a referral that copies or stops the clock, escalated to a referral, responded before a later
 * stage, a later stage of a lower number, no response yet, the last stage, a cap without a citation,
 * stopped within or after the cap), `advance when` with one reason only, the whole message of each
 * violation (a raiser not listed among two, a stage skipped on a strict ladder, a stage whose `when`
 * keeps it out), and which response answers which raise (the same day as the raise or the resolution,
 * before the first raise, after the resolution, another key's, a stage raised twice), IR the compiler
 * does not emit but the runtime reads (a stage with no timescale, a last stage that is no referral,
 * stages out of order, a ladder attribute declared optional, a clock stopped with no overall limit), and
 * malformed IR (a stage declared twice, a stage's `when` over an undeclared fact: the whole message).
 *
 * Every expected text is worked by hand from the case: June 2025 has no bank holiday, Mon 2 Jun 2025
 * + 2 working days = Wed 4 Jun, + 3 = Thu 5 Jun; Tue 3 Jun + 2 = Thu 5 Jun; Wed 4 Jun + 2 = Fri 6 Jun;
 * Thu 5 Jun + 2 = Mon 9 Jun (over a weekend); Mon 2 Jun + 10 days = Thu 12 Jun.
 *
 * Input: one policy written here, compiled once; each test prepares it itself (Stryker's coverage per
 * test credits a test only with the code it runs, so a policy prepared at import would leave
 * `compileLadders`'s mutants unexamined). Output: assertions only.
 */
import { describe, expect, it } from 'vitest';
import { preparePolicy } from '../../runtime/index.ts';
import type { CompiledPolicy, Escalation, EvaluationResult, IrLadder, PolicyIR } from '../../runtime/index.ts';
import { refusal, UNDECLARED_FACT as UNDECLARED } from '../support/malformed-ir.ts';
import { compiledIr } from '../support/compiled.ts';

const LADDERS = `policy test.ladder_golden
  title "Ladder explanations"

calendar england-and-wales

role iro             "IRO"
role iro_manager     "IRO manager"
role team_manager    "Team manager"
role service_manager "Service manager"
role director        "Director"
role cafcass         "Cafcass"

fact looked_after "The child is looked after": boolean

event escalation_raised   { ladder: text, stage: number, by?: role, ref?: text }
event escalation_response { ladder: text, stage: number, satisfactory: boolean, ref?: text }
event escalation_resolved { ladder: text, ref?: text }
event review_held

ladder keyed "Keyed disputes"
  raised by iro, iro_manager
  stages may be bypassed
  in total at most 10 days
  stage 1 "First" alert team_manager respond within 2 working days cite "K1"
  stage 2 alert service_manager, director copy team_manager respond within 3 working days cite "K2"
  stage 3 "Referral" refer to cafcass copy team_manager, director stops the clock cite "K3"
  advance when unsatisfactory
  notify "{{ladder.id}} stage {{stage.number}} raised on {{stage.raisedOn}}"
  matched by ref
  cite "K"

ladder strict "Strict ladder"
  raised by iro
  stage 1 alert team_manager respond within 2 working days cite "S1"
  stage 2 alert service_manager respond within 2 working days cite "S2"
  stage 3 alert director respond within 2 working days when looked_after cite "S3"
  stage 4 raised by iro_manager refer to cafcass cite "S4"
  advance when late
  cite "S"
`;

function irOf(text: string): PolicyIR {
  return compiledIr(text, { uri: 'ladder-golden.pdl' });
}

const IR = irOf(LADDERS);
const ladders = (): CompiledPolicy => preparePolicy(IR);

type Ev = { readonly type: string; readonly date: string } & Record<string, string | number | boolean>;
const raise = (ladder: string, date: string, stage: number, more: Record<string, string> = {}): Ev => ({ type: 'escalation_raised', date, ladder, stage, ...more });
const respond = (ladder: string, date: string, stage: number, satisfactory: boolean, more: Record<string, string> = {}): Ev => ({
  type: 'escalation_response',
  date,
  ladder,
  stage,
  satisfactory,
  ...more,
});
const resolve = (ladder: string, date: string, more: Record<string, string> = {}): Ev => ({ type: 'escalation_resolved', date, ladder, ...more });

function run(p: CompiledPolicy, events: readonly Ev[], asOf: string, lookedAfter = true): EvaluationResult {
  const r = p.evaluate({ id: 'case-ladder', child: { dob: '2012-02-02' }, facts: { looked_after: lookedAfter }, events }, asOf);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.result;
}

const CAP_KEYED_2_JUN = 'In total at most 10 days: 10 days after the first escalation_raised on Mon 2 Jun 2025 is Thu 12 Jun 2025';

describe('whole escalations of a keyed ladder with a cap and no cap citation', () => {
  it('two escalations by key: one overdue (not advanced: only an unsatisfactory response advances), one answered unsatisfactorily', () => {
    const r = run(
      ladders(),
      [
        raise('keyed', '2025-06-02', 1, { by: 'iro', ref: 'a' }),
        raise('keyed', '2025-06-03', 1, { by: 'iro_manager', ref: 'b' }),
        respond('keyed', '2025-06-04', 1, false, { ref: 'b' }),
      ],
      '2025-06-05',
    );
    expect(r.violations).toEqual([]);
    expect(r.notices).toEqual([]);
    expect(r.escalations).toEqual<Escalation[]>([
      {
        ladder: 'keyed',
        title: 'Keyed disputes',
        instance: 1,
        stage: 1,
        stageTitle: 'First',
        current: true,
        raisedOn: '2025-06-02',
        respondents: ['team_manager'],
        copied: [],
        due: '2025-06-04',
        status: 'overdue',
        nextStageDue: false,
        capDue: '2025-06-12',
        capExceeded: false,
        citation: 'K1',
        explanation:
          'keyed, escalation 1 (matched by ref), stage 1 (First): raised on Mon 2 Jun 2025 by iro, alerting team_manager; ' +
          'team_manager must respond within 2 working days: 2 working days after escalation_raised on Mon 2 Jun 2025 is Wed 4 Jun 2025; ' +
          `no response by the as-of date Thu 5 Jun 2025: overdue. ${CAP_KEYED_2_JUN}; still open on the as-of date Thu 5 Jun 2025, within it. Source: K1.`,
      },
      {
        ladder: 'keyed',
        title: 'Keyed disputes',
        instance: 2,
        stage: 1,
        stageTitle: 'First',
        current: true,
        raisedOn: '2025-06-03',
        respondents: ['team_manager'],
        copied: [],
        due: '2025-06-05',
        status: 'unsatisfactory',
        respondedOn: '2025-06-04',
        nextStageDue: true,
        nextStageReason: 'the response on Wed 4 Jun 2025 was unsatisfactory',
        capDue: '2025-06-13',
        capExceeded: false,
        citation: 'K1',
        explanation:
          'keyed, escalation 2 (matched by ref), stage 1 (First): raised on Tue 3 Jun 2025 by iro_manager, alerting team_manager; ' +
          'team_manager must respond within 2 working days: 2 working days after escalation_raised on Tue 3 Jun 2025 is Thu 5 Jun 2025; ' +
          'responded on Wed 4 Jun 2025, judged unsatisfactory; stage 2 is now due: the response on Wed 4 Jun 2025 was unsatisfactory. ' +
          'In total at most 10 days: 10 days after the first escalation_raised on Tue 3 Jun 2025 is Fri 13 Jun 2025; still open on the as-of date Thu 5 Jun 2025, within it. Source: K1.',
      },
    ]);
  });

  it('escalated to a referral that copies both parties and stops the clock after the cap', () => {
    const r = run(ladders(), [raise('keyed', '2025-06-02', 2, { by: 'iro', ref: 'a' }), raise('keyed', '2025-06-16', 3, { ref: 'a' })], '2025-06-23');
    expect(r.violations).toEqual([]);
    expect(r.escalations).toEqual<Escalation[]>([
      {
        ladder: 'keyed',
        title: 'Keyed disputes',
        instance: 1,
        stage: 2,
        current: false,
        raisedOn: '2025-06-02',
        respondents: ['service_manager', 'director'],
        copied: [],
        due: '2025-06-05',
        status: 'escalated',
        escalatedOn: '2025-06-16',
        escalatedToStage: 3,
        escalatedTo: ['cafcass'],
        nextStageDue: false,
        capDue: '2025-06-12',
        clockStoppedOn: '2025-06-16',
        capExceeded: true,
        citation: 'K2',
        explanation:
          'keyed, escalation 1 (matched by ref), stage 2: raised on Mon 2 Jun 2025 by iro, alerting service_manager and director ' +
          '(not team_manager, copied only as a party to earlier stages that were bypassed); ' +
          'service_manager and director must respond within 3 working days: 3 working days after escalation_raised on Mon 2 Jun 2025 is Thu 5 Jun 2025; ' +
          `no response by Mon 16 Jun 2025, when the matter was escalated to stage 3 (referred to cafcass): escalated. ${CAP_KEYED_2_JUN}; ` +
          'stopped by the referral on Mon 16 Jun 2025, 4 days after it: exceeded. Source: K2.',
      },
      {
        ladder: 'keyed',
        title: 'Keyed disputes',
        instance: 1,
        stage: 3,
        stageTitle: 'Referral',
        current: true,
        raisedOn: '2025-06-16',
        respondents: [],
        copied: ['team_manager', 'director'],
        status: 'referred',
        nextStageDue: false,
        capDue: '2025-06-12',
        clockStoppedOn: '2025-06-16',
        capExceeded: true,
        citation: 'K3',
        explanation:
          'keyed, escalation 1 (matched by ref), stage 3 (Referral): raised on Mon 16 Jun 2025, referring the matter to cafcass and copying team_manager and director; ' +
          "no response is expected; the referral stops the overall limit's clock; this is the last stage. " +
          `${CAP_KEYED_2_JUN}; stopped by the referral on Mon 16 Jun 2025, 4 days after it: exceeded. Source: K3.`,
      },
    ]);
  });

  it('a referral raised first leaves out both copies, and stops the clock within the cap', () => {
    const [e, ...rest] = run(ladders(), [raise('keyed', '2025-06-02', 3)], '2025-07-01').escalations;
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ copied: [], status: 'referred', clockStoppedOn: '2025-06-02', capExceeded: false });
    expect(e?.explanation).toBe(
      'keyed, escalation 1 (matched by ref), stage 3 (Referral): raised on Mon 2 Jun 2025, referring the matter to cafcass ' +
        '(not team_manager and director, copied only as parties to earlier stages that were bypassed); ' +
        "no response is expected; the referral stops the overall limit's clock; this is the last stage. " +
        `${CAP_KEYED_2_JUN}; stopped by the referral on Mon 2 Jun 2025, within it. Source: K3.`,
    );
  });

  it('each raised stage gets its notification, in the order of the escalations', () => {
    const r = run(ladders(), [raise('keyed', '2025-06-02', 1, { ref: 'a' }), raise('keyed', '2025-06-03', 2, { ref: 'a' })], '2025-06-04');
    expect(r.notifications).toEqual([
      { rule: 'keyed', subject: 'keyed stage 1 raised on 2025-06-02', escalation: { ladder: 'keyed', instance: 1, stage: 1 } },
      { rule: 'keyed', subject: 'keyed stage 2 raised on 2025-06-03', escalation: { ladder: 'keyed', instance: 1, stage: 2 } },
    ]);
  });

  it('stage 2 after stage 1 copies the party of stage 1: the whole explanation', () => {
    const [, second] = run(ladders(), [raise('keyed', '2025-06-02', 1), raise('keyed', '2025-06-03', 2)], '2025-06-04').escalations;
    expect(second?.copied).toEqual(['team_manager']);
    expect(second?.explanation).toBe(
      'keyed, escalation 1 (matched by ref), stage 2: raised on Tue 3 Jun 2025, alerting service_manager and director and copying team_manager; ' +
        'service_manager and director must respond within 3 working days: 3 working days after escalation_raised on Tue 3 Jun 2025 is Fri 6 Jun 2025; ' +
        `no response yet as of Wed 4 Jun 2025. ${CAP_KEYED_2_JUN}; still open on the as-of date Wed 4 Jun 2025, within it. Source: K2.`,
    );
  });

  it('a lower stage raised after stage 2: the copy of stage 2 is still left out (stage 1 came after it)', () => {
    const r = run(ladders(), [raise('keyed', '2025-06-02', 2), raise('keyed', '2025-06-03', 1)], '2025-06-04');
    expect(r.escalations.map((e) => [e.stage, e.copied])).toEqual([
      [2, []],
      [1, []],
    ]);
  });

  it('a referral followed by a later raise does not stop the clock: the whole explanation', () => {
    const [referral] = run(ladders(), [raise('keyed', '2025-06-02', 3), raise('keyed', '2025-06-03', 2)], '2025-06-04').escalations;
    expect(referral).not.toHaveProperty('clockStoppedOn');
    expect(referral?.explanation).toBe(
      'keyed, escalation 1 (matched by ref), stage 3 (Referral): raised on Mon 2 Jun 2025, referring the matter to cafcass ' +
        '(not team_manager and director, copied only as parties to earlier stages that were bypassed); ' +
        "no response is expected; a later stage has been raised since, so this referral does not stop the overall limit's clock; a later stage has since been raised. " +
        `${CAP_KEYED_2_JUN}; still open on the as-of date Wed 4 Jun 2025, within it. Source: K3.`,
    );
  });

  it('resolved on the day the cap falls due: within it', () => {
    const [e] = run(ladders(), [raise('keyed', '2025-06-02', 1), resolve('keyed', '2025-06-12')], '2025-06-20').escalations;
    expect(e).toMatchObject({ capDue: '2025-06-12', capExceeded: false, resolvedOn: '2025-06-12' });
    expect(e?.explanation).toContain(`the escalation was resolved on Thu 12 Jun 2025. ${CAP_KEYED_2_JUN}; resolved on Thu 12 Jun 2025, within it. Source: K1.`);
  });

  it('a raise by a role the ladder does not list names both raisers', () => {
    const r = run(ladders(), [raise('keyed', '2025-06-02', 1, { by: 'director' })], '2025-06-03');
    expect(r.violations).toEqual([
      {
        rule: 'keyed',
        kind: 'ladder',
        message: 'stage 1 of keyed was raised on Mon 2 Jun 2025 by director, but iro and iro_manager raise it',
        event: { type: 'escalation_raised', date: '2025-06-02', index: 0 },
        citation: 'K1',
      },
    ]);
  });
});

describe('whole escalations of a strict ladder without a cap, advanced only when late', () => {
  it('responded before the next stage was raised; the next stage awaits its response', () => {
    const r = run(ladders(), [raise('strict', '2025-06-02', 1), respond('strict', '2025-06-03', 1, true), raise('strict', '2025-06-04', 2)], '2025-06-06');
    expect(r.violations).toEqual([]);
    expect(r.escalations).toStrictEqual<Escalation[]>([
      {
        ladder: 'strict',
        title: 'Strict ladder',
        instance: 1,
        stage: 1,
        current: false,
        raisedOn: '2025-06-02',
        respondents: ['team_manager'],
        copied: [],
        due: '2025-06-04',
        status: 'responded',
        respondedOn: '2025-06-03',
        escalatedOn: '2025-06-04',
        escalatedToStage: 2,
        escalatedTo: ['service_manager'],
        nextStageDue: false,
        capExceeded: false,
        citation: 'S1',
        explanation:
          'strict, escalation 1, stage 1: raised on Mon 2 Jun 2025, alerting team_manager; ' +
          'team_manager must respond within 2 working days: 2 working days after escalation_raised on Mon 2 Jun 2025 is Wed 4 Jun 2025; ' +
          'responded on Tue 3 Jun 2025, judged satisfactory; stage 2 was raised on Wed 4 Jun 2025. Source: S1.',
      },
      {
        ladder: 'strict',
        title: 'Strict ladder',
        instance: 1,
        stage: 2,
        current: true,
        raisedOn: '2025-06-04',
        respondents: ['service_manager'],
        copied: [],
        due: '2025-06-06',
        status: 'awaiting_response',
        nextStageDue: false,
        capExceeded: false,
        citation: 'S2',
        explanation:
          'strict, escalation 1, stage 2: raised on Wed 4 Jun 2025, alerting service_manager; ' +
          'service_manager must respond within 2 working days: 2 working days after escalation_raised on Wed 4 Jun 2025 is Fri 6 Jun 2025; ' +
          'no response yet as of Fri 6 Jun 2025. Source: S2.',
      },
    ]);
  });

  it('a lower stage raised after a higher one: the higher reads "a later stage has since been raised"; starting at stage 2 skips stage 1', () => {
    const r = run(ladders(), [raise('strict', '2025-06-02', 2), raise('strict', '2025-06-03', 1)], '2025-06-05');
    expect(r.violations).toEqual([
      {
        rule: 'strict',
        kind: 'ladder',
        message: 'stage 2 of strict was raised on Mon 2 Jun 2025, but stage 1 was skipped; the stages of this ladder may not be bypassed',
        event: { type: 'escalation_raised', date: '2025-06-02', index: 0 },
        citation: 'S',
      },
    ]);
    expect(r.escalations.map((e) => [e.stage, e.status, e.current, e.nextStageDue, e.explanation])).toEqual([
      [
        2, 'overdue', false, false,
        'strict, escalation 1, stage 2: raised on Mon 2 Jun 2025, alerting service_manager; ' +
          'service_manager must respond within 2 working days: 2 working days after escalation_raised on Mon 2 Jun 2025 is Wed 4 Jun 2025; ' +
          'no response by the as-of date Thu 5 Jun 2025: overdue; a later stage has since been raised. Source: S2.',
      ],
      [
        1, 'awaiting_response', true, false,
        'strict, escalation 1, stage 1: raised on Tue 3 Jun 2025, alerting team_manager; ' +
          'team_manager must respond within 2 working days: 2 working days after escalation_raised on Tue 3 Jun 2025 is Thu 5 Jun 2025; ' +
          'no response yet as of Thu 5 Jun 2025. Source: S1.',
      ],
    ]);
  });

  it('late: the next stage is due with the late reason only, even for an unsatisfactory response; over a weekend', () => {
    const [e] = run(ladders(), [raise('strict', '2025-06-05', 1), respond('strict', '2025-06-10', 1, false)], '2025-06-11').escalations;
    expect(e).toMatchObject({ due: '2025-06-09', status: 'unsatisfactory', nextStageDue: true, nextStageReason: 'the response on Tue 10 Jun 2025 came after the due date Mon 9 Jun 2025' });
    expect(e?.explanation).toBe(
      'strict, escalation 1, stage 1: raised on Thu 5 Jun 2025, alerting team_manager; ' +
        'team_manager must respond within 2 working days: 2 working days after escalation_raised on Thu 5 Jun 2025 is Mon 9 Jun 2025 (skipping weekends); ' +
        'responded late, on Tue 10 Jun 2025, 1 day after the due date, judged unsatisfactory; stage 2 is now due: the response on Tue 10 Jun 2025 came after the due date Mon 9 Jun 2025. Source: S1.',
    );
  });

  it('a response on the due date is on time; a response on the day of the next raise counts before it', () => {
    const r = run(ladders(), [raise('strict', '2025-06-02', 1), respond('strict', '2025-06-04', 1, true), raise('strict', '2025-06-04', 2)], '2025-06-05');
    expect(r.escalations[0]).toMatchObject({ status: 'responded', respondedOn: '2025-06-04', escalatedOn: '2025-06-04' });
    expect(r.escalations[0]?.explanation).toBe(
      'strict, escalation 1, stage 1: raised on Mon 2 Jun 2025, alerting team_manager; ' +
        'team_manager must respond within 2 working days: 2 working days after escalation_raised on Mon 2 Jun 2025 is Wed 4 Jun 2025; ' +
        'responded on Wed 4 Jun 2025, judged satisfactory; stage 2 was raised on Wed 4 Jun 2025. Source: S1.',
    );
    const alone = run(ladders(), [raise('strict', '2025-06-02', 1), respond('strict', '2025-06-04', 1, false)], '2025-06-20').escalations[0];
    expect(alone).toMatchObject({ status: 'unsatisfactory', nextStageDue: false });
  });

  it('a stage raised out of order on a strict ladder: only the stages between the highest raised so far and it are skipped', () => {
    const r = run(ladders(), [raise('strict', '2025-06-02', 1), raise('strict', '2025-06-03', 3), raise('strict', '2025-06-04', 2), raise('strict', '2025-06-05', 4, { by: 'iro' })], '2025-06-06');
    expect(r.violations).toEqual([
      {
        rule: 'strict',
        kind: 'ladder',
        message: 'stage 3 of strict was raised on Tue 3 Jun 2025, but stage 2 was skipped; the stages of this ladder may not be bypassed',
        event: { type: 'escalation_raised', date: '2025-06-03', index: 1 },
        citation: 'S',
      },
      {
        rule: 'strict',
        kind: 'ladder',
        message: 'stage 4 of strict was raised on Thu 5 Jun 2025 by iro, but iro_manager raises it',
        event: { type: 'escalation_raised', date: '2025-06-05', index: 3 },
        citation: 'S4',
      },
    ]);
  });

  it('a response after the next stage was raised: escalated, the late response still told', () => {
    const [first] = run(ladders(), [raise('strict', '2025-06-02', 1), raise('strict', '2025-06-03', 2), respond('strict', '2025-06-04', 1, true)], '2025-06-05').escalations;
    expect(first).toMatchObject({ status: 'escalated', respondedOn: '2025-06-04', escalatedOn: '2025-06-03' });
    expect(first?.explanation).toBe(
      'strict, escalation 1, stage 1: raised on Mon 2 Jun 2025, alerting team_manager; ' +
        'team_manager must respond within 2 working days: 2 working days after escalation_raised on Mon 2 Jun 2025 is Wed 4 Jun 2025; ' +
        'no response by Tue 3 Jun 2025, when the matter was escalated to stage 2 (alerting service_manager): escalated; responded on Wed 4 Jun 2025, judged satisfactory. Source: S1.',
    );
  });

  it('an unsatisfactory response on time does not advance a ladder that advances only when late', () => {
    const [e] = run(ladders(), [raise('strict', '2025-06-02', 1), respond('strict', '2025-06-03', 1, false)], '2025-06-20').escalations;
    expect(e).toMatchObject({ status: 'unsatisfactory', nextStageDue: false, current: true });
    expect(e).not.toHaveProperty('nextStageReason');
  });

  it('a stage whose `when` does not hold: skipped by nothing, not the next stage, and raising it is reported', () => {
    const notLooked = run(ladders(), [raise('strict', '2025-06-02', 1), raise('strict', '2025-06-03', 2), raise('strict', '2025-06-04', 4)], '2025-06-05', false);
    expect(notLooked.violations).toEqual([]);
    const looked = run(ladders(), [raise('strict', '2025-06-02', 1), raise('strict', '2025-06-03', 2), raise('strict', '2025-06-04', 4)], '2025-06-05');
    expect(looked.violations.map((v) => v.message)).toEqual([
      'stage 4 of strict was raised on Wed 4 Jun 2025, but stage 3 was skipped; the stages of this ladder may not be bypassed',
    ]);
    const raised3 = run(ladders(), [raise('strict', '2025-06-02', 1), raise('strict', '2025-06-03', 2), raise('strict', '2025-06-04', 3)], '2025-06-05', false);
    expect(raised3.violations).toEqual([
      {
        rule: 'strict',
        kind: 'ladder',
        message: 'stage 3 of strict was raised on Wed 4 Jun 2025, but it applies only when looked_after, which does not hold for this case on that date',
        event: { type: 'escalation_raised', date: '2025-06-04', index: 2 },
        citation: 'S3',
      },
    ]);
    // Stage 2 overdue on Mon 9 Jun (due Thu 5 Jun): the next stage is 4 for a child not looked after, 3 otherwise.
    const next = (lookedAfter: boolean) => run(ladders(), [raise('strict', '2025-06-03', 1), raise('strict', '2025-06-03', 2)], '2025-06-09', lookedAfter).escalations[1]?.explanation;
    expect(next(false)).toContain('; stage 4 is now due: no response by Thu 5 Jun 2025. Source: S2.');
    expect(next(true)).toContain('; stage 3 is now due: no response by Thu 5 Jun 2025. Source: S2.');
  });
});

describe('results are fresh data', () => {
  it('changing the roles of one result changes neither the policy nor the next result', () => {
    const p = ladders();
    const events = [raise('strict', '2025-06-02', 1), raise('strict', '2025-06-03', 2)];
    const first = run(p, events, '2025-06-04').escalations[0] as Escalation;
    (first.respondents as string[]).push('director');
    (first.escalatedTo as string[]).push('director');
    expect(run(p, events, '2025-06-04').escalations[0]).toMatchObject({ respondents: ['team_manager'], escalatedTo: ['service_manager'] });
  });
});

describe('which response answers which raise', () => {
  it('a response on the day of the raise, and one on the day of the resolution, count; other events are no part of a ladder', () => {
    const r = run(
      ladders(),
      [{ type: 'review_held', date: '2025-06-02' }, raise('strict', '2025-06-02', 1), respond('strict', '2025-06-02', 1, true), raise('strict', '2025-06-03', 2), respond('strict', '2025-06-04', 2, true), resolve('strict', '2025-06-04')],
      '2025-06-05',
    );
    expect(r.notices).toEqual([]);
    expect(r.escalations.map((e) => [e.stage, e.status, e.respondedOn, e.resolvedOn])).toEqual([
      [1, 'resolved', '2025-06-02', '2025-06-04'],
      [2, 'resolved', '2025-06-04', '2025-06-04'],
    ]);
  });

  it('a response with no raise at all: its own notice, and no escalation', () => {
    const r = run(ladders(), [respond('strict', '2025-06-03', 1, true), { type: 'review_held', date: '2025-06-04' }], '2025-06-05');
    expect(r.escalations).toEqual([]);
    expect(r.violations).toEqual([]);
    expect(r.notices).toEqual([
      {
        code: 'notice/response-unmatched',
        message: 'the `escalation_response` event of 2025-06-03 answers no raised stage, so it was not considered',
        params: { event: 'escalation_response' },
        caseData: { date: '2025-06-03' },
      },
    ]);
  });

  it('a stage raised twice in one escalation: each raise takes the first response on or after it', () => {
    const r = run(
      ladders(),
      [raise('strict', '2025-06-02', 1), respond('strict', '2025-06-03', 1, true), respond('strict', '2025-06-04', 1, false), raise('strict', '2025-06-05', 1), respond('strict', '2025-06-06', 1, false)],
      '2025-06-09',
    );
    expect(r.escalations.map((e) => [e.stage, e.raisedOn, e.status, e.respondedOn ?? '-'])).toEqual([
      [1, '2025-06-02', 'responded', '2025-06-03'],
      [1, '2025-06-05', 'unsatisfactory', '2025-06-06'],
    ]);
    // Raising the same stage again is no escalation of the first raise.
    expect(r.escalations[0]).not.toHaveProperty('escalatedOn');
    expect(r.notices.map((n) => n.message)).toEqual([
      'the `escalation_response` event of 2025-06-04 answers no raised stage 1 of ladder `strict`, so it was not considered',
    ]);
  });

  it('a response after the resolution, or before any raise of a later escalation, answers nothing', () => {
    const r = run(ladders(), [raise('strict', '2025-06-02', 1), resolve('strict', '2025-06-03'), respond('strict', '2025-06-04', 1, true), raise('strict', '2025-06-05', 1)], '2025-06-06');
    expect(r.escalations.map((e) => [e.instance, e.status, e.respondedOn ?? '-'])).toEqual([
      [1, 'resolved', '-'],
      [2, 'awaiting_response', '-'],
    ]);
    expect(r.notices.map((n) => n.message)).toEqual([
      'the `escalation_response` event of 2025-06-04 answers no raised stage 1 of ladder `strict`, so it was not considered',
    ]);
  });

  it("a response with another key's value answers nothing; one with the raise's own value answers the later escalation", () => {
    const r = run(
      ladders(),
      [raise('keyed', '2025-06-02', 1, { ref: 'a' }), raise('keyed', '2025-06-03', 1, { ref: 'b' }), respond('keyed', '2025-06-04', 1, true, { ref: 'c' }), respond('keyed', '2025-06-04', 1, true, { ref: 'b' })],
      '2025-06-05',
    );
    expect(r.escalations.map((e) => [e.instance, e.status, e.respondedOn ?? '-'])).toEqual([
      [1, 'overdue', '-'],
      [2, 'responded', '2025-06-04'],
    ]);
    expect(r.notices.map((n) => n.message)).toEqual([
      'the `escalation_response` event of 2025-06-04 answers no raised stage 1 of ladder `keyed`, so it was not considered',
    ]);
  });

  it('a resolution ends only the escalation with its own value', () => {
    const r = run(ladders(), [raise('keyed', '2025-06-02', 1, { ref: 'a' }), raise('keyed', '2025-06-02', 1, { ref: 'b' }), resolve('keyed', '2025-06-03', { ref: 'b' }), raise('keyed', '2025-06-04', 2, { ref: 'a' })], '2025-06-05');
    expect(r.escalations.map((e) => [e.instance, e.stage, e.status, e.current])).toEqual([
      [1, 1, 'escalated', false],
      [1, 2, 'awaiting_response', true],
      [2, 1, 'resolved', false],
    ]);
  });
});

describe('ladder IR the compiler does not emit but the runtime reads', () => {
  const STRICT = IR.ladders[1] as IrLadder;
  const withStrict = (l: Partial<IrLadder>): CompiledPolicy => preparePolicy({ ...IR, ladders: [IR.ladders[0] as IrLadder, { ...STRICT, ...l }] });

  it('a stage with no timescale that is no referral: awaiting its response for ever, never late, its response not told', () => {
    const stages = STRICT.stages.map((s) => (s.number === 2 ? { ...s, respondWithin: undefined } : s));
    const p = withStrict({ stages, advance: { late: true, unsatisfactory: true } });
    const events = [raise('strict', '2025-06-02', 1), raise('strict', '2025-06-03', 2)];
    const text = 'strict, escalation 1, stage 2: raised on Tue 3 Jun 2025, alerting service_manager. Source: S2.';
    const [, waiting] = run(p, events, '2025-09-01').escalations;
    expect(waiting).toMatchObject({ status: 'awaiting_response', nextStageDue: false, explanation: text });
    expect(waiting).not.toHaveProperty('due');
    const [, answered] = run(p, [...events, respond('strict', '2025-06-04', 2, false)], '2025-09-01').escalations;
    expect(answered).toMatchObject({ status: 'unsatisfactory', nextStageDue: true, explanation: text });
    expect(answered).not.toHaveProperty('nextStageReason');
  });

  it('a referral that stops the clock of a ladder with no overall limit stops nothing', () => {
    const stages = STRICT.stages.map((s) => (s.number === 4 ? { ...s, stopsClock: true } : s));
    const [e] = run(withStrict({ stages, bypass: true }), [raise('strict', '2025-06-02', 4)], '2025-06-03').escalations;
    expect(e).not.toHaveProperty('clockStoppedOn');
    expect(e?.explanation).toBe('strict, escalation 1, stage 4: raised on Mon 2 Jun 2025, referring the matter to cafcass; no response is expected; this is the last stage. Source: S4.');
  });

  it('an overall limit cited without a limit is never told', () => {
    const [e] = run(withStrict({ capCitation: 'nowhere' }), [raise('strict', '2025-06-02', 1)], '2025-06-03').escalations;
    expect(e?.explanation).toMatch(/\. Source: S1\.$/);
    expect(e).not.toHaveProperty('capDue');
  });

  it('a ladder whose last stage is no referral: overdue there, and no next stage is due', () => {
    const p = withStrict({ stages: STRICT.stages.filter((s) => s.number <= 2) });
    const [, last] = run(p, [raise('strict', '2025-06-02', 1), raise('strict', '2025-06-03', 2)], '2025-06-20').escalations;
    expect(last).toMatchObject({ status: 'overdue', current: true, nextStageDue: false });
    expect(last?.explanation).toBe(
      'strict, escalation 1, stage 2: raised on Tue 3 Jun 2025, alerting service_manager; ' +
        'service_manager must respond within 2 working days: 2 working days after escalation_raised on Tue 3 Jun 2025 is Thu 5 Jun 2025; ' +
        'no response by the as-of date Fri 20 Jun 2025: overdue; this is the last stage. Source: S2.',
    );
  });

  it('a raise that names no ladder (the policy declares `ladder` optional) is reported with an empty name', () => {
    const events = IR.events.map((e) => (e.name === 'escalation_raised' ? { ...e, attributes: e.attributes.map((a) => (a.name === 'ladder' ? { ...a, optional: true } : a)) } : e));
    const r = run(preparePolicy({ ...IR, events }), [{ type: 'escalation_raised', date: '2025-06-02', stage: 1 }], '2025-06-03');
    expect(r.escalations).toEqual([]);
    expect(r.violations).toEqual([
      {
        rule: '',
        kind: 'ladder',
        message: 'escalation_raised on Mon 2 Jun 2025 names the ladder ``, which the policy does not declare (its ladders: `keyed`, `strict`)',
        event: { type: 'escalation_raised', date: '2025-06-02', index: 0 },
        citation: '',
      },
    ]);
  });

  it('stages listed out of order are still read in number order', () => {
    const p = withStrict({ stages: [...STRICT.stages].reverse() });
    const r = run(p, [raise('strict', '2025-06-02', 1), raise('strict', '2025-06-03', 9)], '2025-06-20');
    expect(r.escalations[0]?.explanation).toContain('; stage 2 is now due: no response by Wed 4 Jun 2025. Source: S1.');
    expect(r.violations.map((v) => v.message)).toEqual([
      'escalation_raised on Tue 3 Jun 2025 names stage 9 of strict, which has no such stage (its stages 1, 2, 3 and 4)',
    ]);
  });
});

describe('malformed IR of a ladder', () => {
  const STRICT = IR.ladders[1] as IrLadder;
  const withStrict = (l: Partial<IrLadder>): PolicyIR => ({ ...IR, ladders: [IR.ladders[0] as IrLadder, { ...STRICT, ...l }] });

  it('a stage declared twice', () => {
    const [one, two] = STRICT.stages;
    expect(refusal(withStrict({ stages: [one!, { ...two!, number: 1 }] }))).toBe('malformed IR: ladder `strict`: stage 1 is declared twice');
  });

  it("a stage's `when` over an undeclared fact names the stage and the ladder", () => {
    const stages = STRICT.stages.map((s) => (s.number === 2 ? { ...s, when: UNDECLARED } : s));
    expect(refusal(withStrict({ stages }))).toBe('malformed IR: the `when` of stage 2 of ladder `strict`: undeclared fact `nope`');
  });
});
