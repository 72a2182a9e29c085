// Strategy config validation for the example (strict: unknown keys refused, every bad field named).
import { ValidationError, type ValidationIssue, assertNoPrototypeKeys, isTimeframe } from "@quiver/core";

/** The shape of one field: its kind, default and bounds. */
export type FieldSpec =
  | { kind: "int" | "number"; default?: number; min?: number; max?: number }
  | { kind: "string"; default?: string }
  | { kind: "timeframe"; default?: string }
  | { kind: "ids" };

/**
 * Validates a plain config object against `fields` (this example has no direct zod dependency, so it
 * does by hand what a strict zod object does): unknown keys and prototype keys are refused, defaults
 * are applied, and every problem is reported with its field name in one ValidationError.
 */
export function validateFields<T>(what: string, input: unknown, fields: Record<string, FieldSpec>): T {
  assertNoPrototypeKeys(input);
  const issues: ValidationIssue[] = [];
  if (input === null || typeof input !== "object" || Array.isArray(input))
    throw new ValidationError(what, [{ path: "", message: "must be an object" }]);
  const src = input as Record<string, unknown>;
  for (const key of Object.keys(src))
    if (!(key in fields)) issues.push({ path: key, message: "unknown key" });
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(fields)) {
    const v = src[key] === undefined && "default" in spec ? spec.default : src[key];
    if (v === undefined) {
      issues.push({ path: key, message: "is required" });
      continue;
    }
    switch (spec.kind) {
      case "int":
      case "number":
        if (typeof v !== "number" || !Number.isFinite(v) || (spec.kind === "int" && !Number.isInteger(v)))
          issues.push({
            path: key,
            message: `must be ${spec.kind === "int" ? "an integer" : "a finite number"}`,
          });
        else if (spec.min !== undefined && v < spec.min)
          issues.push({ path: key, message: `must be ≥ ${spec.min}` });
        else if (spec.max !== undefined && v > spec.max)
          issues.push({ path: key, message: `must be ≤ ${spec.max}` });
        break;
      case "string":
        if (typeof v !== "string" || v === "")
          issues.push({ path: key, message: "must be a non-empty string" });
        break;
      case "timeframe":
        if (!isTimeframe(v)) issues.push({ path: key, message: 'must be a timeframe like "5m"' });
        break;
      case "ids":
        if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== "string" || x === ""))
          issues.push({ path: key, message: "must be a non-empty array of ids" });
        break;
    }
    out[key] = Array.isArray(v) ? [...v] : v;
  }
  if (issues.length > 0) throw new ValidationError(what, issues);
  return Object.freeze(out) as T;
}
