// OMR (seed 001): buy what fell during the session at 15:55, sell everything at 09:31 next session.
import {
  type Bar,
  IdSchema,
  type Strategy,
  type StrategyContext,
  type StrategyIntentDraft,
  validateConfig,
} from "@quiver/core";
import { SMA } from "@quiver/indicators";
import { z } from "zod";
import { proxyKindOf, scheduleMomentOf } from "../session-bars.js";
import { intent } from "./intents.js";

/** Strict config schema of {@link OvernightMeanReversion}. */
export const OvernightMeanReversionConfigSchema = z.strictObject({
  id: IdSchema.default("omr"),
  /** Leveraged-ETF proxies (seed 001: TQQQ, SOXL, UPRO …; here: stocks standing in for them). */
  universe: z.array(IdSchema).readonly().default(["NVDA"]),
  /** Enter when the session fell at least this much, close vs open, in percent. */
  entryDropPct: z.number().gt(0).default(1),
  /** Regime filter (stands in for seed 001's VIX regime): only buy above this SMA of closes. */
  regimeSmaPeriod: z.int().min(1).default(50),
  /** At most this many entries per evening (the risk engine also enforces max positions). */
  maxEntriesPerDay: z.int().min(1).default(3),
  /** Runs before MP at 15:55 (seed 001: OMR takes the execution lock first). */
  priority: z.int().default(10),
});
export type OvernightMeanReversionConfig = Readonly<z.output<typeof OvernightMeanReversionConfigSchema>>;

/**
 * Overnight mean reversion, decided by the runner's daily jobs on 1m proxy bars (see
 * `toSessionBars`): the 09:30 proxy gives the session open; at 09:31 it sells every position it holds; at 15:55 it buys the instruments whose session return
 * is ≤ −entryDropPct while the close is above the regime SMA, biggest drop first. Entries carry
 * no size: the risk engine applies OMR's position size (15 %), max positions (3) and max
 * exposure (45 %).
 *
 * @throws ValidationError for a bad config.
 */
export class OvernightMeanReversion implements Strategy {
  readonly id: string;
  readonly config: OvernightMeanReversionConfig;
  readonly universe: readonly string[];
  readonly timeframes = ["1m"] as const;
  readonly priority: number;
  readonly warmupBars: number;
  private readonly sessionOpen = new Map<string, number>();
  private readonly regime = new Map<string, SMA>();

  constructor(config: Readonly<Record<string, unknown>> = {}) {
    this.config = validateConfig(OvernightMeanReversionConfigSchema, config, "OvernightMeanReversion config");
    this.id = this.config.id;
    this.universe = this.config.universe;
    this.priority = this.config.priority;
    this.warmupBars = 2 * this.config.regimeSmaPeriod;
    for (const id of this.universe) this.regime.set(id, new SMA(this.config.regimeSmaPeriod));
  }

  warmup(history: ReadonlyMap<string, readonly Bar[]>): void {
    for (const bars of history.values()) for (const bar of bars) this.onBar(bar);
  }

  onBar(bar: Bar): void {
    const kind = proxyKindOf(bar.closeTime);
    if (kind === "open") this.sessionOpen.set(bar.instrumentId, bar.open);
    else if (kind === "close") this.regime.get(bar.instrumentId)?.update(bar.close);
  }

  generateIntents(ctx: StrategyContext): StrategyIntentDraft[] {
    const out: StrategyIntentDraft[] = [];
    const moment = scheduleMomentOf(ctx.now);
    if (moment === "09:31") {
      for (const p of ctx.positions) {
        if (p.quantity.greaterThan(0))
          out.push(intent(ctx, "exit", p.instrumentId, 0.9, "exit", { at: "09:31" }));
      }
      return out;
    }
    if (moment !== "15:55") return out;
    const candidates: Array<{ id: string; drop: number; close: number; sma: number }> = [];
    for (const [id, bar] of ctx.bars) {
      // Only today's close proxy (one minute old); anything else is a stale price.
      if (proxyKindOf(bar.closeTime) !== "close" || ctx.now - bar.closeTime > 5 * 60_000) continue;
      const open = this.sessionOpen.get(id);
      const sma = this.regime.get(id);
      if (open === undefined || sma === undefined || !sma.isReady) continue;
      if (ctx.position(id).greaterThan(0)) continue;
      const dropPct = (1 - bar.close / open) * 100;
      if (dropPct >= this.config.entryDropPct && bar.close > sma.value) {
        candidates.push({ id, drop: dropPct, close: bar.close, sma: sma.value });
      }
    }
    candidates.sort((a, b) => b.drop - a.drop || (a.id < b.id ? -1 : 1));
    for (const c of candidates.slice(0, this.config.maxEntriesPerDay)) {
      out.push(
        intent(ctx, "enter", c.id, 0.5 + c.drop / 20, "entry", {
          at: "15:55",
          sessionDropPct: c.drop,
          close: c.close,
          regimeSma: c.sma,
        }),
      );
    }
    return out;
  }
}
