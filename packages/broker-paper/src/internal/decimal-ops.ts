// Exact shortcuts for decimal.js: known results (x + 0, 0 + y, x − x), copy-free comparisons, a division-free lot test.
import { Decimal, subDecimals } from "@quiver/core";

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

// Addition, subtraction, comparisons and the exact-product test (`productIsExact(q, p)`: q × p is
// exact and (0 + q × p) / (0 + q) gives back p) are core's exact fast kernel (one implementation for
// every package); the broker-specific shortcuts below build on them.
export {
  addDecimals as plus,
  compareDecimals as compare,
  isExactProduct as productIsExact,
  isGreaterThan as greaterThan,
  isLessThan as lessThan,
  isLessThanOrEqual as lessThanOrEqual,
  subDecimals as minus,
} from "@quiver/core";

/**
 * `x.plus(y.neg())` (adding a negated quantity), computed as `x.minus(y)`: decimal.js's `minus`
 * flips the sign of its operand and adds, so the two agree whenever `y.neg()` is not rounded.
 */
export function plusNegated(x: Decimal, y: Decimal): Decimal {
  return fitsPrecision(y) ? subDecimals(x, y) : x.plus(y.neg());
}

/** `x > 0` without constructing a Decimal for the literal (NaN → false, like `x.gt(0)`). */
export function isPositive(x: Decimal): boolean {
  return x.s > 0 && !x.isZero();
}

/** `x ≤ 0` without constructing a Decimal for the literal (NaN → false, like `x.lte(0)`). */
export function isNotPositive(x: Decimal): boolean {
  return x.isZero() || x.s < 0;
}

/** k when `lot` is exactly 10^−k (k ≥ 0), else −1: core's {@link powerOfTenPlaces}, for {@link isLotMultiple}. */
export { powerOfTenPlaces as lotPlacesOf } from "@quiver/core";

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
