// Highest tests: hand-checked rolling max, validation, reset (shared cases: internal/rolling-extreme.test.ts).
import { describe, expect, it } from "vitest";
import { Highest } from "./highest.js";

describe("Highest", () => {
  it("matches a hand-computed sequence", () => {
    const high = new Highest(3);
    expect([5, 1, 2, 0, 3, 3, 1, 1].map((v) => high.update(v))).toEqual([NaN, NaN, 5, 2, 3, 3, 3, 3]);
    expect(high.update(0)).toBe(1);
  });

  it("validates and resets", () => {
    expect(() => new Highest(0)).toThrow(/Highest: period/);
    const high = new Highest(2);
    expect(() => high.replace(1)).toThrow(/Highest.replace: nothing to replace/);
    expect(() => high.update(Number.POSITIVE_INFINITY)).toThrow(/Highest.update: value/);
    high.update(9);
    high.update(1);
    high.reset();
    expect(high.count).toBe(0);
    high.update(1);
    expect(high.update(2)).toBe(2);
  });
});
