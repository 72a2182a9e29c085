// (a) The physical reference: a fused SMA 20/50 crossover loop over a Float64Array, long/flat, in numbers.

/** What the bare loop decided: trades and final equity, to check (b) makes the same decisions. */
export interface BareLoopResult {
  entries: number;
  exits: number;
  equity: number;
}

/**
 * SMA(fast)/SMA(slow) crossover on closes: enter long (all-in) at the close of a golden-cross bar,
 * exit at the close of a death-cross bar. Running sums, no allocation, no objects.
 */
export function bareSmaCross(close: Float64Array, fast = 20, slow = 50, cash0 = 1_000_000): BareLoopResult {
  let sf = 0;
  let ss = 0;
  let prevSign = 0;
  let qty = 0;
  let cash = cash0;
  let entries = 0;
  let exits = 0;
  const n = close.length;
  for (let i = 0; i < n; i++) {
    const c = close[i] as number;
    sf += c;
    ss += c;
    if (i >= fast) sf -= close[i - fast] as number;
    if (i >= slow) ss -= close[i - slow] as number;
    if (i < slow - 1) continue;
    const d = sf / fast - ss / slow;
    const sign = d > 0 ? 1 : d < 0 ? -1 : 0;
    if (prevSign < 0 && sign > 0 && qty === 0) {
      qty = cash / c;
      cash = 0;
      entries++;
    } else if (prevSign > 0 && sign < 0 && qty > 0) {
      cash = qty * c;
      qty = 0;
      exits++;
    }
    prevSign = sign;
  }
  return { entries, exits, equity: cash + qty * (close[n - 1] as number) };
}
