// S013-like (seed 000's second strategy): NO on a sharp YES-price slide confirmed by a low RSI.
import {
  type Bar,
  type Strategy,
  type StrategyContext,
  type StrategyIntentDraft,
  validateConfig,
} from "@quiver/core";
import { RSI } from "@quiver/indicators";
import { z } from "zod";
import { buyNo, noStrategyFields } from "./shared.js";

/** Strict config schema of {@link S013}. */
export const S013ConfigSchema = z.strictObject({
  ...noStrategyFields("S013"),
  rsiPeriod: z.int().min(2).default(14),
  /** Signal when the RSI of the YES price is below this… */
  rsiBelow: z.number().min(0).max(100).default(35),
  /** …and the YES price fell at least this many cents over `dropBars` minutes. */
  minDropCents: z.number().gt(0).default(4),
  dropBars: z.int().min(1).default(5),
});
export type S013Config = Readonly<z.output<typeof S013ConfigSchema>>;

interface MarketState {
  rsi: RSI;
  closes: number[];
  lastSignalAt: number;
}

/**
 * S013-like: a price-only NO strategy. It fires on plain slides too, so it often trades alone, and
 * together with RLM_NO on reverse line moves — those joint signals are seed 000's consensus events.
 * (The real S013's rules are not published in the seed; this stands in for "a second, independent
 * strategy on the same markets".)
 *
 * @throws ValidationError for a bad config.
 */
export class S013 implements Strategy {
  readonly id: string;
  readonly config: S013Config;
  readonly universe: readonly string[];
  readonly timeframes = ["1m"] as const;
  readonly priority = 0;
  readonly warmupBars: number;
  private readonly markets = new Map<string, MarketState>();

  constructor(config: Readonly<Record<string, unknown>>) {
    this.config = validateConfig(S013ConfigSchema, config, "S013 config");
    this.id = this.config.id;
    this.universe = this.config.universe;
    this.warmupBars = Math.max(this.config.rsiPeriod + 1, this.config.dropBars + 1);
  }

  onBar(bar: Bar): void {
    let m = this.markets.get(bar.instrumentId);
    if (!m) {
      m = { rsi: new RSI(this.config.rsiPeriod), closes: [], lastSignalAt: Number.NEGATIVE_INFINITY };
      this.markets.set(bar.instrumentId, m);
    }
    m.rsi.update(bar.close);
    m.closes.push(bar.close);
    if (m.closes.length > this.config.dropBars + 1) m.closes.shift();
  }

  generateIntents(ctx: StrategyContext): StrategyIntentDraft[] {
    const out: StrategyIntentDraft[] = [];
    const c = this.config;
    for (const id of ctx.bars.keys()) {
      const m = this.markets.get(id);
      if (!m?.rsi.isReady || m.closes.length <= c.dropBars) continue;
      const expiresAt = ctx.instruments.get(id)?.expiresAt;
      if (expiresAt !== undefined && expiresAt - ctx.now < c.stopBeforeExpiryMinutes * 60_000) continue;
      if (ctx.now - m.lastSignalAt < c.cooldownMinutes * 60_000) continue;
      const drop = (m.closes[0] as number) - (m.closes[m.closes.length - 1] as number);
      const rsi = m.rsi.value;
      if (rsi < c.rsiBelow && drop >= c.minDropCents) {
        m.lastSignalAt = ctx.now;
        out.push(
          buyNo(ctx, id, c.contractsPerTrade, Math.min(0.85, 0.6 + (c.rsiBelow - rsi) / 100), { rsi, drop }),
        );
      }
    }
    return out;
  }
}
