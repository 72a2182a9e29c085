// Assembles a BacktestResult from the ledger (Decimal book), the sampled curves and the collected events.
import {
  type Decimal,
  type ExitSlice,
  type Ledger,
  ZERO,
  addDecimals,
  decimalToNumber,
  isExactProduct,
  mulDecimals,
} from "@quiver/core";
import type { DataQualityReport } from "../data/quality.js";
import { computeMetrics, drawdownSeries, periodsPerYear } from "../metrics/metrics.js";
import type { BacktestResult, SignalCounts, TradeRecord } from "../results/types.js";
import type { RunCollector } from "./collector.js";
import type { EquityTracker } from "./equity-tracker.js";

/** What the harness needs from the ledger beyond core's contract (@quiver/ledger provides it). */
export interface LedgerReadModel extends Ledger {
  getExitSlices(filter?: { strategyId?: string; instrumentId?: string; entryId?: string }): ExitSlice[];
  markToMarket(marks?: Readonly<Record<string, Decimal>>): Array<{ entryId: string; unrealizedPnl: Decimal }>;
}

/** Builds one trade row per ledger entry (never blended), with the VWAP and time of its exits. */
export function tradesFromLedger(
  ledger: LedgerReadModel,
  marks: Readonly<Record<string, Decimal>>,
): TradeRecord[] {
  const unrealized = new Map(ledger.markToMarket(marks).map((m) => [m.entryId, m.unrealizedPnl]));
  const slices = new Map<string, ExitSlice[]>();
  for (const s of ledger.getExitSlices()) {
    const list = slices.get(s.entryId);
    if (list) list.push(s);
    else slices.set(s.entryId, [s]);
  }
  const out: TradeRecord[] = [];
  for (const e of ledger.getEntries()) {
    if (e.filledQuantity.isZero()) continue;
    const ex = slices.get(e.entryId);
    let exitPrice: Decimal | null = null;
    let last: number | null = null;
    if (
      ex !== undefined &&
      ex.length === 1 &&
      isExactProduct((ex[0] as ExitSlice).quantity, (ex[0] as ExitSlice).exitPrice)
    ) {
      // One exit (the usual whole close): its VWAP is its price — (q × p) / q with q × p exact
      // (q is not zero: isExactProduct says so).
      const s = ex[0] as ExitSlice;
      exitPrice = s.exitPrice;
      last = s.at;
    } else if (ex !== undefined) {
      let q = ZERO;
      let notional = ZERO;
      for (const s of ex) {
        q = addDecimals(q, s.quantity);
        notional = addDecimals(notional, mulDecimals(s.quantity, s.exitPrice));
        last = last === null ? s.at : Math.max(last, s.at);
      }
      exitPrice = q.isZero() ? null : notional.dividedBy(q);
    }
    out.push({
      entryId: e.entryId,
      strategyId: e.strategyId,
      instrumentId: e.instrumentId,
      side: e.side,
      status: e.status,
      quantity: e.filledQuantity,
      openQuantity: e.openQuantity,
      entryPrice: e.entryPrice,
      entryTime: e.filledAt ?? e.createdAt,
      exitPrice,
      exitTime: last,
      realizedPnl: e.realizedPnl,
      unrealizedPnl: unrealized.get(e.entryId) ?? ZERO,
    });
  }
  out.sort(
    (a, b) =>
      (a.entryTime ?? 0) - (b.entryTime ?? 0) || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0),
  );
  return out;
}

/**
 * Defines `target[key]` as `compute()`, computed on first read and then kept (an enumerable property
 * like any other: spreads, `JSON.stringify` and `structuredClone` read it). A run of a million bars
 * would otherwise write a further 8 MB per series that many callers (parameter sweeps reading
 * metrics) never look at: the drawdown series (the metrics' max drawdown is computed without them)
 * and the sample times (kept as runs by `SampleTimes`).
 */
function lazyProperty<K extends string>(
  target: { [k in K]?: Float64Array },
  key: K,
  compute: () => Float64Array,
): void {
  // The value lives in this closure (not by redefining the property), so a frozen result still reads.
  let value: Float64Array | undefined;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      value ??= compute();
      return value;
    },
    set(v: Float64Array) {
      value = v;
    },
  });
}

/** Inputs of {@link buildResult}. */
export interface BuildResultInput {
  ledger: LedgerReadModel;
  tracker: EquityTracker;
  collector: RunCollector;
  lastPrice: Float64Array;
  strategies: readonly string[];
  instruments: readonly string[];
  currency: string;
  initialCash: Decimal;
  bars: number;
  timeframeMs: number;
  periodsPerYear?: number;
  dataQuality: DataQualityReport;
}

/** Everything in a {@link BacktestResult}, computed once at the end of the run. */
export function buildResult(input: BuildResultInput): BacktestResult {
  const { ledger, tracker, collector } = input;
  const marks = tracker.marks(input.lastPrice);
  const sampleTimes = tracker.times;
  const total = tracker.total.toArray();
  const byStrategy: Record<string, Float64Array> = {};
  const ddByStrategy: Record<string, Float64Array> = {};
  input.strategies.forEach((s, i) => {
    const curve = (tracker.byStrategy[i] as { toArray(): Float64Array }).toArray();
    byStrategy[s] = curve;
    lazyProperty(ddByStrategy, s, () => drawdownSeries(curve));
  });
  // (in the order `times`, `total`, `byStrategy`, as before the times were lazy)
  const equity = {} as BacktestResult["equity"];
  lazyProperty(equity, "times", () => sampleTimes.toArray());
  equity.total = total;
  equity.byStrategy = byStrategy;
  const drawdown = {} as BacktestResult["drawdown"];
  lazyProperty(drawdown, "total", () => drawdownSeries(total));
  drawdown.byStrategy = ddByStrategy;
  const trades = tradesFromLedger(ledger, marks);
  const closedPnls = (strategyId?: string) =>
    trades
      .filter((t) => (strategyId === undefined || t.strategyId === strategyId) && t.openQuantity.isZero())
      .map((t) => decimalToNumber(t.realizedPnl));
  const startTime = sampleTimes.length > 0 ? sampleTimes.first : 0;
  const endTime = sampleTimes.length > 0 ? sampleTimes.lastTime : 0;
  const ppy = input.periodsPerYear ?? periodsPerYear(input.timeframeMs);
  const metricsOf = (equity: Float64Array, pnls: number[], inMarket: number) =>
    computeMetrics({
      equity,
      durationMs: endTime - startTime,
      timeframeMs: input.timeframeMs,
      tradePnls: pnls,
      barsInMarket: inMarket,
      periodsPerYear: ppy,
    });
  const metricsByStrategy: BacktestResult["metrics"]["byStrategy"] = {};
  const signalsByStrategy: Record<string, SignalCounts> = {};
  input.strategies.forEach((s, i) => {
    metricsByStrategy[s] = metricsOf(
      byStrategy[s] as Float64Array,
      closedPnls(s),
      tracker.barsInMarket[i] as number,
    );
    signalsByStrategy[s] = collector.byStrategy.get(s) ?? {
      total: 0,
      executed: 0,
      skipped: 0,
      skippedByReason: {},
    };
  });
  return {
    meta: {
      startTime,
      endTime,
      bars: input.bars,
      samples: sampleTimes.length,
      currency: input.currency,
      initialCash: input.initialCash,
      finalEquity: ledger.getEquity(marks),
      finalCash: ledger.getCash(),
      strategies: [...input.strategies],
      instruments: [...input.instruments],
      timeframeMs: input.timeframeMs,
      periodsPerYear: ppy,
    },
    equity,
    drawdown,
    trades,
    metrics: {
      total: metricsOf(total, closedPnls(), tracker.barsInMarketTotal),
      byStrategy: metricsByStrategy,
    },
    signals: { total: collector.total, byStrategy: signalsByStrategy },
    consensusEvents: collector.consensus,
    killSwitchEvents: collector.killSwitch,
    strategyErrors: collector.errors,
    dataQuality: input.dataQuality,
  };
}
