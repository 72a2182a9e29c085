// The generated market set is deterministic for a seed, well-formed, and settles every market at 0 or 100.
import { BarSchema, InstrumentSchema } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { generateMarkets } from "./generate-markets.js";
import { createPrng } from "./prng.js";

describe("generateMarkets (GENERATED data, seeded)", () => {
  it("is identical for the same seed and differs for another seed", () => {
    const snap = (seed: number) =>
      JSON.stringify(
        generateMarkets({ seed }).map((m) => [m.instrument.id, m.bars, [...m.tape], m.settlementYesCents]),
      );
    expect(snap(7)).toBe(snap(7));
    expect(snap(7)).not.toBe(snap(8));
  });

  it("produces valid binary instruments and closed 1m bars priced 1–99 cents, one tape row per bar", () => {
    const markets = generateMarkets();
    expect(markets).toHaveLength(10);
    expect(new Set(markets.map((m) => m.category))).toEqual(new Set(["crypto", "politics", "sports"]));
    for (const m of markets) {
      const inst = InstrumentSchema.parse(m.instrument);
      expect(inst.kind).toBe("binary");
      expect(inst.expiresAt).toBe(m.settlesAt);
      expect([0, 100]).toContain(m.settlementYesCents);
      expect(m.bars.at(-1)!.closeTime).toBe(m.settlesAt);
      for (const b of m.bars) {
        BarSchema.parse(b);
        expect(b.low).toBeGreaterThanOrEqual(1);
        expect(b.high).toBeLessThanOrEqual(99);
        const t = m.tape.get(b.closeTime)!;
        expect(t.yesContracts + t.noContracts).toBe(b.volume);
      }
    }
  });

  it("plants reverse line moves whose markets resolve NO more often than the others", () => {
    const markets = generateMarkets({ seed: 1, categories: { x: 200 } });
    const noShare = (ms: typeof markets) => ms.filter((m) => m.settlementYesCents === 0).length / ms.length;
    const planted = markets.filter((m) => m.plantedRlm);
    const others = markets.filter((m) => !m.plantedRlm);
    expect(planted.length).toBeGreaterThan(80);
    expect(others.length).toBeGreaterThan(40);
    expect(noShare(planted)).toBeGreaterThan(noShare(others) + 0.1);
  });
});

describe("createPrng", () => {
  it("repeats its sequence for a seed and stays in [0, 1)", () => {
    const a = createPrng(99);
    const b = createPrng(99);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });
});
