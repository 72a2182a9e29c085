// BarsView: the `ctx.bars` map, cheap to refill for every call (no Map clear/rehash on the hot path).
import type { Bar } from "@quiver/core";

/**
 * A ReadonlyMap of the bars that triggered a call. The event path sets exactly one bar with
 * `setOne` (two field writes, no allocation); the cycle path adds several. Reading methods follow
 * the Map contract.
 */
export class BarsView implements ReadonlyMap<string, Bar> {
  private keys_: string[] = [];
  private vals: Bar[] = [];
  private n = 0;

  /** Replaces the content by one bar. */
  setOne(bar: Bar): void {
    this.keys_[0] = bar.instrumentId;
    this.vals[0] = bar;
    this.n = 1;
    if (this.keys_.length > 1) {
      this.keys_.length = 1;
      this.vals.length = 1;
    }
  }

  clear(): void {
    this.n = 0;
    this.keys_.length = 0;
    this.vals.length = 0;
  }

  /** Adds or replaces one bar. */
  set(instrumentId: string, bar: Bar): void {
    const i = this.indexOf(instrumentId);
    if (i >= 0) {
      this.vals[i] = bar;
      return;
    }
    this.keys_[this.n] = instrumentId;
    this.vals[this.n] = bar;
    this.n++;
  }

  get size(): number {
    return this.n;
  }

  get(key: string): Bar | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.vals[i];
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  forEach(fn: (value: Bar, key: string, map: ReadonlyMap<string, Bar>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.n; i++) fn.call(thisArg, this.vals[i] as Bar, this.keys_[i] as string, this);
  }

  keys(): MapIterator<string> {
    // Like `values()`: the array holds exactly `n` ids, and the runner refills it only between calls.
    return this.keys_[Symbol.iterator]() as MapIterator<string>;
  }

  values(): MapIterator<Bar> {
    // The arrays hold exactly `n` items (setOne/clear keep them trimmed), so no copy is needed.
    return this.vals[Symbol.iterator]() as MapIterator<Bar>;
  }

  entries(): MapIterator<[string, Bar]> {
    const out: Array<[string, Bar]> = [];
    for (let i = 0; i < this.n; i++) out.push([this.keys_[i] as string, this.vals[i] as Bar]);
    return out[Symbol.iterator]() as MapIterator<[string, Bar]>;
  }

  [Symbol.iterator](): MapIterator<[string, Bar]> {
    return this.entries();
  }

  private indexOf(key: string): number {
    for (let i = 0; i < this.n; i++) if (this.keys_[i] === key) return i;
    return -1;
  }
}
