// Tests of OrderRequestSchema, OrderSchema and FillSchema: round trips and path-naming errors.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binaryOrderWire, fillWire, orderRequestWire, orderWire } from "../../test/fixtures.js";
import { expectInvalidAt, expectRoundTrip, withFields } from "../../test/schema-helpers.js";
import { Decimal } from "../decimal.js";
import {
  FillSchema,
  OrderRequestSchema,
  OrderSchema,
  OrderStatusSchema,
  TERMINAL_ORDER_STATUSES,
  isTerminalOrderStatus,
  sideSign,
} from "./order.js";

/** Positive decimal strings up to 1e18 (the default bound) with up to 8 decimals. */
const positiveDecimal = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 18n }), fc.integer({ min: 0, max: 8 }))
  .map(([units, places]) => new Decimal(units.toString()).dividedBy(new Decimal(10).pow(places)).toFixed());

describe("OrderRequestSchema", () => {
  it("round-trips a limit order request", () => {
    const req = expectRoundTrip(OrderRequestSchema, orderRequestWire, "OrderRequest");
    expect(req.quantity.toFixed()).toBe("1.5");
    expect(req.limitPrice?.toFixed()).toBe("0.05123");
  });

  it("round-trips a market order and fills defaults", () => {
    const req = expectRoundTrip(OrderRequestSchema, {
      clientOrderId: "c-1",
      strategyId: "s",
      instrumentId: "NVDA",
      side: "sell",
      type: "market",
      quantity: 10,
    });
    expect(req.timeInForce).toBe("gtc");
    expect(req.reduceOnly).toBe(false);
    expect(req.metadata).toEqual({});
  });

  it("round-trips stop and stop_limit orders", () => {
    expectRoundTrip(
      OrderRequestSchema,
      withFields(orderRequestWire, { type: "stop", limitPrice: undefined, stopPrice: "0.049" }),
    );
    expectRoundTrip(
      OrderRequestSchema,
      withFields(orderRequestWire, { type: "stop_limit", stopPrice: "0.049" }),
    );
  });

  it.each([
    ["limit without limitPrice", { limitPrice: undefined }, ["limitPrice"]],
    ["stop without stopPrice", { type: "stop", limitPrice: undefined }, ["stopPrice"]],
    ["stop_limit without either price", { type: "stop_limit", limitPrice: undefined }, ["stopPrice"]],
    ["zero quantity", { quantity: "0" }, ["quantity"]],
    ["negative quantity", { quantity: "-1" }, ["quantity"]],
    ["NaN quantity", { quantity: "NaN" }, ["quantity"]],
    ["Infinity quantity (number)", { quantity: Number.POSITIVE_INFINITY }, ["quantity"]],
    ["over-precise quantity", { quantity: "0.1234567890123456789" }, ["quantity"]],
    ["garbage limit price", { limitPrice: "abc" }, ["limitPrice"]],
    ["zero limit price", { limitPrice: 0 }, ["limitPrice"]],
    ["side long", { side: "long" }, ["side"]],
    ["unknown time in force", { timeInForce: "gtd" }, ["timeInForce"]],
    ["unknown order type", { type: "trailing" }, ["type"]],
    ["bad outcome", { outcome: "maybe" }, ["outcome"]],
    ["empty client order id", { clientOrderId: "" }, ["clientOrderId"]],
    ["array metadata", { metadata: [1] }, ["metadata"]],
    ["unknown key", { price: "1" }, ["price"]],
  ])("rejects %s", (_name, patch, paths) => {
    expectInvalidAt(OrderRequestSchema, withFields(orderRequestWire, patch), ...paths);
  });

  it("stop_limit without prices names both fields", () => {
    expectInvalidAt(
      OrderRequestSchema,
      withFields(orderRequestWire, { type: "stop_limit", limitPrice: undefined }),
      "limitPrice",
      "stopPrice",
    );
  });

  it("property: any positive quantity and price round-trip exactly", () => {
    fc.assert(
      fc.property(positiveDecimal, positiveDecimal, (quantity, limitPrice) => {
        const req = expectRoundTrip(OrderRequestSchema, { ...orderRequestWire, quantity, limitPrice });
        expect(req.quantity.equals(quantity)).toBe(true);
        expect(req.limitPrice?.equals(limitPrice)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe("OrderSchema", () => {
  it("round-trips a partially filled order", () => {
    const order = expectRoundTrip(OrderSchema, orderWire, "Order");
    expect(order.filledQuantity.toFixed()).toBe("0.5");
    expect(order.status).toBe("partially_filled");
  });

  it("round-trips a filled binary NO order priced in cents", () => {
    const order = expectRoundTrip(OrderSchema, binaryOrderWire);
    expect(order.outcome).toBe("no");
    expect(order.limitPrice?.toFixed()).toBe("40");
  });

  it("defaults filledQuantity to 0", () => {
    const order = expectRoundTrip(
      OrderSchema,
      withFields(orderWire, { filledQuantity: undefined, averageFillPrice: undefined, status: "new" }),
    );
    expect(order.filledQuantity.isZero()).toBe(true);
  });

  it.each(OrderStatusSchema.options)("round-trips status %s", (status) => {
    expectRoundTrip(OrderSchema, { ...orderWire, status });
  });

  it.each([
    ["filled more than ordered", { filledQuantity: "1.6" }, "filledQuantity"],
    ["negative filled quantity", { filledQuantity: "-0.1" }, "filledQuantity"],
    ["unknown status", { status: "done" }, "status"],
    ["zero average fill price", { averageFillPrice: "0" }, "averageFillPrice"],
    ["negative createdAt", { createdAt: -1 }, "createdAt"],
    ["fractional updatedAt", { updatedAt: 1.5 }, "updatedAt"],
    ["string createdAt", { createdAt: "2024-01-01" }, "createdAt"],
    ["missing orderId", { orderId: undefined }, "orderId"],
    ["limit order without price", { limitPrice: undefined }, "limitPrice"],
    ["over-long status reason", { statusReason: "x".repeat(501) }, "statusReason"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(OrderSchema, withFields(orderWire, patch), path);
  });
});

describe("FillSchema", () => {
  it("round-trips a fill", () => {
    const fill = expectRoundTrip(FillSchema, fillWire, "Fill");
    expect(fill.fee.toFixed()).toBe("0.00000256");
  });

  it("defaults the fee to 0 and round-trips a minimal binary fill", () => {
    const fill = expectRoundTrip(FillSchema, {
      tradeId: "k-t-1",
      orderId: "k-1",
      instrumentId: "KXBTC-25DEC31-T100",
      side: "buy",
      outcome: "yes",
      quantity: "10",
      price: "40",
      timestamp: 0,
    });
    expect(fill.fee.isZero()).toBe(true);
  });

  it.each([
    ["missing tradeId", { tradeId: undefined }, "tradeId"],
    ["zero price", { price: "0" }, "price"],
    ["Infinity price", { price: "Infinity" }, "price"],
    ["zero quantity", { quantity: 0 }, "quantity"],
    ["negative fee", { fee: "-0.01" }, "fee"],
    ["hex fee", { fee: "0x10" }, "fee"],
    ["unknown liquidity", { liquidity: "taker-ish" }, "liquidity"],
    ["empty fee currency", { feeCurrency: "" }, "feeCurrency"],
    ["timestamp as a string", { timestamp: "1700000000000" }, "timestamp"],
    ["unknown key", { venue: "kraken" }, "venue"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(FillSchema, withFields(fillWire, patch), path);
  });

  it("property: fills with any positive quantity/price and non-negative fee round-trip", () => {
    fc.assert(
      fc.property(
        positiveDecimal,
        positiveDecimal,
        fc.option(positiveDecimal, { nil: undefined }),
        (quantity, price, fee) => {
          expectRoundTrip(FillSchema, withFields(fillWire, { quantity, price, fee }));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("order helpers", () => {
  it("terminal statuses never fill further; unknown is not terminal", () => {
    expect([...TERMINAL_ORDER_STATUSES].sort()).toEqual(["cancelled", "expired", "filled", "rejected"]);
    expect(isTerminalOrderStatus("filled")).toBe(true);
    expect(isTerminalOrderStatus("partially_filled")).toBe(false);
    expect(isTerminalOrderStatus("unknown")).toBe(false);
    expect(isTerminalOrderStatus("pending_new")).toBe(false);
  });

  it("sideSign", () => {
    expect(sideSign("buy")).toBe(1);
    expect(sideSign("sell")).toBe(-1);
  });
});
