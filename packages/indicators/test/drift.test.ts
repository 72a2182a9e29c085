// Long-stream numeric drift: millions of updates, checked against a fresh recomputation of the window.
import { beforeAll, describe, expect, it } from "vitest";
import { BollingerBands } from "../src/bollinger-bands.js";
import { EMA } from "../src/ema.js";
import { RSI } from "../src/rsi.js";
import { SMA } from "../src/sma.js";
import { WMA } from "../src/wma.js";
import { createRandom } from "./helpers.js";

const UPDATES = 4_000_000;
const PERIOD = 50;
const CHECK_EVERY = 250_000;

interface Check {
  readonly at: number;
  readonly mean: number;
  readonly weighted: number;
  readonly sd: number;
  readonly sma: number;
  readonly wma: number;
  readonly middle: number;
  readonly bandSd: number;
  readonly naiveMean: number;
  readonly naiveSd: number;
}

/**
 * Streams a random walk around 1e8 (think a price quoted in small units) for the first half, then
 * around 1 with 1e-3 steps: rounding error a running sum picks up in the first regime dwarfs the
 * second regime's spread unless something removes it. Every CHECK_EVERY updates and at the end, the
 * indicators are compared with a from-scratch computation over the current window.
 */
function stream(): { checks: Check[]; ema: EMA; rsi: RSI; tail: Float64Array } {
  const random = createRandom(20240601);
  const sma = new SMA(PERIOD);
  const wma = new WMA(PERIOD);
  const bands = new BollingerBands({ period: PERIOD });
  const ema = new EMA(PERIOD);
  const rsi = new RSI(14);
  // The textbook running sums the indicators avoid, as a control that the scenario does drift.
  let naiveSum = 0;
  let naiveSquares = 0;
  const window = new Float64Array(PERIOD);
  const tail = new Float64Array(100 * PERIOD);
  const checks: Check[] = [];
  let x = 1e8;
  for (let i = 0; i < UPDATES; i++) {
    if (i === UPDATES / 2) x = 1;
    x += (random() - 0.5) * (i < UPDATES / 2 ? 1 : 1e-3);
    sma.update(x);
    wma.update(x);
    bands.update(x);
    ema.update(x);
    rsi.update(x);
    const slot = i % PERIOD;
    const evicted = i >= PERIOD ? window[slot]! : 0;
    window[slot] = x;
    naiveSum += x - evicted;
    naiveSquares += x * x - evicted * evicted;
    tail[i % tail.length] = x;
    if ((i + 1) % CHECK_EVERY === 0) {
      const ordered = Array.from({ length: PERIOD }, (_, k) => window[(i + 1 + k) % PERIOD]!);
      const mean = ordered.reduce((a, b) => a + b, 0) / PERIOD;
      const weighted = ordered.reduce((a, b, k) => a + (k + 1) * b, 0) / ((PERIOD * (PERIOD + 1)) / 2);
      const sd = Math.sqrt(ordered.reduce((a, b) => a + (b - mean) ** 2, 0) / PERIOD);
      const naiveMean = naiveSum / PERIOD;
      checks.push({
        at: i + 1,
        mean,
        weighted,
        sd,
        sma: sma.value,
        wma: wma.value,
        middle: bands.middle,
        bandSd: bands.stdDev,
        naiveMean,
        naiveSd: Math.sqrt(Math.max(0, naiveSquares / PERIOD - naiveMean * naiveMean)),
      });
    }
  }
  // `tail` is a ring of the last 100 periods, oldest at UPDATES % length.
  const ordered = new Float64Array(tail.length);
  for (let k = 0; k < tail.length; k++) ordered[k] = tail[(UPDATES + k) % tail.length]!;
  return { checks, ema, rsi, tail: ordered };
}

/** Relative error, scaled by the window's level so both regimes are judged alike. */
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe(`numeric drift over ${UPDATES.toLocaleString("en")} updates`, () => {
  let result: ReturnType<typeof stream>;
  beforeAll(() => {
    result = stream();
  }, 30_000);

  it("the scenario really does break naive running sums (so the checks below can fail)", () => {
    const { checks } = result;
    const last = checks.at(-1)!;
    expect(checks).toHaveLength(UPDATES / CHECK_EVERY);
    expect(rel(last.naiveMean, last.mean)).toBeGreaterThan(1e-7);
    expect(Math.abs(last.naiveSd - last.sd) / last.sd).toBeGreaterThan(0.5);
  });

  it("SMA and WMA stay within 1e-12 of a fresh computation at every checkpoint", () => {
    for (const c of result.checks) {
      expect(rel(c.sma, c.mean), `SMA at ${c.at}`).toBeLessThan(1e-12);
      expect(rel(c.wma, c.weighted), `WMA at ${c.at}`).toBeLessThan(1e-12);
    }
  });

  it("Bollinger middle and sigma stay within 1e-12 / 1e-9 of a fresh two-pass computation", () => {
    for (const c of result.checks) {
      expect(rel(c.middle, c.mean), `middle at ${c.at}`).toBeLessThan(1e-12);
      expect(Math.abs(c.bandSd - c.sd) / c.sd, `sigma at ${c.at}`).toBeLessThan(1e-9);
    }
  });

  it("EMA and RSI carry no accumulated error: they equal a restart on the last 100 periods", () => {
    // The restart's seed error decays by (1 - alpha)^4950 and (13/14)^4986: far below 1e-300.
    const { ema, rsi, tail } = result;
    const freshEma = new EMA(PERIOD);
    const freshRsi = new RSI(14);
    for (const v of tail) {
      freshEma.update(v);
      freshRsi.update(v);
    }
    expect(rel(ema.value, freshEma.value)).toBeLessThan(1e-12);
    expect(Math.abs(rsi.value - freshRsi.value)).toBeLessThan(1e-9);
  });
});
