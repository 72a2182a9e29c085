// MarketDataFeed port: closed bars per (instrument, timeframe) and history for warm-up.
import type { Bar } from "../model/bar.js";
import type { Timeframe } from "../time/timeframe.js";
import type { MaybePromise } from "./broker.js";

/** A live subscription; `unsubscribe` is idempotent. */
export interface Subscription {
  unsubscribe(): void;
}

/** Freshness of one stream. */
export interface DataStreamStatus {
  instrumentId: string;
  timeframe: Timeframe;
  /** Close time of the last closed bar delivered, or null. */
  lastBarCloseTime: number | null;
}

/**
 * A source of bars. Contract:
 * - `subscribe` delivers only closed bars, in strictly increasing `openTime` per stream, each at
 *   most once. Calling `subscribe` twice for one stream creates two independent listeners (the
 *   runner shares one subscription per stream itself).
 * - `getHistory` returns up to `limit` closed bars ending strictly before `endTime` (or now),
 *   oldest first. It may throw on I/O errors.
 * - Listeners must not throw; the feed does not await them.
 */
export interface MarketDataFeed {
  subscribe(instrumentId: string, timeframe: Timeframe, onBar: (bar: Bar) => void): Subscription;
  getHistory(
    instrumentId: string,
    timeframe: Timeframe,
    options: { limit: number; endTime?: number },
  ): MaybePromise<Bar[]>;
  /** Last traded/mark price, if the feed knows one. */
  getLatestPrice?(instrumentId: string): number | undefined;
}
