// Rate of change in percent over `period` bars, `100 · (x[t] − x[t − period]) / x[t − period]`.
import { LookbackWindow } from "./internal/lookback-window.js";

/**
 * Rate of change in percent, `100 · (x[t] − x[t − period]) / x[t − period]` (TA-Lib `ROC`,
 * `technicalindicators` `ROC`). `trading-signals`' `ROC` returns the same ratio as a fraction, not
 * percent. When the reference value is 0 the result is 0, as in TA-Lib, rather than ±Infinity.
 *
 * Warm-up: first value on input `period + 1`.
 *
 * @throws {RangeError} from the constructor when `period` is not an integer >= 1.
 * @example
 * const roc = new ROC(2);
 * roc.update(100); roc.update(90); // NaN, NaN
 * roc.update(110); // 10 (percent)
 */
export class ROC extends LookbackWindow {
  constructor(period: number) {
    super("ROC", period);
  }

  protected compare(value: number, reference: number): number {
    return reference === 0 ? 0 : (100 * (value - reference)) / reference;
  }
}
