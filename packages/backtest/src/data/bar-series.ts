// BarSeries: one instrument's bars of one timeframe as columnar Float64Arrays (fast ingest, small memory).
import { type Bar, type Timeframe, ValidationError, parseTimeframe } from "@quiver/core";

/**
 * One instrument's closed bars of one timeframe, stored column by column in `Float64Array`s and
 * sorted by strictly increasing `openTime`. Prices are `number` (market data, not money of record).
 * `closeTime` of bar `i` is `openTime[i] + timeframeMs` (the exclusive end).
 */
export interface BarSeries {
  readonly instrumentId: string;
  readonly timeframe: Timeframe;
  /** Duration of one bar in milliseconds. */
  readonly timeframeMs: number;
  /** Where the bars came from (file path, "array", "json" …), for reports and errors. */
  readonly source: string;
  readonly length: number;
  readonly openTime: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** Columns of a {@link BarSeries} before it is frozen; see {@link createBarSeries}. */
export interface BarColumns {
  openTime: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/**
 * Builds a {@link BarSeries} from columns (all of the same length, already sorted and de-duplicated).
 * @throws ValidationError when the columns differ in length, times are not strictly increasing or the
 * timeframe is invalid.
 */
export function createBarSeries(
  meta: { instrumentId: string; timeframe: Timeframe; source?: string },
  columns: BarColumns,
): BarSeries {
  const spec = parseTimeframe(meta.timeframe, "timeframe");
  const n = columns.openTime.length;
  for (const key of ["open", "high", "low", "close", "volume"] as const) {
    if (columns[key].length !== n)
      throw new ValidationError("bar series", [
        { path: key, message: `has ${columns[key].length} values, openTime has ${n}` },
      ]);
  }
  for (let i = 1; i < n; i++) {
    if (!((columns.openTime[i] as number) > (columns.openTime[i - 1] as number)))
      throw new ValidationError("bar series", [
        { path: `openTime[${i}]`, message: "must be strictly increasing (sort and de-duplicate first)" },
      ]);
  }
  return {
    instrumentId: meta.instrumentId,
    timeframe: spec.id,
    timeframeMs: spec.ms,
    source: meta.source ?? "memory",
    length: n,
    ...columns,
  };
}

/** The `i`-th bar of a series as a closed {@link Bar} object. */
export function barAt(series: BarSeries, i: number): Bar {
  const openTime = series.openTime[i] as number;
  return {
    instrumentId: series.instrumentId,
    timeframe: series.timeframe,
    openTime,
    closeTime: openTime + series.timeframeMs,
    open: series.open[i] as number,
    high: series.high[i] as number,
    low: series.low[i] as number,
    close: series.close[i] as number,
    volume: series.volume[i] as number,
    closed: true,
  };
}

/** A new series holding bars `[start, end)` of `series` (copies, so the slice owns its memory). */
export function sliceBarSeries(series: BarSeries, start: number, end = series.length): BarSeries {
  const s = Math.max(0, Math.min(start, series.length));
  const e = Math.max(s, Math.min(end, series.length));
  return {
    ...series,
    length: e - s,
    openTime: series.openTime.slice(s, e),
    open: series.open.slice(s, e),
    high: series.high.slice(s, e),
    low: series.low.slice(s, e),
    close: series.close.slice(s, e),
    volume: series.volume.slice(s, e),
  };
}

/** Growable columnar buffer used by the loaders (amortised O(1) append, no per-bar objects). */
export class ColumnBuilder {
  length = 0;
  openTime: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** Source line (1-based) of each row, for error messages after sorting. */
  line: Float64Array;

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.openTime = new Float64Array(c);
    this.open = new Float64Array(c);
    this.high = new Float64Array(c);
    this.low = new Float64Array(c);
    this.close = new Float64Array(c);
    this.volume = new Float64Array(c);
    this.line = new Float64Array(c);
  }

  push(t: number, o: number, h: number, l: number, c: number, v: number, line: number): void {
    if (this.length === this.openTime.length) this.grow();
    const i = this.length++;
    this.openTime[i] = t;
    this.open[i] = o;
    this.high[i] = h;
    this.low[i] = l;
    this.close[i] = c;
    this.volume[i] = v;
    this.line[i] = line;
  }

  private grow(): void {
    const c = this.openTime.length * 2;
    const g = (a: Float64Array): Float64Array => {
      const b = new Float64Array(c);
      b.set(a);
      return b;
    };
    this.openTime = g(this.openTime);
    this.open = g(this.open);
    this.high = g(this.high);
    this.low = g(this.low);
    this.close = g(this.close);
    this.volume = g(this.volume);
    this.line = g(this.line);
  }
}
