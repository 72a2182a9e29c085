// Hand-written fast check of an already-parsed Order for the ledger's "trusted" validation mode.
import {
  ORDER_KEYS,
  ORDER_STATUSES,
  ORDER_TYPES,
  type Order,
  TIMES_IN_FORCE,
  isBoundedDecimal,
  isPlainRecord,
  isValidId,
} from "@quiver/core";
import { cmp } from "./exact.js";

const MAX_EPOCH_MS = 8_640_000_000_000_000;

function isEpochMs(v: unknown): boolean {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_EPOCH_MS;
}

const positive = (v: unknown): boolean => isBoundedDecimal(v, true);

/** Rank of every `OrderSchema` key in schema order (core derives ORDER_KEYS from the shape, in order). */
const KEY_RANK: ReadonlyMap<string, number> = new Map([...ORDER_KEYS].map((k, i) => [k, i]));

/** Keys every trusted order has (with a value); the others are optional. */
const REQUIRED_KEY_COUNT = 14;

/**
 * The keys (and their ranks) of the last order scanned, by position: orders built the same way
 * list the same key strings in the same order, so a key is usually known by one comparison
 * instead of a map lookup.
 */
const seenKeys: string[] = [];
const seenRanks: number[] = [];

/** True when `Object.prototype` has an enumerable string key that for…in would list (it has none normally). */
function prototypeHasEnumerableKeys(): boolean {
  for (const _ in Object.prototype) return true;
  return false;
}

/**
 * Own enumerable keys of `o` (for…in order): -1 when one is inherited or not an `OrderSchema`
 * key; otherwise their count, negated minus 2 when they do not come in schema order.
 */
function scanKeys(o: Record<string, unknown>): number {
  // for…in lists own keys, then inherited enumerable ones: with `Object.prototype` (or nothing)
  // as the prototype and no enumerable key on it, every key listed is own.
  const proto = Object.getPrototypeOf(o);
  const ownOnly = (proto === Object.prototype || proto === null) && !prototypeHasEnumerableKeys();
  let n = 0;
  let last = -1;
  let ordered = true;
  for (const k in o) {
    let rank: number | undefined;
    if (seenKeys[n] === k) rank = seenRanks[n]!;
    else {
      rank = KEY_RANK.get(k);
      if (rank === undefined) return -1;
      seenKeys[n] = k;
      seenRanks[n] = rank;
    }
    if (!ownOnly && !Object.hasOwn(o, k)) return -1;
    if (rank <= last) ordered = false;
    last = rank;
    n++;
  }
  return ordered ? n : -2 - n;
}

/**
 * The last strategy and instrument ids that passed `isValidId`: most orders repeat them, and an
 * equal string is just as valid (only strings that passed are stored), so the test is skipped.
 */
let validStrategyId: string | undefined;
let validInstrumentId: string | undefined;

/** The value rules of {@link isTrustedOrder} (keys already checked). */
function valuesTrusted(o: Record<string, unknown>): boolean {
  if (!isValidId(o.orderId) || !isValidId(o.clientOrderId)) return false;
  if (o.strategyId !== validStrategyId) {
    if (!isValidId(o.strategyId)) return false;
    validStrategyId = o.strategyId;
  }
  if (o.instrumentId !== validInstrumentId) {
    if (!isValidId(o.instrumentId)) return false;
    validInstrumentId = o.instrumentId;
  }
  if (o.side !== "buy" && o.side !== "sell") return false;
  if (!ORDER_TYPES.has(o.type) || !TIMES_IN_FORCE.has(o.timeInForce) || !ORDER_STATUSES.has(o.status))
    return false;
  if (typeof o.reduceOnly !== "boolean" || !isPlainRecord(o.metadata)) return false;
  if (!isEpochMs(o.createdAt) || !isEpochMs(o.updatedAt)) return false;
  if (!isBoundedDecimal(o.quantity, true)) return false;
  // A filled order often holds the very quantity object as its filled quantity: it passed above.
  if (o.filledQuantity !== o.quantity) {
    if (!isBoundedDecimal(o.filledQuantity, false) || cmp(o.filledQuantity, o.quantity) > 0) return false;
  }
  // Optional keys: absent, or a value that passes (an explicit `undefined` goes the full path).
  const { outcome, limitPrice, stopPrice, averageFillPrice, signalId, statusReason } = o;
  if (outcome === undefined ? "outcome" in o : outcome !== "yes" && outcome !== "no") return false;
  if (limitPrice === undefined ? "limitPrice" in o : !positive(limitPrice)) return false;
  if (stopPrice === undefined ? "stopPrice" in o : !positive(stopPrice)) return false;
  if (averageFillPrice === undefined ? "averageFillPrice" in o : !positive(averageFillPrice)) return false;
  if (signalId === undefined ? "signalId" in o : !isValidId(signalId)) return false;
  if (
    statusReason === undefined
      ? "statusReason" in o
      : typeof statusReason !== "string" || statusReason.length > 500
  )
    return false;
  if ((o.type === "limit" || o.type === "stop_limit") && limitPrice === undefined) return false;
  if ((o.type === "stop" || o.type === "stop_limit") && stopPrice === undefined) return false;
  return true;
}

/**
 * True when `input` is an already-parsed Order (Decimals, defaults present) that core's
 * `OrderSchema` accepts: known keys only, ids, enums, positive bounded quantity and prices,
 * 0 ≤ filledQuantity ≤ quantity, `limitPrice`/`stopPrice` where the type needs them, epoch-ms
 * instants, metadata a plain object, statusReason ≤ 500 characters. False means "not proven
 * valid here": the caller runs the full zod parse, which accepts or names the bad field.
 */
export function isTrustedOrder(input: unknown): input is Order {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return false;
  const o = input as Record<string, unknown>;
  return scanKeys(o) !== -1 && valuesTrusted(o);
}

/**
 * `isTrustedOrder(input) ? copyTrustedOrder(input) : undefined`, scanning the keys once. An order
 * whose own keys are exactly the keys the copy has, already in schema order (an order built from
 * the schema, as a broker returns it), is copied with one spread: a fixed-shape object, several
 * times cheaper to keep than one assembled key by key.
 */
export function copyIfTrusted(input: unknown): Order | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return undefined;
  const o = input as Record<string, unknown>;
  const keys = scanKeys(o);
  if (keys === -1 || !valuesTrusted(o)) return undefined;
  const order = o as unknown as Order;
  // The keys copyTrustedOrder writes: the required ones and the optional ones with a value. When
  // for…in saw exactly that many, it saw exactly those (a key it cannot see, non-enumerable, is
  // copied by copyTrustedOrder but not by a spread); symbol keys would be spread, so none allowed.
  const written =
    REQUIRED_KEY_COUNT +
    (order.outcome === undefined ? 0 : 1) +
    (order.limitPrice === undefined ? 0 : 1) +
    (order.stopPrice === undefined ? 0 : 1) +
    (order.signalId === undefined ? 0 : 1) +
    (order.averageFillPrice === undefined ? 0 : 1) +
    (order.statusReason === undefined ? 0 : 1);
  if (keys === written && Object.getOwnPropertySymbols(o).length === 0)
    return { ...order, metadata: { ...order.metadata } };
  return copyTrustedOrder(order);
}

/**
 * An order's fields with its keys in `OrderSchema` order, for the JSON of events and snapshots:
 * the same keys and values as the order (optional keys only when they have a value), so its JSON
 * is the full parse's JSON whatever the key order of the object the ledger keeps.
 */
export function canonicalOrder(o: Order): Order {
  return copyTrustedOrder(o);
}

/**
 * A copy of a trusted order with its keys in `OrderSchema` order (the event log and snapshots
 * serialize it, so key order must match the full path's output).
 */
export function copyTrustedOrder(o: Order): Order {
  // Optional keys are added in place, in schema order, instead of spread from temporary objects.
  const c = {
    clientOrderId: o.clientOrderId,
    strategyId: o.strategyId,
    instrumentId: o.instrumentId,
    side: o.side,
  } as Order;
  if (o.outcome !== undefined) c.outcome = o.outcome;
  c.type = o.type;
  c.timeInForce = o.timeInForce;
  c.quantity = o.quantity;
  if (o.limitPrice !== undefined) c.limitPrice = o.limitPrice;
  if (o.stopPrice !== undefined) c.stopPrice = o.stopPrice;
  c.reduceOnly = o.reduceOnly;
  if (o.signalId !== undefined) c.signalId = o.signalId;
  c.metadata = { ...o.metadata };
  c.orderId = o.orderId;
  c.status = o.status;
  c.filledQuantity = o.filledQuantity;
  if (o.averageFillPrice !== undefined) c.averageFillPrice = o.averageFillPrice;
  c.createdAt = o.createdAt;
  c.updatedAt = o.updatedAt;
  if (o.statusReason !== undefined) c.statusReason = o.statusReason;
  return c;
}
