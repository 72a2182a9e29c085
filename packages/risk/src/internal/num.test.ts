// toNum agrees with decimal.js's own toNumber to within a few ulps.
import { Decimal } from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toNum } from "./num.js";

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
