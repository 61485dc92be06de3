/**
 * The fuzz suite's regression cases: every reproducer the campaign found whose cause is fixed, kept
 * in test/fuzz/reproducers/*.json (`found`: what it found, `fixedBy`: the fix, `seed` and `index`:
 * where the campaign made it, `input`: the input itself, a policy text or a case), replayed through
 * the harness: no finding (no exception, no range outside its file, no canary in a message).
 *
 * test/fuzz/pending/ holds reproducers whose cause is outside this suite's files (the lexer, parser
 * and case-validation limits); they are not replayed here until they are fixed, then move to
 * reproducers/ (a very large policy text is stored there as `line` repeated `times` times, joined
 * by newlines, then `tail`, instead of `input`).
 *
 * Input: test/fuzz/reproducers/. Output: assertions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTargets, ROOT, runInput, type FuzzInput, type FuzzTargets } from './harness.ts';

interface Reproducer {
  readonly found: string;
  readonly fixedBy: string;
  readonly seed: string;
  readonly index: number;
  readonly input: FuzzInput;
}

const DIR = join(ROOT, 'test/fuzz/reproducers');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

let targets: FuzzTargets;
beforeAll(() => {
  targets = loadTargets();
});

describe('fuzz regressions', () => {
  it('there are some', () => {
    expect(FILES.length).toBeGreaterThan(0);
  });

  it.each(FILES)('%s: no finding', (file) => {
    const reproducer = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Reproducer;
    expect(reproducer.found.length).toBeGreaterThan(0);
    expect(runInput(targets, reproducer.input).findings).toEqual([]);
  });
});
