// Exact shortcuts for decimal.js arithmetic on the ledger's hot paths: the very results of `plus`, `minus` and `comparedTo`, with less work.
import { Decimal, addDecimals, compareDecimals, subDecimals } from "@quiver/core";

/**
 * decimal.js' documented internal representation (its API docs, "INTERNALS"): digits `d` in base
 * 1e7 (null for ±Infinity and NaN), exponent `e`, sign `s`. decimal.js is pinned to one version.
 */
interface Internals {
  d: number[] | null;
  e: number;
  s: number;
}

/** Decimal digits per word of `d` (decimal.js' LOG_BASE). */
const LOG_BASE = 7;

function raw(x: Decimal): Internals {
  return x as unknown as Internals;
}

/**
 * True when `x` comes back unchanged from an operation of core's constructor that leaves its value
 * as is (`ZERO.plus(x)`, `x.minus(ZERO)` …): it is made by core's `Decimal` (so its precision and
 * rounding apply to later operations), finite, within the exponent limits, and has no more
 * significant digits than the precision (so `finalise` does not round it). Every result of an
 * operation of core's constructor qualifies; a caller's Decimal from another decimal.js clone, or
 * with more digits than the precision, does not, and then the real operation runs.
 */
export function isCanonical(x: Decimal): boolean {
  const r = raw(x);
  const d = r.d;
  if (x.constructor !== Decimal || d === null || r.e > Decimal.maxE || r.e < Decimal.minE) return false;
  return d.length * LOG_BASE <= Decimal.precision || x.precision() <= Decimal.precision;
}

/**
 * True when `a.times(b)` is exact and `a.times(b).dividedBy(a)` gives back `b` itself: both are
 * finite, nonzero and made by core's constructor, and their significant digits add up to no more
 * than the precision (a product never has more digits than its factors together, so nothing is
 * rounded; decimal.js divides correctly rounded, so an exact quotient of at most that many
 * digits comes back exactly — the same digits as `b`).
 */
export function isExactProduct(a: Decimal, b: Decimal): boolean {
  if (a.constructor !== Decimal || b.constructor !== Decimal) return false;
  if (!a.isFinite() || !b.isFinite() || a.isZero() || b.isZero()) return false;
  return a.precision() + b.precision() <= Decimal.precision && isCanonical(a) && isCanonical(b);
}

/** Exactly `a.plus(b)` (core's exact fast kernel: short operands and zeros without decimal.js's overhead). */
export function add(a: Decimal, b: Decimal): Decimal {
  return addDecimals(a, b);
}

/** Exactly `a.minus(b)` (core's exact fast kernel; `a − a` is a shared zero). */
export function sub(a: Decimal, b: Decimal): Decimal {
  return subDecimals(a, b);
}

/** Exactly `a.comparedTo(b)`, without the copy of `b` decimal.js makes first (core's kernel). */
export function cmp(a: Decimal, b: Decimal): number {
  return compareDecimals(a, b);
}

/** Exactly `a.equals(b)` (see {@link cmp}). */
export function eq(a: Decimal, b: Decimal): boolean {
  return cmp(a, b) === 0;
}

/**
 * Gives a Decimal the ledger has just computed, and is about to keep, a digit array of exactly its
 * length. decimal.js grows a product's digit array one push at a time, so a 2–3 word product
 * keeps room for 17 (152 bytes instead of 32–40); a value that stays in the book for good keeps
 * that slack. The digits are copied unchanged, so the value, its representation and every later
 * result are the same; only a fresh result that nobody else holds yet may be passed.
 */
export function trimDigits(x: Decimal): Decimal {
  const r = raw(x);
  if (r.d !== null) r.d = r.d.slice();
  return x;
}

/** Exactly `minDec(a, b)` of the helpers (`a.lessThan(b) ? a : b`), without the copy. */
export function min(a: Decimal, b: Decimal): Decimal {
  return cmp(a, b) < 0 ? a : b;
}
