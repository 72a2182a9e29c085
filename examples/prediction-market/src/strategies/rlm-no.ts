// RLM_NO (seed 000): a reverse line move — the public buys YES while the YES price falls — so buy NO.
import {
  type Bar,
  type Strategy,
  type StrategyContext,
  type StrategyIntentDraft,
  validateConfig,
} from "@quiver/core";
import { z } from "zod";
import type { TapeMinute } from "../generate-markets.js";
import { buyNo, noStrategyFields } from "./shared.js";

/** Strict config schema of {@link RlmNo}. */
export const RlmNoConfigSchema = z.strictObject({
  ...noStrategyFields("RLM_NO"),
  /** Rolling window, in 1m bars, for the YES ratio and the price move. */
  windowBars: z.int().min(2).default(10),
  /** Signal when at least this share of traded contracts were YES… */
  minYesRatio: z.number().min(0.5).max(1).default(0.65),
  /** …while the YES price fell at least this many cents over the window. */
  minPriceDropCents: z.number().gt(0).default(5),
});
export type RlmNoConfig = Readonly<z.output<typeof RlmNoConfigSchema>>;

/** Reads the trade tape: YES/NO contracts traded in the minute ending at `closeTime`. */
export type TapeReader = (instrumentId: string, closeTime: number) => TapeMinute | undefined;

interface MarketWindow {
  closes: number[];
  yes: number[];
  total: number[];
  lastSignalAt: number;
}

/**
 * RLM_NO: over the last `windowBars` minutes, if ≥ minYesRatio of traded contracts were YES yet
 * the YES price fell ≥ minPriceDropCents, buy `contractsPerTrade` NO. It keeps firing (re-entries)
 * while the move lasts, once per cooldown — the risk engine decides how much of each it may take
 * (strategy 50, combined 75, category %), and every skipped signal is journaled with its reason.
 *
 * The trade tape is injected (`tape`), like any external data source a strategy reads.
 *
 * @throws ValidationError for a bad config.
 */
export class RlmNo implements Strategy {
  readonly id: string;
  readonly config: RlmNoConfig;
  readonly universe: readonly string[];
  readonly timeframes = ["1m"] as const;
  readonly priority = 1;
  readonly warmupBars: number;
  private readonly windows = new Map<string, MarketWindow>();

  constructor(
    config: Readonly<Record<string, unknown>>,
    private readonly tape: TapeReader,
  ) {
    this.config = validateConfig(RlmNoConfigSchema, config, "RlmNo config");
    this.id = this.config.id;
    this.universe = this.config.universe;
    this.warmupBars = this.config.windowBars + 1;
  }

  onBar(bar: Bar): void {
    let w = this.windows.get(bar.instrumentId);
    if (!w) {
      w = { closes: [], yes: [], total: [], lastSignalAt: Number.NEGATIVE_INFINITY };
      this.windows.set(bar.instrumentId, w);
    }
    const t = this.tape(bar.instrumentId, bar.closeTime);
    w.closes.push(bar.close);
    w.yes.push(t?.yesContracts ?? 0);
    w.total.push(t ? t.yesContracts + t.noContracts : 0);
    if (w.closes.length > this.config.windowBars + 1) w.closes.shift();
    if (w.yes.length > this.config.windowBars) {
      w.yes.shift();
      w.total.shift();
    }
  }

  generateIntents(ctx: StrategyContext): StrategyIntentDraft[] {
    const out: StrategyIntentDraft[] = [];
    const c = this.config;
    for (const id of ctx.bars.keys()) {
      const w = this.windows.get(id);
      if (!w || w.closes.length <= c.windowBars) continue;
      const expiresAt = ctx.instruments.get(id)?.expiresAt;
      if (expiresAt !== undefined && expiresAt - ctx.now < c.stopBeforeExpiryMinutes * 60_000) continue;
      if (ctx.now - w.lastSignalAt < c.cooldownMinutes * 60_000) continue;
      const total = sum(w.total);
      const yesRatio = total > 0 ? sum(w.yes) / total : 0;
      const priceDrop = (w.closes[0] as number) - (w.closes[w.closes.length - 1] as number);
      if (yesRatio >= c.minYesRatio && priceDrop >= c.minPriceDropCents) {
        w.lastSignalAt = ctx.now;
        const confidence = Math.min(0.9, 0.7 + priceDrop * 0.01); // seed 000's RLM confidence
        out.push(buyNo(ctx, id, c.contractsPerTrade, confidence, { yesRatio, priceDrop }));
      }
    }
    return out;
  }
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
