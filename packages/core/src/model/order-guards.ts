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

const MAX_ABS = new Decimal("1e18");
const MAX_PLACES = 18;

/**
 * Core's `IdSchema` rule: a string of 1–128 characters, none in U+0000–U+001F or U+007F. Like zod,
 * it counts code points (a surrogate pair is one character, a lone surrogate too), so an id of up
 * to 256 UTF-16 units can pass. A code-unit loop: on the short ids of every order and intent, a
 * regex test cost more than the rest of a trusted request check.
 */
export function isValidId(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const n = value.length;
  if (n < 1 || n > 256) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return n <= 128 || codePoints(value) <= 128;
}

/** Code points of `s`: UTF-16 units less one per high-low surrogate pair (zod's string length). */
function codePoints(s: string): number {
  let count = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
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
