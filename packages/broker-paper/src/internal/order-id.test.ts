// Order and trade ids equal the template formulas they replace, across the padding boundaries.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OrderIdMaker, tradeIdOf } from "./order-id.js";

const plain = (n: number) => `P-${String(n).padStart(6, "0")}`;

describe("OrderIdMaker", () => {
  it("equals P- + the number padded to six digits, in submission order and out of order", () => {
    const ids = new OrderIdMaker();
    for (let n = 1; n <= 3_000; n++) expect(ids.idOf(n)).toBe(plain(n));
    for (const n of [999_999, 1_000_000, 1_000_001, 12_345_678, 999, 1_000, 1_001, 1, 2 ** 40 + 7])
      expect(ids.idOf(n)).toBe(plain(n));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(ids.idOf(n)).toBe(plain(n));
      }),
    );
  });

  it("falls back to the template for numbers outside the positive safe integers", () => {
    const ids = new OrderIdMaker();
    for (const n of [0, -1, 1.5, Number.NaN, 2 ** 60]) expect(ids.idOf(n)).toBe(plain(n));
  });
});

describe("tradeIdOf", () => {
  it('equals the order id, "-f" and the fill number', () => {
    for (let n = 0; n < 40; n++) expect(tradeIdOf("P-000042", n)).toBe(`P-000042-f${n}`);
  });
});
