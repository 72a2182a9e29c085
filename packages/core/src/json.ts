// Wire form of domain values: Decimals become plain decimal strings, everything else stays JSON.
import { isDecimal } from "./decimal.js";

/**
 * Converts a domain value to plain JSON data: every Decimal becomes its `toFixed()` string
 * (no exponent), Maps become objects, undefined fields are dropped. Parsing the result with the
 * matching schema gives back an equal value (round trip).
 */
export function toJsonValue(value: unknown): unknown {
  if (isDecimal(value)) return value.toFixed();
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = toJsonValue(v);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonValue(v);
  return out;
}
