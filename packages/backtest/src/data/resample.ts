// Resampling a bar series to a larger timeframe (OHLCV aggregation aligned to UTC boundaries).
import { type Timeframe, ValidationError, barOpenTime, parseTimeframe } from "@quiver/core";
import { type BarSeries, createBarSeries } from "./bar-series.js";

/** Result of {@link resampleSeries}. */
export interface ResampleResult {
  series: BarSeries;
  /** Open times of buckets built from fewer source bars than a full bucket holds (gaps). */
  incompleteBuckets: number[];
  /** True when the last bucket had not closed yet in the source data and was dropped. */
  droppedOpenBucket: boolean;
}

/**
 * Aggregates bars into `timeframe` buckets aligned to UTC (weeks: Monday): open of the first bar,
 * max high, min low, close of the last bar, summed volume. A final bucket whose last source bar does
 * not reach the bucket's close is still forming and is dropped (only closed bars are ever produced).
 * Buckets missing source bars inside the data (gaps) are kept and listed in `incompleteBuckets`.
 *
 * @throws ValidationError when `timeframe` is not a whole multiple (> 1×) of the source timeframe.
 * @example const hourly = resampleSeries(fiveMinute, "1h").series;
 */
export function resampleSeries(series: BarSeries, timeframe: Timeframe): ResampleResult {
  const target = parseTimeframe(timeframe, "timeframe");
  if (target.ms <= series.timeframeMs || target.ms % series.timeframeMs !== 0)
    throw new ValidationError("resample", [
      {
        path: "timeframe",
        message: `"${timeframe}" must be a whole multiple of the source timeframe "${series.timeframe}"`,
      },
    ]);
  const perBucket = target.ms / series.timeframeMs;
  const t: number[] = [];
  const o: number[] = [];
  const h: number[] = [];
  const l: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  const counts: number[] = [];
  let lastSourceClose = 0;
  for (let i = 0; i < series.length; i++) {
    const ot = series.openTime[i] as number;
    const bucket = barOpenTime(ot, timeframe);
    const k = t.length - 1;
    if (k < 0 || t[k] !== bucket) {
      t.push(bucket);
      o.push(series.open[i] as number);
      h.push(series.high[i] as number);
      l.push(series.low[i] as number);
      c.push(series.close[i] as number);
      v.push(series.volume[i] as number);
      counts.push(1);
    } else {
      h[k] = Math.max(h[k] as number, series.high[i] as number);
      l[k] = Math.min(l[k] as number, series.low[i] as number);
      c[k] = series.close[i] as number;
      v[k] = (v[k] as number) + (series.volume[i] as number);
      counts[k] = (counts[k] as number) + 1;
    }
    lastSourceClose = ot + series.timeframeMs;
  }
  let n = t.length;
  let droppedOpenBucket = false;
  if (n > 0 && lastSourceClose < (t[n - 1] as number) + target.ms) {
    n--;
    droppedOpenBucket = true;
  }
  const incompleteBuckets: number[] = [];
  for (let k = 0; k < n; k++) if ((counts[k] as number) < perBucket) incompleteBuckets.push(t[k] as number);
  const col = (a: number[]) => Float64Array.from(a.slice(0, n));
  return {
    series: createBarSeries(
      { instrumentId: series.instrumentId, timeframe: target.id, source: `${series.source}→${target.id}` },
      { openTime: col(t), open: col(o), high: col(h), low: col(l), close: col(c), volume: col(v) },
    ),
    incompleteBuckets,
    droppedOpenBucket,
  };
}
