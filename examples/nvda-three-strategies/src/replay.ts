// runBacktest's replay loop on a system wired by the caller, with a hook after each close time (operator actions).
import {
  type BacktestResult,
  type LoadedBars,
  RunRecorder,
  type TradingSystem,
  barAt,
  combineQuality,
  mergeSeries,
} from "@quiver/backtest";
import { type DecimalInput, type VirtualClock, parseDecimal } from "@quiver/core";

/** Options of {@link replay}. */
export interface ReplayOptions {
  initialCash: DecimalInput;
  currency: string;
  periodsPerYear?: number;
  /**
   * Called once per distinct close time, after every bar closing then was processed and before the
   * equity sample: the place for operator actions (disable a strategy, settle a market).
   */
  afterClose?: (time: number) => unknown;
}

function isPromiseLike(x: unknown): x is PromiseLike<unknown> {
  return x !== null && typeof x === "object" && typeof (x as { then?: unknown }).then === "function";
}

/**
 * Replays `data` through `system` exactly as `runBacktest` does (merge in close-time order, move
 * the virtual clock to each close, `runner.processBar`, one equity sample per close time) and
 * returns the same `BacktestResult`. We need it because `runBacktest` builds its system inside and
 * offers no hook to act on it mid-run; `wireTradingSystem` + this loop is the same wiring.
 *
 * @throws ValidationError for a bar of an instrument the system does not know.
 */
export async function replay(
  system: TradingSystem,
  clock: VirtualClock,
  data: readonly LoadedBars[],
  options: ReplayOptions,
): Promise<BacktestResult> {
  const timeline = mergeSeries(data.map((d) => d.series));
  const recorder = new RunRecorder(system, {
    initialCash: parseDecimal(options.initialCash, "initialCash"),
    currency: options.currency,
    timeframeMs: Math.min(...data.map((d) => d.series.timeframeMs)),
    capacity: timeline.length,
    ...(options.periodsPerYear === undefined ? {} : { periodsPerYear: options.periodsPerYear }),
  });
  const started = system.runner.start();
  if (isPromiseLike(started)) await started;
  const afterClose = async (t: number) => {
    const r = options.afterClose?.(t);
    if (isPromiseLike(r)) await r;
    recorder.sample(t);
  };
  let current = Number.NaN;
  for (let k = 0; k < timeline.length; k++) {
    const t = timeline.closeTime[k] as number;
    if (t !== current) {
      if (k > 0) await afterClose(current);
      clock.advanceTo(t);
      current = t;
    }
    const series = timeline.series[timeline.seriesIndex[k] as number]!;
    const bar = barAt(series, timeline.rowIndex[k] as number);
    recorder.observe(bar);
    const r = system.runner.processBar(bar);
    if (r !== undefined && isPromiseLike(r)) await r;
  }
  if (timeline.length > 0) await afterClose(current);
  system.runner.stop();
  return recorder.finish(combineQuality(data.map((d) => d.quality)));
}
