// Highest/Lowest shared tests, one table row each: oracle agreement, window property.
import fc from "fast-check";
import { Highest as TiHighest, Lowest as TiLowest } from "technicalindicators";
import { Period as TsPeriod } from "trading-signals";
import { describe, expect, it } from "vitest";
import { expectSeriesClose, orNaN, randomWalk } from "../../test/helpers.js";
import { Highest } from "../highest.js";
import { Lowest } from "../lowest.js";

const price = fc.integer({ min: -100_000, max: 100_000 }).map((cents) => cents / 100);

interface Extreme {
  update(value: number): number;
  replace(value: number): number;
  readonly value: number;
  readonly count: number;
}

interface Case {
  readonly name: string;
  readonly make: (period: number) => Extreme;
  readonly tiName: string;
  readonly makeTi: (period: number) => { nextValue(value: number): number | undefined };
  readonly tsField: "highest" | "lowest";
  readonly seed: number;
  readonly periods: readonly number[];
  readonly bound: string;
  /** Asserts that `v` is on the extreme side of (or equal to) the window value `w`. */
  readonly expectBounds: (v: number, w: number) => void;
}

const cases: readonly Case[] = [
  {
    name: "Highest",
    make: (period) => new Highest(period),
    tiName: "Highest",
    makeTi: (period) => new TiHighest({ period, values: [] }),
    tsField: "highest",
    seed: 21,
    periods: [1, 2, 14, 100],
    bound: ">=",
    expectBounds: (v, w) => expect(v).toBeGreaterThanOrEqual(w),
  },
  {
    name: "Lowest",
    make: (period) => new Lowest(period),
    tiName: "Lowest",
    makeTi: (period) => new TiLowest({ period, values: [] }),
    tsField: "lowest",
    seed: 22,
    periods: [1, 3, 14, 100],
    bound: "<=",
    expectBounds: (v, w) => expect(v).toBeLessThanOrEqual(w),
  },
];

describe.each(cases)("$name", (c) => {
  it(`agrees with technicalindicators ${c.tiName} and trading-signals Period`, () => {
    const values = randomWalk(3000, c.seed);
    for (const period of c.periods) {
      const ours = c.make(period);
      const ti = c.makeTi(period);
      const ts = new TsPeriod(period);
      const got = values.map((v) => ours.update(v));
      expectSeriesClose(
        got,
        values.map((v) => orNaN(ti.nextValue(v))),
        0,
      );
      expectSeriesClose(
        got,
        values.map((v) => orNaN(ts.add(v)?.[c.tsField])),
        0,
      );
    }
  });

  it(`is ${c.bound} every value in the window and equal to one of them (property)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(price, { maxLength: 100 }), (n, xs) => {
        const extreme = c.make(n);
        xs.forEach((x, i) => {
          const v = extreme.update(x);
          if (i + 1 < n) {
            expect(v).toBeNaN();
            return;
          }
          const window = xs.slice(i + 1 - n, i + 1);
          for (const w of window) c.expectBounds(v, w);
          expect(window).toContain(v);
        });
      }),
    );
  });
});
