/**
 * What `pdl generate` writes, over seeded caseloads of every policy of the repository (each with its
 * default practice model, and the statutory baseline without one), several seeds each:
 * - every generated case validates against its policy (the generator's cases fit by construction,
 *   so `pdl generate` validates only the first of each batch: cli/generate-pool.ts);
 * - `JsonLinesWriter` (simulation/caseload/json-bytes.ts) writes exactly the bytes of
 *   `JSON.stringify` of each case, line after line, and so does the generator's own `write` (which
 *   makes no objects without a practice model); and of odd values too (escapes, non-ASCII text,
 *   lone surrogates, `toJSON`, left-out properties, numbers JSON has no word for, key order);
 * - the fast reader of `pdl simulate` (cli/caseload-fast.ts) reads every generated line, giving the
 *   very case `JSON.parse` + the policy's validator give.
 *
 * Input: policies/ (and their `.practice.yaml`). Output: assertions.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createLineNormalizer } from '../../cli/caseload-fast.ts';
import { JsonLinesWriter } from '../../simulation/caseload/json-bytes.ts';
import { checkPracticeModel, createCaseGenerator, readPracticeModel } from '../../simulation/index.ts';
import type { CaseInput, PracticeModel } from '../../simulation/index.ts';
import { day, loadPolicy, ROOT } from './support.ts';

const POLICIES: readonly { readonly path: string; readonly practice: boolean }[] = [
  { path: 'policies/england/statutory-reviews.pdl', practice: false },
  { path: 'policies/bristol.pdl', practice: true },
  { path: 'policies/brighton-hove.pdl', practice: true },
  { path: 'policies/cin-iro-involvement.pdl', practice: true },
  { path: 'policies/peterborough.pdl', practice: true },
  { path: 'policies/south-glos.pdl', practice: true },
];
const SEEDS = ['a', 'b'];
const CHILDREN = 100;

function practiceOf(path: string): PracticeModel {
  const read = readPracticeModel(parseYaml(readFileSync(`${ROOT}${path.replace(/\.pdl$/, '.practice.yaml')}`, 'utf8')));
  if (!read.ok) throw new Error(read.problems.join('; '));
  return read.model;
}

describe('generated caseloads', () => {
  for (const { path, practice } of POLICIES) {
    it(`${path}${practice ? ' with its practice model' : ''}: every case validates, its bytes are JSON.stringify's, the fast reader reads it as the validator does`, () => {
      const policy = loadPolicy(path);
      const model = practice ? practiceOf(path) : undefined;
      if (model !== undefined) expect(checkPracticeModel(model, policy)).toEqual([]);
      const fast = createLineNormalizer(policy.ir);
      let events = 0;
      for (const seed of SEEDS) {
        const generator = createCaseGenerator({ children: CHILDREN, from: day('2021-01-01'), to: day('2024-12-31'), seed, ir: policy.ir, ...(model !== undefined ? { practice: { model, policy } } : {}) });
        const writer = new JsonLinesWriter(64);
        const written = new JsonLinesWriter(64);
        const lines: string[] = [];
        for (let k = 0; k < CHILDREN; k++) {
          const c: CaseInput = generator.generate(k);
          const v = policy.validate(c);
          expect(v.ok, `${c.id} (seed ${seed}) validates`).toBe(true);
          const text = JSON.stringify(c);
          lines.push(text);
          writer.line(c);
          expect(generator.write(k, written)).toBe(c.events.length);
          const bytes = Buffer.from(text, 'utf8');
          const read = fast(bytes, 0, bytes.length);
          expect(read, `${c.id} (seed ${seed}) read fast`).toBeDefined();
          const parsed = policy.validate(JSON.parse(text));
          expect(parsed.ok && read).toEqual(parsed.ok ? parsed.case : undefined);
          events += c.events.length;
        }
        const expected = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
        expect(Buffer.from(writer.take()).equals(expected)).toBe(true);
        expect(Buffer.from(written.take()).equals(expected)).toBe(true);
      }
      expect(events).toBeGreaterThan(SEEDS.length * CHILDREN);
    }, 120_000);
  }
});

describe('JsonLinesWriter', () => {
  class Point {
    constructor(
      readonly x: number,
      readonly y: number,
    ) {}
  }
  const withNullPrototype = Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: '2' });
  const odd: unknown[] = [
    { id: 'plain', n: 1 },
    { s: 'quote " backslash \\ slash / tab \t newline \n nul \u0000 del \u007f' },
    { s: 'é ü 🙂 \u2028 \u2029 \ufeff', 'kéy 🙂': true },
    { lone: '\ud800 and \udc00 and \udbff\udfff' },
    { numbers: [0, -0, 1.5, -2e-7, 1e21, 123456789012345680000, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity] },
    { left: undefined, f: () => 1, s: Symbol('x'), kept: null },
    [undefined, () => 1, Symbol('y'), null, [], {}],
    { '2': 'b', '1': 'a', z: 0, '-1': 'c', '01': 'd' },
    { date: new Date(Date.UTC(2024, 1, 29)) },
    { own: { toJSON: (key: string) => `key ${key}` }, list: [{ toJSON: (key: string) => `at ${key}` }] },
    { gone: { toJSON: () => undefined }, after: 1 },
    { boxed: [Object(1), Object('text é'), Object(false)] },
    new Point(1, 2),
    withNullPrototype,
    'a bare string',
    42,
    true,
    null,
    { deep: [[[{ a: [1, { b: [] }] }]]] },
    {},
    [],
  ];

  it('writes the bytes of JSON.stringify for odd values, line after line', () => {
    const writer = new JsonLinesWriter(4);
    for (const value of odd) writer.line(value);
    const expected = `${odd.map((v) => JSON.stringify(v)).join('\n')}\n`;
    expect(writer.length).toBe(Buffer.byteLength(expected, 'utf8'));
    const bytes = writer.take();
    expect(Buffer.from(bytes).toString('utf8')).toBe(expected);
    expect(Buffer.from(bytes).equals(Buffer.from(expected, 'utf8'))).toBe(true);
    // A fresh start after take, in a buffer of its own.
    expect(writer.length).toBe(0);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
    writer.line({ again: 1 });
    expect(Buffer.from(writer.take()).toString('utf8')).toBe('{"again":1}\n');
  });

  it('throws where JSON.stringify throws', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle['self'] = cycle;
    expect(() => JSON.stringify(cycle)).toThrow();
    expect(() => new JsonLinesWriter().line(cycle)).toThrow();
    expect(() => new JsonLinesWriter().line({ big: BigInt(1) })).toThrow(TypeError);
  });
});
