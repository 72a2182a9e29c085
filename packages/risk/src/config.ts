// Risk engine configuration: a strict zod schema with the defaults of seeds 002 §2.2, 000 §1.2, 001 and 004.
import { assertTimeZone, IdSchema, validateConfig } from "@quiver/core";
import { z } from "zod";

/** A percentage of equity in [0, 100] (risk per trade, drawdown, reserve …). */
const pct100 = z.number().finite().min(0, "must be ≥ 0 %").max(100, "must be ≤ 100 %");
/** An exposure percentage; may exceed 100 % only where leverage is allowed, capped at 1000 %. */
const exposurePct = z.number().finite().min(0, "must be ≥ 0 %").max(1000, "must be ≤ 1000 %");
const count = z.number().int().min(0);

/** How the risk engine sizes an intent that carries neither a quantity nor an exposure. */
export const SizingMethodSchema = z.enum(["volatility", "fixed_fractional", "fixed_notional"]);
export type SizingMethod = z.infer<typeof SizingMethodSchema>;

/**
 * Per-strategy risk settings (seed 001's capital allocation table, seed 002's per-strategy
 * volatility multiple). Every field is optional except where a sizing method needs it.
 */
export const StrategyRiskConfigSchema = z
  .strictObject({
    /** Sizer used when an intent has no size (default: volatility). */
    sizing: SizingMethodSchema.default("volatility"),
    /** Volatility sizing: per-unit risk = ATR × atrMultiple (the stop distance). */
    atrMultiple: z.number().finite().positive().max(100).default(2),
    /** Stop distance as % of price, used as per-unit risk when no ATR is available. */
    stopPct: z.number().finite().positive().max(100).optional(),
    /** fixed_fractional: target notional = equity × positionSizePct % (seed 001 "Position Size"). */
    positionSizePct: z.number().finite().positive().max(1000).optional(),
    /** fixed_notional: target notional in the account currency. */
    fixedNotional: z.number().finite().positive().optional(),
    /** Most instruments this strategy may hold at once (seed 001 "Max Positions"). */
    maxPositions: count.optional(),
    /** Cap on this strategy's total exposure, % of equity (seed 001 "Max Exposure"). */
    maxExposurePct: exposurePct.optional(),
    /** Conflict and buying-power priority (higher first); an intent's own priority overrides it. */
    priority: z.number().int().default(0),
  })
  .superRefine((s, ctx) => {
    if (s.sizing === "fixed_fractional" && s.positionSizePct === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["positionSizePct"],
        message: "is required for fixed_fractional sizing",
      });
    if (s.sizing === "fixed_notional" && s.fixedNotional === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["fixedNotional"],
        message: "is required for fixed_notional sizing",
      });
  });
export type StrategyRiskConfig = z.output<typeof StrategyRiskConfigSchema>;
export type StrategyRiskConfigInput = z.input<typeof StrategyRiskConfigSchema>;

/** Kill-switch day boundary and release policy. */
export const KillSwitchConfigSchema = z.strictObject({
  /** IANA zone whose local midnight starts a trading day for the daily drawdown. */
  timeZone: z.string().min(1).default("UTC"),
  /** "next_day": a drawdown kill switch releases at the next day boundary; "manual": only by hand. */
  release: z.enum(["next_day", "manual"]).default("next_day"),
});
export type KillSwitchConfig = z.output<typeof KillSwitchConfigSchema>;

/**
 * The whole risk config. Keys are camelCase versions of the seeds' names; every limit has the
 * seed default. Unknown keys are rejected (strict).
 */
export const RiskConfigSchema = z
  .strictObject({
    // --- seed 002 §2.2 ---
    /** % of equity at risk per trade (per-unit risk × size). */
    maxRiskPerTradePct: pct100.default(1.0),
    /** Σ per-position risk across the book, % of equity (always includes manual positions). */
    maxPortfolioRiskPct: pct100.default(10.0),
    /** Distinct non-flat instruments across the book. */
    maxOpenPositions: count.default(10),
    /** Exposure per base asset, % of equity (always includes manual positions). */
    maxPerAssetPct: exposurePct.default(5.0),
    /** Exposure per strategy, % of equity (strategies absent from the map are uncapped here). */
    maxPerStrategyPct: z.record(IdSchema, exposurePct).default({}),
    /** Daily drawdown from the day's start equity that trips the kill switch. */
    maxDailyDrawdownPct: pct100.default(10.0),
    /** Trip the kill switch while the context's drift flag is set. */
    killSwitchOnDrift: z.boolean().default(true),
    /** Whether manual (unowned) positions count against the soft limits. */
    includeManualPositions: z.boolean().default(true),
    /** Bars for the Wilder ATR used by volatility sizing. */
    volatilityLookbackBars: z.number().int().min(1).max(10_000).default(20),
    /** Minimum 24h traded notional to open or increase; null disables the floor. */
    minLiquidity24h: z.number().finite().min(0).nullable().default(null),
    // --- seed 000 §1.2 (binary markets) ---
    /** Contracts per market across all strategies. */
    combinedMaxContractsPerMarket: count.default(75),
    /** Contracts per market per strategy, by strategy id. */
    strategyContractsPerMarket: z.record(IdSchema, count).default({}),
    /** Per-strategy contracts per market for strategies absent from the map. */
    defaultStrategyContractsPerMarket: count.default(50),
    /** Exposure per binary market, % of equity. */
    maxSingleMarketPct: exposurePct.default(10),
    /** Exposure per category, % of equity. */
    maxCategoryPct: exposurePct.default(40),
    /** A category is "near its limit" at this fraction of maxCategoryPct (getRiskStatus). */
    categoryNearLimitRatio: z.number().finite().min(0).max(1).default(0.8),
    /** Open (strategy, instrument) position rows across the book. */
    maxTotalPositions: count.default(100),
    /** Cash that must remain after buys, % of equity. */
    minCashReservePct: pct100.default(20),
    // --- seed 001 / 004 ---
    /** Per-strategy settings by strategy id. */
    strategies: z.record(IdSchema, StrategyRiskConfigSchema).default({}),
    /** Settings for strategies absent from `strategies`. */
    strategyDefaults: StrategyRiskConfigSchema.prefault({}),
    /** Exposure per instrument across all strategies, % of equity (seed 004 maxSymbolExposure); null = off. */
    maxSymbolExposurePct: exposurePct.nullable().default(null),
    /** Distinct strategies that may hold positions at once (seed 004); null = off. */
    maxConcurrentStrategies: count.nullable().default(null),
    /** "shared": several strategies per symbol (seed 004); "exclusive": one owner per symbol (seed 001). */
    symbolOwnership: z.enum(["shared", "exclusive"]).default("shared"),
    /** Allowed symbols per strategy; a strategy listed here may only open these. Must not overlap in exclusive mode. */
    universes: z.record(IdSchema, z.array(IdSchema)).default({}),
    /** How several strategies opening one instrument in one cycle are resolved. */
    conflictPolicy: z.enum(["aggregate", "priority"]).default("aggregate"),
    /** Size multiplier when a consensus event covers the strategy and instrument (still clamped). */
    consensusSizeMultiplier: z.number().finite().min(0).max(10).default(1),
    killSwitch: KillSwitchConfigSchema.prefault({}),
    /** Region/venue switch: short selling (also needs instrument.shortable). Seed 002 US_CA: false. */
    allowShort: z.boolean().default(false),
    /** Region/venue switch: gross exposure above equity (also needs instrument.marginable). */
    allowLeverage: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    try {
      assertTimeZone(c.killSwitch.timeZone, "killSwitch.timeZone");
    } catch {
      ctx.addIssue({
        code: "custom",
        path: ["killSwitch", "timeZone"],
        message: `unknown time zone "${c.killSwitch.timeZone}"`,
      });
    }
    if (c.symbolOwnership === "exclusive") {
      const owner = new Map<string, string>();
      for (const strategyId of Object.keys(c.universes).sort()) {
        for (const symbol of c.universes[strategyId] ?? []) {
          const first = owner.get(symbol);
          if (first !== undefined && first !== strategyId) {
            ctx.addIssue({
              code: "custom",
              path: ["universes", strategyId],
              message: `symbol "${symbol}" is in the universes of both "${first}" and "${strategyId}" (exclusive ownership)`,
            });
          } else owner.set(symbol, strategyId);
        }
      }
    }
  });
export type RiskConfig = z.output<typeof RiskConfigSchema>;
export type RiskConfigInput = z.input<typeof RiskConfigSchema>;

/**
 * Validates a risk config (plain object) and fills in the defaults.
 *
 * @throws ValidationError naming every offending field (unknown keys, negative %, reserve > 100 %,
 *   overlapping universes in exclusive mode, unknown time zone); ConfigError for `__proto__`-style keys.
 * @example const config = parseRiskConfig({ maxPerAssetPct: 20, conflictPolicy: "priority" });
 */
export function parseRiskConfig(input: unknown = {}): RiskConfig {
  return validateConfig(RiskConfigSchema, input ?? {}, "risk config");
}
