// Tests of time-zone arithmetic: New York DST days, gaps, overlaps, weekday schedules.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import {
  assertTimeZone,
  nextZonedTimeOfDay,
  parseTimeOfDay,
  startOfZonedDay,
  zoneOffsetMs,
  zonedDayKey,
  zonedParts,
  zonedTimeToUtc,
} from "./zoned.js";

const NY = "America/New_York";
const HOUR = 3_600_000;

describe("zonedParts / zoneOffsetMs", () => {
  it("reads New York wall time and weekday", () => {
    // 2024-01-19 21:00Z is Friday 16:00 EST.
    expect(zonedParts(Date.UTC(2024, 0, 19, 21), NY)).toEqual({
      year: 2024,
      month: 1,
      day: 19,
      hour: 16,
      minute: 0,
      second: 0,
      weekday: 5,
    });
  });

  it("reports -5h in winter and -4h in summer", () => {
    expect(zoneOffsetMs(Date.UTC(2024, 0, 15, 12), NY)).toBe(-5 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2024, 6, 15, 12), NY)).toBe(-4 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2024, 6, 15, 12, 0, 0, 999), NY)).toBe(-4 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2024, 6, 15, 12), "UTC")).toBe(0);
  });

  it("shows midnight as hour 0, not 24", () => {
    expect(zonedParts(Date.UTC(2024, 0, 16, 5), NY).hour).toBe(0);
  });
});

describe("zonedTimeToUtc", () => {
  it.each([
    ["15:55 winter", { year: 2024, month: 1, day: 16, hour: 15, minute: 55 }, Date.UTC(2024, 0, 16, 20, 55)],
    ["15:55 summer", { year: 2024, month: 7, day: 16, hour: 15, minute: 55 }, Date.UTC(2024, 6, 16, 19, 55)],
    ["09:31 winter", { year: 2024, month: 1, day: 16, hour: 9, minute: 31 }, Date.UTC(2024, 0, 16, 14, 31)],
    ["09:31 summer", { year: 2024, month: 7, day: 16, hour: 9, minute: 31 }, Date.UTC(2024, 6, 16, 13, 31)],
    [
      "09:31 on spring-forward day",
      { year: 2024, month: 3, day: 10, hour: 9, minute: 31 },
      Date.UTC(2024, 2, 10, 13, 31),
    ],
    [
      "09:31 on fall-back day",
      { year: 2024, month: 11, day: 3, hour: 9, minute: 31 },
      Date.UTC(2024, 10, 3, 14, 31),
    ],
  ])("converts New York %s", (_name, local, expected) => {
    expect(zonedTimeToUtc(local, NY)).toBe(expected);
  });

  it("maps the nonexistent 02:30 of spring-forward day to 03:30 EDT", () => {
    const t = zonedTimeToUtc({ year: 2024, month: 3, day: 10, hour: 2, minute: 30 }, NY);
    expect(t).toBe(Date.UTC(2024, 2, 10, 7, 30));
    expect(zonedParts(t, NY)).toMatchObject({ hour: 3, minute: 30, day: 10 });
  });

  it("maps the ambiguous 01:30 of fall-back day to the earlier instant (EDT)", () => {
    const t = zonedTimeToUtc({ year: 2024, month: 11, day: 3, hour: 1, minute: 30 }, NY);
    expect(t).toBe(Date.UTC(2024, 10, 3, 5, 30));
    expect(zonedParts(t + HOUR, NY)).toMatchObject({ hour: 1, minute: 30 }); // the EST repeat
  });

  it("property: zonedParts(zonedTimeToUtc(p)) == p for wall times that exist", () => {
    const zones = fc.constantFrom(NY, "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC");
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 0, 1) }), zones, (t, zone) => {
        // Wall times taken from real instants exist by construction (never in a DST gap).
        const p = zonedParts(t, zone);
        const back = zonedTimeToUtc(p, zone);
        const q = zonedParts(back, zone);
        expect({ ...q, weekday: 0 }).toEqual({ ...p, weekday: 0 });
        expect(q.weekday).toBe(p.weekday);
        const second = t - (t % 1000);
        // Equal, or the earlier twin when the wall time occurs twice (fall back).
        expect(back).toBeLessThanOrEqual(second);
        if (back !== second) {
          expect(second - back).toBe(HOUR);
          expect(zoneOffsetMs(back, zone)).toBe(zoneOffsetMs(second, zone) + HOUR);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("property: a wall time and its conversion agree on the calendar for generated New York dates", () => {
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 1990, max: 2060 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 28 }),
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.integer({ min: 0, max: 59 }),
          second: fc.integer({ min: 0, max: 59 }),
        }),
        (p) => {
          const q = zonedParts(zonedTimeToUtc(p, NY), NY);
          const inGap = q.hour !== p.hour; // only the spring-forward 02:xx hour moves
          if (inGap) {
            expect(p.hour).toBe(2);
            expect(q.hour).toBe(3);
            expect(p.month === 3 || p.month === 4).toBe(true);
          } else {
            expect({ y: q.year, m: q.month, d: q.day, h: q.hour, mi: q.minute, s: q.second }).toEqual({
              y: p.year,
              m: p.month,
              d: p.day,
              h: p.hour,
              mi: p.minute,
              s: p.second,
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("startOfZonedDay", () => {
  it("spring-forward day starts at 00:00 EST and lasts 23 hours", () => {
    const start = startOfZonedDay(Date.UTC(2024, 2, 10, 16), NY);
    expect(start).toBe(Date.UTC(2024, 2, 10, 5));
    const next = startOfZonedDay(Date.UTC(2024, 2, 11, 16), NY);
    expect(next).toBe(Date.UTC(2024, 2, 11, 4));
    expect(next - start).toBe(23 * HOUR);
  });

  it("fall-back day starts at 00:00 EDT and lasts 25 hours", () => {
    const start = startOfZonedDay(Date.UTC(2024, 10, 3, 16), NY);
    expect(start).toBe(Date.UTC(2024, 10, 3, 4));
    const next = startOfZonedDay(Date.UTC(2024, 10, 4, 16), NY);
    expect(next).toBe(Date.UTC(2024, 10, 4, 5));
    expect(next - start).toBe(25 * HOUR);
  });

  it("uses the local date, not the UTC date", () => {
    // 2024-01-17 02:00Z is still 2024-01-16 in New York.
    expect(startOfZonedDay(Date.UTC(2024, 0, 17, 2), NY)).toBe(Date.UTC(2024, 0, 16, 5));
    expect(zonedDayKey(Date.UTC(2024, 0, 17, 2), NY)).toBe("2024-01-16");
    expect(zonedDayKey(Date.UTC(2024, 0, 17, 5), NY)).toBe("2024-01-17");
  });

  it("property: start ≤ t < start of next day, and start is local midnight", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2050, 0, 1) }), (t) => {
        const start = startOfZonedDay(t, NY);
        expect(start).toBeLessThanOrEqual(t);
        expect(t - start).toBeLessThan(25 * HOUR);
        expect(zonedParts(start, NY)).toMatchObject({ hour: 0, minute: 0, second: 0 });
        expect(zonedDayKey(start, NY)).toBe(zonedDayKey(t, NY));
      }),
      { numRuns: 200 },
    );
  });
});

describe("startOfZonedDay cache", () => {
  const uncached = (t: number, zone: string) => {
    const p = zonedParts(t, zone);
    return zonedTimeToUtc({ year: p.year, month: p.month, day: p.day }, zone);
  };
  // DST at midnight (Havana, Santiago), half-hour and 45-minute offsets, a skipped day (Apia 2011).
  const zones = [
    "America/New_York",
    "America/Havana",
    "America/Santiago",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "Pacific/Apia",
    "UTC",
  ];

  it("property: walking time forward or jumping around gives the uncached answer", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2005, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.array(fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), { minLength: 1, maxLength: 40 }),
        (zone, t0, steps) => {
          let t = t0;
          for (const step of steps) {
            t += step;
            expect(startOfZonedDay(t, zone)).toBe(uncached(t, zone));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("is exact at every minute around DST changes and Apia's skipped day", () => {
    const around = [
      ["America/New_York", Date.UTC(2024, 2, 10, 0)],
      ["America/New_York", Date.UTC(2024, 10, 3, 0)],
      ["America/Havana", Date.UTC(2024, 2, 9, 12)],
      ["America/Santiago", Date.UTC(2024, 8, 7, 12)],
      ["Pacific/Apia", Date.UTC(2011, 11, 29, 0)],
    ] as const;
    for (const [zone, from] of around)
      for (let t = from; t < from + 3 * 86_400_000; t += 60_000)
        expect(startOfZonedDay(t, zone)).toBe(uncached(t, zone));
  });
});

describe("nextZonedTimeOfDay", () => {
  const friday16 = Date.UTC(2024, 0, 19, 21); // Friday 2024-01-19 16:00 EST

  it("later the same day", () => {
    expect(nextZonedTimeOfDay(Date.UTC(2024, 0, 16, 14), "09:31", NY)).toBe(Date.UTC(2024, 0, 16, 14, 31));
    expect(nextZonedTimeOfDay(Date.UTC(2024, 0, 16, 14), "15:55", NY)).toBe(Date.UTC(2024, 0, 16, 20, 55));
  });

  it("is strictly after: at exactly 09:31 the next is tomorrow's", () => {
    const at = Date.UTC(2024, 0, 16, 14, 31);
    expect(nextZonedTimeOfDay(at, "09:31", NY)).toBe(at + 24 * HOUR);
  });

  it("without weekdaysOnly, Friday 16:00 → Saturday 09:31", () => {
    expect(nextZonedTimeOfDay(friday16, "09:31", NY)).toBe(Date.UTC(2024, 0, 20, 14, 31));
  });

  it("weekdaysOnly skips the weekend: Friday 16:00 → Monday 09:31", () => {
    expect(nextZonedTimeOfDay(friday16, "09:31", NY, { weekdaysOnly: true })).toBe(
      Date.UTC(2024, 0, 22, 14, 31),
    );
  });

  it("skipDates skips holidays (Monday off → Tuesday)", () => {
    const next = nextZonedTimeOfDay(friday16, "09:31", NY, {
      weekdaysOnly: true,
      skipDates: new Set(["2024-01-22"]),
    });
    expect(next).toBe(Date.UTC(2024, 0, 23, 14, 31));
  });

  it("crosses a DST change: Friday before spring forward → Monday 09:31 EDT", () => {
    const fri = Date.UTC(2024, 2, 8, 21); // 16:00 EST
    expect(nextZonedTimeOfDay(fri, "09:31", NY, { weekdaysOnly: true })).toBe(Date.UTC(2024, 2, 11, 13, 31));
  });

  it("uses the local weekday near UTC midnight (Friday 20:00 EST is Saturday in UTC)", () => {
    const fri20 = Date.UTC(2024, 0, 20, 1); // Saturday 01:00Z = Friday 20:00 EST
    expect(nextZonedTimeOfDay(fri20, "21:00", NY, { weekdaysOnly: true })).toBe(Date.UTC(2024, 0, 20, 2));
  });

  it("property: result is after the input, at the wall time, on a weekday", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2050, 0, 1) }),
        fc.constantFrom("09:31", "15:55", "00:00", "23:59", "12:00"),
        (t, time) => {
          const next = nextZonedTimeOfDay(t, time, NY, { weekdaysOnly: true });
          const p = zonedParts(next, NY);
          expect(next).toBeGreaterThan(t);
          expect(next - t).toBeLessThanOrEqual(4 * 24 * HOUR);
          expect(`${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`).toBe(time);
          expect(p.weekday).toBeGreaterThanOrEqual(1);
          expect(p.weekday).toBeLessThanOrEqual(5);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("invalid input", () => {
  function validationError(fn: () => unknown): ValidationError {
    let caught: unknown;
    try {
      fn();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    return caught as ValidationError;
  }

  it("an unknown time zone is a ValidationError naming the field", () => {
    expect(validationError(() => zonedParts(0, "Mars/Olympus_Mons")).paths).toEqual(["timeZone"]);
    expect(validationError(() => nextZonedTimeOfDay(0, "09:31", "Not/AZone")).message).toContain("Not/AZone");
    expect(validationError(() => assertTimeZone("Nope/Nope", "schedule.timeZone")).paths).toEqual([
      "schedule.timeZone",
    ]);
    expect(() => assertTimeZone(NY)).not.toThrow();
  });

  it.each(["9:31", "24:00", "12:60", "", "0931", "12:00:00"])(
    "parseTimeOfDay rejects %j naming the field",
    (v) => {
      expect(validationError(() => parseTimeOfDay(v, "close.time")).paths).toEqual(["close.time"]);
    },
  );

  it("parseTimeOfDay parses HH:MM", () => {
    expect(parseTimeOfDay("15:55")).toEqual({ hour: 15, minute: 55 });
    expect(parseTimeOfDay("00:00")).toEqual({ hour: 0, minute: 0 });
  });
});
