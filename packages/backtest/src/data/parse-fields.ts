// Field parsers shared by the loaders: timestamps (ISO 8601 or epoch) and OHLCV row checks.
import { ValidationError } from "@quiver/core";

/** How epoch timestamps are read: milliseconds, seconds, or "auto" (values below 1e11 are seconds). */
export type EpochUnit = "ms" | "s" | "auto";

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const EPOCH = /^\d{1,16}(?:\.\d+)?$/;

/** Error for one bad field of one row: names the source, the line and the field. */
export function rowError(source: string, line: number, field: string, message: string): ValidationError {
  return new ValidationError("bar data", [{ path: `${source}:${line}:${field}`, message }], {
    details: { file: source, line, field },
  });
}

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Fast path for the common `YYYY-MM-DDTHH:MM:SSZ` / `…SS.sssZ` layout (no regex, no Date object):
 * returns epoch ms, or NaN when the text does not have exactly that layout or a field is out of range.
 */
function parseIsoFast(s: string): number {
  const n = s.length;
  if ((n !== 20 && n !== 24) || s.charCodeAt(n - 1) !== 90 /* Z */) return Number.NaN;
  if (s[4] !== "-" || s[7] !== "-" || s[10] !== "T" || s[13] !== ":" || s[16] !== ":") return Number.NaN;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  let ms = 0;
  if (n === 24) {
    if (s[19] !== ".") return Number.NaN;
    ms = digits(s, 20, 3);
  }
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59) return Number.NaN;
  if (sec < 0 || sec > 59 || ms < 0) return Number.NaN;
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + ms;
}

/**
 * Parses a timestamp: ISO 8601 (a date, or date and time; no zone means UTC) or epoch
 * milliseconds/seconds. Returns epoch ms, or NaN when the text is not a valid instant.
 */
export function parseTimestamp(text: string, unit: EpochUnit = "auto"): number {
  const fast = parseIsoFast(text);
  if (fast === fast) return fast; // not NaN
  const s = text.trim();
  if (EPOCH.test(s)) {
    const v = Number(s);
    const ms = unit === "ms" ? v : unit === "s" ? v * 1000 : v < 1e11 ? v * 1000 : v;
    return Number.isSafeInteger(Math.round(ms)) ? Math.round(ms) : Number.NaN;
  }
  const m = ISO.exec(s);
  if (!m) return Number.NaN;
  const [, y, mo, d, h = "0", mi = "0", sec = "0", frac = "", zone = "Z"] = m;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  // Date.UTC silently rolls over (Feb 30 → Mar 2): reject dates that do not round-trip.
  const check = new Date(base);
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    check.getUTCHours() !== Number(h) ||
    check.getUTCMinutes() !== Number(mi) ||
    check.getUTCSeconds() !== Number(sec)
  )
    return Number.NaN;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  let offset = 0;
  if (zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return base + ms - offset;
}

const NON_DECIMAL = /0[xXbBoO]/;

/**
 * Parses one numeric field strictly: a finite, non-negative plain decimal number. Empty or blank
 * text, hex/binary/octal literals, NaN and Infinity give NaN. (`Number` already ignores surrounding
 * whitespace; the blank check runs only when it returned 0.)
 */
export function parsePrice(text: string): number {
  const v = Number(text);
  if (!(v >= 0) || v === Number.POSITIVE_INFINITY) return Number.NaN;
  if (v === 0 && text.trim() === "") return Number.NaN;
  if (NON_DECIMAL.test(text)) return Number.NaN;
  return v;
}

/**
 * Checks one OHLCV row (already parsed). Returns the name of the first bad field and why, or null.
 */
export function checkOhlcv(
  o: number,
  h: number,
  l: number,
  c: number,
  v: number,
): { field: string; message: string } | null {
  if (Number.isNaN(o)) return { field: "open", message: "must be a finite number ≥ 0" };
  if (Number.isNaN(h)) return { field: "high", message: "must be a finite number ≥ 0" };
  if (Number.isNaN(l)) return { field: "low", message: "must be a finite number ≥ 0" };
  if (Number.isNaN(c)) return { field: "close", message: "must be a finite number ≥ 0" };
  if (Number.isNaN(v)) return { field: "volume", message: "must be a finite number ≥ 0" };
  if (h < o || h < c || h < l) return { field: "high", message: `${h} is below open, close or low` };
  if (l > o || l > c) return { field: "low", message: `${l} is above open or close` };
  return null;
}
