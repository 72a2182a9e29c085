// Shared engine of Momentum and ROC: the newest input against the one `period` inputs back.
import type { ValueIndicator } from "../types.js";
import { RingBuffer } from "./ring-buffer.js";
import { checkPeriod, rejectInput, rejectReplace } from "./validate.js";

/**
 * Keeps the last `period + 1` inputs in a ring buffer and, once `period + 1` inputs have been seen,
 * outputs the subclass's {@link LookbackWindow.compare} of the newest input with the one `period`
 * inputs back. No allocation per update.
 *
 * Internal: not re-exported from the package entry point; `Momentum` and `ROC` extend it.
 */
export abstract class LookbackWindow implements ValueIndicator {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly owner: string;
  private readonly updateOwner: string;
  private readonly replaceOwner: string;
  private readonly window: RingBuffer;
  private inputs = 0;
  private current = Number.NaN;

  /** @param owner class name used in error messages. */
  protected constructor(owner: string, period: number) {
    this.period = checkPeriod(owner, "period", period);
    this.warmupPeriod = this.period + 1;
    this.owner = owner;
    this.updateOwner = `${owner}.update`;
    this.replaceOwner = `${owner}.replace`;
    this.window = new RingBuffer(this.period + 1);
  }

  /** Inputs seen since construction or `reset`. */
  get count(): number {
    return this.inputs;
  }

  /** `true` once `period + 1` inputs have been seen. */
  get isReady(): boolean {
    return this.inputs > this.period;
  }

  /** Latest value; `NaN` until ready. */
  get value(): number {
    return this.current;
  }

  /** Adds a new input and returns the new value (`NaN` during warm-up). */
  update(value: number): number {
    if (!Number.isFinite(value)) rejectInput(this.updateOwner, "value", value);
    this.window.push(value);
    this.inputs++;
    if (this.inputs > this.period) this.current = this.compare(value, this.window.oldest);
    return this.current;
  }

  /** Replaces the newest input (the still-open bar changed) and returns the recomputed value. */
  replace(value: number): number {
    if (this.inputs === 0) rejectReplace(this.owner);
    if (!Number.isFinite(value)) rejectInput(this.replaceOwner, "value", value);
    this.window.replaceLast(value);
    if (this.inputs > this.period) this.current = this.compare(value, this.window.oldest);
    return this.current;
  }

  /** Forgets all inputs. */
  reset(): void {
    this.window.clear();
    this.inputs = 0;
    this.current = Number.NaN;
  }

  /** The output from the newest input and the input `period` bars before it. */
  protected abstract compare(value: number, reference: number): number;
}
