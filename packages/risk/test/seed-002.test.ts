// Seed 002 §9 expectations: risk math and limits, conflict resolution, drawdown/kill switch, drift, status.
import { Decimal, ExecutionPlanSchema, RiskStatusSchema, toJsonValue } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { createRiskEngine } from "../src/index.js";
import { actionOf, context, DAY, HOUR, instrumentsOf, intent, LOOSE, spot, T0 } from "./fixtures.js";

const ETH = spot("ETH/USD", "ETH");
const BTC = spot("BTC/USD", "BTC");
const ETHBTC = spot("ETH/BTC", "ETH");
const instruments = instrumentsOf([ETH, BTC, ETHBTC]);
const prices = { "ETH/USD": "2000", "BTC/USD": "40000", "ETH/BTC": "0.05" };

describe("seed 002 §9.2 risk math & limits", () => {
  it("max_risk_per_trade_pct correctly bounds position sizes (volatility sizing: equity × 1% / (ATR × multiple))", () => {
    const risk = createRiskEngine({ config: { ...LOOSE, maxRiskPerTradePct: 1 } });
    const ctx = context({ instruments, prices, atr: { "ETH/USD": 50 } });
    const plan = risk.evaluate([intent({ strategyId: "trend", instrumentId: "ETH/USD" })], ctx);
    const a = actionOf(plan.actions, "trend");
    // 100,000 × 1% = 1,000 at risk; per unit 50 × 2 = 100 → 10 ETH.
    expect(a.blocked).toBe(false);
    expect(a.actionType).toBe("open");
    expect(a.targetBaseSize.toFixed()).toBe("10");
    expect(a.targetNotionalUsd.toFixed()).toBe("20000");
    expect(a.orderSide).toBe("buy");
    expect(a.deltaBaseSize.toFixed()).toBe("10");
    expect(a.bindingLimit).toBeNull();
    // An explicit larger size is clamped to the same 10 ETH.
    const big = risk.evaluate(
      [intent({ strategyId: "trend", instrumentId: "ETH/USD", desiredQuantity: "50" })],
      ctx,
    );
    const b = actionOf(big.actions, "trend");
    expect(b.targetBaseSize.toFixed()).toBe("10");
    expect(b.bindingLimit).toBe("max_risk_per_trade_pct");
    expect(
      big.events.some((e) => e.type === "risk_limit_hit" && e.reasons[0] === "max_risk_per_trade_pct"),
    ).toBe(true);
  });

  it("volatility sizing computes a Wilder ATR from context bars over volatilityLookbackBars", () => {
    const risk = createRiskEngine({ config: { ...LOOSE, maxRiskPerTradePct: 1, volatilityLookbackBars: 3 } });
    const bars = [0, 1, 2, 3].map((k) => ({
      instrumentId: "ETH/USD",
      timeframe: "1h",
      openTime: T0 - (4 - k) * HOUR,
      closeTime: T0 - (3 - k) * HOUR,
      open: 2000,
      high: 2025,
      low: 1975,
      close: 2000,
      volume: 1,
    }));
    const plan = risk.evaluate(
      [intent({ strategyId: "trend", instrumentId: "ETH/USD" })],
      context({ instruments, prices, bars: { "ETH/USD": bars } }),
    );
    // ATR = 50 → per unit 100 → 10 ETH.
    expect(actionOf(plan.actions, "trend").targetBaseSize.toFixed()).toBe("10");
  });

  it("blocks volatility sizing without any volatility data", () => {
    const risk = createRiskEngine({ config: LOOSE });
    const plan = risk.evaluate(
      [intent({ strategyId: "trend", instrumentId: "ETH/USD" })],
      context({ instruments, prices }),
    );
    const a = actionOf(plan.actions, "trend");
    expect(a.blocked).toBe(true);
    expect(a.blockedReasons).toEqual(["no_volatility"]);
  });

  it("fixed_fractional and fixed_notional sizers", () => {
    const risk = createRiskEngine({
      config: {
        ...LOOSE,
        strategies: {
          ff: { sizing: "fixed_fractional", positionSizePct: 15 },
          fn: { sizing: "fixed_notional", fixedNotional: 5000 },
        },
      },
    });
    const plan = risk.evaluate(
      [
        intent({ strategyId: "ff", instrumentId: "ETH/USD" }),
        intent({ strategyId: "fn", instrumentId: "BTC/USD" }),
      ],
      context({ instruments, prices }),
    );
    expect(actionOf(plan.actions, "ff").targetNotionalUsd.toFixed()).toBe("15000");
    expect(actionOf(plan.actions, "ff").targetBaseSize.toFixed()).toBe("7.5");
    expect(actionOf(plan.actions, "fn").targetBaseSize.toFixed()).toBe("0.125");
  });

  it("max_portfolio_risk_pct prevents excessive aggregate risk", () => {
    const risk = createRiskEngine({ config: { ...LOOSE, maxPortfolioRiskPct: 10 } });
    // Held: 4.75 BTC with ATR 1000 × 2 → risk 9,500 = 9.5 % of equity.
    const positions = [
      {
        instrumentId: "BTC/USD",
        strategyId: "other",
        side: "long" as const,
        quantity: "4.75",
        notional: "190000",
      },
    ];
    const ctx = context({
      instruments,
      prices,
      atr: { "BTC/USD": 1000, "ETH/USD": 50 },
      positions,
      equity: "100000",
      cash: "1000000",
      buyingPower: "1000000",
    });
    const risk2 = createRiskEngine({ config: { ...LOOSE, maxPortfolioRiskPct: 10, allowLeverage: true } });
    void risk2;
    const plan = createRiskEngine({
      config: { ...LOOSE, maxPortfolioRiskPct: 10 },
    }).evaluate([intent({ strategyId: "trend", instrumentId: "ETH/USD", desiredQuantity: "20" })], {
      ...ctx,
      instruments: { ...ctx.instruments, "ETH/USD": { ...ctx.instruments["ETH/USD"]!, marginable: true } },
    });
    const a = actionOf(plan.actions, "trend");
    // Remaining risk budget 500 / 100 per ETH → 5 ETH.
    expect(a.bindingLimit).toBe("max_portfolio_risk_pct");
    expect(a.targetBaseSize.toFixed()).toBe("5");
    // At the limit: blocked with that reason.
    const full = [{ ...positions[0]!, quantity: "5", notional: "200000" }];
    const blocked = risk.evaluate(
      [intent({ strategyId: "trend", instrumentId: "ETH/USD", desiredQuantity: "1" })],
      context({
        instruments,
        prices,
        atr: { "BTC/USD": 1000, "ETH/USD": 50 },
        positions: full,
        cash: "1000000",
        buyingPower: "1000000",
      }),
    );
    const b = actionOf(blocked.actions, "trend");
    expect(b.blocked).toBe(true);
    expect(b.blockedReasons).toContain("max_portfolio_risk_pct");
  });

  it("max_per_asset_pct limits exposure per base asset across instruments (ETH/USD + ETH/BTC)", () => {
    const risk = createRiskEngine({ config: { ...LOOSE, maxPerAssetPct: 5 } });
    const positions = [
      { instrumentId: "ETH/BTC", strategyId: "mr", side: "long" as const, quantity: "2", notional: "4000" },
    ];
    const plan = risk.evaluate(
      [intent({ strategyId: "trend", instrumentId: "ETH/USD", desiredQuantity: "3" })],
      context({ instruments, prices, positions }),
    );
    const a = actionOf(plan.actions, "trend");
    // 5 % of 100,000 = 5,000; 4,000 held → 1,000 left → 0.5 ETH.
    expect(a.bindingLimit).toBe("max_per_asset_pct");
    expect(a.targetBaseSize.toFixed()).toBe("0.5");
    expect(a.reason).toContain("max_per_asset_pct");
  });

  it("max_per_strategy_pct limits a strategy's total exposure", () => {
    const risk = createRiskEngine({ config: { ...LOOSE, maxPerStrategyPct: { trend: 30 } } });
    const positions = [
      {
        instrumentId: "BTC/USD",
        strategyId: "trend",
        side: "long" as const,
        quantity: "0.5",
        notional: "20000",
      },
    ];
    const plan = risk.evaluate(
      [
        intent({ strategyId: "trend", instrumentId: "ETH/USD", desiredQuantity: "10" }),
        intent({ strategyId: "mr", instrumentId: "ETH/USD", desiredQuantity: "1" }),
      ],
      context({ instruments, prices, positions }),
    );
    const a = actionOf(plan.actions, "trend");
    expect(a.bindingLimit).toBe("max_per_strategy_pct");
    expect(a.targetNotionalUsd.lessThanOrEqualTo(10000)).toBe(true);
    expect(a.targetNotionalUsd.greaterThan(9999)).toBe(true);
    // Another strategy is not capped by trend's budget.
    expect(actionOf(plan.actions, "mr").targetBaseSize.toFixed()).toBe("1");
  });

  it("max_open_positions blocks a new pair once the book holds the maximum", () => {
    const risk = createRiskEngine({ config: { ...LOOSE, maxOpenPositions: 1 } });
    const positions = [
      { instrumentId: "BTC/USD", strategyId: "x", side: "long" as const, quantity: "0.1", notional: "4000" },
    ];
    const plan = risk.evaluate(
      [
        intent({ strategyId: "trend", instrumentId: "ETH/USD", desiredQuantity: "1" }),
        intent({ strategyId: "trend", instrumentId: "BTC/USD", desiredQuantity: "0.2" }),
      ],
      context({ instruments, prices, positions }),
    );
    expect(actionOf(plan.actions, "trend", "ETH/USD").blockedReasons).toEqual(["max_open_positions"]);
    expect(actionOf(plan.actions, "trend", "BTC/USD").blocked).toBe(false);
  });

  it("conflict resolution between two strategies on the same pair is deterministic and testable (aggregate)", () => {
    const config = { ...LOOSE, allowShort: true };
    const inst = instrumentsOf([{ ...ETH, shortable: true }]);
    const intents = [
      intent({ strategyId: "trend", instrumentId: "ETH/USD", desiredQuantity: "10", confidence: 0.8 }),
      intent({
        strategyId: "mr",
        instrumentId: "ETH/USD",
        side: "short",
        desiredQuantity: "10",
        confidence: 0.4,
      }),
    ];
    const ctx = context({ instruments: inst, prices });
    const p1 = createRiskEngine({ config }).evaluate(intents, ctx);
    const p2 = createRiskEngine({ config }).evaluate([...intents].reverse(), ctx);
    expect(JSON.stringify(toJsonValue(p1))).toBe(JSON.stringify(toJsonValue(p2)));
    const t = actionOf(p1.actions, "trend");
    const m = actionOf(p1.actions, "mr");
    // Weighted long 0.8 × 10 vs short 0.4 × 10 → long wins, net (8 − 4) / 8 = 50 %.
    expect(t.blocked).toBe(false);
    expect(t.targetBaseSize.toFixed()).toBe("5");
    expect(t.reason).toContain("resolved by aggregate");
    expect(m.blocked).toBe(true);
    expect(m.blockedReasons).toEqual(["conflict_netted"]);
    expect(m.reason).toContain("resolved by aggregate");
  });

  it("aggregate policy clamps same-direction intents jointly and attributes pro rata", () => {
    const risk = createRiskEngine({ config: { ...LOOSE, maxSymbolExposurePct: 10 } });
    const plan = risk.evaluate(
      [
        intent({ strategyId: "a", instrumentId: "ETH/USD", desiredQuantity: "6" }),
        intent({ strategyId: "b", instrumentId: "ETH/USD", desiredQuantity: "4" }),
      ],
      context({ instruments, prices }),
    );
    // Cap 10,000 = 5 ETH for 10 requested: 3 and 2 (pro rata, rounded down to the lot).
    const a = actionOf(plan.actions, "a");
    const b = actionOf(plan.actions, "b");
    expect(a.targetBaseSize.toNumber()).toBeCloseTo(3, 3);
    expect(b.targetBaseSize.toNumber()).toBeCloseTo(2, 3);
    expect(a.bindingLimit).toBe("max_symbol_exposure_pct");
    expect(a.targetNotionalUsd.plus(b.targetNotionalUsd).lessThanOrEqualTo(10000)).toBe(true);
  });

  it("priority policy: the higher priority wins, ties broken by strategy id", () => {
    const config = { ...LOOSE, conflictPolicy: "priority" as const, strategies: { mr: { priority: 5 } } };
    const intents = [
      intent({ strategyId: "trend", instrumentId: "ETH/USD", desiredQuantity: "1", confidence: 0.9 }),
      intent({ strategyId: "mr", instrumentId: "ETH/USD", desiredQuantity: "1", confidence: 0.1 }),
    ];
    const plan = createRiskEngine({ config }).evaluate(intents, context({ instruments, prices }));
    expect(actionOf(plan.actions, "mr").blocked).toBe(false);
    expect(actionOf(plan.actions, "trend").blockedReasons).toEqual(["conflict_priority"]);
    expect(actionOf(plan.actions, "trend").reason).toContain("resolved by priority");
    const tie = createRiskEngine({ config: { ...LOOSE, conflictPolicy: "priority" } }).evaluate(
      intents,
      context({ instruments, prices }),
    );
    expect(actionOf(tie.actions, "mr").blocked).toBe(false); // "mr" < "trend"
    expect(actionOf(tie.actions, "trend").blocked).toBe(true);
  });

  it("buying power short: orders are taken by priority/confidence until it runs out, the rest blocked buying_power", () => {
    const risk = createRiskEngine({ config: LOOSE });
    const plan = risk.evaluate(
      [
        intent({ strategyId: "a", instrumentId: "ETH/USD", desiredQuantity: "1", confidence: 0.9 }),
        intent({ strategyId: "b", instrumentId: "BTC/USD", desiredQuantity: "0.1", confidence: 0.5 }),
        intent({ strategyId: "c", instrumentId: "ETH/BTC", desiredQuantity: "10000", confidence: 0.3 }),
      ],
      context({ instruments, prices, buyingPower: "5000" }),
    );
    expect(actionOf(plan.actions, "a").targetNotionalUsd.toFixed()).toBe("2000");
    const b = actionOf(plan.actions, "b");
    expect(b.bindingLimit).toBe("buying_power");
    expect(b.targetNotionalUsd.lessThanOrEqualTo(3000)).toBe(true);
    expect(actionOf(plan.actions, "c").blockedReasons).toEqual(["buying_power"]);
  });

  it("min cash reserve and min 24h liquidity", () => {
    const risk = createRiskEngine({
      config: { ...LOOSE, minCashReservePct: 20, minLiquidity24h: 1_000_000 },
    });
    const plan = risk.evaluate(
      [
        intent({ strategyId: "a", instrumentId: "ETH/USD", desiredQuantity: "50" }),
        intent({ strategyId: "a", instrumentId: "BTC/USD", desiredQuantity: "0.1" }),
      ],
      context({
        instruments,
        prices,
        atr: { "ETH/USD": 10 },
        cash: "50000",
        liquidity24h: { "ETH/USD": "5000000", "BTC/USD": "10" },
      }),
    );
    const eth = actionOf(plan.actions, "a", "ETH/USD");
    expect(eth.bindingLimit).toBe("min_cash_reserve");
    expect(eth.targetNotionalUsd.lessThanOrEqualTo(30000)).toBe(true);
    expect(actionOf(plan.actions, "a", "BTC/USD").blockedReasons).toEqual(["min_liquidity"]);
  });

  it("quantities are rounded down to the lot size", () => {
    const risk = createRiskEngine({ config: LOOSE });
    const plan = risk.evaluate(
      [intent({ strategyId: "a", instrumentId: "ETH/USD", desiredExposureUsd: "1000.3" })],
      context({ instruments, prices }),
    );
    expect(actionOf(plan.actions, "a").targetBaseSize.toFixed()).toBe("0.5001");
  });

  it("reduce and close pass unclamped; flat/exit closes", () => {
    const risk = createRiskEngine({ config: { ...LOOSE, maxPerAssetPct: 1 } });
    const positions = [
      { instrumentId: "ETH/USD", strategyId: "a", side: "long" as const, quantity: "10", notional: "20000" },
    ];
    const ctx = context({ instruments, prices, positions });
    const r = actionOf(
      risk.evaluate(
        [intent({ strategyId: "a", instrumentId: "ETH/USD", intentType: "reduce", desiredQuantity: "4" })],
        ctx,
      ).actions,
      "a",
    );
    expect([r.actionType, r.orderSide, r.deltaBaseSize.toFixed(), r.targetBaseSize.toFixed()]).toEqual([
      "reduce",
      "sell",
      "6",
      "4",
    ]);
    const c = actionOf(
      risk.evaluate(
        [intent({ strategyId: "a", instrumentId: "ETH/USD", side: "flat", intentType: "exit" })],
        ctx,
      ).actions,
      "a",
    );
    expect([c.actionType, c.targetBaseSize.toFixed(), c.currentBaseSize.toFixed(), c.blocked]).toEqual([
      "close",
      "0",
      "10",
      false,
    ]);
  });
});

describe("seed 002 §2.1 region capabilities (US_CA: spot only, no shorts, no leverage)", () => {
  it("blocks a short where the region or the instrument forbids it", () => {
    const inst = instrumentsOf([ETH, { ...BTC, shortable: true }]);
    const risk = createRiskEngine({ config: LOOSE });
    const plan = risk.evaluate(
      [
        intent({ strategyId: "a", instrumentId: "ETH/USD", side: "short", desiredQuantity: "1" }),
        intent({ strategyId: "a", instrumentId: "BTC/USD", side: "short", desiredQuantity: "0.1" }),
      ],
      context({ instruments: inst, prices }),
    );
    expect(actionOf(plan.actions, "a", "ETH/USD").blockedReasons).toEqual(["shorting_not_allowed"]);
    expect(actionOf(plan.actions, "a", "BTC/USD").blockedReasons).toEqual(["shorting_not_allowed"]);
    const allowed = createRiskEngine({ config: { ...LOOSE, allowShort: true } }).evaluate(
      [intent({ strategyId: "a", instrumentId: "BTC/USD", side: "short", desiredQuantity: "0.1" })],
      context({ instruments: inst, prices }),
    );
    const s = actionOf(allowed.actions, "a");
    expect([s.blocked, s.orderSide, s.side]).toEqual([false, "sell", "short"]);
  });

  it("no leverage: gross exposure may not exceed equity unless allowed and marginable", () => {
    const cfg = { ...LOOSE, allowLeverage: false };
    const plan = createRiskEngine({ config: cfg }).evaluate(
      [intent({ strategyId: "a", instrumentId: "ETH/USD", desiredQuantity: "100" })],
      context({ instruments, prices, atr: { "ETH/USD": 10 }, buyingPower: "400000", cash: "400000" }),
    );
    const a = actionOf(plan.actions, "a");
    expect(a.bindingLimit).toBe("no_leverage");
    expect(a.targetNotionalUsd.lessThanOrEqualTo(100000)).toBe(true);
  });
});

describe("seed 002 §9.3 drawdown & kill switch", () => {
  const ctxAt = (now: number, eq: string, extra = {}) =>
    context({
      now,
      equity: eq,
      instruments,
      prices,
      positions: [
        { instrumentId: "BTC/USD", strategyId: "a", side: "long", quantity: "1", notional: "40000" },
      ],
      ...extra,
    });
  const open = () => intent({ strategyId: "a", instrumentId: "ETH/USD", desiredQuantity: "1" });
  const close = () => intent({ strategyId: "a", instrumentId: "BTC/USD", side: "flat", intentType: "exit" });

  it("a series of equity values crossing max_daily_drawdown_pct activates the kill switch and blocks open/increase", () => {
    const risk = createRiskEngine({ config: { ...LOOSE, maxDailyDrawdownPct: 10 } });
    expect(risk.evaluate([open()], ctxAt(T0, "100000")).events).toEqual([]);
    const p2 = risk.evaluate([open()], ctxAt(T0 + HOUR, "95000"));
    expect(p2.events.filter((e) => e.type.startsWith("kill"))).toEqual([]);
    expect(actionOf(p2.actions, "a", "ETH/USD").blocked).toBe(false);
    const p3 = risk.evaluate([open(), close()], ctxAt(T0 + 2 * HOUR, "89000"));
    const on = p3.events.find((e) => e.type === "kill_switch_on");
    expect(on?.reasons).toEqual(["daily_drawdown"]);
    expect(on?.details.dailyDrawdownPct).toBeCloseTo(11, 9);
    const o = actionOf(p3.actions, "a", "ETH/USD");
    expect([o.blocked, o.blockedReasons, o.actionType]).toEqual([true, ["kill_switch"], "open"]);
    const c = actionOf(p3.actions, "a", "BTC/USD");
    expect([c.blocked, c.actionType]).toEqual([false, "close"]);
    const status = risk.getRiskStatus(ctxAt(T0 + 3 * HOUR, "89000"));
    expect(status.killSwitchActive).toBe(true);
    expect(status.dailyDrawdownPct).toBeCloseTo(11, 9);
    expect(status.killSwitchReasons).toEqual(["daily_drawdown"]);
    // Recovering intraday does not release it.
    expect(actionOf(risk.evaluate([open()], ctxAt(T0 + 4 * HOUR, "99000")).actions, "a").blocked).toBe(true);
  });

  it("releases at the next day boundary in the configured time zone (release: next_day)", () => {
    const risk = createRiskEngine({
      config: { ...LOOSE, maxDailyDrawdownPct: 10, killSwitch: { timeZone: "America/New_York" } },
    });
    const day = Date.UTC(2024, 0, 2, 15); // 10:00 New York
    risk.evaluate([], ctxAt(day, "100000"));
    expect(risk.evaluate([], ctxAt(day + HOUR, "85000")).events[0]?.type).toBe("kill_switch_on");
    // 23:30 UTC = 18:30 New York, still the same local day (a new UTC day).
    const sameLocal = risk.evaluate([open()], ctxAt(Date.UTC(2024, 0, 3, 0, 30), "85000"));
    expect(sameLocal.events).toEqual([]);
    expect(actionOf(sameLocal.actions, "a").blocked).toBe(true);
    // 05:30 UTC = 00:30 New York next day → released; start equity re-based to 85,000.
    const next = risk.evaluate([open()], ctxAt(Date.UTC(2024, 0, 3, 5, 30), "85000"));
    expect(next.events.map((e) => e.type)).toEqual(["kill_switch_off"]);
    expect(actionOf(next.actions, "a").blocked).toBe(false);
  });

  it("release: manual keeps the kill switch on across days until releaseKillSwitch", () => {
    const risk = createRiskEngine({
      config: { ...LOOSE, maxDailyDrawdownPct: 10, killSwitch: { release: "manual" } },
    });
    risk.evaluate([], ctxAt(T0, "100000"));
    risk.evaluate([], ctxAt(T0 + HOUR, "80000"));
    const next = risk.evaluate([open()], ctxAt(T0 + DAY, "80000"));
    expect(actionOf(next.actions, "a").blockedReasons).toEqual(["kill_switch"]);
    const off = risk.releaseKillSwitch(T0 + DAY + HOUR);
    expect(off?.type).toBe("kill_switch_off");
    expect(risk.releaseKillSwitch(T0 + DAY + HOUR)).toBeNull();
    expect(actionOf(risk.evaluate([open()], ctxAt(T0 + DAY + 2 * HOUR, "80000")).actions, "a").blocked).toBe(
      false,
    );
  });

  it("manual activation blocks opens until released by hand; reduce/close still pass", () => {
    const risk = createRiskEngine({ config: LOOSE });
    const ev = risk.activateKillSwitch("operator says stop", T0);
    expect(ev).toMatchObject({ type: "kill_switch_on", reasons: ["manual"] });
    const plan = risk.evaluate([open(), close()], ctxAt(T0 + DAY, "100000"));
    expect(actionOf(plan.actions, "a", "ETH/USD").blockedReasons).toEqual(["kill_switch"]);
    expect(actionOf(plan.actions, "a", "BTC/USD").actionType).toBe("close");
    expect(risk.getRiskStatus(ctxAt(T0 + DAY, "100000")).killSwitchReasons).toEqual([
      "manual: operator says stop",
    ]);
    risk.releaseKillSwitch(T0 + DAY);
    expect(actionOf(risk.evaluate([open()], ctxAt(T0 + DAY, "100000")).actions, "a").blocked).toBe(false);
  });

  it("exportState/restoreState keep the day's start equity across a restart", () => {
    const a = createRiskEngine({ config: { ...LOOSE, maxDailyDrawdownPct: 10 } });
    a.evaluate([], ctxAt(T0, "100000"));
    const b = createRiskEngine({ config: { ...LOOSE, maxDailyDrawdownPct: 10 }, state: a.exportState() });
    expect(b.evaluate([], ctxAt(T0 + HOUR, "89000")).events[0]?.type).toBe("kill_switch_on");
    // Without the state, the restarted engine would have taken 89,000 as the day's start.
    expect(createRiskEngine({ config: LOOSE }).evaluate([], ctxAt(T0 + HOUR, "89000")).events).toEqual([]);
  });
});

describe("seed 002 §9.4 drift handling", () => {
  const positions = [
    { instrumentId: "BTC/USD", strategyId: "a", side: "long" as const, quantity: "1", notional: "40000" },
  ];
  const intents = () => [
    intent({ strategyId: "a", instrumentId: "ETH/USD", desiredQuantity: "1" }),
    intent({ strategyId: "a", instrumentId: "BTC/USD", desiredQuantity: "2" }),
    intent({ strategyId: "b", instrumentId: "BTC/USD", side: "flat", intentType: "exit" }),
    intent({ strategyId: "a", instrumentId: "ETH/BTC", intentType: "exit", side: "flat" }),
  ];

  it("drift_flag with kill_switch_on_drift: the plan approves only reduce/close actions, no open/increase", () => {
    const risk = createRiskEngine({ config: LOOSE });
    const plan = risk.evaluate(
      [
        ...intents(),
        intent({ strategyId: "a", instrumentId: "BTC/USD", side: "flat", intentType: "exit", signalId: "x" }),
      ].slice(0, 3),
      context({ instruments, prices, positions, driftFlag: true }),
    );
    expect(plan.events.find((e) => e.type === "kill_switch_on")?.reasons).toEqual(["drift"]);
    for (const a of plan.actions) if (!a.blocked) expect(["reduce", "close", "none"]).toContain(a.actionType);
    expect(plan.actions.filter((a) => a.blocked).every((a) => a.blockedReasons.includes("kill_switch"))).toBe(
      true,
    );
    // Drift resolved → released.
    const after = risk.evaluate([], context({ instruments, prices, positions, now: T0 + HOUR }));
    expect(after.events.map((e) => e.type)).toEqual(["kill_switch_off"]);
  });

  it("with kill_switch_on_drift false a drift flag does not block", () => {
    const risk = createRiskEngine({ config: { ...LOOSE, killSwitchOnDrift: false } });
    const plan = risk.evaluate(
      intents().slice(0, 1),
      context({ instruments, prices, positions, driftFlag: true }),
    );
    expect(plan.actions[0]?.blocked).toBe(false);
    expect(plan.events).toEqual([]);
  });
});

describe("seed 002 §5.5 manual positions", () => {
  const manual = [
    { instrumentId: "ETH/USD", strategyId: null, side: "long" as const, quantity: "2", notional: "4000" },
  ];
  it("includeManualPositions=false frees the soft limits but the hard per-asset limit still counts them", () => {
    const soft = { ...LOOSE, maxSymbolExposurePct: 5 };
    const incl = createRiskEngine({ config: soft }).evaluate(
      [intent({ strategyId: "a", instrumentId: "ETH/USD", desiredQuantity: "2" })],
      context({ instruments, prices, positions: manual }),
    );
    expect(actionOf(incl.actions, "a").bindingLimit).toBe("max_symbol_exposure_pct");
    const excl = createRiskEngine({ config: { ...soft, includeManualPositions: false } }).evaluate(
      [intent({ strategyId: "a", instrumentId: "ETH/USD", desiredQuantity: "2" })],
      context({ instruments, prices, positions: manual }),
    );
    expect(actionOf(excl.actions, "a").targetBaseSize.toFixed()).toBe("2");
    const hard = createRiskEngine({
      config: { ...LOOSE, maxPerAssetPct: 5, includeManualPositions: false },
    }).evaluate(
      [intent({ strategyId: "a", instrumentId: "ETH/USD", desiredQuantity: "2" })],
      context({ instruments, prices, positions: manual }),
    );
    expect(actionOf(hard.actions, "a").bindingLimit).toBe("max_per_asset_pct");
  });
});

describe("consensus", () => {
  it("multiplies the size of strategies in a consensus event, still clamped", () => {
    const consensus = [
      {
        eventId: "c1",
        instrumentId: "ETH/USD",
        timestamp: T0,
        strategies: ["a", "b"],
        signalIds: ["s1", "s2"],
        combinedConfidence: 0.9,
      },
    ];
    const risk = createRiskEngine({ config: { ...LOOSE, consensusSizeMultiplier: 1.5, maxPerAssetPct: 5 } });
    const plan = risk.evaluate(
      [
        intent({ strategyId: "a", instrumentId: "ETH/USD", desiredQuantity: "1" }),
        intent({ strategyId: "c", instrumentId: "BTC/USD", desiredQuantity: "0.01" }),
      ],
      context({ instruments, prices, consensus }),
    );
    expect(actionOf(plan.actions, "a").targetBaseSize.toFixed()).toBe("1.5");
    expect(actionOf(plan.actions, "a").reason).toContain("consensus");
    expect(actionOf(plan.actions, "c").targetBaseSize.toFixed()).toBe("0.01");
    const clamped = risk.evaluate(
      [intent({ strategyId: "a", instrumentId: "ETH/USD", desiredQuantity: "2" })],
      context({ instruments, prices, consensus }),
    );
    expect(actionOf(clamped.actions, "a").bindingLimit).toBe("max_per_asset_pct");
  });
});

describe("seed 002 §9.5 plan and status are consistent with the context", () => {
  it("actions keep strategyId/signalId, the plan validates against core's schema, status derives exposures", () => {
    const risk = createRiskEngine({ config: LOOSE });
    const positions = [
      { instrumentId: "ETH/USD", strategyId: "a", side: "long" as const, quantity: "5", notional: "10000" },
      { instrumentId: "ETH/BTC", strategyId: null, side: "long" as const, quantity: "1", notional: "2000" },
      { instrumentId: "BTC/USD", strategyId: "b", side: "long" as const, quantity: "0.5", notional: "20000" },
    ];
    const ctx = context({ instruments, prices, positions });
    const it = intent({ strategyId: "a", instrumentId: "ETH/USD", desiredQuantity: "6", signalId: "sig-1" });
    const plan = risk.evaluate([it], ctx);
    const a = actionOf(plan.actions, "a");
    expect([a.signalId, a.actionType, a.currentBaseSize.toFixed(), a.deltaBaseSize.toFixed()]).toEqual([
      "sig-1",
      "increase",
      "5",
      "1",
    ]);
    expect(a.riskLimitsSnapshot.equity).toBe("100000");
    expect(() => ExecutionPlanSchema.parse(toJsonValue(plan))).not.toThrow();
    const st = risk.getRiskStatus(ctx);
    expect(() => RiskStatusSchema.parse(st)).not.toThrow();
    expect(st.totalExposurePct).toBeCloseTo(32, 9);
    expect(st.perAssetExposurePct).toEqual({ BTC: 20, ETH: 12 });
    expect(st.perStrategyExposurePct).toEqual({ a: 10, b: 20, manual: 2 });
    expect(st.openPositions).toBe(3);
    expect(st.killSwitchActive).toBe(false);
    expect(new Decimal(0).isZero()).toBe(true);
  });
});
