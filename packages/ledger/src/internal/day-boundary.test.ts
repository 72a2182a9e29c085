// Trading day start in a time zone, including a non-midnight boundary and DST.
import { startOfZonedDay } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { tradingDayStart } from "./day-boundary.js";

describe("tradingDayStart", () => {
  it("equals core's startOfZonedDay at 00:00", () => {
    const at = Date.UTC(2025, 2, 10, 3, 30); // 23:30 on Mar 9 in New York (EDT starts Mar 9)
    expect(tradingDayStart(at, "America/New_York", 0, 0)).toBe(startOfZonedDay(at, "America/New_York"));
  });
  it("uses the previous day's boundary before today's boundary time", () => {
    const at = Date.UTC(2025, 0, 15, 20, 0); // 15:00 New York (EST)
    expect(tradingDayStart(at, "America/New_York", 17, 0)).toBe(Date.UTC(2025, 0, 14, 22, 0));
    const later = Date.UTC(2025, 0, 15, 23, 0); // 18:00 New York
    expect(tradingDayStart(later, "America/New_York", 17, 0)).toBe(Date.UTC(2025, 0, 15, 22, 0));
  });
  it("works in UTC", () => {
    expect(tradingDayStart(Date.UTC(2025, 5, 1, 12), "UTC", 0, 0)).toBe(Date.UTC(2025, 5, 1));
  });
});
