/**
 * Simulations count an `order`'s violations by rule and kind (simulation/simulate/accumulate.ts reads
 * `violations` whatever their kind): the statutory baseline against a reform that adds Bristol's
 * "first discuss" order (test/cases/order/good/first-discuss.pdl), over three cases written here.
 *
 * Input: the two policies and the cases. Output: assertions only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileHost } from '../../cli/file-host.ts';
import { parsePlainDate } from '../../runtime/index.ts';
import { createAccumulator } from '../../simulation/simulate/accumulate.ts';
import { compiledPolicy } from '../support/compiled.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const host = createFileHost([join(root, 'policies')], root);

function policyOf(path: string) {
  return compiledPolicy(readFileSync(join(root, path), 'utf8'), { uri: path, host });
}

const request = (date: string) => ({ type: 'review_postponement_requested', date, by: 'social_worker', meeting: '2025-07-30' });

describe('simulation: orders', () => {
  it('counts the violations of an order by rule, with its kind; the baseline has none', () => {
    const baseline = policyOf('policies/england/statutory-reviews.pdl');
    const reform = policyOf('test/cases/order/good/first-discuss.pdl');
    const acc = createAccumulator(baseline, reform, parsePlainDate('2025-06-30')!);
    const child = { dob: '2015-03-01' };
    // Two requests with no discussion before them; one after a discussion; one with two requests, the first undiscussed.
    acc.addRecord({ kind: 'value', origin: 'test', value: { id: 'a', child, events: [request('2025-06-02')] } }, 0);
    acc.addRecord({ kind: 'value', origin: 'test', value: { id: 'b', child, events: [{ type: 'discussion_held', date: '2025-06-01', with: 'team_manager', about: 'x' }, request('2025-06-02')] } }, 1);
    acc.addRecord({ kind: 'value', origin: 'test', value: { id: 'c', child, events: [request('2025-06-02'), { type: 'discussion_held', date: '2025-06-03', with: 'team_manager', about: 'x' }, request('2025-06-04')] } }, 2);
    expect(acc.partial.failures).toEqual([]);
    expect(acc.partial.evaluated).toBe(3);
    expect(acc.partial.reform.violations).toEqual({ discuss_before_postponement: ['order', 2] });
    expect(acc.partial.baseline.violations).toEqual({});
  });
});
