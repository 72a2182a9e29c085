// Test fixtures: instruments, contexts and intents built through core's schemas.
import {
  type InstrumentInput,
  parseWith,
  type RiskAdjustedAction,
  type RiskContext,
  type RiskContextInput,
  RiskContextSchema,
  type StrategyIntent,
  type StrategyIntentInput,
  StrategyIntentSchema,
} from "@quiver/core";

/** 2024-01-02 12:00 UTC. */
export const T0 = Date.UTC(2024, 0, 2, 12);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function spot(
  id: string,
  baseAsset = id.split("/")[0] ?? id,
  extra: Partial<InstrumentInput> = {},
): InstrumentInput {
  return { id, kind: "spot", baseAsset, quoteCurrency: "USD", tickSize: "0.01", lotSize: "0.0001", ...extra };
}

export function equity(id: string, extra: Partial<InstrumentInput> = {}): InstrumentInput {
  return {
    id,
    kind: "equity",
    baseAsset: id,
    quoteCurrency: "USD",
    tickSize: "0.01",
    lotSize: "1",
    ...extra,
  };
}

export function binary(id: string, category?: string, extra: Partial<InstrumentInput> = {}): InstrumentInput {
  return {
    id,
    kind: "binary",
    baseAsset: id,
    quoteCurrency: "USD",
    tickSize: "1",
    lotSize: "1",
    ...(category === undefined ? {} : { category }),
    ...extra,
  };
}

export function instrumentsOf(list: InstrumentInput[]): Record<string, InstrumentInput> {
  return Object.fromEntries(list.map((i) => [i.id, i]));
}

/** A parsed context with 100,000 equity/cash/buying power unless overridden. */
export function context(partial: Partial<RiskContextInput> = {}): RiskContext {
  return parseWith(
    RiskContextSchema,
    {
      now: T0,
      equity: "100000",
      cash: "100000",
      buyingPower: "100000",
      instruments: {},
      ...partial,
    },
    "test context",
  );
}

let seq = 0;
/** A parsed intent; `signalId` defaults to a unique one. */
export function intent(
  p: Partial<StrategyIntentInput> & Pick<StrategyIntentInput, "strategyId" | "instrumentId">,
): StrategyIntent {
  seq++;
  return parseWith(
    StrategyIntentSchema,
    {
      side: "long",
      intentType: "enter",
      confidence: 0.7,
      timeframe: "1h",
      generatedAt: T0,
      signalId: `${p.strategyId}:${p.instrumentId}:${seq}`,
      ...p,
    },
    "test intent",
  );
}

/** The single action of a strategy in a plan. */
export function actionOf(actions: readonly RiskAdjustedAction[], strategyId: string, instrumentId?: string) {
  const a = actions.find(
    (x) => x.strategyId === strategyId && (instrumentId === undefined || x.instrumentId === instrumentId),
  );
  if (a === undefined) throw new Error(`no action for ${strategyId} ${instrumentId ?? ""}`);
  return a;
}

/** Config with every limit out of the way, so a test can switch one on at a time. */
export const LOOSE = {
  maxRiskPerTradePct: 100,
  maxPortfolioRiskPct: 100,
  maxOpenPositions: 1000,
  maxPerAssetPct: 1000,
  maxDailyDrawdownPct: 100,
  maxSingleMarketPct: 1000,
  maxCategoryPct: 1000,
  combinedMaxContractsPerMarket: 1_000_000,
  defaultStrategyContractsPerMarket: 1_000_000,
  maxTotalPositions: 1000,
  minCashReservePct: 0,
  allowLeverage: true,
} as const;
