/**
 * Bounded fuzzing of the front end: random and mutated policy text never makes the compiler throw;
 * it always returns diagnostics (and an error whenever there is no IR). Seeds are fixed so a
 * failure reproduces; fast-check prints the counterexample.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { CompilerHost } from '../../compiler/index.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const statutory = readFileSync(join(root, 'policies/england/statutory-reviews.pdl'), 'utf8');
const corpus = [statutory];
for (const feature of readdirSync(join(root, 'test/cases'))) {
  for (const kind of ['good', 'bad']) {
    try {
      for (const f of readdirSync(join(root, 'test/cases', feature, kind))) {
        if (f.endsWith('.pdl')) corpus.push(readFileSync(join(root, 'test/cases', feature, kind, f), 'utf8'));
      }
    } catch {
      // no such folder
    }
  }
}
const host: CompilerHost = {
  findPolicy: (id) => (id === 'england.statutory_reviews' ? { uri: 'statutory.pdl', text: statutory } : undefined),
};

const WORDS = ['policy', 'title', 'role', 'event', 'fact', 'deadline', 'cycle', 'override', 'owner', 'due', 'within', 'of', 'at', 'least',
  'before', 'after', 'working', 'days', 'months', 'weeks', 'met', 'by', 'cite', 'when', 'and', 'or', 'not', 'age', 'under', 'first',
  'second', 'then', 'the', 'previous', 'runs', 'from', 'until', 'restarts', 'on', 'monday', 'calendar', 'closed', 'open', 'extends',
  '{', '}', '(', ')', ',', ':', '.', '?', '=', '!=', '<', '>=', '"x"', '"', '20', '2.5', '2025-02-30', '2025-04-14', '12:00', '99:99',
  'approval', 'request', 'decision', 'approved', 'above', 'notice', 'requires', 'limit', 'most', 'per', 'constraint', 'each',
  'ladder', 'raised', 'stages', 'stage', 'may', 'be', 'bypassed', 'in', 'total', 'alert', 'copy', 'respond', 'refer', 'advance',
  'late', 'unsatisfactory', 'notify', 'body', 'criteria', 'any', 'all', 'none', 'today', 'count', '"{{case.id}}"', '"{{#if}}"',
  'review_held', 'iro', 'child', 'dob', '\n', '\n', '\n', '  ', '#', '\u2028', '\u0000', 'é', '`${x}`'];

function expectSafe(text: string): void {
  const result = compile(text, { uri: 'fuzz.pdl', host });
  expect(Array.isArray(result.diagnostics)).toBe(true);
  if (result.ir === undefined) expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  for (const d of result.diagnostics) {
    expect(typeof d.code).toBe('string');
    expect(d.range.start).toBeLessThanOrEqual(d.range.end);
    expect(d.range.end).toBeLessThanOrEqual(text.length + 1);
  }
}

// Generous timeouts: a loaded 2-core machine runs these several times slower than an idle one.
describe('front-end fuzzing', { timeout: 60_000 }, () => {
  it('random token soup never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 80 }), (words) => {
        expectSafe(`policy fuzz.x\n  title "t"\n${words.join(' ')}`);
      }),
      { numRuns: 400, seed: 20251122 },
    );
  });

  it('arbitrary strings never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (s) => expectSafe(s)),
      { numRuns: 300, seed: 7 },
    );
  });

  it('mutated real policies (deletions, insertions, swaps of characters and lines) never throw', () => {
    const mutation = fc.record({
      source: fc.integer({ min: 0, max: corpus.length - 1 }),
      edits: fc.array(
        fc.record({
          kind: fc.constantFrom('delete', 'insert', 'duplicate-line', 'delete-line', 'truncate'),
          at: fc.nat(),
          word: fc.constantFrom(...WORDS),
        }),
        { minLength: 1, maxLength: 6 },
      ),
    });
    fc.assert(
      fc.property(mutation, ({ source, edits }) => {
        let text = corpus[source]!;
        for (const e of edits) {
          const at = text.length === 0 ? 0 : e.at % text.length;
          const lines = text.split('\n');
          const line = lines.length === 0 ? 0 : e.at % lines.length;
          if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + 1 + (e.at % 7));
          else if (e.kind === 'insert') text = `${text.slice(0, at)} ${e.word} ${text.slice(at)}`;
          else if (e.kind === 'duplicate-line') text = [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
          else if (e.kind === 'delete-line') text = [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
          else text = text.slice(0, at);
        }
        expectSafe(text);
      }),
      // 200 here: test/fuzz/fuzz.test.ts runs another 150 mutated policies through every entry point
      // with more checks, and `npm run fuzz` runs campaigns of any size.
      { numRuns: 200, seed: 42 },
    );
  });
});
