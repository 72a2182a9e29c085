// The cached day key always equals core's zonedDayKey: across midnights, DST changes, skipped days, zone switches.
import { zonedDayKey } from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZonedDayCache } from "./zoned-day.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONES = [
  "UTC",
  "Etc/UTC",
  "America/New_York",
  "Europe/London",
  "Asia/Kolkata",
  "Australia/Lord_Howe", // 30-minute DST shift
  "Pacific/Chatham", // +12:45/+13:45
  "Pacific/Apia", // skipped 2011-12-30 entirely
  "America/Sao_Paulo", // DST used to start at local midnight (midnight did not exist)
  "America/Havana", // DST at midnight too
];

describe("ZonedDayCache", () => {
  it("gives zonedDayKey at every millisecond edge of local midnight and DST changes", () => {
    const instants = [
      Date.UTC(2024, 2, 10, 5), // New York midnight, the day DST starts
      Date.UTC(2024, 2, 10, 7), // 03:00 EDT just after the spring-forward gap
      Date.UTC(2024, 10, 3, 4), // New York midnight, the day DST ends
      Date.UTC(2024, 10, 3, 6), // 01:00 EST, second pass of the repeated hour
      Date.UTC(2024, 2, 31, 0), // London midnight, DST starts at 01:00 that day
      Date.UTC(2011, 11, 29, 10), // Apia: start of 2011-12-29; the next local day is the 31st
      Date.UTC(2011, 11, 30, 10), // Apia: start of 2011-12-31
      Date.UTC(2018, 10, 4, 3), // São Paulo: 00:00 did not exist on 2018-11-04 (DST at midnight)
      Date.UTC(2024, 0, 1),
      Date.UTC(2024, 1, 29),
      Date.UTC(2100, 2, 1),
    ];
    for (const zone of ZONES) {
      const cache = new ZonedDayCache();
      for (const t of instants)
        for (const d of [-DAY, -HOUR, -60_001, -1, 0, 1, 59_999, HOUR, 2 * HOUR, DAY])
          expect(cache.keyOf(t + d, zone), `${zone} ${new Date(t + d).toISOString()}`).toBe(
            zonedDayKey(t + d, zone),
          );
    }
  });

  it("matches zonedDayKey along random walks: forward steps, jumps, time going back, zone switches", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.array(
          fc.record({
            dt: fc.oneof(
              fc.integer({ min: 0, max: 2 * HOUR }),
              fc.integer({ min: 0, max: 3 * DAY }),
              fc.integer({ min: -2 * DAY, max: 0 }),
            ),
            zone: fc.option(fc.constantFrom(...ZONES), { nil: undefined, freq: 8 }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        fc.constantFrom(...ZONES),
        (start, steps, firstZone) => {
          const cache = new ZonedDayCache();
          let t = start;
          let zone = firstZone;
          for (const s of steps) {
            t += s.dt;
            if (s.zone !== undefined) zone = s.zone;
            expect(cache.keyOf(t, zone)).toBe(zonedDayKey(t, zone));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("walks minute by minute through a DST year of New York and Lord Howe without a wrong key", () => {
    for (const zone of ["America/New_York", "Australia/Lord_Howe"]) {
      const cache = new ZonedDayCache();
      // Every 7 minutes for a year: every midnight and every DST change passes by.
      for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 7 * 60_000)
        if (cache.keyOf(t, zone) !== zonedDayKey(t, zone))
          expect(cache.keyOf(t, zone), `${zone} ${new Date(t).toISOString()}`).toBe(zonedDayKey(t, zone));
    }
  });

  it("computes UTC days without Intl, identically, from 1970 to 9999, and falls back outside", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }),
          fc.double({ min: 0, max: 4e12, noNaN: true }),
          fc.integer({ min: -1e12, max: -1 }),
        ),
        (t) => {
          expect(new ZonedDayCache().keyOf(t, "UTC")).toBe(zonedDayKey(t, "UTC"));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("clear() forgets the cached day", () => {
    const cache = new ZonedDayCache();
    const t = Date.UTC(2024, 5, 1, 12);
    expect(cache.keyOf(t, "Asia/Kolkata")).toBe("2024-06-01");
    cache.clear();
    expect(cache.keyOf(t + 12 * HOUR, "Asia/Kolkata")).toBe("2024-06-02");
  });
});
