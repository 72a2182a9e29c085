// @quiver/backtest: the harness — data loading, runBacktest on the live wiring, metrics, results and reports.
export { createBarSeries, barAt, sliceBarSeries } from "./data/bar-series.js";
export type { BarSeries, BarColumns } from "./data/bar-series.js";
export { parseCsvBars } from "./data/csv.js";
export type { CsvBarOptions, CsvColumns } from "./data/csv.js";
export { barsFromRecords, barsFromAsyncIterable, parseJsonBars, groupBars } from "./data/records.js";
export type { BarRecord, RecordBarOptions } from "./data/records.js";
export { loadBarsFile } from "./data/files.js";
export { parseTimestamp } from "./data/parse-fields.js";
export type { EpochUnit } from "./data/parse-fields.js";
export { combineQuality, isClean } from "./data/quality.js";
export type {
  BarLoadOptions,
  DataGap,
  DataQualityReport,
  DuplicateBar,
  DuplicatePolicy,
  LoadedBars,
  SeriesQuality,
} from "./data/quality.js";
export { seriesQuality } from "./data/series-quality.js";
export { mergeSeries } from "./data/merge.js";
export type { MergedTimeline } from "./data/merge.js";
export { resampleSeries } from "./data/resample.js";
export type { ResampleResult } from "./data/resample.js";
export {
  YEAR_MS,
  cagr,
  computeMetrics,
  drawdownSeries,
  exposure,
  maxDrawdown,
  periodReturns,
  periodsPerYear,
  profitFactor,
  sharpeRatio,
  sortinoRatio,
  totalReturn,
  winRate,
} from "./metrics/metrics.js";
export type { MaxDrawdown, MetricsInput, PerformanceMetrics } from "./metrics/metrics.js";
export { roundNumber, sha256Hex, stableStringify } from "./results/stable-json.js";
export type { StableJsonOptions } from "./results/stable-json.js";
export { hashBacktestResult, serializeBacktestResult } from "./results/serialize.js";
export type { BacktestResult, EquityCurves, SignalCounts, TradeRecord } from "./results/types.js";
export { renderHtmlReport } from "./report/html-report.js";
export type { HtmlReportOptions } from "./report/html-report.js";
export { formatSummary, formatTable } from "./report/summary-table.js";
export { createProgress } from "./report/progress.js";
export type { Progress, ProgressOptions, ProgressStream } from "./report/progress.js";
export { wireTradingSystem } from "./wire.js";
export type { PaperBrokerSettings, TradingSystem, TradingSystemPorts, TradingSystemSpec } from "./wire.js";
export { RunRecorder } from "./recorder.js";
export type { RunRecorderOptions } from "./recorder.js";
export { runBacktest } from "./run-backtest.js";
export type { BacktestData, BacktestOptions, BacktestRun } from "./run-backtest.js";
export { ReplayFeed } from "./replay-feed.js";
export type { ReplayOptions } from "./replay-feed.js";
export { BacktestFileConfigSchema, runCli } from "./cli.js";
export type { BacktestFileConfig, CliIo } from "./cli.js";
