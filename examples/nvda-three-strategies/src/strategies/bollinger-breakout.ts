// NVDA-BB (seed 004): buy a close above the upper Bollinger band, sell a close below the middle band.
import {
  type Bar,
  type Decimal,
  type Strategy,
  type StrategyContext,
  type StrategyIntentDraft,
  validateConfig,
} from "@quiver/core";
import { BollingerBands } from "@quiver/indicators";
import { z } from "zod";
import { longIntent, singleInstrumentFields } from "./shared.js";

/** Strict config schema of {@link BollingerBreakout}. */
export const BollingerBreakoutConfigSchema = z.strictObject({
  ...singleInstrumentFields("nvda-bb"),
  period: z.int().min(2).default(20),
  multiplier: z.number().gt(0).default(2),
});
export type BollingerBreakoutConfig = Readonly<z.output<typeof BollingerBreakoutConfigSchema>>;

/**
 * Bollinger breakout: long when a bar closes above the upper band while flat; exit when a bar
 * closes below the middle band while long.
 *
 * @throws ValidationError for a bad config.
 */
export class BollingerBreakout implements Strategy {
  readonly id: string;
  readonly config: BollingerBreakoutConfig;
  readonly universe: readonly string[];
  readonly timeframes: readonly string[];
  readonly warmupBars: number;
  private readonly bands: BollingerBands;
  private readonly exposure: Decimal;
  private lastClose = Number.NaN;

  constructor(config: Readonly<Record<string, unknown>> = {}) {
    this.config = validateConfig(BollingerBreakoutConfigSchema, config, "BollingerBreakout config");
    this.id = this.config.id;
    this.universe = [this.config.instrumentId];
    this.timeframes = [this.config.timeframe];
    this.bands = new BollingerBands({ period: this.config.period, multiplier: this.config.multiplier });
    this.warmupBars = this.bands.warmupPeriod;
    this.exposure = this.config.entryExposureUsd;
  }

  warmup(history: ReadonlyMap<string, readonly Bar[]>): void {
    for (const bar of history.get(this.config.instrumentId) ?? []) this.onBar(bar);
  }

  onBar(bar: Bar): void {
    if (bar.instrumentId !== this.config.instrumentId) return;
    this.bands.update(bar.close);
    this.lastClose = bar.close;
  }

  generateIntents(ctx: StrategyContext): StrategyIntentDraft[] {
    const id = this.config.instrumentId;
    if (!ctx.bars.has(id) || !this.bands.isReady) return [];
    const held = ctx.position(id).greaterThan(0);
    const { upper, middle, lower } = this.bands;
    const close = this.lastClose;
    const data = { close, upper, middle, lower };
    if (!held && close > upper) {
      return [
        longIntent(
          ctx,
          id,
          this.exposure,
          0.55 + Math.min(0.4, (close - upper) / (upper - middle || 1)),
          data,
        ),
      ];
    }
    if (held && close < middle) return [longIntent(ctx, id, null, 0.6, data)];
    return [];
  }
}
