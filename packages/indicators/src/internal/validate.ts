// Argument checks shared by the indicators: clear errors that name the parameter and the bad value.

/** Renders a rejected value for an error message without throwing on exotic inputs. */
export function describe(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || value === undefined) return String(value);
  return typeof value;
}

/**
 * Checks a window length: an integer `>= min`.
 *
 * @throws {TypeError} when `value` is not a number.
 * @throws {RangeError} when it is not an integer `>= min`.
 */
export function checkPeriod(owner: string, name: string, value: unknown, min = 1): number {
  if (typeof value !== "number") {
    throw new TypeError(`${owner}: ${name} must be a number, got ${describe(value)}`);
  }
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${owner}: ${name} must be an integer >= ${min}, got ${describe(value)}`);
  }
  return value;
}

/**
 * Checks a strictly positive finite parameter (e.g. a band multiplier).
 *
 * @throws {TypeError} when `value` is not a number.
 * @throws {RangeError} when it is not finite and `> 0`.
 */
export function checkPositive(owner: string, name: string, value: unknown): number {
  if (typeof value !== "number") {
    throw new TypeError(`${owner}: ${name} must be a number, got ${describe(value)}`);
  }
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${owner}: ${name} must be a finite number > 0, got ${describe(value)}`);
  }
  return value;
}

/**
 * Thrown from the hot path when an input is `NaN`, `±Infinity` or not a number at all. Callers test
 * `Number.isFinite` inline and only call this on failure, so the message is built off the hot path.
 */
export function rejectInput(owner: string, name: string, value: unknown): never {
  throw new TypeError(`${owner}: ${name} must be a finite number, got ${describe(value)}`);
}

/** Thrown by `replace()` before any `update()`: there is no open bar to replace. */
export function rejectReplace(owner: string): never {
  throw new Error(`${owner}.replace: nothing to replace; call update() first`);
}

/**
 * Checks one high/low/close bar: all finite, `low <= close <= high`.
 *
 * @throws {TypeError} for a non-finite field.
 * @throws {RangeError} for an inconsistent bar.
 */
export function checkBar(owner: string, high: number, low: number, close: number): void {
  if (!Number.isFinite(high)) rejectInput(owner, "high", high);
  if (!Number.isFinite(low)) rejectInput(owner, "low", low);
  if (!Number.isFinite(close)) rejectInput(owner, "close", close);
  if (low > high) {
    throw new RangeError(`${owner}: low (${describe(low)}) must be <= high (${describe(high)})`);
  }
  if (close < low || close > high) {
    throw new RangeError(
      `${owner}: close (${describe(close)}) must be within [low, high] = [${describe(low)}, ${describe(high)}]`,
    );
  }
}
