// decimalToNumber equals decimal.js's own toNumber, bit for bit, for every value.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "./decimal.js";
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
