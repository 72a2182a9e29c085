// Book lookups: the id index answers like a Map at any size; on-demand asset/category sums equal the folded maps.
import { Decimal, type Instrument, type RiskContext } from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRiskConfig } from "../config.js";
import {
  assetExposure,
  assetHardMap,
  categoryExposure,
  categorySoftMap,
  getBook,
  isEngaged,
  strategyExposure,
  strategyInstruments,
} from "./book.js";
import { IdIndex } from "./id-index.js";

describe("IdIndex", () => {
  it("finds what a Map finds, in insertion order, below and above the scan limit", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 6 }), { maxLength: 60 }),
        fc.string(),
        (ids, probe) => {
          const index = new IdIndex<{ id: string; n: number }>();
          const map = new Map<string, { id: string; n: number }>();
          ids.forEach((id, n) => {
            index.add({ id, n });
            map.set(id, { id, n });
          });
          expect(index.size).toBe(map.size);
          const listed = (i: IdIndex<{ id: string; n: number }>) =>
            Array.from({ length: i.size }, (_, k) => i.at(k).id);
          expect(listed(index)).toEqual([...map.keys()]);
          for (const id of [...ids, probe]) expect(index.get(id)?.n).toBe(map.get(id)?.n);
          // Reused: cleared, then refilled from its spares (in a different order) and fresh entries.
          index.clear();
          expect(index.size).toBe(0);
          const again = [...ids].reverse().slice(0, Math.ceil(ids.length / 2));
          again.push("fresh-only-here");
          const map2 = new Map<string, { id: string; n: number }>();
          again.forEach((id, n) => {
            if (map2.has(id)) return;
            const spare = index.spare();
            const v = spare ?? { id, n };
            if (spare !== undefined) Object.assign(spare, { id, n });
            index.add(v);
            map2.set(id, { id, n });
          });
          expect(listed(index)).toEqual([...map2.keys()]);
          for (const id of [...ids, probe, "fresh-only-here"]) expect(index.get(id)?.n).toBe(map2.get(id)?.n);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("book aggregates", () => {
  const worldArb = fc.record({
    nInst: fc.integer({ min: 1, max: 40 }),
    positions: fc.array(
      fc.record({
        inst: fc.nat(),
        strategy: fc.option(fc.constantFrom("s1", "s2", "s3", "manual"), { nil: null }),
        qty: fc.integer({ min: 1, max: 10_000 }),
        price: fc.integer({ min: 1, max: 1_000_000 }),
      }),
      { maxLength: 60 },
    ),
    includeManual: fc.boolean(),
  });

  it("sums an asset or category on demand exactly as the folded map does", () => {
    fc.assert(
      fc.property(worldArb, ({ nInst, positions, includeManual }) => {
        const instruments: Record<string, Instrument> = {};
        for (let k = 0; k < nInst; k++)
          instruments[`I${k}`] = {
            id: `I${k}`,
            kind: "spot",
            baseAsset: `A${k % 5}`,
            quoteCurrency: "USD",
            tickSize: new Decimal("0.01"),
            lotSize: new Decimal("0.001"),
            ...(k % 3 === 0 ? {} : { category: `c${k % 4}` }),
            shortable: false,
            marginable: false,
          };
        const ctx = {
          now: 0,
          equity: new Decimal(1e6),
          cash: new Decimal(1e6),
          buyingPower: new Decimal(1e6),
          instruments,
          prices: {},
          atr: {},
          bars: {},
          liquidity24h: {},
          driftFlag: false,
          consensus: [],
          activeStrategies: [],
          pendingOrders: [],
          positions: positions.map((p) => ({
            // Some positions in instruments the context does not know.
            instrumentId: `I${p.inst % (nInst + 2)}`,
            strategyId: p.strategy,
            side: "long" as const,
            quantity: new Decimal(p.qty).div(1000),
            notional: new Decimal(p.qty * p.price).div(1e5),
          })),
        } as RiskContext;
        const config = parseRiskConfig({ includeManualPositions: includeManual });
        const lazy = getBook(ctx, config);
        const sums = [0, 1, 2, 3, 4].map((a) => assetExposure(lazy, `A${a}`));
        const cats = [0, 1, 2, 3].map((c) => categoryExposure(lazy, `c${c}`));
        const mapped = getBook({ ...ctx }, config);
        const assets = assetHardMap(mapped);
        const categories = categorySoftMap(mapped);
        for (let a = 0; a < 5; a++) expect(Object.is(sums[a], assets.get(`A${a}`) ?? 0)).toBe(true);
        for (let c = 0; c < 4; c++) expect(Object.is(cats[c], categories.get(`c${c}`) ?? 0)).toBe(true);
        // Per-strategy figures never include manual positions.
        let s1 = 0;
        const held = new Set<string>();
        for (const p of ctx.positions)
          if (p.strategyId === "s1") {
            s1 += p.notional.toNumber();
            // Unknown instruments count towards exposure, not towards the instruments held.
            if (instruments[p.instrumentId] !== undefined) held.add(p.instrumentId);
          }
        expect(strategyExposure(lazy, "s1")).toBeCloseTo(s1, 6);
        expect(strategyInstruments(lazy, "s1")).toBe(held.size);
        expect(isEngaged(lazy, "s1")).toBe(held.size > 0);
        expect(strategyExposure(lazy, "\u0001manual")).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
