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

// The cached day key (and start) always equal the uncached computation from zonedParts: across
// midnights, DST changes, skipped days, zone switches, and UTC computed without Intl.
const uncachedKey = (t: number, zone: string) => {
  const p = zonedParts(t, zone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
};
const uncachedStart = (t: number, zone: string) => {
  const p = zonedParts(t, zone);
  return zonedTimeToUtc({ year: p.year, month: p.month, day: p.day }, zone);
};
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

describe("zonedDayKey cache", () => {
  it("gives the uncached key at every millisecond edge of local midnight and DST changes", () => {
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
      for (const t of instants)
        for (const d of [-DAY, -HOUR, -60_001, -1, 0, 1, 59_999, HOUR, 2 * HOUR, DAY])
          expect(zonedDayKey(t + d, zone), `${zone} ${new Date(t + d).toISOString()}`).toBe(
            uncachedKey(t + d, zone),
          );
    }
  });

  it("matches the uncached key along random walks: forward steps, jumps, time going back, zone switches", () => {
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
          let t = start;
          let zone = firstZone;
          for (const s of steps) {
            t += s.dt;
            if (s.zone !== undefined) zone = s.zone;
            expect(zonedDayKey(t, zone)).toBe(uncachedKey(t, zone));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("walks minute by minute through a DST year of New York and Lord Howe without a wrong key", () => {
    for (const zone of ["America/New_York", "Australia/Lord_Howe"]) {
      // Every 7 minutes for a year: every midnight and every DST change passes by.
      for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 7 * 60_000)
        if (zonedDayKey(t, zone) !== uncachedKey(t, zone))
          expect(zonedDayKey(t, zone), `${zone} ${new Date(t).toISOString()}`).toBe(uncachedKey(t, zone));
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
          expect(zonedDayKey(t, "UTC")).toBe(uncachedKey(t, "UTC"));
          expect(startOfZonedDay(t, "UTC")).toBe(uncachedStart(t, "UTC"));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("moves on from a cached day to the next one", () => {
    const t = Date.UTC(2024, 5, 1, 12);
    expect(zonedDayKey(t, "Asia/Kolkata")).toBe("2024-06-01");
    expect(zonedDayKey(t + 12 * HOUR, "Asia/Kolkata")).toBe("2024-06-02");
  });
});
