// Tests for the zod-free order guards: they must agree with the schemas they are derived from.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../decimal.js";
import { IdSchema, NonNegativeDecimalSchema, PositiveDecimalSchema } from "../schema.js";
import {
  ORDER_KEYS,
  ORDER_REQUEST_KEYS,
  isBoundedDecimal,
  isPlainRecord,
  isValidId,
} from "./order-guards.js";

describe("order guards", () => {
  it("request keys are a subset of order keys, and orders add the venue fields", () => {
    for (const k of ORDER_REQUEST_KEYS) expect(ORDER_KEYS.has(k)).toBe(true);
    expect([...ORDER_KEYS].filter((k) => !ORDER_REQUEST_KEYS.has(k))).toEqual(
      expect.arrayContaining(["orderId", "status", "filledQuantity", "createdAt", "updatedAt"]),
    );
  });

  it("isBoundedDecimal agrees with the positive and non-negative decimal schemas on Decimals", () => {
    const decimals = fc.oneof(
      fc.constantFrom(
        "0",
        "-0",
        "1e18",
        "1.000000000000000001e18",
        "999999999999999999.999999999999999999",
        "1e17",
        "-1e18",
        "0.000000000000000001",
        "1e-19",
        "-1",
      ),
      fc.bigInt({ min: 0n, max: 10n ** 20n }).map((n) => `${n}.5`),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => String(n)),
    );
    fc.assert(
      fc.property(decimals, (text) => {
        const d = new Decimal(text);
        expect(isBoundedDecimal(d, true)).toBe(PositiveDecimalSchema.safeParse(d).success);
        expect(isBoundedDecimal(d, false)).toBe(NonNegativeDecimalSchema.safeParse(d).success && !d.isNeg());
      }),
      { numRuns: 300 },
    );
  });

  it("isValidId agrees with IdSchema on any string (control characters, lengths, lone surrogates) and non-string", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 140 }),
          fc.string({ unit: "binary", maxLength: 12 }),
          fc.string({ unit: "binary", minLength: 120, maxLength: 135 }),
          // 64–130 code points of which some are surrogate pairs: 128 code points may take 256 units
          fc.string({
            unit: fc.constantFrom("z", "\u{1f600}", "\ud800", "\udc00"),
            minLength: 64,
            maxLength: 130,
          }),
          fc.string({
            unit: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
            maxLength: 8,
          }),
          fc.constantFrom(
            "z".repeat(128),
            "z".repeat(129),
            "",
            "\u001f",
            "\u0020",
            "\u007f",
            "\u0080",
            "\ud800",
          ),
          fc.anything(),
        ),
        (v) => {
          expect(isValidId(v)).toBe(IdSchema.safeParse(v).success);
        },
      ),
      { numRuns: 1500 },
    );
    expect(isValidId(42)).toBe(false);
    // zod counts code points: 128 emoji (256 UTF-16 units) is an id, 129 is not
    expect(isValidId("\u{1f600}".repeat(128))).toBe(true);
    expect(isValidId("\u{1f600}".repeat(129))).toBe(false);
  }, 30_000);

  it("isPlainRecord accepts plain and null-prototype objects only", () => {
    expect(isPlainRecord({ a: 1 })).toBe(true);
    expect(isPlainRecord(Object.create(null))).toBe(true);
    expect(isPlainRecord([])).toBe(false);
    expect(isPlainRecord(new Map())).toBe(false);
    expect(isPlainRecord(null)).toBe(false);
  });
});
