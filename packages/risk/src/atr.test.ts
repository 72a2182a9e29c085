// Wilder ATR: seeded by the mean true range, then Wilder-smoothed.
import type { Bar } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { wilderAtr } from "./atr.js";

function bar(i: number, high: number, low: number, close: number, closed = true): Bar {
  return {
    instrumentId: "X",
    timeframe: "1h",
    openTime: i * 3_600_000,
    closeTime: (i + 1) * 3_600_000,
    open: close,
    high,
    low,
    close,
    volume: 1,
    closed,
  };
}

describe("wilderAtr", () => {
  it("returns null with fewer bars than the period", () => {
    expect(wilderAtr([bar(0, 2, 1, 1.5)], 2)).toBeNull();
  });
  it("seeds with the mean true range and smooths after", () => {
    const bars = [bar(0, 11, 9, 10), bar(1, 12, 10, 11), bar(2, 15, 11, 14), bar(3, 14, 13, 13.5)];
    // TRs: 2, max(2, 2, 0)=2, max(4, 4, 0)=4, max(1, 0, 1)=1
    // period 2: seed (2+2)/2=2 → (2·1+4)/2=3 → (3·1+1)/2=2
    expect(wilderAtr(bars, 2)).toBeCloseTo(2, 12);
    expect(wilderAtr(bars, 3)).toBeCloseTo(((8 / 3) * 2 + 1) / 3, 12);
  });
  it("ignores bars that have not closed", () => {
    const bars = [bar(0, 11, 9, 10), bar(1, 12, 10, 11), bar(2, 100, 0, 50, false)];
    expect(wilderAtr(bars, 2)).toBeCloseTo(2, 12);
  });
});
