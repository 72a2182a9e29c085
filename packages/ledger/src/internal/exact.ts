// Exact shortcuts for decimal.js arithmetic on the ledger's hot paths: the very results of `plus`, `minus` and `comparedTo`, with less work.
import { Decimal, ZERO } from "@quiver/core";

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

/** Same sign, exponent and digits (decimal.js normalizes, so equal finite values of one constructor match). */
function sameDigits(a: Internals, b: Internals): boolean {
  const ad = a.d;
  const bd = b.d;
  if (ad === null || bd === null || a.s !== b.s || a.e !== b.e || ad.length !== bd.length) return false;
  for (let i = 0; i < ad.length; i++) if (ad[i] !== bd[i]) return false;
  return true;
}

/**
 * Exactly `a.plus(b)`. When one side is zero and the other {@link isCanonical} (and, for a zero
 * `a`, core-constructed), decimal.js returns a copy of the other side rounded to a precision it
 * already fits: that side is returned itself (Decimals are immutable).
 */
export function add(a: Decimal, b: Decimal): Decimal {
  if (a.isZero()) {
    if (!b.isZero() && a.constructor === Decimal && isCanonical(b)) return b;
  } else if (b.isZero() && isCanonical(a)) return a;
  return a.plus(b);
}

/**
 * Exactly `a.minus(b)`. `a − 0` is `a` when `a` {@link isCanonical}; `a − a` (equal digits) is
 * decimal.js' fresh zero of `a`'s constructor, i.e. core's shared `ZERO` (+0 unless rounding is
 * ROUND_FLOOR, where decimal.js returns −0 and the real operation runs).
 */
export function sub(a: Decimal, b: Decimal): Decimal {
  if (b.isZero()) {
    if (!a.isZero() && isCanonical(a)) return a;
  } else if (
    a.constructor === Decimal &&
    Decimal.rounding !== Decimal.ROUND_FLOOR &&
    sameDigits(raw(a), raw(b))
  )
    return ZERO;
  return a.minus(b);
}

/**
 * Exactly `a.comparedTo(b)` for finite values of one constructor, without the copy of `b` that
 * decimal.js makes first; anything else goes to `comparedTo` itself.
 */
export function cmp(a: Decimal, b: Decimal): number {
  const x = raw(a);
  const y = raw(b);
  const xd = x.d;
  const yd = y.d;
  if (xd === null || yd === null || a.constructor !== b.constructor) return a.comparedTo(b);
  const xs = x.s;
  const ys = y.s;
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -ys : 0;
  if (xs !== ys) return xs;
  if (x.e !== y.e) return x.e > y.e !== xs < 0 ? 1 : -1;
  const xl = xd.length;
  const yl = yd.length;
  const n = Math.min(xl, yl);
  for (let i = 0; i < n; i++) {
    const xi = xd[i]!;
    const yi = yd[i]!;
    if (xi !== yi) return xi > yi !== xs < 0 ? 1 : -1;
  }
  return xl === yl ? 0 : xl > yl !== xs < 0 ? 1 : -1;
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
