/**
 * Tests of `matched by KEY` (runtime/keys.ts and the kinds that take it) through the compiler and the
 * evaluator, with dates worked by hand: an approval pairs a decision with its own request (where
 * without a key it takes the latest one), and its `requires` with the same key; an order's earlier
 * event must carry the step's key; a ladder runs one escalation per key (two disputes, two
 * escalations, responses and resolutions to their own); a deadline and a duty are met only by an
 * event with the anchor's key. For each: the same case without key values is paired as without
 * `matched by` (the rule without the clause gives the same result), and no message, explanation or
 * notice prints a key value (case data).
 *
 * Input: a policy written here. Output: assertions only.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { preparePolicy, type CompiledPolicy, type EvaluationResult, type PolicyIR } from '../../runtime/index.ts';

const POLICY = (matched: string) => `policy test.keys
  title "Matching instances"

role social_worker   "Social worker"
role team_manager    "Team manager"
role service_manager "Service manager"
role iro             "IRO"

event asked      { ref?: text }
event decided    { by: role, ref?: text }
event discussion { with: role, ref?: text }
event escalation_raised   { ladder: text, stage: number, ref?: text }
event escalation_response { ladder: text, stage: number, satisfactory: boolean, ref?: text }
event escalation_resolved { ladder: text, ref?: text }
event issue_raised   { ref?: text }
event issue_closed   { ref?: text }

approval postponement "Postponing"
  request asked
  decision decided
  approved by service_manager
  requires discussion where discussion.with is team_manager
${matched}
  cite "a"

order discussed_first "Discussed before the decision"
  step decided
  after discussion where discussion.with is iro
${matched}
  cite "o"

ladder disputes "Disputes"
  raised by iro
  stage 1 alert team_manager respond within 5 working days
  stage 2 alert service_manager respond within 5 working days
${matched}
  cite "l"

deadline closed_in_time "An issue is closed within 10 days"
  owner team_manager
  due within 10 days of issue_raised
  met by issue_closed
${matched}
  cite "d"

duty closed_at_all "An issue is closed"
  owner team_manager
  after issue_raised
  met by issue_closed
${matched}
  cite "u"
`;

function irOf(text: string): PolicyIR {
  const { ir, diagnostics } = compile(text, { uri: 'keys.pdl' });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (ir === undefined) throw new Error('the test policy does not compile');
  return ir;
}

const KEYED = preparePolicy(irOf(POLICY('  matched by ref')));
const PLAIN = preparePolicy(irOf(POLICY('')));

type Ev = { type: string; date: string; [k: string]: unknown };
const ev = (type: string, date: string, attrs: Record<string, unknown> = {}): Ev => ({ type, date, ...attrs });

function run(p: CompiledPolicy, events: Ev[], asOf: string): EvaluationResult {
  const r = p.evaluate({ id: 'case-keys', child: { dob: '2012-09-01' }, events }, asOf);
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.result;
}

const of = (r: EvaluationResult, rule: string) => r.violations.filter((v) => v.rule === rule);
/** Key values used below; none may appear in any text the evaluator produces. */
const VALUES = ['Zq7-first', 'Zq7-second', 'Zq7-other'];
const [A, B, C] = VALUES as [string, string, string];

function noValueIn(r: EvaluationResult): void {
  const text = JSON.stringify({ v: r.violations, o: r.obligations, e: r.escalations, n: r.notices });
  for (const v of VALUES) expect(text).not.toContain(v);
}

describe('approval matched by ref: a decision answers its own request', () => {
  // Two requests, then the decision on the first one: without a key it would take the later request.
  const events = [
    ev('asked', '2025-03-03', { ref: A }),
    ev('discussion', '2025-03-04', { with: 'team_manager', ref: A }),
    ev('discussion', '2025-03-04', { with: 'iro', ref: A }),
    ev('asked', '2025-03-10', { ref: B }),
    ev('decided', '2025-03-12', { by: 'service_manager', ref: A }),
  ];

  it('with the key: the decision takes its own request, whose discussion came between: no violation', () => {
    const r = run(KEYED, events, '2025-04-01');
    expect(of(r, 'postponement')).toEqual([]);
    noValueIn(r);
  });

  it('without the key: the decision takes the later request (10 Mar), with no discussion after it', () => {
    const r = run(PLAIN, events, '2025-04-01');
    expect(of(r, 'postponement').map((v) => v.message)).toEqual([
      'Postponing: no discussion where discussion.with is team_manager between the request on Mon 10 Mar 2025 and the decision on Wed 12 Mar 2025',
    ]);
  });

  it('a decision with no request of its key is "no request", saying matched by ref without the value', () => {
    const r = run(KEYED, [ev('asked', '2025-03-03', { ref: A }), ev('decided', '2025-03-05', { by: 'service_manager', ref: C })], '2025-04-01');
    expect(of(r, 'postponement').map((v) => v.message)).toEqual(['Postponing: decided on Wed 5 Mar 2025 has no asked matched by ref on or before it']);
    noValueIn(r);
  });

  it('a required discussion of another request does not count', () => {
    const r = run(
      KEYED,
      [ev('asked', '2025-03-03', { ref: A }), ev('discussion', '2025-03-04', { with: 'team_manager', ref: B }), ev('decided', '2025-03-05', { by: 'service_manager', ref: A })],
      '2025-04-01',
    );
    expect(of(r, 'postponement').map((v) => v.message)).toEqual([
      'Postponing: no discussion where discussion.with is team_manager matched by ref between the request on Mon 3 Mar 2025 and the decision on Wed 5 Mar 2025',
    ]);
    noValueIn(r);
  });

  it('no key values in the case: the same pairing as without matched by (the same violations, at the same events)', () => {
    const bare = events.map(({ ref: _ref, ...rest }) => rest as Ev);
    const keyed = run(KEYED, bare, '2025-04-01');
    expect(of(keyed, 'postponement').map((v) => v.event)).toEqual([{ type: 'decided', date: '2025-03-12', index: 4 }]);
    expect(of(keyed, 'postponement').map((v) => v.event)).toEqual(of(run(PLAIN, bare, '2025-04-01'), 'postponement').map((v) => v.event));
    expect(keyed.obligations.map((o) => o.status)).toEqual([]);
  });
});

describe('order matched by ref: the earlier event carries the step key', () => {
  it('a discussion of another request does not come first for this decision', () => {
    const events = [ev('asked', '2025-03-03', { ref: A }), ev('discussion', '2025-03-04', { with: 'iro', ref: B }), ev('decided', '2025-03-05', { by: 'service_manager', ref: A })];
    const keyed = run(KEYED, events, '2025-04-01');
    expect(of(keyed, 'discussed_first').map((v) => v.message)).toEqual([
      'Discussed before the decision: decided on Wed 5 Mar 2025 has no discussion where discussion.with is iro matched by ref on or before it, which must come first (o)',
    ]);
    noValueIn(keyed);
    expect(of(run(PLAIN, events, '2025-04-01'), 'discussed_first')).toEqual([]);
  });

  it('each decision needs its own discussion; one discussion does not cover another request', () => {
    const events = [
      ev('discussion', '2025-03-01', { with: 'iro', ref: A }),
      ev('decided', '2025-03-05', { by: 'service_manager', ref: A }),
      ev('decided', '2025-03-06', { by: 'service_manager', ref: B }),
    ];
    expect(of(run(KEYED, events, '2025-04-01'), 'discussed_first').map((v) => v.event)).toEqual([{ type: 'decided', date: '2025-03-06', index: 2 }]);
  });
});

describe('ladder matched by ref: two disputes run two escalations', () => {
  const events = [
    ev('escalation_raised', '2025-03-03', { ladder: 'disputes', stage: 1, ref: A }),
    ev('escalation_raised', '2025-03-04', { ladder: 'disputes', stage: 1, ref: B }),
    ev('escalation_response', '2025-03-05', { ladder: 'disputes', stage: 1, satisfactory: true, ref: B }),
    ev('escalation_resolved', '2025-03-06', { ladder: 'disputes', ref: B }),
  ];

  it('with the key: escalation 1 (the first dispute) is still awaiting its response; escalation 2 is resolved', () => {
    const r = run(KEYED, events, '2025-03-07');
    expect(r.escalations.map((e) => [e.instance, e.stage, e.raisedOn, e.status])).toEqual([
      [1, 1, '2025-03-03', 'awaiting_response'],
      [2, 1, '2025-03-04', 'resolved'],
    ]);
    expect(r.escalations[0]?.explanation).toContain('disputes, escalation 1 (matched by ref), stage 1');
    noValueIn(r);
  });

  it('without the key: one escalation, in which the second raise is stage 1 again, and the resolution ends both', () => {
    const r = run(PLAIN, events, '2025-03-07');
    expect(r.escalations.map((e) => [e.instance, e.stage, e.status])).toEqual([
      [1, 1, 'resolved'],
      [1, 1, 'resolved'],
    ]);
  });
});

describe('deadline and duty matched by ref: met by an event with the anchor key', () => {
  const events = [ev('issue_raised', '2025-03-03', { ref: A }), ev('issue_raised', '2025-03-04', { ref: B }), ev('issue_closed', '2025-03-05', { ref: B })];

  it('the closure of the second issue does not meet the first issue deadline nor its duty', () => {
    const r = run(KEYED, events, '2025-03-20');
    const rows = r.obligations.map((o) => [o.rule, o.occurrence, o.status, o.satisfiedOn ?? null]);
    expect(rows).toEqual([
      ['closed_in_time', 1, 'overdue', null],
      ['closed_in_time', 2, 'met', '2025-03-05'],
      ['closed_at_all', 1, 'outstanding', null],
      ['closed_at_all', 2, 'met', '2025-03-05'],
    ]);
    expect(r.obligations[0]?.explanation).toContain('no issue_closed matched by ref');
    noValueIn(r);
  });

  it('without the key: one closure meets both issues', () => {
    const r = run(PLAIN, events, '2025-03-20');
    expect(r.obligations.map((o) => o.status)).toEqual(['met', 'met', 'met', 'met']);
  });
});
