// A minimal StrategyContext for unit-testing strategies without a runner.
import { type Bar, type Decimal, type StrategyContext, ZERO, makeSignalId } from "@quiver/core";

/** Builds a context for `strategyId` at `bar.closeTime` where this strategy holds `positions`. */
export function fakeContext(
  strategyId: string,
  bar: Bar,
  positions: Readonly<Record<string, Decimal>> = {},
): StrategyContext {
  const now = bar.closeTime;
  return {
    now,
    timeframe: bar.timeframe,
    bars: new Map([[bar.instrumentId, bar]]),
    universe: [bar.instrumentId],
    instruments: new Map(),
    position: (id) => positions[id] ?? ZERO,
    positions: Object.entries(positions)
      .filter(([, q]) => q.greaterThan(0))
      .map(([instrumentId, quantity]) => ({ instrumentId, side: "long" as const, quantity, entryCount: 1 })),
    lastPrice: (id) => (id === bar.instrumentId ? bar.close : undefined),
    history: () => [],
    signalId: (id, suffix) => makeSignalId(strategyId, id, now, suffix),
  };
}

/** A closed 1d bar of `instrumentId` on day `day` (days since 2020-01-01) at `close`. */
export function dailyBar(instrumentId: string, day: number, close: number, open = close): Bar {
  const openTime = Date.UTC(2020, 0, 1) + day * 86_400_000;
  return {
    instrumentId,
    timeframe: "1d",
    openTime,
    closeTime: openTime + 86_400_000,
    open,
    high: Math.max(open, close),
    low: Math.min(open, close),
    close,
    volume: 1_000_000,
    closed: true,
  };
}
