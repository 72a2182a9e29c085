// Test helpers for schemas: wire → domain → wire round trips and path-naming bad-input checks.
import { expect } from "vitest";
import type { z } from "zod";
import { ValidationError } from "../src/errors.js";
import { toJsonValue } from "../src/json.js";
import { parseWith } from "../src/schema.js";

/** Walks plain data and fails if anything is not JSON data (a Decimal, Map, function …). */
function expectPlainJson(value: unknown, path = "$"): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    expect(Number.isFinite(value), `${path} is a finite number`).toBe(true);
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) expectPlainJson(v, `${path}[${i}]`);
    return;
  }
  expect(typeof value, `${path} is an object`).toBe("object");
  expect(Object.getPrototypeOf(value), `${path} is a plain object`).toBe(Object.prototype);
  for (const [k, v] of Object.entries(value as object)) expectPlainJson(v, `${path}.${k}`);
}

/**
 * Parses wire input, converts the domain value back to the wire with `toJsonValue`, parses again
 * and checks that both domain values are equal and that the JSON text is stable. Returns the
 * first domain value for further assertions.
 */
export function expectRoundTrip<S extends z.ZodType>(schema: S, wire: unknown, what = "value"): z.output<S> {
  const domain = parseWith(schema, wire, what);
  const json1 = toJsonValue(domain);
  expectPlainJson(json1);
  const text1 = JSON.stringify(json1);
  // Decimals travel as plain decimal strings, never in exponent notation.
  expect(text1).not.toMatch(/"-?\d+(\.\d+)?e[+-]?\d+"/i);
  const domain2 = parseWith(schema, JSON.parse(text1), what);
  expect(domain2).toEqual(domain);
  const text2 = JSON.stringify(toJsonValue(domain2));
  expect(text2).toBe(text1);
  return domain;
}

/** Expects `parseWith` to throw a ValidationError whose paths and message name every `paths`. */
export function expectInvalidAt<S extends z.ZodType>(
  schema: S,
  input: unknown,
  ...paths: string[]
): ValidationError {
  let caught: unknown;
  try {
    parseWith(schema, input, "input");
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  const err = caught as ValidationError;
  expect(err.code).toBe("VALIDATION");
  for (const p of paths) {
    expect(err.paths).toContain(p);
    expect(err.message).toContain(`${p}:`);
  }
  return err;
}

/** A shallow copy of `base` with `patch` applied; keys whose patch value is `undefined` are removed. */
export function withFields(
  base: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}
