// A paper run (runner subscribed to a ReplayFeed, event-driven) wired by wireTradingSystem matches runBacktest.
import { Decimal, VirtualClock } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { mergeSeries } from "../src/data/merge.js";
import { combineQuality } from "../src/data/quality.js";
import { seriesQuality } from "../src/data/series-quality.js";
import { RunRecorder } from "../src/recorder.js";
import { ReplayFeed } from "../src/replay-feed.js";
import { runBacktest } from "../src/run-backtest.js";
import { wireTradingSystem } from "../src/wire.js";
import { spec, zigzag } from "./fixtures.js";

describe("paper run through a replayed feed", () => {
  it("makes exactly the backtest's trades, signals and equity", async () => {
    const backtest = await runBacktest(spec(200));
    const s = spec(200);
    const series = s.data as ReturnType<typeof zigzag>[];
    const timeline = mergeSeries(series);
    const clock = new VirtualClock(series[0]?.openTime[0] ?? 0);
    const feed = new ReplayFeed(timeline);
    const system = wireTradingSystem(s, { clock, feed });
    const recorder = new RunRecorder(system, {
      initialCash: new Decimal(100000),
      currency: "USD",
      timeframeMs: 60_000,
    });
    await system.runner.start();
    await feed.play({
      clock,
      yieldEvery: 16,
      beforeBar: (b) => recorder.observe(b),
      afterTime: (t) => recorder.sample(t),
    });
    const paper = recorder.finish(combineQuality(series.map(seriesQuality)));
    expect(feed.barsDelivered).toBe(400);
    const key = (r: typeof paper) =>
      r.trades.map((t) => `${t.entryId}:${t.entryPrice?.toFixed()}:${t.realizedPnl.toFixed()}`);
    expect(key(paper)).toEqual(key(backtest.result));
    expect(paper.signals).toEqual(backtest.result.signals);
    expect(Array.from(paper.equity.total)).toEqual(Array.from(backtest.result.equity.total));
  });

  it("getHistory never returns a bar that has not closed by endTime", () => {
    const timeline = mergeSeries([zigzag("AAA", 50, 10)]);
    const feed = new ReplayFeed(timeline);
    const end = Date.UTC(2024, 0, 1) + 10 * 60_000; // bars 0..9 have closed by then (bar 9 closes exactly at end)
    const h = feed.getHistory("AAA", "1m", { limit: 100, endTime: end });
    expect(h.length).toBe(9);
    expect(h.every((b) => b.closeTime < end)).toBe(true);
    expect(feed.getHistory("AAA", "1m", { limit: 3, endTime: end }).map((b) => b.openTime)).toEqual(
      h.slice(-3).map((b) => b.openTime),
    );
  });
});
