// Risk engine records: actions, execution plans, risk status, pre-trade check results, context.
import { z } from "zod";
import {
  ConfidenceSchema,
  DecimalSchema,
  EpochMsSchema,
  IdSchema,
  MetadataSchema,
  NonNegativeDecimalSchema,
} from "../schema.js";
import { BarSchema } from "./bar.js";
import { EntrySideSchema } from "./entry.js";
import { InstrumentSchema } from "./instrument.js";
import { ConsensusEventSchema, IntentSideSchema, IntentTypeSchema } from "./strategy.js";
import { OrderSideSchema } from "./order.js";

export const ActionTypeSchema = z.enum(["open", "increase", "reduce", "close", "none"]);
export type ActionType = z.infer<typeof ActionTypeSchema>;

/**
 * The risk engine's answer to one intent (seed 002 §3.2): the strategy's target size after
 * every limit, whether it is blocked and why, and which limit bound it when it was downsized.
 */
export const RiskAdjustedActionSchema = z.strictObject({
  actionId: IdSchema,
  strategyId: IdSchema,
  instrumentId: IdSchema,
  signalId: IdSchema,
  side: IntentSideSchema,
  intentType: IntentTypeSchema,
  actionType: ActionTypeSchema,
  /** Desired final base units for this strategy after risk. */
  targetBaseSize: NonNegativeDecimalSchema,
  /** Desired final notional (account currency) after risk. */
  targetNotionalUsd: NonNegativeDecimalSchema,
  /** The strategy's current base units in this instrument. */
  currentBaseSize: NonNegativeDecimalSchema,
  /** Order side needed to go from current to target ("buy"/"sell"), null for none. */
  orderSide: OrderSideSchema.nullable(),
  /** |target − current|: the quantity to trade. */
  deltaBaseSize: NonNegativeDecimalSchema,
  /** Reference price used for notional (cents for binary, of the outcome traded). */
  referencePrice: NonNegativeDecimalSchema.nullable(),
  confidence: ConfidenceSchema,
  reason: z.string(),
  blocked: z.boolean(),
  blockedReasons: z.array(z.string()),
  /** The limit that reduced the size, when it was downsized (e.g. "max_per_asset_pct"). */
  bindingLimit: z.string().nullable(),
  riskLimitsSnapshot: MetadataSchema,
});
export type RiskAdjustedAction = z.output<typeof RiskAdjustedActionSchema>;
export type RiskAdjustedActionInput = z.input<typeof RiskAdjustedActionSchema>;

/** An event the risk engine raised while evaluating (kill switch on/off, limit hit). */
export const RiskEventSchema = z.strictObject({
  type: z.enum(["kill_switch_on", "kill_switch_off", "risk_limit_hit", "drift"]),
  at: EpochMsSchema,
  reasons: z.array(z.string()),
  details: MetadataSchema.default({}),
});
export type RiskEvent = z.output<typeof RiskEventSchema>;

/** Grouped actions of one decision cycle (seed 002 §6.1), ready for execution. */
export const ExecutionPlanSchema = z.strictObject({
  planId: IdSchema,
  generatedAt: EpochMsSchema,
  actions: z.array(RiskAdjustedActionSchema),
  events: z.array(RiskEventSchema).default([]),
  metadata: MetadataSchema.default({}),
});
export type ExecutionPlan = z.output<typeof ExecutionPlanSchema>;
export type ExecutionPlanInput = z.input<typeof ExecutionPlanSchema>;

/** The book's risk at a glance (seed 002 §7.2 + seed 000 §5). Percentages are of equity. */
export const RiskStatusSchema = z.strictObject({
  asOf: EpochMsSchema,
  killSwitchActive: z.boolean(),
  killSwitchReasons: z.array(z.string()).default([]),
  dailyDrawdownPct: z.number(),
  driftFlag: z.boolean(),
  totalExposurePct: z.number(),
  perAssetExposurePct: z.record(z.string(), z.number()),
  perStrategyExposurePct: z.record(z.string(), z.number()),
  openPositions: z.number().int().nonnegative().default(0),
  marketsAtCombinedLimit: z.array(z.string()).default([]),
  categoriesNearLimit: z.array(z.string()).default([]),
});
export type RiskStatus = z.output<typeof RiskStatusSchema>;
export type RiskStatusInput = z.input<typeof RiskStatusSchema>;

/** `checkRiskLimits` result (seed 000 §1.2): whether, how many, and which limit binds. */
export const RiskCheckResultSchema = z.strictObject({
  allowed: z.boolean(),
  maxContracts: NonNegativeDecimalSchema,
  limitingFactor: z.string(),
  details: MetadataSchema,
});
export type RiskCheckResult = z.output<typeof RiskCheckResultSchema>;

/** One position as the risk engine sees it; `strategyId` null means manual (unowned). */
export const RiskPositionSchema = z.strictObject({
  instrumentId: IdSchema,
  strategyId: IdSchema.nullable(),
  side: EntrySideSchema,
  quantity: NonNegativeDecimalSchema,
  /** Current notional in the account currency. */
  notional: NonNegativeDecimalSchema,
  /** Σ cost basis of the open entries, if known. */
  costBasis: NonNegativeDecimalSchema.optional(),
});
export type RiskPosition = z.output<typeof RiskPositionSchema>;
export type RiskPositionInput = z.input<typeof RiskPositionSchema>;

/** An order still working at the venue; counts against limits until it resolves. */
export const PendingExposureSchema = z.strictObject({
  instrumentId: IdSchema,
  strategyId: IdSchema,
  side: OrderSideSchema,
  quantity: NonNegativeDecimalSchema,
  notional: NonNegativeDecimalSchema,
});
export type PendingExposure = z.output<typeof PendingExposureSchema>;

/**
 * Everything the risk engine needs, passed in (the engine does no I/O). Money in the account
 * currency; `prices` are last prices (binary: YES price in cents).
 */
export const RiskContextSchema = z.strictObject({
  now: EpochMsSchema,
  equity: DecimalSchema,
  cash: DecimalSchema,
  buyingPower: DecimalSchema,
  positions: z.array(RiskPositionSchema).default([]),
  pendingOrders: z.array(PendingExposureSchema).default([]),
  instruments: z.record(z.string(), InstrumentSchema),
  prices: z.record(z.string(), NonNegativeDecimalSchema).default({}),
  /** Precomputed ATR (price units) per instrument; otherwise computed from `bars`. */
  atr: z.record(z.string(), z.number().nonnegative()).default({}),
  /** Recent closed bars per instrument, for volatility sizing. */
  bars: z.record(z.string(), z.array(BarSchema)).default({}),
  /** 24h traded notional per instrument, for the liquidity floor. */
  liquidity24h: z.record(z.string(), NonNegativeDecimalSchema).default({}),
  driftFlag: z.boolean().default(false),
  consensus: z.array(ConsensusEventSchema).default([]),
  /** Strategies currently enabled (for concurrency caps). */
  activeStrategies: z.array(IdSchema).default([]),
});
export type RiskContext = z.output<typeof RiskContextSchema>;
export type RiskContextInput = z.input<typeof RiskContextSchema>;
