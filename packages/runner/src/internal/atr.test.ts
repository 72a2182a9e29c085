// ringAtr gives exactly the ATR @quiver/risk computes from the same bars (so context.atr = what bars would give).
import type { Bar } from "@quiver/core";
import { wilderAtr } from "@quiver/risk";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ringAtr } from "./atr.js";
import { Ring } from "./ring.js";

function bar(i: number, o: number, h: number, l: number, c: number): Bar {
  return {
    instrumentId: "X",
    timeframe: "1m",
    openTime: i * 60_000,
    closeTime: (i + 1) * 60_000,
    open: o,
    high: Math.max(o, h, l, c),
    low: Math.min(o, h, l, c),
    close: c,
    volume: 1,
    closed: true,
  };
}

describe("ringAtr", () => {
  it("is null with fewer than `period` bars and the mean true range at exactly `period`", () => {
    const r = new Ring<Bar>(10);
    r.push(bar(0, 10, 12, 9, 11));
    expect(ringAtr(r, 10, 2)).toBeNull();
    r.push(bar(1, 11, 15, 11, 14)); // TR = max(4, |15−11|, |11−11|) = 4; first TR = 3
    expect(ringAtr(r, 10, 2)).toBe(3.5);
  });

  it("property: equals @quiver/risk wilderAtr of the newest `window` bars, bit for bit", () => {
    const ohlc = fc.tuple(
      fc.double({ min: 1, max: 1000, noNaN: true }),
      fc.double({ min: 1, max: 1000, noNaN: true }),
      fc.double({ min: 1, max: 1000, noNaN: true }),
      fc.double({ min: 1, max: 1000, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(ohlc, { maxLength: 80 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 5, max: 70 }),
        (rows, period, window, capacity) => {
          const ring = new Ring<Bar>(capacity);
          rows.forEach(([o, h, l, c], i) => {
            ring.push(bar(i, o, h, l, c));
          });
          const bars = ring.toArray();
          const want = wilderAtr(bars.length > window ? bars.slice(bars.length - window) : bars, period);
          expect(ringAtr(ring, window, period)).toBe(want);
        },
      ),
      { numRuns: 200 },
    );
  });
});
