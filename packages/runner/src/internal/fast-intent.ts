// A fast path for validating strategy intents: plain checks for the common shape, zod for the rest.
import {
  type Decimal,
  type StrategyIntent,
  type StrategyIntentDraft,
  isDecimal,
  isTimeframe,
  isValidId,
  tryParseDecimal,
} from "@quiver/core";

const KEYS = new Set([
  "strategyId",
  "instrumentId",
  "side",
  "intentType",
  "desiredExposureUsd",
  "desiredQuantity",
  "confidence",
  "timeframe",
  "generatedAt",
  "signalId",
  "limitPrice",
  "priority",
  "signalType",
  "metadata",
]);
const SIDES = new Set(["long", "short", "flat", "yes", "no"]);
const TYPES = new Set(["enter", "exit", "increase", "reduce", "hold"]);
const timeframes = new Map<string, boolean>();

/** Parses a non-negative (or positive) decimal the way core's schemas do; undefined when it does not. */
function decimal(v: unknown, positive: boolean): Decimal | undefined {
  if (!(typeof v === "string" || typeof v === "number" || isDecimal(v))) return undefined;
  const r = tryParseDecimal(v, positive ? { min: 0, nonZero: true } : { min: 0 });
  return r.ok ? r.value : undefined;
}

/**
 * Returns the parsed intent when `draft` is a plainly valid intent, or null to let the caller use
 * `StrategyIntentSchema` (which produces the detailed error, or handles an unusual but valid
 * input). Accepts nothing the schema would refuse: unknown keys, bad ids, bad enums, bad numbers,
 * non-plain metadata all fall back.
 */
export function fastIntent(draft: StrategyIntentDraft, strategyId: string): StrategyIntent | null {
  if (draft === null || typeof draft !== "object") return null;
  for (const k in draft) if (!KEYS.has(k)) return null;
  const d = draft as Record<string, unknown>;
  if (!isValidId(d.instrumentId) || !isValidId(d.signalId) || !isValidId(strategyId)) return null;
  if (typeof d.side !== "string" || !SIDES.has(d.side)) return null;
  if (typeof d.intentType !== "string" || !TYPES.has(d.intentType)) return null;
  const c = d.confidence;
  if (typeof c !== "number" || !(c >= 0 && c <= 1)) return null;
  const at = d.generatedAt;
  if (typeof at !== "number" || !Number.isSafeInteger(at) || at < 0 || at > 8_640_000_000_000_000)
    return null;
  const tf = d.timeframe;
  if (typeof tf !== "string") return null;
  let okTf = timeframes.get(tf);
  if (okTf === undefined) {
    okTf = isTimeframe(tf);
    timeframes.set(tf, okTf);
  }
  if (!okTf) return null;
  let qty: Decimal | null = null;
  if (d.desiredQuantity !== undefined && d.desiredQuantity !== null) {
    const q = decimal(d.desiredQuantity, false);
    if (q === undefined) return null;
    qty = q;
  }
  let usd: Decimal | null = null;
  if (d.desiredExposureUsd !== undefined && d.desiredExposureUsd !== null) {
    const u = decimal(d.desiredExposureUsd, false);
    if (u === undefined) return null;
    usd = u;
  }
  let limit: Decimal | undefined;
  if (d.limitPrice !== undefined) {
    limit = decimal(d.limitPrice, true);
    if (limit === undefined) return null;
  }
  if (d.priority !== undefined && (typeof d.priority !== "number" || !Number.isSafeInteger(d.priority)))
    return null;
  if (
    d.signalType !== undefined &&
    (typeof d.signalType !== "string" || d.signalType.length < 1 || d.signalType.length > 32)
  )
    return null;
  let metadata: Record<string, unknown> = {};
  if (d.metadata !== undefined) {
    const m = d.metadata;
    if (
      m === null ||
      typeof m !== "object" ||
      Array.isArray(m) ||
      Object.getPrototypeOf(m) !== Object.prototype
    )
      return null;
    metadata = { ...(m as Record<string, unknown>) };
  }
  const out: StrategyIntent = {
    strategyId,
    instrumentId: d.instrumentId,
    side: d.side as StrategyIntent["side"],
    intentType: d.intentType as StrategyIntent["intentType"],
    desiredExposureUsd: usd,
    desiredQuantity: qty,
    confidence: c,
    timeframe: tf,
    generatedAt: at,
    signalId: d.signalId,
    metadata,
  };
  if (limit !== undefined) out.limitPrice = limit;
  if (d.priority !== undefined) out.priority = d.priority as number;
  if (d.signalType !== undefined) out.signalType = d.signalType as string;
  return out;
}
