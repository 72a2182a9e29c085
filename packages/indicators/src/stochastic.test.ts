// Stochastic tests: hand-checked %K/%D, warm-up, oracle agreement, [0, 100] property, replace semantics.
import fc from "fast-check";
import { Stochastic as TiStochastic } from "technicalindicators";
import { StochasticOscillator as TsStochastic } from "trading-signals";
import { describe, expect, it } from "vitest";
import {
  expectClose,
  expectReplaceEquivalent,
  expectSeriesClose,
  firstValueIndex,
  randomBars,
} from "../test/helpers.js";
import { Stochastic } from "./stochastic.js";

type TiInput = Parameters<TiStochastic["nextValue"]>[0];
type TiOutput = ReturnType<TiStochastic["nextValue"]>;
type Bar = readonly [number, number, number];
const bar = fc
  .tuple(
    fc.integer({ min: 100, max: 100_000 }),
    fc.integer({ min: 0, max: 500 }),
    fc.integer({ min: 0, max: 500 }),
  )
  .map(([mid, up, down]): Bar => [(mid + up) / 100, (mid - down) / 100, mid / 100]);

describe("Stochastic", () => {
  it("matches a hand-computed sequence", () => {
    const stoch = new Stochastic({ kPeriod: 2, kSmoothing: 1, dPeriod: 2 });
    expect(stoch.update(10, 8, 9)).toBeNaN();
    expect(stoch.k).toBeNaN();
    // window highs 10, 12; lows 8, 9 -> (11 - 8) / (12 - 8) = 75
    expect(stoch.update(12, 9, 11)).toBeNaN();
    expect(stoch.k).toBe(75);
    expect(stoch.d).toBeNaN();
    // highs 12, 11; lows 9, 10 -> (10 - 9) / (12 - 9) = 33.3; d = mean(75, 33.3)
    expectClose(stoch.update(11, 10, 10), 100 / 3, 1e-12, "k");
    expectClose(stoch.d, (75 + 100 / 3) / 2, 1e-12, "d");
  });

  it("uses 0 when the look-back range is empty", () => {
    const stoch = new Stochastic({ kPeriod: 2, dPeriod: 1 });
    stoch.update(5, 5, 5);
    expect(stoch.update(5, 5, 5)).toBe(0);
  });

  it("warms up in kPeriod + kSmoothing + dPeriod - 2 bars, %K one dPeriod earlier", () => {
    const stoch = new Stochastic({ kPeriod: 14, kSmoothing: 3, dPeriod: 3 });
    expect(stoch.warmupPeriod).toBe(18);
    const { high, low, close } = randomBars(40, 18);
    const ks: number[] = [];
    const ds: number[] = [];
    const values: number[] = [];
    close.forEach((c, i) => {
      values.push(stoch.update(high[i]!, low[i]!, c));
      ks.push(stoch.k);
      ds.push(stoch.d);
    });
    expect(firstValueIndex(ks)).toBe(15);
    expect(firstValueIndex(ds)).toBe(17);
    expect(firstValueIndex(values)).toBe(17);
    expect(new Stochastic().warmupPeriod).toBe(16);
  });

  it("agrees with technicalindicators (fast %K) and trading-signals (slowed %K)", () => {
    const { high, low, close } = randomBars(3000, 19);
    const fast = new Stochastic({ kPeriod: 14, kSmoothing: 1, dPeriod: 3 });
    const ti = new TiStochastic({ period: 14, signalPeriod: 3, high: [], low: [], close: [] });
    const slow = new Stochastic({ kPeriod: 14, kSmoothing: 3, dPeriod: 3 });
    const ts = new TsStochastic({ kPeriod: 14, kSlowingPeriod: 3, dPeriod: 3 });
    const got: number[][] = [[], [], [], []];
    const theirs: number[][] = [[], [], [], []];
    close.forEach((c, i) => {
      const h = high[i]!;
      const l = low[i]!;
      fast.update(h, l, c);
      slow.update(h, l, c);
      got[0]!.push(fast.k);
      got[1]!.push(fast.d);
      // trading-signals emits nothing until %D is ready: compare the gated value.
      got[2]!.push(slow.isReady ? slow.k : Number.NaN);
      got[3]!.push(slow.d);
      // Its typings declare array inputs for nextValue; at runtime it takes one candle.
      const a = ti.nextValue({ high: h, low: l, close: c } as unknown as TiInput) as TiOutput | undefined;
      theirs[0]!.push(a?.k ?? Number.NaN);
      theirs[1]!.push(a?.d ?? Number.NaN);
      const b = ts.add({ high: h, low: l, close: c });
      theirs[2]!.push(b?.stochK ?? Number.NaN);
      theirs[3]!.push(b?.stochD ?? Number.NaN);
    });
    for (let k = 0; k < 4; k++) expectSeriesClose(got[k]!, theirs[k]!, 1e-9);
  });

  it("%K and %D stay within [0, 100] (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(bar, { maxLength: 60 }),
        (kPeriod, kSmoothing, bars) => {
          const stoch = new Stochastic({ kPeriod, kSmoothing, dPeriod: 3 });
          for (const [h, l, c] of bars) {
            stoch.update(h, l, c);
            for (const v of [stoch.k, stoch.d]) {
              if (Number.isNaN(v)) continue;
              expect(v).toBeGreaterThanOrEqual(-1e-9);
              expect(v).toBeLessThanOrEqual(100 + 1e-9);
            }
          }
        },
      ),
    );
  });

  it("replace() of the open bar equals updating with the replaced bar", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ input: bar, replacements: fc.array(bar, { maxLength: 3 }) }), { maxLength: 40 }),
        (kPeriod, kSmoothing, steps) => {
          expectReplaceEquivalent(
            () => new Stochastic({ kPeriod, kSmoothing, dPeriod: 2 }),
            steps,
            (s, [h, l, c]) => s.update(h, l, c),
            (s, [h, l, c]) => s.replace(h, l, c),
            (s) => [s.value, s.k, s.d, s.count],
          );
        },
      ),
    );
  });

  it("validates options and bars, and resets", () => {
    expect(() => new Stochastic({ kPeriod: 0 })).toThrow(/Stochastic: kPeriod/);
    expect(() => new Stochastic({ kSmoothing: 1.5 })).toThrow(/Stochastic: kSmoothing/);
    expect(() => new Stochastic({ dPeriod: -3 })).toThrow(/Stochastic: dPeriod/);
    const stoch = new Stochastic({ kPeriod: 1, dPeriod: 1 });
    expect(() => stoch.replace(2, 1, 1)).toThrow(/Stochastic.replace: nothing to replace/);
    expect(() => stoch.update(2, 1, 5)).toThrow(/close \(5\) must be within \[low, high\]/);
    expect(stoch.update(2, 1, 1.5)).toBe(50);
    stoch.reset();
    expect(stoch.k).toBeNaN();
    expect(stoch.count).toBe(0);
  });
});
