// decimalToNumber equals decimal.js's own toNumber, bit for bit, for every value.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "./decimal.js";
import { decimalFromShortNumber } from "./decimal-fast.js";
import { decimalFromNumber, decimalToNumber } from "./decimal-number.js";

function same(d: Decimal): void {
  expect(Object.is(decimalToNumber(d), d.toNumber())).toBe(true);
}

describe("decimalToNumber", () => {
  it("matches toNumber on hand-picked values (zeros, signs, word edges, huge, tiny)", () => {
    for (const t of [
      "0",
      "-0",
      "1",
      "-1",
      "1.5",
      "0.1",
      "0.3",
      "100.1234",
      "999999999999999",
      "9999999999999999",
      "123456789012345",
      "1234567890123456",
      "0.000000123",
      "1e22",
      "1e23",
      "1e-22",
      "1e-23",
      "12.0000300",
      "10000000",
      "1000000000000000000000",
      "3.14159265358979323846",
      "-42.000001",
      "1e-400",
      "1e400",
    ])
      same(new Decimal(t));
  });

  it("property: bit-identical to toNumber for random digits and exponents", () => {
    const decimals = fc
      .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: -30, max: 30 }))
      .map(([m, k]) => new Decimal(`${m}e${k}`));
    fc.assert(fc.property(decimals, same), { numRuns: 5000 });
    // values as prices and cash really come: short decimals from doubles, sums and products of them
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 8 }), (x, dp) =>
        same(new Decimal(x).toDecimalPlaces(dp)),
      ),
      { numRuns: 5000 },
    );
  });
});

describe("decimalFromNumber", () => {
  it("property: equals new Decimal(x) and reuses the object for the same number", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.constantFrom(0, -0, 1.5, 100.1234),
          ),
          { maxLength: 200 },
        ),
        (xs) => {
          for (const x of xs) {
            const d = decimalFromNumber(x);
            const ref = new Decimal(x);
            expect(d.toString()).toBe(ref.toString());
            expect(d.isNegative()).toBe(ref.isNegative()); // −0 stays −0
            expect(decimalFromNumber(x)).toBe(d);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("decimalFromShortNumber", () => {
  /** decimal.js's own fields (s, e, d) and constructor: the same object shape, not only the same text. */
  function sameAsDecimalJs(x: number): void {
    const fast = decimalFromShortNumber(x);
    if (fast === undefined) return;
    const ref = new Decimal(x) as unknown as { s: number; e: number; d: number[] };
    const got = fast as unknown as { s: number; e: number; d: number[] };
    expect({ s: got.s, e: got.e, d: got.d }).toEqual({ s: ref.s, e: ref.e, d: ref.d });
    expect(fast.constructor).toBe(Decimal);
  }

  it("converts prices, quantities and cash as decimal.js does (word edges, signs, up to 14 decimals)", () => {
    const xs = [
      ...`1 -1 0.5 0.1 0.3 100.1234 1e-7 -0.0000001 0.045 1234567.1234567 10000000 1e14 999999999999999 123456789012345 99999999.9999999 20000000 0.0001 42.0001 1e-8 0.00000001 1234.56789012 0.12345678901234 1e-14 9.99999999999999 3.0000001 100000000000000.5`
        .split(" ")
        .map(Number),
      1e7 + 0.5,
      1.1 + 2.2,
    ];
    for (const x of xs) sameAsDecimalJs(x);
    expect(decimalFromShortNumber(0.1)?.toString()).toBe("0.1");
    expect(decimalFromShortNumber(1.1 + 2.2)).toBeUndefined(); // 3.3000000000000003: 17 digits
    expect(decimalFromShortNumber(1e-15)).toBeUndefined(); // 15 decimals: decimal.js decides
    expect(decimalFromShortNumber(1e15)).toBeUndefined();
    expect(decimalFromShortNumber(0)).toBeUndefined();
    expect(decimalFromShortNumber(Number.NaN)).toBeUndefined();
  });

  it("property: wherever it answers, the answer is new Decimal(x)'s fields, and it answers for short decimals", () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), sameAsDecimalJs), {
      numRuns: 5000,
    });
    // every decimal of ≤ 15 significant digits and ≤ 14 decimals is handled (not left to decimal.js)
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }),
        fc.integer({ min: 0, max: 14 }),
        (m, k) => {
          fc.pre(m !== 0);
          const x = m / 10 ** k;
          sameAsDecimalJs(x);
          expect(decimalFromShortNumber(x)).toBeDefined();
        },
      ),
      { numRuns: 20000 },
    );
  });
});
