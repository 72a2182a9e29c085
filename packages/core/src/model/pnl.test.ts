// Tests of StrategyPnlSchema: round trips and bad input naming the field.
import { describe, expect, it } from "vitest";
import { pnlWire } from "../../test/fixtures.js";
import { expectInvalidAt, expectRoundTrip, withFields } from "../../test/schema-helpers.js";
import { StrategyPnlSchema } from "./pnl.js";

describe("StrategyPnlSchema", () => {
  it("round-trips a P&L summary with negative realized P&L", () => {
    const pnl = expectRoundTrip(StrategyPnlSchema, pnlWire, "StrategyPnl");
    expect(pnl.realizedPnl.toFixed()).toBe("-1.25");
    expect(pnl.netPnl.equals(pnl.realizedPnl.plus(pnl.unrealizedPnl))).toBe(true);
  });

  it("defaults fees to 0", () => {
    expect(expectRoundTrip(StrategyPnlSchema, withFields(pnlWire, { fees: undefined })).fees.isZero()).toBe(
      true,
    );
  });

  it.each([
    ["fractional entry count", { entryCount: 1.5 }, "entryCount"],
    ["negative entry count", { entryCount: -1 }, "entryCount"],
    ["negative fees", { fees: "-1" }, "fees"],
    ["NaN cost basis", { totalCostBasis: "NaN" }, "totalCostBasis"],
    ["negative contracts", { totalContracts: "-3" }, "totalContracts"],
    ["roi as garbage", { roiPct: "12%" }, "roiPct"],
    ["empty strategy", { strategy: "" }, "strategy"],
    ["unknown key", { sharpe: 1 }, "sharpe"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(StrategyPnlSchema, withFields(pnlWire, patch), path);
  });
});
