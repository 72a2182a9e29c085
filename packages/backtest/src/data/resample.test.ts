// Tests of resampling OHLCV to a larger timeframe.
import { ValidationError } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { createBarSeries } from "./bar-series.js";
import { resampleSeries } from "./resample.js";

const T0 = Date.UTC(2024, 0, 1, 10, 0);
const M = 60_000;
function five(rows: Array<[number, number, number, number, number, number]>) {
  const col = (k: number) => Float64Array.from(rows.map((r) => r[k] as number));
  return createBarSeries(
    { instrumentId: "X", timeframe: "5m", source: "t" },
    { openTime: col(0), open: col(1), high: col(2), low: col(3), close: col(4), volume: col(5) },
  );
}

describe("resampleSeries", () => {
  it("aggregates open/high/low/close/volume per aligned bucket and drops the still-open last bucket", () => {
    const s = five([
      [T0, 10, 12, 9, 11, 1],
      [T0 + 5 * M, 11, 15, 10, 14, 2],
      [T0 + 10 * M, 14, 14, 8, 9, 3],
      [T0 + 15 * M, 9, 10, 9, 10, 4],
      [T0 + 20 * M, 10, 11, 10, 11, 5],
    ]);
    const r = resampleSeries(s, "15m");
    expect(r.series.timeframe).toBe("15m");
    expect(Array.from(r.series.openTime)).toEqual([T0]);
    expect([r.series.open[0], r.series.high[0], r.series.low[0], r.series.close[0], r.series.volume[0]]).toEqual([10, 15, 8, 9, 6]);
    expect(r.droppedOpenBucket).toBe(true);
  });

  it("keeps a closed bucket with a gap and lists it as incomplete", () => {
    const s = five([
      [T0, 1, 2, 1, 2, 1],
      [T0 + 10 * M, 2, 3, 2, 3, 1],
      [T0 + 15 * M, 3, 3, 3, 3, 1],
      [T0 + 20 * M, 3, 3, 3, 3, 1],
      [T0 + 25 * M, 3, 4, 3, 4, 1],
    ]);
    const r = resampleSeries(s, "15m");
    expect(Array.from(r.series.openTime)).toEqual([T0, T0 + 15 * M]);
    expect(r.incompleteBuckets).toEqual([T0]);
    expect(r.droppedOpenBucket).toBe(false);
    expect(Array.from(r.series.close)).toEqual([3, 4]);
  });

  it("rejects a timeframe that is not a larger multiple", () => {
    const s = five([[T0, 1, 1, 1, 1, 1]]);
    expect(() => resampleSeries(s, "5m")).toThrow(ValidationError);
    expect(() => resampleSeries(s, "1m")).toThrow(/whole multiple/);
  });
});
