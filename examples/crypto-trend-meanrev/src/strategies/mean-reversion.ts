// Mean reversion: long when RSI(14) falls below an oversold level, flat when it recovers above an exit level.
import {
  type Bar,
  type Strategy,
  type StrategyContext,
  type StrategyIntentDraft,
  ValidationError,
} from "@quiver/core";
import { RSI } from "@quiver/indicators";
import { validateFields } from "./config.js";

/** Config of {@link MeanReversionStrategy}. */
export type MeanReversionConfig = {
  /** Strategy id (default "mean_reversion_v1"). */
  readonly id: string;
  readonly universe: readonly string[];
  /** Bar timeframe (default "5m"). */
  readonly timeframe: string;
  /** RSI period (default 14). */
  readonly rsiPeriod: number;
  /** Enter long when RSI closes below this (default 25). */
  readonly oversold: number;
  /** Exit when RSI closes above this (default 55). */
  readonly exitAbove: number;
  /** Confidence attached to entries (default 0.6). */
  readonly confidence: number;
  /** Priority for conflicts and buying power (default 0). */
  readonly priority: number;
};

/** Validates a mean-reversion config, applying defaults. @throws ValidationError naming each bad field. */
export function parseMeanReversionConfig(input: unknown): MeanReversionConfig {
  const c = validateFields<MeanReversionConfig>("mean reversion config", input, {
    id: { kind: "string", default: "mean_reversion_v1" },
    universe: { kind: "ids" },
    timeframe: { kind: "timeframe", default: "5m" },
    rsiPeriod: { kind: "int", default: 14, min: 2 },
    oversold: { kind: "number", default: 25, min: 0, max: 100 },
    exitAbove: { kind: "number", default: 55, min: 0, max: 100 },
    confidence: { kind: "number", default: 0.6, min: 0, max: 1 },
    priority: { kind: "int", default: 0 },
  });
  if (c.oversold >= c.exitAbove)
    throw new ValidationError("mean reversion config", [
      { path: "oversold", message: "must be below exitAbove" },
    ]);
  return c;
}

/**
 * RSI mean reversion, long/flat spot only. Like every Quiver strategy it emits intents and lets the
 * risk engine size and clamp them; its state (one RSI per pair) is its own.
 */
export class MeanReversionStrategy implements Strategy {
  readonly id: string;
  readonly config: Readonly<MeanReversionConfig>;
  readonly universe: readonly string[];
  readonly timeframes: readonly string[];
  readonly priority: number;
  readonly warmupBars: number;
  private readonly rsi = new Map<string, RSI>();

  constructor(config: Partial<MeanReversionConfig> & { universe: readonly string[] }) {
    this.config = parseMeanReversionConfig(config);
    this.id = this.config.id;
    this.universe = this.config.universe;
    this.timeframes = [this.config.timeframe];
    this.priority = this.config.priority;
    this.warmupBars = this.config.rsiPeriod + 1;
    for (const id of this.universe) this.rsi.set(id, new RSI(this.config.rsiPeriod));
  }

  onBar(bar: Bar): void {
    if (bar.timeframe === this.config.timeframe) this.rsi.get(bar.instrumentId)?.update(bar.close);
  }

  warmup(history: ReadonlyMap<string, readonly Bar[]>): void {
    for (const bars of history.values()) for (const b of bars) this.onBar(b);
  }

  generateIntents(ctx: StrategyContext): StrategyIntentDraft[] {
    const out: StrategyIntentDraft[] = [];
    for (const instrumentId of ctx.bars.keys()) {
      const rsi = this.rsi.get(instrumentId);
      if (!rsi?.isReady) continue;
      const v = rsi.value;
      if (v >= this.config.oversold && v <= this.config.exitAbove) continue;
      const held = ctx.position(instrumentId).greaterThan(0);
      if (!held && v < this.config.oversold) {
        out.push({
          instrumentId,
          side: "long",
          intentType: "enter",
          confidence: this.config.confidence,
          timeframe: ctx.timeframe,
          generatedAt: ctx.now,
          signalId: ctx.signalId(instrumentId, "oversold"),
          signalType: "entry",
          metadata: { rsi: v },
        });
      } else if (held && v > this.config.exitAbove) {
        out.push({
          instrumentId,
          side: "flat",
          intentType: "exit",
          confidence: 1,
          timeframe: ctx.timeframe,
          generatedAt: ctx.now,
          signalId: ctx.signalId(instrumentId, "recovered"),
          signalType: "exit",
          metadata: { rsi: v },
        });
      }
    }
    return out;
  }
}
