// RecordingBroker: records calls, scripted faults, fills on demand, client-id uniqueness among open orders.
import { BrokerError, type OrderRequest, VirtualClock, dec } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { RecordingBroker } from "./recording-broker.js";

function req(clientOrderId: string, quantity = "10"): OrderRequest {
  return {
    clientOrderId,
    strategyId: "s1",
    instrumentId: "AAPL",
    side: "buy",
    type: "market",
    timeInForce: "gtc",
    quantity: dec(quantity),
    reduceOnly: false,
    metadata: {},
  };
}

describe("RecordingBroker", () => {
  it("records every call and keeps orders", () => {
    const b = new RecordingBroker();
    const o = b.placeOrder(req("c1"));
    expect(o).toMatchObject({ status: "new", clientOrderId: "c1" });
    b.getOpenOrders();
    expect(b.calls.map((c) => c.method)).toEqual(["placeOrder", "getOpenOrders"]);
    expect(b.count("placeOrder")).toBe(1);
  });

  it("refuses a client order id that belongs to an OPEN order, but creates a second order once the first is terminal (Kraken/Kalshi)", () => {
    const b = new RecordingBroker({ prices: { AAPL: 100 } });
    b.placeOrder(req("dup"));
    expect(() => b.placeOrder(req("dup"))).toThrow(BrokerError);
    try {
      b.placeOrder(req("dup"));
    } catch (e) {
      expect((e as BrokerError).retryable).toBe(false);
      expect((e as BrokerError).venueCode).toBe("DUPLICATE_CLIENT_ORDER_ID");
    }
    b.fill({ clientOrderId: "dup" });
    b.placeOrder(req("dup"));
    expect(b.ordersWithClientId("dup")).toHaveLength(2);
  });

  it("timeoutAfterAccept stores the order and throws an unknown-outcome BrokerError; lookup by client id finds it", () => {
    const b = new RecordingBroker();
    b.scriptPlaceOrder({ kind: "timeoutAfterAccept" });
    let err: unknown;
    try {
      b.placeOrder(req("c9"));
    } catch (e) {
      err = e;
    }
    expect(BrokerError.isBrokerError(err) && err.unknownOutcome).toBe(true);
    expect(b.orders).toHaveLength(1);
    expect(b.getOrder({ clientOrderId: "c9" })).toMatchObject({ clientOrderId: "c9", status: "new" });
  });

  it("retryable and definite errors store nothing; reject returns a rejected order", () => {
    const b = new RecordingBroker();
    b.scriptPlaceOrder(
      { kind: "retryable" },
      { kind: "error" },
      { kind: "reject", reason: "insufficient funds" },
    );
    expect(() => b.placeOrder(req("a"))).toThrow(expect.objectContaining({ retryable: true }));
    expect(() => b.placeOrder(req("b"))).toThrow(expect.objectContaining({ retryable: false }));
    expect(b.placeOrder(req("c"))).toMatchObject({ status: "rejected", statusReason: "insufficient funds" });
    expect(b.orders.map((o) => o.clientOrderId)).toEqual(["c"]);
  });

  it("partial fills update the order, position and cash and emit fill then orderUpdate", () => {
    const b = new RecordingBroker({ cash: 10_000, prices: { AAPL: 100 } });
    const events: string[] = [];
    b.on("fill", (f) => events.push(`fill:${f.quantity.toFixed()}`));
    b.on("orderUpdate", (o) => events.push(`order:${o.status}`));
    b.placeOrder(req("p", "10"));
    b.fill({ clientOrderId: "p" }, { quantity: 4 });
    expect(b.getOrder({ clientOrderId: "p" })).toMatchObject({ status: "partially_filled" });
    b.fill({ clientOrderId: "p" }, { price: 110 });
    expect(events).toEqual(["fill:4", "order:partially_filled", "fill:6", "order:filled"]);
    const o = b.getOrder({ clientOrderId: "p" });
    expect(o && "averageFillPrice" in o && o.averageFillPrice?.toFixed()).toBe("106");
    const acct = b.getAccount();
    expect("cash" in acct && acct.cash.toFixed()).toBe(String(10_000 - 400 - 660));
    expect(b.getPositions()).toEqual([expect.objectContaining({ instrumentId: "AAPL", quantity: dec(10) })]);
    expect(() => b.fill({ clientOrderId: "p" })).toThrow();
  });

  it("autoFill fills market orders inside placeOrder", () => {
    const b = new RecordingBroker({ prices: { AAPL: 50 }, autoFill: true });
    const o = b.placeOrder(req("x", "2"));
    expect(o).toMatchObject({ status: "filled" });
    expect(b.fills).toHaveLength(1);
  });

  it("with latency, answers through promises settled by the clock", async () => {
    const clock = new VirtualClock(1000);
    const b = new RecordingBroker({ clock, latencyMs: 500 });
    const p = b.placeOrder(req("l"));
    expect(p).toBeInstanceOf(Promise);
    let done = false;
    (p as Promise<unknown>).then(() => {
      done = true;
    });
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advanceBy(500);
    await expect(p).resolves.toMatchObject({ clientOrderId: "l", createdAt: 1000 });
  });

  it("failNextLookups makes getOrder fail retryably n times", () => {
    const b = new RecordingBroker();
    b.placeOrder(req("q"));
    b.failNextLookups(1);
    expect(() => b.getOrder({ clientOrderId: "q" })).toThrow(expect.objectContaining({ retryable: true }));
    expect(b.getOrder({ clientOrderId: "q" })).not.toBeNull();
  });

  it("duplicateFill re-emits the same trade id", () => {
    const b = new RecordingBroker({ prices: { AAPL: 1 } });
    b.placeOrder(req("d"));
    const f = b.fill({ clientOrderId: "d" });
    const seen: string[] = [];
    b.on("fill", (x) => seen.push(x.tradeId));
    b.duplicateFill(f.tradeId);
    expect(seen).toEqual([f.tradeId]);
  });
});
