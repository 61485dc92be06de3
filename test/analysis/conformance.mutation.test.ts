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
import { checkConformance, correspondingRules } from '../../compiler/analysis/conformance.ts';
import { compile, type CompilerHost } from '../../compiler/index.ts';
import { parsePlainDate, preparePolicy, type CompiledPolicy, type PlainDate } from '../../runtime/index.ts';

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

/** A policy of `rules` under `vocabulary`, named `id`. */
const policyText = (id: string, vocabulary: string, rules: string): string => `policy ${id}
  title "${id}"

role iro "IRO"
${vocabulary}
${rules}`;

/** The messages of the findings of `local` against `baseline` over `from`..`to`, and what was not compared. */
function conformanceOf(local: string, baseline: string, from: string, to: string): { messages: string[]; uncompared: readonly string[] } {
  const report = checkConformance(policy(local), policy(baseline), day(from), day(to));
  return { messages: report.findings.map((f) => f.message), uncompared: report.uncompared };
}

describe('checkConformance on what the hand-worked policies never give', () => {
  it('a cycle prepared from an IR without a start or a met-by event is not compared', () => {
    // The compiler refuses such a cycle (`pdl/missing-clause`), but the runtime prepares any IR.
    const base = policy(BASE);
    const edited = (field: 'startsOn' | 'metBy'): CompiledPolicy =>
      preparePolicy({
        ...base.ir,
        id: 'edited',
        rules: base.ir.rules.map((r) => (r.kind !== 'cycle' ? { ...r, policy: 'edited' } : field === 'startsOn' ? { ...r, policy: 'edited', startsOn: [] } : { ...r, policy: 'edited', metBy: { ...r.metBy, events: [] } })),
      });
    const deadlines = ['report', 'plan', 'adult'].map((r) => `deadline: \`${r}\` gives the same date as \`${r}\` on all 1 start dates`);
    for (const field of ['startsOn', 'metBy'] as const) {
      expect(checkConformance(edited(field), base, day('2024-01-29'), day('2024-01-29')).findings.map((f) => f.message)).toEqual(deadlines);
      expect(checkConformance(base, edited(field), day('2024-01-29'), day('2024-01-29')).findings.map((f) => f.message)).toEqual(deadlines);
    }
  });

  it('a probe case gives each required fact and attribute its default value, and leaves the optional ones out', () => {
    // The local deadline applies only when every required fact and attribute of the anchor event
    // holds the probe's default (false, 0, "", the first role, the first enum value, the date of birth
    // or the event's date) and the optional ones are missing; `other_ev`, declared first, must not
    // lend its attributes.
    const vocabulary = `role sw "SW"
fact flag "F": boolean
fact n "N": number
fact t "T": text
fact who "W": role
fact kind "K": enum(first_k, second_k)
fact born "B": date
fact opt_n? "O": number
event other_ev { x: number }
event start_ev { f: boolean, n: number, t: text, r: role, k: enum(a, b), on: date, opt?: number }
event done
`;
    const rule = (days: number, when: string): string => `deadline dl "DL"
  owner iro
  due within ${days} days of start_ev
${when}  met by done
  cite "1"
`;
    const when = '  when flag = false and n = 0 and t = "" and who is iro and kind is first_k and born = child.dob and not (opt_n = 0) and start_ev.f = false and start_ev.n = 0 and start_ev.t = "" and start_ev.r is iro and start_ev.k is a and start_ev.on = start_ev.date and not (start_ev.opt = 0)\n';
    const { messages } = conformanceOf(policyText('dflt_local', vocabulary, rule(11, when)), policyText('dflt_base', vocabulary, rule(10, '')), '2024-01-29', '2024-01-29');
    expect(messages).toEqual(['deadline: `dl` allows a later date than `dl` on 1 of 1 start dates; first: starting 2024-01-29, due 2024-02-09 locally but 2024-02-08 by the statute (1 day later)']);
  });

  it('rules pair by name and kind, or as the same obligation: met by the same events (in any order), from the same anchor', () => {
    const vocabulary = `event start_ev
event moved
event held
event planned { for: date, other: date }
event x_done
event p
event qr
event pq
event r
`;
    const deadline = (name: string, anchor: string, metBy: string): string => `deadline ${name} "${name}"
  owner iro
  due within 10 days of ${anchor}
  met by ${metBy}
  cite "1"
`;
    const cycle = (name: string): string => `cycle ${name} "${name}"
  owner iro
  runs from start_ev
  first within 10 days of start_ev
  met by held
  cite "1"
`;
    const baseline = policyText(
      'pair_base',
      vocabulary,
      [cycle('review'), deadline('by_start', 'start_ev', 'x_done'), deadline('by_for', 'planned.for', 'x_done'), deadline('by_pqr', 'start_ev', 'p or qr'), deadline('by_qr', 'qr', 'p')].join('\n'),
    );
    const local = policyText(
      'pair_local',
      vocabulary,
      [
        // Named as the baseline's cycle, but a deadline: not the same rule, and no deadline twin.
        deadline('review', 'start_ev', 'held'),
        // Another anchor event, another attribute, other met-by events, other pieces: no twin.
        deadline('by_moved', 'moved', 'x_done'),
        deadline('by_other', 'planned.other', 'x_done'),
        deadline('by_pq_r', 'start_ev', 'pq or r'),
        deadline('by_r', 'r', 'pq'),
        // A cycle of another name: cycles pair by name only.
        cycle('visits'),
        // The same obligation as `by_pqr`, its met-by events in another order.
        deadline('by_qr_p', 'start_ev', 'qr or p'),
      ].join('\n'),
    );
    const pairs = correspondingRules(policy(local).ir, policy(baseline).ir);
    expect(pairs.pairs.map(([l, s]) => [l.id, s.id])).toEqual([['by_qr_p', 'by_pqr']]);
    expect(pairs.uncompared).toEqual(['review', 'by_moved', 'by_other', 'by_pq_r', 'by_r', 'visits']);
    expect(conformanceOf(local, baseline, '2024-01-29', '2024-01-29')).toEqual({
      messages: ['deadline: `by_qr_p` gives the same date as `by_pqr` on all 1 start dates'],
      uncompared: ['review', 'by_moved', 'by_other', 'by_pq_r', 'by_r', 'visits'],
    });
  });

  it('a start date counts only when both rules give a due date', () => {
    const vocabulary = `event start_ev
event done
`;
    const rules = (when: string): string => `deadline dl "DL"
  owner iro
  due within 10 days of start_ev
  when ${when}
  met by done
  cite "1"
`;
    // The local rule applies from 30 January, the baseline's until 31 January: two of four days.
    expect(conformanceOf(policyText('when_local', vocabulary, rules('start_ev.date >= 2024-01-30')), policyText('when_base', vocabulary, rules('start_ev.date <= 2024-01-31')), '2024-01-29', '2024-02-01')).toEqual({
      messages: ['deadline: `dl` gives the same date as `dl` on all 2 start dates'],
      uncompared: [],
    });
  });

  it('a deadline from the date of birth is measured from the start date; one from an event, from a child aged ten', () => {
    const vocabulary = `event start_ev
event planned { for: date }
event done
`;
    const rules = (years: number, days: number): string => `deadline adult "Adult"
  owner iro
  due within ${years} years of child.dob
  met by done
  cite "1"

deadline aged "Aged"
  owner iro
  due within ${days} days of start_ev
  when age >= 10
  met by done
  cite "2"

deadline plan "Plan"
  owner iro
  due within ${days} days of planned.for
  when count(planned) = 1
  met by done
  cite "3"
`;
    expect(conformanceOf(policyText('dob_local', vocabulary, rules(19, 11)), policyText('dob_base', vocabulary, rules(18, 10)), '2024-01-29', '2024-01-29').messages).toEqual([
      'deadline: `adult` allows a later date than `adult` on 1 of 1 start dates; first: starting 2024-01-29, due 2043-01-29 locally but 2042-01-29 by the statute (365 days later)',
      'deadline: `aged` allows a later date than `aged` on 1 of 1 start dates; first: starting 2024-01-29, due 2024-02-09 locally but 2024-02-08 by the statute (1 day later)',
      'deadline: `plan` allows a later date than `plan` on 1 of 1 start dates; first: starting 2024-01-29, due 2024-02-09 locally but 2024-02-08 by the statute (1 day later)',
    ]);
  });

  it('cycles whose events have other names; a restart the baseline cannot place; a cycle for children of ten and over', () => {
    const cycle = (name: string, start: string, met: string, extra: string, steps: string): string => `cycle ${name} "${name}"
  owner iro
  runs from ${start}
${extra}  first within 10 days of ${start}
${steps.replaceAll('EV', met)}  met by ${met}
  cite "1"
`;
    const later = '  second within 30 days of the previous EV\n  then within 60 days of the previous EV\n';
    const baseline = policyText(
      'cyc_base',
      'event opened\nevent visit\n',
      [cycle('review', 'opened', 'visit', '', later), cycle('once', 'opened', 'visit', '', ''), cycle('aged', 'opened', 'visit', '  when age >= 10\n', later)].join('\n'),
    );
    const local = policyText(
      'cyc_local',
      'event start_ev\nevent held\nevent moved\n',
      [
        cycle('review', 'start_ev', 'held', '  restarts on moved\n', later),
        // The baseline's cycle has no second occurrence, so there is no day before it to restart on.
        cycle('once', 'start_ev', 'held', '  restarts on moved\n', ''),
        cycle('aged', 'start_ev', 'held', '  when age >= 10\n', later),
      ].join('\n'),
    );
    expect(conformanceOf(local, baseline, '2024-01-29', '2024-01-30')).toEqual({
      messages: [
        'occurrence 1: `review` gives the same date as `review` on all 2 start dates',
        'occurrence 2: `review` gives the same date as `review` on all 2 start dates',
        'occurrence 3 and later: `review` gives the same date as `review` on all 2 start dates',
        // The baseline's occurrence 2 is due 28 February (29 January + 30 days); the move on 27 February
        // restarts the local run: 27 February + 10 days = 8 March.
        'restart on `moved` the day before the statutory due date: `review` allows a later date than `review` on 2 of 2 start dates; first: starting 2024-01-29, due 2024-03-08 locally but 2024-02-28 by the statute (9 days later)',
        'occurrence 1: `once` gives the same date as `once` on all 2 start dates',
        'occurrence 1: `aged` gives the same date as `aged` on all 2 start dates',
        'occurrence 2: `aged` gives the same date as `aged` on all 2 start dates',
        'occurrence 3 and later: `aged` gives the same date as `aged` on all 2 start dates',
      ],
      uncompared: [],
    });
  });
});
