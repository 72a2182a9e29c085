// validateRequests "trusted": parsed requests skip zod but get the same orders, and the money invariants still hold.
import { OrderRequestSchema, type OrderRequestInput, parseWith, ValidationError } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { bar, flat, req, s, setup } from "../test/fixtures.js";

const parse = (r: OrderRequestInput) => parseWith(OrderRequestSchema, r, "order request");

describe('validateRequests: "trusted"', () => {
  it("gives the same orders, fills and cash as full validation for the same parsed requests", () => {
    const run = (mode: "full" | "trusted") => {
      const { broker, feed } = setup({ validateRequests: mode });
      feed(flat("NVDA", 0, 100));
      const placed = [
        broker.placeOrder(parse(req("NVDA", "buy", "10", { clientOrderId: "a" }))),
        broker.placeOrder(
          parse(req("NVDA", "buy", "5", { clientOrderId: "b", type: "limit", limitPrice: "98" })),
        ),
        broker.placeOrder(
          parse(req("NVDA", "sell", "3", { clientOrderId: "c", type: "stop", stopPrice: "95" })),
        ),
        broker.placeOrder(parse(req("NVDA", "buy", "0.5", { clientOrderId: "d" }))),
        broker.placeOrder(parse(req("NOPE", "buy", "1", { clientOrderId: "e" }))),
      ];
      feed(bar("NVDA", 1, 100, 101, 94, 96));
      return {
        placed: placed.map((o) => [o.status, o.statusReason]),
        orders: broker.getOrders().map((o) => [o.clientOrderId, o.status, s(o.filledQuantity)]),
        cash: s(broker.getAccount().cash),
      };
    };
    const full = run("full");
    expect(run("trusted")).toEqual(full);
    // The money checks still run in trusted mode: bad lot and unknown instrument are rejected.
    expect(full.placed[3]).toEqual(["rejected", "invalid_quantity"]);
    expect(full.placed[4]).toEqual(["rejected", "unknown_instrument"]);
  });

  it("refuses a zero quantity, a limit order without a price, and an unparsed string quantity", () => {
    const { broker, feed } = setup({ validateRequests: "trusted" });
    feed(flat("NVDA", 0, 100));
    const good = parse(req("NVDA", "buy", "1"));
    expect(() => broker.placeOrder({ ...good, quantity: good.quantity.minus(good.quantity) })).toThrow(
      ValidationError,
    );
    expect(() => broker.placeOrder({ ...good, type: "limit" })).toThrow(/limitPrice/);
    expect(() => broker.placeOrder(req("NVDA", "buy", "1"))).toThrow(/quantity/);
    expect(broker.getOrders()).toHaveLength(0);
  });

  it("the default stays full validation (string quantities accepted)", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    expect(broker.placeOrder(req("NVDA", "buy", "1")).status).toBe("new");
  });
});
