// Event JSON form and validation.
import { Decimal, FillSchema, StateCorruptError, ValidationError } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { parseLedgerEvent, parseLedgerEvents, serializeLedgerEvent } from "./events.js";

const fill = FillSchema.parse({
  tradeId: "t1",
  orderId: "o1",
  instrumentId: "NVDA",
  side: "buy",
  quantity: "2",
  price: "10.5",
  timestamp: 5,
});

describe("ledger events", () => {
  it("round-trip through JSON with decimal strings", () => {
    const json = serializeLedgerEvent({ type: "fill_applied", seq: 1, at: 5, fill, unattributed: false });
    expect(json.fill).toMatchObject({ quantity: "2", price: "10.5", fee: "0" });
    const back = parseLedgerEvent(JSON.parse(JSON.stringify(json)));
    expect(back.type).toBe("fill_applied");
    expect(back.type === "fill_applied" && back.fill.price.equals(new Decimal("10.5"))).toBe(true);
  });
  it("name the offending field", () => {
    const bad = { type: "cash_adjustment", seq: 1, at: 5, amount: "1e999", reason: "x" };
    const err = (() => {
      try {
        parseLedgerEvent(bad, "events[7]");
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect(err?.paths).toEqual(["events[7].amount"]);
    expect(() =>
      parseLedgerEvent({ type: "settlement", seq: 1, at: 5, instrumentId: "K", yesPriceCents: "101" }),
    ).toThrow(/yesPriceCents/);
    expect(() =>
      parseLedgerEvent({ type: "cash_adjustment", seq: 0, at: 5, amount: "1", reason: "x" }),
    ).toThrow(/event\.seq/);
    expect(() =>
      parseLedgerEvent({ type: "cash_adjustment", seq: 1, at: 5, amount: "1", reason: "x", extra: 1 }),
    ).toThrow(/extra/);
  });
  it("detect sequence gaps", () => {
    const e = (seq: number) => ({ type: "cash_adjustment", seq, at: 5, amount: "1", reason: "x" });
    expect(parseLedgerEvents([e(1), e(2)])).toHaveLength(2);
    expect(() => parseLedgerEvents([e(1), e(3)])).toThrow(StateCorruptError);
    expect(parseLedgerEvents([e(4)], 3)).toHaveLength(1);
  });
});
