// Highest value of the last `period` inputs (rolling maximum), amortised O(1) per update.
import { MonotonicDeque } from "./internal/monotonic-deque.js";
import { checkPeriod, rejectInput, rejectReplace } from "./internal/validate.js";
import type { ValueIndicator } from "./types.js";

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
export class Highest implements ValueIndicator {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly deque: MonotonicDeque;
  private current = Number.NaN;

  constructor(period: number) {
    this.period = checkPeriod("Highest", "period", period);
    this.warmupPeriod = this.period;
    this.deque = new MonotonicDeque(this.period, 1);
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
    if (!Number.isFinite(value)) rejectInput("Highest.update", "value", value);
    this.deque.push(value);
    if (this.deque.count >= this.period) this.current = this.deque.front;
    return this.current;
  }

  replace(value: number): number {
    if (this.deque.count === 0) rejectReplace("Highest");
    if (!Number.isFinite(value)) rejectInput("Highest.replace", "value", value);
    this.deque.replaceLast(value);
    if (this.deque.count >= this.period) this.current = this.deque.front;
    return this.current;
  }

  reset(): void {
    this.deque.clear();
    this.current = Number.NaN;
  }
}
