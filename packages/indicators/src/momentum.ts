// Momentum: the change of the input over `period` bars, `x[t] − x[t − period]`.
import { RingBuffer } from "./internal/ring-buffer.js";
import { checkPeriod, rejectInput, rejectReplace } from "./internal/validate.js";
import type { ValueIndicator } from "./types.js";

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
export class Momentum implements ValueIndicator {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly window: RingBuffer;
  private inputs = 0;
  private current = Number.NaN;

  constructor(period: number) {
    this.period = checkPeriod("Momentum", "period", period);
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
    if (!Number.isFinite(value)) rejectInput("Momentum.update", "value", value);
    this.window.push(value);
    this.inputs++;
    if (this.inputs > this.period) this.current = value - this.window.oldest;
    return this.current;
  }

  replace(value: number): number {
    if (this.inputs === 0) rejectReplace("Momentum");
    if (!Number.isFinite(value)) rejectInput("Momentum.replace", "value", value);
    this.window.replaceLast(value);
    if (this.inputs > this.period) this.current = value - this.window.oldest;
    return this.current;
  }

  reset(): void {
    this.window.clear();
    this.inputs = 0;
    this.current = Number.NaN;
  }
}
