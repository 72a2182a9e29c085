// Average True Range: Wilder-smoothed true range, seeded with an SMA (TA-Lib/backtrader convention).
import { checkBar, checkPeriod, rejectReplace } from "./internal/validate.js";
import type { BarIndicator } from "./types.js";

/**
 * Wilder's Average True Range. True range is `max(high − low, |high − prevClose|, |low − prevClose|)`,
 * which needs the previous close, so bar 1 only provides that close.
 *
 * Warm-up: the first value, on bar `period + 1`, is the mean of the true ranges of bars 2…period+1;
 * after that `atr = (atr · (period − 1) + tr) / period`. Same as TA-Lib, backtrader and
 * `technicalindicators`. `trading-signals` instead counts bar 1's `high − low` as a true range and
 * emits one bar earlier; its values converge to these by a factor `1 − 1/period` per bar.
 *
 * @throws {RangeError} from the constructor when `period` is not an integer >= 1.
 * @example
 * const atr = new ATR(2);
 * atr.update(10, 9, 9.5); // NaN (no previous close)
 * atr.update(11, 10, 10.5); // NaN, tr = 1.5
 * atr.update(11, 10.5, 11); // 1 = mean(1.5, 0.5)
 */
export class ATR implements BarIndicator {
  readonly period: number;
  readonly warmupPeriod: number;
  private inputs = 0;
  private lastClose = 0;
  private closeBefore = 0;
  private range = Number.NaN;
  /** Sum of true ranges during warm-up, then the ATR itself. */
  private state = 0;
  private stateBefore = 0;
  private current = Number.NaN;

  constructor(period: number) {
    this.period = checkPeriod("ATR", "period", period);
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

  /** True range of the newest bar; for the very first bar (no previous close) `high − low`. */
  get trueRange(): number {
    return this.range;
  }

  update(high: number, low: number, close: number): number {
    checkBar("ATR.update", high, low, close);
    this.closeBefore = this.lastClose;
    this.stateBefore = this.state;
    this.inputs++;
    return this.apply(high, low, close);
  }

  replace(high: number, low: number, close: number): number {
    if (this.inputs === 0) rejectReplace("ATR");
    checkBar("ATR.replace", high, low, close);
    return this.apply(high, low, close);
  }

  reset(): void {
    this.inputs = 0;
    this.lastClose = 0;
    this.closeBefore = 0;
    this.range = Number.NaN;
    this.state = 0;
    this.stateBefore = 0;
    this.current = Number.NaN;
  }

  private apply(high: number, low: number, close: number): number {
    this.lastClose = close;
    const bars = this.inputs - 1;
    if (bars === 0) {
      this.range = high - low;
      return this.current;
    }
    const previous = this.closeBefore;
    let tr = high - low;
    const up = high - previous;
    if (up > tr) tr = up;
    const down = previous - low;
    if (down > tr) tr = down;
    this.range = tr;
    const period = this.period;
    if (bars > period) {
      this.state = (this.stateBefore * (period - 1) + tr) / period;
    } else {
      this.state = this.stateBefore + tr;
      if (bars < period) return this.current;
      this.state /= period;
    }
    this.current = this.state;
    return this.current;
  }
}
