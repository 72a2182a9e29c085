// Trend following (seed 002 §10): long when the 20-bar SMA crosses above the 50-bar SMA, flat on the cross back.
import {
  type Bar,
  type Strategy,
  type StrategyContext,
  type StrategyIntentDraft,
  ValidationError,
} from "@quiver/core";
import { SMA } from "@quiver/indicators";
import { validateFields } from "./config.js";

/** Config of {@link TrendFollowingStrategy}. */
export type TrendFollowingConfig = {
  /** Strategy id (default "trend_following_v1"). */
  readonly id: string;
  readonly universe: readonly string[];
  /** Bar timeframe (default "5m"). */
  readonly timeframe: string;
  /** Fast SMA period (default 20). */
  readonly maFast: number;
  /** Slow SMA period (default 50). */
  readonly maSlow: number;
  /** Confidence attached to entries (default 0.7). */
  readonly confidence: number;
  /** Priority for conflicts and buying power (default 1). */
  readonly priority: number;
};

/** Validates a trend-following config, applying defaults. @throws ValidationError naming each bad field. */
export function parseTrendFollowingConfig(input: unknown): TrendFollowingConfig {
  const c = validateFields<TrendFollowingConfig>("trend following config", input, {
    id: { kind: "string", default: "trend_following_v1" },
    universe: { kind: "ids" },
    timeframe: { kind: "timeframe", default: "5m" },
    maFast: { kind: "int", default: 20, min: 2 },
    maSlow: { kind: "int", default: 50, min: 3 },
    confidence: { kind: "number", default: 0.7, min: 0, max: 1 },
    priority: { kind: "int", default: 1 },
  });
  if (c.maFast >= c.maSlow)
    throw new ValidationError("trend following config", [
      { path: "maFast", message: "must be below maSlow" },
    ]);
  return c;
}

interface PairState {
  fast: SMA;
  slow: SMA;
  /** Sign of fast − slow at the previous bar (0 until both averages are ready). */
  prevSign: number;
  /** Sign at the latest bar. */
  sign: number;
}

/**
 * MA crossover, long/flat spot only: an `enter long` intent on a golden cross while flat, an
 * `exit` on a death cross while long. It never sizes its trades: the risk engine does (volatility
 * sizing), and it never knows whether it runs in a backtest or a paper run.
 */
export class TrendFollowingStrategy implements Strategy {
  readonly id: string;
  readonly config: Readonly<TrendFollowingConfig>;
  readonly universe: readonly string[];
  readonly timeframes: readonly string[];
  readonly priority: number;
  readonly warmupBars: number;
  private readonly state = new Map<string, PairState>();

  constructor(config: Partial<TrendFollowingConfig> & { universe: readonly string[] }) {
    this.config = parseTrendFollowingConfig(config);
    this.id = this.config.id;
    this.universe = this.config.universe;
    this.timeframes = [this.config.timeframe];
    this.priority = this.config.priority;
    this.warmupBars = this.config.maSlow + 1;
    for (const id of this.universe)
      this.state.set(id, {
        fast: new SMA(this.config.maFast),
        slow: new SMA(this.config.maSlow),
        prevSign: 0,
        sign: 0,
      });
  }

  onBar(bar: Bar): void {
    const s = this.state.get(bar.instrumentId);
    if (!s || bar.timeframe !== this.config.timeframe) return;
    const f = s.fast.update(bar.close);
    const sl = s.slow.update(bar.close);
    s.prevSign = s.sign;
    s.sign = s.slow.isReady ? Math.sign(f - sl) : 0;
  }

  warmup(history: ReadonlyMap<string, readonly Bar[]>): void {
    for (const bars of history.values()) for (const b of bars) this.onBar(b);
  }

  generateIntents(ctx: StrategyContext): StrategyIntentDraft[] {
    const out: StrategyIntentDraft[] = [];
    for (const instrumentId of ctx.bars.keys()) {
      const s = this.state.get(instrumentId);
      if (!s || s.prevSign === 0 || s.prevSign === s.sign) continue;
      // Only a cross can produce an intent, so the ledger is asked about the position only then.
      const held = ctx.position(instrumentId).greaterThan(0);
      if (!held && s.prevSign < 0 && s.sign > 0) {
        out.push({
          instrumentId,
          side: "long",
          intentType: "enter",
          confidence: this.config.confidence,
          timeframe: ctx.timeframe,
          generatedAt: ctx.now,
          signalId: ctx.signalId(instrumentId, "golden_cross"),
          signalType: "entry",
          metadata: { fast: s.fast.value, slow: s.slow.value },
        });
      } else if (held && s.prevSign > 0 && s.sign < 0) {
        out.push({
          instrumentId,
          side: "flat",
          intentType: "exit",
          confidence: 1,
          timeframe: ctx.timeframe,
          generatedAt: ctx.now,
          signalId: ctx.signalId(instrumentId, "death_cross"),
          signalType: "exit",
          metadata: { fast: s.fast.value, slow: s.slow.value },
        });
      }
    }
    return out;
  }
}
