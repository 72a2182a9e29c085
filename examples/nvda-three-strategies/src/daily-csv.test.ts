// The copied NVDA file loads as strictly increasing, well-formed 1d bars; bad rows name file, line and field.
import { fileURLToPath } from "node:url";
import { BarSchema } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { loadDailyBars, parseDailyCsv } from "./daily-csv.js";

const NVDA = fileURLToPath(new URL("../data/NVDA-1d.csv", import.meta.url));

describe("loadDailyBars", () => {
  it("loads the copied NVDA data within a date window", () => {
    const bars = loadDailyBars(NVDA, "NVDA", { from: "2010-01-01", to: "2010-12-31" });
    expect(bars).toHaveLength(252);
    expect(new Date(bars[0]!.openTime).toISOString().slice(0, 10)).toBe("2010-01-04");
    for (let i = 0; i < bars.length; i++) {
      BarSchema.parse(bars[i]);
      if (i > 0) expect(bars[i]!.openTime).toBeGreaterThan(bars[i - 1]!.openTime);
    }
  });

  it("rejects malformed rows naming file, line and field", () => {
    const head = "date,open,high,low,close,adj_close,volume";
    expect(() => parseDailyCsv(`${head}\n2010-01-04,1,2,0.5,-1,1,10`, "X", "x.csv")).toThrow(
      /x\.csv:2\.close/,
    );
    expect(() => parseDailyCsv(`${head}\n2010-01-04,1,0.9,0.5,1,1,10`, "X", "x.csv")).toThrow(
      /x\.csv:2\.high/,
    );
    expect(() => parseDailyCsv("date,close\n2010-01-04,1", "X", "x.csv")).toThrow(/unexpected header/);
  });
});
