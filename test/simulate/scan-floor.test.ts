/**
 * The count floor of bench/simulate.ts (bench/scan-floor.ts: a hand-written typed-array kernel for
 * the bench's two policies) counts what the simulation's report counts, on seeded synthetic
 * caseloads: the bench's default model, one with many adjournments and late reviews (so that the
 * limit of one adjournment per review supersedes deadlines and reports violations), and an as-of date
 * inside the caseload's span (events after it left out, open obligations). And the comparison is not
 * vacuous: a report with one count changed is told apart.
 *
 * Input: policies/england/statutory-reviews.pdl and bench/fixtures/south-glos-reviews.pdl.
 * Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { checkAgainst, countScan, toColumns } from '../../bench/scan-floor.ts';
import { formatPlainDate } from '../../runtime/index.ts';
import type { NormalizedCase, PlainDate } from '../../runtime/index.ts';
import { createCaseGenerator } from '../../simulation/index.ts';
import type { GeneratorModel } from '../../simulation/caseload/index.ts';
import { createAccumulator, finishReport, isoWeek } from '../../simulation/simulate/index.ts';
import type { SimulationReport } from '../../simulation/simulate/index.ts';
import { day, loadPolicy } from './support.ts';

const baseline = loadPolicy('policies/england/statutory-reviews.pdl');
const reform = loadPolicy('bench/fixtures/south-glos-reviews.pdl');

/**
 * The generator adjourns a review at most once, so the limit never fires on its cases: `twice` makes
 * every third child's adjournments double (each `review_adjourned` followed by another the next day),
 * which it does. (The same event recorded twice on one day is one record: the evaluator ignores the
 * repeat, and so does the floor.)
 */
function run(children: number, seed: string, asOf: PlainDate, model?: Partial<GeneratorModel>, twice = false): { report: SimulationReport; cases: NormalizedCase[] } {
  const g = createCaseGenerator({ children, from: day('2019-01-01'), to: day('2024-12-31'), seed, ir: baseline.ir, ...(model === undefined ? {} : { model }) });
  const acc = createAccumulator(baseline, reform, asOf);
  const cases: NormalizedCase[] = [];
  for (let k = 0; k < children; k++) {
    const input = g.generate(k);
    const events = twice && k % 3 === 0 ? input.events.flatMap((e) => (e.type === 'review_adjourned' ? [e, { ...e, date: formatPlainDate(day(e.date) + 1) }] : [e])) : input.events;
    const v = baseline.validate({ ...input, events });
    if (!v.ok) throw new Error(`generated case ${k} is not valid`);
    cases.push(v.case);
    acc.addNormalized(v.case, k);
  }
  return { report: finishReport(acc.partial, baseline.ir, reform.ir, asOf), cases };
}

describe('the count floor of the simulation bench', () => {
  const sets: [string, number, string, string, Partial<GeneratorModel> | undefined, boolean][] = [
    ['the default model', 1500, 'floor-default', '2024-12-31', undefined, false],
    ['many adjournments, some recorded twice, and late reviews', 1500, 'floor-adjourned', '2024-12-31', { adjournShare: 0.5, lateShare: 0.5 }, true],
    ['an as-of date inside the span', 1000, 'floor-mid', '2022-06-30', { adjournShare: 0.3 }, true],
  ];
  for (const [name, children, seed, asOfText, model, twice] of sets) {
    it(`counts what the report counts: ${name}`, () => {
      const asOf = day(asOfText);
      const { report, cases } = run(children, seed, asOf, model, twice);
      const columns = toColumns(cases, asOf);
      const counts = countScan(columns, asOf)();
      expect(checkAgainst(counts, report, columns, isoWeek)).toEqual([]);
      // Something to count: obligations of each status, and (with adjournments) the limit at work.
      const review = report.rules.find((r) => r.rule === 'looked_after_review');
      expect(review?.baseline?.met).toBeGreaterThan(0);
      expect(review?.reform?.superseded).toBeGreaterThan(0);
      expect(review?.baseline?.overdue).toBeGreaterThan(0);
      if (twice) {
        expect(report.violations.find((v) => v.rule === 'one_adjournment_per_review')?.baseline).toBeGreaterThan(0);
        expect(report.rules.find((r) => r.rule === 'adjourned_review_completed')?.reform?.superseded).toBeGreaterThan(0);
      }
      if (asOfText !== '2024-12-31') expect(review?.baseline?.open).toBeGreaterThan(0);
    });
  }

  it('tells a report with one count changed apart', () => {
    const asOf = day('2024-12-31');
    const { report, cases } = run(300, 'floor-changed', asOf);
    const columns = toColumns(cases, asOf);
    const counts = countScan(columns, asOf)();
    const changed: SimulationReport = {
      ...report,
      reviews: { ...report.reviews, reform: { ...report.reviews.reform, withinTimescale: report.reviews.reform.withinTimescale + 1 } },
    };
    expect(checkAgainst(counts, changed, columns, isoWeek)).toEqual([`reform reviews within timescale: floor ${report.reviews.reform.withinTimescale}, simulation ${report.reviews.reform.withinTimescale + 1}`]);
  });
});
