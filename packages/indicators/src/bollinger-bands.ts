// Bollinger Bands: SMA middle band ± multiplier × population standard deviation of the window.
import { RingBuffer } from "./internal/ring-buffer.js";
import { checkPeriod, checkPositive, rejectInput, rejectReplace } from "./internal/validate.js";
import type { ValueIndicator } from "./types.js";

/** Resync early when (window mean − centre)² exceeds this many variances (~4 digits lost at most). */
const EARLY_RESYNC_RATIO = 1e4;
/** ...unless the mean moved by less than this fraction of the centre's magnitude. */
const SHIFT_FLOOR = 1e-8;

/** Options for {@link BollingerBands}. */
export interface BollingerBandsOptions {
  /** Window length, integer >= 1. Default 20. */
  readonly period?: number;
  /** Band half-width in standard deviations, finite > 0. Default 2. */
  readonly multiplier?: number;
}

/**
 * Bollinger Bands over the last `period` inputs: `middle` is the SMA, `upper`/`lower` are
 * `middle ± multiplier · σ` with σ the *population* standard deviation (divide by `period`), as in
 * TA-Lib, `technicalindicators` and `trading-signals`. `value` is the middle band.
 *
 * A naive running variance (`Σx²/n − mean²`) loses all precision when prices are large relative to
 * their spread and drifts over long streams. Instead this keeps sums of deviations from a centre `c`
 * (`S = Σ(x−c)`, `Q = Σ(x−c)²`) and, every `period` updates, recomputes them exactly from the window
 * with `c` reset to the window mean (amortised O(1)). Between resyncs the centre stays close to the
 * data, so the subtraction in `Q/n − (S/n)²` does not cancel catastrophically; should the mean jump
 * more than ~100σ away from `c` (a regime change), the sums are resynced at once.
 *
 * Warm-up: first value on the `period`-th input. All getters are `NaN` until then.
 *
 * @throws {RangeError} from the constructor for a bad `period` or `multiplier`.
 * @example
 * const bb = new BollingerBands({ period: 3, multiplier: 2 });
 * bb.update(1); bb.update(2); bb.update(3);
 * bb.middle; // 2
 * bb.upper; // 2 + 2 * Math.sqrt(2 / 3)
 */
export class BollingerBands implements ValueIndicator {
  readonly period: number;
  readonly multiplier: number;
  readonly warmupPeriod: number;
  private readonly window: RingBuffer;
  private inputs = 0;
  private center = 0;
  private centerBefore = 0;
  private deviationSum = 0;
  private squaredSum = 0;
  private deviationSumBefore = 0;
  private squaredSumBefore = 0;
  private evicted = 0;
  private untilResync: number;
  private untilResyncBefore: number;
  private mid = Number.NaN;
  private sd = Number.NaN;

  constructor(options: BollingerBandsOptions = {}) {
    this.period = checkPeriod("BollingerBands", "period", options.period ?? 20);
    this.multiplier = checkPositive("BollingerBands", "multiplier", options.multiplier ?? 2);
    this.warmupPeriod = this.period;
    this.window = new RingBuffer(this.period);
    this.untilResync = this.period;
    this.untilResyncBefore = this.period;
  }

  get count(): number {
    return this.inputs;
  }

  get isReady(): boolean {
    return this.inputs >= this.period;
  }

  /** The middle band. */
  get value(): number {
    return this.mid;
  }

  /** Middle band: the SMA of the window. */
  get middle(): number {
    return this.mid;
  }

  /** `middle + multiplier · stdDev`. */
  get upper(): number {
    return this.mid + this.multiplier * this.sd;
  }

  /** `middle − multiplier · stdDev`. */
  get lower(): number {
    return this.mid - this.multiplier * this.sd;
  }

  /** Population standard deviation of the window. */
  get stdDev(): number {
    return this.sd;
  }

  /** `(upper − lower) / middle`, a fraction (×100 for percent); not finite when middle is 0. */
  get bandwidth(): number {
    return (2 * this.multiplier * this.sd) / this.mid;
  }

  update(value: number): number {
    if (!Number.isFinite(value)) rejectInput("BollingerBands.update", "value", value);
    this.evicted = this.window.push(value);
    this.deviationSumBefore = this.deviationSum;
    this.squaredSumBefore = this.squaredSum;
    this.untilResyncBefore = this.untilResync;
    this.centerBefore = this.center;
    this.inputs++;
    return this.apply(value);
  }

  replace(value: number): number {
    if (this.inputs === 0) rejectReplace("BollingerBands");
    if (!Number.isFinite(value)) rejectInput("BollingerBands.replace", "value", value);
    this.window.replaceLast(value);
    return this.apply(value);
  }

  reset(): void {
    this.window.clear();
    this.inputs = 0;
    this.center = 0;
    this.centerBefore = 0;
    this.deviationSum = 0;
    this.squaredSum = 0;
    this.deviationSumBefore = 0;
    this.squaredSumBefore = 0;
    this.untilResync = this.period;
    this.untilResyncBefore = this.period;
    this.mid = Number.NaN;
    this.sd = Number.NaN;
  }

  private apply(value: number): number {
    const n = this.period;
    if (this.inputs < n) return this.mid;
    // Everything below depends only on the "before" state and the window, so replace() redoes the
    // newest step exactly, resync decisions included.
    const countdown = this.untilResyncBefore - 1;
    if (this.inputs === n || countdown === 0) {
      this.resync();
    } else {
      const center = this.centerBefore;
      this.center = center;
      const added = value - center;
      const removed = this.evicted - center;
      this.deviationSum = this.deviationSumBefore + (added - removed);
      this.squaredSum = this.squaredSumBefore + (added * added - removed * removed);
      this.untilResync = countdown;
      const meanDeviation = this.deviationSum / n;
      // After a jump the centre can sit many standard deviations from the data, and Q/n − (S/n)²
      // then cancels most significant digits: resync early. It takes a ~100σ move of the window
      // mean within one period, which ordinary price series do not make. The floor stops a constant
      // window whose mean is inexact (shift ≈ ulp², variance 0) from resyncing on every update;
      // below it the resulting error is negligible against the price level.
      const shift = meanDeviation * meanDeviation;
      const floor = SHIFT_FLOOR * this.center;
      if (shift > EARLY_RESYNC_RATIO * (this.squaredSum / n - shift) && shift > floor * floor) this.resync();
    }
    const meanDeviation = this.deviationSum / n;
    const variance = this.squaredSum / n - meanDeviation * meanDeviation;
    this.mid = this.center + meanDeviation;
    this.sd = variance > 0 ? Math.sqrt(variance) : 0;
    return this.mid;
  }

  /** Two-pass recomputation: centre on the window mean, then exact deviation sums. */
  private resync(): void {
    const window = this.window;
    const n = this.period;
    const center = window.sum() / n;
    let deviationSum = 0;
    let squaredSum = 0;
    for (let i = 0; i < n; i++) {
      const d = window.at(i) - center;
      deviationSum += d;
      squaredSum += d * d;
    }
    this.center = center;
    this.deviationSum = deviationSum;
    this.squaredSum = squaredSum;
    this.untilResync = n;
  }
}
