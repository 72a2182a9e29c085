// Simple moving average: the arithmetic mean of the last `period` inputs, O(1) per update.
import { RingBuffer } from "./internal/ring-buffer.js";
import { checkPeriod, rejectInput, rejectReplace } from "./internal/validate.js";
import type { ValueIndicator } from "./types.js";

/**
 * Simple moving average over the last `period` inputs.
 *
 * Keeps a running sum (add the new input, subtract the evicted one). A running sum accumulates
 * rounding error forever — after a spike or a change of price scale the error it picked up stays in
 * the sum — so every `period` updates the sum is recomputed exactly from the window. That is
 * amortised O(1) (one extra addition per update) and bounds the error by what `period` incremental
 * steps can add, however long the stream runs.
 *
 * Warm-up: first value on the `period`-th input (`warmupPeriod === period`); `NaN` before.
 *
 * @throws {RangeError} from the constructor when `period` is not an integer >= 1.
 * @example
 * const sma = new SMA(3);
 * sma.update(1); // NaN
 * sma.update(2); // NaN
 * sma.update(3); // 2
 * sma.update(4); // 3
 * sma.replace(7); // 4 — the last bar is now 7: mean(2, 3, 7)
 */
export class SMA implements ValueIndicator {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly window: RingBuffer;
  private inputs = 0;
  private sum = 0;
  private current = Number.NaN;
  // State before the newest input, so replace() can redo the newest step exactly.
  private sumBefore = 0;
  private evicted = 0;
  private untilResync: number;
  private resyncDue = false;

  constructor(period: number) {
    this.period = checkPeriod("SMA", "period", period);
    this.warmupPeriod = this.period;
    this.window = new RingBuffer(this.period);
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
    if (!Number.isFinite(value)) rejectInput("SMA.update", "value", value);
    this.evicted = this.window.push(value);
    this.sumBefore = this.sum;
    this.inputs++;
    if (this.inputs > this.period) {
      this.resyncDue = --this.untilResync === 0;
      if (this.resyncDue) this.untilResync = this.period;
    }
    return this.apply(value);
  }

  replace(value: number): number {
    if (this.inputs === 0) rejectReplace("SMA");
    if (!Number.isFinite(value)) rejectInput("SMA.replace", "value", value);
    this.window.replaceLast(value);
    return this.apply(value);
  }

  reset(): void {
    this.window.clear();
    this.inputs = 0;
    this.sum = 0;
    this.sumBefore = 0;
    this.current = Number.NaN;
    this.untilResync = this.period;
    this.resyncDue = false;
  }

  private apply(value: number): number {
    if (this.inputs <= this.period) {
      this.sum = this.sumBefore + value;
      if (this.inputs < this.period) return this.current;
    } else if (this.resyncDue) {
      this.sum = this.window.sum();
    } else {
      this.sum = this.sumBefore + (value - this.evicted);
    }
    this.current = this.sum / this.period;
    return this.current;
  }
}
