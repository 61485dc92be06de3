/**
 * The fuzz suite's regression cases: every reproducer the campaign found whose cause is fixed, kept
 * in test/fuzz/reproducers/*.json (`found`: what it found, `fixedBy`: the fix, `seed` and `index`:
 * where the campaign made it, `input`: the input itself, a policy text or a case), replayed through
 * the harness: no finding (no exception, no range outside its file, no canary in a message).
 *
 * A very large policy text is stored as `line` repeated `times` times, joined by newlines, then
 * `tail`, instead of `input`. A reproducer whose cause is not fixed yet is kept out of this folder
 * (it would fail here) and reported as an open finding instead.
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
  /** The input; absent for a very large policy text, stored as `line` repeated `times` times, joined by newlines, then `tail`. */
  readonly input?: FuzzInput;
  readonly line?: string;
  readonly times?: number;
  readonly tail?: string;
}

function inputOf(r: Reproducer): FuzzInput {
  if (r.input !== undefined) return r.input;
  if (r.line === undefined || r.times === undefined) throw new Error('a reproducer needs `input`, or `line` and `times`');
  return { kind: 'policy', text: `${Array.from({ length: r.times }, () => r.line).join('\n')}${r.tail ?? ''}` } as FuzzInput;
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
    expect(reproducer.fixedBy.length).toBeGreaterThan(0);
    expect(runInput(targets, inputOf(reproducer)).findings).toEqual([]);
  });
});
