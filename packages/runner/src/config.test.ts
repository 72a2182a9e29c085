// Runner config: seed defaults, strict keys, prototype guard, unknown strategy ids.
import { ConfigError, ValidationError } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { parseRunnerConfig } from "./config.js";

describe("parseRunnerConfig", () => {
  it("applies the seed defaults", () => {
    const c = parseRunnerConfig({});
    expect(c).toMatchObject({
      mode: "event",
      consensusWindowMs: 60_000,
      lock: { waitMs: 30_000, ttlMs: 240_000 },
      executionTimeoutMs: 240_000,
      signalRingSize: 500,
      consensusRingSize: 100,
      maxHistoryBars: 1000,
      syncMaxAgeMs: 30_000,
      retry: { maxAttempts: 3 },
    });
  });

  it("refuses unknown keys, naming the path", () => {
    expect(() => parseRunnerConfig({ lock: { waitMS: 1 } })).toThrow(ValidationError);
    try {
      parseRunnerConfig({ consensusWindow: 1 });
    } catch (e) {
      expect((e as ValidationError).message).toMatch(/consensusWindow/);
    }
  });

  it("refuses __proto__ keys and leaves Object.prototype alone", () => {
    const evil = JSON.parse('{"toggles": {"__proto__": {"polluted": true}}}');
    expect(() => parseRunnerConfig(evil)).toThrow(ConfigError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses toggles, owners and schedules naming unknown strategies, and bad time zones", () => {
    expect(() => parseRunnerConfig({ toggles: { ghost: { enabled: false } } }, ["omr"])).toThrow(
      /toggles.ghost/,
    );
    expect(() => parseRunnerConfig({ symbolOwnership: { TQQQ: "ghost" } }, ["omr"])).toThrow(
      /symbolOwnership/,
    );
    expect(() =>
      parseRunnerConfig({
        schedules: [{ kind: "daily", id: "x", time: "15:55", timeZone: "Mars/Base", strategies: ["omr"] }],
      }),
    ).toThrow(/time zone/);
    expect(() =>
      parseRunnerConfig({
        schedules: [{ kind: "daily", id: "x", time: "25:00", timeZone: "UTC", strategies: ["omr"] }],
      }),
    ).toThrow(/HH:MM/);
  });
});
