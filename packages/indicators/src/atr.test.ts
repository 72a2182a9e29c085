// ATR tests: hand-checked true ranges, warm-up vs both oracles, bounds property, replace semantics.
import fc from "fast-check";
import { ATR as TiATR } from "technicalindicators";
import { ATR as TsATR } from "trading-signals";
import { describe, expect, it } from "vitest";
import {
  expectReplaceEquivalent,
  expectSeriesClose,
  firstValueIndex,
  orNaN,
  randomBars,
} from "../test/helpers.js";
import { ATR } from "./atr.js";

type Bar = readonly [number, number, number];
const bar = fc
  .tuple(
    fc.integer({ min: 100, max: 100_000 }),
    fc.integer({ min: 0, max: 500 }),
    fc.integer({ min: 0, max: 500 }),
  )
  .map(([mid, up, down]): Bar => [(mid + up) / 100, (mid - down) / 100, mid / 100]);

describe("ATR", () => {
  it("matches a hand-computed sequence", () => {
    const atr = new ATR(2);
    expect(atr.update(10, 9, 9.5)).toBeNaN(); // no previous close
    expect(atr.trueRange).toBe(1);
    expect(atr.update(11, 10, 10.5)).toBeNaN(); // tr = max(1, |11-9.5|, |10-9.5|) = 1.5
    expect(atr.trueRange).toBe(1.5);
    expect(atr.update(11, 10.5, 11)).toBe(1); // tr = 0.5; seed = mean(1.5, 0.5)
    expect(atr.update(13, 12, 12.5)).toBe(1.5); // tr = max(1, 2, 1) = 2; (1*1 + 2)/2
    expect(atr.update(12.5, 12, 12)).toBe(1); // tr = max(0.5, 0, 0.5) = 0.5; (1.5 + 0.5)/2
    expect(atr.update(10, 9, 9.5)).toBe(2); // gap down: tr = max(1, 2, 3) = 3; (1 + 3)/2
    expect(atr.trueRange).toBe(3);
  });

  it("the random bars exercise gaps (true range above high − low both ways)", () => {
    const { high, low, close } = randomBars(3000, 10);
    let gapUp = 0;
    let gapDown = 0;
    for (let i = 1; i < close.length; i++) {
      if (close[i - 1]! < low[i]!) gapUp++;
      if (close[i - 1]! > high[i]!) gapDown++;
    }
    expect(gapUp).toBeGreaterThan(100);
    expect(gapDown).toBeGreaterThan(100);
  });

  it("has warmupPeriod = period + 1", () => {
    expect(new ATR(14).warmupPeriod).toBe(15);
    const { high, low, close } = randomBars(40, 9);
    const atr = new ATR(14);
    const got = close.map((c, i) => atr.update(high[i]!, low[i]!, c));
    expect(firstValueIndex(got)).toBe(14);
  });

  it("agrees with technicalindicators from the first value", () => {
    const { high, low, close } = randomBars(3000, 10);
    for (const period of [1, 5, 14]) {
      const ours = new ATR(period);
      const ti = new TiATR({ period, high: [], low: [], close: [] });
      expectSeriesClose(
        close.map((c, i) => ours.update(high[i]!, low[i]!, c)),
        close.map((c, i) =>
          orNaN(ti.nextValue({ high: high[i]!, low: low[i]!, close: c }) as number | undefined),
        ),
        1e-10,
      );
    }
  });

  it("differs from trading-signals by one bar of warm-up and converges after", () => {
    const { high, low, close } = randomBars(3000, 11);
    const period = 14;
    const ours = new ATR(period);
    const ts = new TsATR(period);
    const got = close.map((c, i) => ours.update(high[i]!, low[i]!, c));
    const theirs = close.map((c, i) => orNaN(ts.add({ high: high[i]!, low: low[i]!, close: c })));
    // trading-signals counts bar 1's high - low as a true range and emits one bar earlier.
    expect(firstValueIndex(theirs)).toBe(firstValueIndex(got) - 1);
    // (13/14)^600 < 1e-19.
    expectSeriesClose(got, theirs, 1e-10, 600);
  });

  it("is non-negative and bounded by the largest true range (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.array(bar, { maxLength: 60 }), (n, bars) => {
        const atr = new ATR(n);
        let maxTr = 0;
        for (const [h, l, c] of bars) {
          const v = atr.update(h, l, c);
          if (atr.count > 1) maxTr = Math.max(maxTr, atr.trueRange);
          if (atr.isReady) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(maxTr + 1e-9);
          }
        }
      }),
    );
  });

  it("replace() of the open bar equals updating with the replaced bar", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.record({ input: bar, replacements: fc.array(bar, { maxLength: 3 }) }), { maxLength: 40 }),
        (period, steps) => {
          expectReplaceEquivalent(
            () => new ATR(period),
            steps,
            (s, [h, l, c]) => s.update(h, l, c),
            (s, [h, l, c]) => s.replace(h, l, c),
            (s) => [s.value, s.trueRange, s.count],
          );
        },
      ),
    );
  });

  it("validates bars, naming the field", () => {
    const atr = new ATR(3);
    expect(() => atr.update(Number.NaN, 1, 1)).toThrow(/ATR.update: high must be a finite number, got NaN/);
    expect(() => atr.update(2, Number.POSITIVE_INFINITY, 1)).toThrow(/low must be a finite number/);
    expect(() => atr.update(2, 1, Number.NaN)).toThrow(/close must be a finite number/);
    expect(() => atr.update(1, 2, 1.5)).toThrow(/low \(2\) must be <= high \(1\)/);
    expect(() => atr.update(2, 1, 3)).toThrow(RangeError);
    expect(() => atr.replace(2, 1, 1.5)).toThrow(/ATR.replace: nothing to replace/);
    expect(atr.count).toBe(0);
    expect(() => new ATR(0)).toThrow(/ATR: period/);
    atr.update(2, 1, 1.5);
    atr.reset();
    expect(atr.count).toBe(0);
    expect(atr.trueRange).toBeNaN();
  });
});
