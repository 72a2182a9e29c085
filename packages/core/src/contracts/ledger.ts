// Ledger contract: what the runner and risk wiring need from the book of record (@quiver/ledger implements it).
import type { Decimal } from "../decimal.js";
import type { Position } from "../model/account.js";
import type { EntrySide, EntryStatus, StrategyEntry } from "../model/entry.js";
import type { Fill, Order } from "../model/order.js";
import type { StrategyPnl } from "../model/pnl.js";

/** Filters of {@link Ledger.getEntries}; all are optional and combine with AND. */
export interface EntryFilter {
  instrumentId?: string;
  strategyId?: string;
  status?: EntryStatus;
  category?: string;
  /** true: only entries with open quantity; false: only fully closed ones. */
  open?: boolean;
}

/** A (strategy, instrument, side) position summed from its entries; `averageEntryPrice` is display-only. */
export interface PositionSummary {
  strategyId: string;
  instrumentId: string;
  side: EntrySide;
  quantity: Decimal;
  costBasis: Decimal;
  entryCount: number;
  entryIds: string[];
  /** For display only: never used for P&L. */
  averageEntryPrice: Decimal | null;
  category?: string;
}

/** One closed slice of an entry, produced by an exit, settlement or adjustment. */
export interface ExitSlice {
  entryId: string;
  quantity: Decimal;
  entryPrice: Decimal;
  exitPrice: Decimal;
  /** Fees allocated to this slice (entry share + exit share). */
  fees: Decimal;
  realizedPnl: Decimal;
  reason: "exit" | "settlement" | "external" | "adjustment";
  at: number;
}

/** What applying a fill did. */
export interface ApplyFillResult {
  /** false when this `tradeId` had been applied already (duplicate delivery). */
  applied: boolean;
  /** The entry the fill opened or added to, if it opened quantity. */
  entryId: string | null;
  /** Entries (slices) it closed. */
  exits: ExitSlice[];
  /** True when no known order matched and the fill was kept as unattributed. */
  unattributed: boolean;
}

/** Outcome of comparing the ledger with a broker's positions. */
export interface ReconcileReport {
  at: number;
  /** Adjustments recorded (external closes, partial closes, manual positions). */
  adjustments: Array<{
    instrumentId: string;
    kind: "external_close" | "external_partial_close" | "manual_position" | "manual_change";
    quantity: Decimal;
    entryIds: string[];
  }>;
  /** Instruments whose difference could not be explained. */
  mismatches: Array<{
    instrumentId: string;
    ledgerQuantity: Decimal;
    brokerQuantity: Decimal;
    detail: string;
  }>;
  /** True when any mismatch remains. */
  drift: boolean;
}

/**
 * The per-entry book of record. Every mutating call either applies fully or throws a
 * `LedgerError`/`ValidationError` and leaves the state unchanged. Queries use indices.
 */
export interface Ledger {
  /** Registers an order; an order that opens exposure gets a pending entry. Idempotent per orderId. */
  recordOrder(order: Order, options?: { category?: string }): StrategyEntry | null;
  /** Applies a status change (cancel / reject / expire keep what had filled). */
  applyOrderUpdate(order: Order): void;
  /** Applies a fill once per `tradeId`. */
  applyFill(fill: Fill): ApplyFillResult;
  /** Settles every open entry of a binary market at the YES price (0–100 cents). */
  settle(instrumentId: string, yesPriceCents: Decimal, at: number): ExitSlice[];
  /** Compares with broker positions; records explicit adjustments; flags drift. */
  reconcile(
    positions: readonly Position[],
    at: number,
    prices?: Readonly<Record<string, Decimal>>,
  ): ReconcileReport;
  getEntries(filter?: EntryFilter): StrategyEntry[];
  getEntry(entryId: string): StrategyEntry | undefined;
  /** Open quantity of a strategy in an instrument (all sides summed; contracts for binary). */
  getStrategyContracts(instrumentId: string, strategyId: string): Decimal;
  /** Open quantity of every strategy (and manual) in an instrument. */
  getCombinedContracts(instrumentId: string): Decimal;
  /** Positions per (strategy, instrument, side), from open entries. */
  getPositionSummaries(filter?: { strategyId?: string; instrumentId?: string }): PositionSummary[];
  /** P&L of one strategy from its entries at the given marks (binary: YES price in cents). */
  computeStrategyPnl(strategyId: string, marks: Readonly<Record<string, Decimal>>): StrategyPnl;
  /** Cash in the account currency. */
  getCash(): Decimal;
  /** Cash + open positions at marks. */
  getEquity(marks: Readonly<Record<string, Decimal>>): Decimal;
  /** Positions of strategies not in `activeStrategyIds` (seed 001 rule 7). */
  getOrphanedPositions(activeStrategyIds: Iterable<string>): PositionSummary[];
}
