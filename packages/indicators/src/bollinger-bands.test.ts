// BollingerBands tests: population sigma by hand, oracle agreement, band ordering, resync behaviour.
import fc from "fast-check";
import { BollingerBands as TiBB } from "technicalindicators";
import { BollingerBands as TsBB } from "trading-signals";
import { describe, expect, it, vi } from "vitest";
import { expectClose, expectReplaceEquivalent, expectSeriesClose, randomWalk } from "../test/helpers.js";
import { BollingerBands } from "./bollinger-bands.js";

const price = fc.integer({ min: 1, max: 1_000_000 }).map((cents) => cents / 100);

describe("BollingerBands", () => {
  it("matches a hand-computed sequence (population standard deviation)", () => {
    const bb = new BollingerBands({ period: 4, multiplier: 2 });
    for (const v of [2, 4, 4, 4]) bb.update(v);
    // mean 3.5; deviations -1.5, .5, .5, .5; variance (2.25 + 3 * .25) / 4 = 0.75
    expectClose(bb.middle, 3.5, 1e-12, "middle");
    expectClose(bb.stdDev, Math.sqrt(0.75), 1e-12, "stdDev");
    expectClose(bb.upper, 3.5 + 2 * Math.sqrt(0.75), 1e-12, "upper");
    expectClose(bb.lower, 3.5 - 2 * Math.sqrt(0.75), 1e-12, "lower");
    expectClose(bb.bandwidth, (4 * Math.sqrt(0.75)) / 3.5, 1e-12, "bandwidth");
    bb.update(5); // window 4, 4, 4, 5: mean 4.25, variance (3 * .0625 + .5625) / 4 = 0.1875
    expectClose(bb.middle, 4.25, 1e-12, "middle 2");
    expectClose(bb.stdDev, Math.sqrt(0.1875), 1e-12, "stdDev 2");
    expect(bb.value).toBe(bb.middle);
  });

  it("is NaN on every getter until the period-th input; defaults are 20 and 2", () => {
    const bb = new BollingerBands();
    expect([bb.period, bb.multiplier, bb.warmupPeriod]).toEqual([20, 2, 20]);
    for (let i = 0; i < 19; i++) {
      expect(bb.update(100 + i)).toBeNaN();
      expect([bb.upper, bb.middle, bb.lower, bb.bandwidth, bb.stdDev].every(Number.isNaN)).toBe(true);
    }
    expect(bb.update(119)).toBe(109.5);
    expect(bb.isReady).toBe(true);
  });

  it("agrees with technicalindicators and trading-signals", () => {
    const values = randomWalk(3000, 17);
    for (const [period, multiplier] of [
      [20, 2],
      [5, 1.5],
      [1, 2],
    ] as const) {
      const ours = new BollingerBands({ period, multiplier });
      const ti = new TiBB({ period, stdDev: multiplier, values: [] });
      const ts = new TsBB(period, multiplier);
      const got: number[][] = [[], [], []];
      const fromTi: number[][] = [[], [], []];
      const fromTs: number[][] = [[], [], []];
      for (const v of values) {
        ours.update(v);
        got[0]!.push(ours.upper);
        got[1]!.push(ours.middle);
        got[2]!.push(ours.lower);
        const a = ti.nextValue(v);
        fromTi[0]!.push(a?.upper ?? Number.NaN);
        fromTi[1]!.push(a?.middle ?? Number.NaN);
        fromTi[2]!.push(a?.lower ?? Number.NaN);
        const b = ts.add(v);
        fromTs[0]!.push(b?.upper ?? Number.NaN);
        fromTs[1]!.push(b?.middle ?? Number.NaN);
        fromTs[2]!.push(b?.lower ?? Number.NaN);
      }
      for (let k = 0; k < 3; k++) {
        expectSeriesClose(got[k]!, fromTi[k]!, 1e-10);
        expectSeriesClose(got[k]!, fromTs[k]!, 1e-10);
      }
    }
  });

  it("upper >= middle >= lower, and the bands match a fresh two-pass computation (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.array(price, { maxLength: 80 }), (n, xs) => {
        const bb = new BollingerBands({ period: n, multiplier: 2 });
        xs.forEach((x, i) => {
          bb.update(x);
          if (!bb.isReady) return;
          expect(bb.upper).toBeGreaterThanOrEqual(bb.middle);
          expect(bb.middle).toBeGreaterThanOrEqual(bb.lower);
          const window = xs.slice(i + 1 - n, i + 1);
          const mean = window.reduce((a, b) => a + b, 0) / n;
          const sd = Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
          expectClose(bb.middle, mean, 1e-12, `middle ${i}`);
          expectClose(bb.stdDev, sd, 1e-9, `stdDev ${i}`);
        });
      }),
    );
  });

  it("resyncs once per period on ordinary data, also for a constant series with an inexact mean", () => {
    const resync = vi.spyOn(BollingerBands.prototype as unknown as { resync(): void }, "resync");
    try {
      const bb = new BollingerBands({ period: 20 });
      for (let i = 0; i < 1000; i++) bb.update(0.1);
      for (const v of randomWalk(1000, 20)) bb.update(v);
      expect(resync.mock.calls.length).toBeLessThanOrEqual(2000 / 20 + 1);
    } finally {
      resync.mockRestore();
    }
  });

  it("resyncs early after a price jump, keeping sigma accurate", () => {
    const bb = new BollingerBands({ period: 10 });
    // 15 values near 1e9: scheduled resyncs happen on inputs 10, 20, 30...
    for (let i = 0; i < 15; i++) bb.update(1e9 + (i % 2));
    // Inputs 16..25 are tight around 1. The resync on input 20 centres on ~5e8; by input 25 the
    // window is all ~1, 5e8 away from the centre, and only an early resync keeps sigma accurate.
    const tight = [1, 1.001, 0.999, 1.002, 0.998, 1, 1.001, 0.999, 1.002, 0.998];
    for (const v of tight) bb.update(v);
    const mean = tight.reduce((a, b) => a + b, 0) / 10;
    const sd = Math.sqrt(tight.reduce((a, b) => a + (b - mean) ** 2, 0) / 10);
    expectClose(bb.middle, mean, 1e-12, "middle after the jump");
    expectClose(bb.stdDev, sd, 1e-12, "stdDev after the jump");
  });

  it("a constant window has zero width, not a negative variance", () => {
    const bb = new BollingerBands({ period: 3 });
    for (const v of [0.1, 0.1, 0.1, 0.1, 0.1]) bb.update(v);
    expect(bb.stdDev).toBe(0);
    expect(bb.upper).toBe(bb.lower);
  });

  it("replace() of the open bar equals updating with the replaced value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.record({ input: price, replacements: fc.array(price, { maxLength: 3 }) }), {
          maxLength: 40,
        }),
        (period, steps) => {
          expectReplaceEquivalent(
            () => new BollingerBands({ period }),
            steps,
            (s, v) => s.update(v),
            (s, v) => s.replace(v),
            (s) => [s.upper, s.middle, s.lower, s.bandwidth, s.count],
          );
        },
      ),
    );
  });

  it("validates options and inputs, and resets", () => {
    expect(() => new BollingerBands({ period: 0 })).toThrow(/BollingerBands: period/);
    expect(() => new BollingerBands({ multiplier: 0 })).toThrow(
      /BollingerBands: multiplier must be a finite number > 0/,
    );
    expect(() => new BollingerBands({ multiplier: Number.NaN })).toThrow(RangeError);
    const bb = new BollingerBands({ period: 2 });
    expect(() => bb.replace(1)).toThrow(/nothing to replace/);
    expect(() => bb.update(Number.NaN)).toThrow(/BollingerBands.update: value/);
    bb.update(1);
    bb.update(3);
    bb.reset();
    expect(bb.middle).toBeNaN();
    bb.update(5);
    expect(bb.update(7)).toBe(6);
  });
});
