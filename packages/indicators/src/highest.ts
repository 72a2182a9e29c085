// Highest value of the last `period` inputs (rolling maximum), amortised O(1) per update.
import { RollingExtreme } from "./internal/rolling-extreme.js";

/**
 * Rolling maximum over the last `period` inputs (TA-Lib `MAX`, Donchian upper band).
 *
 * Uses a monotonic deque: amortised O(1) per `update`, O(log period) per `replace`, no allocation,
 * and exact (comparisons only, no arithmetic to drift).
 *
 * Warm-up: first value on the `period`-th input.
 *
 * @throws {RangeError} from the constructor when `period` is not an integer >= 1.
 * @example
 * const high = new Highest(3);
 * high.update(5); high.update(1); // NaN, NaN
 * high.update(2); // 5
 * high.update(0); // 2 (5 left the window)
 */
export class Highest extends RollingExtreme {
  constructor(period: number) {
    super("Highest", period, 1);
  }
}
