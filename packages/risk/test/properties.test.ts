// Property tests: no approved action breaches a configured limit; blocked actions carry reasons; determinism; order independence; kill switch.
import {
  Decimal,
  type InstrumentInput,
  type RiskAdjustedAction,
  type RiskContext,
  type StrategyIntent,
  toJsonValue,
} from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRiskEngine, parseRiskConfig, type RiskConfig } from "../src/index.js";
import { binary, context, equity, instrumentsOf, intent, spot, T0 } from "./fixtures.js";

const INSTRUMENTS: InstrumentInput[] = [
  spot("A/USD", "A", { lotSize: "0.001", shortable: true, category: "crypto" }),
  spot("A/EUR", "A", { lotSize: "0.01", category: "crypto" }),
  spot("B/USD", "B", { lotSize: "0.1", shortable: true }),
  equity("EQ", { category: "tech" }),
  binary("M1", "pol"),
  binary("M2", "pol"),
];
const IDS = INSTRUMENTS.map((i) => i.id);
const KIND = Object.fromEntries(INSTRUMENTS.map((i) => [i.id, i.kind]));
const STRATS = ["s1", "s2", "s3", "s4"];

const dec = (lo: number, hi: number, places: number) =>
  fc
    .integer({ min: Math.round(lo * 10 ** places), max: Math.round(hi * 10 ** places) })
    .map((n) => (n / 10 ** places).toFixed(places));

const configArb = fc.record({
  maxRiskPerTradePct: fc.double({ min: 0.5, max: 60, noNaN: true }),
  maxPortfolioRiskPct: fc.double({ min: 1, max: 100, noNaN: true }),
  maxOpenPositions: fc.integer({ min: 1, max: 8 }),
  maxPerAssetPct: fc.double({ min: 1, max: 100, noNaN: true }),
  maxPerStrategyPct: fc.constantFrom({}, { s1: 20 }, { s2: 50, s3: 5 }),
  maxSymbolExposurePct: fc.option(fc.double({ min: 1, max: 80, noNaN: true }), { nil: null }),
  maxSingleMarketPct: fc.double({ min: 0.5, max: 50, noNaN: true }),
  maxCategoryPct: fc.double({ min: 1, max: 100, noNaN: true }),
  combinedMaxContractsPerMarket: fc.integer({ min: 0, max: 3000 }),
  defaultStrategyContractsPerMarket: fc.integer({ min: 0, max: 2000 }),
  maxTotalPositions: fc.integer({ min: 2, max: 14 }),
  minCashReservePct: fc.double({ min: 0, max: 30, noNaN: true }),
  includeManualPositions: fc.boolean(),
  conflictPolicy: fc.constantFrom("aggregate" as const, "priority" as const),
  symbolOwnership: fc.constantFrom("shared" as const, "shared" as const, "exclusive" as const),
  allowShort: fc.boolean(),
  allowLeverage: fc.boolean(),
  consensusSizeMultiplier: fc.constantFrom(1, 1.5),
  maxConcurrentStrategies: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null, freq: 3 }),
  strategies: fc.constantFrom(
    {},
    {
      s1: { maxExposurePct: 15, maxPositions: 2 },
      s2: { sizing: "fixed_fractional" as const, positionSizePct: 10 },
    },
    { s3: { sizing: "fixed_notional" as const, fixedNotional: 2500, atrMultiple: 3, priority: 2 } },
  ),
});

function sidesFor(id: string): ("long" | "short" | "yes" | "no")[] {
  return KIND[id] === "binary" ? ["yes", "no"] : ["long", "short"];
}

const worldArb = fc
  .record({
    config: configArb,
    equity: dec(1000, 1_000_000, 2),
    cashFrac: fc.oneof(
      fc.double({ min: 0.2, max: 1.2, noNaN: true }),
      fc.double({ min: 1.2, max: 3, noNaN: true }),
    ),
    bpFrac: fc.oneof(
      fc.double({ min: 0.01, max: 0.3, noNaN: true }),
      fc.double({ min: 0.3, max: 2, noNaN: true }),
    ),
    spotPrices: fc.array(dec(1, 1000, 2), { minLength: 4, maxLength: 4 }),
    binPrices: fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 2, maxLength: 2 }),
    atrFrac: fc.array(fc.double({ min: 0.001, max: 0.1, noNaN: true }), { minLength: 4, maxLength: 4 }),
    positions: fc.array(
      fc.record({
        inst: fc.constantFrom(...IDS),
        strategy: fc.constantFrom<string | null>("s1", "s2", "s3", null),
        sideIx: fc.integer({ min: 0, max: 1 }),
        frac: fc.double({ min: 0.001, max: 0.12, noNaN: true }),
      }),
      { maxLength: 6 },
    ),
    intents: fc.array(
      fc.record({
        strategy: fc.constantFrom(...STRATS),
        inst: fc.constantFrom(...IDS),
        sideIx: fc.integer({ min: 0, max: 2 }),
        type: fc.constantFrom("enter", "enter", "increase", "reduce", "exit", "hold"),
        size: fc.oneof(
          fc.constant({}),
          fc.integer({ min: 1, max: 50 }).map((q) => ({ desiredQuantity: String(q) })),
          fc.double({ min: 0.001, max: 0.4, noNaN: true }).map((f) => ({ expFrac: f })),
        ),
        confidence: fc.double({ min: 0, max: 1, noNaN: true }),
        priority: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        consensus: fc.boolean(),
      }),
      { maxLength: 10 },
    ),
  })
  .map((w) => {
    const E = Number(w.equity);
    const prices: Record<string, string> = {};
    const atr: Record<string, number> = {};
    IDS.slice(0, 4).forEach((id, k) => {
      prices[id] = w.spotPrices[k] as string;
      atr[id] = Number(w.spotPrices[k]) * (w.atrFrac[k] as number);
    });
    prices.M1 = String(w.binPrices[0]);
    prices.M2 = String(w.binPrices[1]);
    const positions = new Map<
      string,
      {
        instrumentId: string;
        strategyId: string | null;
        side: "long" | "short" | "yes" | "no";
        quantity: string;
        notional: string;
      }
    >();
    for (const p of w.positions) {
      const side = sidesFor(p.inst)[p.sideIx] as "long" | "short" | "yes" | "no";
      const key = `${p.strategy}|${p.inst}`;
      if (positions.has(key)) continue; // one leg per owner and instrument
      const px = new Decimal(prices[p.inst] as string);
      const unit =
        KIND[p.inst] === "binary" ? (side === "no" ? new Decimal(100).minus(px) : px).div(100) : px;
      const qty = Math.max(1, Math.floor((E * p.frac) / unit.toNumber()));
      positions.set(key, {
        instrumentId: p.inst,
        strategyId: p.strategy,
        side,
        quantity: String(qty),
        notional: unit.times(qty).toFixed(),
      });
    }
    const consensusStrats = new Map<string, string[]>();
    const intents: StrategyIntent[] = w.intents.map((x, k) => {
      const sides = [...sidesFor(x.inst), "flat"] as const;
      if (x.consensus) consensusStrats.set(x.inst, [...(consensusStrats.get(x.inst) ?? []), x.strategy]);
      return intent({
        strategyId: x.strategy,
        instrumentId: x.inst,
        side: sides[x.sideIx] as "long",
        intentType: x.type as "enter",
        confidence: x.confidence,
        signalId: `sig-${k}`,
        generatedAt: T0 - (k % 3),
        ...("expFrac" in x.size ? { desiredExposureUsd: (E * x.size.expFrac).toFixed(2) } : x.size),
        ...(x.priority === undefined ? {} : { priority: x.priority }),
      });
    });
    const consensus = [...consensusStrats.entries()]
      .filter(([, s]) => new Set(s).size >= 2)
      .map(([id, s], k) => ({
        eventId: `c${k}`,
        instrumentId: id,
        timestamp: T0,
        strategies: [...new Set(s)],
        signalIds: ["a", "b"],
        combinedConfidence: 0.9,
      }));
    const ctx = context({
      equity: w.equity,
      cash: (E * w.cashFrac).toFixed(2),
      buyingPower: (E * w.bpFrac).toFixed(2),
      instruments: instrumentsOf(INSTRUMENTS),
      prices,
      atr,
      positions: [...positions.values()],
      consensus,
    });
    return { config: parseRiskConfig({ ...w.config, maxDailyDrawdownPct: 100 }), ctx, intents };
  });

/** Independent Decimal re-computation of every limit after the plan's approved increases. */
function breaches(config: RiskConfig, ctx: RiskContext, actions: readonly RiskAdjustedAction[]): string[] {
  const E = ctx.equity;
  const out: string[] = [];
  const cap = (pct: number) => E.times(pct).div(100);
  const inst = (id: string) => ctx.instruments[id]!;
  const isManual = (s: string | null) => s === null;
  const soft = (s: string | null) => !isManual(s) || config.includeManualPositions;
  const stratCfg = (s: string | null) =>
    (s !== null ? config.strategies[s] : undefined) ?? config.strategyDefaults;
  const unitRisk = (id: string, s: string | null, side: string, pn: Decimal): Decimal => {
    if (inst(id).kind === "binary") return pn;
    const r = new Decimal(ctx.atr[id]!).times(stratCfg(s).atrMultiple);
    return side === "short" ? r : Decimal.min(r, pn);
  };
  const inc = actions.filter((a) => !a.blocked && (a.actionType === "open" || a.actionType === "increase"));
  if (inc.length === 0) return out;
  const pnOf = (a: RiskAdjustedAction) =>
    inst(a.instrumentId).kind === "binary" ? a.referencePrice!.div(100) : a.referencePrice!;
  const sum = (xs: Decimal[]) => xs.reduce((x, y) => x.plus(y), new Decimal(0));
  const tol = (c: Decimal) => c.abs().times(1e-9).plus("0.000001");
  const over = (name: string, used: Decimal, c: Decimal) => {
    if (used.greaterThan(c.plus(tol(c)))) out.push(`${name}: ${used.toFixed()} > ${c.toFixed()}`);
  };
  const P = ctx.positions;
  for (const a of inc) {
    const i = inst(a.instrumentId);
    if (a.side === "short" && !(config.allowShort && i.shortable)) out.push(`short on ${a.instrumentId}`);
    // per-trade risk on the strategy's own position
    over(
      `per-trade ${a.strategyId} ${a.instrumentId}`,
      a.targetBaseSize.times(unitRisk(a.instrumentId, a.strategyId, a.side, pnOf(a))),
      cap(config.maxRiskPerTradePct),
    );
  }
  const assets = new Set(inc.map((a) => inst(a.instrumentId).baseAsset));
  for (const asset of assets)
    over(
      `asset ${asset}`,
      sum([
        ...P.filter((p) => inst(p.instrumentId).baseAsset === asset).map((p) => p.notional),
        ...inc
          .filter((a) => inst(a.instrumentId).baseAsset === asset)
          .map((a) => a.deltaBaseSize.times(pnOf(a))),
      ]),
      cap(config.maxPerAssetPct),
    );
  for (const s of new Set(inc.map((a) => a.strategyId))) {
    const used = sum([
      ...P.filter((p) => p.strategyId === s).map((p) => p.notional),
      ...inc.filter((a) => a.strategyId === s).map((a) => a.deltaBaseSize.times(pnOf(a))),
    ]);
    const m = config.maxPerStrategyPct[s];
    if (m !== undefined) over(`strategy ${s}`, used, cap(m));
    const own = stratCfg(s).maxExposurePct;
    if (own !== undefined) over(`strategy own ${s}`, used, cap(own));
    const maxPos = stratCfg(s).maxPositions;
    const held = new Set(P.filter((p) => p.strategyId === s).map((p) => p.instrumentId));
    const added = inc.filter((a) => a.strategyId === s && !held.has(a.instrumentId));
    if (maxPos !== undefined && added.length > 0 && held.size + added.length > maxPos)
      out.push(`maxPositions ${s}`);
  }
  for (const id of new Set(inc.map((a) => a.instrumentId))) {
    const i = inst(id);
    const softUsed = sum([
      ...P.filter((p) => p.instrumentId === id && soft(p.strategyId)).map((p) => p.notional),
      ...inc.filter((a) => a.instrumentId === id).map((a) => a.deltaBaseSize.times(pnOf(a))),
    ]);
    if (config.maxSymbolExposurePct !== null)
      over(`symbol ${id}`, softUsed, cap(config.maxSymbolExposurePct));
    if (i.kind === "binary") {
      over(`market ${id}`, softUsed, cap(config.maxSingleMarketPct));
      const combined = sum([
        ...P.filter((p) => p.instrumentId === id && soft(p.strategyId)).map((p) => p.quantity),
        ...inc.filter((a) => a.instrumentId === id).map((a) => a.deltaBaseSize),
      ]);
      over(`combined ${id}`, combined, new Decimal(config.combinedMaxContractsPerMarket));
      for (const a of inc.filter((x) => x.instrumentId === id)) {
        const lim =
          config.strategyContractsPerMarket[a.strategyId] ?? config.defaultStrategyContractsPerMarket;
        const held = sum(
          P.filter((p) => p.instrumentId === id && p.strategyId === a.strategyId).map((p) => p.quantity),
        );
        over(`strategy contracts ${a.strategyId} ${id}`, held.plus(a.deltaBaseSize), new Decimal(lim));
      }
    }
  }
  for (const cat of new Set(inc.map((a) => inst(a.instrumentId).category).filter((c) => c !== undefined)))
    over(
      `category ${cat}`,
      sum([
        ...P.filter((p) => inst(p.instrumentId).category === cat && soft(p.strategyId)).map(
          (p) => p.notional,
        ),
        ...inc
          .filter((a) => inst(a.instrumentId).category === cat)
          .map((a) => a.deltaBaseSize.times(pnOf(a))),
      ]),
      cap(config.maxCategoryPct),
    );
  const risk = sum([
    ...P.map((p) =>
      p.quantity.times(unitRisk(p.instrumentId, p.strategyId, p.side, p.notional.div(p.quantity))),
    ),
    ...inc.map((a) => a.deltaBaseSize.times(unitRisk(a.instrumentId, a.strategyId, a.side, pnOf(a)))),
  ]);
  over("portfolio risk", risk, cap(config.maxPortfolioRiskPct));
  const heldInst = new Set(P.filter((p) => soft(p.strategyId)).map((p) => p.instrumentId));
  const newInst = new Set(inc.map((a) => a.instrumentId).filter((id) => !heldInst.has(id)));
  if (newInst.size > 0 && heldInst.size + newInst.size > config.maxOpenPositions)
    out.push("max open positions");
  const rows = new Set(P.filter((p) => soft(p.strategyId)).map((p) => `${p.strategyId}|${p.instrumentId}`));
  const newRows = new Set(inc.map((a) => `${a.strategyId}|${a.instrumentId}`).filter((r) => !rows.has(r)));
  if (newRows.size > 0 && rows.size + newRows.size > config.maxTotalPositions)
    out.push("max total positions");
  if (config.maxConcurrentStrategies !== null) {
    const engaged = new Set(P.filter((p) => p.strategyId !== null).map((p) => p.strategyId as string));
    const fresh = new Set(inc.map((a) => a.strategyId).filter((s) => !engaged.has(s)));
    if (fresh.size > 0 && engaged.size + fresh.size > config.maxConcurrentStrategies)
      out.push("max concurrent strategies");
  }
  const spend = sum(inc.map((a) => a.deltaBaseSize.times(pnOf(a))));
  const buys = sum(inc.filter((a) => a.side !== "short").map((a) => a.deltaBaseSize.times(pnOf(a))));
  over("buying power", spend, ctx.buyingPower);
  over("gross (no leverage)", sum([...P.map((p) => p.notional), spend]), E);
  if (buys.greaterThan(0)) over("cash reserve", buys.plus(cap(config.minCashReservePct)), ctx.cash);
  return out;
}

const RUNS = { numRuns: 120 };

describe("risk engine properties", () => {
  it("no approved action ever breaches any configured limit given the context", () => {
    fc.assert(
      fc.property(worldArb, ({ config, ctx, intents }) => {
        const plan = createRiskEngine({ config }).evaluate(intents, ctx);
        expect(breaches(config, ctx, plan.actions)).toEqual([]);
      }),
      RUNS,
    );
  });

  it("every blocked action carries at least one reason, and every action keeps its strategy and signal", () => {
    fc.assert(
      fc.property(worldArb, ({ config, ctx, intents }) => {
        const plan = createRiskEngine({ config }).evaluate(intents, ctx);
        expect(plan.actions.length).toBe(intents.length);
        for (const a of plan.actions) {
          if (a.blocked) {
            expect(a.blockedReasons.length).toBeGreaterThan(0);
            expect(a.deltaBaseSize.isZero()).toBe(true);
            expect(a.orderSide).toBeNull();
          }
          expect(a.targetBaseSize.isNegative()).toBe(false);
          expect(a.deltaBaseSize.equals(a.targetBaseSize.minus(a.currentBaseSize).abs())).toBe(true);
        }
        const keys = plan.actions.map((a) => `${a.strategyId}|${a.signalId}`).sort();
        expect(keys).toEqual(intents.map((i) => `${i.strategyId}|${i.signalId}`).sort());
      }),
      RUNS,
    );
  });

  it("is deterministic: the same input gives the same plan (deep equal, JSON)", () => {
    fc.assert(
      fc.property(worldArb, ({ config, ctx, intents }) => {
        const a = createRiskEngine({ config }).evaluate(intents, ctx);
        const b = createRiskEngine({ config }).evaluate(intents, ctx);
        expect(JSON.stringify(toJsonValue(a))).toBe(JSON.stringify(toJsonValue(b)));
      }),
      RUNS,
    );
  });

  it("does not depend on the order of the intents", () => {
    fc.assert(
      fc.property(
        worldArb.chain((w) =>
          fc
            .shuffledSubarray(w.intents, { minLength: w.intents.length, maxLength: w.intents.length })
            .map((shuffled) => ({ ...w, shuffled })),
        ),
        ({ config, ctx, intents, shuffled }) => {
          const a = createRiskEngine({ config }).evaluate(intents, ctx);
          const b = createRiskEngine({ config }).evaluate(shuffled, ctx);
          expect(JSON.stringify(toJsonValue(b))).toBe(JSON.stringify(toJsonValue(a)));
        },
      ),
      RUNS,
    );
  });

  it("while the kill switch is active no approved action increases exposure", () => {
    fc.assert(
      fc.property(worldArb, fc.boolean(), ({ config, ctx, intents }, manual) => {
        const risk = createRiskEngine({ config: { ...config, killSwitchOnDrift: true } });
        if (manual) risk.activateKillSwitch("test", ctx.now);
        const plan = risk.evaluate(intents, manual ? ctx : { ...ctx, driftFlag: true });
        expect(plan.metadata.killSwitchActive).toBe(true);
        for (const a of plan.actions) {
          if (a.blocked) continue;
          expect(["reduce", "close", "none"]).toContain(a.actionType);
          expect(a.targetBaseSize.lessThanOrEqualTo(a.currentBaseSize)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
