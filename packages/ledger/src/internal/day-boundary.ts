// Start of the trading day containing an instant, for a wall-clock day start in a time zone.
import { zonedParts, zonedTimeToUtc } from "@quiver/core";

/**
 * The latest instant ≤ `atMs` at which the wall clock in `timeZone` showed `hour:minute`.
 * With 00:00 this is local midnight (core's `startOfZonedDay`); 17:00 gives an FX-style day.
 */
export function tradingDayStart(atMs: number, timeZone: string, hour: number, minute: number): number {
  const p = zonedParts(atMs, timeZone);
  const today = zonedTimeToUtc({ year: p.year, month: p.month, day: p.day, hour, minute }, timeZone);
  if (today <= atMs) return today;
  const prev = new Date(Date.UTC(p.year, p.month - 1, p.day - 1));
  return zonedTimeToUtc(
    { year: prev.getUTCFullYear(), month: prev.getUTCMonth() + 1, day: prev.getUTCDate(), hour, minute },
    timeZone,
  );
}
