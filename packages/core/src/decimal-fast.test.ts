// The fast paths return decimal.js's own results: same constructor, sign, exponent, digit words, key order and hidden class.
import DecimalJs from "decimal.js";
import fc from "fast-check";
import { setFlagsFromString } from "node:v8";
import { afterEach, describe, expect, it } from "vitest";
import { Decimal, ZERO } from "./decimal.js";
import type { DecimalRounding } from "./decimal-fast.js";
import {
  addDecimals,
  compareDecimals,
  decimalToPlainString,
  isExactProduct,
  decimalsEqual,
  isGreaterThan,
  isGreaterThanOrEqual,
  isLessThan,
  isLessThanOrEqual,
  mulDecimals,
  roundToDecimalPlaces,
  subDecimals,
} from "./decimal-fast.js";

/** decimal.js's documented instance fields. */
interface Fields {
  d: number[] | null;
  e: number;
  s: number;
}

/** A value of another clone (the precision the default constructor has, but a distinct constructor). */
const Clone20 = DecimalJs.clone({ precision: 20 });

// V8 intrinsics, to check hidden classes and element kinds. Enabled at run time; functions compiled
// afterwards may use them.
setFlagsFromString("--allow-natives-syntax");
const haveSameMap = new Function("a", "b", "return %HaveSameMap(a, b)") as (a: object, b: object) => boolean;
const isPackedSmiArray = new Function("a", "return %HasSmiElements(a) && !%HasHoleyElements(a)") as (
  a: unknown[],
) => boolean;
const hasFastProperties = new Function("a", "return %HasFastProperties(a)") as (a: object) => boolean;

function describeValue(v: Decimal): string {
  const f = v as unknown as Fields;
  const ctor = v.constructor === Decimal ? "core" : v.constructor === DecimalJs ? "default" : "clone20";
  return `${ctor}(${v.toString()}; s=${f.s} e=${f.e} d=${JSON.stringify(f.d)})`;
}

function sameWords(a: number[] | null, b: number[] | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Own keys exactly `constructor, s, e, d`, in that order (decimal.js's constructor order). */
function hasDecimalKeyOrder(v: object): boolean {
  const k = Object.keys(v);
  return k.length === 4 && k[0] === "constructor" && k[1] === "s" && k[2] === "e" && k[3] === "d";
}

/**
 * Throws unless `got` is indistinguishable from decimal.js's `want` (identity aside): constructor,
 * `s` and `e` (Object.is: −0 and NaN count), the digit words, and — for a fresh object, not an
 * operand handed back or the shared zero — own-key order, V8 hidden class and a packed
 * small-integer digit array. `what` names the call in a failure (`arg` is appended).
 */
function expectSameDecimal(got: Decimal, want: Decimal, what: string, operands: Decimal[], arg = ""): void {
  const g = got as unknown as Fields;
  const w = want as unknown as Fields;
  let problem = "";
  if (got.constructor !== want.constructor) problem = "constructor";
  else if (!Object.is(g.s, w.s)) problem = "s";
  else if (!Object.is(g.e, w.e)) problem = "e";
  else if (!sameWords(g.d, w.d)) problem = "d";
  else if (!operands.includes(got) && got !== ZERO) {
    if (!hasDecimalKeyOrder(got)) problem = `keys ${Object.keys(got).join(",")}`;
    else if (!haveSameMap(got, want)) problem = "hidden class";
    else if (g.d !== null && !isPackedSmiArray(g.d)) problem = "digit array elements kind";
  }
  if (problem !== "") {
    throw new Error(
      `${what}(${operands.map(describeValue).join(", ")}${arg}): ${problem} differs: got ${describeValue(got)}, want ${describeValue(want)}`,
    );
  }
}

function expectSameNumber(got: unknown, want: unknown, what: string, x: Decimal, y: Decimal): void {
  if (!Object.is(got, want)) {
    throw new Error(
      `${what}(${describeValue(x)}, ${describeValue(y)}): got ${String(got)}, want ${String(want)}`,
    );
  }
}

/** The comparison predicates with decimal.js's own method for each. */
const predicates: [string, (x: Decimal, y: Decimal) => boolean, (x: Decimal, y: Decimal) => boolean][] = [
  ["decimalsEqual", decimalsEqual, (x, y) => x.equals(y)],
  ["isGreaterThan", isGreaterThan, (x, y) => x.greaterThan(y)],
  ["isGreaterThanOrEqual", isGreaterThanOrEqual, (x, y) => x.greaterThanOrEqualTo(y)],
  ["isLessThan", isLessThan, (x, y) => x.lessThan(y)],
  ["isLessThanOrEqual", isLessThanOrEqual, (x, y) => x.lessThanOrEqualTo(y)],
];

/**
 * Every fast path on the ordered pair (x, y) against decimal.js's own method; of the five
 * comparison predicates, the `k`-th (mod 5) — they rotate over the pairs of a pool, since each is
 * `compareDecimals` plus one comparison, and decimal.js's own calls dominate the test's time.
 */
function checkPair(x: Decimal, y: Decimal, k: number): void {
  const ops = [x, y];
  expectSameDecimal(addDecimals(x, y), x.plus(y), "addDecimals", ops);
  expectSameDecimal(subDecimals(x, y), x.minus(y), "subDecimals", ops);
  expectSameDecimal(mulDecimals(x, y), x.times(y), "mulDecimals", ops);
  expectSameNumber(compareDecimals(x, y), x.comparedTo(y), "compareDecimals", x, y);
  const [name, fast, own] = predicates[k % predicates.length]!;
  expectSameNumber(fast(x, y), own(x, y), name, x, y);
}

/** roundToDecimalPlaces against toDecimalPlaces: `places` decimals, rounding mode `rm` (9: the default). */
function checkRounding(x: Decimal, places: number, rm: number): void {
  const mode = rm as DecimalRounding;
  const got = rm === 9 ? roundToDecimalPlaces(x, places) : roundToDecimalPlaces(x, places, mode);
  const want = rm === 9 ? x.toDecimalPlaces(places) : x.toDecimalPlaces(places, mode);
  expectSameDecimal(got, want, "roundToDecimalPlaces", [x], `, ${places}, ${rm === 9 ? "default" : rm}`);
}

let pairsChecked = 0;

/**
 * All ordered pairs of a pool plus values decimal.js derives from it (results of real operations),
 * and every value rounded with each of `roundings` ([decimal places, rounding mode or 9: default]).
 */
function checkPool(pool: Decimal[], roundings: [number, number][] = []): void {
  const [p, q] = pool as [Decimal, Decimal];
  const all = [...pool, p.times(q), p.plus(q), p.minus(p), p.negated(), q.dividedBy(7)];
  let k = 0;
  for (const x of all) for (const y of all) checkPair(x, y, k++);
  pairsChecked += k;
  for (const x of all) for (const [places, rm] of roundings) checkRounding(x, places, rm);
}

// --- Arbitraries -------------------------------------------------------------------------------

/** Digit strings biased towards 0 and 9, where word edges and carries live. */
const digitString = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(
      { arbitrary: fc.constantFrom("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), weight: 3 },
      { arbitrary: fc.constantFrom("0", "9"), weight: 2 },
    ),
    minLength: 1,
    maxLength,
  });

const sign = fc.constantFrom("", "-");

/** 1–60 significant digits, decimal exponent −30 … +30. */
const general = fc
  .tuple(sign, digitString(60), fc.integer({ min: -30, max: 30 }))
  .map(([s, digits, e]) => `${s}${digits.slice(0, 1)}.${digits.slice(1)}e${e}`);

/** Prices, quantities and cash: ≤ 10 integer digits and ≤ 8 decimals. */
const money = fc
  .tuple(sign, fc.integer({ min: 0, max: 9_999_999_999 }), fc.integer({ min: 0, max: 99_999_999 }), fc.nat(8))
  .map(([s, int, frac, places]) => {
    const f = String(frac).padStart(8, "0").slice(0, places);
    return `${s}${int}${places > 0 ? `.${f}` : ""}`;
  });

/** Values at base-1e7 word edges, shifted by whole words. */
const wordEdge = fc
  .tuple(
    sign,
    fc.constantFrom(
      "9999999",
      "10000000",
      "9999999.9999999",
      "10000000.0000001",
      "0.9999999",
      "0.0000001",
      "1",
      "99999999999999",
      "100000000000000",
      "99999999999999999999",
      "9999999999999999999999999999999999999999",
      "1000000000000000000000000000000000000001",
      "0.5",
      "5",
    ),
    fc.integer({ min: -4, max: 4 }),
  )
  .map(([s, v, k]) => `${s}${v}e${7 * k}`);

const special = fc.constantFrom("0", "-0", "NaN", "Infinity", "-Infinity");

const text = fc.oneof(
  { arbitrary: general, weight: 4 },
  { arbitrary: money, weight: 4 },
  { arbitrary: wordEdge, weight: 2 },
  { arbitrary: special, weight: 1 },
);

/** Mostly core's constructor; sometimes a precision-20 clone or decimal.js's default constructor. */
const ctor = fc.oneof(
  { arbitrary: fc.constant(Decimal), weight: 10 },
  { arbitrary: fc.constant(Clone20), weight: 1 },
  { arbitrary: fc.constant(DecimalJs), weight: 1 },
);

const value = fc.tuple(ctor, text).map(([C, t]) => new C(t) as Decimal);
const pool = fc.array(value, { minLength: 2, maxLength: 12 });
/** [decimal places, rounding mode (9: the constructor's default)]: places mostly money-like, sometimes beyond any digit. */
const places = fc.array(
  fc.tuple(
    fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 45 })),
    fc.integer({ min: 0, max: 9 }),
  ),
  { minLength: 1, maxLength: 4 },
);

// --- Tests ---------------------------------------------------------------------------------------

/**
 * The property tests take ~1–4 s each (decimal.js's own calls, the oracle, dominate); the limit is
 * generous so that a busy machine does not fail them.
 */
const PROPERTY_TIMEOUT_MS = 30_000;

describe("decimal fast paths", () => {
  afterEach(() => {
    Decimal.set({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, minE: -9e15, maxE: 9e15 });
  });

  it(
    "equal decimal.js's own results for random pairs (signs, ±0, 1–60 digits, word edges, NaN, ±∞, other clones)",
    () => {
      pairsChecked = 0;
      fc.assert(fc.property(pool, places, checkPool), { numRuns: 3500 });
      expect(pairsChecked).toBeGreaterThan(350_000);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "equal decimal.js's own results for realistic money (prices × quantities, cash − notional, fees)",
    () => {
      pairsChecked = 0;
      const moneyPool = fc.array(
        money.map((t) => new Decimal(t)),
        { minLength: 2, maxLength: 10 },
      );
      fc.assert(fc.property(moneyPool, places, checkPool), { numRuns: 2000 });
      expect(pairsChecked).toBeGreaterThan(150_000);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it("keep a book of fills (notional, fee, cash, position) identical to decimal.js's, step by step", () => {
    const fill = fc.record({
      buy: fc.boolean(),
      price: money.map((t) => new Decimal(t).abs()),
      qty: fc.integer({ min: 1, max: 10_000_000 }).map((n) => new Decimal(n).dividedBy(10_000)),
    });
    fc.assert(
      fc.property(fc.array(fill, { minLength: 1, maxLength: 40 }), (fills) => {
        const rate = new Decimal("0.00075");
        let cash = new Decimal("1000000");
        let position = ZERO;
        let ownCash = cash;
        let ownPosition = position;
        for (const { buy, price, qty } of fills) {
          const notional = mulDecimals(price, qty);
          const fee = roundToDecimalPlaces(mulDecimals(notional, rate), 8, Decimal.ROUND_UP);
          const ownNotional = price.times(qty);
          const ownFee = ownNotional.times(rate).toDecimalPlaces(8, Decimal.ROUND_UP);
          expectSameDecimal(notional, ownNotional, "notional", [price, qty]);
          expectSameDecimal(fee, ownFee, "fee", [notional]);
          const cost = buy ? addDecimals(notional, fee) : subDecimals(notional, fee);
          const ownCost = buy ? ownNotional.plus(ownFee) : ownNotional.minus(ownFee);
          if (buy && isGreaterThan(cost, cash) !== ownCost.greaterThan(ownCash))
            throw new Error("cash check");
          cash = buy ? subDecimals(cash, cost) : addDecimals(cash, cost);
          ownCash = buy ? ownCash.minus(ownCost) : ownCash.plus(ownCost);
          position = buy ? addDecimals(position, qty) : subDecimals(position, qty);
          ownPosition = buy ? ownPosition.plus(qty) : ownPosition.minus(qty);
          expectSameDecimal(cash, ownCash, "cash", [cost]);
          expectSameDecimal(position, ownPosition, "position", [qty]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it(
    "follow the constructor's configuration: low precision, ROUND_FLOOR zero signs, narrow exponent limits",
    () => {
      const configs = [
        { precision: 10, rounding: Decimal.ROUND_HALF_EVEN },
        { precision: 5, rounding: Decimal.ROUND_FLOOR },
        { precision: 40, rounding: Decimal.ROUND_FLOOR },
        { precision: 40, rounding: Decimal.ROUND_UP, minE: -12, maxE: 12 },
        { precision: 1, rounding: Decimal.ROUND_CEIL, minE: 0, maxE: 0 },
      ];
      // Values are made under the default configuration, so some exceed the limits set afterwards.
      fc.assert(
        fc.property(pool, places, fc.constantFrom(...configs), (values, dps, config) => {
          try {
            Decimal.set(config);
            checkPool(values, dps);
          } finally {
            Decimal.set({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, minE: -9e15, maxE: 9e15 });
          }
        }),
        { numRuns: 800 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it("handle the trivial cases as decimal.js does: zeros and their signs, x − x, x × 1", () => {
    const x = new Decimal("1234.5678");
    const negZero = new Decimal(-0);
    expect(subDecimals(x, x)).toBe(ZERO);
    expect(subDecimals(x, new Decimal("1234.5678"))).toBe(ZERO);
    expect(addDecimals(x, ZERO)).toBe(x);
    expect(addDecimals(ZERO, x)).toBe(x);
    expect(mulDecimals(x, new Decimal(1))).toBe(x);
    expect(Object.is(addDecimals(negZero, negZero).s, -1)).toBe(true); // −0 + −0 = −0
    expect(addDecimals(negZero, ZERO).s).toBe(1); // −0 + 0 = 0
    expect(subDecimals(negZero, ZERO).s).toBe(-1); // −0 − 0 = −0
    expect(mulDecimals(new Decimal(-2), ZERO).s).toBe(-1); // −2 × 0 = −0
    expect(subDecimals(ZERO, x).toString()).toBe("-1234.5678");
    expect(roundToDecimalPlaces(x, 4)).toBe(x); // nothing to round: the value itself
    expect(roundToDecimalPlaces(new Decimal("-0.0004"), 3).s).toBe(-1); // rounded away: −0
    expect(roundToDecimalPlaces(new Decimal("9999999.95"), 1, Decimal.ROUND_HALF_UP).toString()).toBe(
      "10000000",
    );
    expect(() => roundToDecimalPlaces(x, -1)).toThrow(/Invalid argument/);
    expect(() => roundToDecimalPlaces(x, 1.5)).toThrow(/Invalid argument/);
    expect(() => roundToDecimalPlaces(x, 2, 9 as DecimalRounding)).toThrow(/Invalid argument/);
    Decimal.set({ rounding: Decimal.ROUND_FLOOR });
    expect(subDecimals(x, x).s).toBe(-1); // IEEE 754: x − x = −0 when rounding towards −∞
  });

  it("take the fast path on realistic operands (no decimal.js arithmetic is called)", () => {
    const proto = Decimal.prototype as unknown as Record<string, unknown>;
    const names = ["plus", "minus", "times", "comparedTo", "toDecimalPlaces"] as const;
    const saved = names.map((n) => proto[n]);
    let calls = 0;
    const price = new Decimal("100.1234");
    const qty = new Decimal("12.3456");
    const cash = new Decimal("1234567.12345678");
    const rate = new Decimal("0.001");
    const expected = [price.times(qty), cash.minus(price.times(qty)), cash.plus(price), qty.minus(qty)];
    try {
      for (const [i, n] of names.entries()) {
        const original = saved[i] as (this: Decimal, y: Decimal) => unknown;
        proto[n] = function (this: Decimal, ...args: unknown[]) {
          calls++;
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        };
      }
      const notional = mulDecimals(price, qty);
      const got = [notional, subDecimals(cash, notional), addDecimals(cash, price), subDecimals(qty, qty)];
      roundToDecimalPlaces(mulDecimals(notional, rate), 2, Decimal.ROUND_UP);
      compareDecimals(cash, notional);
      isLessThan(notional, cash);
      expect(calls).toBe(0);
      expect(got.map((d) => d.toString())).toEqual(expected.map((d) => d.toString()));
    } finally {
      for (const [i, n] of names.entries()) proto[n] = saved[i];
    }
  });

  it("keep core's constructor on V8 fast properties (decimal.js reads them on every operation)", () => {
    expect(hasFastProperties(Decimal)).toBe(true);
    expect(hasFastProperties(DecimalJs)).toBe(true);
  });
});

describe("decimalToPlainString", () => {
  it("is toFixed() for hand-picked values (zeros, signs, word edges, tiny, huge, non-finite)", () => {
    for (const t of [
      "0",
      "-0",
      "1",
      "-1",
      "0.045",
      "1200",
      "10000000",
      "12345678.9",
      "0.0000001",
      "1.5e-7",
      "-1e-30",
      "1e25",
      "123456789012345678901234567890.123",
      "99999990",
      "0.10000000",
      "NaN",
      "Infinity",
      "-Infinity",
    ])
      expect(decimalToPlainString(new Decimal(t))).toBe(new Decimal(t).toFixed());
  });

  it("property: the very text of toFixed() for any value", () => {
    fc.assert(
      fc.property(value, (x) => {
        expect(decimalToPlainString(x)).toBe(x.toFixed());
      }),
      { numRuns: 5000 },
    );
  });
});

describe("isExactProduct", () => {
  it("property: when true, (a × b) ÷ a and (0 + a × b) ÷ (0 + a) give back b's very digits", () => {
    let exact = 0;
    fc.assert(
      fc.property(value, value, (a, b) => {
        if (!isExactProduct(a, b)) return;
        exact++;
        expectSameDecimal(a.times(b).dividedBy(a), b, "quotient", [a, b]);
        expectSameDecimal(ZERO.plus(a.times(b)).dividedBy(ZERO.plus(a)), b, "quotient of sums", [a, b]);
      }),
      { numRuns: 5000 },
    );
    expect(exact).toBeGreaterThan(500);
  });

  it("is true for prices × quantities, false for zeros, other constructors, non-finite and too many digits", () => {
    expect(isExactProduct(new Decimal("4978.2569"), new Decimal("100.43676126629796"))).toBe(true);
    expect(isExactProduct(new Decimal(`1.${"7".repeat(25)}`), new Decimal(`3.${"1".repeat(20)}`))).toBe(
      false,
    );
    expect(isExactProduct(ZERO, new Decimal(2))).toBe(false);
    expect(isExactProduct(new Decimal(2), new Decimal("-0"))).toBe(false);
    expect(isExactProduct(new Clone20(2) as unknown as Decimal, new Decimal(2))).toBe(false);
    expect(isExactProduct(new Decimal(2), new Decimal("Infinity"))).toBe(false);
    expect(isExactProduct(new Decimal("NaN"), new Decimal(2))).toBe(false);
  });
});
