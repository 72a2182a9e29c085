// ExecutionLock port: serializes order submission across strategies and processes (seed 001).
import type { MaybePromise } from "./broker.js";

/** A held lock. */
export interface LockLease {
  readonly holder: string;
  readonly token: string;
  readonly acquiredAt: number;
  readonly expiresAt: number;
}

/** Options of {@link ExecutionLock.acquire}. */
export interface AcquireOptions {
  /** How long to wait for a live holder before giving up (seed 001: 30 s). */
  waitMs: number;
  /** Lease length; an expired lease may be taken over (seed 001: 4 min). */
  ttlMs: number;
}

/**
 * One execution lock. Contract:
 * - `acquire` resolves to a lease when the lock is free, expired (stale takeover: the previous
 *   holder crashed), or released within `waitMs`; otherwise it throws LockTimeoutError.
 * - `release` is idempotent and only releases the lease given (a lease taken over by someone else
 *   is not released by its former holder).
 * - `current()` tells who holds it, or null.
 */
export interface ExecutionLock {
  acquire(holder: string, options: AcquireOptions): MaybePromise<LockLease>;
  release(lease: LockLease): MaybePromise<void>;
  current(): MaybePromise<LockLease | null>;
}
