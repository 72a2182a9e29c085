// A small seeded PRNG (mulberry32): the generated markets are the same on every run and machine.
/** A deterministic source of uniform numbers in [0, 1). */
export interface Prng {
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
}

/**
 * mulberry32: 32-bit state, period 2^32, good enough for test data (not for cryptography).
 * Never uses `Math.random`.
 *
 * @example const rng = createPrng(42); rng.next(); // same value on every run
 */
export function createPrng(seed: number): Prng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    normal: () => {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}
