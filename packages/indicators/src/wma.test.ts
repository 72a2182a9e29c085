// WMA tests: hand-checked weights, oracle agreement, weighted-mean property.
import fc from "fast-check";
import { WMA as TiWMA } from "technicalindicators";
import { WMA as TsWMA } from "trading-signals";
import { describe, expect, it } from "vitest";
import { expectClose, expectSeriesClose, orNaN, randomWalk } from "../test/helpers.js";
import { WMA } from "./wma.js";

const price = fc.integer({ min: 1, max: 1_000_000 }).map((cents) => cents / 100);

describe("WMA", () => {
  it("matches a hand-computed sequence (weights 1..n, newest heaviest)", () => {
    const wma = new WMA(3);
    // (1+4+9)/6, (2+6+12)/6, (3+8+30)/6
    const got = [1, 2, 3, 4, 10].map((v) => wma.update(v));
    expect(got.slice(0, 2)).toEqual([NaN, NaN]);
    expect(got[2]).toBeCloseTo(14 / 6, 14);
    expect(got[3]).toBeCloseTo(20 / 6, 14);
    expect(got[4]).toBeCloseTo(41 / 6, 14);
  });

  it("agrees with technicalindicators and trading-signals", () => {
    const values = randomWalk(3000, 6);
    for (const period of [1, 2, 9, 40]) {
      const ours = new WMA(period);
      const ti = new TiWMA({ period, values: [] });
      const ts = new TsWMA(period);
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

  it("equals the weighted mean of the last N inputs (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(price, { minLength: 1, maxLength: 80 }),
        (n, xs) => {
          const wma = new WMA(n);
          xs.forEach((x, i) => {
            const got = wma.update(x);
            if (i + 1 < n) {
              expect(got).toBeNaN();
              return;
            }
            let num = 0;
            for (let j = 0; j < n; j++) num += (j + 1) * xs[i + 1 - n + j]!;
            expectClose(got, num / ((n * (n + 1)) / 2), 1e-12, `input ${i}`);
          });
        },
      ),
    );
  });

  it("validates and resets", () => {
    expect(() => new WMA(1.5)).toThrow(/WMA: period/);
    const wma = new WMA(2);
    expect(() => wma.replace(1)).toThrow(/WMA.replace/);
    wma.update(1);
    wma.update(2);
    wma.reset();
    expect(wma.update(3)).toBeNaN();
    expect(wma.update(6)).toBe(5);
  });
});
