// Tests of safe config loading: prototype-pollution keys refused, strict schemas, YAML and JSON.
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { assertNoPrototypeKeys, loadConfig, parseConfigText, validateConfig } from "./config.js";
import { Decimal, isDecimal } from "./decimal.js";
import { ConfigError, ValidationError } from "./errors.js";
import { decimalSchema } from "./schema.js";

const RiskConfigSchema = z.strictObject({
  maxExposurePct: z.number().min(0).max(100),
  maxLossUsd: decimalSchema({ min: 0 }),
  strategies: z
    .array(z.strictObject({ id: z.string().min(1), priority: z.number().int().default(0) }))
    .default([]),
  limits: z.strictObject({ perAssetPct: z.number() }).optional(),
});

function configError(fn: () => unknown): ConfigError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  expect((caught as ConfigError).code).toBe("CONFIG");
  return caught as ConfigError;
}

function prototypeIsClean(): void {
  const probe: Record<string, unknown> = {};
  expect(probe["polluted"]).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty("polluted");
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
  expect(Array.prototype).not.toHaveProperty("polluted");
}

afterEach(prototypeIsClean);

describe("prototype-pollution keys are refused (RELIABILITY #20)", () => {
  it.each([
    ["top-level __proto__", '{"__proto__": {"polluted": true}}', "__proto__"],
    ["nested __proto__", '{"a": {"b": {"__proto__": {"polluted": true}}}}', "a.b.__proto__"],
    ["constructor.prototype", '{"constructor": {"prototype": {"polluted": true}}}', "constructor"],
    ["nested constructor", '{"risk": {"constructor": {"prototype": {"polluted": 1}}}}', "risk.constructor"],
    ["prototype key", '{"x": {"prototype": {"polluted": 1}}}', "x.prototype"],
    [
      "inside an array",
      '{"strategies": [{"id": "a"}, {"__proto__": {"polluted": 1}}]}',
      "strategies[1].__proto__",
    ],
    ["array at the root", '[{"ok": 1}, {"constructor": {"polluted": 1}}]', "[1].constructor"],
  ])("JSON: %s", (_name, text, path) => {
    const err = configError(() => parseConfigText(text, "json"));
    expect(err.details).toEqual({ path });
    expect(err.message).toContain(path);
    prototypeIsClean();
  });

  it.each([
    ["top-level __proto__", "__proto__:\n  polluted: true\n", "__proto__"],
    ["nested __proto__", "a:\n  b:\n    __proto__:\n      polluted: true\n", "a.b.__proto__"],
    ["constructor.prototype", "constructor:\n  prototype:\n    polluted: true\n", "constructor"],
    ["flow mapping", "risk: { constructor: { prototype: { polluted: 1 } } }\n", "risk.constructor"],
    ["prototype key", "x:\n  prototype:\n    polluted: 1\n", "x.prototype"],
    [
      "inside a sequence",
      "strategies:\n  - id: a\n  - __proto__:\n      polluted: 1\n",
      "strategies[1].__proto__",
    ],
    ["quoted key", '"__proto__":\n  polluted: 1\n', "__proto__"],
  ])("YAML: %s", (_name, text, path) => {
    const err = configError(() => parseConfigText(text, "yaml"));
    expect(err.details).toEqual({ path });
    expect(err.message).toContain(path);
    prototypeIsClean();
  });

  it("loadConfig refuses the key before validating", () => {
    const text = '{"maxExposurePct": 10, "maxLossUsd": "5", "__proto__": {"polluted": true}}';
    configError(() => loadConfig(RiskConfigSchema, text, "json", "risk config"));
  });

  it("validateConfig guards objects built in code (own __proto__ key from JSON.parse)", () => {
    const value = JSON.parse('{"maxExposurePct": 10, "maxLossUsd": "5", "limits": {"constructor": {}}}');
    expect(configError(() => validateConfig(RiskConfigSchema, value)).details).toEqual({
      path: "limits.constructor",
    });
  });

  it("assertNoPrototypeKeys accepts ordinary data and primitives", () => {
    expect(() =>
      assertNoPrototypeKeys({ a: [1, { b: null }], proto: 1, constructorName: "x" }),
    ).not.toThrow();
    expect(() => assertNoPrototypeKeys(null)).not.toThrow();
    expect(() => assertNoPrototypeKeys("__proto__")).not.toThrow();
    expect(() => assertNoPrototypeKeys(["constructor"])).not.toThrow();
  });
});

describe("strict validation", () => {
  it("rejects an unknown top-level key, naming it", () => {
    let caught: unknown;
    try {
      loadConfig(
        RiskConfigSchema,
        '{"maxExposurePct": 10, "maxLossUsd": "5", "maxLos": 3}',
        "json",
        "risk config",
      );
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const err = caught as ValidationError;
    expect(err.paths).toEqual(["maxLos"]);
    expect(err.message).toContain("risk config");
    expect(err.message).toContain('maxLos: Unrecognized key: "maxLos"');
  });

  it("rejects unknown nested keys and bad values, naming every path", () => {
    const yaml = [
      "maxExposurePct: 150",
      'maxLossUsd: "NaN"',
      "strategies:",
      "  - id: a",
      "    priorty: 2",
      "limits:",
      "  perAssetPct: 5",
      "  extra: true",
      "  other: 1",
    ].join("\n");
    let caught: unknown;
    try {
      loadConfig(RiskConfigSchema, yaml, "yaml");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).paths.sort()).toEqual(
      ["limits.extra", "limits.other", "maxExposurePct", "maxLossUsd", "strategies[0].priorty"].sort(),
    );
  });

  it("loads valid YAML into typed values", () => {
    const yaml = [
      "# risk settings",
      "maxExposurePct: 25.5",
      'maxLossUsd: "1000.50"',
      "strategies:",
      "  - id: trend_v1",
      "    priority: 2",
      "  - id: meanrev",
      "limits: { perAssetPct: 10 }",
    ].join("\n");
    const cfg = loadConfig(RiskConfigSchema, yaml, "yaml");
    expect(cfg.maxExposurePct).toBe(25.5);
    expect(isDecimal(cfg.maxLossUsd)).toBe(true);
    expect(cfg.maxLossUsd.toFixed()).toBe("1000.5");
    expect(cfg.strategies).toEqual([
      { id: "trend_v1", priority: 2 },
      { id: "meanrev", priority: 0 },
    ]);
    expect(cfg.limits).toEqual({ perAssetPct: 10 });
  });

  it("loads valid JSON, and JSON is the default format", () => {
    const cfg = loadConfig(RiskConfigSchema, '{"maxExposurePct": 0, "maxLossUsd": 12}');
    expect(cfg.maxLossUsd.equals(12)).toBe(true);
    expect(cfg.strategies).toEqual([]);
  });

  it("validateConfig accepts Decimal values built in code", () => {
    const cfg = validateConfig(RiskConfigSchema, { maxExposurePct: 5, maxLossUsd: new Decimal("250.25") });
    expect(cfg.maxLossUsd.toFixed()).toBe("250.25");
  });
});

describe("unparsable text", () => {
  it("invalid JSON is a ConfigError with the parser error as cause", () => {
    const err = configError(() => parseConfigText("{maxExposurePct: 10", "json"));
    expect(err.message).toMatch(/^Config is not valid JSON/);
    expect(err.cause).toBeInstanceOf(SyntaxError);
  });

  it("invalid YAML is a ConfigError", () => {
    expect(configError(() => parseConfigText("a: [1, 2\nb: }", "yaml")).message).toMatch(
      /^Config is not valid YAML/,
    );
  });

  it("a YAML alias bomb is refused instead of expanding", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
      "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]",
    ].join("\n");
    configError(() => parseConfigText(bomb, "yaml"));
  });
});
