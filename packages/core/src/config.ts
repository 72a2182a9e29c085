// Safe config loading: JSON/YAML text → plain object with no prototype pollution → strict zod validation.
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { isDecimal } from "./decimal.js";
import { ConfigError } from "./errors.js";
import { parseWith } from "./schema.js";

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Rejects any object key `__proto__`, `constructor` or `prototype`, anywhere in the tree
 * (secure-json-parse's rule, stricter: `constructor` is never a config key here).
 * @throws ConfigError naming the path of the first offending key.
 */
export function assertNoPrototypeKeys(value: unknown, path = ""): void {
  // Decimals carry an own `constructor` key; they are values, not config objects.
  if (value === null || typeof value !== "object" || isDecimal(value)) return;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) assertNoPrototypeKeys(v, `${path}[${i}]`);
    return;
  }
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (FORBIDDEN.has(key))
      throw new ConfigError(`Refusing config key "${key}" at ${here}`, { details: { path: here } });
    assertNoPrototypeKeys((value as Record<string, unknown>)[key], here);
  }
}

/**
 * Parses JSON or YAML text into plain data. JSON.parse and the yaml parser create `__proto__` as
 * an own property (they never assign the prototype), and the key check then refuses it.
 * @throws ConfigError on unparsable text or forbidden keys.
 */
export function parseConfigText(text: string, format: "json" | "yaml" = "json"): unknown {
  let data: unknown;
  try {
    data = format === "json" ? JSON.parse(text) : parseYaml(text, { merge: false, maxAliasCount: 100 });
  } catch (cause) {
    throw new ConfigError(`Config is not valid ${format.toUpperCase()}: ${(cause as Error).message}`, {
      cause,
    });
  }
  assertNoPrototypeKeys(data);
  return data;
}

/**
 * Parses and validates config text with a (strict) zod schema.
 * @throws ConfigError for unsafe/unparsable text, ValidationError naming each bad field.
 * @example const cfg = loadConfig(RiskConfigSchema, text, "yaml", "risk config")
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  text: string,
  format: "json" | "yaml" = "json",
  what = "config",
): z.output<S> {
  return parseWith(schema, parseConfigText(text, format), what);
}

/** Validates an already-parsed object (e.g. from code) with the same prototype guard. */
export function validateConfig<S extends z.ZodType>(schema: S, value: unknown, what = "config"): z.output<S> {
  assertNoPrototypeKeys(value);
  return parseWith(schema, value, what);
}
