// Lowest value of the last `period` inputs (rolling minimum), amortised O(1) per update.
import { MonotonicDeque } from "./internal/monotonic-deque.js";
import { checkPeriod, rejectInput, rejectReplace } from "./internal/validate.js";
import type { ValueIndicator } from "./types.js";

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
export class Lowest implements ValueIndicator {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly deque: MonotonicDeque;
  private current = Number.NaN;

  constructor(period: number) {
    this.period = checkPeriod("Lowest", "period", period);
    this.warmupPeriod = this.period;
    this.deque = new MonotonicDeque(this.period, -1);
  }

  get count(): number {
    return this.deque.count;
  }

  get isReady(): boolean {
    return this.deque.count >= this.period;
  }

  get value(): number {
    return this.current;
  }

  update(value: number): number {
    if (!Number.isFinite(value)) rejectInput("Lowest.update", "value", value);
    this.deque.push(value);
    if (this.deque.count >= this.period) this.current = this.deque.front;
    return this.current;
  }

  replace(value: number): number {
    if (this.deque.count === 0) rejectReplace("Lowest");
    if (!Number.isFinite(value)) rejectInput("Lowest.replace", "value", value);
    this.deque.replaceLast(value);
    if (this.deque.count >= this.period) this.current = this.deque.front;
    return this.current;
  }

  reset(): void {
    this.deque.clear();
    this.current = Number.NaN;
  }
}
