// RunRecorder: watches a wired system during a run and turns it into a BacktestResult at the end.
import type { Bar, Decimal } from "@quiver/core";
import type { DataQualityReport } from "./data/quality.js";
import { buildResult } from "./internal/build-result.js";
import { RunCollector } from "./internal/collector.js";
import { EquityTracker } from "./internal/equity-tracker.js";
import type { BacktestResult } from "./results/types.js";
import type { TradingSystem } from "./wire.js";

/** Options of {@link RunRecorder}. */
export interface RunRecorderOptions {
  initialCash: Decimal;
  currency: string;
  /** Bar spacing used to annualize Sharpe/Sortino (the smallest timeframe of the data). */
  timeframeMs: number;
  periodsPerYear?: number;
  /** Expected samples, to pre-size the curves. */
  capacity?: number;
}

/**
 * Records a run of a {@link TradingSystem}: signal counts by skip reason, consensus and kill-switch
 * events (from the runner's events), and equity marks per sample (re-based from the ledger whenever
 * the ledger records an event). Used by `runBacktest` and by paper runs alike.
 */
export class RunRecorder {
  private readonly collector: RunCollector;
  private readonly tracker: EquityTracker;
  private readonly index: Map<string, number>;
  private readonly lastPrice: Float64Array;
  private readonly strategyIds: string[];
  private readonly unsubscribe: () => void;
  /** Bars observed. */
  bars = 0;

  constructor(
    private readonly system: TradingSystem,
    private readonly options: RunRecorderOptions,
  ) {
    this.strategyIds = system.runner.getStrategyState().map((s) => s.strategyId);
    this.collector = new RunCollector(this.strategyIds);
    this.collector.attach(system.events);
    this.index = new Map(system.instruments.map((inst, i) => [inst.id, i]));
    this.lastPrice = new Float64Array(system.instruments.length);
    this.tracker = new EquityTracker(
      system.ledger,
      this.strategyIds,
      system.instruments,
      options.initialCash.toNumber(),
      options.capacity ?? 1024,
    );
    // @quiver/ledger exposes `seq`, which the tracker polls in O(1); a ledger without it is listened to.
    this.unsubscribe =
      typeof (system.ledger as { seq?: unknown }).seq === "number"
        ? () => {}
        : system.ledger.onEvent(() => this.tracker.markDirty());
  }

  /** Index of an instrument in the price array (for the hot loop), or -1. */
  instrumentIndex(instrumentId: string): number {
    return this.index.get(instrumentId) ?? -1;
  }

  /** Records the close of a bar as the instrument's last price (hot path: by index). */
  observePrice(instrumentIndex: number, close: number): void {
    this.lastPrice[instrumentIndex] = close;
    this.bars++;
  }

  /** Records a bar (convenience for feeds). */
  observe(bar: Bar): void {
    const i = this.index.get(bar.instrumentId);
    if (i !== undefined) this.observePrice(i, bar.close);
  }

  /** Samples equity at `time` (call once per distinct bar close time, after its bars were processed). */
  sample(time: number): void {
    this.tracker.sample(time, this.lastPrice);
  }

  /** Stops listening to the ledger and builds the result. */
  finish(dataQuality: DataQualityReport): BacktestResult {
    this.unsubscribe();
    return buildResult({
      ledger: this.system.ledger,
      tracker: this.tracker,
      collector: this.collector,
      lastPrice: this.lastPrice,
      strategies: this.strategyIds,
      instruments: this.system.instruments.map((i) => i.id),
      currency: this.options.currency,
      initialCash: this.options.initialCash,
      bars: this.bars,
      timeframeMs: this.options.timeframeMs,
      ...(this.options.periodsPerYear === undefined ? {} : { periodsPerYear: this.options.periodsPerYear }),
      dataQuality,
    });
  }
}
