// The one intent builder of OMR and MP: unsized long entries (the risk engine sizes them) and full exits.
import { type StrategyContext, type StrategyIntentDraft, ZERO } from "@quiver/core";

/**
 * `"enter"`: a long entry with no size — the risk engine applies the strategy's position size %
 * (seed 001 table). `"exit"`: sells this strategy's whole position in `instrumentId`. Confidence
 * is clamped into [0, 1] (NaN becomes 0).
 */
export function intent(
  ctx: StrategyContext,
  action: "enter" | "exit",
  instrumentId: string,
  confidence: number,
  signalType: string,
  metadata: Record<string, unknown>,
): StrategyIntentDraft {
  return {
    instrumentId,
    side: action === "enter" ? "long" : "flat",
    intentType: action,
    desiredExposureUsd: null,
    desiredQuantity: action === "enter" ? null : ZERO,
    confidence: confidence > 0 ? Math.min(confidence, 1) : 0,
    timeframe: ctx.timeframe,
    generatedAt: ctx.now,
    signalId: ctx.signalId(instrumentId, action),
    signalType,
    metadata,
  };
}
