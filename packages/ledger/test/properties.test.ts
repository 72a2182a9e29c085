// Property tests: random order/fill/exit/settlement/reconcile sequences against an independent cash and position model.
import { Decimal, type Instrument, PositionSchema, QuiverError, ZERO } from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PortfolioLedger } from "../src/index.js";
import { KX, NVDA, PLTR, canonical, fill, ledgerOptions, newLedger, order } from "./fixtures.js";

const INSTRUMENTS: Instrument[] = [NVDA, PLTR, KX];

const fillArb = fc.record({
  qty: fc.integer({ min: 1, max: 20 }),
  priceInt: fc.integer({ min: 1, max: 99 }),
  cents: fc.integer({ min: 0, max: 99 }),
  fee: fc.integer({ min: 0, max: 250 }),
});

const opArb = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("trade" as const),
      strategy: fc.constantFrom("A", "B"),
      inst: fc.integer({ min: 0, max: 2 }),
      side: fc.constantFrom("buy" as const, "sell" as const),
      outcome: fc.constantFrom("yes" as const, "no" as const),
      fills: fc.array(fillArb, { minLength: 0, maxLength: 3 }),
      extra: fc.integer({ min: 0, max: 5 }),
      cancel: fc.boolean(),
      lifoIds: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("settle" as const), yes: fc.constantFrom(0, 100, 37) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("mark" as const),
      nvda: fc.integer({ min: 1, max: 200 }),
      kx: fc.integer({ min: 0, max: 100 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("reconcile" as const),
      inst: fc.integer({ min: 0, max: 1 }),
      delta: fc.integer({ min: -15, max: 15 }),
      price: fc.integer({ min: 1, max: 200 }),
      transfer: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("cash" as const), amount: fc.integer({ min: -500, max: 500 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("bad" as const), variant: fc.integer({ min: 0, max: 4 }) }),
  },
);

type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

interface Model {
  cash: Decimal;
  pos: Map<string, Decimal>; // NVDA, PLTR signed; KX|yes, KX|no
  fees: Map<string, Decimal>;
  contributions: Decimal;
}

function run(ops: Op[], exitPolicy: "fifo" | "lifo" = "fifo") {
  const ledger = newLedger({ initialCash: "10000", exitPolicy });
  const m: Model = { cash: new Decimal(10000), pos: new Map(), fees: new Map(), contributions: ZERO };
  const get = (k: string) => m.pos.get(k) ?? ZERO;
  const bump = (k: string, v: Decimal) => m.pos.set(k, get(k).plus(v));
  let n = 0;
  let t = 1_700_000_000_000;
  const lastFills: ReturnType<typeof fill>[] = [];
  for (const op of ops) {
    t += 60_000;
    const before = canonical(ledger.snapshot());
    try {
      if (op.kind === "trade") {
        const inst = INSTRUMENTS[op.inst]!;
        const binary = inst.kind === "binary";
        const orderId = `o${++n}`;
        const qty = op.fills.reduce((a, f) => a + f.qty, 0) + op.extra;
        if (qty === 0) continue;
        const o = order({
          orderId,
          strategyId: op.strategy,
          instrumentId: inst.id,
          side: op.side,
          quantity: String(qty),
          createdAt: t,
          ...(binary ? { outcome: op.outcome } : {}),
          ...(op.lifoIds && !binary ? { metadata: {} } : {}),
        });
        // Some orders override the category, so one (strategy, instrument, side) mixes categories.
        ledger.recordOrder(o, op.strategy === "B" && op.extra % 2 === 1 ? { category: "alt" } : {});
        for (const [i, f] of op.fills.entries()) {
          const price = binary
            ? new Decimal(f.priceInt)
            : new Decimal(f.priceInt).plus(new Decimal(f.cents).div(100));
          const fee = new Decimal(f.fee).div(100);
          const fl = fill({
            tradeId: `${orderId}-${i}`,
            orderId,
            instrumentId: inst.id,
            side: op.side,
            quantity: String(f.qty),
            price: price.toFixed(),
            fee: fee.toFixed(),
            timestamp: t + i,
            ...(binary ? { outcome: op.outcome } : {}),
          });
          const snap = canonical(ledger.snapshot());
          try {
            const r = ledger.applyFill(fl);
            expect(r.applied).toBe(true);
          } catch (e) {
            expect(QuiverError.isInstance(e)).toBe(true);
            expect(canonical(ledger.snapshot())).toBe(snap); // nothing half-applied
            continue;
          }
          lastFills.push(fl);
          const q = new Decimal(f.qty);
          const notional = binary ? q.times(price).div(100) : q.times(price);
          const sign = op.side === "buy" ? 1 : -1;
          m.cash = op.side === "buy" ? m.cash.minus(notional).minus(fee) : m.cash.plus(notional).minus(fee);
          m.fees.set(op.strategy, (m.fees.get(op.strategy) ?? ZERO).plus(fee));
          bump(binary ? `${inst.id}|${op.outcome}` : inst.id, q.times(sign));
        }
        if (op.cancel) ledger.applyOrderUpdate({ ...o, status: "cancelled", updatedAt: t + 10 });
      } else if (op.kind === "settle") {
        const yes = new Decimal(op.yes);
        ledger.settle(KX.id, yes, t);
        m.cash = m.cash
          .plus(get(`${KX.id}|yes`).times(yes).div(100))
          .plus(get(`${KX.id}|no`).times(new Decimal(100).minus(yes)).div(100));
        m.pos.set(`${KX.id}|yes`, ZERO);
        m.pos.set(`${KX.id}|no`, ZERO);
      } else if (op.kind === "mark") {
        ledger.recordEquity({ [NVDA.id]: new Decimal(op.nvda), [KX.id]: new Decimal(op.kx) }, t);
        // Values entries mid-sequence, so cached per-entry valuation must follow later fills.
        ledger.markToMarket({ [NVDA.id]: new Decimal(op.nvda) });
      } else if (op.kind === "reconcile") {
        const inst = INSTRUMENTS[op.inst]!;
        const L = get(inst.id);
        const B = L.minus(op.delta);
        const price = new Decimal(op.price);
        const report = ledger.reconcile(
          [
            PositionSchema.parse({
              instrumentId: inst.id,
              quantity: B.toFixed(),
              marketPrice: price.toFixed(),
              averagePrice: price.toFixed(),
            }),
          ],
          t,
          {},
          { cashEffect: op.transfer ? "transfer" : "trade" },
        );
        const flip = (L.greaterThan(0) && B.lessThan(0)) || (L.lessThan(0) && B.greaterThan(0));
        expect(report.drift).toBe(flip);
        if (!flip && !L.equals(B)) {
          // Any change is bought or sold at `price`: the cash (or contribution) moves by −Δ × price.
          const flow = B.minus(L).times(price).negated();
          if (op.transfer) m.contributions = m.contributions.minus(flow);
          else m.cash = m.cash.plus(flow);
          m.pos.set(inst.id, B);
        }
      } else if (op.kind === "cash") {
        ledger.adjustCash(new Decimal(op.amount), t, "deposit");
        m.cash = m.cash.plus(op.amount);
        m.contributions = m.contributions.plus(op.amount);
      } else if (op.kind === "bad") {
        const last = lastFills[lastFills.length - 1];
        const snap = canonical(ledger.snapshot());
        const attempt = () => {
          switch (op.variant) {
            case 0:
              return ledger.applyFill({
                ...fill({
                  tradeId: `bad${++n}`,
                  orderId: "zz",
                  instrumentId: NVDA.id,
                  side: "buy",
                  quantity: "1",
                  price: "1",
                  timestamp: t,
                }),
                quantity: new Decimal(-3),
              });
            case 1:
              return ledger.applyFill({
                ...fill({
                  tradeId: `bad${++n}`,
                  orderId: "zz",
                  instrumentId: KX.id,
                  side: "buy",
                  outcome: "yes",
                  quantity: "1",
                  price: "1",
                  timestamp: t,
                }),
                price: new Decimal(101),
              });
            case 2:
              return ledger.settle(KX.id, new Decimal(150), t);
            case 3:
              return ledger.applyFill(
                fill({
                  tradeId: `bad${++n}`,
                  orderId: "zz",
                  instrumentId: NVDA.id,
                  side: "buy",
                  quantity: "1",
                  price: "1",
                  timestamp: t,
                }),
                { closeEntryIds: ["nope:1"] },
              );
            default:
              if (!last) throw new QuiverError("VALIDATION", "no fill yet");
              // Duplicate delivery of the last fill: applied once, nothing changes.
              expect(ledger.applyFill(last).applied).toBe(false);
              throw new QuiverError("VALIDATION", "duplicate checked");
          }
        };
        expect(attempt).toThrow();
        expect(canonical(ledger.snapshot())).toBe(snap);
      }
    } catch (e) {
      if (!QuiverError.isInstance(e)) throw e;
      expect(canonical(ledger.snapshot())).toBe(before);
    }
  }
  return { ledger, m };
}

function checkInvariants(
  ledger: PortfolioLedger,
  m: Model,
  marks: Record<string, Decimal>,
  exitPolicy: "fifo" | "lifo" = "fifo",
) {
  // Cash and positions match the independent model exactly.
  expect(ledger.getCash().toFixed()).toBe(m.cash.toFixed());
  for (const inst of INSTRUMENTS) {
    if (inst.kind === "binary") {
      for (const o of ["yes", "no"] as const)
        expect(ledger.getNetPosition(inst.id, o).toFixed()).toBe(
          (m.pos.get(`${inst.id}|${o}`) ?? ZERO).toFixed(),
        );
    } else expect(ledger.getNetPosition(inst.id).toFixed()).toBe((m.pos.get(inst.id) ?? ZERO).toFixed());
  }
  // Entries: quantities never negative, filled = open + closed, Σ open = net position.
  const net = new Map<string, Decimal>();
  for (const e of ledger.getEntries()) {
    expect(e.openQuantity.isNegative()).toBe(false);
    expect(e.closedQuantity.isNegative()).toBe(false);
    expect(e.filledQuantity.equals(e.openQuantity.plus(e.closedQuantity))).toBe(true);
    const key = e.side === "yes" || e.side === "no" ? `${e.instrumentId}|${e.side}` : e.instrumentId;
    net.set(key, (net.get(key) ?? ZERO).plus(e.side === "short" ? e.openQuantity.negated() : e.openQuantity));
  }
  for (const [k, v] of net) expect(v.toFixed()).toBe((m.pos.get(k) ?? ZERO).toFixed());
  // realized + unrealized = equity − initial cash − contributions (fees inside both; see README).
  const realized = ledger.getRealizedPnl();
  const unrealized = ledger.getUnrealizedPnl(marks);
  const equity = ledger.getEquity(marks);
  expect(ledger.getContributions().toFixed()).toBe(m.contributions.toFixed());
  expect(realized.plus(unrealized).toFixed()).toBe(equity.minus(10000).minus(m.contributions).toFixed());
  // Per strategy: aggregates equal brute-force sums over the strategy's entries.
  const mtm = ledger.markToMarket(marks);
  let feesTotal = ZERO;
  for (const s of ledger.getStrategyIds()) {
    const pnl = ledger.computeStrategyPnl(s, marks);
    const entries = ledger.getEntries({ strategyId: s });
    const sum = (f: (e: (typeof entries)[number]) => Decimal) => entries.reduce((a, e) => a.plus(f(e)), ZERO);
    expect(pnl.realizedPnl.toFixed()).toBe(sum((e) => e.realizedPnl).toFixed());
    expect(pnl.totalContracts.toFixed()).toBe(sum((e) => e.filledQuantity).toFixed());
    expect(pnl.totalCostBasis.toFixed()).toBe(sum((e) => e.costBasis).toFixed());
    const u = mtm.filter((x) => x.strategyId === s).reduce((a, x) => a.plus(x.unrealizedPnl), ZERO);
    expect(pnl.unrealizedPnl.toFixed()).toBe(u.toFixed());
    expect(pnl.entryCount).toBe(entries.filter((e) => !e.filledQuantity.isZero()).length);
    if (s !== "manual") expect(pnl.fees.toFixed()).toBe((m.fees.get(s) ?? ZERO).toFixed());
    feesTotal = feesTotal.plus(pnl.fees);
  }
  expect(ledger.getTotalFees().toFixed()).toBe(feesTotal.toFixed());
  // Per-entry valuation: value = open quantity × price of the side held (binary: cents / 100);
  // Σ per-entry unrealized = the per-position figure; category exposure = Σ entry values.
  const byCategory = new Map<string, Decimal>();
  for (const x of mtm) {
    const e = ledger.getEntry(x.entryId)!;
    expect(x.openQuantity.toFixed()).toBe(e.openQuantity.toFixed());
    if (x.price !== null) {
      const v = x.openQuantity.times(x.price);
      expect(x.value.toFixed()).toBe((x.instrumentId === KX.id ? v.div(100) : v).toFixed());
    }
    const c = e.category ?? "";
    byCategory.set(c, (byCategory.get(c) ?? ZERO).plus(x.value));
  }
  expect(mtm.reduce((a, x) => a.plus(x.unrealizedPnl), ZERO).toFixed()).toBe(unrealized.toFixed());
  const exposure = ledger.getExposure(marks);
  for (const c of ["tech", "crypto", "politics", "alt"]) {
    const want = byCategory.get(c) ?? ZERO;
    expect(ledger.getCategoryExposure(c, marks).toFixed()).toBe(want.toFixed());
    expect((exposure.byCategory[c] ?? ZERO).toFixed()).toBe(want.toFixed());
  }
  // Replay and snapshot/restore give the same state, to the last decimal.
  const snap = canonical(ledger.snapshot());
  const events = JSON.parse(JSON.stringify(ledger.getEvents()));
  expect(
    canonical(PortfolioLedger.replay(events, ledgerOptions({ initialCash: "10000", exitPolicy })).snapshot()),
  ).toBe(snap);
  const restored = PortfolioLedger.restore(JSON.parse(JSON.stringify(ledger.snapshot())), {
    instruments: INSTRUMENTS,
  });
  expect(canonical(restored.snapshot())).toBe(snap);
  expect(restored.getEquity(marks).toFixed()).toBe(equity.toFixed());
  expect(canonical(restored.computeStrategyPnl("A", marks))).toBe(
    canonical(ledger.computeStrategyPnl("A", marks)),
  );
}

// Generous timeouts: the shared CI/dev machine is often loaded; numRuns stay modest.
describe("ledger properties over random sequences", { timeout: 60_000 }, () => {
  it("cash, positions, P&L identity, per-entry sums, replay and restore all agree", () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom("fifo" as const, "lifo" as const),
        (ops, nvda, kx, policy) => {
          const { ledger, m } = run(ops, policy);
          checkInvariants(ledger, m, { [NVDA.id]: new Decimal(nvda), [KX.id]: new Decimal(kx) }, policy);
          // PLTR has no mark: valued at cost (or its last mark) — the identity must still hold.
          checkInvariants(ledger, m, {}, policy);
        },
      ),
      { numRuns: 60, seed: 20260123 },
    );
  });

  it("snapshot + later events replayed on the restored ledger equals the live ledger", () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 2, maxLength: 20 }),
        fc.integer({ min: 0, max: 100 }),
        (ops, cut) => {
          const { ledger } = run(ops);
          const events = ledger.getEvents();
          const k = Math.floor((events.length * cut) / 100);
          const head = PortfolioLedger.replay(events.slice(0, k), ledgerOptions({ initialCash: "10000" }));
          const resumed = PortfolioLedger.restore(head.snapshot(), { instruments: INSTRUMENTS });
          resumed.applyEvents(events.slice(k));
          expect(canonical(resumed.snapshot())).toBe(canonical(ledger.snapshot()));
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });
});
