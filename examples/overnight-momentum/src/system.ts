// Seed 001 spec: OMR + MP on one ledger, risk engine, paper broker and runner, with daily jobs and ONE (recorded) execution lock.
import { type TradingSystem, type TradingSystemSpec, wireTradingSystem } from "@quiver/backtest";
import type { InstrumentInput, VirtualClock } from "@quiver/core";
import { InMemoryExecutionLock } from "@quiver/runner";
import { RecordingLock } from "./recording-lock.js";
import { NEW_YORK } from "./session-bars.js";
import { MomentumProtection } from "./strategies/momentum-protection.js";
import { OvernightMeanReversion } from "./strategies/overnight-mean-reversion.js";

/** Starting cash. */
export const INITIAL_CASH = "100000";

/** Seed 001's capital allocation table, as risk-engine settings per strategy. */
export const CAPITAL_ALLOCATION = {
  omr: { sizing: "fixed_fractional", positionSizePct: 15, maxPositions: 3, maxExposurePct: 45, priority: 10 },
  mp: { sizing: "fixed_fractional", positionSizePct: 6.5, maxPositions: 10, maxExposurePct: 65, priority: 0 },
} as const;

/** An equity instrument in USD, whole shares. */
export function equity(id: string): InstrumentInput {
  return { id, kind: "equity", baseAsset: id, quoteCurrency: "USD", tickSize: "0.01", lotSize: "1" };
}

/** Options of {@link createOvernightSystem}. */
export interface OvernightSystemOptions {
  clock: VirtualClock;
  /** OMR's universe (leveraged-ETF proxies). Default ["NVDA"]. */
  omrUniverse?: readonly string[];
  /** MP's universe. Default ["ORCL", "YHOO"]. */
  mpUniverse?: readonly string[];
  /** Market holidays ("YYYY-MM-DD") the daily jobs skip. */
  holidays?: readonly string[];
  /** Extra MP settings (topN, lookback …). */
  mp?: Readonly<Record<string, unknown>>;
  /** Extra OMR settings. */
  omr?: Readonly<Record<string, unknown>>;
  /** Overrides of the capital allocation table, per strategy (e.g. a tighter OMR max positions). */
  allocation?: { omr?: Readonly<Record<string, unknown>>; mp?: Readonly<Record<string, unknown>> };
}

/** The spec for `runBacktest` / `wireTradingSystem`, the recording lock to hand it, and the strategies. */
export interface OvernightSpec {
  spec: TradingSystemSpec;
  lock: RecordingLock;
  strategies: { omr: OvernightMeanReversion; mp: MomentumProtection };
}

/** The wired system plus the recording lock. */
export interface OvernightSystem {
  system: TradingSystem;
  lock: RecordingLock;
  strategies: { omr: OvernightMeanReversion; mp: MomentumProtection };
}

/**
 * Builds the seed 001 spec. The risk engine runs with `symbolOwnership: "exclusive"` and each
 * strategy's universe. The runner is in "cycle" mode: bars only update indicators; decisions run
 * in three daily jobs (America/New_York, weekdays, holidays skipped): OMR exit 09:31, OMR entry
 * 15:55, MP rebalance 15:55 — OMR's job is installed first, so at 15:55 OMR takes the one
 * execution lock, trades, releases it, then MP takes it. The lock is the runner's in-memory lock
 * on `clock`, wrapped in a {@link RecordingLock}: pass it as the `lock` port.
 *
 * @throws ValidationError for a bad strategy config.
 */
export function createOvernightSpec(options: OvernightSystemOptions): OvernightSpec {
  const omr = new OvernightMeanReversion({
    universe: [...(options.omrUniverse ?? ["NVDA"])],
    ...options.omr,
  });
  const mp = new MomentumProtection({
    universe: [...(options.mpUniverse ?? ["ORCL", "YHOO"])],
    ...options.mp,
  });
  const skipDates = [...(options.holidays ?? [])];
  const daily = (id: string, time: string, strategy: string) => ({
    kind: "daily" as const,
    id,
    time,
    timeZone: NEW_YORK,
    weekdaysOnly: true,
    skipDates,
    strategies: [strategy],
  });
  const symbolOwnership: Record<string, string> = {};
  for (const id of omr.universe) symbolOwnership[id] = omr.id;
  for (const id of mp.universe) symbolOwnership[id] = mp.id;
  const clock = options.clock;
  const spec: TradingSystemSpec = {
    strategies: [omr, mp],
    instruments: [...new Set([...omr.universe, ...mp.universe])].sort().map(equity),
    initialCash: INITIAL_CASH,
    currency: "USD",
    risk: {
      symbolOwnership: "exclusive",
      universes: { omr: [...omr.universe], mp: [...mp.universe] },
      strategies: {
        omr: { ...CAPITAL_ALLOCATION.omr, ...options.allocation?.omr },
        mp: { ...CAPITAL_ALLOCATION.mp, ...options.allocation?.mp },
      },
      // Seed 001 sizes by position size % only: the seed 002 per-trade / per-asset risk limits are opened wide.
      maxPerAssetPct: 100,
      maxRiskPerTradePct: 100,
      maxPortfolioRiskPct: 100,
      maxOpenPositions: 13,
      minCashReservePct: 0,
    },
    riskValidation: "trusted",
    ledger: { timeZone: NEW_YORK },
    broker: { fillAt: "close", slippageBps: 2, feeBps: 0.5, timeZone: NEW_YORK },
    runner: {
      mode: "cycle",
      signalRingSize: 100_000,
      symbolOwnership,
      schedules: [
        daily("omr-exit", "09:31", "omr"),
        daily("omr-entry", "15:55", "omr"),
        daily("mp-rebalance", "15:55", "mp"),
      ],
    },
  };
  const lock = new RecordingLock(new InMemoryExecutionLock(clock), () => clock.now());
  return { spec, lock, strategies: { omr, mp } };
}

/**
 * Wires the seed 001 spec on `options.clock` with `wireTradingSystem` (as `runBacktest` does).
 * OVERLAPPING UNIVERSES ARE REFUSED HERE, before anything starts (ValidationError naming the
 * symbol and both strategies).
 *
 * @throws ValidationError for overlapping universes or any bad config.
 */
export function createOvernightSystem(options: OvernightSystemOptions): OvernightSystem {
  const { spec, lock, strategies } = createOvernightSpec(options);
  const system = wireTradingSystem(spec, { clock: options.clock, lock });
  return { system, lock, strategies };
}
