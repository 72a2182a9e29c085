// Hand-written OrderRequest check for the trusted path: what OrderRequestSchema enforces, without zod.
import {
  ORDER_REQUEST_KEYS,
  ORDER_TYPES,
  type OrderRequest,
  TIMES_IN_FORCE,
  ValidationError,
  isBoundedDecimal,
  isPlainRecord,
  isValidId,
} from "@quiver/core";

function fail(path: string, message: string): never {
  throw new ValidationError("order request", [{ path, message }]);
}

function checkId(v: unknown, path: string): void {
  if (!isValidId(v)) fail(path, "must be a string of 1–128 characters without control characters");
}

/** A Decimal in (0, 1e18] with at most 18 decimal places (core's PositiveDecimalSchema, Decimal inputs). */
function checkPositive(v: unknown, path: string): void {
  if (!isBoundedDecimal(v, true))
    fail(
      path,
      "must be a Decimal > 0, at most 1e18, with at most 18 decimal places (trusted requests are parsed)",
    );
}

/**
 * Checks an already-parsed order request (Decimals, not strings) without zod: the same rules as
 * core's `OrderRequestSchema` (known keys only, ids, enums, positive bounded quantity and prices,
 * `limitPrice` for limit/stop_limit, `stopPrice` for stop/stop_limit, metadata a plain object).
 * Defaults (`timeInForce` "gtc", `reduceOnly` false, `metadata` {}) are filled in on a copy only
 * when missing; otherwise the caller's object is returned as is (it must not be mutated afterwards).
 *
 * @throws ValidationError naming the first offending field.
 */
export function checkTrustedOrderRequest(input: unknown): OrderRequest {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    fail("", "must be an order request object");
  const r = input as Record<string, unknown>;
  // for-in (own keys first, in Object.keys order) instead of Object.keys: no key array per order.
  for (const k in r)
    if (!ORDER_REQUEST_KEYS.has(k) && Object.hasOwn(r, k)) fail(k, `Unrecognized key: "${k}"`);
  checkId(r.clientOrderId, "clientOrderId");
  checkId(r.strategyId, "strategyId");
  checkId(r.instrumentId, "instrumentId");
  if (r.side !== "buy" && r.side !== "sell") fail("side", 'must be "buy" or "sell"');
  if (r.outcome !== undefined && r.outcome !== "yes" && r.outcome !== "no")
    fail("outcome", 'must be "yes" or "no"');
  if (!ORDER_TYPES.has(r.type)) fail("type", "must be market, limit, stop or stop_limit");
  if (r.timeInForce !== undefined && !TIMES_IN_FORCE.has(r.timeInForce))
    fail("timeInForce", "must be gtc, day, ioc or fok");
  checkPositive(r.quantity, "quantity");
  if (r.limitPrice !== undefined) checkPositive(r.limitPrice, "limitPrice");
  if (r.stopPrice !== undefined) checkPositive(r.stopPrice, "stopPrice");
  if (r.reduceOnly !== undefined && typeof r.reduceOnly !== "boolean")
    fail("reduceOnly", "must be a boolean");
  if (r.signalId !== undefined) checkId(r.signalId, "signalId");
  if (r.metadata !== undefined && !isPlainRecord(r.metadata)) fail("metadata", "must be a plain object");
  if ((r.type === "limit" || r.type === "stop_limit") && r.limitPrice === undefined)
    fail("limitPrice", `is required for ${r.type} orders`);
  if ((r.type === "stop" || r.type === "stop_limit") && r.stopPrice === undefined)
    fail("stopPrice", `is required for ${r.type} orders`);
  if (r.timeInForce === undefined || r.reduceOnly === undefined || r.metadata === undefined)
    return {
      ...(r as unknown as OrderRequest),
      timeInForce: (r.timeInForce as OrderRequest["timeInForce"] | undefined) ?? "gtc",
      reduceOnly: (r.reduceOnly as boolean | undefined) ?? false,
      metadata: (r.metadata as Record<string, unknown> | undefined) ?? {},
    };
  return r as unknown as OrderRequest;
}
