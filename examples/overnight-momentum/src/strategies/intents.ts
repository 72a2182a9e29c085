// Intent helpers: entries left unsized (the risk engine sizes them by the strategy's position size %) and full exits.
import { type StrategyContext, type StrategyIntentDraft, ZERO } from "@quiver/core";

/** A long entry with no size: the risk engine applies the strategy's position size % (seed 001 table). */
export function enterLong(
  ctx: StrategyContext,
  instrumentId: string,
  confidence: number,
  signalType: string,
  metadata: Record<string, unknown>,
): StrategyIntentDraft {
  return {
    instrumentId,
    side: "long",
    intentType: "enter",
    desiredExposureUsd: null,
    desiredQuantity: null,
    confidence: clamp01(confidence),
    timeframe: ctx.timeframe,
    generatedAt: ctx.now,
    signalId: ctx.signalId(instrumentId, "enter"),
    signalType,
    metadata,
  };
}

/** Sells this strategy's whole position in `instrumentId`. */
export function exitAll(
  ctx: StrategyContext,
  instrumentId: string,
  confidence: number,
  signalType: string,
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
    signalType,
    metadata,
  };
}

/** Clamps into [0, 1] (NaN → 0). */
export function clamp01(x: number): number {
  if (!(x > 0)) return 0;
  return Math.min(x, 1);
}
