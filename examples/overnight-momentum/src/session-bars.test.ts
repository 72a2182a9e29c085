// The daily → 09:31/15:55 proxy-bar approximation, across both DST regimes.
import { describe, expect, it } from "vitest";
import { parseDaily } from "./run.js";
import { holidaysOf, proxyKindOf, scheduleMomentOf, toSessionBars, tradingDateOf } from "./session-bars.js";

const csv = [
  "date,open,high,low,close,adj_close,volume",
  "2014-01-02,10,12,9,11,11,1000", // EST (UTC−5)
  "2014-07-01,20,21,19,19.5,19.5,2000", // EDT (UTC−4)
].join("\n");

describe("toSessionBars (seed 001 times approximated from daily bars)", () => {
  const bars = toSessionBars(parseDaily(csv, "NVDA", "test.csv"));

  it("makes a bar closing 09:30 priced at the open and one closing 15:54 priced at the close, New York time", () => {
    expect(bars).toHaveLength(4);
    expect(new Date(bars[0]!.closeTime).toISOString()).toBe("2014-01-02T14:30:00.000Z");
    expect(new Date(bars[1]!.closeTime).toISOString()).toBe("2014-01-02T20:54:00.000Z");
    expect(new Date(bars[2]!.closeTime).toISOString()).toBe("2014-07-01T13:30:00.000Z");
    expect(new Date(bars[3]!.closeTime).toISOString()).toBe("2014-07-01T19:54:00.000Z");
    expect(bars.map((b) => b.close)).toEqual([10, 11, 20, 19.5]);
    expect(bars.every((b) => b.open === b.close && b.high === b.close && b.low === b.close)).toBe(true);
    expect(bars.map((b) => proxyKindOf(b.closeTime))).toEqual(["open", "close", "open", "close"]);
    // The daily jobs run one minute after each proxy closes.
    expect(bars.map((b) => scheduleMomentOf(b.closeTime + 60_000))).toEqual([
      "09:31",
      "15:55",
      "09:31",
      "15:55",
    ]);
    expect(bars.map((b) => tradingDateOf(b.closeTime))).toEqual([
      "2014-01-02",
      "2014-01-02",
      "2014-07-01",
      "2014-07-01",
    ]);
  });

  it("recognises no other time as a schedule moment or proxy", () => {
    expect(scheduleMomentOf(Date.parse("2014-01-02T14:30:00Z"))).toBeNull();
    expect(scheduleMomentOf(Date.parse("2014-07-01T14:31:00Z"))).toBeNull(); // 10:31 EDT
    expect(proxyKindOf(Date.parse("2014-07-01T14:30:00Z"))).toBeNull();
  });

  it("lists weekdays without data as holidays for the schedules to skip", () => {
    const daily = parseDaily(
      [
        "date,open,high,low,close,adj_close,volume",
        "2014-07-02,1,1,1,1,1,1",
        "2014-07-03,1,1,1,1,1,1",
        "2014-07-07,1,1,1,1,1,1", // Friday 4 July closed; the weekend is not a holiday
      ].join("\n"),
      "X",
      "h.csv",
    );
    expect(holidaysOf(daily)).toEqual(["2014-07-04"]);
  });

  it("keeps only the days of the [from, to] window", () => {
    expect(parseDaily(csv, "NVDA", "w.csv", "2014-07-01", "2014-12-31").map((b) => b.close)).toEqual([19.5]);
    expect(parseDaily(csv, "NVDA", "w.csv", undefined, "2014-01-02").map((b) => b.close)).toEqual([11]);
  });

  it("rejects a malformed row naming file, line and field", () => {
    expect(() => parseDaily(`${csv}\n2014-07-02,x,1,1,1,1,1`, "NVDA", "bad.csv")).toThrow(/bad\.csv:4:open/);
    expect(() => parseDaily(`${csv}\n2014-07-01,1,1,1,1,1,1`, "NVDA", "dup.csv")).toThrow(
      /dup\.csv:4:timestamp/,
    );
    expect(() => parseDaily(`${csv}\n2014-01-03,1,1,1,1,1,1`, "NVDA", "order.csv")).toThrow(
      /order\.csv: dates must increase/,
    );
  });
});
