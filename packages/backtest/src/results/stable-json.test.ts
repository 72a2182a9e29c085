// Tests of deterministic JSON: key order, decimals, number rounding, typed arrays.
import { Decimal } from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roundNumber, sha256Hex, stableStringify } from "./stable-json.js";

describe("stableStringify", () => {
  it("sorts keys, writes decimals as strings and drops undefined", () => {
    const a = stableStringify({
      b: 1,
      a: new Decimal("0.10"),
      c: undefined,
      m: new Map([
        ["z", 1],
        ["y", 2],
      ]),
    });
    expect(a).toBe('{"a":"0.1","b":1,"m":{"y":2,"z":1}}');
  });

  it("rounds floats to 12 significant digits, maps non-finite to null and -0 to 0", () => {
    expect(stableStringify([0.1 + 0.2, Number.NaN, -0, Number.POSITIVE_INFINITY, 1e-20 / 3])).toBe(
      "[0.3,null,0,null,3.33333333333e-21]",
    );
    expect(roundNumber(123456789.1234567)).toBe(123456789.123);
    expect(stableStringify(Float64Array.from([1.5, 2]))).toBe("[1.5,2]");
  });

  it("property: key insertion order never changes the bytes", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.double(), fc.string())), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(stableStringify(reversed)).toBe(stableStringify(obj));
      }),
      { numRuns: 100 },
    );
  });

  it("hashes text with SHA-256", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
