// Loads the copied Yahoo daily CSV (date,open,high,low,close,adj_close,volume) into closed 1d bars.
import { readFileSync } from "node:fs";
import { type Bar, ValidationError } from "@quiver/core";

/** Options of {@link loadDailyBars}. */
export interface LoadDailyBarsOptions {
  /** First trading day kept, "YYYY-MM-DD" (inclusive). */
  from?: string;
  /** Last trading day kept, "YYYY-MM-DD" (inclusive). */
  to?: string;
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses daily bars of one instrument. Each trading day becomes a `1d` bar opening at 00:00 UTC of
 * that date (the timeframe's alignment) and closing 24 h later. Prices are the CSV's raw
 * open/high/low/close (Yahoo's split-adjusted, not dividend-adjusted columns).
 *
 * @throws ValidationError naming file, line and field for any malformed row, a non-increasing
 * date, or a column set that is not the expected one.
 */
export function parseDailyCsv(
  text: string,
  instrumentId: string,
  file: string,
  options: LoadDailyBarsOptions = {},
): Bar[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? "").trim();
  if (header !== "date,open,high,low,close,adj_close,volume") {
    throw new ValidationError("daily CSV", [{ path: `${file}:1`, message: `unexpected header "${header}"` }]);
  }
  const bars: Bar[] = [];
  let lastOpen = Number.NEGATIVE_INFINITY;
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line === "") continue;
    const where = `${file}:${i + 1}`;
    const cols = line.split(",");
    if (cols.length !== 7) {
      throw new ValidationError("daily CSV", [
        { path: where, message: `expected 7 columns, got ${cols.length}` },
      ]);
    }
    const date = cols[0] as string;
    if (options.from !== undefined && date < options.from) continue;
    if (options.to !== undefined && date > options.to) continue;
    const m = DATE.exec(date);
    if (!m)
      throw new ValidationError("daily CSV", [{ path: `${where}.date`, message: `bad date "${date}"` }]);
    const openTime = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (openTime <= lastOpen) {
      throw new ValidationError("daily CSV", [
        { path: `${where}.date`, message: "dates must strictly increase" },
      ]);
    }
    lastOpen = openTime;
    const num = (index: number, field: string): number => {
      const v = Number(cols[index]);
      if (!Number.isFinite(v) || v < 0 || cols[index] === "") {
        throw new ValidationError("daily CSV", [
          { path: `${where}.${field}`, message: `bad number "${cols[index]}"` },
        ]);
      }
      return v;
    };
    const open = num(1, "open");
    const high = num(2, "high");
    const low = num(3, "low");
    const close = num(4, "close");
    const volume = num(6, "volume");
    if (high < Math.max(open, close, low) || low > Math.min(open, close)) {
      throw new ValidationError("daily CSV", [
        { path: `${where}.high`, message: "high/low do not bound open/close" },
      ]);
    }
    bars.push({
      instrumentId,
      timeframe: "1d",
      openTime,
      closeTime: openTime + DAY_MS,
      open,
      high,
      low,
      close,
      volume,
      closed: true,
    });
  }
  return bars;
}

/** Reads and parses `path` (see {@link parseDailyCsv}). */
export function loadDailyBars(path: string, instrumentId: string, options: LoadDailyBarsOptions = {}): Bar[] {
  return parseDailyCsv(readFileSync(path, "utf8"), instrumentId, path, options);
}
