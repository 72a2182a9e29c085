// Exponential moving average, seeded with the SMA of the first `period` inputs (TA-Lib/backtrader).
import { checkPeriod, rejectInput, rejectReplace } from "./internal/validate.js";
import type { ValueIndicator } from "./types.js";

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
export class EMA implements ValueIndicator {
  readonly period: number;
  readonly warmupPeriod: number;
  /** Smoothing factor, `2 / (period + 1)`. */
  readonly alpha: number;
  private inputs = 0;
  /** Sum of inputs during warm-up, then the EMA itself. */
  private state = 0;
  private stateBefore = 0;
  private current = Number.NaN;

  constructor(period: number) {
    this.period = checkPeriod("EMA", "period", period);
    this.warmupPeriod = this.period;
    this.alpha = 2 / (this.period + 1);
  }

  get count(): number {
    return this.inputs;
  }

  get isReady(): boolean {
    return this.inputs >= this.period;
  }

  get value(): number {
    return this.current;
  }

  update(value: number): number {
    if (!Number.isFinite(value)) rejectInput("EMA.update", "value", value);
    this.stateBefore = this.state;
    this.inputs++;
    return this.apply(value);
  }

  replace(value: number): number {
    if (this.inputs === 0) rejectReplace("EMA");
    if (!Number.isFinite(value)) rejectInput("EMA.replace", "value", value);
    return this.apply(value);
  }

  reset(): void {
    this.inputs = 0;
    this.state = 0;
    this.stateBefore = 0;
    this.current = Number.NaN;
  }

  private apply(value: number): number {
    const before = this.stateBefore;
    if (this.inputs > this.period) {
      this.state = before + this.alpha * (value - before);
    } else {
      this.state = before + value;
      if (this.inputs < this.period) return this.current;
      this.state /= this.period;
    }
    this.current = this.state;
    return this.current;
  }
}
