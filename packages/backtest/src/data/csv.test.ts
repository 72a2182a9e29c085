// Tests of CSV loading: header mapping, timestamps, row errors naming file/line/field, quality report.
import { QuiverError, ValidationError } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { parseCsvBars } from "./csv.js";

const H = "timestamp,open,high,low,close,volume";
const T0 = Date.UTC(2018, 0, 10, 5, 0);

function csv(rows: string[]): string {
  return [H, ...rows].join("\n");
}

function catchError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error("expected a ValidationError");
}

describe("parseCsvBars", () => {
  it("reads ISO timestamps into columnar Float64Arrays", () => {
    const { series, quality } = parseCsvBars(
      csv(["2018-01-10T05:00:00Z,1,2,0.5,1.5,10", "2018-01-10T05:05:00Z,1.5,1.6,1.4,1.45,20"]),
      { instrumentId: "ETH/BTC", source: "eth.csv" },
    );
    expect(series.openTime).toBeInstanceOf(Float64Array);
    expect(Array.from(series.openTime)).toEqual([T0, T0 + 300_000]);
    expect(Array.from(series.close)).toEqual([1.5, 1.45]);
    expect(series.timeframe).toBe("5m"); // inferred
    expect(quality.gaps).toEqual([]);
    expect(quality.duplicates).toEqual([]);
  });

  it("reads epoch seconds and milliseconds, CRLF and a mapped header", () => {
    const text = "Time;O;H;L;C;V\r\n1515560400;1;1;1;1;0\r\n1515560700000;1;1;1;1;0\r\n";
    const { series } = parseCsvBars(text, {
      instrumentId: "X",
      timeframe: "5m",
      delimiter: ";",
      columns: { time: "time", open: "O", high: "H", low: "L", close: "C", volume: "V" },
    });
    expect(Array.from(series.openTime)).toEqual([T0, T0 + 300_000]);
  });

  it("a bad number names the file, line and field", () => {
    const e = catchError(() =>
      parseCsvBars(csv(["2018-01-10T05:00:00Z,1,2,0.5,1.5,10", "2018-01-10T05:05:00Z,1,abc,0.5,1,1"]), {
        instrumentId: "X",
        source: "data/x.csv",
      }),
    );
    expect(QuiverError.isInstance(e)).toBe(true);
    expect(e.code).toBe("VALIDATION");
    expect(e.paths).toEqual(["data/x.csv:3:high"]);
    expect(e.details).toMatchObject({ file: "data/x.csv", line: 3, field: "high" });
    expect(e.message).toContain('"abc"');
  });

  it.each([
    ["2018-13-10T05:00:00Z,1,1,1,1,1", "timestamp"],
    ["2018-02-30,1,1,1,1,1", "timestamp"],
    ["2018-01-10T05:00:00Z,1,1,1,1,", "volume"],
    ["2018-01-10T05:00:00Z,-1,1,0,1,1", "open"],
    ["2018-01-10T05:00:00Z,1,1,1,NaN,1", "close"],
    ["2018-01-10T05:00:00Z,1,1,1,Infinity,1", "close"],
    ["2018-01-10T05:00:00Z,1,0.9,0.5,0.8,1", "high"],
    ["2018-01-10T05:00:00Z,1,2,1.1,1.5,1", "low"],
  ])("rejects %s at field %s", (row, field) => {
    const e = catchError(() => parseCsvBars(csv([row]), { instrumentId: "X", timeframe: "5m", source: "f.csv" }));
    expect(e.paths).toEqual([`f.csv:2:${field}`]);
  });

  it("rejects a row with the wrong number of fields and a missing column", () => {
    expect(catchError(() => parseCsvBars(csv(["2018-01-10,1,1"]), { instrumentId: "X", timeframe: "1d", source: "f" })).paths).toEqual(["f:2:row"]);
    expect(catchError(() => parseCsvBars("timestamp,open,high,low,close\n", { instrumentId: "X", source: "f" })).paths).toEqual(["f:1:volume"]);
  });

  it("reports gaps with the number of missing bars", () => {
    const { quality, series } = parseCsvBars(
      csv([
        "2018-01-10T05:00:00Z,1,1,1,1,1",
        "2018-01-10T05:05:00Z,1,1,1,1,1",
        "2018-01-10T05:20:00Z,1,1,1,1,1",
        "2018-01-10T05:25:00Z,1,1,1,1,1",
      ]),
      { instrumentId: "X", timeframe: "5m" },
    );
    expect(series.length).toBe(4);
    expect(quality.gaps).toEqual([{ afterOpenTime: T0 + 300_000, nextOpenTime: T0 + 1_200_000, missingBars: 2 }]);
    expect(quality.missingBars).toBe(2);
  });

  it("reports duplicate timestamps and keeps the first by default, the last on request, or throws", () => {
    const text = csv([
      "2018-01-10T05:00:00Z,1,1,1,1,1",
      "2018-01-10T05:05:00Z,2,2,2,2,2",
      "2018-01-10T05:05:00Z,3,3,3,3,3",
      "2018-01-10T05:10:00Z,4,4,4,4,4",
    ]);
    const first = parseCsvBars(text, { instrumentId: "X", timeframe: "5m" });
    expect(Array.from(first.series.close)).toEqual([1, 2, 4]);
    expect(first.quality.duplicates).toEqual([{ openTime: T0 + 300_000, lines: [3, 4], keptLine: 3 }]);
    const last = parseCsvBars(text, { instrumentId: "X", timeframe: "5m", duplicates: "keep-last" });
    expect(Array.from(last.series.close)).toEqual([1, 3, 4]);
    expect(last.quality.duplicates[0]?.keptLine).toBe(4);
    const e = catchError(() => parseCsvBars(text, { instrumentId: "X", timeframe: "5m", duplicates: "error", source: "d.csv" }));
    expect(e.paths).toEqual(["d.csv:4:timestamp"]);
  });

  it("sorts out-of-order rows stably and reports them; flags misaligned times", () => {
    const { series, quality } = parseCsvBars(
      csv(["2018-01-10T05:05:00Z,2,2,2,2,2", "2018-01-10T05:00:00Z,1,1,1,1,1", "2018-01-10T05:11:00Z,3,3,3,3,3"]),
      { instrumentId: "X", timeframe: "5m" },
    );
    expect(Array.from(series.close)).toEqual([1, 2, 3]);
    expect(quality.outOfOrderRows).toBe(1);
    expect(quality.misalignedLines).toEqual([4]);
  });

  it("an ISO time without a zone is UTC and offsets are applied", () => {
    const { series } = parseCsvBars(csv(["2018-01-10 05:00,1,1,1,1,1", "2018-01-10T06:05:00+01:00,1,1,1,1,1"]), {
      instrumentId: "X",
      timeframe: "5m",
    });
    expect(Array.from(series.openTime)).toEqual([T0, T0 + 300_000]);
  });
});

describe("parseTimestamp", () => {
  it("fast ISO path agrees with Date.parse over many instants, and rejects impossible dates", async () => {
    const { parseTimestamp } = await import("./parse-fields.js");
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseTimestamp(iso)).toBe(ms);
        expect(parseTimestamp(iso.replace(/\.\d{3}Z$/, "Z"))).toBe(Math.floor(ms / 1000) * 1000);
      }),
      { numRuns: 300 },
    );
    expect(parseTimestamp("2018-02-29T00:00:00Z")).toBeNaN();
    expect(parseTimestamp("2020-02-29T00:00:00Z")).toBe(Date.UTC(2020, 1, 29));
    expect(parseTimestamp("2018-01-10T24:00:00Z")).toBeNaN();
    expect(parseTimestamp("2018-01-10T05:00:00.5Z")).toBe(Date.UTC(2018, 0, 10, 5, 0, 0, 500));
    expect(parseTimestamp("1515560400")).toBe(Date.UTC(2018, 0, 10, 5));
    expect(parseTimestamp("1515560400", "ms")).toBe(1515560400);
  });
});

describe("parsePrice", () => {
  it("accepts plain decimals and rejects blanks, hex, NaN, Infinity and negatives", async () => {
    const { parsePrice } = await import("./parse-fields.js");
    expect([parsePrice("1.5"), parsePrice(" 2 "), parsePrice("0"), parsePrice("5.3e-05")]).toEqual([1.5, 2, 0, 5.3e-5]);
    for (const bad of ["", "  ", "0x10", "0b1", "NaN", "Infinity", "-1", "1,5", "abc"]) expect(parsePrice(bad)).toBeNaN();
  });
});
