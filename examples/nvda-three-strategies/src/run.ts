// The two NVDA runs through runBacktest: three strategies over the whole period, and the same with NVDA-RSI closed mid-run.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type BacktestResult,
  type LoadedBars,
  type TradingSystem,
  parseCsvBars,
  runBacktest,
  seriesQuality,
  sliceBarSeries,
} from "@quiver/backtest";
import { type RiskEvent, ValidationError } from "@quiver/core";
import { createSpec } from "./system.js";

/** The copied data file (from ../shared/data/equities/NVDA-1d.csv). */
export const NVDA_CSV = fileURLToPath(new URL("../data/NVDA-1d.csv", import.meta.url));

/** Default window: seven years of daily bars. */
export const DEFAULT_FROM = "2008-01-01";
export const DEFAULT_TO = "2014-12-31";

/**
 * Loads NVDA daily bars whose trading date ("YYYY-MM-DD", inclusive) is in [from, to] as a
 * backtest series with its data-quality report. The file's `date,open,high,low,close,adj_close,volume`
 * columns are read by @quiver/backtest's `parseCsvBars`: `date` is the bar's open time (00:00 UTC,
 * the `1d` alignment), the raw open/high/low/close are used (Yahoo's split-adjusted, not
 * dividend-adjusted columns) and `adj_close` is ignored. A repeated or out-of-order date is an error.
 *
 * @throws ValidationError naming `file:line:field` for a malformed row.
 */
export function loadNvda(from = DEFAULT_FROM, to = DEFAULT_TO): LoadedBars {
  const all = parseCsvBars(readFileSync(NVDA_CSV, "utf8"), {
    instrumentId: "NVDA",
    timeframe: "1d",
    source: "data/NVDA-1d.csv",
    duplicates: "error",
  });
  if (all.quality.outOfOrderRows > 0)
    throw new ValidationError("NVDA data", [{ path: all.quality.source, message: "dates must increase" }]);
  const t = all.series.openTime;
  const start = t.findIndex((x) => x >= Date.parse(from));
  const end = t.findIndex((x) => x > Date.parse(to));
  const series = sliceBarSeries(all.series, start < 0 ? t.length : start, end < 0 ? t.length : end);
  return { series, quality: seriesQuality(series) };
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
 * Part 2 (seed 004 example 3): the same spec through `runBacktest`; its `afterBar` hook plays the
 * operator: at the first close on or after `closeFrom` where NVDA-RSI holds NVDA together with
 * another strategy, it disables NVDA-RSI with close-positions. The others keep running and keep
 * their entries. (One series: `afterBar` runs once per close time, before that time's equity sample.)
 */
export async function runCloseOneStrategy(
  data: LoadedBars = loadNvda(),
  closeFrom = "2010-01-01",
  closedStrategy = "nvda-rsi",
): Promise<CloseScenario> {
  const limitHits: LimitHit[] = [];
  const openOthers = (system: TradingSystem) =>
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
  const { result, system } = await runBacktest({
    ...createSpec(),
    data: [data],
    progress: false,
    periodsPerYear: 252,
    onStart: (s) => {
      // The runner re-emits each plan's limit event per action, with the strategy: keep those.
      s.events.on("riskLimitHit", (e) => {
        if (e.strategyId !== undefined) limitHits.push(e);
      });
    },
    afterBar: async (bar, s) => {
      if (checkNextClose) {
        // The closing market order filled at this bar's open: look again.
        checkNextClose = false;
        othersAfter = openOthers(s);
        closedStrategyOpenAfter = s.ledger.getStrategyContracts("NVDA", closedStrategy).toFixed();
      }
      if (closedAt !== null || bar.closeTime < threshold) return;
      const mine = s.ledger.getStrategyContracts("NVDA", closedStrategy);
      const others = openOthers(s);
      if (mine.isZero() || others.length === 0) return;
      closedAt = bar.closeTime;
      othersBefore = others;
      await s.runner.disable(closedStrategy, { closePositions: true });
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
