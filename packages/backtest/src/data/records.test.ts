// Tests of record loaders: in-memory arrays, JSON arrays, async iterables and grouping.
import { ValidationError } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { barsFromAsyncIterable, barsFromRecords, groupBars, parseJsonBars } from "./records.js";

const T0 = Date.UTC(2024, 0, 1);
const bar = (i: number, id = "A", c = 10 + i) => ({
  instrumentId: id,
  timeframe: "1m",
  openTime: T0 + i * 60_000,
  closeTime: T0 + (i + 1) * 60_000,
  open: c,
  high: c + 1,
  low: c - 1,
  close: c,
  volume: 5,
  closed: true,
});

describe("record loaders", () => {
  it("loads core Bars from an array", () => {
    const { series } = barsFromRecords([bar(0), bar(1), bar(2)], { instrumentId: "A", timeframe: "1m" });
    expect(Array.from(series.close)).toEqual([10, 11, 12]);
  });

  it("loads a JSON array with ISO timestamps and numeric strings", () => {
    const text = JSON.stringify([
      { timestamp: "2024-01-01T00:00:00Z", open: "1", high: "2", low: "0.5", close: "1.5", volume: 1 },
      { timestamp: "2024-01-01T00:01:00Z", open: 1.5, high: 2, low: 1, close: 1.2, volume: 2 },
    ]);
    const { series } = parseJsonBars(text, { instrumentId: "A" });
    expect(series.timeframe).toBe("1m");
    expect(Array.from(series.openTime)).toEqual([T0, T0 + 60_000]);
  });

  it("a bad record names the source, index and field", () => {
    const text = JSON.stringify([{ timestamp: T0, open: 1, high: 1, low: 1, close: 1, volume: 1 }, { timestamp: T0 + 60_000, open: 1, high: 1, low: 1, close: 1 }]);
    try {
      parseJsonBars(text, { instrumentId: "A", timeframe: "1m", source: "bars.json" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).paths).toEqual(["bars.json:1:volume"]);
    }
    expect(() => parseJsonBars("{", { instrumentId: "A" })).toThrow(ValidationError);
    expect(() => parseJsonBars("{}", { instrumentId: "A" })).toThrow(/JSON array/);
    expect(() => barsFromRecords([bar(0, "B")], { instrumentId: "A" })).toThrow(/instrumentId/);
  });

  it("loads from an async iterable", async () => {
    async function* gen() {
      for (let i = 0; i < 5; i++) yield bar(i);
    }
    const { series } = await barsFromAsyncIterable(gen(), { instrumentId: "A", timeframe: "1m" });
    expect(series.length).toBe(5);
  });

  it("groups mixed bars by instrument and timeframe", () => {
    const groups = groupBars([bar(0, "A"), bar(0, "B"), bar(1, "A"), bar(1, "B"), bar(2, "B")]);
    expect(groups.map((g) => [g.series.instrumentId, g.series.length])).toEqual([
      ["A", 2],
      ["B", 3],
    ]);
  });
});
