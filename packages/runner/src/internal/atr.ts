// Wilder ATR over a window of a bar ring, computed the way @quiver/risk does from `context.bars`.
import type { Bar } from "@quiver/core";
import type { Ring } from "./ring.js";

/**
 * Wilder ATR with `period` over the newest `window` closed bars of `ring` (oldest first): the first
 * ATR is the mean of the first `period` true ranges, then `atr = (atr × (period − 1) + tr) / period`;
 * the window's first true range is high − low. The same arithmetic, in the same order, as
 * `wilderAtr` of @quiver/risk applied to `bars.slice(-window)`, so handing the risk engine this value
 * (`context.atr`) gives it the number it would compute from the bars.
 *
 * @returns the ATR, or null with fewer than `period` closed bars in the window.
 */
export function ringAtr(ring: Ring<Bar>, window: number, period: number): number | null {
  const n = Math.min(window, ring.size);
  let count = 0;
  let sum = 0;
  let atr = 0;
  let prevClose = Number.NaN;
  for (let k = n; k >= 1; k--) {
    const b = ring.fromNewest(k - 1) as Bar;
    if (!b.closed) continue;
    const tr = Number.isNaN(prevClose)
      ? b.high - b.low
      : Math.max(b.high - b.low, Math.abs(b.high - prevClose), Math.abs(b.low - prevClose));
    prevClose = b.close;
    count++;
    if (count <= period) {
      sum += tr;
      if (count === period) atr = sum / period;
    } else atr = (atr * (period - 1) + tr) / period;
  }
  return count >= period ? atr : null;
}
