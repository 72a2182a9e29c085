// MACD tests: hand-checked lines, staged warm-up, oracle agreement and convergence, replace semantics.
import fc from "fast-check";
import { MACD as TiMACD } from "technicalindicators";
import { EMA as TsEMA, MACD as TsMACD } from "trading-signals";
import { describe, expect, it } from "vitest";
import {
  expectClose,
  expectReplaceEquivalent,
  expectSeriesClose,
  firstValueIndex,
  randomWalk,
} from "../test/helpers.js";
import { EMA } from "./ema.js";
import { MACD } from "./macd.js";

const price = fc.integer({ min: 1, max: 1_000_000 }).map((cents) => cents / 100);

describe("MACD", () => {
  it("matches a hand-computed sequence", () => {
    const macd = new MACD({ fastPeriod: 1, slowPeriod: 2, signalPeriod: 2 });
    // fast EMA(1) = x; slow EMA(2): seed mean(x1,x2), alpha 2/3.
    expect(macd.update(3)).toBeNaN();
    expect(macd.macd).toBeNaN();
    expect(macd.update(6)).toBeNaN(); // slow = 4.5, macd = 1.5; signal needs 2 values
    expect(macd.macd).toBe(1.5);
    expect(macd.signal).toBeNaN();
    // slow = 4.5 + 2/3*(9-4.5) = 7.5, macd = 1.5, signal seed = mean(1.5, 1.5) = 1.5
    expectClose(macd.update(9), 1.5, 1e-12, "bar 3");
    expectClose(macd.signal, 1.5, 1e-12, "signal");
    expectClose(macd.histogram, 0, 1e-12, "histogram");
    // slow = 7.5 + 2/3*(0-7.5) = 2.5, macd = -2.5, signal = 1.5 + 2/3*(-4) = -7/6
    expectClose(macd.update(0), -2.5, 1e-12, "bar 4");
    expectClose(macd.signal, -7 / 6, 1e-12, "signal 4");
    expectClose(macd.histogram, -2.5 + 7 / 6, 1e-12, "histogram 4");
  });

  it("exposes the MACD line from slowPeriod and everything from slow + signal - 1", () => {
    const macd = new MACD();
    expect(macd.warmupPeriod).toBe(34);
    const values = randomWalk(60, 12);
    const lines: number[] = [];
    const signals: number[] = [];
    const returned: number[] = [];
    for (const v of values) {
      returned.push(macd.update(v));
      lines.push(macd.macd);
      signals.push(macd.signal);
    }
    expect(firstValueIndex(lines)).toBe(25);
    expect(firstValueIndex(signals)).toBe(33);
    expect(firstValueIndex(returned)).toBe(33);
    expect(macd.value).toBe(macd.macd);
  });

  it("agrees with technicalindicators (EMA oscillator and signal) from the first value", () => {
    const values = randomWalk(3000, 13);
    for (const [fastPeriod, slowPeriod, signalPeriod] of [
      [12, 26, 9],
      [3, 10, 16],
      [1, 2, 1],
    ] as const) {
      const ours = new MACD({ fastPeriod, slowPeriod, signalPeriod });
      const ti = new TiMACD({
        values: [],
        fastPeriod,
        slowPeriod,
        signalPeriod,
        SimpleMAOscillator: false,
        SimpleMASignal: false,
      });
      const got: number[][] = [[], [], []];
      const theirs: number[][] = [[], [], []];
      for (const v of values) {
        ours.update(v);
        got[0]!.push(ours.macd);
        got[1]!.push(ours.signal);
        got[2]!.push(ours.histogram);
        const r = ti.nextValue(v);
        theirs[0]!.push(r?.MACD ?? Number.NaN);
        theirs[1]!.push(r?.signal ?? Number.NaN);
        theirs[2]!.push(r?.histogram ?? Number.NaN);
      }
      for (let k = 0; k < 3; k++) expectSeriesClose(got[k]!, theirs[k]!, 1e-10);
    }
  });

  it("converges to trading-signals (first-input-seeded EMAs) after warm-up", () => {
    const values = randomWalk(3000, 14);
    const ours = new MACD();
    const ts = new TsMACD(new TsEMA(12), new TsEMA(26), new TsEMA(9));
    const got: number[][] = [[], [], []];
    const theirs: number[][] = [[], [], []];
    for (const v of values) {
      ours.update(v);
      got[0]!.push(ours.macd);
      got[1]!.push(ours.signal);
      got[2]!.push(ours.histogram);
      const r = ts.add(v);
      theirs[0]!.push(r?.macd ?? Number.NaN);
      theirs[1]!.push(r?.signal ?? Number.NaN);
      theirs[2]!.push(r?.histogram ?? Number.NaN);
    }
    // Slowest decay is the 26-EMA's (25/27)^n: below 1e-13 after 1000 inputs.
    for (let k = 0; k < 3; k++) expectSeriesClose(got[k]!, theirs[k]!, 1e-9, 1000);
    // ...and it does differ early on, which is why the comparison starts late.
    expect(Math.abs(got[1]![40]! - theirs[1]![40]!)).toBeGreaterThan(1e-6);
  });

  it("histogram = macd - signal and macd = EMA(fast) - EMA(slow) (property)", () => {
    fc.assert(
      fc.property(fc.array(price, { maxLength: 80 }), (xs) => {
        const macd = new MACD({ fastPeriod: 3, slowPeriod: 7, signalPeriod: 4 });
        const fast = new EMA(3);
        const slow = new EMA(7);
        for (const x of xs) {
          macd.update(x);
          const line = fast.update(x) - slow.update(x);
          if (slow.isReady) expect(macd.macd).toBe(line);
          if (macd.isReady) expect(macd.histogram).toBe(macd.macd - macd.signal);
          else expect(macd.histogram).toBeNaN();
        }
      }),
    );
  });

  it("replace() of the open bar equals updating with the replaced value", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ input: price, replacements: fc.array(price, { maxLength: 3 }) }), {
          maxLength: 40,
        }),
        (steps) => {
          expectReplaceEquivalent(
            () => new MACD({ fastPeriod: 2, slowPeriod: 4, signalPeriod: 3 }),
            steps,
            (s, v) => s.update(v),
            (s, v) => s.replace(v),
            (s) => [s.value, s.macd, s.signal, s.histogram, s.count],
          );
        },
      ),
    );
  });

  it("validates its options, naming the parameter", () => {
    expect(() => new MACD({ fastPeriod: 26, slowPeriod: 12 })).toThrow(
      /MACD: fastPeriod \(26\) must be less than slowPeriod \(12\)/,
    );
    expect(() => new MACD({ signalPeriod: 0 })).toThrow(/MACD: signalPeriod must be an integer >= 1, got 0/);
    expect(() => new MACD({ slowPeriod: 1, fastPeriod: 1 })).toThrow(/slowPeriod must be an integer >= 2/);
    const macd = new MACD();
    expect(() => macd.replace(1)).toThrow(/MACD.replace: nothing to replace/);
    expect(() => macd.update(Number.NaN)).toThrow(/MACD.update: value/);
    expect(macd.fastPeriod).toBe(12);
    expect(macd.slowPeriod).toBe(26);
    expect(macd.signalPeriod).toBe(9);
  });

  it("reset() restarts all three EMAs", () => {
    const values = randomWalk(50, 15);
    const a = new MACD();
    const b = new MACD();
    for (const v of randomWalk(50, 16)) a.update(v);
    a.reset();
    expect(a.macd).toBeNaN();
    for (const v of values) {
      a.update(v);
      b.update(v);
    }
    expect(a.histogram).toBe(b.histogram);
  });
});
