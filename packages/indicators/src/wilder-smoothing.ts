// Wilder's smoothing (RMA/SMMA): an EMA with alpha = 1/period, seeded with an SMA as TA-Lib does.
import { checkPeriod, rejectInput, rejectReplace } from "./internal/validate.js";
import type { ValueIndicator } from "./types.js";

/**
 * Wilder's moving average (also called RMA or SMMA), the smoothing inside RSI and ATR.
 *
 * Warm-up: the first value, on the `period`-th input, is the SMA of those inputs; after that
 * `avg = (avg * (period - 1) + x) / period` (TA-Lib's form). Same values as `technicalindicators`'
 * `WEMA` and `trading-signals`' `WSMA` (not `trading-signals`' `RMA`, which seeds with the first
 * input). Note that `technicalindicators`' `WilderSmoothing` is a different quantity: Wilder's
 * running *sum* used by ADX.
 *
 * A contraction like the EMA, so rounding errors decay rather than accumulate.
 *
 * @throws {RangeError} from the constructor when `period` is not an integer >= 1.
 * @example
 * const rma = new WilderSmoothing(2);
 * rma.update(1); // NaN
 * rma.update(3); // 2 (seed)
 * rma.update(6); // 4 = (2 * 1 + 6) / 2
 */
export class WilderSmoothing implements ValueIndicator {
  readonly period: number;
  readonly warmupPeriod: number;
  private inputs = 0;
  /** Sum of inputs during warm-up, then the average itself. */
  private state = 0;
  private stateBefore = 0;
  private current = Number.NaN;

  constructor(period: number) {
    this.period = checkPeriod("WilderSmoothing", "period", period);
    this.warmupPeriod = this.period;
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
    if (!Number.isFinite(value)) rejectInput("WilderSmoothing.update", "value", value);
    this.stateBefore = this.state;
    this.inputs++;
    return this.apply(value);
  }

  replace(value: number): number {
    if (this.inputs === 0) rejectReplace("WilderSmoothing");
    if (!Number.isFinite(value)) rejectInput("WilderSmoothing.replace", "value", value);
    return this.apply(value);
  }

  reset(): void {
    this.inputs = 0;
    this.state = 0;
    this.stateBefore = 0;
    this.current = Number.NaN;
  }

  private apply(value: number): number {
    const period = this.period;
    const before = this.stateBefore;
    if (this.inputs > period) {
      this.state = (before * (period - 1) + value) / period;
    } else {
      this.state = before + value;
      if (this.inputs < period) return this.current;
      this.state /= period;
    }
    this.current = this.state;
    return this.current;
  }
}
