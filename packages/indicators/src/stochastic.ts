// Stochastic oscillator: where the close sits in the recent high-low range, as %K and its SMA %D.
import { Highest } from "./highest.js";
import { checkBar, checkPeriod, rejectReplace } from "./internal/validate.js";
import { Lowest } from "./lowest.js";
import { SMA } from "./sma.js";
import type { BarIndicator } from "./types.js";

/** Options for {@link Stochastic}. */
export interface StochasticOptions {
  /** Look-back for the highest high / lowest low, integer >= 1. Default 14. */
  readonly kPeriod?: number;
  /** SMA applied to raw %K ("slowing"): 1 = fast stochastic, 3 = slow stochastic. Default 1. */
  readonly kSmoothing?: number;
  /** SMA period of %D, the signal line, integer >= 1. Default 3. */
  readonly dPeriod?: number;
}

/**
 * Stochastic oscillator with numeric getters `k` and `d`, both within [0, 100].
 *
 * Raw %K = `100 · (close − lowestLow) / (highestHigh − lowestLow)` over the last `kPeriod` bars,
 * or 0 when that range is empty (all highs and lows equal) — TA-Lib's, `technicalindicators`' and
 * `trading-signals`' choice. %K is the `kSmoothing`-bar SMA of raw %K; %D is the `dPeriod`-bar SMA of %K.
 *
 * Warm-up: %K from bar `kPeriod + kSmoothing − 1`; %D, `value` (= %K) and `isReady` from bar
 * `kPeriod + kSmoothing + dPeriod − 2` (`warmupPeriod`). The `k` getter is finite before `isReady`.
 * Matches `technicalindicators`' `Stochastic` (with `kSmoothing: 1`) and `trading-signals`'
 * `StochasticOscillator` (whose `kSlowingPeriod` is `kSmoothing`) value for value.
 *
 * @throws {RangeError} from the constructor when a period is not an integer >= 1.
 * @example
 * const stoch = new Stochastic({ kPeriod: 14, kSmoothing: 3, dPeriod: 3 });
 * stoch.update(10.4, 9.9, 10.2);
 * if (stoch.isReady && stoch.k > 80) console.log("overbought", stoch.k, stoch.d);
 */
export class Stochastic implements BarIndicator {
  readonly kPeriod: number;
  readonly kSmoothing: number;
  readonly dPeriod: number;
  readonly warmupPeriod: number;
  private readonly highest: Highest;
  private readonly lowest: Lowest;
  private readonly kAverage: SMA;
  private readonly dAverage: SMA;
  private inputs = 0;
  private current = Number.NaN;

  constructor(options: StochasticOptions = {}) {
    this.kPeriod = checkPeriod("Stochastic", "kPeriod", options.kPeriod ?? 14);
    this.kSmoothing = checkPeriod("Stochastic", "kSmoothing", options.kSmoothing ?? 1);
    this.dPeriod = checkPeriod("Stochastic", "dPeriod", options.dPeriod ?? 3);
    this.warmupPeriod = this.kPeriod + this.kSmoothing + this.dPeriod - 2;
    this.highest = new Highest(this.kPeriod);
    this.lowest = new Lowest(this.kPeriod);
    this.kAverage = new SMA(this.kSmoothing);
    this.dAverage = new SMA(this.dPeriod);
  }

  get count(): number {
    return this.inputs;
  }

  get isReady(): boolean {
    return this.inputs >= this.warmupPeriod;
  }

  /** %K once `isReady`, else `NaN`. */
  get value(): number {
    return this.current;
  }

  /** %K (smoothed by `kSmoothing`); finite from bar `kPeriod + kSmoothing − 1`. */
  get k(): number {
    return this.kAverage.value;
  }

  /** %D, the SMA of %K; `NaN` until ready. */
  get d(): number {
    return this.dAverage.value;
  }

  update(high: number, low: number, close: number): number {
    checkBar("Stochastic.update", high, low, close);
    this.inputs++;
    const highestHigh = this.highest.update(high);
    const lowestLow = this.lowest.update(low);
    if (this.inputs < this.kPeriod) return this.current;
    const k = this.kAverage.update(rawK(highestHigh, lowestLow, close));
    if (this.kAverage.isReady) this.dAverage.update(k);
    if (this.inputs >= this.warmupPeriod) this.current = k;
    return this.current;
  }

  replace(high: number, low: number, close: number): number {
    if (this.inputs === 0) rejectReplace("Stochastic");
    checkBar("Stochastic.replace", high, low, close);
    const highestHigh = this.highest.replace(high);
    const lowestLow = this.lowest.replace(low);
    if (this.inputs < this.kPeriod) return this.current;
    const k = this.kAverage.replace(rawK(highestHigh, lowestLow, close));
    if (this.kAverage.isReady) this.dAverage.replace(k);
    if (this.inputs >= this.warmupPeriod) this.current = k;
    return this.current;
  }

  reset(): void {
    this.highest.reset();
    this.lowest.reset();
    this.kAverage.reset();
    this.dAverage.reset();
    this.inputs = 0;
    this.current = Number.NaN;
  }
}

function rawK(highestHigh: number, lowestLow: number, close: number): number {
  const range = highestHigh - lowestLow;
  return range > 0 ? (100 * (close - lowestLow)) / range : 0;
}
