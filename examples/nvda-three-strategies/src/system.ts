// The NVDA system spec shared by both runBacktest runs: instrument, risk, broker.
import type { TradingSystemSpec } from "@quiver/backtest";
import type { InstrumentInput, Strategy } from "@quiver/core";
import { BollingerBreakout } from "./strategies/bollinger-breakout.js";
import { MacdMomentum } from "./strategies/macd-momentum.js";
import { RsiMeanReversion } from "./strategies/rsi-mean-reversion.js";

/** NVDA as an equity: whole shares, cents, long only. */
export const NVDA: InstrumentInput = {
  id: "NVDA",
  kind: "equity",
  baseAsset: "NVDA",
  quoteCurrency: "USD",
  tickSize: "0.01",
  lotSize: "1",
};

/** Starting cash of every run. */
export const INITIAL_CASH = "10000";

/** Each strategy asks for $3,000 per entry; three at once would be $9,000 = 90 % of the book. */
export const ENTRY_EXPOSURE_USD = "3000";

/** Seed 004's future enhancement, here a real limit: all strategies together hold ≤ 50 % of equity in NVDA. */
export const MAX_SYMBOL_EXPOSURE_PCT = 50;

/** Fresh strategies (they keep state: build new ones for every run). */
export function createStrategies(): Strategy[] {
  const entryExposureUsd = ENTRY_EXPOSURE_USD;
  return [
    new RsiMeanReversion({ id: "nvda-rsi", entryExposureUsd }),
    new MacdMomentum({ id: "nvda-macd", entryExposureUsd }),
    new BollingerBreakout({ id: "nvda-bb", entryExposureUsd }),
  ];
}

/**
 * The risk config: the symbol cap is the limit under study, so the generic per-asset and
 * per-trade limits are opened wide (documented in the README) and the cap binds first.
 */
export const RISK_CONFIG = {
  maxSymbolExposurePct: MAX_SYMBOL_EXPOSURE_PCT,
  maxPerAssetPct: 100,
  maxRiskPerTradePct: 100,
  maxPortfolioRiskPct: 100,
  minCashReservePct: 0,
  symbolOwnership: "shared",
} as const;

/** One spec for every run: same instrument, cash, risk and broker (fills at the next open, 5 bps slippage, 1 bp fee). */
export function createSpec(strategies: readonly Strategy[] = createStrategies()): TradingSystemSpec {
  return {
    strategies,
    instruments: [NVDA],
    initialCash: INITIAL_CASH,
    currency: "USD",
    risk: RISK_CONFIG,
    broker: { fillAt: "next_open", slippageBps: 5, feeBps: 1 },
    runner: { mode: "event", syncMaxAgeMs: null, signalRingSize: 10_000 },
  };
}
