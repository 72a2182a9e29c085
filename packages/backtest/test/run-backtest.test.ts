// Integration: runBacktest wires the real runner, risk engine, ledger and paper broker; results are consistent and deterministic.
import { Decimal, type StrategyContext, type StrategyIntentDraft } from "@quiver/core";
import { PortfolioLedger } from "@quiver/ledger";
import { describe, expect, it } from "vitest";
import { hashBacktestResult, serializeBacktestResult } from "../src/results/serialize.js";
import { runBacktest } from "../src/run-backtest.js";
import { createBarSeries } from "../src/data/bar-series.js";
import { drawdownSeries } from "../src/metrics/metrics.js";
import { Momentum, instruments, spec, zigzag } from "./fixtures.js";

const run = (n = 300) => runBacktest(spec(n));

describe("runBacktest", () => {
  it("a paper run's ledger event log replays to the same book (fees and slippage on off-tick prices)", async () => {
    // Prices with long float expansions, odd lots, slippage and fees: every Decimal the broker reports
    // must stay within core's decimal rule (≤ 18 places), or a journal of the run could not be read back.
    class OddLots extends Momentum {
      override generateIntents(ctx: StrategyContext): StrategyIntentDraft[] {
        return super
          .generateIntents(ctx)
          .map((d) => (d.desiredQuantity ? { ...d, desiredQuantity: "1.2345" } : d));
      }
    }
    const n = 300;
    const series = ["AAA", "BBB"].map((id, k) => {
      const t = Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 60_000);
      const close = Float64Array.from({ length: n }, (_, i) => 100 + k + Math.sin(i / 3) * 7 + i / 3 + 1 / 7);
      return createBarSeries(
        { instrumentId: id, timeframe: "1m" },
        {
          openTime: t,
          open: close,
          high: close.map((c) => c + 0.3),
          low: close.map((c) => c - 0.3),
          close,
          volume: close.map(() => 1e6),
        },
      );
    });
    const oddInstruments = instruments.map((i) => ({ ...i, lotSize: "0.0001" }));
    for (const broker of [{ feeBps: 7 }, { feeBps: 7, slippageBps: 13, spreadBps: 3 }]) {
      const { system, result } = await runBacktest({
        ...spec(n),
        strategies: [new OddLots("mom_a", ["AAA", "BBB"]), new OddLots("mom_b", ["BBB"])],
        instruments: oddInstruments,
        data: series,
        broker,
        ledger: { retainEvents: true },
      });
      expect(result.trades.length).toBeGreaterThan(10);
      const replayed = PortfolioLedger.replay(JSON.parse(JSON.stringify(system.ledger.getEvents())), {
        instruments: system.instruments,
        initialCash: "100000",
        currency: "USD",
      });
      expect(replayed.getCash().toFixed()).toBe(system.ledger.getCash().toFixed());
      expect(replayed.getTotalFees().toFixed()).toBe(system.ledger.getTotalFees().toFixed());
      expect(JSON.stringify(replayed.getEntries())).toBe(JSON.stringify(system.ledger.getEntries()));
      for (const f of system.broker.getFills()) {
        expect(f.fee.decimalPlaces()).toBeLessThanOrEqual(8);
        // with slippage the worsened price is put back on the 0.01 tick
        if ("slippageBps" in broker) expect(f.price.decimalPlaces()).toBeLessThanOrEqual(2);
      }
    }
  });

  it("trades through the real runner, ledger and paper broker; P&L per entry adds up", async () => {
    const { result, system } = await run();
    expect(result.meta.bars).toBe(600);
    expect(result.meta.samples).toBe(300);
    expect(result.trades.length).toBeGreaterThan(10);
    // every trade is one ledger entry; closed trades have an exit after the entry
    for (const t of result.trades) {
      expect(system.ledger.getEntry(t.entryId)).toBeDefined();
      if (t.openQuantity.isZero()) expect(t.exitTime as number).toBeGreaterThan(t.entryTime as number);
    }
    // the book adds up: final equity = initial + Σ realized + Σ unrealized
    const realized = result.trades.reduce((s, t) => s.plus(t.realizedPnl), new Decimal(0));
    const unrealized = result.trades.reduce((s, t) => s.plus(t.unrealizedPnl), new Decimal(0));
    expect(result.meta.finalEquity.toFixed(8)).toBe(
      new Decimal(100000).plus(realized).plus(unrealized).toFixed(8),
    );
    // the float curve ends where the Decimal book ends
    expect(result.equity.total[result.equity.total.length - 1]).toBeCloseTo(
      result.meta.finalEquity.toNumber(),
      6,
    );
    // per-strategy curves sum (minus the extra initial cash) to the total
    const last = result.equity.total.length - 1;
    const sum =
      (result.equity.byStrategy["mom_a"]?.[last] as number) +
      (result.equity.byStrategy["mom_b"]?.[last] as number) +
      (result.equity.byStrategy["capped"]?.[last] as number) -
      2 * 100000;
    expect(sum).toBeCloseTo(result.equity.total[last] as number, 6);
    expect(result.metrics.byStrategy["mom_a"]?.tradeCount).toBeGreaterThan(0);
    expect(result.signals.total.total).toBeGreaterThanOrEqual(result.trades.length);
    // a hand-checked entry: bought 1 at 103, sold 1 at 107, fees 10 bps of each side → 4 − 0.103 − 0.107
    const first = result.trades[0];
    expect([first?.entryPrice?.toFixed(), first?.exitPrice?.toFixed(), first?.realizedPnl.toFixed()]).toEqual(
      ["103", "107", "3.79"],
    );
    // every signal is counted once: executed + skipped, per strategy and in total
    const c = result.signals.total;
    expect(c.executed + c.skipped).toBe(c.total);
    const per = Object.values(result.signals.byStrategy);
    expect(per.reduce((s, x) => s + x.total, 0)).toBe(c.total);
    // the capped strategy's entries are skipped with the risk engine's reason, and it never trades
    const capped = result.signals.byStrategy["capped"];
    expect(capped?.executed).toBe(0);
    expect(capped?.skipped).toBeGreaterThan(0);
    expect(Object.keys(capped?.skippedByReason ?? {})).toEqual(["max_per_strategy_pct"]);
    expect(result.trades.some((t) => t.strategyId === "capped")).toBe(false);
    expect(result.metrics.byStrategy["capped"]?.tradeCount).toBe(0);
  });

  it("is deterministic: two runs give byte-identical JSON and the same hash (RELIABILITY 22)", async () => {
    const a = await run(200);
    const b = await run(200);
    expect(serializeBacktestResult(b.result)).toBe(serializeBacktestResult(a.result));
    expect(hashBacktestResult(b.result)).toBe(hashBacktestResult(a.result));
    expect(hashBacktestResult(a.result)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("computes each drawdown series from its curve on first read, and serializes it like a plain field", async () => {
    const { result } = await run(200);
    expect(Object.keys(result.drawdown)).toEqual(["total", "byStrategy"]);
    expect(Object.keys(result.drawdown.byStrategy)).toEqual(result.meta.strategies);
    const text = serializeBacktestResult(result);
    const total = result.drawdown.total;
    expect(total).toBe(result.drawdown.total); // computed once, then kept
    expect(Array.from(total)).toEqual(Array.from(drawdownSeries(result.equity.total)));
    expect(Math.min(...total)).toBeCloseTo(-result.metrics.total.maxDrawdown, 12);
    for (const s of result.meta.strategies) {
      const dd = result.drawdown.byStrategy[s] as Float64Array;
      expect(Array.from(dd)).toEqual(Array.from(drawdownSeries(result.equity.byStrategy[s] as Float64Array)));
    }
    // the serialized form holds the series (read through the same property) and does not change once read
    expect(JSON.parse(text).drawdown.total).toHaveLength(result.meta.samples);
    expect(serializeBacktestResult(result)).toBe(text);
    expect({ ...result.drawdown }.total).toBe(total);
    // and it can be replaced like a plain field; a frozen result still reads
    result.drawdown.total = new Float64Array(1);
    expect(result.drawdown.total).toHaveLength(1);
    const other = (await run(200)).result;
    Object.freeze(other.drawdown);
    expect(Array.from(other.drawdown.total)).toEqual(Array.from(drawdownSeries(other.equity.total)));
  });

  it("keeps the paper broker's latest 1,000 fills by default; broker.fillHistory overrides it", async () => {
    const all = await run(200);
    const fills = all.system.broker.getFills().length;
    expect(fills).toBeGreaterThan(10);
    expect(fills).toBeLessThanOrEqual(1000);
    const base = spec(200);
    const few = await runBacktest({ ...base, broker: { ...base.broker, fillHistory: 3 } });
    expect(few.system.broker.getFills()).toHaveLength(3);
    expect(few.result.trades.length).toBe(all.result.trades.length); // the record is the ledger
  });

  it("reports gaps in the data and carries on (the last price holds across the gap)", async () => {
    const full = zigzag("AAA", 100, 100);
    const keep = Array.from({ length: 100 }, (_, i) => i).filter((i) => i < 40 || i >= 45);
    const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i] as number);
    const gappy = createBarSeries(
      { instrumentId: "AAA", timeframe: "1m", source: "gappy" },
      {
        openTime: pick(full.openTime),
        open: pick(full.open),
        high: pick(full.high),
        low: pick(full.low),
        close: pick(full.close),
        volume: pick(full.volume),
      },
    );
    const { result } = await runBacktest({
      ...spec(),
      strategies: [new Momentum("m", ["AAA"])],
      data: [gappy],
    });
    expect(result.meta.bars).toBe(95);
    expect(result.dataQuality.ok).toBe(false);
    expect(result.dataQuality.series[0]?.gaps).toEqual([
      { afterOpenTime: full.openTime[39], nextOpenTime: full.openTime[45], missingBars: 5 },
    ]);
    expect(result.equity.times.length).toBe(95);
    // the times are kept as runs (one per gap) and written out on first read: every bar close
    const closes = [
      ...Array.from(full.openTime.subarray(0, 40)),
      ...Array.from(full.openTime.subarray(45)),
    ].map((t) => t + 60_000);
    expect(Array.from(result.equity.times)).toEqual(closes);
    expect(result.meta.startTime).toBe(closes[0]);
    expect(result.meta.endTime).toBe(closes[94]);
  });

  it("writes the sample times out on first read and serializes them like a plain field", async () => {
    const { result } = await run(200);
    expect(Object.keys(result.equity)).toEqual(["times", "total", "byStrategy"]);
    const text = serializeBacktestResult(result);
    const times = result.equity.times;
    expect(times).toBe(result.equity.times); // written out once, then kept
    expect(times).toHaveLength(result.meta.samples);
    expect(times[0]).toBe(result.meta.startTime);
    expect(times[times.length - 1]).toBe(result.meta.endTime);
    for (let i = 1; i < times.length; i++)
      expect((times[i] as number) - (times[i - 1] as number)).toBe(60_000);
    expect(JSON.parse(text).equity.times).toHaveLength(result.meta.samples);
    expect(serializeBacktestResult(result)).toBe(text);
    expect({ ...result.equity }.times).toBe(times);
    const other = (await run(200)).result;
    Object.freeze(other.equity);
    expect(Array.from(other.equity.times)).toEqual(Array.from(times));
  });

  it("feeds the paper broker itself when the runner is told not to forward bars (same trades)", async () => {
    const a = await run(120);
    const base = spec(120);
    const b = await runBacktest({ ...base, runner: { ...base.runner, forwardBarsToBroker: false } });
    expect(b.result.trades.length).toBeGreaterThan(0);
    expect(b.result.trades.map((t) => t.realizedPnl.toFixed())).toEqual(
      a.result.trades.map((t) => t.realizedPnl.toFixed()),
    );
  });

  it("rejects bars of an instrument that is not configured", async () => {
    await expect(
      runBacktest({
        strategies: [],
        instruments: instruments.slice(0, 1),
        data: [zigzag("ZZZ", 10, 1)],
        initialCash: "1",
        currency: "USD",
        progress: false,
      }),
    ).rejects.toThrow(/ZZZ/);
  });
});
