// MACD: fast EMA − slow EMA, its EMA as signal line, and their difference as histogram.
import { EMA } from "./ema.js";
import { checkPeriod, rejectInput, rejectReplace } from "./internal/validate.js";
import type { ValueIndicator } from "./types.js";

/** Options for {@link MACD}. */
export interface MACDOptions {
  /** Fast EMA period, integer >= 1 and < `slowPeriod`. Default 12. */
  readonly fastPeriod?: number;
  /** Slow EMA period, integer >= 2. Default 26. */
  readonly slowPeriod?: number;
  /** Signal EMA period, integer >= 1. Default 9. */
  readonly signalPeriod?: number;
}

/**
 * Moving Average Convergence/Divergence with numeric getters `macd`, `signal`, `histogram`.
 *
 * Warm-up (backtrader's and `technicalindicators`' convention, all EMAs SMA-seeded): both EMAs start
 * on input 1, so the MACD line exists from input `slowPeriod`; the signal EMA is seeded with the mean
 * of the first `signalPeriod` MACD values, so `signal`, `histogram` and `isReady` arrive on input
 * `slowPeriod + signalPeriod − 1` (`warmupPeriod`, 34 for 12/26/9). The `macd` getter is finite from
 * input `slowPeriod`; `value` (= the MACD line) and `update()`'s return stay `NaN` until `isReady`.
 *
 * TA-Lib differs in one detail: it seeds the fast EMA from the `fastPeriod` inputs ending at input
 * `slowPeriod`, not from the first ones, so early values differ slightly; the difference decays by
 * `1 − 2/(fastPeriod + 1)` per input. `trading-signals` seeds every EMA with its first input.
 *
 * @throws {RangeError} from the constructor for a bad period or `fastPeriod >= slowPeriod`.
 * @example
 * const macd = new MACD({ fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 });
 * for (const close of closes) macd.update(close);
 * if (macd.isReady && macd.histogram > 0) console.log("bullish", macd.macd, macd.signal);
 */
export class MACD implements ValueIndicator {
  readonly fastPeriod: number;
  readonly slowPeriod: number;
  readonly signalPeriod: number;
  readonly warmupPeriod: number;
  private readonly fast: EMA;
  private readonly slow: EMA;
  private readonly signalLine: EMA;
  private inputs = 0;
  private line = Number.NaN;
  private current = Number.NaN;

  constructor(options: MACDOptions = {}) {
    this.fastPeriod = checkPeriod("MACD", "fastPeriod", options.fastPeriod ?? 12);
    this.slowPeriod = checkPeriod("MACD", "slowPeriod", options.slowPeriod ?? 26, 2);
    this.signalPeriod = checkPeriod("MACD", "signalPeriod", options.signalPeriod ?? 9);
    if (this.fastPeriod >= this.slowPeriod) {
      throw new RangeError(
        `MACD: fastPeriod (${this.fastPeriod}) must be less than slowPeriod (${this.slowPeriod})`,
      );
    }
    this.warmupPeriod = this.slowPeriod + this.signalPeriod - 1;
    this.fast = new EMA(this.fastPeriod);
    this.slow = new EMA(this.slowPeriod);
    this.signalLine = new EMA(this.signalPeriod);
  }

  get count(): number {
    return this.inputs;
  }

  get isReady(): boolean {
    return this.inputs >= this.warmupPeriod;
  }

  /** The MACD line once `isReady`, else `NaN`. */
  get value(): number {
    return this.current;
  }

  /** MACD line, fast EMA − slow EMA; finite from input `slowPeriod` on (before `isReady`). */
  get macd(): number {
    return this.line;
  }

  /** Signal line, the EMA of the MACD line; `NaN` until ready. */
  get signal(): number {
    return this.signalLine.value;
  }

  /** `macd − signal`; `NaN` until ready. */
  get histogram(): number {
    return this.line - this.signalLine.value;
  }

  update(value: number): number {
    if (!Number.isFinite(value)) rejectInput("MACD.update", "value", value);
    this.inputs++;
    const fast = this.fast.update(value);
    const slow = this.slow.update(value);
    if (this.inputs < this.slowPeriod) return this.current;
    this.line = fast - slow;
    this.signalLine.update(this.line);
    if (this.inputs >= this.warmupPeriod) this.current = this.line;
    return this.current;
  }

  replace(value: number): number {
    if (this.inputs === 0) rejectReplace("MACD");
    if (!Number.isFinite(value)) rejectInput("MACD.replace", "value", value);
    const fast = this.fast.replace(value);
    const slow = this.slow.replace(value);
    if (this.inputs < this.slowPeriod) return this.current;
    this.line = fast - slow;
    this.signalLine.replace(this.line);
    if (this.inputs >= this.warmupPeriod) this.current = this.line;
    return this.current;
  }

  reset(): void {
    this.fast.reset();
    this.slow.reset();
    this.signalLine.reset();
    this.inputs = 0;
    this.line = Number.NaN;
    this.current = Number.NaN;
  }
}
