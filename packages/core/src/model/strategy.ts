// Strategy-facing records: intents, signals (executed or skipped), consensus events, state, decisions.
import { z } from "zod";
import {
  ConfidenceSchema,
  EpochMsSchema,
  IdSchema,
  MetadataSchema,
  NonNegativeDecimalSchema,
  PositiveDecimalSchema,
  TimeframeSchema,
} from "../schema.js";
import { StrategyPnlSchema } from "./pnl.js";

/** Direction a strategy wants: long, short, flat (no position), or a binary outcome. */
export const IntentSideSchema = z.enum(["long", "short", "flat", "yes", "no"]);
export type IntentSide = z.infer<typeof IntentSideSchema>;

export const IntentTypeSchema = z.enum(["enter", "exit", "increase", "reduce", "hold"]);
export type IntentType = z.infer<typeof IntentTypeSchema>;

/**
 * What a strategy wants (seed 002 §3.1). Strategies never place orders; they emit intents and
 * the risk engine sizes and clamps them. Leave both `desiredExposureUsd` and `desiredQuantity`
 * out to let the risk engine size the trade.
 */
export const StrategyIntentSchema = z.strictObject({
  strategyId: IdSchema,
  instrumentId: IdSchema,
  side: IntentSideSchema,
  intentType: IntentTypeSchema,
  /** Desired final notional in the account currency (named after seed 002). */
  desiredExposureUsd: NonNegativeDecimalSchema.nullable().default(null),
  /** Desired final quantity (contracts/shares/base units); takes precedence over exposure. */
  desiredQuantity: NonNegativeDecimalSchema.nullable().default(null),
  confidence: ConfidenceSchema,
  timeframe: TimeframeSchema,
  generatedAt: EpochMsSchema,
  /** Unique per strategy, deterministic: the root of the client order id. */
  signalId: IdSchema,
  /** Optional limit price; market order when absent. Cents for binary. */
  limitPrice: PositiveDecimalSchema.optional(),
  /** Priority for conflicts and buying power (higher first); defaults from strategy config. */
  priority: z.number().int().optional(),
  /** Seed 000 signal kind ("entry", "reentry", "exit" …). */
  signalType: z.string().min(1).max(32).optional(),
  metadata: MetadataSchema.default({}),
});
export type StrategyIntent = z.output<typeof StrategyIntentSchema>;
export type StrategyIntentInput = z.input<typeof StrategyIntentSchema>;

/** Well-known skip reasons. Risk reasons (limit names) are also used verbatim. */
export const SKIP_REASONS = [
  "risk_blocked",
  "no_price",
  "execution_failed",
  "shutdown_requested",
  "pending_order",
  "buying_power",
  "kill_switch",
  "stale_data",
  "strategy_disabled",
  "execution_timeout",
  "lock_timeout",
  "zero_size",
  "symbol_conflict",
] as const;
export type KnownSkipReason = (typeof SKIP_REASONS)[number];

/**
 * Every signal a strategy emitted, executed or skipped (seed 000 §1.1). `skipReason` is null
 * when executed; `context` captures what the engine saw (concurrent strategies, positions,
 * category …).
 */
export const StrategySignalSchema = z.strictObject({
  signalId: IdSchema,
  strategyId: IdSchema,
  instrumentId: IdSchema,
  signalType: z.string().min(1).max(32),
  timestamp: EpochMsSchema,
  confidence: ConfidenceSchema,
  signalData: MetadataSchema.default({}),
  executed: z.boolean(),
  skipReason: z.string().min(1).max(64).nullable().default(null),
  context: MetadataSchema.default({}),
});
export type StrategySignal = z.output<typeof StrategySignalSchema>;
export type StrategySignalInput = z.input<typeof StrategySignalSchema>;

/** Several strategies fired on one market within the consensus window (seed 000). */
export const ConsensusEventSchema = z.strictObject({
  eventId: IdSchema,
  instrumentId: IdSchema,
  timestamp: EpochMsSchema,
  strategies: z.array(IdSchema).min(2),
  signalIds: z.array(IdSchema).min(2),
  combinedConfidence: ConfidenceSchema,
});
export type ConsensusEvent = z.output<typeof ConsensusEventSchema>;

export const StrategyStatusSchema = z.enum(["idle", "running", "paused", "stopped", "errored", "disabled"]);
export type StrategyStatus = z.infer<typeof StrategyStatusSchema>;

/** A strategy's health and book, as `getStrategyState()` reports it (seed 002 §7.2). */
export const StrategyStateSchema = z.strictObject({
  strategyId: IdSchema,
  status: StrategyStatusSchema,
  enabled: z.boolean(),
  shutdownRequested: z.boolean().default(false),
  lastIntentsAt: EpochMsSchema.nullable().default(null),
  lastActionsAt: EpochMsSchema.nullable().default(null),
  /** Why the strategy is errored, if it is. */
  error: z.string().nullable().default(null),
  currentPositions: z
    .array(
      z.strictObject({ instrumentId: IdSchema, quantity: NonNegativeDecimalSchema, side: IntentSideSchema }),
    )
    .default([]),
  pnlSummary: StrategyPnlSchema.nullable().default(null),
});
export type StrategyState = z.output<typeof StrategyStateSchema>;
export type StrategyStateInput = z.input<typeof StrategyStateSchema>;

/** One decision cycle's audit row (seed 002 §8). */
export const DecisionRecordSchema = z.strictObject({
  id: IdSchema,
  time: EpochMsSchema,
  executionPlanId: IdSchema,
  strategyIntentsCount: z.number().int().nonnegative(),
  actionsCount: z.number().int().nonnegative(),
  blockedActionsCount: z.number().int().nonnegative(),
  ordersSubmitted: z.number().int().nonnegative().default(0),
  killSwitchActive: z.boolean(),
  signalIds: z.array(IdSchema).default([]),
  notes: z.string().default(""),
});
export type DecisionRecord = z.output<typeof DecisionRecordSchema>;
export type DecisionRecordInput = z.input<typeof DecisionRecordSchema>;
