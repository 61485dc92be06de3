/**
 * The hand-written closure of bench/hand-statutory.ts (the floor the emitted module is timed against
 * in bench/compiled.ts) computes the same rows as the emitted module of the statutory policy: on the
 * bench's own seeded cases (1,000 cases of 20 events, and 300 each of 5, 10 and 40 events) and on
 * seeded synthetic cases with many adjournments (so that the limit of one adjournment per review
 * supersedes some deadlines). Rows: rule, occurrence, due date, status, satisfied on; obligations
 * and superseded ones.
 *
 * Input: policies/england/statutory-reviews.pdl, emitted and imported (test/emit/emitted.ts).
 * Output: assertions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchCases, rowsOfResult, type BenchCase } from '../../bench/compiled.ts';
import { handStatutory, type HandRow } from '../../bench/hand-statutory.ts';
import { englandAndWalesCalendar, formatPlainDate, parsePlainDate, type EvaluationResult, type PlainDate } from '../../runtime/index.ts';
import { createCaseGenerator } from '../../simulation/index.ts';
import { emitAndLoad, removeEmitted, type LoadedPolicy } from './emitted.ts';

const POLICY = 'policies/england/statutory-reviews.pdl';
let loaded: LoadedPolicy;

beforeAll(async () => {
  loaded = (await emitAndLoad([POLICY])).get(POLICY) as LoadedPolicy;
}, 240_000);

afterAll(removeEmitted);

function sorted(rows: readonly HandRow[]): HandRow[] {
  const key = (r: HandRow): string => `${r.rule} ${String(r.occurrence).padStart(4, '0')} ${r.due} ${r.status}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Cases with many adjournments: several in one review now and then. */
function adjournedCases(count: number): BenchCase[] {
  const g = createCaseGenerator({ children: count, from: parsePlainDate('2015-01-01') as PlainDate, to: parsePlainDate('2025-12-31') as PlainDate, seed: 'hand-closure', model: { adjournShare: 0.6, lateShare: 0.4 } });
  const out: BenchCase[] = [];
  for (let k = 0; k < count; k++) {
    const c = g.generate(k);
    const last = c.events.length === 0 ? (parsePlainDate('2025-12-31') as PlainDate) : (parsePlainDate((c.events[c.events.length - 1] as { date: string }).date) as PlainDate);
    out.push({ input: c, asOf: formatPlainDate(last + (k % 90) - 30) });
  }
  return out;
}

describe('the hand-written statutory closure', () => {
  const sets: [string, () => BenchCase[]][] = [
    ['the bench cases (1,000 of 20 events)', () => benchCases()],
    ['the bench cases by size (5, 10, 40 events)', () => [5, 10, 40].flatMap((size) => benchCases(300, size))],
    ['synthetic cases with many adjournments', () => adjournedCases(1500)],
  ];
  for (const [name, make] of sets) {
    it(`gives the emitted module's rows on ${name}`, () => {
      const hand = handStatutory(englandAndWalesCalendar());
      let rows = 0;
      let superseded = 0;
      for (const c of make()) {
        const outcome = loaded.module.evaluate(c.input, c.asOf);
        if (!outcome.ok) throw new Error(`${c.input.id} is invalid`);
        const want = rowsOfResult(outcome.result as EvaluationResult);
        expect(sorted(hand(c.input, c.asOf)), `${c.input.id} as of ${c.asOf}`).toEqual(want);
        rows += want.length;
        superseded += want.filter((r) => r.status === 'superseded').length;
      }
      expect(rows).toBeGreaterThan(1000);
      expect(superseded).toBeGreaterThan(0);
    }, 120_000);
  }
});
