/**
 * The limits' pre-check (`mayExceed` in runtime/limits.ts): a limit that counts by event type alone,
 * in a case with at most `max` events of that type, cannot be exceeded anywhere, so the evaluator
 * skips the limit's pass (and building the cycle occurrences it reads), and a deadline capped by it
 * (`up to the limit`) skips its search for events beyond it.
 *
 * Input: policies/england/statutory-reviews.pdl (a per-cycle limit that caps a deadline), hand-built
 * per-case limits, and seeded synthetic cases with many adjournments. Output: assertions that the
 * pre-check is never wrong (false only where the full evaluation finds no violation and supersedes
 * nothing beyond the limit) and not vacuous (both answers occur, and "true" cases do find violations).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatPlainDate, parsePlainDate, preparePolicy, type IrLimit, type NormalizedCase, type NormalizedEvent, type PlainDate } from '../../runtime/index.ts';
import { englandAndWalesCalendar } from '../../runtime/calendar.ts';
import { compileLimits, mayExceed } from '../../runtime/limits.ts';
import type { ConditionScope } from '../../runtime/conditions.ts';
import { createCaseGenerator } from '../../simulation/index.ts';
import { compiledIr } from '../support/compiled.ts';

const FILE = fileURLToPath(new URL('../../policies/england/statutory-reviews.pdl', import.meta.url));
const ir = compiledIr(readFileSync(FILE, 'utf8'), { uri: 'statutory-reviews.pdl' });

/** The scope the evaluator would give the limits: the events on or before `asOf`. */
function scopeOf(c: NormalizedCase, asOf: PlainDate): ConditionScope {
  let n = 0;
  while (n < c.events.length && (c.events[n] as NormalizedEvent).date <= asOf) n++;
  return { case: c, asOf, events: c.events, n, notices: [] };
}

describe('the limits pre-check', () => {
  it('is false only where the full evaluation finds nothing beyond the limit, and is not vacuous', () => {
    const policy = preparePolicy(ir);
    const [limit] = compileLimits(ir, policy.calendar);
    if (limit === undefined) throw new Error('the statutory policy has no limit');
    const g = createCaseGenerator({ children: 400, from: parsePlainDate('2015-01-01') as PlainDate, to: parsePlainDate('2024-12-31') as PlainDate, seed: 'precheck', model: { adjournShare: 0.4 } });
    const answers = { skipped: 0, checked: 0, violated: 0 };
    for (let k = 0; k < 800; k++) {
      // Every other case: the generated one with a second adjournment the day after its first (the
      // generator never adjourns a review twice), which the limit may count as beyond it.
      const generated = g.generate(k >> 1);
      const first = generated.events.findIndex((e) => e.type === 'review_adjourned');
      const input =
        k % 2 === 0 || first < 0
          ? generated
          : { ...generated, events: [...generated.events.slice(0, first + 1), { type: 'review_adjourned', date: formatPlainDate((parsePlainDate((generated.events[first] as { date: string }).date) as PlainDate) + 1) }, ...generated.events.slice(first + 1)] };
      const last = input.events.length === 0 ? '2024-12-31' : (input.events[input.events.length - 1] as { date: string }).date;
      const asOf = (parsePlainDate(last) as PlainDate) + 30;
      const v = policy.validate(input);
      if (!v.ok) throw new Error(`case ${k} is invalid`);
      const r = policy.evaluate(input, formatPlainDate(asOf));
      if (!r.ok) throw new Error(`case ${k} is invalid`);
      const found = r.result.violations.filter((x) => x.kind === 'limit').length + r.result.superseded.filter((s) => s.reason.includes('beyond the limit')).length;
      if (mayExceed(limit, scopeOf(v.case, asOf))) {
        answers.checked++;
        if (found > 0) answers.violated++;
      } else {
        answers.skipped++;
        expect(found).toBe(0);
      }
    }
    expect(answers.skipped).toBeGreaterThan(50);
    expect(answers.checked).toBeGreaterThan(20);
    expect(answers.violated).toBeGreaterThan(5);
  });

  it('counts by type in the whole case, and always says "may" for a limit with a condition', () => {
    const base = ir.limits[0] as IrLimit;
    const perCase: IrLimit = { ...base, id: 'two_per_case', max: 2, per: { kind: 'case' } };
    const withWhere: IrLimit = { ...perCase, id: 'conditional', where: { kind: 'compare', op: '=', left: { kind: 'literal', value: 1, type: 'number' }, right: { kind: 'literal', value: 1, type: 'number' }, text: '1 = 1' } };
    const [plain, conditional] = compileLimits({ ...ir, limits: [perCase, withWhere] }, englandAndWalesCalendar());
    if (plain === undefined || conditional === undefined) throw new Error('the limits did not compile');
    const event = (type: string, date: string, index: number): NormalizedEvent => ({ type, date: parsePlainDate(date) as PlainDate, index, attributes: {} });
    const events = [event('review_adjourned', '2024-01-01', 0), event('review_held', '2024-01-02', 1), event('review_adjourned', '2024-02-01', 2), event('review_adjourned', '2024-03-01', 3)];
    const c: NormalizedCase = { id: 'c', child: { dob: parsePlainDate('2015-01-01') as PlainDate }, facts: {}, events };
    const scope = (n: number): ConditionScope => ({ case: c, asOf: parsePlainDate('2024-12-31') as PlainDate, events, n, notices: [] });
    // Two adjournments among the first three events: not more than 2; the fourth makes three.
    expect(mayExceed(plain, scope(3))).toBe(false);
    expect(mayExceed(plain, scope(4))).toBe(true);
    expect(mayExceed(conditional, scope(0))).toBe(true);
  });
});
