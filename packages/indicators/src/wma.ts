// Linearly weighted moving average: weights 1..period, newest heaviest, O(1) per update.
import { RingBuffer } from "./internal/ring-buffer.js";
import { checkPeriod, rejectInput, rejectReplace } from "./internal/validate.js";
import type { ValueIndicator } from "./types.js";

/**
 * Weighted moving average: `Σ i·x_i / (period·(period+1)/2)` with weight 1 for the oldest input of
 * the window and `period` for the newest.
 *
 * O(1) per update with two running sums: the plain sum `S` and the weighted sum `N`; sliding the
 * window gives `N' = N - S + period·x_new`. Both are recomputed exactly from the window every
 * `period` updates (amortised O(1)) so rounding error cannot build up over long streams.
 *
 * Warm-up: first value on the `period`-th input.
 *
 * @throws {RangeError} from the constructor when `period` is not an integer >= 1.
 * @example
 * const wma = new WMA(3);
 * wma.update(1); wma.update(2); // NaN, NaN
 * wma.update(3); // (1·1 + 2·2 + 3·3) / 6 = 14/6
 */
export class WMA implements ValueIndicator {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly window: RingBuffer;
  private readonly divisor: number;
  private inputs = 0;
  private sum = 0;
  private weighted = 0;
  private current = Number.NaN;
  private sumBefore = 0;
  private weightedBefore = 0;
  private evicted = 0;
  private untilResync: number;
  private resyncDue = false;

  constructor(period: number) {
    this.period = checkPeriod("WMA", "period", period);
    this.warmupPeriod = this.period;
    this.window = new RingBuffer(this.period);
    this.divisor = (this.period * (this.period + 1)) / 2;
    this.untilResync = this.period;
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
    if (!Number.isFinite(value)) rejectInput("WMA.update", "value", value);
    this.evicted = this.window.push(value);
    this.sumBefore = this.sum;
    this.weightedBefore = this.weighted;
    this.inputs++;
    if (this.inputs > this.period) {
      this.resyncDue = --this.untilResync === 0;
      if (this.resyncDue) this.untilResync = this.period;
    }
    return this.apply(value);
  }

  replace(value: number): number {
    if (this.inputs === 0) rejectReplace("WMA");
    if (!Number.isFinite(value)) rejectInput("WMA.replace", "value", value);
    this.window.replaceLast(value);
    return this.apply(value);
  }

  reset(): void {
    this.window.clear();
    this.inputs = 0;
    this.sum = 0;
    this.weighted = 0;
    this.sumBefore = 0;
    this.weightedBefore = 0;
    this.current = Number.NaN;
    this.untilResync = this.period;
    this.resyncDue = false;
  }

  private apply(value: number): number {
    if (this.inputs < this.period) return this.current;
    if (this.inputs === this.period || this.resyncDue) {
      this.sum = this.window.sum();
      this.weighted = this.window.weightedSum();
    } else {
      this.weighted = this.weightedBefore - this.sumBefore + this.period * value;
      this.sum = this.sumBefore + (value - this.evicted);
    }
    this.current = this.weighted / this.divisor;
    return this.current;
  }
}
