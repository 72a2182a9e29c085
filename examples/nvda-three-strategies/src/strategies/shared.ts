// What the three NVDA strategies share: their common config fields, and their two intents (a dollar-sized long entry, a full exit).
import {
  type Decimal,
  IdSchema,
  PositiveDecimalSchema,
  type StrategyContext,
  type StrategyIntentDraft,
  TimeframeSchema,
  ZERO,
} from "@quiver/core";

/**
 * The config fields every NVDA strategy has, for `z.strictObject({ ...singleInstrumentFields(id), … })`:
 * its id, the one instrument and timeframe it trades, and the dollars it asks per entry.
 */
export function singleInstrumentFields(id: string) {
  return {
    id: IdSchema.default(id),
    instrumentId: IdSchema.default("NVDA"),
    timeframe: TimeframeSchema.default("1d"),
    /** Dollars per entry (before risk clamps). */
    entryExposureUsd: PositiveDecimalSchema.prefault("3000"),
  };
}

/**
 * A long entry for `exposureUsd` dollars of `instrumentId` (the risk engine may clamp it) when
 * `exposureUsd` is given, else an exit of this strategy's whole position (never another's).
 * Confidence is clamped into [0, 1] (NaN becomes 0).
 */
export function longIntent(
  ctx: StrategyContext,
  instrumentId: string,
  exposureUsd: Decimal | null,
  confidence: number,
  metadata: Record<string, unknown>,
): StrategyIntentDraft {
  const enter = exposureUsd !== null;
  return {
    instrumentId,
    side: enter ? "long" : "flat",
    intentType: enter ? "enter" : "exit",
    desiredExposureUsd: exposureUsd,
    desiredQuantity: enter ? null : ZERO,
    confidence: confidence > 0 ? Math.min(confidence, 1) : 0,
    timeframe: ctx.timeframe,
    generatedAt: ctx.now,
    signalId: ctx.signalId(instrumentId, enter ? "enter" : "exit"),
    signalType: enter ? "entry" : "exit",
    metadata,
  };
}
