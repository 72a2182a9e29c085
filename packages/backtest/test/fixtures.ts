// Shared fixtures of the integration tests: deterministic bars, a small momentum strategy, instruments.
import type { Bar, Strategy, StrategyContext, StrategyIntentDraft } from "@quiver/core";
import { type BarSeries, createBarSeries } from "../src/data/bar-series.js";
import type { BacktestOptions } from "../src/run-backtest.js";

const T0 = Date.UTC(2024, 0, 1);
const M = 60_000;

/** A deterministic zig-zag: rises 10 bars, falls 10 bars. */
export function zigzag(id: string, n: number, base: number): BarSeries {
  const close = Float64Array.from(
    { length: n },
    (_, i) => base * (1 + 0.01 * (i % 20 < 10 ? i % 20 : 20 - (i % 20))),
  );
  const open = Float64Array.from({ length: n }, (_, i) =>
    i === 0 ? (close[0] as number) : (close[i - 1] as number),
  );
  return createBarSeries(
    { instrumentId: id, timeframe: "1m", source: "zigzag" },
    {
      openTime: Float64Array.from({ length: n }, (_, i) => T0 + i * M),
      open,
      high: Float64Array.from(close, (c, i) => Math.max(c, open[i] as number) * 1.001),
      low: Float64Array.from(close, (c, i) => Math.min(c, open[i] as number) * 0.999),
      close,
      volume: new Float64Array(n).fill(1000),
    },
  );
}

/** Buys 1 unit when the close rose 3 bars in a row, sells when it fell 3 bars in a row. */
export class Momentum implements Strategy {
  readonly config = {};
  readonly timeframes = ["1m"];
  private readonly closes = new Map<string, number[]>();
  constructor(
    readonly id: string,
    readonly universe: readonly string[],
  ) {}
  onBar(bar: Bar): void {
    const c = this.closes.get(bar.instrumentId) ?? [];
    c.push(bar.close);
    if (c.length > 4) c.shift();
    this.closes.set(bar.instrumentId, c);
  }
  generateIntents(ctx: StrategyContext): StrategyIntentDraft[] {
    const out: StrategyIntentDraft[] = [];
    for (const id of ctx.bars.keys()) {
      const c = this.closes.get(id) ?? [];
      if (c.length < 4) continue;
      const up =
        (c[1] as number) > (c[0] as number) &&
        (c[2] as number) > (c[1] as number) &&
        (c[3] as number) > (c[2] as number);
      const down =
        (c[1] as number) < (c[0] as number) &&
        (c[2] as number) < (c[1] as number) &&
        (c[3] as number) < (c[2] as number);
      const held = ctx.position(id).greaterThan(0);
      const base = {
        confidence: 0.8,
        timeframe: ctx.timeframe,
        generatedAt: ctx.now,
        signalId: ctx.signalId(id),
      };
      if (up && !held)
        out.push({ ...base, instrumentId: id, side: "long", intentType: "enter", desiredQuantity: "1" });
      if (down && held) out.push({ ...base, instrumentId: id, side: "flat", intentType: "exit" });
    }
    return out;
  }
}

export const instruments = ["AAA", "BBB"].map((id) => ({
  id,
  kind: "spot" as const,
  baseAsset: id,
  quoteCurrency: "USD",
  tickSize: "0.01",
  lotSize: "1",
}));

export function spec(n = 300): BacktestOptions {
  return {
    strategies: [
      new Momentum("mom_a", ["AAA", "BBB"]),
      new Momentum("mom_b", ["BBB"]),
      new Momentum("capped", ["AAA"]),
    ],
    instruments,
    data: [zigzag("BBB", n, 50), zigzag("AAA", n, 100)],
    initialCash: "100000",
    currency: "USD",
    // "capped" may hold nothing: every entry it wants is blocked by its per-strategy cap
    risk: { maxPerAssetPct: 50, minCashReservePct: 0, maxPerStrategyPct: { capped: 0 } },
    broker: { feeBps: 10 },
    runner: { syncMaxAgeMs: null },
    progress: false,
  };
}
