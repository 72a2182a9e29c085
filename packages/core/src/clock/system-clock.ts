// SystemClock: the live clock, the only place Quiver reads wall-clock time.
import type { Clock, TimerHandle } from "../ports/clock.js";

/**
 * Wall-clock time for live and paper trading. `now()` is monotonic non-decreasing even if the
 * system clock steps back.
 */
export class SystemClock implements Clock {
  private last = 0;
  private nextId = 1;
  private readonly handles = new Map<number, ReturnType<typeof setTimeout>>();

  now(): number {
    const t = Date.now();
    if (t > this.last) this.last = t;
    return this.last;
  }

  setTimer(atMs: number, fn: () => void): TimerHandle {
    const id = this.nextId++;
    const delay = Math.max(0, atMs - this.now());
    const h = setTimeout(() => {
      this.handles.delete(id);
      fn();
    }, delay);
    if (typeof h === "object" && h !== null && "unref" in h) (h as { unref(): void }).unref();
    this.handles.set(id, h);
    return { id };
  }

  clearTimer(handle: TimerHandle): void {
    const h = this.handles.get(handle.id);
    if (h !== undefined) clearTimeout(h);
    this.handles.delete(handle.id);
  }
}
