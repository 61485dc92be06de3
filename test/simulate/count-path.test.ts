/**
 * The accumulator's counts-only path (`CompiledPolicy.countNormalized`, runtime/evaluate.ts, read by
 * simulation/simulate/accumulate.ts) adds up exactly what the full path (`evaluateNormalized`'s
 * `EvaluationResult`s) adds up: the whole report, as JSON, is the same. For each of the five local
 * policies of policies/, as baseline against the statutory policy and as reform against it, on seeded
 * caseloads generated with the policy's practice model and then roughened here: some events recorded
 * twice (the same record, which the evaluator ignores), some recorded again a few days later (so that
 * limits are broken and cycles superseded), one event before the child's birth; at two as-of dates
 * (the caseload's end, and inside it, so that later events are left out and obligations are open).
 * The full path is the same policy behind an object without `countNormalized` (the accumulator then
 * reads the results); both sides are also held to the counts made the plain way from the results
 * (`expectedSide`, test/simulate/support.ts). And case by case, `countNormalized` gives the obligations (rule, owner, due
 * date, status, in order), superseded obligations and violations of `evaluateNormalized`. The caseloads are checked to hold what the comparison is about (superseded
 * obligations, violations, overdue children, duties where the policy has them).
 *
 * Input: policies/*.pdl, their practice models and the statutory policy. Output: assertions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPlainDate } from '../../runtime/index.ts';
import type { CompiledPolicy, NormalizedCase, PlainDate } from '../../runtime/index.ts';
import { createCaseGenerator, parsePracticeModelText } from '../../simulation/index.ts';
import type { CaseInput } from '../../simulation/caseload/index.ts';
import { createAccumulator, finishReport } from '../../simulation/simulate/index.ts';
import type { PartialReport, SimulationReport } from '../../simulation/simulate/index.ts';
import { ROOT, day, expectedSide, loadPolicy } from './support.ts';

const LOCAL = ['brighton-hove', 'bristol', 'cin-iro-involvement', 'peterborough', 'south-glos'];
const statutory = loadPolicy('policies/england/statutory-reviews.pdl');

/** `policy` without its counts-only path: the accumulator reads its full results. */
function fullOnly(policy: CompiledPolicy): CompiledPolicy {
  return {
    ir: policy.ir,
    calendar: policy.calendar,
    validate: (input) => policy.validate(input),
    evaluate: (input, asOf) => policy.evaluate(input, asOf),
    evaluateNormalized: (c, asOf) => policy.evaluateNormalized(c, asOf),
  };
}

/**
 * The generated case `k`, roughened: every fourth case has one event entered twice (a repeated
 * record); every third has each of its first events recorded again 1 to 3 days later (limits
 * broken, runs ended or restarted more often); case 7 has an event dated before the child's birth.
 */
function roughen(input: CaseInput, k: number): CaseInput {
  let events = input.events;
  if (k % 4 === 1 && events.length > 2) events = [...events.slice(0, 2), events[1] as CaseInput['events'][number], ...events.slice(2)];
  if (k % 3 === 0) {
    events = events.flatMap((e, i) => (i < 8 ? [e, { ...e, date: formatPlainDate(day(e.date) + 1 + (i % 3)) }] : [e]));
  }
  if (k === 7 && events.length > 0) {
    const dob = (input as { child: { dob: string } }).child.dob;
    events = [...events, { ...(events[0] as CaseInput['events'][number]), date: formatPlainDate(day(dob) - 30) }];
  }
  return { ...input, events };
}

function reports(baseline: CompiledPolicy, reform: CompiledPolicy, cases: readonly NormalizedCase[], asOf: PlainDate): { counted: PartialReport; full: PartialReport; countedReport: SimulationReport; fullReport: SimulationReport } {
  const counted = createAccumulator(baseline, reform, asOf);
  const full = createAccumulator(fullOnly(baseline), fullOnly(reform), asOf);
  cases.forEach((c, k) => {
    counted.addNormalized(c, k);
    full.addNormalized(c, k);
  });
  return {
    counted: counted.partial,
    full: full.partial,
    countedReport: finishReport(counted.partial, baseline.ir, reform.ir, asOf),
    fullReport: finishReport(full.partial, baseline.ir, reform.ir, asOf),
  };
}

/** `p` with its event types in order of name. */
function sortedTypes(p: PartialReport): PartialReport {
  const eventTypes: Record<string, number> = {};
  for (const type of Object.keys(p.eventTypes).sort()) eventTypes[type] = p.eventTypes[type] as number;
  return { ...p, eventTypes };
}

describe('the counts-only path of the accumulator', () => {
  it('is taken: every policy prepared by the runtime has one', () => {
    expect(typeof statutory.countNormalized).toBe('function');
  });

  for (const name of LOCAL) {
    const local = loadPolicy(`policies/${name}.pdl`);
    const read = parsePracticeModelText(readFileSync(`${ROOT}policies/${name}.practice.yaml`, 'utf8'), `policies/${name}.practice.yaml`);
    if (!read.ok) throw new Error(read.problems.join('; '));
    const g = createCaseGenerator({ children: 200, from: day('2020-01-01'), to: day('2024-12-31'), seed: `count-path-${name}`, ir: local.ir, practice: { model: read.model, policy: local } });
    // Normalised by the local policy (whose vocabulary holds the statutory one's), and evaluated so under both.
    const cases = Array.from({ length: 280 }, (_, k) => local.validate(roughen(g.generate(k), k))).flatMap((v) => (v.ok ? [v.case] : []));

    for (const asOfText of ['2024-12-31', '2022-06-30']) {
      const asOf = day(asOfText);
      it(`${name} as baseline and as reform against the statutory policy, as of ${asOfText}: the same report`, () => {
        const seen = { superseded: 0, violations: 0, overdueChildren: 0, duties: 0, evaluated: 0 };
        for (const [baseline, reform] of [
          [local, statutory],
          [statutory, local],
        ] as const) {
          const { counted, full, countedReport, fullReport } = reports(baseline, reform, cases, asOf);
          expect(JSON.stringify(countedReport)).toBe(JSON.stringify(fullReport));
          // The partial reports too, but for the order of the event types' keys (the counts-only path
          // adds most by type id; `finishReport` sorts them).
          expect(JSON.stringify(sortedTypes(counted))).toBe(JSON.stringify(sortedTypes(full)));
          // And both sides to the counts made the plain way from the results (not the accumulator's code).
          expect(counted.baseline).toEqual(expectedSide(cases.map((c) => baseline.evaluateNormalized(c, asOf)), asOfText));
          expect(counted.reform).toEqual(expectedSide(cases.map((c) => reform.evaluateNormalized(c, asOf)), asOfText));
          seen.evaluated += counted.evaluated;
          const side = baseline === local ? counted.baseline : counted.reform;
          for (const t of Object.values(side.rules)) {
            seen.superseded += t[4];
            seen.duties += t[5] + t[6];
          }
          for (const [, n] of Object.values(side.violations)) seen.violations += n;
          seen.overdueChildren += counted.overdueCases.filter((c) => (baseline === local ? c[2] : c[3]).length > 0).length;
        }
        // Something to compare: most cases evaluated; where children are looked after (all but the
        // CIN policy's caseloads), obligations superseded and children with something overdue;
        // violations where the policy has limits or constraints; duties where it has them.
        expect(cases.length).toBeGreaterThan(245);
        expect(seen.evaluated).toBe(2 * cases.length);
        if (cases.some((c) => c.events.some((e) => e.type === 'became_looked_after'))) {
          expect(seen.superseded).toBeGreaterThan(0);
          expect(seen.overdueChildren).toBeGreaterThan(0);
        }
        if (local.ir.limits.length > 0 || local.ir.constraints.length > 0) expect(seen.violations).toBeGreaterThan(0);
        if ((local.ir.duties ?? []).length > 0) expect(seen.duties).toBeGreaterThan(0);
      });

      it(`${name}, as of ${asOfText}: countNormalized gives what evaluateNormalized turns into obligations, superseded obligations and violations`, () => {
        for (const policy of [local, statutory]) {
          for (const c of cases.slice(0, 140)) { // (half the cases: the report test above reads them all)
            const counts = policy.countNormalized?.(c, asOf);
            if (counts === undefined) throw new Error('no counts-only reading');
            // Read at once: the arrays are the policy's own until its next evaluation.
            const counted = {
              obligations: [...counts.drafts.map((d) => ({ rule: d.rule.id, owner: d.rule.owner, due: formatPlainDate(d.dueDate), status: d.status })), ...counts.duties.map((o) => ({ rule: o.rule, owner: o.owner, status: o.status }))],
              superseded: counts.superseded.map((x) => x.rule.id),
              violations: JSON.stringify(counts.violations),
              duties: JSON.stringify(counts.duties),
            };
            const r = policy.evaluateNormalized(c, asOf);
            const dated = r.obligations.filter((o) => o.due !== undefined);
            expect(counted.obligations).toEqual([...dated.map((o) => ({ rule: o.rule, owner: o.owner, due: o.due, status: o.status })), ...r.obligations.filter((o) => o.due === undefined).map((o) => ({ rule: o.rule, owner: o.owner, status: o.status }))]);
            expect(counted.superseded).toEqual(r.superseded.map((x) => x.rule));
            expect(counted.violations).toBe(JSON.stringify(r.violations));
            expect(counted.duties).toBe(JSON.stringify(r.obligations.filter((o) => o.due === undefined)));
          }
        }
      });
    }
  }
});
