// Shared bench setup: the synthetic instrument and the risk settings every bench case uses.

/** A USD-quoted spot instrument for synthetic series. */
export function benchInstrument(id: string) {
  return {
    id,
    kind: "spot" as const,
    baseAsset: id,
    quoteCurrency: "USD",
    tickSize: "0.0001",
    lotSize: "0.0001",
  };
}

/** Risk settings that let a single strategy trade its full signal stream (sizes by volatility). */
export const benchRisk = {
  maxPerAssetPct: 50,
  maxPerStrategyPct: {},
  maxPortfolioRiskPct: 100,
  minCashReservePct: 0,
  maxDailyDrawdownPct: 100,
  maxOpenPositions: 100,
};
