/**
 * Event exports (issue 13, item 6): an authority's case-system export, one event per row (CSV or
 * JSON Lines), mapped to case events by a small mapping file, alone or added to SSDA903 tables by
 * child id, so the local events SSDA903 lacks reach a simulation; rows that cannot be mapped are
 * counted and reported by file and line, never with a value from the row.
 *
 * Input: test/caseload/fixtures/small (SSDA903 tables), test/simulate/fixtures/export/ (an export
 * and its mapping), Bristol's policy, and exports written here. Output: assertions; the expected
 * figures are worked by hand in the comments.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importEventRows, mergeEventRows, readEventMapping } from '../../simulation/index.ts';
import type { EventMapping } from '../../simulation/index.ts';
import { pdlHere } from '../support/processes.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'pdl-export-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const pdl = (args: readonly string[]): ReturnType<typeof pdlHere> => pdlHere(args);

function mapping(value: unknown): EventMapping {
  const m = readEventMapping(value);
  if (!m.ok) throw new Error(m.problems.join('; '));
  return m.mapping;
}

const MAPPING = mapping({
  child: 'CHILD_ID',
  type: 'EVENT',
  date: 'EVENT_DATE',
  dateFormat: 'DD/MM/YYYY',
  dob: 'DOB',
  events: {
    CPA: 'care_plan_authorised',
    DISC: { event: 'discussion_held', attributes: { with: { from: 'WITH', values: { SM: 'service_manager', IRO: 'iro' } } } },
    SCH: { event: 'review_scheduled', attributes: { for: { from: 'MEETING', date: true } } },
  },
});

describe('readEventMapping', () => {
  it('lists every problem of a mapping by its place, and accepts a good one', () => {
    const bad = readEventMapping({ child: '', type: 'EVENT', date: 3, dateFormat: 'MM/DD/YY', colour: 'red', events: { A: 'not a name', B: { event: 'x', attributes: { date: { from: 'D' }, w: { from: 'W', values: { S: 'a' }, date: true } } } } });
    expect(bad).toEqual({
      ok: false,
      problems: [
        'unknown key "colour" (expected format, child, date, dateFormat, dob, type, events)',
        'child: expected the name of a column',
        'date: expected the name of a column',
        'dateFormat: expected YYYY-MM-DD or DD/MM/YYYY',
        'events.A: "not a name" is not an event type name',
        'events.B.attributes.date: not an attribute name (type and date are the event\'s own)',
        'events.B.attributes.w: at most one of values, date: true and number: true',
      ],
    });
    expect(readEventMapping(null).ok).toBe(false);
    expect([...MAPPING.events.keys()]).toEqual(['CPA', 'DISC', 'SCH']);
  });
});

describe('importEventRows', () => {
  const CANARY = 'Jane-Doe-12-Acacia-Avenue';
  const csv = [
    'CHILD_ID,EVENT,EVENT_DATE,DOB,WITH,MEETING',
    'C1,CPA,06/05/2025,01/02/2015,,', // line 2: mapped
    'C1,DISC,07/05/2025,01/02/2015,SM,', // line 3: mapped, with = service_manager
    `C1,${CANARY},08/05/2025,01/02/2015,,`, // line 4: a code the mapping does not list
    `C1,CPA,${CANARY},01/02/2015,,`, // line 5: not a date
    `C1,DISC,09/05/2025,01/02/2015,${CANARY},`, // line 6: a value of WITH not listed
    `,CPA,06/05/2025,01/02/2015,,`, // line 7: no child
    'C2,SCH,01/04/2025,03/03/2016,,30/04/2025', // line 8: mapped, for = 2025-04-30
    `C2,CPA,02/04/2025,${CANARY},,`, // line 9: not a date of birth
    'C2,CPA,03/04/2025,04/03/2016,,', // line 10: another date of birth than line 8's
  ].join('\n');
  const rows = importEventRows({ name: 'export.csv', text: csv }, MAPPING, 'csv');

  it('maps the rows it can and counts the rest', () => {
    expect(rows.counts).toEqual({ rows: 9, mapped: 3, rejected: 6, events: { care_plan_authorised: 1, discussion_held: 1, review_scheduled: 1 } });
    expect(rows.events.get('C1')).toEqual([
      { type: 'care_plan_authorised', date: '2025-05-06' },
      { type: 'discussion_held', date: '2025-05-07', with: 'service_manager' },
    ]);
    expect(rows.events.get('C2')).toEqual([{ type: 'review_scheduled', date: '2025-04-01', for: '2025-04-30' }]);
    expect(Object.fromEntries(rows.dobs)).toEqual({ C1: '2015-02-01', C2: '2016-03-03' });
  });

  it('reports each row not mapped by file and line, never with a value from the row', () => {
    expect(rows.issues.map((i) => [i.line, i.child, i.message])).toEqual([
      [4, 'C1', 'the code in column EVENT is not one the mapping lists (CPA, DISC, SCH); the row was not mapped'],
      [5, 'C1', 'column EVENT_DATE is not a date as DD/MM/YYYY; the row was not mapped'],
      [6, 'C1', 'the code in column WITH is not one of SM, IRO (attribute with of discussion_held); the row was not mapped'],
      [7, undefined, 'no child id in column CHILD_ID; the row was not mapped'],
      [9, 'C2', 'column DOB is not a date of birth as DD/MM/YYYY; the row was not mapped'],
      [10, 'C2', 'column DOB gives this child another date of birth than an earlier row; the row was not mapped'],
    ]);
    expect(JSON.stringify(rows.issues)).not.toContain('Jane');
    expect(rows.issues.every((i) => i.file === 'export.csv' && i.severity === 'error')).toBe(true);
  });

  it('reads JSON Lines with the same mapping (keys as written)', () => {
    const jsonl = ['{"CHILD_ID":"C1","EVENT":"CPA","EVENT_DATE":"06/05/2025","DOB":"01/02/2015"}', '', 'not json', '[1]', '{"CHILD_ID":"C1","EVENT":"DISC","EVENT_DATE":"07/05/2025","DOB":"01/02/2015","WITH":"IRO"}'].join('\n');
    const j = importEventRows({ name: 'export.jsonl', text: jsonl }, MAPPING, 'jsonl');
    expect(j.counts).toEqual({ rows: 4, mapped: 2, rejected: 2, events: { care_plan_authorised: 1, discussion_held: 1 } });
    expect(j.issues.map((i) => [i.line, i.message])).toEqual([
      [3, 'the line is not valid JSON; it was not mapped'],
      [4, 'the line is not a JSON object; it was not mapped'],
    ]);
    expect(j.events.get('C1')?.[1]).toEqual({ type: 'discussion_held', date: '2025-05-07', with: 'iro' });
  });

  it('merges into cases by id, in date order, and makes cases of children it gives a date of birth', () => {
    const existing = [{ id: 'C1', child: { dob: '2015-02-01' }, events: [{ type: 'became_looked_after', date: '2025-05-01' }, { type: 'review_held', date: '2025-05-07' }] }];
    const merged = mergeEventRows(existing, rows, 'export.csv');
    expect(merged.cases[0]?.events.map((e) => `${e.date} ${e.type}`)).toEqual(['2025-05-01 became_looked_after', '2025-05-06 care_plan_authorised', '2025-05-07 review_held', '2025-05-07 discussion_held']);
    expect(merged.cases[1]).toEqual({ id: 'C2', child: { dob: '2016-03-03' }, events: [{ type: 'review_scheduled', date: '2025-04-01', for: '2025-04-30' }] });
    expect([merged.added, merged.unmatched, merged.issues]).toEqual([1, 0, []]);
  });
});

describe('pdl simulate with an event export', () => {
  it('adds the local events to SSDA903 tables, so a local rule becomes measurable', async () => {
    const run = await pdl(['simulate', '--baseline', 'policies/bristol.pdl', '--reform', 'policies/bristol.pdl', '--caseload', 'test/caseload/fixtures/small', '--events', 'test/simulate/fixtures/export/local-events.csv', '--mapping', 'test/simulate/fixtures/export/mapping.yaml', '--as-of', '2025-12-31', '--json', '--workers', '1']);
    // Exit 1: two rows of the export are not mapped (the report is still printed).
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as {
      caseload: { events: { counts: unknown; childrenAdded: number; childrenLeftOut: number } };
      rules: { rule: string; reform: unknown }[];
      measurability: { reform: { rule: string }[] };
      input: unknown;
    };
    // local-events.csv: 7 rows; XYZ (line 6) and 31/02/2025 (line 8) not mapped; A9 (line 7) is mapped
    // but in no SSDA903 table and has no date of birth: left out.
    expect(report.caseload.events).toMatchObject({ counts: { rows: 7, mapped: 5, rejected: 2, events: { care_plan_authorised: 3, review_scheduled: 2 } }, childrenAdded: 0, childrenLeftOut: 1 });
    expect(report.input).toEqual({ cases: 4, evaluated: 4, failed: 0 });
    // A1's reviews booked for 13 May and 10 November 2025: the care plan is due at least 5 days
    // before each (8 May, 5 November); authorised 6 May (met) and 8 November (late).
    expect(report.rules.find((r) => r.rule === 'care_plan_authorised_before_review')?.reform).toMatchObject({ obligations: 2, met: 1, metLate: 1, overdue: 0, breaches: 1, missingEvents: [] });
    expect(report.measurability.reform.map((u) => u.rule)).not.toContain('care_plan_authorised_before_review');
  });

  it('reads an export alone, with a date of birth column', async () => {
    const file = join(TMP, 'alone.csv');
    writeFileSync(file, ['CHILD_ID,EVENT,EVENT_DATE,DOB', 'K1,LAC,06/01/2025,01/02/2015', 'K1,REV,31/01/2025,01/02/2015', 'K2,LAC,03/02/2025,01/02/2015'].join('\n'));
    const map = join(TMP, 'alone.yaml');
    writeFileSync(map, 'child: CHILD_ID\ntype: EVENT\ndate: EVENT_DATE\ndateFormat: DD/MM/YYYY\ndob: DOB\nevents:\n  LAC: became_looked_after\n  REV: review_held\n');
    const run = await pdl(['simulate', '--baseline', 'policies/england/statutory-reviews.pdl', '--reform', 'policies/england/statutory-reviews.pdl', '--caseload', file, '--mapping', map, '--as-of', '2025-05-01', '--json', '--workers', '1']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { input: unknown; rules: { rule: string; baseline: unknown }[] };
    expect(report.input).toEqual({ cases: 2, evaluated: 2, failed: 0 });
    // K1: first review due 3 Feb (20 working days from 6 Jan), held 31 Jan: met; second due 30 April: overdue on 1 May.
    // K2: first review due 3 March: overdue on 1 May.
    expect(report.rules.find((r) => r.rule === 'looked_after_review')?.baseline).toMatchObject({ met: 1, overdue: 2 });
  });

  it('says plainly what is wrong with the options or the mapping (exit 2)', async () => {
    const base = ['simulate', '--baseline', 'policies/bristol.pdl', '--reform', 'policies/bristol.pdl', '--caseload', 'test/caseload/fixtures/small'];
    const noMapping = await pdl([...base, '--events', 'test/simulate/fixtures/export/local-events.csv']);
    expect([noMapping.status, noMapping.stderr.trim()]).toEqual([2, 'error: --events needs --mapping FILE: the mapping of its columns to event types']);
    const badMap = join(TMP, 'bad.yaml');
    writeFileSync(badMap, 'child: CHILD_ID\nevents: {}\n');
    const bad = await pdl([...base, '--events', 'test/simulate/fixtures/export/local-events.csv', '--mapping', badMap]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('not a usable event mapping:\n  - date: expected the name of a column\n  - type: expected the name of a column\n  - events: expected at least one code');
    const noEvents = await pdl([...base, '--mapping', 'test/simulate/fixtures/export/mapping.yaml']);
    expect(noEvents.status).toBe(2);
    expect(noEvents.stderr).toContain('--mapping maps an event export: give it with --events FILE');
  });
});
