/**
 * The simulator as a library: a small caseload worked by hand (every expected number derived in the
 * comments), the same report whatever way the caseload is split and merged, normalised input, ISO
 * weeks, values kept out of messages, and the HTML report (self-contained, every string escaped).
 *
 * Input: the statutory policy, test/simulate/fixtures/days-restart.pdl (the reform: 91/183 days,
 * restarting on a placement move), test/simulate/fixtures/hand.jsonl. Output: assertions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonLinesRecords, generateCaseload, valueRecords } from '../../simulation/caseload/index.ts';
import type { CaseRecord } from '../../simulation/caseload/index.ts';
import { createAccumulator, finishReport, isoWeek, mergePartials, renderReportHtml, simulate } from '../../simulation/simulate/index.ts';
import type { SimulationReport } from '../../simulation/simulate/index.ts';
import { createFileHost } from '../../cli/file-host.ts';
import { parsePlainDate } from '../../runtime/index.ts';
import type { CompiledPolicy, NormalizedCase } from '../../runtime/index.ts';
import { compiledPolicy } from '../support/compiled.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const host = createFileHost([`${ROOT}policies`], ROOT);

function load(path: string, text = readFileSync(`${ROOT}${path}`, 'utf8')): CompiledPolicy {
  return compiledPolicy(text, { uri: path, host, explanations: false });
}

const baseline = load('policies/england/statutory-reviews.pdl');
const reform = load('test/simulate/fixtures/days-restart.pdl');
const hand = jsonLinesRecords(readFileSync(`${ROOT}test/simulate/fixtures/hand.jsonl`, 'utf8'), 'hand.jsonl');

describe('a caseload worked by hand (as of 2025-05-01)', () => {
  const report = simulate(baseline, reform, hand, '2025-05-01');

  it('reads six cases: four evaluated, one with an undeclared event, one not JSON (nothing dropped)', () => {
    // Line 4 of hand.jsonl is blank: the six cases are on lines 1, 2, 3, 5, 6 and 7.
    expect(report.input).toEqual({ cases: 6, evaluated: 4, failed: 2 });
    expect(report.failures).toEqual([
      {
        origin: 'hand.jsonl:5',
        id: 'D',
        problems: [
          {
            // One validation only: the two policies declare the same vocabulary.
            policy: 'baseline',
            path: 'events[1].type',
            message: expect.stringMatching(/^undeclared event type <value>; declared event types: /) as unknown as string,
          },
        ],
      },
      { origin: 'hand.jsonl:6', id: null, problems: [{ policy: 'input', path: '$', message: 'not valid JSON' }] },
    ]);
    expect(JSON.stringify(report.failures)).not.toContain('review_cancelled');
  });

  it('counts obligations and breaches per rule under each policy', () => {
    // Baseline (20 working days; 3 months; 6 months):
    //  A: looked after Mon 6 Jan, review Fri 31 Jan. #1 due Mon 3 Feb (20 working days: no holidays) met;
    //     #2 due 30 Apr (31 Jan + 3 months, clamped) not met: overdue on 1 May.
    //  B: looked after Mon 3 Feb, review Fri 28 Feb. #1 due Mon 3 Mar met; #2 due 28 May open
    //     (the placement move on 17 Mar does not restart the statutory cycle).
    //  C: as A, then a review on 1 May: #2 due 30 Apr met late; #3 due 1 Nov open.
    //  F: looked after 6 Jan, adjourned Thu 30 Jan, review 14 Feb: #1 due 3 Feb met late; #2 due
    //     14 May open; the adjourned review is due 20 working days after 30 Jan, 27 Feb: met.
    //  looked_after_review: met 3 (A, B, C #1), late 2 (C #2, F #1), overdue 1 (A #2), open 3.
    // Reform (20 working days; 91 days; 183 days; restarting on a move):
    //  A: #1 met; #2 due 2 May (31 Jan + 91 days) open.
    //  B: #1 met; #2 (due 30 May) superseded by the move on Mon 17 Mar, which starts a new run whose
    //     #1 is due Mon 14 Apr (20 working days; Easter is later): overdue.
    //  C: #1 met; #2 due 2 May met on 1 May; #3 due 31 Oct (1 May + 183 days) open.
    //  F: #1 met late; #2 due 16 May (14 Feb + 91 days) open; the adjourned review: met.
    //  looked_after_review: met 4, late 1, overdue 1, open 3, superseded 1.
    expect(report.rules).toEqual([
      {
        rule: 'looked_after_review',
        title: "Review of the child's case (days, restarting on a move)",
        owner: 'iro',
        baseline: { obligations: 9, met: 3, metLate: 2, overdue: 1, open: 3, breaches: 3, missingEvents: [], superseded: 0 },
        reform: { obligations: 9, met: 4, metLate: 1, overdue: 1, open: 3, breaches: 2, missingEvents: [], superseded: 1 },
      },
      {
        rule: 'adjourned_review_completed',
        title: 'An adjourned review is reconvened and completed',
        owner: 'iro',
        baseline: { obligations: 1, met: 1, metLate: 0, overdue: 0, open: 0, breaches: 0, missingEvents: [], superseded: 0 },
        reform: { obligations: 1, met: 1, metLate: 0, overdue: 0, open: 0, breaches: 0, missingEvents: [], superseded: 0 },
      },
    ]);
  });

  it('measures reviews within timescale among those due by the as-of date', () => {
    // Baseline: due by 1 May: A #1, B #1, C #1 (met on time), C #2, F #1 (late), A #2 (overdue): 3 of 6.
    // Reform: A #1, B #1, C #1 (on time), F #1 (late), B's new #1 (overdue): 3 of 5 (C #2 is due 2 May,
    // after the as-of date, so it is not counted though it was met).
    expect(report.reviews).toEqual({ baseline: { measurable: true, due: 6, withinTimescale: 3, share: 0.5 }, reform: { measurable: true, due: 5, withinTimescale: 3, share: 0.6 } });
  });

  it('names the children newly overdue and no longer overdue', () => {
    // A is overdue only under the baseline (its second review falls due 2 days later in days);
    // B only under the reform (its move restarts the cycle with 20 working days).
    expect(report.children).toEqual({ overdueUnderBaseline: 1, overdueUnderReform: 1, newlyOverdue: ['B'], noLongerOverdue: ['A'] });
  });

  it('counts due items per role per ISO week', () => {
    // Baseline due dates: 3 Feb x3 (W06), 27 Feb (W09), 3 Mar (W10), 30 Apr x2 (W18), 14 May (W20),
    // 28 May (W22), 1 Nov (W44). Reform: 3 Feb x3, 27 Feb, 3 Mar, 14 Apr (W16), 2 May x2 (W18),
    // 16 May (W20), 31 Oct (W44). Superseded obligations are not due items.
    expect(report.workload).toEqual([
      {
        role: 'iro',
        baseline: 10,
        reform: 10,
        weeks: [
          { week: '2025-W06', baseline: 3, reform: 3 },
          { week: '2025-W09', baseline: 1, reform: 1 },
          { week: '2025-W10', baseline: 1, reform: 1 },
          { week: '2025-W16', baseline: 0, reform: 1 },
          { week: '2025-W18', baseline: 2, reform: 2 },
          { week: '2025-W20', baseline: 1, reform: 1 },
          { week: '2025-W22', baseline: 1, reform: 0 },
          { week: '2025-W44', baseline: 1, reform: 1 },
        ],
      },
    ]);
  });

  it('is plain JSON with its header', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report).toMatchObject({ asOf: '2025-05-01', reviewRule: 'looked_after_review', baseline: { id: 'england.statutory_reviews', version: '2010.1' }, reform: { id: 'test.days_restart', version: null } });
  });

  it('gives the same counts for cases normalised by the caller', () => {
    const normalised: NormalizedCase[] = [];
    for (const r of hand) {
      if (r.kind !== 'text') continue;
      try {
        const v = baseline.validate(JSON.parse(r.text));
        if (v.ok) normalised.push(v.case);
      } catch {
        // not JSON
      }
    }
    const r2 = simulate(baseline, reform, normalised, parsePlainDate('2025-05-01') as number);
    expect(r2.input).toEqual({ cases: 4, evaluated: 4, failed: 0 });
    expect(r2.rules).toEqual(report.rules);
    expect(r2.children).toEqual(report.children);
  });
});

describe('merging partial reports', () => {
  it('gives the same report whatever the split and the order the parts are merged in', () => {
    const cases = [...generateCaseload({ children: 300, from: parsePlainDate('2022-01-01') as number, to: parsePlainDate('2024-12-31') as number, seed: 3, ir: baseline.ir })];
    const records: CaseRecord[] = [...valueRecords(cases, 'gen'), { kind: 'text', origin: 'bad', text: '{' }, ...valueRecords(cases.slice(0, 20), 'again')];
    const asOf = parsePlainDate('2024-06-30') as number;
    const whole = simulate(baseline, reform, records, asOf);
    expect(whole.children.newlyOverdue.length).toBeGreaterThan(0);
    for (const cuts of [[1], [100, 200], [7, 8, 150, 301]]) {
      const bounds = [0, ...cuts, records.length];
      const parts = bounds.slice(1).map((end, i) => {
        const start = bounds[i] as number;
        const acc = createAccumulator(baseline, reform, asOf);
        for (let k = start; k < end; k++) acc.addRecord(records[k] as CaseRecord, k);
        return acc.partial;
      });
      const merged: SimulationReport = finishReport(mergePartials([...parts].reverse()), baseline.ir, reform.ir, asOf);
      expect(merged).toEqual(whole);
    }
  });
});

describe('helpers', () => {
  it('isoWeek follows ISO 8601 (the week of the Thursday)', () => {
    const w = (d: string): string => isoWeek(parsePlainDate(d) as number);
    expect(w('2025-01-01')).toBe('2025-W01');
    expect(w('2024-12-30')).toBe('2025-W01');
    expect(w('2021-01-03')).toBe('2020-W53');
    expect(w('2026-12-31')).toBe('2026-W53');
    expect(w('2025-11-01')).toBe('2025-W44');
  });
});

describe('the HTML report', () => {
  it('is self-contained (no script, no external resource) and escapes every string from policies and cases', () => {
    const hostile = load(
      'hostile.pdl',
      readFileSync(`${ROOT}test/simulate/fixtures/days-restart.pdl`, 'utf8').replace('title "Reviews in days, restarting on placement moves"', 'title "<script>alert(1)</script> & \'quotes\'"'),
    );
    const records: CaseRecord[] = [
      { kind: 'value', origin: 'x<b>.jsonl:1', value: { id: '<img src=x onerror=alert(1)>', child: { dob: '2015-01-01' }, events: [{ type: 'became_looked_after', date: '2025-01-06' }] } },
      { kind: 'value', origin: 'x<b>.jsonl:2', value: { id: '"><svg onload=alert(1)>', child: { dob: '2015-01-01' }, events: [{ type: '<i>bad</i>', date: '2025-01-06' }] } },
    ];
    const report = simulate(baseline, hostile, records, '2025-05-01');
    const html = renderReportHtml(report, { caseloadLines: ['<caseload & more>'] });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    for (const raw of ['<script', '<img', '<svg onload', '<i>bad', '<caseload', 'x<b>']) expect(html.includes(raw), raw).toBe(false);
    expect(html).not.toMatch(/\b(src|href)=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;');
    expect(html).toContain('x&lt;b&gt;.jsonl:2');
    expect(html).toContain('&lt;caseload &amp; more&gt;');
    expect(html).toContain('<svg role="img"');
    expect(html).toContain('<polyline');
    expect(html).toContain('As of 2025-05-01');
  });
});
