// Fast, zod-free predicates for already-parsed orders, derived from the order schemas so they cannot drift.
import { Decimal, isDecimal } from "../decimal.js";
import {
  OrderRequestSchema,
  OrderSchema,
  OrderStatusSchema,
  OrderTypeSchema,
  TimeInForceSchema,
} from "./order.js";

/** Keys `OrderRequestSchema` accepts. */
export const ORDER_REQUEST_KEYS: ReadonlySet<string> = new Set(Object.keys(OrderRequestSchema.shape));
/** Keys `OrderSchema` accepts. */
export const ORDER_KEYS: ReadonlySet<string> = new Set(Object.keys(OrderSchema.shape));
/** Valid `type` values. */
export const ORDER_TYPES: ReadonlySet<unknown> = new Set(OrderTypeSchema.options);
/** Valid `timeInForce` values. */
export const TIMES_IN_FORCE: ReadonlySet<unknown> = new Set(TimeInForceSchema.options);
/** Valid `status` values. */
export const ORDER_STATUSES: ReadonlySet<unknown> = new Set(OrderStatusSchema.options);

const CONTROL = /[\u0000-\u001f\u007f]/;
const MAX_ABS = new Decimal("1e18");
const MAX_PLACES = 18;

/** Core's `IdSchema` rule: a string of 1–128 characters without control characters. */
export function isValidId(value: unknown): value is string {
  return typeof value === "string" && value.length >= 1 && value.length <= 128 && !CONTROL.test(value);
}

/**
 * Core's decimal rule for an already-parsed Decimal: finite, |v| ≤ 1e18, at most 18 places, and
 * `> 0` when `positive` (else `≥ 0`, negative zero excluded).
 */
export function isBoundedDecimal(value: unknown, positive: boolean): value is Decimal {
  if (!isDecimal(value) || !value.isFinite()) return false;
  // Sign and zero tests on the value itself: comparing with a number literal would build a Decimal.
  if (value.isNegative() || (positive && value.isZero())) return false;
  // decimal.js's exponent `e` is the power of ten of the leading digit: below 18 means < 1e18.
  if (value.e >= 18 && value.greaterThan(MAX_ABS)) return false;
  return value.decimalPlaces() <= MAX_PLACES;
}

/** zod's plain-object test for records (e.g. `metadata`). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const ctor = (value as { constructor?: unknown }).constructor;
  if (ctor === undefined || typeof ctor !== "function") return true;
  const prot = (ctor as { prototype?: unknown }).prototype;
  if (typeof prot !== "object" || prot === null || Array.isArray(prot)) return false;
  return Object.hasOwn(prot, "isPrototypeOf");
}
