// THE wiring of this example: one spec (strategies, risk, broker, instruments) used by the backtest and the paper run.
import type { TradingSystemSpec } from "@quiver/backtest";
import { PAIRS } from "./instruments.js";
import { MeanReversionStrategy } from "./strategies/mean-reversion.js";
import { TrendFollowingStrategy } from "./strategies/trend-following.js";

/** Starting capital of both runs, in BTC. */
export const INITIAL_CASH_BTC = "10";

/**
 * Builds the trading system's spec with FRESH strategy objects (each run needs its own indicator
 * state). `@quiver/backtest`'s `runBacktest` and `wireTradingSystem` both take it, so the backtest
 * and the paper run are wired from the very same function: same strategies, risk limits, paper
 * broker settings, instruments and runner config.
 */
export function createSystemSpec(): TradingSystemSpec {
  const universe = PAIRS.map((p) => p.instrument.id as string);
  return {
    strategies: [
      new TrendFollowingStrategy({ id: "trend_following_v1", universe, maFast: 20, maSlow: 50 }),
      new MeanReversionStrategy({
        id: "mean_reversion_v1",
        universe,
        rsiPeriod: 14,
        oversold: 25,
        exitAbove: 55,
      }),
    ],
    instruments: PAIRS.map((p) => p.instrument),
    initialCash: INITIAL_CASH_BTC,
    currency: "BTC",
    risk: {
      // seed 002 §2.2: sizing risks 1 % of equity per trade, unit risk = ATR(20) × multiple
      maxRiskPerTradePct: 1,
      volatilityLookbackBars: 20,
      maxPortfolioRiskPct: 10,
      maxOpenPositions: 10,
      maxPerAssetPct: 20,
      // per-strategy caps (seed 002 max_per_strategy_pct)
      maxPerStrategyPct: { trend_following_v1: 40, mean_reversion_v1: 30 },
      // kill switch: a 2 % drawdown from the day's start equity (UTC day) stops new entries until the next day
      maxDailyDrawdownPct: 2,
      killSwitch: { timeZone: "UTC", release: "next_day" },
      killSwitchOnDrift: true,
      minCashReservePct: 10,
      strategies: {
        // stopPct is the per-unit risk of a holding whose ATR is not in the decision's context (the
        // runner passes recent bars only for the instruments being decided); without it such a
        // holding would count its whole value as risk and the 10 % portfolio risk would block entries.
        trend_following_v1: { sizing: "volatility", atrMultiple: 2, stopPct: 2, priority: 1 },
        mean_reversion_v1: { sizing: "volatility", atrMultiple: 1.5, stopPct: 1.5, maxPositions: 3 },
      },
      // spot only: no shorting, no leverage (also enforced by the instruments)
      allowShort: false,
      allowLeverage: false,
    },
    broker: {
      // market orders fill at the next bar's open, with taker fees and a little slippage
      fillAt: "next_open",
      feeBps: 10,
      slippageBps: 2,
      seed: 2018,
    },
    runner: { mode: "event" },
  };
}
