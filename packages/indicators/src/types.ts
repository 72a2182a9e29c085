// The shapes every streaming indicator shares: single-value inputs and high/low/close bar inputs.

/**
 * State every indicator exposes. Reading any of these never allocates.
 *
 * Convention: `value` (and what `update`/`replace` return) is `NaN` until `isReady`, i.e. until
 * `count >= warmupPeriod`; after that it is a number (finite for any
 * realistically scaled input; e.g. a ratio against a denormal can still overflow).
 *
 * @example
 * const sma = new SMA(3);
 * sma.update(1); // NaN; sma.isReady === false, sma.count === 1, sma.warmupPeriod === 3
 */
export interface IndicatorState {
  /** Inputs needed before the first value (`isReady` turns true on that input). */
  readonly warmupPeriod: number;
  /** Inputs accepted by `update()` since construction or `reset()`; `replace()` does not count. */
  readonly count: number;
  /** `true` once `count >= warmupPeriod`. */
  readonly isReady: boolean;
  /** Latest value; `NaN` until ready. */
  readonly value: number;
  /** Forgets all inputs, keeping parameters and storage. */
  reset(): void;
}

/**
 * An indicator fed one number per bar (usually the close).
 *
 * `update(x)` appends a new bar; `replace(x)` changes the most recent bar instead (the still-open
 * bar), so `update(a); replace(b)` leaves exactly the state `update(b)` would have.
 *
 * @example
 * const ema = new EMA(10);
 * for (const close of closes) ema.update(close);
 */
export interface ValueIndicator extends IndicatorState {
  /** Appends one input and returns the new `value`. Throws `TypeError` for a non-finite input. */
  update(value: number): number;
  /** Replaces the most recent input and returns the new `value`. Throws if nothing was updated yet. */
  replace(value: number): number;
}

/**
 * An indicator fed one high/low/close bar at a time (ATR, Stochastic).
 *
 * @example
 * const atr = new ATR(14);
 * atr.update(10.5, 9.8, 10.1);
 */
export interface BarIndicator extends IndicatorState {
  /** Appends one bar and returns the new `value`. Throws for non-finite fields or `low > high`, etc. */
  update(high: number, low: number, close: number): number;
  /** Replaces the most recent bar and returns the new `value`. Throws if nothing was updated yet. */
  replace(high: number, low: number, close: number): number;
}
