// Strategy contract: what a user writes; the runner calls it, the risk engine sizes its intents.
import type { Decimal } from "../decimal.js";
import type { Bar } from "../model/bar.js";
import type { EntrySide } from "../model/entry.js";
import type { Instrument } from "../model/instrument.js";
import type { StrategyIntentInput } from "../model/strategy.js";
import type { Timeframe } from "../time/timeframe.js";

/** One of this strategy's own positions (never another strategy's). */
export interface StrategyPositionView {
  readonly instrumentId: string;
  readonly side: EntrySide;
  readonly quantity: Decimal;
  readonly entryCount: number;
}

/**
 * What a strategy sees in a decision cycle. Read-only and scoped: a strategy sees its own
 * positions and the market, never another strategy's state.
 */
export interface StrategyContext {
  /** Decision time (epoch ms), from the runner's Clock. */
  readonly now: number;
  /** Timeframe whose bar just closed and triggered this call. */
  readonly timeframe: Timeframe;
  /** The closed bars that triggered this cycle, by instrument id (only this strategy's universe). */
  readonly bars: ReadonlyMap<string, Bar>;
  /** This strategy's universe. */
  readonly universe: readonly string[];
  /** Instrument definitions of the universe. */
  readonly instruments: ReadonlyMap<string, Instrument>;
  /** This strategy's open quantity in an instrument (0 when flat); side-aware via `positions`. */
  position(instrumentId: string): Decimal;
  /** This strategy's open positions. */
  readonly positions: readonly StrategyPositionView[];
  /** Last close of an instrument in the universe, if any bar was seen. */
  lastPrice(instrumentId: string): number | undefined;
  /** Closed bars of (instrument, timeframe) held by the runner's buffer, oldest first (at most `limit`). */
  history(instrumentId: string, timeframe: Timeframe, limit?: number): readonly Bar[];
  /** Deterministic signal id helper: `${strategyId}:${instrumentId}:${now}` (+ suffix). */
  signalId(instrumentId: string, suffix?: string): string;
}

/**
 * A trading strategy. Contract:
 * - `id` is unique and stable (it tags orders and entries).
 * - `generateIntents` is called only for closed bars of its universe and timeframes; it must be
 *   deterministic for the same inputs and must not perform I/O. Throwing marks this strategy
 *   errored; other strategies carry on.
 * - A strategy's state (indicators, buffers) is its own; the runner never shares it.
 */
export interface Strategy {
  readonly id: string;
  /** The strategy's validated config (validate in the constructor/factory with zod). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly universe: readonly string[];
  readonly timeframes: readonly Timeframe[];
  /** Priority for conflicts and buying power (higher first). Default 0. */
  readonly priority?: number;
  /** Bars of history needed before the first decision (per instrument and timeframe). */
  readonly warmupBars?: number;
  /** Feed indicator state from history, oldest first, before live/backtest bars arrive. */
  warmup?(history: ReadonlyMap<string, readonly Bar[]>, timeframe: Timeframe): void;
  /** Called for every closed bar of the universe/timeframes before `generateIntents` (update indicators here). */
  onBar?(bar: Bar): void;
  /** Return intents for this cycle (empty array for none). `strategyId` defaults to `id`. */
  generateIntents(ctx: StrategyContext): ReadonlyArray<StrategyIntentDraft>;
}

/** An intent as a strategy returns it: `strategyId` may be left out (the runner fills it in). */
export type StrategyIntentDraft = Omit<StrategyIntentInput, "strategyId"> & { strategyId?: string };
