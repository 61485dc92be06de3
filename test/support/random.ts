/**
 * A small seeded pseudo-random generator for tests (mulberry32), so that a failing random input can
 * be replayed from its seed.
 *
 * Input: a seed (any 32-bit integer). Output: a function returning the next number in [0, 1) of the
 * sequence that seed starts; the same seed always gives the same sequence, on any machine.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
