/**
 * The accumulator's counters by identity (simulation/simulate/accumulate.ts): rule tallies, each
 * role's due items by week and the event types are counted by the identity of the strings a result
 * carries, and added into the partial report when it is read. These tests hold the partial report to
 * counts made here the plain way (every result read, keyed by text, the week from `isoWeek`):
 * - on a generated caseload, the partial report read part way and again at the end;
 * - with results whose rule ids and role names are fresh strings each time (not the IR's own);
 * - past the scan's limit (more than 64 rules and roles), and with due dates decades apart in both
 *   directions (the week counts grow at either end), duties with and without a bound, and a due
 *   date that is not a date.
 *
 * Input: the statutory policy, a seeded generated caseload, results written here. Output: assertions only.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileHost } from '../../cli/file-host.ts';
import { parsePlainDate } from '../../runtime/index.ts';
import type { CompiledPolicy, EvaluationResult, NormalizedCase, PlainDate } from '../../runtime/index.ts';
import { generateCaseload } from '../../simulation/caseload/index.ts';
import { createAccumulator, isoWeek } from '../../simulation/simulate/index.ts';
import type { PartialReport, SidePartial } from '../../simulation/simulate/types.ts';
import { expectedSide } from './support.ts';
import { compiledPolicy } from '../support/compiled.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const path = 'policies/england/statutory-reviews.pdl';
const statutory: CompiledPolicy = compiledPolicy(readFileSync(`${ROOT}${path}`, 'utf8'), { uri: path, host: createFileHost([`${ROOT}policies`], ROOT), explanations: false });

/** A copy of a string that is certainly another string in memory. */
function fresh(text: string): string {
  return text.split('').join('');
}

/** `policy` with its results passed through `change`; each result is also kept in `seen`. */
function wrapped(policy: CompiledPolicy, change: (r: EvaluationResult, c: NormalizedCase) => EvaluationResult, seen: EvaluationResult[]): CompiledPolicy {
  return {
    ir: policy.ir,
    calendar: policy.calendar,
    validate: (input) => policy.validate(input),
    evaluate: (input, asOf) => policy.evaluate(input, asOf),
    evaluateNormalized: (c, asOf) => {
      const r = change(policy.evaluateNormalized(c, asOf), c);
      seen.push(r);
      return r;
    },
  };
}

const asOf = parsePlainDate('2024-06-30') as PlainDate;
const asOfText = '2024-06-30';
const cases = (): NormalizedCase[] =>
  [...generateCaseload({ children: 400, from: parsePlainDate('2021-01-01') as number, to: asOf, seed: 11, ir: statutory.ir })].map((input) => {
    const v = statutory.validate(input);
    if (!v.ok) throw new Error('a generated case is invalid');
    return v.case;
  });

/** The event types of the cases (events up to the as-of date), the plain way. */
function expectedTypes(cs: readonly NormalizedCase[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cs) for (const e of c.events) if (e.date <= asOf) out[e.type] = (out[e.type] ?? 0) + 1;
  return out;
}

describe('the accumulator counts by identity as it would by text', () => {
  it('gives the counts of the results, read part way and at the end', () => {
    const seenB: EvaluationResult[] = [];
    const seenR: EvaluationResult[] = [];
    const acc = createAccumulator(wrapped(statutory, (r) => r, seenB), wrapped(statutory, (r) => r, seenR), asOf);
    const cs = cases();
    cs.forEach((c, k) => {
      acc.addNormalized(c, k);
      if (k === 150) {
        const part: PartialReport = acc.partial;
        expect(part.baseline).toEqual(expectedSide(seenB, asOfText));
        expect(part.eventTypes).toEqual(expectedTypes(cs.slice(0, 151)));
      }
    });
    const whole = acc.partial;
    expect(seenB.reduce((n, r) => n + r.obligations.length, 0)).toBeGreaterThan(400);
    expect(whole.baseline).toEqual(expectedSide(seenB, asOfText));
    expect(whole.reform).toEqual(expectedSide(seenR, asOfText));
    expect(whole.eventTypes).toEqual(expectedTypes(cs));
    // Reading it again adds nothing twice.
    expect(acc.partial.baseline).toEqual(expectedSide(seenB, asOfText));
    expect(acc.partial.eventTypes).toEqual(expectedTypes(cs));
  });

  it('counts rule ids and role names that are fresh strings in every result', () => {
    const seenB: EvaluationResult[] = [];
    const seenR: EvaluationResult[] = [];
    const freshen = (r: EvaluationResult): EvaluationResult => ({
      ...r,
      obligations: r.obligations.map((o) => ({ ...o, rule: fresh(o.rule), owner: fresh(o.owner) })),
      superseded: r.superseded.map((s) => ({ ...s, rule: fresh(s.rule) })),
    });
    const acc = createAccumulator(wrapped(statutory, freshen, seenB), wrapped(statutory, (r) => r, seenR), asOf);
    cases().forEach((c, k) => acc.addNormalized(c, k));
    expect(acc.partial.baseline).toEqual(expectedSide(seenB, asOfText));
    expect(acc.partial.baseline).toEqual(acc.partial.reform);
    expect(acc.partial.overdueCases.every(([, , b, r]) => JSON.stringify(b) === JSON.stringify(r))).toBe(true);
  });

  it('counts past the scan limit, due dates decades apart, duties and a due date that is not a date', () => {
    const seen: EvaluationResult[] = [];
    const dues = ['2020-03-02', '1990-12-31', '2051-01-01', '2020-03-08', '2004-12-27', '2005-01-02', '2005-01-03', 'not a date'];
    const made = (_r: EvaluationResult, c: NormalizedCase): EvaluationResult => {
      const k = Number(c.id.replace(/\D/g, '')) || 0;
      const obligations = [];
      for (let i = 0; i < 90; i++) {
        const due = dues[(i + k) % dues.length] as string;
        const base = { rule: `rule_${(i * 7 + k) % 100}`, occurrence: 1, title: 't', owner: `role_${(i + k) % 80}`, anchor: { event: 'e', date: '2020-01-01' }, citation: '', explanation: '', source: { file: 'f', line: 1, column: 1 } };
        const status = (['met', 'met_late', 'overdue', 'open', 'outstanding', 'missed'] as const)[(i + k) % 6] as 'met';
        obligations.push(i % 11 === 0 ? { ...base, status: 'outstanding' as const, ...(i % 22 === 0 ? {} : { bound: due }) } : { ...base, due, status });
      }
      const superseded = [{ rule: 'rule_3', occurrence: 2, anchor: { event: 'e', date: '2020-01-01' }, due: '2020-02-01', reason: '' }];
      return { policy: { id: 'p' }, case: c.id, asOf: asOfText, obligations, superseded, violations: [], escalations: [], criteria: [], notifications: [], notices: [] };
    };
    const acc = createAccumulator(wrapped(statutory, made, seen), statutory, asOf, { reviewRule: 'rule_7' });
    cases()
      .slice(0, 60)
      .forEach((c, k) => acc.addNormalized(c, k));
    const want = expectedSide(seen, asOfText, 'rule_7');
    expect(Object.keys(want.rules).length).toBe(100);
    expect(Object.keys(want.weekly).length).toBe(80);
    expect(Object.values(want.weekly).some((w) => w['unknown'] !== undefined)).toBe(true);
    expect(acc.partial.baseline).toEqual(want);
  });
});
