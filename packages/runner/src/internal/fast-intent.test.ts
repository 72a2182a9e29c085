// The intent fast path never accepts what the zod schema refuses, and agrees with it when it accepts.
import { StrategyIntentSchema, dec } from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fastIntent } from "./fast-intent.js";

const base = {
  instrumentId: "NVDA",
  side: "long",
  intentType: "enter",
  desiredQuantity: "10",
  confidence: 0.5,
  timeframe: "1m",
  generatedAt: 60_000,
  signalId: "s:NVDA:60000",
};

describe("fastIntent", () => {
  it("parses the common shape exactly like StrategyIntentSchema", () => {
    const want = StrategyIntentSchema.parse({ ...base, strategyId: "s" });
    expect(fastIntent(base as never, "s")).toEqual(want);
    const withAll = {
      ...base,
      limitPrice: dec("101.5"),
      priority: 3,
      signalType: "entry",
      metadata: { z: 1 },
      desiredExposureUsd: 5,
    };
    expect(fastIntent(withAll as never, "s")).toEqual(
      StrategyIntentSchema.parse({ ...withAll, strategyId: "s" }),
    );
  });

  it("property: on random (often invalid) drafts, it either defers (null) or agrees with the schema", () => {
    const value = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.string({ maxLength: 6 }),
      fc.integer({ min: -5, max: 5 }),
      fc.double({ noNaN: false }),
      fc.constantFrom("1m", "7m", "1d", "long", "flat", "enter", "hold", "0", "-1", "1e999", "NaN", "0.5"),
      fc.constant({}),
      fc.constant([]),
    );
    const keys = Object.keys(base).concat(["limitPrice", "priority", "signalType", "metadata", "bogus"]);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 4 }), (patch) => {
        const draft = { ...base, ...patch };
        const fast = fastIntent(draft as never, "s");
        const slow = StrategyIntentSchema.safeParse({ ...draft, strategyId: "s" });
        if (fast === null) return;
        expect(slow.success).toBe(true);
        expect(fast).toEqual(slow.data);
      }),
      { numRuns: 400 },
    );
  });

  it("property: ids with any characters (control, DEL, non-ASCII, empty, long) are judged like IdSchema", () => {
    const ids = fc.oneof(
      fc.string({ unit: "binary", maxLength: 140 }),
      fc.string({
        unit: fc.constantFrom("a", "\u0000", "\u001f", "\u007f", "\u0080", " ", ":"),
        maxLength: 8,
      }),
    );
    fc.assert(
      fc.property(ids, ids, (instrumentId, signalId) => {
        const draft = { ...base, instrumentId, signalId };
        const fast = fastIntent(draft as never, "s");
        const slow = StrategyIntentSchema.safeParse({ ...draft, strategyId: "s" });
        if (slow.success) expect(fast).toEqual(slow.data);
        else expect(fast).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });
});
