// Runner config: a strict zod schema (unknown keys refused) with the seed defaults, and its parser.
import { IdSchema, TimeframeSchema, ValidationError, assertTimeZone, validateConfig } from "@quiver/core";
import { z } from "zod";

const ms = z.number().int().nonnegative();

/** Retry policy for broker errors marked `retryable` (exponential backoff, clock timers). */
export const RetryConfigSchema = z.strictObject({
  /** Attempts in total, the first included. */
  maxAttempts: z.number().int().min(1).max(20).default(3),
  /** Delay before the 2nd attempt; doubles each attempt. */
  baseDelayMs: ms.default(500),
  /** Cap of one delay. */
  maxDelayMs: ms.default(10_000),
});

/** Per-strategy toggles (seed 001 `strategy_toggle.yaml`). */
export const ToggleSchema = z.strictObject({
  enabled: z.boolean().default(true),
  shutdownRequested: z.boolean().default(false),
});

const timeZoneSchema = z.string().superRefine((tz, ctx) => {
  try {
    assertTimeZone(tz);
  } catch {
    ctx.addIssue({ code: "custom", message: `unknown time zone "${tz}"` });
  }
});

/** A time-of-day job in a time zone (seed 001: OMR 15:55 / 09:31 America/New_York, weekdays). */
export const DailyScheduleSchema = z.strictObject({
  kind: z.literal("daily"),
  id: IdSchema,
  /** "HH:MM", 24-hour, local to `timeZone`. */
  time: z.string().regex(/^([01]\d|2[0-3]):([0-5]\d)$/, 'must be "HH:MM"'),
  timeZone: timeZoneSchema,
  /** Only Monday–Friday (market days); holidays via `skipDates`. Default true. */
  weekdaysOnly: z.boolean().default(true),
  /** Local dates "YYYY-MM-DD" to skip (market holidays). */
  skipDates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  /** Strategies whose decision cycle runs at that time. */
  strategies: z.array(IdSchema).min(1),
});

/** A decision cycle at every bar close of a timeframe (cycle mode). */
export const BarCloseScheduleSchema = z.strictObject({
  kind: z.literal("barClose"),
  id: IdSchema,
  timeframe: TimeframeSchema,
  /** Wait after the close for late bars. */
  delayMs: ms.default(0),
  /** Default: every strategy with this timeframe. */
  strategies: z.array(IdSchema).optional(),
});

export const ScheduleSchema = z.discriminatedUnion("kind", [DailyScheduleSchema, BarCloseScheduleSchema]);

/**
 * The runner's config. Every key is optional and defaults to the seed values; unknown keys are
 * refused (strict) so a typo never silently runs with a default.
 */
export const RunnerConfigSchema = z.strictObject({
  /**
   * "event": each closed bar runs the decision for the strategies it concerns (backtests, live bar
   * streams). "cycle": bars only update buffers and indicators; decisions run in `runCycle`
   * (schedules or an external orchestrator).
   */
  mode: z.enum(["event", "cycle"]).default("event"),
  /** Data older than this (now − last close) is stale: no new decisions. null: 2 bars of the stream's timeframe. */
  staleAfterMs: z.number().int().positive().nullable().default(null),
  /** Executed signals of different strategies on one instrument at most this far apart form a consensus (inclusive). */
  consensusWindowMs: ms.default(60_000),
  lock: z
    .strictObject({
      /** Wait for a live holder at most this long (seed 001: 30 s). */
      waitMs: ms.default(30_000),
      /** Lease length; an expired lease is taken over (seed 001: 4 min). */
      ttlMs: z.number().int().positive().default(240_000),
    })
    .prefault({}),
  /** One strategy's execution may last this long; remaining orders are aborted after it (seed 001 rule 10). */
  executionTimeoutMs: z.number().int().positive().default(240_000),
  /**
   * Broker sync (account, positions, open orders, ledger reconcile) is redone before a decision
   * when older than this (seed 001 rule 3: 30 s). null: only `runCycle` syncs and event-mode
   * decisions take cash/equity from the ledger (backtests with a synchronous paper broker).
   */
  syncMaxAgeMs: ms.nullable().default(30_000),
  retry: RetryConfigSchema.prefault({}),
  /** In-memory ring of recent signals. */
  signalRingSize: z.number().int().min(1).max(1_000_000).default(500),
  /** In-memory ring of recent consensus events. */
  consensusRingSize: z.number().int().min(1).max(1_000_000).default(100),
  /** Closed bars kept per (instrument, timeframe) stream for `ctx.history`. */
  maxHistoryBars: z.number().int().min(1).max(10_000_000).default(1000),
  /** Recent bars passed to the risk engine per intent instrument and per held instrument (volatility sizing, portfolio risk). */
  riskHistoryBars: z.number().int().min(0).max(100_000).default(50),
  /**
   * Pending-order check (seed 001 rule 4), per symbol: "strategy" (default) skips when THIS
   * strategy has an open order on the symbol — with several strategies per symbol (seed 004) one
   * strategy's resting order must not block another's independent trade, and with seed 001's
   * non-overlapping universes it is the same rule; "symbol" skips on any open order on the symbol.
   */
  pendingOrderScope: z.enum(["symbol", "strategy"]).default("strategy"),
  /** Call `broker.onBar(bar)` (paper broker) before strategies see a bar. */
  forwardBarsToBroker: z.boolean().default(true),
  /** Freeze bars before fan-out so no strategy can mutate what another sees. */
  freezeBars: z.boolean().default(true),
  /** Toggles per strategy id; strategies not listed are enabled. */
  toggles: z.record(IdSchema, ToggleSchema).default({}),
  /** instrument id → the only strategy allowed to open it (seed 001 rule 8). Unlisted: shared (seed 004). */
  symbolOwnership: z.record(IdSchema, IdSchema).default({}),
  schedules: z.array(ScheduleSchema).default([]),
});

/** Parsed runner config. */
export type RunnerConfig = z.output<typeof RunnerConfigSchema>;
/** Runner config as written by users (all optional). */
export type RunnerConfigInput = z.input<typeof RunnerConfigSchema>;
export type DailySchedule = z.output<typeof DailyScheduleSchema>;
export type BarCloseSchedule = z.output<typeof BarCloseScheduleSchema>;
export type RetryConfig = z.output<typeof RetryConfigSchema>;

/**
 * Validates a runner config (prototype-pollution guard + strict schema) and checks that every
 * strategy id it names exists.
 * @throws ConfigError for `__proto__`-like keys; ValidationError naming each bad field.
 * @example parseRunnerConfig({ consensusWindowMs: 30_000 }, ["trend"])
 */
export function parseRunnerConfig(input: unknown, strategyIds?: Iterable<string>): RunnerConfig {
  const cfg = validateConfig(RunnerConfigSchema, input ?? {}, "runner config");
  if (strategyIds) {
    const known = new Set(strategyIds);
    const issues: Array<{ path: string; message: string }> = [];
    for (const id of Object.keys(cfg.toggles))
      if (!known.has(id)) issues.push({ path: `toggles.${id}`, message: "unknown strategy" });
    for (const [inst, id] of Object.entries(cfg.symbolOwnership))
      if (!known.has(id))
        issues.push({ path: `symbolOwnership.${inst}`, message: `unknown strategy "${id}"` });
    cfg.schedules.forEach((s, i) => {
      for (const id of s.strategies ?? [])
        if (!known.has(id))
          issues.push({ path: `schedules[${i}].strategies`, message: `unknown strategy "${id}"` });
    });
    if (issues.length > 0) throw new ValidationError("runner config", issues);
  }
  return cfg;
}
