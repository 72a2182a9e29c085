// The benchmark strategy: SMA fast/slow crossover, long/flat, sized by the risk engine — same decisions as (a).
import { type Bar, type Strategy, type StrategyContext, type StrategyIntentDraft, ZERO } from "@quiver/core";
import { SMA } from "@quiver/indicators";

interface PairState {
  fast: SMA;
  slow: SMA;
  prevSign: number;
  sign: number;
}

/** A minimal Strategy: one pair of streaming SMAs per instrument, an intent only on a cross. */
export class SmaCrossStrategy implements Strategy {
  readonly config: Readonly<Record<string, unknown>>;
  readonly timeframes: readonly string[];
  private readonly state = new Map<string, PairState>();
  private readonly empty: StrategyIntentDraft[] = [];
  /** Crosses seen (golden, death), to compare with the bare loop. */
  golden = 0;
  death = 0;

  constructor(
    readonly id: string,
    readonly universe: readonly string[],
    timeframe: string,
    fast = 20,
    slow = 50,
    /** Fixed quantity per entry (null: the risk engine sizes). */
    private readonly quantity: string | null = null,
  ) {
    this.config = { fast, slow, timeframe };
    this.timeframes = [timeframe];
    for (const u of universe)
      this.state.set(u, { fast: new SMA(fast), slow: new SMA(slow), prevSign: 0, sign: 0 });
  }

  onBar(bar: Bar): void {
    const s = this.state.get(bar.instrumentId);
    if (!s) return;
    const f = s.fast.update(bar.close);
    const sl = s.slow.update(bar.close);
    s.prevSign = s.sign;
    s.sign = s.slow.isReady ? (f > sl ? 1 : f < sl ? -1 : 0) : 0;
  }

  generateIntents(ctx: StrategyContext): StrategyIntentDraft[] {
    let out: StrategyIntentDraft[] | null = null;
    for (const id of ctx.bars.keys()) {
      const s = this.state.get(id);
      if (!s || s.prevSign === s.sign || s.prevSign === 0) continue;
      const golden = s.prevSign < 0 && s.sign > 0;
      const death = s.prevSign > 0 && s.sign < 0;
      if (golden) this.golden++;
      if (death) this.death++;
      if (!golden && !death) continue;
      const held = ctx.position(id).greaterThan(ZERO);
      if (golden && !held) {
        out ??= [];
        out.push({
          instrumentId: id,
          side: "long",
          intentType: "enter",
          confidence: 0.7,
          timeframe: ctx.timeframe,
          generatedAt: ctx.now,
          signalId: ctx.signalId(id),
          ...(this.quantity === null ? {} : { desiredQuantity: this.quantity }),
        });
      } else if (death && held) {
        out ??= [];
        out.push({
          instrumentId: id,
          side: "flat",
          intentType: "exit",
          confidence: 1,
          timeframe: ctx.timeframe,
          generatedAt: ctx.now,
          signalId: ctx.signalId(id),
        });
      }
    }
    return out ?? this.empty;
  }
}
