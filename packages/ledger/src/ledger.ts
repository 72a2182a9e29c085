// PortfolioLedger: the per-entry, event-sourced book of record (entries are never blended).
import {
  type Decimal,
  type EntrySide,
  type EntryFilter,
  type Fill,
  HUNDRED,
  type Instrument,
  isDecimal,
  isTerminalOrderStatus,
  type Ledger,
  MANUAL_STRATEGY_ID,
  makeEntryId,
  notionalOf,
  type Order,
  OrderSchema,
  type Outcome,
  parseWith,
  type Position,
  type PositionSummary,
  StateCorruptError,
  type StrategyEntry,
  type StrategyPnl,
  toJsonValue,
  ZERO,
} from "@quiver/core";
import {
  type AdjustmentEvent,
  type AdjustmentKind,
  type CashAdjustmentEvent,
  type FillAppliedEvent,
  type LedgerEvent,
  type LedgerEventJson,
  type MarksRecordedEvent,
  type OrderRecordedEvent,
  type OrderUpdatedEvent,
  parseLedgerEvents,
  type ReconciledEvent,
  type SettlementEvent,
  serializeLedgerEvent,
} from "./events.js";
import { tradingDayStart } from "./internal/day-boundary.js";
import { add, cmp, eq, isExactProduct, min, mul, sub, trimDigits } from "./internal/exact.js";
import { canonicalOrder, copyIfTrusted, isTrustedOrder } from "./internal/trusted-order.js";
import {
  allocate,
  checkAt,
  checkDecimal,
  copyEntry,
  fail,
  isLongLike,
  ledgerError,
  lowerBound,
  minDec,
  NO_EXITS,
  OPEN_SIDES,
  type Resolved,
  resolveOptions,
  statusOf,
  toEntryRecord,
} from "./internal/helpers.js";
import {
  addEntry,
  attachEntryCategory,
  type Bucket,
  bucketFor,
  emptyState,
  findBucket,
  type EntryRec,
  type EntryRecord,
  type LedgerState,
  OrderRec,
  entryById,
  findOrder,
  ownEntry,
  syncEntries,
  putOrder,
  publicSlice,
  SliceRec,
  slotOrder,
  slotRecord,
  storeOrder,
  nextRevision,
  setEntryStatus,
  settleTotals,
  syncIndex,
  totalsFor,
} from "./internal/state.js";
import {
  LEDGER_SNAPSHOT_VERSION,
  type LedgerSnapshot,
  type ParsedLedgerSnapshot,
  parseLedgerSnapshot,
} from "./snapshot.js";
import type {
  AdjustmentPriceSource,
  ApplyFillOptions,
  DailyDrawdown,
  DriftState,
  EntryMark,
  EquitySnapshot,
  ExitPolicy,
  ExposureReport,
  LedgerApplyFillResult,
  LedgerExitSlice,
  LedgerOptions,
  LedgerReconcileReport,
  ReconcileOptions,
  UnattributedFill,
} from "./types.js";

/** Marks by instrument id: last price, YES price in cents for binary markets. */
export type Marks = Readonly<Record<string, Decimal>>;

/** Options of {@link PortfolioLedger.restore}: the snapshot carries currency, cash and policies. */
export type RestoreOptions = Pick<LedgerOptions, "instruments" | "logger" | "retainEvents">;

/** A listener of ledger events; receives the JSON form, ready to journal. Must not throw. */
export type LedgerEventListener = (event: LedgerEventJson) => void;

/** Open quantity and cost of one category per (instrument, side), keyed `${instrumentId}\0${side}`. */
type CategoryAggs = Map<string, { b: Bucket; qty: Decimal; cost: Decimal }>;

/**
 * The per-entry book of record (seed 000 §1.1/§2, seed 001 position state, seed 002 §5.5).
 *
 * - Every order a strategy places opens its own entry `${strategy}:${orderId}` with its own
 *   entry price; entries are never averaged (the average in a position summary is display-only).
 * - All state is a fold over {@link LedgerEvent}s: every mutating call validates, builds one
 *   event, and applies it through the same code `replay` uses. A call that throws changed nothing.
 * - Money and quantities are Decimal; aggregates (positions, strategy totals, category exposure)
 *   are kept incrementally as entries change, so queries never scan all entries.
 *
 * Create it with {@link createLedger}.
 */
export class PortfolioLedger implements Ledger {
  private s: LedgerState;
  private readonly o: Resolved;
  private readonly listeners = new Set<LedgerEventListener>();
  /** The closes `execFill` plans (entry and quantity), reused by every fill; cleared as applied. */
  private readonly planRecs: Array<EntryRec | undefined> = [];
  private readonly planQtys: Array<Decimal | undefined> = [];

  /** Use {@link createLedger}, {@link PortfolioLedger.replay} or {@link PortfolioLedger.restore}. */
  constructor(options: LedgerOptions) {
    this.o = resolveOptions(options);
    this.s = emptyState(this.o.initialCash);
  }

  // ───────────────────────────── factories ─────────────────────────────

  /**
   * Folds a JSON event log (as {@link getEvents} returned it, or as journaled) into a fresh
   * ledger. Use the same options the log was written with.
   * @throws ValidationError naming the bad field (`events[4].fill.price: …`); StateCorruptError
   *   for a sequence gap or an event the state cannot accept.
   */
  static replay(events: readonly unknown[], options: LedgerOptions): PortfolioLedger {
    const ledger = new PortfolioLedger(options);
    ledger.applyEvents(events);
    return ledger;
  }

  /**
   * A ledger in the state of `snapshot` (from {@link snapshot}). Currency, initial cash, exit
   * policy and day boundary come from the snapshot.
   * @throws ValidationError naming the bad field; StateCorruptError when the snapshot is inconsistent.
   */
  static restore(snapshot: unknown, options: RestoreOptions): PortfolioLedger {
    const snap = parseLedgerSnapshot(snapshot);
    const ledger = new PortfolioLedger({
      ...options,
      initialCash: snap.initialCash,
      currency: snap.currency,
      exitPolicy: snap.exitPolicy as ExitPolicy,
      timeZone: snap.timeZone,
      dayStartTime: snap.dayStartTime,
    });
    ledger.s = ledger.stateFromSnapshot(snap);
    return ledger;
  }

  // ───────────────────────────── events ─────────────────────────────

  /** Subscribes to every event applied by a live call (not by replay). Returns an unsubscribe function. */
  onEvent(listener: LedgerEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events applied since this ledger was created or restored, in JSON form (decimal strings). */
  getEvents(): LedgerEventJson[] {
    return this.s.events.map(serializeLedgerEvent);
  }

  /** Sequence number of the last applied event (0 for a fresh ledger). */
  get seq(): number {
    return this.s.seq;
  }

  /**
   * Applies journaled events (JSON) on top of the current state, e.g. a snapshot plus the
   * journal after it. Sequence numbers must continue from {@link seq}. Listeners are not called.
   * All or nothing: on error the ledger is unchanged.
   */
  applyEvents(events: readonly unknown[]): void {
    const parsed = parseLedgerEvents(events, this.s.seq);
    if (parsed.length === 0) return;
    const before = this.s;
    // Fold into a copy so a bad event in the middle leaves this ledger untouched.
    const work =
      before.seq === 0 ? emptyState(this.o.initialCash) : this.stateFromSnapshot(this.snapshotParsed());
    if (work !== before && before.seq !== 0) work.events = [...before.events];
    this.s = work;
    for (const [i, ev] of parsed.entries()) {
      try {
        this.fold(ev);
      } catch (cause) {
        this.s = before;
        if (cause instanceof StateCorruptError) throw cause;
        throw new StateCorruptError(
          `Ledger event log: events[${i}] (seq ${ev.seq}, ${ev.type}) cannot be applied: ${(cause as Error).message}`,
          { cause, details: { index: i, seq: ev.seq, type: ev.type } },
        );
      }
    }
  }

  /** Parses and applies one journaled event (see {@link applyEvents}). */
  applyEvent(event: unknown): void {
    this.applyEvents([event]);
  }

  private commit<E extends LedgerEvent, R>(event: E, apply: (e: E) => R): R {
    const result = apply(event);
    this.committed(event);
    return result;
  }

  /** Bookkeeping after `event` was applied: sequence number, retained log, listeners. */
  private committed(event: LedgerEvent): void {
    this.s.seq = event.seq;
    if (this.o.retainEvents) this.s.events.push(event);
    if (this.listeners.size > 0) {
      const json = serializeLedgerEvent(event);
      for (const l of this.listeners) {
        try {
          l(json);
        } catch (error) {
          this.o.logger.error("ledger event listener threw", { error, seq: event.seq, type: event.type });
        }
      }
    }
  }

  private fold(ev: LedgerEvent): void {
    if (ev.seq !== this.s.seq + 1)
      throw new StateCorruptError(`Ledger event seq ${ev.seq} does not follow ${this.s.seq}`);
    switch (ev.type) {
      case "order_recorded":
        if (this.s.orders.has(ev.order.orderId))
          throw new StateCorruptError(`order ${ev.order.orderId} recorded twice`);
        this.execOrderRecorded(ev.order, this.validateOrder(ev.order), ev.category, ev.at);
        break;
      case "order_updated":
        this.validateOrderUpdate(ev.order);
        this.execOrderUpdated(ev);
        break;
      case "fill_applied": {
        if (this.s.tradeIds.has(ev.fill.tradeId))
          throw new StateCorruptError(`trade ${ev.fill.tradeId} applied twice`);
        const slot = findOrder(this.s, ev.fill.orderId);
        if ((slot === undefined) !== ev.unattributed)
          throw new StateCorruptError(`fill ${ev.fill.tradeId}: unattributed flag does not match the log`);
        this.execFill(ev.fill, ev.fill.fee ?? ZERO, ev.closeEntryIds, slot && slotRecord(slot));
        this.s.tradeIds.add(ev.fill.tradeId);
        break;
      }
      case "settlement":
        this.checkSettlement(ev.instrumentId, ev.yesPriceCents);
        this.execSettlement(ev);
        break;
      case "adjustment":
        this.execAdjustment(ev);
        break;
      case "cash_adjustment":
        this.execCashAdjustment(ev);
        break;
      case "marks_recorded": {
        const snap = this.execMarks(ev);
        if (!snap.equity.equals(ev.equity))
          throw new StateCorruptError(
            `equity at seq ${ev.seq} folds to ${snap.equity.toFixed()}, log says ${ev.equity.toFixed()}`,
          );
        break;
      }
      case "reconciled":
        this.execReconciled(ev);
        break;
    }
    this.s.seq = ev.seq;
    if (this.o.retainEvents) this.s.events.push(ev);
  }

  // ───────────────────────────── orders ─────────────────────────────

  /**
   * Registers an order (idempotent per `orderId`: a known order returns its entry, nothing is
   * recorded). An order that would open exposure — a buy (binary: any buy), or a sell of a
   * shortable instrument by a strategy holding no long — gets a pending entry
   * `${strategyId}:${orderId}`; other orders get their entry lazily if a fill opens quantity.
   * `options.category` overrides the instrument's category for the entry.
   * @throws ValidationError naming the bad field (unknown instrument, outcome, limit price > 100 …).
   */
  recordOrder(order: Order, options?: { category?: string }): StrategyEntry | null {
    const existing = findOrder(this.s, (order as { orderId?: string })?.orderId ?? "");
    if (existing) {
      const e = ownEntry(this.s, slotRecord(existing));
      return e ? copyEntry(e.e) : null;
    }
    const parsed = this.parseOrder(order);
    const inst = this.validateOrder(parsed);
    const category = options?.category;
    if (category !== undefined && (typeof category !== "string" || category === ""))
      fail("order", "options.category", "must be a non-empty string");
    // Hot path (once per order): no conditional spread and no closure per call, and no event
    // object when nothing would keep or read it (no retained log, no listener).
    const seq = this.s.seq + 1;
    const at = parsed.createdAt;
    let rec: EntryRec | null;
    if (this.o.retainEvents || this.listeners.size > 0) {
      const ev: OrderRecordedEvent =
        category === undefined
          ? { type: "order_recorded", seq, at, order: parsed }
          : { type: "order_recorded", seq, at, order: parsed, category };
      rec = this.execOrderRecorded(parsed, inst, category, at);
      this.committed(ev);
    } else {
      rec = this.execOrderRecorded(parsed, inst, category, at);
      this.s.seq = seq;
    }
    return rec ? copyEntry(rec.e) : null;
  }

  /**
   * Applies a status/quantity change of a known order; an unknown order is recorded instead.
   * Cancel / reject / expire keep whatever had filled. A stale non-terminal update after a
   * terminal status is ignored (never reopens an order).
   * @throws ValidationError when strategy, instrument, side or outcome changed, or quantity < filled.
   */
  applyOrderUpdate(order: Order): void {
    const parsed = this.parseOrder(order);
    const slot = findOrder(this.s, parsed.orderId);
    if (!slot) {
      this.recordOrder(parsed);
      return;
    }
    this.validateOrderUpdate(parsed);
    if (isTerminalOrderStatus(slotOrder(slot).status) && !isTerminalOrderStatus(parsed.status)) return;
    const ev: OrderUpdatedEvent = {
      type: "order_updated",
      seq: this.s.seq + 1,
      at: parsed.updatedAt,
      order: parsed,
    };
    this.commit(ev, (e) => this.execOrderUpdated(e));
  }

  /**
   * Validates an order with core's schema. The domain object is parsed as is (the decimal schema
   * accepts Decimal instances and copies them), without a JSON round trip: the same checks, a
   * third of the cost on the order path. With `validation: "trusted"` an already-parsed order that
   * passes `isTrustedOrder` is kept as is when it is frozen (nothing can change its fields; the
   * paper broker freezes its orders), else copied (`copyIfTrusted`); anything else still gets the
   * full parse. A kept order is the caller's object: `getOrder` returns it, and snapshots and
   * event JSON list its keys in schema order like every other order (`canonicalOrder`).
   */
  private parseOrder(order: Order): Order {
    if (this.o.trustedOrders) {
      if (Object.isFrozen(order)) {
        if (isTrustedOrder(order)) return order;
      } else {
        const copy = copyIfTrusted(order);
        if (copy !== undefined) return copy;
      }
    }
    return parseWith(OrderSchema, order, "order");
  }

  /** Checks an order against its instrument and returns the instrument. */
  private validateOrder(order: Order): Instrument {
    const inst = this.o.lookup(order.instrumentId);
    if (!inst) fail("order", "order.instrumentId", `unknown instrument "${order.instrumentId}"`);
    if (inst.kind === "binary") {
      if (order.outcome === undefined) fail("order", "order.outcome", "is required for a binary instrument");
      if (order.limitPrice?.greaterThan(HUNDRED))
        fail("order", "order.limitPrice", "must be ≤ 100 cents for a binary instrument");
    } else if (order.outcome !== undefined) {
      fail("order", "order.outcome", "is only allowed for binary instruments");
    }
    return inst;
  }

  private validateOrderUpdate(order: Order): void {
    const slot = findOrder(this.s, order.orderId);
    if (!slot) throw new StateCorruptError(`order update for unknown order ${order.orderId}`);
    const rec = slotRecord(slot);
    const o = rec.order;
    for (const k of ["strategyId", "instrumentId", "side", "outcome"] as const)
      if (o[k] !== order[k])
        fail("order", `order.${k}`, `must not change (was ${String(o[k])}, got ${String(order[k])})`);
    if (order.quantity.lessThan(rec.filled))
      fail("order", "order.quantity", `must be ≥ the filled quantity ${rec.filled.toFixed()}`);
  }

  private opensExposure(order: Order, inst: Instrument): boolean {
    if (order.reduceOnly) return false;
    if (inst.kind === "binary") return order.side === "buy";
    const opposite = findBucket(this.s, order.strategyId, inst.id, order.side === "buy" ? "short" : "long");
    const blocked = opposite !== undefined && !opposite.qty.isZero();
    return order.side === "buy" ? !blocked : inst.shortable && !blocked;
  }

  /** Applies an order_recorded event (given by its fields); `inst` is the order's instrument. */
  private execOrderRecorded(
    order: Order,
    inst: Instrument,
    category: string | undefined,
    at: number,
  ): EntryRec | null {
    // An id with ":" could make two orders' entry ids equal (see LedgerState.linked).
    if (this.s.linked && order.strategyId.includes(":")) this.s.linked = false;
    const rec = new OrderRec(order, category, ZERO, makeEntryId(order.strategyId, order.orderId), null);
    putOrder(this.s, order.orderId, rec);
    if (!this.opensExposure(order, inst)) return null;
    const side: EntrySide =
      inst.kind === "binary" ? (order.outcome as Outcome) : order.side === "buy" ? "long" : "short";
    return this.createEntry(inst, order.strategyId, order.orderId, side, at, rec, false);
  }

  private execOrderUpdated(ev: OrderUpdatedEvent): void {
    const rec = slotRecord(findOrder(this.s, ev.order.orderId)!);
    rec.order = ev.order;
    storeOrder(this.s, rec);
    const entry = ownEntry(this.s, rec);
    if (entry) {
      entry.e.orderedQuantity = ev.order.quantity;
      entry.e.updatedAt = Math.max(entry.e.updatedAt, ev.at);
      setEntryStatus(this.s, entry, statusOf(rec));
    }
  }

  private createEntry(
    inst: Instrument,
    strategyId: string,
    orderId: string,
    side: EntrySide,
    at: number,
    orderRec: OrderRec | null,
    unattributed: boolean,
  ): EntryRec {
    const category = orderRec?.category ?? inst.category;
    const o = orderRec?.order;
    // One fixed-shape literal (see EntryRecord); copyEntry gives the public form.
    const e: EntryRecord = {
      entryId: orderRec ? orderRec.entryId : makeEntryId(strategyId, orderId),
      orderId,
      clientOrderId: o?.clientOrderId,
      strategyId,
      instrumentId: inst.id,
      side,
      category,
      signalId: o?.signalId,
      status: orderRec ? statusOf(orderRec) : "filled",
      orderedQuantity: o?.quantity ?? ZERO,
      filledQuantity: ZERO,
      openQuantity: ZERO,
      closedQuantity: ZERO,
      entryPrice: null,
      costBasis: ZERO,
      entryFees: ZERO,
      realizedPnl: ZERO,
      createdAt: at,
      updatedAt: at,
      filledAt: null,
      closedAt: null,
      settlementPrice: null,
      settledAt: null,
      parentEntryId: null,
    };
    const rec: EntryRec = {
      e,
      openCost: ZERO,
      seq: this.s.nextEntrySeq++,
      rank: 0,
      unattributed,
      sliceCount: 0,
      bucket: bucketFor(this.s, strategyId, inst, side),
      indexedStatus: null,
      mtmBasis: null,
    };
    attachEntryCategory(this.s, rec.bucket, category);
    addEntry(this.s, rec);
    // The order's own entry is linked to its record; any other entry ends the links' guarantee.
    if (orderRec) orderRec.entry = rec;
    else this.s.linked = false;
    return rec;
  }

  // ───────────────────────────── fills ─────────────────────────────

  /**
   * Applies a fill once per `tradeId` (a duplicate returns `applied: false` and changes nothing).
   *
   * Routing (the order tells the strategy): a buy first closes that strategy's open `short`
   * entries in the instrument (exit policy, FIFO by default), the remainder opens/increases the
   * order's own `long` entry; a sell closes `long` entries, the remainder opens a `short` entry
   * (shortable instruments only). Binary: a buy opens the outcome's entry, a sell closes that
   * outcome's entries. Entries named in `options.closeEntryIds` (or the order's
   * `metadata.exitEntryIds`) are closed first, in that order.
   *
   * A fill whose order is unknown is never dropped: it is booked under {@link MANUAL_STRATEGY_ID}
   * (entry `manual:${orderId}`), flagged `unattributed`, and may open a short even on a
   * non-shortable instrument (it is the venue's record of what happened).
   *
   * Cash: a buy debits notional + fee, a sell credits notional − fee. Fees: the share of the fee
   * on opened quantity stays on the entry (`entryFees`) until closed slices take it pro rata;
   * the share on closed quantity is allocated to the closed slices pro rata.
   *
   * @throws ValidationError for malformed input (quantity ≤ 0, binary price > 100, unknown
   *   instrument, instrument/side/outcome not matching the order).
   * @throws LedgerError (details.field names the field) for overfill beyond the order quantity,
   *   unknown or unusable `closeEntryIds`, a sell beyond what is held on a non-shortable or
   *   binary instrument, or opening quantity on a reduce-only order. The ledger is unchanged.
   */
  applyFill(fill: Fill, options?: ApplyFillOptions): LedgerApplyFillResult {
    if (typeof fill !== "object" || fill === null) fail("fill", "fill", "must be an object");
    const tradeId = fill.tradeId;
    if (typeof tradeId !== "string" || tradeId.length === 0 || tradeId.length > 128)
      fail("fill", "fill.tradeId", "must be a non-empty id");
    // One hash-set operation instead of a lookup now and an insertion later: the trade id is booked
    // here and taken out again if the fill is refused (the set's contents and order are then as
    // before), so a refused fill still changes nothing.
    const tradeIds = this.s.tradeIds;
    const known = tradeIds.size;
    tradeIds.add(tradeId);
    if (tradeIds.size === known)
      return { applied: false, entryId: null, exits: NO_EXITS, unattributed: false };
    let result: LedgerApplyFillResult;
    let ev: FillAppliedEvent | undefined;
    try {
      if (typeof fill.orderId !== "string" || fill.orderId.length === 0 || fill.orderId.length > 128)
        fail("fill", "fill.orderId", "must be a non-empty id");
      if (fill.side !== "buy" && fill.side !== "sell") fail("fill", "fill.side", 'must be "buy" or "sell"');
      checkDecimal(fill.quantity, "fill.quantity", "fill", true);
      checkDecimal(fill.price, "fill.price", "fill", true);
      if (fill.fee !== undefined) checkDecimal(fill.fee, "fill.fee", "fill");
      checkAt(fill.timestamp, "fill.timestamp", "fill");
      const closeEntryIds = options?.closeEntryIds;
      if (closeEntryIds !== undefined) {
        if (!Array.isArray(closeEntryIds)) fail("fill", "closeEntryIds", "must be an array of entry ids");
        for (const [i, id] of closeEntryIds.entries())
          if (typeof id !== "string" || id.length === 0)
            fail("fill", `closeEntryIds[${i}]`, "must be an entry id");
      }
      // This is the hot path: no conditional spread, no closure, and an event (with its own copy
      // of the fill) only when something keeps or reads it (a retained log, listeners). Otherwise
      // the fill is only read, synchronously, by execFill.
      const fee = fill.fee ?? ZERO;
      const slot = findOrder(this.s, fill.orderId);
      const orderRec = slot === undefined ? undefined : slotRecord(slot);
      if (!this.o.retainEvents && this.listeners.size === 0) {
        result = this.execFill(fill, fee, closeEntryIds, orderRec);
      } else {
        const seq = this.s.seq + 1;
        const copy: Fill = { ...fill, fee };
        const unattributed = orderRec === undefined;
        ev =
          closeEntryIds === undefined
            ? { type: "fill_applied", seq, at: fill.timestamp, fill: copy, unattributed }
            : {
                type: "fill_applied",
                seq,
                at: fill.timestamp,
                fill: copy,
                closeEntryIds: [...closeEntryIds],
                unattributed,
              };
        result = this.execFill(copy, fee, ev.closeEntryIds, orderRec);
      }
    } catch (error) {
      tradeIds.delete(tradeId);
      // A refusal after planning leaves planned closes behind: drop them (no stale references).
      this.planRecs.fill(undefined);
      this.planQtys.fill(undefined);
      throw error;
    }
    if (ev === undefined) this.s.seq++;
    else this.committed(ev);
    return result;
  }

  /**
   * Applies a fill_applied event, given by its fields: the fill, its fee (`fill.fee`, defaulted),
   * the explicit closes, and its order's record (undefined: unattributed).
   */
  private execFill(
    fill: Fill,
    fee: Decimal,
    closeEntryIds: readonly string[] | undefined,
    orderRec: OrderRec | undefined,
  ): LedgerApplyFillResult {
    const s = this.s;
    const unattributed = orderRec === undefined;
    const inst = this.o.lookup(fill.instrumentId);
    if (!inst) fail("fill", "fill.instrumentId", `unknown instrument "${fill.instrumentId}"`);
    const binary = inst.kind === "binary";
    const order = orderRec?.order;
    const strategyId = order ? order.strategyId : MANUAL_STRATEGY_ID;
    let outcome = fill.outcome;
    if (order) {
      if (fill.instrumentId !== order.instrumentId)
        fail("fill", "fill.instrumentId", `must match the order's instrument "${order.instrumentId}"`);
      if (fill.side !== order.side) fail("fill", "fill.side", `must match the order's side "${order.side}"`);
      if (outcome !== undefined && order.outcome !== undefined && outcome !== order.outcome)
        fail("fill", "fill.outcome", `must match the order's outcome "${order.outcome}"`);
      outcome = outcome ?? order.outcome;
    }
    const q = fill.quantity;
    if (binary) {
      if (outcome === undefined) fail("fill", "fill.outcome", "is required for a binary instrument");
      if (fill.price.greaterThan(HUNDRED))
        fail(
          "fill",
          "fill.price",
          `must be within 0–100 cents for a binary instrument, got ${fill.price.toFixed()}`,
        );
    } else if (outcome !== undefined) {
      fail("fill", "fill.outcome", "is only allowed for binary instruments");
    }
    const newFilled = orderRec ? add(orderRec.filled, q) : null;
    if (orderRec && newFilled && cmp(newFilled, orderRec.order.quantity) > 0)
      ledgerError(
        `Overfill: order ${fill.orderId} has ${orderRec.filled.toFixed()} of ${orderRec.order.quantity.toFixed()} filled; fill.quantity ${q.toFixed()} exceeds it`,
        "fill.quantity",
        { orderId: fill.orderId, tradeId: fill.tradeId },
      );

    // ── plan: which entries close, how much opens (no state changes yet) ──
    const closeSide: EntrySide | null = binary
      ? fill.side === "sell"
        ? (outcome as Outcome)
        : null
      : fill.side === "buy"
        ? "short"
        : "long";
    // The planned closes go to the ledger's two reusable arrays (entry, quantity), `np` of them:
    // no array and no object per fill. Nothing between here and the end of the apply phase calls
    // out of the ledger, so no other call can use the arrays meanwhile.
    const planRecs = this.planRecs;
    const planQtys = this.planQtys;
    let np = 0;
    let remaining = q;
    const explicit =
      closeEntryIds ??
      (Array.isArray(order?.metadata?.exitEntryIds) ? (order.metadata.exitEntryIds as unknown[]) : undefined);
    if (explicit) {
      const field = closeEntryIds ? "closeEntryIds" : "order.metadata.exitEntryIds";
      for (let i = 0; i < explicit.length; i++) {
        if (remaining.isZero()) break;
        const id = explicit[i];
        const rec = typeof id === "string" ? entryById(s, id) : undefined;
        if (!rec) ledgerError(`Unknown entry id ${String(id)} in ${field}[${i}]`, `${field}[${i}]`);
        const e = rec.e;
        if (e.strategyId !== strategyId || e.instrumentId !== fill.instrumentId || e.side !== closeSide)
          ledgerError(
            `Entry ${e.entryId} (${e.strategyId}, ${e.instrumentId}, ${e.side}) cannot be closed by a ${fill.side} of ${strategyId} in ${fill.instrumentId}`,
            `${field}[${i}]`,
          );
        if (e.openQuantity.isZero() || planIndex(planRecs, np, rec) >= 0) continue;
        const take = min(remaining, e.openQuantity);
        planRecs[np] = rec;
        planQtys[np] = take;
        np++;
        remaining = sub(remaining, take);
      }
    }
    if (closeSide !== null && !remaining.isZero()) {
      const bucket = findBucket(s, strategyId, inst.id, closeSide);
      if (bucket && !bucket.qty.isZero()) {
        const open = this.o.exitPolicy === "fifo" ? bucket.open : [...bucket.open].reverse();
        for (const rec of open) {
          if (remaining.isZero()) break;
          let avail = rec.e.openQuantity;
          if (np > 0) {
            const k = planIndex(planRecs, np, rec);
            if (k >= 0) avail = sub(avail, planQtys[k]!);
          }
          if (avail.isZero()) continue;
          const take = min(remaining, avail);
          planRecs[np] = rec;
          planQtys[np] = take;
          np++;
          remaining = sub(remaining, take);
        }
      }
    }
    let openSide: EntrySide | null = null;
    let openRec: EntryRec | undefined;
    const entryId = orderRec ? orderRec.entryId : makeEntryId(strategyId, fill.orderId);
    if (!remaining.isZero()) {
      if (binary && fill.side === "sell")
        ledgerError(
          `Sell of ${q.toFixed()} ${outcome} contracts in ${inst.id} exceeds the ${q.minus(remaining).toFixed()} ${strategyId} holds`,
          "fill.quantity",
          { tradeId: fill.tradeId },
        );
      if (fill.side === "sell" && !inst.shortable && !unattributed)
        ledgerError(
          `Sell of ${q.toFixed()} ${inst.id} exceeds the ${q.minus(remaining).toFixed()} ${strategyId} holds and ${inst.id} is not shortable`,
          "fill.quantity",
          { tradeId: fill.tradeId },
        );
      if (order?.reduceOnly)
        ledgerError(`Reduce-only order ${fill.orderId} would open ${remaining.toFixed()}`, "fill.quantity", {
          tradeId: fill.tradeId,
        });
      openSide = binary ? (outcome as Outcome) : fill.side === "buy" ? "long" : "short";
      openRec = orderRec ? ownEntry(s, orderRec) : entryById(s, entryId);
      if (openRec && openRec.e.side !== openSide)
        ledgerError(`Entry ${entryId} is ${openRec.e.side}; this fill would open ${openSide}`, "fill.side");
    }

    // ── apply ── (the caller books the trade id)
    const at = fill.timestamp;
    const notional = notionalOf(inst, q, fill.price);
    s.cash = fill.side === "buy" ? sub(sub(s.cash, notional), fee) : sub(add(s.cash, notional), fee);
    if (!fee.isZero()) {
      const t = totalsFor(s, strategyId);
      t.pendingFees.push(fee);
      t.rev = nextRevision();
    }
    let exits: LedgerExitSlice[] = NO_EXITS;
    let openFee = fee;
    if (np > 0) {
      const closedQty = sub(q, remaining);
      const closeFee = fee.isZero() ? ZERO : remaining.isZero() ? fee : allocate(fee, closedQty, q);
      // Only an opening remainder uses it.
      if (openSide !== null) openFee = sub(fee, closeFee);
      let feeLeft = closeFee;
      const last = np - 1;
      // One close (the usual case) gets an array literal of exactly one element, not a growable one.
      if (last > 0) exits = [];
      for (let i = 0; i <= last; i++) {
        const rec = planRecs[i]!;
        const quantity = planQtys[i]!;
        planRecs[i] = undefined;
        planQtys[i] = undefined;
        const share = closeFee.isZero()
          ? ZERO
          : i === last
            ? feeLeft
            : allocate(closeFee, quantity, closedQty);
        if (i < last) feeLeft = sub(feeLeft, share);
        // A slice of the whole fill quantity is worth the fill's notional: the same product of the
        // same values in the same constructor, so it is not multiplied again.
        const value = quantity.constructor === q.constructor && eq(quantity, q) ? notional : undefined;
        const slice = this.closeSlice(rec, quantity, fill.price, share, "exit", at, value);
        if (last === 0) exits = [slice];
        else exits.push(slice);
      }
    }
    if (openSide !== null) {
      if (!openRec) {
        openRec = this.createEntry(
          inst,
          strategyId,
          fill.orderId,
          openSide,
          at,
          orderRec ?? null,
          unattributed,
        );
      }
      // A fresh product that the entry keeps as its cost basis (and the bucket as its cost).
      const openNotional = trimDigits(np === 0 ? notional : notionalOf(inst, remaining, fill.price));
      this.addOpen(openRec, remaining, fill.price, openNotional, openFee, at);
      if (!orderRec) {
        openRec.e.orderedQuantity = openRec.e.filledQuantity;
      }
    }
    if (orderRec && newFilled) {
      orderRec.filled = newFilled;
      storeOrder(s, orderRec);
      const own = openRec ?? ownEntry(s, orderRec);
      if (own) setEntryStatus(s, own, statusOf(orderRec));
    }
    if (unattributed) {
      s.unattributed.push({
        tradeId: fill.tradeId,
        orderId: fill.orderId,
        instrumentId: fill.instrumentId,
        entryId: openRec ? openRec.e.entryId : null,
        at,
      });
    }
    return {
      applied: true,
      entryId: openRec ? openRec.e.entryId : null,
      exits,
      unattributed,
    };
  }

  private addOpen(
    rec: EntryRec,
    qty: Decimal,
    price: Decimal,
    notional: Decimal,
    fee: Decimal,
    at: number,
  ): void {
    const s = this.s;
    const e = rec.e;
    const first = e.filledQuantity.isZero();
    e.filledQuantity = add(e.filledQuantity, qty);
    e.costBasis = add(e.costBasis, notional);
    if (e.closedQuantity.isZero()) {
      // Nothing closed yet: open = filled (Decimals are immutable, sharing saves two additions).
      e.openQuantity = e.filledQuantity;
      rec.openCost = e.costBasis;
    } else {
      e.openQuantity = add(e.openQuantity, qty);
      rec.openCost = add(rec.openCost, notional);
    }
    if (first) e.entryPrice = price;
    else if (!eq(price, e.entryPrice!)) {
      // VWAP of this entry's own opening fills (binary cost basis is in currency, price in cents).
      e.entryPrice = rec.bucket.binary
        ? e.costBasis.times(HUNDRED).dividedBy(e.filledQuantity)
        : e.costBasis.dividedBy(e.filledQuantity);
    }
    if (e.filledAt === null) e.filledAt = at;
    if (at > e.updatedAt) e.updatedAt = at;
    e.closedAt = null;
    const b = rec.bucket;
    b.qty = add(b.qty, qty);
    b.cost = add(b.cost, notional);
    // A bucket that holds just this fill averages exactly its price (see isExactProduct): the
    // position summary's average needs no division.
    if (b.qty === qty && b.cost === notional && !b.binary && isExactProduct(qty, price)) {
      b.avgQty = qty;
      b.avgCost = notional;
      b.avgValue = price;
    }
    if (!fee.isZero()) {
      e.entryFees = add(e.entryFees, fee);
      b.fees = add(b.fees, fee);
    }
    if (!b.open.has(rec)) {
      rec.rank = s.nextRank++;
      b.open.add(rec);
      s.open.add(rec);
    }
    rec.mtmBasis = null;
    const t = b.totals;
    t.pendingOpen.push(qty, notional);
    if (first) t.entryCount++;
    t.rev = nextRevision();
  }

  /**
   * Closes `qty` of an entry at `exitPrice` (price of the side held; null = its own entry price).
   * Cost and entry fees are taken pro rata (the whole remainder when the entry closes fully).
   * `value`, when given, is `qty × exitPrice` (÷ 100 for binary) already computed by the caller.
   */
  private closeSlice(
    rec: EntryRec,
    qty: Decimal,
    exitPrice: Decimal | null,
    exitFee: Decimal,
    reason: LedgerExitSlice["reason"],
    at: number,
    value?: Decimal,
  ): LedgerExitSlice {
    const s = this.s;
    const e = rec.e;
    const b = rec.bucket;
    const full = eq(qty, e.openQuantity);
    const sliceCost = full ? rec.openCost : allocate(rec.openCost, qty, e.openQuantity);
    const sliceFees = e.entryFees.isZero()
      ? ZERO
      : full
        ? e.entryFees
        : allocate(e.entryFees, qty, e.openQuantity);
    const px = exitPrice ?? e.entryPrice ?? ZERO;
    const v = value ?? (b.binary ? mul(qty, px).dividedBy(HUNDRED) : mul(qty, px));
    const gross = isLongLike(e.side) ? sub(v, sliceCost) : sub(sliceCost, v);
    const fees = add(sliceFees, exitFee);
    const realized = sub(gross, fees);
    // A full close subtracts equal values (exact zeros) and adds to zeros: `add`/`sub` skip those.
    e.openQuantity = sub(e.openQuantity, qty);
    e.closedQuantity = add(e.closedQuantity, qty);
    rec.openCost = sub(rec.openCost, sliceCost);
    e.realizedPnl = add(e.realizedPnl, realized);
    if (at > e.updatedAt) e.updatedAt = at;
    b.qty = sub(b.qty, qty);
    b.cost = sub(b.cost, sliceCost);
    if (!sliceFees.isZero()) {
      e.entryFees = sub(e.entryFees, sliceFees);
      b.fees = sub(b.fees, sliceFees);
    }
    if (e.openQuantity.isZero()) {
      e.closedAt = at;
      b.open.delete(rec);
      s.open.delete(rec);
    }
    rec.mtmBasis = null;
    const t = b.totals;
    t.realized = add(t.realized, realized);
    t.rev = nextRevision();
    const n = ++rec.sliceCount;
    const entryPrice = e.entryPrice ?? ZERO;
    // The book keeps a compact record (see SliceRec); the caller gets its own public object.
    s.slices.push(new SliceRec(e, n, qty, entryPrice, px, sliceFees, exitFee, realized, reason, at));
    return {
      sliceId: `${e.entryId}#${n}`,
      entryId: e.entryId,
      strategyId: e.strategyId,
      instrumentId: e.instrumentId,
      side: e.side,
      quantity: qty,
      entryPrice,
      exitPrice: px,
      fees,
      realizedPnl: realized,
      reason,
      at,
    };
  }

  // ───────────────────────────── settlement ─────────────────────────────

  /**
   * Settles every open entry of a binary market at the YES price (usually 0 or 100 cents): a YES
   * entry receives `yes` cents per contract, a NO entry `100 − yes`. Realized P&L is booked per
   * entry (payout − open cost − unallocated entry fees); cash is credited the payouts.
   * @throws ValidationError for a price outside 0–100; LedgerError for a non-binary instrument.
   */
  settle(instrumentId: string, yesPriceCents: Decimal, at: number): LedgerExitSlice[] {
    checkAt(at, "at", "settlement");
    this.checkSettlement(instrumentId, yesPriceCents);
    const ev: SettlementEvent = { type: "settlement", seq: this.s.seq + 1, at, instrumentId, yesPriceCents };
    return this.commit(ev, (e) => this.execSettlement(e));
  }

  private checkSettlement(instrumentId: string, yes: Decimal): void {
    const inst = this.o.lookup(instrumentId);
    if (!inst) fail("settlement", "instrumentId", `unknown instrument "${instrumentId}"`);
    if (inst.kind !== "binary")
      ledgerError(`Only binary markets settle; ${instrumentId} is ${inst.kind}`, "instrumentId");
    checkDecimal(yes, "yesPriceCents", "settlement", false, HUNDRED);
  }

  private execSettlement(ev: SettlementEvent): LedgerExitSlice[] {
    const s = this.s;
    const out: LedgerExitSlice[] = [];
    const recs: EntryRec[] = [];
    for (const b of s.bucketsByInstrument.get(ev.instrumentId) ?? []) for (const r of b.open) recs.push(r);
    recs.sort((a, b) => a.rank - b.rank);
    for (const rec of recs) {
      const px = rec.e.side === "no" ? HUNDRED.minus(ev.yesPriceCents) : ev.yesPriceCents;
      const slice = this.closeSlice(rec, rec.e.openQuantity, px, ZERO, "settlement", ev.at);
      rec.e.settlementPrice = ev.yesPriceCents;
      rec.e.settledAt = ev.at;
      s.cash = s.cash.plus(slice.quantity.times(px).dividedBy(HUNDRED));
      out.push(slice);
    }
    return out;
  }

  // ───────────────────────────── cash ─────────────────────────────

  /**
   * Moves cash without a trade (deposit, withdrawal, correction to the broker's figure). Booked
   * as a contribution, so it is not P&L.
   */
  adjustCash(amount: Decimal, at: number, reason: string): void {
    checkAt(at, "at", "cash adjustment");
    if (!isDecimal(amount) || !amount.isFinite())
      fail("cash adjustment", "amount", "must be a finite Decimal");
    if (typeof reason !== "string" || reason.length === 0)
      fail("cash adjustment", "reason", "must not be empty");
    const ev: CashAdjustmentEvent = { type: "cash_adjustment", seq: this.s.seq + 1, at, amount, reason };
    this.commit(ev, (e) => this.execCashAdjustment(e));
  }

  private execCashAdjustment(ev: CashAdjustmentEvent): void {
    this.s.cash = this.s.cash.plus(ev.amount);
    this.s.contributions = this.s.contributions.plus(ev.amount);
  }

  // ───────────────────────────── marks & equity ─────────────────────────────

  private markFor(instrumentId: string, marks: Marks | undefined, binary: boolean): Decimal | null {
    let m: Decimal | undefined;
    if (marks !== undefined && Object.hasOwn(marks, instrumentId)) m = marks[instrumentId];
    if (m === undefined) return this.s.lastMarks.get(instrumentId) ?? null;
    if (!isDecimal(m) || !m.isFinite() || m.isNegative() || (binary && m.greaterThan(HUNDRED)))
      fail(
        "marks",
        `marks.${instrumentId}`,
        binary ? "must be a Decimal within 0–100 cents" : "must be a Decimal ≥ 0",
      );
    return m;
  }

  /** Value of a bucket's open quantity (positive; for shorts the liability); cost when no mark. */
  private bucketValue(b: Bucket, mark: Decimal | null): Decimal {
    if (mark === null) return b.cost;
    if (b.valQty === b.qty && b.valMark === mark && b.valValue !== null) return b.valValue;
    const px = b.side === "no" ? HUNDRED.minus(mark) : mark;
    const v = mul(b.qty, px);
    const value = b.binary ? v.dividedBy(HUNDRED) : v;
    b.valQty = b.qty;
    b.valMark = mark;
    b.valValue = value;
    return value;
  }

  private bucketUnrealized(b: Bucket, value: Decimal): Decimal {
    return sub(isLongLike(b.side) ? sub(value, b.cost) : sub(b.cost, value), b.fees);
  }

  /** Cash in the account currency. */
  getCash(): Decimal {
    return this.s.cash;
  }

  /** Cash at creation. */
  getInitialCash(): Decimal {
    return this.o.initialCash;
  }

  /** Account currency. */
  get currency(): string {
    return this.o.currency;
  }

  /** Σ cash adjustments and value moved in (+) or out (−) by transfers: not P&L. */
  getContributions(): Decimal {
    return this.s.contributions;
  }

  /**
   * Cash + open positions at marks (long/yes/no: + value; short: − liability). An instrument
   * without a mark uses its last recorded mark, else its open cost (so it adds no P&L).
   */
  getEquity(marks: Marks = {}): Decimal {
    let equity = this.s.cash;
    for (const b of this.s.buckets.values()) {
      if (b.qty.isZero()) continue;
      const v = this.bucketValue(b, this.markFor(b.instrumentId, marks, b.binary));
      equity = isLongLike(b.side) ? add(equity, v) : sub(equity, v);
    }
    return equity;
  }

  /**
   * Per-entry valuation of every open entry at marks (O(open entries)). Each entry costs one
   * Decimal multiplication and one subtraction: the price per contract is resolved once per
   * (instrument, side) (binary: cents / 100, an exact shift), and `openCost ± entryFees` is
   * cached on the entry until a fill changes it.
   */
  markToMarket(marks: Marks = {}): EntryMark[] {
    const out: EntryMark[] = new Array(this.s.open.size);
    // Per (instrument, side) of a bucket: the price of the side held and the factor per unit.
    const prices = new Map<Bucket, { price: Decimal | null; unit: Decimal | null }>();
    const markCache = new Map<string, Decimal | null>(); // one lookup + validation per instrument
    let n = 0;
    for (const rec of this.s.open) {
      const e = rec.e;
      const b = rec.bucket;
      let p = prices.get(b);
      if (p === undefined) {
        let mark = markCache.get(b.instrumentId);
        if (mark === undefined) {
          mark = this.markFor(b.instrumentId, marks, b.binary);
          markCache.set(b.instrumentId, mark);
        }
        const price = mark === null ? null : b.side === "no" ? HUNDRED.minus(mark) : mark;
        p = { price, unit: price === null ? null : b.binary ? price.dividedBy(HUNDRED) : price };
        prices.set(b, p);
      }
      let basis = rec.mtmBasis;
      if (basis === null) {
        basis = e.entryFees.isZero()
          ? rec.openCost
          : isLongLike(e.side)
            ? rec.openCost.plus(e.entryFees)
            : rec.openCost.minus(e.entryFees);
        rec.mtmBasis = basis;
      }
      const value = p.unit === null ? rec.openCost : e.openQuantity.times(p.unit);
      out[n++] = {
        entryId: e.entryId,
        strategyId: e.strategyId,
        instrumentId: e.instrumentId,
        side: e.side,
        openQuantity: e.openQuantity,
        value,
        unrealizedPnl: isLongLike(e.side) ? value.minus(basis) : basis.minus(value),
        price: p.price,
      };
    }
    return out;
  }

  /** Σ unrealized P&L of all open entries at marks (net of unallocated entry fees). */
  getUnrealizedPnl(marks: Marks = {}): Decimal {
    let u = ZERO;
    for (const b of this.s.buckets.values()) {
      if (b.qty.isZero()) continue;
      u = u.plus(
        this.bucketUnrealized(b, this.bucketValue(b, this.markFor(b.instrumentId, marks, b.binary))),
      );
    }
    return u;
  }

  /** Σ realized P&L of every entry (net of all allocated fees). */
  getRealizedPnl(): Decimal {
    let r = ZERO;
    for (const t of this.s.totals.values()) r = r.plus(t.realized);
    return r;
  }

  /** Σ every fee paid on fills. */
  getTotalFees(): Decimal {
    let f = ZERO;
    for (const t of this.s.totals.values()) f = f.plus(settleTotals(t).fees);
    return f;
  }

  /**
   * Records marks (kept as the "last mark" fallback) and appends an equity snapshot.
   * @throws ValidationError for a bad mark or an `at` before the last snapshot.
   */
  recordEquity(marks: Marks, at: number): EquitySnapshot {
    checkAt(at, "at", "equity snapshot");
    const last = this.s.equity[this.s.equity.length - 1];
    if (last && at < last.at)
      fail("equity snapshot", "at", `must not be before the last snapshot (${last.at})`);
    if (typeof marks !== "object" || marks === null) fail("marks", "marks", "must be an object");
    const list: Array<{ instrumentId: string; price: Decimal }> = [];
    for (const id of Object.keys(marks).sort()) {
      const inst = this.o.lookup(id);
      if (!inst) fail("marks", `marks.${id}`, `unknown instrument "${id}"`);
      list.push({ instrumentId: id, price: this.markFor(id, marks, inst.kind === "binary")! });
    }
    const ev: MarksRecordedEvent = {
      type: "marks_recorded",
      seq: this.s.seq + 1,
      at,
      marks: list,
      equity: ZERO,
    };
    // Equity is computed by the fold itself and stored so a replay can verify it.
    const probe = this.equityAfterMarks(list);
    ev.equity = probe;
    return this.commit(ev, (e) => this.execMarks(e));
  }

  private equityAfterMarks(list: ReadonlyArray<{ instrumentId: string; price: Decimal }>): Decimal {
    const marks: Record<string, Decimal> = {};
    for (const m of list) marks[m.instrumentId] = m.price;
    return this.getEquity(marks);
  }

  private execMarks(ev: MarksRecordedEvent): EquitySnapshot {
    for (const m of ev.marks) this.s.lastMarks.set(m.instrumentId, m.price);
    const snap: EquitySnapshot = { at: ev.at, equity: this.getEquity(), cash: this.s.cash };
    this.s.equity.push(snap);
    return snap;
  }

  /** Recorded equity snapshots in time order, optionally within [fromMs, toMs]. */
  getEquitySnapshots(fromMs = 0, toMs = Number.MAX_SAFE_INTEGER): EquitySnapshot[] {
    const eq = this.s.equity;
    const out: EquitySnapshot[] = [];
    for (let i = lowerBound(eq, fromMs); i < eq.length && eq[i]!.at <= toMs; i++) out.push({ ...eq[i]! });
    return out;
  }

  /** Start of the trading day containing `at` (the configured day start in the configured zone). */
  dayStart(at: number): number {
    return tradingDayStart(at, this.o.timeZone, this.o.dayHour, this.o.dayMinute);
  }

  /**
   * Drawdown of the trading day containing `at`, from the equity snapshots: the day's reference
   * is the last snapshot before the day start (else the day's first), the peak the highest
   * equity since, the current the latest snapshot at or before `at`.
   */
  getDailyDrawdown(at: number): DailyDrawdown {
    checkAt(at, "at", "daily drawdown");
    const dayStart = this.dayStart(at);
    const eq = this.s.equity;
    const from = lowerBound(eq, dayStart);
    const endIdx = lowerBound(eq, at + 1) - 1;
    const none: DailyDrawdown = {
      dayStart,
      startEquity: null,
      peakEquity: null,
      currentEquity: null,
      drawdownFromPeakPct: ZERO,
      drawdownFromStartPct: ZERO,
    };
    if (endIdx < 0) return none;
    const startSnap = from > 0 ? eq[from - 1]! : eq[from];
    if (!startSnap || startSnap.at > at) return none;
    const start = startSnap.equity;
    let peak = start;
    for (let i = from; i <= endIdx; i++) if (eq[i]!.equity.greaterThan(peak)) peak = eq[i]!.equity;
    const current = eq[endIdx]!.equity;
    const pct = (ref: Decimal) =>
      ref.greaterThan(0) ? ref.minus(current).dividedBy(ref).times(HUNDRED) : ZERO;
    return {
      dayStart,
      startEquity: start,
      peakEquity: peak,
      currentEquity: current,
      drawdownFromPeakPct: pct(peak),
      drawdownFromStartPct: pct(start),
    };
  }

  // ───────────────────────────── queries ─────────────────────────────

  /**
   * Entries matching every given filter, in creation order. Uses the smallest matching index (the
   * index is brought up to date here, not by every order and fill).
   */
  getEntries(filter: EntryFilter = {}): StrategyEntry[] {
    const s = this.s;
    const candidates: Array<readonly EntryRec[] | ReadonlySet<EntryRec> | undefined> = [];
    if (
      filter.instrumentId !== undefined ||
      filter.strategyId !== undefined ||
      filter.status !== undefined ||
      filter.category !== undefined
    ) {
      const ix = syncIndex(s);
      if (filter.instrumentId !== undefined) candidates.push(ix.byInstrument.get(filter.instrumentId));
      if (filter.strategyId !== undefined) candidates.push(ix.byStrategy.get(filter.strategyId));
      if (filter.status !== undefined) candidates.push(ix.byStatus.get(filter.status));
      if (filter.category !== undefined) candidates.push(ix.byCategory.get(filter.category));
    }
    if (filter.open === true) candidates.push(s.open);
    // Linked: entry ids are unique, so the list holds exactly the map's values (no map needed).
    let source: Iterable<EntryRec> = s.linked ? s.entryList : syncEntries(s).values();
    if (candidates.length > 0) {
      let best: readonly EntryRec[] | ReadonlySet<EntryRec> | undefined;
      let bestSize = 0;
      for (const c of candidates) {
        const size = c === undefined ? 0 : Array.isArray(c) ? c.length : (c as ReadonlySet<EntryRec>).size;
        if (size === 0) return [];
        if (best === undefined || size < bestSize) {
          best = c;
          bestSize = size;
        }
      }
      source = best!;
    }
    const out: EntryRec[] = [];
    for (const rec of source) {
      const e = rec.e;
      if (filter.instrumentId !== undefined && e.instrumentId !== filter.instrumentId) continue;
      if (filter.strategyId !== undefined && e.strategyId !== filter.strategyId) continue;
      if (filter.status !== undefined && e.status !== filter.status) continue;
      if (filter.category !== undefined && e.category !== filter.category) continue;
      if (filter.open !== undefined && filter.open !== !e.openQuantity.isZero()) continue;
      out.push(rec);
    }
    out.sort((a, b) => a.seq - b.seq);
    return out.map((r) => copyEntry(r.e));
  }

  /** One entry by id (a copy), or undefined. */
  getEntry(entryId: string): StrategyEntry | undefined {
    const rec = entryById(this.s, entryId);
    return rec ? copyEntry(rec.e) : undefined;
  }

  /** Closed slices (the trade list), optionally for one strategy / instrument / entry. */
  getExitSlices(
    filter: { strategyId?: string; instrumentId?: string; entryId?: string } = {},
  ): LedgerExitSlice[] {
    const out: LedgerExitSlice[] = [];
    for (const x of this.s.slices) {
      const owner = x instanceof SliceRec ? x.e : x;
      if (
        (filter.strategyId === undefined || owner.strategyId === filter.strategyId) &&
        (filter.instrumentId === undefined || owner.instrumentId === filter.instrumentId) &&
        (filter.entryId === undefined || owner.entryId === filter.entryId)
      )
        out.push(publicSlice(x));
    }
    return out;
  }

  /** Fills booked without a known order (under the manual strategy). */
  getUnattributedFills(): UnattributedFill[] {
    return this.s.unattributed.map((u) => ({ ...u }));
  }

  /**
   * An order as the ledger knows it (a copy, keys in `OrderSchema` order), with the quantity the
   * ledger has seen filled.
   */
  getOrder(orderId: string): { order: Order; filledQuantity: Decimal } | undefined {
    const slot = findOrder(this.s, orderId);
    if (slot === undefined) return undefined;
    const rec = slotRecord(slot);
    return { order: canonicalOrder(rec.order), filledQuantity: rec.filled };
  }

  /** Open quantity of a strategy in an instrument (all sides summed; contracts for binary). */
  getStrategyContracts(instrumentId: string, strategyId: string): Decimal {
    let q = ZERO;
    for (const b of this.s.bucketsByInstrument.get(instrumentId) ?? [])
      if (b.strategyId === strategyId && !b.qty.isZero()) q = add(q, b.qty);
    return q;
  }

  /** Open quantity of every strategy (and manual) in an instrument, all sides summed. */
  getCombinedContracts(instrumentId: string): Decimal {
    let q = ZERO;
    for (const b of this.s.bucketsByInstrument.get(instrumentId) ?? [])
      if (!b.qty.isZero()) q = add(q, b.qty);
    return q;
  }

  /**
   * Signed net position of an instrument across all strategies: long − short (non-binary), or
   * the open contracts of `outcome` (binary).
   */
  getNetPosition(instrumentId: string, outcome?: Outcome): Decimal {
    let q = ZERO;
    for (const b of this.s.bucketsByInstrument.get(instrumentId) ?? []) {
      if (b.qty.isZero()) continue;
      if (b.binary) {
        if (b.side === outcome) q = add(q, b.qty);
      } else q = b.side === "short" ? sub(q, b.qty) : add(q, b.qty);
    }
    return q;
  }

  /** Positions per (strategy, instrument, side) with open quantity; the average price is display-only. */
  getPositionSummaries(filter?: { strategyId?: string; instrumentId?: string }): PositionSummary[] {
    // Runs several times per decision: indexed loops over bucket arrays (no iterator) and result
    // arrays of their exact length (a growing array reserves 17 slots on its first push).
    const s = this.s;
    const instrumentId = filter?.instrumentId;
    const strategyId = filter?.strategyId;
    const list =
      instrumentId !== undefined
        ? s.bucketsByInstrument.get(instrumentId)
        : strategyId !== undefined
          ? s.bucketsByStrategy.get(strategyId)
          : s.bucketList;
    if (list === undefined) return [];
    let n = 0;
    let first = -1;
    for (let i = 0; i < list.length; i++) {
      const b = list[i]!;
      if (b.qty.isZero() || (strategyId !== undefined && b.strategyId !== strategyId)) continue;
      if (n++ === 0) first = i;
    }
    if (n === 0) return [];
    if (n === 1) return [this.summary(list[first]!)];
    const out = new Array<PositionSummary>(n);
    let k = 0;
    for (let i = first; k < n; i++) {
      const b = list[i]!;
      if (b.qty.isZero() || (strategyId !== undefined && b.strategyId !== strategyId)) continue;
      out[k++] = this.summary(b);
    }
    return out.sort(bySummaryKey);
  }

  private summary(b: Bucket): PositionSummary {
    const ids = new Array<string>(b.open.size);
    let category: string | undefined;
    let k = 0;
    for (const r of b.open) {
      ids[k++] = r.e.entryId;
      if (category === undefined) category = r.e.category;
    }
    let avg: Decimal | null = null;
    if (!b.qty.isZero()) {
      if (b.avgQty === b.qty && b.avgCost === b.cost && b.avgValue !== null) avg = b.avgValue;
      else {
        avg = b.binary ? b.cost.times(HUNDRED).dividedBy(b.qty) : b.cost.dividedBy(b.qty);
        b.avgQty = b.qty;
        b.avgCost = b.cost;
        b.avgValue = avg;
      }
    }
    // Two literals rather than a conditional spread or a key added afterwards (a fixed shape).
    return category === undefined
      ? {
          strategyId: b.strategyId,
          instrumentId: b.instrumentId,
          side: b.side,
          quantity: b.qty,
          costBasis: b.cost,
          entryCount: b.open.size,
          entryIds: ids,
          averageEntryPrice: avg,
        }
      : {
          strategyId: b.strategyId,
          instrumentId: b.instrumentId,
          side: b.side,
          quantity: b.qty,
          costBasis: b.cost,
          entryCount: b.open.size,
          entryIds: ids,
          averageEntryPrice: avg,
          category,
        };
  }

  /** Open positions of strategies not in `activeStrategyIds` (seed 001 rule 7). Manual positions are not orphans. */
  getOrphanedPositions(activeStrategyIds: Iterable<string>): PositionSummary[] {
    const active = new Set(activeStrategyIds);
    const out: PositionSummary[] = [];
    for (const [strategyId, buckets] of this.s.bucketsByStrategy) {
      if (active.has(strategyId) || strategyId === MANUAL_STRATEGY_ID) continue;
      for (const b of buckets) if (!b.qty.isZero()) out.push(this.summary(b));
    }
    return out.sort((a, b) =>
      a.strategyId === b.strategyId
        ? a.instrumentId < b.instrumentId
          ? -1
          : 1
        : a.strategyId < b.strategyId
          ? -1
          : 1,
    );
  }

  /**
   * P&L of one strategy from its entries at marks (seed 000 §2). Lifetime figures summed entry
   * by entry as entries change: `totalContracts` = Σ filled quantity, `totalCostBasis` = Σ cost
   * basis of opening fills, `realizedPnl` = Σ per-entry realized (net of fees), `unrealizedPnl`
   * = Σ over open entries of value at mark − open cost − unallocated entry fees (last mark, else
   * cost, when no mark), `fees` = all fees paid, `roiPct` = net / cost basis × 100.
   * Never uses an average price.
   */
  computeStrategyPnl(strategyId: string, marks: Marks = {}): StrategyPnl {
    const found = this.s.totals.get(strategyId);
    const t = found === undefined ? undefined : settleTotals(found);
    const unrealized = this.strategyUnrealized(strategyId, marks);
    const realized = t?.realized ?? ZERO;
    const cost = t?.costBasis ?? ZERO;
    const net = realized.plus(unrealized);
    return {
      strategy: strategyId,
      totalContracts: t?.filled ?? ZERO,
      totalCostBasis: cost,
      realizedPnl: realized,
      unrealizedPnl: unrealized,
      netPnl: net,
      fees: t?.fees ?? ZERO,
      entryCount: t?.entryCount ?? 0,
      roiPct: cost.isZero() ? ZERO : net.dividedBy(cost).times(HUNDRED),
    };
  }

  /**
   * `computeStrategyPnl(strategyId, marks).netPnl` alone — the same Decimal, computed the same way,
   * without building the rest of the report (no ROI division): for hot paths that re-value often.
   * @throws ValidationError for a bad mark, like {@link computeStrategyPnl}.
   */
  computeStrategyNetPnl(strategyId: string, marks: Marks = {}): Decimal {
    const realized = this.s.totals.get(strategyId)?.realized ?? ZERO;
    return add(realized, this.strategyUnrealized(strategyId, marks));
  }

  private strategyUnrealized(strategyId: string, marks: Marks): Decimal {
    let unrealized = ZERO;
    for (const b of this.s.bucketsByStrategy.get(strategyId) ?? []) {
      if (b.qty.isZero()) continue;
      unrealized = add(
        unrealized,
        this.bucketUnrealized(b, this.bucketValue(b, this.markFor(b.instrumentId, marks, b.binary))),
      );
    }
    return unrealized;
  }

  /**
   * A stamp that changes whenever `strategyId`'s totals or open positions change (a fill, a fee, a
   * close, a settlement, a restore), 0 for a strategy the ledger has not seen. Equal stamps mean
   * {@link computeStrategyPnl} gives the same result at the same marks, so a caller can cache it.
   * Stamps are only comparable with each other; their values carry no meaning.
   */
  strategyRevision(strategyId: string): number {
    return this.s.totals.get(strategyId)?.rev ?? 0;
  }

  /** Strategies that have ever had an entry or a fee in the ledger. */
  getStrategyIds(): string[] {
    return [...syncIndex(this.s).byStrategy.keys()].sort();
  }

  // ───────────────────────────── exposure ─────────────────────────────

  /**
   * Gross exposure at marks: |value| of open positions (shorts count their liability), per
   * market, category, base asset and strategy. Without a mark (and no last mark) the open cost
   * basis is used.
   */
  getExposure(marks: Marks = {}): ExposureReport {
    const byMarket: Record<string, Decimal> = {};
    const byAsset: Record<string, Decimal> = {};
    const byStrategy: Record<string, Decimal> = {};
    let total = ZERO;
    for (const b of this.s.buckets.values()) {
      if (b.qty.isZero()) continue;
      const v = this.bucketValue(b, this.markFor(b.instrumentId, marks, b.binary));
      total = total.plus(v);
      byMarket[b.instrumentId] = (byMarket[b.instrumentId] ?? ZERO).plus(v);
      const asset = this.o.lookup(b.instrumentId)?.baseAsset ?? b.instrumentId;
      byAsset[asset] = (byAsset[asset] ?? ZERO).plus(v);
      byStrategy[b.strategyId] = (byStrategy[b.strategyId] ?? ZERO).plus(v);
    }
    const byCategory: Record<string, Decimal> = {};
    const cats = this.categoryAggregates();
    for (const c of [...cats.keys()].sort()) {
      const v = this.categoryValue(cats.get(c)!, marks);
      if (!v.isZero()) byCategory[c] = v;
    }
    return { total, byMarket, byCategory, byAsset, byStrategy };
  }

  /** Gross exposure of one market (all strategies and sides). */
  getMarketExposure(instrumentId: string, marks: Marks = {}): Decimal {
    let v = ZERO;
    for (const b of this.s.bucketsByInstrument.get(instrumentId) ?? []) {
      if (b.qty.isZero()) continue;
      v = v.plus(this.bucketValue(b, this.markFor(b.instrumentId, marks, b.binary)));
    }
    return v;
  }

  /** Gross exposure of one category (entry category, else the instrument's): really computed. */
  getCategoryExposure(category: string, marks: Marks = {}): Decimal {
    const aggs = this.categoryAggregates(category);
    return aggs === undefined ? ZERO : this.categoryValue(aggs, marks);
  }

  /**
   * Per category, per (instrument, side): Σ open quantity and Σ open cost of its entries, taken
   * from whole buckets whose entries share the category, entry by entry from mixed buckets
   * (derived on demand, so fills do not maintain category sums). `only` limits it to one category.
   */
  private categoryAggregates(only: string): CategoryAggs | undefined;
  private categoryAggregates(): Map<string, CategoryAggs>;
  private categoryAggregates(only?: string): Map<string, CategoryAggs> | CategoryAggs | undefined {
    const out = new Map<string, CategoryAggs>();
    if (only !== undefined && !this.s.categories.has(only)) return undefined;
    const add = (category: string | undefined, b: Bucket, qty: Decimal, cost: Decimal): void => {
      if (category === undefined || (only !== undefined && category !== only)) return;
      let m = out.get(category);
      if (!m) {
        m = new Map();
        out.set(category, m);
      }
      const key = `${b.instrumentId}\u0000${b.side}`;
      const a = m.get(key);
      if (a) {
        a.qty = a.qty.plus(qty);
        a.cost = a.cost.plus(cost);
      } else m.set(key, { b, qty, cost });
    };
    for (const b of this.s.buckets.values()) {
      if (b.qty.isZero()) continue;
      if (!b.mixedCategory) add(b.category, b, b.qty, b.cost);
      else for (const rec of b.open) add(rec.e.category, b, rec.e.openQuantity, rec.openCost);
    }
    return only === undefined ? out : out.get(only);
  }

  /** Gross value of category aggregates at marks (open cost without a mark). */
  private categoryValue(aggs: CategoryAggs, marks: Marks): Decimal {
    let v = ZERO;
    for (const { b, qty, cost } of aggs.values()) {
      if (qty.isZero()) continue;
      const mark = this.markFor(b.instrumentId, marks, b.binary);
      if (mark === null) v = v.plus(cost);
      else {
        const px = b.side === "no" ? HUNDRED.minus(mark) : mark;
        v = v.plus(b.binary ? qty.times(px).dividedBy(HUNDRED) : qty.times(px));
      }
    }
    return v;
  }

  /** Gross exposure of one strategy. */
  getStrategyExposure(strategyId: string, marks: Marks = {}): Decimal {
    let v = ZERO;
    for (const b of this.s.bucketsByStrategy.get(strategyId) ?? []) {
      if (b.qty.isZero()) continue;
      v = v.plus(this.bucketValue(b, this.markFor(b.instrumentId, marks, b.binary)));
    }
    return v;
  }

  // ───────────────────────────── reconciliation ─────────────────────────────

  /** Current drift flag (set by the last reconciliation that found an unexplained mismatch). */
  getDrift(): DriftState {
    const d = this.s.drift;
    return { flag: d.flag, at: d.at, mismatches: d.mismatches.map((m) => ({ ...m })) };
  }

  /**
   * Compares the ledger's net position per instrument (per outcome for binary) with the broker's
   * (seed 001 rule 3, seed 002 §5.5) and records explicit adjustment events:
   * - broker holds less on the same side → external (partial) close of the ledger's entries,
   *   manual entries first then FIFO, reason "external", at the broker's price where known
   *   (position `marketPrice`, else `prices`, else the last mark, else each entry's own entry
   *   price — the adjustment says which);
   * - broker holds more (or the ledger nothing) → a new manual entry for the difference at the
   *   broker's average price (else market price, `prices`, last mark; no price → drift);
   * - a sign flip or other unexplained difference → a mismatch and the drift flag.
   * An instrument missing from the report is never flat (`unverified`) unless `complete: true`.
   * For binary instruments `marketPrice`/`averagePrice` are of the outcome held; `prices` and
   * marks are YES prices. A binary position without `outcome` is YES when positive, NO when negative.
   * @throws ValidationError for malformed positions or prices; nothing is recorded then.
   */
  reconcile(
    positions: readonly Position[],
    at: number,
    prices: Readonly<Record<string, Decimal>> = {},
    options: ReconcileOptions = {},
  ): LedgerReconcileReport {
    checkAt(at, "at", "reconciliation");
    if (!Array.isArray(positions)) fail("reconciliation", "positions", "must be an array");
    const cashEffect = (options.cashEffect ?? "trade") === "trade";
    // Broker quantity per key (instrumentId or instrumentId + outcome).
    interface Key {
      inst: Instrument;
      outcome: Outcome | undefined;
      broker: Decimal;
      avg: Decimal | undefined;
      market: Decimal | undefined;
    }
    const keys = new Map<string, Key>();
    const mismatches: ReconciledEvent["mismatches"] = [];
    for (const [i, p] of positions.entries()) {
      if (typeof p !== "object" || p === null)
        fail("reconciliation", `positions[${i}]`, "must be a position");
      if (!isDecimal(p.quantity) || !p.quantity.isFinite())
        fail("reconciliation", `positions[${i}].quantity`, "must be a finite Decimal");
      if (p.averagePrice !== undefined)
        checkDecimal(p.averagePrice, `positions[${i}].averagePrice`, "reconciliation");
      if (p.marketPrice !== undefined)
        checkDecimal(p.marketPrice, `positions[${i}].marketPrice`, "reconciliation");
      const inst = typeof p.instrumentId === "string" ? this.o.lookup(p.instrumentId) : undefined;
      if (!inst) {
        if ((options.unknownInstruments ?? "drift") === "drift" && !p.quantity.isZero())
          mismatches.push({
            instrumentId: String(p.instrumentId),
            ledgerQuantity: ZERO,
            brokerQuantity: p.quantity,
            detail: "broker position in an instrument the ledger does not know",
          });
        continue;
      }
      let outcome: Outcome | undefined;
      let qty = p.quantity;
      if (inst.kind === "binary") {
        outcome = p.outcome ?? (qty.isNegative() ? "no" : "yes");
        if (p.outcome === undefined) qty = qty.abs();
      } else if (p.outcome !== undefined)
        fail("reconciliation", `positions[${i}].outcome`, "is only allowed for binary instruments");
      const key = outcome ? `${inst.id}\u0000${outcome}` : inst.id;
      const k = keys.get(key);
      if (k) k.broker = k.broker.plus(qty);
      else keys.set(key, { inst, outcome, broker: qty, avg: p.averagePrice, market: p.marketPrice });
    }
    for (const [id, v] of Object.entries(prices)) {
      const inst = this.o.lookup(id);
      if (
        !isDecimal(v) ||
        !v.isFinite() ||
        v.isNegative() ||
        (inst?.kind === "binary" && v.greaterThan(HUNDRED))
      )
        fail("reconciliation", `prices.${id}`, "must be a non-negative Decimal (≤ 100 for binary)");
    }
    // Ledger keys with open quantity.
    const ledgerKeys = new Map<string, { inst: Instrument; outcome: Outcome | undefined }>();
    for (const b of this.s.buckets.values()) {
      if (b.qty.isZero()) continue;
      const inst = this.o.lookup(b.instrumentId)!;
      const outcome = b.binary ? (b.side as Outcome) : undefined;
      ledgerKeys.set(outcome ? `${inst.id}\u0000${outcome}` : inst.id, { inst, outcome });
    }
    const unverified: string[] = [];
    for (const [key, lk] of ledgerKeys) {
      if (keys.has(key)) continue;
      if (options.complete)
        keys.set(key, {
          inst: lk.inst,
          outcome: lk.outcome,
          broker: ZERO,
          avg: undefined,
          market: undefined,
        });
      else if (!this.getNetPosition(lk.inst.id, lk.outcome).isZero() && !unverified.includes(lk.inst.id))
        unverified.push(lk.inst.id);
    }
    unverified.sort();

    // Plan every adjustment before recording any.
    const planned: Array<Omit<AdjustmentEvent, "seq">> = [];
    const sorted = [...keys.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [, k] of sorted) {
      const { inst, outcome } = k;
      const binary = inst.kind === "binary";
      const L = this.getNetPosition(inst.id, outcome);
      const B = k.broker;
      if (L.equals(B)) continue;
      const label = outcome ? `${inst.id} ${outcome}` : inst.id;
      const yesOrLast = Object.hasOwn(prices, inst.id) ? prices[inst.id] : undefined;
      const toSide = (p: Decimal) => (outcome === "no" ? HUNDRED.minus(p) : p);
      if (binary && B.isNegative()) {
        mismatches.push({
          instrumentId: inst.id,
          ledgerQuantity: L,
          brokerQuantity: B,
          detail: `${label}: negative broker quantity for an outcome`,
        });
        continue;
      }
      const sameSignReduce =
        (L.greaterThan(0) && B.greaterThanOrEqualTo(0) && B.lessThan(L)) ||
        (L.lessThan(0) && B.lessThanOrEqualTo(0) && B.greaterThan(L));
      const increase =
        (L.greaterThanOrEqualTo(0) && B.greaterThan(L)) || (L.lessThanOrEqualTo(0) && B.lessThan(L));
      if (sameSignReduce) {
        const side: EntrySide = binary ? (outcome as Outcome) : L.greaterThan(0) ? "long" : "short";
        const qty = L.minus(B).abs();
        let price: Decimal | null = null;
        let source: AdjustmentPriceSource = "entry";
        if (k.market !== undefined) {
          price = k.market;
          source = "broker";
        } else if (yesOrLast !== undefined) {
          price = toSide(yesOrLast);
          source = "prices";
        } else if (this.s.lastMarks.has(inst.id)) {
          price = toSide(this.s.lastMarks.get(inst.id)!);
          source = "mark";
        }
        const closes = this.planExternalClose(inst.id, side, qty);
        planned.push({
          type: "adjustment",
          at,
          kind: B.isZero() ? "external_close" : "external_partial_close",
          instrumentId: inst.id,
          side,
          quantity: qty,
          price,
          priceSource: source,
          closes,
          entryId: null,
          cashEffect,
          note:
            `${label}: ledger ${L.toFixed()}, broker ${B.toFixed()}; closed ${qty.toFixed()} ` +
            (price === null
              ? "at each entry's own entry price (no broker price or mark known)"
              : `at ${price.toFixed()} (${source} price)`),
        });
      } else if (increase) {
        const side: EntrySide = binary ? (outcome as Outcome) : B.greaterThan(0) ? "long" : "short";
        const qty = B.minus(L).abs();
        let price: Decimal | null = null;
        let source: AdjustmentPriceSource = "broker";
        if (k.avg !== undefined) price = k.avg;
        else if (k.market !== undefined) price = k.market;
        else if (yesOrLast !== undefined) {
          price = toSide(yesOrLast);
          source = "prices";
        } else if (this.s.lastMarks.has(inst.id)) {
          price = toSide(this.s.lastMarks.get(inst.id)!);
          source = "mark";
        }
        if (price === null || (binary && price.greaterThan(HUNDRED))) {
          mismatches.push({
            instrumentId: inst.id,
            ledgerQuantity: L,
            brokerQuantity: B,
            detail: `${label}: broker holds ${qty.toFixed()} more than the ledger and no price is known to book it as a manual position`,
          });
          continue;
        }
        const hadManual =
          this.s.buckets.get(`${MANUAL_STRATEGY_ID}\u0000${inst.id}\u0000${side}`)?.qty.isZero() === false;
        planned.push({
          type: "adjustment",
          at,
          kind: hadManual ? "manual_change" : "manual_position",
          instrumentId: inst.id,
          side,
          quantity: qty,
          price,
          priceSource: source,
          closes: [],
          entryId: null,
          cashEffect,
          note: `${label}: ledger ${L.toFixed()}, broker ${B.toFixed()}; ${qty.toFixed()} no strategy owns booked as manual at ${price.toFixed()} (${source} price)`,
        });
      } else {
        mismatches.push({
          instrumentId: inst.id,
          ledgerQuantity: L,
          brokerQuantity: B,
          detail: `${label}: ledger ${L.toFixed()} and broker ${B.toFixed()} are on opposite sides; not adjusted`,
        });
      }
    }
    const report: LedgerReconcileReport = {
      at,
      adjustments: [],
      mismatches,
      drift: mismatches.length > 0,
      unverified,
    };
    for (const p of planned) {
      const ev: AdjustmentEvent = { ...p, seq: this.s.seq + 1 };
      if (ev.kind === "manual_position" || ev.kind === "manual_change")
        ev.entryId = makeEntryId(MANUAL_STRATEGY_ID, `adj-${ev.seq}`);
      this.commit(ev, (e) => this.execAdjustment(e));
      report.adjustments.push({
        instrumentId: ev.instrumentId,
        kind: ev.kind,
        quantity: ev.quantity,
        entryIds: ev.entryId ? [ev.entryId] : ev.closes.map((c) => c.entryId),
      });
    }
    const rev: ReconciledEvent = {
      type: "reconciled",
      seq: this.s.seq + 1,
      at,
      drift: report.drift,
      mismatches,
      unverified,
    };
    this.commit(rev, (e) => this.execReconciled(e));
    return report;
  }

  /** External closes take manual entries first, then every other owner FIFO by rank. */
  private planExternalClose(
    instrumentId: string,
    side: EntrySide,
    qty: Decimal,
  ): Array<{ entryId: string; quantity: Decimal }> {
    const recs: EntryRec[] = [];
    for (const b of this.s.bucketsByInstrument.get(instrumentId) ?? [])
      if (b.side === side) for (const r of b.open) recs.push(r);
    recs.sort((a, b) => {
      const am = a.e.strategyId === MANUAL_STRATEGY_ID ? 0 : 1;
      const bm = b.e.strategyId === MANUAL_STRATEGY_ID ? 0 : 1;
      return am !== bm ? am - bm : a.rank - b.rank;
    });
    const out: Array<{ entryId: string; quantity: Decimal }> = [];
    let left = qty;
    for (const r of recs) {
      if (left.isZero()) break;
      const take = minDec(left, r.e.openQuantity);
      out.push({ entryId: r.e.entryId, quantity: take });
      left = left.minus(take);
    }
    return out;
  }

  private execAdjustment(ev: AdjustmentEvent): void {
    const s = this.s;
    const inst = this.o.lookup(ev.instrumentId);
    if (!inst) throw new StateCorruptError(`adjustment for unknown instrument ${ev.instrumentId}`);
    const binary = inst.kind === "binary";
    const kind: AdjustmentKind = ev.kind;
    if (kind === "external_close" || kind === "external_partial_close") {
      // Validate every close before changing anything.
      let total = ZERO;
      for (const c of ev.closes) {
        const rec = entryById(s, c.entryId);
        if (
          !rec ||
          rec.e.instrumentId !== ev.instrumentId ||
          rec.e.side !== ev.side ||
          rec.e.openQuantity.lessThan(c.quantity)
        )
          throw new StateCorruptError(
            `adjustment ${ev.seq}: cannot close ${c.quantity.toFixed()} of entry ${c.entryId}`,
          );
        total = total.plus(c.quantity);
      }
      if (!total.equals(ev.quantity))
        throw new StateCorruptError(`adjustment ${ev.seq}: closes do not sum to its quantity`);
      for (const c of ev.closes) {
        const rec = entryById(s, c.entryId)!;
        const slice = this.closeSlice(rec, c.quantity, ev.price, ZERO, "external", ev.at);
        const proceeds = binary
          ? slice.quantity.times(slice.exitPrice).dividedBy(HUNDRED)
          : slice.quantity.times(slice.exitPrice);
        const flow = isLongLike(ev.side) ? proceeds : proceeds.negated();
        if (ev.cashEffect) s.cash = s.cash.plus(flow);
        else s.contributions = s.contributions.minus(flow);
      }
      return;
    }
    if (
      ev.entryId === null ||
      ev.price === null ||
      syncEntries(s).has(ev.entryId) ||
      (binary && ev.side !== "yes" && ev.side !== "no") ||
      (!binary && ev.side !== "long" && ev.side !== "short")
    )
      throw new StateCorruptError(`adjustment ${ev.seq}: invalid manual position`);
    const orderId = ev.entryId.slice(MANUAL_STRATEGY_ID.length + 1);
    const rec = this.createEntry(inst, MANUAL_STRATEGY_ID, orderId, ev.side, ev.at, null, false);
    const cost = notionalOf(inst, ev.quantity, ev.price);
    this.addOpen(rec, ev.quantity, ev.price, cost, ZERO, ev.at);
    rec.e.orderedQuantity = ev.quantity;
    const flow = isLongLike(ev.side) ? cost : cost.negated();
    if (ev.cashEffect) s.cash = s.cash.minus(flow);
    else s.contributions = s.contributions.plus(flow);
  }

  private execReconciled(ev: ReconciledEvent): void {
    this.s.drift = { flag: ev.drift, at: ev.at, mismatches: ev.mismatches.map((m) => ({ ...m })) };
  }

  // ───────────────────────────── snapshot / restore ─────────────────────────────

  /** The whole state as JSON-safe data (decimal strings). `restore` gives back the same state. */
  snapshot(): LedgerSnapshot {
    return toJsonValue(this.snapshotParsed()) as LedgerSnapshot;
  }

  /** Replaces this ledger's state with a snapshot's (all or nothing). Listeners stay subscribed. */
  restore(snapshot: unknown): void {
    const snap = parseLedgerSnapshot(snapshot);
    if (snap.currency !== this.o.currency)
      throw new StateCorruptError(
        `Snapshot currency ${snap.currency} differs from the ledger's ${this.o.currency}`,
      );
    this.s = this.stateFromSnapshot(snap);
  }

  private snapshotParsed(): ParsedLedgerSnapshot {
    const s = this.s;
    const entries = [...syncEntries(s).values()].sort((a, b) => a.seq - b.seq);
    return {
      format: "quiver.ledger",
      version: LEDGER_SNAPSHOT_VERSION,
      seq: s.seq,
      currency: this.o.currency,
      initialCash: this.o.initialCash,
      cash: s.cash,
      contributions: s.contributions,
      exitPolicy: this.o.exitPolicy,
      timeZone: this.o.timeZone,
      dayStartTime: this.o.dayStartTime,
      nextEntrySeq: s.nextEntrySeq,
      nextRank: s.nextRank,
      entries: entries.map((r) => ({
        ...copyEntry(r.e),
        openCostBasis: r.openCost,
        seq: r.seq,
        rank: r.rank,
        unattributed: r.unattributed,
        sliceCount: r.sliceCount,
      })),
      orders: [...s.orders.values()].map(slotRecord).map((o) => ({
        order: canonicalOrder(o.order),
        ...(o.category === undefined ? {} : { category: o.category }),
        filledQuantity: o.filled,
      })),
      tradeIds: [...s.tradeIds],
      unattributed: s.unattributed.map((u) => ({ ...u })),
      slices: s.slices.map(publicSlice),
      lastMarks: [...s.lastMarks.entries()]
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([instrumentId, price]) => ({ instrumentId, price })),
      equity: s.equity.map((e) => ({ ...e })),
      drift: { flag: s.drift.flag, at: s.drift.at, mismatches: s.drift.mismatches.map((m) => ({ ...m })) },
    };
  }

  private stateFromSnapshot(snap: ParsedLedgerSnapshot): LedgerState {
    const s = emptyState(snap.cash);
    // Restored entries and orders carry no links (see LedgerState.linked): lookups use the map.
    s.linked = false;
    const saved = this.s;
    this.s = s;
    try {
      s.seq = snap.seq;
      s.contributions = snap.contributions;
      s.nextEntrySeq = snap.nextEntrySeq;
      s.nextRank = snap.nextRank;
      for (const o of snap.orders) {
        const inst = this.o.lookup(o.order.instrumentId);
        if (!inst)
          throw new StateCorruptError(
            `snapshot order ${o.order.orderId}: unknown instrument ${o.order.instrumentId}`,
          );
        storeOrder(
          s,
          new OrderRec(
            o.order,
            o.category,
            o.filledQuantity,
            makeEntryId(o.order.strategyId, o.order.orderId),
            undefined,
          ),
        );
      }
      const open: EntryRec[] = [];
      for (const [i, x] of snap.entries.entries()) {
        const { openCostBasis, seq, rank, unattributed, sliceCount, ...e } = x;
        const inst = this.o.lookup(e.instrumentId);
        if (!inst)
          throw new StateCorruptError(`snapshot.entries[${i}]: unknown instrument ${e.instrumentId}`);
        if (!e.filledQuantity.equals(e.openQuantity.plus(e.closedQuantity)))
          throw new StateCorruptError(
            `snapshot.entries[${i}]: filledQuantity ≠ openQuantity + closedQuantity`,
          );
        const rec: EntryRec = {
          e: toEntryRecord(e as StrategyEntry),
          openCost: openCostBasis,
          seq,
          rank,
          unattributed,
          sliceCount,
          bucket: bucketFor(s, e.strategyId, inst, e.side),
          indexedStatus: null,
          mtmBasis: null,
        };
        attachEntryCategory(s, rec.bucket, rec.e.category);
        addEntry(s, rec);
        const t = totalsFor(s, e.strategyId);
        t.filled = t.filled.plus(e.filledQuantity);
        t.costBasis = t.costBasis.plus(e.costBasis);
        t.realized = t.realized.plus(e.realizedPnl);
        t.fees = t.fees.plus(e.entryFees);
        if (!e.filledQuantity.isZero()) t.entryCount++;
        if (!e.openQuantity.isZero()) open.push(rec);
      }
      open.sort((a, b) => a.rank - b.rank);
      for (const rec of open) {
        const b = rec.bucket;
        b.qty = b.qty.plus(rec.e.openQuantity);
        b.cost = b.cost.plus(rec.openCost);
        b.fees = b.fees.plus(rec.e.entryFees);
        b.open.add(rec);
        s.open.add(rec);
      }
      for (const x of snap.slices) {
        s.slices.push({ ...x, reason: x.reason as LedgerExitSlice["reason"] });
        totalsFor(s, x.strategyId).fees = totalsFor(s, x.strategyId).fees.plus(x.fees);
      }
      for (const id of snap.tradeIds) s.tradeIds.add(id);
      for (const u of snap.unattributed) s.unattributed.push({ ...u });
      for (const m of snap.lastMarks) s.lastMarks.set(m.instrumentId, m.price);
      for (const e of snap.equity) s.equity.push({ ...e });
      s.drift = {
        flag: snap.drift.flag,
        at: snap.drift.at,
        mismatches: snap.drift.mismatches.map((m) => ({ ...m })),
      };
      for (const t of s.totals.values()) t.rev = nextRevision();
      return s;
    } finally {
      this.s = saved;
    }
  }
}

/** Index of `rec` among the first `n` planned closes, or -1. */
function planIndex(recs: ReadonlyArray<EntryRec | undefined>, n: number, rec: EntryRec): number {
  for (let i = 0; i < n; i++) if (recs[i] === rec) return i;
  return -1;
}

/** Position summaries by strategy, instrument, then side (long, short, yes, no). */
function bySummaryKey(a: PositionSummary, b: PositionSummary): number {
  return a.strategyId === b.strategyId
    ? a.instrumentId === b.instrumentId
      ? OPEN_SIDES.indexOf(a.side) - OPEN_SIDES.indexOf(b.side)
      : a.instrumentId < b.instrumentId
        ? -1
        : 1
    : a.strategyId < b.strategyId
      ? -1
      : 1;
}

/**
 * Creates a ledger.
 *
 * @throws ValidationError naming the bad option (`options.timeZone`, `options.initialCash` …).
 * @example
 * const ledger = createLedger({ instruments: [nvda], initialCash: "100000", currency: "USD" });
 * ledger.recordOrder(order);
 * ledger.applyFill(fill);
 * ledger.computeStrategyPnl("mp", { NVDA: new Decimal("130") });
 */
export function createLedger(options: LedgerOptions): PortfolioLedger {
  return new PortfolioLedger(options);
}

/** Folds a JSON event log into a fresh ledger (see {@link PortfolioLedger.replay}). */
export function replayLedger(events: readonly unknown[], options: LedgerOptions): PortfolioLedger {
  return PortfolioLedger.replay(events, options);
}

/** A ledger in a snapshot's state (see {@link PortfolioLedger.restore}). */
export function restoreLedger(snapshot: unknown, options: RestoreOptions): PortfolioLedger {
  return PortfolioLedger.restore(snapshot, options);
}
