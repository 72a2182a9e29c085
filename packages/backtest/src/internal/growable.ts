// A growable Float64Array (amortised O(1) push) for per-bar curves.
export class GrowableF64 {
  private buf: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.buf = new Float64Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.buf.length) {
      const b = new Float64Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf[this.length++] = v;
  }
  /**
   * The values as a right-sized array: the buffer itself when it is exactly full (no copy — a later
   * push moves to a new buffer, so the returned array never changes), else a copy.
   */
  toArray(): Float64Array {
    return this.length === this.buf.length ? this.buf : this.buf.slice(0, this.length);
  }
}
