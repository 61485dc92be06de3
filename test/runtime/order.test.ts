/**
 * Tests of the `order` kind (`runtime/kinds/order.ts`) through the compiler and the evaluator, with
 * dates worked by hand: a step with no earlier event, same-date events (the recorded order decides),
 * a step and an earlier event of one type (never itself),
 * filters on either side, one earlier event before several steps, the recency window in calendar
 * months (clamped to the month's end) and in working days (skipping a bank holiday), `when` read on
 * the step's date, events after the as-of date, a malformed IR; and the Bristol test policy's
 * `pdl test` file (test/cases/order/first-discuss.tests.yaml) through the same runner as `pdl test`.
 *
 * Input: a policy written here and the test policy under test/cases/order. Output: assertions only.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileHost } from '../../cli/file-host.ts';
import { compile } from '../../compiler/index.ts';
import { parseTestsFile, runTest } from '../../compiler/testing/policy-tests.ts';
import { MalformedIrError, preparePolicy, type CompiledPolicy, type EvaluationResult, type PolicyIR } from '../../runtime/index.ts';

const POLICY = `policy test.order
  title "Order of steps"

role social_worker "Social worker"
role team_manager  "Team manager"
role iro           "Independent Reviewing Officer"

event asked           { by: role }
event discussion      { with: role }
event assessment_done
event carer_notified
event review_held

order discuss_first "Discuss a request first"
  owner social_worker
  step asked where asked.by is social_worker
  after discussion where discussion.with is team_manager
  cite "bullet 5"

order recent_assessment "A review based on an up-to-date assessment"
  step review_held
  after assessment_done
  within 3 months
  when age under 16
  cite "para 2"

order iro_asks_second "The IRO asks only after a request"
  step asked where asked.by is iro
  after asked
  cite "para 4"

order carer_told "The carer is told of the review"
  step review_held
  after carer_notified
  within 5 working days
  cite "para 3"
`;

function irOf(text: string): PolicyIR {
  const { ir, diagnostics } = compile(text, { uri: 'order.pdl' });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (ir === undefined) throw new Error('the test policy does not compile');
  return ir;
}

const IR = irOf(POLICY);
const policy = preparePolicy(IR);

type Ev = { type: string; date: string; [k: string]: unknown };
const ev = (type: string, date: string, attrs: Record<string, unknown> = {}): Ev => ({ type, date, ...attrs });

function run(p: CompiledPolicy, events: Ev[], asOf: string, dob = '2012-09-01'): EvaluationResult {
  const r = p.evaluate({ id: 'case-order', child: { dob }, events }, asOf);
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.result;
}

const of = (r: EvaluationResult, rule: string) => r.violations.filter((v) => v.rule === rule);

describe('order: a step must be preceded by its earlier event', () => {
  it('no discussion at all: one violation at the request, naming both events and citing the paragraph', () => {
    const r = run(policy, [ev('asked', '2025-03-03', { by: 'social_worker' })], '2025-04-01');
    expect(r.violations).toEqual([
      {
        rule: 'discuss_first',
        kind: 'order',
        message:
          'Discuss a request first: asked on Mon 3 Mar 2025 has no discussion where discussion.with is team_manager on or before it, which must come first (bullet 5)',
        event: { type: 'asked', date: '2025-03-03', index: 0 },
        citation: 'bullet 5',
      },
    ]);
  });

  it('a discussion the day before: no violation', () => {
    const r = run(policy, [ev('discussion', '2025-03-02', { with: 'team_manager' }), ev('asked', '2025-03-03', { by: 'social_worker' })], '2025-04-01');
    expect(r.violations).toEqual([]);
  });

  it('on the same date, the order the case records them in decides', () => {
    const before = run(policy, [ev('discussion', '2025-03-03', { with: 'team_manager' }), ev('asked', '2025-03-03', { by: 'social_worker' })], '2025-04-01');
    expect(before.violations).toEqual([]);
    const after = run(policy, [ev('asked', '2025-03-03', { by: 'social_worker' }), ev('discussion', '2025-03-03', { with: 'team_manager' })], '2025-04-01');
    expect(of(after, 'discuss_first').map((v) => v.event)).toEqual([{ type: 'asked', date: '2025-03-03', index: 0 }]);
  });

  it('a discussion later than the request does not count (listed first in the input, dated after)', () => {
    const r = run(policy, [ev('discussion', '2025-03-04', { with: 'team_manager' }), ev('asked', '2025-03-03', { by: 'social_worker' })], '2025-04-01');
    expect(of(r, 'discuss_first').map((v) => v.event)).toEqual([{ type: 'asked', date: '2025-03-03', index: 1 }]);
  });

  it('filters: a discussion with the IRO is not one with the team manager; the IRO\'s request is not a step', () => {
    const r = run(
      policy,
      [ev('discussion', '2025-03-01', { with: 'iro' }), ev('asked', '2025-03-03', { by: 'social_worker' }), ev('asked', '2025-03-04', { by: 'iro' })],
      '2025-04-01',
    );
    expect(of(r, 'discuss_first').map((v) => v.event.date)).toEqual(['2025-03-03']);
  });

  it('one discussion comes before several requests', () => {
    const r = run(
      policy,
      [ev('discussion', '2025-01-10', { with: 'team_manager' }), ev('asked', '2025-02-03', { by: 'social_worker' }), ev('asked', '2025-03-03', { by: 'social_worker' })],
      '2025-04-01',
    );
    expect(r.violations).toEqual([]);
  });

  it('a request after the as-of date is not considered', () => {
    const r = run(policy, [ev('asked', '2025-04-02', { by: 'social_worker' })], '2025-04-01');
    expect(r.violations).toEqual([]);
  });
});

describe('order: a step and its earlier event of one type', () => {
  it('an event is never its own earlier event: a lone request by the IRO breaks the order', () => {
    const r = run(policy, [ev('asked', '2025-03-04', { by: 'iro' })], '2025-04-01');
    expect(of(r, 'iro_asks_second').map((v) => v.message)).toEqual([
      'The IRO asks only after a request: asked on Tue 4 Mar 2025 has no asked on or before it, which must come first (para 4)',
    ]);
  });

  it("another request before it, on the same day, is enough (and the social worker's own order is met too)", () => {
    const r = run(policy, [ev('discussion', '2025-03-01', { with: 'team_manager' }), ev('asked', '2025-03-04', { by: 'social_worker' }), ev('asked', '2025-03-04', { by: 'iro' })], '2025-04-01');
    expect(r.violations).toEqual([]);
  });
});

describe('order: the recency window', () => {
  // Review Fri 28 Feb 2025; 3 months before is Thu 28 Nov 2024.
  it('3 months: an assessment on the first day of the window is in time, the day before is stale', () => {
    const inTime = run(policy, [ev('assessment_done', '2024-11-28'), ev('carer_notified', '2025-02-27'), ev('review_held', '2025-02-28')], '2025-03-31');
    expect(inTime.violations).toEqual([]);
    const stale = run(policy, [ev('assessment_done', '2024-11-27'), ev('carer_notified', '2025-02-27'), ev('review_held', '2025-02-28')], '2025-03-31');
    expect(stale.violations).toEqual([
      {
        rule: 'recent_assessment',
        kind: 'order',
        message:
          'A review based on an up-to-date assessment: review_held on Fri 28 Feb 2025: the latest assessment_done before it was on Wed 27 Nov 2024, more than 3 months earlier; one on or after Thu 28 Nov 2024 must come first (para 2)',
        event: { type: 'review_held', date: '2025-02-28', index: 2 },
        citation: 'para 2',
      },
    ]);
  });

  // Review Sat 31 May 2025; 3 months before, 31 Feb, is clamped to Fri 28 Feb 2025.
  it('months are clamped to the end of the month', () => {
    const inTime = run(policy, [ev('assessment_done', '2025-02-28'), ev('carer_notified', '2025-05-30'), ev('review_held', '2025-05-31')], '2025-06-30');
    expect(of(inTime, 'recent_assessment')).toEqual([]);
    const stale = run(policy, [ev('assessment_done', '2025-02-27'), ev('carer_notified', '2025-05-30'), ev('review_held', '2025-05-31')], '2025-06-30');
    expect(of(stale, 'recent_assessment').map((v) => v.message)).toEqual([
      'A review based on an up-to-date assessment: review_held on Sat 31 May 2025: the latest assessment_done before it was on Thu 27 Feb 2025, more than 3 months earlier; one on or after Fri 28 Feb 2025 must come first (para 2)',
    ]);
  });

  it('the latest earlier event is the one measured: an old one followed by a recent one is in time', () => {
    const r = run(policy, [ev('assessment_done', '2024-01-10'), ev('assessment_done', '2025-02-01'), ev('carer_notified', '2025-02-28'), ev('review_held', '2025-03-03')], '2025-03-31');
    expect(r.violations).toEqual([]);
  });

  // Review Mon 12 May 2025. 5 working days back: Fri 9, Thu 8, Wed 7, Tue 6, then Mon 5 May is the
  // early May bank holiday, so Fri 2 May 2025.
  it('5 working days skip the weekend and the early May bank holiday', () => {
    const inTime = run(policy, [ev('assessment_done', '2025-04-01'), ev('carer_notified', '2025-05-02'), ev('review_held', '2025-05-12')], '2025-05-31');
    expect(inTime.violations).toEqual([]);
    const stale = run(policy, [ev('assessment_done', '2025-04-01'), ev('carer_notified', '2025-05-01'), ev('review_held', '2025-05-12')], '2025-05-31');
    expect(of(stale, 'carer_told').map((v) => v.message)).toEqual([
      'The carer is told of the review: review_held on Mon 12 May 2025: the latest carer_notified before it was on Thu 1 May 2025, more than 5 working days earlier; one on or after Fri 2 May 2025 must come first (para 3)',
    ]);
    expect(stale.violations).toHaveLength(1);
  });

  it('a review with neither earlier event breaks both orders that have it as their step', () => {
    const r = run(policy, [ev('review_held', '2025-05-12')], '2025-05-31');
    expect(r.violations.map((v) => [v.rule, v.kind])).toEqual(
      expect.arrayContaining([
        ['recent_assessment', 'order'],
        ['carer_told', 'order'],
      ]),
    );
    expect(r.violations).toHaveLength(2);
  });
});

describe('order: when', () => {
  // Born 1 Mar 2009: 15 on Fri 28 Feb 2025, 16 on Sat 1 Mar 2025.
  it('is read on the step\'s date: the order applies to a review at 15, not to one at 16', () => {
    const at15 = run(policy, [ev('carer_notified', '2025-02-27'), ev('review_held', '2025-02-28')], '2025-03-31', '2009-03-01');
    expect(of(at15, 'recent_assessment').map((v) => v.event.date)).toEqual(['2025-02-28']);
    const at16 = run(policy, [ev('carer_notified', '2025-02-28'), ev('review_held', '2025-03-01')], '2025-03-31', '2009-03-01');
    expect(of(at16, 'recent_assessment')).toEqual([]);
  });
});

describe('order: the IR contract', () => {
  it('a window of zero, or an undeclared event, is a malformed IR', () => {
    const [order] = IR.orders;
    if (order === undefined) throw new Error('no order in the test policy');
    expect(() => preparePolicy({ ...IR, orders: [{ ...order, within: { amount: 0, unit: 'days' } }] })).toThrow(MalformedIrError);
    expect(() => preparePolicy({ ...IR, orders: [{ ...order, after: { event: 'nothing', text: 'nothing' } }] })).toThrow(MalformedIrError);
  });

  it('a policy without orders plans no order unit', () => {
    const plain = preparePolicy({ ...IR, orders: [] });
    const r = run(plain, [ev('asked', '2025-03-03', { by: 'social_worker' })], '2025-04-01');
    expect(r.violations).toEqual([]);
  });
});

describe("order: the Bristol test policy's pdl test file", () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const file = join(root, 'test/cases/order/first-discuss.tests.yaml');
  const parsed = parseTestsFile(readFileSync(file, 'utf8'));
  it('is a valid tests file whose policy compiles', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.file?.tests.length).toBeGreaterThanOrEqual(6);
  });
  if (parsed.file === undefined) return;
  const policyPath = resolve(dirname(file), parsed.file.policy);
  const compiled = compile(readFileSync(policyPath, 'utf8'), { uri: relative(root, policyPath), host: createFileHost([join(root, 'policies')], root) });
  for (const test of parsed.file.tests) {
    it(test.name, () => {
      expect(compiled.policy).toBeDefined();
      expect(runTest(compiled.policy!, test).failures).toEqual([]);
    });
  }
});
