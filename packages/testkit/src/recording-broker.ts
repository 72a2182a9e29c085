// RecordingBroker: a scriptable fake venue that records every call and injects the faults that lose money.
import {
  type AccountSnapshot,
  type Broker,
  type BrokerCapabilities,
  BrokerError,
  type BrokerEventMap,
  type Clock,
  Decimal,
  type DecimalInput,
  type Fill,
  HUNDRED,
  type Instrument,
  type MaybePromise,
  NO_CAPABILITIES,
  NotFoundError,
  type Order,
  type OrderLookup,
  type OrderRequest,
  type Outcome,
  type Position,
  ValidationError,
  ZERO,
  isTerminalOrderStatus,
} from "@quiver/core";
import { EventEmitter } from "eventemitter3";

/** A fault applied to the next `placeOrder` call (scripts are consumed in order). */
export type PlaceOrderFault =
  /** The venue answers with a `rejected` order (a definite reject, e.g. insufficient funds). */
  | { kind: "reject"; reason?: string }
  /** The venue accepts and stores the order, but the response is lost: `BrokerError` with `unknownOutcome`. */
  | { kind: "timeoutAfterAccept" }
  /** A transient error before anything was sent: `BrokerError` with `retryable: true`; nothing stored. */
  | { kind: "retryable"; message?: string; retryAfterMs?: number }
  /** A definite, non-retryable venue error; nothing stored. */
  | { kind: "error"; message?: string };

/** One recorded call. */
export interface RecordedCall {
  method: "placeOrder" | "cancelOrder" | "getOrder" | "getOpenOrders" | "getPositions" | "getAccount";
  args: unknown[];
  at: number;
}

/** Options of {@link RecordingBroker}. */
export interface RecordingBrokerOptions {
  id?: string;
  /** Source of timestamps and of latency timers (default: time 0, no latency possible). */
  clock?: Clock;
  /** Starting cash (default 100000). */
  cash?: DecimalInput;
  currency?: string;
  /** Instruments, to know which are binary (notional = qty × price / 100). */
  instruments?: readonly Instrument[];
  /** Last prices per instrument used by `autoFill` and marks (binary: YES price in cents). */
  prices?: Readonly<Record<string, DecimalInput>>;
  /** Fill market orders completely, immediately (events emitted inside `placeOrder`). Default false. */
  autoFill?: boolean;
  /** When > 0 (and a clock is given), every call answers through a Promise settled after this many ms of clock time. */
  latencyMs?: number;
  /** Override capabilities (defaults: partial fills, short, binary, client-id lookup, unique client ids). */
  capabilities?: Partial<BrokerCapabilities>;
  /** Fixed buying power; by default buying power equals cash. */
  buyingPower?: DecimalInput;
}

/** Options of {@link RecordingBroker.fill}. */
export interface FillOptions {
  /** Quantity to fill (default: everything still open). */
  quantity?: DecimalInput;
  /** Fill price (default: limit price, else the last price set). */
  price?: DecimalInput;
  fee?: DecimalInput;
  tradeId?: string;
}

interface PositionState {
  instrumentId: string;
  outcome: Outcome | undefined;
  quantity: Decimal;
}

/**
 * A fake {@link Broker} for tests. It records every call (`calls`), keeps orders, positions and
 * cash like a simple venue, and lets a test script the faults of RELIABILITY.md:
 * - `scriptPlaceOrder({ kind: "timeoutAfterAccept" })`: the order is stored at the "venue" but
 *   the call throws `BrokerError` with `unknownOutcome: true` — callers must look it up by client id;
 * - `{ kind: "retryable" }`, `{ kind: "error" }`, `{ kind: "reject" }`;
 * - fills on demand (`fill(lookup, { quantity })` for partial fills), `cancel`, duplicated fills.
 *
 * Like Kraken and Kalshi, a client order id is unique only among OPEN orders: reusing the id of an
 * open order throws a non-retryable BrokerError (`venueCode: "DUPLICATE_CLIENT_ORDER_ID"`), while
 * reusing the id of a filled/cancelled order creates a SECOND order — the trap a runner must avoid.
 *
 * @example
 * const broker = new RecordingBroker({ clock, prices: { AAPL: 100 }, autoFill: true });
 * broker.scriptPlaceOrder({ kind: "timeoutAfterAccept" });
 */
export class RecordingBroker implements Broker {
  readonly id: string;
  readonly capabilities: BrokerCapabilities;
  /** Every call made, in order. */
  readonly calls: RecordedCall[] = [];
  private readonly orderIds: string[] = [];
  /** Every fill emitted (duplicates included). */
  readonly fills: Fill[] = [];

  /** Every order created at the "venue" (current state), in creation order. */
  get orders(): Order[] {
    return this.orderIds.map((id) => this.byId.get(id) as Order);
  }

  private readonly emitter = new EventEmitter<BrokerEventMap>();
  private readonly clock: Clock | undefined;
  private readonly byId = new Map<string, Order>();
  private readonly positions = new Map<string, PositionState>();
  private readonly prices = new Map<string, Decimal>();
  private readonly binary = new Set<string>();
  private readonly faults: PlaceOrderFault[] = [];
  private lookupFailures = 0;
  private cash: Decimal;
  private readonly currency: string;
  private readonly latencyMs: number;
  private buyingPower: Decimal | undefined;
  private nextOrder = 1;
  private nextTrade = 1;
  /** Fill market orders at once. */
  autoFill: boolean;

  constructor(options: RecordingBrokerOptions = {}) {
    this.id = options.id ?? "recording";
    this.clock = options.clock;
    this.cash = new Decimal(options.cash ?? 100_000);
    this.currency = options.currency ?? "USD";
    this.autoFill = options.autoFill ?? false;
    this.latencyMs = options.latencyMs ?? 0;
    if (this.latencyMs > 0 && !this.clock)
      throw new ValidationError("RecordingBroker options", [
        { path: "clock", message: "is required when latencyMs > 0" },
      ]);
    if (options.buyingPower !== undefined) this.buyingPower = new Decimal(options.buyingPower);
    for (const i of options.instruments ?? []) if (i.kind === "binary") this.binary.add(i.id);
    for (const [k, v] of Object.entries(options.prices ?? {})) this.prices.set(k, new Decimal(v));
    this.capabilities = Object.freeze({
      ...NO_CAPABILITIES,
      supportsShort: true,
      supportsPartialFills: true,
      supportsBinaryContracts: true,
      supportsStopOrders: true,
      supportsClientOrderIdLookup: true,
      enforcesUniqueClientOrderId: true,
      ...options.capabilities,
    });
  }

  // ---- scripting -------------------------------------------------------------------------

  /** Queues faults for the next `placeOrder` calls (one fault per call, in order). */
  scriptPlaceOrder(...faults: PlaceOrderFault[]): this {
    this.faults.push(...faults);
    return this;
  }

  /** The next `n` `getOrder` calls throw a retryable BrokerError (transient order-not-found/network). */
  failNextLookups(n: number): this {
    this.lookupFailures += n;
    return this;
  }

  /** Sets the last price of an instrument (used by autoFill, default fill price and marks). */
  setPrice(instrumentId: string, price: DecimalInput): this {
    this.prices.set(instrumentId, new Decimal(price));
    return this;
  }

  /** Fixes buying power (or `undefined` to follow cash again). */
  setBuyingPower(value: DecimalInput | undefined): this {
    this.buyingPower = value === undefined ? undefined : new Decimal(value);
    return this;
  }

  /** Sets a position directly (an external/manual trade the runner did not make). */
  setPosition(instrumentId: string, quantity: DecimalInput, outcome?: Outcome): this {
    const key = posKey(instrumentId, outcome);
    this.positions.set(key, { instrumentId, outcome, quantity: new Decimal(quantity) });
    return this;
  }

  /** Number of calls of one method. */
  count(method: RecordedCall["method"]): number {
    let n = 0;
    for (const c of this.calls) if (c.method === method) n++;
    return n;
  }

  /** Orders created with this client order id (more than one means a doubled order). */
  ordersWithClientId(clientOrderId: string): Order[] {
    return this.orders.filter((o) => o.clientOrderId === clientOrderId);
  }

  /**
   * Fills (part of) a working order now and emits `fill` then `orderUpdate`.
   * @throws NotFoundError for an unknown order; ValidationError when over-filling or the order is terminal.
   */
  fill(lookup: OrderLookup, options: FillOptions = {}): Fill {
    const order = this.find(lookup);
    if (!order) throw new NotFoundError(`RecordingBroker: no order ${JSON.stringify(lookup)}`);
    if (isTerminalOrderStatus(order.status))
      throw new ValidationError("fill", [{ path: "order", message: `order is ${order.status}` }]);
    const remaining = order.quantity.minus(order.filledQuantity);
    const qty = options.quantity === undefined ? remaining : new Decimal(options.quantity);
    if (qty.lte(0) || qty.gt(remaining))
      throw new ValidationError("fill", [
        { path: "quantity", message: `must be in (0, ${remaining.toFixed()}], got ${qty.toFixed()}` },
      ]);
    const price =
      options.price !== undefined
        ? new Decimal(options.price)
        : (order.limitPrice ?? this.outcomePrice(order.instrumentId, order.outcome));
    if (!price || price.lte(0))
      throw new ValidationError("fill", [
        { path: "price", message: `no price known for ${order.instrumentId}` },
      ]);
    const fee = new Decimal(options.fee ?? 0);
    const at = this.now();
    const fill: Fill = {
      tradeId: options.tradeId ?? `t-${this.nextTrade++}`,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      side: order.side,
      ...(order.outcome === undefined ? {} : { outcome: order.outcome }),
      quantity: qty,
      price,
      fee,
      timestamp: at,
    };
    const prevFilled = order.filledQuantity;
    const filled = prevFilled.plus(qty);
    const avg = (order.averageFillPrice ?? ZERO).times(prevFilled).plus(price.times(qty)).dividedBy(filled);
    const updated: Order = {
      ...order,
      filledQuantity: filled,
      averageFillPrice: avg,
      status: filled.eq(order.quantity) ? "filled" : "partially_filled",
      updatedAt: at,
    };
    this.replace(updated);
    const sign = order.side === "buy" ? 1 : -1;
    const key = posKey(order.instrumentId, order.outcome);
    const pos = this.positions.get(key) ?? {
      instrumentId: order.instrumentId,
      outcome: order.outcome,
      quantity: ZERO,
    };
    pos.quantity = pos.quantity.plus(qty.times(sign));
    this.positions.set(key, pos);
    const notional = this.notional(order.instrumentId, qty, price);
    this.cash = this.cash.minus(notional.times(sign)).minus(fee);
    this.fills.push(fill);
    this.emitter.emit("fill", fill);
    this.emitter.emit("orderUpdate", updated);
    return fill;
  }

  /** Emits an already emitted fill again (duplicate delivery, websocket + REST). */
  duplicateFill(tradeId: string): Fill {
    const f = this.fills.find((x) => x.tradeId === tradeId);
    if (!f) throw new NotFoundError(`RecordingBroker: no fill ${tradeId}`);
    this.fills.push(f);
    this.emitter.emit("fill", f);
    return f;
  }

  /** Cancels a working order at the venue side (e.g. the rest of a partial fill expired). */
  cancel(lookup: OrderLookup, status: "cancelled" | "expired" | "rejected" = "cancelled"): Order {
    const order = this.find(lookup);
    if (!order) throw new NotFoundError(`RecordingBroker: no order ${JSON.stringify(lookup)}`);
    if (isTerminalOrderStatus(order.status)) return order;
    const updated: Order = { ...order, status, updatedAt: this.now() };
    this.replace(updated);
    this.emitter.emit("orderUpdate", updated);
    return updated;
  }

  // ---- Broker port -----------------------------------------------------------------------

  placeOrder(request: OrderRequest): MaybePromise<Order> {
    this.record("placeOrder", [request]);
    const fault = this.faults.shift();
    if (fault?.kind === "retryable")
      return this.fail(
        new BrokerError(fault.message ?? "RecordingBroker: transient error", {
          retryable: true,
          ...(fault.retryAfterMs === undefined ? {} : { retryAfterMs: fault.retryAfterMs }),
        }),
      );
    if (fault?.kind === "error")
      return this.fail(new BrokerError(fault.message ?? "RecordingBroker: venue error"));
    // Unique among OPEN orders only (Kraken cl_ord_id, Kalshi ClOrdID).
    for (const o of this.byId.values()) {
      if (o.clientOrderId === request.clientOrderId && !isTerminalOrderStatus(o.status))
        return this.fail(
          new BrokerError(`RecordingBroker: duplicate client order id ${request.clientOrderId}`, {
            venueCode: "DUPLICATE_CLIENT_ORDER_ID",
          }),
        );
    }
    const at = this.now();
    const order: Order = {
      ...request,
      orderId: `rb-${this.nextOrder++}`,
      status: fault?.kind === "reject" ? "rejected" : "new",
      filledQuantity: ZERO,
      createdAt: at,
      updatedAt: at,
      ...(fault?.kind === "reject" ? { statusReason: fault.reason ?? "rejected" } : {}),
    };
    this.orderIds.push(order.orderId);
    this.byId.set(order.orderId, order);
    if (fault?.kind === "timeoutAfterAccept")
      return this.fail(new BrokerError("RecordingBroker: timed out after sending", { unknownOutcome: true }));
    if (this.autoFill && order.status === "new" && order.type === "market") {
      if (this.latencyMs > 0) {
        return (this.answer(order) as Promise<Order>).then((o) => {
          this.fill({ orderId: o.orderId });
          return this.byId.get(o.orderId) as Order;
        });
      }
      this.fill({ orderId: order.orderId });
      return this.byId.get(order.orderId) as Order;
    }
    return this.answer(order);
  }

  cancelOrder(lookup: OrderLookup): MaybePromise<Order> {
    this.record("cancelOrder", [lookup]);
    const order = this.find(lookup);
    if (!order) return this.fail(new BrokerError(`RecordingBroker: unknown order ${JSON.stringify(lookup)}`));
    return this.answer(this.cancel(lookup));
  }

  getOrder(lookup: OrderLookup): MaybePromise<Order | null> {
    this.record("getOrder", [lookup]);
    if (this.lookupFailures > 0) {
      this.lookupFailures--;
      return this.fail(new BrokerError("RecordingBroker: lookup failed", { retryable: true }));
    }
    return this.answer(this.find(lookup) ?? null);
  }

  getOpenOrders(instrumentId?: string): MaybePromise<Order[]> {
    this.record("getOpenOrders", instrumentId === undefined ? [] : [instrumentId]);
    const out: Order[] = [];
    for (const o of this.byId.values())
      if (!isTerminalOrderStatus(o.status) && (instrumentId === undefined || o.instrumentId === instrumentId))
        out.push(o);
    return this.answer(out);
  }

  getPositions(): MaybePromise<Position[]> {
    this.record("getPositions", []);
    return this.answer(this.positionList());
  }

  getAccount(): MaybePromise<AccountSnapshot> {
    this.record("getAccount", []);
    const positions = this.positionList();
    let equity = this.cash;
    for (const p of positions) {
      const price = this.outcomePrice(p.instrumentId, p.outcome);
      if (price) equity = equity.plus(this.notional(p.instrumentId, p.quantity, price));
    }
    return this.answer({
      timestamp: this.now(),
      currency: this.currency,
      cash: this.cash,
      equity,
      buyingPower: this.buyingPower ?? Decimal.max(this.cash, 0),
      positions,
    });
  }

  on<E extends keyof BrokerEventMap>(event: E, listener: BrokerEventMap[E]): this {
    // eventemitter3's generic listener type does not narrow from E here.
    this.emitter.on(event, listener as never);
    return this;
  }

  off<E extends keyof BrokerEventMap>(event: E, listener: BrokerEventMap[E]): this {
    this.emitter.off(event, listener as never);
    return this;
  }

  /** Number of listeners for an event (tests check the runner detaches). */
  listenerCount(event: keyof BrokerEventMap): number {
    return this.emitter.listenerCount(event);
  }

  // ---- internals ---------------------------------------------------------------------------

  private now(): number {
    return this.clock ? this.clock.now() : 0;
  }

  private record(method: RecordedCall["method"], args: unknown[]): void {
    this.calls.push({ method, args, at: this.now() });
  }

  private answer<T>(value: T): MaybePromise<T> {
    if (this.latencyMs <= 0 || !this.clock) return value;
    const clock = this.clock;
    return new Promise<T>((resolve) => clock.setTimer(clock.now() + this.latencyMs, () => resolve(value)));
  }

  private fail(error: BrokerError): never | Promise<never> {
    if (this.latencyMs <= 0 || !this.clock) throw error;
    const clock = this.clock;
    return new Promise<never>((_, reject) =>
      clock.setTimer(clock.now() + this.latencyMs, () => reject(error)),
    );
  }

  private find(lookup: OrderLookup): Order | undefined {
    if ("orderId" in lookup) return this.byId.get(lookup.orderId);
    for (let i = this.orderIds.length - 1; i >= 0; i--) {
      const o = this.byId.get(this.orderIds[i] as string) as Order;
      if (o.clientOrderId === lookup.clientOrderId) return o;
    }
    return undefined;
  }

  private replace(order: Order): void {
    this.byId.set(order.orderId, order);
  }

  private outcomePrice(instrumentId: string, outcome: Outcome | undefined): Decimal | undefined {
    const p = this.prices.get(instrumentId);
    if (!p) return undefined;
    return outcome === "no" ? HUNDRED.minus(p) : p;
  }

  private notional(instrumentId: string, qty: Decimal, price: Decimal): Decimal {
    const n = qty.times(price);
    return this.binary.has(instrumentId) ? n.dividedBy(HUNDRED) : n;
  }

  private positionList(): Position[] {
    const out: Position[] = [];
    for (const p of this.positions.values()) {
      if (p.quantity.isZero()) continue;
      const mark = this.prices.get(p.instrumentId);
      out.push({
        instrumentId: p.instrumentId,
        quantity: p.quantity,
        ...(p.outcome === undefined ? {} : { outcome: p.outcome }),
        ...(mark?.gte(0) ? { marketPrice: mark } : {}),
      });
    }
    return out;
  }
}

function posKey(instrumentId: string, outcome: Outcome | undefined): string {
  return outcome === undefined ? instrumentId : `${instrumentId}\u0000${outcome}`;
}
