// Rate of change in percent over `period` bars, `100 · (x[t] − x[t − period]) / x[t − period]`.
import { RingBuffer } from "./internal/ring-buffer.js";
import { checkPeriod, rejectInput, rejectReplace } from "./internal/validate.js";
import type { ValueIndicator } from "./types.js";

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
export class ROC implements ValueIndicator {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly window: RingBuffer;
  private inputs = 0;
  private current = Number.NaN;

  constructor(period: number) {
    this.period = checkPeriod("ROC", "period", period);
    this.warmupPeriod = this.period + 1;
    this.window = new RingBuffer(this.period + 1);
  }

  get count(): number {
    return this.inputs;
  }

  get isReady(): boolean {
    return this.inputs > this.period;
  }

  get value(): number {
    return this.current;
  }

  update(value: number): number {
    if (!Number.isFinite(value)) rejectInput("ROC.update", "value", value);
    this.window.push(value);
    this.inputs++;
    if (this.inputs > this.period) this.current = rateOfChange(value, this.window.oldest);
    return this.current;
  }

  replace(value: number): number {
    if (this.inputs === 0) rejectReplace("ROC");
    if (!Number.isFinite(value)) rejectInput("ROC.replace", "value", value);
    this.window.replaceLast(value);
    if (this.inputs > this.period) this.current = rateOfChange(value, this.window.oldest);
    return this.current;
  }

  reset(): void {
    this.window.clear();
    this.inputs = 0;
    this.current = Number.NaN;
  }
}

function rateOfChange(value: number, reference: number): number {
  return reference === 0 ? 0 : (100 * (value - reference)) / reference;
}
