// Loads the copied daily data as seed 001 proxy bars and runs the OMR + MP system over it with runBacktest.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type BacktestResult,
  type LoadedBars,
  barAt,
  barsFromRecords,
  parseCsvBars,
  runBacktest,
} from "@quiver/backtest";
import { type Bar, type RiskEvent, type StrategySignal, ValidationError, VirtualClock } from "@quiver/core";
import type { LockEvent } from "./recording-lock.js";
import { holidaysOf, toSessionBars } from "./session-bars.js";
import { type OvernightSystem, type OvernightSystemOptions, createOvernightSpec } from "./system.js";

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

/**
 * Reads a copied `date,open,high,low,close,adj_close,volume` file with @quiver/backtest's
 * `parseCsvBars` (`date` = open time of a `1d` bar at 00:00 UTC, raw prices, `adj_close` ignored,
 * a repeated or out-of-order date is an error) and keeps the days whose date ("YYYY-MM-DD") is in [from, to].
 *
 * @throws ValidationError naming `source:line:field` for a malformed row.
 */
export function parseDaily(
  text: string,
  instrumentId: string,
  source: string,
  from?: string,
  to?: string,
): Bar[] {
  const { series, quality } = parseCsvBars(text, {
    instrumentId,
    timeframe: "1d",
    source,
    duplicates: "error",
  });
  if (quality.outOfOrderRows > 0)
    throw new ValidationError("daily CSV", [{ path: source, message: "dates must increase" }]);
  const lo = from === undefined ? Number.NEGATIVE_INFINITY : Date.parse(from);
  const hi = to === undefined ? Number.POSITIVE_INFINITY : Date.parse(to);
  const out: Bar[] = [];
  for (let i = 0; i < series.length; i++) {
    const t = series.openTime[i] as number;
    if (t >= lo && t <= hi) out.push(barAt(series, i));
  }
  return out;
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
    const bars = parseDaily(readFileSync(file, "utf8"), id, file, from, to);
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
  const { spec, lock, strategies } = createOvernightSpec({ ...options, clock, holidays: data.holidays });
  const limitHits: OvernightRun["limitHits"] = [];
  const signals: StrategySignal[] = [];
  const { result, system } = await runBacktest({
    ...spec,
    data: data.series,
    clock,
    lock,
    progress: false,
    // Two samples per trading day (after the open proxy and after the close proxy).
    periodsPerYear: 2 * 252,
    onStart: (s) => {
      s.events.on("riskLimitHit", (e) => {
        if (e.strategyId !== undefined) limitHits.push(e);
      });
      s.events.on("signal", (e) => signals.push(e));
    },
  });
  return { system, lock, strategies, result, lockEvents: lock.events, limitHits, signals };
}
