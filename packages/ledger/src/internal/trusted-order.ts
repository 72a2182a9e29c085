// Hand-written fast check of an already-parsed Order for the ledger's "trusted" validation mode.
import { type Decimal, isDecimal, type Order } from "@quiver/core";

const MAX_ABS = 1e18;
const MAX_PLACES = 18;
const MAX_EPOCH_MS = 8_640_000_000_000_000;
/** Same rule as core's IdSchema: 1–128 characters, no control characters. */
const CONTROL = /[\u0000-\u001f\u007f]/;
const KNOWN_KEYS: ReadonlySet<string> = new Set([
  "clientOrderId",
  "strategyId",
  "instrumentId",
  "side",
  "outcome",
  "type",
  "timeInForce",
  "quantity",
  "limitPrice",
  "stopPrice",
  "reduceOnly",
  "signalId",
  "metadata",
  "orderId",
  "status",
  "filledQuantity",
  "averageFillPrice",
  "createdAt",
  "updatedAt",
  "statusReason",
]);
const TYPES: ReadonlySet<unknown> = new Set(["market", "limit", "stop", "stop_limit"]);
const TIFS: ReadonlySet<unknown> = new Set(["gtc", "day", "ioc", "fok"]);
const STATUSES: ReadonlySet<unknown> = new Set([
  "pending_new",
  "new",
  "partially_filled",
  "filled",
  "cancelled",
  "rejected",
  "expired",
  "unknown",
]);

function isId(v: unknown): boolean {
  return typeof v === "string" && v.length >= 1 && v.length <= 128 && !CONTROL.test(v);
}

/** A finite Decimal within ±1e18 with at most 18 places, > 0 (`positive`) or ≥ 0 and not −0. */
function isDec(v: unknown, positive: boolean): v is Decimal {
  if (!isDecimal(v) || !v.isFinite()) return false;
  if (positive ? !v.greaterThan(0) : v.isNegative()) return false;
  return !v.greaterThan(MAX_ABS) && v.decimalPlaces() <= MAX_PLACES;
}

function isEpochMs(v: unknown): boolean {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_EPOCH_MS;
}

/** zod's plain-object test for records (metadata). */
function isPlainObject(o: unknown): boolean {
  if (typeof o !== "object" || o === null || Array.isArray(o)) return false;
  const ctor = (o as { constructor?: unknown }).constructor;
  if (ctor === undefined || typeof ctor !== "function") return true;
  const prot = (ctor as { prototype?: unknown }).prototype;
  if (typeof prot !== "object" || prot === null || Array.isArray(prot)) return false;
  return Object.hasOwn(prot, "isPrototypeOf");
}

/** An optional key is absent, or present with a value (an explicit `undefined` goes the full path). */
function optional(o: Record<string, unknown>, k: string, ok: (v: unknown) => boolean): boolean {
  if (!(k in o)) return true;
  return o[k] !== undefined && ok(o[k]);
}

const positive = (v: unknown): boolean => isDec(v, true);

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
  for (const k in o) if (!Object.hasOwn(o, k) || !KNOWN_KEYS.has(k)) return false;
  if (!isId(o.orderId) || !isId(o.clientOrderId) || !isId(o.strategyId) || !isId(o.instrumentId))
    return false;
  if (o.side !== "buy" && o.side !== "sell") return false;
  if (!TYPES.has(o.type) || !TIFS.has(o.timeInForce) || !STATUSES.has(o.status)) return false;
  if (typeof o.reduceOnly !== "boolean" || !isPlainObject(o.metadata)) return false;
  if (!isEpochMs(o.createdAt) || !isEpochMs(o.updatedAt)) return false;
  if (!isDec(o.quantity, true) || !isDec(o.filledQuantity, false)) return false;
  if (o.filledQuantity.greaterThan(o.quantity)) return false;
  if (!optional(o, "outcome", (v) => v === "yes" || v === "no")) return false;
  if (!optional(o, "limitPrice", positive) || !optional(o, "stopPrice", positive)) return false;
  if (!optional(o, "averageFillPrice", positive) || !optional(o, "signalId", isId)) return false;
  if (!optional(o, "statusReason", (v) => typeof v === "string" && v.length <= 500)) return false;
  if ((o.type === "limit" || o.type === "stop_limit") && o.limitPrice === undefined) return false;
  if ((o.type === "stop" || o.type === "stop_limit") && o.stopPrice === undefined) return false;
  return true;
}

/**
 * A copy of a trusted order with its keys in `OrderSchema` order (the event log and snapshots
 * serialize it, so key order must match the full path's output).
 */
export function copyTrustedOrder(o: Order): Order {
  return {
    clientOrderId: o.clientOrderId,
    strategyId: o.strategyId,
    instrumentId: o.instrumentId,
    side: o.side,
    ...(o.outcome === undefined ? {} : { outcome: o.outcome }),
    type: o.type,
    timeInForce: o.timeInForce,
    quantity: o.quantity,
    ...(o.limitPrice === undefined ? {} : { limitPrice: o.limitPrice }),
    ...(o.stopPrice === undefined ? {} : { stopPrice: o.stopPrice }),
    reduceOnly: o.reduceOnly,
    ...(o.signalId === undefined ? {} : { signalId: o.signalId }),
    metadata: { ...o.metadata },
    orderId: o.orderId,
    status: o.status,
    filledQuantity: o.filledQuantity,
    ...(o.averageFillPrice === undefined ? {} : { averageFillPrice: o.averageFillPrice }),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    ...(o.statusReason === undefined ? {} : { statusReason: o.statusReason }),
  };
}
