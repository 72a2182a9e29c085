// Momentum: the change of the input over `period` bars, `x[t] − x[t − period]`.
import { LookbackWindow } from "./internal/lookback-window.js";

/**
 * Momentum, `x[t] − x[t − period]` (TA-Lib `MOM`, `trading-signals` `MOM`).
 *
 * Warm-up: first value on input `period + 1`, the first with a value `period` bars back.
 *
 * @throws {RangeError} from the constructor when `period` is not an integer >= 1.
 * @example
 * const mom = new Momentum(2);
 * mom.update(10); mom.update(11); // NaN, NaN
 * mom.update(13); // 3
 */
export class Momentum extends LookbackWindow {
  constructor(period: number) {
    super("Momentum", period);
  }

  protected compare(value: number, reference: number): number {
    return value - reference;
  }
}
