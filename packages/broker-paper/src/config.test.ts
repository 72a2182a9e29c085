// Config validation: strict schema, defaults, and errors that name the offending field.
import { ValidationError, QuiverError } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { KX, NVDA } from "../test/fixtures.js";
import { PaperBrokerConfigSchema, createPaperBroker } from "./index.js";

function paths(config: unknown): string[] {
  try {
    createPaperBroker(config as never);
  } catch (e) {
    if (e instanceof ValidationError) return e.paths;
    if (QuiverError.isInstance(e)) return [e.code];
    throw e;
  }
  return [];
}

const base = { currency: "USD", initialCash: "1000", instruments: [NVDA] };

describe("PaperBrokerConfigSchema", () => {
  it("fills defaults", () => {
    const c = PaperBrokerConfigSchema.parse(base);
    expect(c).toMatchObject({
      id: "paper",
      fillAt: "next_open",
      slippageBps: 0,
      spreadBps: 0,
      feeBps: 0,
      latencyMs: 0,
      allowShort: false,
      seed: 0,
      timeZone: "UTC",
      faults: [],
    });
    expect(c.feePerOrder.toFixed()).toBe("0");
    expect(c.maxVolumeParticipation).toBeUndefined();
  });

  it("names every bad field", () => {
    expect(paths({ ...base, currency: undefined })).toEqual(["currency"]);
    expect(paths({ ...base, initialCash: "-5" })).toEqual(["initialCash"]);
    expect(paths({ ...base, instruments: [{ ...NVDA, tickSize: "0" }] })).toEqual([
      "instruments[0].tickSize",
    ]);
    expect(paths({ ...base, instruments: [NVDA, NVDA] })).toEqual(["instruments[1].id"]);
    expect(paths({ ...base, maxVolumeParticipation: 0 })).toEqual(["maxVolumeParticipation"]);
    expect(paths({ ...base, maxVolumeParticipation: 1.5 })).toEqual(["maxVolumeParticipation"]);
    expect(paths({ ...base, slippageBps: Number.NaN })).toEqual(["slippageBps"]);
    expect(paths({ ...base, fillAt: "open" })).toEqual(["fillAt"]);
    expect(paths({ ...base, timeZone: "Mars/Base" })).toEqual(["timeZone"]);
    expect(paths({ ...base, clock: {} })).toEqual(["clock"]);
    expect(paths({ ...base, faults: [{ kind: "explode" }] })).toEqual(["faults[0].kind"]);
    expect(paths({ ...base, faults: [{ kind: "reject", times: 0 }] })).toEqual(["faults[0].times"]);
    expect(paths({ ...base, latencyMs: 1.5, feeBps: -1 }).sort()).toEqual(["feeBps", "latencyMs"]);
  });

  it("refuses unknown keys and prototype keys", () => {
    expect(paths({ ...base, slipageBps: 3 })).toEqual(["slipageBps"]);
    expect(
      paths(JSON.parse(`{"currency":"USD","initialCash":"1","instruments":[],"__proto__":{"x":1}}`)),
    ).toEqual(["CONFIG"]);
  });

  it("accepts a full config", () => {
    const b = createPaperBroker({
      ...base,
      id: "sim",
      instruments: [NVDA, KX],
      fillAt: "close",
      slippageBps: 2,
      spreadBps: 1,
      feeBps: 5,
      feePerOrder: "0.5",
      maxVolumeParticipation: 0.25,
      latencyMs: 100,
      allowShort: true,
      seed: 7,
      faults: [{ kind: "reject", callIndex: 3, reason: "venue_halted" }],
    });
    expect(b.id).toBe("sim");
    expect(b.fillAt).toBe("close");
  });
});
