/**
 * Tests of criteria (`runtime/criteria.ts`) and of the conditions that explain themselves
 * (`compileExplainedCondition` in `runtime/conditions.ts`): the five "Criteria for IRO Involvement" in
 * CIN reviews (docs/coverage/cin-iro-involvement.md), each true and false with its
 * reason; the other combinators; the new operands (`today`, `count`, date offsets, `in`); and a
 * property: an explained condition always has the value of the plain one.
 *
 * Input: hand-built IRs (no compiler involved) and cases as plain JSON. Output: vitest assertions.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { englandAndWalesCalendar, parsePlainDate, preparePolicy } from '../../runtime/index.ts';
import type { CompiledPolicy, EvaluationResult, IrCondition, IrCriteria, IrOperand, NormalizedEvent, PolicyIR } from '../../runtime/index.ts';
import { compileCondition, compileExplainedCondition } from '../../runtime/conditions.ts';
import type { ConditionScope } from '../../runtime/conditions.ts';
import { policyIr } from '../support/policy-ir.ts';

const fact = (name: string): IrOperand => ({ kind: 'fact', fact: name });
const lit = (value: string | number | boolean, type: 'date' | 'number' | 'boolean' | 'enum' | 'role' | 'text'): IrOperand => ({ kind: 'literal', value, type });
const count = (event: string, where?: IrCondition): IrOperand => (where === undefined ? { kind: 'count', event } : { kind: 'count', event, where });
const TODAY: IrOperand = { kind: 'today' };
const cmp = (left: IrOperand, op: '=' | '!=' | '<' | '<=' | '>' | '>=', right: IrOperand, text: string): IrCondition => ({ kind: 'compare', op, left, right, text });
const and = (items: IrCondition[], text: string): IrCondition => ({ kind: 'and', items, text });

const CLOSURE = and(
  [
    cmp(fact('expected_closure'), '>=', TODAY, 'expected_closure >= today'),
    cmp(fact('expected_closure'), '<=', { kind: 'date_offset', direction: 'after', offset: { amount: 3, unit: 'months' }, base: TODAY }, 'expected_closure <= 3 months after today'),
  ],
  'expected_closure >= today and expected_closure <= 3 months after today',
);

const CIN: IrCriteria = {
  kind: 'criteria',
  id: 'iro_may_chair_cin_review',
  title: 'An IRO may chair this CIN review',
  citation: 'Criteria for IRO Involvement',
  source: { file: 'policies/local/cin.pdl', line: 14, column: 10 },
  policy: 'example.cin_criteria',
  combinator: 'any',
  conditions: [
    { label: 'closure expected within the next 3 months', condition: CLOSURE },
    {
      label: 'steps down from a second or subsequent CP plan',
      condition: and(
        [
          cmp(fact('stepped_down_from'), '=', lit('child_protection_plan', 'enum'), 'stepped_down_from is child_protection_plan'),
          cmp(count('child_protection_plan_started'), '>=', lit(2, 'number'), 'count(child_protection_plan_started) >= 2'),
        ],
        'stepped_down_from is child_protection_plan and count(child_protection_plan_started) >= 2',
      ),
    },
    { label: 'second or subsequent CIN plan', condition: cmp(count('cin_plan_started'), '>=', lit(2, 'number'), 'count(cin_plan_started) >= 2') },
    {
      label: 'steps down from care with a supervision order',
      condition: and(
        [
          cmp(fact('stepped_down_from'), '=', lit('looked_after_plan', 'enum'), 'stepped_down_from is looked_after_plan'),
          cmp(fact('supervision_order'), '=', lit(true, 'boolean'), 'supervision_order'),
        ],
        'stepped_down_from is looked_after_plan and supervision_order',
      ),
    },
    {
      label: 'a consultant social worker holds the case',
      condition: cmp(fact('case_holder'), '=', lit('consultant_social_worker', 'role'), 'case_holder is consultant_social_worker'),
    },
  ],
};

function policy(criteria: readonly IrCriteria[]): PolicyIR {
  return policyIr({
    id: 'example.cin_criteria',
    title: 'Criteria for IRO involvement in CIN reviews',
    roles: [
      { name: 'iro', title: 'Independent Reviewing Officer' },
      { name: 'team_manager', title: 'Team manager' },
      { name: 'consultant_social_worker', title: 'Consultant social worker', reportsTo: 'team_manager' },
    ],
    facts: [
      { name: 'expected_closure', type: { kind: 'date' }, optional: true },
      { name: 'stepped_down_from', type: { kind: 'enum', values: ['child_protection_plan', 'looked_after_plan'] }, optional: true },
      { name: 'supervision_order', type: { kind: 'boolean' }, optional: false },
      { name: 'case_holder', type: { kind: 'role' }, optional: true },
    ],
    events: [
      { name: 'child_protection_plan_started', attributes: [] },
      { name: 'cin_plan_started', attributes: [] },
      { name: 'placement_changed', attributes: [{ name: 'planned', type: { kind: 'boolean' }, optional: false }] },
    ],
    criteria,
  });
}

const cin = preparePolicy(policy([CIN]));

type Ev = { type: string; date: string; [k: string]: unknown };
const ev = (type: string, date: string, attrs: Record<string, unknown> = {}): Ev => ({ type, date, ...attrs });

function run(p: CompiledPolicy, facts: Record<string, unknown>, events: Ev[], asOf = '2025-11-22', dob = '2011-03-15'): EvaluationResult {
  const r = p.evaluate({ id: 'cin-1', child: { dob }, facts, events }, asOf);
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.result;
}

describe('criteria for IRO involvement in CIN reviews', () => {
  it('each of the five conditions true or false, with the values read', () => {
    const r = run(
      cin,
      { expected_closure: '2026-01-10', stepped_down_from: 'child_protection_plan', supervision_order: true, case_holder: 'consultant_social_worker' },
      [ev('child_protection_plan_started', '2023-02-01'), ev('child_protection_plan_started', '2024-06-01'), ev('cin_plan_started', '2024-01-01'), ev('cin_plan_started', '2025-09-01')],
    );
    expect(r.criteria).toEqual([
      {
        name: 'iro_may_chair_cin_review',
        title: 'An IRO may chair this CIN review',
        result: true,
        combinator: 'any',
        conditions: [
          {
            label: 'closure expected within the next 3 months',
            value: true,
            reason:
              '`expected_closure` is 2026-01-10, which is on or after today (2025-11-22); `expected_closure` is 2026-01-10, which is on or before 3 months after today (2026-02-22)',
          },
          {
            label: 'steps down from a second or subsequent CP plan',
            value: true,
            reason: '`stepped_down_from` is child_protection_plan; count(child_protection_plan_started) is 2, which is >= 2',
          },
          { label: 'second or subsequent CIN plan', value: true, reason: 'count(cin_plan_started) is 2, which is >= 2' },
          {
            label: 'steps down from care with a supervision order',
            value: false,
            reason: '`stepped_down_from` is child_protection_plan, not looked_after_plan; `supervision_order` is true',
          },
          { label: 'a consultant social worker holds the case', value: true, reason: '`case_holder` is consultant_social_worker' },
        ],
        citation: 'Criteria for IRO Involvement',
      },
    ]);
  });

  it('none of them holds: every reason says why', () => {
    const r = run(
      cin,
      { supervision_order: false, case_holder: 'team_manager' },
      // The second CP plan starts after the as-of date: not counted.
      [ev('child_protection_plan_started', '2023-02-01'), ev('cin_plan_started', '2024-01-01'), ev('child_protection_plan_started', '2025-12-01')],
    );
    const [c] = r.criteria;
    expect(c?.result).toBe(false);
    expect(c?.conditions.map((x) => [x.value, x.reason])).toEqual([
      [false, '`expected_closure` is not set'],
      [false, '`stepped_down_from` is not set; count(child_protection_plan_started) is 1, which is < 2'],
      [false, 'count(cin_plan_started) is 1, which is < 2'],
      [false, '`stepped_down_from` is not set; `supervision_order` is false'],
      [false, '`case_holder` is team_manager, not consultant_social_worker'],
    ]);
    // Missing facts are named in the reasons, not repeated as notices.
    expect(r.notices.map((n) => n.message)).toEqual(['1 event dated after the as-of date 2025-11-22 was not considered']);
  });

  it('closure already past, or beyond 3 months: the failing side is named', () => {
    const past = run(cin, { expected_closure: '2025-11-01', supervision_order: false }, []).criteria[0]?.conditions[0];
    expect(past).toEqual({
      label: 'closure expected within the next 3 months',
      value: false,
      reason:
        '`expected_closure` is 2025-11-01, which is before today (2025-11-22); `expected_closure` is 2025-11-01, which is on or before 3 months after today (2026-02-22)',
    });
    const later = run(cin, { expected_closure: '2026-02-23', supervision_order: false }, []).criteria[0]?.conditions[0];
    expect(later?.value).toBe(false);
    expect(later?.reason).toContain('`expected_closure` is 2026-02-23, which is after 3 months after today (2026-02-22)');
    // On the boundary: exactly 3 months after today holds.
    expect(run(cin, { expected_closure: '2026-02-22', supervision_order: false }, []).criteria[0]?.conditions[0]?.value).toBe(true);
  });

  it('stepping down from care with a supervision order', () => {
    const r = run(cin, { stepped_down_from: 'looked_after_plan', supervision_order: true }, []);
    expect(r.criteria[0]?.conditions[3]).toEqual({
      label: 'steps down from care with a supervision order',
      value: true,
      reason: '`stepped_down_from` is looked_after_plan; `supervision_order` is true',
    });
    expect(r.criteria[0]?.result).toBe(true);
  });

  it('`all of` and `none of`', () => {
    const all = preparePolicy(policy([{ ...CIN, id: 'all_five', combinator: 'all' }, { ...CIN, id: 'none_of_five', combinator: 'none' }]));
    const r = run(all, { supervision_order: false }, []);
    expect(r.criteria.map((c) => [c.name, c.combinator, c.result])).toEqual([
      ['all_five', 'all', false],
      ['none_of_five', 'none', true],
    ]);
    const empty = preparePolicy(policy([{ ...CIN, id: 'vacuous', combinator: 'all', conditions: [] }]));
    expect(run(empty, { supervision_order: false }, []).criteria[0]?.result).toBe(true);
  });

  it('`today` is the as-of date; `age` is the age on it; counts stop at it', () => {
    const dated = run(cin, { expected_closure: '2026-01-10', supervision_order: false }, [], '2025-10-01').criteria[0]?.conditions[0];
    expect(dated?.reason).toBe(
      '`expected_closure` is 2026-01-10, which is on or after today (2025-10-01); `expected_closure` is 2026-01-10, which is after 3 months after today (2026-01-01)',
    );
    const OLDER: IrCriteria = {
      ...CIN,
      id: 'older',
      combinator: 'all',
      conditions: [
        { label: '16 or over', condition: cmp({ kind: 'age' }, '>=', lit(16, 'number'), 'age >= 16') },
        { label: 'born before 2010', condition: cmp({ kind: 'child_dob' }, '<', lit('2010-01-01', 'date'), 'child.dob < 2010-01-01') },
      ],
    };
    const p = preparePolicy(policy([OLDER]));
    expect(run(p, { supervision_order: false }, [], '2027-03-14').criteria[0]?.conditions.map((c) => c.reason)).toEqual([
      'age is 15, which is < 16',
      'child.dob is 2011-03-15, which is on or after 2010-01-01',
    ]);
    expect(run(p, { supervision_order: false }, [], '2027-03-15').criteria[0]?.conditions[0]).toMatchObject({ value: true, reason: 'age is 16, which is >= 16' });
  });

  it('`in`, `not in`, `count(... where)` and working-day offsets explain themselves', () => {
    const unplanned = cmp({ kind: 'attribute', event: 'placement_changed', attribute: 'planned' }, '=', lit(false, 'boolean'), 'not placement_changed.planned');
    const OTHERS: IrCriteria = {
      ...CIN,
      id: 'others',
      combinator: 'any',
      conditions: [
        {
          label: 'held by a manager',
          condition: { kind: 'in', negated: false, left: fact('case_holder'), values: [lit('team_manager', 'role'), lit('consultant_social_worker', 'role')], text: 'case_holder in (team_manager, consultant_social_worker)' },
        },
        {
          label: 'not from care',
          condition: { kind: 'in', negated: true, left: fact('stepped_down_from'), values: [lit('looked_after_plan', 'enum')], text: 'stepped_down_from not in (looked_after_plan)' },
        },
        { label: 'unstable', condition: cmp(count('placement_changed', unplanned), '>=', lit(2, 'number'), 'count(placement_changed where not placement_changed.planned) >= 2') },
        {
          label: 'closing within 10 working days',
          condition: cmp(
            fact('expected_closure'),
            '<=',
            { kind: 'date_offset', direction: 'after', offset: { amount: 10, unit: 'working_days' }, base: TODAY },
            'expected_closure <= 10 working days after today',
          ),
        },
      ],
    };
    const p = preparePolicy(policy([OTHERS]));
    const r = run(
      p,
      { case_holder: 'iro', stepped_down_from: 'child_protection_plan', supervision_order: false, expected_closure: '2026-01-05' },
      [ev('placement_changed', '2025-01-06', { planned: false }), ev('placement_changed', '2025-03-03', { planned: true })],
      '2025-12-19',
    );
    expect(r.criteria[0]?.conditions.map((c) => [c.value, c.reason])).toEqual([
      [false, '`case_holder` is iro, which is not one of (team_manager, consultant_social_worker)'],
      [true, '`stepped_down_from` is child_protection_plan, which is not one of (looked_after_plan)'],
      [false, 'count(placement_changed where not placement_changed.planned) is 1, which is < 2'],
      // 10 working days after Fri 19 Dec 2025 skip the weekends, Christmas Day, Boxing Day and New Year's Day: Wed 7 Jan 2026.
      [true, '`expected_closure` is 2026-01-05, which is on or before 10 working days after today (2026-01-07)'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: an explained condition has the value of the plain one.

describe('explained conditions agree with plain conditions', () => {
  const ir = policy([]);
  const calendar = englandAndWalesCalendar();
  const ASOF = parsePlainDate('2025-11-22')!;
  const atoms: IrCondition[] = [
    ...(CIN.conditions.flatMap((c) => (c.condition.kind === 'and' ? c.condition.items : [c.condition])) as IrCondition[]),
    { kind: 'in', negated: true, left: fact('case_holder'), values: [lit('iro', 'role'), lit('team_manager', 'role')], text: 'case_holder not in (iro, team_manager)' },
    cmp(count('placement_changed'), '<', lit(3, 'number'), 'count(placement_changed) < 3'),
    cmp({ kind: 'age' }, '>=', lit(14, 'number'), 'age >= 14'),
    cmp(fact('supervision_order'), '!=', lit(false, 'boolean'), 'supervision_order != false'),
  ];
  const arbCondition: fc.Arbitrary<IrCondition> = fc.letrec<{ c: IrCondition }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...atoms),
      fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((items): IrCondition => ({ kind: 'and', items, text: 'and' })),
      fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((items): IrCondition => ({ kind: 'or', items, text: 'or' })),
      tie('c').map((item): IrCondition => ({ kind: 'not', item, text: 'not' })),
    ),
  })).c;
  const arbFacts = fc.record(
    {
      expected_closure: fc.integer({ min: ASOF - 200, max: ASOF + 200 }),
      stepped_down_from: fc.constantFrom('child_protection_plan', 'looked_after_plan'),
      supervision_order: fc.boolean(),
      case_holder: fc.constantFrom('iro', 'team_manager', 'consultant_social_worker'),
    },
    { requiredKeys: ['supervision_order'] },
  );
  const arbEvents = fc.array(
    fc.record({ type: fc.constantFrom('child_protection_plan_started', 'cin_plan_started', 'placement_changed'), day: fc.integer({ min: -900, max: 0 }) }),
    { maxLength: 8 },
  );

  it('on random conditions, facts and events', () => {
    fc.assert(
      fc.property(arbCondition, arbFacts, arbEvents, fc.integer({ min: ASOF - 7000, max: ASOF - 3000 }), (condition, facts, raw, dob) => {
        const events: NormalizedEvent[] = raw
          .map((e, index): NormalizedEvent => {
            const attributes: Record<string, boolean> = e.type === 'placement_changed' ? { planned: e.day % 2 === 0 } : {};
            return { type: e.type, date: ASOF + e.day, index, attributes };
          })
          .sort((a, b) => a.date - b.date || a.index - b.index);
        const scope: ConditionScope = { case: { id: 'p', child: { dob }, facts, events }, asOf: ASOF, events, n: events.length, notices: [] };
        const plain = compileCondition(condition, ir, 'test', calendar)(scope, ASOF, undefined);
        const explained = compileExplainedCondition(condition, ir, 'test', calendar)(scope, ASOF, undefined);
        expect(explained.value).toBe(plain);
        expect(explained.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
