/**
 * The behavioural reading as a library, on examples worked by hand (every expected date and count
 * derived in the comments): re-timing against each policy's own due dates, a weekly capacity and the
 * backlog it builds, a review cycle re-timed occurrence by occurrence, the reading named in the
 * report, and the schedule within capacity on its own.
 *
 * Input: the statutory policy, test/simulate/fixtures/behavioural/ (plan-10-days.pdl, the baseline:
 * a care plan within 10 days of becoming looked after; plan-5-days.pdl, the reform: within 5 days;
 * plan-on-due-date.yaml, a practice model with a capacity), test/simulate/fixtures/days-restart.pdl.
 * Output: assertions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createFileHost } from '../../cli/file-host.ts';
import { formatPlainDate, parsePlainDate } from '../../runtime/index.ts';
import type { CompiledPolicy, PlainDate } from '../../runtime/index.ts';
import { createRandom, readPracticeModel, renderReportHtml, simulate, valueRecords } from '../../simulation/index.ts';
import type { CaseInput, PracticeModel, SimulationReport } from '../../simulation/index.ts';
import { entriesFor, madeTypes, mergeCapacity, parseCapacityFlag, readCapacity, retimeCase, scheduleWithinCapacity, simulateBehavioural } from '../../simulation/behavioural/index.ts';
import { compiledPolicy } from '../support/compiled.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = `${ROOT}test/simulate/fixtures/behavioural/`;
const host = createFileHost([`${ROOT}policies`, FIXTURES], ROOT);

function load(path: string): CompiledPolicy {
  return compiledPolicy(readFileSync(`${ROOT}${path}`, 'utf8'), { uri: path, host, explanations: false });
}

function model(value: unknown): PracticeModel {
  const m = readPracticeModel(value);
  if (!m.ok) throw new Error(m.problems.join('; '));
  return m.model;
}

const day = (text: string): PlainDate => parsePlainDate(text) as PlainDate;
const base = load('test/simulate/fixtures/behavioural/plan-10-days.pdl');
const reform = load('test/simulate/fixtures/behavioural/plan-5-days.pdl');
const modelFile = parseYaml(readFileSync(`${FIXTURES}plan-on-due-date.yaml`, 'utf8')) as unknown;
const onDueDate = model(modelFile);

function child(id: string, events: CaseInput['events']): CaseInput {
  return { id, child: { dob: '2015-06-01' }, events };
}

function rule(report: SimulationReport, id: string): SimulationReport['rules'][number] {
  const r = report.rules.find((x) => x.rule === id);
  if (r === undefined) throw new Error(`no rule ${id}`);
  return r;
}

describe('two children, two items due the same week, a capacity of 1 a week (as of 2025-04-01)', () => {
  // Both children become looked after on Mon 3 Mar 2025 and have their first review on Fri 28 Mar.
  // Baseline: the care plan is due 10 days later, Thu 13 Mar (ISO week 2025-W11); the model
  // authorises each on its due date. Social workers do 1 such item a week: A's plan (first in input
  // order) is done on Thu 13 Mar; B's waits (backlog 1 at the end of W11) and is done the next
  // Thursday, 20 Mar (W12): met late, a breach. Reform: due 8 Mar (Sat, W10): the same story a week
  // earlier: A on 8 Mar, B on 15 Mar, late.
  const cases = [
    child('A', [{ type: 'became_looked_after', date: '2025-03-03' }, { type: 'review_held', date: '2025-03-28' }]),
    child('B', [{ type: 'became_looked_after', date: '2025-03-03' }, { type: 'review_held', date: '2025-03-28' }]),
  ];
  const capacity = readCapacity(modelFile);
  if (!capacity.ok) throw new Error(capacity.problems.join('; '));
  const report = simulateBehavioural(base, reform, valueRecords(cases, 'two'), '2025-04-01', { model: onDueDate, capacity: capacity.capacity, seed: 'hand' });

  it('reads the capacity from the model file', () => {
    expect(capacity.capacity).toEqual([{ role: 'social_worker', perWeek: 1 }]);
  });

  it('shows the backlog of 1 in the week two items were due, cleared the next week', () => {
    const sw = report.behavioural?.roles.find((r) => r.role === 'social_worker');
    expect(sw?.capacity).toBe(1);
    expect(sw?.baseline).toEqual({
      items: 2,
      slipped: 1,
      notDone: 0,
      peakBacklog: 1,
      peakWeek: '2025-W11',
      weeks: [
        { week: '2025-W11', demand: 2, done: 1, backlog: 1 },
        { week: '2025-W12', demand: 0, done: 1, backlog: 0 },
      ],
    });
    expect(sw?.reform.weeks).toEqual([
      { week: '2025-W10', demand: 2, done: 1, backlog: 1 },
      { week: '2025-W11', demand: 0, done: 1, backlog: 0 },
    ]);
  });

  it('counts the slipped item as a breach under each policy', () => {
    const r = rule(report, 'care_plan_authorised');
    expect(r.baseline).toMatchObject({ obligations: 2, met: 1, metLate: 1, overdue: 0, breaches: 1, missingEvents: [] });
    expect(r.reform).toMatchObject({ obligations: 2, met: 1, metLate: 1, overdue: 0, breaches: 1, missingEvents: [] });
  });

  it('without the capacity nothing slips and nothing is late', () => {
    const free = simulateBehavioural(base, reform, valueRecords(cases, 'two'), '2025-04-01', { model: onDueDate, seed: 'hand' });
    const sw = free.behavioural?.roles.find((r) => r.role === 'social_worker');
    expect([sw?.capacity, sw?.baseline.slipped, sw?.baseline.peakBacklog, sw?.reform.slipped]).toEqual([null, 0, 0, 0]);
    expect(rule(free, 'care_plan_authorised').baseline?.breaches).toBe(0);
    expect(free.reading?.assumptions).toContain('No capacity limit: every re-timed item is done on the day the model plans it.');
  });

  it('names the reading and its assumptions first', () => {
    expect(Object.keys(report)[0]).toBe('reading');
    expect(report.reading?.name).toBe('behavioural');
    expect(report.reading?.capacity).toEqual([{ role: 'social_worker', perWeek: 1 }]);
    expect(report.reading?.seed).toBe('hand');
    expect(report.reading?.practice).toEqual([{ event: 'care_plan_authorised', answers: 'care_plan_authorised', relativeTo: null, share: 1, assumption: 'every care plan is authorised on the day it is due', sides: ['baseline', 'reform'] }]);
    expect(report.reading?.assumptions.join(' ')).toMatch(/social_worker 1 a week/);
  });

  it('the static reading of the same caseload cannot measure the rule (no care_plan_authorised in the data)', () => {
    const still = simulate(base, reform, valueRecords(cases, 'two'), '2025-04-01');
    expect(rule(still, 'care_plan_authorised').baseline?.breaches).toBeNull();
    expect(rule(still, 'care_plan_authorised').baseline?.missingEvents).toEqual(['care_plan_authorised']);
  });
});

describe('a reform that shortens a deadline moves the re-timed event, and not the static one', () => {
  // One child, looked after Mon 3 Mar 2025; the caseload records the care plan on Wed 12 Mar.
  // Static: baseline due 13 Mar: met; reform due 8 Mar: met late (12 Mar), a breach.
  // Behavioural, with a model authorising each plan the day before its due date: the recorded plan is
  // taken out; under the baseline it is made on 12 Mar (13 - 1), under the reform on 7 Mar (8 - 1):
  // met under both.
  const oneDayEarly = model({ events: [{ event: 'care_plan_authorised', answers: 'care_plan_authorised', share: 1, offset: { fixed: -1 }, assumption: 'the day before it is due' }] });
  const cases = [child('C', [{ type: 'became_looked_after', date: '2025-03-03' }, { type: 'care_plan_authorised', date: '2025-03-12' }, { type: 'review_held', date: '2025-03-28' }])];

  it('re-times the event against each policy', () => {
    const v = base.validate(cases[0]);
    if (!v.ok) throw new Error('invalid');
    const types = madeTypes(oneDayEarly);
    const b = retimeCase(base, v.case, entriesFor(oneDayEarly, base).entries, types, day('2025-04-01'), createRandom(1, 0));
    const r = retimeCase(reform, v.case, entriesFor(oneDayEarly, reform).entries, types, day('2025-04-01'), createRandom(1, 0));
    expect(b.kept.events.map((e) => e.type)).toEqual(['became_looked_after', 'review_held']);
    expect(b.made.map((m) => [m.type, formatPlainDate(m.planned), m.role])).toEqual([['care_plan_authorised', '2025-03-12', 'social_worker']]);
    expect(r.made.map((m) => [m.type, formatPlainDate(m.planned), m.role])).toEqual([['care_plan_authorised', '2025-03-07', 'social_worker']]);
  });

  it('the static reading finds the reform breached, the behavioural one does not', () => {
    const still = simulate(base, reform, valueRecords(cases, 'one'), '2025-04-01');
    expect([rule(still, 'care_plan_authorised').baseline?.breaches, rule(still, 'care_plan_authorised').reform?.breaches]).toEqual([0, 1]);
    const moved = simulateBehavioural(base, reform, valueRecords(cases, 'one'), '2025-04-01', { model: oneDayEarly, seed: 1 });
    expect([rule(moved, 'care_plan_authorised').baseline?.breaches, rule(moved, 'care_plan_authorised').reform?.breaches]).toEqual([0, 0]);
    expect(rule(moved, 'care_plan_authorised').reform).toMatchObject({ met: 1, metLate: 0 });
  });
});

describe('an event relative to a re-timed one moves with it; strings from the model are escaped in the HTML', () => {
  // The plan the day before it is due (baseline 12 Mar, reform 7 Mar), and a discussion with the team
  // manager three days before the plan: baseline 9 Mar, reform 4 Mar. No rule is met by a discussion:
  // it is nobody's counted work (role null).
  const withDiscussion = model({
    events: [
      { event: 'care_plan_authorised', answers: 'care_plan_authorised', share: 1, offset: { fixed: -1 }, assumption: 'the day before it is due' },
      { event: 'discussion_held', relativeTo: 'care_plan_authorised', share: 1, offset: { fixed: -3 }, attributes: { with: { values: [['team_manager', 1]] }, about: { values: [['the plan', 1]] } }, assumption: 'a discussion <script>alert(1)</script> three days before' },
    ],
  });
  const v = base.validate(child('D', [{ type: 'became_looked_after', date: '2025-03-03' }]));
  if (!v.ok) throw new Error('invalid');

  it('makes the discussion from the re-timed plan, under each policy', () => {
    const made = (p: CompiledPolicy): string[][] => retimeCase(p, v.case, entriesFor(withDiscussion, p).entries, madeTypes(withDiscussion), day('2025-04-01'), createRandom(1, 0)).made.map((m) => [m.type, formatPlainDate(m.planned), String(m.role), String(m.attributes['with'] ?? '')]);
    expect(made(base)).toEqual([['care_plan_authorised', '2025-03-12', 'social_worker', ''], ['discussion_held', '2025-03-09', 'null', 'team_manager']]);
    expect(made(reform)).toEqual([['care_plan_authorised', '2025-03-07', 'social_worker', ''], ['discussion_held', '2025-03-04', 'null', 'team_manager']]);
  });

  it('escapes the assumption in the HTML report', () => {
    const report = simulateBehavioural(base, reform, valueRecords([child('D', [{ type: 'became_looked_after', date: '2025-03-03' }])], 'd'), '2025-04-01', { model: withDiscussion, seed: 1 });
    const html = renderReportHtml(report);
    expect(html).toContain('a discussion &lt;script&gt;alert(1)&lt;/script&gt; three days before');
    expect(html).not.toContain('<script>');
    expect(report.behavioural?.roles.map((r) => [r.role, r.baseline.items])).toEqual([['social_worker', 1]]);
  });
});

describe('a review cycle re-timed occurrence by occurrence', () => {
  // A model holding each review two days before it is due, against the statutory cycle and against
  // days-restart.pdl (91 then 183 days). Looked after Mon 6 Jan 2025, as of 31 Dec 2025.
  // Statutory: #1 due Mon 3 Feb (20 working days) -> held Sat 1 Feb; #2 due 1 May (1 Feb + 3 months)
  // -> 29 Apr; #3 due 29 Oct (29 Apr + 6 months) -> 27 Oct; #4 due 27 Apr 2026 -> after the as-of date.
  // Reform: #1 -> 1 Feb; #2 due 3 May (1 Feb + 91 days) -> 1 May; #3 due 31 Oct (1 May + 183 days) -> 29 Oct.
  const statutory = load('policies/england/statutory-reviews.pdl');
  const days = load('test/simulate/fixtures/days-restart.pdl');
  const early = model({ events: [{ event: 'review_held', answers: 'looked_after_review', share: 1, offset: { fixed: -2 }, assumption: 'two days early' }] });
  const v = statutory.validate(child('R', [{ type: 'became_looked_after', date: '2025-01-06' }, { type: 'review_held', date: '2025-03-20' }]));
  if (!v.ok) throw new Error('invalid');

  it('moves every review to the policy of the side', () => {
    const held = (p: CompiledPolicy): string[] => retimeCase(p, v.case, entriesFor(early, p).entries, madeTypes(early), day('2025-12-31'), createRandom(1, 0)).made.map((m) => formatPlainDate(m.planned));
    expect(held(statutory)).toEqual(['2025-02-01', '2025-04-29', '2025-10-27']);
    expect(held(days)).toEqual(['2025-02-01', '2025-05-01', '2025-10-29']);
  });
});

describe('the schedule within capacity', () => {
  const asOf = day('2025-03-31'); // a Monday
  it('serves the oldest first, keeps the weekday, and leaves what does not fit by the as-of date undone', () => {
    // Capacity 1. Planned: Tue 4 Mar, Tue 4 Mar, Wed 5 Mar, Fri 28 Mar.
    // W10: demand 3, done 4 Mar (the first); backlog 2. W11: done the second Tue item on 11 Mar; backlog 1.
    // W12: Wed 5 Mar's item on Wed 19 Mar; backlog 0. W13: Fri 28 Mar's on its day. W14 (31 Mar) is not needed.
    const planned = ['2025-03-04', '2025-03-04', '2025-03-05', '2025-03-28'].map(day);
    const { done, load } = scheduleWithinCapacity(planned, 1, asOf);
    expect(done.map((d) => (d === undefined ? null : formatPlainDate(d)))).toEqual(['2025-03-04', '2025-03-11', '2025-03-19', '2025-03-28']);
    expect(load).toMatchObject({ items: 4, slipped: 2, notDone: 0, peakBacklog: 2, peakWeek: '2025-W10' });
    expect(load.weeks.map((w) => [w.week, w.demand, w.done, w.backlog])).toEqual([
      ['2025-W10', 3, 1, 2],
      ['2025-W11', 0, 1, 1],
      ['2025-W12', 0, 1, 0],
      ['2025-W13', 1, 1, 0],
    ]);
  });

  it('an item that would be done after the as-of date is not done', () => {
    // Capacity 1, two items on Fri 28 Mar: the second would be done Fri 4 Apr, after 31 Mar.
    const { done, load } = scheduleWithinCapacity([day('2025-03-28'), day('2025-03-28')], 1, asOf);
    expect(done.map((d) => (d === undefined ? null : formatPlainDate(d)))).toEqual(['2025-03-28', null]);
    expect(load).toMatchObject({ items: 2, slipped: 1, notDone: 1, peakBacklog: 1 });
  });

  it('a capacity of 0 does nothing; no capacity does everything on its day', () => {
    expect(scheduleWithinCapacity([day('2025-03-04')], 0, asOf).load).toMatchObject({ notDone: 1, slipped: 1 });
    expect(scheduleWithinCapacity([day('2025-03-04')], null, asOf).load).toMatchObject({ notDone: 0, slipped: 0, peakBacklog: 0 });
  });
});

describe('capacities', () => {
  it('reads ROLE=N and ROLE=NxSTAFF flags, and lets the command line win over the file', () => {
    expect(parseCapacityFlag('iro=20')).toEqual({ role: 'iro', perWeek: 20 });
    expect(parseCapacityFlag('social_worker=4x5')).toEqual({ role: 'social_worker', perWeek: 20 });
    expect(parseCapacityFlag('iro')).toBeUndefined();
    expect(parseCapacityFlag('iro=-1')).toBeUndefined();
    expect(mergeCapacity([{ role: 'iro', perWeek: 3 }, { role: 'social_worker', perWeek: 1 }], [{ role: 'iro', perWeek: 9 }])).toEqual([
      { role: 'iro', perWeek: 9 },
      { role: 'social_worker', perWeek: 1 },
    ]);
  });

  it('reads the file section, per person or in all, and names every problem', () => {
    expect(readCapacity({ events: [], capacity: { iro: { perWeek: 5, staff: 3 }, social_worker: 40 } })).toEqual({ ok: true, capacity: [{ role: 'iro', perWeek: 15 }, { role: 'social_worker', perWeek: 40 }] });
    expect(readCapacity({ events: [] })).toEqual({ ok: true, capacity: [] });
    const bad = readCapacity({ capacity: { iro: 'lots', team_manager: { perWeek: 2, people: 3 } } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.split(':')[0])).toEqual(['capacity.iro', 'capacity.team_manager']);
  });
});
