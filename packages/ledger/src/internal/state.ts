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

/**
 * The public entry as the ledger keeps it: every optional key present (undefined when absent), so
 * each entry is built as one fixed-shape literal — adding keys to a long-lived object afterwards
 * costs about ten times as much. Never handed out: {@link copyEntry} drops the undefined keys.
 */
export type EntryRecord = Omit<StrategyEntry, "clientOrderId" | "category" | "signalId"> & {
  clientOrderId: string | undefined;
  category: string | undefined;
  signalId: string | undefined;
};

/** An entry plus what the public `StrategyEntry` does not show. */
export interface EntryRec {
  /** The public record, mutated in place; copied on the way out ({@link copyEntry}). */
  e: EntryRecord;
  /** Cost (short: proceeds) of the quantity still open; closed slices take it pro rata, the last takes the rest. */
  openCost: Decimal;
  /** Creation order. */
  seq: number;
  /** FIFO rank among open entries: set when the entry (re)gains open quantity. */
  rank: number;
  unattributed: boolean;
  sliceCount: number;
  bucket: Bucket;
  /** The status under which {@link EntryIndex.byStatus} lists this entry; null until indexed. */
  indexedStatus: EntryStatus | null;
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
  /**
   * Memo of the display average `cost / qty` (one division): valid while `qty` and `cost` are
   * the very Decimals it was computed from (Decimals are immutable; every change replaces them).
   */
  avg: { qty: Decimal; cost: Decimal; value: Decimal } | null;
  /**
   * Memo of the bucket's value at a mark (`qty × price`): valid while `qty` and the mark are the
   * very Decimals it was computed from. Equity and strategy P&L value the same bucket at the same
   * mark object in turn, so the second one reuses the product.
   */
  valued: { qty: Decimal; mark: Decimal; value: Decimal } | null;
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
  /** Every entry in creation order (entries are never removed). */
  entryList: EntryRec[];
  /** Lookup indices of `getEntries`, brought up to date only when a query needs them. */
  index: EntryIndex;
  open: Set<EntryRec>;
  buckets: Map<string, Bucket>;
  /**
   * The same buckets by strategy, then instrument, then side: found with two lookups of the ids
   * the caller already holds instead of building and hashing a composite key per order and fill.
   */
  bucketTree: Map<string, Map<string, SideBuckets>>;
  bucketsByInstrument: Map<string, Bucket[]>;
  bucketsByStrategy: Map<string, Bucket[]>;
  /** Every category ever seen on an entry (exposure lists them in sorted order). */
  categories: Set<string>;
  totals: Map<string, StrategyTotals>;
  events: LedgerEvent[];
}

/**
 * Entries by instrument, strategy and category (creation order) and by status, for `getEntries`.
 * Orders and fills never touch it: entries only get appended to `entryList` (instrument,
 * strategy and category never change) and an indexed entry whose status changes is noted in
 * `statusChanged`; {@link syncIndex} catches up when a query needs the index.
 */
export interface EntryIndex {
  /** Entries of `entryList` before this position are indexed. */
  upTo: number;
  byInstrument: Map<string, EntryRec[]>;
  byStrategy: Map<string, EntryRec[]>;
  byCategory: Map<string, EntryRec[]>;
  byStatus: Map<EntryStatus, Set<EntryRec>>;
  /** Indexed entries whose status changed since the last sync (may repeat). */
  statusChanged: EntryRec[];
}

/** Adds a new entry to the state's entry map and list (the index picks it up lazily). */
export function addEntry(s: LedgerState, rec: EntryRec): void {
  s.entries.set(rec.e.entryId, rec);
  s.entryList.push(rec);
}

/** Sets an entry's status and notes the change for the index if it already lists the entry. */
export function setEntryStatus(s: LedgerState, rec: EntryRec, status: EntryStatus): void {
  if (rec.e.status === status) return;
  rec.e.status = status;
  if (rec.indexedStatus !== null) s.index.statusChanged.push(rec);
}

/** Brings the entry index up to date with every entry and status change, and returns it. */
export function syncIndex(s: LedgerState): EntryIndex {
  const ix = s.index;
  for (const rec of ix.statusChanged) {
    const status = rec.e.status;
    if (rec.indexedStatus === status || rec.indexedStatus === null) continue;
    ix.byStatus.get(rec.indexedStatus)?.delete(rec);
    addToIndex(ix.byStatus, status, rec);
    rec.indexedStatus = status;
  }
  ix.statusChanged.length = 0;
  const list = s.entryList;
  for (let i = ix.upTo; i < list.length; i++) {
    const rec = list[i]!;
    const e = rec.e;
    pushTo(ix.byInstrument, e.instrumentId, rec);
    pushTo(ix.byStrategy, e.strategyId, rec);
    if (e.category !== undefined) pushTo(ix.byCategory, e.category, rec);
    addToIndex(ix.byStatus, e.status, rec);
    rec.indexedStatus = e.status;
  }
  ix.upTo = list.length;
  return ix;
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
    entryList: [],
    index: {
      upTo: 0,
      byInstrument: new Map(),
      byStrategy: new Map(),
      byCategory: new Map(),
      byStatus: new Map(),
      statusChanged: [],
    },
    open: new Set(),
    buckets: new Map(),
    bucketTree: new Map(),
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

/** The buckets of one (strategy, instrument), by side. */
export type SideBuckets = { [S in EntrySide]?: Bucket };

/** The bucket of (strategy, instrument, side) if it exists. */
export function findBucket(
  s: LedgerState,
  strategyId: string,
  instrumentId: string,
  side: EntrySide,
): Bucket | undefined {
  return s.bucketTree.get(strategyId)?.get(instrumentId)?.[side];
}

/** The bucket of (strategy, instrument, side), created on first use. */
export function bucketFor(
  s: LedgerState,
  strategyId: string,
  instrument: Instrument,
  side: EntrySide,
): Bucket {
  let b = findBucket(s, strategyId, instrument.id, side);
  if (!b) {
    const key = `${strategyId}\u0000${instrument.id}\u0000${side}`;
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
      avg: null,
      valued: null,
    };
    s.buckets.set(key, b);
    let byInstrument = s.bucketTree.get(strategyId);
    if (!byInstrument) {
      byInstrument = new Map();
      s.bucketTree.set(strategyId, byInstrument);
    }
    let sides = byInstrument.get(instrument.id);
    if (!sides) {
      sides = {};
      byInstrument.set(instrument.id, sides);
    }
    sides[side] = b;
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
