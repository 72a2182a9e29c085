// Tests of the shared zod building blocks: decimal fields, ids, instants, path formatting, parseWith.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Decimal } from "./decimal.js";
import { ValidationError } from "./errors.js";
import {
  ConfidenceSchema,
  DecimalSchema,
  EpochMsSchema,
  IdSchema,
  MetadataSchema,
  NonNegativeDecimalSchema,
  PositiveDecimalSchema,
  PriceCentsSchema,
  TimeframeSchema,
  decimalSchema,
  formatPath,
  parseWith,
  toValidationIssues,
} from "./schema.js";

function issuesOf(schema: z.ZodType, input: unknown): Array<{ path: string; message: string }> {
  const r = schema.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? [] : toValidationIssues(r.error);
}

describe("decimal schemas", () => {
  it("output Decimals from strings, numbers and Decimals", () => {
    expect(DecimalSchema.parse("-1.5")).toBeInstanceOf(Decimal);
    expect(DecimalSchema.parse(2).toFixed()).toBe("2");
    expect(DecimalSchema.parse(new Decimal("3.25")).toFixed()).toBe("3.25");
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, "NaN", "", "1e999999", true, null, {}])(
    "reject %s",
    (input) => {
      expect(DecimalSchema.safeParse(input).success).toBe(false);
    },
  );

  it("enforce sign rules", () => {
    expect(NonNegativeDecimalSchema.safeParse("0").success).toBe(true);
    expect(NonNegativeDecimalSchema.safeParse("-0.00000001").success).toBe(false);
    expect(PositiveDecimalSchema.safeParse("0").success).toBe(false);
    expect(PositiveDecimalSchema.safeParse("0.00000001").success).toBe(true);
  });

  it("PriceCentsSchema accepts 0–100 with at most 4 decimals", () => {
    for (const ok of ["0", "100", "40", "99.9999", 0.5])
      expect(PriceCentsSchema.safeParse(ok).success).toBe(true);
    for (const bad of ["-0.01", "100.01", "50.00001", "1e3"])
      expect(PriceCentsSchema.safeParse(bad).success).toBe(false);
  });

  it("decimalSchema options carry through", () => {
    const s = decimalSchema({ max: 10, maxDecimalPlaces: 2 });
    expect(s.parse("9.99").toFixed()).toBe("9.99");
    expect(issuesOf(s, "10.5")[0]?.message).toContain("≤ 10");
    expect(issuesOf(s, "1.234")[0]?.message).toContain("decimal places");
  });
});

describe("primitive schemas", () => {
  it("EpochMsSchema takes non-negative integer milliseconds", () => {
    expect(EpochMsSchema.safeParse(0).success).toBe(true);
    expect(EpochMsSchema.safeParse(1_700_000_000_000).success).toBe(true);
    for (const bad of [-1, 1.5, Number.NaN, "0", 8_640_000_000_000_001])
      expect(EpochMsSchema.safeParse(bad).success).toBe(false);
  });

  it("IdSchema takes 1–128 characters without control characters", () => {
    expect(IdSchema.safeParse("trend_v1:ETH/BTC:1515560100000").success).toBe(true);
    for (const bad of ["", "x".repeat(129), "a\u0000b", "a\nb", "a\u007fb"])
      expect(IdSchema.safeParse(bad).success).toBe(false);
  });

  it("TimeframeSchema and ConfidenceSchema", () => {
    expect(TimeframeSchema.safeParse("15m").success).toBe(true);
    expect(TimeframeSchema.safeParse("7m").success).toBe(false);
    expect(ConfidenceSchema.safeParse(0).success).toBe(true);
    expect(ConfidenceSchema.safeParse(1.0001).success).toBe(false);
    expect(MetadataSchema.safeParse({ a: [1] }).success).toBe(true);
    expect(MetadataSchema.safeParse([1]).success).toBe(false);
  });
});

describe("formatPath / toValidationIssues", () => {
  it("formats dotted paths with array indices", () => {
    expect(formatPath([])).toBe("");
    expect(formatPath(["orders", 2, "price"])).toBe("orders[2].price");
    expect(formatPath([0, "a"])).toBe("[0].a");
    expect(formatPath(["a", 0, 1, "b"])).toBe("a[0][1].b");
  });

  it("names each unknown key of a strict object in its path", () => {
    const schema = z.strictObject({ a: z.number(), b: z.strictObject({ c: z.number() }) });
    const issues = issuesOf(schema, { a: 1, x: 2, y: 3, b: { c: 1, z: 4 } });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: "x", message: 'Unrecognized key: "x"' },
        { path: "y", message: 'Unrecognized key: "y"' },
        { path: "b.z", message: 'Unrecognized key: "z"' },
      ]),
    );
    expect(issues).toHaveLength(3);
  });
});

describe("parseWith", () => {
  const Schema = z.strictObject({
    limitPrice: PositiveDecimalSchema,
    positions: z.array(z.strictObject({ quantity: DecimalSchema })),
  });

  it("returns the parsed value", () => {
    const v = parseWith(Schema, { limitPrice: "1.5", positions: [{ quantity: "-2" }] }, "Order");
    expect(v.positions[0]?.quantity.toFixed()).toBe("-2");
  });

  it("throws a ValidationError naming every offending path, with the zod error as cause", () => {
    let caught: unknown;
    try {
      parseWith(Schema, { limitPrice: "0", positions: [{ quantity: "1" }, { quantity: "NaN" }] }, "Order");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const err = caught as ValidationError;
    expect(err.paths).toEqual(["limitPrice", "positions[1].quantity"]);
    expect(err.message).toMatch(/^Invalid Order: limitPrice: .*; positions\[1\]\.quantity: /);
    expect(err.cause).toBeInstanceOf(z.ZodError);
  });

  it("does not echo input values into the serialized error", () => {
    const Creds = z.strictObject({ apiKey: z.number() });
    let caught: unknown;
    try {
      parseWith(Creds, { apiKey: "SECRET-123" }, "credentials");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect(JSON.stringify(caught)).not.toContain("SECRET-123");
    expect((caught as ValidationError).paths).toEqual(["apiKey"]);
  });
});
