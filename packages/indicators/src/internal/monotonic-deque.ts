// Sliding-window maximum via a monotonic deque, with an O(log n) undo-and-redo of the newest value.

/**
 * Tracks the maximum of the last `window` pushed values in amortised O(1) per push, without allocating.
 * Sliding minimum is the maximum of negated values, so one implementation serves both (`sign = -1`).
 *
 * The deque holds candidates (values that may still become the maximum) in decreasing order,
 * front = current maximum. A push pops smaller-or-equal candidates from the back. Popped slots are not
 * cleared, so the newest push can be undone exactly by remembering the one slot it overwrote; that is
 * what makes `replaceLast` (the still-open bar changing) possible without keeping the whole window.
 *
 * Internal: not re-exported from the package entry point.
 *
 * @example
 * const max = new MonotonicDeque(3, 1);
 * max.push(5); max.push(1); max.push(2); // max.front === 5
 * max.push(0); // 5 left the window: max.front === 2
 * max.replaceLast(9); // max.front === 9
 */
export class MonotonicDeque {
  readonly window: number;
  private readonly sign: 1 | -1;
  /** Candidate values (already multiplied by `sign`). */
  private readonly values: Float64Array;
  /** Sequence number (1-based push count) of each candidate; Float64 stays exact to 2^53 pushes. */
  private readonly seqs: Float64Array;
  private head = 0;
  private size = 0;
  private pushes = 0;
  // Undo record for the newest push.
  private sizeBeforeLastPush = 0;
  private lastSlot = 0;
  private overwrittenValue = 0;
  private overwrittenSeq = 0;

  constructor(window: number, sign: 1 | -1) {
    this.window = window;
    this.sign = sign;
    // Before a push at most window - 1 candidates survive expiry, so `window` slots suffice.
    this.values = new Float64Array(window);
    this.seqs = new Float64Array(window);
  }

  /** The maximum (or minimum, for `sign = -1`) of the window; `NaN` when empty. */
  get front(): number {
    return this.size === 0 ? Number.NaN : this.sign * this.values[this.head]!;
  }

  /** Number of values pushed since construction or `clear()`. */
  get count(): number {
    return this.pushes;
  }

  /** Appends a value; the oldest leaves the window once more than `window` values were pushed. */
  push(value: number): void {
    const seq = ++this.pushes;
    if (this.size > 0 && this.seqs[this.head]! <= seq - this.window) {
      this.head = this.head + 1 === this.window ? 0 : this.head + 1;
      this.size--;
    }
    const signed = this.sign * value;
    // Linear scan from the back: amortised O(1) because each value is popped at most once.
    let size = this.size;
    while (size > 0 && this.values[this.slot(size - 1)]! <= signed) size--;
    this.insert(size, signed, seq);
  }

  /** Replaces the newest value (the still-open bar). Requires at least one push. O(log window). */
  replaceLast(value: number): void {
    // Undo the newest push: restore the overwritten slot and the size it saw after expiry.
    this.values[this.lastSlot] = this.overwrittenValue;
    this.seqs[this.lastSlot] = this.overwrittenSeq;
    this.size = this.sizeBeforeLastPush;
    // Redo with the new value. Binary search rather than a scan: repeated replaces of the same bar
    // could otherwise cost O(window) each.
    const signed = this.sign * value;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.values[this.slot(mid)]! <= signed) hi = mid;
      else lo = mid + 1;
    }
    this.insert(lo, signed, this.pushes);
  }

  /** Empties the deque without reallocating. */
  clear(): void {
    this.head = 0;
    this.size = 0;
    this.pushes = 0;
    this.sizeBeforeLastPush = 0;
  }

  /** Truncates to `keep` candidates and appends (`signed`, `seq`), recording how to undo it. */
  private insert(keep: number, signed: number, seq: number): void {
    const slot = this.slot(keep);
    this.sizeBeforeLastPush = this.size;
    this.lastSlot = slot;
    this.overwrittenValue = this.values[slot]!;
    this.overwrittenSeq = this.seqs[slot]!;
    this.values[slot] = signed;
    this.seqs[slot] = seq;
    this.size = keep + 1;
  }

  private slot(logical: number): number {
    const index = this.head + logical;
    return index >= this.window ? index - this.window : index;
  }
}
