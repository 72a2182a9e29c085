// Wall-clock arithmetic in IANA time zones (day boundaries, time-of-day schedules) without dependencies.
import { ValidationError } from "../errors.js";

/** Calendar fields of an instant as seen in a time zone. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
        weekday: "short",
      });
    } catch (cause) {
      throw new ValidationError(
        "time zone",
        [{ path: "timeZone", message: `unknown time zone "${timeZone}"` }],
        {
          cause,
        },
      );
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a ValidationError naming `field` unless `timeZone` is a known IANA zone. */
export function assertTimeZone(timeZone: string, field = "timeZone"): void {
  try {
    formatter(timeZone);
  } catch {
    throw new ValidationError("time zone", [{ path: field, message: `unknown time zone "${timeZone}"` }]);
  }
}

/** The calendar fields of `atMs` in `timeZone`. */
export function zonedParts(atMs: number, timeZone: string): ZonedParts {
  const out: ZonedParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  for (const p of formatter(timeZone).formatToParts(new Date(atMs))) {
    switch (p.type) {
      case "year":
        out.year = Number(p.value);
        break;
      case "month":
        out.month = Number(p.value);
        break;
      case "day":
        out.day = Number(p.value);
        break;
      case "hour":
        out.hour = Number(p.value);
        break;
      case "minute":
        out.minute = Number(p.value);
        break;
      case "second":
        out.second = Number(p.value);
        break;
      case "weekday":
        out.weekday = WEEKDAYS[p.value] ?? 0;
        break;
    }
  }
  return out;
}

/** Offset of `timeZone` from UTC at instant `atMs`, in ms (New York in winter: -18,000,000). */
export function zoneOffsetMs(atMs: number, timeZone: string): number {
  const p = zonedParts(atMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (atMs - (((atMs % 1000) + 1000) % 1000));
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local time. In a DST gap
 * the later valid instant is returned; in an overlap, the earlier one.
 */
export function zonedTimeToUtc(
  local: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): number {
  const guess = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour ?? 0,
    local.minute ?? 0,
    local.second ?? 0,
  );
  // Offsets a day either side bracket any DST transition; each gives one candidate instant.
  const c1 = guess - zoneOffsetMs(guess - 86_400_000, timeZone);
  const c2 = guess - zoneOffsetMs(guess + 86_400_000, timeZone);
  const valid1 = zoneOffsetMs(c1, timeZone) === guess - c1;
  const valid2 = zoneOffsetMs(c2, timeZone) === guess - c2;
  if (valid1 && valid2) return Math.min(c1, c2); // overlap (or no transition): the earlier
  if (valid1) return c1;
  if (valid2) return c2;
  return Math.max(c1, c2); // gap: the wall time does not exist, take the later instant
}

function computeStartOfZonedDay(atMs: number, timeZone: string): number {
  const p = zonedParts(atMs, timeZone);
  return zonedTimeToUtc({ year: p.year, month: p.month, day: p.day }, timeZone);
}

/** "YYYY-MM-DD" of calendar fields. */
function dayKeyOf(year: number, month: number, day: number): string {
  return `${year}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

const DAY_MS = 86_400_000;
/** Past the longest civil day (23–25 h): from a day's start, an instant inside the next day. */
const NEXT_DAY_PROBE_MS = 26 * 3_600_000;
/** First instant of the year 10000 (UTC): below it a UTC day is plain arithmetic and a 4-digit year. */
const UTC_YEAR_10000 = 253_402_300_800_000;

/** UTC between 1970 and 9999: days are 24 h from epoch midnights, no Intl needed. */
function isPlainUtc(atMs: number, timeZone: string): boolean {
  return (timeZone === "UTC" || timeZone === "Etc/UTC") && atMs >= 0 && atMs < UTC_YEAR_10000;
}

/** A local calendar day [start, next day's start) and its "YYYY-MM-DD" key (filled on first ask). */
interface ZonedDay {
  start: number;
  end: number;
  key: string | null;
}

/** Per zone, the last local day looked up. */
const dayCache = new Map<string, ZonedDay>();

/**
 * The local day of `timeZone` containing `atMs`. Callers ask once per decision (kill switch, daily
 * drawdown, day orders), mostly for the same day, and an Intl lookup costs microseconds; so the
 * zone's last day is kept and reused while `atMs` is inside it. Moving on to a later day reuses the
 * cached end as the new start (only the new end is looked up); UTC is plain arithmetic. A day is
 * cached only when it really contains `atMs`.
 */
function zonedDay(atMs: number, timeZone: string): ZonedDay {
  const hit = dayCache.get(timeZone);
  if (hit !== undefined && atMs >= hit.start && atMs < hit.end) return hit;
  let start: number;
  let end: number;
  if (isPlainUtc(atMs, timeZone)) {
    start = atMs - (atMs % DAY_MS);
    end = start + DAY_MS;
  } else {
    // The cached end is the next day's start: when `atMs` is in that day, only its end is new.
    start = hit !== undefined && atMs >= hit.end ? hit.end : computeStartOfZonedDay(atMs, timeZone);
    end = computeStartOfZonedDay(start + NEXT_DAY_PROBE_MS, timeZone);
    if (atMs >= end) {
      start = computeStartOfZonedDay(atMs, timeZone);
      end = computeStartOfZonedDay(start + NEXT_DAY_PROBE_MS, timeZone);
    }
  }
  const day: ZonedDay = { start, end, key: null };
  if (start <= atMs && atMs < end) dayCache.set(timeZone, day);
  return day;
}

/** The instant the calendar day containing `atMs` starts in `timeZone` (local midnight; cached, see `zonedDay`). */
export function startOfZonedDay(atMs: number, timeZone: string): number {
  return zonedDay(atMs, timeZone).start;
}

/** `"YYYY-MM-DD"` of the calendar day containing `atMs` in `timeZone` (cached with the day). */
export function zonedDayKey(atMs: number, timeZone: string): string {
  const day = zonedDay(atMs, timeZone);
  if (day.key === null) {
    if (isPlainUtc(atMs, timeZone)) {
      const d = new Date(day.start);
      day.key = dayKeyOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    } else {
      const p = zonedParts(atMs, timeZone);
      day.key = dayKeyOf(p.year, p.month, p.day);
    }
  }
  return day.key;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Parses `"HH:MM"` (24-hour) into minutes after midnight. @throws ValidationError naming `field`. */
export function parseTimeOfDay(value: string, field = "time"): { hour: number; minute: number } {
  const m = HHMM.exec(value);
  if (!m)
    throw new ValidationError("time of day", [{ path: field, message: `must be "HH:MM", got "${value}"` }]);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** Options of {@link nextZonedTimeOfDay}. */
export interface NextTimeOfDayOptions {
  /** Skip Saturdays and Sundays (local). */
  weekdaysOnly?: boolean;
  /** Extra local dates to skip, as "YYYY-MM-DD" (market holidays). */
  skipDates?: ReadonlySet<string>;
}

/**
 * The first instant strictly after `afterMs` at which the wall clock in `timeZone` shows
 * `time` ("HH:MM"). Used for schedules such as "15:55 America/New_York on weekdays".
 */
export function nextZonedTimeOfDay(
  afterMs: number,
  time: string,
  timeZone: string,
  options: NextTimeOfDayOptions = {},
): number {
  const { hour, minute } = parseTimeOfDay(time);
  const p = zonedParts(afterMs, timeZone);
  // Walk forward one calendar day at a time (at most ~10 days for weekends + holidays).
  let cursor = Date.UTC(p.year, p.month - 1, p.day);
  for (let i = 0; i < 400; i++) {
    const d = new Date(cursor);
    const local = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute };
    const candidate = zonedTimeToUtc(local, timeZone);
    const weekday = d.getUTCDay();
    const key = dayKeyOf(local.year, local.month, local.day);
    const skip =
      (options.weekdaysOnly === true && (weekday === 0 || weekday === 6)) ||
      options.skipDates?.has(key) === true;
    if (!skip && candidate > afterMs) return candidate;
    cursor += 86_400_000;
  }
  throw new ValidationError("schedule", [
    { path: "time", message: `no occurrence of ${time} within 400 days` },
  ]);
}
