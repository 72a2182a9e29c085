// Hand-checked metric values: every expected number below is worked out in the comment beside it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  YEAR_MS,
  cagr,
  computeMetrics,
  drawdownSeries,
  exposure,
  maxDrawdown,
  periodReturns,
  periodsPerYear,
  profitFactor,
  sharpeRatio,
  sortinoRatio,
  totalReturn,
  winRate,
} from "./metrics.js";

describe("metrics", () => {
  it("periodsPerYear: 5-minute bars on a 365-day, 24/7 calendar = 105 120", () => {
    expect(periodsPerYear(300_000)).toBe(105_120);
    expect(periodsPerYear(86_400_000)).toBe(365);
  });

  it("returns and total return", () => {
    // 100 → 110 (+10 %) → 99 (−10 %) → 99 (0 %)
    const r = periodReturns([100, 110, 99, 99]);
    expect(Array.from(r).map((x) => Number(x.toFixed(12)))).toEqual([0.1, -0.1, 0]);
    expect(totalReturn([100, 110, 99, 99])).toBeCloseTo(-0.01, 12);
    expect(totalReturn([])).toBeNull();
  });

  it("CAGR: doubling in half a year is +300 % a year; ×1.21 over two years is +10 %", () => {
    expect(cagr(100, 200, YEAR_MS / 2)).toBeCloseTo(3, 12);
    expect(cagr(100, 121, 2 * YEAR_MS)).toBeCloseTo(0.1, 12);
    expect(cagr(100, 121, 0)).toBeNull();
  });

  it("Sharpe: returns [0.01, 0.03, −0.01, 0.01], 4 periods a year", () => {
    // mean = 0.01; deviations 0, .02, −.02, 0 → ss = 0.0008; sample var = 0.0008/3; sd = 0.016330
    // Sharpe = 0.01 / 0.016330 × √4 = 1.224745
    expect(sharpeRatio([0.01, 0.03, -0.01, 0.01], 4)).toBeCloseTo(1.2247448714, 9);
    expect(sharpeRatio([0.01, 0.01], 4)).toBeNull(); // zero deviation
    expect(sharpeRatio([0.01], 4)).toBeNull();
  });

  it("Sortino: downside deviation over all periods", () => {
    // returns [0.02, −0.01, 0.03, −0.02]: mean = 0.005; downside squares 0.0001 + 0.0004 = 0.0005
    // DD = √(0.0005 / 4) = 0.0111803; Sortino = 0.005 / 0.0111803 × √4 = 0.894427
    expect(sortinoRatio([0.02, -0.01, 0.03, -0.02], 4)).toBeCloseTo(0.894427191, 9);
    expect(sortinoRatio([0.01, 0.02], 4)).toBeNull(); // never below target
  });

  it("max drawdown and drawdown series", () => {
    // peak 120 → trough 90 = −25 %; later 130 → 117 = −10 %
    const eq = [100, 120, 90, 110, 130, 117];
    expect(maxDrawdown(eq)).toEqual({ maxDrawdown: 0.25, peakIndex: 1, troughIndex: 2 });
    const dd = Array.from(drawdownSeries(eq)).map((x) => Number(x.toFixed(12)));
    expect(dd).toEqual([0, 0, -0.25, -0.083333333333, 0, -0.1]);
    expect(maxDrawdown([1, 2, 3]).maxDrawdown).toBe(0);
  });

  it("win rate, profit factor and exposure", () => {
    const pnls = [10, -5, 20, -10, 0];
    expect(winRate(pnls)).toBe(0.4); // 2 wins of 5 (0 is not a win)
    expect(profitFactor(pnls)).toBe(2); // 30 / 15
    expect(profitFactor([1, 2])).toBeNull(); // no loss
    expect(winRate([])).toBeNull();
    expect(exposure(25, 100)).toBe(0.25);
    expect(exposure(0, 0)).toBe(0);
  });

  it("computeMetrics puts it together", () => {
    const m = computeMetrics({
      equity: [100, 110, 99, 121],
      durationMs: YEAR_MS,
      timeframeMs: YEAR_MS / 3,
      tradePnls: [10, -11, 22],
      barsInMarket: 2,
    });
    expect(m.totalReturn).toBeCloseTo(0.21, 12);
    expect(m.cagr).toBeCloseTo(0.21, 12);
    expect(m.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(m.tradeCount).toBe(3);
    expect(m.exposure).toBe(0.5);
    expect(m.profitFactor).toBeCloseTo(32 / 11, 12);
    // returns 0.1, −0.1, 0.222222: mean 0.0740741; squared deviations 0.000672, 0.030302, 0.021948
    // → sample var 0.0264609, sd 0.162668; Sharpe = 0.0740741 / 0.162668 × √3 = 0.788723
    expect(m.sharpe).toBeCloseTo(0.788723, 5);
  });

  it("property: computeMetrics' streaming Sharpe/Sortino equal the array functions bit for bit", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e9, noNaN: true }), fc.constant(0)), {
          maxLength: 200,
        }),
        fc.integer({ min: 1, max: 100_000 }),
        (equity, ppy) => {
          const m = computeMetrics({
            equity,
            durationMs: 1,
            timeframeMs: 60_000,
            tradePnls: [],
            barsInMarket: 0,
            periodsPerYear: ppy,
          });
          const r = periodReturns(equity);
          expect(Object.is(m.sharpe, sharpeRatio(r, ppy))).toBe(true);
          expect(Object.is(m.sortino, sortinoRatio(r, ppy))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
