// EMA tests: SMA seed by hand, oracle agreement, the trading-signals seed difference, validation.
import fc from "fast-check";
import { EMA as TiEMA } from "technicalindicators";
import { EMA as TsEMA } from "trading-signals";
import { describe, expect, it } from "vitest";
import { expectSeriesClose, firstValueIndex, orNaN, randomWalk } from "../test/helpers.js";
import { EMA } from "./ema.js";

const price = fc.integer({ min: 1, max: 1_000_000 }).map((cents) => cents / 100);

describe("EMA", () => {
  it("matches a hand-computed sequence (SMA seed, alpha = 2/(n+1))", () => {
    const ema = new EMA(3); // alpha = 0.5
    // seed mean(1,2,3)=2; 2+0.5*(6-2)=4; 4+0.5*(0-4)=2; 2+0.5*(3-2)=2.5
    expect([1, 2, 3, 6, 0, 3].map((v) => ema.update(v))).toEqual([NaN, NaN, 2, 4, 2, 2.5]);
    expect(ema.alpha).toBe(0.5);
  });

  it("reports its warm-up: first value on input `period`", () => {
    const values = randomWalk(100, 2);
    const series = values.map(
      (
        (e) => (v: number) =>
          e.update(v)
      )(new EMA(10)),
    );
    expect(firstValueIndex(series)).toBe(9);
    expect(new EMA(10).warmupPeriod).toBe(10);
  });

  it("agrees with technicalindicators (same SMA seed) from the first value", () => {
    const values = randomWalk(3000, 3);
    for (const period of [1, 2, 10, 30]) {
      const ours = new EMA(period);
      const ti = new TiEMA({ period, values: [] });
      expectSeriesClose(
        values.map((v) => ours.update(v)),
        values.map((v) => orNaN(ti.nextValue(v))),
        1e-10,
      );
    }
  });

  it("differs from trading-signals during warm-up (first-input seed) and converges after", () => {
    const values = randomWalk(3000, 4);
    const period = 10;
    const ours = new EMA(period);
    const ts = new TsEMA(period);
    const got: number[] = [];
    const theirs: number[] = [];
    for (const v of values) {
      got.push(ours.update(v));
      ts.add(v);
      // trading-signals always has a result; treat it as ready when it says it is stable.
      theirs.push(ts.isStable ? ts.getResultOrThrow() : Number.NaN);
    }
    expect(firstValueIndex(theirs)).toBe(firstValueIndex(got));
    // The seeds differ, so the first values differ...
    expect(Math.abs(got[period - 1]! - theirs[period - 1]!)).toBeGreaterThan(1e-6);
    // ...but the gap shrinks by (1 - alpha) per input: (9/11)^400 < 1e-34.
    expectSeriesClose(got, theirs, 1e-10, 400);
  });

  it("stays within the range of its inputs (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(price, { minLength: 1, maxLength: 100 }),
        (n, xs) => {
          const ema = new EMA(n);
          const lo = Math.min(...xs);
          const hi = Math.max(...xs);
          for (const x of xs) {
            const v = ema.update(x);
            if (ema.isReady) {
              expect(v).toBeGreaterThanOrEqual(lo - 1e-9);
              expect(v).toBeLessThanOrEqual(hi + 1e-9);
            }
          }
        },
      ),
    );
  });

  it("reset() restarts the warm-up", () => {
    const ema = new EMA(2);
    ema.update(1);
    ema.update(3);
    ema.reset();
    expect(ema.update(10)).toBeNaN();
    expect(ema.update(20)).toBe(15);
  });

  it("validates period and inputs", () => {
    expect(() => new EMA(0)).toThrow(/EMA: period must be an integer >= 1, got 0/);
    const ema = new EMA(2);
    expect(() => ema.replace(1)).toThrow(/EMA.replace: nothing to replace/);
    expect(() => ema.update(Number.NaN)).toThrow(/EMA.update: value must be a finite number/);
  });
});
