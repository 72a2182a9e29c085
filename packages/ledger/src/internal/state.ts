// In-memory state of the ledger: entries with their internals, indices and incremental aggregates.
import {
  type Decimal,
  type EntrySide,
  type EntryStatus,
  type Instrument,
  type Order,
  type StrategyEntry,
  ZERO,
} from "@quiver/core";
import type { LedgerEvent } from "../events.js";
import type { DriftState, EquitySnapshot, LedgerExitSlice, UnattributedFill } from "../types.js";

/** An entry plus what the public `StrategyEntry` does not show. */
export interface EntryRec {
  /** The public record, mutated in place; copied on the way out. */
  e: StrategyEntry;
  /** Cost (short: proceeds) of the quantity still open; closed slices take it pro rata, the last takes the rest. */
  openCost: Decimal;
  /** Creation order. */
  seq: number;
  /** FIFO rank among open entries: set when the entry (re)gains open quantity. */
  rank: number;
  unattributed: boolean;
  sliceCount: number;
  bucket: Bucket;
  /**
   * Cached `openCost + entryFees` (short: `openCost − entryFees`) for mark-to-market, so
   * valuing an unchanged entry costs one multiplication and one subtraction. Reset to null
   * whenever `openCost` or `entryFees` change.
   */
  mtmBasis: Decimal | null;
}

/** Open quantity, cost and unallocated fees of one (strategy, instrument, side). */
export interface Bucket {
  key: string;
  strategyId: string;
  instrumentId: string;
  side: EntrySide;
  binary: boolean;
  qty: Decimal;
  cost: Decimal;
  fees: Decimal;
  /** Open entries in FIFO order (insertion = rank order). */
  open: Set<EntryRec>;
  /** The owning strategy's totals (saves a map lookup per fill). */
  totals: StrategyTotals;
  /**
   * Category of every entry of this bucket while they all share one (category exposure is
   * derived from buckets instead of being summed per fill); see {@link attachEntryCategory}.
   */
  category: string | undefined;
  /** Entries of this bucket have different categories: category exposure scans its open entries. */
  mixedCategory: boolean;
  /** At least one entry was ever attached (its category decides {@link category}). */
  hasEntries: boolean;
}

/** Lifetime totals of one strategy, summed entry by entry as they change. */
export interface StrategyTotals {
  filled: Decimal;
  costBasis: Decimal;
  realized: Decimal;
  fees: Decimal;
  /** Entries that received at least one fill. */
  entryCount: number;
  /**
   * Stamp of the last change of these totals or of any of the strategy's buckets, from
   * {@link nextRevision}: unique in the process, so an unchanged stamp means an unchanged book.
   */
  rev: number;
}

let revisionCounter = 0;

/** A fresh revision stamp (process-wide, strictly increasing; never reused by any ledger). */
export function nextRevision(): number {
  revisionCounter++;
  return revisionCounter;
}

/** An order as the ledger tracks it: the venue's view plus the ledger's own filled quantity. */
export interface OrderRec {
  order: Order;
  category: string | undefined;
  filled: Decimal;
  /** `${strategyId}:${orderId}` (the order's own entry), built once. */
  entryId: string;
  /** Key of the bucket this order's fills close, built on the first fill that needs it. */
  closeKey: string | undefined;
}

/** Everything the ledger holds. A failed call never leaves it half-changed. */
export interface LedgerState {
  seq: number;
  cash: Decimal;
  /** Σ cash adjustments + value transferred in without cash − value transferred out. */
  contributions: Decimal;
  entries: Map<string, EntryRec>;
  orders: Map<string, OrderRec>;
  tradeIds: Set<string>;
  unattributed: UnattributedFill[];
  slices: LedgerExitSlice[];
  lastMarks: Map<string, Decimal>;
  equity: EquitySnapshot[];
  drift: DriftState;
  nextEntrySeq: number;
  nextRank: number;
  byInstrument: Map<string, Set<EntryRec>>;
  byStrategy: Map<string, Set<EntryRec>>;
  byStatus: Map<EntryStatus, Set<EntryRec>>;
  byCategory: Map<string, Set<EntryRec>>;
  open: Set<EntryRec>;
  buckets: Map<string, Bucket>;
  bucketsByInstrument: Map<string, Bucket[]>;
  bucketsByStrategy: Map<string, Bucket[]>;
  /** Every category ever seen on an entry (exposure lists them in sorted order). */
  categories: Set<string>;
  totals: Map<string, StrategyTotals>;
  events: LedgerEvent[];
}

/** A fresh, empty state. */
export function emptyState(cash: Decimal): LedgerState {
  return {
    seq: 0,
    cash,
    contributions: ZERO,
    entries: new Map(),
    orders: new Map(),
    tradeIds: new Set(),
    unattributed: [],
    slices: [],
    lastMarks: new Map(),
    equity: [],
    drift: { flag: false, at: null, mismatches: [] },
    nextEntrySeq: 1,
    nextRank: 1,
    byInstrument: new Map(),
    byStrategy: new Map(),
    byStatus: new Map(),
    byCategory: new Map(),
    open: new Set(),
    buckets: new Map(),
    bucketsByInstrument: new Map(),
    bucketsByStrategy: new Map(),
    categories: new Set(),
    totals: new Map(),
    events: [],
  };
}

/** Adds `value` to the set stored under `key`, creating it. */
export function addToIndex<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(value);
}

/** The bucket of (strategy, instrument, side), created on first use. */
export function bucketFor(
  s: LedgerState,
  strategyId: string,
  instrument: Instrument,
  side: EntrySide,
): Bucket {
  const key = `${strategyId}\u0000${instrument.id}\u0000${side}`;
  let b = s.buckets.get(key);
  if (!b) {
    b = {
      key,
      strategyId,
      instrumentId: instrument.id,
      side,
      binary: instrument.kind === "binary",
      qty: ZERO,
      cost: ZERO,
      fees: ZERO,
      open: new Set(),
      totals: totalsFor(s, strategyId),
      category: undefined,
      mixedCategory: false,
      hasEntries: false,
    };
    s.buckets.set(key, b);
    pushTo(s.bucketsByInstrument, instrument.id, b);
    pushTo(s.bucketsByStrategy, strategyId, b);
  }
  return b;
}

function pushTo<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/** Totals of a strategy, created on first use. */
export function totalsFor(s: LedgerState, strategyId: string): StrategyTotals {
  let t = s.totals.get(strategyId);
  if (!t) {
    t = { filled: ZERO, costBasis: ZERO, realized: ZERO, fees: ZERO, entryCount: 0, rev: nextRevision() };
    s.totals.set(strategyId, t);
  }
  return t;
}

/**
 * Records that an entry with `category` belongs to bucket `b`. A bucket whose entries all share
 * one category feeds that category's exposure as a whole; otherwise it is marked mixed.
 */
export function attachEntryCategory(s: LedgerState, b: Bucket, category: string | undefined): void {
  if (category !== undefined) s.categories.add(category);
  if (!b.hasEntries) {
    b.hasEntries = true;
    b.category = category;
  } else if (b.category !== category) {
    b.mixedCategory = true;
  }
}
