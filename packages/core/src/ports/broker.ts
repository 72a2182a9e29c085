// Broker port: the one interface every venue adapter (paper, ccxt, Alpaca, Kalshi, IBKR) implements.
import type { AccountSnapshot, Position } from "../model/account.js";
import type { Fill, Order, OrderRequest } from "../model/order.js";

/** A value or a promise of it: synchronous adapters (the paper broker) never force an await. */
export type MaybePromise<T> = T | Promise<T>;

/** What a venue supports. Everything is `false` unless the adapter states otherwise. */
export interface BrokerCapabilities {
  readonly supportsShort: boolean;
  readonly supportsMargin: boolean;
  readonly supportsPartialFills: boolean;
  readonly supportsStopOrders: boolean;
  readonly supportsBinaryContracts: boolean;
  /** `getOrder({ clientOrderId })` finds orders by client id (needed to resolve unknown outcomes). */
  readonly supportsClientOrderIdLookup: boolean;
  /** The venue refuses a duplicate client order id (among open orders at least). */
  readonly enforcesUniqueClientOrderId: boolean;
  /** Orders reach a real venue with real money. */
  readonly live: boolean;
}

/** All capabilities off: spread this and switch on what an adapter really supports. */
export const NO_CAPABILITIES: BrokerCapabilities = Object.freeze({
  supportsShort: false,
  supportsMargin: false,
  supportsPartialFills: false,
  supportsStopOrders: false,
  supportsBinaryContracts: false,
  supportsClientOrderIdLookup: false,
  enforcesUniqueClientOrderId: false,
  live: false,
});

/** Events a broker emits. Listeners must not throw; adapters must not await them. */
export interface BrokerEventMap {
  /** A new execution. May be delivered more than once: consumers de-duplicate by `tradeId`. */
  fill: (fill: Fill) => void;
  /** Any change of an order's status or fill progress. */
  orderUpdate: (order: Order) => void;
  /** The venue connection dropped or came back (stop new orders while down). */
  connection: (state: { connected: boolean; reason?: string }) => void;
}

/** How to find an order: by the venue's id or by our client order id. */
export type OrderLookup = { orderId: string } | { clientOrderId: string };

/**
 * A venue. Contract:
 * - `placeOrder` is idempotent per `clientOrderId`: submitting a client id that already exists
 *   returns (or resolves to) the existing order instead of creating a second one, or throws a
 *   non-retryable BrokerError naming the duplicate. A timeout after the request left throws
 *   `BrokerError` with `unknownOutcome: true`: callers must `getOrder({ clientOrderId })` before
 *   anything is resent.
 * - Throws `BrokerError` for venue failures, with `retryable` only when a retry is safe
 *   (rate limit, connection refused before sending). Insufficient funds is a definite reject:
 *   the returned order has status `rejected` (or a non-retryable BrokerError is thrown).
 * - Order updates and fills are emitted in venue order per order; the same fill may arrive twice.
 * - Positions and account are the venue's truth; a missing report is not a flat position.
 * - Lifecycle methods (`connect`, `disconnect`) are idempotent.
 * - Adapters that reach a real venue refuse orders unless live trading was enabled explicitly.
 */
export interface Broker {
  readonly id: string;
  readonly capabilities: BrokerCapabilities;
  connect?(): MaybePromise<void>;
  disconnect?(): MaybePromise<void>;
  placeOrder(request: OrderRequest): MaybePromise<Order>;
  /** Cancels a working order; resolves to the order's state after the cancel request. */
  cancelOrder(lookup: OrderLookup): MaybePromise<Order>;
  /** The order, or null when the venue does not know it. */
  getOrder(lookup: OrderLookup): MaybePromise<Order | null>;
  /** Orders not yet terminal, optionally for one instrument. */
  getOpenOrders(instrumentId?: string): MaybePromise<Order[]>;
  getPositions(): MaybePromise<Position[]>;
  getAccount(): MaybePromise<AccountSnapshot>;
  on<E extends keyof BrokerEventMap>(event: E, listener: BrokerEventMap[E]): unknown;
  off<E extends keyof BrokerEventMap>(event: E, listener: BrokerEventMap[E]): unknown;
}
