/**
 * The playground carries the silent-gap notices (runtime/gaps.ts) from the worker's engine to its
 * notices list: a case showing a rule that could not be measured gets the notice in the response
 * (structured-cloneable JSON), with the message the notices list shows.
 *
 * Input: the statutory policy and a case written here. Output: assertions only.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../playground/src/engine.ts';
import { createMemoryHost, policyEntriesFromModules } from '../../playground/src/host.ts';
import { policyModules, STATUTORY_URI, statutoryText } from './fixtures.ts';

const host = createMemoryHost(policyEntriesFromModules(policyModules));

describe('playground: notices of rules that could not be measured', () => {
  // reg 33(1): the first review is due 20 working days after the child becomes looked after; a review
  // held with no record of that has nothing to be measured from.
  it('a review held with no start of the review cycle reaches the notices list', () => {
    const caseJson = JSON.stringify({ id: 'c', child: { dob: '2015-03-01' }, events: [{ type: 'review_held', date: '2025-05-13' }] });
    const response = createEngine(host).check({ requestId: 1, policyText: statutoryText, uri: STATUTORY_URI, caseJson, asOf: '2025-05-20' });
    expect(response.outcome.kind).toBe('evaluated');
    if (response.outcome.kind !== 'evaluated') return;
    expect(response.outcome.result.obligations).toEqual([]);
    expect(response.outcome.result.notices.map((n) => [n.code, n.params])).toEqual([
      ['notice/cycle-not-started', { rule: 'looked_after_review', event: 'review_held', starts: ['became_looked_after'] }],
    ]);
    expect(response.outcome.result.notices[0]?.message).toContain('a `became_looked_after` on or before that date would make it measurable');
    expect(JSON.parse(JSON.stringify(response))).toEqual(response);
  });
});
