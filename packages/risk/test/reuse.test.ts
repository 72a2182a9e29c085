// Object reuse across engine calls (pooled book, candidates, clamp results, shared snapshot) never changes a plan, a check or a status.
import { Decimal, type RiskContext, type StrategyIntent } from "@quiver/core";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { reuse } from "../src/internal/reuse.js";
import { createRiskEngine } from "../src/index.js";
import { binary, context, equity, HOUR, instrumentsOf, intent, LOOSE, spot, T0 } from "./fixtures.js";

const instruments = instrumentsOf([
  spot("ETH/USD", "ETH", { shortable: true }),
  spot("BTC/USD", "BTC", { category: "crypto" }),
  spot("ETH/EUR", "ETH", { category: "crypto" }),
  equity("EQ"),
  binary("M1", "pol"),
]);
const IDS = Object.keys(instruments);
const OWNERS = ["a", "b", "c", null] as const;
const PRICES: Record<string, string> = {
  "ETH/USD": "2000",
  "BTC/USD": "40000",
  "ETH/EUR": "1800",
  EQ: "150",
  M1: "40",
};
const SIDES: Record<string, readonly ("long" | "short" | "yes" | "no")[]> = {
  "ETH/USD": ["long", "short"],
  "BTC/USD": ["long"],
  "ETH/EUR": ["long"],
  EQ: ["long"],
  M1: ["yes", "no"],
};

/** Exact text of a value: key order, Decimal digits, frozen objects, −0. */
function text(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (Decimal.isDecimal(x)) return `D(${(x as Decimal).valueOf()})`;
  if (Array.isArray(x)) return `[${x.map(text).join(",")}]${Object.isFrozen(x) ? "!" : ""}`;
  if (x instanceof Set || x instanceof Map) return `${x.constructor.name}(${text([...x])})`;
  if (typeof x === "object") {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o)
      .map((k) => `${k}:${text(o[k])}`)
      .join(",")}}${Object.isFrozen(o) ? "!" : ""}`;
  }
  return Object.is(x, -0) ? "-0" : typeof x === "string" ? JSON.stringify(x) : String(x);
}

/** Books of every shape in turn: more and fewer instruments, owners, legs, manual positions and working orders. */
const worldArb = fc.record({
  positions: fc.array(
    fc.record({
      inst: fc.constantFrom(...IDS),
      owner: fc.constantFrom(...OWNERS),
      side: fc.nat({ max: 1 }),
      qty: fc.integer({ min: 1, max: 40 }),
    }),
    { maxLength: 5 },
  ),
  pending: fc.array(
    fc.record({ inst: fc.constantFrom(...IDS), owner: fc.constantFrom(...OWNERS), buy: fc.boolean() }),
    { maxLength: 3 },
  ),
  intents: fc.array(
    fc.record({
      strategy: fc.constantFrom("a", "b", "c", "d"),
      inst: fc.constantFrom(...IDS),
      type: fc.constantFrom("enter", "enter", "exit", "reduce", "hold", "increase"),
      qty: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
      usd: fc.option(fc.integer({ min: 50, max: 3000 }), { nil: undefined }),
      // Mostly the natural side; sometimes any (short, a binary side on a spot instrument, …).
      side: fc.option(fc.constantFrom("long", "short", "yes", "no", "flat"), { nil: undefined, freq: 4 }),
    }),
    { maxLength: 6 },
  ),
  equity: fc.integer({ min: 20_000, max: 400_000 }),
  exclusive: fc.boolean(),
  loose: fc.boolean(),
});

function world(w: typeof worldArb extends fc.Arbitrary<infer T> ? T : never, now: number) {
  const positions = w.positions.map((p) => {
    const side = (SIDES[p.inst] as readonly string[])[p.side % (SIDES[p.inst] as readonly string[]).length];
    const price = new Decimal(PRICES[p.inst] as string);
    const unit = p.inst === "M1" ? (side === "no" ? new Decimal(100).minus(price) : price).div(100) : price;
    return {
      instrumentId: p.inst,
      strategyId: p.owner,
      side: side as "long",
      quantity: String(p.qty),
      notional: unit.times(p.qty).toFixed(),
    };
  });
  const ctx = context({
    now,
    equity: String(w.equity),
    cash: String(w.equity * 0.7),
    buyingPower: String(w.equity * 0.6),
    instruments,
    prices: PRICES,
    // (ATRs that change from world to world: a stale cached one would show in the sizes)
    atr: { "ETH/USD": 20 + (w.equity % 41), "BTC/USD": 900 + (w.equity % 97), "ETH/EUR": 35 },
    positions,
    pendingOrders: w.pending.map((o) => ({
      instrumentId: o.inst,
      strategyId: o.owner ?? "manual",
      side: o.buy ? ("buy" as const) : ("sell" as const),
      quantity: "1",
      notional: PRICES[o.inst] as string,
    })),
  });
  const its: StrategyIntent[] = w.intents.map((x, k) =>
    intent({
      strategyId: x.strategy,
      instrumentId: x.inst,
      intentType: x.type as "enter",
      side: (x.side ?? (x.type === "exit" ? "flat" : x.inst === "M1" ? "yes" : "long")) as "long",
      signalId: `sig-${now}-${k}`,
      generatedAt: now,
      ...(x.qty !== undefined
        ? { desiredQuantity: String(x.qty) }
        : x.usd !== undefined
          ? { desiredExposureUsd: String(x.usd) }
          : {}),
    }),
  );
  return { ctx, its };
}

describe("object reuse across engine calls", () => {
  afterEach(() => {
    reuse.enabled = true;
  });

  it("plans, checks and statuses equal those of the allocate-everything path, call after call, across engines", () => {
    fc.assert(
      fc.property(fc.array(worldArb, { minLength: 2, maxLength: 12 }), (worlds) => {
        // Tight counts, so every aggregate a stale pooled object could get wrong shows in a plan.
        const tight = {
          ...LOOSE,
          maxPerAssetPct: 30,
          maxOpenPositions: 3,
          maxTotalPositions: 4,
          maxConcurrentStrategies: 2,
          maxPortfolioRiskPct: 8,
          combinedMaxContractsPerMarket: 30,
          defaultStrategyContractsPerMarket: 25,
          strategies: { a: { maxPositions: 2, maxExposurePct: 40 } },
        };
        const configs = [
          tight,
          { ...tight, symbolOwnership: "exclusive" as const, includeManualPositions: false },
          // Loose: sizes are rarely cut, so explicit and computed sizes reach the plan as they are.
          LOOSE,
        ];
        const warm = configs.map((config) => createRiskEngine({ config, validation: "trusted" }));
        const plain = configs.map((config) => createRiskEngine({ config, validation: "trusted" }));
        let now = T0;
        let prev: RiskContext | null = null;
        for (const w of worlds) {
          now += HOUR;
          const { ctx, its } = world(w, now);
          const e = w.loose ? 2 : w.exclusive ? 1 : 0;
          // The same context twice (book cache), then the previous one (rebuilt in the pooled book).
          for (const [c, intents] of [
            [ctx, its],
            [ctx, its.slice(0, 1)],
            ...(prev === null ? [] : [[prev, its] as const]),
          ] as const) {
            reuse.enabled = true;
            const got = [
              text(warm[e]?.evaluate(intents, c)),
              text(warm[(e + 1) % 3]?.evaluate(intents.slice().reverse(), c)),
              text(
                warm[e]?.checkRiskLimits(
                  { strategyId: "a", instrumentId: "ETH/USD", requestedContracts: new Decimal(3) },
                  c,
                ),
              ),
              text(warm[e]?.getRiskStatus(c)),
            ];
            reuse.enabled = false;
            const want = [
              text(plain[e]?.evaluate(intents, { ...c })),
              text(plain[(e + 1) % 3]?.evaluate(intents.slice().reverse(), { ...c })),
              text(
                plain[e]?.checkRiskLimits(
                  { strategyId: "a", instrumentId: "ETH/USD", requestedContracts: new Decimal(3) },
                  { ...c },
                ),
              ),
              text(plain[e]?.getRiskStatus({ ...c })),
            ];
            expect(got).toEqual(want);
          }
          prev = ctx;
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it("a pair rebuilt in a pooled book shows the new context's holding, not the last one's (legs, ATRs)", () => {
    const risk = createRiskEngine({ config: LOOSE, validation: "trusted" });
    const at = (now: number, qty: string, ethAtr: number) =>
      context({
        now,
        instruments,
        prices: PRICES,
        atr: { "ETH/USD": ethAtr, "BTC/USD": 900 },
        positions: [
          {
            instrumentId: "ETH/USD",
            strategyId: "a",
            side: "long",
            quantity: qty,
            notional: String(2000 * Number(qty)),
          },
        ],
      });
    const exit = [intent({ strategyId: "a", instrumentId: "ETH/USD", intentType: "exit", side: "flat" })];
    const enter = [intent({ strategyId: "b", instrumentId: "BTC/USD" })];
    for (const [k, qty] of ["3", "5", "0.5", "7"].entries()) {
      const ctx = at(T0 + k * HOUR, qty, 40 + k);
      expect(risk.evaluate(exit, ctx).actions[0]?.currentBaseSize.toFixed()).toBe(qty);
      // BTC is outside the book: its ATR comes from the context (a cached one of an earlier book would show).
      const ctx2 = { ...at(T0 + k * HOUR + 1, qty, 40 + k), atr: { "BTC/USD": 900 + k } };
      expect(risk.evaluate(enter, ctx2).actions[0]?.reason).toContain(`ATR ${900 + k} `);
    }
  });

  it("the limits snapshot is one frozen object while its inputs stay the same, a new one when any changes", () => {
    const risk = createRiskEngine({ config: LOOSE, validation: "trusted" });
    const ctx = (now: number, cash: string) => ({
      ...context({ now, equity: "100000", cash, buyingPower: cash, instruments, prices: PRICES }),
    });
    const snapOf = (c: RiskContext) =>
      risk.evaluate([intent({ strategyId: "a", instrumentId: "EQ" })], c).actions[0]?.riskLimitsSnapshot;
    const a = snapOf(ctx(T0, "50000"));
    expect(Object.isFrozen(a)).toBe(true);
    // Another context with equal figures (new Decimals): the same object.
    expect(snapOf(ctx(T0 + 1, "50000"))).toBe(a);
    // Cash moved: a new snapshot, with the new cash.
    const b = snapOf(ctx(T0 + 2, "40000"));
    expect(b).not.toBe(a);
    expect(b?.cash).toBe("40000");
    // Config reloaded (same values, new config object): a new snapshot with equal content.
    risk.reloadConfig({ ...LOOSE });
    const c = snapOf(ctx(T0 + 3, "40000"));
    expect(c).not.toBe(b);
    expect(c).toEqual(b);
    // Kill switch: a new snapshot that says so.
    risk.activateKillSwitch("test", T0 + 4);
    const d = snapOf(ctx(T0 + 5, "40000"));
    expect(d?.killSwitchActive).toBe(true);
    expect(snapOf(ctx(T0 + 6, "40000"))).toBe(d);
  });
});
