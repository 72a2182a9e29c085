// Names of the risk limits in the order the engine clamps an increase.

/**
 * Limit names in clamp order. An increase is clamped by each in turn; `bindingLimit` is the first
 * one whose headroom was below the desired size. Seed 000's names are kept for its four limits.
 */
export const LIMIT_ORDER = [
  "max_risk_per_trade_pct", // 0  per member
  "max_per_asset_pct", //      1  shared (always includes manual positions)
  "max_per_strategy_pct", //   2  per member
  "strategy_max_exposure_pct", // 3 per member
  "strategy_max_positions", // 4  per member (gate on a new instrument)
  "max_symbol_exposure_pct", // 5 shared
  "max_portfolio_risk_pct", // 6  shared (always includes manual positions)
  "strategy_limit", //         7  per member, binary contracts per strategy per market
  "combined_limit", //         8  shared, binary contracts per market
  "market_pct_limit", //       9  shared, binary single-market %
  "category_limit", //        10  shared
  "max_open_positions", //    11  shared (gate on a new instrument)
  "max_total_positions", //   12  per member (gate on a new strategy/instrument row)
  "max_concurrent_strategies", // 13 per member (gate on a new strategy)
  "no_leverage", //           14  shared
  "min_cash_reserve", //      15  shared (buys only)
  "buying_power", //          16  shared
] as const;
export type LimitName = (typeof LIMIT_ORDER)[number];
