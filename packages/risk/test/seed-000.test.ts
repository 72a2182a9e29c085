// Seed 000: check_risk_limits with per-strategy (50) and combined (75) contracts, market %, category exposure, status.
import { Decimal, type RiskContext, type RiskPositionInput } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { createRiskEngine } from "../src/index.js";
import { actionOf, binary, context, instrumentsOf, intent } from "./fixtures.js";

const MKT = binary("KXBTC-25DEC31", "crypto");
const OTHER = binary("KXETH-25DEC31", "crypto");
const POL = binary("PRES-28", "politics");
const instruments = instrumentsOf([MKT, OTHER, POL]);
const prices = { "KXBTC-25DEC31": "40", "KXETH-25DEC31": "50", "PRES-28": "60" };
// Big account so the % limits stay out of the way of the contract limits.
const BIG = { equity: "1000000", cash: "1000000", buyingPower: "1000000" };
const config = {
  maxRiskPerTradePct: 100,
  maxPortfolioRiskPct: 100,
  maxPerAssetPct: 100,
  minCashReservePct: 0,
};

function withPositions(positions: RiskPositionInput[], extra = {}): RiskContext {
  return context({ instruments, prices, positions, ...BIG, ...extra });
}
const no = (strategyId: string | null, quantity: number, instrumentId = MKT.id): RiskPositionInput => ({
  instrumentId,
  strategyId,
  side: "no",
  quantity: String(quantity),
  notional: String((quantity * 60) / 100),
});
const check = (
  risk: ReturnType<typeof createRiskEngine>,
  strategyId: string,
  n: number,
  ctx: RiskContext,
  category?: string,
) =>
  risk.checkRiskLimits(
    {
      instrumentId: MKT.id,
      strategyId,
      requestedContracts: new Decimal(n),
      side: "no",
      ...(category ? { category } : {}),
    },
    ctx,
  );

describe("seed 000 check_risk_limits: strategy 50 + combined 75 contracts", () => {
  const risk = createRiskEngine({ config });

  it("walks the limit chain with the right limitingFactor at each step", () => {
    // Fresh market: S1 may buy its 50.
    const r0 = check(risk, "RLM_NO", 50, withPositions([]));
    expect([r0.allowed, r0.maxContracts.toFixed(), r0.limitingFactor]).toEqual([true, "50", "none"]);
    // S1 holds 50 → S1 blocked by strategy_limit.
    const afterS1 = withPositions([no("RLM_NO", 50)]);
    const r1 = check(risk, "RLM_NO", 10, afterS1);
    expect([r1.allowed, r1.maxContracts.toFixed(), r1.limitingFactor]).toEqual([
      false,
      "0",
      "strategy_limit",
    ]);
    // S2 asks 50 but the market has 25 left of 75 → partial.
    const r2 = check(risk, "S013", 50, afterS1);
    expect([r2.allowed, r2.maxContracts.toFixed(), r2.limitingFactor]).toEqual([
      true,
      "25",
      "partial_fill_allowed",
    ]);
    expect(r2.details.bindingLimit).toBe("combined_limit");
    expect(r2.details.combinedRemaining).toBe(25);
    expect(r2.details.strategyRemaining).toBe(50);
    // S2 holds 25 → combined 75 reached → combined_limit (S2 is still under its own 50).
    const full = withPositions([no("RLM_NO", 50), no("S013", 25)]);
    const r3 = check(risk, "S013", 5, full);
    expect([r3.allowed, r3.maxContracts.toFixed(), r3.limitingFactor]).toEqual([
      false,
      "0",
      "combined_limit",
    ]);
    expect(r3.details.currentCombinedContracts).toBe(75);
    // And S1 is still stopped first by its own limit.
    expect(check(risk, "RLM_NO", 5, full).limitingFactor).toBe("strategy_limit");
    // Status: the market is at its combined limit.
    expect(risk.getRiskStatus(full).marketsAtCombinedLimit).toEqual([MKT.id]);
  });

  it("evaluate applies the same chain with the seed names as binding limits", () => {
    const ctx = withPositions([no("RLM_NO", 50)]);
    const plan = risk.evaluate(
      [
        intent({ strategyId: "RLM_NO", instrumentId: MKT.id, side: "no", desiredQuantity: "60" }),
        intent({ strategyId: "S013", instrumentId: MKT.id, side: "no", desiredQuantity: "40" }),
      ],
      ctx,
    );
    expect(actionOf(plan.actions, "RLM_NO").blockedReasons).toEqual(["strategy_limit"]);
    const s2 = actionOf(plan.actions, "S013");
    expect([s2.blocked, s2.targetBaseSize.toFixed(), s2.bindingLimit, s2.orderSide]).toEqual([
      false,
      "25",
      "combined_limit",
      "buy",
    ]);
    expect(s2.referencePrice?.toFixed()).toBe("60"); // NO price = 100 − YES 40
    expect(s2.targetNotionalUsd.toFixed()).toBe("15");
  });

  it("per-strategy contract limits come from the map, default 50", () => {
    const r = createRiskEngine({ config: { ...config, strategyContractsPerMarket: { RLM_NO: 10 } } });
    expect(check(r, "RLM_NO", 20, withPositions([])).maxContracts.toFixed()).toBe("10");
    expect(check(r, "S013", 80, withPositions([])).maxContracts.toFixed()).toBe("50");
  });

  it("market_pct_limit uses the market exposure computed from the context's positions", () => {
    const r = createRiskEngine({ config: { ...config, maxSingleMarketPct: 10 } });
    // Equity 100 → 10 of exposure allowed in one market; 30 NO held at 60c = 18 already.
    const ctx = context({
      instruments,
      prices,
      positions: [no("RLM_NO", 5)],
      equity: "100",
      cash: "100",
      buyingPower: "100",
    });
    // Held 5 × 0.60 = 3 → 7 left → 11 contracts at 0.60.
    const res = check(r, "S013", 30, ctx);
    expect([res.maxContracts.toFixed(), res.limitingFactor, res.details.bindingLimit]).toEqual([
      "11",
      "partial_fill_allowed",
      "market_pct_limit",
    ]);
    expect(res.details.marketExposure).toBeCloseTo(3, 12);
  });

  it("category exposure is really computed from every position in the category (seed 000's TODO fixed)", () => {
    const r = createRiskEngine({ config: { ...config, maxCategoryPct: 40, maxSingleMarketPct: 100 } });
    // Equity 100 → category cap 40. Crypto held: 30 NO on MKT (18) + 20 on OTHER at 50 (10) = 28.
    const positions: RiskPositionInput[] = [
      no("RLM_NO", 30),
      { instrumentId: OTHER.id, strategyId: "S013", side: "yes", quantity: "20", notional: "10" },
      { instrumentId: POL.id, strategyId: "S013", side: "yes", quantity: "50", notional: "30" },
    ];
    const ctx = context({ instruments, prices, positions, equity: "100", cash: "100", buyingPower: "100" });
    const res = check(r, "S013", 40, ctx);
    expect(res.details.categoryExposure).toBeCloseTo(28, 12);
    expect(res.details.category).toBe("crypto");
    // 12 left at 0.60 → 20 contracts.
    expect([res.maxContracts.toFixed(), res.details.bindingLimit]).toEqual(["20", "category_limit"]);
    // A full category blocks with category_limit.
    const full = context({
      instruments,
      prices,
      positions: [
        ...positions,
        { instrumentId: OTHER.id, strategyId: "x", side: "yes", quantity: "24", notional: "12" },
      ],
      equity: "100",
      cash: "100",
      buyingPower: "100",
    });
    expect(check(r, "S013", 1, full).limitingFactor).toBe("category_limit");
    // The request's category overrides the instrument's.
    expect(check(r, "S013", 1, full, "politics").allowed).toBe(true);
    // Status: crypto at 40/40 ≥ 80 % → near its limit; politics 30/40 = 75 % → not.
    expect(r.getRiskStatus(full).categoriesNearLimit).toEqual(["crypto"]);
  });

  it("min cash reserve and max total positions", () => {
    const r = createRiskEngine({
      config: { ...config, minCashReservePct: 20, maxTotalPositions: 1, maxSingleMarketPct: 100 },
    });
    const ctx = context({ instruments, prices, equity: "100", cash: "30", buyingPower: "100" });
    // 30 cash − 20 reserve = 10 → 16 contracts at 0.60.
    const res = check(r, "S013", 50, ctx);
    expect([res.maxContracts.toFixed(), res.details.bindingLimit]).toEqual(["16", "min_cash_reserve"]);
    const one = context({ instruments, prices, positions: [no("RLM_NO", 1, POL.id)], ...BIG });
    expect(check(r, "S013", 1, one).limitingFactor).toBe("max_total_positions");
  });

  it("kill switch and unknown market deny with their own factor", () => {
    const r = createRiskEngine({ config });
    expect(
      r.checkRiskLimits(
        { instrumentId: "NOPE", strategyId: "S", requestedContracts: new Decimal(1) },
        withPositions([]),
      ).limitingFactor,
    ).toBe("unknown_instrument");
    r.activateKillSwitch("test", 0);
    expect(check(r, "S013", 1, withPositions([])).limitingFactor).toBe("kill_switch");
  });

  it("without a side, a binary market is priced at its dearer outcome (conservative)", () => {
    const r = createRiskEngine({ config: { ...config, maxSingleMarketPct: 10 } });
    const ctx = context({ instruments, prices, equity: "100", cash: "100", buyingPower: "100" });
    // YES 40 / NO 60 → priced at 60: 10 / 0.6 = 16.
    const res = r.checkRiskLimits(
      { instrumentId: MKT.id, strategyId: "S", requestedContracts: new Decimal(100) },
      ctx,
    );
    expect(res.maxContracts.toFixed()).toBe("16");
  });
});
