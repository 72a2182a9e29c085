// NVDA-MACD (seed 004): buy when the MACD histogram turns positive, sell when it turns negative.
import {
  type Bar,
  type Decimal,
  type Strategy,
  type StrategyContext,
  type StrategyIntentDraft,
  validateConfig,
} from "@quiver/core";
import { MACD } from "@quiver/indicators";
import { z } from "zod";
import { longIntent, singleInstrumentFields } from "./shared.js";

/** Strict config schema of {@link MacdMomentum}. */
export const MacdMomentumConfigSchema = z.strictObject({
  ...singleInstrumentFields("nvda-macd"),
  fastPeriod: z.int().min(1).default(12),
  slowPeriod: z.int().min(2).default(26),
  signalPeriod: z.int().min(1).default(9),
});
export type MacdMomentumConfig = Readonly<z.output<typeof MacdMomentumConfigSchema>>;

/** Direction of the last histogram zero crossing seen on a closed bar. */
export type MacdCross = "up" | "down" | null;

/**
 * MACD momentum: long on a bullish histogram zero crossing while flat, exit on a bearish one
 * while long.
 *
 * @throws ValidationError for a bad config (including fast ≥ slow, via the indicator).
 */
export class MacdMomentum implements Strategy {
  readonly id: string;
  readonly config: MacdMomentumConfig;
  readonly universe: readonly string[];
  readonly timeframes: readonly string[];
  readonly warmupBars: number;
  private readonly macd: MACD;
  private readonly exposure: Decimal;
  private previousHistogram = Number.NaN;
  private cross: MacdCross = null;

  constructor(config: Readonly<Record<string, unknown>> = {}) {
    this.config = validateConfig(MacdMomentumConfigSchema, config, "MacdMomentum config");
    this.id = this.config.id;
    this.universe = [this.config.instrumentId];
    this.timeframes = [this.config.timeframe];
    this.macd = new MACD({
      fastPeriod: this.config.fastPeriod,
      slowPeriod: this.config.slowPeriod,
      signalPeriod: this.config.signalPeriod,
    });
    this.warmupBars = this.macd.warmupPeriod + 1;
    this.exposure = this.config.entryExposureUsd;
  }

  /** The crossing detected on the latest bar, if any. */
  get lastCross(): MacdCross {
    return this.cross;
  }

  warmup(history: ReadonlyMap<string, readonly Bar[]>): void {
    for (const bar of history.get(this.config.instrumentId) ?? []) this.onBar(bar);
  }

  onBar(bar: Bar): void {
    if (bar.instrumentId !== this.config.instrumentId) return;
    this.macd.update(bar.close);
    const h = this.macd.histogram;
    const p = this.previousHistogram;
    this.cross = null;
    if (!Number.isNaN(h) && !Number.isNaN(p)) {
      if (p <= 0 && h > 0) this.cross = "up";
      else if (p >= 0 && h < 0) this.cross = "down";
    }
    this.previousHistogram = h;
  }

  generateIntents(ctx: StrategyContext): StrategyIntentDraft[] {
    const id = this.config.instrumentId;
    if (!ctx.bars.has(id) || this.cross === null) return [];
    const held = ctx.position(id).greaterThan(0);
    const data = { macd: this.macd.macd, signal: this.macd.signal, histogram: this.macd.histogram };
    if (!held && this.cross === "up") return [longIntent(ctx, id, this.exposure, 0.65, data)];
    if (held && this.cross === "down") return [longIntent(ctx, id, null, 0.65, data)];
    return [];
  }
}
