// Execution semantics of the paper broker: fill timing, order types, costs, volume, latency, tif, cash.
import { BrokerError, type Fill, type Order, QuiverError } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { MIN, NVDA, T0, bar, flat, req, s, setup } from "../test/fixtures.js";
import { createPaperBroker } from "./paper-broker.js";

describe("market orders", () => {
  it("next_open: an order placed after bar t fills at bar t+1's open, not at t's close", () => {
    const { broker, feed } = setup();
    feed(bar("NVDA", 0, 100, 101, 99, 100.5));
    const placed = broker.placeOrder(req("NVDA", "buy", "10"));
    expect(placed.status).toBe("new");
    expect(broker.getFills()).toHaveLength(0);
    feed(bar("NVDA", 1, 102, 103, 101, 102.5));
    const [fill] = broker.getFills();
    expect(s(fill?.price)).toBe("102");
    expect(fill?.timestamp).toBe(T0 + MIN);
    expect(fill?.liquidity).toBe("taker");
    expect(broker.getOrder({ orderId: placed.orderId })?.status).toBe("filled");
    expect(s(broker.getAccount().cash)).toBe("8980");
    expect(s(broker.getPositions()[0]?.quantity)).toBe("10");
  });

  it("close: an order placed while processing bar t fills at t's close synchronously, events before return", () => {
    const { broker, feed } = setup({ fillAt: "close" });
    feed(bar("NVDA", 0, 100, 101, 99, 100.5));
    const seen: string[] = [];
    broker.on("orderUpdate", (o) => seen.push(`order:${o.status}`));
    broker.on("fill", (f) => seen.push(`fill:${f.price.toFixed()}`));
    const placed = broker.placeOrder(req("NVDA", "buy", "10"));
    expect(placed.status).toBe("filled");
    expect(s(placed.averageFillPrice)).toBe("100.5");
    expect(seen).toEqual(["order:new", "fill:100.5", "order:filled"]);
    expect(broker.getFills()[0]?.timestamp).toBe(T0 + MIN);
  });

  it("close: with no bar seen yet, the order fills at the close of the first eligible bar", () => {
    const { broker, feed } = setup({ fillAt: "close" });
    broker.placeOrder(req("NVDA", "buy", "1"));
    expect(broker.getFills()).toHaveLength(0);
    feed(bar("NVDA", 0, 100, 101, 99, 100.25));
    expect(s(broker.getFills()[0]?.price)).toBe("100.25");
  });

  it("a bar that opened before the submit time is not eligible (no look-ahead)", () => {
    const { broker, clock, feed } = setup();
    clock.set(T0 + 30_000); // mid-bar 0
    broker.placeOrder(req("NVDA", "buy", "1"));
    feed(bar("NVDA", 0, 100, 101, 99, 100)); // opened at T0 < submit
    expect(broker.getFills()).toHaveLength(0);
    feed(bar("NVDA", 1, 105, 106, 104, 105));
    expect(s(broker.getFills()[0]?.price)).toBe("105");
  });
});

describe("limit orders", () => {
  it("fill at the limit when the bar trades through it (maker), stay working when not touched", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    const o = broker.placeOrder(req("NVDA", "buy", "5", { type: "limit", limitPrice: "98" }));
    feed(bar("NVDA", 1, 100, 101, 98.5, 99));
    expect(broker.getOrder({ orderId: o.orderId })?.status).toBe("new");
    feed(bar("NVDA", 2, 99, 99.5, 97, 98.2));
    const [fill] = broker.getFills();
    expect(s(fill?.price)).toBe("98");
    expect(fill?.liquidity).toBe("maker");
    expect(fill?.timestamp).toBe(T0 + 3 * MIN); // intrabar touch: known at the bar's close
  });

  it("fill at the open when the market gaps through the limit", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    broker.placeOrder(req("NVDA", "buy", "5", { type: "limit", limitPrice: "98" }));
    const sell = req("NVDA", "sell", "5", { type: "limit", limitPrice: "99" });
    feed(bar("NVDA", 1, 95, 96, 94, 95.5));
    expect(s(broker.getFills()[0]?.price)).toBe("95");
    broker.placeOrder(sell);
    feed(bar("NVDA", 2, 101, 102, 100, 101)); // gaps up through the sell limit
    expect(s(broker.getFills()[1]?.price)).toBe("101");
  });

  it("slippage on a gap fill never worsens the price beyond the limit", () => {
    const { broker, feed } = setup({ slippageBps: 100 });
    feed(flat("NVDA", 0, 100));
    broker.placeOrder(req("NVDA", "buy", "1", { type: "limit", limitPrice: "99.5" }));
    feed(flat("NVDA", 1, 99)); // 99 × 1.01 = 99.99 > 99.5 → capped at the limit
    expect(s(broker.getFills()[0]?.price)).toBe("99.5");
  });
});

describe("stop orders", () => {
  it("buy stop triggers when touched and fills at the stop (plus slippage); sell stop gaps → open", () => {
    const { broker, feed } = setup({ slippageBps: 10 });
    feed(flat("NVDA", 0, 100));
    broker.placeOrder(req("NVDA", "buy", "2", { type: "stop", stopPrice: "102" }));
    feed(bar("NVDA", 1, 100, 101.9, 99, 101)); // not touched
    expect(broker.getFills()).toHaveLength(0);
    feed(bar("NVDA", 2, 101, 103, 100.5, 102.5));
    expect(s(broker.getFills()[0]?.price)).toBe("102.11"); // 102 × 1.001 = 102.102, up to the 0.01 tick
    broker.placeOrder(req("NVDA", "sell", "2", { type: "stop", stopPrice: "99" }));
    feed(bar("NVDA", 3, 97, 98, 96, 97.5)); // gaps below the stop
    expect(s(broker.getFills()[1]?.price)).toBe("96.9"); // 97 × 0.999 = 96.903, down to the tick
    expect(broker.getFills()[1]?.timestamp).toBe(T0 + 3 * MIN);
  });

  it("buy stop that gaps above the stop fills at the open", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    broker.placeOrder(req("NVDA", "buy", "1", { type: "stop", stopPrice: "102" }));
    feed(bar("NVDA", 1, 104, 105, 103, 104));
    expect(s(broker.getFills()[0]?.price)).toBe("104");
  });

  it("stop_limit: triggered within the limit fills; a gap past the limit rests as a limit order", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    const a = broker.placeOrder(
      req("NVDA", "buy", "1", { type: "stop_limit", stopPrice: "102", limitPrice: "103" }),
    );
    feed(bar("NVDA", 1, 100, 102.5, 99.5, 102));
    expect(s(broker.getFills()[0]?.price)).toBe("102");
    expect(broker.getOrder({ orderId: a.orderId })?.status).toBe("filled");

    const b = broker.placeOrder(
      req("NVDA", "buy", "1", { type: "stop_limit", stopPrice: "104", limitPrice: "105" }),
    );
    feed(bar("NVDA", 2, 107, 108, 106, 107)); // trigger at 107 > limit 105: no fill
    expect(broker.getOrder({ orderId: b.orderId })?.status).toBe("new");
    feed(bar("NVDA", 3, 106, 106.5, 104.5, 105)); // now a resting limit 105: touched
    expect(s(broker.getFills()[1]?.price)).toBe("105");
    expect(broker.getFills()[1]?.liquidity).toBe("maker");
  });
});

describe("costs", () => {
  it("slippage, half-spread and fees: hand-computed cash", () => {
    const { broker, feed } = setup({ slippageBps: 5, spreadBps: 2, feeBps: 10, feePerOrder: "1" });
    feed(flat("NVDA", 0, 100));
    broker.placeOrder(req("NVDA", "buy", "10"));
    feed(flat("NVDA", 1, 100));
    const buy = broker.getFills()[0] as Fill;
    // 100 × (1 + 7/10000) = 100.07; notional 1000.7; fee 1000.7 × 0.001 + 1 = 2.0007
    expect(s(buy.price)).toBe("100.07");
    expect(s(buy.fee)).toBe("2.0007");
    expect(s(broker.getCash())).toBe("8997.2993");
    broker.placeOrder(req("NVDA", "sell", "10"));
    feed(flat("NVDA", 2, 110));
    const sell = broker.getFills()[1] as Fill;
    // 110 × (1 − 7/10000) = 109.923, down to the 0.01 tick: 109.92; notional 1099.2; fee 1.0992 + 1
    expect(s(sell.price)).toBe("109.92");
    expect(s(sell.fee)).toBe("2.0992");
    expect(s(broker.getCash())).toBe("10094.4001");
    expect(broker.getPositions()).toHaveLength(0);
  });
});

describe("partial fills by volume participation", () => {
  it("caps each bar at its share of volume; the remainder works on later bars; fixed fee once", () => {
    const { broker, feed } = setup({ maxVolumeParticipation: 0.1, feePerOrder: "1" });
    feed(flat("NVDA", 0, 100, 1000));
    const o = broker.placeOrder(req("NVDA", "buy", "12"));
    const statuses: string[] = [];
    broker.on("orderUpdate", (u) => statuses.push(`${u.status}:${u.filledQuantity.toFixed()}`));
    feed(flat("NVDA", 1, 100, 50), flat("NVDA", 2, 101, 39), flat("NVDA", 3, 102, 1000));
    const fills = broker.getFills();
    expect(fills.map((f) => f.quantity.toFixed())).toEqual(["5", "3", "4"]);
    expect(fills.map((f) => f.tradeId)).toEqual([`${o.orderId}-f1`, `${o.orderId}-f2`, `${o.orderId}-f3`]);
    expect(fills.map((f) => f.fee.toFixed())).toEqual(["1", "0", "0"]);
    expect(statuses).toEqual(["partially_filled:5", "partially_filled:8", "filled:12"]);
    const done = broker.getOrder({ orderId: o.orderId }) as Order;
    // (5×100 + 3×101 + 4×102) / 12 = 1211 / 12
    expect(done.averageFillPrice?.toFixed(6)).toBe("100.916667");
  });

  it("orders on one bar share its volume, in submission order", () => {
    const { broker, feed } = setup({ maxVolumeParticipation: 0.5 });
    feed(flat("NVDA", 0, 100));
    const a = broker.placeOrder(req("NVDA", "buy", "4"));
    const b = broker.placeOrder(req("NVDA", "buy", "4"));
    feed(flat("NVDA", 1, 100, 10));
    expect(broker.getOrder({ orderId: a.orderId })?.filledQuantity.toFixed()).toBe("4");
    expect(broker.getOrder({ orderId: b.orderId })?.filledQuantity.toFixed()).toBe("1");
  });

  it("close mode: the immediate fill is capped by the last bar's volume", () => {
    const { broker, feed } = setup({ fillAt: "close", maxVolumeParticipation: 0.1 });
    feed(flat("NVDA", 0, 100, 30));
    const o = broker.placeOrder(req("NVDA", "buy", "5"));
    expect(o.status).toBe("partially_filled");
    expect(o.filledQuantity.toFixed()).toBe("3");
    feed(bar("NVDA", 1, 100, 100, 100, 101, 1000));
    expect(s(broker.getFills()[1]?.price)).toBe("101");
  });
});

describe("latency", () => {
  it("an order becomes eligible only for bars opening at or after submit + latency", () => {
    const { broker, feed } = setup({ latencyMs: 90_000 });
    feed(flat("NVDA", 0, 100)); // now = T0 + 1m; eligible from T0 + 2.5m
    broker.placeOrder(req("NVDA", "buy", "1"));
    feed(flat("NVDA", 1, 101), flat("NVDA", 2, 102));
    expect(broker.getFills()).toHaveLength(0);
    feed(flat("NVDA", 3, 103));
    expect(s(broker.getFills()[0]?.price)).toBe("103");
    expect(broker.getFills()[0]?.timestamp).toBe(T0 + 3 * MIN);
  });

  it("close mode with latency does not fill synchronously", () => {
    const { broker, feed } = setup({ fillAt: "close", latencyMs: 1 });
    feed(flat("NVDA", 0, 100));
    expect(broker.placeOrder(req("NVDA", "buy", "1")).status).toBe("new");
    feed(flat("NVDA", 1, 100), bar("NVDA", 2, 100, 100, 100, 104));
    expect(s(broker.getFills()[0]?.price)).toBe("104");
  });
});

describe("time in force", () => {
  it("ioc: fills what the arrival bar allows and cancels the remainder", () => {
    const { broker, feed } = setup({ maxVolumeParticipation: 0.1 });
    feed(flat("NVDA", 0, 100));
    const o = broker.placeOrder(req("NVDA", "buy", "10", { timeInForce: "ioc" }));
    feed(flat("NVDA", 1, 100, 40), flat("NVDA", 2, 100, 1000));
    const after = broker.getOrder({ orderId: o.orderId }) as Order;
    expect(after.status).toBe("cancelled");
    expect(after.statusReason).toBe("ioc_remainder_cancelled");
    expect(after.filledQuantity.toFixed()).toBe("4");
    expect(broker.getFills()).toHaveLength(1);
  });

  it("ioc limit: only the arrival price counts, not a later touch within the bar", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    const o = broker.placeOrder(
      req("NVDA", "buy", "1", { type: "limit", limitPrice: "99", timeInForce: "ioc" }),
    );
    feed(bar("NVDA", 1, 100, 100, 98, 99));
    expect(broker.getOrder({ orderId: o.orderId })?.status).toBe("cancelled");
    expect(broker.getFills()).toHaveLength(0);
  });

  it("fok: not enough volume → rejected with nothing filled; enough → filled whole", () => {
    const { broker, feed } = setup({ maxVolumeParticipation: 0.1 });
    feed(flat("NVDA", 0, 100));
    const a = broker.placeOrder(req("NVDA", "buy", "10", { timeInForce: "fok" }));
    feed(flat("NVDA", 1, 100, 99));
    const ra = broker.getOrder({ orderId: a.orderId }) as Order;
    expect(ra.status).toBe("rejected");
    expect(ra.statusReason).toBe("fok_not_fillable");
    expect(ra.filledQuantity.toFixed()).toBe("0");
    expect(broker.getFills()).toHaveLength(0);
    expect(s(broker.getCash())).toBe("10000");
    const b = broker.placeOrder(req("NVDA", "buy", "10", { timeInForce: "fok" }));
    feed(flat("NVDA", 2, 100, 100));
    expect(broker.getOrder({ orderId: b.orderId })?.status).toBe("filled");
  });

  it("day: a working order expires at the first bar of the next day; gtc keeps working", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    const day = broker.placeOrder(
      req("NVDA", "buy", "1", { type: "limit", limitPrice: "90", timeInForce: "day" }),
    );
    const gtc = broker.placeOrder(req("NVDA", "buy", "1", { type: "limit", limitPrice: "90" }));
    feed(flat("NVDA", 5, 100));
    expect(broker.getOrder({ orderId: day.orderId })?.status).toBe("new");
    const nextDay = (24 * 60) as number; // minutes → bar index the next day
    feed(flat("NVDA", nextDay, 100));
    const expired = broker.getOrder({ orderId: day.orderId }) as Order;
    expect(expired.status).toBe("expired");
    expect(expired.statusReason).toBe("day_expired");
    expect(broker.getOpenOrders("NVDA").map((o) => o.orderId)).toEqual([gtc.orderId]);
  });
});

describe("buying power and positions", () => {
  it("insufficient buying power is a definite reject that leaves cash unchanged (RELIABILITY 9)", () => {
    const { broker, feed } = setup({ feeBps: 10 });
    feed(flat("NVDA", 0, 100));
    const updates: Order[] = [];
    broker.on("orderUpdate", (o) => updates.push(o));
    // 100 × 100 = 10000 + fee 10 > 10000
    const o = broker.placeOrder(req("NVDA", "buy", "100"));
    expect(o.status).toBe("rejected");
    expect(o.statusReason).toBe("insufficient_buying_power");
    expect(updates.map((u) => u.status)).toEqual(["rejected"]);
    feed(flat("NVDA", 1, 100));
    expect(broker.getFills()).toHaveLength(0);
    const acct = broker.getAccount();
    expect(s(acct.cash)).toBe("10000");
    expect(s(acct.buyingPower)).toBe("10000");
    expect(broker.placeOrder(req("NVDA", "buy", "99")).status).toBe("new");
  });

  it("working orders reserve buying power: a second order beyond the rest is rejected", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    expect(broker.placeOrder(req("NVDA", "buy", "60", { type: "limit", limitPrice: "100" })).status).toBe(
      "new",
    );
    expect(s(broker.getAccount().buyingPower)).toBe("4000");
    const second = broker.placeOrder(req("NVDA", "buy", "60", { type: "limit", limitPrice: "100" }));
    expect(second.statusReason).toBe("insufficient_buying_power");
  });

  it("a gap up at fill time caps the fill to what cash allows and cancels the rest", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    const o = broker.placeOrder(req("NVDA", "buy", "90"));
    feed(flat("NVDA", 1, 125)); // 90 × 125 = 11250 > 10000 → 80 shares
    const after = broker.getOrder({ orderId: o.orderId }) as Order;
    expect(after.filledQuantity.toFixed()).toBe("80");
    expect(after.status).toBe("cancelled");
    expect(after.statusReason).toBe("insufficient_buying_power");
    expect(s(broker.getCash())).toBe("0");
  });

  it("sells beyond the position are rejected unless shorting is allowed (config and instrument)", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100), flat("TSLA", 0, 200));
    expect(broker.placeOrder(req("NVDA", "sell", "1")).statusReason).toBe("insufficient_position");
    expect(broker.capabilities.supportsShort).toBe(false);

    const short = setup({ allowShort: true });
    short.feed(flat("NVDA", 0, 100), flat("TSLA", 0, 200));
    expect(short.broker.capabilities.supportsShort).toBe(true);
    expect(short.broker.placeOrder(req("NVDA", "sell", "1")).statusReason).toBe("insufficient_position");
    expect(short.broker.placeOrder(req("TSLA", "sell", "10")).status).toBe("new");
    short.feed(flat("TSLA", 1, 200));
    const acct = short.broker.getAccount();
    expect(s(acct.positions[0]?.quantity)).toBe("-10");
    expect(s(acct.cash)).toBe("12000");
    expect(s(acct.equity)).toBe("10000");
    expect(s(acct.buyingPower)).toBe("8000"); // cash-secured short: equity − gross
  });

  it("two working sells cannot sell the same shares twice", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    broker.placeOrder(req("NVDA", "buy", "10"));
    feed(flat("NVDA", 1, 100));
    expect(broker.placeOrder(req("NVDA", "sell", "6", { type: "limit", limitPrice: "150" })).status).toBe(
      "new",
    );
    expect(
      broker.placeOrder(req("NVDA", "sell", "6", { type: "limit", limitPrice: "150" })).statusReason,
    ).toBe("insufficient_position");
    expect(broker.placeOrder(req("NVDA", "sell", "4", { type: "limit", limitPrice: "150" })).status).toBe(
      "new",
    );
  });

  it("reduce-only orders never open or flip a position", () => {
    const { broker, feed } = setup({ allowShort: true });
    feed(flat("TSLA", 0, 100));
    expect(broker.placeOrder(req("TSLA", "sell", "1", { reduceOnly: true })).statusReason).toBe(
      "reduce_only_would_increase",
    );
    broker.placeOrder(req("TSLA", "buy", "5"));
    feed(flat("TSLA", 1, 100));
    const r = broker.placeOrder(req("TSLA", "sell", "5", { reduceOnly: true }));
    expect(r.status).toBe("new");
    feed(flat("TSLA", 2, 100));
    expect(broker.getPositions()).toHaveLength(0);
  });

  it("equity marks positions at the last price", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    broker.placeOrder(req("NVDA", "buy", "10"));
    feed(flat("NVDA", 1, 100), flat("NVDA", 2, 107.5));
    const acct = broker.getAccount();
    expect(s(acct.equity)).toBe("10075");
    expect(broker.getEquityNumber()).toBe(10075);
    expect(s(acct.positions[0]?.marketPrice)).toBe("107.5");
    expect(s(acct.positions[0]?.averagePrice)).toBe("100");
    expect(acct.timestamp).toBe(T0 + 3 * MIN);
  });

  it("quantity must be a multiple of the lot size; unknown instruments are rejected", () => {
    const { broker } = setup();
    expect(broker.placeOrder(req("NVDA", "buy", "1.5")).statusReason).toBe("invalid_quantity");
    expect(broker.placeOrder(req("AAPL", "buy", "1")).statusReason).toBe("unknown_instrument");
  });
});

describe("idempotency and lookups", () => {
  it("a duplicate clientOrderId returns the existing order and never creates a second (RELIABILITY 6)", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    const r = req("NVDA", "buy", "10");
    const first = broker.placeOrder(r);
    const again = broker.placeOrder({ ...r, quantity: "20" });
    expect(again).toBe(first);
    expect(broker.getOrders()).toHaveLength(1);
    feed(flat("NVDA", 1, 100));
    const afterFill = broker.placeOrder(r);
    expect(afterFill.status).toBe("filled");
    expect(afterFill.orderId).toBe(first.orderId);
    feed(flat("NVDA", 2, 100));
    expect(broker.getOrders()).toHaveLength(1);
    expect(broker.getFills()).toHaveLength(1);
    expect(s(broker.getPositions()[0]?.quantity)).toBe("10");
  });

  it("getOrder by orderId and clientOrderId; deterministic order ids; null when unknown", () => {
    const { broker } = setup();
    const a = broker.placeOrder(
      req("NVDA", "buy", "1", { clientOrderId: "abc", type: "limit", limitPrice: "1" }),
    );
    expect(a.orderId).toBe("P-000001");
    expect(broker.getOrder({ clientOrderId: "abc" })).toBe(a);
    expect(broker.getOrder({ orderId: "P-000001" })).toBe(a);
    expect(broker.getOrder({ orderId: "P-999999" })).toBeNull();
    expect(broker.getOrder({ clientOrderId: "nope" })).toBeNull();
  });

  it("cancelOrder cancels a working order, is idempotent, and throws a BrokerError for unknown orders", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    const o = broker.placeOrder(req("NVDA", "buy", "10", { type: "limit", limitPrice: "50" }));
    expect(s(broker.getAccount().buyingPower)).toBe("9500");
    const c = broker.cancelOrder({ orderId: o.orderId });
    expect(c.status).toBe("cancelled");
    expect(c.statusReason).toBe("cancel_requested");
    expect(broker.cancelOrder({ clientOrderId: o.clientOrderId })).toBe(c);
    expect(s(broker.getAccount().buyingPower)).toBe("10000");
    expect(broker.getOpenOrders()).toHaveLength(0);
    feed(bar("NVDA", 1, 100, 100, 40, 45));
    expect(broker.getFills()).toHaveLength(0);
    let err: unknown;
    try {
      broker.cancelOrder({ orderId: "P-424242" });
    } catch (e) {
      err = e;
    }
    expect(BrokerError.isBrokerError(err)).toBe(true);
    expect((err as BrokerError).retryable).toBe(false);
  });

  it("terminal orders (filled, rejected, cancelled) keep answering every lookup with their final snapshot", () => {
    const { broker, feed } = setup({ fillAt: "close" });
    feed(flat("NVDA", 0, 100));
    const filled = broker.placeOrder(req("NVDA", "buy", "1", { clientOrderId: "f" }));
    const rejected = broker.placeOrder(req("NVDA", "buy", "1000", { clientOrderId: "r" }));
    const working = broker.placeOrder(
      req("NVDA", "buy", "1", { clientOrderId: "w", type: "limit", limitPrice: "50" }),
    );
    const cancelled = broker.cancelOrder({ clientOrderId: "w" });
    expect([filled.status, rejected.status, working.status, cancelled.status]).toEqual([
      "filled",
      "rejected",
      "new",
      "cancelled",
    ]);
    for (const o of [filled, rejected, cancelled]) {
      expect(broker.getOrder({ orderId: o.orderId })).toBe(o);
      expect(broker.getOrder({ clientOrderId: o.clientOrderId })).toBe(o);
      expect(broker.cancelOrder({ orderId: o.orderId })).toBe(o);
      expect(broker.placeOrder(req("NVDA", "sell", "1", { clientOrderId: o.clientOrderId }))).toBe(o);
    }
    expect(broker.getOrders()).toEqual([filled, rejected, cancelled]);
    expect(broker.getOpenOrders()).toEqual([]);
    // Ids that merely parse to an existing number are not that order.
    expect(broker.getOrder({ orderId: "P-1" })).toBeNull();
    expect(broker.getOrder({ orderId: "P-0000001" })).toBeNull();
    expect(broker.getOrder({ orderId: "P-000001 " })).toBeNull();
  });

  it("reset() from a fill listener: an order terminating afterwards stays out of the new book's order list", () => {
    // ioc with a volume cap: 5 of 20 fill, the listener resets, then the remainder is cancelled.
    const { broker, feed } = setup({ fillAt: "close", maxVolumeParticipation: 0.5 });
    feed(flat("NVDA", 0, 100, 10));
    broker.on("fill", () => broker.reset());
    const o = broker.placeOrder(req("NVDA", "buy", "20", { clientOrderId: "x", timeInForce: "ioc" }));
    expect([o.status, s(o.filledQuantity)]).toEqual(["cancelled", "5"]);
    expect(broker.getOrders()).toHaveLength(0);
    expect(broker.getOrder({ orderId: o.orderId })).toBeNull();
    expect(broker.getOrder({ clientOrderId: "x" })).toBeNull();
  });

  it("reset() from a fill listener leaves the new book untouched: cash, buying power, positions, sell reservations", () => {
    // A buy (ioc, volume-capped: 5 of 20 fill, 15 still reserved when the listener resets) and a
    // reduce-only sell (same): the rest of each order finishes in the discarded book.
    for (const side of ["buy", "sell"] as const) {
      const { broker, feed } = setup({ fillAt: "close", maxVolumeParticipation: 0.5, initialCash: "10000" });
      feed(flat("NVDA", 0, 100, 10));
      if (side === "sell") {
        broker.placeOrder(
          req("NVDA", "buy", "20", { clientOrderId: "setup", type: "limit", limitPrice: "101" }),
        );
        feed(flat("NVDA", 1, 100, 1_000));
        expect(s(broker.getPositions()[0]?.quantity)).toBe("20");
        feed(flat("NVDA", 2, 100, 10));
      }
      let resets = 0;
      broker.on("fill", () => {
        if (resets++ === 0) broker.reset();
      });
      const o = broker.placeOrder(req("NVDA", side, "20", { clientOrderId: "x", timeInForce: "ioc" }));
      expect([o.status, s(o.filledQuantity)]).toEqual(["cancelled", "5"]);
      const account = broker.getAccount();
      expect([s(account.cash), s(account.buyingPower), account.positions]).toEqual(["10000", "10000", []]);
      expect(broker.getFills()).toEqual([]);
      // The new book works as a fresh broker would: all its cash buys, one lot more does not.
      feed(flat("NVDA", 3, 100));
      expect(broker.placeOrder(req("NVDA", "buy", "101", { clientOrderId: "big" })).statusReason).toBe(
        "insufficient_buying_power",
      );
      expect(broker.placeOrder(req("NVDA", "buy", "100", { clientOrderId: "all" })).status).toBe("filled");
      expect(s(broker.getCash())).toBe("0");
      // …and sells no more than it holds (no sell reservation leaked from the old book).
      expect(broker.placeOrder(req("NVDA", "sell", "101", { clientOrderId: "over" })).statusReason).toBe(
        "insufficient_position",
      );
      expect(broker.placeOrder(req("NVDA", "sell", "100", { clientOrderId: "out" })).status).toBe("filled");
    }
  });

  it("an invalid request throws a ValidationError naming the field", () => {
    const { broker } = setup();
    expect(() => broker.placeOrder(req("NVDA", "buy", "-1"))).toThrowError(/quantity/);
    let err: unknown;
    try {
      broker.placeOrder(req("NVDA", "buy", "1", { type: "limit" }));
    } catch (e) {
      err = e;
    }
    expect(QuiverError.isInstance(err) && err.code).toBe("VALIDATION");
    expect(String(err)).toMatch(/limitPrice/);
    expect(broker.getOrders()).toHaveLength(0);
  });

  it("capabilities are declared", () => {
    const { broker } = setup();
    expect(broker.capabilities).toMatchObject({
      supportsClientOrderIdLookup: true,
      enforcesUniqueClientOrderId: true,
      supportsPartialFills: true,
      supportsStopOrders: true,
      supportsBinaryContracts: true,
      supportsShort: false,
      live: false,
    });
  });
});

describe("binary contracts", () => {
  it("YES trades at the bar price, NO at 100 − YES; notional is qty × cents / 100", () => {
    const { broker, feed } = setup();
    feed(flat("KXBTC", 0, 40));
    broker.placeOrder(req("KXBTC", "buy", "10", { outcome: "yes" }));
    broker.placeOrder(req("KXBTC", "buy", "10", { outcome: "no" }));
    feed(flat("KXBTC", 1, 40));
    const [yes, no] = broker.getFills();
    expect(s(yes?.price)).toBe("40");
    expect(s(no?.price)).toBe("60");
    expect(no?.outcome).toBe("no");
    expect(s(broker.getCash())).toBe("9990"); // 4 + 6
    feed(flat("KXBTC", 2, 70));
    const acct = broker.getAccount();
    expect(acct.positions.map((p) => `${p.outcome}:${p.quantity.toFixed()}`)).toEqual(["yes:10", "no:10"]);
    expect(s(acct.equity)).toBe("10000"); // 7 + 3: a yes/no pair is always worth 1 per contract
  });

  it("NO prices are exact decimals (100 − 87.66 = 12.34, not a float artefact)", () => {
    const { broker, feed } = setup();
    feed(flat("KXBTC", 0, 87.66));
    broker.placeOrder(req("KXBTC", "buy", "3", { outcome: "no" }));
    feed(flat("KXBTC", 1, 87.66));
    expect(s(broker.getFills()[0]?.price)).toBe("12.34");
    expect(s(broker.getCash())).toBe("9999.6298");
    expect(s(broker.getAccount().equity)).toBe("10000");
  });

  it("NO limit orders compare against 100 − the YES bar (high/low swap)", () => {
    const { broker, feed } = setup();
    feed(flat("KXBTC", 0, 50));
    broker.placeOrder(req("KXBTC", "buy", "1", { outcome: "no", type: "limit", limitPrice: "45" }));
    feed(bar("KXBTC", 1, 50, 54, 48, 52)); // NO low = 100 − 54 = 46: not touched
    expect(broker.getFills()).toHaveLength(0);
    feed(bar("KXBTC", 2, 52, 56, 51, 53)); // NO low = 44 ≤ 45
    expect(s(broker.getFills()[0]?.price)).toBe("45");
  });

  it("slippage is clamped to [1, 99] cents; binary outcomes cannot be sold short; an outcome is required", () => {
    const { broker, feed } = setup({ slippageBps: 1000, allowShort: true });
    feed(flat("KXBTC", 0, 95));
    broker.placeOrder(req("KXBTC", "buy", "1", { outcome: "yes" })); // 95 × 1.1 = 104.5 → 99
    feed(flat("KXBTC", 1, 95));
    expect(s(broker.getFills()[0]?.price)).toBe("99");
    expect(broker.placeOrder(req("KXBTC", "sell", "1", { outcome: "no" })).statusReason).toBe(
      "insufficient_position",
    );
    expect(broker.placeOrder(req("KXBTC", "buy", "1")).statusReason).toBe("outcome_required");
    expect(broker.placeOrder(req("NVDA", "buy", "1", { outcome: "yes" })).statusReason).toBe(
      "outcome_not_applicable",
    );
    broker.placeOrder(req("KXBTC", "sell", "1", { outcome: "yes" })); // 0.5 × 0.9 = 0.45 → 1
    feed(flat("KXBTC", 2, 0.5));
    expect(s(broker.getFills()[1]?.price)).toBe("1");
  });

  it("settle pays 100 per winning contract and closes both outcomes", () => {
    const { broker, feed } = setup();
    feed(flat("KXBTC", 0, 30));
    broker.placeOrder(req("KXBTC", "buy", "10", { outcome: "yes" }));
    broker.placeOrder(req("KXBTC", "buy", "5", { outcome: "no" }));
    feed(flat("KXBTC", 1, 30));
    expect(s(broker.getCash())).toBe("9993.5"); // 3 + 3.5
    broker.settle("KXBTC", 100);
    expect(s(broker.getCash())).toBe("10003.5");
    expect(broker.getPositions()).toHaveLength(0);
  });
});

describe("onBar robustness", () => {
  it("bars of another timeframe update the price only; duplicate or older bars never fill twice", () => {
    const { broker, feed } = setup({ maxVolumeParticipation: 0.1 });
    feed(flat("NVDA", 0, 100, 20));
    broker.placeOrder(req("NVDA", "buy", "4"));
    const b1 = flat("NVDA", 1, 100, 20);
    feed(b1);
    broker.onBar(b1);
    broker.onBar(flat("NVDA", 0, 100, 20));
    expect(broker.getFills().map((f) => f.quantity.toFixed())).toEqual(["2"]);
    feed(bar("NVDA", 0, 100, 110, 90, 108, 1e9, "1h"));
    expect(broker.getFills()).toHaveLength(1);
    expect(broker.getLastPrice("NVDA")).toBe(108);
  });

  it("a forming bar (closed: false) updates the price but never fills", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    broker.placeOrder(req("NVDA", "buy", "1"));
    broker.onBar({ ...flat("NVDA", 1, 90), closed: false });
    expect(broker.getFills()).toHaveLength(0);
    expect(broker.getLastPrice("NVDA")).toBe(90);
    feed(flat("NVDA", 1, 95));
    expect(s(broker.getFills()[0]?.price)).toBe("95");
  });

  it("fillTimeframe selects which bars drive fills", () => {
    const { broker, feed } = setup({ fillTimeframe: "5m" });
    feed(flat("NVDA", 0, 100));
    broker.placeOrder(req("NVDA", "buy", "1"));
    feed(flat("NVDA", 1, 101));
    expect(broker.getFills()).toHaveLength(0);
    feed(bar("NVDA", 5, 102, 102, 102, 102, 1000, "5m"));
    expect(s(broker.getFills()[0]?.price)).toBe("102");
  });

  it("orders placed by a fill listener during onBar wait for a later bar (next_open)", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    broker.on("fill", (f) => {
      if (f.side === "buy") broker.placeOrder(req("NVDA", "sell", f.quantity.toFixed()));
    });
    broker.placeOrder(req("NVDA", "buy", "3"));
    feed(flat("NVDA", 1, 100));
    expect(broker.getFills()).toHaveLength(1);
    feed(flat("NVDA", 2, 105));
    expect(broker.getFills().map((f) => `${f.side}@${f.price.toFixed()}`)).toEqual(["buy@100", "sell@105"]);
  });

  it("without a clock, now is the latest bar close seen", () => {
    const b = createPaperBroker({
      currency: "USD",
      initialCash: "1000",
      instruments: [NVDA],
    });
    b.onBar(flat("NVDA", 0, 10));
    const o = b.placeOrder(req("NVDA", "buy", "1"));
    expect(o.createdAt).toBe(T0 + MIN);
    b.onBar(flat("NVDA", 1, 11));
    expect(b.getFills()[0]?.timestamp).toBe(T0 + MIN);
    expect(b.getAccount().timestamp).toBe(T0 + 2 * MIN);
  });

  it("reset restores the initial state", () => {
    const { broker, feed } = setup();
    feed(flat("NVDA", 0, 100));
    broker.placeOrder(req("NVDA", "buy", "3"));
    feed(flat("NVDA", 1, 100));
    broker.reset();
    expect(broker.getOrders()).toHaveLength(0);
    expect(broker.getFills()).toHaveLength(0);
    expect(s(broker.getCash())).toBe("10000");
    expect(broker.getLastPrice("NVDA")).toBeUndefined();
  });
});

describe("venue precision", () => {
  it("fees are charged rounded up to feeDecimalPlaces (default 8); null keeps the exact product", () => {
    for (const [places, expected] of [
      [undefined, "0.00000011"], // 1 × 0.0011 × 0.0001 = 0.00000011 exactly
      [4, "0.0001"], // rounded up, never down to zero
      [null, "0.00000011"],
    ] as const) {
      const { broker, feed } = setup({
        feeBps: 1,
        ...(places === undefined ? {} : { feeDecimalPlaces: places }),
      });
      feed(flat("NVDA", 0, 0.0011));
      broker.placeOrder(req("NVDA", "buy", "1"));
      feed(flat("NVDA", 1, 0.0011));
      expect(s(broker.getFills()[0]?.fee)).toBe(expected);
    }
    const { broker, feed } = setup({ feeBps: 3 });
    feed(flat("NVDA", 0, 100.37));
    broker.placeOrder(req("NVDA", "buy", "7"));
    feed(flat("NVDA", 1, 100.37));
    // 7 × 100.37 = 702.59; × 0.0003 = 0.210777 (≤ 8 places: unchanged)
    expect(s(broker.getFills()[0]?.fee)).toBe("0.210777");
  });

  it("a fill capped by buying power leaves room for the rounded-up fee (cash never below zero)", () => {
    const { broker, feed } = setup({ feeBps: 7.5, feeDecimalPlaces: 2, initialCash: "900.675" });
    feed(flat("NVDA", 0, 99));
    // at 99: 891 + fee 0.66825 → 0.67 = 891.67 ≤ 900.675, accepted
    broker.placeOrder(req("NVDA", "buy", "9"));
    // fills at 100: 9 would cost 900 + 0.675 → 0.68 = 900.68 > 900.675; the estimate (room / 100.075)
    // says 9, so one lot is given back: 8 cost 800 + 0.60
    feed(flat("NVDA", 1, 100));
    const fill = broker.getFills()[0] as Fill;
    expect(s(fill.quantity)).toBe("8");
    expect(s(fill.fee)).toBe("0.6");
    expect(s(broker.getCash())).toBe("100.075");
  });
});

describe("exits of a fully invested account", () => {
  it("selling a long needs no free cash: the proceeds pay the fee (seed 002: exits always pass)", () => {
    const { broker, feed } = setup({ fillAt: "close", feeBps: 10, initialCash: "1001" });
    feed(flat("NVDA", 0, 100));
    broker.placeOrder(req("NVDA", "buy", "10")); // 1000 + fee 1 = all the cash
    expect(s(broker.getCash())).toBe("0");
    feed(flat("NVDA", 1, 90));
    const sell = broker.placeOrder(req("NVDA", "sell", "10"));
    expect(sell.status).toBe("filled");
    // 900 in, fee 0.9 netted from the proceeds
    expect(s(broker.getCash())).toBe("899.1");
    expect(broker.getPositions()).toHaveLength(0);
  });

  it("a resting limit sell that only reduces reserves no cash", () => {
    const { broker, feed } = setup({ feeBps: 10, initialCash: "2000" });
    feed(flat("NVDA", 0, 100));
    broker.placeOrder(req("NVDA", "buy", "10"));
    feed(flat("NVDA", 1, 100));
    const before = broker.getAccount().buyingPower.toFixed();
    expect(before).toBe("999");
    broker.placeOrder(req("NVDA", "sell", "10", { type: "limit", limitPrice: "120" }));
    expect(broker.getAccount().buyingPower.toFixed()).toBe(before);
  });
});

describe("fill history", () => {
  /** A broker that has filled `n` one-share market orders at the close (buys, then sells). */
  const trade = (n: number, fillHistory?: number | "all") => {
    const { broker, feed } = setup({
      fillAt: "close",
      ...(fillHistory === undefined ? {} : { fillHistory }),
    });
    feed(flat("NVDA", 0, 100));
    const emitted: Fill[] = [];
    broker.on("fill", (f) => emitted.push(f));
    for (let i = 0; i < n; i++) broker.placeOrder(req("NVDA", i % 2 === 0 ? "buy" : "sell", "1"));
    return { broker, emitted };
  };

  it('keeps every fill by default ("all")', () => {
    const { broker, emitted } = trade(25);
    expect(emitted).toHaveLength(25);
    expect(broker.getFills()).toEqual(emitted);
    expect(trade(25, "all").broker.getFills()).toHaveLength(25);
  });

  it("a count keeps the latest that many, in order, while every fill is still applied and emitted", () => {
    for (const keep of [1, 3, 7]) {
      const { broker, emitted } = trade(40, keep);
      expect(emitted).toHaveLength(40);
      expect(broker.getFills()).toEqual(emitted.slice(-keep));
      expect(broker.getFills()[keep - 1]).toBe(emitted[39]);
      expect(s(broker.getCash())).toBe("10000");
      expect(broker.getOrders()).toHaveLength(40);
    }
    const { broker, emitted } = trade(2, 5);
    expect(broker.getFills()).toEqual(emitted);
  });

  it("0 keeps none; reset() empties the history; bad values are refused naming the field", () => {
    const { broker, emitted } = trade(6, 0);
    expect(emitted).toHaveLength(6);
    expect(broker.getFills()).toEqual([]);
    const kept = trade(6, 4).broker;
    kept.reset();
    expect(kept.getFills()).toEqual([]);
    for (const bad of [-1, 1.5, "some"])
      expect(() => setup({ fillHistory: bad as number })).toThrowError(/fillHistory/);
  });

  it("the history after every fill equals the last `fillHistory` fills emitted so far", () => {
    const { broker, feed } = setup({ fillAt: "close", fillHistory: 3 });
    feed(flat("NVDA", 0, 100));
    const emitted: Fill[] = [];
    broker.on("fill", (f) => emitted.push(f));
    for (let i = 0; i < 20; i++) {
      broker.placeOrder(req("NVDA", i % 2 === 0 ? "buy" : "sell", "1"));
      expect(broker.getFills()).toEqual(emitted.slice(-3));
    }
  });
});

describe("order snapshots", () => {
  /** Core's Order keys in the order the broker writes them (optional ones only when present). */
  const ORDER_KEYS = [
    "clientOrderId",
    "strategyId",
    "instrumentId",
    "side",
    "type",
    "timeInForce",
    "quantity",
    "reduceOnly",
    "metadata",
    "orderId",
    "status",
    "filledQuantity",
    "createdAt",
    "updatedAt",
    "outcome",
    "limitPrice",
    "stopPrice",
    "signalId",
    "averageFillPrice",
    "statusReason",
  ];

  it("have the same keys in the same order whatever their shape (frozen, optional keys only when set)", () => {
    const { broker, feed } = setup({ fillAt: "close" });
    feed(flat("NVDA", 0, 100), flat("KXBTC", 0, 40));
    const updates: Order[] = [];
    broker.on("orderUpdate", (o) => updates.push(o));
    broker.placeOrder(req("NVDA", "buy", "1", { signalId: "sig-1" }));
    broker.placeOrder(req("NVDA", "buy", "1"));
    broker.placeOrder(req("NVDA", "buy", "1", { signalId: "sig-2", type: "limit", limitPrice: "90" }));
    broker.placeOrder(req("NVDA", "buy", "1000", { signalId: "sig-3" }));
    broker.placeOrder(req("KXBTC", "buy", "2", { signalId: "sig-4", outcome: "no" }));
    broker.cancelOrder({ orderId: "P-000003" });
    expect(updates.length).toBeGreaterThan(8);
    for (const o of updates) {
      expect(Object.isFrozen(o)).toBe(true);
      const keys = Object.keys(o);
      expect(keys).toEqual(ORDER_KEYS.filter((k) => keys.includes(k)));
      for (const k of keys) expect(o[k as keyof Order]).not.toBeUndefined();
    }
    const first = updates.filter((o) => o.clientOrderId === updates[0]?.clientOrderId);
    expect(first.map((o) => [o.status, o.signalId, s(o.averageFillPrice)])).toEqual([
      ["new", "sig-1", undefined],
      ["filled", "sig-1", "100"],
    ]);
  });
});
