// Fast Decimal → number conversion for risk pre-checks (the book of record stays Decimal).
import type { Decimal } from "@quiver/core";

/**
 * `10 ** i` for i up to 400, made by that very expression so every entry is the number the
 * exponentiation gives (conversions stay bit-for-bit what they were). Long Decimals — equity and
 * cash after many fills carry 30–40 digits — need shifts beyond 22, and `10 ** shift` at run time
 * costs several times the rest of the conversion.
 */
const POW10_MAX = 400;
const POW10: number[] = [];
for (let i = 0; i <= POW10_MAX; i++) POW10.push(10 ** i);

/**
 * A Decimal as the nearest-ish `number`, read from decimal.js's documented instance properties
 * (`d` base-1e7 digit words, `e` exponent, `s` sign). About 10× faster than `toNumber()`, with a
 * relative error of a few ulps, which the limit checks absorb with a safety margin.
 */
export function toNum(x: Decimal): number {
  const d = (x as unknown as { d: number[] | null }).d;
  if (d === null) return x.toNumber(); // NaN or ±Infinity
  const n = d.length;
  if (n === 0) return 0;
  const w0 = d[0] as number;
  if (w0 === 0) return 0;
  let m = w0;
  for (let i = 1; i < n; i++) m = m * 1e7 + (d[i] as number);
  const digits0 = w0 < 10 ? 1 : w0 < 100 ? 2 : w0 < 1e3 ? 3 : w0 < 1e4 ? 4 : w0 < 1e5 ? 5 : w0 < 1e6 ? 6 : 7;
  const shift = x.e - (digits0 + 7 * (n - 1) - 1);
  let v: number;
  if (shift >= 0) v = shift <= POW10_MAX ? m * (POW10[shift] as number) : m * 10 ** shift;
  else v = -shift <= POW10_MAX ? m / (POW10[-shift] as number) : m / 10 ** -shift;
  return x.s < 0 ? -v : v;
}

/** `x.comparedTo(y)` without decimal.js's copy of `y`: core's exact fast kernel. */
export { compareDecimals as compareDec } from "@quiver/core";

/** ".", ".0" … ".00000": the point and the zeros before a fraction of 6 − k digits. */
const FRACTION_LEAD = [".", ".0", ".00", ".000", ".0000", ".00000"];

/**
 * `String(Math.round(n * 1e6) / 1e6)` (a number shown to at most 6 decimals) without the runtime's
 * general double-to-text conversion, which costs a few hundred ns. With k = round(n × 10⁶) an
 * integer below 10¹⁵ in magnitude, k / 10⁶ is the double nearest to the decimal k × 10⁻⁶, which has
 * at most 15 significant digits; any two such decimals are different doubles, so the shortest text
 * that reads back as that double — what String prints — is that decimal itself, in plain notation
 * (10⁻⁶ ≤ |k × 10⁻⁶| < 10²¹). It is assembled from the integer and fraction digits of k. Anything
 * else (non-finite n, |k| ≥ 10¹⁵) goes to String.
 */
export function roundedText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const k = Math.round(n * 1e6);
  if (!(k < 1e15 && k > -1e15)) return String(k / 1e6);
  if (k === 0) return "0"; // (also −0: String(−0) is "0")
  const a = k < 0 ? -k : k;
  const whole = Math.floor(a / 1e6);
  let frac = a - whole * 1e6;
  const head = k < 0 ? `-${whole}` : String(whole);
  if (frac === 0) return head;
  let places = 6;
  while (frac % 10 === 0) {
    frac /= 10;
    places--;
  }
  const digits = String(frac);
  return head + (FRACTION_LEAD[places - digits.length] as string) + digits;
}
