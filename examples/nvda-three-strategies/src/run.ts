// The two NVDA runs: three strategies over the whole period (runBacktest), and the same with NVDA-RSI closed mid-run.
import { fileURLToPath } from "node:url";
import {
  type BacktestResult,
  type LoadedBars,
  type TradingSystem,
  barsFromRecords,
  runBacktest,
  wireTradingSystem,
} from "@quiver/backtest";
import { type RiskEvent, VirtualClock } from "@quiver/core";
import { loadDailyBars } from "./daily-csv.js";
import { replay } from "./replay.js";
import { INITIAL_CASH, createSpec } from "./system.js";

/** The copied data file (from ../shared/data/equities/NVDA-1d.csv). */
export const NVDA_CSV = fileURLToPath(new URL("../data/NVDA-1d.csv", import.meta.url));

/** Default window: seven years of daily bars. */
export const DEFAULT_FROM = "2008-01-01";
export const DEFAULT_TO = "2014-12-31";

/** Loads NVDA daily bars in [from, to] as a backtest series (with its data-quality report). */
export function loadNvda(from = DEFAULT_FROM, to = DEFAULT_TO): LoadedBars {
  const bars = loadDailyBars(NVDA_CSV, "NVDA", { from, to });
  return barsFromRecords(bars, { instrumentId: "NVDA", timeframe: "1d", source: "data/NVDA-1d.csv" });
}

/** A risk limit that blocked or downsized an action. */
export type LimitHit = RiskEvent & { strategyId?: string; instrumentId?: string };

/** Result of the three-strategy backtest. */
export interface ThreeStrategiesRun {
  result: BacktestResult;
  system: TradingSystem;
  /** Running strategies trading NVDA at the end (seed 004 `getActiveCountForSymbol`). */
  activeOnNvda: number;
  /** Feed subscriptions the runner opened, one per (instrument, timeframe). */
  streams: Array<{ instrumentId: string; timeframe: string; strategies: string[] }>;
}

/** Part 1: RSI, MACD and Bollinger on NVDA at once, through `runBacktest`. */
export async function runThreeStrategies(data: LoadedBars = loadNvda()): Promise<ThreeStrategiesRun> {
  const { result, system } = await runBacktest({
    ...createSpec(),
    data: [data],
    progress: false,
    periodsPerYear: 252,
  });
  const streams = system.runner.getDataStatus().map((s) => ({
    instrumentId: s.instrumentId,
    timeframe: s.timeframe,
    strategies: [...s.strategies],
  }));
  return { result, system, activeOnNvda: system.runner.getActiveCountForSymbol("NVDA"), streams };
}

/** A plain snapshot of one open entry (the ledger's objects hold Decimals and live state). */
export interface EntryView {
  entryId: string;
  strategyId: string;
  openQuantity: string;
  entryPrice: string | null;
}

/** What closing NVDA-RSI mid-run did, and did not do, to the other two. */
export interface CloseScenario {
  result: BacktestResult;
  system: TradingSystem;
  closedStrategy: string;
  /** When the operator closed it (epoch ms), or null if the condition never occurred. */
  closedAt: number | null;
  /** Entries of the OTHER strategies open at that moment, before and after the close (and its fill). */
  othersBefore: EntryView[];
  othersAfter: EntryView[];
  /** Quantity the closed strategy still held right after the closing fill. */
  closedStrategyOpenAfter: string;
  /** Limits that bound during the run. */
  limitHits: LimitHit[];
  activeOnNvdaAfter: number;
}

/**
 * Part 2 (seed 004 example 3): the same system, wired with `wireTradingSystem`; at the first close
 * on or after `closeFrom` where NVDA-RSI holds NVDA together with another strategy, the operator
 * disables NVDA-RSI with close-positions. The others keep running and keep their entries.
 */
export async function runCloseOneStrategy(
  data: LoadedBars = loadNvda(),
  closeFrom = "2010-01-01",
  closedStrategy = "nvda-rsi",
): Promise<CloseScenario> {
  const spec = createSpec();
  const clock = new VirtualClock(data.series.openTime[0] as number);
  const system = wireTradingSystem(spec, { clock });
  const limitHits: LimitHit[] = [];
  // The runner re-emits each plan's limit event per action, with the strategy: keep those.
  system.events.on("riskLimitHit", (e) => {
    if (e.strategyId !== undefined) limitHits.push(e);
  });
  const openOthers = () =>
    system.ledger
      .getEntries({ instrumentId: "NVDA", open: true })
      .filter((e) => e.strategyId !== closedStrategy)
      .map(
        (e): EntryView => ({
          entryId: e.entryId,
          strategyId: e.strategyId,
          openQuantity: e.openQuantity.toFixed(),
          entryPrice: e.entryPrice?.toFixed() ?? null,
        }),
      );
  const threshold = Date.parse(`${closeFrom}T00:00:00Z`);
  let closedAt: number | null = null;
  let othersBefore: EntryView[] = [];
  let othersAfter: EntryView[] = [];
  let closedStrategyOpenAfter = "0";
  let checkNextClose = false;
  const result = await replay(system, clock, [data], {
    initialCash: INITIAL_CASH,
    currency: "USD",
    periodsPerYear: 252,
    afterClose: async (t) => {
      if (checkNextClose) {
        // The closing market order filled at this bar's open: look again.
        checkNextClose = false;
        othersAfter = openOthers();
        closedStrategyOpenAfter = system.ledger.getStrategyContracts("NVDA", closedStrategy).toFixed();
      }
      if (closedAt !== null || t < threshold) return;
      const mine = system.ledger.getStrategyContracts("NVDA", closedStrategy);
      const others = openOthers();
      if (mine.isZero() || others.length === 0) return;
      closedAt = t;
      othersBefore = others;
      await system.runner.disable(closedStrategy, { closePositions: true });
      checkNextClose = true;
    },
  });
  return {
    result,
    system,
    closedStrategy,
    closedAt,
    othersBefore,
    othersAfter,
    closedStrategyOpenAfter,
    limitHits,
    activeOnNvdaAfter: system.runner.getActiveCountForSymbol("NVDA"),
  };
}
