// The exact shortcuts give decimal.js' own results: same value, digits, sign, exponent and constructor.
import { Decimal, ZERO } from "@quiver/core";
import DecimalJs from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { add, cmp, eq, isCanonical, isExactProduct, min, sub, trimDigits } from "./exact.js";

/** decimal.js' default 20-digit constructor and a 40-digit one with other rounding: not core's. */
const Foreign20 = DecimalJs.clone();
const Foreign40 = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_DOWN });

/** Sign, exponent, digits and constructor: everything a later operation or `toString` depends on. */
function repr(x: Decimal): unknown {
  const r = x as unknown as { s: number; e: number; d: number[] | null };
  const ctor = x.constructor === Decimal ? "core" : x.constructor === Foreign20 ? "f20" : "f40";
  return { s: r.s, e: r.e, d: r.d === null ? null : [...r.d], ctor, str: x.toString() };
}

/** Digit strings of 1–48 significant digits (beyond the 40-digit precision too), zeros, −0, ±∞, NaN. */
const decimalArb: fc.Arbitrary<Decimal> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^[1-9][0-9]{0,47}$/),
        fc.integer({ min: -30, max: 30 }),
        fc.constantFrom<"core" | "f20" | "f40">("core", "core", "core", "f20", "f40"),
      )
      .map(([neg, digits, exp, ctor]) => {
        const C = ctor === "core" ? Decimal : ctor === "f20" ? Foreign20 : Foreign40;
        return new C(`${neg ? "-" : ""}${digits}e${exp}`) as Decimal;
      }),
  },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom("0", "-0", "1", "100", "0.35", "49.9999999787600556825924")
      .map((s) => new Decimal(s)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom("0", "-0", "Infinity", "-Infinity", "NaN"), fc.boolean())
      .map(([s, foreign]) => new (foreign ? Foreign20 : Decimal)(s) as Decimal),
  },
);

/** Pairs that are often equal, or one side zero (the cases the shortcuts take). */
const pairArb: fc.Arbitrary<[Decimal, Decimal]> = fc.oneof(
  fc.tuple(decimalArb, decimalArb),
  decimalArb.map((a) => [a, a] as [Decimal, Decimal]),
  decimalArb.map((a) => [a, new Decimal(a.toString())] as [Decimal, Decimal]),
  decimalArb.map((a) => [a, ZERO] as [Decimal, Decimal]),
  decimalArb.map((a) => [ZERO, a] as [Decimal, Decimal]),
);

describe("exact decimal shortcuts", () => {
  it("add and sub return exactly what plus and minus return", () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        expect(repr(add(a, b))).toEqual(repr(a.plus(b)));
        expect(repr(sub(a, b))).toEqual(repr(a.minus(b)));
        expect(repr(add(b, a))).toEqual(repr(b.plus(a)));
        expect(repr(sub(b, a))).toEqual(repr(b.minus(a)));
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it("cmp, eq and min agree with comparedTo, equals and lessThan", () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const want = a.comparedTo(b);
        const got = cmp(a, b);
        if (Number.isNaN(want)) expect(Number.isNaN(got)).toBe(true);
        else expect(got).toBe(want);
        expect(eq(a, b)).toBe(a.equals(b));
        expect(min(a, b)).toBe(a.lessThan(b) ? a : b);
      }),
      { numRuns: 3000, seed: 43 },
    );
  });

  it("skips work only for what an operation would return unchanged", () => {
    const q = new Decimal("4978.2569");
    expect(add(ZERO, q)).toBe(q);
    expect(add(q, ZERO)).toBe(q);
    expect(sub(q, ZERO)).toBe(q);
    expect(sub(q, new Decimal("4978.2569"))).toBe(ZERO);
    // Too many digits for the precision, or another constructor: the real operation runs.
    const long = new Decimal(`1.${"3".repeat(45)}`);
    expect(isCanonical(long)).toBe(false);
    expect(add(ZERO, long)).not.toBe(long);
    expect(add(ZERO, long).toString()).toBe(ZERO.plus(long).toString());
    const foreign = new Foreign20("2.5") as Decimal;
    expect(isCanonical(foreign)).toBe(false);
    expect(add(ZERO, foreign)).not.toBe(foreign);
    expect(add(ZERO, foreign).constructor).toBe(Decimal);
    // −0: ZERO + (−0) is +0 in decimal.js.
    expect(repr(add(ZERO, new Decimal("-0")))).toEqual(repr(ZERO.plus(new Decimal("-0"))));
  });

  it("isExactProduct: (a × b) ÷ a gives back b's very digits", () => {
    let exact = 0;
    fc.assert(
      fc.property(decimalArb, decimalArb, (a, b) => {
        if (!isExactProduct(a, b)) return;
        exact++;
        expect(repr(a.times(b).dividedBy(a))).toEqual(repr(b));
      }),
      { numRuns: 3000, seed: 44 },
    );
    expect(exact).toBeGreaterThan(500);
    expect(isExactProduct(new Decimal("4978.2569"), new Decimal("100.43676126629796"))).toBe(true);
    expect(isExactProduct(new Decimal(`1.${"7".repeat(25)}`), new Decimal(`3.${"1".repeat(20)}`))).toBe(
      false,
    );
  });

  it("trimDigits keeps the value and its representation, in a digit array of its own exact length", () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, (a, b) => {
        // A fresh product, as the ledger trims it (and a sum: any result works the same way),
        // next to an untouched twin computed the same way.
        for (const [fresh, twin] of [
          [a.times(b), a.times(b)],
          [a.plus(b), a.plus(b)],
        ] as const) {
          const before = (fresh as unknown as { d: number[] | null }).d;
          const same = trimDigits(fresh);
          expect(same).toBe(fresh);
          expect(repr(same)).toEqual(repr(twin));
          const after = (same as unknown as { d: number[] | null }).d;
          if (before !== null) expect(after).not.toBe(before);
          // Later operations give the same results as on the twin.
          expect(repr(same.plus(b))).toEqual(repr(twin.plus(b)));
          expect(repr(same.times(a))).toEqual(repr(twin.times(a)));
        }
      }),
      { numRuns: 1000, seed: 45 },
    );
  });
});
