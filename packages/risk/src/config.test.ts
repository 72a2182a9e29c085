// Risk config: seed defaults, strict keys, impossible values rejected with the field named.
import { ConfigError, ValidationError } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { parseRiskConfig } from "./config.js";
import { createRiskEngine } from "./risk-engine.js";

function paths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.paths;
    throw e;
  }
  throw new Error("did not throw");
}

describe("risk config", () => {
  it("has the defaults of seeds 002 §2.2, 000 §1.2, 001 and 004", () => {
    const c = parseRiskConfig({});
    expect(c).toMatchObject({
      maxRiskPerTradePct: 1,
      maxPortfolioRiskPct: 10,
      maxOpenPositions: 10,
      maxPerAssetPct: 5,
      maxPerStrategyPct: {},
      maxDailyDrawdownPct: 10,
      killSwitchOnDrift: true,
      includeManualPositions: true,
      volatilityLookbackBars: 20,
      minLiquidity24h: null,
      combinedMaxContractsPerMarket: 75,
      defaultStrategyContractsPerMarket: 50,
      maxSingleMarketPct: 10,
      maxCategoryPct: 40,
      maxTotalPositions: 100,
      minCashReservePct: 20,
      maxSymbolExposurePct: null,
      maxConcurrentStrategies: null,
      symbolOwnership: "shared",
      conflictPolicy: "aggregate",
      consensusSizeMultiplier: 1,
      killSwitch: { timeZone: "UTC", release: "next_day" },
      allowShort: false,
      allowLeverage: false,
    });
    expect(c.strategyDefaults).toMatchObject({ sizing: "volatility", atrMultiple: 2, priority: 0 });
  });

  it("rejects unknown keys and impossible values, naming the field", () => {
    expect(paths(() => parseRiskConfig({ maxRiskPerTrade: 1 }))).toEqual(["maxRiskPerTrade"]);
    expect(() => parseRiskConfig({ maxRiskPerTrade: 1 })).toThrow(/maxRiskPerTrade/);
    expect(paths(() => parseRiskConfig({ maxPerAssetPct: -1 }))).toEqual(["maxPerAssetPct"]);
    expect(paths(() => parseRiskConfig({ minCashReservePct: 120 }))).toEqual(["minCashReservePct"]);
    expect(paths(() => parseRiskConfig({ maxPerStrategyPct: { trend: -5 } }))).toEqual([
      "maxPerStrategyPct.trend",
    ]);
    expect(paths(() => parseRiskConfig({ strategies: { a: { sizing: "fixed_fractional" } } }))).toEqual([
      "strategies.a.positionSizePct",
    ]);
    expect(paths(() => parseRiskConfig({ strategies: { a: { atrMultipel: 2 } } }))).toEqual([
      "strategies.a.atrMultipel",
    ]);
    expect(paths(() => parseRiskConfig({ killSwitch: { timeZone: "Mars/Olympus" } }))).toEqual([
      "killSwitch.timeZone",
    ]);
    expect(paths(() => parseRiskConfig({ maxOpenPositions: 1.5 }))).toEqual(["maxOpenPositions"]);
    expect(paths(() => parseRiskConfig({ conflictPolicy: "random" }))).toEqual(["conflictPolicy"]);
  });

  it("refuses prototype-polluting keys", () => {
    const evil = JSON.parse('{"__proto__": {"maxPerAssetPct": 100}}');
    expect(() => parseRiskConfig(evil)).toThrow(ConfigError);
    expect(({} as Record<string, unknown>).maxPerAssetPct).toBeUndefined();
  });

  it("reloadConfig keeps the old config on bad input", () => {
    const risk = createRiskEngine({ config: { maxPerAssetPct: 7 } });
    expect(() => risk.reloadConfig({ maxPerAssetPct: -7 })).toThrow(ValidationError);
    expect(risk.config.maxPerAssetPct).toBe(7);
    risk.reloadConfig({ maxPerAssetPct: 8 });
    expect(risk.config.maxPerAssetPct).toBe(8);
  });
});
