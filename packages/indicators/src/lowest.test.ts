// Lowest tests: hand-checked rolling min, oracle agreement, window property, replace semantics.
import fc from "fast-check";
import { Lowest as TiLowest } from "technicalindicators";
import { Period as TsPeriod } from "trading-signals";
import { describe, expect, it } from "vitest";
import { expectReplaceEquivalent, expectSeriesClose, orNaN, randomWalk } from "../test/helpers.js";
import { Lowest } from "./lowest.js";

const price = fc.integer({ min: -100_000, max: 100_000 }).map((cents) => cents / 100);

describe("Lowest", () => {
  it("matches a hand-computed sequence", () => {
    const low = new Lowest(3);
    expect([1, 5, 2, 9, 0, 0, 4, 4].map((v) => low.update(v))).toEqual([NaN, NaN, 1, 2, 0, 0, 0, 0]);
    expect(low.update(7)).toBe(4);
  });

  it("agrees with technicalindicators Lowest and trading-signals Period", () => {
    const values = randomWalk(3000, 22);
    for (const period of [1, 3, 14, 100]) {
      const ours = new Lowest(period);
      const ti = new TiLowest({ period, values: [] });
      const ts = new TsPeriod(period);
      const got = values.map((v) => ours.update(v));
      expectSeriesClose(
        got,
        values.map((v) => orNaN(ti.nextValue(v))),
        0,
      );
      expectSeriesClose(
        got,
        values.map((v) => orNaN(ts.add(v)?.lowest)),
        0,
      );
    }
  });

  it("is <= every value in the window and equal to one of them (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(price, { maxLength: 100 }), (n, xs) => {
        const low = new Lowest(n);
        xs.forEach((x, i) => {
          const v = low.update(x);
          if (i + 1 < n) {
            expect(v).toBeNaN();
            return;
          }
          const window = xs.slice(i + 1 - n, i + 1);
          for (const w of window) expect(v).toBeLessThanOrEqual(w);
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
            () => new Lowest(period),
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
    expect(() => new Lowest(2.2)).toThrow(/Lowest: period/);
    const low = new Lowest(2);
    expect(() => low.replace(1)).toThrow(/Lowest.replace: nothing to replace/);
    expect(() => low.update(Number.NaN)).toThrow(/Lowest.update: value/);
    low.update(1);
    low.reset();
    low.update(5);
    expect(low.update(6)).toBe(5);
  });
});
