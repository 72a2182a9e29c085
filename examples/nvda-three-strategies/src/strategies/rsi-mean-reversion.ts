// NVDA-RSI (seed 004): buy when Wilder RSI is oversold, sell when it has recovered.
import {
  type Bar,
  type Decimal,
  type Strategy,
  type StrategyContext,
  type StrategyIntentDraft,
  validateConfig,
} from "@quiver/core";
import { RSI } from "@quiver/indicators";
import { z } from "zod";
import { longIntent, singleInstrumentFields } from "./shared.js";

/** Strict config schema of {@link RsiMeanReversion}. */
export const RsiMeanReversionConfigSchema = z.strictObject({
  ...singleInstrumentFields("nvda-rsi"),
  period: z.int().min(2).default(14),
  /** Enter long when RSI falls below this. */
  oversold: z.number().min(0).max(100).default(30),
  /** Exit when RSI rises above this. */
  exitAbove: z.number().min(0).max(100).default(55),
});
export type RsiMeanReversionConfig = Readonly<z.output<typeof RsiMeanReversionConfigSchema>>;

/**
 * RSI mean reversion on one instrument: long when RSI(period) < oversold and flat; exit when
 * RSI > exitAbove. Its state (the RSI) is its own; it only reads its own position.
 *
 * @throws ValidationError for a bad config.
 */
export class RsiMeanReversion implements Strategy {
  readonly id: string;
  readonly config: RsiMeanReversionConfig;
  readonly universe: readonly string[];
  readonly timeframes: readonly string[];
  readonly warmupBars: number;
  private readonly rsi: RSI;
  private readonly exposure: Decimal;
  private last = Number.NaN;

  constructor(config: Readonly<Record<string, unknown>> = {}) {
    this.config = validateConfig(RsiMeanReversionConfigSchema, config, "RsiMeanReversion config");
    this.id = this.config.id;
    this.universe = [this.config.instrumentId];
    this.timeframes = [this.config.timeframe];
    this.rsi = new RSI(this.config.period);
    this.warmupBars = this.rsi.warmupPeriod;
    this.exposure = this.config.entryExposureUsd;
  }

  /** Latest RSI (NaN during warm-up). */
  get value(): number {
    return this.last;
  }

  warmup(history: ReadonlyMap<string, readonly Bar[]>): void {
    for (const bar of history.get(this.config.instrumentId) ?? []) this.onBar(bar);
  }

  onBar(bar: Bar): void {
    if (bar.instrumentId === this.config.instrumentId) this.last = this.rsi.update(bar.close);
  }

  generateIntents(ctx: StrategyContext): StrategyIntentDraft[] {
    const id = this.config.instrumentId;
    if (!ctx.bars.has(id) || Number.isNaN(this.last)) return [];
    const rsi = this.last;
    const held = ctx.position(id).greaterThan(0);
    if (!held && rsi < this.config.oversold) {
      return [longIntent(ctx, id, this.exposure, 0.5 + (this.config.oversold - rsi) / 60, { rsi })];
    }
    if (held && rsi > this.config.exitAbove) return [longIntent(ctx, id, null, 0.6, { rsi })];
    return [];
  }
}
