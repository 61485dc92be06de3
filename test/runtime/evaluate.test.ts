/**
 * Tests of the evaluator (`runtime/evaluate.ts`): IR objects built by hand (no compiler involved),
 * cases as plain JSON -> obligations, superseded obligations, notices and explanations.
 *
 * Input: the statutory policy's IR and variations of it; cases from worked examples of the
 * statutory counting conventions (docs/language.md). Output: vitest assertions. Run also under several `TZ` values: nothing may move.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  englandAndWalesCalendar,
  formatPlainDate,
  parsePlainDate,
  preparePolicy,
  IR_VERSION,
} from '../../runtime/index.ts';
import type {
  CompiledPolicy,
  EvaluationResult,
  IrCondition,
  IrCycle,
  IrCycleStep,
  IrDeadline,
  IrDue,
  IrOperand,
  IrSource,
  PolicyIR,
} from '../../runtime/index.ts';
import { policyIr } from '../support/policy-ir.ts';

// ---------------------------------------------------------------------------------------------
// IR builders

const src = (line: number): IrSource => ({ file: 'policies/england/statutory-reviews.pdl', line, column: 1 });

function due(amount: number, unit: IrDue['offset']['unit'], anchor: IrDue['anchor'], more: Partial<IrDue> = {}): IrDue {
  return { direction: 'after', offset: { amount, unit }, anchor, ...more };
}

function step(ordinal: IrCycleStep['ordinal'], d: IrDue, citation: string, when?: IrCondition): IrCycleStep {
  return { ordinal, due: d, citation, source: src(30 + (ordinal === 'repeat' ? 9 : ordinal)), ...(when ? { when } : {}) };
}

const LAR: IrCycle = {
  kind: 'cycle',
  id: 'looked_after_review',
  title: "Review of the child's case",
  owner: 'iro',
  metBy: { events: ['review_held'] },
  citation: 'reg 33',
  source: src(29),
  policy: 'england.statutory_reviews',
  startsOn: ['became_looked_after'],
  endsOn: ['ceased_looked_after'],
  restartsOn: [],
  steps: [
    step(1, due(20, 'working_days', { kind: 'run_start' }), 'reg 33(2)(a)'),
    step(2, due(3, 'months', { kind: 'previous' }), 'reg 33(2)(b)'),
    step('repeat', due(6, 'months', { kind: 'previous' }), 'reg 33(2)(c)'),
  ],
};

const ADJ: IrDeadline = {
  kind: 'deadline',
  id: 'adjourned_review_reconvened',
  title: 'An adjourned review is reconvened',
  owner: 'iro',
  metBy: { events: ['review_held'] },
  citation: 'IRO Handbook 3.x',
  source: src(40),
  policy: 'england.statutory_reviews',
  due: due(20, 'working_days', { kind: 'event', event: 'review_adjourned' }),
};

function policy(rules: PolicyIR['rules'], more: Partial<PolicyIR> = {}): PolicyIR {
  return policyIr({
    id: 'england.statutory_reviews',
    title: 'Reviews of looked after children (England)',
    version: '2010.1',
    roles: [
      { name: 'iro', title: 'Independent Reviewing Officer' },
      { name: 'social_worker', title: 'Social worker' },
    ],
    events: [
      { name: 'became_looked_after', attributes: [] },
      { name: 'ceased_looked_after', attributes: [] },
      { name: 'review_held', attributes: [] },
      { name: 'review_scheduled', attributes: [{ name: 'for', type: { kind: 'date' }, optional: false }] },
      { name: 'review_adjourned', attributes: [] },
      { name: 'placement_changed', attributes: [{ name: 'planned', type: { kind: 'boolean' }, optional: false }] },
    ],
    rules,
    ...more,
  });
}

const STATUTORY = policy([LAR, ADJ]);

type Ev = { type: string; date: string; [k: string]: unknown };
const ev = (type: string, date: string, attrs: Record<string, unknown> = {}): Ev => ({ type, date, ...attrs });

function run(p: CompiledPolicy, events: Ev[], asOf: string, more: Record<string, unknown> = {}): EvaluationResult {
  const r = p.evaluate({ id: 'case-1', child: { dob: '2015-06-01' }, events, ...more }, asOf);
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.result;
}

const statutory = preparePolicy(STATUTORY);

// Condition builders.
const lit = (value: string | number | boolean, type: Extract<IrOperand, { kind: 'literal' }>['type']): IrOperand => ({
  kind: 'literal',
  value,
  type,
});
const cmp = (left: IrOperand, op: '=' | '!=' | '<' | '<=' | '>' | '>=', right: IrOperand, text: string): IrCondition => ({
  kind: 'compare',
  op,
  left,
  right,
  text,
});
const AGE: IrOperand = { kind: 'age' };

function byRule(r: EvaluationResult, rule: string) {
  return r.obligations.filter((o) => o.rule === rule);
}

describe('the statutory review cycle (worked examples of the counting conventions)', () => {
  it('first review within 20 working days, skipping the Easter and May bank holidays', () => {
    const r = run(statutory, [ev('became_looked_after', '2025-04-14'), ev('review_held', '2025-05-13')], '2025-06-01');
    const [first, second] = byRule(r, 'looked_after_review');
    expect(first).toMatchObject({
      occurrence: 1,
      anchor: { event: 'became_looked_after', date: '2025-04-14' },
      due: '2025-05-15',
      status: 'met',
      satisfiedOn: '2025-05-13',
      citation: 'reg 33(2)(a)',
      owner: 'iro',
      title: "Review of the child's case",
      source: src(31),
    });
    expect(first?.explanation).toBe(
      'looked_after_review (occurrence 1): 20 working days after became_looked_after on Mon 14 Apr 2025 is Thu 15 May 2025 ' +
        '(skipping weekends and 3 bank holidays: Good Friday Fri 18 Apr 2025, Easter Monday Mon 21 Apr 2025, ' +
        'Early May bank holiday Mon 5 May 2025); met by review_held on Tue 13 May 2025. Source: reg 33(2)(a).',
    );
    // Second review: three months after the first.
    expect(second).toMatchObject({ occurrence: 2, anchor: { event: 'review_held', date: '2025-05-13' }, due: '2025-08-13', status: 'open' });
    expect(second?.explanation).toContain('3 months after review_held on Tue 13 May 2025 (which met occurrence 1) is Wed 13 Aug 2025');
    expect(second?.explanation).toContain('Source: reg 33(2)(b).');
    expect(second).not.toHaveProperty('satisfiedOn');
    expect(r.superseded).toEqual([]);
    expect(r.notices).toEqual([]);
    expect(r.policy).toEqual({ id: 'england.statutory_reviews', version: '2010.1' });
    expect(r.case).toBe('case-1');
    expect(r.asOf).toBe('2025-06-01');
  });

  it('third and later reviews six months after the previous one; met late; open', () => {
    const r = run(
      statutory,
      [ev('became_looked_after', '2025-04-14'), ev('review_held', '2025-05-13'), ev('review_held', '2025-08-20')],
      '2025-09-01',
    );
    expect(byRule(r, 'looked_after_review').map((o) => [o.occurrence, o.due, o.status, o.satisfiedOn ?? null, o.citation])).toEqual([
      [1, '2025-05-15', 'met', '2025-05-13', 'reg 33(2)(a)'],
      [2, '2025-08-13', 'met_late', '2025-08-20', 'reg 33(2)(b)'],
      [3, '2026-02-20', 'open', null, 'reg 33(2)(c)'],
    ]);
    const second = byRule(r, 'looked_after_review')[1];
    expect(second?.explanation).toContain('met late by review_held on Wed 20 Aug 2025, 7 days after the due date');
  });

  it('31 Aug 2025 + 6 months = 28 Feb 2026, and the explanation says it was clamped', () => {
    const r = run(
      statutory,
      [ev('became_looked_after', '2025-05-01'), ev('review_held', '2025-05-29'), ev('review_held', '2025-08-31')],
      '2025-09-01',
    );
    const third = byRule(r, 'looked_after_review')[2];
    expect(third).toMatchObject({ occurrence: 3, due: '2026-02-28', status: 'open', anchor: { event: 'review_held', date: '2025-08-31' } });
    expect(third?.explanation).toContain(
      '6 months after review_held on Sun 31 Aug 2025 (which met occurrence 2) is Sat 28 Feb 2026 (31 Aug 2025 + 6 months = 28 Feb 2026, clamped to the end of February)',
    );
  });

  it('open on the due date itself, overdue the day after', () => {
    const events = [ev('became_looked_after', '2025-04-14')];
    expect(byRule(run(statutory, events, '2025-05-15'), 'looked_after_review')[0]?.status).toBe('open');
    const late = byRule(run(statutory, events, '2025-05-16'), 'looked_after_review')[0];
    expect(late?.status).toBe('overdue');
    expect(late?.explanation).toContain('overdue: no review_held on or after Mon 14 Apr 2025 by the as-of date Fri 16 May 2025');
  });

  it('a review held on the due date meets it', () => {
    const r = run(statutory, [ev('became_looked_after', '2025-04-14'), ev('review_held', '2025-05-15')], '2025-06-01');
    expect(byRule(r, 'looked_after_review')[0]).toMatchObject({ status: 'met', satisfiedOn: '2025-05-15' });
  });

  it('a review before the child became looked after does not count', () => {
    const r = run(statutory, [ev('review_held', '2025-04-01'), ev('became_looked_after', '2025-04-14')], '2025-06-01');
    expect(byRule(r, 'looked_after_review')).toHaveLength(1);
    expect(byRule(r, 'looked_after_review')[0]?.status).toBe('overdue');
  });

  it('input order does not matter: events are taken in date order', () => {
    const events = [ev('review_held', '2025-08-20'), ev('review_held', '2025-05-13'), ev('became_looked_after', '2025-04-14')];
    const sorted = [...events].reverse();
    const a = run(statutory, events, '2025-09-01');
    const b = run(statutory, sorted, '2025-09-01');
    expect(a).toEqual(b);
  });
});

describe('runs: ceasing, re-entering and restarting', () => {
  it('ceasing to be looked after supersedes the pending review; re-entering restarts the numbering', () => {
    const r = run(
      statutory,
      [
        ev('became_looked_after', '2025-01-06'),
        ev('review_held', '2025-01-30'),
        ev('ceased_looked_after', '2025-03-01'),
        ev('became_looked_after', '2025-06-02'),
      ],
      '2025-06-10',
    );
    expect(byRule(r, 'looked_after_review').map((o) => [o.occurrence, o.anchor.date, o.due, o.status])).toEqual([
      [1, '2025-01-06', '2025-02-03', 'met'],
      [1, '2025-06-02', '2025-06-30', 'open'],
    ]);
    expect(r.superseded).toHaveLength(1);
    expect(r.superseded[0]).toMatchObject({
      rule: 'looked_after_review',
      occurrence: 2,
      anchor: { event: 'review_held', date: '2025-01-30' },
      due: '2025-04-30',
    });
    expect(r.superseded[0]?.reason).toContain('ceased_looked_after on Sat 1 Mar 2025');
  });

  it('an occurrence already overdue when the run ends stays overdue', () => {
    const r = run(statutory, [ev('became_looked_after', '2025-01-06'), ev('ceased_looked_after', '2025-03-03')], '2025-06-10');
    const [only] = byRule(r, 'looked_after_review');
    expect(only).toMatchObject({ occurrence: 1, due: '2025-02-03', status: 'overdue' });
    expect(only?.explanation).toContain('before the run ended with ceased_looked_after on Mon 3 Mar 2025');
    expect(r.superseded).toEqual([]);
  });

  it('an occurrence due on the day the run ends is superseded; a review that day still counts', () => {
    const ended = run(statutory, [ev('became_looked_after', '2025-01-06'), ev('ceased_looked_after', '2025-02-03')], '2025-06-10');
    expect(byRule(ended, 'looked_after_review')).toEqual([]);
    expect(ended.superseded.map((s) => [s.occurrence, s.due])).toEqual([[1, '2025-02-03']]);
    const reviewed = run(
      statutory,
      [ev('became_looked_after', '2025-01-06'), ev('ceased_looked_after', '2025-02-03'), ev('review_held', '2025-02-03')],
      '2025-06-10',
    );
    expect(byRule(reviewed, 'looked_after_review').map((o) => [o.occurrence, o.status])).toEqual([[1, 'met']]);
    expect(reviewed.superseded.map((s) => [s.occurrence, s.due])).toEqual([[2, '2025-05-03']]);
  });

  it('a second became_looked_after while a run is open is ignored; ceased with no run open is ignored', () => {
    const r = run(
      statutory,
      [ev('ceased_looked_after', '2024-12-01'), ev('became_looked_after', '2025-01-06'), ev('became_looked_after', '2025-01-20')],
      '2025-01-21',
    );
    expect(byRule(r, 'looked_after_review').map((o) => [o.occurrence, o.anchor.date])).toEqual([[1, '2025-01-06']]);
  });

  it('restart events end the run and start a new one at once', () => {
    const restarting = preparePolicy(policy([{ ...LAR, restartsOn: ['placement_changed'] }]));
    const r = run(
      restarting,
      [
        ev('placement_changed', '2024-12-02', { planned: true }), // no run open: ignored
        ev('became_looked_after', '2025-01-06'),
        ev('review_held', '2025-01-30'),
        ev('placement_changed', '2025-03-10', { planned: false }),
      ],
      '2025-03-20',
    );
    expect(byRule(r, 'looked_after_review').map((o) => [o.occurrence, o.anchor.event, o.anchor.date, o.due, o.status])).toEqual([
      [1, 'became_looked_after', '2025-01-06', '2025-02-03', 'met'],
      [1, 'placement_changed', '2025-03-10', '2025-04-07', 'open'],
    ]);
    expect(r.superseded).toHaveLength(1);
    expect(r.superseded[0]).toMatchObject({ occurrence: 2, due: '2025-04-30' });
    expect(r.superseded[0]?.reason).toContain('restarted by placement_changed on Mon 10 Mar 2025');
  });

  it('one review on the day of a restart meets the old run only', () => {
    const restarting = preparePolicy(policy([{ ...LAR, restartsOn: ['placement_changed'] }]));
    const r = run(
      restarting,
      [ev('became_looked_after', '2025-01-06'), ev('placement_changed', '2025-01-20', { planned: false }), ev('review_held', '2025-01-20')],
      '2025-01-21',
    );
    expect(byRule(r, 'looked_after_review').map((o) => [o.anchor.date, o.status, o.satisfiedOn ?? null])).toEqual([
      ['2025-01-06', 'met', '2025-01-20'],
      ['2025-01-20', 'open', null],
    ]);
  });
});

describe('conditions', () => {
  const HEALTH: IrCycle = {
    ...LAR,
    id: 'health_assessment',
    title: 'Health assessment',
    owner: 'social_worker',
    metBy: { events: ['health_assessed'] },
    citation: 'reg 7',
    steps: [
      step(1, due(20, 'working_days', { kind: 'run_start' }), 'reg 7(1)'),
      step('repeat', due(6, 'months', { kind: 'previous' }), 'reg 7(2)(a)', cmp(AGE, '<', lit(5, 'number'), 'age < 5')),
      step('repeat', due(12, 'months', { kind: 'previous' }), 'reg 7(2)(b)', cmp(AGE, '>=', lit(5, 'number'), 'age >= 5')),
    ],
  };
  const withHealth = (rule: IrCycle) =>
    preparePolicy(policy([rule], { events: [...STATUTORY.events, { name: 'health_assessed', attributes: [] }] }));

  it('step conditions by age: under 5 every 6 months, otherwise every 12', () => {
    const r = withHealth(HEALTH).evaluate(
      {
        id: 'c',
        child: { dob: '2020-06-01' },
        events: [
          ev('became_looked_after', '2024-01-08'),
          ev('health_assessed', '2024-02-01'),
          ev('health_assessed', '2024-07-25'),
          ev('health_assessed', '2025-01-20'),
          ev('health_assessed', '2025-07-01'),
        ],
      },
      '2025-08-01',
    );
    if (!r.ok) throw new Error('invalid');
    const obligations = r.result.obligations;
    expect(obligations.map((o) => [o.occurrence, o.anchor.date, o.due, o.status, o.citation])).toEqual([
      [1, '2024-01-08', '2024-02-05', 'met', 'reg 7(1)'],
      [2, '2024-02-01', '2024-08-01', 'met', 'reg 7(2)(a)'],
      [3, '2024-07-25', '2025-01-25', 'met', 'reg 7(2)(a)'],
      [4, '2025-01-20', '2025-07-20', 'met', 'reg 7(2)(a)'],
      [5, '2025-07-01', '2026-07-01', 'open', 'reg 7(2)(b)'],
    ]);
    expect(obligations[4]?.explanation).toContain('the step for `age >= 5`');
  });

  it('when no step applies, the run stops, with a notice', () => {
    const under5only: IrCycle = { ...HEALTH, steps: HEALTH.steps.slice(0, 2) };
    const r = withHealth(under5only).evaluate(
      {
        id: 'c',
        child: { dob: '2020-06-01' },
        events: [ev('became_looked_after', '2025-01-06'), ev('health_assessed', '2025-02-01'), ev('health_assessed', '2025-07-01')],
      },
      '2025-08-01',
    );
    if (!r.ok) throw new Error('invalid');
    expect(r.result.obligations.map((o) => o.occurrence)).toEqual([1, 2]);
    expect(r.result.notices.map((n) => n.message)).toEqual([
      'no step of rule `health_assessment` applies to occurrence 3 of the run started by `became_looked_after` on 2025-01-06, so the run has no further occurrences',
    ]);
  });

  const FACTS: PolicyIR['facts'] = [
    { name: 'legal_status', type: { kind: 'enum', values: ['care_order', 'section_20'] }, optional: false },
    { name: 'disabled', type: { kind: 'boolean' }, optional: true },
  ];

  it('a cycle `when` on a fact decides whether runs produce obligations', () => {
    const onlyCareOrders = preparePolicy(
      policy([{ ...LAR, when: cmp({ kind: 'fact', fact: 'legal_status' }, '=', lit('care_order', 'enum'), 'legal_status = care_order') }], {
        facts: FACTS,
      }),
    );
    const events = [ev('became_looked_after', '2025-04-14')];
    expect(run(onlyCareOrders, events, '2025-06-01', { facts: { legal_status: 'care_order' } }).obligations).toHaveLength(1);
    expect(run(onlyCareOrders, events, '2025-06-01', { facts: { legal_status: 'section_20' } }).obligations).toHaveLength(0);
  });

  it('a missing optional fact makes its comparison false, with a notice', () => {
    const p = preparePolicy(
      policy([{ ...LAR, when: cmp({ kind: 'fact', fact: 'disabled' }, '=', lit(true, 'boolean'), 'disabled') }], { facts: FACTS }),
    );
    const events = [ev('became_looked_after', '2025-04-14')];
    expect(run(p, events, '2025-06-01', { facts: { legal_status: 'care_order', disabled: true } }).obligations).toHaveLength(1);
    const missing = run(p, events, '2025-06-01', { facts: { legal_status: 'care_order' } });
    expect(missing.obligations).toHaveLength(0);
    expect(missing.notices.map((n) => n.message)).toEqual([
      'optional fact `disabled` is not given, so `disabled` (the `when` of rule `looked_after_review`) was taken as false',
    ]);
  });

  it('a deadline `when` on an attribute of its anchor event; occurrence counts anchor events', () => {
    const UNPLANNED: IrDeadline = {
      ...ADJ,
      id: 'unplanned_move_review',
      title: 'Review after an unplanned move',
      due: due(20, 'working_days', { kind: 'event', event: 'placement_changed' }),
      when: cmp({ kind: 'attribute', event: 'placement_changed', attribute: 'planned' }, '=', lit(false, 'boolean'), 'not placement_changed.planned'),
    };
    const p = preparePolicy(policy([UNPLANNED]));
    const r = run(
      p,
      [ev('placement_changed', '2025-03-03', { planned: true }), ev('placement_changed', '2025-03-10', { planned: false }), ev('review_held', '2025-04-01')],
      '2025-05-01',
    );
    expect(r.obligations.map((o) => [o.occurrence, o.anchor.date, o.due, o.status])).toEqual([[2, '2025-03-10', '2025-04-07', 'met']]);
  });

  it('`met by ... where` reads the candidate event; dates and dob compare as dates', () => {
    const p = preparePolicy(
      policy(
        [
          {
            ...ADJ,
            metBy: {
              events: ['placement_changed'],
              where: cmp({ kind: 'attribute', event: 'placement_changed', attribute: 'planned' }, '=', lit(true, 'boolean'), 'placement_changed.planned'),
            },
            when: cmp({ kind: 'child_dob' }, '<', lit('2016-01-01', 'date'), 'child.dob < 2016-01-01'),
          },
        ],
        {},
      ),
    );
    const r = run(
      p,
      [ev('review_adjourned', '2025-03-03'), ev('placement_changed', '2025-03-05', { planned: false }), ev('placement_changed', '2025-03-07', { planned: true })],
      '2025-05-01',
    );
    expect(r.obligations.map((o) => [o.status, o.satisfiedOn])).toEqual([['met', '2025-03-07']]);
    expect(r.obligations[0]?.explanation).toContain('met by placement_changed on Fri 7 Mar 2025');
    const younger = run(p, [ev('review_adjourned', '2025-03-03')], '2025-05-01', { child: { dob: '2017-01-01' } });
    expect(younger.obligations).toEqual([]);
  });
});

describe('IR v2 condition forms in rules: `in`, `count`, `today`, date offsets', () => {
  const FACTS: PolicyIR['facts'] = [
    { name: 'legal_status', type: { kind: 'enum', values: ['care_order', 'section_20', 'interim_care_order'] }, optional: true },
  ];
  const LEGAL: IrOperand = { kind: 'fact', fact: 'legal_status' };
  const events = [ev('became_looked_after', '2025-04-14')];

  it('`in` and `not in` compare with each value; a missing value makes both false, with a notice', () => {
    const inOrders = preparePolicy(
      policy([{ ...LAR, when: { kind: 'in', negated: false, left: LEGAL, values: [lit('care_order', 'enum'), lit('interim_care_order', 'enum')], text: 'legal_status in (care_order, interim_care_order)' } }], {
        facts: FACTS,
      }),
    );
    const notS20 = preparePolicy(
      policy([{ ...LAR, when: { kind: 'in', negated: true, left: LEGAL, values: [lit('section_20', 'enum')], text: 'legal_status not in (section_20)' } }], { facts: FACTS }),
    );
    const n = (p: CompiledPolicy, facts: Record<string, unknown>) => run(p, events, '2025-06-01', { facts }).obligations.length;
    expect([n(inOrders, { legal_status: 'interim_care_order' }), n(inOrders, { legal_status: 'section_20' })]).toEqual([1, 0]);
    expect([n(notS20, { legal_status: 'interim_care_order' }), n(notS20, { legal_status: 'section_20' })]).toEqual([1, 0]);
    const missing = run(notS20, events, '2025-06-01', { facts: {} });
    expect(missing.obligations).toEqual([]);
    expect(missing.notices.map((n) => n.message)).toEqual([
      'optional fact `legal_status` is not given, so `legal_status not in (section_20)` (the `when` of rule `looked_after_review`) was taken as false',
    ]);
  });

  it('`count(... where)` in a `when` counts the events up to the anchor date, reading each counted event', () => {
    const unplanned: IrCondition = cmp({ kind: 'attribute', event: 'placement_changed', attribute: 'planned' }, '=', lit(false, 'boolean'), 'not placement_changed.planned');
    const p = preparePolicy(
      policy([{ ...ADJ, when: cmp({ kind: 'count', event: 'placement_changed', where: unplanned }, '>=', lit(2, 'number'), 'count(placement_changed where not placement_changed.planned) >= 2') }]),
    );
    const moves = [
      ev('review_adjourned', '2025-03-03'),
      ev('placement_changed', '2025-02-03', { planned: false }),
      ev('placement_changed', '2025-02-10', { planned: true }),
      ev('placement_changed', '2025-05-05', { planned: false }),
    ];
    // Up to the adjournment on 3 March there is one unplanned move: the deadline does not apply, and
    // the third move on 5 May (after the anchor) does not change that.
    expect(run(p, moves, '2025-04-01').obligations).toEqual([]);
    expect(run(p, moves, '2025-05-05').obligations).toEqual([]);
    // With a second unplanned move before the adjournment it applies.
    const earlier = [...moves.slice(0, 3), ev('placement_changed', '2025-02-24', { planned: false })];
    expect(run(p, earlier, '2025-04-01').obligations.map((o) => o.anchor.date)).toEqual(['2025-03-03']);
  });

  it('`today` is the as-of date, and may be moved by a duration: `child.dob <= 16 years before today`', () => {
    const sixteen = cmp(
      { kind: 'child_dob' },
      '<=',
      { kind: 'date_offset', direction: 'before', offset: { amount: 16, unit: 'years' }, base: { kind: 'today' } },
      'child.dob <= 16 years before today',
    );
    const p = preparePolicy(policy([{ ...ADJ, when: sixteen }]));
    const adjourned = [ev('review_adjourned', '2025-03-03')];
    expect(run(p, adjourned, '2031-05-31', { child: { dob: '2015-06-01' } }).obligations).toEqual([]);
    expect(run(p, adjourned, '2031-06-01', { child: { dob: '2015-06-01' } }).obligations).toHaveLength(1);
    const beforeToday = preparePolicy(policy([{ ...ADJ, when: cmp({ kind: 'today' }, '<', lit('2025-07-01', 'date'), 'today < 2025-07-01') }]));
    expect(run(beforeToday, adjourned, '2025-06-30').obligations).toHaveLength(1);
    expect(run(beforeToday, adjourned, '2025-07-01').obligations).toEqual([]);
  });

  it('the new result arrays are present and empty for a policy without the new constructs', () => {
    const r = run(statutory, events, '2025-06-01');
    expect(Object.keys(r)).toEqual(['policy', 'case', 'asOf', 'obligations', 'superseded', 'violations', 'escalations', 'criteria', 'notifications', 'notices']);
    expect([r.violations, r.escalations, r.criteria, r.notifications]).toEqual([[], [], [], []]);
  });

  it('a membership or date offset over values of the wrong type is a malformed IR', () => {
    expect(() =>
      preparePolicy(policy([{ ...LAR, when: { kind: 'in', negated: false, left: LEGAL, values: [lit(3, 'number')], text: 'legal_status in (3)' } }], { facts: FACTS })),
    ).toThrow(/compares an enum with a number/);
    expect(() =>
      preparePolicy(
        policy([{ ...ADJ, when: cmp({ kind: 'date_offset', direction: 'after', offset: { amount: 1, unit: 'days' }, base: AGE }, '<', lit('2020-01-01', 'date'), 'x') }]),
      ),
    ).toThrow(/moves a number, not a date/);
  });
});

describe('deadlines', () => {
  const CARE_PLAN: IrDeadline = {
    kind: 'deadline',
    id: 'care_plan_authorised',
    title: 'Proposed care plan authorised',
    owner: 'social_worker',
    metBy: { events: ['care_plan_authorised'] },
    citation: 'Practice change, bullet 3',
    source: src(50),
    policy: 'bristol.review_timeliness',
    due: due(5, 'working_days', { kind: 'event_attribute', event: 'review_scheduled', attribute: 'for' }, { direction: 'before' }),
  };
  const withCarePlan = (rule: IrDeadline, optionalFor = false, supersedes = true) =>
    preparePolicy(
      policy([rule], {
        events: [
          ...STATUTORY.events.filter((e) => e.name !== 'review_scheduled'),
          { name: 'review_scheduled', attributes: [{ name: 'for', type: { kind: 'date' }, optional: optionalFor }], ...(supersedes ? { supersedes: true as const } : {}) },
          { name: 'care_plan_authorised', attributes: [] },
        ],
      }),
    );

  it('"at least 5 working days before" Wed 11 Jun 2025 is Wed 4 Jun 2025', () => {
    const r = run(withCarePlan(CARE_PLAN), [ev('review_scheduled', '2025-05-20', { for: '2025-06-11' })], '2025-06-01');
    expect(r.obligations).toHaveLength(1);
    expect(r.obligations[0]).toMatchObject({
      rule: 'care_plan_authorised',
      anchor: { event: 'review_scheduled', date: '2025-06-11', attribute: 'for' },
      due: '2025-06-04',
      status: 'open',
    });
    expect(r.obligations[0]?.explanation).toContain('5 working days before review_scheduled.for on Wed 11 Jun 2025 is Wed 4 Jun 2025 (skipping weekends)');
  });

  it('a meeting rearranged before it happened supersedes the earlier obligation', () => {
    const r = run(
      withCarePlan(CARE_PLAN),
      [
        ev('review_scheduled', '2025-05-20', { for: '2025-06-11' }),
        ev('review_scheduled', '2025-06-02', { for: '2025-06-18' }),
        ev('care_plan_authorised', '2025-06-03'),
        // Arranged after the meeting of 18 June took place: a new meeting, not a rearrangement.
        ev('review_scheduled', '2025-06-20', { for: '2025-12-10' }),
      ],
      '2025-06-25',
    );
    expect(r.obligations.map((o) => [o.occurrence, o.anchor.date, o.due, o.status])).toEqual([
      [2, '2025-06-18', '2025-06-11', 'met'],
      [3, '2025-12-10', '2025-12-03', 'open'],
    ]);
    expect(r.superseded).toEqual([
      {
        rule: 'care_plan_authorised',
        occurrence: 1,
        anchor: { event: 'review_scheduled', date: '2025-06-11', attribute: 'for' },
        due: '2025-06-04',
        reason: expect.stringContaining('review_scheduled recorded on Mon 2 Jun 2025 for Wed 18 Jun 2025') as unknown as string,
      },
    ]);
  });

  it('an arrangement recorded on the meeting day (the next review, agreed at this one) does not supersede it', () => {
    const r = run(
      withCarePlan(CARE_PLAN),
      [ev('review_scheduled', '2025-05-20', { for: '2025-06-11' }), ev('care_plan_authorised', '2025-06-03'), ev('review_scheduled', '2025-06-11', { for: '2025-12-10' })],
      '2025-06-25',
    );
    expect(r.superseded).toEqual([]);
    expect(r.obligations.map((o) => [o.anchor.date, o.due, o.status])).toEqual([
      ['2025-06-11', '2025-06-04', 'met'],
      ['2025-12-10', '2025-12-03', 'open'],
    ]);
  });

  it('without `supersedes earlier`, later events of the type stand beside earlier ones', () => {
    const r = run(
      withCarePlan(CARE_PLAN, false, false),
      [ev('review_scheduled', '2025-05-20', { for: '2025-06-11' }), ev('review_scheduled', '2025-06-02', { for: '2025-06-18' })],
      '2025-06-25',
    );
    expect(r.superseded).toEqual([]);
    expect(r.obligations.map((o) => o.anchor.date)).toEqual(['2025-06-11', '2025-06-18']);
  });

  it('an event lacking an optional anchor attribute is skipped, with a notice', () => {
    const r = run(withCarePlan(CARE_PLAN, true), [ev('review_scheduled', '2025-05-20')], '2025-06-01');
    expect(r.obligations).toEqual([]);
    expect(r.notices.map((n) => n.message)).toEqual(['the `review_scheduled` event of 2025-05-20 has no `for`, so rule `care_plan_authorised` has no obligation for it']);
  });

  it('alignment to the Monday on or before, with a time of day', () => {
    const INVITES: IrDeadline = {
      ...CARE_PLAN,
      id: 'invite_list_sent',
      due: due(5, 'weeks', { kind: 'event_attribute', event: 'review_scheduled', attribute: 'for' }, {
        direction: 'before',
        align: { weekday: 1, direction: 'on_or_before' },
        time: '12:00',
      }),
    };
    const r = run(withCarePlan(INVITES), [ev('review_scheduled', '2025-05-20', { for: '2025-07-16' })], '2025-06-01');
    expect(r.obligations[0]).toMatchObject({ due: '2025-06-09', dueTime: '12:00', status: 'open' });
    expect(r.obligations[0]?.explanation).toContain(
      '5 weeks (35 days) before review_scheduled.for on Wed 16 Jul 2025 is Wed 11 Jun 2025, moved to the Monday on or before: Mon 9 Jun 2025, by 12:00',
    );
  });

  it('an adjourned review must be reconvened within 20 working days', () => {
    const r = run(
      statutory,
      [ev('became_looked_after', '2025-04-14'), ev('review_adjourned', '2025-05-13'), ev('review_held', '2025-06-05')],
      '2025-06-20',
    );
    expect(byRule(r, 'adjourned_review_reconvened')).toEqual([
      expect.objectContaining({ occurrence: 1, anchor: { event: 'review_adjourned', date: '2025-05-13' }, due: '2025-06-11', status: 'met', satisfiedOn: '2025-06-05' }),
    ]);
    expect(byRule(r, 'adjourned_review_reconvened')[0]?.explanation).toContain('Spring bank holiday Mon 26 May 2025');
    // Sorted by due date, then rule id.
    expect(r.obligations.map((o) => [o.rule, o.due])).toEqual([
      ['looked_after_review', '2025-05-15'],
      ['adjourned_review_reconvened', '2025-06-11'],
      ['looked_after_review', '2025-09-05'],
    ]);
  });

  it('a deadline measured from the child\'s date of birth', () => {
    const PATHWAY: IrDeadline = { ...ADJ, id: 'pathway_plan', due: due(16, 'years', { kind: 'child_dob' }), metBy: { events: ['review_held'] } };
    const r = run(preparePolicy(policy([PATHWAY])), [ev('review_held', '2020-01-01')], '2025-06-01', { child: { dob: '2012-02-29' } });
    expect(r.obligations).toEqual([
      expect.objectContaining({ anchor: { event: 'child.dob', date: '2012-02-29' }, due: '2028-02-29', status: 'met', satisfiedOn: '2020-01-01' }),
    ]);
    expect(r.obligations[0]?.explanation).toContain("16 years after the child's date of birth on Wed 29 Feb 2012 is Tue 29 Feb 2028");
  });

  it('explanations name the Christmas bank holidays skipped', () => {
    const r = run(statutory, [ev('became_looked_after', '2025-12-15')], '2025-12-16');
    expect(r.obligations[0]?.due).toBe('2026-01-15');
    expect(r.obligations[0]?.explanation).toContain(
      '(skipping weekends and 3 bank holidays: Christmas Day Thu 25 Dec 2025, Boxing Day Fri 26 Dec 2025, New Year’s Day Thu 1 Jan 2026)',
    );
  });

  it('a policy calendar closure day is skipped and named', () => {
    const p = preparePolicy(
      policy([LAR], { calendar: { base: 'england-and-wales', add: [{ date: '2025-04-15', name: 'Council closure day' }], remove: [] } }),
    );
    const r = run(p, [ev('became_looked_after', '2025-04-14')], '2025-04-20');
    expect(r.obligations[0]?.due).toBe('2025-05-16');
    expect(r.obligations[0]?.explanation).toContain('Council closure day Tue 15 Apr 2025');
  });
});

describe('the as-of date, validation and the API', () => {
  it('events after the as-of date are not considered, and a notice says how many', () => {
    const r = run(
      statutory,
      [ev('became_looked_after', '2025-04-14'), ev('review_held', '2025-05-13'), ev('review_held', '2025-08-01'), ev('review_adjourned', '2025-09-01')],
      '2025-06-01',
    );
    expect(r.notices.map((n) => n.message)).toEqual(['2 events dated after the as-of date 2025-06-01 were not considered']);
    expect(byRule(r, 'looked_after_review').map((o) => o.status)).toEqual(['met', 'open']);
    expect(byRule(r, 'adjourned_review_reconvened')).toEqual([]);
    const one = run(statutory, [ev('became_looked_after', '2025-04-14'), ev('review_held', '2025-06-02')], '2025-06-01');
    expect(one.notices.map((n) => n.message)).toEqual(['1 event dated after the as-of date 2025-06-01 was not considered']);
  });

  it('an invalid as-of date is an error with path `asOf`, alongside the case errors', () => {
    const bad = statutory.evaluate({ id: 'c', child: { dob: '2015-01-01' }, events: [] }, '2025-02-30');
    expect(bad).toMatchObject({ ok: false, errors: [{ path: 'asOf', keys: ['asOf'], code: 'case/as-of-not-a-real-date', message: 'the as-of date <value> is not a real calendar date' }] });
    expect(bad.ok === false && bad.errors.length).toBe(1);
    const both = statutory.evaluate({ id: 'c', child: { dob: '2015-01-01' }, events: [{ type: 'nope', date: '2025-01-01' }] }, '1/6/2025');
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.errors.map((e) => e.path)).toEqual(['asOf', 'events[0].type']);
  });

  it('evaluateNormalized gives the same result as evaluate', () => {
    const input = { id: 'c', child: { dob: '2015-01-01' }, events: [ev('review_held', '2025-05-13'), ev('became_looked_after', '2025-04-14')] };
    const v = statutory.validate(input);
    if (!v.ok) throw new Error('invalid');
    const r = statutory.evaluate(input, '2025-06-01');
    expect(r.ok && r.result).toEqual(statutory.evaluateNormalized(v.case, parsePlainDate('2025-06-01')!));
  });

  it('evaluateNormalized accepts events out of order (it sorts a copy)', () => {
    const c = {
      id: 'c',
      child: { dob: parsePlainDate('2015-01-01')! },
      facts: {},
      events: [
        { type: 'review_held', date: parsePlainDate('2025-05-13')!, index: 0, attributes: {} },
        { type: 'became_looked_after', date: parsePlainDate('2025-04-14')!, index: 1, attributes: {} },
      ],
    };
    const r = statutory.evaluateNormalized(c, parsePlainDate('2025-06-01')!);
    expect(r.obligations.map((o) => o.status)).toEqual(['met', 'open']);
    expect(c.events[0]?.type).toBe('review_held');
  });

  it('results are plain JSON', () => {
    const r = run(statutory, [ev('became_looked_after', '2025-01-06'), ev('ceased_looked_after', '2025-03-01')], '2025-06-01');
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('explanations can be turned off for simulations', () => {
    const quiet = preparePolicy(STATUTORY, { explanations: false });
    const events = [ev('became_looked_after', '2025-04-14'), ev('review_held', '2025-05-13')];
    const a = run(quiet, events, '2025-06-01');
    const b = run(statutory, events, '2025-06-01');
    expect(a.obligations.map((o) => o.explanation)).toEqual(['', '']);
    expect(a.obligations.map((o) => ({ ...o, explanation: '' }))).toEqual(b.obligations.map((o) => ({ ...o, explanation: '' })));
  });

  it('a malformed IR is rejected when the policy is prepared', () => {
    expect(() => preparePolicy(policy([{ ...ADJ, due: due(1, 'days', { kind: 'previous' }) }]))).toThrow(/malformed IR/);
    expect(() => preparePolicy(policy([{ ...ADJ, metBy: { events: ['nope'] } }]))).toThrow(/undeclared event `nope`/);
    expect(() =>
      preparePolicy(policy([{ ...ADJ, when: cmp(AGE, '<', lit('2020-01-01', 'date'), 'age < 2020-01-01') }])),
    ).toThrow(/compares a number with a date/);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const DAY0 = parsePlainDate('2000-01-01')!;
const DAY1 = parsePlainDate('2090-12-31')!;
const calendar = englandAndWalesCalendar();

describe('properties', () => {
  const byAmount = new Map<string, CompiledPolicy>();
  const deadlinePolicy = (amount: number, direction: 'after' | 'before'): CompiledPolicy => {
    const key = `${amount}${direction}`;
    let p = byAmount.get(key);
    if (p === undefined) {
      p = preparePolicy(policy([{ ...ADJ, due: due(amount, 'working_days', { kind: 'event', event: 'review_adjourned' }, { direction }) }]));
      byAmount.set(key, p);
    }
    return p;
  };

  it('working-day due dates are always working days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: DAY0, max: DAY1 }),
        fc.constantFrom(1, 2, 3, 5, 10, 15, 20, 28, 40),
        fc.constantFrom('after' as const, 'before' as const),
        (anchor, amount, direction) => {
          const p = deadlinePolicy(amount, direction);
          const r = p.evaluateNormalized(
            { id: 'p', child: { dob: DAY0 }, facts: {}, events: [{ type: 'review_adjourned', date: anchor, index: 0, attributes: {} }] },
            DAY1,
          );
          const o = r.obligations[0];
          expect(o).toBeDefined();
          const d = parsePlainDate(o!.due!)!;
          expect(calendar.isWorkingDay(d)).toBe(true);
          expect(calendar.countWorkingDays(anchor, d)).toBe(direction === 'after' ? amount : -amount);
        },
      ),
    );
  });

  const TYPES = ['became_looked_after', 'ceased_looked_after', 'review_held', 'review_adjourned', 'placement_changed'] as const;
  const arbEvents = fc.array(
    fc.record({ type: fc.constantFrom(...TYPES), day: fc.integer({ min: 0, max: 900 }) }),
    { maxLength: 25 },
  );
  const START = parsePlainDate('2024-01-01')!;
  const restarting = preparePolicy(policy([{ ...LAR, restartsOn: ['placement_changed'] }, ADJ]));

  it('`met` implies satisfiedOn <= due; the other statuses agree with the dates; results are sorted', () => {
    fc.assert(
      fc.property(arbEvents, fc.integer({ min: 0, max: 1000 }), fc.boolean(), (raw, asOfDay, restart) => {
        const p = restart ? restarting : statutory;
        const events = raw.map((e) => ({
          type: e.type,
          date: formatPlainDate(START + e.day),
          ...(e.type === 'placement_changed' ? { planned: e.day % 2 === 0 } : {}),
        }));
        const asOf = START + asOfDay;
        const res = p.evaluate({ id: 'p', child: { dob: '2015-01-01' }, events }, formatPlainDate(asOf));
        expect(res.ok).toBe(true);
        if (!res.ok) return;
        const r = res.result;
        for (const o of r.obligations) {
          const dueDate = parsePlainDate(o.due!)!;
          const sat = o.satisfiedOn === undefined ? undefined : parsePlainDate(o.satisfiedOn)!;
          if (o.status === 'met') expect(sat! <= dueDate).toBe(true);
          if (o.status === 'met_late') expect(sat! > dueDate).toBe(true);
          if (o.status === 'overdue') expect(sat === undefined && asOf > dueDate).toBe(true);
          if (o.status === 'open') expect(sat === undefined && asOf <= dueDate).toBe(true);
          if (sat !== undefined) expect(sat <= asOf).toBe(true);
          expect(parsePlainDate(o.anchor.date)! <= asOf).toBe(true);
          expect(o.explanation).toMatch(/^[a-z_]+ \(occurrence \d+\): .*\. Source: .+\.$/);
        }
        const keys = r.obligations.map((o) => [parsePlainDate(o.due!)!, o.rule, o.occurrence] as const);
        for (let i = 1; i < keys.length; i++) {
          const [d0, r0, k0] = keys[i - 1]!;
          const [d1, r1, k1] = keys[i]!;
          expect(d0 < d1 || (d0 === d1 && (r0 < r1 || (r0 === r1 && k0 <= k1)))).toBe(true);
        }
        // Each review meets at most one occurrence of the cycle.
        const used = r.obligations.filter((o) => o.rule === 'looked_after_review' && o.satisfiedOn !== undefined);
        expect(used.length).toBeLessThanOrEqual(raw.filter((e) => e.type === 'review_held' && START + e.day <= asOf).length);
      }),
    );
  });
});
