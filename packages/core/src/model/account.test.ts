// Tests of PositionSchema and AccountSnapshotSchema: round trips and nested error paths.
import { describe, expect, it } from "vitest";
import { accountWire, positionWire } from "../../test/fixtures.js";
import { expectInvalidAt, expectRoundTrip, withFields } from "../../test/schema-helpers.js";
import { AccountSnapshotSchema, PositionSchema } from "./account.js";

describe("PositionSchema", () => {
  it("round-trips a short position (negative quantity)", () => {
    const p = expectRoundTrip(PositionSchema, positionWire, "Position");
    expect(p.quantity.isNegative()).toBe(true);
  });

  it("round-trips a binary position with an outcome and a strategy tag", () => {
    expectRoundTrip(PositionSchema, {
      instrumentId: "KX",
      quantity: "3",
      outcome: "no",
      strategyId: "weather",
      marketPrice: "0",
    });
  });

  it.each([
    ["Infinity quantity", { quantity: "Infinity" }, "quantity"],
    ["missing quantity", { quantity: undefined }, "quantity"],
    ["zero average price", { averagePrice: "0" }, "averagePrice"],
    ["negative market price", { marketPrice: "-1" }, "marketPrice"],
    ["bad outcome", { outcome: "YES" }, "outcome"],
    ["unknown key", { side: "long" }, "side"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(PositionSchema, withFields(positionWire, patch), path);
  });
});

describe("AccountSnapshotSchema", () => {
  it("round-trips an account with positions", () => {
    const a = expectRoundTrip(AccountSnapshotSchema, accountWire, "AccountSnapshot");
    expect(a.cash.toFixed()).toBe("10000.12345678");
    expect(a.positions).toHaveLength(2);
  });

  it("defaults positions to an empty list", () => {
    expect(
      expectRoundTrip(AccountSnapshotSchema, withFields(accountWire, { positions: undefined })).positions,
    ).toEqual([]);
  });

  it.each([
    [
      "NaN quantity of the first position",
      { positions: [{ instrumentId: "X", quantity: "NaN" }] },
      "positions[0].quantity",
    ],
    [
      "bad price of the second position",
      { positions: [positionWire, { instrumentId: "Y", quantity: "1", averagePrice: "-5" }] },
      "positions[1].averagePrice",
    ],
    ["unknown key in a position", { positions: [{ ...positionWire, pnl: "1" }] }, "positions[0].pnl"],
    ["empty currency", { currency: "" }, "currency"],
    ["cash over the bound", { cash: "1e19" }, "cash"],
    ["equity as garbage", { equity: "12,500" }, "equity"],
    ["missing buying power", { buyingPower: undefined }, "buyingPower"],
    ["negative timestamp", { timestamp: -5 }, "timestamp"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(AccountSnapshotSchema, withFields(accountWire, patch), path);
  });
});
