// Seed 001 (exclusive symbols, universes, capital allocation, buying power) and seed 004 (several strategies per symbol).
import { ValidationError } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { createRiskEngine, parseRiskConfig } from "../src/index.js";
import { actionOf, context, equity, instrumentsOf, intent, LOOSE } from "./fixtures.js";

const instruments = instrumentsOf([
  equity("TQQQ"),
  equity("SOXL"),
  equity("PLTR"),
  equity("NVDA"),
  equity("AAPL"),
]);
const prices = { TQQQ: "50", SOXL: "30", PLTR: "65", NVDA: "500", AAPL: "200" };

describe("seed 001 rule 8: symbol conflict prevention (exclusive ownership)", () => {
  const config = { ...LOOSE, symbolOwnership: "exclusive" as const };

  it("a symbol owned by one strategy blocks another strategy's open with symbol_conflict", () => {
    const risk = createRiskEngine({ config });
    const positions = [
      { instrumentId: "PLTR", strategyId: "omr", side: "long" as const, quantity: "100", notional: "6500" },
    ];
    const plan = risk.evaluate(
      [
        intent({ strategyId: "mp", instrumentId: "PLTR", desiredQuantity: "100" }),
        intent({ strategyId: "omr", instrumentId: "PLTR", desiredQuantity: "150" }),
      ],
      context({ instruments, prices, positions }),
    );
    const mp = actionOf(plan.actions, "mp");
    expect(mp.blockedReasons).toEqual(["symbol_conflict"]);
    expect(mp.reason).toContain("owned by omr");
    expect(actionOf(plan.actions, "omr").actionType).toBe("increase");
    expect(
      risk.checkRiskLimits(
        { instrumentId: "PLTR", strategyId: "mp", requestedContracts: mp.targetBaseSize.plus(1) },
        context({ instruments, prices, positions }),
      ).limitingFactor,
    ).toBe("symbol_conflict");
  });

  it("two strategies opening one free symbol in one cycle: the higher priority claims it", () => {
    const risk = createRiskEngine({ config: { ...config, strategies: { omr: { priority: 2 } } } });
    const plan = risk.evaluate(
      [
        intent({ strategyId: "mp", instrumentId: "NVDA", desiredQuantity: "1", confidence: 0.99 }),
        intent({ strategyId: "omr", instrumentId: "NVDA", desiredQuantity: "1", confidence: 0.1 }),
      ],
      context({ instruments, prices }),
    );
    expect(actionOf(plan.actions, "omr").blocked).toBe(false);
    expect(actionOf(plan.actions, "mp").blockedReasons).toEqual(["symbol_conflict"]);
  });

  it("overlapping universes are a startup ValidationError naming both strategies and the symbol", () => {
    const bad = { symbolOwnership: "exclusive", universes: { omr: ["TQQQ", "SOXL"], mp: ["AAPL", "SOXL"] } };
    expect(() => createRiskEngine({ config: bad })).toThrow(ValidationError);
    try {
      parseRiskConfig(bad);
    } catch (e) {
      const msg = (e as ValidationError).message;
      expect(msg).toContain("SOXL");
      expect(msg).toContain('"mp"');
      expect(msg).toContain('"omr"');
      expect((e as ValidationError).paths[0]).toMatch(/^universes\./);
    }
    // Shared ownership tolerates the overlap.
    expect(() => parseRiskConfig({ ...bad, symbolOwnership: "shared" })).not.toThrow();
  });

  it("a strategy with a universe may only open symbols inside it", () => {
    const risk = createRiskEngine({
      config: { ...config, universes: { omr: ["TQQQ", "SOXL"], mp: ["AAPL"] } },
    });
    const plan = risk.evaluate(
      [
        intent({ strategyId: "omr", instrumentId: "AAPL", desiredQuantity: "1" }),
        intent({ strategyId: "mp", instrumentId: "AAPL", desiredQuantity: "1" }),
      ],
      context({ instruments, prices }),
    );
    expect(actionOf(plan.actions, "omr").blockedReasons).toEqual(["outside_universe"]);
    expect(actionOf(plan.actions, "mp").blocked).toBe(false);
  });
});

describe("seed 001 capital allocation table and rule 9 buying power", () => {
  const config = {
    ...LOOSE,
    strategies: {
      omr: { sizing: "fixed_fractional" as const, positionSizePct: 15, maxPositions: 3, maxExposurePct: 45 },
      mp: { sizing: "fixed_fractional" as const, positionSizePct: 6.5, maxPositions: 10, maxExposurePct: 65 },
    },
  };

  it("OMR sizes 15 % per position, at most 3 positions and 45 % exposure", () => {
    const risk = createRiskEngine({ config });
    const positions = ["TQQQ", "SOXL"].map((s) => ({
      instrumentId: s,
      strategyId: "omr",
      side: "long" as const,
      quantity: "300",
      notional: "15000",
    }));
    const plan = risk.evaluate(
      [
        intent({ strategyId: "omr", instrumentId: "PLTR", confidence: 0.8 }),
        intent({ strategyId: "omr", instrumentId: "NVDA" }),
      ],
      context({ instruments, prices, positions }),
    );
    // 30 % held; PLTR: 15,000 / 65 = 230 shares (lot 1) → 44.95 %; NVDA: 4th position → strategy_max_positions.
    const pltr = actionOf(plan.actions, "omr", "PLTR");
    expect(pltr.targetBaseSize.toFixed()).toBe("230");
    const nvda = actionOf(plan.actions, "omr", "NVDA");
    expect(nvda.blocked).toBe(true);
    expect(nvda.blockedReasons).toEqual(["strategy_max_positions"]);
  });

  it("when buying power is insufficient, orders are prioritized by signal strength", () => {
    const risk = createRiskEngine({ config });
    const plan = risk.evaluate(
      [
        intent({ strategyId: "mp", instrumentId: "AAPL", confidence: 0.4 }),
        intent({ strategyId: "mp", instrumentId: "NVDA", confidence: 0.9 }),
        intent({ strategyId: "omr", instrumentId: "TQQQ", confidence: 0.6 }),
      ],
      context({ instruments, prices, buyingPower: "20000" }),
    );
    // NVDA (0.9): 6,500 → 13 shares; TQQQ (0.6): 15,000 → 13,500 left → 270; AAPL (0.4): nothing left.
    expect(actionOf(plan.actions, "mp", "NVDA").targetBaseSize.toFixed()).toBe("13");
    expect(actionOf(plan.actions, "omr", "TQQQ").targetBaseSize.toFixed()).toBe("270");
    expect(actionOf(plan.actions, "mp", "AAPL").blockedReasons).toEqual(["buying_power"]);
  });
});

describe("seed 004: several strategies per symbol with a global symbol exposure cap", () => {
  it("NVDA-RSI, NVDA-MACD and NVDA-BB all trade NVDA; the symbol cap clamps their sum", () => {
    const risk = createRiskEngine({ config: { ...LOOSE, maxSymbolExposurePct: 20 } });
    const positions = [
      {
        instrumentId: "NVDA",
        strategyId: "nvda-rsi",
        side: "long" as const,
        quantity: "10",
        notional: "5000",
      },
    ];
    const plan = risk.evaluate(
      ["nvda-rsi", "nvda-macd", "nvda-bb"].map((s) =>
        intent({ strategyId: s, instrumentId: "NVDA", desiredExposureUsd: "10000" }),
      ),
      context({ instruments, prices, positions }),
    );
    // Cap 20,000, 5,000 held → 15,000 for 5,000 + 10,000 + 10,000 requested.
    let total = 0;
    for (const a of plan.actions) {
      expect(a.blocked).toBe(false);
      expect(a.bindingLimit).toBe("max_symbol_exposure_pct");
      expect(a.reason).toContain("aggregated");
      total += a.deltaBaseSize.toNumber() * 500;
    }
    expect(total).toBeLessThanOrEqual(15000);
    expect(total).toBeGreaterThan(14000);
    // Attribution is pro rata: macd and bb asked the same and got the same.
    expect(actionOf(plan.actions, "nvda-macd").deltaBaseSize.toFixed()).toBe(
      actionOf(plan.actions, "nvda-bb").deltaBaseSize.toFixed(),
    );
  });

  it("maxConcurrentStrategies stops a new strategy from opening when the cap is reached", () => {
    const risk = createRiskEngine({ config: { ...LOOSE, maxConcurrentStrategies: 2 } });
    const positions = ["a", "b"].map((s) => ({
      instrumentId: "NVDA",
      strategyId: s,
      side: "long" as const,
      quantity: "1",
      notional: "500",
    }));
    const plan = risk.evaluate(
      [
        intent({ strategyId: "c", instrumentId: "AAPL", desiredQuantity: "1" }),
        intent({ strategyId: "a", instrumentId: "AAPL", desiredQuantity: "1" }),
      ],
      context({ instruments, prices, positions }),
    );
    expect(actionOf(plan.actions, "c").blockedReasons).toEqual(["max_concurrent_strategies"]);
    expect(actionOf(plan.actions, "a").blocked).toBe(false);
  });

  it("strategies not in context.activeStrategies may not open", () => {
    const risk = createRiskEngine({ config: LOOSE });
    const plan = risk.evaluate(
      [intent({ strategyId: "off", instrumentId: "AAPL", desiredQuantity: "1" })],
      context({ instruments, prices, activeStrategies: ["on"] }),
    );
    expect(actionOf(plan.actions, "off").blockedReasons).toEqual(["strategy_inactive"]);
  });
});
