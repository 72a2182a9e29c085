// MP (seed 001): at 15:55 hold the top-N instruments by 1-month-minus-1-week momentum, cash when momentum is negative.
import {
  type Bar,
  IdSchema,
  type Strategy,
  type StrategyContext,
  type StrategyIntentDraft,
  validateConfig,
} from "@quiver/core";
import { z } from "zod";
import { proxyKindOf, scheduleMomentOf } from "../session-bars.js";
import { intent } from "./intents.js";

/** Strict config schema of {@link MomentumProtection}. */
export const MomentumProtectionConfigSchema = z
  .strictObject({
    id: IdSchema.default("mp"),
    universe: z.array(IdSchema).readonly().default(["ORCL", "YHOO"]),
    /** How many instruments to hold (seed 001: top 10 of the S&P 500). */
    topN: z.int().min(1).default(1),
    /** Momentum is close[t − skip] / close[t − lookback] − 1, in sessions ("1m − 1w": 21 and 5). */
    lookback: z.int().min(2).default(21),
    skip: z.int().min(0).default(5),
    /** Crash protection: never hold an instrument whose momentum is at or below this (percent). */
    minMomentumPct: z.number().default(0),
    priority: z.int().default(0),
  })
  .refine((c) => c.skip < c.lookback, { path: ["skip"], message: "must be < lookback" });
export type MomentumProtectionConfig = Readonly<z.output<typeof MomentumProtectionConfigSchema>>;

/** One instrument's momentum on a rebalance. */
export interface MomentumScore {
  instrumentId: string;
  momentumPct: number;
}

/**
 * Momentum rebalancing at the 15:55 daily job, on the 15:54 close proxies: ranks its universe by momentum, keeps the top N
 * whose momentum beats `minMomentumPct`, sells what dropped out and buys what entered. Entries are
 * unsized: the risk engine applies MP's position size (6.5 %), max positions (10) and max exposure
 * (65 %).
 *
 * @throws ValidationError for a bad config (e.g. skip ≥ lookback).
 */
export class MomentumProtection implements Strategy {
  readonly id: string;
  readonly config: MomentumProtectionConfig;
  readonly universe: readonly string[];
  readonly timeframes = ["1m"] as const;
  readonly priority: number;
  readonly warmupBars: number;
  private readonly closes = new Map<string, number[]>();
  private lastScores: MomentumScore[] = [];

  constructor(config: Readonly<Record<string, unknown>> = {}) {
    this.config = validateConfig(MomentumProtectionConfigSchema, config, "MomentumProtection config");
    this.id = this.config.id;
    this.universe = this.config.universe;
    this.priority = this.config.priority;
    this.warmupBars = 2 * (this.config.lookback + 1);
    for (const id of this.universe) this.closes.set(id, []);
  }

  /** Scores of the latest rebalance, best first. */
  get scores(): readonly MomentumScore[] {
    return this.lastScores;
  }

  warmup(history: ReadonlyMap<string, readonly Bar[]>): void {
    for (const bars of history.values()) for (const bar of bars) this.onBar(bar);
  }

  onBar(bar: Bar): void {
    if (proxyKindOf(bar.closeTime) !== "close") return;
    const buf = this.closes.get(bar.instrumentId);
    if (!buf) return;
    buf.push(bar.close);
    if (buf.length > this.config.lookback + 1) buf.shift();
  }

  generateIntents(ctx: StrategyContext): StrategyIntentDraft[] {
    if (scheduleMomentOf(ctx.now) !== "15:55") return [];
    const { lookback, skip, topN, minMomentumPct } = this.config;
    const scores: MomentumScore[] = [];
    for (const id of this.universe) {
      const buf = this.closes.get(id) ?? [];
      const bar = ctx.bars.get(id);
      // Rank only with today's close proxy of the whole universe.
      if (!bar || proxyKindOf(bar.closeTime) !== "close" || ctx.now - bar.closeTime > 5 * 60_000) return [];
      if (buf.length < lookback + 1) return [];
      const recent = buf[buf.length - 1 - skip] as number;
      const old = buf[buf.length - 1 - lookback] as number;
      scores.push({ instrumentId: id, momentumPct: (recent / old - 1) * 100 });
    }
    scores.sort((a, b) => b.momentumPct - a.momentumPct || (a.instrumentId < b.instrumentId ? -1 : 1));
    this.lastScores = scores;
    const target = new Set(
      scores
        .filter((s) => s.momentumPct > minMomentumPct)
        .slice(0, topN)
        .map((s) => s.instrumentId),
    );
    const out: StrategyIntentDraft[] = [];
    for (const s of scores) {
      const held = ctx.position(s.instrumentId).greaterThan(0);
      const data = { at: "15:55", momentumPct: s.momentumPct, rank: scores.indexOf(s) + 1 };
      if (held && !target.has(s.instrumentId))
        out.push(intent(ctx, "exit", s.instrumentId, 0.7, "rebalance_exit", data));
    }
    for (const s of scores) {
      const held = ctx.position(s.instrumentId).greaterThan(0);
      const data = { at: "15:55", momentumPct: s.momentumPct, rank: scores.indexOf(s) + 1 };
      if (!held && target.has(s.instrumentId)) {
        out.push(
          intent(
            ctx,
            "enter",
            s.instrumentId,
            0.5 + Math.min(0.5, s.momentumPct / 40),
            "rebalance_entry",
            data,
          ),
        );
      }
    }
    return out;
  }
}
