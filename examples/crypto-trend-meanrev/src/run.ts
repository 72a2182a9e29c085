// The two runs of the example: a backtest and a paper run replaying the same bars as a live feed.
import {
  type BacktestResult,
  type LoadedBars,
  ReplayFeed,
  RunRecorder,
  combineQuality,
  mergeSeries,
  runBacktest,
  wireTradingSystem,
} from "@quiver/backtest";
import { Decimal, VirtualClock } from "@quiver/core";
import { createSystemSpec } from "./system.js";

/** Runs the example's system as a backtest over `data`. */
export async function runExampleBacktest(data: readonly LoadedBars[], progress?: boolean) {
  return runBacktest({ ...createSystemSpec(), data, ...(progress === undefined ? {} : { progress }) });
}

/**
 * Runs the SAME system (same spec function, same wiring) as a paper run: the runner is started with
 * a feed and receives bars through its subscriptions (event-driven mode), exactly as it would from a
 * live venue feed; the paper broker fills the orders. The feed replays the recorded bars faster than
 * real time on a VirtualClock (each bar is delivered at its close time, and the replay yields to the
 * event loop every 256 bars), so the run takes seconds instead of 20 days.
 */
export async function runExamplePaper(
  data: readonly LoadedBars[],
): Promise<{ result: BacktestResult; barsDelivered: number }> {
  const spec = createSystemSpec();
  const timeline = mergeSeries(data.map((d) => d.series));
  const clock = new VirtualClock(Math.min(...data.map((d) => d.series.openTime[0] ?? 0)));
  const feed = new ReplayFeed(timeline);
  const system = wireTradingSystem(spec, { clock, feed });
  const recorder = new RunRecorder(system, {
    initialCash: new Decimal(spec.initialCash),
    currency: spec.currency,
    timeframeMs: 300_000,
    capacity: timeline.length,
  });
  await system.runner.start();
  await feed.play({ clock, beforeBar: (bar) => recorder.observe(bar), afterTime: (t) => recorder.sample(t) });
  system.runner.dispose();
  return {
    result: recorder.finish(combineQuality(data.map((d) => d.quality))),
    barsDelivered: feed.barsDelivered,
  };
}
