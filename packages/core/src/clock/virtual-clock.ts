// VirtualClock: deterministic time for backtests and tests; timers fire only when time is advanced.
import { ValidationError } from "../errors.js";
import type { Clock, TimerHandle } from "../ports/clock.js";

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

/**
 * A clock that moves only when told to. Timers run in (time, creation) order during
 * `advanceTo`/`advanceBy`, with `now()` equal to each timer's due time while it runs.
 *
 * @example
 * const clock = new VirtualClock(Date.UTC(2024, 0, 1));
 * clock.setTimer(clock.now() + 1000, () => console.log("tick"));
 * clock.advanceBy(1000); // prints "tick"
 */
export class VirtualClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(startMs = 0) {
    if (!Number.isFinite(startMs))
      throw new ValidationError("clock", [{ path: "startMs", message: "must be finite" }]);
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(atMs: number, fn: () => void): TimerHandle {
    if (Number.isNaN(atMs))
      throw new ValidationError("clock", [{ path: "atMs", message: "must be a number" }]);
    const timer: Timer = { id: this.nextId++, at: Math.max(atMs, this.current), fn };
    // Insert keeping (at, id) order; timers are few, so a linear insert is fine.
    let i = this.timers.length;
    while (i > 0 && (this.timers[i - 1] as Timer).at > timer.at) i--;
    this.timers.splice(i, 0, timer);
    return { id: timer.id };
  }

  clearTimer(handle: TimerHandle): void {
    const i = this.timers.findIndex((t) => t.id === handle.id);
    if (i >= 0) this.timers.splice(i, 1);
  }

  /** Number of timers still scheduled. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward to `targetMs`, running every timer due on the way. Never moves back. */
  advanceTo(targetMs: number): void {
    if (!Number.isFinite(targetMs))
      throw new ValidationError("clock", [{ path: "targetMs", message: `must be finite, got ${targetMs}` }]);
    if (targetMs < this.current) {
      throw new ValidationError("clock", [
        { path: "targetMs", message: `cannot move back from ${this.current} to ${targetMs}` },
      ]);
    }
    for (;;) {
      const next = this.timers[0];
      if (!next || next.at > targetMs) break;
      this.timers.shift();
      this.current = next.at;
      next.fn();
    }
    this.current = targetMs;
  }

  /** Moves time forward by `ms`. */
  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Sets the time without running timers (only forward); for feeding bar times in a hot loop. */
  set(ms: number): void {
    if (!Number.isFinite(ms)) throw new ValidationError("clock", [{ path: "ms", message: "must be finite" }]);
    if (ms < this.current) throw new ValidationError("clock", [{ path: "ms", message: "cannot move back" }]);
    this.current = ms;
  }
}
