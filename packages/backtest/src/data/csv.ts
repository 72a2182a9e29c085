// CSV bar loading: header-mapped columns, ISO or epoch timestamps, strict rows, columnar output.
import { ColumnBuilder } from "./bar-series.js";
import { checkOhlcv, type EpochUnit, parsePrice, parseTimestamp, rowError } from "./parse-fields.js";
import { type BarLoadOptions, type LoadedBars, finalizeColumns } from "./quality.js";
import { ValidationError } from "@quiver/core";

/** Header names of the six columns; matched case-insensitively. */
export interface CsvColumns {
  /** Bar open time; default: the first of timestamp, time, date, datetime, open_time, opentime. */
  time?: string;
  open?: string;
  high?: string;
  low?: string;
  close?: string;
  volume?: string;
}

/** Options of {@link parseCsvBars}. */
export interface CsvBarOptions extends BarLoadOptions {
  /** Column names when they differ from the defaults. */
  columns?: CsvColumns;
  /** Field separator (default ","). Quoted fields are not supported. */
  delimiter?: string;
  /** How numeric timestamps are read (default "auto": below 1e11 means seconds). */
  epochUnit?: EpochUnit;
}

const TIME_NAMES = ["timestamp", "time", "date", "datetime", "open_time", "opentime"];

/**
 * Parses CSV text with a header row into a columnar {@link BarSeries} plus its quality report.
 * Every row is checked: a bad timestamp, a missing/negative/non-numeric price or volume, or
 * high/low inconsistent with open/close throws a ValidationError naming `source:line:field`.
 * Duplicated timestamps, gaps, out-of-order and misaligned rows are reported in `quality`.
 *
 * @throws ValidationError for a missing column or a bad row (nothing is returned half-parsed).
 * @example
 * const { series, quality } = parseCsvBars(text, { instrumentId: "ETH/BTC", timeframe: "5m", source: "ETH-BTC-5m.csv" });
 */
export function parseCsvBars(text: string, options: CsvBarOptions): LoadedBars {
  const source = options.source ?? "csv";
  const delimiter = options.delimiter ?? ",";
  const unit = options.epochUnit ?? "auto";
  let pos = 0;
  let lineNo = 0;
  const nextLine = (): string | null => {
    if (pos >= text.length) return null;
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    let line = text.slice(pos, end);
    if (line.endsWith("\r")) line = line.slice(0, -1);
    pos = end + 1;
    lineNo++;
    return line;
  };
  let header = nextLine();
  if (header?.charCodeAt(0) === 0xfeff) header = header.slice(1);
  if (header === null || header.trim() === "")
    throw new ValidationError("bar data", [{ path: `${source}:1`, message: "missing header row" }]);
  const names = header.split(delimiter).map((h) => h.trim().toLowerCase());
  const find = (field: keyof CsvColumns, wanted: readonly string[]): number => {
    for (const w of wanted) {
      const i = names.indexOf(w.toLowerCase());
      if (i >= 0) return i;
    }
    throw new ValidationError("bar data", [
      { path: `${source}:1:${field}`, message: `no column named ${wanted.map((w) => `"${w}"`).join(" or ")}` },
    ]);
  };
  const c = options.columns ?? {};
  const iT = find("time", c.time ? [c.time] : TIME_NAMES);
  const iO = find("open", [c.open ?? "open"]);
  const iH = find("high", [c.high ?? "high"]);
  const iL = find("low", [c.low ?? "low"]);
  const iC = find("close", [c.close ?? "close"]);
  const iV = find("volume", [c.volume ?? "volume"]);
  const width = names.length;
  const fieldNames = names;

  const b = new ColumnBuilder(Math.ceil(text.length / 48));
  // Field start/end offsets of the current line, reused for every row (no per-row split array).
  const starts = new Int32Array(width + 1);
  const ends = new Int32Array(width + 1);
  const dl = delimiter.length;
  const field = (line: string, i: number) => line.slice(starts[i] as number, ends[i] as number);
  for (let line = nextLine(); line !== null; line = nextLine()) {
    if (line.length === 0 || line.trim() === "") continue;
    let count = 0;
    let from = 0;
    for (;;) {
      const at = line.indexOf(delimiter, from);
      if (count <= width) {
        starts[count] = from;
        ends[count] = at < 0 ? line.length : at;
      }
      count++;
      if (at < 0) break;
      from = at + dl;
    }
    if (count !== width) throw rowError(source, lineNo, "row", `has ${count} fields, the header has ${width}`);
    const t = parseTimestamp(field(line, iT), unit);
    if (Number.isNaN(t))
      throw rowError(source, lineNo, fieldNames[iT] as string, `not an ISO 8601 or epoch timestamp: "${field(line, iT)}"`);
    const o = parsePrice(field(line, iO));
    const h = parsePrice(field(line, iH));
    const l = parsePrice(field(line, iL));
    const cl = parsePrice(field(line, iC));
    const v = parsePrice(field(line, iV));
    const bad = checkOhlcv(o, h, l, cl, v);
    if (bad) {
      const col = { open: iO, high: iH, low: iL, close: iC, volume: iV }[bad.field as "open"];
      throw rowError(source, lineNo, fieldNames[col] as string, `${bad.message} (got "${field(line, col)}")`);
    }
    b.push(t, o, h, l, cl, v, lineNo);
  }
  return finalizeColumns(b, { ...options, source });
}
