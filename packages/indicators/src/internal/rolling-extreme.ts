// Shared engine of Highest and Lowest: the extreme of the last `period` inputs over a monotonic deque.
import type { ValueIndicator } from "../types.js";
import { MonotonicDeque } from "./monotonic-deque.js";
import { checkPeriod, rejectInput, rejectReplace } from "./validate.js";

/**
 * Rolling maximum (`direction = 1`) or minimum (`direction = -1`) of the last `period` inputs.
 * Amortised O(1) per `update`, O(log period) per `replace`, no allocation, exact (comparisons only).
 * The direction is fixed per instance inside the deque, so the hot path has no comparator call.
 *
 * Internal: not re-exported from the package entry point; `Highest` and `Lowest` extend it.
 */
export abstract class RollingExtreme implements ValueIndicator {
  readonly period: number;
  readonly warmupPeriod: number;
  private readonly owner: string;
  private readonly updateOwner: string;
  private readonly replaceOwner: string;
  private readonly deque: MonotonicDeque;
  private current = Number.NaN;

  /** @param owner class name used in error messages. */
  protected constructor(owner: string, period: number, direction: 1 | -1) {
    this.period = checkPeriod(owner, "period", period);
    this.warmupPeriod = this.period;
    this.owner = owner;
    this.updateOwner = `${owner}.update`;
    this.replaceOwner = `${owner}.replace`;
    this.deque = new MonotonicDeque(this.period, direction);
  }

  /** Inputs seen since construction or `reset`. */
  get count(): number {
    return this.deque.count;
  }

  /** `true` once `period` inputs have been seen. */
  get isReady(): boolean {
    return this.deque.count >= this.period;
  }

  /** Latest value; `NaN` until ready. */
  get value(): number {
    return this.current;
  }

  /** Adds a new input and returns the new extreme (`NaN` during warm-up). */
  update(value: number): number {
    if (!Number.isFinite(value)) rejectInput(this.updateOwner, "value", value);
    this.deque.push(value);
    if (this.deque.count >= this.period) this.current = this.deque.front;
    return this.current;
  }

  /** Replaces the newest input (the still-open bar changed) and returns the recomputed extreme. */
  replace(value: number): number {
    if (this.deque.count === 0) rejectReplace(this.owner);
    if (!Number.isFinite(value)) rejectInput(this.replaceOwner, "value", value);
    this.deque.replaceLast(value);
    if (this.deque.count >= this.period) this.current = this.deque.front;
    return this.current;
  }

  /** Forgets all inputs. */
  reset(): void {
    this.deque.clear();
    this.current = Number.NaN;
  }
}
