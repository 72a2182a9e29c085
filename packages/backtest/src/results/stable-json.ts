// Deterministic JSON: sorted keys, decimals as strings, numbers rounded to fixed significant digits.
import { createHash } from "node:crypto";
import { isDecimal } from "@quiver/core";

/** Options of {@link stableStringify}. */
export interface StableJsonOptions {
  /** Significant digits kept for binary floats (default 12). Decimals are never rounded. */
  digits?: number;
  /** Indentation (default none). */
  indent?: number;
}

/**
 * Rounds a float for output: `NaN`/`±Infinity` become null, `-0` becomes 0, everything else keeps
 * `digits` significant digits. The same double always gives the same text on every platform.
 */
export function roundNumber(x: number, digits = 12): number | null {
  if (!Number.isFinite(x)) return null;
  if (x === 0) return 0;
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return x;
  return Number(x.toPrecision(digits));
}

function normalize(value: unknown, digits: number): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return roundNumber(value, digits);
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (isDecimal(value)) return value.toFixed();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = value as unknown as ArrayLike<number>;
    const out = new Array(arr.length);
    for (let i = 0; i < arr.length; i++) out[i] = roundNumber(Number(arr[i]), digits);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => normalize(v, digits));
  if (value instanceof Map) {
    const obj: Record<string, unknown> = {};
    for (const k of [...value.keys()].map(String).sort()) obj[k] = normalize(value.get(k), digits);
    return obj;
  }
  if (value instanceof Set) return [...value].map((v) => normalize(v, digits));
  if (typeof value === "object") {
    const src = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(src).sort()) {
      const v = src[k];
      if (v !== undefined && typeof v !== "function") out[k] = normalize(v, digits);
    }
    return out;
  }
  return null;
}

/**
 * Serializes any result value deterministically: object keys sorted (code-unit order), Maps as
 * sorted objects, Decimals as plain decimal strings, typed arrays as arrays, floats rounded by
 * {@link roundNumber}, undefined fields dropped. The same value always gives byte-identical text.
 * @example stableStringify({ b: 1, a: new Decimal("0.10") }) // '{"a":"0.1","b":1}'
 */
export function stableStringify(value: unknown, options: StableJsonOptions = {}): string {
  return JSON.stringify(normalize(value, options.digits ?? 12), null, options.indent);
}

/** SHA-256 (hex) of a text, e.g. of {@link stableStringify}'s output (RELIABILITY row 22). */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
