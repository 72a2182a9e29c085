// Exact shortcuts for decimal.js arithmetic on the ledger's hot paths: core's exact kernel under short names, plus min and trimDigits.
import { type Decimal, compareDecimals } from "@quiver/core";

// Sums, differences, products, comparisons and the canonical and exact-product tests are core's exact fast
// kernel (one implementation for every package), under the ledger's short names.
export {
  addDecimals as add,
  compareDecimals as cmp,
  isCanonicalDecimal as isCanonical,
  isExactProduct,
  mulDecimals as mul,
  subDecimals as sub,
} from "@quiver/core";

/** Exactly `a.equals(b)` (see {@link cmp}). */
export function eq(a: Decimal, b: Decimal): boolean {
  return compareDecimals(a, b) === 0;
}

/**
 * Gives a Decimal the ledger has just computed, and is about to keep, a digit array of exactly its
 * length. decimal.js grows a product's digit array one push at a time, so a 2–3 word product
 * keeps room for 17 (152 bytes instead of 32–40); a value that stays in the book for good keeps
 * that slack. The digits are copied unchanged, so the value, its representation and every later
 * result are the same; only a fresh result that nobody else holds yet may be passed.
 */
export function trimDigits(x: Decimal): Decimal {
  const r = x as unknown as { d: number[] | null };
  if (r.d !== null) r.d = r.d.slice();
  return x;
}

/** Exactly `minDec(a, b)` of the helpers (`a.lessThan(b) ? a : b`), without the copy. */
export function min(a: Decimal, b: Decimal): Decimal {
  return compareDecimals(a, b) < 0 ? a : b;
}
