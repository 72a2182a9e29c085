// Tests of BarSchema: round trips, defaults, and OHLC consistency errors naming the field.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { barWire } from "../../test/fixtures.js";
import { expectInvalidAt, expectRoundTrip, withFields } from "../../test/schema-helpers.js";
import { barOpenTime, timeframeMs } from "../time/timeframe.js";
import { BarSchema } from "./bar.js";

describe("BarSchema", () => {
  it("round-trips a closed bar", () => {
    const bar = expectRoundTrip(BarSchema, barWire, "Bar");
    expect(bar.close).toBe(0.0515);
    expect(typeof bar.open).toBe("number");
  });

  it("defaults closed to true and round-trips a forming bar", () => {
    expect(expectRoundTrip(BarSchema, withFields(barWire, { closed: undefined })).closed).toBe(true);
    expect(expectRoundTrip(BarSchema, withFields(barWire, { closed: false })).closed).toBe(false);
  });

  it("accepts a flat bar (open = high = low = close, zero volume)", () => {
    expectRoundTrip(BarSchema, withFields(barWire, { open: 1, high: 1, low: 1, close: 1, volume: 0 }));
  });

  it.each([
    ["high below close", { high: 0.0514 }, "high"],
    ["high below low", { high: 0.05, low: 0.0505, open: 0.05, close: 0.05 }, "high"],
    ["low above open", { low: 0.0513 }, "low"],
    ["close time not after open", { closeTime: barWire.openTime }, "closeTime"],
    ["unsupported timeframe", { timeframe: "7m" }, "timeframe"],
    ["NaN open", { open: Number.NaN }, "open"],
    ["Infinity high", { high: Number.POSITIVE_INFINITY }, "high"],
    ["string close", { close: "0.05" }, "close"],
    ["negative volume", { volume: -1 }, "volume"],
    ["negative open time", { openTime: -1 }, "openTime"],
    ["fractional close time", { closeTime: barWire.closeTime + 0.5 }, "closeTime"],
    ["missing instrument", { instrumentId: undefined }, "instrumentId"],
    ["unknown key", { vwap: 0.0513 }, "vwap"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(BarSchema, withFields(barWire, patch), path);
  });

  it("property: any consistent aligned bar round-trips", () => {
    const tf = fc.constantFrom("1m", "5m", "1h", "1d");
    fc.assert(
      fc.property(
        tf,
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.array(fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }), {
          minLength: 4,
          maxLength: 4,
        }),
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        (timeframe, t, prices, volume) => {
          const [a, b, c, d] = prices as [number, number, number, number];
          const openTime = barOpenTime(t, timeframe);
          // 0 instead of -0: JSON cannot carry a negative zero.
          const fix = (x: number) => x + 0;
          const bar = {
            instrumentId: "X",
            timeframe,
            openTime,
            closeTime: openTime + timeframeMs(timeframe),
            open: fix(b),
            close: fix(c),
            high: fix(Math.max(a, b, c, d)),
            low: fix(Math.min(a, b, c, d)),
            volume: fix(volume),
          };
          expectRoundTrip(BarSchema, bar);
        },
      ),
      { numRuns: 200 },
    );
  });
});
