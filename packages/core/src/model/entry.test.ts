// Tests of StrategyEntrySchema: per-order entries round-trip; bad fields are named.
import { describe, expect, it } from "vitest";
import { entryWire } from "../../test/fixtures.js";
import { expectInvalidAt, expectRoundTrip, withFields } from "../../test/schema-helpers.js";
import { MANUAL_STRATEGY_ID, StrategyEntrySchema } from "./entry.js";

describe("StrategyEntrySchema", () => {
  it("round-trips a partly closed NO entry (price of the outcome held, in cents)", () => {
    const e = expectRoundTrip(StrategyEntrySchema, entryWire, "StrategyEntry");
    expect(e.entryPrice?.toFixed()).toBe("39.5");
    expect(e.openQuantity.plus(e.closedQuantity).equals(e.filledQuantity)).toBe(true);
  });

  it("round-trips a pending entry with nulls", () => {
    const e = expectRoundTrip(
      StrategyEntrySchema,
      withFields(entryWire, {
        status: "pending",
        filledQuantity: "0",
        openQuantity: "0",
        closedQuantity: "0",
        entryPrice: null,
        costBasis: "0",
        entryFees: "0",
        realizedPnl: "0",
        filledAt: null,
      }),
    );
    expect(e.entryPrice).toBeNull();
  });

  it("round-trips a settled manual slice", () => {
    expectRoundTrip(
      StrategyEntrySchema,
      withFields(entryWire, {
        entryId: "manual:k-1#1",
        strategyId: MANUAL_STRATEGY_ID,
        openQuantity: "0",
        closedQuantity: "10",
        closedAt: 1_700_000_100_000,
        settlementPrice: "100",
        settledAt: 1_700_000_100_000,
        parentEntryId: "weather:k-1",
        realizedPnl: "-3.992",
      }),
    );
  });

  it.each([
    ["settlement price over 100 cents", { settlementPrice: "101" }, "settlementPrice"],
    ["settlement price with 5 decimals", { settlementPrice: "50.00001" }, "settlementPrice"],
    ["NaN entry price", { entryPrice: "NaN" }, "entryPrice"],
    ["unknown status", { status: "open" }, "status"],
    ["order side instead of entry side", { side: "buy" }, "side"],
    ["negative open quantity", { openQuantity: "-1" }, "openQuantity"],
    ["missing cost basis", { costBasis: undefined }, "costBasis"],
    ["undefined filledAt (must be null)", { filledAt: undefined }, "filledAt"],
    ["negative fees", { entryFees: "-0.01" }, "entryFees"],
    ["unknown key", { averagePrice: "40" }, "averagePrice"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(StrategyEntrySchema, withFields(entryWire, patch), path);
  });
});
