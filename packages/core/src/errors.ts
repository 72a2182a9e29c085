// Error classes with stable codes that survive duplicated package copies.

const MARKER = Symbol.for("@quiver/core/QuiverError");

/** Every stable error code Quiver throws. Codes never change meaning once published. */
export type QuiverErrorCode =
  | "VALIDATION"
  | "RISK_BLOCKED"
  | "BROKER"
  | "STATE_CORRUPT"
  | "LOCK_TIMEOUT"
  | "LEDGER"
  | "CONFIG"
  | "LIVE_TRADING_DISABLED"
  | "NOT_FOUND"
  | "INVALID_STATE";

/** Options shared by every Quiver error. */
export interface QuiverErrorOptions {
  /** Structured, serializable details (never secrets). */
  details?: Record<string, unknown>;
  /** The underlying error, kept as a cause chain. */
  cause?: unknown;
}

/**
 * Base class of every error Quiver throws on purpose.
 *
 * Use {@link QuiverError.isInstance} rather than `instanceof`: it works when two copies of
 * `@quiver/core` are installed side by side.
 *
 * @example
 * try { parseDecimal("abc", "price") } catch (e) { if (QuiverError.isInstance(e)) console.log(e.code) }
 */
export class QuiverError extends Error {
  /** Stable machine-readable code. */
  readonly code: QuiverErrorCode;
  /** Structured details for logs and tests. */
  readonly details: Record<string, unknown>;
  readonly [MARKER] = true;

  constructor(code: QuiverErrorCode, message: string, options: QuiverErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "QuiverError";
    this.code = code;
    this.details = options.details ?? {};
  }

  /** True for any QuiverError, from any copy of this package. */
  static isInstance(value: unknown): value is QuiverError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  /** A JSON-safe view (code, message, details) for journals and logs. */
  toJSON(): { name: string; code: QuiverErrorCode; message: string; details: Record<string, unknown> } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}

/** One problem found while validating input: where it is and what is wrong. */
export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `orders[2].price`. Empty for the root. */
  path: string;
  message: string;
}

/** Invalid input at a boundary. The message names every offending field. */
export class ValidationError extends QuiverError {
  readonly issues: readonly ValidationIssue[];
  constructor(what: string, issues: readonly ValidationIssue[], options: QuiverErrorOptions = {}) {
    const list = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
    super("VALIDATION", `Invalid ${what}: ${list}`, {
      ...options,
      details: { ...options.details, what, issues },
    });
    this.name = "ValidationError";
    this.issues = issues;
  }

  /** The paths of all issues, handy in tests. */
  get paths(): string[] {
    return this.issues.map((i) => i.path);
  }
}

/** A config file or object that cannot be used (unsafe keys, unparsable text, unknown keys). */
export class ConfigError extends QuiverError {
  constructor(message: string, options: QuiverErrorOptions = {}) {
    super("CONFIG", message, options);
    this.name = "ConfigError";
  }
}

/**
 * Thrown only where a caller demanded an order be allowed (e.g. `assertAllowed`); the normal
 * outcome of a risk denial is a blocked action with reasons, not an exception.
 */
export class RiskBlockedError extends QuiverError {
  readonly reasons: readonly string[];
  constructor(message: string, reasons: readonly string[], options: QuiverErrorOptions = {}) {
    super("RISK_BLOCKED", message, { ...options, details: { ...options.details, reasons } });
    this.name = "RiskBlockedError";
    this.reasons = reasons;
  }
}

/** Options of a {@link BrokerError}. */
export interface BrokerErrorOptions extends QuiverErrorOptions {
  /** Safe to retry the same call (rate limit, transient network error before sending). */
  retryable?: boolean;
  /**
   * The request may have reached the venue (timeout after sending, dropped response): the order
   * may exist. Never resend; look the order up by client order id first.
   */
  unknownOutcome?: boolean;
  /** Venue's own error code or status, if any. */
  venueCode?: string;
  /** Milliseconds the venue asked to wait before retrying (e.g. 429 reset). */
  retryAfterMs?: number;
}

/**
 * A broker/venue call failed. `retryable` says a retry is safe; `unknownOutcome` says the
 * request may have been executed and must be reconciled, not retried.
 */
export class BrokerError extends QuiverError {
  readonly retryable: boolean;
  readonly unknownOutcome: boolean;
  readonly venueCode: string | undefined;
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: BrokerErrorOptions = {}) {
    super("BROKER", message, {
      ...options,
      details: {
        ...options.details,
        retryable: options.retryable ?? false,
        unknownOutcome: options.unknownOutcome ?? false,
        ...(options.venueCode === undefined ? {} : { venueCode: options.venueCode }),
      },
    });
    this.name = "BrokerError";
    this.retryable = options.retryable ?? false;
    this.unknownOutcome = options.unknownOutcome ?? false;
    this.venueCode = options.venueCode;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** True for any BrokerError (any package copy). */
  static isBrokerError(value: unknown): value is BrokerError {
    return QuiverError.isInstance(value) && value.code === "BROKER";
  }
}

/** Persisted state failed validation or integrity checks on load. */
export class StateCorruptError extends QuiverError {
  constructor(message: string, options: QuiverErrorOptions = {}) {
    super("STATE_CORRUPT", message, options);
    this.name = "StateCorruptError";
  }
}

/** The execution lock could not be acquired within the wait timeout. */
export class LockTimeoutError extends QuiverError {
  constructor(message: string, options: QuiverErrorOptions = {}) {
    super("LOCK_TIMEOUT", message, options);
    this.name = "LockTimeoutError";
  }
}

/** A ledger operation is impossible (unknown entry, overfill …); the ledger is unchanged. */
export class LedgerError extends QuiverError {
  constructor(message: string, options: QuiverErrorOptions = {}) {
    super("LEDGER", message, options);
    this.name = "LedgerError";
  }
}

/** Something asked for an order on a live venue while live orders are not enabled. */
export class LiveTradingDisabledError extends QuiverError {
  constructor(message = "Live orders are disabled; enable them explicitly (liveTrading: true)") {
    super("LIVE_TRADING_DISABLED", message);
    this.name = "LiveTradingDisabledError";
  }
}

/** A referenced object does not exist (strategy, entry, order). */
export class NotFoundError extends QuiverError {
  constructor(message: string, options: QuiverErrorOptions = {}) {
    super("NOT_FOUND", message, options);
    this.name = "NotFoundError";
  }
}

/** An operation is not allowed in the current state (e.g. resume a strategy that is not paused). */
export class InvalidStateError extends QuiverError {
  constructor(message: string, options: QuiverErrorOptions = {}) {
    super("INVALID_STATE", message, options);
    this.name = "InvalidStateError";
  }
}
