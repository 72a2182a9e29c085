// Fixed-capacity circular buffer of numbers on a Float64Array: the window storage behind the indicators.

/**
 * A fixed-capacity FIFO window of numbers. `push` is O(1) and never allocates; once full, each push
 * overwrites the oldest value and hands it back so callers can maintain running sums.
 *
 * Internal: not re-exported from the package entry point.
 *
 * @example
 * const ring = new RingBuffer(3);
 * ring.push(1); ring.push(2); ring.push(3);
 * ring.push(4); // returns 1 (evicted)
 * ring.at(0); // 2 (oldest first)
 */
export class RingBuffer {
  readonly capacity: number;
  private readonly data: Float64Array;
  /** Physical index of the oldest value. */
  private head = 0;
  private size = 0;

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`RingBuffer: capacity must be an integer >= 1, got ${String(capacity)}`);
    }
    this.capacity = capacity;
    this.data = new Float64Array(capacity);
  }

  /** Number of values held (at most `capacity`). */
  get length(): number {
    return this.size;
  }

  get isFull(): boolean {
    return this.size === this.capacity;
  }

  /**
   * Appends `value`. When the buffer was full, the oldest value is overwritten and returned;
   * otherwise returns `NaN` (callers only push finite numbers, so `NaN` is unambiguous).
   */
  push(value: number): number {
    const capacity = this.capacity;
    if (this.size < capacity) {
      let index = this.head + this.size;
      if (index >= capacity) index -= capacity;
      this.data[index] = value;
      this.size++;
      return Number.NaN;
    }
    const head = this.head;
    const evicted = this.data[head]!;
    this.data[head] = value;
    this.head = head + 1 === capacity ? 0 : head + 1;
    return evicted;
  }

  /** Overwrites the newest value and returns the one it replaced. The buffer must not be empty. */
  replaceLast(value: number): number {
    const index = this.physical(this.size - 1);
    const previous = this.data[index]!;
    this.data[index] = value;
    return previous;
  }

  /** The value at logical position `index`, 0 being the oldest. Unchecked: `0 <= index < length`. */
  at(index: number): number {
    return this.data[this.physical(index)]!;
  }

  /** The newest value (`NaN` when empty). */
  get last(): number {
    return this.size === 0 ? Number.NaN : this.data[this.physical(this.size - 1)]!;
  }

  /** The oldest value (`NaN` when empty). */
  get oldest(): number {
    return this.size === 0 ? Number.NaN : this.data[this.head]!;
  }

  /** Sum of the held values, computed afresh (O(length)). Used to resynchronise running sums. */
  sum(): number {
    let total = 0;
    for (let i = 0; i < this.size; i++) total += this.data[this.physical(i)]!;
    return total;
  }

  /** `Σ (i + 1) · value[i]` with `i = 0` the oldest, computed afresh (O(length)). */
  weightedSum(): number {
    let total = 0;
    for (let i = 0; i < this.size; i++) total += (i + 1) * this.data[this.physical(i)]!;
    return total;
  }

  /** Empties the buffer without reallocating. */
  clear(): void {
    this.head = 0;
    this.size = 0;
  }

  private physical(logical: number): number {
    const index = this.head + logical;
    return index >= this.capacity ? index - this.capacity : index;
  }
}
