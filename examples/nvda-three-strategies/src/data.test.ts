// The copied NVDA file loads through @quiver/backtest's CSV loader as well-formed 1d bars; bad rows name file, line and field.
import { barAt, parseCsvBars } from "@quiver/backtest";
import { BarSchema } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { loadNvda } from "./run.js";

const HEAD = "date,open,high,low,close,adj_close,volume";
const parse = (text: string) =>
  parseCsvBars(text, { instrumentId: "X", timeframe: "1d", source: "x.csv", duplicates: "error" });

describe("loadNvda (the daily date,open,high,low,close,adj_close,volume file)", () => {
  it("loads the copied NVDA data within a date window", () => {
    const { series, quality } = loadNvda("2010-01-01", "2010-12-31");
    expect(series.length).toBe(252);
    expect(new Date(series.openTime[0]!).toISOString().slice(0, 10)).toBe("2010-01-04");
    expect(new Date(series.openTime[series.length - 1]!).toISOString().slice(0, 10)).toBe("2010-12-31");
    for (let i = 0; i < series.length; i++) {
      BarSchema.parse(barAt(series, i));
      if (i > 0) expect(series.openTime[i]!).toBeGreaterThan(series.openTime[i - 1]!);
    }
    // Weekends and holidays are gaps of the 1d timeframe, reported (not hidden) by the quality report.
    expect(quality.bars).toBe(252);
    expect(quality.gaps.length).toBeGreaterThan(50);
    expect(quality.duplicates).toEqual([]);
  });

  it("reads a day as a 1d bar opening at 00:00 UTC of its date, with the raw close (adj_close ignored)", () => {
    const { series } = parse(`${HEAD}\n2010-01-04,1,2,0.5,1.5,1.2,10`);
    const bar = barAt(series, 0);
    expect(bar).toMatchObject({
      openTime: Date.UTC(2010, 0, 4),
      closeTime: Date.UTC(2010, 0, 5),
      close: 1.5,
      volume: 10,
    });
  });

  it("rejects malformed rows naming file, line and field", () => {
    expect(() => parse(`${HEAD}\n2010-01-04,1,2,0.5,-1,1,10`)).toThrow(/x\.csv:2:close/);
    expect(() => parse(`${HEAD}\n2010-01-04,1,0.9,0.5,1,1,10`)).toThrow(/x\.csv:2:high/);
    expect(() => parse(`${HEAD}\n2010-01-04,1,1,1,1,1,1\n2010-01-04,1,1,1,1,1,1`)).toThrow(
      /x\.csv:3:timestamp/,
    );
    expect(() => parse("date,close\n2010-01-04,1")).toThrow(/x\.csv:1:open/);
  });
});
