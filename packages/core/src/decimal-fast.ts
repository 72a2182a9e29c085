// Exact fast paths for decimal.js plus, minus, times, toDecimalPlaces and comparisons on short values: decimal.js's very results, with less work.
import type DecimalJs from "decimal.js";
import { Decimal, ZERO } from "./decimal.js";

// Why: decimal.js spends ~150–250 ns and a few hundred bytes on every `plus`/`minus`/`times` (and
// more on `toDecimalPlaces`), mostly fixed overhead: it copies the operand (`new Ctor(y)`), runs its
// general base-1e7 algorithm on fresh arrays, then rounds (`finalise`). A trading decision does ~40
// of them on short values (prices and quantities with ≤ 8 decimals, cash with ≤ 16 digits). The
// functions here compute the same exact result on a small scratch array and return it as a
// decimal.js instance of core's constructor, but only when that result is certain:
//
// - both operands are finite values made by core's `Decimal` (`x.constructor === Decimal`);
// - the exact result has at most `Decimal.precision` significant digits, so decimal.js's final
//   rounding (`finalise`) leaves it unchanged — whatever the rounding mode, since every digit it
//   would drop is zero — and its exponent is within `Decimal.minE … Decimal.maxE`;
// - the operand decimal.js copies (`y`; `x` for toDecimalPlaces) is within those exponent limits,
//   so that copy is exact.
//
// decimal.js's result is then the exact result in normal form — no leading or trailing zero word,
// `e` derived from the first word — and that is what is built here. `roundToDecimalPlaces` makes
// decimal.js's `finalise` decision itself (the first dropped digit, whether a non-zero digit
// follows, the parity of the last kept digit; mode by mode) on values of up to 42 digits, whose
// words are cut and carried exactly; like `toDecimalPlaces`, it is not bound by the precision.
// Everything else (NaN, ±Infinity, other decimal.js clones, results that need rounding to the
// precision, very wide operands) goes to decimal.js itself. The configuration (`precision`,
// `rounding`, `minE`, `maxE`) is read on every call, so `Decimal.set(…)` is honoured.
//
// Results are made by `new Decimal(0)` with their fields then set, so they have decimal.js's own
// properties in its order (constructor, s, e, d) and V8 hidden class, and packed small-integer digit
// arrays. One difference is deliberate: where decimal.js returns a fresh copy of an operand
// (`x + 0`, `0 + y`, `x − 0`, `x × 1`, rounding a value that needs none) or a fresh zero (`x − x`,
// `x × 0`), these functions return the operand itself or a shared zero. Decimals are immutable, so
// only `===` can tell.

/** decimal.js's documented instance fields (its API docs, "INTERNALS"): base-1e7 words, exponent, sign. */
interface Fields {
  d: number[] | null;
  e: number;
  s: number;
}

/** A decimal.js rounding mode (0 ROUND_UP … 8 ROUND_HALF_FLOOR). */
export type DecimalRounding = DecimalJs.Rounding;

/** decimal.js's digit-word base and digits per word (`BASE`, `LOG_BASE`). */
const BASE = 1e7;
const LOG_BASE = 7;

/** decimal.js's `ROUND_FLOOR`: the only mode in which an exact zero difference is −0. */
const ROUND_FLOOR = 3;

/** Widest aligned word span the sum/difference fast path handles (56 digits). */
const MAX_SPAN = 8;
/** Most words per factor (42 digits) for products, and per value for rounding. */
const MAX_WORDS = 6;

/** Scratch digit words. They stay below 1e7, so an Int32Array keeps them small integers (Smis). */
const scratch = new Int32Array(16);

/** 10^0 … 10^7. */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7];

/** −0 as decimal.js makes it (`new Decimal(-0)`), shared like {@link ZERO}. */
const NEG_ZERO: Decimal = new Decimal(-0);

function fields(x: Decimal): Fields {
  return x as unknown as Fields;
}

/** Decimal digits of a word in 1 … 9 999 999 (how decimal.js's `getBase10Exponent` counts them). */
export function digitsOf(w: number): number {
  return w < 1e4 ? (w < 100 ? (w < 10 ? 1 : 2) : w < 1e3 ? 3 : 4) : w < 1e6 ? (w < 1e5 ? 5 : 6) : 7;
}

/** Trailing decimal zeros of a non-zero word. */
function trailingZerosOf(w: number): number {
  let n = 0;
  while (w % 10 === 0) {
    w /= 10;
    n++;
  }
  return n;
}

/** `Math.floor(e / 7)` for e in −140 … 139, by table: a float division and floor cost more. */
const WORD_POSITION_OFFSET = 140;
const WORD_POSITIONS = Int8Array.from({ length: 280 }, (_, i) => Math.floor((i - WORD_POSITION_OFFSET) / 7));

/** `Math.floor(e / 7)`: the base-1e7 position of a value's first word (decimal.js's `mathfloor(e / LOG_BASE)`). */
function wordPosition(e: number): number {
  const i = e + WORD_POSITION_OFFSET;
  return i >= 0 && i < 280 ? WORD_POSITIONS[i]! : Math.floor(e / LOG_BASE);
}

/**
 * `Decimal.minE ≤ e ≤ Decimal.maxE`: decimal.js keeps such an exponent (beyond, a value becomes
 * ±Infinity or ±0). One limit is read per call: minE ≤ 0 ≤ maxE always.
 */
function inExponentRange(e: number): boolean {
  return e >= 0 ? e <= Decimal.maxE : e >= Decimal.minE;
}

/**
 * True when decimal.js would give back `v`'s value unchanged after copying it into core's
 * constructor and rounding it to the precision: exponent within limits and at most `precision`
 * significant digits. `v` is finite and made by core's `Decimal`. Small on purpose: it sits on the
 * `x ± 0` paths, which should inline into their callers.
 */
function isCanonical(v: Fields): boolean {
  const d = v.d as number[];
  return (
    inExponentRange(v.e) &&
    (d.length * LOG_BASE <= Decimal.precision || significantDigits(d) <= Decimal.precision)
  );
}

/** decimal.js's `getPrecision`: significant digits of normalised words (zero: 1). */
function significantDigits(d: number[]): number {
  const n = d.length;
  const w0 = d[0] as number;
  if (w0 === 0) return 1;
  return digitsOf(w0) + LOG_BASE * (n - 1) - trailingZerosOf(d[n - 1] as number);
}

/** Same digit words: for normalised values of one sign and exponent, the same value. */
function sameWords(p: number[], q: number[]): boolean {
  const n = p.length;
  if (n !== q.length) return false;
  for (let i = 0; i < n; i++) if (p[i] !== q[i]) return false;
  return true;
}

/**
 * A decimal.js instance of core's constructor with the given fields. `new Decimal(0)` gives the very
 * hidden class decimal.js's own results have (constructor, s, e, d); the fields are then set.
 */
function make(s: number, e: number, d: number[]): Decimal {
  const r = new Decimal(0) as unknown as Fields;
  r.s = s;
  r.e = e;
  r.d = d;
  return r as unknown as Decimal;
}

/** The words `scratch[from … from + n − 1]` as a packed array of exactly `n` small integers. */
function wordsFrom(from: number, n: number): number[] {
  const w = scratch;
  switch (n) {
    case 1:
      return [w[from]!];
    case 2:
      return [w[from]!, w[from + 1]!];
    case 3:
      return [w[from]!, w[from + 1]!, w[from + 2]!];
    case 4:
      return [w[from]!, w[from + 1]!, w[from + 2]!, w[from + 3]!];
    case 5:
      return [w[from]!, w[from + 1]!, w[from + 2]!, w[from + 3]!, w[from + 4]!];
    case 6:
      return [w[from]!, w[from + 1]!, w[from + 2]!, w[from + 3]!, w[from + 4]!, w[from + 5]!];
    default: {
      const out = [w[from]!];
      for (let i = 1; i < n; i++) out.push(w[from + i]!);
      return out;
    }
  }
}

/**
 * The result made of the normalised words `scratch[first … last]` (both non-zero) whose first word
 * sits at base-1e7 position `top`, or undefined when decimal.js would round it (more significant
 * digits than the precision) or take it out of range (±Infinity, ±0).
 */
function finish(s: number, top: number, first: number, last: number): Decimal | undefined {
  const n = last - first + 1;
  const d0digits = digitsOf(scratch[first]!);
  const pr = Decimal.precision;
  if (d0digits + LOG_BASE * (n - 1) > pr) {
    if (d0digits + LOG_BASE * (n - 1) - trailingZerosOf(scratch[last]!) > pr) return undefined;
  }
  const e = top * LOG_BASE + d0digits - 1;
  if (!inExponentRange(e)) return undefined;
  return make(s, e, wordsFrom(first, n));
}

/**
 * |x| + |y| with sign `s`, for non-zero finite operands (words and exponents), or undefined when
 * decimal.js must decide: its copy of y would change y, or the sum needs rounding or is too wide.
 */
function addMagnitudes(xd: number[], xe: number, yd: number[], ye: number, s: number): Decimal | undefined {
  if (!inExponentRange(ye)) return undefined;
  const nx = xd.length;
  const ny = yd.length;
  const tx = wordPosition(xe);
  const ty = wordPosition(ye);
  const hi = Math.max(tx, ty);
  const xLow = tx - nx + 1;
  const yLow = ty - ny + 1;
  const span = hi - Math.min(xLow, yLow) + 1;
  if (span > MAX_SPAN) return undefined;
  // scratch[k] holds the word at position hi + 1 − k (k = 0 takes the final carry); word i of x
  // is at k = hi + 1 − tx + i.
  const ox = hi + 1 - tx;
  const oy = hi + 1 - ty;
  const w = scratch;
  let carry = 0;
  for (let k = span; k >= 1; k--) {
    const ix = k - ox;
    const iy = k - oy;
    let t = carry;
    if (ix >= 0 && ix < nx) t += xd[ix] as number;
    if (iy >= 0 && iy < ny) t += yd[iy] as number;
    if (t >= BASE) {
      w[k] = t - BASE;
      carry = 1;
    } else {
      w[k] = t;
      carry = 0;
    }
  }
  w[0] = carry;
  let last = span;
  while (w[last] === 0) last--;
  return carry === 0 ? finish(s, hi, 1, last) : finish(s, hi + 1, 0, last);
}

/**
 * x + y for non-zero finite operands of different signs (`xs` is x's), or undefined when decimal.js
 * must decide. As in decimal.js, the smaller magnitude is subtracted from the larger, whose sign
 * the result takes; equal magnitudes give decimal.js's fresh zero, +0 (−0 when rounding to −∞).
 */
function subtractMagnitudes(
  xd: number[],
  xe: number,
  yd: number[],
  ye: number,
  xs: number,
): Decimal | undefined {
  if (!inExponentRange(ye)) return undefined;
  const nx = xd.length;
  const ny = yd.length;
  // Normalised values: a larger exponent is a larger magnitude; else compare word by word.
  let xBigger: boolean;
  if (xe !== ye) xBigger = xe > ye;
  else {
    let i = 0;
    const m = Math.min(nx, ny);
    while (i < m && xd[i] === yd[i]) i++;
    if (i === m) {
      if (nx === ny) return Decimal.rounding === ROUND_FLOOR ? NEG_ZERO : ZERO;
      xBigger = nx > ny;
    } else xBigger = (xd[i] as number) > (yd[i] as number);
  }
  const tx = wordPosition(xe);
  const ty = wordPosition(ye);
  const hi = Math.max(tx, ty);
  const xLow = tx - nx + 1;
  const yLow = ty - ny + 1;
  const span = hi - Math.min(xLow, yLow) + 1;
  if (span > MAX_SPAN) return undefined;
  const pd = xBigger ? xd : yd;
  const qd = xBigger ? yd : xd;
  const op = hi + 1 - (xBigger ? tx : ty);
  const oq = hi + 1 - (xBigger ? ty : tx);
  const np = xBigger ? nx : ny;
  const nq = xBigger ? ny : nx;
  const w = scratch;
  let borrow = 0;
  for (let k = span; k >= 1; k--) {
    const ip = k - op;
    const iq = k - oq;
    let t = -borrow;
    if (ip >= 0 && ip < np) t += pd[ip] as number;
    if (iq >= 0 && iq < nq) t -= qd[iq] as number;
    if (t < 0) {
      w[k] = t + BASE;
      borrow = 1;
    } else {
      w[k] = t;
      borrow = 0;
    }
  }
  let first = 1;
  while (w[first] === 0) first++;
  let last = span;
  while (w[last] === 0) last--;
  return finish(xBigger ? xs : -xs, hi + 1 - first, first, last);
}

/**
 * `x.plus(y)`, exactly: the same value, sign (including −0), digits, exponent and constructor as
 * decimal.js's result, without decimal.js's operand copy, general algorithm and rounding pass when
 * both are finite values of core's {@link Decimal} and the exact sum needs no rounding (any sum of
 * prices, quantities or cash of realistic size). Otherwise it is `x.plus(y)` itself. `x + 0` and
 * `0 + y` return the operand itself rather than an equal copy.
 *
 * @throws only what `x.plus(y)` throws (nothing for Decimal operands).
 * @example
 * addDecimals(new Decimal("1234567.12345678"), new Decimal("0.5")) // Decimal("1234567.62345678")
 */
export function addDecimals(x: Decimal, y: Decimal): Decimal {
  const a = fields(x);
  const b = fields(y);
  const xd = a.d;
  const yd = b.d;
  if (xd !== null && yd !== null && x.constructor === Decimal && y.constructor === Decimal) {
    if ((yd[0] as number) === 0) {
      // x + 0 = x (a copy, rounded); 0 + 0 of one sign is that zero; decimal.js's copy of a zero
      // (exponent 0) is exact. +0 + −0 is left to decimal.js.
      if (b.e === 0 && ((xd[0] as number) !== 0 || a.s === b.s) && isCanonical(a)) return x;
    } else if ((xd[0] as number) === 0) {
      // 0 + y = y (a copy, rounded; `isCanonical` also means that the copy of y is exact).
      if (isCanonical(b)) return y;
    } else {
      const r =
        a.s === b.s ? addMagnitudes(xd, a.e, yd, b.e, a.s) : subtractMagnitudes(xd, a.e, yd, b.e, a.s);
      if (r !== undefined) return r;
    }
  }
  return x.plus(y);
}

/**
 * `x.minus(y)`, exactly (see {@link addDecimals}): fast for finite core Decimals whose exact
 * difference needs no rounding. `x − x` is the shared {@link ZERO} (−0 when the rounding mode is
 * ROUND_FLOOR, as in decimal.js) and `x − 0` returns `x` itself.
 *
 * @throws only what `x.minus(y)` throws (nothing for Decimal operands).
 * @example
 * subDecimals(new Decimal("1234567.12345678"), new Decimal("1236.08344704")) // Decimal("1233331.04000974")
 */
export function subDecimals(x: Decimal, y: Decimal): Decimal {
  const a = fields(x);
  const b = fields(y);
  const xd = a.d;
  const yd = b.d;
  if (xd !== null && yd !== null && x.constructor === Decimal) {
    const ye = b.e;
    if (x === y || (a.s === b.s && a.e === ye && sameWords(xd, yd))) {
      // x − x (closing a whole position; also ±0 − ±0 of one sign): decimal.js's fresh zero, +0
      // (−0 when rounding towards −∞), provided its copy of y is exact. Checked first, as the
      // commonest shortcut; y's constructor does not matter here (decimal.js copies y's digits).
      if (inExponentRange(ye)) return Decimal.rounding === ROUND_FLOOR ? NEG_ZERO : ZERO;
    } else if (y.constructor === Decimal) {
      if ((yd[0] as number) === 0) {
        // x − 0 = x (a copy, rounded), and ±0 − ∓0 keeps x's sign (±0 − ±0 was taken above); a
        // zero's copy is exact (exponent 0).
        if (ye === 0 && isCanonical(a)) return x;
      } else if ((xd[0] as number) === 0) {
        // 0 − y = −y (a copy, rounded).
        if (isCanonical(b)) return make(-b.s, ye, yd.slice());
      } else {
        const r =
          a.s === b.s ? subtractMagnitudes(xd, a.e, yd, ye, a.s) : addMagnitudes(xd, a.e, yd, ye, a.s);
        if (r !== undefined) return r;
      }
    }
  }
  return x.minus(y);
}

/**
 * `x.times(y)`, exactly (see {@link addDecimals}): fast for finite core Decimals of at most 42
 * digits each whose exact product has at most `Decimal.precision` significant digits (a price with
 * ≤ 8 decimals times a quantity with ≤ 8 decimals always qualifies). `x × ±0` is a shared ±0;
 * `x × 1` and `1 × y` return the other operand itself.
 *
 * @throws only what `x.times(y)` throws (nothing for Decimal operands).
 * @example
 * mulDecimals(new Decimal("100.1234"), new Decimal("12.3456")) // Decimal("1236.08344704")
 */
export function mulDecimals(x: Decimal, y: Decimal): Decimal {
  const a = fields(x);
  const b = fields(y);
  const xd = a.d;
  const yd = b.d;
  if (xd !== null && yd !== null && x.constructor === Decimal && y.constructor === Decimal) {
    const r = multiply(x, xd, a.e, a.s, y, yd, b.e, b.s);
    if (r !== undefined) return r;
  }
  return x.times(y);
}

function multiply(
  x: Decimal,
  xd: number[],
  xe: number,
  xs: number,
  y: Decimal,
  yd: number[],
  ye: number,
  ys: number,
): Decimal | undefined {
  if (!inExponentRange(ye)) return undefined; // decimal.js's copy of y would change it
  const s = xs * ys;
  const x0 = xd[0] as number;
  const y0 = yd[0] as number;
  // decimal.js: a product with a zero factor is a fresh ±0 (sign: the product of the signs).
  if (x0 === 0 || y0 === 0) return s < 0 ? NEG_ZERO : ZERO;
  let nx = xd.length;
  let ny = yd.length;
  // x × 1 and 1 × y are copies of the other factor (rounded, hence only when canonical).
  if (ny === 1 && y0 === 1 && ye === 0 && ys === 1 && isCanonical(fields(x))) return x;
  if (nx === 1 && x0 === 1 && xe === 0 && xs === 1 && isCanonical(fields(y))) return y;
  if (nx > MAX_WORDS || ny > MAX_WORDS) return undefined;
  // Screen out products that will almost surely need rounding, before any work: a product has at
  // least sd(x) + sd(y) − 1 significant digits, unless factors 2 and 5 make trailing zeros (those
  // rare exact products go to decimal.js, which is never wrong). `finish` checks the exact count.
  const pr = Decimal.precision;
  const ubx = digitsOf(x0) + LOG_BASE * (nx - 1);
  const uby = digitsOf(y0) + LOG_BASE * (ny - 1);
  if (ubx + uby - 1 > pr) {
    const sdx = ubx - trailingZerosOf(xd[nx - 1] as number);
    const sdy = uby - trailingZerosOf(yd[ny - 1] as number);
    if (sdx + sdy - 1 > pr) return undefined;
  }
  const low = wordPosition(xe) - nx + 1 + wordPosition(ye) - ny + 1; // position of the last word
  if (nx <= 3 && ny <= 3) return multiplyShort(xd, nx, yd, ny, s, low);
  // decimal.js's schoolbook product, longer factor outside; every partial sum stays below 2^53.
  let p = xd;
  let q = yd;
  if (nx < ny) {
    p = yd;
    q = xd;
    const t = nx;
    nx = ny;
    ny = t;
  }
  const n = nx + ny;
  const r = scratch;
  for (let k = 0; k < n; k++) r[k] = 0;
  for (let i = ny - 1; i >= 0; i--) {
    const qi = q[i] as number;
    let carry = 0;
    let k = nx + i;
    for (; k > i; k--) {
      const t = r[k]! + qi * (p[k - i - 1] as number) + carry;
      carry = (t / BASE) | 0;
      r[k] = t - carry * BASE;
    }
    r[k] = carry;
  }
  let first = 0;
  while (r[first] === 0) first++;
  let last = n - 1;
  while (r[last] === 0) last--;
  return finish(s, low + n - 1 - first, first, last);
}

/**
 * The product of factors of at most three words each, by columns: the nine word products are
 * independent, each column sum (< 3e14, exact) is split into a word and a carry by its own division,
 * and the carries are then added with comparisons only — no chain of dependent divisions, which is
 * what a short multiplication would otherwise wait on. Words go to `scratch[0 … 5]`, top first.
 */
function multiplyShort(
  xd: number[],
  nx: number,
  yd: number[],
  ny: number,
  s: number,
  low: number,
): Decimal | undefined {
  // Words from the last: a0 = xd[nx − 1] is the word at position `low` of x's part.
  const a0 = xd[nx - 1] as number;
  const a1 = nx > 1 ? (xd[nx - 2] as number) : 0;
  const a2 = nx > 2 ? (xd[nx - 3] as number) : 0;
  const b0 = yd[ny - 1] as number;
  const b1 = ny > 1 ? (yd[ny - 2] as number) : 0;
  const b2 = ny > 2 ? (yd[ny - 3] as number) : 0;
  const c0 = a0 * b0;
  const c1 = a1 * b0 + a0 * b1;
  const c2 = a2 * b0 + a1 * b1 + a0 * b2;
  const c3 = a2 * b1 + a1 * b2;
  const c4 = a2 * b2;
  // c / 1e7 < 3e7, and a true quotient sits at least 1e-7 below the next integer, far more than the
  // rounding error of the division there, so `| 0` floors it exactly.
  const h0 = (c0 / BASE) | 0;
  const h1 = (c1 / BASE) | 0;
  const h2 = (c2 / BASE) | 0;
  const h3 = (c3 / BASE) | 0;
  const h4 = (c4 / BASE) | 0;
  const w = scratch;
  w[5] = c0 - h0 * BASE;
  let t = c1 - h1 * BASE + h0;
  let k = 0;
  while (t >= BASE) {
    t -= BASE;
    k++;
  }
  w[4] = t;
  t = c2 - h2 * BASE + h1 + k;
  k = 0;
  while (t >= BASE) {
    t -= BASE;
    k++;
  }
  w[3] = t;
  t = c3 - h3 * BASE + h2 + k;
  k = 0;
  while (t >= BASE) {
    t -= BASE;
    k++;
  }
  w[2] = t;
  t = c4 - h4 * BASE + h3 + k;
  k = 0;
  while (t >= BASE) {
    t -= BASE;
    k++;
  }
  w[1] = t;
  w[0] = h4 + k; // < 1e7: the product of two values below 1e7^3 is below 1e7^6
  let first = 0;
  while (w[first] === 0) first++;
  let last = 5;
  while (w[last] === 0) last--;
  return finish(s, low + 5 - first, first, last);
}

/**
 * `x.toDecimalPlaces(dp, rm)`, exactly: `x` rounded to `dp` decimal places with rounding mode `rm`
 * (default `Decimal.rounding`), as decimal.js rounds it — the same value, sign (a value rounded
 * away to zero keeps its sign: −0.0004 → −0 at 3 places), digits and exponent. A value that already
 * has at most `dp` decimal places is returned itself; others of up to 42 digits are rounded here
 * (decimal.js copies the value and runs its general rounding, ~300 ns). Anything else, and invalid
 * `dp`/`rm`, go to `x.toDecimalPlaces(dp, rm)` itself.
 *
 * @throws like `x.toDecimalPlaces(dp, rm)`: when `dp` is not an integer in 0 … 1e9 or `rm` not in 0 … 8.
 * @example
 * roundToDecimalPlaces(new Decimal("0.92706258528"), 8, Decimal.ROUND_UP) // Decimal("0.92706259")
 */
export function roundToDecimalPlaces(x: Decimal, dp: number, rm?: DecimalRounding): Decimal {
  const a = fields(x);
  const d = a.d;
  const mode = rm === undefined ? Decimal.rounding : rm;
  if (
    d !== null &&
    x.constructor === Decimal &&
    dp === (dp | 0) &&
    dp >= 0 &&
    dp <= 1e9 &&
    mode === (mode | 0) &&
    mode >= 0 &&
    mode <= 8 &&
    inExponentRange(a.e)
  ) {
    const n = d.length;
    const low = wordPosition(a.e) - n + 1; // position of the last word
    const w0 = d[0] as number;
    // Already at most dp places (zero included): decimal.js's copy, unchanged by the rounding.
    if (w0 === 0 || LOG_BASE * low + trailingZerosOf(d[n - 1] as number) >= -dp) return x;
    if (n <= MAX_WORDS) {
      const r = roundWords(d, a.e, a.s, dp, mode);
      if (r !== undefined) return r;
    }
  }
  return rm === undefined ? x.toDecimalPlaces(dp) : x.toDecimalPlaces(dp, rm);
}

/**
 * `finalise(x, dp + e + 1, rm)` for a non-zero finite value with digits below 10^−dp: the value
 * rounded at that digit, in decimal.js's normal form. Undefined when the result leaves the
 * exponent range.
 */
function roundWords(d: number[], e: number, s: number, dp: number, rm: number): Decimal | undefined {
  const n = d.length;
  const c = 0 - dp; // power of ten of the last digit kept (+0, not −0, for dp = 0)
  let rd: number; // the first digit dropped
  let rest: boolean; // any non-zero digit after it
  if (e < c) {
    // Every digit is dropped (decimal.js's `sd < 1` case): the result is ±0 or ±10^c.
    rd = e === c - 1 ? Math.floor((d[0] as number) / POW10[digitsOf(d[0] as number) - 1]!) : 0;
    rest = e < c - 1 || n > 1 || (d[0] as number) % POW10[digitsOf(d[0] as number) - 1]! !== 0;
    if (!roundsUp(rm, s, rd, rest, false)) return s < 0 ? NEG_ZERO : ZERO;
    const p = Math.floor(c / LOG_BASE);
    return make(s, c, [POW10[c - LOG_BASE * p]!]);
  }
  // The last kept digit is digit m (from the right, 0 … 6) of the word at position P, index iw.
  const tx = wordPosition(e);
  const P = Math.floor(c / LOG_BASE);
  const m = c - LOG_BASE * P;
  const iw = tx - P; // 0 ≤ iw ≤ n − 1: the value has digits on both sides of the cut
  const w = d[iw] as number;
  const pm = POW10[m]!;
  if (m > 0) {
    const below = w % pm;
    rd = Math.floor(below / POW10[m - 1]!);
    rest = below % POW10[m - 1]! !== 0 || iw + 1 < n;
  } else {
    const next = iw + 1 < n ? (d[iw + 1] as number) : 0;
    rd = Math.floor(next / 1e6);
    rest = next % 1e6 !== 0 || iw + 2 < n;
  }
  const kept = w - (w % pm);
  const keptOdd = Math.floor(kept / pm) % 2 === 1; // the last digit kept is odd
  // scratch[1 … iw + 1] = the kept words; scratch[0] takes a carry out of the first word.
  const out = scratch;
  out[0] = 0;
  for (let i = 0; i < iw; i++) out[i + 1] = d[i] as number;
  out[iw + 1] = kept;
  if (roundsUp(rm, s, rd, rest, keptOdd)) {
    let k = iw + 1;
    let t = kept + pm;
    while (t >= BASE) {
      out[k] = t - BASE;
      k--;
      t = out[k]! + 1;
    }
    out[k] = t;
  }
  const first = out[0] !== 0 ? 0 : 1;
  let last = iw + 1;
  while (out[last] === 0) last--;
  const d0digits = digitsOf(out[first]!);
  const re = (tx + 1 - first) * LOG_BASE + d0digits - 1;
  if (!inExponentRange(re)) return undefined;
  return make(s, re, wordsFrom(first, last - first + 1));
}

/**
 * decimal.js's rounding decision (`finalise`): whether dropping digits whose first is `rd`, followed
 * by non-zero digits when `rest`, rounds the magnitude up in mode `rm` for sign `s`; `keptOdd`
 * breaks ROUND_HALF_EVEN ties.
 */
function roundsUp(rm: number, s: number, rd: number, rest: boolean, keptOdd: boolean): boolean {
  if (rm < 4) return (rd !== 0 || rest) && (rm === 0 || rm === (s < 0 ? 3 : 2));
  return rd > 5 || (rd === 5 && (rm === 4 || rest || (rm === 6 && keptOdd) || rm === (s < 0 ? 8 : 7)));
}

/**
 * `x.comparedTo(y)`, exactly: −1, 0 or 1, NaN when either is NaN. decimal.js first copies `y` into
 * `x`'s constructor (an object and an array per comparison); this reads both values as they are,
 * with decimal.js's own algorithm, when both are finite core Decimals and `y`'s exponent is within
 * the constructor's limits (so the copy would be exact). Otherwise it is `x.comparedTo(y)` itself.
 *
 * @example
 * compareDecimals(new Decimal("101.5"), new Decimal("99")) // 1
 */
export function compareDecimals(x: Decimal, y: Decimal): number {
  const a = fields(x);
  const b = fields(y);
  const xd = a.d;
  const yd = b.d;
  const ye = b.e;
  if (
    xd === null ||
    yd === null ||
    x.constructor !== Decimal ||
    y.constructor !== Decimal ||
    !inExponentRange(ye)
  ) {
    return x.comparedTo(y);
  }
  const xs = a.s;
  const x0 = xd[0] as number;
  const y0 = yd[0] as number;
  if (x0 === 0 || y0 === 0) return x0 !== 0 ? xs : y0 !== 0 ? -b.s : 0;
  if (xs !== b.s) return xs;
  const xe = a.e;
  if (xe !== ye) return xe > ye !== xs < 0 ? 1 : -1;
  const nx = xd.length;
  const ny = yd.length;
  const m = Math.min(nx, ny);
  for (let i = 0; i < m; i++) {
    const p = xd[i] as number;
    const q = yd[i] as number;
    if (p !== q) return p > q !== xs < 0 ? 1 : -1;
  }
  return nx === ny ? 0 : nx > ny !== xs < 0 ? 1 : -1;
}

/** `x.equals(y)`, exactly (NaN equals nothing), via {@link compareDecimals}. */
export function decimalsEqual(x: Decimal, y: Decimal): boolean {
  return compareDecimals(x, y) === 0;
}

/** `x.greaterThan(y)`, exactly (false when either is NaN), via {@link compareDecimals}. */
export function isGreaterThan(x: Decimal, y: Decimal): boolean {
  return compareDecimals(x, y) > 0;
}

/** `x.greaterThanOrEqualTo(y)`, exactly (false when either is NaN), via {@link compareDecimals}. */
export function isGreaterThanOrEqual(x: Decimal, y: Decimal): boolean {
  const k = compareDecimals(x, y);
  return k === 1 || k === 0;
}

/** `x.lessThan(y)`, exactly (false when either is NaN), via {@link compareDecimals}. */
export function isLessThan(x: Decimal, y: Decimal): boolean {
  return compareDecimals(x, y) < 0;
}

/** `x.lessThanOrEqualTo(y)`, exactly (false when either is NaN), via {@link compareDecimals}. */
export function isLessThanOrEqual(x: Decimal, y: Decimal): boolean {
  return compareDecimals(x, y) < 1;
}

/**
 * True when `x` comes back unchanged from an operation of core's constructor that leaves its value
 * as is (`ZERO.plus(x)`, `x.minus(ZERO)` …): it is made by core's `Decimal` (so its precision and
 * rounding apply to later operations), finite, within the exponent limits, and has no more
 * significant digits than the precision (so decimal.js's final rounding does not change it). Every
 * result of an operation of core's constructor qualifies; a Decimal of another decimal.js clone, or
 * with more digits than the precision, does not. Two canonical Decimals of equal value have the same
 * sign, exponent and digits.
 */
export function isCanonicalDecimal(x: Decimal): boolean {
  return x.constructor === Decimal && fields(x).d !== null && isCanonical(fields(x));
}

/**
 * True when `a.times(b)` is exact and `a.times(b).dividedBy(a)` gives back `b`'s very digits (so a
 * one-fill average price, notional ÷ quantity, is the fill price itself): both are finite, non-zero
 * values of core's constructor within the exponent limits, their significant digits add up to at
 * most the precision (a product never has more digits than its factors together, so nothing is
 * rounded, and an exact quotient of at most that many digits comes back exactly), and the
 * product's exponent is within the limits too.
 */
export function isExactProduct(a: Decimal, b: Decimal): boolean {
  if (a.constructor !== Decimal || b.constructor !== Decimal) return false;
  const fa = fields(a);
  const fb = fields(b);
  if (fa.d === null || fb.d === null || fa.d[0] === 0 || fb.d[0] === 0) return false;
  if (!inExponentRange(fa.e) || !inExponentRange(fb.e)) return false;
  const e = fa.e + fb.e;
  return a.sd() + b.sd() <= Decimal.precision && e >= Decimal.minE && e + 1 <= Decimal.maxE;
}

/** 10^0 … 10^22 as doubles: every one exact, so one multiplication or division by it rounds once. */
export const FLOAT_POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * `new Decimal(x)` for a finite number with at most 15 significant digits and at most 14 decimals
 * (a price, quantity or cash figure as market data carry them), built directly — decimal.js goes
 * through `String(x)` and its parser (~300–400 ns). Undefined for anything else (then use
 * `new Decimal(x)`).
 *
 * Why it is the very same value: for the smallest k ≤ 14 with `round(x·10^k) / 10^k === x`, the
 * decimal m·10^−k (|m| < 10^15, so at most 15 significant digits) converts to x. Distinct decimals
 * of at most 15 significant digits convert to distinct doubles (DBL_DIG = 15), so the shortest
 * round-trip text of x — what `String(x)` and therefore `new Decimal(x)` use — has the same value,
 * and decimal.js's normal form of a value is unique. The division `m / 10^k` of two exact doubles
 * is correctly rounded, which is exactly what parsing the text m·10^−k gives.
 */
export function decimalFromShortNumber(x: number): Decimal | undefined {
  if (x === 0 || !(x > -1e15 && x < 1e15)) return undefined;
  const a = x < 0 ? -x : x;
  let k = 0;
  let m = Math.round(a);
  if (m !== a)
    for (;;) {
      if (++k > 14) return undefined;
      m = Math.round(a * FLOAT_POW10[k]!);
      if (m / FLOAT_POW10[k]! === a) break;
    }
  if (m >= 1e15) return undefined;
  // m·10^−k as base-1e7 words at positions 2, 1, 0 (integer part) and −1, −2 (after the point).
  const int = k === 0 ? m : Math.floor(m / FLOAT_POW10[k]!);
  const frac = k === 0 ? 0 : (m - int * FLOAT_POW10[k]!) * FLOAT_POW10[14 - k]!;
  const w = scratch;
  w[0] = Math.floor(int / 1e14);
  const rest = int - w[0]! * 1e14;
  w[1] = Math.floor(rest / 1e7);
  w[2] = rest - w[1]! * 1e7;
  w[3] = Math.floor(frac / 1e7);
  w[4] = frac - w[3]! * 1e7;
  let first = 0;
  while (w[first] === 0) first++;
  let last = 4;
  while (w[last] === 0) last--;
  const e = (2 - first) * LOG_BASE + digitsOf(w[first]!) - 1;
  if (!inExponentRange(e)) return undefined;
  return make(x < 0 ? -1 : 1, e, wordsFrom(first, last - first + 1));
}

/** "", "0", "00", … "000000": the zero padding of a base-1e7 word. */
const ZERO_PAD = ["", "0", "00", "000", "0000", "00000", "000000"];

/**
 * `x.toFixed()` (no argument: plain notation, every digit, no exponent, "-" only for a non-zero
 * negative), the very same text, built from the digit words without decimal.js's general
 * formatter. Non-finite values go to `toFixed()` itself.
 * @example decimalToPlainString(new Decimal("1.5e-7")) // "0.00000015"
 */
export function decimalToPlainString(x: Decimal): string {
  const f = fields(x);
  const d = f.d;
  if (d === null || d.length === 0) return x.toFixed();
  const last = d.length - 1;
  let w = d[0]!;
  if (last === 0 && w === 0) return "0";
  let digits = "";
  if (last > 0) {
    digits += w;
    for (let i = 1; i < last; i++) {
      const ws = `${d[i]!}`;
      digits += ZERO_PAD[LOG_BASE - ws.length]! + ws;
    }
    w = d[last]!;
    digits += ZERO_PAD[LOG_BASE - digitsOf(w)]!;
  }
  while (w % 10 === 0) w /= 10;
  digits += w;
  const e = f.e;
  const len = digits.length;
  let text: string;
  if (e < 0) text = `0.${"0".repeat(-e - 1)}${digits}`;
  else if (e + 1 >= len) text = e + 1 === len ? digits : digits + "0".repeat(e + 1 - len);
  else text = `${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
  return f.s < 0 ? `-${text}` : text;
}
