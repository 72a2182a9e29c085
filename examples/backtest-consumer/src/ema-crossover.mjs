// A user's own strategy, written against @quiver/core's Strategy contract in plain JavaScript.
import { EMA } from "@quiver/indicators";
import { ValidationError } from "@quiver/core";

/**
 * EMA crossover, long/flat: enter when the fast EMA crosses above the slow EMA, exit when it
 * crosses back below. Entries ask for `exposureUsd` dollars; the risk engine may clamp them.
 *
 * @param {{ id?: string, instrumentId?: string, fast?: number, slow?: number, exposureUsd?: string }} [options]
 * @returns {import("@quiver/core").Strategy}
 * @throws {ValidationError} when fast ≥ slow or a period is not a positive integer.
 */
export function createEmaCrossover(options = {}) {
  const id = options.id ?? "ema-cross";
  const instrumentId = options.instrumentId ?? "NVDA";
  const fastPeriod = options.fast ?? 10;
  const slowPeriod = options.slow ?? 30;
  const exposureUsd = options.exposureUsd ?? "5000";
  const issues = [];
  for (const [path, v] of [
    ["fast", fastPeriod],
    ["slow", slowPeriod],
  ]) {
    if (!Number.isInteger(v) || v < 1) issues.push({ path, message: `must be a positive integer, got ${v}` });
  }
  if (issues.length === 0 && fastPeriod >= slowPeriod)
    issues.push({ path: "fast", message: "must be < slow" });
  if (issues.length > 0) throw new ValidationError("EmaCrossover config", issues);

  const fast = new EMA(fastPeriod);
  const slow = new EMA(slowPeriod);
  let previousDiff = Number.NaN;
  /** @type {"up" | "down" | null} */
  let cross = null;

  return {
    id,
    config: Object.freeze({ instrumentId, fast: fastPeriod, slow: slowPeriod, exposureUsd }),
    universe: [instrumentId],
    timeframes: ["1d"],
    warmupBars: slowPeriod + 1,
    onBar(bar) {
      if (bar.instrumentId !== instrumentId) return;
      const diff = fast.update(bar.close) - slow.update(bar.close);
      cross = null;
      if (!Number.isNaN(diff) && !Number.isNaN(previousDiff)) {
        if (previousDiff <= 0 && diff > 0) cross = "up";
        else if (previousDiff >= 0 && diff < 0) cross = "down";
      }
      previousDiff = diff;
    },
    generateIntents(ctx) {
      if (!ctx.bars.has(instrumentId) || cross === null) return [];
      const held = ctx.position(instrumentId).greaterThan(0);
      const common = {
        instrumentId,
        confidence: 0.6,
        timeframe: ctx.timeframe,
        generatedAt: ctx.now,
        metadata: { fast: fast.value, slow: slow.value },
      };
      if (!held && cross === "up") {
        return [
          {
            ...common,
            side: "long",
            intentType: "enter",
            desiredExposureUsd: exposureUsd,
            signalId: ctx.signalId(instrumentId, "enter"),
            signalType: "entry",
          },
        ];
      }
      if (held && cross === "down") {
        return [
          {
            ...common,
            side: "flat",
            intentType: "exit",
            desiredQuantity: "0",
            signalId: ctx.signalId(instrumentId, "exit"),
            signalType: "exit",
          },
        ];
      }
      return [];
    },
  };
}
