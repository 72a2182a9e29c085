// Wilder's Average True Range over closed bars, for volatility sizing (kept local: risk depends only on core).
import type { Bar } from "@quiver/core";

/**
 * Wilder ATR of `bars` (oldest first) with `period`: the first ATR is the simple mean of the
 * first `period` true ranges, then `atr = (atr × (period − 1) + tr) / period`. The first bar's true
 * range is high − low (no previous close). Unclosed bars are ignored.
 *
 * @returns the ATR in price units, or null when there are fewer than `period` closed bars.
 * @example wilderAtr(bars, 14)
 */
export function wilderAtr(bars: readonly Bar[], period: number): number | null {
  let n = 0;
  let sum = 0;
  let atr = 0;
  let prevClose = Number.NaN;
  for (const b of bars) {
    if (!b.closed) continue;
    const tr = Number.isNaN(prevClose)
      ? b.high - b.low
      : Math.max(b.high - b.low, Math.abs(b.high - prevClose), Math.abs(b.low - prevClose));
    prevClose = b.close;
    n++;
    if (n <= period) {
      sum += tr;
      if (n === period) atr = sum / period;
    } else atr = (atr * (period - 1) + tr) / period;
  }
  return n >= period ? atr : null;
}
