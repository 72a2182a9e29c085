// Wilder's smoothing (RMA/SMMA): an EMA with alpha = 1/period, seeded with an SMA as TA-Lib does.
import { SmaSeededSmoother } from "./internal/sma-seeded-smoother.js";

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
export class WilderSmoothing extends SmaSeededSmoother {
  constructor(period: number) {
    super("WilderSmoothing", period, true);
  }
}
