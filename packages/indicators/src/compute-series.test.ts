// computeSeries/computeBarSeries tests: equal to streaming, output selection, length checks.
import { describe, expect, it } from "vitest";
import { randomBars, randomWalk } from "../test/helpers.js";
import { ATR } from "./atr.js";
import { computeBarSeries, computeSeries } from "./compute-series.js";
import { MACD } from "./macd.js";
import { SMA } from "./sma.js";
import { Stochastic } from "./stochastic.js";

describe("computeSeries", () => {
  it("returns one value per input, NaN while warming up", () => {
    const out = computeSeries(() => new SMA(3), [1, 2, 3, 4]);
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual([NaN, NaN, 2, 3]);
  });

  it("equals streaming the same values, and can select another output", () => {
    const values = randomWalk(500, 30);
    const macd = new MACD();
    const hist = values.map((v) => {
      macd.update(v);
      return macd.histogram;
    });
    expect(
      Array.from(
        computeSeries(
          () => new MACD(),
          values,
          (m) => m.histogram,
        ),
      ),
    ).toEqual(hist);
    expect(computeSeries(() => new SMA(2), new Float64Array([2, 4]))[1]).toBe(3);
  });

  it("propagates input validation", () => {
    expect(() => computeSeries(() => new SMA(2), [1, Number.NaN])).toThrow(/SMA.update: value/);
  });
});

describe("computeBarSeries", () => {
  it("streams bars and can select another output", () => {
    const { high, low, close } = randomBars(300, 31);
    const atr = new ATR(14);
    const expected = close.map((c, i) => atr.update(high[i]!, low[i]!, c));
    expect(Array.from(computeBarSeries(() => new ATR(14), high, low, close))).toEqual(expected);
    const stoch = new Stochastic();
    const ds = close.map((c, i) => {
      stoch.update(high[i]!, low[i]!, c);
      return stoch.d;
    });
    expect(
      Array.from(
        computeBarSeries(
          () => new Stochastic(),
          high,
          low,
          close,
          (s) => s.d,
        ),
      ),
    ).toEqual(ds);
  });

  it("rejects arrays of different lengths", () => {
    expect(() => computeBarSeries(() => new ATR(2), [2, 2], [1], [1.5, 1.5])).toThrow(
      /computeBarSeries: high, low and close must have the same length, got 2, 1, 2/,
    );
  });
});
