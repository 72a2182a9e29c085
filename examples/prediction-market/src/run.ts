// Runs the generated markets through RLM_NO + S013 with runBacktest and settles each market at 0 or 100 when it expires.
import {
  type BacktestResult,
  type LoadedBars,
  type TradingSystem,
  barsFromRecords,
  runBacktest,
} from "@quiver/backtest";
import { type Bar, Decimal, type ExitSlice, type RiskEvent, type StrategyPnl } from "@quiver/core";
import { type GeneratedMarket, type GenerateMarketsOptions, generateMarkets } from "./generate-markets.js";
import { RISK_CONFIG, createSpec } from "./system.js";

/** Category exposure seen after a close: open cost basis of a category vs its limit. */
export interface CategorySample {
  at: number;
  category: string;
  costBasis: number;
  equity: number;
  limit: number;
}

/** What the run produced. */
export interface PredictionRun {
  markets: GeneratedMarket[];
  system: TradingSystem;
  result: BacktestResult;
  settlements: Array<{ instrumentId: string; at: number; yesCents: number; slices: ExitSlice[] }>;
  pnl: Record<string, StrategyPnl>;
  limitHits: Array<RiskEvent & { strategyId?: string; instrumentId?: string }>;
  categorySamples: CategorySample[];
}

/**
 * `runBacktest`'s `afterBar` runs after every bar; this turns it into a hook that runs once per
 * close time, after the LAST bar closing then (every market's bar of a minute is processed before
 * the operator settles a market or samples exposure), still before that time's equity sample.
 */
export function afterEachClose(
  data: readonly LoadedBars[],
  afterClose: (time: number, system: TradingSystem) => void,
): (bar: Bar, system: TradingSystem) => void {
  const pending = new Map<number, number>();
  for (const { series } of data) {
    for (let i = 0; i < series.length; i++) {
      const t = (series.openTime[i] as number) + series.timeframeMs;
      pending.set(t, (pending.get(t) ?? 0) + 1);
    }
  }
  return (bar, system) => {
    const left = (pending.get(bar.closeTime) ?? 1) - 1;
    pending.set(bar.closeTime, left);
    if (left === 0) afterClose(bar.closeTime, system);
  };
}

/**
 * Generates the markets (seeded) and runs them through `runBacktest`; right after a market's last
 * bar, the `afterBar` hook settles it in the paper broker and the ledger at 0 or 100 (its generated
 * outcome). Per-strategy P&L comes from `ledger.computeStrategyPnl`, entry by entry.
 */
export async function runPredictionMarkets(
  options: GenerateMarketsOptions = {},
  riskOverrides: Readonly<Record<string, unknown>> = {},
): Promise<PredictionRun> {
  const markets = generateMarkets(options);
  const limitHits: PredictionRun["limitHits"] = [];
  const bySettle = new Map<number, GeneratedMarket[]>();
  for (const m of markets) bySettle.set(m.settlesAt, [...(bySettle.get(m.settlesAt) ?? []), m]);
  const categories = [...new Set(markets.map((m) => m.category))].sort();
  const lastYes = new Map<string, number>();
  const settlements: PredictionRun["settlements"] = [];
  const categorySamples: CategorySample[] = [];
  const data = markets.map((m) =>
    barsFromRecords(m.bars, {
      instrumentId: m.instrument.id,
      timeframe: "1m",
      source: `generated:${m.instrument.id}`,
    }),
  );
  const marks = () => {
    const out: Record<string, Decimal> = {};
    for (const [id, yes] of lastYes) out[id] = new Decimal(yes);
    return out;
  };
  for (const m of markets) lastYes.set(m.instrument.id, m.bars[0]!.open);
  const barAtClose = new Map<string, Map<number, number>>(
    markets.map((m) => [m.instrument.id, new Map(m.bars.map((b) => [b.closeTime, b.close]))]),
  );
  const pct = (riskOverrides["maxCategoryPct"] as number | undefined) ?? RISK_CONFIG.maxCategoryPct;
  const { result, system } = await runBacktest({
    ...createSpec(markets, riskOverrides),
    data,
    progress: false,
    onStart: (s) => {
      s.events.on("riskLimitHit", (e) => {
        if (e.strategyId !== undefined) limitHits.push(e);
      });
    },
    afterBar: afterEachClose(data, (t, s) => {
      for (const [id, closes] of barAtClose) {
        const c = closes.get(t);
        if (c !== undefined) lastYes.set(id, c);
      }
      const equity = s.ledger.getEquity(marks()).toNumber();
      for (const category of categories) {
        const open = s.ledger.getEntries({ category, open: true });
        const costBasis = open.reduce(
          (a, e) => a + e.openQuantity.times(e.entryPrice ?? 0).toNumber() / 100,
          0,
        );
        categorySamples.push({ at: t, category, costBasis, equity, limit: (equity * pct) / 100 });
      }
      for (const m of bySettle.get(t) ?? []) {
        const yes = new Decimal(m.settlementYesCents);
        s.broker.settle(m.instrument.id, yes);
        const slices = s.ledger.settle(m.instrument.id, yes, t);
        lastYes.set(m.instrument.id, m.settlementYesCents);
        settlements.push({ instrumentId: m.instrument.id, at: t, yesCents: m.settlementYesCents, slices });
      }
    }),
  });
  const pnl: Record<string, StrategyPnl> = {};
  for (const s of ["RLM_NO", "S013"]) pnl[s] = system.ledger.computeStrategyPnl(s, marks());
  return { markets, system, result, settlements, pnl, limitHits, categorySamples };
}
