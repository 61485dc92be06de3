/**
 * The hand-built IR of the notification tests (test/runtime/notify.test.ts, notify.mutation.test.ts):
 * Bristol's care plan deadline with a template, the looked-after review cycle with one, and
 * Peterborough's dispute ladder with one; `policy(more)`, a policy of the three with `more` in place;
 * `run`, an evaluation that must succeed.
 *
 * Input: none. Output: the IR parts and helpers below (no compiler involved).
 */
import type { CompiledPolicy, EvaluationResult, IrCycle, IrDeadline, IrLadder, PolicyIR } from '../../runtime/index.ts';
import { policyIr } from './policy-ir.ts';

const src = (line: number) => ({ file: 'policies/local/notify.pdl', line, column: 1 });

export const CARE_PLAN: IrDeadline = {
  kind: 'deadline',
  id: 'care_plan_authorised',
  title: 'Proposed care plan authorised',
  owner: 'social_worker',
  metBy: { events: ['care_plan_authorised'] },
  citation: 'Practice change, bullet 3',
  source: src(10),
  policy: 'bristol.review_timeliness',
  due: { direction: 'before', offset: { amount: 5, unit: 'working_days' }, anchor: { kind: 'event_attribute', event: 'review_scheduled', attribute: 'for' }, time: '12:00' },
  notify: { subject: 'Care plan for {{case.id}} due by {{obligation.due}}', body: 'Please authorise the care plan ({{rule.citation}}).' },
};

export const LAR: IrCycle = {
  kind: 'cycle',
  id: 'looked_after_review',
  title: "Review of the child's case",
  owner: 'iro',
  metBy: { events: ['review_held'] },
  citation: 'reg 33',
  source: src(20),
  policy: 'england.statutory_reviews',
  startsOn: ['became_looked_after'],
  endsOn: [],
  restartsOn: [],
  steps: [
    { ordinal: 1, due: { direction: 'after', offset: { amount: 20, unit: 'working_days' }, anchor: { kind: 'run_start' } }, citation: 'reg 33(1)', source: src(21) },
    { ordinal: 'repeat', due: { direction: 'after', offset: { amount: 6, unit: 'months' }, anchor: { kind: 'previous' } }, citation: 'reg 33(2)', source: src(22) },
  ],
  notify: { subject: 'Review {{obligation.occurrence}} of {{case.id}}: {{obligation.status}}, due {{obligation.due}}' },
};

export const DISPUTES: IrLadder = {
  kind: 'ladder',
  id: 'dispute_resolution',
  title: 'Local dispute resolution protocol',
  citation: '9.2',
  source: src(30),
  policy: 'peterborough.child_care_reviews',
  raisedBy: ['iro'],
  bypass: true,
  cap: { amount: 28, unit: 'days' },
  capCitation: '9.1.3',
  stages: [
    { number: 1, alert: ['social_worker', 'team_manager'], copy: [], respondWithin: { amount: 5, unit: 'working_days' }, citation: '9.2 stage 1', source: src(31) },
    { number: 2, alert: ['service_manager'], copy: ['assistant_director'], respondWithin: { amount: 5, unit: 'working_days' }, citation: '9.2 stage 2', source: src(32) },
    { number: 6, title: 'Referral to Cafcass', alert: [], copy: [], referTo: 'cafcass', citation: '9.2 stage 6', source: src(33) },
  ],
  advance: { late: true, unsatisfactory: true },
  notify: { subject: 'Dispute Resolution Alert on {{case.id}} - by {{stage.due}}', body: 'Stage {{stage.number}} raised on {{stage.raisedOn}} to {{stage.respondents}} (copied: {{stage.copied}}).' },
};

export function policy(more: Partial<PolicyIR>): PolicyIR {
  return policyIr({
    id: 'local.notify',
    title: 'Notifications',
    version: '1.0',
    roles: ['iro', 'social_worker', 'team_manager', 'service_manager', 'assistant_director', 'cafcass'].map((name) => ({ name, title: name })),
    events: [
      { name: 'became_looked_after', attributes: [] },
      { name: 'review_held', attributes: [] },
      { name: 'review_scheduled', attributes: [{ name: 'for', type: { kind: 'date' }, optional: false }] },
      { name: 'care_plan_authorised', attributes: [] },
      {
        name: 'escalation_raised',
        attributes: [
          { name: 'ladder', type: { kind: 'text' }, optional: false },
          { name: 'stage', type: { kind: 'number' }, optional: false },
        ],
      },
    ],
    rules: [CARE_PLAN, LAR],
    ladders: [DISPUTES],
    ...more,
  });
}


export type Ev = { type: string; date: string; [k: string]: unknown };
export const ev = (type: string, date: string, attrs: Record<string, unknown> = {}): Ev => ({ type, date, ...attrs });

export function run(compiled: CompiledPolicy, events: Ev[], asOf: string, id = 'case-12'): EvaluationResult {
  const r = compiled.evaluate({ id, child: { dob: '2013-04-02' }, events }, asOf);
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.result;
}
