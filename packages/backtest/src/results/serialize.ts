// Deterministic serialization of a BacktestResult and its hash (same inputs → same bytes).
import type { BacktestResult } from "./types.js";
import { sha256Hex, stableStringify } from "./stable-json.js";

/**
 * The result as deterministic JSON text: sorted keys, Decimals as strings, floats rounded to 12
 * significant digits, typed arrays as arrays. Two runs on the same inputs give byte-identical text.
 */
export function serializeBacktestResult(result: BacktestResult, options: { indent?: number } = {}): string {
  return stableStringify(result, options.indent === undefined ? {} : { indent: options.indent });
}

/** SHA-256 of {@link serializeBacktestResult}: one line to compare runs (RELIABILITY row 22). */
export function hashBacktestResult(result: BacktestResult): string {
  return sha256Hex(serializeBacktestResult(result));
}
