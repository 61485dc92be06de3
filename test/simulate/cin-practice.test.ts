/**
 * The CIN policy's default practice model (policies/cin-iro-involvement.practice.yaml, issue 13 item
 * 2): the generator, given the facts the model states (`facts:`) and dropping the looked-after
 * skeleton the model's events are placed on (`drop:`), makes cases that fit the CIN policy's own
 * vocabulary; a simulation of them measures every rule of the briefing, reports only the inherited
 * statutory rules as not measurable, and shows breach and violation shares near what the model
 * implies; `pdl fit` recovers the model's facts and the shares and offsets of its duties; the
 * playground's simulation of the CIN policy generates its cases with the model.
 *
 * Input: the policy and its model from disk; caseloads generated here. Output: assertions, whose
 * expected figures are computed from the model's own numbers (tolerances: four standard errors plus
 * a little, as test/simulate/practice-defaults.test.ts; the fit's as docs/simulation.md states).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCaseGenerator, fitPractice, generateCaseload, parsePracticeModelText, simulate, valueRecords } from '../../simulation/index.ts';
import type { CaseInput, PracticeEvent, PracticeModel } from '../../simulation/index.ts';
import { day, loadPolicy as load, ROOT } from './support.ts';
import { createEngine } from '../../playground/src/engine.ts';
import { createMemoryHost, policyEntriesFromModules } from '../../playground/src/host.ts';
import { simulate as simulateInPlayground } from '../../playground/src/simulation.ts';
import { policyModules } from '../playground/fixtures.ts';



const cin = load('policies/cin-iro-involvement.pdl');
const statutory = load('policies/england/statutory-reviews.pdl');
const read = parsePracticeModelText(readFileSync(`${ROOT}policies/cin-iro-involvement.practice.yaml`, 'utf8'), 'policies/cin-iro-involvement.practice.yaml');
if (!read.ok) throw new Error(read.problems.join('; '));
const model: PracticeModel = read.model;
const FROM = day('2023-01-01');
const TO = day('2024-12-31');

function entry(event: string): PracticeEvent {
  const e = model.events.find((x) => x.event === event);
  if (e === undefined) throw new Error(`the model makes no ${event}`);
  return e;
}

/** The share of weight a weighted list gives to `value`. */
function weightOf(values: readonly (readonly [unknown, number])[], value: unknown): number {
  const total = values.reduce((n, [, w]) => n + w, 0);
  return values.filter(([v]) => v === value).reduce((n, [, w]) => n + w, 0) / total;
}

function near(actual: number, expected: number, n: number, slack: number): void {
  const tolerance = 4 * Math.sqrt((expected * (1 - expected)) / n) + slack;
  expect(Math.abs(actual - expected), `${actual} against ${expected} over ${n}`).toBeLessThan(tolerance);
}

describe('a caseload generated for the CIN policy', () => {
  const cases: CaseInput[] = [...generateCaseload({ children: 400, from: FROM, to: TO, seed: 'cin', ir: cin.ir, practice: { model, policy: cin } })];

  it('is refused without a model that gives the required facts', () => {
    expect(() => createCaseGenerator({ children: 1, from: FROM, to: TO, seed: 1, ir: cin.ir })).toThrow(/cannot invent: `supervision_order`, `case_holder`/);
  });

  it("fits the policy's vocabulary: every case validates, holds the model's facts and only the CIN events", () => {
    const made = new Set(model.events.map((e) => e.event));
    const dropped = new Set(model.drop?.events ?? []);
    expect(dropped.has('became_looked_after') && dropped.has('review_held')).toBe(true);
    const seen = new Set<string>();
    for (const c of cases) {
      expect(cin.validate(c).ok).toBe(true);
      for (const [name, f] of Object.entries(model.facts ?? {})) expect(f.values.map(([v]) => v)).toContain(c.facts?.[name]);
      for (const e of c.events) seen.add(e.type);
    }
    for (const t of seen) expect(made.has(t) && !dropped.has(t), t).toBe(true);
    // Every event the model makes occurs (the caseload is large enough for the rarest).
    expect([...made].filter((t) => !seen.has(t))).toEqual([]);
    // The facts' shares are the model's.
    const holders = cases.filter((c) => c.facts?.['case_holder'] === 'consultant_social_worker').length;
    near(holders / cases.length, weightOf(model.facts?.['case_holder']?.values ?? [], 'consultant_social_worker'), cases.length, 0.01);
  });

  it('is the same whatever slice is generated, and the statutory skeleton is not in it', () => {
    const generator = createCaseGenerator({ children: 400, from: FROM, to: TO, seed: 'cin', ir: cin.ir, practice: { model, policy: cin } });
    expect(generator.generate(123)).toEqual(cases[123]);
    expect(cases.some((c) => c.events.some((e) => e.type === 'review_held' || e.type === 'became_looked_after'))).toBe(false);
  });

  const report = simulate(cin, cin, valueRecords(cases, 'generated'), TO);

  it('measures every rule of the briefing; only the inherited statutory rules are not measurable', () => {
    const inherited = new Set([...statutory.ir.rules.map((r) => r.id), ...statutory.ir.limits.map((l) => l.id), ...(statutory.ir.duties ?? []).map((d) => d.id), ...statutory.ir.approvals.map((a) => a.id)]);
    const notMeasurable = report.measurability.reform.map((u) => u.rule);
    expect(notMeasurable.length).toBeGreaterThan(0);
    for (const rule of notMeasurable) expect(inherited.has(rule), rule).toBe(true);
    const own = [...(cin.ir.duties ?? []).map((d) => d.id), ...cin.ir.limits.map((l) => l.id), ...cin.ir.approvals.map((a) => a.id)].filter((id) => !inherited.has(id));
    expect(own.length).toBe(13); // 3 duties, 9 limits, 1 approval
    for (const rule of own) {
      expect(notMeasurable, rule).not.toContain(rule);
      const obligations = report.rules.find((r) => r.rule === rule)?.reform?.obligations ?? 0;
      const violations = report.violations.find((v) => v.rule === rule)?.reform ?? 0;
      expect(obligations + violations, rule).toBeGreaterThan(0);
    }
  });

  it("shows breaches of the modelled duties and violations of the limits near the model's shares", () => {
    for (const [rule, event] of [['cin_review_venue', 'cin_review_venue_booked'], ['cin_review_invitations', 'care_team_invited']] as const) {
      const row = report.rules.find((r) => r.rule === rule)?.reform;
      const known = (row?.met ?? 0) + (row?.missed ?? 0);
      expect(known, rule).toBeGreaterThan(500);
      // Offsets are all within the window (the bound's week), so a breach is an event never made.
      near((row?.missed ?? 0) / known, 1 - entry(event).share, known, 0.02);
    }
    const reviews = cases.reduce((n, c) => n + c.events.filter((e) => e.type === 'cin_review_held').length, 0);
    const held = entry('cin_review_held').attributes;
    const limits: readonly [string, string, unknown][] = [
      ['cin_review_needs_case_worker', 'case_worker_present', false],
      ['cin_review_care_team_minutes', 'care_team_minutes_provided', false],
      ['cin_review_single_assessment', 'single_assessment_provided', false],
      ['cin_review_childs_plan', 'childs_plan_provided', false],
      ['cin_review_direct_work', 'direct_work', 'not_provided'],
      ['cin_review_agency_reports', 'agency_reports_requested', false],
      ['cin_next_review_date_agreed', 'next_review', 'date_not_agreed'],
    ];
    for (const [rule, attribute, bad] of limits) {
      const violations = report.violations.find((v) => v.rule === rule)?.reform ?? 0;
      near(violations / reviews, weightOf(held[attribute] ?? [], bad), reviews, 0.01);
    }
    const missed = cases.reduce((n, c) => n + c.events.filter((e) => e.type === 'cin_review_missed').length, 0);
    const noReport = report.violations.find((v) => v.rule === 'cin_review_absence_needs_written_report')?.reform ?? 0;
    near(noReport / missed, weightOf(entry('cin_review_missed').attributes['written_report_provided'] ?? [], false), missed, 0.01);
    // Agreements made without the team manager's or CSW's approval are the approval's violations.
    const agreed = cases.reduce((n, c) => n + c.events.filter((e) => e.type === 'iro_chair_agreed').length, 0);
    const unapproved = report.violations.find((v) => v.rule === 'iro_chair_agreement')?.reform ?? 0;
    near(unapproved / agreed, 1 - entry('iro_involvement_endorsed').share, agreed, 0.02);
  });
});

describe('fitting a model to a CIN caseload generated with the default model', () => {
  const cases = [...generateCaseload({ children: 700, from: FROM, to: TO, seed: 'cin-fit', ir: cin.ir, practice: { model, policy: cin } })];
  const fitted = fitPractice(cases, cin, TO);

  it("recovers the facts' shares within 0.03", () => {
    expect(fitted.invalid).toBe(0);
    for (const [name, f] of Object.entries(model.facts ?? {})) {
      const got = fitted.model.facts?.[name];
      expect(got, name).toBeDefined();
      for (const [value] of f.values) expect(Math.abs(weightOf(got?.values ?? [], value) - weightOf(f.values, value)), `${name} ${String(value)}`).toBeLessThan(0.03);
    }
  });

  it.each([
    ['cin_review_venue', 'cin_review_venue_booked'],
    ['cin_review_invitations', 'care_team_invited'],
  ])('recovers %s: share within 0.03, offsets in the model range but for 1 in 200, their mean within 0.5 day', (rule, event) => {
    const truth = entry(event);
    if (!('uniform' in truth.offset)) throw new Error('the test expects a uniform offset');
    const [min, max] = truth.offset.uniform;
    const got = fitted.model.events.find((e) => e.answers === rule);
    if (got === undefined || !('empirical' in got.offset)) throw new Error(`${rule} was not fitted`);
    expect(fitted.seen.find((s) => s.rule === rule)?.known ?? 0).toBeGreaterThan(1000);
    expect(Math.abs(got.share - truth.share)).toBeLessThan(0.03);
    const pairs = got.offset.empirical;
    const total = pairs.reduce((n, p) => n + p[1], 0);
    // A venue booked for one meeting before the second date of a rearranged one was agreed can
    // answer neither meeting's duty but an earlier one's: rare, and outside the range.
    const outside = pairs.filter(([d]) => d < min || d > max).reduce((n, p) => n + p[1], 0);
    expect(outside / total).toBeLessThan(0.005);
    const mean = pairs.reduce((n, p) => n + p[0] * p[1], 0) / total;
    expect(Math.abs(mean - (min + max) / 2)).toBeLessThan(0.5);
  });
});

describe("the playground's simulation of the CIN policy", () => {
  it('generates its cases with the default model and measures its own rules', () => {
    const engine = createEngine(createMemoryHost(policyEntriesFromModules(policyModules)));
    const uri = 'policies/cin-iro-involvement.pdl';
    const text = readFileSync(`${ROOT}${uri}`, 'utf8');
    const practice = new Map([['policies/cin-iro-involvement.practice.yaml', readFileSync(`${ROOT}policies/cin-iro-involvement.practice.yaml`, 'utf8')]]);
    const response = simulateInPlayground(engine, { kind: 'simulate', requestId: 1, policyText: text, uri, baselineText: text, baselineUri: uri, cases: 60, seed: 3, asOf: '2025-06-30' }, practice);
    expect(response.problem).toBeUndefined();
    expect(response.notes?.[0]).toContain('policies/cin-iro-involvement.practice.yaml');
    const lost = new Set(response.report?.measurability.reform.map((u) => u.rule));
    expect(lost.has('cin_review_venue')).toBe(false);
    expect(lost.has('looked_after_review')).toBe(true);
    expect(response.report?.rules.find((r) => r.rule === 'cin_review_venue')?.reform?.obligations ?? 0).toBeGreaterThan(0);
  });
});
