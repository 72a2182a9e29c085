// Determinism (RELIABILITY 22): same seed and bars → byte-identical fills, orders, account and events.
import { toJsonValue } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { PAPER_STATUS_REASONS, type PaperBroker } from "../src/index.js";
import { runScenario } from "./scenario.js";

const config = {
  slippageBps: 3,
  spreadBps: 2,
  feeBps: 5,
  feePerOrder: "0.25",
  maxVolumeParticipation: 0.05,
  allowShort: true,
  faults: [
    { kind: "reject" as const, times: "always" as const, probability: 0.1 },
    { kind: "dropFillReport" as const, times: "always" as const, probability: 0.1 },
    { kind: "duplicateFill" as const, times: "always" as const, probability: 0.1 },
  ],
};

function run(seed: number, fillAt: "next_open" | "close"): { state: string; events: string } {
  const events: unknown[] = [];
  const attach = (b: PaperBroker) => {
    b.on("fill", (f) => events.push({ fill: f }));
    b.on("orderUpdate", (o) => events.push({ order: o }));
  };
  const broker = runScenario({ ...config, seed, fillAt }, 200, 1, attach);
  const state = JSON.stringify(
    toJsonValue({ fills: broker.getFills(), orders: broker.getOrders(), account: broker.getAccount() }),
  );
  return { state, events: JSON.stringify(toJsonValue(events)) };
}

describe("determinism", () => {
  it.each(["next_open", "close"] as const)("%s: same seed and bars → byte-identical JSON", (mode) => {
    const a = run(7, mode);
    const b = run(7, mode);
    expect(a.state).toBe(b.state);
    expect(a.events).toBe(b.events);
    const parsed = JSON.parse(a.state) as { fills: unknown[]; orders: Array<{ status: string }> };
    expect(parsed.fills.length).toBeGreaterThan(10);
    expect(new Set(parsed.orders.map((o) => o.status)).size).toBeGreaterThan(3);
    const reasons = new Set(parsed.orders.map((o) => (o as { statusReason?: string }).statusReason));
    reasons.delete(undefined);
    expect(reasons.size).toBeGreaterThan(3);
    for (const r of reasons) expect(PAPER_STATUS_REASONS as readonly (string | undefined)[]).toContain(r);
  });

  it("a different seed changes the probabilistic faults (the seed is really used)", () => {
    expect(run(7, "next_open").state).not.toBe(run(8, "next_open").state);
  });
});
