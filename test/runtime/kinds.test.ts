/**
 * Tests of the registry of runtime rule kinds (`runtime/kinds/index.ts`) and the order it evaluates
 * them in: every kind the IR has is registered once; a policy plans units only for the kinds it uses
 * (so a policy of deadlines and cycles pays nothing for the others); units run stage by stage, and
 * within the `obligations` stage in the order of `PolicyIR.rules`, which the notices show.
 *
 * Input: small policies written here, compiled with the compiler. Output: assertions only.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { englandAndWalesCalendar } from '../../runtime/calendar.ts';
import { RUNTIME_KINDS, STAGES, planPolicy } from '../../runtime/kinds/index.ts';
import type { PrepareContext } from '../../runtime/kinds/index.ts';
import type { IrApproval, IrConstraint, IrCriteria, IrDuty, IrLadder, IrLimit, IrOrder, IrRule, PolicyIR } from '../../runtime/ir.ts';

/** Every kind the IR can hold (a missing or extra key is a type error here). */
const IR_KINDS: Record<IrRule['kind'] | IrApproval['kind'] | IrLimit['kind'] | IrConstraint['kind'] | IrOrder['kind'] | IrLadder['kind'] | IrCriteria['kind'] | IrDuty['kind'], true> = {
  deadline: true,
  cycle: true,
  approval: true,
  limit: true,
  constraint: true,
  order: true,
  ladder: true,
  criteria: true,
  duty: true,
};

const CYCLE = [
  'cycle reviews "Reviews"',
  '  owner iro',
  '  runs from became_looked_after until ceased_looked_after',
  '  first within 20 working days of became_looked_after',
  '  then within 6 months of the previous review_held',
  '  met by review_held',
  '  when cycle_fact = true',
  '  cite "reg 33"',
  '',
];
const DEADLINE = [
  'deadline plan "Plan"',
  '  owner iro',
  '  due within 10 working days of became_looked_after',
  '  met by review_held',
  '  when deadline_fact = true',
  '  cite "reg 9"',
  '',
];
const LIMIT = ['limit one_review "At most one review"', '  at most 1 review_held per reviews', '  cite "local"', ''];

function policy(...rules: string[][]): string {
  return [
    'policy test.kinds',
    '  title "Kinds"',
    '',
    'role iro "Independent Reviewing Officer"',
    '',
    'fact cycle_fact? "C": boolean',
    'fact deadline_fact? "D": boolean',
    '',
    'event became_looked_after',
    'event ceased_looked_after',
    'event review_held',
    '',
    ...rules.flat(),
  ].join('\n');
}

function irOf(text: string): PolicyIR {
  const { ir, diagnostics } = compile(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (ir === undefined) throw new Error('the test policy does not compile');
  return ir;
}

function contextOf(ir: PolicyIR): PrepareContext {
  const ids = ir.rules.map((r) => r.id).sort();
  return {
    calendar: englandAndWalesCalendar(),
    explanations: true,
    typeIds: new Map(ir.events.map((e, i) => [e.name, i])),
    ranks: new Map(ids.map((id, i) => [id, i])),
  };
}

describe('the registry of runtime kinds', () => {
  it('registers every kind of the IR once', () => {
    const kinds = RUNTIME_KINDS.map((k) => k.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect([...kinds].sort()).toEqual(Object.keys(IR_KINDS).sort());
  });

  it('puts the kinds that read cycle occurrences after the cycles, and ladders before criteria', () => {
    const stage = (kind: string) => STAGES.indexOf(RUNTIME_KINDS.find((k) => k.kind === kind)?.stage ?? 'obligations');
    expect(stage('limit')).toBeGreaterThan(stage('cycle'));
    expect(stage('constraint')).toBeGreaterThan(stage('cycle'));
    expect(stage('deadline')).toBe(stage('cycle'));
    expect(stage('criteria')).toBeGreaterThan(stage('ladder'));
  });

  it('plans units only for the kinds a policy uses, stage by stage, rules in the order of the policy', () => {
    const plain = irOf(policy(CYCLE, DEADLINE));
    expect(planPolicy(plain, contextOf(plain)).map((u) => u.kind)).toEqual(['cycle', 'deadline']);
    const withLimit = irOf(policy(DEADLINE, LIMIT, CYCLE));
    const plan = planPolicy(withLimit, contextOf(withLimit));
    expect(plan.map((u) => u.kind)).toEqual(['deadline', 'cycle', 'limit']);
    expect(plan.map((u) => u.stage)).toEqual([...plan.map((u) => u.stage)].sort((a, b) => a - b));
  });
});

describe('evaluation order', () => {
  const CASE = { id: 'c1', child: { dob: '2015-01-01' }, events: [{ type: 'became_looked_after', date: '2025-04-14' }] };

  /** The rule each notice names, in the order of the notices. */
  function noticeRules(text: string): string[] {
    const p = compile(text).policy;
    const e = p?.evaluate(CASE, '2025-05-01');
    expect(e?.ok).toBe(true);
    const notices = e?.ok === true ? e.result.notices : [];
    return notices.map((n) => (JSON.stringify(n).includes('`reviews`') ? 'reviews' : JSON.stringify(n).includes('`plan`') ? 'plan' : '?'));
  }

  it('evaluates deadlines and cycles in the order the policy declares them (their notices show it)', () => {
    expect(noticeRules(policy(CYCLE, DEADLINE))).toEqual(['reviews', 'plan']);
    expect(noticeRules(policy(DEADLINE, CYCLE))).toEqual(['plan', 'reviews']);
  });
});
