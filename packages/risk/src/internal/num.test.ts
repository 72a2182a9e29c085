// toNum agrees with decimal.js's own toNumber to within a few ulps.
import { Decimal } from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareDec, roundedText, toNum } from "./num.js";

describe("toNum", () => {
  it("converts simple values exactly", () => {
    for (const s of ["0", "1", "-1", "0.1", "123.456", "100", "1e-8", "99999999.99999999", "-0.00012"]) {
      expect(toNum(new Decimal(s))).toBe(new Decimal(s).toNumber());
    }
  });
  it("is within 1e-15 relative of toNumber for random decimals", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e15, max: 1e15, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-12),
        (x) => {
          const d = new Decimal(x.toPrecision(17));
          const want = d.toNumber();
          const got = toNum(d);
          expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.abs(want) * 1e-15);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("toNum on long Decimals", () => {
  /** The conversion as it was before the power table grew past 10^22 (runtime exponentiation). */
  function reference(x: Decimal): number {
    const r = x as unknown as { d: number[] | null; e: number; s: number };
    const d = r.d;
    if (d === null) return x.toNumber();
    const w0 = d[0] as number;
    if (d.length === 0 || w0 === 0) return 0;
    let m = w0;
    for (let i = 1; i < d.length; i++) m = m * 1e7 + (d[i] as number);
    const digits0 = String(w0).length;
    const shift = r.e - (digits0 + 7 * (d.length - 1) - 1);
    const v = shift >= 0 ? m * 10 ** shift : m / 10 ** -shift;
    return r.s < 0 ? -v : v;
  }
  it("is bit-for-bit the runtime-exponentiation result, up to 40 digits and any exponent", () => {
    // Enough runs for the reference to get optimized too: exponentiation must agree across tiers.
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
        fc.integer({ min: -420, max: 420 }),
        (m, e) => {
          const x = new Decimal(`${m}e${e}`);
          expect(Object.is(toNum(x), reference(x))).toBe(true);
        },
      ),
      { numRuns: 20000 },
    );
    for (let k = 0; k < 5; k++)
      for (let i = 0; i <= 420; i++) {
        const x = new Decimal(`1234567890123456789012345678901234567890e${i - 250}`);
        expect(Object.is(toNum(x), reference(x))).toBe(true);
      }
  });
});

describe("compareDec", () => {
  const decArb = fc.oneof(
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => new Decimal(n)),
    fc
      .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: -40, max: 20 }))
      .map(([m, e]) => new Decimal(`${m}e${e}`)),
    fc.constantFrom(new Decimal(0), new Decimal("-0"), new Decimal("0.0001"), new Decimal("1e-30")),
  );
  it("agrees with decimal.js comparedTo", () => {
    fc.assert(
      fc.property(decArb, decArb, (a, b) => {
        expect(compareDec(a, b)).toBe(a.comparedTo(b));
        expect(compareDec(a, a)).toBe(0);
      }),
      { numRuns: 3000 },
    );
  });
  it("hands non-finite values to decimal.js", () => {
    const inf = new Decimal(Number.POSITIVE_INFINITY);
    expect(compareDec(inf, new Decimal(1))).toBe(1);
    expect(Number.isNaN(compareDec(new Decimal(Number.NaN), new Decimal(1)))).toBe(true);
  });
});

describe("roundedText", () => {
  const reference = (n: number) => (Number.isFinite(n) ? String(Math.round(n * 1e6) / 1e6) : String(n));

  it("equals String(Math.round(n × 1e6) / 1e6) for any double", () => {
    fc.assert(
      fc.property(fc.double(), (n) => {
        expect(roundedText(n)).toBe(reference(n));
      }),
      { numRuns: 20_000 },
    );
  });

  it("…for typical sizes, ATRs and ratios, and around the rounding and formatting boundaries", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e4, max: 1e4, noNaN: true }),
          fc.double({ min: -1, max: 1, noNaN: true }),
          fc.integer({ min: -(10 ** 15), max: 10 ** 15 }).map((k) => k / 1e6),
          fc.integer({ min: -(10 ** 15), max: 10 ** 15 }).map((k) => (k + 0.5) / 1e6),
          fc.integer({ min: 0, max: 2000 }).map((k) => k * 1e-7),
          fc.double({ min: 1e8, max: 1e10, noNaN: true }),
        ),
        (n) => {
          expect(roundedText(n)).toBe(reference(n));
        },
      ),
      { numRuns: 20_000 },
    );
    for (const n of [
      0,
      -0,
      1e-7,
      -1e-7,
      4.99e-7,
      5e-7,
      -5e-7,
      1e-6,
      0.1,
      0.123456789,
      1,
      -1,
      2.5,
      1e9,
      999999999.9999995,
      999999999.999999,
      1e15 / 1e6 - 1e-6,
      1e9 + 0.5e-6,
      123456789.123456,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      Number.MIN_VALUE,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      0.30000000000000004,
    ])
      expect(roundedText(n)).toBe(reference(n));
  });
});
