// Fast Decimal → number conversion for risk pre-checks (the book of record stays Decimal).
import type { Decimal } from "@quiver/core";

const POW10: number[] = [];
for (let i = 0; i <= 22; i++) POW10.push(10 ** i);

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
  if (shift >= 0) v = shift <= 22 ? m * (POW10[shift] as number) : m * 10 ** shift;
  else v = -shift <= 22 ? m / (POW10[-shift] as number) : m / 10 ** -shift;
  return x.s < 0 ? -v : v;
}
