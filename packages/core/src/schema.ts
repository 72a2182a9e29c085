// zod building blocks shared by every schema: decimals, instants, ids, and error conversion.
import { z } from "zod";
import { type Decimal, type DecimalParseOptions, isDecimal, tryParseDecimal } from "./decimal.js";
import { ValidationError, type ValidationIssue } from "./errors.js";
import { isTimeframe } from "./time/timeframe.js";

/**
 * A zod schema that accepts a decimal string, a finite number or a Decimal and outputs a
 * Decimal, applying {@link tryParseDecimal}'s rules (no NaN/Infinity/empty/exponent abuse).
 */
export function decimalSchema(options: DecimalParseOptions = {}) {
  return z
    .union([z.string(), z.number(), z.custom<Decimal>((v) => isDecimal(v), { message: "must be a decimal" })])
    .transform((value, ctx): Decimal => {
      const r = tryParseDecimal(value, options);
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: r.message });
        return z.NEVER;
      }
      return r.value;
    });
}

/** Any decimal (may be negative). */
export const DecimalSchema = decimalSchema();
/** A decimal ≥ 0 (quantities, fees, prices). */
export const NonNegativeDecimalSchema = decimalSchema({ min: 0 });
/** A decimal > 0. */
export const PositiveDecimalSchema = decimalSchema({ min: 0, nonZero: true });
/** A binary-contract price in cents, 0–100 inclusive. */
export const PriceCentsSchema = decimalSchema({ min: 0, max: 100, maxDecimalPlaces: 4 });

/** An instant as epoch milliseconds (UTC), a non-negative safe integer. */
export const EpochMsSchema = z.number().int().nonnegative().max(8_640_000_000_000_000);
/** A non-empty identifier without control characters, at most 128 characters. */
export const IdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^\u0000-\u001f\u007f]+$/, "must not contain control characters");
/** A timeframe string such as "5m" or "1d". */
export const TimeframeSchema = z
  .string()
  .refine(isTimeframe, { message: 'must be a timeframe like "5m", "1h", "1d"' });
/** A probability-like confidence in [0, 1]. */
export const ConfidenceSchema = z.number().min(0).max(1);
/** Free-form, JSON-serializable metadata. */
export const MetadataSchema = z.record(z.string(), z.unknown());

/**
 * Converts zod issues to Quiver's `{ path, message }` with dotted paths (`orders[2].price`).
 * An unknown key of a strict object becomes one issue per key whose path ends with that key
 * (`risk.maxLos: Unrecognized key: "maxLos"`), so the path always names the offending field.
 */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        out.push({ path: formatPath([...issue.path, key]), message: `Unrecognized key: "${key}"` });
    } else {
      out.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return out;
}

/** Formats a zod path as `a.b[0].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * Validates `input` with `schema` and returns the parsed value, or throws a ValidationError
 * whose message names every offending field. `what` names the thing ("Order", "risk config").
 *
 * @example const order = parseWith(OrderSchema, json, "Order");
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(what, toValidationIssues(r.error), { cause: r.error });
  return r.data;
}
