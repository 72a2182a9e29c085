// RLM_NO and S013 signal rules on hand-made minutes: what fires, what does not, re-entry sizing.
import { type Bar, Decimal } from "@quiver/core";
import { createStrategyContext } from "@quiver/testkit";
import { describe, expect, it } from "vitest";
import type { TapeMinute } from "../generate-markets.js";
import { RlmNo } from "./rlm-no.js";
import { S013 } from "./s013.js";

const T0 = Date.UTC(2025, 0, 6, 14, 0);
const bar = (i: number, close: number, id = "MKT"): Bar => ({
  instrumentId: id,
  timeframe: "1m",
  openTime: T0 + i * 60_000,
  closeTime: T0 + (i + 1) * 60_000,
  open: close,
  high: close,
  low: close,
  close,
  volume: 100,
  closed: true,
});

function feed(
  s: RlmNo | S013,
  closes: readonly number[],
  held = 0,
): Array<{ i: number; intent: ReturnType<RlmNo["generateIntents"]>[number] }> {
  const out: Array<{ i: number; intent: ReturnType<RlmNo["generateIntents"]>[number] }> = [];
  closes.forEach((c, i) => {
    const b = bar(i, c);
    s.onBar(b);
    for (const intent of s.generateIntents(
      createStrategyContext({ strategyId: s.id, bars: [b], positions: { MKT: new Decimal(held) } }),
    )) {
      out.push({ i, intent });
    }
  });
  return out;
}

const slide = Array.from({ length: 30 }, (_, i) => 60 - i); // YES falls 1 cent a minute

describe("RlmNo (seed 000 RLM_NO)", () => {
  const tapeOf =
    (yesRatio: number) =>
    (_id: string, _t: number): TapeMinute => ({
      yesContracts: 100 * yesRatio,
      noContracts: 100 * (1 - yesRatio),
    });

  it("buys NO when the public buys YES while the YES price falls", () => {
    const got = feed(new RlmNo({ universe: ["MKT"] }, tapeOf(0.75)), slide);
    expect(got.length).toBeGreaterThan(0);
    expect(got[0]!.i).toBe(10); // first full 10-minute window
    expect(got[0]!.intent).toMatchObject({ side: "no", intentType: "enter", signalType: "entry" });
    expect(String(got[0]!.intent.desiredQuantity)).toBe("20");
    expect(got[0]!.intent.confidence).toBeCloseTo(0.8); // 0.7 + 10 cents × 0.01
  });

  it("does not fire on the same slide when the flow is balanced (not a reverse line move)", () => {
    expect(feed(new RlmNo({ universe: ["MKT"] }, tapeOf(0.5)), slide)).toEqual([]);
  });

  it("respects its cooldown and re-enters as held + contracts", () => {
    const got = feed(new RlmNo({ universe: ["MKT"], cooldownMinutes: 5 }, tapeOf(0.8)), slide, 40);
    expect(got.map((g) => g.i)).toEqual([10, 15, 20, 25]);
    expect(got[0]!.intent).toMatchObject({ intentType: "increase", signalType: "reentry" });
    expect(String(got[0]!.intent.desiredQuantity)).toBe("60");
  });
});

describe("S013 (seed 000's second strategy)", () => {
  it("fires on a slide with a low RSI, regardless of the tape", () => {
    const got = feed(new S013({ universe: ["MKT"] }), [...Array(20).fill(60), ...slide]);
    expect(got.length).toBeGreaterThan(0);
    expect(got[0]!.intent.metadata?.["rsi"]).toBeLessThan(35);
  });

  it("stays quiet on a flat or rising market", () => {
    expect(
      feed(
        new S013({ universe: ["MKT"] }),
        Array.from({ length: 60 }, (_, i) => 40 + (i % 3)),
      ),
    ).toEqual([]);
    expect(
      feed(
        new S013({ universe: ["MKT"] }),
        Array.from({ length: 60 }, (_, i) => 20 + i),
      ),
    ).toEqual([]);
  });
});

describe("strict configs", () => {
  it("refuses a bad or unknown field, naming it", () => {
    const tape = () => undefined;
    expect(() => new RlmNo({ minYesRatio: 0.4 }, tape)).toThrow(/minYesRatio/);
    expect(() => new RlmNo({ universe: [""] }, tape)).toThrow(/universe\[0\]/);
    expect(() => new S013({ rsiPeriod: 1 })).toThrow(/rsiPeriod/);
    expect(() => new S013({ contracts: 5 })).toThrow(/contracts: Unrecognized key/);
  });

  it("fills defaults", () => {
    expect(new S013({}).config).toMatchObject({
      id: "S013",
      universe: [],
      rsiPeriod: 14,
      contractsPerTrade: 20,
    });
  });
});
