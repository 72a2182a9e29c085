// Batch helpers: run a streaming indicator over a whole array and collect its values.
import type { BarIndicator, ValueIndicator } from "./types.js";

/**
 * Runs a fresh indicator over `values` and returns one output per input, `NaN` during warm-up —
 * handy for precomputing a column for a backtest or a chart.
 *
 * `select` picks which output to collect (default: `indicator.value`), e.g. `(m) => m.histogram`.
 *
 * @throws {TypeError} when an input is not finite (from the indicator's `update`).
 * @example
 * const sma = computeSeries(() => new SMA(3), [1, 2, 3, 4]); // Float64Array [NaN, NaN, 2, 3]
 * const hist = computeSeries(() => new MACD(), closes, (m) => m.histogram);
 */
export function computeSeries<T extends ValueIndicator>(
  create: () => T,
  values: ArrayLike<number>,
  select?: (indicator: T) => number,
): Float64Array {
  const indicator = create();
  const length = values.length;
  const out = new Float64Array(length);
  if (select === undefined) {
    for (let i = 0; i < length; i++) out[i] = indicator.update(values[i]!);
  } else {
    for (let i = 0; i < length; i++) {
      indicator.update(values[i]!);
      out[i] = select(indicator);
    }
  }
  return out;
}

/**
 * Like {@link computeSeries} for high/low/close indicators (ATR, Stochastic): bar `i` is
 * `(high[i], low[i], close[i])`.
 *
 * @throws {RangeError} when the three arrays differ in length.
 * @throws {TypeError | RangeError} for an invalid bar (from the indicator's `update`).
 * @example
 * const atr = computeBarSeries(() => new ATR(14), highs, lows, closes);
 * const d = computeBarSeries(() => new Stochastic(), highs, lows, closes, (s) => s.d);
 */
export function computeBarSeries<T extends BarIndicator>(
  create: () => T,
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  select?: (indicator: T) => number,
): Float64Array {
  const length = close.length;
  if (high.length !== length || low.length !== length) {
    throw new RangeError(
      `computeBarSeries: high, low and close must have the same length, got ${high.length}, ${low.length}, ${length}`,
    );
  }
  const indicator = create();
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const result = indicator.update(high[i]!, low[i]!, close[i]!);
    out[i] = select === undefined ? result : select(indicator);
  }
  return out;
}
