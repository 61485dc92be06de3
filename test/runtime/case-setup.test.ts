/**
 * The evaluator's per-case setup (runtime/evaluate.ts): each considered event's type id, found by an
 * identity scan of the policy's type names (up to 16 types) or by a map (more), and the per-case counts
 * of each type (`CaseState.typeCounts`) that the limits' pre-check (`mayExceed`) and the ladder's
 * presence test read instead of scanning the events again.
 *
 * Input: small policies written here (one with 4 event types, one with 20), the statutory policy
 * (policies/england/statutory-reviews.pdl) and seeded synthetic cases. Output: assertions that the type
 * ids do not depend on the event's type string being the IR's own (a copy with the same characters
 * finds the same rules), on either path; and that the pre-check from the counts answers as the scan
 * of the events does.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlainDate, preparePolicy, type NormalizedCase, type NormalizedEvent, type PlainDate, type PolicyIR } from '../../runtime/index.ts';
import { compileLimits, mayExceed } from '../../runtime/limits.ts';
import type { ConditionScope } from '../../runtime/conditions.ts';
import { createCaseGenerator } from '../../simulation/index.ts';
import { compiledIr } from '../support/compiled.ts';

/** A policy with `types` event types `e0`..; a deadline from the last type, met by the one before it. */
function policyWithTypes(types: number): PolicyIR {
  const names = Array.from({ length: types }, (_, k) => `e${k}`);
  const text = [
    'policy test.types',
    '  title "Event types"',
    '',
    'role worker "Worker"',
    '',
    ...names.map((n) => `event ${n} "Event ${n}"`),
    '',
    `deadline answer "Answer"`,
    '  owner worker',
    `  due within 10 days of ${names[types - 1] ?? ''}`,
    `  met by ${names[types - 2] ?? ''}`,
    '  cite "A test"',
    '',
  ].join('\n');
  return compiledIr(text, { uri: 'types.pdl' });
}

/** A string equal to `s` but not the same string in memory (built at run time). */
function copyOf(s: string): string {
  return [...s].join('');
}

describe('event-type ids', () => {
  for (const types of [4, 20]) {
    it(`find the same rules whether or not the type string is the IR's own (${types} types: ${types <= 16 ? 'scan' : 'map'})`, () => {
      const ir = policyWithTypes(types);
      const policy = preparePolicy(ir);
      const day = (text: string): PlainDate => parsePlainDate(text) as PlainDate;
      const last = `e${types - 1}`;
      const before = `e${types - 2}`;
      const events = (name: (s: string) => string): NormalizedEvent[] => [
        { type: name(last), date: day('2025-01-06'), index: 0, attributes: {} },
        { type: name('e0'), date: day('2025-01-07'), index: 1, attributes: {} },
        { type: name(last), date: day('2025-02-03'), index: 2, attributes: {} },
        { type: name(before), date: day('2025-02-10'), index: 3, attributes: {} },
        { type: 'undeclared', date: day('2025-02-11'), index: 4, attributes: {} },
      ];
      const c = (name: (s: string) => string): NormalizedCase => ({ id: 'c', child: { dob: day('2015-01-01') }, facts: {}, events: events(name) });
      const own = policy.evaluateNormalized(c((s) => s), day('2025-03-01'));
      const copied = policy.evaluateNormalized(c(copyOf), day('2025-03-01'));
      expect(JSON.stringify(copied)).toBe(JSON.stringify(own));
      // The first is overdue (the met-by event comes after its due date: met late), the second met.
      expect(own.obligations.map((o) => [o.occurrence, o.due, o.status, o.satisfiedOn])).toEqual([
        [1, '2025-01-16', 'met_late', '2025-02-10'],
        [2, '2025-02-13', 'met', '2025-02-10'],
      ]);
    });
  }
});

describe('the per-case type counts', () => {
  it("answer the limits' pre-check as the scan of the events does", () => {
    const file = fileURLToPath(new URL('../../policies/england/statutory-reviews.pdl', import.meta.url));
    const ir = compiledIr(readFileSync(file, 'utf8'), { uri: 'statutory-reviews.pdl' });
    const policy = preparePolicy(ir);
    const [limit] = compileLimits(ir, policy.calendar);
    if (limit === undefined) throw new Error('the statutory policy has no limit');
    expect(ir.events[limit.type]?.name).toBe(limit.ir.event);
    const g = createCaseGenerator({ children: 300, from: parsePlainDate('2015-01-01') as PlainDate, to: parsePlainDate('2024-12-31') as PlainDate, seed: 'counts', model: { adjournShare: 0.5 } });
    const answers = new Set<boolean>();
    for (let k = 0; k < 300; k++) {
      const input = g.generate(k);
      const v = policy.validate(input);
      if (!v.ok) throw new Error(`case ${k} is invalid`);
      const events = v.case.events;
      // Every cut of the case: the first n events considered.
      for (let n = 0; n <= events.length; n += 3) {
        const counts = new Int32Array(ir.events.length);
        for (let i = 0; i < n; i++) {
          const t = ir.events.findIndex((e) => e.name === (events[i] as NormalizedEvent).type);
          if (t >= 0) (counts[t] as number)++;
        }
        const scope: ConditionScope = { case: v.case, asOf: 0, events, n, notices: [] };
        const scanned = mayExceed(limit, scope);
        expect(mayExceed(limit, scope, counts)).toBe(scanned);
        answers.add(scanned);
      }
    }
    // Not vacuous: both answers occur.
    expect([...answers].sort()).toEqual([false, true]);
  });
});
