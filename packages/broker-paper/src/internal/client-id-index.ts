// Client order id → order number: an open-addressing table of int32 (hash, number) pairs over the order list.

/**
 * FNV-1a over the UTF-16 code units of `s`, never 0 (0 marks an empty slot's hash in
 * {@link ClientIdIndex}; any fixed non-zero substitute works, equal strings still hash equal).
 */
function hashOf(s: string): number {
  let h = 0x811c9dc5 | 0; // (int32 from the start: the table stores int32, and "" has no step)
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h === 0 ? 1 : h;
}

/**
 * The client-id index of a book: which order (its 0-based number in the order list) has a client
 * order id. The ids themselves are not stored — `idAt(n)` reads them from the orders — so the table
 * is two int32 per slot in one typed array: nothing for the garbage collector to trace (a `Map` of
 * every id ever placed is a large hash table of pointers that every major GC marks and every insert
 * writes a young pointer into), and a lookup compares stored hashes before it reads any order (a
 * miss in a `Map` of tens of thousands of ids costs several cache misses per placeOrder).
 * Linear probing; the table doubles when half full. Ids are never removed.
 */
export class ClientIdIndex {
  /** [hash, number + 1] per slot; number + 1 = 0 marks an empty slot. */
  private table = new Int32Array(2 * 64);
  private mask = 63;
  private count = 0;

  /** @param idAt the client order id of order number `n` (only asked for numbers added here). */
  constructor(private readonly idAt: (n: number) => string) {}

  get size(): number {
    return this.count;
  }

  /** The number of the order with this client order id, or −1. */
  get(id: unknown): number {
    if (typeof id !== "string") return -1;
    const h = hashOf(id);
    const t = this.table;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = t[2 * i + 1] as number;
      if (v === 0) return -1;
      if (t[2 * i] === h && this.idAt(v - 1) === id) return v - 1;
    }
  }

  /** Records order number `n` under `id`, which must not be in the index yet. */
  add(id: string, n: number): void {
    if (2 * (this.count + 1) > this.mask + 1) this.grow();
    this.put(hashOf(id), n + 1);
    this.count++;
  }

  private put(h: number, v: number): void {
    const t = this.table;
    const mask = this.mask;
    let i = h & mask;
    while (t[2 * i + 1] !== 0) i = (i + 1) & mask;
    t[2 * i] = h;
    t[2 * i + 1] = v;
  }

  private grow(): void {
    const old = this.table;
    const slots = 2 * (this.mask + 1);
    this.table = new Int32Array(2 * slots);
    this.mask = slots - 1;
    for (let i = 0; i < old.length; i += 2) {
      const v = old[i + 1] as number;
      if (v !== 0) this.put(old[i] as number, v);
    }
  }
}
