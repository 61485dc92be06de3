/**
 * The statutory baseline, compiled from its .pdl and evaluated on cases built from the text of
 * regulation 33 (Care Planning, Placement and Case Review (England) Regulations 2010) and worked
 * examples of the counting conventions (working days skip bank holidays; months clamp to the month's end).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { EvaluationResult, Obligation } from '../../runtime/index.ts';

const text = readFileSync(fileURLToPath(new URL('./statutory-reviews.pdl', import.meta.url)), 'utf8');
const compiled = compile(text, { uri: 'policies/england/statutory-reviews.pdl' });

function evaluate(events: { type: string; date: string; [k: string]: unknown }[], asOf: string): EvaluationResult {
  const outcome = compiled.policy!.evaluate({ id: 'case-1', child: { dob: '2015-03-01' }, facts: {}, events }, asOf);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.result;
}

function reviews(result: EvaluationResult): Obligation[] {
  return result.obligations.filter((o) => o.rule === 'looked_after_review');
}

describe('england.statutory_reviews', () => {
  it('compiles with no diagnostic', () => {
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.policy).toBeDefined();
  });

  it('first review within 20 working days: 14 Apr 2025 -> 15 May 2025, skipping Easter and the May bank holiday (reg 33(1))', () => {
    const [first] = reviews(evaluate([{ type: 'became_looked_after', date: '2025-04-14' }], '2025-04-20'));
    expect(first).toMatchObject({ occurrence: 1, due: '2025-05-15', status: 'open', owner: 'iro', citation: 'reg 33(1)' });
    expect(first!.anchor).toMatchObject({ event: 'became_looked_after', date: '2025-04-14' });
    expect(first!.explanation).toContain('Good Friday');
    expect(first!.explanation).toContain('Easter Monday');
    expect(first!.explanation).toContain('Early May bank holiday');
  });

  it('second within three months of the first, then six-monthly, each from the review actually held (reg 33(2))', () => {
    const result = evaluate(
      [
        { type: 'became_looked_after', date: '2025-04-14' },
        { type: 'review_held', date: '2025-05-13' },
        { type: 'review_held', date: '2025-08-31' },
      ],
      '2025-09-01',
    );
    const [first, second, third] = reviews(result);
    expect(first).toMatchObject({ occurrence: 1, due: '2025-05-15', status: 'met', satisfiedOn: '2025-05-13' });
    expect(second).toMatchObject({ occurrence: 2, due: '2025-08-13', status: 'met_late', satisfiedOn: '2025-08-31' });
    // 31 August 2025 + 6 months = 28 February 2026 (clamped), not 2 March 2026 (183 days)
    expect(third).toMatchObject({ occurrence: 3, due: '2026-02-28', status: 'open' });
    expect(third!.anchor).toMatchObject({ event: 'review_held', date: '2025-08-31' });
  });

  it('an overdue review is reported as overdue after its due date', () => {
    const [first] = reviews(evaluate([{ type: 'became_looked_after', date: '2025-04-14' }], '2025-05-16'));
    expect(first).toMatchObject({ due: '2025-05-15', status: 'overdue' });
  });

  it('the cycle ends when the child ceases to be looked after and starts again on re-entry', () => {
    const result = evaluate(
      [
        { type: 'became_looked_after', date: '2025-01-06' },
        { type: 'review_held', date: '2025-01-20' },
        { type: 'ceased_looked_after', date: '2025-03-01' },
        { type: 'became_looked_after', date: '2025-06-02' },
      ],
      '2025-06-03',
    );
    const list = reviews(result);
    expect(list.map((o) => [o.occurrence, o.anchor.date, o.due, o.status])).toEqual([
      [1, '2025-01-06', '2025-02-03', 'met'],
      [1, '2025-06-02', '2025-06-30', 'open'],
    ]);
    // The second review of the first episode (due 20 April) was no longer required once the child left care.
    expect(result.superseded.some((s) => s.rule === 'looked_after_review' && s.due === '2025-04-20')).toBe(true);
  });

  it('an adjourned review must be completed within 20 working days of the adjournment', () => {
    const result = evaluate(
      [
        { type: 'became_looked_after', date: '2025-04-14' },
        { type: 'review_adjourned', date: '2025-05-12' },
        { type: 'review_held', date: '2025-06-12' },
      ],
      '2025-07-01',
    );
    const adjourned = result.obligations.find((o) => o.rule === 'adjourned_review_completed');
    // 12 May 2025 + 20 working days (26 May is the spring bank holiday) = 10 June 2025
    expect(adjourned).toMatchObject({ due: '2025-06-10', status: 'met_late', satisfiedOn: '2025-06-12', owner: 'iro' });
  });

  it('gives the same answers whatever the process time zone (run under several TZ in CI)', () => {
    const result = evaluate([{ type: 'became_looked_after', date: '2025-12-19' }], '2026-01-01');
    // 19 Dec 2025 + 20 working days skips 25, 26 Dec and 1 Jan (and weekends): Wed 21 Jan 2026
    expect(reviews(result)[0]!.due).toBe('2026-01-21');
  });
});
