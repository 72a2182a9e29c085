// Unit tests of the three NVDA strategies: each decides alone, from its own indicator and position.
import { Decimal, QuiverError, type Strategy, type StrategyIntentDraft } from "@quiver/core";
import { createStrategyContext, makeBar } from "@quiver/testkit";
import { describe, expect, it } from "vitest";
import { BollingerBreakout } from "./bollinger-breakout.js";
import { MacdMomentum } from "./macd-momentum.js";
import { RsiMeanReversion } from "./rsi-mean-reversion.js";

/** Feeds closes one by one; returns the intents of each bar given the held quantity at that bar. */
function drive(strategy: Strategy, closes: readonly number[], held: (i: number) => number = () => 0) {
  const out: Array<{ i: number; intents: readonly StrategyIntentDraft[] }> = [];
  closes.forEach((close, i) => {
    const openTime = Date.UTC(2020, 0, 1) + i * 86_400_000;
    const bar = makeBar({ instrumentId: "NVDA", timeframe: "1d", openTime, close, volume: 1_000_000 });
    strategy.onBar?.(bar);
    const ctx = createStrategyContext({
      strategyId: strategy.id,
      bars: [bar],
      positions: { NVDA: new Decimal(held(i)) },
    });
    const intents = strategy.generateIntents(ctx);
    if (intents.length > 0) out.push({ i, intents });
  });
  return out;
}

const rising = (n: number, from = 100, step = 1) => Array.from({ length: n }, (_, i) => from + i * step);

describe("RsiMeanReversion", () => {
  it("enters only after warm-up, when RSI is oversold and it is flat", () => {
    const s = new RsiMeanReversion({ period: 3, oversold: 30, exitAbove: 55 });
    const closes = [100, 101, 102, 101, 95, 90, 86];
    const got = drive(s, closes);
    expect(got.length).toBeGreaterThan(0);
    const first = got[0]!;
    expect(first.i).toBeGreaterThanOrEqual(3); // RSI(3) is ready on the 4th close
    const intent = first.intents[0]!;
    expect(intent).toMatchObject({ side: "long", intentType: "enter", instrumentId: "NVDA" });
    expect(String(intent.desiredExposureUsd)).toBe("3000");
    expect(intent.metadata?.["rsi"]).toBeLessThan(30);
  });

  it("does not re-enter while long, and exits once RSI recovers", () => {
    const s = new RsiMeanReversion({ period: 3, oversold: 30, exitAbove: 55 });
    const closes = [100, 101, 102, 101, 95, 90, 86, 90, 95, 100];
    const got = drive(s, closes, (i) => (i >= 5 ? 10 : 0));
    const kinds = got.map((g) => `${g.i}:${g.intents[0]!.intentType}`);
    expect(kinds.filter((k) => k.endsWith("enter")).every((k) => Number(k.split(":")[0]) < 5)).toBe(true);
    expect(got.at(-1)!.intents[0]).toMatchObject({ side: "flat", intentType: "exit" });
  });

  it("refuses a bad config naming the field", () => {
    expect(() => new RsiMeanReversion({ period: 1 })).toThrow(/period/);
    expect(() => new RsiMeanReversion({ oops: 1 })).toThrow(/oops: Unrecognized key/);
    try {
      new RsiMeanReversion({ entryExposureUsd: "-5" });
    } catch (e) {
      expect(QuiverError.isInstance(e) && e.code).toBe("VALIDATION");
    }
  });
});

describe("MacdMomentum", () => {
  it("buys the bullish histogram crossing and sells the bearish one", () => {
    const s = new MacdMomentum({ fastPeriod: 3, slowPeriod: 6, signalPeriod: 3 });
    const closes = [...rising(15, 120, -1), ...rising(15, 106, 2), ...rising(15, 134, -3)];
    const flat = drive(new MacdMomentum({ fastPeriod: 3, slowPeriod: 6, signalPeriod: 3 }), closes);
    const enterAt = flat.find((g) => g.intents[0]!.intentType === "enter")!.i;
    expect(enterAt).toBeGreaterThanOrEqual(15);
    expect(enterAt).toBeLessThan(30);
    const long = drive(s, closes, (i) => (i > enterAt ? 5 : 0));
    const exit = long.find((g) => g.intents[0]!.intentType === "exit");
    expect(exit?.i).toBeGreaterThanOrEqual(30);
    expect(exit!.intents[0]!.metadata?.["histogram"]).toBeLessThan(0);
  });

  it("emits nothing on a monotonic trend (no crossing)", () => {
    expect(drive(new MacdMomentum({ fastPeriod: 3, slowPeriod: 6, signalPeriod: 3 }), rising(40))).toEqual(
      [],
    );
  });
});

describe("BollingerBreakout", () => {
  it("enters on a close above the upper band and exits below the middle band", () => {
    // A single outlier in a window of n can sit at most √(n−1) σ from the mean: use n = 10.
    const s = new BollingerBreakout({ period: 10, multiplier: 2 });
    const base = [100, 101, 100, 101, 100, 101, 100, 101, 100, 101];
    const closes = [...base, 110, 112, 104, 100];
    const got = drive(s, closes, (i) => (i >= 11 ? 3 : 0));
    expect(got[0]).toMatchObject({ i: 10 });
    expect(got[0]!.intents[0]).toMatchObject({ intentType: "enter", side: "long" });
    const exit = got.find((g) => g.intents[0]!.intentType === "exit")!;
    expect(exit.i).toBeGreaterThan(11);
    const md = exit.intents[0]!.metadata!;
    expect(md["close"] as number).toBeLessThan(md["middle"] as number);
  });

  it("keeps its own state: two instances fed different data decide differently", () => {
    const a = new BollingerBreakout({ period: 10 });
    const b = new BollingerBreakout({ period: 10 });
    const base = [100, 101, 100, 101, 100, 101, 100, 101, 100, 101];
    expect(drive(a, [...base, 110]).length).toBe(1);
    expect(drive(b, [...base, 100]).length).toBe(0);
  });
});
