// ReplayFeed: a MarketDataFeed that replays recorded bars as a live stream, driven by a virtual clock.
import type { Bar, MarketDataFeed, Subscription, Timeframe, VirtualClock } from "@quiver/core";
import { type BarSeries, barAt } from "./data/bar-series.js";
import type { MergedTimeline } from "./data/merge.js";

/** Options of {@link ReplayFeed.play}. */
export interface ReplayOptions {
  /** The clock the paper run uses; moved to each bar's close before the bar is delivered. */
  clock: VirtualClock;
  /**
   * Yield to the event loop (a macrotask) every this many bars, so timers, I/O and promises of
   * the live path run between bars as they would on a real feed (default 256; 0 never yields).
   */
  yieldEvery?: number;
  /** Called after all bars of one close time were delivered (e.g. to sample equity). */
  afterTime?: (closeTime: number) => void;
  /** Called for each bar before it is delivered. */
  beforeBar?: (bar: Bar) => void;
}

/**
 * Replays a merged timeline as a live feed: `subscribe` registers listeners per (instrument,
 * timeframe) exactly as a venue feed would, and `play` delivers each closed bar at its close time on
 * a {@link VirtualClock} — faster than real time, in the same order as a backtest. `getHistory`
 * serves only bars that closed before the requested end (never the future).
 */
export class ReplayFeed implements MarketDataFeed {
  private readonly listeners = new Map<string, Set<(bar: Bar) => void>>();
  private delivered = 0;

  constructor(private readonly timeline: MergedTimeline) {}

  subscribe(instrumentId: string, timeframe: Timeframe, onBar: (bar: Bar) => void): Subscription {
    const key = `${instrumentId}\u0000${timeframe}`;
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    const fn = (bar: Bar) => onBar(bar);
    set.add(fn);
    return { unsubscribe: () => set?.delete(fn) };
  }

  getHistory(
    instrumentId: string,
    timeframe: Timeframe,
    options: { limit: number; endTime?: number },
  ): Bar[] {
    const s = this.timeline.series.find((x) => x.instrumentId === instrumentId && x.timeframe === timeframe);
    if (!s) return [];
    const end = options.endTime ?? Number.POSITIVE_INFINITY;
    const out: Bar[] = [];
    for (let i = 0; i < s.length; i++) {
      if ((s.openTime[i] as number) + s.timeframeMs >= end) break;
      out.push(barAt(s, i));
    }
    return out.slice(Math.max(0, out.length - options.limit));
  }

  /** Bars delivered so far. */
  get barsDelivered(): number {
    return this.delivered;
  }

  /** Delivers every bar in time order; resolves when the replay is over. */
  async play(options: ReplayOptions): Promise<void> {
    const { order, series } = this.timeline;
    const cursor = new Int32Array(series.length);
    const yieldEvery = options.yieldEvery ?? 256;
    let current = Number.NaN;
    for (let k = 0; k < this.timeline.length; k++) {
      const si = order === null ? 0 : (order[k] as number);
      const s = series[si] as BarSeries;
      const row = cursor[si] as number;
      cursor[si] = row + 1;
      const t = (s.openTime[row] as number) + s.timeframeMs;
      if (t !== current) {
        if (k > 0) options.afterTime?.(current);
        options.clock.advanceTo(t);
        current = t;
      }
      const bar = barAt(s, row);
      options.beforeBar?.(bar);
      const set = this.listeners.get(`${s.instrumentId}\u0000${s.timeframe}`);
      if (set) for (const fn of set) fn(bar);
      this.delivered++;
      if (yieldEvery > 0 && (k + 1) % yieldEvery === 0) await new Promise<void>((r) => setImmediate(r));
    }
    if (this.timeline.length > 0) options.afterTime?.(current);
  }
}
