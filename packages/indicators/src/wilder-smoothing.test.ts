// WilderSmoothing tests: hand-checked values, agreement with WEMA/WSMA, validation and reset.
import { WEMA as TiWEMA } from "technicalindicators";
import { WSMA as TsWSMA } from "trading-signals";
import { describe, expect, it } from "vitest";
import { expectSeriesClose, orNaN, randomWalk } from "../test/helpers.js";
import { WilderSmoothing } from "./wilder-smoothing.js";

describe("WilderSmoothing", () => {
  it("matches a hand-computed sequence (SMA seed, alpha = 1/n)", () => {
    const rma = new WilderSmoothing(2);
    // seed mean(1,3)=2; (2*1+6)/2=4; (4*1+0)/2=2
    expect([1, 3, 6, 0].map((v) => rma.update(v))).toEqual([NaN, 2, 4, 2]);
    const rma4 = new WilderSmoothing(4);
    // seed mean(4,4,4,8)=5; (5*3+9)/4=6
    expect([4, 4, 4, 8, 9].map((v) => rma4.update(v))).toEqual([NaN, NaN, NaN, 5, 6]);
  });

  it("agrees with technicalindicators WEMA and trading-signals WSMA from the first value", () => {
    const values = randomWalk(3000, 5);
    for (const period of [1, 3, 14]) {
      const ours = new WilderSmoothing(period);
      const ti = new TiWEMA({ period, values: [] });
      const ts = new TsWSMA(period);
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

  it("has warmupPeriod = period and validates", () => {
    const rma = new WilderSmoothing(14);
    expect(rma.warmupPeriod).toBe(14);
    expect(() => new WilderSmoothing(-1)).toThrow(/WilderSmoothing: period/);
    expect(() => rma.update(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    rma.update(1);
    rma.reset();
    expect(rma.count).toBe(0);
  });
});
