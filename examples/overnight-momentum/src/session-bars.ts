// Turns daily bars into proxy bars for seed 001's two moments: the 09:31 exit and the 15:55 entry/rebalance.
import { type Bar, zonedDayKey, zonedParts, zonedTimeToUtc } from "@quiver/core";

/** The exchange time zone of the data. */
export const NEW_YORK = "America/New_York";

/** The scheduled decision times of seed 001 (New York). */
export type ScheduleMoment = "09:31" | "15:55";

/** What a proxy bar stands for: the session's opening price or its closing price. */
export type ProxyKind = "open" | "close";

const MINUTE = 60_000;

/**
 * APPROXIMATION (only daily bars exist): each trading day becomes two closed `1m` bars —
 * - an "open" proxy closing at 09:30 New York whose price (O=H=L=C) is the day's OPEN, and
 * - a "close" proxy closing at 15:54 New York whose price is the day's CLOSE (really 16:00).
 * The runner's daily jobs at 09:31 and 15:55 then see the bar that closed a minute earlier, and
 * the paper broker (fillAt "close") fills their market orders at that bar's price: the 09:31 exit
 * at the day's open, the 15:55 entry at the day's close. Volume is split evenly. Input bars must be
 * `1d` bars opening at 00:00 UTC of the trading date; output is in time order per instrument.
 */
export function toSessionBars(daily: readonly Bar[]): Bar[] {
  const out: Bar[] = [];
  for (const d of daily) {
    const date = new Date(d.openTime);
    const ymd = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    const openProxy = zonedTimeToUtc({ ...ymd, hour: 9, minute: 30 }, NEW_YORK);
    const closeProxy = zonedTimeToUtc({ ...ymd, hour: 15, minute: 54 }, NEW_YORK);
    const half = d.volume / 2;
    out.push(
      flatBar(d.instrumentId, openProxy, d.open, half),
      flatBar(d.instrumentId, closeProxy, d.close, half),
    );
  }
  return out;
}

/** Which proxy a bar is, from its close time in New York (null for any other bar). */
export function proxyKindOf(closeTime: number): ProxyKind | null {
  const p = zonedParts(closeTime, NEW_YORK);
  if (p.second !== 0) return null;
  if (p.hour === 9 && p.minute === 30) return "open";
  if (p.hour === 15 && p.minute === 54) return "close";
  return null;
}

/** Which scheduled moment an instant is, in New York (null for any other time). */
export function scheduleMomentOf(atMs: number): ScheduleMoment | null {
  const p = zonedParts(atMs, NEW_YORK);
  if (p.second !== 0) return null;
  if (p.hour === 9 && p.minute === 31) return "09:31";
  if (p.hour === 15 && p.minute === 55) return "15:55";
  return null;
}

/** "YYYY-MM-DD" New York date of an instant. */
export function tradingDateOf(atMs: number): string {
  return zonedDayKey(atMs, NEW_YORK);
}

/**
 * Weekdays in [first, last] trading date with no bar: the market holidays of the data, so the
 * daily jobs skip them (`skipDates`) instead of trading on a stale price.
 */
export function holidaysOf(daily: readonly Bar[]): string[] {
  if (daily.length === 0) return [];
  const have = new Set(daily.map((b) => new Date(b.openTime).toISOString().slice(0, 10)));
  const out: string[] = [];
  const last = daily[daily.length - 1]!.openTime;
  for (let t = daily[0]!.openTime; t <= last; t += 86_400_000) {
    const wd = new Date(t).getUTCDay();
    const key = new Date(t).toISOString().slice(0, 10);
    if (wd !== 0 && wd !== 6 && !have.has(key)) out.push(key);
  }
  return out;
}

function flatBar(instrumentId: string, closeTime: number, price: number, volume: number): Bar {
  return {
    instrumentId,
    timeframe: "1m",
    openTime: closeTime - MINUTE,
    closeTime,
    open: price,
    high: price,
    low: price,
    close: price,
    volume,
    closed: true,
  };
}
