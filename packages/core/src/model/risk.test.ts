// Tests of the risk records: actions, events, plans, status, check results, context.
import { describe, expect, it } from "vitest";
import {
  actionWire,
  barWire,
  instrumentWire,
  planWire,
  riskCheckWire,
  riskContextWire,
  riskEventWire,
  riskStatusWire,
} from "../../test/fixtures.js";
import { expectInvalidAt, expectRoundTrip, withFields } from "../../test/schema-helpers.js";
import { Decimal } from "../decimal.js";
import {
  ExecutionPlanSchema,
  RiskAdjustedActionSchema,
  RiskCheckResultSchema,
  RiskContextSchema,
  RiskEventSchema,
  RiskStatusSchema,
} from "./risk.js";

describe("RiskAdjustedActionSchema", () => {
  it("round-trips a downsized action", () => {
    const a = expectRoundTrip(RiskAdjustedActionSchema, actionWire, "RiskAdjustedAction");
    expect(a.bindingLimit).toBe("max_per_asset_pct");
    expect(a.deltaBaseSize.toFixed()).toBe("1.5");
  });

  it("round-trips a blocked action with reasons and null side/price", () => {
    const a = expectRoundTrip(
      RiskAdjustedActionSchema,
      withFields(actionWire, {
        blocked: true,
        blockedReasons: ["kill_switch", "max_total_exposure"],
        actionType: "none",
        orderSide: null,
        referencePrice: null,
        targetBaseSize: "0",
        deltaBaseSize: "0",
      }),
    );
    expect(a.blockedReasons).toEqual(["kill_switch", "max_total_exposure"]);
  });

  it.each([
    ["negative target size", { targetBaseSize: "-1" }, "targetBaseSize"],
    ["order side hold", { orderSide: "hold" }, "orderSide"],
    ["confidence 2", { confidence: 2 }, "confidence"],
    ["numeric blocked reason", { blockedReasons: [1] }, "blockedReasons[0]"],
    ["unknown action type", { actionType: "flip" }, "actionType"],
    ["snake_case seed field", { target_base_size: "1" }, "target_base_size"],
    ["missing risk limits snapshot", { riskLimitsSnapshot: undefined }, "riskLimitsSnapshot"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(RiskAdjustedActionSchema, withFields(actionWire, patch), path);
  });
});

describe("RiskEventSchema", () => {
  it("round-trips a kill switch event and defaults details", () => {
    expectRoundTrip(RiskEventSchema, riskEventWire, "RiskEvent");
    expect(
      expectRoundTrip(RiskEventSchema, withFields(riskEventWire, { details: undefined })).details,
    ).toEqual({});
  });

  it.each([
    ["unknown type", { type: "boom" }, "type"],
    ["negative time", { at: -5 }, "at"],
    ["reasons not a list", { reasons: "daily_drawdown" }, "reasons"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(RiskEventSchema, withFields(riskEventWire, patch), path);
  });
});

describe("ExecutionPlanSchema", () => {
  it("round-trips a plan with actions and events", () => {
    const p = expectRoundTrip(ExecutionPlanSchema, planWire, "ExecutionPlan");
    expect(p.actions).toHaveLength(2);
    expect(p.actions[1]?.blocked).toBe(true);
  });

  it("round-trips an empty plan with defaults", () => {
    const p = expectRoundTrip(ExecutionPlanSchema, { planId: "p", generatedAt: 0, actions: [] });
    expect(p.events).toEqual([]);
    expect(p.metadata).toEqual({});
  });

  it.each([
    [
      "bad notional in the first action",
      { actions: [{ ...actionWire, targetNotionalUsd: "abc" }] },
      "actions[0].targetNotionalUsd",
    ],
    ["bad type of the first event", { events: [{ ...riskEventWire, type: "nope" }] }, "events[0].type"],
    ["missing plan id", { planId: undefined }, "planId"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(ExecutionPlanSchema, withFields(planWire, patch), path);
  });
});

describe("RiskStatusSchema", () => {
  it("round-trips a risk status", () => {
    const s = expectRoundTrip(RiskStatusSchema, riskStatusWire, "RiskStatus");
    expect(s.perAssetExposurePct).toEqual({ ETH: 20, BTC: 25.5 });
  });

  it("fills defaults", () => {
    const s = expectRoundTrip(RiskStatusSchema, {
      asOf: 0,
      killSwitchActive: false,
      dailyDrawdownPct: 0,
      driftFlag: false,
      totalExposurePct: 0,
      perAssetExposurePct: {},
      perStrategyExposurePct: {},
    });
    expect(s).toMatchObject({
      killSwitchReasons: [],
      openPositions: 0,
      marketsAtCombinedLimit: [],
      categoriesNearLimit: [],
    });
  });

  it.each([
    ["string exposure for an asset", { perAssetExposurePct: { BTC: "x" } }, "perAssetExposurePct.BTC"],
    ["NaN drawdown", { dailyDrawdownPct: Number.NaN }, "dailyDrawdownPct"],
    ["Infinity exposure", { totalExposurePct: Number.POSITIVE_INFINITY }, "totalExposurePct"],
    ["negative open positions", { openPositions: -1 }, "openPositions"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(RiskStatusSchema, withFields(riskStatusWire, patch), path);
  });
});

describe("RiskCheckResultSchema", () => {
  it("round-trips a check result", () => {
    expect(
      expectRoundTrip(RiskCheckResultSchema, riskCheckWire, "RiskCheckResult").maxContracts.toFixed(),
    ).toBe("25");
  });

  it.each([
    ["negative max contracts", { maxContracts: "-1" }, "maxContracts"],
    ["allowed as a string", { allowed: "yes" }, "allowed"],
    ["missing limiting factor", { limitingFactor: undefined }, "limitingFactor"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(RiskCheckResultSchema, withFields(riskCheckWire, patch), path);
  });
});

describe("RiskContextSchema", () => {
  it("round-trips a full context (instruments, bars, consensus, prices)", () => {
    const c = expectRoundTrip(RiskContextSchema, riskContextWire, "RiskContext");
    expect(c.prices["KXBTC-25DEC31-T100"]).toBeInstanceOf(Decimal);
    expect(c.instruments["ETH/BTC"]?.lotSize.toFixed()).toBe("0.001");
    expect(c.positions[1]?.strategyId).toBeNull();
  });

  it("round-trips a minimal context with defaults", () => {
    const c = expectRoundTrip(RiskContextSchema, {
      now: 0,
      equity: "0",
      cash: "0",
      buyingPower: "0",
      instruments: {},
    });
    expect(c).toMatchObject({
      positions: [],
      pendingOrders: [],
      prices: {},
      atr: {},
      bars: {},
      liquidity24h: {},
      driftFlag: false,
      consensus: [],
      activeStrategies: [],
    });
  });

  it.each([
    [
      "zero tick size of an instrument",
      { instruments: { BTC: { ...instrumentWire, tickSize: "0" } } },
      "instruments.BTC.tickSize",
    ],
    ["negative price", { prices: { "ETH/BTC": "-1" } }, "prices.ETH/BTC"],
    [
      "bad notional of the first position",
      { positions: [{ instrumentId: "X", strategyId: "s", side: "long", quantity: "1", notional: "NaN" }] },
      "positions[0].notional",
    ],
    ["inconsistent bar", { bars: { "ETH/BTC": [{ ...barWire, high: 0 }] } }, "bars.ETH/BTC[0].high"],
    ["negative ATR", { atr: { "ETH/BTC": -1 } }, "atr.ETH/BTC"],
    [
      "pending order with a bad side",
      { pendingOrders: [{ instrumentId: "X", strategyId: "s", side: "long", quantity: "1", notional: "1" }] },
      "pendingOrders[0].side",
    ],
    [
      "consensus of one strategy",
      {
        consensus: [
          {
            eventId: "e",
            instrumentId: "X",
            timestamp: 0,
            strategies: ["a"],
            signalIds: ["x", "y"],
            combinedConfidence: 1,
          },
        ],
      },
      "consensus[0].strategies",
    ],
    ["equity as Infinity", { equity: "Infinity" }, "equity"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(RiskContextSchema, withFields(riskContextWire, patch), path);
  });
});
