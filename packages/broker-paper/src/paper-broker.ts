// PaperBroker: a synchronous, deterministic simulated venue implementing core's Broker port, driven by onBar.
import {
  type AccountSnapshot,
  type Bar,
  type Broker,
  type BrokerCapabilities,
  BrokerError,
  type BrokerEventMap,
  Decimal,
  decimalFromNumber,
  mulDecimals,
  roundToDecimalPlaces,
  type DecimalInput,
  type Fill,
  HUNDRED,
  type Instrument,
  ONE,
  type Order,
  type OrderLookup,
  type OrderRequest,
  type OrderRequestInput,
  OrderRequestSchema,
  type OrderStatus,
  type Outcome,
  type Position,
  ValidationError,
  ZERO,
  notionalOf,
  parseDecimal,
  parseWith,
  roundPriceToTick,
  roundQuantityDown,
  startOfZonedDay,
  validateConfig,
  sharedEmpty,
} from "@quiver/core";
import { EventEmitter } from "eventemitter3";
import {
  type FillAt,
  PAPER_BROKER_CAPABILITIES,
  type PaperBrokerConfig,
  type PaperBrokerConfigInput,
  PaperBrokerConfigSchema,
  type PaperFault,
  type PaperFaultInput,
  type PaperFaultKind,
  PaperFaultSchema,
} from "./config.js";
import { checkTrustedOrderRequest } from "./internal/check-request.js";
import { ClientIdIndex } from "./internal/client-id-index.js";
import {
  compare,
  fitsPrecision,
  greaterThan,
  isLotMultiple,
  isNotPositive,
  isPositive,
  lessThan,
  lessThanOrEqual,
  lotPlacesOf,
  minus,
  plus,
  plusNegated,
  productIsExact,
  sumsAreExact,
} from "./internal/decimal-ops.js";
import { type MatchSpec, type OutcomeBar, matchOrderOnBar } from "./internal/match-order.js";
import { OrderIdMaker, tradeIdOf } from "./internal/order-id.js";
import { mulberry32 } from "./prng.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const BPS = new Decimal(10_000);
/** The working list of an instrument without working orders (shared, never written to: see `compact`). */
const NO_WORKING: OrderRecord[] = sharedEmpty();
const DAY_PROBE_MS = 26 * 3_600_000;

/** Per-instrument market state and the index of its working orders (the onBar hot path). */
interface InstState {
  readonly instrument: Instrument;
  readonly binary: boolean;
  /** Short positions allowed: config.allowShort && instrument.shortable && not binary. */
  readonly shortable: boolean;
  timeframe: string | undefined;
  lastOpenTime: number;
  hasBar: boolean;
  openTime: number;
  closeTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** Quantity the broker's fills took from the current bar's volume. */
  consumed: Decimal;
  /** Last price (YES price for binary), NaN until a bar was seen. */
  lastPrice: number;
  lastPriceTime: number;
  working: OrderRecord[];
  processing: boolean;
  /** One-entry cache of `new Decimal(decNum)` (see `decimalOf`): the last and close prices are usually the same number. */
  decNum: number;
  /** Undefined until the first conversion (never a NaN Decimal as a placeholder: see `decimalOf`). */
  dec: Decimal | undefined;
  /** The position of this instrument (outcome-less key), once it exists: saves a Map lookup per check. */
  pos: PositionState | undefined;
  /** `lotPlacesOf(lotSize)`, for `isLotMultiple` (a division-free lot test). */
  readonly lotPlaces: number;
}

/**
 * Internal, mutable state of one order; `order` is its latest immutable public snapshot. A class
 * (fields assigned once, in one order) so that `instanceof` tells a record from a retired order's
 * final snapshot in {@link OrderSlot}.
 */
class OrderRecord {
  /**
   * The book the order was placed in. Everything the order does acts on it, not on the broker's
   * current book: a listener may call reset() while the order is being processed, and the order
   * then finishes in the discarded book instead of corrupting the new one.
   */
  declare readonly book: BookState;
  /** Position in `BookState.orders` (the order id's number − 1). */
  declare readonly index: number;
  declare readonly callIndex: number;
  declare readonly request: OrderRequest;
  declare readonly st: InstState;
  declare readonly orderId: string;
  declare readonly posKey: string;
  declare readonly buy: boolean;
  declare readonly limitNum: number;
  declare readonly stopNum: number;
  declare readonly createdAt: number;
  declare readonly eligibleAt: number;
  /** Day orders expire on the first bar opening at or after this instant. */
  declare readonly dayEndsAt: number;
  declare order: Order;
  declare filled: Decimal;
  declare remaining: Decimal;
  /** Σ fill quantity × price, for the average fill price. */
  declare priceQty: Decimal;
  declare fillCount: number;
  /**
   * Price of the first fill when its quantity × price was exact: then, after one fill, the
   * average price `priceQty / filled` is exactly this price (no division needed).
   */
  declare exactFirstPrice: Decimal | undefined;
  declare arrived: boolean;
  declare triggered: boolean;
  declare terminal: boolean;
  /** Cash reserved for this order's remaining quantity (counted in `reservedCash`). */
  declare reserved: Decimal;
  /**
   * The cash balance at which placement found `cost ≤ cash` with nothing else reserved, no margin
   * and no shorts (see `accountCap`).
   */
  declare affordAt: Decimal | undefined;

  constructor(
    book: BookState,
    index: number,
    callIndex: number,
    request: OrderRequest,
    st: InstState,
    orderId: string,
    posKey: string,
    createdAt: number,
    eligibleAt: number,
    dayEndsAt: number,
  ) {
    this.book = book;
    this.index = index;
    this.callIndex = callIndex;
    this.request = request;
    this.st = st;
    this.orderId = orderId;
    this.posKey = posKey;
    this.buy = request.side === "buy";
    this.limitNum = request.limitPrice === undefined ? Number.NaN : request.limitPrice.toNumber();
    this.stopNum = request.stopPrice === undefined ? Number.NaN : request.stopPrice.toNumber();
    this.createdAt = createdAt;
    this.eligibleAt = eligibleAt;
    this.dayEndsAt = dayEndsAt;
    this.order = undefined as unknown as Order;
    this.filled = ZERO;
    this.remaining = request.quantity;
    this.priceQty = ZERO;
    this.fillCount = 0;
    this.exactFirstPrice = undefined;
    this.arrived = false;
    this.triggered = false;
    this.terminal = false;
    this.reserved = ZERO;
    this.affordAt = undefined;
  }
}

/**
 * What the order list and the client-id index hold: the record while the order works, then only
 * its final snapshot (see `retire`): an order filled inside `placeOrder` leaves nothing behind but
 * the snapshot it returned.
 */
type OrderSlot = OrderRecord | Order;

/** The latest public snapshot of a slot's order. */
function orderOf(slot: OrderSlot): Order {
  return slot instanceof OrderRecord ? slot.order : slot;
}

/** The client order id of a slot's order. */
function clientOrderIdOf(slot: OrderSlot): string {
  return slot instanceof OrderRecord ? slot.request.clientOrderId : slot.clientOrderId;
}

/** The record of a slot whose order is still working, else undefined. */
function workingRecord(slot: OrderSlot): OrderRecord | undefined {
  return slot instanceof OrderRecord && !slot.terminal ? slot : undefined;
}

interface PositionState {
  readonly instrumentId: string;
  readonly outcome: Outcome | undefined;
  readonly st: InstState;
  quantity: Decimal;
  /** `quantity` as a number (for cheap per-bar marks), valid while `quantityNumOf === quantity`. */
  quantityNum: number;
  quantityNumOf: Decimal | undefined;
  averagePrice: Decimal | undefined;
}

interface ArmedFault {
  readonly spec: PaperFault;
  remaining: number;
}

/** Everything `reset()` throws away. */
interface BookState {
  readonly inst: Map<string, InstState>;
  /** Which order (its number in `orders`) has a client order id. */
  readonly byClientId: ClientIdIndex;
  /** Every order in submission order; `orders[n − 1]` has order id "P-" + n (see `slotByOrderId`). */
  readonly orders: OrderSlot[];
  readonly fills: Fill[];
  readonly positions: Map<string, PositionState>;
  /** Quantity of working sell orders per position key (no-short placement check). */
  readonly sellReserved: Map<string, Decimal>;
  faults: ArmedFault[];
  cash: Decimal;
  /** `cash` as a number, valid while `cashNumOf === cash` (computed on demand: `toNumber` is not free). */
  cashNum: number;
  cashNumOf: Decimal | undefined;
  reservedCash: Decimal;
  /** How many positions have a negative quantity (buying power needs the full formula then). */
  shorts: number;
  calls: number;
  lastBarTime: number;
  rand: () => number;
}

interface Priced {
  price: Decimal;
  liquidity: "maker" | "taker";
  atOpen: boolean;
}

/**
 * The last order cost computed (`opening × np + qty × np × feeRate + fixed`), keyed by the identity
 * of its immutable inputs: placement, reservation and the fill-time buying-power check of an
 * immediate fill compute the same cost, and the fill's notional and fee are its terms.
 */
interface CostMemo {
  opening: Decimal;
  qty: Decimal;
  np: Decimal;
  fixed: Decimal;
  /** qty × np (the fill's notional when np is the price itself). */
  qn: Decimal;
  /** qn × feeRate. */
  fee: Decimal;
  cost: Decimal;
}

/** A worsened taker price on the instrument's tick grid, rounded against the taker (buy up, sell down). */
function againstTaker(st: InstState, price: Decimal, buy: boolean): Decimal {
  return roundPriceToTick(st.instrument, price, buy ? "up" : "down");
}

/**
 * A simulated broker for paper trading and backtests, implementing core's `Broker` port with
 * plain (non-promise) return values and synchronous events.
 *
 * Execution model (see the README for the full rules):
 * - Feed every closed bar to {@link PaperBroker.onBar} (before strategies act on it). An order
 *   submitted at `t` (the `clock`'s now, or the latest bar close seen) may fill only on bars with
 *   `openTime ≥ t + latencyMs`.
 * - Market orders fill at that bar's open (`fillAt: "next_open"`) or at the close
 *   (`fillAt: "close"`: synchronously inside `placeOrder` at the last close when `latencyMs` is 0).
 *   Limit orders fill at the limit when a bar trades through it, or at the open when it gaps
 *   through; stops trigger when touched (at the open on a gap) and then fill like market orders;
 *   stop-limits trigger, then act as limits. ioc/fok orders get one chance, at their arrival price.
 * - Taker fills pay `spreadBps + slippageBps` against them; resting limit fills are maker fills at
 *   the limit. Fees: `feeBps` of each fill's notional plus `feePerOrder` on an order's first fill.
 * - A buy whose cost exceeds buying power is rejected (`statusReason: "insufficient_buying_power"`);
 *   sells beyond the position are rejected unless shorting is allowed. Cash is reserved for
 *   working orders.
 *
 * In `close` mode, events of an immediate fill are emitted before `placeOrder` returns; an
 * `orderUpdate` with status `new` always precedes the first fill of an order.
 *
 * @throws ValidationError (from the constructor) naming each bad config field.
 * @example
 * const broker = createPaperBroker({ currency: "USD", initialCash: "10000", instruments: [nvda] });
 * broker.placeOrder({ clientOrderId: "c1", strategyId: "s", instrumentId: "NVDA", side: "buy",
 *   type: "market", quantity: "10" });
 * broker.onBar(nextBar); // fills at nextBar.open
 */
export class PaperBroker implements Broker {
  readonly id: string;
  readonly capabilities: BrokerCapabilities;
  /** The validated configuration. */
  readonly config: PaperBrokerConfig;

  private readonly emitter = new EventEmitter<BrokerEventMap>();
  private readonly closeMode: boolean;
  private readonly takerAdj: Decimal;
  /** 1 + takerAdj and 1 − takerAdj (the taker price factors), computed once. */
  private readonly buyFactor: Decimal;
  private readonly sellFactor: Decimal;
  /** Last `adverse` result per side, keyed by its input price object. */
  private adverseBuyIn: Decimal | undefined;
  private adverseBuyInst: InstState | undefined;
  private adverseBuyOut: Decimal = ZERO;
  private adverseSellIn: Decimal | undefined;
  private adverseSellInst: InstState | undefined;
  private adverseSellOut: Decimal = ZERO;
  private costMemo: CostMemo | undefined;
  /**
   * The per-order shortcuts (memoized costs and conversions, the placement proof in `accountCap`,
   * the exact first-fill average, the shorts counter, the lot test by decimal places). Each returns
   * exactly what the plain formula would. Test seam only: property tests turn this off to compare
   * whole runs against the plain formulas.
   */
  private shortcuts = true;
  private readonly feeRate: Decimal;
  private readonly feeDecimalPlaces: number | null;
  private readonly feePerOrder: Decimal;
  private readonly participation: Decimal | undefined;
  private readonly marginMultiplier: Decimal;
  private readonly anyMarginable: boolean;
  private readonly trustedRequests: boolean;
  /** `config.fillHistory` as a number (−1: keep all). */
  private readonly fillHistory: number;
  private readonly orderIds = new OrderIdMaker();
  /** Arguments of `matchOrderOnBar`, reused (it keeps nothing; an order evaluation is never nested in another's match). */
  private readonly matchSpec: Mutable<MatchSpec> = {
    type: "market",
    buy: true,
    triggered: false,
    limit: Number.NaN,
    stop: Number.NaN,
    arrivalAtClose: false,
    once: false,
    closeMode: false,
  };
  private readonly matchBar: Mutable<OutcomeBar> = { open: 0, high: 0, low: 0, close: 0 };
  /** Why the last `accountCap` reduced a fill. */
  private capReason: string | undefined = undefined;
  private s: BookState;

  constructor(config: PaperBrokerConfigInput) {
    this.config = validateConfig(PaperBrokerConfigSchema, config, "paper broker config");
    const c = this.config;
    this.id = c.id;
    this.capabilities = Object.freeze({ ...PAPER_BROKER_CAPABILITIES, supportsShort: c.allowShort });
    this.closeMode = c.fillAt === "close";
    this.takerAdj = new Decimal(c.slippageBps).plus(c.spreadBps).dividedBy(BPS);
    this.buyFactor = ONE.plus(this.takerAdj);
    this.sellFactor = ONE.minus(this.takerAdj);
    this.feeRate = new Decimal(c.feeBps).dividedBy(BPS);
    this.feeDecimalPlaces = c.feeDecimalPlaces;
    this.feePerOrder = c.feePerOrder;
    this.participation =
      c.maxVolumeParticipation === undefined ? undefined : new Decimal(c.maxVolumeParticipation);
    this.marginMultiplier = new Decimal(c.marginMultiplier);
    this.anyMarginable = c.instruments.some((i) => i.marginable);
    this.trustedRequests = c.validateRequests === "trusted";
    this.fillHistory = c.fillHistory === "all" ? -1 : c.fillHistory;
    this.s = this.freshState();
  }

  /** Which price rule market orders follow. */
  get fillAt(): FillAt {
    return this.config.fillAt;
  }

  // ---------------------------------------------------------------- market data

  /**
   * Feeds one closed bar: updates the last price and fills eligible working orders of its
   * instrument. Cheap (a map lookup and a few assignments) when the instrument has no working
   * orders. Bars of unknown instruments are ignored. Forming bars (`closed: false`) and bars of a
   * timeframe other than the fill timeframe only update the last price. Bars not newer than the
   * last one (duplicates, out of order) are ignored for fills, so a replayed bar never fills twice.
   */
  onBar(bar: Bar): void {
    const s = this.s;
    const st = s.inst.get(bar.instrumentId);
    if (st === undefined) return;
    if (bar.closed === false) {
      // A forming bar: a price, but never a fill (its range is not final).
      if (bar.closeTime >= st.lastPriceTime) {
        st.lastPrice = bar.close;
        st.lastPriceTime = bar.closeTime;
      }
      return;
    }
    if (bar.closeTime > s.lastBarTime) s.lastBarTime = bar.closeTime;
    if (st.timeframe !== bar.timeframe) {
      if (st.timeframe === undefined) st.timeframe = bar.timeframe;
      else {
        if (bar.closeTime >= st.lastPriceTime) {
          st.lastPrice = bar.close;
          st.lastPriceTime = bar.closeTime;
        }
        return;
      }
    }
    if (bar.openTime <= st.lastOpenTime) return;
    st.lastOpenTime = bar.openTime;
    st.hasBar = true;
    st.openTime = bar.openTime;
    st.closeTime = bar.closeTime;
    st.open = bar.open;
    st.high = bar.high;
    st.low = bar.low;
    st.close = bar.close;
    st.volume = bar.volume;
    st.consumed = ZERO;
    if (bar.closeTime >= st.lastPriceTime) {
      st.lastPrice = bar.close;
      st.lastPriceTime = bar.closeTime;
    }
    if (st.working.length === 0) return;
    this.processBar(st);
  }

  /** Last price of an instrument (YES price in cents for binary), or undefined before any bar. */
  getLastPrice(instrumentId: string): number | undefined {
    const p = this.s.inst.get(instrumentId)?.lastPrice;
    return p === undefined || Number.isNaN(p) ? undefined : p;
  }

  // ---------------------------------------------------------------- Broker port

  /**
   * Submits an order. Idempotent per `clientOrderId`: a known client id returns the existing order
   * (whatever its status) and creates nothing. Definite rejections (insufficient buying power or
   * position, unknown instrument, bad quantity, reduce-only violations, scripted rejects) come back
   * as an order with status `rejected` and a `statusReason`.
   *
   * @throws ValidationError when the request does not match `OrderRequestSchema` (in
   *   `validateRequests: "trusted"` mode, also when a decimal field is not already a Decimal).
   * @throws BrokerError `retryable: true` (scripted `throwRetryable`: nothing was stored) or
   *   `unknownOutcome: true` (scripted `timeoutAfterAccept`: the order exists).
   */
  placeOrder(input: OrderRequest | OrderRequestInput): Order {
    const s = this.s;
    const callIndex = s.calls++;
    const request = this.trustedRequests
      ? checkTrustedOrderRequest(input)
      : parseWith(OrderRequestSchema, input, "order request");
    const retryable = this.takeFault(s, "throwRetryable", callIndex, request);
    if (retryable !== undefined) {
      throw new BrokerError("Paper broker: scripted transient failure before the order was accepted", {
        retryable: true,
        venueCode: "scripted_retryable",
        ...(retryable.spec.kind === "throwRetryable" && retryable.spec.retryAfterMs !== undefined
          ? { retryAfterMs: retryable.spec.retryAfterMs }
          : {}),
        details: { clientOrderId: request.clientOrderId, callIndex },
      });
    }
    const known = s.byClientId.get(request.clientOrderId);
    if (known >= 0) return orderOf(s.orders[known] as OrderSlot);

    const now = this.now();
    const st = s.inst.get(request.instrumentId);
    const scripted = this.takeFault(s, "reject", callIndex, request);
    let reason: string | undefined;
    if (scripted !== undefined && scripted.spec.kind === "reject") reason = scripted.spec.reason;
    else if (st === undefined) reason = "unknown_instrument";
    const rec = this.createRecord(
      s,
      callIndex,
      request,
      st ?? this.placeholderState(request.instrumentId),
      now,
    );
    // The cost estimate is computed once: the buying-power check and the reservation use the same
    // value (nothing it depends on changes in between).
    let cost = ZERO;
    if (reason === undefined) {
      reason = this.checkPlacement(rec);
      if (reason === undefined) {
        cost = this.estimateCost(rec);
        if (isPositive(cost)) {
          const margin = rec.st.instrument.marginable;
          if (greaterThan(cost, this.buyingPower(s, margin))) reason = "insufficient_buying_power";
          else if (this.shortcuts && !margin && s.shorts === 0 && s.reservedCash.isZero())
            rec.affordAt = s.cash;
        }
      }
    }
    s.orders.push(rec);
    s.byClientId.add(request.clientOrderId, rec.index);
    if (reason !== undefined) {
      rec.terminal = true;
      this.snapshot(rec, "rejected", now, reason);
      const rejected = rec.order;
      this.emitter.emit("orderUpdate", rejected);
      return rejected;
    }

    // Accepted.
    if (!rec.buy && !rec.st.shortable) this.addSellReserved(s, rec.posKey, rec.remaining);
    this.setReservation(rec, this.shortcuts ? cost : this.estimateCost(rec));
    // A one-element array rather than a push onto the empty list (see `compact`).
    const working = rec.st.working;
    if (working.length === 0) rec.st.working = [rec];
    else working.push(rec);
    this.snapshot(rec, "new", now);
    this.emitter.emit("orderUpdate", rec.order);
    // (A listener may have called reset(): the order still fills, in its own, discarded book.)
    if (this.closeMode && this.config.latencyMs === 0 && rec.st.hasBar) {
      const st2 = rec.st;
      const wasProcessing = st2.processing;
      st2.processing = true;
      try {
        this.evaluate(rec, true, now);
      } finally {
        st2.processing = wasProcessing;
      }
      if (!wasProcessing) this.compact(st2);
    }
    if (this.takeFault(s, "timeoutAfterAccept", callIndex, request) !== undefined) {
      throw new BrokerError("Paper broker: scripted timeout after the order was accepted", {
        unknownOutcome: true,
        venueCode: "scripted_timeout",
        details: { clientOrderId: request.clientOrderId, callIndex },
      });
    }
    return rec.order;
  }

  /**
   * Cancels a working order and returns its state afterwards. Idempotent: a terminal order is
   * returned unchanged (a filled order stays filled).
   * @throws BrokerError (not retryable, venueCode "order_not_found") for an unknown order.
   */
  cancelOrder(lookup: OrderLookup): Order {
    const slot = this.find(lookup);
    if (slot === undefined) {
      throw new BrokerError("Paper broker: unknown order", {
        venueCode: "order_not_found",
        details: { ...lookup },
      });
    }
    const rec = workingRecord(slot);
    if (rec !== undefined) this.terminate(rec, "cancelled", "cancel_requested", this.now());
    return orderOf(slot);
  }

  /** The order by venue id or client order id, or null. */
  getOrder(lookup: OrderLookup): Order | null {
    const slot = this.find(lookup);
    return slot === undefined ? null : orderOf(slot);
  }

  /** Working (non-terminal) orders in submission order, optionally for one instrument. */
  getOpenOrders(instrumentId?: string): Order[] {
    const out: Order[] = [];
    if (instrumentId !== undefined) {
      for (const r of this.s.inst.get(instrumentId)?.working ?? []) if (!r.terminal) out.push(r.order);
      return out;
    }
    for (const slot of this.s.orders) {
      const r = workingRecord(slot);
      if (r !== undefined) out.push(r.order);
    }
    return out;
  }

  /** Non-zero positions (signed; one per outcome for binary), with the last price as `marketPrice` (YES price for binary). */
  getPositions(): Position[] {
    const out: Position[] = [];
    for (const p of this.s.positions.values()) {
      if (p.quantity.isZero()) continue;
      const pos: Position = { instrumentId: p.instrumentId, quantity: p.quantity };
      if (p.outcome !== undefined) pos.outcome = p.outcome;
      if (p.averagePrice !== undefined) pos.averagePrice = p.averagePrice;
      if (!Number.isNaN(p.st.lastPrice)) pos.marketPrice = new Decimal(p.st.lastPrice);
      out.push(pos);
    }
    return out;
  }

  /**
   * Cash, equity at last prices, buying power and positions. Buying power is
   * `m × equity − gross position value − cash reserved for working orders`, with m = 1 (or
   * `marginMultiplier` when some instrument is marginable); with long positions only and m = 1
   * that is simply cash minus reservations.
   */
  getAccount(): AccountSnapshot {
    return {
      timestamp: this.now(),
      currency: this.config.currency,
      cash: this.s.cash,
      equity: this.equity(),
      buyingPower: this.buyingPower(this.s, this.anyMarginable),
      positions: this.getPositions(),
    };
  }

  on<E extends keyof BrokerEventMap>(event: E, listener: BrokerEventMap[E]): this {
    // eventemitter3's generic listener type does not narrow through E; the map fixes the pairing.
    this.emitter.on(event, listener as never);
    return this;
  }

  off<E extends keyof BrokerEventMap>(event: E, listener: BrokerEventMap[E]): this {
    this.emitter.off(event, listener as never);
    return this;
  }

  // ---------------------------------------------------------------- test and backtest helpers

  /**
   * Every fill applied, in order (dropped reports included, duplicates once) — or, with a numeric
   * `fillHistory`, the latest that many.
   */
  getFills(): Fill[] {
    const fills = this.s.fills;
    const keep = this.fillHistory;
    return keep < 0 || fills.length <= keep ? fills.slice() : fills.slice(fills.length - keep);
  }

  /** Every order (rejected and terminal included), in submission order. */
  getOrders(): Order[] {
    return this.s.orders.map(orderOf);
  }

  /** Cash in the account currency. */
  getCash(): Decimal {
    return this.s.cash;
  }

  /**
   * Equity at last prices as a `number`, without Decimal math: for per-bar equity curves in hot
   * loops. The book of record is `getAccount().equity` (Decimal); this is re-based from it on
   * every fill, so the two differ only by float rounding.
   */
  getEquityNumber(): number {
    const s = this.s;
    if (s.cashNumOf !== s.cash) {
      s.cashNum = s.cash.toNumber();
      s.cashNumOf = s.cash;
    }
    let equity = s.cashNum;
    for (const p of s.positions.values()) {
      if (p.quantityNumOf !== p.quantity) {
        p.quantityNum = p.quantity.toNumber();
        p.quantityNumOf = p.quantity;
      }
      const qty = p.quantityNum;
      if (qty === 0) continue;
      const last = p.st.lastPrice;
      // Same mark as the Decimal path: the outcome's own price, or the entry price before any bar.
      const mark = Number.isNaN(last)
        ? (p.averagePrice?.toNumber() ?? 0)
        : p.outcome === "no"
          ? 100 - last
          : last;
      equity += p.st.binary ? (qty * mark) / 100 : qty * mark;
    }
    return equity;
  }

  /** Arms one more scripted fault (same rules as `config.faults`). @throws ValidationError on a bad fault. */
  addFault(fault: PaperFaultInput): void {
    const spec = parseWith(PaperFaultSchema, fault, "paper fault");
    this.s.faults.push({ spec, remaining: spec.times === "always" ? Number.POSITIVE_INFINITY : spec.times });
  }

  /** Back to the initial state (cash, no orders/fills/positions, faults re-armed, PRNG re-seeded). Listeners stay. */
  reset(): void {
    this.s = this.freshState();
  }

  /**
   * Settles a binary market at a YES price (0–100 cents): working orders are cancelled
   * ("market_settled"), each outcome position pays `quantity × value / 100` (YES value = price,
   * NO value = 100 − price) into cash and is closed. No fill events are emitted (the ledger
   * settles on its own). @throws ValidationError for a bad price or a non-binary/unknown instrument.
   */
  settle(instrumentId: string, yesPriceCents: DecimalInput): void {
    const st = this.s.inst.get(instrumentId);
    if (st === undefined || !st.binary)
      throw new ValidationError("settlement", [
        { path: "instrumentId", message: `"${instrumentId}" is not a binary instrument of this broker` },
      ]);
    const yes = parseDecimal(yesPriceCents, "yesPriceCents", { min: 0, max: 100 });
    const now = this.now();
    const book = this.s;
    for (const rec of st.working.slice()) {
      if (!rec.terminal) this.terminate(rec, "cancelled", "market_settled", now);
      // A listener called reset(): the new book has nothing of this market to settle.
      if (this.s !== book) return;
    }
    for (const p of this.s.positions.values()) {
      if (p.instrumentId !== instrumentId || p.quantity.isZero()) continue;
      const value = p.outcome === "no" ? HUNDRED.minus(yes) : yes;
      this.s.cash = this.s.cash.plus(p.quantity.times(value).dividedBy(HUNDRED));
      if (p.quantity.isNegative()) this.s.shorts--;
      p.quantity = ZERO;
      p.averagePrice = undefined;
    }
    st.lastPrice = yes.toNumber();
  }

  // ---------------------------------------------------------------- internals

  private freshState(): BookState {
    const inst = new Map<string, InstState>();
    for (const instrument of this.config.instruments) {
      const binary = instrument.kind === "binary";
      const shortable = this.config.allowShort && instrument.shortable && !binary;
      inst.set(instrument.id, newInstState(instrument, binary, shortable, this.config.fillTimeframe));
    }
    const orders: OrderSlot[] = [];
    return {
      inst,
      byClientId: new ClientIdIndex((n) => clientOrderIdOf(orders[n] as OrderSlot)),
      orders,
      fills: [],
      positions: new Map(),
      sellReserved: new Map(),
      faults: this.config.faults.map((spec) => ({
        spec,
        remaining: spec.times === "always" ? Number.POSITIVE_INFINITY : spec.times,
      })),
      cash: this.config.initialCash,
      cashNum: 0,
      cashNumOf: undefined,
      reservedCash: ZERO,
      shorts: 0,
      calls: 0,
      lastBarTime: 0,
      rand: mulberry32(this.config.seed),
    };
  }

  private placeholderState(instrumentId: string): InstState {
    return newInstState(
      {
        id: instrumentId,
        kind: "spot",
        baseAsset: instrumentId,
        quoteCurrency: this.config.currency,
        tickSize: ONE,
        lotSize: ONE,
        shortable: false,
        marginable: false,
      },
      false,
      false,
      undefined,
    );
  }

  private now(): number {
    const clock = this.config.clock;
    return clock === undefined ? this.s.lastBarTime : clock.now();
  }

  private find(lookup: OrderLookup): OrderSlot | undefined {
    return "orderId" in lookup
      ? this.slotByOrderId(lookup.orderId)
      : this.slotByClientId(lookup.clientOrderId);
  }

  private slotByClientId(clientOrderId: string): OrderSlot | undefined {
    const n = this.s.byClientId.get(clientOrderId);
    return n < 0 ? undefined : this.s.orders[n];
  }

  /**
   * The order with this venue id. Ids are "P-" + the 1-based submission number (zero-padded to six
   * digits), and every record is stored right after it is numbered, so the number is the index:
   * no Map of order ids to maintain (a Map insert per order showed in profiles).
   */
  private slotByOrderId(orderId: string): OrderSlot | undefined {
    if (typeof orderId !== "string" || !orderId.startsWith("P-")) return undefined;
    const n = Number(orderId.slice(2));
    const slot = Number.isInteger(n) && n >= 1 ? this.s.orders[n - 1] : undefined;
    return slot !== undefined && slot.orderId === orderId ? slot : undefined;
  }

  /**
   * Called once an order is terminal and has its final snapshot: from now on only that snapshot
   * is ever read (lookups, idempotent resubmits, getOrders), so the order list and the client-id
   * index keep the snapshot itself instead of the record. An order filled inside `placeOrder` thus
   * leaves its record (and request) to die young instead of being copied by every scavenge.
   */
  private retire(rec: OrderRecord): void {
    const s = rec.book;
    if (s.orders[rec.index] !== rec) return; // (defensive: a record is only ever in its own book)
    s.orders[rec.index] = rec.order;
  }

  private createRecord(
    s: BookState,
    callIndex: number,
    request: OrderRequest,
    st: InstState,
    now: number,
  ): OrderRecord {
    // Numbered by position: placeOrder stores each record before another one can be created.
    const index = s.orders.length;
    let dayEndsAt = Number.POSITIVE_INFINITY;
    if (request.timeInForce === "day") {
      const tz = this.config.timeZone;
      dayEndsAt = startOfZonedDay(startOfZonedDay(now, tz) + DAY_PROBE_MS, tz);
    }
    return new OrderRecord(
      s,
      index,
      callIndex,
      request,
      st,
      this.orderIds.idOf(index + 1),
      request.outcome === undefined
        ? request.instrumentId
        : `${request.instrumentId}\u0000${request.outcome}`,
      now,
      now + this.config.latencyMs,
      dayEndsAt,
    );
  }

  /** Placement checks other than buying power; returns a reject reason or undefined. */
  private checkPlacement(rec: OrderRecord): string | undefined {
    const { request, st } = rec;
    const inst = st.instrument;
    if (st.binary && request.outcome === undefined) return "outcome_required";
    if (!st.binary && request.outcome !== undefined) return "outcome_not_applicable";
    const q = request.quantity;
    if (this.shortcuts) {
      // A positive multiple of the lot is never below the lot, so without a minimum quantity only
      // the sign is left to check (validation guarantees q > 0; kept for safety).
      if (
        !isLotMultiple(q, inst.lotSize, st.lotPlaces) ||
        (inst.minQuantity === undefined ? isNotPositive(q) : lessThan(q, inst.minQuantity))
      )
        return "invalid_quantity";
    } else if (!q.mod(inst.lotSize).isZero() || q.lessThan(inst.minQuantity ?? inst.lotSize))
      return "invalid_quantity";
    const pos = this.positionQty(rec);
    const reducible = rec.buy ? (pos.isNegative() ? pos.neg() : ZERO) : pos.isPositive() ? pos : ZERO;
    if (request.reduceOnly && greaterThan(q, reducible)) return "reduce_only_would_increase";
    if (!rec.buy && !st.shortable) {
      const free = minus(pos, rec.book.sellReserved.get(rec.posKey) ?? ZERO);
      if (greaterThan(q, free)) return "insufficient_position";
    }
    return undefined;
  }

  /**
   * Cash an order's remaining quantity may need: opening notional at an estimated price plus
   * fees, less the proceeds of a sell's reducing part (never below zero). Market orders use the
   * last price (0 when none is known: checked at fill time instead).
   */
  private estimateCost(rec: OrderRecord): Decimal {
    const { request, st } = rec;
    let price: Decimal | undefined;
    if (request.type === "limit" || request.type === "stop_limit") price = request.limitPrice;
    else {
      let ref: Decimal | undefined = request.stopPrice;
      if (request.type === "market" || rec.triggered) {
        if (Number.isNaN(st.lastPrice)) return this.fixedFee(rec);
        const last = this.decimalOf(st, st.lastPrice);
        ref = request.outcome === "no" ? HUNDRED.minus(last) : last;
      }
      if (ref === undefined) return this.fixedFee(rec);
      price = this.adverse(st, ref, rec.buy);
      if (st.binary) price = Decimal.min(Decimal.max(price, ONE), 99);
    }
    if (price === undefined || isNotPositive(price)) return this.fixedFee(rec);
    const np = this.unitNotional(st, price);
    const q = rec.remaining;
    let opening = ZERO;
    if (rec.buy || st.shortable) {
      const d = minus(q, this.reducible(rec));
      // Decimal.max(ZERO, d) is d itself when d > 0 (a core Decimal, nothing to round).
      opening =
        this.shortcuts && isPositive(d) && d.constructor === Decimal && fitsPrecision(d)
          ? d
          : Decimal.max(ZERO, d);
    }
    const memo = this.costOf(opening, q, np, this.fixedFee(rec));
    if (rec.buy || opening === q) return memo.cost;
    // A sell's reducing part brings in its proceeds, and a venue nets the fee from them: closing a
    // long never needs free cash (an account fully invested could otherwise never exit).
    const proceeds = opening.isZero() ? memo.qn : minus(q, opening).times(np);
    // max(0, cost − proceeds): a comparison first, as a closing sell's proceeds usually cover its
    // fee (the difference would be computed only to be dropped). Same value either way (an exact
    // zero difference is 0 too).
    if (this.shortcuts && compare(memo.cost, proceeds) <= 0) return ZERO;
    const net = minus(memo.cost, proceeds);
    return net.isNegative() ? ZERO : net;
  }

  /**
   * `opening × np + qty × np × feeRate + fixed` (the cash an order needs), with its terms. The
   * last result is kept: placement, reservation and the fill-time check of an immediate fill ask
   * for the same cost with the same (immutable) inputs, and a fill reuses `qty × price` and its fee.
   */
  private costOf(opening: Decimal, qty: Decimal, np: Decimal, fixed: Decimal): CostMemo {
    if (!this.shortcuts) {
      const qn = qty.times(np);
      const fee = this.feeOf(qn);
      const cost = opening.times(np).plus(fee).plus(fixed);
      return { opening, qty, np, fixed, qn, fee, cost };
    }
    const m = this.costMemo;
    if (m !== undefined && m.qty === qty && m.np === np && m.opening === opening && m.fixed === fixed)
      return m;
    const qn = mulDecimals(qty, np);
    // The opening quantity is the order quantity itself for a buy with no short to cover, and
    // zero for a sell that only reduces (ZERO × np is +0 for a finite positive np).
    const on =
      opening === qty ? qn : opening === ZERO && np.s > 0 && np.isFinite() ? ZERO : mulDecimals(opening, np);
    // qn × 0 is +0 for a positive qn: no need to multiply when there is no fee rate.
    const fee = this.feeRate.isZero() && qn.s > 0 ? ZERO : this.feeOf(qn);
    const memo: CostMemo = { opening, qty, np, fixed, qn, fee, cost: plus(plus(on, fee), fixed) };
    this.costMemo = memo;
    return memo;
  }

  /** The `feeBps` fee on a notional, rounded up to `feeDecimalPlaces` (see the config). */
  private feeOf(notional: Decimal): Decimal {
    const fee = mulDecimals(notional, this.feeRate);
    const dp = this.feeDecimalPlaces;
    return dp === null ? fee : roundToDecimalPlaces(fee, dp, Decimal.ROUND_UP);
  }

  private fixedFee(rec: OrderRecord): Decimal {
    return rec.fillCount === 0 ? this.feePerOrder : ZERO;
  }

  private reducible(rec: OrderRecord): Decimal {
    const pos = this.positionQty(rec);
    if (rec.buy) return pos.isNegative() ? pos.neg() : ZERO;
    return pos.isPositive() ? pos : ZERO;
  }

  /** A taker price worsened by spread and slippage (the last result per side is kept: same input, same object). */
  private adverse(st: InstState, price: Decimal, buy: boolean): Decimal {
    if (this.takerAdj.isZero()) return price;
    if (!this.shortcuts) return againstTaker(st, price.times(buy ? this.buyFactor : this.sellFactor), buy);
    if (buy) {
      if (this.adverseBuyIn !== price || this.adverseBuyInst !== st) {
        this.adverseBuyOut = againstTaker(st, mulDecimals(price, this.buyFactor), true);
        this.adverseBuyIn = price;
        this.adverseBuyInst = st;
      }
      return this.adverseBuyOut;
    }
    if (this.adverseSellIn !== price || this.adverseSellInst !== st) {
      this.adverseSellOut = againstTaker(st, mulDecimals(price, this.sellFactor), false);
      this.adverseSellIn = price;
      this.adverseSellInst = st;
    }
    return this.adverseSellOut;
  }

  private positionState(rec: OrderRecord): PositionState | undefined {
    return rec.request.outcome === undefined ? rec.st.pos : rec.book.positions.get(rec.posKey);
  }

  private positionQty(rec: OrderRecord): Decimal {
    return this.positionState(rec)?.quantity ?? ZERO;
  }

  /** Buying power excluding nothing: `m × equity − gross − reserved` (= cash − reserved when long-only, m = 1). */
  private buyingPower(s: BookState, margin: boolean): Decimal {
    let anyShort = s.shorts > 0;
    if (!this.shortcuts) {
      anyShort = false;
      for (const p of s.positions.values()) if (p.quantity.isNegative()) anyShort = true;
    }
    if (!margin && !anyShort) return minus(s.cash, s.reservedCash);
    let equity = s.cash;
    let gross = ZERO;
    for (const p of s.positions.values()) {
      if (p.quantity.isZero()) continue;
      const v = notionalOf(p.st.instrument, p.quantity, this.markOf(p));
      equity = equity.plus(v);
      gross = gross.plus(v.abs());
    }
    const m = margin ? this.marginMultiplier : ONE;
    return m.times(equity).minus(gross).minus(s.reservedCash);
  }

  private equity(): Decimal {
    let equity = this.s.cash;
    for (const p of this.s.positions.values()) {
      if (p.quantity.isZero()) continue;
      equity = equity.plus(notionalOf(p.st.instrument, p.quantity, this.markOf(p)));
    }
    return equity;
  }

  /** Mark of a position in the outcome's own price (NO = 100 − YES). */
  private markOf(p: PositionState): Decimal {
    const last = p.st.lastPrice;
    if (Number.isNaN(last)) return p.averagePrice ?? ZERO;
    const yes = decimalFromNumber(last);
    return p.outcome === "no" ? HUNDRED.minus(yes) : yes;
  }

  private setReservation(rec: OrderRecord, amount: Decimal): void {
    const s = rec.book;
    s.reservedCash = plus(minus(s.reservedCash, rec.reserved), amount);
    rec.reserved = amount;
  }

  private addSellReserved(s: BookState, posKey: string, qty: Decimal): void {
    const next = plus(s.sellReserved.get(posKey) ?? ZERO, qty);
    s.sellReserved.set(posKey, next);
  }

  /** Releases `qty` of a sell order's reserved position, without building the negation. */
  private releaseSellReserved(rec: OrderRecord, qty: Decimal): void {
    const s = rec.book;
    const next = plusNegated(s.sellReserved.get(rec.posKey) ?? ZERO, qty);
    s.sellReserved.set(rec.posKey, next);
  }

  private takeFault(
    s: BookState,
    kind: PaperFaultKind,
    callIndex: number,
    request: OrderRequest,
  ): ArmedFault | undefined {
    const faults = s.faults;
    if (faults.length === 0) return undefined;
    for (const f of faults) {
      const spec = f.spec;
      if (spec.kind !== kind || f.remaining <= 0) continue;
      if (spec.callIndex !== undefined && spec.callIndex !== callIndex) continue;
      if (spec.when !== undefined && !spec.when(request)) continue;
      if (spec.probability < 1 && !(s.rand() < spec.probability)) continue;
      f.remaining--;
      return f;
    }
    return undefined;
  }

  private processBar(st: InstState): void {
    const list = st.working;
    const n = list.length;
    const book = this.s;
    st.processing = true;
    try {
      for (let i = 0; i < n; i++) {
        const rec = list[i] as OrderRecord;
        if (rec.terminal || st.openTime < rec.eligibleAt) continue;
        if (st.openTime >= rec.dayEndsAt) this.terminate(rec, "expired", "day_expired", st.openTime);
        else {
          const atArrival = !rec.arrived;
          rec.arrived = true;
          this.evaluate(rec, atArrival, undefined);
        }
        // A listener called reset(): the rest of this list belongs to the discarded book.
        if (this.s !== book) break;
      }
    } finally {
      st.processing = false;
    }
    this.compact(st);
  }

  /**
   * Drops terminal orders from the working list. A new array, never an in-place edit: a bar being
   * processed further up the stack (re-entrant listeners) may still iterate the old one. With no
   * order left it is the shared empty list, never written to (placeOrder replaces an empty list
   * instead of pushing onto it), so an order filled at once leaves no array behind.
   */
  private compact(st: InstState): void {
    const list = st.working;
    let live = 0;
    for (let i = 0; i < list.length; i++) if (!(list[i] as OrderRecord).terminal) live++;
    if (live === list.length) return;
    if (live === 0) {
      st.working = NO_WORKING;
      return;
    }
    const next: OrderRecord[] = [];
    for (let i = 0; i < list.length; i++) {
      const r = list[i] as OrderRecord;
      if (!r.terminal) next.push(r);
    }
    st.working = next;
  }

  /**
   * Tries to fill `rec` on its instrument's current bar. `immediateAt` is set for the synchronous
   * close fill inside `placeOrder` (the fill's timestamp).
   */
  private evaluate(rec: OrderRecord, atArrival: boolean, immediateAt: number | undefined): void {
    const st = rec.st;
    rec.arrived = true;
    const req = rec.request;
    const no = req.outcome === "no";
    const arrivalAtClose = atArrival && this.closeMode;
    const once = req.timeInForce === "ioc" || req.timeInForce === "fok";
    let priced: Priced | undefined;
    if (req.type === "market") {
      // matchOrderOnBar's market rule, without its argument and result objects: the open, or the
      // close in close mode, never capped (the match-order tests pin the rule itself).
      const yes = this.decimalOf(st, this.closeMode ? st.close : st.open);
      priced = this.taker(rec, no ? HUNDRED.minus(yes) : yes, undefined, !this.closeMode);
    } else {
      const spec = this.matchSpec;
      spec.type = req.type;
      spec.buy = rec.buy;
      spec.triggered = rec.triggered;
      spec.limit = rec.limitNum;
      spec.stop = rec.stopNum;
      spec.arrivalAtClose = arrivalAtClose;
      spec.once = once;
      spec.closeMode = this.closeMode;
      const bar = this.matchBar;
      bar.open = no ? 100 - st.open : st.open;
      bar.high = no ? 100 - st.low : st.high;
      bar.low = no ? 100 - st.high : st.low;
      bar.close = no ? 100 - st.close : st.close;
      const { match, triggered } = matchOrderOnBar(spec, bar);
      rec.triggered = triggered;
      if (match === undefined) priced = undefined;
      else if (match.source === "bar") {
        // Exact decimal of the original bar field: for NO, 100 − YES in Decimal (a float
        // 100 − 87.66 would be 12.340000000000003).
        const yes = this.decimalOf(st, match.field === "open" ? st.open : st.close);
        const limit = match.capAtLimit ? req.limitPrice : undefined;
        priced = this.taker(rec, no ? HUNDRED.minus(yes) : yes, limit, match.atOpen);
      } else if (match.source === "stop")
        priced = this.taker(
          rec,
          req.stopPrice as Decimal,
          match.capAtLimit ? req.limitPrice : undefined,
          false,
        );
      else priced = { price: req.limitPrice as Decimal, liquidity: "maker", atOpen: false };
    }

    if (priced !== undefined) {
      let qty = rec.remaining;
      if (this.participation !== undefined) {
        const cap = roundQuantityDown(st.instrument, new Decimal(st.volume).times(this.participation)).minus(
          st.consumed,
        );
        if (lessThan(cap, qty)) qty = Decimal.max(cap, ZERO);
      }
      if (req.timeInForce === "fok" && lessThan(qty, rec.remaining)) {
        this.terminate(rec, "rejected", "fok_not_fillable", this.eventTime(rec, priced, immediateAt));
        return;
      }
      let capReason: string | undefined;
      if (isPositive(qty)) {
        const capped = this.accountCap(rec, qty, priced.price);
        if (lessThan(capped, qty)) capReason = this.capReason;
        qty = capped;
        if (req.timeInForce === "fok" && lessThan(qty, rec.remaining)) {
          this.terminate(rec, "rejected", "fok_not_fillable", this.eventTime(rec, priced, immediateAt));
          return;
        }
      }
      const at = this.eventTime(rec, priced, immediateAt);
      if (isPositive(qty)) this.applyFill(rec, qty, priced, at);
      if (capReason !== undefined && !rec.terminal) {
        this.terminate(rec, "cancelled", capReason, at);
        return;
      }
      if (once && !rec.terminal) this.terminate(rec, "cancelled", "ioc_remainder_cancelled", at);
      return;
    }
    if (once) {
      const at = immediateAt ?? (arrivalAtClose ? st.closeTime : st.openTime);
      if (req.timeInForce === "fok") this.terminate(rec, "rejected", "fok_not_fillable", at);
      else this.terminate(rec, "cancelled", "ioc_remainder_cancelled", at);
    }
  }

  /** A taker price from a bar price or an exact trigger price (both Decimals), capped at `limit`. */
  private taker(
    rec: OrderRecord,
    base: Decimal,
    limit: Decimal | undefined,
    atOpen: boolean,
  ): Priced | undefined {
    let price = this.adverse(rec.st, base, rec.buy);
    if (limit !== undefined) price = rec.buy ? Decimal.min(price, limit) : Decimal.max(price, limit);
    if (rec.st.binary) {
      price = Decimal.min(Decimal.max(price, ONE), 99);
      if (limit !== undefined && (rec.buy ? price.greaterThan(limit) : price.lessThan(limit)))
        return undefined;
    }
    if (isNotPositive(price)) return undefined;
    return { price, liquidity: "taker", atOpen };
  }

  private eventTime(rec: OrderRecord, priced: Priced, immediateAt: number | undefined): number {
    if (immediateAt !== undefined) return immediateAt;
    return Math.max(rec.createdAt, priced.atOpen ? rec.st.openTime : rec.st.closeTime);
  }

  /**
   * Caps a fill by reduce-only, shorting and buying-power rules: the quantity that may fill, and in
   * `capReason` the reason of the last cap applied (read it only when the quantity was reduced).
   */
  private accountCap(rec: OrderRecord, qty: Decimal, price: Decimal): Decimal {
    const st = rec.st;
    const r = this.reducible(rec);
    this.capReason = undefined;
    if (rec.request.reduceOnly && greaterThan(qty, r)) {
      qty = r;
      this.capReason = "reduce_only_would_increase";
    }
    if (!rec.buy && !st.shortable && greaterThan(qty, r)) {
      qty = r;
      this.capReason = "insufficient_position";
    }
    const open = minus(qty, r);
    if (isNotPositive(open)) return qty;
    const np = this.unitNotional(st, price);
    const fixed = this.fixedFee(rec);
    // For an immediate fill this is the cost computed at placement (same inputs, memoized).
    const cost = this.costOf(open, qty, np, fixed).cost;
    const s = rec.book;
    if (
      rec.affordAt === s.cash &&
      cost === rec.reserved &&
      s.reservedCash === cost &&
      s.shorts === 0 &&
      !st.instrument.marginable
    ) {
      // Already proven: placement saw cost ≤ cash (nothing else reserved), and since then cash is
      // the same, and the only reservation is this order's, of exactly this cost. So
      // avail = ((cash − cost) + cost), each step correctly rounded; rounding is monotonic and
      // cash − cost ≥ 0, hence avail ≥ cost. Saves two operations and a comparison per fill.
      return qty;
    }
    const avail = plus(this.buyingPower(s, st.instrument.marginable), rec.reserved);
    if (lessThanOrEqual(cost, avail)) return qty;
    const room = avail.minus(fixed).minus(this.feeOf(r.times(np)));
    let extra = room.lessThanOrEqualTo(0)
      ? ZERO
      : roundQuantityDown(st.instrument, room.dividedBy(np.times(ONE.plus(this.feeRate))));
    // The estimate ignores the fee's rounding (up, to feeDecimalPlaces): give back whole lots until
    // the capped fill really fits, so cash never goes below zero by a rounding unit.
    const lot = st.instrument.lotSize;
    while (
      extra.greaterThan(0) &&
      extra
        .times(np)
        .plus(this.feeOf(r.plus(extra).times(np)))
        .plus(fixed)
        .greaterThan(avail)
    )
      extra = extra.minus(lot);
    this.capReason = "insufficient_buying_power";
    return Decimal.min(qty, r.plus(extra));
  }

  private applyFill(rec: OrderRecord, qty: Decimal, priced: Priced, at: number): void {
    const s = rec.book;
    const st = rec.st;
    const price = priced.price;
    // qty × price and its fee were usually just computed for the buying-power check (same objects).
    const m = this.shortcuts ? this.costMemo : undefined;
    const qp = m !== undefined && m.qty === qty && m.np === price ? m.qn : mulDecimals(qty, price);
    const notional = st.binary ? notionalOf(st.instrument, qty, price) : qp;
    const baseFee = this.feeRate.isZero() ? ZERO : notional === m?.qn ? m.fee : this.feeOf(notional);
    const fixed = this.fixedFee(rec);
    const fee = fixed.isZero() ? baseFee : baseFee.plus(fixed);
    let cash: Decimal | undefined;
    if (
      rec.buy &&
      m !== undefined &&
      notional === m.qn &&
      m.opening === m.qty &&
      baseFee === m.fee &&
      m.fixed === fixed &&
      sumsAreExact(s.cash, notional, baseFee, fixed)
    ) {
      // A buy's cost was just computed as notional + fee + fixed fee (the memo's terms, opening the
      // whole quantity): with every sum exact, cash − cost is the same number as (cash − notional) −
      // fee, in one operation instead of two. An exact zero is left to the plain formula (its sign).
      cash = minus(s.cash, m.cost);
      if (cash.isZero()) cash = undefined;
    }
    s.cash = cash ?? (rec.buy ? minus(minus(s.cash, notional), fee) : minus(plus(s.cash, notional), fee));
    this.applyPosition(rec, qty, price);
    if (this.participation !== undefined) st.consumed = plus(st.consumed, qty);
    rec.fillCount++;
    rec.affordAt = undefined; // cash changed: the placement proof no longer applies (and frees the old balance)
    if (rec.fillCount === 1 && this.shortcuts && productIsExact(qty, price)) rec.exactFirstPrice = price;
    rec.filled = plus(rec.filled, qty);
    rec.remaining = minus(rec.remaining, qty);
    rec.priceQty = plus(rec.priceQty, qp);
    if (!rec.buy && !st.shortable) this.releaseSellReserved(rec, qty);
    const done = rec.remaining.isZero();
    if (done) {
      rec.terminal = true;
      this.setReservation(rec, ZERO);
    } else this.setReservation(rec, this.estimateCost(rec));

    const req = rec.request;
    const fill: Fill = {
      tradeId: tradeIdOf(rec.orderId, rec.fillCount),
      orderId: rec.orderId,
      clientOrderId: req.clientOrderId,
      strategyId: req.strategyId,
      instrumentId: req.instrumentId,
      side: req.side,
      quantity: qty,
      price,
      fee,
      feeCurrency: this.config.currency,
      timestamp: at,
      liquidity: priced.liquidity,
    };
    if (req.outcome !== undefined) fill.outcome = req.outcome;
    Object.freeze(fill);
    this.keepFill(s.fills, fill);
    this.snapshot(rec, done ? "filled" : "partially_filled", at);
    if (done && !st.processing) this.compact(st);

    const drop = this.takeFault(s, "dropFillReport", rec.callIndex, req) !== undefined;
    if (!drop) {
      this.emitter.emit("fill", fill);
      if (this.takeFault(s, "duplicateFill", rec.callIndex, req) !== undefined)
        this.emitter.emit("fill", fill);
    }
    this.emitter.emit("orderUpdate", rec.order);
  }

  /** Appends a fill to the history, keeping at most `fillHistory` of them (amortized O(1)). */
  private keepFill(fills: Fill[], fill: Fill): void {
    const keep = this.fillHistory;
    if (keep < 0) {
      fills.push(fill);
      return;
    }
    if (keep === 0) return;
    // Let the array grow to twice the history, then move the latest `keep` to the front at once.
    if (fills.length >= 2 * keep) {
      fills.copyWithin(0, fills.length - keep);
      fills.length = keep;
    }
    fills.push(fill);
  }

  /** Moves the position by `qty` (> 0) in the order's direction. */
  private applyPosition(rec: OrderRecord, qty: Decimal, price: Decimal): void {
    const s = rec.book;
    let p = this.positionState(rec);
    if (p === undefined) {
      p = {
        instrumentId: rec.request.instrumentId,
        outcome: rec.request.outcome,
        st: rec.st,
        quantity: ZERO,
        quantityNum: 0,
        quantityNumOf: undefined,
        averagePrice: undefined,
      };
      s.positions.set(rec.posKey, p);
      if (rec.request.outcome === undefined) rec.st.pos = p;
    }
    const q0 = p.quantity;
    // q0 + signed quantity (a sell adds −qty: computed as q0 − qty, the same decimal.js result).
    const q1 = rec.buy ? plus(q0, qty) : plusNegated(q0, qty);
    const signedNegative = !rec.buy;
    if (q1.isZero()) p.averagePrice = undefined;
    else if (q0.isZero() || q0.isNegative() !== q1.isNegative()) p.averagePrice = price;
    else if (q0.isNegative() === signedNegative) {
      // Adding to the position: volume-weighted average of the open quantity.
      p.averagePrice = q0
        .abs()
        .times(p.averagePrice ?? price)
        .plus((rec.buy ? qty : qty.neg()).abs().times(price))
        .dividedBy(q1.abs());
    }
    if (q0.isNegative()) s.shorts--;
    if (q1.isNegative()) s.shorts++;
    p.quantity = q1;
  }

  private terminate(rec: OrderRecord, status: OrderStatus, reason: string, at: number): void {
    rec.terminal = true;
    rec.affordAt = undefined;
    this.setReservation(rec, ZERO);
    if (!rec.buy && !rec.st.shortable) this.releaseSellReserved(rec, rec.remaining);
    this.snapshot(rec, status, Math.max(at, rec.createdAt), reason);
    if (!rec.st.processing) this.compact(rec.st);
    this.emitter.emit("orderUpdate", rec.order);
  }

  /** `new Decimal(x)` for a bar price, reusing the instrument's last conversion of the same number. */
  private decimalOf(st: InstState, x: number): Decimal {
    if (!this.shortcuts) return new Decimal(x);
    // Object.is, not ===: 0 and −0 convert to different Decimals.
    if (st.dec === undefined || !Object.is(st.decNum, x)) {
      st.dec = decimalFromNumber(x);
      st.decNum = x;
    }
    return st.dec;
  }

  /**
   * `notionalOf(instrument, ONE, price)`: the notional of one unit. For non-binary instruments that
   * is `ONE.times(price)`, i.e. the price itself when it is a core Decimal that needs no rounding.
   */
  private unitNotional(st: InstState, price: Decimal): Decimal {
    if (this.shortcuts && !st.binary && price.constructor === Decimal && fitsPrecision(price)) return price;
    return notionalOf(st.instrument, ONE, price);
  }

  private snapshot(rec: OrderRecord, status: OrderStatus, updatedAt: number, statusReason?: string): void {
    const r = rec.request;
    if (
      r.signalId !== undefined &&
      r.outcome === undefined &&
      r.limitPrice === undefined &&
      r.stopPrice === undefined &&
      statusReason === undefined
    ) {
      // The runner's usual order (a signal id, no prices, no outcome) in one literal of its final
      // shape, same keys in the same order as below: adding the optional keys one by one gave every
      // snapshot an out-of-object property store (a second allocation, and retained bytes).
      rec.order = Object.freeze(
        rec.fillCount > 0
          ? {
              clientOrderId: r.clientOrderId,
              strategyId: r.strategyId,
              instrumentId: r.instrumentId,
              side: r.side,
              type: r.type,
              timeInForce: r.timeInForce,
              quantity: r.quantity,
              reduceOnly: r.reduceOnly,
              metadata: r.metadata,
              orderId: rec.orderId,
              status,
              filledQuantity: rec.filled,
              createdAt: rec.createdAt,
              updatedAt,
              signalId: r.signalId,
              averageFillPrice: this.averagePrice(rec),
            }
          : {
              clientOrderId: r.clientOrderId,
              strategyId: r.strategyId,
              instrumentId: r.instrumentId,
              side: r.side,
              type: r.type,
              timeInForce: r.timeInForce,
              quantity: r.quantity,
              reduceOnly: r.reduceOnly,
              metadata: r.metadata,
              orderId: rec.orderId,
              status,
              filledQuantity: rec.filled,
              createdAt: rec.createdAt,
              updatedAt,
              signalId: r.signalId,
            },
      );
      if (rec.terminal) this.retire(rec);
      return;
    }
    // Explicit fields (not a spread of the request): a spread of zod's output object was the
    // hottest line of the fill path in profiles.
    const order: Order = {
      clientOrderId: r.clientOrderId,
      strategyId: r.strategyId,
      instrumentId: r.instrumentId,
      side: r.side,
      type: r.type,
      timeInForce: r.timeInForce,
      quantity: r.quantity,
      reduceOnly: r.reduceOnly,
      metadata: r.metadata,
      orderId: rec.orderId,
      status,
      filledQuantity: rec.filled,
      createdAt: rec.createdAt,
      updatedAt,
    };
    if (r.outcome !== undefined) order.outcome = r.outcome;
    if (r.limitPrice !== undefined) order.limitPrice = r.limitPrice;
    if (r.stopPrice !== undefined) order.stopPrice = r.stopPrice;
    if (r.signalId !== undefined) order.signalId = r.signalId;
    if (rec.fillCount > 0) order.averageFillPrice = this.averagePrice(rec);
    if (statusReason !== undefined) order.statusReason = statusReason;
    rec.order = Object.freeze(order);
    if (rec.terminal) this.retire(rec);
  }

  /** Average fill price of an order with fills. */
  private averagePrice(rec: OrderRecord): Decimal {
    return rec.fillCount === 1 && rec.exactFirstPrice !== undefined
      ? rec.exactFirstPrice
      : rec.priceQty.dividedBy(rec.filled);
  }
}

function newInstState(
  instrument: Instrument,
  binary: boolean,
  shortable: boolean,
  timeframe: string | undefined,
): InstState {
  return {
    instrument,
    binary,
    shortable,
    timeframe,
    lastOpenTime: Number.NEGATIVE_INFINITY,
    hasBar: false,
    openTime: 0,
    closeTime: 0,
    open: Number.NaN,
    high: Number.NaN,
    low: Number.NaN,
    close: Number.NaN,
    volume: 0,
    consumed: ZERO,
    lastPrice: Number.NaN,
    lastPriceTime: Number.NEGATIVE_INFINITY,
    working: NO_WORKING,
    processing: false,
    decNum: Number.NaN,
    // Not `new Decimal(NaN)`: one NaN Decimal in a process makes V8 store every Decimal's sign and
    // exponent as boxed doubles (two more heap objects per Decimal, for the life of the process).
    dec: undefined,
    pos: undefined,
    lotPlaces: lotPlacesOf(instrument.lotSize),
  };
}

/**
 * Creates a {@link PaperBroker} from a config (validated strictly).
 * @throws ValidationError naming each bad field.
 */
export function createPaperBroker(config: PaperBrokerConfigInput): PaperBroker {
  return new PaperBroker(config);
}
