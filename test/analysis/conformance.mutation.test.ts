/**
 * `checkConformance` (compiler/analysis/conformance.ts) on two small policies written in calendar days
 * and months over four start dates (29 January to 1 February 2024, across the end of a leap
 * February), so that every finding's counts, dates and message can be worked out by hand, and each
 * probe (occurrences 1, 2, 3 and later, a restart the baseline does not have, deadlines from an event,
 * an event's date attribute and the date of birth) and each pairing (same name, same obligation under
 * another name, no twin, inherited unchanged) is met. test/analysis/conformance.test.ts covers the
 * statutory baseline over years and the command; this file runs in mutation testing (it starts no
 * process and compiles inside each test).
 *
 * Input: the policy texts below. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { checkConformance } from '../../compiler/analysis/conformance.ts';
import { compile, type CompilerHost } from '../../compiler/index.ts';
import { parsePlainDate, type CompiledPolicy, type PlainDate } from '../../runtime/index.ts';

/** The vocabulary both policies declare. */
const VOCABULARY = `role iro "IRO"
event start_ev
event held
event moved
event report_done
event planned { for: date }
event plan_done
`;

const BASE = `policy base
  title "Base"

${VOCABULARY}
cycle review "Review"
  owner iro
  runs from start_ev
  first within 10 days of start_ev
  second within 30 days of the previous held
  then within 60 days of the previous held
  met by held
  cite "1"

deadline report "Report"
  owner iro
  due within 30 days of start_ev
  met by report_done
  cite "2"

deadline plan "Plan"
  owner iro
  due within 1 month of planned.for
  met by plan_done
  cite "3"

deadline adult "Adult"
  owner iro
  due within 18 years of child.dob
  met by plan_done
  cite "4"
`;

const LOCAL = `policy loc
  title "Local"

${VOCABULARY}
cycle review "Review"
  owner iro
  runs from start_ev
  restarts on moved
  first within 12 days of start_ev
  second within 30 days of the previous held
  then within 59 days of the previous held
  met by held
  cite "1"

deadline report_local "Report"
  owner iro
  due within 1 month of start_ev
  met by report_done
  cite "2"

deadline plan "Plan"
  owner iro
  due within 29 days of planned.for
  met by plan_done
  cite "3"

deadline adult "Adult"
  owner iro
  due within 18 years of child.dob
  met by plan_done
  cite "4"

deadline other "Other"
  owner iro
  due within 3 days of moved
  met by held
  cite "5"
`;

const host: CompilerHost = { findPolicy: (id: string) => (id === 'base' ? { uri: 'base.pdl', text: BASE } : undefined) };

function policy(text: string): CompiledPolicy {
  const result = compile(text, { uri: 'p.pdl', host });
  expect(result.diagnostics).toEqual([]);
  if (result.policy === undefined) throw new Error('the policy does not compile');
  return result.policy;
}

const day = (text: string): PlainDate => parsePlainDate(text)!;

describe('checkConformance on hand-worked policies', () => {
  it('each probe and pairing, with its counts, first counterexample and message', () => {
    const report = checkConformance(policy(LOCAL), policy(BASE), day('2024-01-29'), day('2024-02-01'));
    expect(report.policy).toBe('loc');
    expect(report.baseline).toBe('base');
    expect([report.from, report.to]).toEqual(['2024-01-29', '2024-02-01']);
    expect(report.uncompared).toEqual(['other']);
    const review = { rule: 'review', statutoryRule: 'review', compared: 4 };
    expect(report.findings).toEqual([
      // Met on the start date D: occurrence 1 is due D + 12 locally, D + 10 by the baseline.
      { ...review, probe: 'occurrence 1', laxerCount: 4, kind: 'laxer', startDate: '2024-01-29', localDue: '2024-02-10', statutoryDue: '2024-02-08', message: 'occurrence 1: `review` allows a later date than `review` on 4 of 4 start dates; first: starting 2024-01-29, due 2024-02-10 locally but 2024-02-08 by the statute (2 days later)' },
      // Occurrence 2: 30 days after the review on D on both sides.
      { ...review, probe: 'occurrence 2', laxerCount: 0, kind: 'same', message: 'occurrence 2: `review` gives the same date as `review` on all 4 start dates' },
      // Occurrence 3, from the review on D + 1: 59 days locally, 60 by the baseline.
      { ...review, probe: 'occurrence 3 and later', laxerCount: 0, kind: 'stricter', message: 'occurrence 3 and later: `review` is never later than `review` and earlier on 4 of 4 start dates (stricter, which is fine)' },
      // The baseline's occurrence 2 is due D + 30 (28 February for D = 29 January); a move the day
      // before (27 February) restarts the local cycle: 27 February + 12 days = 10 March 2024.
      { ...review, probe: 'restart on `moved` the day before the statutory due date', laxerCount: 4, kind: 'laxer', startDate: '2024-01-29', localDue: '2024-03-10', statutoryDue: '2024-02-28', message: 'restart on `moved` the day before the statutory due date: `review` allows a later date than `review` on 4 of 4 start dates; first: starting 2024-01-29, due 2024-03-10 locally but 2024-02-28 by the statute (11 days later)' },
      // Another name, the same obligation: 1 month against 30 days. 29 Jan: 29 Feb against 28 Feb
      // (later); 30 Jan: 29 Feb both; 31 Jan: 29 Feb (clamped) against 1 Mar; 1 Feb: 1 Mar against 2 Mar.
      { rule: 'report_local', statutoryRule: 'report', probe: 'deadline', compared: 4, laxerCount: 1, kind: 'laxer', startDate: '2024-01-29', localDue: '2024-02-29', statutoryDue: '2024-02-28', message: 'deadline: `report_local` allows a later date than `report` on 1 of 4 start dates; first: starting 2024-01-29, due 2024-02-29 locally but 2024-02-28 by the statute (1 day later)' },
      // From an attribute: 29 days against 1 month. 29 Jan: 27 Feb against 29 Feb; 30 Jan: 28 Feb
      // against 29 Feb; 31 Jan: 29 Feb both; 1 Feb: 1 Mar both.
      { rule: 'plan', statutoryRule: 'plan', probe: 'deadline', compared: 4, laxerCount: 0, kind: 'stricter', message: 'deadline: `plan` is never later than `plan` and earlier on 2 of 4 start dates (stricter, which is fine)' },
      // From the date of birth (the start date): 18 years on both sides.
      { rule: 'adult', statutoryRule: 'adult', probe: 'deadline', compared: 4, laxerCount: 0, kind: 'same', message: 'deadline: `adult` gives the same date as `adult` on all 4 start dates' },
    ]);
  });

  it('a policy that extends the baseline and changes nothing has no finding; an override is compared', () => {
    const same = `policy same extends base
  title "Same"
`;
    const baseline = policy(BASE);
    const unchanged = checkConformance(policy(same), baseline, day('2024-01-29'), day('2024-01-30'));
    expect(unchanged).toEqual({ policy: 'same', baseline: 'base', from: '2024-01-29', to: '2024-01-30', findings: [], uncompared: [] });
    const later = `${same}
override deadline report "Report"
  owner iro
  due within 31 days of start_ev
  met by report_done
  cite "2"
`;
    const report = checkConformance(policy(later), baseline, day('2024-01-29'), day('2024-01-29'));
    expect(report.findings).toEqual([
      { rule: 'report', statutoryRule: 'report', probe: 'deadline', compared: 1, laxerCount: 1, kind: 'laxer', startDate: '2024-01-29', localDue: '2024-02-29', statutoryDue: '2024-02-28', message: 'deadline: `report` allows a later date than `report` on 1 of 1 start dates; first: starting 2024-01-29, due 2024-02-29 locally but 2024-02-28 by the statute (1 day later)' },
    ]);
    // An empty range compares nothing and reports nothing.
    expect(checkConformance(policy(later), baseline, day('2024-01-29'), day('2024-01-28')).findings).toEqual([]);
  });
});
