// ROC tests: percent by hand, zero reference, agreement with both oracles, definition property, validation.
import fc from "fast-check";
import { ROC as TiROC } from "technicalindicators";
import { ROC as TsROC } from "trading-signals";
import { describe, expect, it } from "vitest";
import { expectClose, expectSeriesClose, orNaN, randomWalk } from "../test/helpers.js";
import { ROC } from "./roc.js";

const price = fc.integer({ min: 1, max: 1_000_000 }).map((cents) => cents / 100);

describe("ROC", () => {
  it("matches a hand-computed sequence (percent)", () => {
    const roc = new ROC(2);
    const got = [100, 90, 110, 99, 99].map((v) => roc.update(v));
    expect(got.slice(0, 2)).toEqual([NaN, NaN]);
    expectClose(got[2]!, 10, 1e-12, "110 vs 100");
    expectClose(got[3]!, 10, 1e-12, "99 vs 90");
    expectClose(got[4]!, -10, 1e-12, "99 vs 110");
  });

  it("returns 0 when the reference value is 0 (TA-Lib), not Infinity", () => {
    const roc = new ROC(1);
    roc.update(0);
    expect(roc.update(5)).toBe(0);
  });

  it("agrees with technicalindicators (percent) and trading-signals (fraction × 100)", () => {
    const values = randomWalk(3000, 24);
    for (const period of [1, 9, 25]) {
      const ours = new ROC(period);
      const ti = new TiROC({ period, values: [] });
      const ts = new TsROC(period);
      const got = values.map((v) => ours.update(v));
      expectSeriesClose(
        got,
        values.map((v) => orNaN(ti.nextValue(v))),
        1e-10,
      );
      expectSeriesClose(
        got,
        values.map((v) => orNaN(ts.add(v)) * 100),
        1e-10,
      );
    }
  });

  it("equals 100 · (x[t] / x[t - period] - 1) (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.array(price, { maxLength: 60 }), (n, xs) => {
        const roc = new ROC(n);
        xs.forEach((x, i) => {
          const v = roc.update(x);
          if (i < n) expect(v).toBeNaN();
          else expectClose(v, 100 * (x / xs[i - n]! - 1), 1e-9, `input ${i}`);
        });
      }),
    );
  });

  it("validates and resets", () => {
    expect(() => new ROC(-1)).toThrow(/ROC: period/);
    const roc = new ROC(1);
    expect(() => roc.replace(1)).toThrow(/ROC.replace/);
    expect(() => roc.update(Number.NEGATIVE_INFINITY)).toThrow(/ROC.update: value/);
    roc.update(1);
    roc.reset();
    expect(roc.warmupPeriod).toBe(2);
    roc.update(50);
    expect(roc.update(75)).toBe(50);
  });
});
