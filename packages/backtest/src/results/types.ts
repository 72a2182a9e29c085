// The backtest result model: curves, trades, metrics, signals, risk events and data quality.
import type { ConsensusEvent, Decimal, EntrySide, EntryStatus, RiskEvent } from "@quiver/core";
import type { DataQualityReport } from "../data/quality.js";
import type { PerformanceMetrics } from "../metrics/metrics.js";

/**
 * One ledger entry as a trade (entries are never blended: one order, one trade row).
 * Money is Decimal (book of record); `exitPrice` is the volume-weighted price of the exits that
 * closed it, null while open.
 */
export interface TradeRecord {
  entryId: string;
  strategyId: string;
  instrumentId: string;
  side: EntrySide;
  status: EntryStatus;
  /** Quantity bought/sold to open. */
  quantity: Decimal;
  /** Quantity still open at the end of the run. */
  openQuantity: Decimal;
  entryPrice: Decimal | null;
  entryTime: number | null;
  exitPrice: Decimal | null;
  exitTime: number | null;
  /** Realized P&L of the entry (net of the fees allocated to it). */
  realizedPnl: Decimal;
  /** Unrealized P&L of the still-open quantity at the last mark. */
  unrealizedPnl: Decimal;
}

/** Signal counts: executed, and skipped by reason. */
export interface SignalCounts {
  total: number;
  executed: number;
  skipped: number;
  /** Skipped signals by `skipReason` (keys sorted when serialized). */
  skippedByReason: Record<string, number>;
}

/** Sampled curves: one sample per distinct bar close time of the run. */
export interface EquityCurves {
  /** Sample times (bar close, epoch ms). */
  times: Float64Array;
  /** Account equity (cash + positions at the last close), in the account currency. */
  total: Float64Array;
  /**
   * Per strategy: initial cash + that strategy's net P&L (realized + unrealized), so its returns are
   * its contribution to the book.
   */
  byStrategy: Record<string, Float64Array>;
}

/** Everything a backtest produced. Serialize with `serializeBacktestResult` (deterministic). */
export interface BacktestResult {
  meta: {
    startTime: number;
    endTime: number;
    /** Bars processed (all instruments and timeframes). */
    bars: number;
    /** Curve samples (distinct close times). */
    samples: number;
    currency: string;
    initialCash: Decimal;
    /** Equity at the end, computed from the Decimal book at the last closes. */
    finalEquity: Decimal;
    finalCash: Decimal;
    strategies: string[];
    instruments: string[];
    /** Smallest bar duration of the data: the spacing used to annualize. */
    timeframeMs: number;
    periodsPerYear: number;
  };
  equity: EquityCurves;
  /**
   * Drawdown from the running peak (fraction ≤ 0), same sampling as `equity`. Each series is computed
   * from its equity curve on first read (then kept): a caller that never reads it never pays for it.
   */
  drawdown: { total: Float64Array; byStrategy: Record<string, Float64Array> };
  trades: TradeRecord[];
  metrics: { total: PerformanceMetrics; byStrategy: Record<string, PerformanceMetrics> };
  signals: { total: SignalCounts; byStrategy: Record<string, SignalCounts> };
  consensusEvents: ConsensusEvent[];
  /** Kill-switch activations and releases, in time order. */
  killSwitchEvents: RiskEvent[];
  /** Strategies that errored (threw) during the run, with the message. */
  strategyErrors: Array<{ strategyId: string; error: string }>;
  dataQuality: DataQualityReport;
}
