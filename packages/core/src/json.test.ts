// Tests of toJsonValue: Decimals to plain strings, Maps to objects, undefined dropped.
import { describe, expect, it } from "vitest";
import { Decimal } from "./decimal.js";
import { toJsonValue } from "./json.js";

describe("toJsonValue", () => {
  it("turns nested Decimals into exponent-free strings", () => {
    expect(
      toJsonValue({ a: new Decimal("1e-10"), b: [new Decimal("1e25"), { c: new Decimal("-0.5") }], d: null }),
    ).toEqual({ a: "0.0000000001", b: ["10000000000000000000000000", { c: "-0.5" }], d: null });
  });

  it("drops undefined fields but keeps null, false and 0", () => {
    expect(toJsonValue({ a: undefined, b: null, c: false, d: 0, e: "" })).toEqual({
      b: null,
      c: false,
      d: 0,
      e: "",
    });
  });

  it("turns Maps into objects", () => {
    const m = new Map<string, unknown>([
      ["ETH/BTC", new Decimal("0.05")],
      ["NVDA", { q: new Decimal(3) }],
    ]);
    expect(toJsonValue({ prices: m })).toEqual({ prices: { "ETH/BTC": "0.05", NVDA: { q: "3" } } });
  });

  it("passes primitives through", () => {
    expect(toJsonValue(5)).toBe(5);
    expect(toJsonValue("x")).toBe("x");
    expect(toJsonValue(null)).toBeNull();
    expect(toJsonValue(new Decimal("2.50"))).toBe("2.5");
  });
});
