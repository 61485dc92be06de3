/**
 * The SSDA903 importer: small hand-written tables with known answers (every episode and review row
 * mapped to the events it must give), malformed rows (each reported with its file and line, never
 * quoting a value), a missing column, strict dates, and the fake tables in test/data/ssda903-fake
 * (counts reconcile, every case fits the statutory vocabulary).
 *
 * Input: test/caseload/fixtures/{small,malformed}/*.csv; test/data/ssda903-fake/*.csv.
 * Output: assertions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importSsda903, parseDmyDate } from '../../simulation/caseload/index.ts';
import type { Ssda903Tables } from '../../simulation/caseload/index.ts';
import { compile } from '../../compiler/index.ts';
import { formatPlainDate } from '../../runtime/index.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const FAKE = new URL('../data/ssda903-fake/', import.meta.url);

function tables(folder: URL): Ssda903Tables {
  const read = (name: string): { name: string; text: string } => ({ name, text: readFileSync(new URL(name, folder), 'utf8') });
  return { header: read('header.csv'), episodes: read('episodes.csv'), reviews: read('reviews.csv') };
}

const statutory = compile(readFileSync(new URL('../../policies/england/statutory-reviews.pdl', import.meta.url), 'utf8'), { uri: 'statutory-reviews.pdl', explanations: false });

describe('parseDmyDate', () => {
  it('reads DD/MM/YYYY strictly: real dates only, two-digit day and month', () => {
    expect(formatPlainDate(parseDmyDate('29/02/2024') as number)).toBe('2024-02-29');
    expect(formatPlainDate(parseDmyDate('31/12/2025') as number)).toBe('2025-12-31');
    for (const bad of ['29/02/2025', '31/04/2025', '00/01/2025', '01/13/2025', '1/3/2025', '2025-03-01', '01/03/25', ' 01/03/2025', '']) {
      expect(parseDmyDate(bad), bad).toBeUndefined();
    }
  });
});

describe('importSsda903: small tables with known answers', () => {
  const result = importSsda903(tables(new URL('small/', FIXTURES)));

  it('maps each episode and review row to the events it must give, in date order', () => {
    expect(result.cases).toEqual([
      {
        id: 'A1',
        child: { dob: '2012-06-15' },
        events: [
          // episodes.csv:2, RNE S: became_looked_after on DECOM (its end, X1, is not a ceasing)
          { type: 'became_looked_after', date: '2025-04-14' },
          // reviews.csv:2
          { type: 'review_held', date: '2025-05-13' },
          // episodes.csv:3, RNE P: the episode that ended on this DECOM (line 2) gives the reason CARPL: planned
          { type: 'placement_changed', date: '2025-07-01', planned: true },
          // episodes.csv:4, RNE T: the episode that ended on this DECOM (line 3) gives ALLEG: unplanned
          { type: 'placement_changed', date: '2025-09-15', planned: false },
          // reviews.csv:3
          { type: 'review_held', date: '2025-11-10' },
          // episodes.csv:4 ends with REC E11: ceased_looked_after on DEC
          { type: 'ceased_looked_after', date: '2025-12-31' },
        ],
      },
      // episodes.csv:5 (S) and :6 (L, legal status only: no event); 29 February is a real date of birth
      { id: 'A2', child: { dob: '2016-02-29' }, events: [{ type: 'became_looked_after', date: '2025-03-03' }] },
      // episodes.csv:7: a first episode with RNE P (the care began before the extract): no start; no reason: unplanned
      { id: 'A3', child: { dob: '2010-01-01' }, events: [{ type: 'placement_changed', date: '2024-02-01', planned: false }] },
      // reviews.csv:4: a child only in reviews.csv, its date of birth from there
      { id: 'A4', child: { dob: '2014-08-07' }, events: [{ type: 'review_held', date: '2025-06-02' }] },
    ]);
  });

  it('counts reconcile: rows in, cases and events out, assumptions', () => {
    expect(result.reconciliation.ok).toBe(true);
    expect(result.counts).toEqual({
      header: { rows: 3, mapped: 3, rejected: 0 },
      episodes: { rows: 6, mapped: 6, rejected: 0, byRne: { L: 1, P: 2, S: 2, T: 1 }, ended: 1 },
      reviews: { rows: 3, mapped: 3, rejected: 0 },
      children: { distinct: 4, inHeader: 3, inEpisodes: 3, inReviews: 2, withoutDob: 0, notInHeader: 1 },
      cases: 4,
      events: { became_looked_after: 2, placement_changed: 3, ceased_looked_after: 1, review_held: 3, total: 9 },
      assumptions: { plannedUnknown: 1, firstEpisodeNotStart: 1, startAssumed: 0 },
    });
    expect(result.issues).toEqual([{ severity: 'warning', file: 'reviews.csv', line: 4, child: 'A4', message: 'the child is not in header.csv; the date of birth is taken from reviews.csv' }]);
  });

  it('with assumeStartAtFirstEpisode, a child whose first episode is not S starts on its DECOM (counted)', () => {
    const r = importSsda903(tables(new URL('small/', FIXTURES)), { assumeStartAtFirstEpisode: true });
    expect(r.cases.find((c) => c.id === 'A3')?.events[0]).toEqual({ type: 'became_looked_after', date: '2024-02-01' });
    expect(r.counts.assumptions).toEqual({ plannedUnknown: 1, firstEpisodeNotStart: 1, startAssumed: 1 });
    expect(r.counts.events.became_looked_after).toBe(3);
    expect(r.reconciliation.ok).toBe(true);
  });

  it('the planned reasons can be chosen', () => {
    const r = importSsda903(tables(new URL('small/', FIXTURES)), { plannedReasons: ['ALLEG'] });
    expect(r.cases[0]?.events.filter((e) => e.type === 'placement_changed').map((e) => e['planned'])).toEqual([false, true]);
  });

  it('every case fits the statutory vocabulary', () => {
    for (const c of result.cases) expect(statutory.policy?.validate(c).ok, c.id).toBe(true);
  });
});

describe('importSsda903: malformed rows are reported with file and line, never dropped', () => {
  const result = importSsda903(tables(new URL('malformed/', FIXTURES)));

  it('lists each problem by file and line', () => {
    expect(result.issues.map((i) => [i.file, i.line, i.severity, i.child ?? '', i.message])).toEqual([
      ['header.csv', 3, 'error', 'B1', 'the child is already in header.csv at line 2; this row is ignored'],
      ['header.csv', 4, 'warning', 'B2', 'DOB is not a date as DD/MM/YYYY; the date of birth is taken from reviews.csv if it has one'],
      ['episodes.csv', 2, 'error', 'B1', 'DECOM is not a real date as DD/MM/YYYY'],
      ['episodes.csv', 3, 'error', 'B1', 'RNE is not a known code (S, L, P, T, B or U)'],
      ['episodes.csv', 4, 'error', '', 'CHILD is empty'],
      ['episodes.csv', 5, 'error', 'B1', 'DEC is before DECOM'],
      ['episodes.csv', 6, 'error', '', 'the row has 5 fields, the header line 13'],
      ['episodes.csv', 7, 'error', 'B9', 'unknown child: no date of birth (the child is not in header.csv, and reviews.csv gives none); the episode is not mapped'],
      ['episodes.csv', 8, 'error', 'B1', 'DECOM is not a real date as DD/MM/YYYY'],
      ['episodes.csv', 9, 'error', 'B1', 'REC is not a known code (X1, or a reason for ceasing such as E11, E4A)'],
      ['episodes.csv', 11, 'warning', 'B2', 'REC is a reason for ceasing but DEC is empty: the end of the episode is not mapped'],
      ['reviews.csv', 2, 'error', 'B1', 'REVIEW is not a real date as DD/MM/YYYY'],
      ['reviews.csv', 3, 'warning', 'B1', 'DOB differs from the DOB in header.csv; the header is used'],
    ]);
  });

  it('maps what can be mapped, and the counts still reconcile', () => {
    expect(result.cases).toEqual([
      { id: 'B1', child: { dob: '2012-06-15' }, events: [{ type: 'became_looked_after', date: '2025-03-01' }, { type: 'review_held', date: '2025-03-20' }] },
      { id: 'B2', child: { dob: '2016-02-28' }, events: [{ type: 'became_looked_after', date: '2025-05-05' }, { type: 'review_held', date: '2025-05-20' }] },
    ]);
    expect(result.counts.header).toEqual({ rows: 3, mapped: 2, rejected: 1 });
    expect(result.counts.episodes).toMatchObject({ rows: 10, mapped: 2, rejected: 8 });
    expect(result.counts.reviews).toEqual({ rows: 3, mapped: 2, rejected: 1 });
    expect(result.counts.children).toMatchObject({ distinct: 3, withoutDob: 1, notInHeader: 1 });
    expect(result.counts.cases).toBe(2);
    expect(result.reconciliation.ok).toBe(true);
  });

  it('quotes no value from the tables in any message', () => {
    const values = ['31/02/2025', '1/3/2025', '2025-05-13', '30/02/2016', '01/01/2001', 'ZZ', 'Q'];
    for (const issue of result.issues) for (const v of values) expect(issue.message.includes(v), `${issue.message} quotes ${v}`).toBe(false);
  });

  it('a missing column rejects the whole file, once, at its header line', () => {
    const r = importSsda903({ episodes: { name: 'episodes.csv', text: 'CHILD,DECOM,DEC,REC\nC1,01/01/2025,,\nC1,01/02/2025,,\n' } });
    expect(r.issues).toEqual([{ severity: 'error', file: 'episodes.csv', line: 1, message: 'missing column RNE; none of the 2 rows of the file was mapped' }]);
    expect(r.counts.episodes).toMatchObject({ rows: 2, mapped: 0, rejected: 2 });
    expect(r.reconciliation.ok).toBe(true);
  });

  it('an empty file and a row that is not CSV are reported', () => {
    const r = importSsda903({ episodes: { name: 'episodes.csv', text: '' } });
    expect(r.issues[0]).toMatchObject({ severity: 'error', file: 'episodes.csv', line: 1 });
    const q = importSsda903({
      header: { name: 'header.csv', text: 'CHILD,DOB\nC1,01/01/2015\n' },
      episodes: { name: 'episodes.csv', text: 'CHILD,DECOM,RNE,DEC,REC\nC1,01/01/2025,S,,\nC1,"01/02/2025,P,,\n' },
    });
    expect(q.issues.some((i) => i.severity === 'error' && i.file === 'episodes.csv')).toBe(true);
    expect(q.counts.episodes.rows).toBe(q.counts.episodes.mapped + q.counts.episodes.rejected);
  });
});

describe('importSsda903: the fake tables in test/data/ssda903-fake', () => {
  it('load, and the counts reconcile: children, episodes and reviews in; cases and events out', () => {
    const result = importSsda903(tables(FAKE));
    expect(result.reconciliation.ok).toBe(true);
    const c = result.counts;
    expect(c.children).toMatchObject({ distinct: 2675, inHeader: 2675, inEpisodes: 2123, inReviews: 2675, withoutDob: 0 });
    expect(c.episodes).toMatchObject({ rows: 5050, mapped: 5050, rejected: 0, byRne: { B: 101, L: 1293, P: 2807, S: 381, T: 452, U: 16 } });
    expect(c.reviews).toEqual({ rows: 12582, mapped: 12582, rejected: 0 });
    expect(c.cases).toBe(2675);
    // 381 S episodes; 2807 P + 452 T + 101 B + 16 U = 3376 moves; 816 episodes end with a DEC and a REC other than X1.
    expect(c.events).toEqual({ became_looked_after: 381, placement_changed: 3376, ceased_looked_after: 816, review_held: 12582, total: 17155 });
    expect(result.cases.reduce((n, x) => n + x.events.length, 0)).toBe(17155);
    // The fake tables set REC without DEC on 353 open episodes: each is a warning with its line.
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.issues).toHaveLength(353);
    for (const x of result.cases) expect(statutory.policy?.validate(x).ok, x.id).toBe(true);
  }, 30_000);
});
