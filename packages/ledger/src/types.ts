// Public option and result types of the ledger beyond core's `Ledger` contract.
import type {
  ApplyFillResult,
  Decimal,
  DecimalInput,
  EntrySide,
  ExitSlice,
  Instrument,
  Logger,
  ReconcileReport,
} from "@quiver/core";

/** Which open entries a reducing fill closes first when no explicit entry ids are given. */
export type ExitPolicy = "fifo" | "lifo";

/** Options of {@link createLedger}. */
export interface LedgerOptions {
  /** Instruments the ledger can book: an array, a map by id, or a lookup function. */
  instruments:
    | readonly Instrument[]
    | ReadonlyMap<string, Instrument>
    | ((id: string) => Instrument | undefined);
  /** Cash at the start of the book, in `currency`. */
  initialCash: DecimalInput;
  /** Account currency (e.g. "USD", "BTC"). */
  currency: string;
  /** Default exit matching (default "fifo"). Explicit entry ids always win. */
  exitPolicy?: ExitPolicy;
  /** IANA time zone of the trading day boundary (default "UTC"). */
  timeZone?: string;
  /** Local wall time at which a trading day starts, "HH:MM" (default "00:00"). */
  dayStartTime?: string;
  /** Keep every event in memory for {@link PortfolioLedgerApi.getEvents} (default true). */
  retainEvents?: boolean;
  /** Receives errors thrown by event listeners (listeners must not throw; the ledger never rethrows). */
  logger?: Logger;
  /**
   * How `recordOrder` / `applyOrderUpdate` validate an order (default "full": core's zod
   * `OrderSchema`). "trusted" accepts an already-parsed Order (Decimal fields, defaults present)
   * after a fast hand-written check of the same rules and falls back to the full parse for
   * anything else, so a bad order is rejected with the same error. Use it when orders come from
   * code that already parsed them (the runner, a backtest).
   *
   * A trusted order that is frozen (`Object.isFrozen`, as the paper broker's orders are) is kept
   * by reference instead of being copied: its own fields cannot change, but the objects it holds
   * can — do not mutate its `metadata` (or any Decimal) after handing it to the ledger (the
   * ledger reads `metadata.exitEntryIds` when the order's fills arrive, and journals and
   * snapshots serialize what the order holds then). A trusted order that is not frozen is copied
   * as before. `getOrder`, events and snapshots show every order as a copy with its keys in
   * `OrderSchema` order, whichever way it was kept.
   */
  validation?: "full" | "trusted";
}

/** Options of `applyFill`. */
export interface ApplyFillOptions {
  /**
   * Entries to close first, in this order (they must belong to the order's strategy, be in the
   * fill's instrument and on the side the fill reduces). Any remainder follows the normal
   * routing (exit policy, then opening). The order's `metadata.exitEntryIds` is used when absent.
   */
  closeEntryIds?: readonly string[];
}

/** An {@link ExitSlice} with its owner and a stable id (`${entryId}#n`). */
export interface LedgerExitSlice extends ExitSlice {
  sliceId: string;
  strategyId: string;
  instrumentId: string;
  side: EntrySide;
}

/** What `applyFill` did, with owner-annotated exit slices. */
export interface LedgerApplyFillResult extends ApplyFillResult {
  exits: LedgerExitSlice[];
}

/** Where the price of a reconciliation adjustment came from. */
export type AdjustmentPriceSource = "broker" | "prices" | "mark" | "entry";

/** Options of `reconcile`. */
export interface ReconcileOptions {
  /**
   * The report lists every position the venue holds: an instrument the ledger holds but the report
   * omits is then flat (external close). Default false: a missing instrument is never flat, it is
   * listed in `unverified`.
   */
  complete?: boolean;
  /**
   * "trade" (default): an external close credits its proceeds to cash and a manual position
   * debits its cost, as trades in the account would. "transfer": positions moved in or out
   * without cash; the value is booked as a contribution/withdrawal instead.
   */
  cashEffect?: "trade" | "transfer";
  /** Broker positions in instruments the ledger does not know: "drift" (default) or "ignore". */
  unknownInstruments?: "drift" | "ignore";
}

/** `reconcile` result with what could not be verified. */
export interface LedgerReconcileReport extends ReconcileReport {
  /** Instruments the ledger holds that the broker report did not mention (not assumed flat). */
  unverified: string[];
}

/** Gross exposure (absolute value at marks; cost basis when no mark is known). */
export interface ExposureReport {
  total: Decimal;
  byMarket: Record<string, Decimal>;
  byCategory: Record<string, Decimal>;
  byAsset: Record<string, Decimal>;
  byStrategy: Record<string, Decimal>;
}

/** One point of the equity curve. */
export interface EquitySnapshot {
  at: number;
  equity: Decimal;
  cash: Decimal;
}

/** Drawdown of the current trading day (day boundary in the ledger's time zone). */
export interface DailyDrawdown {
  /** Instant the trading day containing `at` started. */
  dayStart: number;
  /** Equity at the day start (last snapshot before it, else the day's first snapshot); null without snapshots. */
  startEquity: Decimal | null;
  /** Highest equity since the day start (including `startEquity`). */
  peakEquity: Decimal | null;
  /** Latest equity at or before `at`. */
  currentEquity: Decimal | null;
  /** (peak − current) / peak × 100, ≥ 0; 0 without data. */
  drawdownFromPeakPct: Decimal;
  /** (start − current) / start × 100; negative when up on the day; 0 without data. */
  drawdownFromStartPct: Decimal;
}

/** Unrealized P&L of one open entry at a mark. */
export interface EntryMark {
  entryId: string;
  strategyId: string;
  instrumentId: string;
  side: EntrySide;
  openQuantity: Decimal;
  /** Value of the open quantity (positive for long/yes/no; the liability, positive, for short). */
  value: Decimal;
  /** value − open cost − unallocated entry fees (short: open cost − value − fees). */
  unrealizedPnl: Decimal;
  /** Mark used, in the price units of the outcome held; null when none was known (valued at cost). */
  price: Decimal | null;
}

/** The ledger's drift state, as set by the last reconciliation. */
export interface DriftState {
  flag: boolean;
  at: number | null;
  mismatches: ReconcileReport["mismatches"];
}

/** A fill whose order the ledger did not know: booked under the manual strategy and flagged. */
export interface UnattributedFill {
  tradeId: string;
  orderId: string;
  instrumentId: string;
  entryId: string | null;
  at: number;
}
