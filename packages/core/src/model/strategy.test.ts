// Tests of intents, signals, consensus events, strategy state and decision records.
import { describe, expect, it } from "vitest";
import {
  consensusWire,
  decisionWire,
  intentWire,
  signalWire,
  strategyStateWire,
} from "../../test/fixtures.js";
import { expectInvalidAt, expectRoundTrip, withFields } from "../../test/schema-helpers.js";
import {
  ConsensusEventSchema,
  DecisionRecordSchema,
  SKIP_REASONS,
  StrategyIntentSchema,
  StrategySignalSchema,
  StrategyStateSchema,
} from "./strategy.js";

describe("StrategyIntentSchema", () => {
  it("round-trips an intent with an exposure target", () => {
    const intent = expectRoundTrip(StrategyIntentSchema, intentWire, "StrategyIntent");
    expect(intent.desiredExposureUsd?.toFixed()).toBe("2500");
    expect(intent.desiredQuantity).toBeNull();
  });

  it("defaults both sizes to null (risk engine sizes) and metadata to {}", () => {
    const intent = expectRoundTrip(StrategyIntentSchema, {
      strategyId: "weather",
      instrumentId: "KX",
      side: "no",
      intentType: "enter",
      confidence: 1,
      timeframe: "1h",
      generatedAt: 0,
      signalId: "weather:KX:0",
    });
    expect(intent.desiredExposureUsd).toBeNull();
    expect(intent.desiredQuantity).toBeNull();
    expect(intent.metadata).toEqual({});
  });

  it("round-trips a flat exit with a desired quantity of 0", () => {
    const intent = expectRoundTrip(
      StrategyIntentSchema,
      withFields(intentWire, {
        side: "flat",
        intentType: "exit",
        desiredExposureUsd: null,
        desiredQuantity: "0",
        limitPrice: undefined,
      }),
    );
    expect(intent.desiredQuantity?.isZero()).toBe(true);
  });

  it.each([
    ["confidence above 1", { confidence: 1.5 }, "confidence"],
    ["confidence as a string", { confidence: "0.5" }, "confidence"],
    ["two-day timeframe", { timeframe: "2d" }, "timeframe"],
    ["negative exposure", { desiredExposureUsd: "-5" }, "desiredExposureUsd"],
    ["NaN quantity", { desiredQuantity: "NaN" }, "desiredQuantity"],
    ["zero limit price", { limitPrice: "0" }, "limitPrice"],
    ["fractional priority", { priority: 1.5 }, "priority"],
    ["control character in signal id", { signalId: "a\u0007b" }, "signalId"],
    ["unknown side", { side: "buy" }, "side"],
    ["unknown intent type", { intentType: "open" }, "intentType"],
    ["empty signal type", { signalType: "" }, "signalType"],
    ["snake_case field from the seed", { desired_exposure_usd: "1" }, "desired_exposure_usd"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(StrategyIntentSchema, withFields(intentWire, patch), path);
  });
});

describe("StrategySignalSchema", () => {
  it("round-trips a skipped signal with its reason and context", () => {
    const s = expectRoundTrip(StrategySignalSchema, signalWire, "StrategySignal");
    expect(s.skipReason).toBe("risk_blocked");
    expect(s.context).toEqual({ concurrentStrategies: ["momentum"], category: "crypto" });
  });

  it("round-trips an executed signal; skipReason defaults to null", () => {
    const s = expectRoundTrip(
      StrategySignalSchema,
      withFields(signalWire, { executed: true, skipReason: undefined, context: undefined }),
    );
    expect(s.skipReason).toBeNull();
    expect(s.context).toEqual({});
  });

  it("accepts every known skip reason", () => {
    for (const skipReason of SKIP_REASONS)
      expectRoundTrip(StrategySignalSchema, { ...signalWire, skipReason });
  });

  it.each([
    ["empty skip reason", { skipReason: "" }, "skipReason"],
    ["missing executed", { executed: undefined }, "executed"],
    ["over-long signal type", { signalType: "x".repeat(33) }, "signalType"],
    ["negative confidence", { confidence: -0.1 }, "confidence"],
    ["timestamp in seconds as a string", { timestamp: "1700000000" }, "timestamp"],
    ["context as a string", { context: "n/a" }, "context"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(StrategySignalSchema, withFields(signalWire, patch), path);
  });
});

describe("ConsensusEventSchema", () => {
  it("round-trips a consensus event", () => {
    expect(expectRoundTrip(ConsensusEventSchema, consensusWire, "ConsensusEvent").strategies).toHaveLength(2);
  });

  it.each([
    ["a single strategy", { strategies: ["weather"] }, "strategies"],
    ["an empty second signal id", { signalIds: ["a", ""] }, "signalIds[1]"],
    ["combined confidence below 0", { combinedConfidence: -0.1 }, "combinedConfidence"],
    ["a missing event id", { eventId: undefined }, "eventId"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(ConsensusEventSchema, withFields(consensusWire, patch), path);
  });
});

describe("StrategyStateSchema", () => {
  it("round-trips a running strategy with positions and P&L", () => {
    const s = expectRoundTrip(StrategyStateSchema, strategyStateWire, "StrategyState");
    expect(s.currentPositions[0]?.quantity.toFixed()).toBe("30");
    expect(s.pnlSummary?.netPnl.toFixed()).toBe("2.15");
  });

  it("fills defaults for a fresh strategy", () => {
    const s = expectRoundTrip(StrategyStateSchema, { strategyId: "s", status: "idle", enabled: false });
    expect(s).toMatchObject({
      shutdownRequested: false,
      lastIntentsAt: null,
      lastActionsAt: null,
      error: null,
      currentPositions: [],
      pnlSummary: null,
    });
  });

  it.each([
    [
      "negative position quantity",
      { currentPositions: [{ instrumentId: "X", quantity: "-1", side: "long" }] },
      "currentPositions[0].quantity",
    ],
    [
      "bad position side",
      { currentPositions: [{ instrumentId: "X", quantity: "1", side: "up" }] },
      "currentPositions[0].side",
    ],
    ["unknown status", { status: "sleeping" }, "status"],
    [
      "bad P&L field",
      { pnlSummary: { ...strategyStateWire.pnlSummary, totalContracts: "-1" } },
      "pnlSummary.totalContracts",
    ],
    ["enabled as a string", { enabled: "true" }, "enabled"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(StrategyStateSchema, withFields(strategyStateWire, patch), path);
  });
});

describe("DecisionRecordSchema", () => {
  it("round-trips a decision record", () => {
    expect(expectRoundTrip(DecisionRecordSchema, decisionWire, "DecisionRecord").blockedActionsCount).toBe(1);
  });

  it("defaults orders, signal ids and notes", () => {
    const d = expectRoundTrip(
      DecisionRecordSchema,
      withFields(decisionWire, { ordersSubmitted: undefined, signalIds: undefined, notes: undefined }),
    );
    expect(d).toMatchObject({ ordersSubmitted: 0, signalIds: [], notes: "" });
  });

  it.each([
    ["negative actions count", { actionsCount: -1 }, "actionsCount"],
    ["empty signal id", { signalIds: [""] }, "signalIds[0]"],
    ["time as text", { time: "now" }, "time"],
    ["missing kill switch flag", { killSwitchActive: undefined }, "killSwitchActive"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(DecisionRecordSchema, withFields(decisionWire, patch), path);
  });
});
