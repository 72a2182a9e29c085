// Shared engine of EMA and WilderSmoothing: an exponential smoother seeded with the SMA of `period` inputs.
import type { ValueIndicator } from "../types.js";
import { checkPeriod, rejectInput, rejectReplace } from "./validate.js";

/**
 * An exponential smoother whose first value, on the `period`-th input, is the SMA of those inputs;
 * after that each input is folded in by the EMA or Wilder step. Keeps the state
 * before the newest input so `replace` redoes the newest step exactly. No allocation per update.
 *
 * Internal: not re-exported from the package entry point; `EMA` and `WilderSmoothing` extend it.
 */
export class SmaSeededSmoother implements ValueIndicator {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly owner: string;
  private readonly updateOwner: string;
  private readonly replaceOwner: string;
  private readonly wilder: boolean;
  /** EMA smoothing factor (unused by Wilder's step, which divides by `period` as TA-Lib does). */
  private readonly rate: number;
  private inputs = 0;
  /** Sum of inputs during warm-up, then the average itself. */
  private state = 0;
  private stateBefore = 0;
  private current = Number.NaN;

  /**
   * @param owner class name used in error messages.
   * @param wilder `true` for Wilder's step `(avg * (period - 1) + x) / period`, `false` for the EMA step
   *   `avg + alpha * (x - avg)` with `alpha = 2 / (period + 1)`. A flag, not a virtual method, keeps the
   *   hot path monomorphic when both kinds run in one process.
   */
  protected constructor(owner: string, period: number, wilder: boolean) {
    this.period = checkPeriod(owner, "period", period);
    this.wilder = wilder;
    this.rate = 2 / (this.period + 1);
    this.warmupPeriod = this.period;
    this.owner = owner;
    this.updateOwner = `${owner}.update`;
    this.replaceOwner = `${owner}.replace`;
  }

  /** Inputs seen since construction or `reset`. */
  get count(): number {
    return this.inputs;
  }

  /** `true` once `period` inputs have been seen. */
  get isReady(): boolean {
    return this.inputs >= this.period;
  }

  /** Latest value; `NaN` until ready. */
  get value(): number {
    return this.current;
  }

  /** Adds a new input and returns the new value (`NaN` during warm-up). */
  update(value: number): number {
    if (!Number.isFinite(value)) rejectInput(this.updateOwner, "value", value);
    this.stateBefore = this.state;
    this.inputs++;
    return this.apply(value);
  }

  /** Replaces the newest input (the still-open bar changed) and returns the recomputed value. */
  replace(value: number): number {
    if (this.inputs === 0) rejectReplace(this.owner);
    if (!Number.isFinite(value)) rejectInput(this.replaceOwner, "value", value);
    return this.apply(value);
  }

  /** Forgets all inputs. */
  reset(): void {
    this.inputs = 0;
    this.state = 0;
    this.stateBefore = 0;
    this.current = Number.NaN;
  }

  private apply(value: number): number {
    const period = this.period;
    const before = this.stateBefore;
    if (this.inputs > period) {
      this.state = this.wilder
        ? (before * (period - 1) + value) / period
        : before + this.rate * (value - before);
    } else {
      this.state = before + value;
      if (this.inputs < this.period) return this.current;
      this.state /= period;
    }
    this.current = this.state;
    return this.current;
  }
}
