// A fixed-capacity ring buffer: O(1) push, oldest dropped first, copies out oldest → newest.

/** A bounded FIFO that overwrites its oldest item when full. */
export class Ring<T> {
  private readonly items: Array<T | undefined>;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    const cap = this.capacity;
    if (this.count < cap) {
      this.items[(this.start + this.count) % cap] = item;
      this.count++;
    } else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % cap;
    }
  }

  /** The newest item, if any. */
  last(): T | undefined {
    return this.count === 0 ? undefined : this.items[(this.start + this.count - 1) % this.capacity];
  }

  /** The item `k` places before the newest (0 = newest), or undefined. */
  fromNewest(k: number): T | undefined {
    if (k < 0 || k >= this.count) return undefined;
    return this.items[(this.start + this.count - 1 - k) % this.capacity];
  }

  /** The last `limit` items (all by default), oldest first, as a new array. */
  toArray(limit = this.count): T[] {
    const n = Math.max(0, Math.min(limit, this.count));
    const out = new Array<T>(n);
    const first = this.start + this.count - n;
    for (let i = 0; i < n; i++) out[i] = this.items[(first + i) % this.capacity] as T;
    return out;
  }

  /** Items matching `keep`, oldest first. */
  filter(keep: (item: T) => boolean): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) {
      const item = this.items[(this.start + i) % this.capacity] as T;
      if (keep(item)) out.push(item);
    }
    return out;
  }

  /** A ring of another capacity with the newest items of this one. */
  resized(capacity: number): Ring<T> {
    const r = new Ring<T>(capacity);
    for (const item of this.toArray(capacity)) r.push(item);
    return r;
  }
}
