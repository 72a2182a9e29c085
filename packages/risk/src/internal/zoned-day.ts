// The trading day containing an instant in a time zone, cached as [start, next start) so most calls do no Intl work.
import { startOfZonedDay, zonedDayKey } from "@quiver/core";

const DAY_MS = 86_400_000;
/** Well past the longest civil day (23–25 h, 24 h around a skipped date): lands inside the next day. */
const NEXT_DAY_PROBE_MS = 30 * 3_600_000;
/** First instant of the year 10000 (UTC): below it a UTC year prints as the same four digits Intl gives. */
const UTC_YEAR_10000 = 253_402_300_800_000;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * "YYYY-MM-DD" key of the zoned calendar day containing an instant, equal to core's
 * `zonedDayKey(now, timeZone)`. Intl formatting costs microseconds per call (a day boundary needs
 * about ten), so the day's bounds [start, next start) are kept and reused while `now` stays inside:
 * - UTC is plain arithmetic (no Intl at all);
 * - moving into the next day reuses the cached end as the new start (a day start, so only the new
 *   end and the key are looked up);
 * - anything else (another zone, a jump, time going backwards) recomputes from `now`.
 * The cache is keyed by zone and bounds only, so it can never answer for an instant outside them.
 */
export class ZonedDayCache {
  private zone = "";
  private from = 1;
  private to = 0;
  private key = "";

  /** Day key of `now` (epoch ms) in `timeZone`. */
  keyOf(now: number, timeZone: string): string {
    if (now >= this.from && now < this.to && this.zone === timeZone) return this.key;
    if ((timeZone === "UTC" || timeZone === "Etc/UTC") && now >= 0 && now < UTC_YEAR_10000) {
      const from = now - (now % DAY_MS);
      const d = new Date(from);
      this.set(
        timeZone,
        from,
        from + DAY_MS,
        `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`,
      );
      return this.key;
    }
    if (this.zone === timeZone && now >= this.to && this.to > this.from) {
      // The cached end is the next day's start; only that day's end is new.
      const from = this.to;
      const to = startOfZonedDay(from + NEXT_DAY_PROBE_MS, timeZone);
      if (now < to) {
        this.set(timeZone, from, to, zonedDayKey(from, timeZone));
        return this.key;
      }
    }
    const from = startOfZonedDay(now, timeZone);
    this.set(timeZone, from, startOfZonedDay(from + NEXT_DAY_PROBE_MS, timeZone), zonedDayKey(now, timeZone));
    return this.key;
  }

  /** Forgets the cached day (the next call recomputes it). */
  clear(): void {
    this.zone = "";
    this.from = 1;
    this.to = 0;
    this.key = "";
  }

  private set(zone: string, from: number, to: number, key: string): void {
    this.zone = zone;
    this.from = from;
    this.to = to;
    this.key = key;
  }
}
