// Quality report of an already-built BarSeries (gaps and misaligned bars; it cannot hold duplicates).
import { isBarBoundary } from "@quiver/core";
import type { BarSeries } from "./bar-series.js";
import type { DataGap, SeriesQuality } from "./quality.js";

/**
 * Checks a series built in memory (e.g. by {@link createBarSeries} or resampling): lists gaps and bars
 * whose open time is off the timeframe's boundaries (their 0-based index stands in for the line).
 */
export function seriesQuality(series: BarSeries): SeriesQuality {
  const gaps: DataGap[] = [];
  const misalignedLines: number[] = [];
  let missingBars = 0;
  for (let i = 0; i < series.length; i++) {
    const t = series.openTime[i] as number;
    if (!isBarBoundary(t, series.timeframe)) misalignedLines.push(i);
    if (i > 0) {
      const prev = series.openTime[i - 1] as number;
      const missing = Math.round((t - prev) / series.timeframeMs) - 1;
      if (missing > 0) {
        gaps.push({ afterOpenTime: prev, nextOpenTime: t, missingBars: missing });
        missingBars += missing;
      }
    }
  }
  return {
    instrumentId: series.instrumentId,
    timeframe: series.timeframe,
    source: series.source,
    bars: series.length,
    rows: series.length,
    firstOpenTime: series.length > 0 ? (series.openTime[0] as number) : null,
    lastOpenTime: series.length > 0 ? (series.openTime[series.length - 1] as number) : null,
    gaps,
    missingBars,
    duplicates: [],
    outOfOrderRows: 0,
    misalignedLines,
  };
}
