// Shared test fixtures: instruments, bar builders and order request shorthands.
import type { Bar, InstrumentInput, OrderRequestInput } from "@quiver/core";
import { VirtualClock } from "@quiver/core";
import { type PaperBroker, type PaperBrokerConfigInput, createPaperBroker } from "../src/index.js";

/** 2024-01-02 14:30 UTC, a Tuesday. */
export const T0 = Date.UTC(2024, 0, 2, 14, 30);
export const MIN = 60_000;

export const NVDA: InstrumentInput = {
  id: "NVDA",
  kind: "equity",
  baseAsset: "NVDA",
  quoteCurrency: "USD",
  tickSize: "0.01",
  lotSize: "1",
};

export const TSLA: InstrumentInput = { ...NVDA, id: "TSLA", baseAsset: "TSLA", shortable: true };

export const KX: InstrumentInput = {
  id: "KXBTC",
  kind: "binary",
  baseAsset: "BTC",
  quoteCurrency: "USD",
  tickSize: "1",
  lotSize: "1",
  category: "crypto",
};

/** A closed 1m bar number `i` (openTime = T0 + i minutes). */
export function bar(
  instrumentId: string,
  i: number,
  o: number,
  h: number,
  l: number,
  c: number,
  volume = 1_000_000,
  timeframe = "1m",
): Bar {
  const len = timeframe === "1m" ? MIN : timeframe === "5m" ? 5 * MIN : 60 * MIN;
  return {
    instrumentId,
    timeframe,
    openTime: T0 + i * MIN,
    closeTime: T0 + i * MIN + len,
    open: o,
    high: h,
    low: l,
    close: c,
    volume,
    closed: true,
  };
}

/** A flat bar at price p. */
export function flat(instrumentId: string, i: number, p: number, volume = 1_000_000): Bar {
  return bar(instrumentId, i, p, p, p, p, volume);
}

let seq = 0;
/** An order request with a fresh client order id unless one is given. */
export function req(
  instrumentId: string,
  side: "buy" | "sell",
  quantity: string,
  extra: Partial<OrderRequestInput> = {},
): OrderRequestInput {
  seq++;
  return {
    clientOrderId: `c-${seq}`,
    strategyId: "s1",
    instrumentId,
    side,
    type: "market",
    quantity,
    ...extra,
  };
}

/** A broker on a virtual clock, plus `feed(bar)` that moves the clock to the bar's close then calls onBar. */
export function setup(config: Partial<PaperBrokerConfigInput> = {}): {
  broker: PaperBroker;
  clock: VirtualClock;
  feed: (...bars: Bar[]) => void;
} {
  const clock = new VirtualClock(T0);
  const broker = createPaperBroker({
    currency: "USD",
    initialCash: "10000",
    instruments: [NVDA, TSLA, KX],
    clock,
    ...config,
  });
  const feed = (...bars: Bar[]) => {
    for (const b of bars) {
      if (b.closeTime > clock.now()) clock.set(b.closeTime);
      broker.onBar(b);
    }
  };
  return { broker, clock, feed };
}

/** String form of a Decimal-bearing value for compact assertions. */
export function s(value: { toFixed(): string } | undefined | null): string | undefined {
  return value == null ? undefined : value.toFixed();
}
