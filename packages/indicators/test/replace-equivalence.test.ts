// replace() of the still-open bar equals updating with the replaced value, for every single-input indicator.
import fc from "fast-check";
import { describe, it } from "vitest";
import { EMA } from "../src/ema.js";
import { Highest } from "../src/highest.js";
import { Lowest } from "../src/lowest.js";
import { Momentum } from "../src/momentum.js";
import { ROC } from "../src/roc.js";
import { SMA } from "../src/sma.js";
import type { ValueIndicator } from "../src/types.js";
import { WilderSmoothing } from "../src/wilder-smoothing.js";
import { WMA } from "../src/wma.js";
import { expectReplaceEquivalent } from "./helpers.js";

/** Positive prices, as for the averages and ROC. */
const positive = fc.integer({ min: 1, max: 1_000_000 }).map((cents) => cents / 100);
/** Prices of either sign, as for the rolling extremes. */
const signed = fc.integer({ min: -100_000, max: 100_000 }).map((cents) => cents / 100);

interface Case {
  readonly name: string;
  readonly make: (period: number) => ValueIndicator;
  readonly price: fc.Arbitrary<number>;
  readonly maxPeriod: number;
  readonly maxReplacements: number;
  readonly maxSteps: number;
}

const cases: readonly Case[] = [
  { name: "SMA", make: (n) => new SMA(n), price: positive, maxPeriod: 8, maxReplacements: 3, maxSteps: 40 },
  { name: "WMA", make: (n) => new WMA(n), price: positive, maxPeriod: 8, maxReplacements: 3, maxSteps: 40 },
  { name: "EMA", make: (n) => new EMA(n), price: positive, maxPeriod: 8, maxReplacements: 3, maxSteps: 40 },
  {
    name: "WilderSmoothing",
    make: (n) => new WilderSmoothing(n),
    price: positive,
    maxPeriod: 8,
    maxReplacements: 3,
    maxSteps: 40,
  },
  {
    name: "Momentum",
    make: (n) => new Momentum(n),
    price: positive,
    maxPeriod: 6,
    maxReplacements: 3,
    maxSteps: 30,
  },
  { name: "ROC", make: (n) => new ROC(n), price: positive, maxPeriod: 6, maxReplacements: 3, maxSteps: 30 },
  {
    name: "Highest",
    make: (n) => new Highest(n),
    price: signed,
    maxPeriod: 8,
    maxReplacements: 4,
    maxSteps: 50,
  },
  {
    name: "Lowest",
    make: (n) => new Lowest(n),
    price: signed,
    maxPeriod: 8,
    maxReplacements: 4,
    maxSteps: 50,
  },
];

describe.each(cases)("$name", (c) => {
  it("replace() of the open bar equals updating with the replaced value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: c.maxPeriod }),
        fc.array(
          fc.record({ input: c.price, replacements: fc.array(c.price, { maxLength: c.maxReplacements }) }),
          { maxLength: c.maxSteps },
        ),
        (period, steps) => {
          expectReplaceEquivalent(
            () => c.make(period),
            steps,
            (s, v) => s.update(v),
            (s, v) => s.replace(v),
            (s) => [s.value, s.count],
          );
        },
      ),
    );
  });
});
