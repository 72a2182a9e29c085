// Clock port: the only source of time. Backtests use a virtual clock, live trading the system clock.
/** Handle of a scheduled timer. */
export interface TimerHandle {
  readonly id: number;
}

/**
 * The only source of "now". Contract:
 * - `now()` never goes backwards.
 * - `setTimer(atMs, fn)` runs `fn` once at or after `atMs` (immediately-due timers run on the
 *   next tick/advance, never synchronously inside `setTimer`). Timers due at the same instant run
 *   in the order they were set.
 * - `clearTimer` is idempotent.
 */
export interface Clock {
  now(): number;
  setTimer(atMs: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}
