// InMemoryFeed: a MarketDataFeed driven by the test: `push(bar)` delivers a closed bar to its subscribers.
import {
  type Bar,
  type BarInput,
  BarSchema,
  type MarketDataFeed,
  type Subscription,
  type Timeframe,
  ValidationError,
  parseWith,
} from "@quiver/core";

interface Stream {
  listeners: Array<(bar: Bar) => void>;
  history: Bar[];
}

/**
 * A fake {@link MarketDataFeed}. `push` validates the bar, appends it to the stream's history and
 * delivers it (only when closed) to every subscriber of its (instrument, timeframe), in
 * subscription order. Bars of one stream must arrive with strictly increasing `openTime`.
 * `subscribeCalls` counts subscriptions, so tests can check a runner shares one per stream.
 *
 * @example
 * const feed = new InMemoryFeed();
 * feed.subscribe("NVDA", "1m", (bar) => console.log(bar.close));
 * feed.push({ instrumentId: "NVDA", timeframe: "1m", openTime: 0, closeTime: 60_000, open: 1, high: 1, low: 1, close: 1, volume: 10 });
 */
export class InMemoryFeed implements MarketDataFeed {
  /** Every `subscribe` call, in order. */
  readonly subscribeCalls: Array<{ instrumentId: string; timeframe: Timeframe }> = [];
  private readonly streams = new Map<string, Stream>();
  private readonly latest = new Map<string, number>();

  subscribe(instrumentId: string, timeframe: Timeframe, onBar: (bar: Bar) => void): Subscription {
    this.subscribeCalls.push({ instrumentId, timeframe });
    const stream = this.stream(instrumentId, timeframe);
    stream.listeners.push(onBar);
    let active = true;
    return {
      unsubscribe: () => {
        if (!active) return;
        active = false;
        const i = stream.listeners.indexOf(onBar);
        if (i >= 0) stream.listeners.splice(i, 1);
      },
    };
  }

  /**
   * Validates and delivers a bar. Open (forming) bars only update the latest price.
   * @throws ValidationError for an invalid bar or an `openTime` not after the stream's last bar.
   */
  push(input: BarInput | Bar): Bar {
    const bar = parseWith(BarSchema, input, "Bar");
    this.latest.set(bar.instrumentId, bar.close);
    if (!bar.closed) return bar;
    const stream = this.stream(bar.instrumentId, bar.timeframe);
    const last = stream.history[stream.history.length - 1];
    if (last && bar.openTime <= last.openTime)
      throw new ValidationError("Bar", [
        { path: "openTime", message: `must be after the stream's last bar (${last.openTime})` },
      ]);
    stream.history.push(bar);
    // Copy: a listener may unsubscribe while we iterate.
    for (const listener of [...stream.listeners]) listener(bar);
    return bar;
  }

  /** Pushes several bars in order. */
  pushAll(bars: Iterable<BarInput | Bar>): void {
    for (const b of bars) this.push(b);
  }

  /** Adds closed bars to the history without delivering them (data that existed before subscribing). */
  seedHistory(bars: Iterable<BarInput | Bar>): void {
    for (const input of bars) {
      const bar = parseWith(BarSchema, input, "Bar");
      const stream = this.stream(bar.instrumentId, bar.timeframe);
      const last = stream.history[stream.history.length - 1];
      if (last && bar.openTime <= last.openTime)
        throw new ValidationError("Bar", [{ path: "openTime", message: "history must be increasing" }]);
      stream.history.push(bar);
      this.latest.set(bar.instrumentId, bar.close);
    }
  }

  /**
   * Up to `limit` closed bars whose (exclusive) close time is ≤ `endTime` — i.e. bars that ended
   * before `endTime` — oldest first.
   */
  getHistory(
    instrumentId: string,
    timeframe: Timeframe,
    options: { limit: number; endTime?: number },
  ): Bar[] {
    const stream = this.streams.get(key(instrumentId, timeframe));
    if (!stream) return [];
    const end = options.endTime ?? Number.POSITIVE_INFINITY;
    const eligible = stream.history.filter((b) => b.closeTime <= end);
    return eligible.slice(Math.max(0, eligible.length - options.limit));
  }

  getLatestPrice(instrumentId: string): number | undefined {
    return this.latest.get(instrumentId);
  }

  /** Live listeners of one stream. */
  subscriberCount(instrumentId: string, timeframe: Timeframe): number {
    return this.streams.get(key(instrumentId, timeframe))?.listeners.length ?? 0;
  }

  private stream(instrumentId: string, timeframe: Timeframe): Stream {
    const k = key(instrumentId, timeframe);
    let s = this.streams.get(k);
    if (!s) {
      s = { listeners: [], history: [] };
      this.streams.set(k, s);
    }
    return s;
  }
}

function key(instrumentId: string, timeframe: Timeframe): string {
  return `${instrumentId}\u0000${timeframe}`;
}
