// Property: cash, positions and fills always agree — equity − initial cash = trading P&L at marks − fees.
import { Decimal, type Fill, type Order, ZERO, isTerminalOrderStatus } from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PaperBroker } from "../src/index.js";
import { MIN, T0, setup } from "./fixtures.js";

const IDS = ["NVDA", "TSLA", "KXBTC"] as const;

const orderArb = fc.record({
  inst: fc.integer({ min: 0, max: 2 }),
  side: fc.constantFrom("buy" as const, "sell" as const),
  qty: fc.integer({ min: 1, max: 30 }),
  /** Buy as much as the cash allows at the last price (exercises fill-time caps on gaps). */
  allIn: fc.boolean(),
  type: fc.constantFrom("market" as const, "limit" as const, "stop" as const, "stop_limit" as const),
  off: fc.integer({ min: -300, max: 300 }),
  off2: fc.integer({ min: 0, max: 200 }),
  tif: fc.constantFrom("gtc" as const, "day" as const, "ioc" as const, "fok" as const),
  no: fc.boolean(),
  reduceOnly: fc.boolean(),
});

const stepArb = fc.record({
  moves: fc.tuple(
    fc.integer({ min: -300, max: 300 }),
    fc.integer({ min: -300, max: 300 }),
    fc.integer({ min: -6, max: 6 }),
  ),
  gap: fc.integer({ min: -400, max: 400 }),
  wiggle: fc.integer({ min: 0, max: 150 }),
  volume: fc.integer({ min: 0, max: 400 }),
  orders: fc.array(orderArb, { maxLength: 3 }),
  cancel: fc.option(fc.nat({ max: 50 }), { nil: undefined }),
});

const configArb = fc.record({
  fillAt: fc.constantFrom("next_open" as const, "close" as const),
  slippageBps: fc.integer({ min: 0, max: 50 }),
  spreadBps: fc.integer({ min: 0, max: 20 }),
  feeBps: fc.integer({ min: 0, max: 30 }),
  feePerOrder: fc.constantFrom("0", "0.5", "1.25"),
  maxVolumeParticipation: fc.option(fc.constantFrom(0.05, 0.2, 1), { nil: undefined }),
  allowShort: fc.boolean(),
  latencyMs: fc.constantFrom(0, 30_000, 90_000),
  initialCash: fc.constantFrom("500", "5000", "100000"),
});

function posKey(f: { instrumentId: string; outcome?: string | undefined }): string {
  return f.outcome === undefined ? f.instrumentId : `${f.instrumentId}:${f.outcome}`;
}

function checkBook(broker: PaperBroker, initialCash: Decimal): void {
  const fills = broker.getFills();
  const signed = new Map<string, Decimal>();
  let pnl = ZERO;
  let fees = ZERO;
  for (const f of fills) {
    const binary = f.instrumentId === "KXBTC";
    const q = f.side === "buy" ? f.quantity : f.quantity.neg();
    signed.set(posKey(f), (signed.get(posKey(f)) ?? ZERO).plus(q));
    const last = broker.getLastPrice(f.instrumentId) as number;
    const mark = new Decimal(f.outcome === "no" ? 100 - last : last);
    const perUnit = mark.minus(f.price);
    pnl = pnl.plus(q.times(binary ? perUnit.dividedBy(100) : perUnit));
    fees = fees.plus(f.fee);
    expect(f.price.greaterThan(0)).toBe(true);
    if (binary) expect(f.price.greaterThanOrEqualTo(1) && f.price.lessThanOrEqualTo(99)).toBe(true);
  }
  // Positions equal Σ signed fill quantities (and nothing else is held).
  const positions = broker.getPositions();
  for (const p of positions) expect(p.quantity.eq(signed.get(posKey(p)) ?? ZERO)).toBe(true);
  for (const [key, q] of signed) if (!q.isZero()) expect(positions.some((p) => posKey(p) === key)).toBe(true);
  // cash + Σ position × mark − initial cash = trading P&L at marks − Σ fees.
  const acct = broker.getAccount();
  expect(acct.equity.minus(initialCash).toFixed()).toBe(pnl.minus(fees).toFixed());
  // The number mirror for per-bar equity curves agrees with the Decimal book up to float rounding.
  expect(broker.getEquityNumber()).toBeCloseTo(acct.equity.toNumber(), 6);
  // Each order's filled quantity is the sum of its fills, never more than ordered.
  const perOrder = new Map<string, Decimal>();
  for (const f of fills) perOrder.set(f.orderId, (perOrder.get(f.orderId) ?? ZERO).plus(f.quantity));
  for (const o of broker.getOrders()) {
    expect(o.filledQuantity.eq(perOrder.get(o.orderId) ?? ZERO)).toBe(true);
    expect(o.filledQuantity.lessThanOrEqualTo(o.quantity)).toBe(true);
    expect(o.status === "filled").toBe(o.filledQuantity.eq(o.quantity));
  }
  expect(new Set(fills.map((f) => f.tradeId)).size).toBe(fills.length);
}

describe("accounting invariants (fast-check)", () => {
  it("positions = Σ signed fills; equity − initial = Σ (mark − price) × signed qty − Σ fees; cash ≥ 0 without shorts", () => {
    fc.assert(
      fc.property(configArb, fc.array(stepArb, { minLength: 3, maxLength: 40 }), (cfg, steps) => {
        const { broker, feed } = setup(cfg);
        const initial = new Decimal(cfg.initialCash);
        const terminalSeen = new Set<string>();
        broker.on("orderUpdate", (o: Order) => {
          expect(terminalSeen.has(o.orderId)).toBe(false); // nothing changes after a terminal status
          if (isTerminalOrderStatus(o.status)) terminalSeen.add(o.orderId);
        });
        const fillIds: string[] = [];
        broker.on("fill", (f: Fill) => fillIds.push(f.tradeId));
        const px = [10_000, 20_000, 50];
        let k = 0;
        steps.forEach((step, i) => {
          for (let j = 0; j < 3; j++) {
            const binary = j === 2;
            const o = binary
              ? Math.min(99, Math.max(1, (px[j] as number) + Math.round(step.gap / 50)))
              : Math.max(100, (px[j] as number) + step.gap);
            const c = binary
              ? Math.min(99, Math.max(1, o + step.moves[j as 0 | 1 | 2]))
              : Math.max(100, o + step.moves[j as 0 | 1 | 2]);
            const w = binary ? Math.round(step.wiggle / 50) : step.wiggle;
            const hi = binary ? Math.min(100, Math.max(o, c) + w) : Math.max(o, c) + w;
            const lo = binary ? Math.max(0, Math.min(o, c) - w) : Math.max(1, Math.min(o, c) - w);
            const d = binary ? 1 : 100;
            feed({
              instrumentId: IDS[j] as string,
              timeframe: "1m",
              openTime: T0 + i * 30 * MIN,
              closeTime: T0 + i * 30 * MIN + MIN,
              open: o / d,
              high: hi / d,
              low: lo / d,
              close: c / d,
              volume: step.volume,
              closed: true,
            });
            px[j] = c;
          }
          for (const ord of step.orders) {
            const id = IDS[ord.inst] as string;
            const binary = ord.inst === 2;
            const ref = px[ord.inst] as number;
            const price = (p: number) =>
              binary ? String(Math.min(99, Math.max(1, Math.round(p)))) : String(Math.max(1, p) / 100);
            const off = binary ? ord.off / 50 : ord.off;
            const unit = ref / 100; // equities: cents → dollars; binary: cents → 1 per contract
            const allIn = Math.floor(broker.getCash().toNumber() / unit);
            const qty = ord.allIn && ord.side === "buy" && allIn >= 1 ? allIn : ord.qty;
            const lim = price(
              ref + off + (binary ? ord.off2 / 50 : ord.off2) * (ord.side === "buy" ? 1 : -1),
            );
            broker.placeOrder({
              clientOrderId: `p-${k++}`,
              strategyId: "s",
              instrumentId: id,
              side: ord.side,
              type: ord.type,
              quantity: String(qty),
              timeInForce: ord.tif,
              reduceOnly: ord.reduceOnly && k % 4 === 0,
              ...(binary ? { outcome: ord.no ? ("no" as const) : ("yes" as const) } : {}),
              ...(ord.type === "limit" ? { limitPrice: price(ref + off) } : {}),
              ...(ord.type === "stop" || ord.type === "stop_limit" ? { stopPrice: price(ref + off) } : {}),
              ...(ord.type === "stop_limit" ? { limitPrice: lim } : {}),
            });
          }
          if (step.cancel !== undefined) {
            const open = broker.getOpenOrders();
            const victim = open[step.cancel % Math.max(1, open.length)];
            if (victim) broker.cancelOrder({ orderId: victim.orderId });
          }
          if (!cfg.allowShort) expect(broker.getCash().isNegative()).toBe(false);
        });
        checkBook(broker, initial);
        expect(fillIds).toEqual(broker.getFills().map((f) => f.tradeId));
      }),
      { numRuns: Number(process.env.QUIVER_FC_RUNS ?? 80) },
    );
  }, 60_000);
});
