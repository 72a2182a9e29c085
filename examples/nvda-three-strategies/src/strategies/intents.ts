// Small helpers the three NVDA strategies share: long entries sized in dollars, and full exits.
import { type Decimal, type StrategyContext, type StrategyIntentDraft, ZERO } from "@quiver/core";

/** A long entry for `exposureUsd` dollars of `instrumentId` (the risk engine may clamp it). */
export function enterLong(
  ctx: StrategyContext,
  instrumentId: string,
  exposureUsd: Decimal,
  confidence: number,
  metadata: Record<string, unknown>,
): StrategyIntentDraft {
  return {
    instrumentId,
    side: "long",
    intentType: "enter",
    desiredExposureUsd: exposureUsd,
    desiredQuantity: null,
    confidence: clamp01(confidence),
    timeframe: ctx.timeframe,
    generatedAt: ctx.now,
    signalId: ctx.signalId(instrumentId, "enter"),
    signalType: "entry",
    metadata,
  };
}

/** Closes this strategy's whole position in `instrumentId` (never touches another strategy's). */
export function exitAll(
  ctx: StrategyContext,
  instrumentId: string,
  confidence: number,
  metadata: Record<string, unknown>,
): StrategyIntentDraft {
  return {
    instrumentId,
    side: "flat",
    intentType: "exit",
    desiredExposureUsd: null,
    desiredQuantity: ZERO,
    confidence: clamp01(confidence),
    timeframe: ctx.timeframe,
    generatedAt: ctx.now,
    signalId: ctx.signalId(instrumentId, "exit"),
    signalType: "exit",
    metadata,
  };
}

/** Clamps a confidence into [0, 1] (NaN becomes 0). */
export function clamp01(x: number): number {
  if (!(x > 0)) return 0;
  return Math.min(x, 1);
}
