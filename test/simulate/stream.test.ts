/**
 * Streaming a caseload through `pdl simulate` (cli/caseload-stream.ts) and the choice of worker
 * threads (cli/simulate-workers.ts).
 *
 * - The streamed reader gives exactly the records `jsonLinesRecords` gives for the whole text (same
 *   texts, same `file:line` origins), with chunks far smaller than a line, across a byte-order mark,
 *   CRLF line ends, blank lines, multi-byte characters split between chunks and a last line without
 *   a newline; its line count and latest event date match the in-memory ones. Cut into runs of whole
 *   lines (`lineRanges`, what worker threads read each on their own), the runs read one by one give
 *   the same records and origins.
 * - The report of a generated caseload streamed from its JSON Lines file (one thread, and two worker
 *   threads pulling chunks) equals the report `simulate` computes with every case in memory, and the
 *   report of the same cases read whole as a JSON array.
 * - The worker count: one thread below 200,000 cases, one more per 100,000 up to the cores, and
 *   `--workers` obeyed.
 *
 * Input: policies/, bench/fixtures/south-glos-reviews.pdl. Output: assertions (files in a temporary
 * folder). No timing is asserted.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonLinesFileSource, jsonLinesReader, latestDateInBytes, lineRanges, memorySource } from '../../cli/caseload-stream.ts';
import { latestEventDate } from '../../cli/caseload-files.ts';
import { createFileHost } from '../../cli/file-host.ts';
import { CASES_PER_WORKER, chooseWorkers } from '../../cli/simulate-workers.ts';
import { parsePlainDate, preparePolicy, type PlainDate, type PolicyIR } from '../../runtime/index.ts';
import { jsonLinesRecords, simulate, type CaseRecord } from '../../simulation/index.ts';
import { pdlHere } from '../support/processes.ts';
import { mulberry32 } from '../support/random.ts';
import { compiledIr } from '../support/compiled.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'pdl-stream-'));
const BASELINE = 'policies/england/statutory-reviews.pdl';
const REFORM = 'bench/fixtures/south-glos-reviews.pdl';

afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function pull(next: () => CaseRecord | undefined): CaseRecord[] {
  const out: CaseRecord[] = [];
  for (let r = next(); r !== undefined; r = next()) out.push(r);
  return out;
}

function irOf(file: string): PolicyIR {
  const host = createFileHost([join(ROOT, 'policies')], ROOT);
  return compiledIr(readFileSync(join(ROOT, file), 'utf8'), { uri: file, host });
}

describe('the streamed JSON Lines reader', () => {
  const text =
    '\ufeff{"id":"é1","events":[{"type":"x","date":"2024-01-02"}]}\r\n' +
    '\n   \t\n' +
    '{"id":"ü2 🙂 ü","events":[{"type":"x","date":"2025-03-04"}]}\n' +
    'not json at all: ünïcödé\n' +
    '{"id":"3","events":[{"date" : "2023-12-31"}]}';
  const file = join(TMP, 'tricky.jsonl');
  writeFileSync(file, text, 'utf8');
  const expected = jsonLinesRecords(text.slice(1), 'tricky.jsonl');

  for (const bytes of [1, 3, 7, 64, 1 << 20]) {
    it(`gives the records of the whole text with chunks of ${bytes} bytes`, () => {
      const source = jsonLinesFileSource(file, 'tricky.jsonl', bytes);
      expect(pull(source.open())).toEqual(expected);
      // A second pass reads from the start again.
      expect(pull(source.open())).toEqual(expected);
      expect(source.lineCount()).toBe(6);
      expect(source.latestEventDate()).toBe(latestEventDate(expected));
      expect(source.latestEventDate()).toBe('2025-03-04');
    });
  }

  for (const [target, chunk] of [[1, 1], [5, 3], [20, 7], [70, 64], [1 << 20, 1 << 20]] as const) {
    it(`cut into runs of lines of ${target} bytes (read ${chunk} at a time), each read on its own, gives the same records`, () => {
      const ranges = lineRanges(file, target, chunk);
      expect(ranges[0]?.start).toBe(0);
      expect(ranges[ranges.length - 1]?.end).toBe(Buffer.byteLength(text, 'utf8'));
      ranges.forEach((r, i) => {
        if (i > 0) expect(r.start).toBe(ranges[i - 1]?.end);
      });
      if (target === 1) expect(ranges.map((r) => r.lines)).toEqual([0, 1, 2, 3, 4, 5]); // a run per line
      const records = ranges.flatMap((r) => pull(jsonLinesReader(file, 'tricky.jsonl', chunk, r)));
      expect(records).toEqual(expected);
    });
  }

  it('finds the latest date in bytes exactly as the regular expression finds it in the decoded text', () => {
    // Pieces that make near misses, overlaps and every kind of space `\s` matches (ASCII and not).
    const pieces = ['"date"', '"date":', '"date": ', '"date":"2027-03-04"', '"2026-02-03"', '"date', 'date"', ':', ' ', '\t', '\n', '\r', '\u000b', '\f', '\u00a0', '\u2028', '\ufeff', '\u3000', '\u001c', '"', '2024-01-02', '2031-12-31', '1999-1-01', '20x4-01-02', '"2025-06-07"', 'é', '🙂', '{', '}', ','];
    const random = mulberry32(20261205);
    let checked = 0;
    let found = 0;
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 24);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)] as string;
      const expected = latestEventDate([{ kind: 'text', origin: 'x', text }]);
      expect(latestDateInBytes(Buffer.from(text, 'utf8'))).toBe(expected);
      checked++;
      if (expected !== undefined) found++;
    }
    expect(checked).toBe(3000);
    expect(found).toBeGreaterThan(100);
    expect(latestDateInBytes(Buffer.from('{"date" :\t"2024-01-02"} {"date"\u00a0: "2030-01-01"}', 'utf8'))).toBe('2030-01-01');
    expect(latestDateInBytes(Buffer.from('{"date":"2024-01-02","date": "2023-05-06"}', 'utf8'))).toBe('2024-01-02');
    expect(latestDateInBytes(Buffer.alloc(0))).toBeUndefined();
  });

  it('a list in memory is a source too', () => {
    const source = memorySource(expected);
    expect(pull(source.open())).toEqual(expected);
    expect(source.lineCount()).toBe(expected.length);
    expect(source.latestEventDate()).toBe('2025-03-04');
  });
});

describe('pdl simulate on a streamed caseload', () => {
  it('reports exactly what simulate computes with the caseload in memory, with 1 and 2 threads', async () => {
    const jsonl = join(TMP, 'gen.jsonl');
    const gen = await pdlHere(['generate', '--children', '1200', '--from', '2020-01-01', '--to', '2024-12-31', '--seed', 'stream', '--out', jsonl]);
    expect(gen.status).toBe(0);
    const text = readFileSync(jsonl, 'utf8');
    // The same cases as one JSON array: read whole by caseload-files.ts, not streamed.
    const array = join(TMP, 'gen.json');
    writeFileSync(array, `[${text.trim().split('\n').join(',')}]`);

    const args = ['simulate', '--baseline', BASELINE, '--reform', REFORM, '--as-of', '2024-12-31', '--json'];
    const one = await pdlHere([...args, '--caseload', jsonl, '--workers', '1']);
    const two = await pdlHere([...args, '--caseload', jsonl, '--workers', '2']);
    const whole = await pdlHere([...args, '--caseload', array, '--workers', '1']);
    expect([one.status, two.status, whole.status]).toEqual([0, 0, 0]);
    expect(two.stdout).toBe(one.stdout);
    const streamed = JSON.parse(one.stdout) as Record<string, unknown>;
    const read = JSON.parse(whole.stdout) as Record<string, unknown>;
    const lines = (streamed['caseload'] as { lines: string[] }).lines;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/gen\.jsonl: JSON Lines, 1200 cases$/);
    delete streamed['caseload'];
    delete read['caseload'];
    // Failures name their origin (file and line, or file and index), so compare the rest.
    expect(streamed).toEqual(read);

    const inMemory = simulate(preparePolicy(irOf(BASELINE), { explanations: false }), preparePolicy(irOf(REFORM), { explanations: false }), jsonLinesRecords(text, 'gen.jsonl'), '2024-12-31');
    // The command names its reading first (the static one here); the library's report has no reading.
    expect((streamed['reading'] as { name: string }).name).toBe('static');
    delete streamed['reading'];
    expect(Object.keys(streamed).sort()).toEqual(Object.keys(JSON.parse(JSON.stringify(inMemory)) as object).sort());
    expect(JSON.parse(JSON.stringify(inMemory))).toEqual(streamed);
    expect((streamed['input'] as { evaluated: number }).evaluated).toBe(1200);
  }, 120_000);

  it('worker threads reading runs of lines themselves list failures and children in input order', async () => {
    // Invalid lines among valid cases, in runs of a few lines each, on two threads.
    const jsonl = join(TMP, 'mixed.jsonl');
    const gen = await pdlHere(['generate', '--children', '60', '--from', '2023-01-01', '--to', '2024-12-31', '--seed', 'mixed', '--out', jsonl]);
    expect(gen.status).toBe(0);
    const lines = readFileSync(jsonl, 'utf8').trim().split('\n');
    const mixed = lines.flatMap((l, i) => (i % 7 === 3 ? [l, 'not json', '', `{"id":"bad-${i}","events":[]}`] : [l]));
    writeFileSync(jsonl, `${mixed.join('\n')}\n`);
    const baseline = irOf(BASELINE);
    const reform = irOf(REFORM);
    const { runPool } = await import('../../cli/simulate-pool.ts');
    const { finishReport } = await import('../../simulation/index.ts');
    const asOf = parsePlainDate('2024-12-31') as PlainDate;
    const pooled = finishReport(await runPool({ baseline, reform, asOf, reviewRule: 'looked_after_review', file: { full: jsonl, name: 'mixed.jsonl' }, workers: 2, rangeBytes: 2000 }), baseline, reform, asOf, 'looked_after_review');
    const inMemory = simulate(preparePolicy(baseline, { explanations: false }), preparePolicy(reform, { explanations: false }), jsonLinesRecords(readFileSync(jsonl, 'utf8'), 'mixed.jsonl'), asOf);
    expect(pooled.failures.length).toBeGreaterThan(10);
    expect(pooled.children.newlyOverdue.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(pooled))).toEqual(JSON.parse(JSON.stringify(inMemory)));
    // This thread taking runs too, beside one worker and beside none: the same report.
    for (const workers of [1, 0]) {
      const shared = finishReport(await runPool({ baseline, reform, asOf, reviewRule: 'looked_after_review', file: { full: jsonl, name: 'mixed.jsonl' }, workers, here: true, rangeBytes: 2000 }), baseline, reform, asOf, 'looked_after_review');
      expect(JSON.parse(JSON.stringify(shared))).toEqual(JSON.parse(JSON.stringify(inMemory)));
    }
  }, 120_000);

  it('takes the as-of date from the streamed file when none is given', async () => {
    const jsonl = join(TMP, 'gen.jsonl');
    const r = await pdlHere(['simulate', '--baseline', BASELINE, '--reform', REFORM, '--caseload', jsonl, '--json', '--workers', '1']);
    expect(r.status).toBe(0);
    const records = jsonLinesRecords(readFileSync(jsonl, 'utf8'), 'gen.jsonl');
    expect((JSON.parse(r.stdout) as { asOf: string }).asOf).toBe(latestEventDate(records));
  }, 120_000);
});

describe('the number of worker threads', () => {
  it('is one below twice CASES_PER_WORKER cases, then one per CASES_PER_WORKER up to the cores', () => {
    expect(chooseWorkers(0, 8)).toBe(1);
    expect(chooseWorkers(10_000, 2)).toBe(1);
    expect(chooseWorkers(2 * CASES_PER_WORKER - 1, 8)).toBe(1);
    expect(chooseWorkers(2 * CASES_PER_WORKER, 8)).toBe(2);
    expect(chooseWorkers(2 * CASES_PER_WORKER, 1)).toBe(1);
    expect(chooseWorkers(1_000_000, 2)).toBe(2);
    expect(chooseWorkers(1_000_000, 64)).toBe(1_000_000 / CASES_PER_WORKER);
  });

  it('obeys --workers, at most one per case', () => {
    expect(chooseWorkers(10_000, 2, 3)).toBe(3);
    expect(chooseWorkers(2, 8, 4)).toBe(2);
    expect(chooseWorkers(0, 8, 4)).toBe(1);
  });
});
