// Tests of timeframe parsing and UTC bar alignment, with properties for open/close/next-close.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import {
  barCloseTime,
  barOpenTime,
  isBarBoundary,
  isTimeframe,
  nextBarClose,
  parseTimeframe,
  timeframeMs,
} from "./timeframe.js";

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const SUPPORTED: Array<[string, number]> = [
  ["1m", MIN],
  ["3m", 3 * MIN],
  ["5m", 5 * MIN],
  ["15m", 15 * MIN],
  ["30m", 30 * MIN],
  ["1h", HOUR],
  ["2h", 2 * HOUR],
  ["4h", 4 * HOUR],
  ["6h", 6 * HOUR],
  ["8h", 8 * HOUR],
  ["12h", 12 * HOUR],
  ["1d", DAY],
  ["1w", 7 * DAY],
];
const timeframes = fc.constantFrom(...SUPPORTED.map(([tf]) => tf));
/** Instants from 1970 to ~2100, plus some before the epoch. */
const instants = fc.integer({ min: -10 * 365 * DAY, max: 130 * 365 * DAY });

describe("parseTimeframe", () => {
  it.each(SUPPORTED)("parses %s as %d ms", (tf, ms) => {
    const spec = parseTimeframe(tf);
    expect(spec.ms).toBe(ms);
    expect(spec.id).toBe(tf);
    expect(timeframeMs(tf)).toBe(ms);
    expect(isTimeframe(tf)).toBe(true);
  });

  it("splits count and unit", () => {
    expect(parseTimeframe("15m")).toMatchObject({ count: 15, unit: "m" });
    expect(parseTimeframe("1w")).toMatchObject({ count: 1, unit: "w" });
  });

  it.each([
    ["7m", /divide a day/],
    ["0m", /must look like/],
    ["2d", /only 1d/],
    ["2w", /only 1w/],
    ["1M", /must look like/],
    ["", /must look like/],
    ["abc", /must look like/],
    ["5 m", /must look like/],
    ["05m", /must look like/],
    ["-1h", /must look like/],
    ["1.5h", /must look like/],
    ["5h", /divide a day/],
    ["1s", /must look like/],
  ])("rejects %j with the field named", (tf, message) => {
    let caught: unknown;
    try {
      parseTimeframe(tf, "strategies[0].timeframe");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const err = caught as ValidationError;
    expect(err.paths).toEqual(["strategies[0].timeframe"]);
    expect(err.message).toMatch(message);
    expect(isTimeframe(tf)).toBe(false);
  });

  it("defaults the field name to timeframe and rejects non-strings", () => {
    expect(() => parseTimeframe("7m")).toThrow(/timeframe:/);
    expect(() => parseTimeframe(5 as unknown as string)).toThrow(ValidationError);
    expect(isTimeframe(5)).toBe(false);
    expect(isTimeframe(null)).toBe(false);
  });
});

describe("bar alignment", () => {
  it("aligns a 5m bar", () => {
    const t = Date.UTC(2024, 0, 1, 10, 7, 30);
    expect(barOpenTime(t, "5m")).toBe(Date.UTC(2024, 0, 1, 10, 5));
    expect(barCloseTime(t, "5m")).toBe(Date.UTC(2024, 0, 1, 10, 10));
    expect(nextBarClose(t, "5m")).toBe(Date.UTC(2024, 0, 1, 10, 10));
  });

  it("aligns 4h and 1d bars to UTC midnight", () => {
    const t = Date.UTC(2024, 5, 15, 9, 59, 59, 999);
    expect(barOpenTime(t, "4h")).toBe(Date.UTC(2024, 5, 15, 8));
    expect(barOpenTime(t, "1d")).toBe(Date.UTC(2024, 5, 15));
    expect(barCloseTime(t, "1d")).toBe(Date.UTC(2024, 5, 16));
  });

  it("starts weeks on Monday 00:00 UTC", () => {
    // 2024-01-07 is a Sunday; its week began on Monday 2024-01-01.
    expect(barOpenTime(Date.UTC(2024, 0, 7, 23, 59), "1w")).toBe(Date.UTC(2024, 0, 1));
    expect(barOpenTime(Date.UTC(2024, 0, 8), "1w")).toBe(Date.UTC(2024, 0, 8));
    expect(barOpenTime(0, "1w")).toBe(Date.UTC(1969, 11, 29)); // the Monday before the epoch
  });

  it("a bar closing exactly at t is not after t", () => {
    const b = Date.UTC(2024, 0, 1, 10, 10);
    expect(isBarBoundary(b, "5m")).toBe(true);
    expect(isBarBoundary(b + 1, "5m")).toBe(false);
    expect(nextBarClose(b, "5m")).toBe(b + 5 * MIN);
    expect(nextBarClose(b - 1, "5m")).toBe(b);
  });

  it("property: barOpenTime(t) ≤ t < barCloseTime(t), and the bar spans one timeframe", () => {
    fc.assert(
      fc.property(instants, timeframes, (t, tf) => {
        const open = barOpenTime(t, tf);
        const close = barCloseTime(t, tf);
        expect(open).toBeLessThanOrEqual(t);
        expect(t).toBeLessThan(close);
        expect(close - open).toBe(timeframeMs(tf));
      }),
      { numRuns: 300 },
    );
  });

  it("property: barOpenTime is idempotent and aligned (weeks on Mondays)", () => {
    fc.assert(
      fc.property(instants, timeframes, (t, tf) => {
        const open = barOpenTime(t, tf);
        expect(barOpenTime(open, tf)).toBe(open);
        expect(isBarBoundary(open, tf)).toBe(true);
        const anchor = tf === "1w" ? Date.UTC(1970, 0, 5) : 0;
        expect((((open - anchor) % timeframeMs(tf)) + timeframeMs(tf)) % timeframeMs(tf)).toBe(0);
        if (tf === "1w") {
          const d = new Date(open);
          expect(d.getUTCDay()).toBe(1);
          expect(d.getUTCHours() + d.getUTCMinutes() + d.getUTCSeconds() + d.getUTCMilliseconds()).toBe(0);
        }
        if (tf === "1d") expect(new Date(open).getUTCHours()).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("property: t < nextBarClose(t) ≤ t + ms, and boundaries step by exactly ms", () => {
    fc.assert(
      fc.property(instants, timeframes, (t, tf) => {
        const ms = timeframeMs(tf);
        const next = nextBarClose(t, tf);
        expect(next).toBeGreaterThan(t);
        expect(next - t).toBeLessThanOrEqual(ms);
        expect(isBarBoundary(next, tf)).toBe(true);
        const b = barOpenTime(t, tf);
        expect(nextBarClose(b, tf)).toBe(b + ms);
      }),
      { numRuns: 300 },
    );
  });

  it("property: every minute-multiple timeframe divides a day, so daily boundaries are bar boundaries", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), timeframes, (day, tf) => {
        if (tf === "1w") return;
        expect(isBarBoundary(day * DAY, tf)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
