/**
 * Timelines that cannot be taken as they stand (issue 15, item 5): the same event recorded twice, and
 * events before the child's birth. Each is reported as a notice, never folded silently. Input: the
 * statutory policy (policies/england/statutory-reviews.pdl) and cases worked by hand. Output:
 * assertions on obligations and notices.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { EvaluationResult } from '../../runtime/index.ts';

const ROOT = new URL('../../', import.meta.url);
const policy = compile(readFileSync(new URL('policies/england/statutory-reviews.pdl', ROOT), 'utf8'), { uri: 'statutory-reviews.pdl' }).policy!;

function run(events: object[], dob = '2015-03-01', asOf = '2025-06-01'): EvaluationResult {
  const outcome = policy.evaluate({ id: 'c1', child: { dob }, facts: {}, events }, asOf);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.result;
}

const reviews = (r: EvaluationResult) => r.obligations.filter((o) => o.rule === 'looked_after_review').map((o) => [o.occurrence, o.due, o.status, o.satisfiedOn ?? null]);

describe('the same event recorded twice', () => {
  // Looked after on Monday 6 January 2025: the first review is due 20 working days later, Monday 3
  // February (no bank holiday in between); held on 30 January. The second is due 3 months after it,
  // 30 April 2025.
  const first = { type: 'became_looked_after', date: '2025-01-06' };
  const held = { type: 'review_held', date: '2025-01-30' };

  it('an identical repeat (same type, date and attributes) is left out with a notice, so it cannot meet the second review', () => {
    const r = run([first, held, { ...held }]);
    expect(reviews(r)).toEqual([
      [1, '2025-02-03', 'met', '2025-01-30'],
      [2, '2025-04-30', 'overdue', null],
    ]);
    expect(r.notices.map((n) => [n.code, n.message])).toEqual([
      ['notice/repeated-event', 'the `review_held` event of 2025-01-30 is recorded twice with the same attributes, so the repeat was not considered'],
    ]);
  });

  it('without the repeat, the same obligations and no notice', () => {
    const r = run([first, held]);
    expect(reviews(r)).toEqual([
      [1, '2025-02-03', 'met', '2025-01-30'],
      [2, '2025-04-30', 'overdue', null],
    ]);
    expect(r.notices).toEqual([]);
  });

  it('two events of one type and date with different attributes are two records', () => {
    const withIro = { type: 'discussion_held', date: '2025-02-10', with: 'iro', about: 'the plan' };
    const r = run([first, held, withIro, { ...withIro, with: 'team_manager' }]);
    expect(r.notices).toEqual([]);
  });
});

describe('events before the date of birth', () => {
  it('are considered as recorded, with a notice counting them (a pre-birth assessment is real; a wrong dob is likelier)', () => {
    const r = run([{ type: 'became_looked_after', date: '2025-01-06' }, { type: 'review_held', date: '2025-01-30' }], '2025-01-20');
    expect(reviews(r)[0]).toEqual([1, '2025-02-03', 'met', '2025-01-30']);
    expect(r.notices.map((n) => [n.code, n.message])).toEqual([
      ['notice/events-before-birth', "1 event is dated before the child's date of birth; it was considered as recorded"],
    ]);
  });
});
