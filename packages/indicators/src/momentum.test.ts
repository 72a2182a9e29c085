// Momentum tests: hand-checked differences, trading-signals agreement, definition property, validation.
import fc from "fast-check";
import { MOM as TsMOM } from "trading-signals";
import { describe, expect, it } from "vitest";
import { expectSeriesClose, orNaN, randomWalk } from "../test/helpers.js";
import { Momentum } from "./momentum.js";

const price = fc.integer({ min: 1, max: 1_000_000 }).map((cents) => cents / 100);

describe("Momentum", () => {
  it("matches a hand-computed sequence", () => {
    const mom = new Momentum(2);
    expect([10, 11, 13, 12, 12].map((v) => mom.update(v))).toEqual([NaN, NaN, 3, 1, -1]);
    expect(mom.warmupPeriod).toBe(3);
  });

  it("agrees with trading-signals MOM", () => {
    const values = randomWalk(3000, 23);
    for (const period of [1, 5, 20]) {
      const ours = new Momentum(period);
      const ts = new TsMOM(period);
      expectSeriesClose(
        values.map((v) => ours.update(v)),
        values.map((v) => orNaN(ts.add(v))),
        0,
      );
    }
  });

  it("equals x[t] - x[t - period] (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.array(price, { maxLength: 60 }), (n, xs) => {
        const mom = new Momentum(n);
        xs.forEach((x, i) => {
          const v = mom.update(x);
          if (i < n) expect(v).toBeNaN();
          else expect(v).toBe(x - xs[i - n]!);
        });
      }),
    );
  });

  it("validates and resets", () => {
    expect(() => new Momentum(0)).toThrow(/Momentum: period/);
    const mom = new Momentum(1);
    expect(() => mom.replace(1)).toThrow(/Momentum.replace/);
    expect(() => mom.update(Number.NaN)).toThrow(/Momentum.update: value/);
    mom.update(1);
    mom.reset();
    mom.update(4);
    expect(mom.update(6)).toBe(2);
  });
});
