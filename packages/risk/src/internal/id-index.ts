// Lookup of per-book aggregates by id: a linear scan while small, a Map once it grows; entries reusable across books.

/** Above this many entries a Map takes over the lookups. */
const SCAN_MAX = 16;

/**
 * Entries by `id`, in insertion order. A book is rebuilt for every context, and a runner's book
 * usually holds a handful of instruments and strategies: comparing a few ids beats hashing into a
 * Map that must be allocated and grown on every build. Big books get a Map index as before.
 *
 * The index is reused from one book to the next ({@link clear}): the entry objects of the previous
 * book stay behind as spares ({@link spare}) for the caller to reinitialize and add again, so a
 * book of the usual shape allocates no aggregates at all.
 */
export class IdIndex<T extends { readonly id: string }> {
  /** Entries `items[0..size)` in insertion order; the ones beyond are spares. */
  private readonly items: T[] = [];
  private count = 0;
  private map: Map<string, T> | null = null;

  /** Number of entries. */
  get size(): number {
    return this.count;
  }

  /** Entry `k` (0 ≤ k < size), in insertion order. */
  at(k: number): T {
    return this.items[k] as T;
  }

  /** The entry with this id, if any. */
  get(id: string): T | undefined {
    if (this.map !== null) return this.map.get(id);
    const items = this.items;
    for (let i = 0; i < this.count; i++) {
      const v = items[i] as T;
      if (v.id === id) return v;
    }
    return undefined;
  }

  /**
   * The entry object that stood at the next position before the last {@link clear}, if any: the
   * caller reinitializes every field of it and passes it to {@link add}.
   */
  spare(): T | undefined {
    return this.count < this.items.length ? this.items[this.count] : undefined;
  }

  /** Adds an entry whose id is not present yet (a fresh object, or the current {@link spare}). */
  add(v: T): void {
    const n = this.count;
    if (n < this.items.length) this.items[n] = v;
    else this.items.push(v);
    this.count = n + 1;
    if (this.map !== null) this.map.set(v.id, v);
    else if (this.count > SCAN_MAX) {
      const map = new Map<string, T>();
      for (let i = 0; i < this.count; i++) {
        const x = this.items[i] as T;
        map.set(x.id, x);
      }
      this.map = map;
    }
  }

  /** Empties the index; its entry objects become spares. */
  clear(): void {
    this.count = 0;
    this.map = null;
  }
}
