// An ExecutionLock decorator that records who held the one lock and when (to print seed 001's lock sequence).
import type { AcquireOptions, ExecutionLock, LockLease, MaybePromise } from "@quiver/core";

/** One lock event. */
export interface LockEvent {
  at: number;
  holder: string;
  action: "acquire" | "release";
}

function isPromiseLike<T>(x: MaybePromise<T>): x is Promise<T> {
  return x !== null && typeof x === "object" && typeof (x as { then?: unknown }).then === "function";
}

/**
 * Wraps the runner's ExecutionLock without changing its behaviour; `events` lists every grant and
 * release in order, stamped with `now()` (the run's clock).
 */
export class RecordingLock implements ExecutionLock {
  readonly events: LockEvent[] = [];

  constructor(
    private readonly inner: ExecutionLock,
    private readonly now: () => number,
  ) {}

  acquire(holder: string, options: AcquireOptions): MaybePromise<LockLease> {
    const r = this.inner.acquire(holder, options);
    const record = (lease: LockLease) => {
      this.events.push({ at: this.now(), holder: lease.holder, action: "acquire" });
      return lease;
    };
    return isPromiseLike(r) ? r.then(record) : record(r);
  }

  release(lease: LockLease): MaybePromise<void> {
    this.events.push({ at: this.now(), holder: lease.holder, action: "release" });
    return this.inner.release(lease);
  }

  current(): MaybePromise<LockLease | null> {
    return this.inner.current();
  }
}
