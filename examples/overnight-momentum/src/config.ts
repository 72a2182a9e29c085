// A tiny config validator for the example strategies (examples depend only on @quiver packages, not zod).
import { type Decimal, ValidationError, type ValidationIssue, tryParseDecimal } from "@quiver/core";

/** One field's rule: its type, bounds and default. */
export type FieldSpec =
  | { kind: "string"; default: string }
  | { kind: "int"; default: number; min?: number; max?: number }
  | { kind: "number"; default: number; min?: number; max?: number; exclusiveMin?: number }
  | { kind: "decimal"; default: string; positive?: boolean }
  | { kind: "strings"; default: readonly string[] };

type ValueOf<F extends FieldSpec> = F extends { kind: "string" }
  ? string
  : F extends { kind: "int" | "number" }
    ? number
    : F extends { kind: "decimal" }
      ? Decimal
      : readonly string[];

/** The validated config of a spec. */
export type ConfigOf<S extends Record<string, FieldSpec>> = { readonly [K in keyof S]: ValueOf<S[K]> };

/**
 * Validates `input` against `spec`: unknown keys are refused, missing keys take their default,
 * every bad field is reported at once.
 *
 * @throws ValidationError naming each offending field (`what.field`).
 */
export function parseConfig<S extends Record<string, FieldSpec>>(
  what: string,
  spec: S,
  input: Readonly<Record<string, unknown>>,
): ConfigOf<S> {
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(spec, key)) issues.push({ path: key, message: "unknown key" });
  }
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(spec)) {
    const raw = Object.hasOwn(input, key) ? input[key] : undefined;
    const value = raw === undefined ? field.default : raw;
    switch (field.kind) {
      case "string":
        if (typeof value !== "string" || value === "")
          issues.push({ path: key, message: "must be a non-empty string" });
        else out[key] = value;
        break;
      case "int":
      case "number": {
        const ok =
          typeof value === "number" &&
          Number.isFinite(value) &&
          (field.kind === "number" || Number.isInteger(value)) &&
          (field.min === undefined || value >= field.min) &&
          (field.max === undefined || value <= field.max) &&
          (field.kind !== "number" || field.exclusiveMin === undefined || value > field.exclusiveMin);
        if (!ok) issues.push({ path: key, message: `must be ${describe(field)}, got ${String(value)}` });
        else out[key] = value;
        break;
      }
      case "decimal": {
        const r = tryParseDecimal(value, field.positive ? { min: 0, nonZero: true } : {});
        if (!r.ok) issues.push({ path: key, message: r.message });
        else out[key] = r.value;
        break;
      }
      case "strings":
        if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v === "")) {
          issues.push({ path: key, message: "must be an array of non-empty strings" });
        } else out[key] = Object.freeze([...value]);
        break;
    }
  }
  if (issues.length > 0) throw new ValidationError(what, issues);
  return Object.freeze(out) as ConfigOf<S>;
}

function describe(field: { kind: string; min?: number; max?: number; exclusiveMin?: number }): string {
  const parts = [field.kind === "int" ? "an integer" : "a finite number"];
  if (field.min !== undefined) parts.push(`≥ ${field.min}`);
  if (field.exclusiveMin !== undefined) parts.push(`> ${field.exclusiveMin}`);
  if (field.max !== undefined) parts.push(`≤ ${field.max}`);
  return parts.join(" ");
}
