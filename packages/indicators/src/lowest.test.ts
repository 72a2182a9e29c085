// Lowest tests: hand-checked rolling min, validation, reset (shared cases: internal/rolling-extreme.test.ts).
import { describe, expect, it } from "vitest";
import { Lowest } from "./lowest.js";

describe("Lowest", () => {
  it("matches a hand-computed sequence", () => {
    const low = new Lowest(3);
    expect([1, 5, 2, 9, 0, 0, 4, 4].map((v) => low.update(v))).toEqual([NaN, NaN, 1, 2, 0, 0, 0, 0]);
    expect(low.update(7)).toBe(4);
  });

  it("validates and resets", () => {
    expect(() => new Lowest(2.2)).toThrow(/Lowest: period/);
    const low = new Lowest(2);
    expect(() => low.replace(1)).toThrow(/Lowest.replace: nothing to replace/);
    expect(() => low.update(Number.NaN)).toThrow(/Lowest.update: value/);
    low.update(1);
    low.reset();
    low.update(5);
    expect(low.update(6)).toBe(5);
  });
});
