// createStrategyContext behaves like the runner's scoped context for one cycle, and refuses bad input naming the field.
import {
  Decimal,
  QuiverError,
  type Strategy,
  type StrategyContext,
  type StrategyIntentDraft,
} from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeBar, makeBars } from "./bars.js";
import { createStrategyContext } from "./strategy-context.js";

const DAY = 86_400_000;
const nvda = makeBar({ instrumentId: "NVDA", timeframe: "1d", openTime: 10 * DAY, close: 101 });
const amd = makeBar({ instrumentId: "AMD", timeframe: "1d", openTime: 10 * DAY, close: 55 });

function thrown(f: () => unknown): QuiverError {
  try {
    f();
  } catch (e) {
    if (QuiverError.isInstance(e)) return e;
    throw e;
  }
  throw new Error("did not throw");
}

describe("createStrategyContext", () => {
  it("defaults now, timeframe, universe and last prices from the bars", () => {
    const ctx = createStrategyContext({ strategyId: "s", bars: [nvda, amd] });
    expect(ctx.now).toBe(11 * DAY);
    expect(ctx.timeframe).toBe("1d");
    expect(ctx.universe).toEqual(["NVDA", "AMD"]);
    expect(ctx.bars.get("NVDA")?.close).toBe(101);
    expect(ctx.lastPrice("AMD")).toBe(55);
    expect(ctx.lastPrice("TSLA")).toBeUndefined();
    expect(ctx.signalId("NVDA", "enter")).toBe(`s:NVDA:${11 * DAY}:enter`);
    expect(ctx.signalId("NVDA")).toBe(`s:NVDA:${11 * DAY}`);
  });

  it("reports this strategy's own positions: quantities as longs, or explicit sides", () => {
    const ctx = createStrategyContext({
      strategyId: "s",
      now: 5,
      positions: { NVDA: "10", AMD: 0, YES: { side: "no", quantity: new Decimal(3), entryCount: 2 } },
    });
    expect(ctx.position("NVDA").eq(10)).toBe(true);
    expect(ctx.position("AMD").isZero()).toBe(true);
    expect(ctx.position("TSLA").isZero()).toBe(true);
    expect(ctx.positions.map((p) => [p.instrumentId, p.side, p.quantity.toFixed(), p.entryCount])).toEqual([
      ["NVDA", "long", "10", 1],
      ["YES", "no", "3", 2],
    ]);
  });

  it("serves history oldest first, per instrument and timeframe, honouring limit", () => {
    const hist = makeBars("NVDA", 5, { timeframe: "1d", closeAt: (i) => 100 + i }).reverse();
    const ctx = createStrategyContext({ strategyId: "s", now: 5 * DAY, history: hist });
    expect(ctx.history("NVDA", "1d").map((b) => b.close)).toEqual([100, 101, 102, 103, 104]);
    expect(ctx.history("NVDA", "1d", 2).map((b) => b.close)).toEqual([103, 104]);
    expect(ctx.history("NVDA", "1d", 0)).toEqual([]);
    expect(ctx.history("NVDA", "1h")).toEqual([]);
    expect(ctx.lastPrice("NVDA")).toBe(104);
  });

  it("is scoped to the universe like the runner's context", () => {
    const ctx = createStrategyContext({
      strategyId: "s",
      bars: [nvda],
      universe: ["NVDA"],
      positions: { AMD: 5 },
      lastPrices: { AMD: 50 },
    });
    expect(ctx.position("AMD").isZero()).toBe(true);
    expect(ctx.positions).toEqual([]);
    expect(ctx.lastPrice("AMD")).toBeUndefined();
  });

  it("validates instruments with core's schema", () => {
    const ctx = createStrategyContext({
      strategyId: "s",
      now: 0,
      instruments: [
        {
          id: "NVDA",
          kind: "equity",
          baseAsset: "NVDA",
          quoteCurrency: "USD",
          tickSize: "0.01",
          lotSize: "1",
        },
      ],
    });
    expect(ctx.instruments.get("NVDA")?.tickSize.toFixed()).toBe("0.01");
    expect(ctx.universe).toEqual(["NVDA"]);
    const e = thrown(() =>
      createStrategyContext({ strategyId: "s", now: 0, instruments: [{ id: "X" } as never] }),
    );
    expect(e.message).toMatch(/instruments\[0\]\.kind/);
  });

  it("refuses bad input with a ValidationError naming each field", () => {
    const open = { ...nvda, closed: false };
    const e = thrown(() =>
      createStrategyContext({
        strategyId: "",
        bars: [open, nvda],
        timeframe: "7x" as never,
        positions: { NVDA: -1, AMD: { quantity: 1, entryCount: 0 } },
      }),
    );
    expect(e.code).toBe("VALIDATION");
    for (const path of [
      "strategyId",
      "bars[0].closed",
      "bars[1].instrumentId",
      "timeframe",
      "positions.NVDA",
      "positions.AMD.entryCount",
    ])
      expect(e.message).toContain(path);
    expect(thrown(() => createStrategyContext({ strategyId: "s" })).message).toContain("now");
    expect(thrown(() => createStrategyContext({ strategyId: "s", now: 1.5 })).message).toContain("now");
  });

  it("drives a strategy's generateIntents directly", () => {
    const strategy: Strategy = {
      id: "buy-dip",
      config: {},
      universe: ["NVDA"],
      timeframes: ["1d"],
      generateIntents(ctx: StrategyContext): StrategyIntentDraft[] {
        const bar = ctx.bars.get("NVDA");
        if (!bar || bar.close >= bar.open || ctx.position("NVDA").greaterThan(0)) return [];
        return [
          {
            instrumentId: "NVDA",
            side: "long",
            intentType: "enter",
            desiredExposureUsd: new Decimal(1000),
            desiredQuantity: null,
            confidence: 1,
            timeframe: ctx.timeframe,
            generatedAt: ctx.now,
            signalId: ctx.signalId("NVDA", "enter"),
            signalType: "entry",
            metadata: {},
          },
        ];
      },
    };
    const dip = makeBar({ instrumentId: "NVDA", timeframe: "1d", openTime: 0, open: 100, close: 95 });
    expect(
      strategy.generateIntents(createStrategyContext({ strategyId: strategy.id, bars: [dip] })),
    ).toMatchObject([{ signalId: `buy-dip:NVDA:${DAY}:enter`, generatedAt: DAY }]);
    const held = createStrategyContext({ strategyId: strategy.id, bars: [dip], positions: { NVDA: 1 } });
    expect(strategy.generateIntents(held)).toEqual([]);
  });

  it("property: position() equals the given quantity and positions lists exactly the non-zero ones", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom("A", "B", "C", "D"),
          fc.integer({ min: 0, max: 1_000_000 }).map((n) => (n / 100).toFixed(2)),
        ),
        (given) => {
          const ctx = createStrategyContext({ strategyId: "p", now: 0, positions: given });
          for (const [id, q] of Object.entries(given)) expect(ctx.position(id).eq(q)).toBe(true);
          expect(ctx.positions.map((p) => p.instrumentId).sort()).toEqual(
            Object.entries(given)
              .filter(([, q]) => Number(q) > 0)
              .map(([id]) => id)
              .sort(),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
