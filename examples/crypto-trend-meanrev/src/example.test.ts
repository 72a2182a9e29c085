// The main example on a small slice of the real data: it trades, books P&L per entry, and is deterministic.
import { hashBacktestResult, serializeBacktestResult } from "@quiver/backtest";
import { Decimal, ValidationError } from "@quiver/core";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPairs } from "./data.js";
import { runExampleBacktest, runExamplePaper } from "./run.js";
import { createSystemSpec } from "./system.js";
import { TrendFollowingStrategy } from "./strategies/trend-following.js";

type Loaded = Awaited<ReturnType<typeof loadPairs>>;
let slice: Loaded;

beforeAll(async () => {
  slice = await loadPairs(1500); // ~5 days of 5-minute bars per pair
});

describe("crypto-trend-meanrev (seed 002)", () => {
  it("both strategies trade the real pairs, long/flat only, and every entry's P&L is its own", async () => {
    const { result, system } = await runExampleBacktest(slice);
    expect(result.meta.bars).toBe(slice.reduce((s, d) => s + d.series.length, 0));
    const byStrategy = (id: string) => result.trades.filter((t) => t.strategyId === id);
    expect(byStrategy("trend_following_v1").length).toBeGreaterThan(0);
    expect(byStrategy("mean_reversion_v1").length).toBeGreaterThan(0);
    for (const t of result.trades) {
      expect(t.side).toBe("long"); // spot only: never short
      expect(t.entryId.startsWith(`${t.strategyId}:`)).toBe(true);
      // a closed entry's realized P&L is (exit − entry) × quantity minus fees (≤ 10 bps a side + slippage)
      if (t.openQuantity.isZero() && t.exitPrice && t.entryPrice) {
        const gross = t.exitPrice.minus(t.entryPrice).times(t.quantity);
        const fees = gross.minus(t.realizedPnl);
        expect(fees.greaterThanOrEqualTo(0)).toBe(true);
        const notional = t.entryPrice.plus(t.exitPrice).times(t.quantity);
        expect(fees.lessThanOrEqualTo(notional.times("0.0011"))).toBe(true);
      }
    }
    // Σ per-entry P&L = the book's change
    const pnl = result.trades.reduce((s, t) => s.plus(t.realizedPnl).plus(t.unrealizedPnl), new Decimal(0));
    expect(result.meta.finalEquity.minus(result.meta.initialCash).toFixed(8)).toBe(pnl.toFixed(8));
    // the ledger never holds a short or negative position
    for (const p of system.ledger.getPositionSummaries()) expect(p.side).toBe("long");
    // the data gaps of the real files are reported, not hidden
    expect(result.dataQuality.series.find((q) => q.instrumentId === "ADA/BTC")?.missingBars).toBeGreaterThan(
      0,
    );
  });

  it("is deterministic: the same data gives byte-identical results", async () => {
    const a = await runExampleBacktest(slice);
    const b = await runExampleBacktest(slice);
    expect(serializeBacktestResult(a.result)).toBe(serializeBacktestResult(b.result));
    expect(hashBacktestResult(a.result)).toBe(hashBacktestResult(b.result));
  });

  it("the paper run (same wiring, replayed live feed) makes the same trades as the backtest", async () => {
    const bt = await runExampleBacktest(slice);
    const paper = await runExamplePaper(slice);
    const key = (r: typeof bt.result) =>
      r.trades.map((t) => `${t.entryId}@${t.entryPrice?.toFixed()}→${t.realizedPnl.toFixed()}`);
    expect(key(paper.result)).toEqual(key(bt.result));
    expect(paper.barsDelivered).toBe(bt.result.meta.bars);
  });

  it("one spec function builds fresh strategies for every run, and bad strategy config is refused by field", () => {
    const a = createSystemSpec();
    const b = createSystemSpec();
    expect(a.strategies[0]).not.toBe(b.strategies[0]);
    expect(() => new TrendFollowingStrategy({ universe: ["ETH/BTC"], maFast: 50, maSlow: 20 })).toThrow(
      ValidationError,
    );
    let error: unknown;
    try {
      new TrendFollowingStrategy({ universe: [], maFast: 0 } as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).paths.sort()).toEqual(["maFast", "universe"]);
  });
});
