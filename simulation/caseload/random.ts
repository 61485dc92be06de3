/**
 * Seeded pseudo-random numbers for the synthetic caseload generator.
 *
 * Input: a seed (any string or integer) and a stream index (the child's number). Output: a `Random`:
 * uniform floats in [0, 1), integers in a range, choices, exponential waits.
 *
 * INVARIANT: the sequence depends only on (seed, stream): 32-bit integer arithmetic (`Math.imul`,
 * `>>>`), no `Math.random`, no clock; so the same arguments give the same numbers on every platform,
 * and child k's numbers do not depend on how many children came before it (a caseload can be
 * generated in slices, in any order, across threads, with the same result).
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), seeded through
 * splitmix32 from a 32-bit hash (cyrb-style, `Math.imul` mixing) of the seed text.
 */

/** A stream of seeded pseudo-random numbers. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One of the items, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** An exponentially distributed wait with the given mean (a float >= 0). */
  exponential(mean: number): number;
}

/** A 32-bit hash of a seed's text (its decimal form for a number). */
export function hashSeed(seed: string | number): number {
  const text = String(seed);
  let h1 = 0xdeadbeef ^ text.length;
  let h2 = 0x41c6ce57 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A seeded stream (sfc32). A class, not closures, so that making one per child costs one object.
 * Build it with `createRandom`.
 */
class Sfc32 implements Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seedHash: number, stream: number) {
    const init = { s: (seedHash ^ Math.imul(stream + 1, 0x27d4eb2d)) | 0 };
    this.a = splitmix32(init);
    this.b = splitmix32(init);
    this.c = splitmix32(init);
    this.d = splitmix32(init);
    // Warm up: the first outputs of sfc32 are weakly mixed.
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }
}

/** The stream `stream` (e.g. a child's number) of the seed whose hash is `seedHash`. */
export function createRandom(seedHash: number, stream: number): Random {
  return new Sfc32(seedHash, stream);
}
