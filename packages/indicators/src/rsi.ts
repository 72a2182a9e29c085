// Relative Strength Index with Wilder smoothing of gains and losses (TA-Lib convention).
import { checkPeriod, rejectInput, rejectReplace } from "./internal/validate.js";
import type { ValueIndicator } from "./types.js";

/**
 * Wilder's RSI: `100 · avgGain / (avgGain + avgLoss)` (equivalently `100 − 100 / (1 + RS)`).
 *
 * Warm-up: input 1 only sets the reference close. The first value, on input `period + 1`, uses the
 * plain averages of the first `period` gains and losses; after that each average is Wilder-smoothed,
 * `avg = (avg · (period − 1) + x) / period`. This matches TA-Lib, backtrader, `technicalindicators`
 * (which rounds its RSI to 2 decimals) and `trading-signals`.
 *
 * Flat window (no gains and no losses): 50. Libraries disagree here — TA-Lib returns 0,
 * `technicalindicators` and `trading-signals` return 100 — and neutral is the least surprising.
 * Only gains: 100; only losses: 0. The value is always within [0, 100].
 *
 * @throws {RangeError} from the constructor when `period` is not an integer >= 1.
 * @example
 * const rsi = new RSI(2);
 * rsi.update(10); rsi.update(11); // NaN, NaN
 * rsi.update(10.5); // 100 · 0.5 / (0.5 + 0.25) = 66.67
 */
export class RSI implements ValueIndicator {
  readonly period: number;
  readonly warmupPeriod: number;
  private inputs = 0;
  private lastClose = 0;
  private closeBefore = 0;
  /** Sums of gains/losses during warm-up, then their Wilder averages. */
  private gain = 0;
  private loss = 0;
  private gainBefore = 0;
  private lossBefore = 0;
  private current = Number.NaN;

  constructor(period: number) {
    this.period = checkPeriod("RSI", "period", period);
    this.warmupPeriod = this.period + 1;
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

  /** Wilder-smoothed average gain; `NaN` until ready. */
  get averageGain(): number {
    return this.inputs > this.period ? this.gain : Number.NaN;
  }

  /** Wilder-smoothed average loss (a positive number); `NaN` until ready. */
  get averageLoss(): number {
    return this.inputs > this.period ? this.loss : Number.NaN;
  }

  update(value: number): number {
    if (!Number.isFinite(value)) rejectInput("RSI.update", "value", value);
    this.closeBefore = this.lastClose;
    this.gainBefore = this.gain;
    this.lossBefore = this.loss;
    this.inputs++;
    return this.apply(value);
  }

  replace(value: number): number {
    if (this.inputs === 0) rejectReplace("RSI");
    if (!Number.isFinite(value)) rejectInput("RSI.replace", "value", value);
    return this.apply(value);
  }

  reset(): void {
    this.inputs = 0;
    this.lastClose = 0;
    this.closeBefore = 0;
    this.gain = 0;
    this.loss = 0;
    this.gainBefore = 0;
    this.lossBefore = 0;
    this.current = Number.NaN;
  }

  private apply(value: number): number {
    this.lastClose = value;
    const changes = this.inputs - 1;
    if (changes === 0) return this.current;
    const period = this.period;
    const change = value - this.closeBefore;
    const up = Math.max(change, 0);
    const down = Math.max(-change, 0);
    if (changes > period) {
      this.gain = (this.gainBefore * (period - 1) + up) / period;
      this.loss = (this.lossBefore * (period - 1) + down) / period;
    } else {
      this.gain = this.gainBefore + up;
      this.loss = this.lossBefore + down;
      if (changes < period) return this.current;
      this.gain /= period;
      this.loss /= period;
    }
    const total = this.gain + this.loss;
    // 100 · (g / total), not (100 · g) / total: the ratio is <= 1 after rounding, the product may not be.
    this.current = total > 0 ? 100 * (this.gain / total) : 50;
    return this.current;
  }
}
