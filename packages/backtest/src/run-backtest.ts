// runBacktest: replays merged bars through the wired system on a virtual clock and records the result.
import {
  type Bar,
  type DecimalInput,
  type ExecutionLock,
  type Logger,
  type MaybePromise,
  ValidationError,
  VirtualClock,
  parseDecimal,
} from "@quiver/core";
import { type BarSeries, barAt } from "./data/bar-series.js";
import { type MergedTimeline, mergeSeries } from "./data/merge.js";
import { type LoadedBars, type SeriesQuality, combineQuality } from "./data/quality.js";
import { seriesQuality } from "./data/series-quality.js";
import { RunRecorder } from "./recorder.js";
import { type ProgressStream, createProgress } from "./report/progress.js";
import type { BacktestResult } from "./results/types.js";
import { type TradingSystem, type TradingSystemSpec, wireTradingSystem } from "./wire.js";

/** Bars for a backtest: loaded series (with their quality report) or plain series. */
export type BacktestData = readonly (LoadedBars | BarSeries)[];

/** Options of {@link runBacktest}: a {@link TradingSystemSpec} plus the data and run settings. */
export interface BacktestOptions extends TradingSystemSpec {
  data: BacktestData;
  /** The virtual clock to drive (default: a new one at the first bar's open time). */
  clock?: VirtualClock;
  /** Draw a progress bar on stderr: true/false, or a stream (default: only when stderr is a TTY). */
  progress?: boolean | ProgressStream;
  /** Annualization factor override (default 365-day year / smallest bar duration). */
  periodsPerYear?: number;
  /** Logger handed to the runner (default: silent). */
  logger?: Logger;
  /** Execution lock handed to the runner (default: an in-memory lock on the virtual clock). */
  lock?: ExecutionLock;
  /**
   * Called once after the system is wired and the runner started, before the first bar (e.g. to
   * schedule jobs with `system.runner.scheduleDaily` or to subscribe to `system.events`). May
   * return a promise, which is awaited.
   */
  onStart?: (system: TradingSystem) => MaybePromise<void>;
  /**
   * Called after each bar went through the runner (broker fills, strategies, risk, orders), with the
   * clock at the bar's close — e.g. to call `system.runner.runCycle(...)`, disable a strategy or
   * settle a market mid-run. A returned promise is awaited; a plain return costs nothing extra.
   * Equity is sampled after the hook for the bar's close time.
   */
  afterBar?: (bar: Bar, system: TradingSystem) => MaybePromise<void>;
}

/** What {@link runBacktest} returns: the result, the merged data and the wired system (for inspection). */
export interface BacktestRun {
  result: BacktestResult;
  timeline: MergedTimeline;
  system: TradingSystem;
}

function isLoaded(x: LoadedBars | BarSeries): x is LoadedBars {
  return (x as LoadedBars).series !== undefined && (x as LoadedBars).quality !== undefined;
}

function isPromiseLike(x: unknown): x is PromiseLike<unknown> {
  return x !== null && typeof x === "object" && typeof (x as { then?: unknown }).then === "function";
}

/**
 * Runs a backtest: merges the data in time order (close time, then instrument id), wires the same
 * runner, risk engine, ledger and paper broker as a paper run (`wireTradingSystem`) on a
 * `VirtualClock`, and for each bar moves the clock to the bar's close and hands the bar to
 * `runner.processBar` (which forwards it to the paper broker first). When every port answers
 * synchronously — the paper broker does — no bar is ever awaited; a promise is awaited only when a
 * port returned one. Equity is sampled once per distinct close time. The ledger's event log is not
 * retained unless `ledger: { retainEvents: true }` is passed (results come from its entries), and the
 * paper broker keeps its latest 1,000 fills unless `broker: { fillHistory: "all" }` is passed.
 *
 * @throws ValidationError for bars of an unknown instrument, empty data or invalid configs.
 * @example
 * const eth = await loadBarsFile("data/ETH-BTC-5m.csv", { instrumentId: "ETH/BTC", timeframe: "5m" });
 * const { result } = await runBacktest({ strategies, instruments, data: [eth], initialCash: "10", currency: "BTC" });
 * console.log(formatSummary(result));
 */
export async function runBacktest(options: BacktestOptions): Promise<BacktestRun> {
  const series: BarSeries[] = [];
  const quality: SeriesQuality[] = [];
  for (const d of options.data) {
    if (isLoaded(d)) {
      series.push(d.series);
      quality.push(d.quality);
    } else {
      series.push(d);
      quality.push(seriesQuality(d));
    }
  }
  if (series.length === 0 || series.every((s) => s.length === 0))
    throw new ValidationError("backtest", [{ path: "data", message: "contains no bars" }]);
  const timeline = mergeSeries(series);
  const firstOpen = Math.min(...series.filter((s) => s.length > 0).map((s) => s.openTime[0] as number));
  const clock = options.clock ?? new VirtualClock(firstOpen);
  // A backtest's results come from the ledger's entries; its event log can be re-created by running
  // again (deterministic), so it is not kept in memory unless asked for (`ledger.retainEvents`).
  // Likewise the paper broker keeps only its latest 1,000 fills (`broker.fillHistory`): the ledger's
  // entries are the record, and every fill is still applied and emitted.
  const spec = {
    ...options,
    ledger: { retainEvents: false, ...options.ledger },
    broker: { fillHistory: 1000, ...options.broker },
  };
  const system = wireTradingSystem(spec, {
    clock,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.lock === undefined ? {} : { lock: options.lock }),
  });
  const initialCash = parseDecimal(options.initialCash as DecimalInput, "initialCash");
  const timeframeMs = Math.min(...series.map((s) => s.timeframeMs));
  const recorder = new RunRecorder(system, {
    initialCash,
    currency: options.currency,
    timeframeMs,
    capacity: timeline.length,
    ...(options.periodsPerYear === undefined ? {} : { periodsPerYear: options.periodsPerYear }),
  });
  const seriesInstrument = Int32Array.from(
    timeline.series.map((s) => recorder.instrumentIndex(s.instrumentId)),
  );
  timeline.series.forEach((s, i) => {
    if (seriesInstrument[i] === -1)
      throw new ValidationError("backtest", [
        {
          path: `data[${series.indexOf(s)}].instrumentId`,
          message: `"${s.instrumentId}" is not in instruments`,
        },
      ]);
  });
  const progress = createProgress({
    total: timeline.length,
    label: "backtest",
    ...(typeof options.progress === "object" ? { stream: options.progress } : {}),
    ...(typeof options.progress === "boolean" ? { enabled: options.progress } : {}),
  });

  const started = system.runner.start();
  if (isPromiseLike(started)) await started;
  if (options.onStart !== undefined) {
    const r = options.onStart(system);
    if (isPromiseLike(r)) await r;
  }
  const afterBar = options.afterBar;
  const order = timeline.order;
  const list = timeline.series;
  // Row cursor per series: within a series the timeline visits rows in order.
  const cursor = new Int32Array(list.length);
  const runner = system.runner;
  // The runner hands each bar to the paper broker before the strategies see it; when a runner config
  // turns that off, the harness feeds the broker itself so orders still fill.
  const feedBroker = runner.getConfig().forwardBarsToBroker === false;
  const broker = system.broker;
  let current = Number.NaN;
  for (let k = 0; k < timeline.length; k++) {
    const si = order === null ? 0 : (order[k] as number);
    const s = list[si] as BarSeries;
    const row = cursor[si] as number;
    cursor[si] = row + 1;
    const t = (s.openTime[row] as number) + s.timeframeMs;
    if (t !== current) {
      if (k > 0) recorder.sample(current);
      clock.advanceTo(t);
      current = t;
    }
    recorder.observePrice(seriesInstrument[si] as number, s.close[row] as number);
    const bar = barAt(s, row);
    if (feedBroker) broker.onBar(bar);
    const r = runner.processBar(bar);
    if (r !== undefined && isPromiseLike(r)) await r;
    if (afterBar !== undefined) {
      const h = afterBar(bar, system);
      if (h !== undefined && isPromiseLike(h)) await h;
    }
    progress.update(k);
  }
  if (timeline.length > 0) recorder.sample(current);
  progress.finish();
  runner.stop();
  const result = recorder.finish(combineQuality(quality));
  return { result, timeline, system };
}
