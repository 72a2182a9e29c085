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

const MAX_EPOCH_MS = 8_640_000_000_000_000;

function isEpochMs(v: unknown): boolean {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_EPOCH_MS;
}

/** An optional key is absent, or present with a value (an explicit `undefined` goes the full path). */
function optional(o: Record<string, unknown>, k: string, ok: (v: unknown) => boolean): boolean {
  if (!(k in o)) return true;
  return o[k] !== undefined && ok(o[k]);
}

const positive = (v: unknown): boolean => isBoundedDecimal(v, true);

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
  for (const k in o) if (!Object.hasOwn(o, k) || !ORDER_KEYS.has(k)) return false;
  if (
    !isValidId(o.orderId) ||
    !isValidId(o.clientOrderId) ||
    !isValidId(o.strategyId) ||
    !isValidId(o.instrumentId)
  )
    return false;
  if (o.side !== "buy" && o.side !== "sell") return false;
  if (!ORDER_TYPES.has(o.type) || !TIMES_IN_FORCE.has(o.timeInForce) || !ORDER_STATUSES.has(o.status))
    return false;
  if (typeof o.reduceOnly !== "boolean" || !isPlainRecord(o.metadata)) return false;
  if (!isEpochMs(o.createdAt) || !isEpochMs(o.updatedAt)) return false;
  if (!isBoundedDecimal(o.quantity, true) || !isBoundedDecimal(o.filledQuantity, false)) return false;
  if (o.filledQuantity.greaterThan(o.quantity)) return false;
  if (!optional(o, "outcome", (v) => v === "yes" || v === "no")) return false;
  if (!optional(o, "limitPrice", positive) || !optional(o, "stopPrice", positive)) return false;
  if (!optional(o, "averageFillPrice", positive) || !optional(o, "signalId", isValidId)) return false;
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
