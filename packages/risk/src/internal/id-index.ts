// Lookup of per-book aggregates by id: a linear scan while small, a Map once it grows.

/** Above this many entries a Map takes over the lookups. */
const SCAN_MAX = 16;

/**
 * Entries by `id`, in insertion order. A book is rebuilt for every context, and a runner's book
 * usually holds a handful of instruments and strategies: comparing a few ids beats hashing into a
 * Map that must be allocated and grown on every build. Big books get a Map index as before.
 */
export class IdIndex<T extends { readonly id: string }> {
  /** Entries in insertion order (iterate this; never push to it directly). */
  readonly list: T[] = [];
  private map: Map<string, T> | null = null;

  get size(): number {
    return this.list.length;
  }

  /** The entry with this id, if any. */
  get(id: string): T | undefined {
    if (this.map !== null) return this.map.get(id);
    const list = this.list;
    for (let i = 0; i < list.length; i++) {
      const v = list[i] as T;
      if (v.id === id) return v;
    }
    return undefined;
  }

  /** Adds an entry whose id is not present yet. */
  add(v: T): void {
    this.list.push(v);
    if (this.map !== null) this.map.set(v.id, v);
    else if (this.list.length > SCAN_MAX) {
      const map = new Map<string, T>();
      for (const x of this.list) map.set(x.id, x);
      this.map = map;
    }
  }
}
