// Consensus detection: inclusive 60 s window, different strategies only, max confidence.
import type { StrategySignal } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { ConsensusDetector } from "./consensus.js";

function sig(strategyId: string, t: number, confidence = 0.5, instrumentId = "X"): StrategySignal {
  return {
    signalId: `${strategyId}:${instrumentId}:${t}`,
    strategyId,
    instrumentId,
    signalType: "entry",
    timestamp: t,
    confidence,
    signalData: {},
    executed: true,
    skipReason: null,
    context: {},
  };
}

describe("ConsensusDetector", () => {
  it("fires when another strategy fired exactly 60 s before (inclusive edge)", () => {
    const d = new ConsensusDetector(60_000);
    expect(d.onExecuted(sig("a", 0, 0.6))).toBeNull();
    const c = d.onExecuted(sig("b", 60_000, 0.8));
    expect(c).toMatchObject({
      strategies: ["b", "a"],
      signalIds: ["b:X:60000", "a:X:0"],
      combinedConfidence: 0.8,
    });
  });

  it("does not fire 1 ms past the window, nor at 61 s", () => {
    const d = new ConsensusDetector(60_000);
    d.onExecuted(sig("a", 0));
    expect(d.onExecuted(sig("b", 60_001))).toBeNull();
    const e = new ConsensusDetector(60_000);
    e.onExecuted(sig("a", 0));
    expect(e.onExecuted(sig("b", 61_000))).toBeNull();
  });

  it("ignores the same strategy and other instruments", () => {
    const d = new ConsensusDetector(60_000);
    d.onExecuted(sig("a", 0));
    expect(d.onExecuted(sig("a", 1_000))).toBeNull();
    expect(d.onExecuted(sig("b", 2_000, 0.5, "Y"))).toBeNull();
    expect(d.onExecuted(sig("c", 3_000))?.strategies).toEqual(["c", "a"]);
  });
});
