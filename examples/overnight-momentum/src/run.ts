// Loads the copied daily data as seed 001 proxy bars and replays it through the OMR + MP system.
import { fileURLToPath } from "node:url";
import { type BacktestResult, type LoadedBars, barsFromRecords } from "@quiver/backtest";
import { type Bar, type RiskEvent, type StrategySignal, VirtualClock } from "@quiver/core";
import { loadDailyBars } from "./daily-csv.js";
import type { LockEvent } from "./recording-lock.js";
import { replay } from "./replay.js";
import { holidaysOf, toSessionBars } from "./session-bars.js";
import {
  INITIAL_CASH,
  type OvernightSystem,
  type OvernightSystemOptions,
  createOvernightSystem,
} from "./system.js";

/** The copied files (from ../shared/data/equities/), one per symbol. */
export const DATA_FILES: Readonly<Record<string, string>> = {
  NVDA: fileURLToPath(new URL("../data/NVDA-1d.csv", import.meta.url)),
  ORCL: fileURLToPath(new URL("../data/ORCL-1d.csv", import.meta.url)),
  YHOO: fileURLToPath(new URL("../data/YHOO-1d.csv", import.meta.url)),
};

export const DEFAULT_FROM = "2010-01-01";
export const DEFAULT_TO = "2014-12-31";

/** Daily bars of the symbols and their proxy bars as backtest series. */
export interface OvernightData {
  daily: Map<string, Bar[]>;
  series: LoadedBars[];
  holidays: string[];
}

/** Loads `symbols` in [from, to] and turns every day into its 09:30 / 15:54 proxy bars. */
export function loadOvernightData(
  symbols: readonly string[] = ["NVDA", "ORCL", "YHOO"],
  from = DEFAULT_FROM,
  to = DEFAULT_TO,
): OvernightData {
  const daily = new Map<string, Bar[]>();
  const series: LoadedBars[] = [];
  for (const id of symbols) {
    const file = DATA_FILES[id];
    if (file === undefined) throw new Error(`no data file for ${id}`);
    const bars = loadDailyBars(file, id, { from, to });
    daily.set(id, bars);
    series.push(
      barsFromRecords(toSessionBars(bars), {
        instrumentId: id,
        timeframe: "1m",
        source: `data/${id}-1d.csv (proxies)`,
      }),
    );
  }
  // A weekday is a holiday when no symbol traded on it.
  const all = [...daily.values()].flat().sort((a, b) => a.openTime - b.openTime);
  const traded = new Map(all.map((b) => [b.openTime, b]));
  const holidays = holidaysOf([...traded.values()]);
  return { daily, series, holidays };
}

/** What the run produced. */
export interface OvernightRun extends OvernightSystem {
  result: BacktestResult;
  lockEvents: LockEvent[];
  limitHits: Array<RiskEvent & { strategyId?: string; instrumentId?: string }>;
  signals: StrategySignal[];
}

/** Runs OMR + MP over the data (see `createOvernightSystem` for the wiring and schedules). */
export async function runOvernight(
  data: OvernightData = loadOvernightData(),
  options: Omit<OvernightSystemOptions, "clock" | "holidays"> = {},
): Promise<OvernightRun> {
  const first = Math.min(...data.series.map((s) => s.series.openTime[0] as number));
  const clock = new VirtualClock(first);
  const built = createOvernightSystem({ ...options, clock, holidays: data.holidays });
  const limitHits: OvernightRun["limitHits"] = [];
  built.system.events.on("riskLimitHit", (e) => {
    if (e.strategyId !== undefined) limitHits.push(e);
  });
  const signals: StrategySignal[] = [];
  built.system.events.on("signal", (s) => signals.push(s));
  // Two samples per trading day (after the open proxy and after the close proxy).
  const result = await replay(built.system, clock, data.series, {
    initialCash: INITIAL_CASH,
    currency: "USD",
    periodsPerYear: 2 * 252,
  });
  return { ...built, result, lockEvents: built.lock.events, limitHits, signals };
}
