/**
 * Tests of escalation ladders (`runtime/ladders.ts`) through the evaluator: Peterborough's six-stage
 * Local Dispute Resolution Protocol (docs/coverage/peterborough.md, section 9: 5
 * working days per stage, "timescales in total of no more than 28 days", "the IRO must bypass any
 * stage") and Brighton & Hove's informal issue and formal challenge levels 1 to 5 (docs/coverage/
 * brighton-hove.md: 20, 5, 5, 4, 3 and 3 working days, "stages
 * conflated").
 *
 * Input: hand-built IRs (no compiler involved) and cases as plain JSON. Output: vitest assertions on
 * `escalations`, `violations` and `notices`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPlainDate, parsePlainDate, preparePolicy } from '../../runtime/index.ts';
import type { CompiledPolicy, EvaluationResult, IrLadder, IrLadderStage, PolicyIR } from '../../runtime/index.ts';
import { policyIr } from '../support/policy-ir.ts';

const src = (line: number) => ({ file: 'policies/local/ladder.pdl', line, column: 1 });
const wd = (amount: number) => ({ amount, unit: 'working_days' as const });

function stage(number: number, alert: string[], within: number | undefined, citation: string, more: Partial<IrLadderStage> = {}): IrLadderStage {
  return { number, alert, copy: [], ...(within === undefined ? {} : { respondWithin: wd(within) }), citation, source: src(10 + number), ...more };
}

const PETERBOROUGH: IrLadder = {
  kind: 'ladder',
  id: 'dispute_resolution',
  title: 'Local dispute resolution protocol',
  citation: '9.2',
  source: src(6),
  policy: 'peterborough.child_care_reviews',
  raisedBy: ['iro'],
  bypass: true,
  cap: { amount: 28, unit: 'days' },
  capCitation: '9.1.3',
  stages: [
    stage(1, ['social_worker', 'team_manager'], 5, '9.2 stage 1'),
    stage(2, ['service_manager'], 5, '9.2 stage 2', { copy: ['assistant_director'] }),
    stage(3, ['assistant_director'], 5, '9.2 stage 3'),
    stage(4, ['director'], 5, '9.2 stage 4'),
    stage(5, ['chief_executive'], 5, '9.2 stage 5'),
    stage(6, [], undefined, '9.2 stage 6', { title: 'Referral to Cafcass', referTo: 'cafcass' }),
  ],
  advance: { late: true, unsatisfactory: true },
};

const BRIGHTON: IrLadder = {
  kind: 'ladder',
  id: 'issue_resolution',
  title: 'Practice recognition and issue resolution',
  citation: '3. Process',
  source: src(30),
  policy: 'brighton_hove.issue_resolution',
  raisedBy: ['iro', 'iro_manager', 'head_of_safeguarding'],
  bypass: true,
  stages: [
    stage(0, ['practice_manager'], 20, 'Informal Issue', { title: 'Informal issue', copy: ['team_manager'] }),
    stage(1, ['team_manager'], 5, 'Level 1', { title: 'Level 1', copy: ['service_manager'] }),
    stage(2, ['service_manager'], 5, 'Level 2', { title: 'Level 2', copy: ['head_of_delivery'] }),
    stage(3, ['head_of_delivery'], 4, 'Level 3', { title: 'Level 3', copy: ['director'] }),
    stage(4, ['director'], 3, 'Level 4', { title: 'Level 4' }),
    stage(5, ['chief_executive'], 3, 'Level 5', { title: 'Level 5' }),
    stage(6, [], undefined, 'Level 5', { title: 'Referral to Cafcass', referTo: 'cafcass' }),
  ],
  advance: { late: true, unsatisfactory: true },
};

function policy(ladders: readonly IrLadder[]): PolicyIR {
  const roles = [
    'iro', 'iro_manager', 'social_worker', 'practice_manager', 'team_manager', 'service_manager', 'head_of_delivery',
    'head_of_safeguarding', 'assistant_director', 'director', 'chief_executive', 'cafcass',
  ];
  return policyIr({
    id: 'local.ladders',
    title: 'Dispute resolution',
    roles: roles.map((name) => ({ name, title: name })),
    events: [
      { name: 'became_looked_after', attributes: [] },
      {
        name: 'escalation_raised',
        attributes: [
          { name: 'ladder', type: { kind: 'text' }, optional: false },
          { name: 'stage', type: { kind: 'number' }, optional: false },
        ],
      },
      {
        name: 'escalation_response',
        attributes: [
          { name: 'ladder', type: { kind: 'text' }, optional: false },
          { name: 'stage', type: { kind: 'number' }, optional: false },
          { name: 'satisfactory', type: { kind: 'boolean' }, optional: false },
        ],
      },
      { name: 'escalation_resolved', attributes: [{ name: 'ladder', type: { kind: 'text' }, optional: false }] },
    ],
    ladders,
  });
}

const both = preparePolicy(policy([PETERBOROUGH, BRIGHTON]));

type Ev = { type: string; date: string; [k: string]: unknown };
const raise = (date: string, stageNumber: number, ladder = 'dispute_resolution'): Ev => ({ type: 'escalation_raised', date, ladder, stage: stageNumber });
const respond = (date: string, stageNumber: number, satisfactory: boolean, ladder = 'dispute_resolution'): Ev => ({
  type: 'escalation_response',
  date,
  ladder,
  stage: stageNumber,
  satisfactory,
});
const resolve = (date: string, ladder = 'dispute_resolution'): Ev => ({ type: 'escalation_resolved', date, ladder });

function run(p: CompiledPolicy, events: Ev[], asOf: string): EvaluationResult {
  const r = p.evaluate({ id: 'case-9', child: { dob: '2011-11-11' }, events }, asOf);
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.result;
}

describe("Peterborough's six-stage dispute resolution protocol", () => {
  it('stage 1 raised, no response after 5 working days: overdue, and stage 2 is due', () => {
    const r = run(both, [raise('2025-06-02', 1)], '2025-06-10');
    expect(r.escalations).toEqual([
      {
        ladder: 'dispute_resolution',
        title: 'Local dispute resolution protocol',
        instance: 1,
        stage: 1,
        current: true,
        raisedOn: '2025-06-02',
        respondents: ['social_worker', 'team_manager'],
        copied: [],
        due: '2025-06-09',
        status: 'overdue',
        nextStageDue: true,
        nextStageReason: 'no response by Mon 9 Jun 2025',
        capDue: '2025-06-30',
        capExceeded: false,
        citation: '9.2 stage 1',
        explanation:
          'dispute_resolution, escalation 1, stage 1: raised on Mon 2 Jun 2025, alerting social_worker and team_manager; ' +
          'social_worker and team_manager must respond within 5 working days: 5 working days after escalation_raised on Mon 2 Jun 2025 is Mon 9 Jun 2025 (skipping weekends); ' +
          'no response by the as-of date Tue 10 Jun 2025: overdue; stage 2 is now due: no response by Mon 9 Jun 2025. ' +
          'In total at most 28 days: 28 days after the first escalation_raised on Mon 2 Jun 2025 is Mon 30 Jun 2025; still open on the as-of date Tue 10 Jun 2025, within it. ' +
          'Source: 9.2 stage 1; overall limit: 9.1.3.',
      },
    ]);
    expect(r.violations).toEqual([]);
  });

  it('on the due date itself the response is awaited and the next stage is not yet due', () => {
    const [only] = run(both, [raise('2025-06-02', 1)], '2025-06-09').escalations;
    expect(only).toMatchObject({ status: 'awaiting_response', nextStageDue: false, current: true });
    expect(only).not.toHaveProperty('nextStageReason');
  });

  it('the response deadline skips bank holidays, and the explanation names them', () => {
    const [only] = run(both, [raise('2025-05-20', 1)], '2025-05-21').escalations;
    expect(only?.due).toBe('2025-05-28');
    expect(only?.explanation).toContain('5 working days after escalation_raised on Tue 20 May 2025 is Wed 28 May 2025 (skipping weekends and 1 bank holiday: Spring bank holiday Mon 26 May 2025)');
  });

  it('an unsatisfactory response makes the next stage due; a satisfactory one does not', () => {
    const bad = run(both, [raise('2025-06-02', 1), respond('2025-06-05', 1, false)], '2025-06-06').escalations[0];
    expect(bad).toMatchObject({ status: 'unsatisfactory', respondedOn: '2025-06-05', nextStageDue: true, nextStageReason: 'the response on Thu 5 Jun 2025 was unsatisfactory' });
    expect(bad?.explanation).toContain('responded on Thu 5 Jun 2025, judged unsatisfactory; stage 2 is now due: the response on Thu 5 Jun 2025 was unsatisfactory');
    const good = run(both, [raise('2025-06-02', 1), respond('2025-06-05', 1, true)], '2025-06-20').escalations[0];
    expect(good).toMatchObject({ status: 'responded', nextStageDue: false });
  });

  it('a late, unsatisfactory response: both reasons are given', () => {
    const [e] = run(both, [raise('2025-06-02', 1), respond('2025-06-11', 1, false)], '2025-06-12').escalations;
    expect(e).toMatchObject({ status: 'unsatisfactory', nextStageDue: true });
    expect(e?.nextStageReason).toBe('the response on Wed 11 Jun 2025 came after the due date Mon 9 Jun 2025, and the response on Wed 11 Jun 2025 was unsatisfactory');
    expect(e?.explanation).toContain('responded late, on Wed 11 Jun 2025, 2 days after the due date, judged unsatisfactory');
  });

  it('stages 1 to 5 each raised at the previous deadline: the 28-day cap is exceeded, with the dates', () => {
    const events = [raise('2025-06-02', 1), raise('2025-06-09', 2), raise('2025-06-16', 3), raise('2025-06-23', 4), raise('2025-06-30', 5)];
    const r = run(both, events, '2025-07-08');
    expect(r.escalations.map((e) => [e.stage, e.raisedOn, e.due, e.status, e.current, e.nextStageDue, e.capDue, e.capExceeded])).toEqual([
      [1, '2025-06-02', '2025-06-09', 'escalated', false, false, '2025-06-30', true],
      [2, '2025-06-09', '2025-06-16', 'escalated', false, false, '2025-06-30', true],
      [3, '2025-06-16', '2025-06-23', 'escalated', false, false, '2025-06-30', true],
      [4, '2025-06-23', '2025-06-30', 'escalated', false, false, '2025-06-30', true],
      [5, '2025-06-30', '2025-07-07', 'overdue', true, true, '2025-06-30', true],
    ]);
    const last = r.escalations[4];
    expect(last?.copied).toEqual([]);
    expect(r.escalations[1]?.copied).toEqual(['assistant_director']);
    expect(last?.nextStageReason).toBe('no response by Mon 7 Jul 2025');
    expect(last?.explanation).toContain('stage 6 is now due: no response by Mon 7 Jul 2025');
    expect(last?.explanation).toContain(
      'In total at most 28 days: 28 days after the first escalation_raised on Mon 2 Jun 2025 is Mon 30 Jun 2025; still open on the as-of date Tue 8 Jul 2025, 8 days after it: exceeded',
    );
    expect(r.escalations[0]?.explanation).toContain('no response by Mon 9 Jun 2025, when the matter was escalated to stage 2 (alerting service_manager): escalated');
    expect(r.escalations[0]).toMatchObject({ escalatedOn: '2025-06-09', escalatedToStage: 2, escalatedTo: ['service_manager'] });
    expect(r.violations).toEqual([]);
  });

  it('the referral to Cafcass: referred, no response due; then resolved within the cap', () => {
    const referred = run(both, [raise('2025-06-02', 1), raise('2025-06-09', 6)], '2025-06-10').escalations[1];
    expect(referred).toMatchObject({ stage: 6, stageTitle: 'Referral to Cafcass', status: 'referred', current: true, nextStageDue: false, respondents: [] });
    expect(referred).not.toHaveProperty('due');
    expect(referred?.explanation).toContain('stage 6 (Referral to Cafcass): raised on Mon 9 Jun 2025, referring the matter to cafcass; no response is expected; this is the last stage');

    const r = run(both, [raise('2025-06-02', 1), respond('2025-06-04', 1, false), raise('2025-06-05', 2), resolve('2025-06-20')], '2025-07-31');
    expect(r.escalations.map((e) => [e.stage, e.status, e.current, e.resolvedOn, e.capExceeded, e.respondedOn ?? null])).toEqual([
      [1, 'resolved', false, '2025-06-20', false, '2025-06-04'],
      [2, 'resolved', false, '2025-06-20', false, null],
    ]);
    expect(r.escalations[1]?.explanation).toContain('the escalation was resolved on Fri 20 Jun 2025. In total at most 28 days');
    expect(r.escalations[1]?.explanation).toContain('resolved on Fri 20 Jun 2025, within it');
  });

  it('resolved after the cap: exceeded, measured to the resolution', () => {
    const [e] = run(both, [raise('2025-06-02', 1), resolve('2025-07-03')], '2025-08-01').escalations;
    expect(e).toMatchObject({ status: 'resolved', capDue: '2025-06-30', capExceeded: true, resolvedOn: '2025-07-03' });
    expect(e?.explanation).toContain('resolved on Thu 3 Jul 2025, 3 days after it: exceeded');
  });

  it('a second escalation after a resolution is instance 2, with its own cap', () => {
    const r = run(both, [raise('2025-06-02', 1), resolve('2025-06-04'), raise('2025-09-01', 2)], '2025-09-02');
    expect(r.escalations.map((e) => [e.instance, e.stage, e.status, e.current, e.capDue])).toEqual([
      [1, 1, 'resolved', false, '2025-06-30'],
      [2, 2, 'awaiting_response', true, '2025-09-29'],
    ]);
  });

  it('a stage number the ladder lacks, or a ladder the policy lacks, is a violation: never ignored', () => {
    const r = run(both, [raise('2025-06-02', 7), raise('2025-06-03', 1, 'disputes'), respond('2025-06-04', 0, true)], '2025-06-05');
    expect(r.escalations).toEqual([]);
    expect(r.violations).toEqual([
      {
        rule: 'dispute_resolution',
        kind: 'ladder',
        message: 'escalation_raised on Mon 2 Jun 2025 names stage 7 of dispute_resolution, which has no such stage (its stages 1, 2, 3, 4, 5 and 6)',
        event: { type: 'escalation_raised', date: '2025-06-02', index: 0 },
        citation: '9.2',
      },
      {
        rule: 'disputes',
        kind: 'ladder',
        message: 'escalation_raised on Tue 3 Jun 2025 names the ladder `disputes`, which the policy does not declare (its ladders: `dispute_resolution`, `issue_resolution`)',
        event: { type: 'escalation_raised', date: '2025-06-03', index: 1 },
        citation: '',
      },
      {
        rule: 'dispute_resolution',
        kind: 'ladder',
        message: 'escalation_response on Wed 4 Jun 2025 names stage 0 of dispute_resolution, which has no such stage (its stages 1, 2, 3, 4, 5 and 6)',
        event: { type: 'escalation_response', date: '2025-06-04', index: 2 },
        citation: '9.2',
      },
    ]);
  });

  it('a policy that declares the escalation events but no ladder reports every raise', () => {
    const none = preparePolicy(policy([]));
    const r = run(none, [raise('2025-06-02', 1)], '2025-06-05');
    expect(r.violations.map((v) => v.message)).toEqual([
      'escalation_raised on Mon 2 Jun 2025 names the ladder `dispute_resolution`, which the policy does not declare (the policy declares no ladders)',
    ]);
  });

  it('responses and resolutions that answer nothing get notices', () => {
    const r = run(both, [respond('2025-06-01', 1, true), raise('2025-06-02', 1), respond('2025-06-03', 2, true), resolve('2025-06-04'), resolve('2025-06-05')], '2025-06-06');
    expect(r.escalations.map((e) => e.status)).toEqual(['resolved']);
    expect(r.notices.map((n) => n.message)).toEqual([
      'the `escalation_resolved` event of 2025-06-05 for ladder `dispute_resolution` resolves no open escalation, so it was not considered',
      'the `escalation_response` event of 2025-06-01 answers no raised stage 1 of ladder `dispute_resolution`, so it was not considered',
      'the `escalation_response` event of 2025-06-03 answers no raised stage 2 of ladder `dispute_resolution`, so it was not considered',
    ]);
  });

  it('events after the as-of date are not considered', () => {
    const r = run(both, [raise('2025-06-02', 1), respond('2025-06-05', 1, true)], '2025-06-04');
    expect(r.escalations[0]).toMatchObject({ status: 'awaiting_response' });
    expect(r.escalations[0]).not.toHaveProperty('respondedOn');
  });
});

describe("Brighton & Hove's informal issue and formal challenge levels 1 to 5", () => {
  it('each level has its own timescale: 20, 5, 5, 4, 3 and 3 working days', () => {
    const events = [
      raise('2025-09-01', 0, 'issue_resolution'),
      respond('2025-09-26', 0, false, 'issue_resolution'),
      raise('2025-09-30', 1, 'issue_resolution'),
      raise('2025-10-08', 2, 'issue_resolution'),
      raise('2025-10-16', 3, 'issue_resolution'),
      raise('2025-10-23', 4, 'issue_resolution'),
      raise('2025-10-29', 5, 'issue_resolution'),
    ];
    const r = run(both, events, '2025-10-30');
    expect(r.escalations.map((e) => [e.stage, e.stageTitle, e.raisedOn, e.due, e.respondents, e.copied])).toEqual([
      [0, 'Informal issue', '2025-09-01', '2025-09-29', ['practice_manager'], ['team_manager']],
      [1, 'Level 1', '2025-09-30', '2025-10-07', ['team_manager'], ['service_manager']],
      [2, 'Level 2', '2025-10-08', '2025-10-15', ['service_manager'], ['head_of_delivery']],
      [3, 'Level 3', '2025-10-16', '2025-10-22', ['head_of_delivery'], ['director']],
      [4, 'Level 4', '2025-10-23', '2025-10-28', ['director'], []],
      [5, 'Level 5', '2025-10-29', '2025-11-03', ['chief_executive'], []],
    ]);
    expect(r.escalations.map((e) => e.status)).toEqual(['unsatisfactory', 'escalated', 'escalated', 'escalated', 'escalated', 'awaiting_response']);
    // No overall cap in this document.
    expect(r.escalations.every((e) => e.capDue === undefined && !e.capExceeded)).toBe(true);
    expect(r.escalations[5]?.explanation).not.toContain('In total');
  });

  it('stages may be conflated: from the informal issue straight to level 2 is no violation', () => {
    const r = run(both, [raise('2025-09-01', 0, 'issue_resolution'), raise('2025-09-03', 2, 'issue_resolution')], '2025-09-04');
    expect(r.violations).toEqual([]);
    expect(r.escalations.map((e) => [e.stage, e.current])).toEqual([
      [0, false],
      [2, true],
    ]);
  });

  it('without `bypass`, a skipped stage is a violation (the stage is still raised)', () => {
    const strict = preparePolicy(policy([{ ...BRIGHTON, bypass: false }]));
    const r = run(strict, [raise('2025-09-01', 0, 'issue_resolution'), raise('2025-09-03', 2, 'issue_resolution'), raise('2025-09-10', 5, 'issue_resolution')], '2025-09-11');
    expect(r.violations.map((v) => [v.rule, v.event.date, v.message])).toEqual([
      ['issue_resolution', '2025-09-03', 'stage 2 of issue_resolution was raised on Wed 3 Sep 2025, but stage 1 was skipped; the stages of this ladder may not be bypassed'],
      ['issue_resolution', '2025-09-10', 'stage 5 of issue_resolution was raised on Wed 10 Sep 2025, but stages 3 and 4 were skipped; the stages of this ladder may not be bypassed'],
    ]);
    expect(r.escalations.map((e) => e.stage)).toEqual([0, 2, 5]);
    // Starting at level 1 skips the informal issue.
    expect(run(strict, [raise('2025-09-01', 1, 'issue_resolution')], '2025-09-02').violations.map((v) => v.message)).toEqual([
      'stage 1 of issue_resolution was raised on Mon 1 Sep 2025, but stage 0 was skipped; the stages of this ladder may not be bypassed',
    ]);
  });

  it('escalations are listed by ladder in the order the policy declares them, and results are plain JSON', () => {
    const r = run(both, [raise('2025-09-01', 0, 'issue_resolution'), raise('2025-09-02', 1)], '2025-09-03');
    expect(r.escalations.map((e) => e.ladder)).toEqual(['dispute_resolution', 'issue_resolution']);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('explanations can be turned off', () => {
    const quiet = preparePolicy(policy([PETERBOROUGH]), { explanations: false });
    expect(run(quiet, [raise('2025-06-02', 1)], '2025-06-10').escalations[0]?.explanation).toBe('');
  });
});

describe('properties', () => {
  const START = parsePlainDate('2025-01-06')!;
  const arbEvents = fc.array(
    fc.record({
      kind: fc.constantFrom('raise', 'raise', 'respond', 'resolve'),
      ladder: fc.constantFrom('dispute_resolution', 'issue_resolution', 'nope'),
      stage: fc.integer({ min: -1, max: 7 }),
      satisfactory: fc.boolean(),
      day: fc.integer({ min: 0, max: 120 }),
    }),
    { maxLength: 20 },
  );

  it('one escalation per known raise; one current stage per open escalation; statuses agree with the dates', () => {
    const strict = preparePolicy(policy([PETERBOROUGH, { ...BRIGHTON, bypass: false }]));
    fc.assert(
      fc.property(arbEvents, fc.integer({ min: 0, max: 150 }), (raw, asOfDay) => {
        const events: Ev[] = raw.map((e) => {
          const date = formatPlainDate(START + e.day);
          if (e.kind === 'raise') return raise(date, e.stage, e.ladder);
          if (e.kind === 'respond') return respond(date, e.stage, e.satisfactory, e.ladder);
          return resolve(date, e.ladder);
        });
        const asOf = START + asOfDay;
        const r = run(strict, events, formatPlainDate(asOf));
        const stages = (ladder: string) => (ladder === 'dispute_resolution' ? [1, 2, 3, 4, 5, 6] : ladder === 'issue_resolution' ? [0, 1, 2, 3, 4, 5, 6] : []);
        // The same record entered twice (same type, date and attributes) is considered once.
        const keys = events.map((e) => JSON.stringify(e));
        const considered = raw.filter((e, i) => START + e.day <= asOf && keys.indexOf(keys[i] as string) === i);
        const knownRaises = considered.filter((e) => e.kind === 'raise' && stages(e.ladder).includes(e.stage));
        expect(r.escalations).toHaveLength(knownRaises.length);
        const unknownNames = considered.filter((e) => e.ladder === 'nope');
        expect(r.violations.filter((v) => v.rule === 'nope')).toHaveLength(unknownNames.length);
        const currents = new Map<string, number>();
        for (const e of r.escalations) {
          const key = `${e.ladder}#${e.instance}`;
          if (e.current) currents.set(key, (currents.get(key) ?? 0) + 1);
          if (e.current) expect(e.resolvedOn).toBeUndefined();
          if (e.nextStageDue) expect(e.current).toBe(true);
          if (e.status === 'overdue') expect(e.respondedOn === undefined && e.due !== undefined && parsePlainDate(e.due)! < asOf).toBe(true);
          if (e.status === 'resolved') expect(e.resolvedOn !== undefined && parsePlainDate(e.resolvedOn)! <= asOf).toBe(true);
          if (e.respondedOn !== undefined) expect(parsePlainDate(e.respondedOn)! >= parsePlainDate(e.raisedOn)!).toBe(true);
          if (e.capDue !== undefined) expect(e.capExceeded).toBe(parsePlainDate(e.resolvedOn ?? formatPlainDate(asOf))! > parsePlainDate(e.capDue)!);
          expect(e.explanation).toMatch(/^[a-z_]+, escalation \d+, stage \d+.*\. Source: .+\.$/);
        }
        for (const count of currents.values()) expect(count).toBe(1);
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      }),
      { numRuns: 200 },
    );
  });
});
