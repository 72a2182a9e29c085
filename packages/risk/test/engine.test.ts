// Engine boundary and bookkeeping: validation modes, working orders, flips, unknown instruments, ids.
import { type Decimal, ValidationError } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { createRiskEngine } from "../src/index.js";
import { actionOf, context, instrumentsOf, intent, LOOSE, spot, T0 } from "./fixtures.js";

const instruments = instrumentsOf([spot("ETH/USD", "ETH", { shortable: true }), spot("BTC/USD", "BTC")]);
const prices = { "ETH/USD": "2000", "BTC/USD": "40000" };

describe("risk engine boundary", () => {
  it("full validation rejects a bad context and a bad intent with the field named", () => {
    const risk = createRiskEngine({ config: LOOSE });
    const bad = { ...context({ instruments, prices }), equity: "NaN" } as unknown as ReturnType<
      typeof context
    >;
    expect(() => risk.evaluate([], bad)).toThrow(ValidationError);
    const badIntent = { ...intent({ strategyId: "a", instrumentId: "ETH/USD" }), confidence: 2 };
    try {
      risk.evaluate([badIntent], context({ instruments, prices }));
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).paths).toEqual(["confidence"]);
    }
  });

  it("trusted mode skips zod but still refuses a context without Decimals", () => {
    const risk = createRiskEngine({ config: LOOSE, validation: "trusted" });
    const ctx = context({ instruments, prices });
    const plan = risk.evaluate(
      [intent({ strategyId: "a", instrumentId: "ETH/USD", desiredQuantity: "1" })],
      ctx,
    );
    expect(actionOf(plan.actions, "a").targetBaseSize.toFixed()).toBe("1");
    expect(() => risk.evaluate([], { ...ctx, equity: 5 as unknown as Decimal })).toThrow(/equity/);
  });

  it("working buy orders count as exposure and committed cash", () => {
    const risk = createRiskEngine({ config: { ...LOOSE, maxPerAssetPct: 5 } });
    const plan = risk.evaluate(
      [intent({ strategyId: "a", instrumentId: "ETH/USD", desiredQuantity: "2" })],
      context({
        instruments,
        prices,
        pendingOrders: [
          { instrumentId: "ETH/USD", strategyId: "b", side: "buy", quantity: "1.5", notional: "3000" },
        ],
      }),
    );
    // 5,000 cap − 3,000 working → 1 ETH.
    const a = actionOf(plan.actions, "a");
    expect([a.targetBaseSize.toFixed(), a.bindingLimit]).toEqual(["1", "max_per_asset_pct"]);
  });

  it("a strategy asking for the other side first closes the side it holds", () => {
    const risk = createRiskEngine({ config: { ...LOOSE, allowShort: true } });
    const plan = risk.evaluate(
      [intent({ strategyId: "a", instrumentId: "ETH/USD", side: "short", desiredQuantity: "1" })],
      context({
        instruments,
        prices,
        positions: [
          { instrumentId: "ETH/USD", strategyId: "a", side: "long", quantity: "3", notional: "6000" },
        ],
      }),
    );
    const a = actionOf(plan.actions, "a");
    expect([a.actionType, a.side, a.orderSide, a.deltaBaseSize.toFixed()]).toEqual([
      "close",
      "long",
      "sell",
      "3",
    ]);
    expect(a.reason).toContain("flip");
  });

  it("an exit of a position in an unknown instrument still closes; an open there is blocked", () => {
    const risk = createRiskEngine({ config: LOOSE });
    const plan = risk.evaluate(
      [
        intent({ strategyId: "a", instrumentId: "GONE", side: "flat", intentType: "exit" }),
        intent({ strategyId: "b", instrumentId: "GONE", desiredQuantity: "1" }),
      ],
      context({
        instruments,
        prices,
        positions: [{ instrumentId: "GONE", strategyId: "a", side: "long", quantity: "3", notional: "30" }],
      }),
    );
    expect(actionOf(plan.actions, "a").actionType).toBe("close");
    expect(actionOf(plan.actions, "b").blockedReasons).toContain("unknown_instrument");
  });

  it("one intent per strategy and instrument per cycle: the latest wins, the rest are blocked duplicate_intent", () => {
    const risk = createRiskEngine({ config: LOOSE });
    const plan = risk.evaluate(
      [
        intent({
          strategyId: "a",
          instrumentId: "ETH/USD",
          desiredQuantity: "1",
          generatedAt: T0 - 1,
          signalId: "old",
        }),
        intent({
          strategyId: "a",
          instrumentId: "ETH/USD",
          desiredQuantity: "2",
          generatedAt: T0,
          signalId: "new",
        }),
      ],
      context({ instruments, prices }),
    );
    const byId = Object.fromEntries(plan.actions.map((a) => [a.signalId, a]));
    expect(byId.new?.targetBaseSize.toFixed()).toBe("2");
    expect(byId.old?.blockedReasons).toEqual(["duplicate_intent"]);
    expect(new Set(plan.actions.map((a) => a.actionId)).size).toBe(2);
    expect(plan.actions.every((a) => a.actionId.startsWith(plan.planId))).toBe(true);
  });
});
