/**
 * The simulator with duties (`simulation/simulate/`): a missed duty is a breach of its own kind, an
 * outstanding one is not; a duty's row counts `outstanding` and `missed` (rows of deadlines and
 * cycles keep their shape); a duty counts in the week of its bound, if it has one.
 *
 * Input: a baseline with one open-ended duty and a reform that bounds it by the review's date, and
 * three cases worked by hand. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { valueRecords } from '../../simulation/caseload/index.ts';
import { simulate } from '../../simulation/simulate/index.ts';
import type { CompiledPolicy } from '../../runtime/index.ts';
import { compiledPolicy } from '../support/compiled.ts';

function policy(bound: string): CompiledPolicy {
  const text = `policy test.sim_duty
  title "A duty"

role social_worker "Social worker"

event review_scheduled { for: date }
event child_prepared

duty prepare_child "The child is prepared for the review"
  owner social_worker
  after review_scheduled
${bound}  met by child_prepared
  cite "bullet 2"
`;
  return compiledPolicy(text, { uri: 'sim-duty.pdl', explanations: false });
}

const baseline = policy('');
const reform = policy('  before review_scheduled.for\n');

// As of Mon 30 Jun 2025. A: scheduled 1 May for 28 May, prepared 20 May: met under both.
// B: scheduled 1 May for 28 May, never prepared: outstanding (baseline, open-ended), missed (reform).
// C: scheduled 2 Jun for 9 Jul, not yet prepared: outstanding under both.
const cases = [
  { id: 'A', child: { dob: '2015-01-01' }, events: [{ type: 'review_scheduled', date: '2025-05-01', for: '2025-05-28' }, { type: 'child_prepared', date: '2025-05-20' }] },
  { id: 'B', child: { dob: '2015-01-01' }, events: [{ type: 'review_scheduled', date: '2025-05-01', for: '2025-05-28' }] },
  { id: 'C', child: { dob: '2015-01-01' }, events: [{ type: 'review_scheduled', date: '2025-06-02', for: '2025-07-09' }] },
];

describe('simulating duties', () => {
  const report = simulate(baseline, reform, valueRecords(cases, 'duties'), '2025-06-30');

  it('counts a missed duty as a breach and an outstanding one not', () => {
    expect(report.rules).toEqual([
      {
        rule: 'prepare_child',
        title: 'The child is prepared for the review',
        owner: 'social_worker',
        baseline: { obligations: 3, met: 1, metLate: 0, overdue: 0, open: 0, breaches: 0, missingEvents: [], superseded: 0, outstanding: 2, missed: 0 },
        reform: { obligations: 3, met: 1, metLate: 0, overdue: 0, open: 0, breaches: 1, missingEvents: [], superseded: 0, outstanding: 1, missed: 1 },
      },
    ]);
  });

  it('counts bounded duties in the week of their bound, and open-ended ones in no week', () => {
    const work = report.workload.find((w) => w.role === 'social_worker');
    expect(work).toBeDefined();
    // Reform: bounds Wed 28 May 2025 (A, B: ISO week 2025-W22) and Wed 9 Jul 2025 (C: 2025-W28).
    const reformWeeks = (work?.weeks ?? []).filter((w) => w.reform > 0).map((w) => [w.week, w.reform]);
    expect(reformWeeks).toEqual([['2025-W22', 2], ['2025-W28', 1]]);
    expect((work?.weeks ?? []).every((w) => w.baseline === 0)).toBe(true);
  });
});

describe('simulating a duty of a rearranged meeting', () => {
  const text = `policy test.sim_rearranged
  title "A duty"

role social_worker "Social worker"

event review_scheduled { for: date } supersedes earlier
event child_prepared

duty prepare_child "The child is prepared for the review"
  owner social_worker
  after review_scheduled
  before review_scheduled.for
  met by child_prepared
  cite "bullet 2"
`;
  const p = compiledPolicy(text, { uri: 'sim-rearranged.pdl', explanations: false });
  // Arranged Thu 2 Oct 2025 for Tue 28 Oct, rearranged Mon 20 Oct for Mon 10 Nov, prepared Wed 5 Nov:
  // the first duty is superseded (not a missed one, not a breach), the second met.
  const rearranged = [{ id: 'D', child: { dob: '2015-01-01' }, events: [{ type: 'review_scheduled', date: '2025-10-02', for: '2025-10-28' }, { type: 'review_scheduled', date: '2025-10-20', for: '2025-11-10' }, { type: 'child_prepared', date: '2025-11-05' }] }];

  it('counts the first arrangement\'s duty as superseded, not as a breach', () => {
    const report = simulate(p, p, valueRecords(rearranged, 'rearranged'), '2025-11-12');
    const side = { obligations: 1, met: 1, metLate: 0, overdue: 0, open: 0, breaches: 0, missingEvents: [], superseded: 1, outstanding: 0, missed: 0 };
    expect(report.rules).toEqual([{ rule: 'prepare_child', title: 'The child is prepared for the review', owner: 'social_worker', baseline: side, reform: side }]);
  });
});
