// A minimal StrategyContext for unit-testing strategies without a runner.
import { type Bar, type Decimal, type StrategyContext, ZERO, makeSignalId } from "@quiver/core";

/** A context at `now` with the given closed `bars` and this strategy's held quantities. */
export function fakeContext(
  strategyId: string,
  now: number,
  bars: readonly Bar[],
  positions: Readonly<Record<string, Decimal>> = {},
): StrategyContext {
  return {
    now,
    timeframe: "1m",
    bars: new Map(bars.map((b) => [b.instrumentId, b])),
    universe: bars.map((b) => b.instrumentId),
    instruments: new Map(),
    position: (id) => positions[id] ?? ZERO,
    positions: Object.entries(positions)
      .filter(([, q]) => q.greaterThan(0))
      .map(([instrumentId, quantity]) => ({ instrumentId, side: "long" as const, quantity, entryCount: 1 })),
    lastPrice: (id) => bars.find((b) => b.instrumentId === id)?.close,
    history: () => [],
    signalId: (id, suffix) => makeSignalId(strategyId, id, now, suffix),
  };
}
