// Exponential moving average, seeded with the SMA of the first `period` inputs (TA-Lib/backtrader).
import { SmaSeededSmoother } from "./internal/sma-seeded-smoother.js";

/**
 * Exponential moving average with smoothing factor `alpha = 2 / (period + 1)`.
 *
 * Warm-up: the first value, on the `period`-th input, is the SMA of those inputs; after that
 * `ema += alpha * (x - ema)`. This is TA-Lib's and backtrader's seed (and `technicalindicators`').
 * `trading-signals` seeds with the first input instead, so its early values differ; the difference
 * shrinks by a factor `1 - alpha` per input.
 *
 * Numerically the recursion is a contraction: a rounding error is multiplied by `1 - alpha` at each
 * step, so errors do not accumulate over long streams.
 *
 * @throws {RangeError} from the constructor when `period` is not an integer >= 1.
 * @example
 * const ema = new EMA(3); // alpha = 0.5
 * ema.update(1); ema.update(2); // NaN, NaN
 * ema.update(3); // 2 (seed: mean of 1, 2, 3)
 * ema.update(6); // 4 = 2 + 0.5 * (6 - 2)
 */
export class EMA extends SmaSeededSmoother {
  /** Smoothing factor, `2 / (period + 1)`. */
  readonly alpha: number;

  constructor(period: number) {
    super("EMA", period, false);
    this.alpha = 2 / (this.period + 1);
  }
}
