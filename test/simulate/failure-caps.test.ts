/**
 * How many failed cases and problems a simulation report lists (simulation/simulate/accumulate.ts):
 * the first `FAILED_CASES_LISTED` failed cases in input order, each with the first `PROBLEMS_LISTED`
 * problems of each policy; the rest are counted (`input.failedNotListed`, `moreProblems`), never lost
 * from the counts. A caseload of another vocabulary fails every case with a problem per event, and
 * listing them all once took 3 GB and crashed `pdl simulate --json` (the report was longer than a
 * JavaScript string can be).
 *
 * Input: the statutory policy as baseline and reform (one vocabulary) and as baseline against a
 * second policy of another vocabulary; records made here. Output: assertions on the report.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileHost } from '../../cli/file-host.ts';
import { parsePlainDate } from '../../runtime/index.ts';
import type { CompiledPolicy, PlainDate } from '../../runtime/index.ts';
import type { CaseRecord } from '../../simulation/caseload/index.ts';
import { createAccumulator, FAILED_CASES_LISTED, finishReport, mergePartials, PROBLEMS_LISTED } from '../../simulation/simulate/index.ts';
import { compiledPolicy } from '../support/compiled.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const host = createFileHost([`${ROOT}policies`], ROOT);
const load = (path: string): CompiledPolicy => {
  return compiledPolicy(readFileSync(`${ROOT}${path}`, 'utf8'), { uri: path, host, explanations: false });
};
const statutory = load('policies/england/statutory-reviews.pdl');
const asOf = parsePlainDate('2024-12-31') as PlainDate;

/** A case with `bad` events of an undeclared type (one problem each), and a valid one when `bad` is 0. */
function record(i: number, bad: number): CaseRecord {
  const events: { type: string; date: string }[] = [{ type: 'became_looked_after', date: '2024-01-10' }];
  for (let k = 0; k < bad; k++) events.push({ type: `no_such_event_${k}`, date: '2024-02-01' });
  return { kind: 'value', origin: `case ${i}`, value: { id: `C${i}`, child: { dob: '2015-03-04' }, events } };
}

describe('failed cases in a simulation report', () => {
  it('lists the first problems of a case and counts the others', () => {
    const acc = createAccumulator(statutory, statutory, asOf);
    acc.addRecord(record(0, PROBLEMS_LISTED + 7), 0);
    acc.addRecord(record(1, 3), 1);
    acc.addRecord(record(2, 0), 2);
    const report = finishReport(acc.partial, statutory.ir, statutory.ir, asOf);
    expect(report.input).toEqual({ cases: 3, evaluated: 1, failed: 2 });
    const [first, second] = report.failures;
    expect(first?.problems.map((p) => p.path)).toEqual(Array.from({ length: PROBLEMS_LISTED }, (_, k) => `events[${k + 1}].type`));
    expect(first?.moreProblems).toBe(7);
    expect(second?.problems).toHaveLength(3);
    expect(second !== undefined && 'moreProblems' in second).toBe(false);
  });

  it('counts each policy apart when the two vocabularies differ', () => {
    const bristol = load('policies/bristol.pdl');
    const acc = createAccumulator(statutory, bristol, asOf);
    acc.addRecord(record(0, PROBLEMS_LISTED + 2), 0);
    const report = finishReport(acc.partial, statutory.ir, bristol.ir, asOf);
    const failure = report.failures[0];
    expect(failure?.problems.filter((p) => p.policy === 'baseline')).toHaveLength(PROBLEMS_LISTED);
    expect(failure?.problems.filter((p) => p.policy === 'reform')).toHaveLength(PROBLEMS_LISTED);
    expect(failure?.moreProblems).toBe(4);
  });

  it('lists the first failed cases in input order and counts the rest, also across merged slices', () => {
    const total = FAILED_CASES_LISTED + 25;
    const records = Array.from({ length: total + 10 }, (_, i) => record(i, i % 101 === 0 ? 0 : 1));
    const failing = records.filter((_, i) => i % 101 !== 0).length;

    const whole = createAccumulator(statutory, statutory, asOf);
    records.forEach((r, i) => whole.addRecord(r, i));
    const one = finishReport(whole.partial, statutory.ir, statutory.ir, asOf);
    expect(one.input.failed).toBe(failing);
    expect(one.input.failedNotListed).toBe(failing - FAILED_CASES_LISTED);
    expect(one.failures).toHaveLength(FAILED_CASES_LISTED);
    expect(one.input.evaluated + one.input.failed).toBe(records.length);

    // Three slices, merged in another order: the same report (the first failed cases of the whole input).
    const bounds = [0, 400, 700, records.length];
    const parts = bounds.slice(1).map((end, s) => {
      const acc = createAccumulator(statutory, statutory, asOf);
      for (let i = bounds[s] as number; i < end; i++) acc.addRecord(records[i] as CaseRecord, i);
      return acc.partial;
    });
    const merged = finishReport(mergePartials([...parts].reverse()), statutory.ir, statutory.ir, asOf);
    expect(merged).toEqual(one);
    expect(merged.failures.at(-1)?.origin).toBe(one.failures.at(-1)?.origin);
  });

  it('a report under the limits has no count of what was left out', () => {
    const acc = createAccumulator(statutory, statutory, asOf);
    acc.addRecord(record(0, 1), 0);
    const report = finishReport(acc.partial, statutory.ir, statutory.ir, asOf);
    expect('failedNotListed' in report.input).toBe(false);
  });
});
