// Seed 004 scenarios on real NVDA data: one shared subscription, independent entries, a binding symbol cap, closing one strategy.
import { serializeBacktestResult } from "@quiver/backtest";
import { beforeAll, describe, expect, it } from "vitest";
import { firstOverlap } from "./report.js";
import {
  type CloseScenario,
  type ThreeStrategiesRun,
  loadNvda,
  runCloseOneStrategy,
  runThreeStrategies,
} from "./run.js";

const data = loadNvda("2008-01-01", "2011-12-31");
let one: ThreeStrategiesRun;
let two: CloseScenario;

beforeAll(async () => {
  one = await runThreeStrategies(data);
  two = await runCloseOneStrategy(data, "2010-01-01");
});

describe("three strategies on one symbol (seed 004)", () => {
  it("shares ONE NVDA/1d feed subscription between the three strategies", () => {
    expect(one.streams).toEqual([
      { instrumentId: "NVDA", timeframe: "1d", strategies: ["nvda-rsi", "nvda-macd", "nvda-bb"] },
    ]);
    expect(one.activeOnNvda).toBe(3);
    expect(one.system.runner.getStrategiesForSymbol("NVDA").map((s) => s.id)).toEqual([
      "nvda-rsi",
      "nvda-macd",
      "nvda-bb",
    ]);
  });

  it("every strategy trades, each entry is its own ledger record with its own price (never blended)", () => {
    for (const s of ["nvda-rsi", "nvda-macd", "nvda-bb"]) {
      expect(one.result.trades.filter((t) => t.strategyId === s).length).toBeGreaterThan(0);
    }
    const ids = one.result.trades.map((t) => t.entryId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, i) => id.startsWith(`${one.result.trades[i]!.strategyId}:`))).toBe(true);
    const overlap = firstOverlap(one.result.trades);
    expect(overlap).not.toBeNull();
    const [a, b] = overlap!;
    expect(a.strategyId).not.toBe(b.strategyId);
    expect(a.entryPrice!.eq(b.entryPrice!)).toBe(false);
  });

  it("the global symbol exposure cap binds: some entries are blocked by max_symbol_exposure_pct", () => {
    const skipped = Object.values(one.result.signals.byStrategy).reduce(
      (n, c) => n + (c.skippedByReason["max_symbol_exposure_pct"] ?? 0),
      0,
    );
    expect(skipped).toBeGreaterThan(0);
  });

  it("the cap both blocks and downsizes entries of the strategies that come second and third", () => {
    const capped = two.limitHits.filter((h) => h.reasons.includes("max_symbol_exposure_pct"));
    const effect = (h: (typeof capped)[number]) =>
      (h.details as { blocked?: boolean }).blocked ? "blocked" : "downsized";
    expect(new Set(capped.map(effect))).toEqual(new Set(["blocked", "downsized"]));
  });

  it("is deterministic: the same inputs give byte-identical results", async () => {
    const again = await runThreeStrategies(data);
    expect(serializeBacktestResult(again.result)).toBe(serializeBacktestResult(one.result));
  });
});

describe("closing one strategy without affecting the others (seed 004 example 3)", () => {
  it("closes NVDA-RSI while another strategy holds NVDA, leaving that strategy's entries untouched", () => {
    expect(two.closedAt).not.toBeNull();
    expect(two.othersBefore.length).toBeGreaterThan(0);
    expect(two.othersAfter).toEqual(two.othersBefore);
    expect(two.closedStrategyOpenAfter).toBe("0");
  });

  it("the closed strategy is disabled and never trades again; the other two keep running and trading", () => {
    const states = Object.fromEntries(two.system.runner.getStrategyState().map((s) => [s.strategyId, s]));
    expect(states["nvda-rsi"]).toMatchObject({ enabled: false });
    expect(states["nvda-macd"]).toMatchObject({ enabled: true, status: "running" });
    expect(states["nvda-bb"]).toMatchObject({ enabled: true, status: "running" });
    expect(two.activeOnNvdaAfter).toBe(2);
    const after = (id: string) =>
      two.result.trades.filter((t) => t.strategyId === id && t.entryTime! > two.closedAt!);
    expect(after("nvda-rsi")).toHaveLength(0);
    expect(after("nvda-macd").length + after("nvda-bb").length).toBeGreaterThan(0);
  });
});
