// Bar builders for tests: a valid closed bar from a few fields, or a deterministic series.
import { type Bar, type Timeframe, timeframeMs } from "@quiver/core";

/** Fields of {@link makeBar}; everything but the instrument and open time has a default. */
export interface MakeBarOptions {
  instrumentId: string;
  /** Default "1m". */
  timeframe?: Timeframe;
  openTime: number;
  /** Default 100. */
  close?: number;
  /** Default: the close. */
  open?: number;
  high?: number;
  low?: number;
  /** Default 1000. */
  volume?: number;
  /** Default true. */
  closed?: boolean;
}

/**
 * A valid bar (high ≥ open/close, low ≤ open/close, closeTime = open + timeframe).
 * @example makeBar({ instrumentId: "NVDA", openTime: 0, close: 101 })
 */
export function makeBar(options: MakeBarOptions): Bar {
  const timeframe = options.timeframe ?? "1m";
  const close = options.close ?? 100;
  const open = options.open ?? close;
  return {
    instrumentId: options.instrumentId,
    timeframe,
    openTime: options.openTime,
    closeTime: options.openTime + timeframeMs(timeframe),
    open,
    high: options.high ?? Math.max(open, close),
    low: options.low ?? Math.min(open, close),
    close,
    volume: options.volume ?? 1000,
    closed: options.closed ?? true,
  };
}

/** `count` consecutive closed bars starting at `startTime`, closes given by `closeAt(i)`. */
export function makeBars(
  instrumentId: string,
  count: number,
  options: { timeframe?: Timeframe; startTime?: number; closeAt?: (i: number) => number } = {},
): Bar[] {
  const timeframe = options.timeframe ?? "1m";
  const step = timeframeMs(timeframe);
  const start = options.startTime ?? 0;
  const closeAt = options.closeAt ?? (() => 100);
  const out: Bar[] = [];
  for (let i = 0; i < count; i++)
    out.push(makeBar({ instrumentId, timeframe, openTime: start + i * step, close: closeAt(i) }));
  return out;
}
