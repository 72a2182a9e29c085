// Highest tests: hand-checked rolling max, oracle agreement, window property, replace semantics.
import fc from "fast-check";
import { Highest as TiHighest } from "technicalindicators";
import { Period as TsPeriod } from "trading-signals";
import { describe, expect, it } from "vitest";
import { expectReplaceEquivalent, expectSeriesClose, orNaN, randomWalk } from "../test/helpers.js";
import { Highest } from "./highest.js";

const price = fc.integer({ min: -100_000, max: 100_000 }).map((cents) => cents / 100);

describe("Highest", () => {
  it("matches a hand-computed sequence", () => {
    const high = new Highest(3);
    expect([5, 1, 2, 0, 3, 3, 1, 1].map((v) => high.update(v))).toEqual([NaN, NaN, 5, 2, 3, 3, 3, 3]);
    expect(high.update(0)).toBe(1);
  });

  it("agrees with technicalindicators Highest and trading-signals Period", () => {
    const values = randomWalk(3000, 21);
    for (const period of [1, 2, 14, 100]) {
      const ours = new Highest(period);
      const ti = new TiHighest({ period, values: [] });
      const ts = new TsPeriod(period);
      const got = values.map((v) => ours.update(v));
      expectSeriesClose(
        got,
        values.map((v) => orNaN(ti.nextValue(v))),
        0,
      );
      expectSeriesClose(
        got,
        values.map((v) => orNaN(ts.add(v)?.highest)),
        0,
      );
    }
  });

  it("is >= every value in the window and equal to one of them (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(price, { maxLength: 100 }), (n, xs) => {
        const high = new Highest(n);
        xs.forEach((x, i) => {
          const v = high.update(x);
          if (i + 1 < n) {
            expect(v).toBeNaN();
            return;
          }
          const window = xs.slice(i + 1 - n, i + 1);
          for (const w of window) expect(v).toBeGreaterThanOrEqual(w);
          expect(window).toContain(v);
        });
      }),
    );
  });

  it("replace() of the open bar equals updating with the replaced value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.record({ input: price, replacements: fc.array(price, { maxLength: 4 }) }), {
          maxLength: 50,
        }),
        (period, steps) => {
          expectReplaceEquivalent(
            () => new Highest(period),
            steps,
            (s, v) => s.update(v),
            (s, v) => s.replace(v),
            (s) => [s.value, s.count],
          );
        },
      ),
    );
  });

  it("validates and resets", () => {
    expect(() => new Highest(0)).toThrow(/Highest: period/);
    const high = new Highest(2);
    expect(() => high.replace(1)).toThrow(/Highest.replace: nothing to replace/);
    expect(() => high.update(Number.POSITIVE_INFINITY)).toThrow(/Highest.update: value/);
    high.update(9);
    high.update(1);
    high.reset();
    expect(high.count).toBe(0);
    high.update(1);
    expect(high.update(2)).toBe(2);
  });
});
