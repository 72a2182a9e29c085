// Intent helper: buy `contracts` more NO contracts of a binary market (target = held + contracts).
import type { StrategyContext, StrategyIntentDraft } from "@quiver/core";

/** Buys NO: `desiredQuantity` is the FINAL quantity, so a re-entry asks for held + contracts. */
export function buyNo(
  ctx: StrategyContext,
  instrumentId: string,
  contracts: number,
  confidence: number,
  signalData: Record<string, unknown>,
): StrategyIntentDraft {
  const held = ctx.position(instrumentId);
  const reentry = held.greaterThan(0);
  return {
    instrumentId,
    side: "no",
    intentType: reentry ? "increase" : "enter",
    desiredExposureUsd: null,
    desiredQuantity: held.plus(contracts),
    confidence: Math.min(1, Math.max(0, confidence)),
    timeframe: ctx.timeframe,
    generatedAt: ctx.now,
    signalId: ctx.signalId(instrumentId),
    signalType: reentry ? "reentry" : "entry",
    metadata: signalData,
  };
}
