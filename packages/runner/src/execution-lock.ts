// InMemoryExecutionLock: the in-process ExecutionLock (wait, lease expiry, stale-lock takeover) on the Clock's timers.
import {
  type AcquireOptions,
  type Clock,
  type ExecutionLock,
  LockTimeoutError,
  type LockLease,
  type MaybePromise,
  type TimerHandle,
  ValidationError,
} from "@quiver/core";

interface Waiter {
  holder: string;
  ttlMs: number;
  resolve: (lease: LockLease) => void;
  reject: (error: Error) => void;
  deadline: TimerHandle;
}

/**
 * One execution lock shared by every strategy of a process (seed 001 "Execution Lock"):
 * - `acquire` returns the lease synchronously when the lock is free or its lease expired (the
 *   previous holder crashed: stale-lock takeover); otherwise it returns a Promise that resolves
 *   when the holder releases, or when the lease expires, whichever comes first, in FIFO order, or
 *   rejects with `LockTimeoutError` after `waitMs`. Expiry and waiting use the Clock's timers, so
 *   it behaves the same with a VirtualClock.
 * - `release` is idempotent and ignores a lease that was taken over by someone else.
 *
 * @example
 * const lock = new InMemoryExecutionLock(clock);
 * const lease = await lock.acquire("omr", { waitMs: 30_000, ttlMs: 240_000 });
 * try { … } finally { lock.release(lease); }
 */
export class InMemoryExecutionLock implements ExecutionLock {
  private lease: LockLease | null = null;
  private readonly waiters: Waiter[] = [];
  private expiryTimer: TimerHandle | null = null;
  private seq = 0;
  /** Leases taken over from an expired holder, for monitoring. */
  takeovers = 0;

  constructor(private readonly clock: Clock) {}

  acquire(holder: string, options: AcquireOptions): MaybePromise<LockLease> {
    if (!holder)
      throw new ValidationError("lock acquire", [{ path: "holder", message: "must not be empty" }]);
    if (!(options.ttlMs > 0) || !(options.waitMs >= 0))
      throw new ValidationError("lock acquire", [
        { path: "options", message: "ttlMs > 0 and waitMs ≥ 0 required" },
      ]);
    const now = this.clock.now();
    if (this.waiters.length === 0 && (this.lease === null || this.lease.expiresAt <= now))
      return this.grant(holder, options.ttlMs, now);
    if (options.waitMs === 0) throw this.timeoutError(holder, 0);
    return new Promise<LockLease>((resolve, reject) => {
      const waiter: Waiter = {
        holder,
        ttlMs: options.ttlMs,
        resolve,
        reject,
        deadline: this.clock.setTimer(now + options.waitMs, () => {
          // A lease expiring exactly at the deadline may still be taken over.
          this.pump();
          const i = this.waiters.indexOf(waiter);
          if (i < 0) return;
          this.waiters.splice(i, 1);
          reject(this.timeoutError(holder, options.waitMs));
        }),
      };
      this.waiters.push(waiter);
      this.armExpiry();
    });
  }

  release(lease: LockLease): void {
    if (this.lease === null || this.lease.token !== lease.token) return;
    this.lease = null;
    this.pump();
  }

  current(): LockLease | null {
    if (this.lease !== null && this.lease.expiresAt <= this.clock.now()) return null;
    return this.lease;
  }

  private grant(holder: string, ttlMs: number, now: number): LockLease {
    if (this.lease !== null) this.takeovers++;
    const lease: LockLease = {
      holder,
      token: `${holder}#${++this.seq}`,
      acquiredAt: now,
      expiresAt: now + ttlMs,
    };
    this.lease = lease;
    return lease;
  }

  /** Hands the lock to the first waiter when it is free or expired. */
  private pump(): void {
    const now = this.clock.now();
    if (this.lease !== null && this.lease.expiresAt > now) {
      this.armExpiry();
      return;
    }
    const next = this.waiters.shift();
    if (!next) return;
    this.clock.clearTimer(next.deadline);
    next.resolve(this.grant(next.holder, next.ttlMs, now));
    if (this.waiters.length > 0) this.armExpiry();
  }

  /** A timer at the current lease's expiry, so waiters can take a crashed holder's lock over. */
  private armExpiry(): void {
    if (this.expiryTimer !== null) this.clock.clearTimer(this.expiryTimer);
    this.expiryTimer = null;
    if (this.lease === null || this.waiters.length === 0) return;
    this.expiryTimer = this.clock.setTimer(this.lease.expiresAt, () => {
      this.expiryTimer = null;
      this.pump();
    });
  }

  private timeoutError(holder: string, waitMs: number): LockTimeoutError {
    return new LockTimeoutError(
      `Execution lock held by "${this.lease?.holder ?? "?"}"; "${holder}" gave up after ${waitMs} ms`,
      { details: { holder, heldBy: this.lease?.holder ?? null, waitMs } },
    );
  }
}
