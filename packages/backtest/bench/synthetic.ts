// Seeded synthetic bars for benchmarks: a geometric random walk (mulberry32 PRNG, no Math.random).
import { type BarSeries, createBarSeries } from "../src/data/bar-series.js";

/** mulberry32: a tiny, fast, seeded 32-bit PRNG returning floats in [0, 1). */
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

/** To the 0.0001 tick of the bench instrument: real venues only print prices on their tick grid. */
function onTick(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/**
 * `n` one-minute bars of a random walk starting at `start` (UTC ms), seeded. Prices sit on the
 * 0.0001 tick of `benchInstrument` (as exchange data does; raw float expansions of 17 digits would
 * make every Decimal in the book an unrealistically long one) and volumes are whole units.
 */
export function randomWalk(
  instrumentId: string,
  n: number,
  seed: number,
  start = Date.UTC(2020, 0, 1),
): BarSeries {
  const rnd = mulberry32(seed);
  const openTime = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let p = 100;
  for (let i = 0; i < n; i++) {
    openTime[i] = start + i * 60_000;
    const o = p;
    // Slight mean reversion keeps the walk in a sane price range over millions of bars.
    const c = onTick(o * Math.exp((rnd() - 0.5) * 0.004 - Math.log(o / 100) * 0.0005));
    open[i] = o;
    close[i] = c;
    high[i] = onTick(Math.max(o, c) * (1 + rnd() * 0.001));
    low[i] = onTick(Math.min(o, c) * (1 - rnd() * 0.001));
    volume[i] = Math.round(1000 + rnd() * 1000);
    p = c;
  }
  return createBarSeries(
    { instrumentId, timeframe: "1m", source: `random-walk(seed ${seed})` },
    { openTime, open, high, low, close, volume },
  );
}
