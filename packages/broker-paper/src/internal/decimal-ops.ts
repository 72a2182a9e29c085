// Exact shortcuts for decimal.js: known results (x + 0, 0 + y, x − x), copy-free comparisons, a division-free lot test.
import { Decimal, ZERO } from "@quiver/core";

// Why: a decimal.js plus/minus costs ~250 ns even when one side is zero (it copies both operands
// and re-rounds the result), and the broker's book is full of such cases (a first fill added to a
// zero `filled`, a reservation released back to zero). Each shortcut returns a value that decimal.js
// itself would return — same digits, same sign (including −0), same constructor (so the precision
// of later operations is unchanged) — and falls back to decimal.js whenever that is not certain.

type Ctor = {
  readonly precision: number;
  readonly rounding: number;
  readonly minE: number;
  readonly maxE: number;
};

/**
 * True when decimal.js's final rounding (to the precision of `x`'s constructor) leaves `x`
 * unchanged: a finite value with at most `precision` significant digits.
 */
export function fitsPrecision(x: Decimal): boolean {
  return x.sd() <= (x.constructor as unknown as Ctor).precision;
}

/** +0 ± ±0 is +0 in decimal.js (−0 only when rounding towards −∞): true when that applies to `x`. */
function isCorePlusZero(x: Decimal): boolean {
  if (Decimal.rounding === Decimal.ROUND_FLOOR) return false;
  return x === ZERO || (x.isZero() && x.s > 0 && x.constructor === Decimal);
}

/** `x.plus(y)`, without arithmetic when one side is zero. */
export function plus(x: Decimal, y: Decimal): Decimal {
  if (y.isZero()) {
    // decimal.js: x + ±0 = x (rounded), for every sign combination when x ≠ 0.
    if (!x.isZero()) {
      if (fitsPrecision(x)) return x;
    } else if (isCorePlusZero(x)) return ZERO;
  } else if (x.isZero() && y.constructor === x.constructor && fitsPrecision(y)) {
    // ±0 + y = y (rounded, in x's constructor) when y ≠ 0.
    return y;
  }
  return x.plus(y);
}

/** `x.minus(y)`, without arithmetic when `y` is zero or equal to `x` (e.g. selling a whole position). */
export function minus(x: Decimal, y: Decimal): Decimal {
  if (y.isZero()) {
    if (!x.isZero()) {
      if (fitsPrecision(x)) return x;
    } else if (isCorePlusZero(x)) return ZERO;
  } else if (sameFiniteValue(x, y) && x.constructor === Decimal && Decimal.rounding !== Decimal.ROUND_FLOOR) {
    // decimal.js: x − x = +0 (−0 only when rounding towards −∞).
    return ZERO;
  }
  return x.minus(y);
}

/**
 * True when `x` and `y` have the same sign, exponent and digits (decimal.js's documented `s`, `e`,
 * `d`), hence the same finite value. A false answer only means "not known equal".
 */
function sameFiniteValue(x: Decimal, y: Decimal): boolean {
  const xd = x.d;
  const yd = y.d;
  if (!xd || !yd) return false; // NaN, ±Infinity: ∞ − ∞ is NaN
  if (x === y) return true;
  if (x.s !== y.s || x.e !== y.e || xd.length !== yd.length) return false;
  for (let i = 0; i < xd.length; i++) if (xd[i] !== yd[i]) return false;
  return true;
}

/**
 * `x.cmp(y)`: −1, 0, 1 (NaN when either is NaN). decimal.js first copies `y` (an allocation per
 * comparison); this reads both values as they are, with decimal.js's own algorithm. Operands the
 * copy would change (exponents beyond `x`'s constructor limits, non-finite values) go to decimal.js.
 */
export function compare(x: Decimal, y: Decimal): number {
  const xd = x.d;
  const yd = y.d;
  const c = x.constructor as unknown as Ctor;
  if (!xd || !yd || y.e > c.maxE || y.e < c.minE) return x.cmp(y);
  const xs = x.s;
  const ys = y.s;
  // Either zero?
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -ys : 0;
  if (xs !== ys) return xs;
  const flip = xs < 0;
  if (x.e !== y.e) return x.e > y.e !== flip ? 1 : -1;
  const xdL = xd.length;
  const ydL = yd.length;
  for (let i = 0, j = Math.min(xdL, ydL); i < j; ++i) {
    const a = xd[i] as number;
    const b = yd[i] as number;
    if (a !== b) return a > b !== flip ? 1 : -1;
  }
  return xdL === ydL ? 0 : xdL > ydL !== flip ? 1 : -1;
}

/** `x.gt(y)` via {@link compare}. */
export function greaterThan(x: Decimal, y: Decimal): boolean {
  return compare(x, y) > 0;
}

/** `x.lt(y)` via {@link compare}. */
export function lessThan(x: Decimal, y: Decimal): boolean {
  return compare(x, y) < 0;
}

/** `x.lte(y)` via {@link compare} (NaN → false). */
export function lessThanOrEqual(x: Decimal, y: Decimal): boolean {
  const k = compare(x, y);
  return k < 0 || k === 0;
}

/**
 * `x.plus(y.neg())` (adding a negated quantity), computed as `x.minus(y)`: decimal.js's `minus`
 * flips the sign of its operand and adds, so the two agree whenever `y.neg()` is not rounded.
 */
export function plusNegated(x: Decimal, y: Decimal): Decimal {
  return fitsPrecision(y) ? minus(x, y) : x.plus(y.neg());
}

/** `x > 0` without constructing a Decimal for the literal (NaN → false, like `x.gt(0)`). */
export function isPositive(x: Decimal): boolean {
  return x.s > 0 && !x.isZero();
}

/** `x ≤ 0` without constructing a Decimal for the literal (NaN → false, like `x.lte(0)`). */
export function isNotPositive(x: Decimal): boolean {
  return x.isZero() || x.s < 0;
}

/**
 * True when `x.times(y)` is exact (no rounding): both are non-zero @quiver/core Decimals (precision
 * 40), their significant digits add up to at most the precision and the product's exponent is in
 * range. Then `x.times(y).dividedBy(x)` is exactly `y`.
 */
export function productIsExact(x: Decimal, y: Decimal): boolean {
  if (x.constructor !== Decimal || y.constructor !== Decimal || !x.isFinite() || !y.isFinite()) return false;
  if (x.isZero() || y.isZero()) return false; // 0 + (±0) loses the sign of a zero product
  const e = x.e + y.e;
  return x.sd() + y.sd() <= Decimal.precision && e >= Decimal.minE && e + 1 <= Decimal.maxE;
}

/**
 * k when `lot` is exactly 10^−k (k ≥ 0: 1, 0.1, 0.0001 …), else −1. For such lots "a multiple of
 * the lot" is "at most k decimal places", which {@link isLotMultiple} tests without a division.
 */
export function lotPlacesOf(lot: Decimal): number {
  const k = lot.decimalPlaces();
  return Number.isInteger(k) && lot.equals(new Decimal(`1e-${k}`)) ? k : -1;
}

/**
 * `q.mod(lot).isZero()` for a finite q, given `lotPlaces = lotPlacesOf(lot)`: decimal.js's `mod`
 * divides (it was a hot spot of every placement); a power-of-ten lot needs only a digit count.
 */
export function isLotMultiple(q: Decimal, lot: Decimal, lotPlaces: number): boolean {
  if (lotPlaces >= 0 && q.isFinite()) return q.decimalPlaces() <= lotPlaces;
  return q.mod(lot).isZero();
}

/**
 * True when every sum and difference of `a`, `b`, `c`, `d` — in any grouping and order — is exact
 * (no rounding) in @quiver/core's Decimal: all four are finite core Decimals (precision 40), and
 * the digit positions any such result can occupy, from 10^(E+1) (E: the largest exponent, one more
 * position for carries) down to 10^−D (D: the most decimal places), number at most the precision.
 * Then, for example, `cash − (n + f)` and `(cash − n) − f` are the same exact number.
 */
export function sumsAreExact(a: Decimal, b: Decimal, c: Decimal, d: Decimal): boolean {
  if (a.constructor !== Decimal || b.constructor !== Decimal || c.constructor !== Decimal) return false;
  if (d.constructor !== Decimal) return false;
  if (!a.d || !b.d || !c.d || !d.d) return false; // NaN, ±Infinity
  const e = Math.max(a.e, b.e, c.e, d.e);
  const dp = Math.max(a.decimalPlaces(), b.decimalPlaces(), c.decimalPlaces(), d.decimalPlaces());
  return e + 2 + dp <= Decimal.precision && e + 2 <= Decimal.maxE && -dp >= Decimal.minE;
}
