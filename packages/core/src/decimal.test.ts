// Tests of the strict decimal parser, the 40-digit Decimal and the exponent-free wire form.
import DecimalJs from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Decimal,
  HUNDRED,
  ONE,
  ZERO,
  dec,
  isDecimal,
  parseDecimal,
  toWire,
  tryParseDecimal,
} from "./decimal.js";
import { ValidationError } from "./errors.js";

/** Decimal strings with up to `maxInt` integer digits and `maxPlaces` fraction digits. */
function decimalString(maxInt: number, maxPlaces: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.boolean(),
      fc.stringMatching(new RegExp(`^[0-9]{1,${maxInt}}$`)),
      fc.stringMatching(new RegExp(`^[0-9]{0,${maxPlaces}}$`)),
    )
    .map(([neg, int, frac]) => `${neg ? "-" : ""}${int}${frac ? `.${frac}` : ""}`);
}

function rejection(value: unknown, options = {}): string {
  const r = tryParseDecimal(value, options);
  expect(r.ok).toBe(false);
  return r.ok ? "" : r.message;
}

describe("tryParseDecimal rejects bad input", () => {
  it.each([
    ["NaN string", "NaN"],
    ["Infinity string", "Infinity"],
    ["-Infinity string", "-Infinity"],
    ["empty string", ""],
    ["blank string", "  "],
    ["hex literal", "0x10"],
    ["binary literal", "0b101"],
    ["octal literal", "0o7"],
    ["numeric separator", "1_000"],
    ["comma decimal", "1,5"],
    ["two dots", "1.2.3"],
    ["lone sign", "-"],
    ["lone dot", "."],
    ["trailing garbage", "12abc"],
    ["exponent without digits", "1e"],
    ["huge exponent", "1e999999"],
    ["huge negative exponent", "1e-999999"],
    ["exponent just past the limit", "1e41"],
    ["over the default bound", "1000000000000000001"],
    ["too many decimal places", "0.1234567890123456789"],
  ])("rejects %s (%j)", (_name, input) => {
    expect(rejection(input).length).toBeGreaterThan(0);
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
  ])("rejects the number %s", (_name, input) => {
    expect(rejection(input)).toMatch(/finite/);
  });

  it("rejects non-finite Decimal instances", () => {
    expect(rejection(new Decimal(Number.NaN))).toMatch(/finite/);
    expect(rejection(new Decimal(Number.POSITIVE_INFINITY))).toMatch(/finite/);
  });

  it.each([
    ["null", null, "null"],
    ["undefined", undefined, "undefined"],
    ["boolean", true, "boolean"],
    ["object", { value: "1" }, "object"],
    ["array", ["1"], "an array"],
    ["bigint", 10n, "bigint"],
    ["symbol", Symbol("x"), "symbol"],
  ])("rejects a %s", (_name, input, described) => {
    expect(rejection(input)).toContain(described);
  });

  it("refuses a giant exponent before doing any work (no hang)", () => {
    const started = performance.now();
    for (let i = 0; i < 1000; i++) {
      expect(tryParseDecimal("1e999999").ok).toBe(false);
      expect(tryParseDecimal(`9e${"9".repeat(400)}`).ok).toBe(false);
    }
    // Generous bound: a parser that expanded the exponent would take seconds per call.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("rejects very long digit strings that are too large or too precise", () => {
    expect(tryParseDecimal(`1${"0".repeat(10_000)}`).ok).toBe(false);
    expect(tryParseDecimal(`0.${"0".repeat(10_000)}1`).ok).toBe(false);
  });

  it("applies maxAbs, maxDecimalPlaces, min, max and nonZero", () => {
    expect(rejection("101", { maxAbs: 100 })).toContain("at most 100");
    expect(tryParseDecimal("100", { maxAbs: 100 }).ok).toBe(true);
    expect(tryParseDecimal("-100", { maxAbs: 100 }).ok).toBe(true);
    expect(rejection("-101", { maxAbs: 100 })).toContain("at most 100");
    expect(rejection("1.234", { maxDecimalPlaces: 2 })).toContain("more than 2 decimal places");
    expect(tryParseDecimal("1.230", { maxDecimalPlaces: 2 }).ok).toBe(true);
    expect(rejection("-0.01", { min: 0 })).toContain("≥ 0");
    expect(rejection("100.01", { max: 100 })).toContain("≤ 100");
    expect(rejection("0", { nonZero: true })).toBe("must not be zero");
    expect(rejection("-0", { nonZero: true })).toBe("must not be zero");
  });
});

describe("tryParseDecimal accepts good input", () => {
  it.each([
    ["1e-8", "0.00000001"],
    ["-0", "0"],
    ["-0.000", "0"],
    [" 12.5 ", "12.5"],
    ["+7", "7"],
    [".5", "0.5"],
    ["5.", "5"],
    ["1E3", "1000"],
    ["1e40", null],
    ["123456789012345678.123456789012345678", null],
    ["1000000000000000000", "1000000000000000000"],
    ["0.000000000000000001", "0.000000000000000001"],
    // a zero exponent is dropped before decimal.js reads it (see decimal-fields.test.ts in backtest)
    ["1.5e-0", "1.5"],
    ["-2.25E-00", "-2.25"],
    ["3e+0", "3"],
    ["-0e-0", "0"],
  ])("accepts %j", (input, wire) => {
    const r = tryParseDecimal(input, input === "1e40" ? { maxAbs: "1e40" } : {});
    expect(r.ok).toBe(true);
    if (r.ok && wire !== null) expect(toWire(r.value)).toBe(wire);
  });

  it("keeps all 36 digits of a long in-bounds value", () => {
    const s = "123456789012345678.123456789012345678";
    expect(toWire(parseDecimal(s, "x"))).toBe(s);
  });

  it("normalizes -0 to a zero that is not negative", () => {
    const d = parseDecimal("-0", "x");
    expect(d.isZero()).toBe(true);
    expect(d.isNegative()).toBe(false);
    expect(toWire(parseDecimal(-0, "x"))).toBe("0");
  });

  it("accepts finite numbers through their shortest string", () => {
    expect(toWire(parseDecimal(0.1, "x"))).toBe("0.1");
    expect(toWire(parseDecimal(1e-7, "x"))).toBe("0.0000001");
    expect(toWire(parseDecimal(0.1 + 0.2, "x"))).toBe("0.30000000000000004");
  });

  it("accepts Decimal instances, also from the plain decimal.js constructor", () => {
    expect(parseDecimal(new Decimal("2.5"), "x").equals("2.5")).toBe(true);
    // A value from another decimal.js copy is re-created with Quiver's 40-digit constructor.
    const d = parseDecimal(new DecimalJs("2.5"), "x");
    expect(d.equals("2.5")).toBe(true);
    expect(d.constructor).toBe(Decimal);
    expect(d.dividedBy(3).precision()).toBe(40);
  });
});

describe("parseDecimal", () => {
  it("throws a ValidationError naming the field", () => {
    let caught: unknown;
    try {
      parseDecimal("NaN", "order.limitPrice");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const err = caught as ValidationError;
    expect(err.code).toBe("VALIDATION");
    expect(err.paths).toEqual(["order.limitPrice"]);
    expect(err.message).toContain("order.limitPrice");
  });

  it.each(["Infinity", "", "0x10", "1e41", "1e999999"])("names the field for %j", (input) => {
    expect(() => parseDecimal(input, "positions[0].quantity")).toThrow(/positions\[0\]\.quantity/);
  });

  it("dec() parses trusted literals and throws on garbage", () => {
    expect(dec("1.5").plus(dec(2)).equals(3.5)).toBe(true);
    expect(() => dec("abc")).toThrow(ValidationError);
  });
});

describe("Decimal", () => {
  it("has 40 significant digits of precision: 1/3", () => {
    const third = new Decimal(1).dividedBy(3);
    expect(third.precision()).toBe(40);
    expect(toWire(third)).toBe(`0.${"3".repeat(40)}`);
  });

  it("uses banker's rounding", () => {
    expect(new Decimal("0.5").toDecimalPlaces(0).toFixed()).toBe("0");
    expect(new Decimal("1.5").toDecimalPlaces(0).toFixed()).toBe("2");
    expect(new Decimal("2.5").toDecimalPlaces(0).toFixed()).toBe("2");
  });

  it("sums money with 8 decimals up to 1e15 exactly (checked against bigint)", () => {
    // Amounts in units of 1e-8, |value| ≤ 1e15.
    const money = fc.bigInt({ min: -(10n ** 23n), max: 10n ** 23n });
    fc.assert(
      fc.property(fc.array(money, { minLength: 1, maxLength: 50 }), (units) => {
        const toStr = (u: bigint): string => {
          const neg = u < 0n;
          const abs = neg ? -u : u;
          const s = abs.toString().padStart(9, "0");
          return `${neg ? "-" : ""}${s.slice(0, -8)}.${s.slice(-8)}`;
        };
        let sum = ZERO;
        for (const u of units) sum = sum.plus(parseDecimal(toStr(u), "amount"));
        const expected = units.reduce((a, b) => a + b, 0n);
        expect(sum.equals(new Decimal(toStr(expected)))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("exposes shared constants", () => {
    expect(ZERO.toFixed()).toBe("0");
    expect(ONE.toFixed()).toBe("1");
    expect(HUNDRED.toFixed()).toBe("100");
    expect(isDecimal(ONE)).toBe(true);
    expect(isDecimal("1")).toBe(false);
    expect(isDecimal({ d: [1], e: 0, s: 1 })).toBe(false);
  });
});

describe("toWire", () => {
  it.each([
    ["1e-8", "0.00000001"],
    ["1e-30", `0.${"0".repeat(29)}1`],
    ["1e-50", `0.${"0".repeat(49)}1`],
    ["1e39", `1${"0".repeat(39)}`],
    ["1e60", `1${"0".repeat(60)}`],
    ["-1.23e-7", "-0.000000123"],
  ])("writes %s without an exponent", (input, wire) => {
    expect(toWire(new Decimal(input))).toBe(wire);
  });

  it("property: never emits exponent notation, even for computed values", () => {
    fc.assert(
      fc.property(decimalString(18, 18), decimalString(10, 10), (a, b) => {
        const x = new Decimal(a);
        const y = new Decimal(b);
        const results = [x.plus(y), x.times(y), x.minus(y)];
        if (!y.isZero()) results.push(x.dividedBy(y));
        for (const r of results) expect(toWire(r)).toMatch(/^-?\d+(\.\d+)?$/);
      }),
      { numRuns: 300 },
    );
  });

  it("property: parse → toWire → parse is the identity within bounds", () => {
    fc.assert(
      fc.property(decimalString(18, 18), (s) => {
        const r = tryParseDecimal(s);
        // 18 integer digits may exceed 1e18 only when the value is exactly 10^18 + something.
        if (!r.ok) {
          expect(new Decimal(s).abs().greaterThan("1e18")).toBe(true);
          return;
        }
        const wire = toWire(r.value);
        expect(wire).toMatch(/^-?\d+(\.\d+)?$/);
        const again = parseDecimal(wire, "x");
        expect(again.equals(r.value)).toBe(true);
        expect(toWire(again)).toBe(wire);
        expect(again.equals(new Decimal(s))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("property: exponent forms within ±40 parse to the same value as their plain form", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: -12, max: 12 }), (m, e) => {
        const r = tryParseDecimal(`${m}e${e}`);
        expect(r.ok).toBe(true);
        if (r.ok)
          expect(
            parseDecimal(toWire(r.value), "x").equals(new Decimal(m).times(new Decimal(10).pow(e))),
          ).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
