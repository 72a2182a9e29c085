// Entry-point tests: the exported names, and the NaN-until-ready convention across every indicator.
import { describe, expect, it } from "vitest";
import * as api from "./index.js";

describe("package entry point", () => {
  it("exports exactly the public API (no internals)", () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        "ATR",
        "BollingerBands",
        "EMA",
        "Highest",
        "Lowest",
        "MACD",
        "Momentum",
        "ROC",
        "RSI",
        "SMA",
        "Stochastic",
        "WMA",
        "WilderSmoothing",
        "computeBarSeries",
        "computeSeries",
      ].sort(),
    );
  });

  it("every value indicator follows the NaN-until-ready convention", () => {
    const indicators = [
      new api.SMA(4),
      new api.EMA(4),
      new api.WMA(4),
      new api.WilderSmoothing(4),
      new api.RSI(4),
      new api.MACD({ fastPeriod: 2, slowPeriod: 4, signalPeriod: 3 }),
      new api.BollingerBands({ period: 4 }),
      new api.Highest(4),
      new api.Lowest(4),
      new api.Momentum(4),
      new api.ROC(4),
    ];
    for (const indicator of indicators) {
      for (let i = 1; i <= indicator.warmupPeriod + 3; i++) {
        const v = indicator.update(100 + ((i * 7) % 5));
        expect(indicator.count).toBe(i);
        expect(indicator.isReady).toBe(i >= indicator.warmupPeriod);
        expect(Number.isNaN(v)).toBe(i < indicator.warmupPeriod);
        expect(Object.is(v, indicator.value)).toBe(true);
      }
    }
  });

  it("every bar indicator follows the NaN-until-ready convention", () => {
    for (const indicator of [new api.ATR(4), new api.Stochastic({ kPeriod: 3, kSmoothing: 2, dPeriod: 2 })]) {
      for (let i = 1; i <= indicator.warmupPeriod + 3; i++) {
        const v = indicator.update(102 + (i % 3), 99, 100 + (i % 2));
        expect(indicator.isReady).toBe(i >= indicator.warmupPeriod);
        expect(Number.isNaN(v)).toBe(i < indicator.warmupPeriod);
      }
    }
  });
});
