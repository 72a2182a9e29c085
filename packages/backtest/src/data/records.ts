// Bars from JSON arrays, in-memory records and (async) iterables, with the same checks as CSV.
import { ValidationError } from "@quiver/core";
import { ColumnBuilder } from "./bar-series.js";
import { checkOhlcv, type EpochUnit, parseTimestamp, rowError } from "./parse-fields.js";
import { type BarLoadOptions, type LoadedBars, finalizeColumns } from "./quality.js";

/**
 * One bar as a plain record: a time (`openTime`, `timestamp` or `time`; epoch ms/s or ISO string)
 * and OHLCV as numbers or numeric strings. A core `Bar` is a valid record.
 */
export interface BarRecord {
  openTime?: number | string;
  timestamp?: number | string;
  time?: number | string;
  open: number | string;
  high: number | string;
  low: number | string;
  close: number | string;
  volume?: number | string;
  instrumentId?: string;
  timeframe?: string;
}

/** Options of the record loaders. */
export interface RecordBarOptions extends BarLoadOptions {
  /** How numeric timestamps are read (default "ms"; "auto": below 1e11 means seconds). */
  epochUnit?: EpochUnit;
}

/** Accumulates records one at a time; shared by the sync and async loaders. */
class RecordSink {
  private readonly b = new ColumnBuilder();
  private index = 0;
  constructor(private readonly options: RecordBarOptions) {}

  add(record: unknown): void {
    const i = this.index++;
    const source = this.options.source ?? "records";
    const where = (field: string, message: string) => rowError(source, i, field, message);
    if (record === null || typeof record !== "object" || Array.isArray(record))
      throw where("record", "must be an object");
    const r = record as Record<string, unknown>;
    if (r["instrumentId"] !== undefined && r["instrumentId"] !== this.options.instrumentId)
      throw where("instrumentId", `is "${String(r["instrumentId"])}", expected "${this.options.instrumentId}"`);
    if (
      r["timeframe"] !== undefined &&
      this.options.timeframe !== undefined &&
      r["timeframe"] !== this.options.timeframe
    )
      throw where("timeframe", `is "${String(r["timeframe"])}", expected "${this.options.timeframe}"`);
    const timeKey = "openTime" in r ? "openTime" : "timestamp" in r ? "timestamp" : "time";
    const rawT = r[timeKey];
    const t =
      typeof rawT === "number"
        ? Number.isFinite(rawT)
          ? parseTimestamp(String(rawT), this.options.epochUnit ?? "ms")
          : Number.NaN
        : typeof rawT === "string"
          ? parseTimestamp(rawT, this.options.epochUnit ?? "ms")
          : Number.NaN;
    if (Number.isNaN(t)) throw where(timeKey, `not an epoch or ISO 8601 timestamp: ${JSON.stringify(rawT)}`);
    const num = (k: string): number => {
      const v = r[k];
      if (typeof v === "number") return Number.isFinite(v) && v >= 0 ? v : Number.NaN;
      if (typeof v === "string" && v.trim() !== "") {
        const n = Number(v);
        return Number.isFinite(n) && n >= 0 ? n : Number.NaN;
      }
      return Number.NaN;
    };
    const o = num("open");
    const h = num("high");
    const l = num("low");
    const c = num("close");
    const v = r["volume"] === undefined ? Number.NaN : num("volume");
    const bad = checkOhlcv(o, h, l, c, v);
    if (bad) throw where(bad.field, `${bad.message} (got ${JSON.stringify(r[bad.field])})`);
    this.b.push(t, o, h, l, c, v, i);
  }

  finish(): LoadedBars {
    return finalizeColumns(this.b, { ...this.options, source: this.options.source ?? "records" });
  }
}

/**
 * Loads bars of one instrument from in-memory records (e.g. core `Bar`s or parsed JSON).
 * Errors name `source:index:field` (the record's 0-based index stands in for the line).
 * @throws ValidationError on the first bad record.
 */
export function barsFromRecords(records: Iterable<unknown>, options: RecordBarOptions): LoadedBars {
  const sink = new RecordSink(options);
  for (const r of records) sink.add(r);
  return sink.finish();
}

/** Loads bars of one instrument from an async iterable (a stream, a paginated API …). */
export async function barsFromAsyncIterable(
  records: AsyncIterable<unknown> | Iterable<unknown>,
  options: RecordBarOptions,
): Promise<LoadedBars> {
  const sink = new RecordSink(options);
  for await (const r of records) sink.add(r);
  return sink.finish();
}

/**
 * Parses a JSON array of bar records.
 * @throws ValidationError when the text is not JSON, not an array, or a record is bad.
 */
export function parseJsonBars(text: string, options: RecordBarOptions): LoadedBars {
  const source = options.source ?? "json";
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ValidationError("bar data", [{ path: source, message: `not valid JSON: ${(cause as Error).message}` }], {
      cause,
    });
  }
  if (!Array.isArray(data)) throw new ValidationError("bar data", [{ path: source, message: "must be a JSON array" }]);
  return barsFromRecords(data, { ...options, source });
}

/**
 * Splits mixed bars (several instruments/timeframes, e.g. core `Bar`s) into one loaded series per
 * (instrumentId, timeframe), in order of first appearance.
 */
export function groupBars(
  bars: Iterable<BarRecord & { instrumentId: string }>,
  options: Omit<RecordBarOptions, "instrumentId" | "timeframe"> = {},
): LoadedBars[] {
  const groups = new Map<string, { instrumentId: string; timeframe?: string; items: unknown[] }>();
  for (const bar of bars) {
    const key = `${bar.instrumentId}\u0000${bar.timeframe ?? ""}`;
    let g = groups.get(key);
    if (!g) {
      g = { instrumentId: bar.instrumentId, items: [] };
      if (bar.timeframe !== undefined) g.timeframe = bar.timeframe;
      groups.set(key, g);
    }
    g.items.push(bar);
  }
  return [...groups.values()].map((g) =>
    barsFromRecords(g.items, {
      ...options,
      instrumentId: g.instrumentId,
      ...(g.timeframe === undefined ? {} : { timeframe: g.timeframe }),
    }),
  );
}
