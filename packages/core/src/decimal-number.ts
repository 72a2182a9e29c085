// Exact Decimal → number conversion without decimal.js's string round trip (hot-path marks and equity).
import { Decimal } from "./decimal.js";
import { FLOAT_POW10 as POW10, decimalFromShortNumber, digitsOf } from "./decimal-fast.js";

/** decimal.js's documented instance fields: base-1e7 digit words, decimal exponent, sign. */
interface DecimalFields {
  d: number[] | null;
  e: number;
  s: number;
}

/**
 * `x.toNumber()`, bit for bit, without building a string: decimal.js converts through its text form
 * (a few hundred ns and an allocation). For a value of at most 15 significant digits whose decimal
 * exponent shift is within ±22 — prices, quantities and cash of realistic precision — the mantissa
 * and the power of ten are both exact doubles, so one IEEE multiplication or division gives the
 * correctly rounded result, which is what `Number(text)` gives. Anything else goes to `toNumber()`.
 */
export function decimalToNumber(x: Decimal): number {
  const f = x as unknown as DecimalFields;
  const d = f.d;
  if (d === null || d.length > 3) return x.toNumber();
  const n = d.length;
  const w0 = d[0] as number;
  if (n === 0 || w0 === 0) return f.s < 0 ? -0 : 0;
  let last = d[n - 1] as number;
  let tz = 0;
  while (last % 10 === 0) {
    last /= 10;
    tz++;
  }
  const digits = digitsOf(w0) + 7 * (n - 1) - tz;
  if (digits > 15) return x.toNumber();
  let m: number;
  if (n === 1) m = last;
  else if (n === 2) m = w0 * POW10[7 - tz]! + last;
  else m = (w0 * 1e7 + (d[1] as number)) * POW10[7 - tz]! + last;
  const k = f.e - (digits - 1);
  let v: number;
  if (k >= 0) {
    if (k > 22) return x.toNumber();
    v = m * POW10[k]!;
  } else {
    if (k < -22) return x.toNumber();
    v = m / POW10[-k]!;
  }
  return f.s < 0 ? -v : v;
}

/** Recent `new Decimal(x)` results by the bits of `x` (direct-mapped, 64 slots). */
const CACHE_SLOTS = 64;
const cachedNumbers = new Float64Array(CACHE_SLOTS);
const cachedDecimals: Array<Decimal | undefined> = new Array(CACHE_SLOTS);
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/**
 * `new Decimal(x)` for a market-data number (a bar's close, say), reusing a recent conversion of the
 * very same number: the runner, the paper broker and the equity recorder each turn the same close
 * into a Decimal; Decimals are immutable, so sharing one is safe. A number of at most 15 significant
 * digits and 14 decimals is converted directly (`decimalFromShortNumber`), anything else by
 * decimal.js (~400 ns). 0 and −0 are different numbers here, as they are different Decimals.
 * @throws like `new Decimal(x)` (never for a finite number).
 */
export function decimalFromNumber(x: number): Decimal {
  bits[0] = x;
  const slot =
    ((words[0] as number) ^ (words[1] as number) ^ ((words[1] as number) >>> 11)) & (CACHE_SLOTS - 1);
  const hit = cachedDecimals[slot];
  if (hit !== undefined && Object.is(cachedNumbers[slot], x)) return hit;
  const d = decimalFromShortNumber(x) ?? new Decimal(x);
  cachedNumbers[slot] = x;
  cachedDecimals[slot] = d;
  return d;
}
