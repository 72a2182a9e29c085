// Property: every decimal shortcut returns exactly what decimal.js returns (digits, sign of zero, constructor).
import { Decimal, ONE, ZERO } from "@quiver/core";
import DecimalJs from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compare,
  fitsPrecision,
  greaterThan,
  isLotMultiple,
  isNotPositive,
  isPositive,
  lessThan,
  lessThanOrEqual,
  lotPlacesOf,
  minus,
  plus,
  plusNegated,
  productIsExact,
  sumsAreExact,
} from "./decimal-ops.js";

/** Another decimal.js configuration (what a caller's own decimal.js copy may look like). */
const Foreign = DecimalJs.clone({ precision: 20 });

/** Value, sign of zero (valueOf keeps "-0") and which constructor: all must match. */
const exact = (x: Decimal) => `${x.valueOf()}|${x.constructor === Decimal ? "core" : "other"}`;

const digits = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 45 });
/** Decimal strings from 1 to 45 significant digits (some beyond the precision of 40), any exponent. */
const decimalText = fc
  .record({
    neg: fc.boolean(),
    int: digits,
    frac: fc.option(digits, { nil: undefined }),
    exp: fc.option(fc.integer({ min: -30, max: 30 }), { nil: undefined }),
  })
  .map(
    ({ neg, int, frac, exp }) =>
      `${neg ? "-" : ""}${int}${frac === undefined ? "" : `.${frac}`}${exp === undefined ? "" : `e${exp}`}`,
  );

const decimalArb: fc.Arbitrary<Decimal> = fc.oneof(
  { weight: 6, arbitrary: decimalText.map((t) => new Decimal(t)) },
  { weight: 1, arbitrary: decimalText.map((t) => new Foreign(t) as unknown as Decimal) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      ZERO,
      new Decimal("-0"),
      new Foreign(0) as unknown as Decimal,
      new Foreign("-0") as unknown as Decimal,
      ONE,
      new Decimal(Number.NaN),
      new Decimal(Number.POSITIVE_INFINITY),
      new Decimal(Number.NEGATIVE_INFINITY),
      new Decimal("1e-9000000000000000"),
    ),
  },
  // Results of arithmetic (rounded to 40 digits), like most values in the broker's book.
  { weight: 2, arbitrary: decimalText.map((t) => new Decimal(t).times("1.0000000001")) },
);

/** Pairs, often of one object twice or of equal values in different objects. */
const pairArb = fc.oneof(
  fc.tuple(decimalArb, decimalArb),
  decimalArb.map((x) => [x, x] as const),
  decimalArb.map((x) => [x, new Decimal(x)] as const),
  decimalArb.map((x) => [x, x.neg()] as const),
);

const runs = { numRuns: 2000 };

describe("decimal shortcuts equal decimal.js", () => {
  it("plus, minus and plusNegated", () => {
    fc.assert(
      fc.property(pairArb, ([x, y]) => {
        expect(exact(plus(x, y))).toBe(exact(x.plus(y)));
        expect(exact(minus(x, y))).toBe(exact(x.minus(y)));
        expect(exact(plusNegated(x, y))).toBe(exact(x.plus(y.neg())));
      }),
      runs,
    );
  });

  it("compare, greaterThan, lessThan, lessThanOrEqual, isPositive, isNotPositive", () => {
    fc.assert(
      fc.property(pairArb, ([x, y]) => {
        expect(compare(x, y)).toBe(x.cmp(y));
        expect(greaterThan(x, y)).toBe(x.gt(y));
        expect(lessThan(x, y)).toBe(x.lt(y));
        expect(lessThanOrEqual(x, y)).toBe(x.lte(y));
        expect(isPositive(x)).toBe(x.gt(0));
        expect(isNotPositive(x)).toBe(x.lte(0));
      }),
      runs,
    );
  });

  it("a non-zero value that fits the precision is unchanged by rounding (x + 0, 1 × x)", () => {
    fc.assert(
      fc.property(decimalArb, (x) => {
        if (x.isZero() || !fitsPrecision(x)) return;
        expect(exact(x.plus(ZERO.constructor === x.constructor ? ZERO : new Foreign(0)))).toBe(exact(x));
        if (x.constructor === Decimal) expect(exact(ONE.times(x))).toBe(exact(x));
      }),
      runs,
    );
  });

  it("productIsExact(q, p) ⇒ (0 + q × p) / (0 + q) is exactly p (the one-fill average price)", () => {
    fc.assert(
      fc.property(pairArb, ([q, p]) => {
        if (q.isZero() || !productIsExact(q, p)) return;
        expect(exact(ZERO.plus(q.times(p)).dividedBy(ZERO.plus(q)))).toBe(exact(p));
      }),
      runs,
    );
  });

  it("isLotMultiple equals q.mod(lot).isZero() for power-of-ten and other lots", () => {
    const lots = ["1", "0.1", "0.0001", "0.000000000000000001", "10", "100", "0.5", "0.25", "3", "0.0002"];
    fc.assert(
      fc.property(decimalArb, fc.constantFrom(...lots), (q, l) => {
        const lot = new Decimal(l);
        expect(isLotMultiple(q, lot, lotPlacesOf(lot))).toBe(q.mod(lot).isZero());
      }),
      runs,
    );
    expect(lots.map((l) => lotPlacesOf(new Decimal(l)))).toEqual([0, 1, 4, 18, -1, -1, -1, -1, -1, -1]);
  });

  it("sumsAreExact(a, b, c, d) ⇒ every grouping of their sums and differences is the exact value", () => {
    /** Exact reference: far more digits than any operand here can need. */
    const Big = DecimalJs.clone({ precision: 1000 });
    const big = (x: Decimal) => new Big(x.valueOf());
    const text = (x: { toFixed(): string; isNegative(): boolean; isZero(): boolean }) =>
      `${x.toFixed()}${x.isZero() && x.isNegative() ? "(-0)" : ""}`;
    const money = fc
      .record({
        int: fc.bigInt({ min: 0n, max: 10n ** 30n }),
        places: fc.nat({ max: 20 }),
        neg: fc.boolean(),
      })
      .map(({ int, places, neg }) => new Decimal(`${neg ? "-" : ""}${int}e-${places}`));
    const arb = fc.oneof({ weight: 3, arbitrary: money }, { weight: 1, arbitrary: decimalArb });
    let exactCases = 0;
    fc.assert(
      fc.property(arb, arb, arb, arb, (a, b, c, d) => {
        if (!sumsAreExact(a, b, c, d)) return;
        exactCases++;
        const want = big(a).minus(big(b)).minus(big(c)).minus(big(d));
        if (want.isZero()) return; // (the broker leaves an exact zero to the plain formula)
        // The broker's two ways of charging a buy: (cash − notional) − fee, and cash − cost.
        expect(text(a.minus(b).minus(c.plus(d)))).toBe(text(want));
        expect(text(a.minus(b.plus(c).plus(d)))).toBe(text(want));
        expect(text(a.minus(b).minus(c).minus(d))).toBe(text(want));
        const sum = big(a).plus(big(b)).plus(big(c)).plus(big(d));
        if (!sum.isZero()) expect(text(a.plus(b).plus(c).plus(d))).toBe(text(sum));
      }),
      runs,
    );
    expect(exactCases).toBeGreaterThan(200);
    // Not exact: more than 40 digit positions, a foreign constructor, a non-finite value.
    const one = new Decimal(1);
    expect(sumsAreExact(new Decimal("1e30"), new Decimal("1e-10"), one, one)).toBe(false);
    expect(sumsAreExact(new Foreign(1) as unknown as Decimal, one, one, one)).toBe(false);
    expect(sumsAreExact(new Decimal(Number.NaN), one, one, one)).toBe(false);
    expect(sumsAreExact(new Decimal("1e30"), new Decimal("1e-8"), one, ZERO)).toBe(true);
  });
});
