/**
 * The parts of `pdl generate` on several threads that run in this process (cli/generate-pool.ts):
 * the lines-to-bytes writer equals `Buffer.from(lines.join('\n') + '\n')` for ASCII and non-ASCII
 * lines (lone surrogates included); batches are written in order, each once, and a batch that
 * throws rejects with that error after writing nothing more; the thread count rule.
 * (That worker threads give the same file as one thread is checked on the bundle by
 * test/simulate/cli.test.ts.)
 *
 * Input: none (seeded random lines). Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { CHILDREN_PER_THREAD, generateBatches, generateThreads, GeneratedCaseError, linesBytes, type Batcher, type GenerateWorkerData } from '../../cli/generate-pool.ts';
import type { PlainDate, PolicyIR } from '../../runtime/index.ts';
import { mulberry32 } from '../support/random.ts';

describe('linesBytes', () => {
  it('gives the bytes of the joined lines, ASCII or not', () => {
    const pieces = ['{"id":"SYN-000001"', ',', '"date":"2024-01-02"', 'é', '🙂', '\ud800', '\udc00', 'ü', '\u2028', '"', '\\n', 'x', '', ' '];
    const random = mulberry32(17);
    for (let n = 0; n < 300; n++) {
      const lines: string[] = [];
      const count = Math.floor(random() * 6);
      for (let i = 0; i < count; i++) {
        let line = '';
        const length = Math.floor(random() * 12);
        for (let j = 0; j < length; j++) line += pieces[Math.floor(random() * pieces.length)] as string;
        lines.push(line);
      }
      const expected = Buffer.from(lines.length === 0 ? '' : `${lines.join('\n')}\n`, 'utf8');
      expect(linesBytes(lines).equals(expected)).toBe(true);
    }
  });

  it('gives a buffer of its own (transferable to another thread), even for a short line', () => {
    const bytes = linesBytes(['{}']);
    expect(bytes.toString('utf8')).toBe('{}\n');
    expect(bytes.buffer.byteLength).toBe(3);
  });
});

describe('generateBatches on this thread', () => {
  const data = (children: number): GenerateWorkerData => ({ kind: 'generate', ir: {} as PolicyIR, children, from: 0 as PlainDate, to: 0 as PlainDate, seed: 's' });
  const lettersOf = (start: number, count: number): string[] => Array.from({ length: count }, (_, i) => `child ${start + i}`);
  const batcher: Batcher = {
    run: (start, count) => ({ bytes: linesBytes(lettersOf(start, count)), events: count * 2 }),
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
