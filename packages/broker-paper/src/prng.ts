// mulberry32: a tiny seeded PRNG so every "random" choice of the paper broker is reproducible.

/**
 * Returns a generator of uniform numbers in [0, 1) from a 32-bit seed (mulberry32). The same
 * seed always yields the same sequence, on every platform.
 *
 * @example const rand = mulberry32(42); rand(); // 0.6011037519201636
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
