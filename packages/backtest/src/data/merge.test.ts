// Tests of merging series in time order with a stable, deterministic tie-break.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BarSeries, createBarSeries } from "./bar-series.js";
import { mergeSeries } from "./merge.js";

const T0 = Date.UTC(2024, 0, 1);
function series(id: string, tf: string, times: number[]): BarSeries {
  const n = times.length;
  const z = () => new Float64Array(n).fill(1);
  return createBarSeries({ instrumentId: id, timeframe: tf }, {
    openTime: Float64Array.from(times),
    open: z(),
    high: z(),
    low: z(),
    close: z(),
    volume: z(),
  });
}

describe("mergeSeries", () => {
  it("orders by close time, then instrument id, then shorter timeframe, whatever the input order", () => {
    const b = series("B", "5m", [T0, T0 + 300_000]);
    const a = series("A", "5m", [T0 + 300_000]);
    const a1h = series("A", "1h", [T0]); // closes at T0+1h
    for (const input of [[b, a, a1h], [a1h, a, b]]) {
      const m = mergeSeries(input);
      const seq = Array.from({ length: m.length }, (_, k) => {
        const s = m.series[m.seriesIndex[k] as number] as BarSeries;
        return `${s.instrumentId}/${s.timeframe}@${((m.closeTime[k] as number) - T0) / 60_000}`;
      });
      expect(seq).toEqual(["B/5m@5", "A/5m@10", "B/5m@10", "A/1h@60"]);
    }
  });

  it("a single series merges to itself", () => {
    const s = series("A", "5m", [T0, T0 + 300_000, T0 + 900_000]);
    const m = mergeSeries([s]);
    expect(Array.from(m.rowIndex)).toEqual([0, 1, 2]);
    expect(Array.from(m.seriesIndex)).toEqual([0, 0, 0]);
    expect(Array.from(m.closeTime)).toEqual([T0 + 300_000, T0 + 600_000, T0 + 1_200_000]);
  });

  it("stores one byte per event (nothing for a single series) and builds the per-event arrays lazily", () => {
    const a = series("A", "5m", [T0, T0 + 300_000]);
    const b = series("B", "5m", [T0]);
    const m = mergeSeries([b, a]);
    expect(m.order).toBeInstanceOf(Uint8Array);
    expect(Array.from(m.order ?? [])).toEqual([0, 1, 0]);
    expect(Array.from(m.rowIndex)).toEqual([0, 0, 1]);
    expect(mergeSeries([a]).order).toBeNull();
  });

  it("property: output is sorted, complete and independent of input order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 30 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (sets, reverse) => {
          const input = sets.map((ts, i) => series(`S${i}`, "1m", [...ts].sort((x, y) => x - y).map((t) => T0 + t * 60_000)));
          const m1 = mergeSeries(input);
          const m2 = mergeSeries(reverse ? [...input].reverse() : input);
          expect(m1.length).toBe(sets.reduce((s, x) => s + x.length, 0));
          for (let k = 1; k < m1.length; k++) {
            const dt = (m1.closeTime[k] as number) - (m1.closeTime[k - 1] as number);
            expect(dt).toBeGreaterThanOrEqual(0);
            if (dt === 0) {
              const ia = (m1.series[m1.seriesIndex[k - 1] as number] as BarSeries).instrumentId;
              const ib = (m1.series[m1.seriesIndex[k] as number] as BarSeries).instrumentId;
              expect(ia < ib).toBe(true);
            }
          }
          const ids = (m: typeof m1) =>
            Array.from({ length: m.length }, (_, k) => `${(m.series[m.seriesIndex[k] as number] as BarSeries).instrumentId}:${m.rowIndex[k]}`);
          expect(ids(m2)).toEqual(ids(m1));
        },
      ),
      { numRuns: 60 },
    );
  });
});
