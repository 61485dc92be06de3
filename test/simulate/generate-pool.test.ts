/**
 * The parts of `pdl generate` on several threads that run in this process (cli/generate-pool.ts):
 * a batch's bytes are the JSON Lines of its cases (`JSON.stringify` of each), and a batch whose first
 * case does not fit the policy throws `GeneratedCaseError` naming the id and paths, not the values;
 * batches are written in order, each once, and a batch that throws rejects with that error after
 * writing nothing more; the thread count rule.
 * (That worker threads give the same file as one thread is checked on the bundle by
 * test/simulate/cli.test.ts.)
 *
 * Input: policies/england/statutory-reviews.pdl. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { CHILDREN_PER_THREAD, createBatcher, generateBatches, generateThreads, GeneratedCaseError, type Batcher, type GenerateWorkerData } from '../../cli/generate-pool.ts';
import type { PlainDate, PolicyIR } from '../../runtime/index.ts';
import { createCaseGenerator } from '../../simulation/index.ts';
import type { CaseGenerator, CaseInput } from '../../simulation/index.ts';
import { day, loadPolicy } from './support.ts';

describe('createBatcher', () => {
  const policy = loadPolicy('policies/england/statutory-reviews.pdl');
  const real = createCaseGenerator({ children: 50, from: day('2022-01-01'), to: day('2024-12-31'), seed: 'batcher', ir: policy.ir });

  it("writes each batch's cases as JSON Lines, the bytes of JSON.stringify", () => {
    const batcher = createBatcher(real, policy);
    for (const [start, count] of [[0, 20], [20, 30], [7, 1]] as const) {
      const cases = Array.from({ length: count }, (_, i) => real.generate(start + i));
      const made = batcher.run(start, count);
      expect(made.bytes.toString('utf8')).toBe(`${cases.map((c) => JSON.stringify(c)).join('\n')}\n`);
      expect(made.events).toBe(cases.reduce((n, c) => n + c.events.length, 0));
    }
  });

  it('throws GeneratedCaseError when the first case of a batch does not fit the policy, naming paths, not values', () => {
    const broken: CaseGenerator = { ...real, generate: (k: number): CaseInput => ({ ...real.generate(k), child: { dob: '2015-02-30' } }) };
    const batcher = createBatcher(broken, policy);
    expect(() => batcher.run(3, 5)).toThrow(GeneratedCaseError);
    expect(() => batcher.run(3, 5)).toThrow(/^generated case SYN-000004 does not fit england\.statutory_reviews: child\.dob$/);
  });
});

describe('generateBatches on this thread', () => {
  const data = (children: number): GenerateWorkerData => ({ kind: 'generate', ir: {} as PolicyIR, children, from: 0 as PlainDate, to: 0 as PlainDate, seed: 's' });
  const lettersOf = (start: number, count: number): string[] => Array.from({ length: count }, (_, i) => `child ${start + i}`);
  const batcher: Batcher = {
    run: (start, count) => ({ bytes: Buffer.from(`${lettersOf(start, count).join('\n')}\n`), events: count * 2 }),
  };

  it('writes every batch once, in order, and counts the events', async () => {
    const written: string[] = [];
    const events = await generateBatches(batcher, data(7), 1, (b) => written.push(b.toString('utf8')), 3);
    expect(written).toEqual(['child 0\nchild 1\nchild 2\n', 'child 3\nchild 4\nchild 5\n', 'child 6\n']);
    expect(events).toBe(14);
  });

  it('writes nothing for no children', async () => {
    const written: Buffer[] = [];
    expect(await generateBatches(batcher, data(0), 1, (b) => written.push(b), 3)).toBe(0);
    expect(written).toEqual([]);
  });

  it('rejects with the error of a batch that does not validate, writing no batch after it', async () => {
    const failing: Batcher = {
      run: (start, count) => {
        if (start >= 3) throw new GeneratedCaseError('generated case SYN-000004 does not fit x: events[0].date');
        return batcher.run(start, count);
      },
    };
    const written: string[] = [];
    await expect(generateBatches(failing, data(9), 1, (b) => written.push(b.toString('utf8')), 3)).rejects.toThrow(/SYN-000004 does not fit x: events\[0\]\.date/);
    expect(written).toEqual(['child 0\nchild 1\nchild 2\n']);
  });
});

describe('the number of generating threads', () => {
  it('is one below twice CHILDREN_PER_THREAD children, then one per CHILDREN_PER_THREAD up to the cores', () => {
    expect(generateThreads(10_000, 2)).toBe(1);
    expect(generateThreads(2 * CHILDREN_PER_THREAD - 1, 8)).toBe(1);
    expect(generateThreads(2 * CHILDREN_PER_THREAD, 8)).toBe(2);
    expect(generateThreads(2 * CHILDREN_PER_THREAD, 1)).toBe(1);
    expect(generateThreads(10 * CHILDREN_PER_THREAD, 4)).toBe(4);
  });
});
