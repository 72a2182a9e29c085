// Timeframes ("1m" … "1w"): parsing and UTC bar alignment.
import { ValidationError } from "../errors.js";

/** A bar timeframe such as `"5m"`, `"1h"`, `"1d"` or `"1w"`. */
export type Timeframe = string;

/** The unit of a timeframe: minutes, hours, days or weeks. */
export type TimeframeUnit = "m" | "h" | "d" | "w";

/** A parsed timeframe. */
export interface TimeframeSpec {
  readonly id: Timeframe;
  readonly count: number;
  readonly unit: TimeframeUnit;
  /** Duration in milliseconds. */
  readonly ms: number;
}

const UNIT_MS: Record<TimeframeUnit, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
/** Weeks align to Monday 00:00 UTC; the epoch was a Thursday, Monday 1970-01-05 is 4 days later. */
const WEEK_ANCHOR_MS = 4 * 86_400_000;
const PATTERN = /^([1-9]\d{0,3})(m|h|d|w)$/;
const cache = new Map<string, TimeframeSpec>();

/**
 * Parses a timeframe. Minute and hour timeframes must divide a day evenly (so bars align to
 * UTC midnight); day timeframes are 1d; weeks are 1w (Monday 00:00 UTC).
 *
 * @throws ValidationError naming `field` for anything else.
 * @example parseTimeframe("15m").ms // 900000
 */
export function parseTimeframe(value: string, field = "timeframe"): TimeframeSpec {
  const hit = cache.get(value);
  if (hit) return hit;
  const m = typeof value === "string" ? PATTERN.exec(value) : null;
  if (!m) {
    throw new ValidationError("timeframe", [
      { path: field, message: `must look like "1m", "5m", "1h", "1d" or "1w", got ${JSON.stringify(value)}` },
    ]);
  }
  const count = Number(m[1]);
  const unit = m[2] as TimeframeUnit;
  const ms = count * UNIT_MS[unit];
  if ((unit === "m" || unit === "h") && 86_400_000 % ms !== 0) {
    throw new ValidationError("timeframe", [
      {
        path: field,
        message: `"${value}" does not divide a day evenly, so its bars cannot align to UTC midnight`,
      },
    ]);
  }
  if ((unit === "d" || unit === "w") && count !== 1) {
    throw new ValidationError("timeframe", [
      { path: field, message: `only 1${unit} is supported, got "${value}"` },
    ]);
  }
  const spec: TimeframeSpec = { id: value, count, unit, ms };
  cache.set(value, spec);
  return spec;
}

/** True when `value` parses as a timeframe. */
export function isTimeframe(value: unknown): value is Timeframe {
  if (typeof value !== "string") return false;
  try {
    parseTimeframe(value);
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds in one bar of `timeframe`. */
export function timeframeMs(timeframe: Timeframe): number {
  return parseTimeframe(timeframe).ms;
}

/**
 * Open time (epoch ms, UTC) of the bar of `timeframe` that contains instant `atMs`.
 * @example barOpenTime(Date.UTC(2024,0,1,10,7), "5m") === Date.UTC(2024,0,1,10,5)
 */
export function barOpenTime(atMs: number, timeframe: Timeframe): number {
  const { ms, unit } = parseTimeframe(timeframe);
  const anchor = unit === "w" ? WEEK_ANCHOR_MS : 0;
  return Math.floor((atMs - anchor) / ms) * ms + anchor;
}

/** Close time (exclusive end, epoch ms) of the bar that contains `atMs`: open + duration. */
export function barCloseTime(atMs: number, timeframe: Timeframe): number {
  return barOpenTime(atMs, timeframe) + parseTimeframe(timeframe).ms;
}

/**
 * The first bar close strictly after `afterMs`. A bar closing exactly at `afterMs` is not
 * "after" it, so the next one is returned.
 */
export function nextBarClose(afterMs: number, timeframe: Timeframe): number {
  return barOpenTime(afterMs, timeframe) + parseTimeframe(timeframe).ms;
}

/** True when `atMs` is exactly on a bar boundary of `timeframe`. */
export function isBarBoundary(atMs: number, timeframe: Timeframe): boolean {
  return barOpenTime(atMs, timeframe) === atMs;
}
