// Deterministic, venue-safe identifiers: client order ids and signal ids.
import { ValidationError } from "./errors.js";

/** Characters every venue we target accepts in a client order id. */
const SAFE = /[^A-Za-z0-9_-]/g;

/**
 * FNV-1a 64-bit hash as 16 hex chars: deterministic, dependency-free, stable across platforms.
 * Not cryptographic; used to shorten ids.
 *
 * Computed on two 32-bit halves in plain numbers (no BigInt: ~15× cheaper per id). The FNV prime is
 * 2^40 + 0x1b3, so `h × prime mod 2^64` is `h × 0x1b3 + (lo << 40)`; every partial product stays
 * below 2^53, so it is exact. `ids.test.ts` checks it against the BigInt definition.
 */
export function fnv1a64(text: string): string {
  fnvStart();
  fnvFeed(text);
  return fnvHex();
}

// The running FNV-1a state, fed piece by piece (module-level: every use is synchronous and ends
// with fnvHex before any other can start), so a hash of joined pieces needs no joined string.
let fnvHi = 0;
let fnvLo = 0;

function fnvStart(): void {
  fnvHi = 0xcbf29ce4;
  fnvLo = 0x84222325;
}

function fnvFeed(text: string): void {
  let hi = fnvHi;
  let lo = fnvLo;
  for (let i = 0; i < text.length; i++) {
    lo = (lo ^ text.charCodeAt(i)) >>> 0;
    const a = lo * 0x1b3;
    hi = (hi * 0x1b3 + Math.floor(a / 4294967296) + ((lo << 8) >>> 0)) >>> 0;
    lo = a >>> 0;
  }
  fnvHi = hi;
  fnvLo = lo;
}

/** The 16 hex characters of the state. */
function fnvHex(): string {
  return hex64(fnvHi, fnvLo);
}

/** Character codes of "0".."9", "a".."f". */
const HEX_CODES: readonly number[] = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));

/**
 * Two 32-bit integers (signed or not) as 16 lower-case hex characters, `hi` first, in one flat
 * string (a table lookup per digit: `toString(16)` and padding cost about 10×).
 */
export function hex64(hi: number, lo: number): string {
  const d = HEX_CODES;
  return String.fromCharCode(
    d[(hi >>> 28) & 15] as number,
    d[(hi >>> 24) & 15] as number,
    d[(hi >>> 20) & 15] as number,
    d[(hi >>> 16) & 15] as number,
    d[(hi >>> 12) & 15] as number,
    d[(hi >>> 8) & 15] as number,
    d[(hi >>> 4) & 15] as number,
    d[hi & 15] as number,
    d[(lo >>> 28) & 15] as number,
    d[(lo >>> 24) & 15] as number,
    d[(lo >>> 20) & 15] as number,
    d[(lo >>> 16) & 15] as number,
    d[(lo >>> 12) & 15] as number,
    d[(lo >>> 8) & 15] as number,
    d[(lo >>> 4) & 15] as number,
    d[lo & 15] as number,
  );
}

/** Options of {@link makeClientOrderId}. */
export interface ClientOrderIdOptions {
  /** Maximum length (default 36, within Alpaca 128, Kalshi and ccxt venues; min 20). */
  maxLength?: number;
  /** Attempt number; a new attempt after a definite failure gets a new id, retries of one attempt do not. */
  attempt?: number;
}

/**
 * A deterministic client order id from a strategy id and a signal id: the same inputs always
 * give the same id, so a retried submission can never create a second order. Only
 * `[A-Za-z0-9_-]`, at most `maxLength` (default 36) characters; a readable prefix plus a hash
 * of the full inputs keeps ids unique even when prefixes are truncated.
 *
 * @throws ValidationError on empty ids, ids containing NUL, or a maxLength below 20.
 * @example makeClientOrderId("trend_v1", "trend_v1:ETH/BTC:1515560100000") // "trend_v1-" + 16 hex chars
 */
export function makeClientOrderId(
  strategyId: string,
  signalId: string,
  options: { maxLength?: number; attempt?: number } = {},
): string {
  const maxLength = options.maxLength ?? 36;
  if (!strategyId)
    throw new ValidationError("client order id", [{ path: "strategyId", message: "must not be empty" }]);
  if (!signalId)
    throw new ValidationError("client order id", [{ path: "signalId", message: "must not be empty" }]);
  // NUL separates the hashed fields, so it must not occur inside them (("a\0b","c") vs ("a","b\0c")).
  if (strategyId.includes("\u0000"))
    throw new ValidationError("client order id", [{ path: "strategyId", message: "must not contain NUL" }]);
  if (signalId.includes("\u0000"))
    throw new ValidationError("client order id", [{ path: "signalId", message: "must not contain NUL" }]);
  if (!Number.isInteger(maxLength) || maxLength < 20)
    throw new ValidationError("client order id", [{ path: "maxLength", message: "must be an integer ≥ 20" }]);
  const attempt = options.attempt ?? 0;
  // = fnv1a64(`${strategyId}\0${signalId}\0${attempt}`), fed piece by piece (no joined string)
  fnvStart();
  fnvFeed(strategyId);
  fnvFeed("\u0000");
  fnvFeed(signalId);
  fnvFeed("\u0000");
  fnvFeed(String(attempt));
  const hash = fnvHex();
  const readable = readablePrefix(strategyId).slice(0, Math.max(0, maxLength - hash.length - 1));
  // one flat string: an order carries its client order id for good
  return readable ? [readable, hash].join("-") : hash;
}

/** The strategy id without unsafe characters, remembered per id (a runner has a handful of strategies). */
const readable = new Map<string, string>();
function readablePrefix(strategyId: string): string {
  let r = readable.get(strategyId);
  if (r === undefined) {
    r = strategyId.replace(SAFE, "");
    if (readable.size < 10_000) readable.set(strategyId, r);
  }
  return r;
}

/**
 * A signal id in seed 000's shape: `${strategy}:${instrument}:${timestampMs}`. One flat string
 * (`join`, with the time written by {@link integerText}): orders carry their signal id for good.
 */
export function makeSignalId(
  strategyId: string,
  instrumentId: string,
  atMs: number,
  suffix?: string,
): string {
  const at = integerText(atMs);
  return suffix ? [strategyId, instrumentId, at, suffix].join(":") : [strategyId, instrumentId, at].join(":");
}

const ZEROS8 = "00000000";

/**
 * Exactly `String(n)`, faster for epoch-millisecond integers: the runtime's general double-to-text
 * conversion costs a few hundred ns for a 13-digit integer, while two small-integer conversions
 * cost tens. Anything but a non-negative safe integer goes to `String` itself.
 */
export function integerText(n: number): string {
  if (n >= 0 && n < 2_147_483_648 && Math.floor(n) === n) return String(n);
  if (!(n > 0 && n <= Number.MAX_SAFE_INTEGER && Math.floor(n) === n)) return String(n);
  const hi = Math.floor(n / 1e8);
  const lo = String(n - hi * 1e8);
  return String(hi) + (lo.length === 8 ? lo : ZEROS8.slice(lo.length) + lo);
}

/**
 * The id of the entry an order opens (seed 000): `${strategyId}:${orderId}`.
 *
 * Built by `join` as one flat string: a ledger keeps an entry id for every order it records, and
 * `+` would keep a concatenation node and the `${strategyId}:` prefix alive with each (three heap
 * objects where one will do, each copied by every garbage collection that the book survives).
 */
export function makeEntryId(strategyId: string, orderId: string): string {
  return [strategyId, orderId].join(":");
}
