// Lowest value of the last `period` inputs (rolling minimum), amortised O(1) per update.
import { RollingExtreme } from "./internal/rolling-extreme.js";

/**
 * Rolling minimum over the last `period` inputs (TA-Lib `MIN`, Donchian lower band).
 *
 * Uses a monotonic deque: amortised O(1) per `update`, O(log period) per `replace`, no allocation,
 * and exact (comparisons only, no arithmetic to drift).
 *
 * Warm-up: first value on the `period`-th input.
 *
 * @throws {RangeError} from the constructor when `period` is not an integer >= 1.
 * @example
 * const low = new Lowest(3);
 * low.update(1); low.update(5); // NaN, NaN
 * low.update(2); // 1
 * low.update(9); // 2 (1 left the window)
 */
export class Lowest extends RollingExtreme {
  constructor(period: number) {
    super("Lowest", period, -1);
  }
}
