// NVDA-BB (seed 004): buy a close above the upper Bollinger band, sell a close below the middle band.
import type { Bar, Decimal, Strategy, StrategyContext, StrategyIntentDraft } from "@quiver/core";
import { BollingerBands } from "@quiver/indicators";
import { type ConfigOf, parseConfig } from "../config.js";
import { enterLong, exitAll } from "./intents.js";

/** Config fields of {@link BollingerBreakout}. */
export const BollingerBreakoutConfigSpec = {
  id: { kind: "string", default: "nvda-bb" },
  instrumentId: { kind: "string", default: "NVDA" },
  timeframe: { kind: "string", default: "1d" },
  period: { kind: "int", default: 20, min: 2 },
  multiplier: { kind: "number", default: 2, exclusiveMin: 0 },
  /** Dollars per entry (before risk clamps). */
  entryExposureUsd: { kind: "decimal", default: "3000", positive: true },
} as const;
export type BollingerBreakoutConfig = ConfigOf<typeof BollingerBreakoutConfigSpec>;

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
    this.config = parseConfig("BollingerBreakout config", BollingerBreakoutConfigSpec, config);
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
        enterLong(
          ctx,
          id,
          this.exposure,
          0.55 + Math.min(0.4, (close - upper) / (upper - middle || 1)),
          data,
        ),
      ];
    }
    if (held && close < middle) return [exitAll(ctx, id, 0.6, data)];
    return [];
  }
}
