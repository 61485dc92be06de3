/**
 * `evaluateNormalized` on a case whose events are not in order (runtime/evaluate.ts, semantics 1):
 * one pass both checks the order and leaves repeated records out; when the events turn out not to be
 * sorted, that pass is abandoned (with any repeat notice it made) and a sorted copy is read instead.
 * The result must be the result of the sorted case, byte for byte, with each repeat noticed once.
 *
 * Input: the statutory policy and cases written here. Output: assertions only.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompilerHost } from '../../compiler/pipeline.ts';
import { parsePlainDate, preparePolicy, type NormalizedCase, type NormalizedEvent, type PlainDate } from '../../runtime/index.ts';
import { compiledIr } from '../support/compiled.ts';

const statutory = readFileSync(new URL('../../policies/england/statutory-reviews.pdl', import.meta.url), 'utf8');
const host: CompilerHost = { findPolicy: () => undefined };
const ir = compiledIr(statutory, { uri: 'statutory.pdl', host });
const policy = preparePolicy(ir);
const asOf = parsePlainDate('2025-06-30') as PlainDate;

/** The case, validated (so sorted by date, then input order). */
function sortedCase(events: { type: string; date: string; [k: string]: unknown }[]): NormalizedCase {
  const v = policy.validate({ id: 'case-1', child: { dob: '2014-02-01' }, events });
  if (!v.ok) throw new Error(`invalid case: ${JSON.stringify(v.errors)}`);
  return v.case;
}

/** The same case with its events in another order (each keeps its input position, `index`). */
function reordered(c: NormalizedCase, order: readonly number[]): NormalizedCase {
  return { ...c, events: order.map((k) => c.events[k] as NormalizedEvent) };
}

const events = [
  { type: 'became_looked_after', date: '2025-01-06' },
  { type: 'review_held', date: '2025-01-27' },
  { type: 'review_held', date: '2025-01-27' },
  { type: 'placement_changed', date: '2025-01-27', planned: true },
  { type: 'review_held', date: '2025-04-22' },
  { type: 'review_held', date: '2025-04-22' },
];

describe('evaluateNormalized reads unsorted events as the sorted case', () => {
  const sorted = sortedCase(events);
  const want = JSON.stringify(policy.evaluateNormalized(sorted, asOf));

  it('the sorted case has two repeats, each noticed once', () => {
    const r = policy.evaluateNormalized(sorted, asOf);
    expect(r.notices.filter((n) => n.code === 'notice/repeated-event')).toHaveLength(2);
    expect(r.obligations.map((o) => [o.occurrence, o.status, o.satisfiedOn])).toEqual([
      [1, 'met', '2025-01-27'],
      [2, 'met', '2025-04-22'],
      [3, 'open', undefined],
    ]);
  });

  it.each([
    ['a repeat found before the disorder (its notice is not kept twice)', [1, 2, 0, 3, 4, 5]],
    ['a later repeat found before the disorder (its notice does not come first)', [4, 5, 0, 1, 2, 3]],
    ['reversed', [5, 4, 3, 2, 1, 0]],
    ['one date out of input order only', [0, 2, 1, 3, 4, 5]],
    ['the last two swapped', [0, 1, 2, 3, 5, 4]],
  ])('%s', (_label, order) => {
    const r = policy.evaluateNormalized(reordered(sorted, order), asOf);
    expect(JSON.stringify(r)).toBe(want);
  });

  it('leaves the caller\'s events as they were', () => {
    const c = reordered(sorted, [5, 4, 3, 2, 1, 0]);
    const before = c.events.map((e) => e.index);
    policy.evaluateNormalized(c, asOf);
    expect(c.events.map((e) => e.index)).toEqual(before);
  });
});
