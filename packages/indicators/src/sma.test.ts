// SMA tests: hand-checked values, oracle agreement, mean-of-window property.
import fc from "fast-check";
import { SMA as TiSMA } from "technicalindicators";
import { SMA as TsSMA } from "trading-signals";
import { describe, expect, it } from "vitest";
import { expectClose, expectSeriesClose, orNaN, randomWalk } from "../test/helpers.js";
import { SMA } from "./sma.js";

const price = fc.integer({ min: 1, max: 1_000_000 }).map((cents) => cents / 100);

describe("SMA", () => {
  it("matches a hand-computed sequence", () => {
    const sma = new SMA(3);
    // mean(1,2,3)=2, mean(2,3,4)=3, mean(3,4,8)=5, mean(4,8,0)=4
    expect([1, 2, 3, 4, 8, 0].map((v) => sma.update(v))).toEqual([NaN, NaN, 2, 3, 5, 4]);
  });

  it("is NaN for warmupPeriod - 1 inputs, then ready", () => {
    const sma = new SMA(5);
    expect(sma.warmupPeriod).toBe(5);
    for (let i = 1; i < 5; i++) {
      expect(sma.update(i)).toBeNaN();
      expect(sma.isReady).toBe(false);
      expect(sma.value).toBeNaN();
    }
    expect(sma.update(5)).toBe(3);
    expect(sma.isReady).toBe(true);
    expect(sma.count).toBe(5);
  });

  it("period 1 returns the input", () => {
    const sma = new SMA(1);
    expect(sma.update(4.5)).toBe(4.5);
    expect(sma.update(-2)).toBe(-2);
  });

  it("agrees with technicalindicators and trading-signals on a 3000-value random walk", () => {
    const values = randomWalk(3000, 1);
    for (const period of [1, 2, 14, 50]) {
      const ours = new SMA(period);
      const ti = new TiSMA({ period, values: [] });
      const ts = new TsSMA(period);
      const got = values.map((v) => ours.update(v));
      expectSeriesClose(
        got,
        values.map((v) => orNaN(ti.nextValue(v))),
        1e-10,
      );
      expectSeriesClose(
        got,
        values.map((v) => orNaN(ts.add(v))),
        1e-10,
      );
    }
  });

  it("equals the mean of the last N inputs (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(price, { minLength: 1, maxLength: 120 }),
        (n, xs) => {
          const sma = new SMA(n);
          xs.forEach((x, i) => {
            const got = sma.update(x);
            if (i + 1 < n) {
              expect(got).toBeNaN();
            } else {
              const window = xs.slice(i + 1 - n, i + 1);
              expectClose(got, window.reduce((a, b) => a + b, 0) / n, 1e-12, `input ${i}`);
            }
          });
        },
      ),
    );
  });

  it("reset() forgets inputs", () => {
    const sma = new SMA(2);
    sma.update(10);
    sma.update(20);
    sma.reset();
    expect(sma.count).toBe(0);
    expect(sma.value).toBeNaN();
    expect(sma.update(1)).toBeNaN();
    expect(sma.update(3)).toBe(2);
  });

  it("validates the period", () => {
    expect(() => new SMA(0)).toThrow(RangeError);
    expect(() => new SMA(2.5)).toThrow(/SMA: period must be an integer >= 1, got 2.5/);
    expect(() => new SMA(Number.NaN)).toThrow(RangeError);
    expect(() => new SMA("3" as unknown as number)).toThrow(TypeError);
  });

  it("rejects non-finite inputs without touching state", () => {
    const sma = new SMA(2);
    sma.update(1);
    expect(() => sma.update(Number.NaN)).toThrow(/SMA.update: value must be a finite number, got NaN/);
    expect(() => sma.update(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => sma.replace(Number.NEGATIVE_INFINITY)).toThrow(/SMA.replace: value/);
    expect(sma.count).toBe(1);
    expect(sma.update(3)).toBe(2);
  });

  it("rejects replace() before any update()", () => {
    expect(() => new SMA(2).replace(1)).toThrow(/nothing to replace/);
  });
});
