// Seed 000 wiring: RLM_NO + S013 on generated binary markets, with the seed's contract, market, category and cash limits.
import type { TradingSystemSpec } from "@quiver/backtest";
import type { GeneratedMarket } from "./generate-markets.js";
import { RlmNo } from "./strategies/rlm-no.js";
import { S013 } from "./strategies/s013.js";

/** Bankroll in USD (contracts pay $1; prices are cents). */
export const INITIAL_CASH = "400";

/** Seed 000 §1.2 `RiskLimits`, in the risk engine's names. */
export const SEED_000_LIMITS = {
  combinedMaxContractsPerMarket: 75,
  strategyContractsPerMarket: { RLM_NO: 50, S013: 50 },
  maxSingleMarketPct: 10,
  maxCategoryPct: 40,
  maxTotalPositions: 100,
  minCashReservePct: 20,
} as const;

/**
 * The risk config: seed 000's limits, plus the seed 002 limits that seed 000 does not have opened
 * wide (per-asset %, per-trade and portfolio risk, open-position count) so that only seed 000's
 * rules decide.
 */
export const RISK_CONFIG = {
  ...SEED_000_LIMITS,
  maxPerAssetPct: 100,
  maxRiskPerTradePct: 100,
  maxPortfolioRiskPct: 100,
  maxOpenPositions: 100,
};

/** Builds the two strategies over every market; RLM_NO reads the generated trade tape. */
export function createStrategies(markets: readonly GeneratedMarket[]): [RlmNo, S013] {
  const universe = markets.map((m) => m.instrument.id);
  const tapes = new Map(markets.map((m) => [m.instrument.id, m.tape]));
  return [new RlmNo({ universe }, (id, t) => tapes.get(id)?.get(t)), new S013({ universe })];
}

/** The system spec: binary instruments with categories and expiries, fills at the bar close. */
export function createSpec(
  markets: readonly GeneratedMarket[],
  riskOverrides: Readonly<Record<string, unknown>> = {},
): TradingSystemSpec {
  return {
    strategies: createStrategies(markets),
    instruments: markets.map((m) => m.instrument),
    initialCash: INITIAL_CASH,
    currency: "USD",
    risk: { ...RISK_CONFIG, ...riskOverrides },
    broker: { fillAt: "close" },
    runner: { mode: "event", syncMaxAgeMs: null, consensusWindowMs: 60_000, signalRingSize: 10_000 },
  };
}
