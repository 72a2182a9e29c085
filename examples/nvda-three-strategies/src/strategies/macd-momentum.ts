// NVDA-MACD (seed 004): buy when the MACD histogram turns positive, sell when it turns negative.
import type { Bar, Decimal, Strategy, StrategyContext, StrategyIntentDraft } from "@quiver/core";
import { MACD } from "@quiver/indicators";
import { type ConfigOf, parseConfig } from "../config.js";
import { enterLong, exitAll } from "./intents.js";

/** Config fields of {@link MacdMomentum}. */
export const MacdMomentumConfigSpec = {
  id: { kind: "string", default: "nvda-macd" },
  instrumentId: { kind: "string", default: "NVDA" },
  timeframe: { kind: "string", default: "1d" },
  fastPeriod: { kind: "int", default: 12, min: 1 },
  slowPeriod: { kind: "int", default: 26, min: 2 },
  signalPeriod: { kind: "int", default: 9, min: 1 },
  /** Dollars per entry (before risk clamps). */
  entryExposureUsd: { kind: "decimal", default: "3000", positive: true },
} as const;
export type MacdMomentumConfig = ConfigOf<typeof MacdMomentumConfigSpec>;

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
    this.config = parseConfig("MacdMomentum config", MacdMomentumConfigSpec, config);
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
    if (!held && this.cross === "up") return [enterLong(ctx, id, this.exposure, 0.65, data)];
    if (held && this.cross === "down") return [exitAll(ctx, id, 0.65, data)];
    return [];
  }
}
