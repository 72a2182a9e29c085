// Hand-written OrderRequest check for the trusted path: what OrderRequestSchema enforces, without zod.
import { type Decimal, isDecimal, type OrderRequest, ValidationError } from "@quiver/core";

const MAX_ABS = 1e18;
const MAX_PLACES = 18;
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
]);
const TIFS: ReadonlySet<unknown> = new Set(["gtc", "day", "ioc", "fok"]);
const TYPES: ReadonlySet<unknown> = new Set(["market", "limit", "stop", "stop_limit"]);

function fail(path: string, message: string): never {
  throw new ValidationError("order request", [{ path, message }]);
}

function checkId(v: unknown, path: string): void {
  if (typeof v !== "string") fail(path, "must be a string");
  if (v.length < 1 || v.length > 128) fail(path, "must be 1–128 characters");
  if (CONTROL.test(v)) fail(path, "must not contain control characters");
}

/** A Decimal in (0, 1e18] with at most 18 decimal places (core's PositiveDecimalSchema, Decimal inputs). */
function checkPositive(v: unknown, path: string): asserts v is Decimal {
  if (!isDecimal(v)) fail(path, "must be a Decimal (trusted requests are already parsed)");
  if (!v.isFinite()) fail(path, "must be finite");
  if (!v.greaterThan(0)) fail(path, "must be > 0");
  if (v.greaterThan(MAX_ABS)) fail(path, `must be at most ${MAX_ABS} in size`);
  if (v.decimalPlaces() > MAX_PLACES) fail(path, `has more than ${MAX_PLACES} decimal places`);
}

/** zod's plain-object test for records (metadata). */
function isPlainObject(o: unknown): o is Record<string, unknown> {
  if (typeof o !== "object" || o === null || Array.isArray(o)) return false;
  const ctor = (o as { constructor?: unknown }).constructor;
  if (ctor === undefined || typeof ctor !== "function") return true;
  const prot = (ctor as { prototype?: unknown }).prototype;
  if (typeof prot !== "object" || prot === null || Array.isArray(prot)) return false;
  return Object.hasOwn(prot, "isPrototypeOf");
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
  for (const k of Object.keys(r)) if (!KNOWN_KEYS.has(k)) fail(k, `Unrecognized key: "${k}"`);
  checkId(r.clientOrderId, "clientOrderId");
  checkId(r.strategyId, "strategyId");
  checkId(r.instrumentId, "instrumentId");
  if (r.side !== "buy" && r.side !== "sell") fail("side", 'must be "buy" or "sell"');
  if (r.outcome !== undefined && r.outcome !== "yes" && r.outcome !== "no")
    fail("outcome", 'must be "yes" or "no"');
  if (!TYPES.has(r.type)) fail("type", "must be market, limit, stop or stop_limit");
  if (r.timeInForce !== undefined && !TIFS.has(r.timeInForce))
    fail("timeInForce", "must be gtc, day, ioc or fok");
  checkPositive(r.quantity, "quantity");
  if (r.limitPrice !== undefined) checkPositive(r.limitPrice, "limitPrice");
  if (r.stopPrice !== undefined) checkPositive(r.stopPrice, "stopPrice");
  if (r.reduceOnly !== undefined && typeof r.reduceOnly !== "boolean")
    fail("reduceOnly", "must be a boolean");
  if (r.signalId !== undefined) checkId(r.signalId, "signalId");
  if (r.metadata !== undefined && !isPlainObject(r.metadata)) fail("metadata", "must be a plain object");
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
