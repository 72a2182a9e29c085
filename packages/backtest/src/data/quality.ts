// Data quality: sort, de-duplicate and check loaded rows, reporting gaps, duplicates and misalignment.
import { type Timeframe, ValidationError, isBarBoundary, parseTimeframe } from "@quiver/core";
import { type BarSeries, type ColumnBuilder, createBarSeries } from "./bar-series.js";

/** A run of missing bars between two consecutive bars of a series. */
export interface DataGap {
  /** Open time of the last bar before the gap. */
  afterOpenTime: number;
  /** Open time of the first bar after the gap. */
  nextOpenTime: number;
  /** Bars of the timeframe missing in between. */
  missingBars: number;
}

/** Several rows with the same open time; one was kept, the others dropped. */
export interface DuplicateBar {
  openTime: number;
  /** Source lines (1-based) or record indexes of every row with this time, in source order. */
  lines: number[];
  /** The line that was kept. */
  keptLine: number;
}

/** What the loader found in one series. Nothing here is silently passed: every anomaly is listed. */
export interface SeriesQuality {
  instrumentId: string;
  timeframe: Timeframe;
  source: string;
  /** Bars kept. */
  bars: number;
  /** Rows read (before de-duplication). */
  rows: number;
  firstOpenTime: number | null;
  lastOpenTime: number | null;
  gaps: DataGap[];
  /** Σ missingBars over gaps. */
  missingBars: number;
  duplicates: DuplicateBar[];
  /** Rows whose time was earlier than the row before them (they were sorted into place). */
  outOfOrderRows: number;
  /** Source lines of rows whose open time is not on a bar boundary of the timeframe. */
  misalignedLines: number[];
}

/** Quality of every series of a backtest; `ok` is true when no series has any anomaly. */
export interface DataQualityReport {
  ok: boolean;
  series: SeriesQuality[];
}

/** How to treat several rows with one timestamp. Every duplicate is reported whichever is chosen. */
export type DuplicatePolicy = "keep-first" | "keep-last" | "error";

/** Options shared by every loader. */
export interface BarLoadOptions {
  /** Instrument the bars belong to. */
  instrumentId: string;
  /** Bar timeframe; inferred from the most common spacing of the timestamps when left out. */
  timeframe?: Timeframe;
  /** Name used in reports and errors (a file path, "json" …). */
  source?: string;
  /** Duplicate timestamps: keep the first row (default), the last, or throw. */
  duplicates?: DuplicatePolicy;
}

/** A loaded series and its quality report. */
export interface LoadedBars {
  series: BarSeries;
  quality: SeriesQuality;
}

/** True when the series has no gap, duplicate, out-of-order or misaligned row. */
export function isClean(q: SeriesQuality): boolean {
  return q.gaps.length === 0 && q.duplicates.length === 0 && q.outOfOrderRows === 0 && q.misalignedLines.length === 0;
}

/** Combines series reports into one {@link DataQualityReport}. */
export function combineQuality(series: readonly SeriesQuality[]): DataQualityReport {
  return { ok: series.every(isClean), series: [...series] };
}

/**
 * Sorts (stably), de-duplicates and checks the rows of a builder, returning the series and its
 * quality report.
 * @throws ValidationError for duplicates under the "error" policy, an un-inferable timeframe, or no rows.
 */
export function finalizeColumns(b: ColumnBuilder, options: BarLoadOptions): LoadedBars {
  const source = options.source ?? "memory";
  const n = b.length;
  let outOfOrderRows = 0;
  for (let i = 1; i < n; i++) if ((b.openTime[i] as number) < (b.openTime[i - 1] as number)) outOfOrderRows++;
  // Stable order: by time, then by source position.
  let order: Int32Array | null = null;
  if (outOfOrderRows > 0) {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((x, y) => (b.openTime[x] as number) - (b.openTime[y] as number) || x - y);
    order = Int32Array.from(idx);
  }
  const at = (k: number): number => (order ? (order[k] as number) : k);

  const policy = options.duplicates ?? "keep-first";
  const keep: number[] = [];
  const duplicates: DuplicateBar[] = [];
  for (let k = 0; k < n; ) {
    const t = b.openTime[at(k)] as number;
    let j = k + 1;
    while (j < n && b.openTime[at(j)] === t) j++;
    if (j - k > 1) {
      const rows: number[] = [];
      for (let m = k; m < j; m++) rows.push(at(m));
      const lines = rows.map((r) => b.line[r] as number);
      const kept = policy === "keep-last" ? (rows[rows.length - 1] as number) : (rows[0] as number);
      duplicates.push({ openTime: t, lines, keptLine: b.line[kept] as number });
      if (policy === "error") {
        throw new ValidationError("bar data", [
          {
            path: `${source}:${lines[1]}:timestamp`,
            message: `duplicate timestamp ${new Date(t).toISOString()} (also on line ${lines[0]})`,
          },
        ]);
      }
      keep.push(kept);
    } else keep.push(at(k));
    k = j;
  }
  if (keep.length === 0)
    throw new ValidationError("bar data", [{ path: source, message: "contains no bars" }]);

  const timeframe = options.timeframe ?? inferTimeframe(keep.map((r) => b.openTime[r] as number), source);
  const tfMs = parseTimeframe(timeframe, "timeframe").ms;
  const m = keep.length;
  const cols = {
    openTime: new Float64Array(m),
    open: new Float64Array(m),
    high: new Float64Array(m),
    low: new Float64Array(m),
    close: new Float64Array(m),
    volume: new Float64Array(m),
  };
  const gaps: DataGap[] = [];
  const misalignedLines: number[] = [];
  let missingBars = 0;
  for (let i = 0; i < m; i++) {
    const r = keep[i] as number;
    const t = b.openTime[r] as number;
    cols.openTime[i] = t;
    cols.open[i] = b.open[r] as number;
    cols.high[i] = b.high[r] as number;
    cols.low[i] = b.low[r] as number;
    cols.close[i] = b.close[r] as number;
    cols.volume[i] = b.volume[r] as number;
    if (!isBarBoundary(t, timeframe)) misalignedLines.push(b.line[r] as number);
    if (i > 0) {
      const prev = cols.openTime[i - 1] as number;
      const missing = Math.round((t - prev) / tfMs) - 1;
      if (missing > 0) {
        gaps.push({ afterOpenTime: prev, nextOpenTime: t, missingBars: missing });
        missingBars += missing;
      }
    }
  }
  const series = createBarSeries({ instrumentId: options.instrumentId, timeframe, source }, cols);
  return {
    series,
    quality: {
      instrumentId: options.instrumentId,
      timeframe,
      source,
      bars: m,
      rows: n,
      firstOpenTime: cols.openTime[0] ?? null,
      lastOpenTime: cols.openTime[m - 1] ?? null,
      gaps,
      missingBars,
      duplicates,
      outOfOrderRows,
      misalignedLines,
    },
  };
}

const CANDIDATES: Timeframe[] = ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "1w"];

/** The timeframe whose duration is the most common spacing between consecutive times. */
function inferTimeframe(times: readonly number[], source: string): Timeframe {
  const counts = new Map<number, number>();
  for (let i = 1; i < times.length; i++) {
    const d = (times[i] as number) - (times[i - 1] as number);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [d, c] of counts) if (c > bestCount || (c === bestCount && d < best)) [best, bestCount] = [d, c];
  for (const tf of CANDIDATES) if (parseTimeframe(tf).ms === best) return tf;
  throw new ValidationError("bar data", [
    {
      path: `${source}:timeframe`,
      message: best
        ? `cannot infer a timeframe from a spacing of ${best} ms; pass options.timeframe`
        : "cannot infer a timeframe from fewer than two bars; pass options.timeframe",
    },
  ]);
}
