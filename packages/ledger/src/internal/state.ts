// In-memory state of the ledger: entries with their internals, indices and incremental aggregates.
import {
  type Decimal,
  type EntrySide,
  type EntryStatus,
  type Instrument,
  type Order,
  type StrategyEntry,
  ZERO,
  makeEntryId,
} from "@quiver/core";
import { add, eq, isCanonical } from "./exact.js";
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
   * Memo of the display average `cost / qty` (one division) in `avgValue`: valid while `qty` and
   * `cost` are the very Decimals `avgQty` and `avgCost` it was computed from (Decimals are
   * immutable; every change replaces them). Three fields rather than a memo object: a new
   * position would otherwise allocate one per fill.
   */
  avgQty: Decimal | null;
  avgCost: Decimal | null;
  avgValue: Decimal | null;
  /**
   * Memo of the bucket's value at a mark (`qty × price`) in `valValue`: valid while `qty` and the
   * mark are the very Decimals `valQty` and `valMark` it was computed from. Equity and strategy
   * P&L value the same bucket at the same mark object in turn, so the second one reuses the product.
   */
  valQty: Decimal | null;
  valMark: Decimal | null;
  valValue: Decimal | null;
}

/** Lifetime totals of one strategy, summed entry by entry as they change. */
export interface StrategyTotals {
  /** Σ opening quantity; read through {@link settleTotals} (pending additions). */
  filled: Decimal;
  /** Σ cost basis of opening fills; read through {@link settleTotals}. */
  costBasis: Decimal;
  realized: Decimal;
  /** Σ fees paid; read through {@link settleTotals}. */
  fees: Decimal;
  /**
   * Additions to `filled` and `costBasis` not made yet: (quantity, notional) pairs in fill order.
   * Only `computeStrategyPnl` and `getTotalFees` read these totals (the runner and the backtest
   * read `computeStrategyNetPnl`), so a fill does not pay up to three Decimal additions for them;
   * {@link settleTotals} makes the very same additions in the very same order when they are read,
   * hence the very same sums. Until then a fill keeps one to three pointers here.
   */
  pendingOpen: Decimal[];
  /** Additions to `fees` not made yet, in fill order (see `pendingOpen`). */
  pendingFees: Decimal[];
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
export class OrderRec {
  order: Order;
  category: string | undefined;
  filled: Decimal;
  /** `${strategyId}:${orderId}` (the order's own entry), built once. */
  entryId: string;
  /**
   * The order's own entry, made by `createEntry` for this record (null: none yet; undefined: not
   * known here, ask `entryById`). Trusted only while {@link LedgerState.linked}.
   */
  entry: EntryRec | null | undefined;

  constructor(
    order: Order,
    category: string | undefined,
    filled: Decimal,
    entryId: string,
    entry: EntryRec | null | undefined,
  ) {
    this.order = order;
    this.category = category;
    this.filled = filled;
    this.entryId = entryId;
    this.entry = entry;
  }
}

/**
 * What {@link LedgerState.orders} holds for an order: its {@link OrderRec}, or the order alone
 * while the record would hold nothing else — no category, and the ledger has seen exactly the
 * order's quantity filled (see {@link storeOrder}). Most orders end that way, and every order
 * stays in the book for good: the compact form keeps no record and no entry id string.
 */
export type OrderSlot = OrderRec | Order;

/** The order of a slot. */
export function slotOrder(slot: OrderSlot): Order {
  return slot instanceof OrderRec ? slot.order : slot;
}

/**
 * The record of a slot: the record itself, or for an order alone a fresh record with the very
 * values it stands for (its quantity filled: an equal canonical Decimal, so every later
 * operation and string gives the same result; see {@link storeOrder}). A change to a fresh record
 * must be stored with {@link storeOrder}.
 */
export function slotRecord(slot: OrderSlot): OrderRec {
  if (slot instanceof OrderRec) return slot;
  return new OrderRec(slot, undefined, slot.quantity, makeEntryId(slot.strategyId, slot.orderId), undefined);
}

/**
 * Stores a record after it changed (or was made by {@link slotRecord}): the order alone when the
 * record adds nothing to it — no category, and a filled quantity equal to the order's quantity,
 * both canonical (core's constructor, within its precision: equal values then have the same
 * sign, exponent and digits, so the order's quantity can stand in for the filled quantity
 * everywhere) — else the record.
 */
export function storeOrder(s: LedgerState, rec: OrderRec): void {
  const order = rec.order;
  if (
    rec.category === undefined &&
    isCanonical(rec.filled) &&
    isCanonical(order.quantity) &&
    eq(rec.filled, order.quantity)
  )
    putOrder(s, order.orderId, order);
  else if (findOrder(s, order.orderId) !== rec) putOrder(s, order.orderId, rec);
}

/**
 * The slot of an order id: a fill usually comes right after its order was recorded (or stored),
 * so the last stored slot is checked first — the very value `orders` holds for that id, since every
 * store goes through {@link putOrder} and orders are never removed.
 */
export function findOrder(s: LedgerState, orderId: string): OrderSlot | undefined {
  return orderId === s.lastOrderId ? s.lastOrderSlot : s.orders.get(orderId);
}

/** Stores an order's slot (the only way `orders` is written: see {@link findOrder}). */
export function putOrder(s: LedgerState, orderId: string, slot: OrderSlot): void {
  s.orders.set(orderId, slot);
  s.lastOrderId = orderId;
  s.lastOrderSlot = slot;
}

/** The entry map, brought up to date with every entry added since (see {@link LedgerState.entries}). */
export function syncEntries(s: LedgerState): Map<string, EntryRec> {
  const map = s.entries;
  const list = s.entryList;
  for (let i = s.entriesSynced; i < list.length; i++) {
    const rec = list[i]!;
    map.set(rec.e.entryId, rec);
  }
  s.entriesSynced = list.length;
  return map;
}

/** An entry by id (the last one made under that id). */
export function entryById(s: LedgerState, entryId: string): EntryRec | undefined {
  return syncEntries(s).get(entryId);
}

/**
 * The entry of an order's own id (`${strategyId}:${orderId}`): its record's link while the state
 * is {@link LedgerState.linked} and the record knows it, else the entry map.
 */
export function ownEntry(s: LedgerState, rec: OrderRec): EntryRec | undefined {
  const linked = rec.entry;
  if (s.linked && linked !== undefined) return linked ?? undefined;
  return entryById(s, rec.entryId);
}

/**
 * A closed slice as the ledger keeps it: what the public {@link LedgerExitSlice} holds, without what
 * its entry already holds for good (entry id, strategy, instrument and side never change; the
 * slice id is `${entryId}#${n}`) and with its fees as the two shares they are the sum of (the
 * entry's share and the exit's), so a kept slice is one small object, not three objects and a
 * string. {@link publicSlice} gives the public form: the same sum of the same Decimals in the
 * same way as when the slice was closed (core's Decimal configuration is fixed), hence the same
 * value to the last digit.
 */
export class SliceRec {
  readonly e: EntryRecord;
  readonly n: number;
  readonly quantity: Decimal;
  readonly entryPrice: Decimal;
  readonly exitPrice: Decimal;
  readonly entryFeeShare: Decimal;
  readonly exitFee: Decimal;
  readonly realizedPnl: Decimal;
  readonly reason: LedgerExitSlice["reason"];
  readonly at: number;

  constructor(
    e: EntryRecord,
    n: number,
    quantity: Decimal,
    entryPrice: Decimal,
    exitPrice: Decimal,
    entryFeeShare: Decimal,
    exitFee: Decimal,
    realizedPnl: Decimal,
    reason: LedgerExitSlice["reason"],
    at: number,
  ) {
    this.e = e;
    this.n = n;
    this.quantity = quantity;
    this.entryPrice = entryPrice;
    this.exitPrice = exitPrice;
    this.entryFeeShare = entryFeeShare;
    this.exitFee = exitFee;
    this.realizedPnl = realizedPnl;
    this.reason = reason;
    this.at = at;
  }
}

/** What {@link LedgerState.slices} holds: a slice closed here, or one restored from a snapshot (as it was). */
export type SliceSlot = SliceRec | LedgerExitSlice;

/** The public form of a kept slice (a fresh object, schema key order). */
export function publicSlice(x: SliceSlot): LedgerExitSlice {
  if (!(x instanceof SliceRec)) return { ...x };
  const e = x.e;
  return {
    sliceId: `${e.entryId}#${x.n}`,
    entryId: e.entryId,
    strategyId: e.strategyId,
    instrumentId: e.instrumentId,
    side: e.side,
    quantity: x.quantity,
    entryPrice: x.entryPrice,
    exitPrice: x.exitPrice,
    fees: add(x.entryFeeShare, x.exitFee),
    realizedPnl: x.realizedPnl,
    reason: x.reason,
    at: x.at,
  };
}

/** Everything the ledger holds. A failed call never leaves it half-changed. */
export interface LedgerState {
  seq: number;
  cash: Decimal;
  /** Σ cash adjustments + value transferred in without cash − value transferred out. */
  contributions: Decimal;
  /**
   * Entries by id, in the order their ids were first added (`Map.set` of every entry of
   * `entryList`, in order: a later entry under the same id replaces the earlier one). Built
   * lazily by {@link syncEntries}: orders and fills find their own entries through their records'
   * links (see `linked`), so the per-decision path does not insert into or probe a map that grows
   * with every entry.
   */
  entries: Map<string, EntryRec>;
  /** Entries of `entryList` before this position are in `entries`. */
  entriesSynced: number;
  /**
   * True while every entry was made by `createEntry` for its own order's record (which links it)
   * and no order's strategy id contains ":". Entry ids `${strategyId}:${orderId}` are then unique
   * and an entry exists under an order's id exactly when its record links one, so `OrderRec.entry`
   * answers what `entries.get(entryId)` would. An unattributed fill, a manual adjustment entry, a
   * strategy id with ":" or a restore makes it false for good (lookups then use the map).
   */
  linked: boolean;
  orders: Map<string, OrderSlot>;
  /** The order id stored last and its slot (see {@link findOrder}). */
  lastOrderId: string | undefined;
  lastOrderSlot: OrderSlot | undefined;
  tradeIds: Set<string>;
  unattributed: UnattributedFill[];
  /** The trade list in closing order. */
  slices: SliceSlot[];
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
  /** The same buckets in creation order (the map's order), for loops without an iterator. */
  bucketList: Bucket[];
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

/** Adds a new entry to the state's entry list (the entry map and the index pick it up lazily). */
export function addEntry(s: LedgerState, rec: EntryRec): void {
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
    entriesSynced: 0,
    linked: true,
    orders: new Map(),
    lastOrderId: undefined,
    lastOrderSlot: undefined,
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
    bucketList: [],
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
      avgQty: null,
      avgCost: null,
      avgValue: null,
      valQty: null,
      valMark: null,
      valValue: null,
    };
    s.buckets.set(key, b);
    s.bucketList.push(b);
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
    t = {
      filled: ZERO,
      costBasis: ZERO,
      realized: ZERO,
      fees: ZERO,
      pendingOpen: [],
      pendingFees: [],
      entryCount: 0,
      rev: nextRevision(),
    };
    s.totals.set(strategyId, t);
  }
  return t;
}

/** Makes the pending additions to a strategy's `filled`, `costBasis` and `fees` (in order) and returns it. */
export function settleTotals(t: StrategyTotals): StrategyTotals {
  const open = t.pendingOpen;
  if (open.length > 0) {
    let filled = t.filled;
    let cost = t.costBasis;
    for (let i = 0; i < open.length; i += 2) {
      filled = add(filled, open[i]!);
      cost = add(cost, open[i + 1]!);
    }
    t.filled = filled;
    t.costBasis = cost;
    t.pendingOpen = [];
  }
  const fees = t.pendingFees;
  if (fees.length > 0) {
    let f = t.fees;
    for (const x of fees) f = add(f, x);
    t.fees = f;
    t.pendingFees = [];
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
