// The engine's caches (day boundary, last book, cash text) never change a plan: warm equals cold, reloads and restores invalidate.
import { Decimal, type RiskContext, type StrategyIntent, toJsonValue } from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRiskEngine, type QuiverRiskEngine } from "../src/index.js";
import { binary, context, DAY, HOUR, instrumentsOf, intent, LOOSE, spot, T0 } from "./fixtures.js";

const instruments = instrumentsOf([
  spot("ETH/USD", "ETH"),
  spot("BTC/USD", "BTC", { category: "crypto" }),
  binary("M1", "pol"),
]);
const ZONES = ["UTC", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"];

const json = (x: unknown): string => JSON.stringify(toJsonValue(x));

function ctxAt(now: number, equity: string, extra: Partial<RiskContext> = {}): RiskContext {
  return {
    ...context({
      now,
      equity,
      cash: equity,
      buyingPower: equity,
      instruments,
      prices: { "ETH/USD": "2000", "BTC/USD": "40000", M1: "40" },
      atr: { "ETH/USD": 50, "BTC/USD": 900 },
      positions: [
        { instrumentId: "ETH/USD", strategyId: "a", side: "long", quantity: "3", notional: "6000" },
        { instrumentId: "M1", strategyId: "b", side: "yes", quantity: "20", notional: "8" },
      ],
    }),
    ...extra,
  };
}

const intents = (now: number): StrategyIntent[] => [
  intent({ strategyId: "a", instrumentId: "BTC/USD", generatedAt: now }),
  intent({ strategyId: "b", instrumentId: "ETH/USD", desiredQuantity: "2", generatedAt: now }),
  intent({ strategyId: "a", instrumentId: "ETH/USD", intentType: "exit", side: "flat", generatedAt: now }),
  intent({ strategyId: "c", instrumentId: "M1", side: "yes", desiredQuantity: "5", generatedAt: now }),
];

const stepArb = fc.record({
  dt: fc.oneof(
    fc.integer({ min: 0, max: 6 * HOUR }),
    fc.integer({ min: 0, max: 3 * DAY }),
    fc.integer({ min: -DAY, max: 0 }),
  ),
  // Equity in whole currency units: its number is exact both from the Decimal and from text.
  equity: fc.integer({ min: 60_000, max: 140_000 }),
  drift: fc.boolean(),
  op: fc.constantFrom(
    "evaluate",
    "evaluate",
    "evaluate",
    "sameContext",
    "reload",
    "restore",
    "kill",
    "release",
  ),
  zone: fc.constantFrom(...ZONES),
});

describe("risk engine caches", () => {
  it("a warm engine plans exactly like a cold one restored from its state (day, book and text caches)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom("next_day" as const, "manual" as const),
        fc.integer({ min: 0, max: 400 * DAY }),
        fc.array(stepArb, { minLength: 1, maxLength: 30 }),
        (zone, release, offset, steps) => {
          let config = { ...LOOSE, maxDailyDrawdownPct: 8, killSwitch: { timeZone: zone, release } };
          const warm = createRiskEngine({ config, validation: "trusted" });
          let now = T0 - 200 * DAY + offset;
          let last: RiskContext | null = null;
          const saved: ReturnType<QuiverRiskEngine["exportState"]>[] = [];
          for (const s of steps) {
            switch (s.op) {
              case "reload":
                config = { ...config, killSwitch: { timeZone: s.zone, release } };
                warm.reloadConfig(config);
                continue;
              case "restore": {
                const state = saved[Math.floor(saved.length / 2)];
                if (state !== undefined) warm.restoreState(state);
                continue;
              }
              case "kill":
                warm.activateKillSwitch("test", now);
                continue;
              case "release":
                warm.releaseKillSwitch(now);
                continue;
            }
            now += s.dt;
            const ctx: RiskContext =
              s.op === "sameContext" && last !== null
                ? last
                : ctxAt(now, String(s.equity), { driftFlag: s.drift && s.equity > 130_000 });
            last = ctx;
            const state = warm.exportState();
            saved.push(state);
            const cold = createRiskEngine({ config, validation: "trusted", state });
            const its = intents(ctx.now);
            // The cold engine sees a copy of the context (nothing cached for it), the warm one the original.
            const coldPlan = cold.evaluate(its, { ...ctx });
            expect(json(warm.evaluate(its, ctx))).toBe(json(coldPlan));
            expect(warm.exportState()).toEqual(cold.exportState());
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it("a config reload rebuilds the book of a context already evaluated", () => {
    const risk = createRiskEngine({ config: { ...LOOSE, includeManualPositions: true } });
    const ctx = context({
      instruments,
      prices: { "ETH/USD": "2000" },
      positions: [
        { instrumentId: "ETH/USD", strategyId: null, side: "long", quantity: "20", notional: "40000" },
      ],
    });
    const open = [intent({ strategyId: "a", instrumentId: "ETH/USD", desiredQuantity: "10" })];
    const next = { ...LOOSE, includeManualPositions: false, maxSymbolExposurePct: 50 };
    risk.evaluate(open, ctx);
    risk.reloadConfig(next);
    const after = risk.evaluate(open, ctx);
    expect(json(after)).toBe(json(createRiskEngine({ config: next }).evaluate(open, { ...ctx })));
    // 50 % of 100,000 with the manual 40,000 no longer counted: the full 10 ETH (20,000) fit.
    expect(after.actions[0]?.targetBaseSize.toFixed()).toBe("10");
  });

  it("a reload to another time zone takes effect at the next evaluate", () => {
    const config = { ...LOOSE, maxDailyDrawdownPct: 10 };
    const risk = createRiskEngine({ config });
    // 03:00 UTC on Jan 3 is still Jan 2 in New York.
    const t = Date.UTC(2024, 0, 3, 3);
    risk.evaluate([], ctxAt(t, "100000"));
    expect(risk.exportState().dayKey).toBe("2024-01-03");
    risk.reloadConfig({ ...config, killSwitch: { timeZone: "America/New_York" } });
    risk.evaluate([], ctxAt(t + 60_000, "100000"));
    expect(risk.exportState().dayKey).toBe("2024-01-02");
  });

  it("restoreState replaces the day: the next evaluate starts from the restored day and equity", () => {
    const config = { ...LOOSE, maxDailyDrawdownPct: 10 };
    const risk = createRiskEngine({ config });
    risk.evaluate([], ctxAt(T0, "100000"));
    risk.restoreState({
      dayKey: "2024-01-02",
      dayStartEquity: "200000",
      reasons: [],
      manualReason: null,
      lastEquity: "200000",
    });
    // Same day as the restored state: 100,000 is a 50 % drawdown from 200,000.
    const plan = risk.evaluate([], ctxAt(T0 + HOUR, "100000"));
    expect(plan.metadata.dailyDrawdownPct).toBe(50);
    expect(plan.events.map((e) => e.type)).toEqual(["kill_switch_on"]);
  });

  it("the snapshot's cash and buying power are always the context's own, whatever Decimals come and go", () => {
    const risk = createRiskEngine({ config: LOOSE, validation: "trusted" });
    const other = createRiskEngine({ config: LOOSE, validation: "trusted" });
    const pool = ["1000", "2000.5", "3000.25", "0", "-1.5"].map((v) => new Decimal(v));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -1, max: 4 })), {
          minLength: 1,
          maxLength: 40,
        }),
        (picks) => {
          for (const [c, b] of picks) {
            const cash = pool[c] as Decimal;
            const buyingPower = b < 0 ? cash : (pool[b] as Decimal);
            const ctx = { ...ctxAt(T0, "100000"), cash, buyingPower };
            for (const engine of [risk, other]) {
              const plan = engine.evaluate(intents(T0), ctx);
              const snap = plan.actions[0]?.riskLimitsSnapshot as Record<string, unknown>;
              expect([snap.cash, snap.buyingPower, snap.equity]).toEqual([
                cash.toFixed(),
                buyingPower.toFixed(),
                "100000",
              ]);
              expect(Object.isFrozen(snap)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
