/**
 * Rules a caseload cannot measure (issue 13, item 1): a rule whose trigger or satisfying events never
 * occur in the caseload is reported as "not measurable" with the missing event types, never as
 * breaches, and is left out of the headline figures (reviews within timescale, children overdue).
 *
 * Input: the statutory policy, Bristol, a reform written here (the statutory policy plus one local
 * deadline met by an event the hand-worked caseload never holds), test/simulate/fixtures/hand.jsonl,
 * and a synthetic caseload of the statutory vocabulary. Output: assertions; the expected figures are
 * worked by hand in the comments or computed independently by evaluating each case directly.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateCaseload, jsonLinesRecords, valueRecords } from '../../simulation/caseload/index.ts';
import { eventNeeds, renderReportHtml, simulate } from '../../simulation/simulate/index.ts';
import { createFileHost } from '../../cli/file-host.ts';
import { parsePlainDate } from '../../runtime/index.ts';
import type { CompiledPolicy, PlainDate } from '../../runtime/index.ts';
import { compiledPolicy } from '../support/compiled.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const host = createFileHost([`${ROOT}policies`], ROOT);

function load(path: string, text = readFileSync(`${ROOT}${path}`, 'utf8')): CompiledPolicy {
  return compiledPolicy(text, { uri: path, host, explanations: false });
}

function day(text: string): PlainDate {
  const d = parsePlainDate(text);
  if (d === undefined) throw new Error(text);
  return d;
}

const statutory = load('policies/england/statutory-reviews.pdl');
// The statutory policy plus a local rule: "the care plan is authorised within 10 days of each review".
const LOCAL = `policy test.local_rule extends england.statutory_reviews
  title "Statutory reviews with a local care plan rule"

event care_plan_authorised "The care plan is authorised"

deadline care_plan_after_review "Care plan authorised after each review"
  owner social_worker
  due within 10 days of review_held
  met by care_plan_authorised
  cite "Local rule"
`;
const local = load('test/simulate/local-rule.pdl', LOCAL);
const handText = readFileSync(`${ROOT}test/simulate/fixtures/hand.jsonl`, 'utf8');

describe('a rule met by an event the caseload never holds', () => {
  const report = simulate(statutory, local, jsonLinesRecords(handText, 'hand.jsonl'), '2025-05-01');

  it('is listed as not measurable under the reform, with the missing event type', () => {
    expect(report.measurability.baseline).toEqual([]);
    expect(report.measurability.reform).toEqual([{ rule: 'care_plan_after_review', kind: 'deadline', missingEvents: ['care_plan_authorised'] }]);
    // The event types the four evaluated cases hold up to 1 May 2025 (hand.jsonl: A, B, C, F).
    expect(report.measurability.eventTypes).toEqual({ became_looked_after: 4, placement_changed: 1, review_adjourned: 1, review_held: 5 });
  });

  it('reports its obligations but no breaches', () => {
    const row = report.rules.find((r) => r.rule === 'care_plan_after_review');
    // Five reviews held (A 31 Jan, B 28 Feb, C 31 Jan and 1 May, F 14 Feb), each due a care plan
    // within 10 days; none is met (no such event): four past due on 1 May, C's second due 11 May (open).
    expect(row?.baseline).toBeNull();
    expect(row?.reform).toMatchObject({ obligations: 5, overdue: 4, open: 1, breaches: null, missingEvents: ['care_plan_authorised'] });
    // The inherited review cycle is measurable under both.
    expect(report.rules.find((r) => r.rule === 'looked_after_review')?.reform?.breaches).toBe(3);
  });

  it('leaves it out of the children overdue: only the review cycle counts, the same under both', () => {
    // Only A has an overdue review (#2 due 30 April); every child with a review held would be overdue
    // if the local rule counted.
    expect(report.children).toEqual({ overdueUnderBaseline: 1, overdueUnderReform: 1, newlyOverdue: [], noLongerOverdue: [] });
  });

  it('says so in the HTML report', () => {
    const html = renderReportHtml(report);
    expect(html).toContain('<h2>Not measurable with this caseload</h2>');
    expect(html).toMatch(/<code>care_plan_after_review<\/code><\/td><td>deadline<\/td><td>reform<\/td><td><code>care_plan_authorised<\/code>/);
  });

  it('becomes measurable, and counts, once one case records the event', () => {
    // G: looked after 6 Jan, review 31 Jan, care plan authorised 5 Feb (within 10 days: met).
    const g = { id: 'G', child: { dob: '2015-03-01' }, events: [{ type: 'became_looked_after', date: '2025-01-06' }, { type: 'review_held', date: '2025-01-31' }, { type: 'care_plan_authorised', date: '2025-02-05' }] };
    const handValues = handText.split('\n').flatMap((line) => {
      try {
        return [JSON.parse(line) as unknown];
      } catch {
        return [];
      }
    });
    const withG = simulate(load('test/simulate/local-rule.pdl', LOCAL), local, valueRecords([...handValues, g], 'hand+G'), '2025-05-01');
    expect(withG.measurability.reform).toEqual([]);
    const row = withG.rules.find((r) => r.rule === 'care_plan_after_review');
    // A, B, C, F as above (four overdue, one open) and G's met: 6 obligations, 4 breaches.
    expect(row?.reform).toMatchObject({ obligations: 6, met: 1, overdue: 4, open: 1, breaches: 4, missingEvents: [] });
    // Now every child with an overdue care plan counts: A, B, C, F (G's review #2 is due 30 April: overdue too).
    expect(withG.children.overdueUnderReform).toBe(5);
  });
});

describe('a synthetic caseload of the statutory vocabulary under Bristol', () => {
  const bristol = load('policies/bristol.pdl');
  const asOf = day('2024-12-31');
  const cases = [...generateCaseload({ children: 120, from: day('2023-01-01'), to: asOf, seed: 'measurable', ir: statutory.ir })];
  const report = simulate(statutory, bristol, valueRecords(cases, 'generated'), asOf);

  it("lists Bristol's local rules as not measurable, naming the local events the caseload lacks", () => {
    const lost = new Map(report.measurability.reform.map((u) => [u.rule, u.missingEvents]));
    expect(lost.get('care_plan_authorised_before_review')).toEqual(['care_plan_authorised']);
    expect(lost.get('care_plan_after_needs_assessment')).toEqual(['care_plan_authorised', 'needs_assessment_completed']);
    expect(lost.get('child_prepared_before_review')).toEqual(['child_prepared_for_review']);
    // Every rule the statutory policy declares is measurable under both (the caseload is made for it).
    for (const id of statutory.ir.rules.map((r) => r.id)) expect(lost.has(id)).toBe(false);
    expect(report.measurability.baseline).toEqual([]);
    // No unmeasurable rule shows a breach count.
    for (const r of report.rules) if (lost.has(r.rule)) expect(r.reform?.breaches).toBeNull();
  });

  it('counts children overdue over measurable rules only (checked by evaluating each case directly)', () => {
    const lost = new Set(report.measurability.reform.map((u) => u.rule));
    let expected = 0;
    for (const c of cases) {
      const v = bristol.validate(c);
      if (!v.ok) throw new Error('a generated case does not fit Bristol');
      const result = bristol.evaluateNormalized(v.case, asOf);
      if (result.obligations.some((o) => o.status === 'overdue' && !lost.has(o.rule))) expected++;
    }
    expect(report.children.overdueUnderReform).toBe(expected);
    // And the phantom count the issue measured is gone: with every rule counted, more children would be overdue.
    let phantom = 0;
    for (const c of cases) {
      const v = bristol.validate(c);
      if (v.ok && bristol.evaluateNormalized(v.case, asOf).obligations.some((o) => o.status === 'overdue')) phantom++;
    }
    expect(phantom).toBeGreaterThan(expected);
  });
});

describe('eventNeeds', () => {
  it('names, for each rule of Bristol, the groups of event types it needs', () => {
    const needs = new Map(eventNeeds(load('policies/bristol.pdl').ir).map((n) => [n.rule, n]));
    expect(needs.get('care_plan_authorised_before_review')).toEqual({ rule: 'care_plan_authorised_before_review', kind: 'deadline', groups: [['review_scheduled'], ['care_plan_authorised']] });
    expect(needs.get('care_plan_after_needs_assessment')).toEqual({ rule: 'care_plan_after_needs_assessment', kind: 'order', groups: [['care_plan_authorised'], ['needs_assessment_completed']] });
    expect(needs.get('review_cancellation')).toEqual({ rule: 'review_cancellation', kind: 'approval', groups: [['review_scheduled'], ['review_cancelled_no_care_plan']] });
    // Two `requires discussion_held` lines need one event type: one group.
    expect(needs.get('iro_postponement')?.groups).toEqual([['review_postponement_requested'], ['review_postponement_approved'], ['discussion_held']]);
    expect(needs.get('child_prepared_before_review')).toEqual({ rule: 'child_prepared_before_review', kind: 'duty', groups: [['review_scheduled'], ['child_prepared_for_review']] });
    expect(needs.get('looked_after_review')?.groups[0]).toEqual(['became_looked_after']);
  });
});
