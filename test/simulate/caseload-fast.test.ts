/**
 * The fast path of `pdl simulate` over JSON Lines files (cli/caseload-fast.ts) and the byte-level
 * line walker under it (`eachJsonLine`, cli/caseload-stream.ts):
 * - the walker gives the very lines, numbers and texts the record reader gives (byte-order marks,
 *   CRLF, blank lines, multi-byte text, chunks smaller than a line, runs of lines);
 * - on generated lines damaged at random (bytes replaced, inserted, removed; slices repeated) and on
 *   crafted variants (whitespace, key order, duplicate keys, escapes, non-ASCII text, impossible
 *   dates, number spellings, unsorted events, missing or unknown keys), whenever the fast reader
 *   gives a case, `JSON.parse` accepts the text and the policy's validator gives an equal case (key
 *   order included); it refuses whatever either rejects;
 * - a file of valid and invalid lines gives the same partial report (failures with their origins
 *   and problems included) with the fast path and without it, and the same as `simulate` in memory;
 * - policies of different vocabularies get no fast reader.
 *
 * Input: policies/, bench/fixtures/south-glos-reviews.pdl. Output: assertions (files in a temporary
 * folder).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addJsonLines, createLineNormalizer, lineNormalizer } from '../../cli/caseload-fast.ts';
import { eachJsonLine, jsonLinesReader, lineRanges, lineText } from '../../cli/caseload-stream.ts';
import { MAX_EVENTS } from '../../runtime/index.ts';
import type { CompiledPolicy } from '../../runtime/index.ts';
import { createAccumulator, createCaseGenerator, finishReport, jsonLinesRecords, simulate } from '../../simulation/index.ts';
import type { CaseRecord } from '../../simulation/index.ts';
import { mulberry32 } from '../support/random.ts';
import { day, loadPolicy } from './support.ts';

const TMP = mkdtempSync(join(tmpdir(), 'pdl-fast-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const statutory = loadPolicy('policies/england/statutory-reviews.pdl');
const reform = loadPolicy('bench/fixtures/south-glos-reviews.pdl');
const brighton = loadPolicy('policies/brighton-hove.pdl');

function linesOf(policy: CompiledPolicy, children: number, seed: string): string[] {
  const g = createCaseGenerator({ children, from: day('2022-01-01'), to: day('2024-12-31'), seed, ir: policy.ir });
  return Array.from({ length: children }, (_, k) => JSON.stringify(g.generate(k)));
}

/** The fast reader's answer for a text, and what JSON.parse + validate say of it. */
function both(policy: CompiledPolicy, text: string): { fast: string | undefined; full: string | undefined } {
  const fast = createLineNormalizer(policy.ir);
  // The line inside a bigger buffer, with bytes that could be misread around it.
  const bytes = Buffer.from(`}],\n${text}\n1}]"`, 'utf8');
  const start = 4;
  const read = fast(bytes, start, start + Buffer.byteLength(text, 'utf8'));
  let full: string | undefined;
  try {
    const v = policy.validate(JSON.parse(text));
    full = v.ok ? JSON.stringify(v.case) : undefined;
  } catch {
    full = undefined;
  }
  return { fast: read === undefined ? undefined : JSON.stringify(read), full };
}

describe('eachJsonLine', () => {
  const text =
    '\ufeff\ufeff{"id":"é1","events":[{"type":"x","date":"2024-01-02"}]}\r\n' +
    '\n   \t\n\r\n' +
    '{"id":"ü2 🙂 ü","events":[{"type":"x","date":"2025-03-04"}]}\n' +
    'not json at all: ünïcödé\n' +
    '{"id":"3","events":[{"date" : "2023-12-31"}]}\r';
  const file = join(TMP, 'tricky.jsonl');
  writeFileSync(file, text, 'utf8');
  const walk = (chunk: number, range?: Parameters<typeof eachJsonLine>[3]): CaseRecord[] => {
    const out: CaseRecord[] = [];
    eachJsonLine(file, (bytes, start, stop, line) => out.push({ kind: 'text', origin: `tricky.jsonl:${line}`, text: lineText(bytes, start, stop) }), chunk, range);
    return out;
  };
  const pull = (next: () => CaseRecord | undefined): CaseRecord[] => {
    const out: CaseRecord[] = [];
    for (let r = next(); r !== undefined; r = next()) out.push(r);
    return out;
  };

  for (const chunk of [1, 2, 5, 64, 1 << 20]) {
    it(`gives the record reader's lines with chunks of ${chunk} bytes`, () => {
      const expected = pull(jsonLinesReader(file, 'tricky.jsonl', chunk));
      expect(expected).toHaveLength(4);
      expect(walk(chunk)).toEqual(expected);
      expect(walk(chunk)).toEqual(expected); // the spare buffer reused
      for (const target of [1, 30, 1000]) {
        const ranges = lineRanges(file, target, chunk);
        expect(ranges.flatMap((r) => walk(chunk, r))).toEqual(ranges.flatMap((r) => pull(jsonLinesReader(file, 'tricky.jsonl', chunk, r))));
      }
    });
  }
});

describe('the fast reader', () => {
  it('reads a case only when JSON.parse and the validator accept it, and as they do: lines damaged at random', () => {
    const random = mulberry32(20261205);
    const pieces = ['{', '}', '[', ']', ',', ':', '"', '\\', ' ', '0', '1', '9', '-', '.', 'e', 'E', '+', 't', 'f', 'n', 'u', 'l', 'é', '\t', 'true', 'false', 'null', '"date"', '"type"', '"id"', '"for"', '"stage"', '2024-02-30', '"2024-02-29"'];
    let accepted = 0;
    let refusedValid = 0;
    let checked = 0;
    for (const [policy, seed] of [[statutory, 'damage-a'], [brighton, 'damage-b']] as const) {
      for (const line of linesOf(policy, 300, seed)) {
        for (let n = 0; n < 6; n++) {
          let t = line;
          const edits = 1 + Math.floor(random() * 2);
          for (let e = 0; e < edits; e++) {
            const at = Math.floor(random() * t.length);
            const piece = pieces[Math.floor(random() * pieces.length)] as string;
            const what = Math.floor(random() * 5);
            if (what === 4) {
              // A digit changed (dates moved, some made impossible): damage the validator often accepts.
              const digits = [...t.matchAll(/\d/g)];
              const d = digits[Math.floor(random() * digits.length)];
              if (d?.index !== undefined) t = t.slice(0, d.index) + String(Math.floor(random() * 10)) + t.slice(d.index + 1);
            } else if (what === 0) t = t.slice(0, at) + piece + t.slice(at + 1);
            else if (what === 1) t = t.slice(0, at) + piece + t.slice(at);
            else if (what === 2) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(random() * 3));
            else t = t.slice(0, at) + t.slice(at, at + 12) + t.slice(at);
          }
          const { fast, full } = both(policy, t);
          checked++;
          if (fast !== undefined) {
            expect(fast).toBe(full);
            accepted++;
          } else if (full !== undefined) refusedValid++;
        }
      }
    }
    expect(checked).toBe(3600);
    // Both kinds are exercised: damage the validator accepts (a date moved) and damage it does not.
    expect(accepted).toBeGreaterThan(100);
    expect(checked - accepted).toBeGreaterThan(1000);
    expect(refusedValid).toBeGreaterThan(0);
  });

  it('reads crafted variants as the validator does, or refuses them', () => {
    const ok = '{"id":"c1","child":{"dob":"2015-03-04"},"events":[{"type":"became_looked_after","date":"2024-01-02"},{"type":"review_scheduled","date":"2024-01-03","for":"2024-01-20"}]}';
    const variants: [string, 'read' | 'refused'][] = [
      [ok, 'read'],
      // Keys in another order than JSON.stringify writes a case: valid, but left to the full path.
      ['{"events":[{"type":"became_looked_after","date":"2024-01-02"}],"child":{"dob":"2015-03-04"},"id":"c1"}', 'refused'],
      ['{"id":"c1","child":{"dob":"2015-03-04"},"facts":{},"events":[]}', 'read'],
      // Unsorted events: sorted by date, then input order.
      ['{"id":"c1","child":{"dob":"2015-03-04"},"events":[{"type":"review_held","date":"2024-03-01"},{"type":"became_looked_after","date":"2024-01-02"},{"type":"review_held","date":"2024-01-02"}]}', 'read'],
      ['{"id":"c1","child":{"dob":"2015-03-04"},"events":[{"type":"review_scheduled","for":"2024-01-20","date":"2024-01-03"}]}', 'refused'],
      ['{"id":"c1","events":[],"child":{"dob":"2015-03-04"}}', 'refused'],
      [ok.replace('{"id"', '{ "id"'), 'refused'],
      [ok.replace('"c1"', '"c\\u0031"'), 'refused'],
      [ok.replace('"c1"', '"é1"'), 'refused'],
      [ok.replace('"c1"', '""'), 'refused'],
      [ok.replace('"c1"', '1'), 'refused'],
      [ok.replace('"id":"c1",', '"id":"c1","id":"c2",'), 'refused'],
      [ok.replace('"id":"c1",', ''), 'refused'],
      [ok.replace('"2015-03-04"', '"2015-02-29"'), 'refused'],
      [ok.replace('"2015-03-04"', '"2016-02-29"'), 'read'],
      [ok.replace('"2015-03-04"', '"2015-3-04"'), 'refused'],
      [ok.replace('"for":"2024-01-20"', '"for":"2024-01-20","for":"2024-01-21"'), 'refused'],
      [ok.replace(',"for":"2024-01-20"', ''), 'refused'],
      [ok.replace('"for"', '"four"'), 'refused'],
      [ok.replace('{"type":"became_looked_after","date":"2024-01-02"}', '{"date":"2024-01-02","type":"became_looked_after"}'), 'refused'],
      [ok.replace('"became_looked_after"', '"became_looked_afterx"'), 'refused'],
      [ok.replace('{"dob":"2015-03-04"}', '{"dob":"2015-03-04","name":"x"}'), 'refused'],
      [ok.replace('"events"', '"extra":1,"events"'), 'refused'],
      [`${ok} `, 'refused'],
      [`${ok}x`, 'refused'],
      [ok.slice(0, -1), 'refused'],
      [ok.replace('"child"', '"child":null,"child"'), 'refused'],
      ['{}', 'refused'],
      ['[]', 'refused'],
      ['', 'refused'],
    ];
    for (const [text, expected] of variants) {
      const { fast, full } = both(statutory, text);
      if (expected === 'read') {
        expect(fast, text).toBeDefined();
        expect(fast, text).toBe(full);
      } else {
        expect(fast, text).toBeUndefined();
      }
    }
    // At most MAX_EVENTS events, as the validator's fast path.
    const many = (n: number): string => `{"id":"c1","child":{"dob":"2015-03-04"},"events":[${Array.from({ length: n }, () => '{"type":"review_held","date":"2024-01-02"}').join(',')}]}`;
    expect(both(statutory, many(MAX_EVENTS)).fast).toBe(both(statutory, many(MAX_EVENTS)).full);
    expect(both(statutory, many(MAX_EVENTS)).fast).toBeDefined();
    expect(both(statutory, many(MAX_EVENTS + 1)).fast).toBeUndefined();
  });

  it('reads numbers as JSON.parse does, and refuses what JSON has no number for', () => {
    const line = linesOf(brighton, 400, 'numbers').find((l) => l.includes('"stage":1'));
    expect(line).toBeDefined();
    const read: string[] = [];
    for (const spelling of ['1', '1.0', '1e0', '10E-1', '0.1e1', '-0', '0', '2', '1.5', '-3e2']) {
      const { fast, full } = both(brighton, (line as string).replace('"stage":1', `"stage":${spelling}`));
      expect(fast, spelling).toBe(full);
      if (fast !== undefined) read.push(spelling);
    }
    expect(read.length).toBeGreaterThan(3);
    for (const spelling of ['01', '1.', '.5', '+1', '1e', '1e999', '-', '0x1', 'NaN', '"1"', 'true']) {
      expect(both(brighton, (line as string).replace('"stage":1', `"stage":${spelling}`)).fast, spelling).toBeUndefined();
    }
  });

  it('exists only for policies of one vocabulary', () => {
    expect(lineNormalizer(statutory.ir, reform.ir)).toBeDefined();
    expect(lineNormalizer(statutory.ir, brighton.ir)).toBeUndefined();
  });
});

describe('addJsonLines', () => {
  it('gives the same report with the fast path and without it, and the same as simulate in memory', () => {
    const good = linesOf(statutory, 400, 'mixed');
    const bad = ['not json', '{"id":"bad-1","events":[]}', '{"id":"bad-2","child":{"dob":"2015-02-30"},"events":[]}', ' {"id":"ok-but-spaced","child":{"dob":"2015-03-04"},"events":[]}', '{"id":"é","child":{"dob":"2015-03-04"},"events":[{"type":"nope","date":"2024-01-01"}]}'];
    const lines = good.flatMap((l, i) => (i % 37 === 5 ? [l, bad[i % bad.length] as string, ''] : [l]));
    const file = join(TMP, 'mixed.jsonl');
    const text = `${lines.join('\r\n')}\n`;
    writeFileSync(file, text, 'utf8');
    const asOf = day('2024-12-31');
    const run = (fast: boolean): unknown => {
      const acc = createAccumulator(statutory, reform, asOf);
      const normalize = fast ? lineNormalizer(statutory.ir, reform.ir) : undefined;
      if (fast) expect(normalize).toBeDefined();
      let counted = 0;
      const n = addJsonLines(acc, normalize, { full: file, name: 'mixed.jsonl' }, undefined, (k) => (counted = k));
      expect(n).toBe(lines.filter((l) => l !== '').length);
      expect(counted).toBe(n);
      return JSON.parse(JSON.stringify(finishReport(acc.partial, statutory.ir, reform.ir, asOf)));
    };
    const withFast = run(true) as { failures: { origin: string }[] };
    expect(withFast.failures.length).toBeGreaterThan(5);
    expect(withFast.failures.map((f) => f.origin)).toContain('mixed.jsonl:7');
    expect(withFast).toEqual(run(false));
    const inMemory = simulate(statutory, reform, jsonLinesRecords(text, 'mixed.jsonl'), asOf);
    expect(withFast).toEqual(JSON.parse(JSON.stringify(inMemory)));
  });
});
