// Scripted faults (RELIABILITY rows 5, 6, 9, 11): reject, timeout after accept, dropped and duplicated fills, retryable throws.
import { BrokerError, type Fill } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { flat, req, s, setup } from "./fixtures.js";

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("scripted faults", () => {
  it("reject by call index: only that call is rejected, with the scripted reason", () => {
    const { broker } = setup({ faults: [{ kind: "reject", callIndex: 1, reason: "venue_halted" }] });
    const a = broker.placeOrder(req("NVDA", "buy", "1", { type: "limit", limitPrice: "10" }));
    const b = broker.placeOrder(req("NVDA", "buy", "1", { type: "limit", limitPrice: "10" }));
    const c = broker.placeOrder(req("NVDA", "buy", "1", { type: "limit", limitPrice: "10" }));
    expect([a.status, b.status, c.status]).toEqual(["new", "rejected", "new"]);
    expect(b.statusReason).toBe("venue_halted");
  });

  it("reject by predicate: the next matching order only (times defaults to 1)", () => {
    const { broker } = setup({ faults: [{ kind: "reject", when: (r) => r.instrumentId === "TSLA" }] });
    expect(broker.placeOrder(req("NVDA", "buy", "1", { type: "limit", limitPrice: "10" })).status).toBe(
      "new",
    );
    expect(broker.placeOrder(req("TSLA", "buy", "1", { type: "limit", limitPrice: "10" })).statusReason).toBe(
      "scripted_reject",
    );
    expect(broker.placeOrder(req("TSLA", "buy", "1", { type: "limit", limitPrice: "10" })).status).toBe(
      "new",
    );
  });

  it("timeoutAfterAccept: unknown outcome thrown, order stored; lookup and resend by client id never doubles (rows 5, 6)", () => {
    const { broker, feed } = setup({ faults: [{ kind: "timeoutAfterAccept", callIndex: 0 }] });
    feed(flat("NVDA", 0, 100));
    const r = req("NVDA", "buy", "10");
    const err = thrown(() => broker.placeOrder(r));
    expect(BrokerError.isBrokerError(err)).toBe(true);
    expect((err as BrokerError).unknownOutcome).toBe(true);
    expect((err as BrokerError).retryable).toBe(false);
    const found = broker.getOrder({ clientOrderId: r.clientOrderId });
    expect(found?.status).toBe("new");
    expect(broker.placeOrder(r)).toBe(found);
    feed(flat("NVDA", 1, 100));
    expect(broker.placeOrder(r).status).toBe("filled");
    expect(broker.getOrders()).toHaveLength(1);
    expect(s(broker.getPositions()[0]?.quantity)).toBe("10");
  });

  it("timeoutAfterAccept in close mode: the order may already be filled when the timeout is thrown", () => {
    const { broker, feed } = setup({ fillAt: "close", faults: [{ kind: "timeoutAfterAccept" }] });
    const fills: Fill[] = [];
    broker.on("fill", (f) => fills.push(f));
    feed(flat("NVDA", 0, 100));
    const r = req("NVDA", "buy", "3");
    expect((thrown(() => broker.placeOrder(r)) as BrokerError).unknownOutcome).toBe(true);
    expect(broker.getOrder({ clientOrderId: r.clientOrderId })?.status).toBe("filled");
    expect(fills).toHaveLength(1);
    expect(broker.placeOrder(r).status).toBe("filled");
    expect(broker.getFills()).toHaveLength(1);
  });

  it("dropFillReport: the fill is applied but not reported; getOrder and positions show it", () => {
    const { broker, feed } = setup({ faults: [{ kind: "dropFillReport", callIndex: 0 }] });
    const reported: Fill[] = [];
    broker.on("fill", (f) => reported.push(f));
    feed(flat("NVDA", 0, 100));
    const o = broker.placeOrder(req("NVDA", "buy", "10"));
    const other = broker.placeOrder(req("NVDA", "buy", "1"));
    feed(flat("NVDA", 1, 100));
    expect(reported.map((f) => f.orderId)).toEqual([other.orderId]);
    expect(broker.getOrder({ orderId: o.orderId })?.status).toBe("filled");
    expect(broker.getFills()).toHaveLength(2);
    expect(s(broker.getPositions()[0]?.quantity)).toBe("11");
    expect(s(broker.getCash())).toBe("8900");
  });

  it("duplicateFill: the same fill is emitted twice with one tradeId and applied once (row 11)", () => {
    const { broker, feed } = setup({ faults: [{ kind: "duplicateFill", when: (r) => r.side === "buy" }] });
    const reported: Fill[] = [];
    broker.on("fill", (f) => reported.push(f));
    feed(flat("NVDA", 0, 100));
    broker.placeOrder(req("NVDA", "buy", "10"));
    feed(flat("NVDA", 1, 100));
    expect(reported).toHaveLength(2);
    expect(reported[0]?.tradeId).toBe(reported[1]?.tradeId);
    expect(broker.getFills()).toHaveLength(1);
    expect(s(broker.getPositions()[0]?.quantity)).toBe("10");
  });

  it("throwRetryable: throws before accepting, nothing stored; the retry with the same client id succeeds", () => {
    const { broker } = setup({ faults: [{ kind: "throwRetryable", callIndex: 0, retryAfterMs: 250 }] });
    const r = req("NVDA", "buy", "1", { type: "limit", limitPrice: "10" });
    const err = thrown(() => broker.placeOrder(r));
    expect(BrokerError.isBrokerError(err)).toBe(true);
    expect((err as BrokerError).retryable).toBe(true);
    expect((err as BrokerError).unknownOutcome).toBe(false);
    expect((err as BrokerError).retryAfterMs).toBe(250);
    expect(broker.getOrder({ clientOrderId: r.clientOrderId })).toBeNull();
    expect(broker.getOrders()).toHaveLength(0);
    const ok = broker.placeOrder(r);
    expect(ok.status).toBe("new");
    expect(ok.orderId).toBe("P-000001");
  });

  it("times: 'always' keeps firing; addFault arms a fault at runtime", () => {
    const { broker } = setup();
    broker.addFault({ kind: "reject", times: "always", when: (r) => r.side === "sell" });
    broker.addFault({ kind: "reject", times: 2, reason: "twice" });
    const statuses = Array.from(
      { length: 4 },
      () =>
        broker.placeOrder(req("NVDA", "buy", "1", { type: "limit", limitPrice: "1" })).statusReason ?? "ok",
    );
    expect(statuses).toEqual(["twice", "twice", "ok", "ok"]);
    for (let i = 0; i < 3; i++)
      expect(broker.placeOrder(req("NVDA", "sell", "1")).statusReason).toBe("scripted_reject");
    expect(() => broker.addFault({ kind: "reject", probability: 2 } as never)).toThrowError(/probability/);
  });

  it("probabilistic faults are reproducible for a seed", () => {
    const run = (seed: number) => {
      const { broker } = setup({ seed, faults: [{ kind: "reject", times: "always", probability: 0.5 }] });
      return Array.from({ length: 40 }, () =>
        broker.placeOrder(req("NVDA", "buy", "1", { type: "limit", limitPrice: "1" })).status === "rejected"
          ? 1
          : 0,
      ).join("");
    };
    expect(run(11)).toBe(run(11));
    expect(run(11)).not.toBe(run(12));
    expect(run(11)).toMatch(/1/);
    expect(run(11)).toMatch(/0/);
  });

  it("reset re-arms the scripted faults", () => {
    const { broker } = setup({ faults: [{ kind: "reject", callIndex: 0 }] });
    expect(broker.placeOrder(req("NVDA", "buy", "1", { type: "limit", limitPrice: "1" })).status).toBe(
      "rejected",
    );
    broker.reset();
    expect(broker.placeOrder(req("NVDA", "buy", "1", { type: "limit", limitPrice: "1" })).status).toBe(
      "rejected",
    );
  });
});
