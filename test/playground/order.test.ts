/**
 * The playground shows an `order`'s violations: the worker's engine (playground/src/engine.ts)
 * compiles a policy with an order (Bristol's "first discuss", test/cases/order/good/first-discuss.pdl)
 * against the bundled statutory baseline, evaluates a case, and the rows the page renders
 * (`violationsOf`, playground/src/rows.ts) hold the order's violation, which needs no code of its own.
 *
 * Input: the test policy and a case written here. Output: assertions only.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../playground/src/engine.ts';
import { createMemoryHost, policyEntriesFromModules } from '../../playground/src/host.ts';
import { violationsOf } from '../../playground/src/rows.ts';
import { policyModules } from './fixtures.ts';

const text = readFileSync(fileURLToPath(new URL('../cases/order/good/first-discuss.pdl', import.meta.url)), 'utf8');
const host = createMemoryHost(policyEntriesFromModules(policyModules));

const caseJson = JSON.stringify({
  id: 'playground-order',
  child: { dob: '2015-03-01' },
  events: [
    { type: 'review_postponement_requested', date: '2025-06-04', by: 'social_worker', meeting: '2025-06-20' },
    { type: 'discussion_held', date: '2025-06-05', with: 'practice_lead', about: 'postponement' },
    { type: 'review_postponement_requested', date: '2025-06-09', by: 'social_worker', meeting: '2025-06-27' },
  ],
});

describe('playground: orders', () => {
  it("evaluates the order and lists its violation among the page's rows", () => {
    const response = createEngine(host).check({ requestId: 1, policyText: text, uri: 'first-discuss.pdl', caseJson, asOf: '2025-06-30' });
    expect(response.diagnostics).toEqual([]);
    if (response.outcome.kind !== 'evaluated') throw new Error(`not evaluated: ${JSON.stringify(response.outcome)}`);
    const rows = violationsOf(response.outcome.result);
    expect(rows.map((v) => [v.rule, v.kind, v.event.date, v.citation])).toEqual([['discuss_before_postponement', 'order', '2025-06-04', 'Practice Change, bullet 5']]);
    expect(rows[0]?.message).toContain('has no discussion_held where');
  });
});
