// NVDA-RSI (seed 004): buy when Wilder RSI is oversold, sell when it has recovered.
import type { Bar, Decimal, Strategy, StrategyContext, StrategyIntentDraft } from "@quiver/core";
import { RSI } from "@quiver/indicators";
import { type ConfigOf, parseConfig } from "../config.js";
import { enterLong, exitAll } from "./intents.js";

/** Config fields of {@link RsiMeanReversion}. */
export const RsiMeanReversionConfigSpec = {
  id: { kind: "string", default: "nvda-rsi" },
  instrumentId: { kind: "string", default: "NVDA" },
  timeframe: { kind: "string", default: "1d" },
  period: { kind: "int", default: 14, min: 2 },
  /** Enter long when RSI falls below this. */
  oversold: { kind: "number", default: 30, min: 0, max: 100 },
  /** Exit when RSI rises above this. */
  exitAbove: { kind: "number", default: 55, min: 0, max: 100 },
  /** Dollars per entry (before risk clamps). */
  entryExposureUsd: { kind: "decimal", default: "3000", positive: true },
} as const;
export type RsiMeanReversionConfig = ConfigOf<typeof RsiMeanReversionConfigSpec>;

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
    this.config = parseConfig("RsiMeanReversion config", RsiMeanReversionConfigSpec, config);
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
      return [enterLong(ctx, id, this.exposure, 0.5 + (this.config.oversold - rsi) / 60, { rsi })];
    }
    if (held && rsi > this.config.exitAbove) return [exitAll(ctx, id, 0.6, { rsi })];
    return [];
  }
}
