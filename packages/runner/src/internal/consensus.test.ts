// Consensus detection: inclusive 60 s window, different strategies only, max confidence.
import type { StrategySignal } from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConsensusDetector, consensusDirection } from "./consensus.js";

function sig(
  strategyId: string,
  t: number,
  confidence = 0.5,
  instrumentId = "X",
  signalData: Record<string, unknown> = {},
): StrategySignal {
  return {
    signalId: `${strategyId}:${instrumentId}:${t}`,
    strategyId,
    instrumentId,
    signalType: "entry",
    timestamp: t,
    confidence,
    signalData,
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

  it("requires the same direction: an entry and another strategy's exit are no consensus", () => {
    const enterLong = { intentType: "enter", side: "long" };
    const d = new ConsensusDetector(60_000);
    d.onExecuted(sig("a", 0, 0.5, "X", enterLong));
    expect(d.onExecuted(sig("b", 1_000, 0.5, "X", { intentType: "exit", side: "flat" }))).toBeNull();
    // an entry on the other side is no consensus either
    expect(d.onExecuted(sig("c", 2_000, 0.5, "X", { intentType: "enter", side: "short" }))).toBeNull();
    // increasing the same side agrees with entering it
    expect(
      d.onExecuted(sig("e", 3_000, 0.5, "X", { intentType: "increase", side: "long" }))?.strategies,
    ).toEqual(["e", "a"]);
    // exits agree with exits (and reduces), whatever the side named
    expect(
      d.onExecuted(sig("f", 4_000, 0.5, "X", { intentType: "reduce", side: "long" }))?.strategies,
    ).toEqual(["f", "b"]);
  });

  it("property: a consensus only ever joins signals of one direction", () => {
    const types = ["enter", "increase", "exit", "reduce"] as const;
    const sides = ["long", "short", "yes", "no", "flat"] as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            s: fc.integer({ min: 0, max: 3 }),
            dt: fc.integer({ min: 0, max: 30_000 }),
            type: fc.constantFrom(...types),
            side: fc.constantFrom(...sides),
          }),
          { maxLength: 30 },
        ),
        (xs) => {
          const d = new ConsensusDetector(60_000);
          const dirs = new Map<string, string>();
          let t = 0;
          xs.forEach((x, i) => {
            t += x.dt;
            const s = sig(`s${x.s}`, t, 0.5, "X", { intentType: x.type, side: x.side });
            const signal = { ...s, signalId: `${i}` };
            const dir = consensusDirection(signal);
            dirs.set(signal.signalId, dir);
            const c = d.onExecuted(signal);
            if (c) for (const id of c.signalIds) expect(dirs.get(id)).toBe(dir);
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});
