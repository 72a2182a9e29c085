// Tests of the typed Quiver event emitter.
import { describe, expect, expectTypeOf, it } from "vitest";
import { Decimal } from "./decimal.js";
import { QuiverEmitter, createEmitter } from "./events.js";
import type { Fill } from "./model/order.js";
import type { RiskEvent } from "./model/risk.js";

const fill: Fill = {
  tradeId: "t-1",
  orderId: "o-1",
  instrumentId: "ETH/BTC",
  side: "buy",
  quantity: new Decimal("1.5"),
  price: new Decimal("0.05"),
  fee: new Decimal(0),
  timestamp: 1_700_000_000_000,
};

describe("QuiverEmitter", () => {
  it("delivers typed payloads to every listener in registration order", () => {
    const events = createEmitter();
    expect(events).toBeInstanceOf(QuiverEmitter);
    const seen: string[] = [];
    events.on("fill", (f) => {
      expectTypeOf(f).toEqualTypeOf<Fill>();
      seen.push(`a:${f.tradeId}:${f.quantity.toFixed()}`);
    });
    events.on("fill", (f) => seen.push(`b:${f.tradeId}`));
    expect(events.emit("fill", fill)).toBe(true);
    expect(seen).toEqual(["a:t-1:1.5", "b:t-1"]);
  });

  it("once, off and listenerCount behave like eventemitter3", () => {
    const events = createEmitter();
    const kills: RiskEvent[] = [];
    const onKill = (e: RiskEvent) => kills.push(e);
    events.once("killSwitchOn", onKill);
    const on: RiskEvent = { type: "kill_switch_on", at: 1, reasons: ["daily_drawdown"], details: {} };
    events.emit("killSwitchOn", on);
    events.emit("killSwitchOn", on);
    expect(kills).toEqual([on]);
    events.on("killSwitchOff", onKill);
    expect(events.listenerCount("killSwitchOff")).toBe(1);
    events.off("killSwitchOff", onKill);
    expect(events.emit("killSwitchOff", { ...on, type: "kill_switch_off" })).toBe(false);
    expect(kills).toHaveLength(1);
  });

  it("keeps event names apart", () => {
    const events = createEmitter();
    const seen: string[] = [];
    events.on("strategyStatus", (e) => seen.push(`${e.strategyId}:${e.previous}->${e.status}`));
    events.on("drift", (e) => seen.push(`drift:${e.instrumentIds.join(",")}`));
    events.emit("strategyStatus", { strategyId: "s1", status: "paused", previous: "running", at: 5 });
    events.emit("drift", { at: 6, instrumentIds: ["BTC/USD"], details: {} });
    expect(seen).toEqual(["s1:running->paused", "drift:BTC/USD"]);
  });

  it("gives each emitter its own listeners (no singleton)", () => {
    const a = createEmitter();
    const b = createEmitter();
    let count = 0;
    a.on("fill", () => count++);
    b.emit("fill", fill);
    expect(count).toBe(0);
  });
});
