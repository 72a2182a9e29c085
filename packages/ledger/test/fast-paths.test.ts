// The hot-path shortcuts (trusted copies, no retained log, lazy entry index, memoized averages and values) change no result.
import { Decimal, type EntryFilter, type Fill, type Order, type StrategyEntry } from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copyEntry } from "../src/internal/helpers.js";
import { type LedgerEventJson, PortfolioLedger } from "../src/index.js";
import { ETHBTC, KX, NVDA, PLTR, canonical, fill, ledgerOptions, newLedger, order } from "./fixtures.js";

/** The previous copyEntry (conditional spreads): the reference for key order and absent keys. */
function referenceCopy(e: StrategyEntry): StrategyEntry {
  return {
    entryId: e.entryId,
    orderId: e.orderId,
    ...(e.clientOrderId === undefined ? {} : { clientOrderId: e.clientOrderId }),
    strategyId: e.strategyId,
    instrumentId: e.instrumentId,
    side: e.side,
    ...(e.category === undefined ? {} : { category: e.category }),
    ...(e.signalId === undefined ? {} : { signalId: e.signalId }),
    status: e.status,
    orderedQuantity: e.orderedQuantity,
    filledQuantity: e.filledQuantity,
    openQuantity: e.openQuantity,
    closedQuantity: e.closedQuantity,
    entryPrice: e.entryPrice,
    costBasis: e.costBasis,
    entryFees: e.entryFees,
    realizedPnl: e.realizedPnl,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    filledAt: e.filledAt,
    closedAt: e.closedAt,
    settlementPrice: e.settlementPrice,
    settledAt: e.settledAt,
    parentEntryId: e.parentEntryId,
  };
}

describe("copyEntry", () => {
  it("has the schema's key order and no absent optional key, for every combination", () => {
    for (let mask = 0; mask < 8; mask++) {
      const ledger = newLedger();
      const o = order({
        orderId: `o${mask}`,
        strategyId: "s",
        instrumentId: NVDA.id,
        side: "buy",
        quantity: "2",
        ...(mask & 4 ? { signalId: "sig" } : {}),
      });
      const input = mask & 1 ? o : (({ clientOrderId: _c, ...rest }) => rest)(o);
      // clientOrderId is required on orders: the entry of an unattributed fill has none.
      const entry =
        mask & 1
          ? ledger.recordOrder(input as Order, mask & 2 ? { category: "alt" } : {})!
          : (() => {
              ledger.applyFill(
                fill({
                  tradeId: "t",
                  orderId: "x",
                  instrumentId: NVDA.id,
                  side: "buy",
                  quantity: "2",
                  price: "3",
                }),
              );
              return ledger.getEntries()[0]!;
            })();
      const copy = copyEntry(entry);
      expect(copy).toStrictEqual(referenceCopy(entry));
      expect(Object.keys(copy)).toEqual(Object.keys(referenceCopy(entry)));
      expect(copy).not.toBe(entry);
    }
  });
});

/** A small book of orders, partial fills, cancels and closes over several strategies and categories. */
const stepArb = fc.record({
  strategy: fc.constantFrom("A", "B", "C"),
  inst: fc.constantFrom(NVDA, PLTR, ETHBTC),
  side: fc.constantFrom("buy" as const, "sell" as const),
  qty: fc.integer({ min: 1, max: 6 }),
  filled: fc.integer({ min: 0, max: 6 }),
  cancel: fc.boolean(),
  category: fc.constantFrom(undefined, "alt"),
  query: fc.option(
    fc.record(
      {
        instrumentId: fc.constantFrom(NVDA.id, PLTR.id, ETHBTC.id, "NONE"),
        strategyId: fc.constantFrom("A", "B", "C", "manual"),
        status: fc.constantFrom(
          "pending" as const,
          "partial" as const,
          "filled" as const,
          "cancelled" as const,
        ),
        category: fc.constantFrom("tech", "crypto", "alt"),
        open: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
  ),
});

function bruteForce(ledger: PortfolioLedger, f: EntryFilter): string[] {
  return ledger
    .getEntries()
    .filter(
      (e) =>
        (f.instrumentId === undefined || e.instrumentId === f.instrumentId) &&
        (f.strategyId === undefined || e.strategyId === f.strategyId) &&
        (f.status === undefined || e.status === f.status) &&
        (f.category === undefined || e.category === f.category) &&
        (f.open === undefined || f.open === !e.openQuantity.isZero()),
    )
    .map((e) => e.entryId);
}

describe("getEntries with the lazily built index", () => {
  it("equals a scan of every entry, with queries between orders, fills, cancels and restores", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 30 }), (steps) => {
        let ledger = newLedger({ validation: "trusted", retainEvents: false });
        for (const [i, st] of steps.entries()) {
          const o = order({
            orderId: `o${i}`,
            strategyId: st.strategy,
            instrumentId: st.inst.id,
            side: st.side,
            quantity: String(st.qty),
          });
          ledger.recordOrder(o, st.category === undefined ? {} : { category: st.category });
          const q = Math.min(st.filled, st.qty);
          if (q > 0) {
            try {
              ledger.applyFill(
                fill({
                  tradeId: `t${i}`,
                  orderId: o.orderId,
                  instrumentId: st.inst.id,
                  side: st.side,
                  quantity: String(q),
                  price: "10",
                }),
              );
            } catch {
              // a sell beyond what is held on a non-shortable instrument: refused, nothing changed
            }
          }
          if (st.cancel) ledger.applyOrderUpdate({ ...o, status: "cancelled", updatedAt: o.updatedAt + 1 });
          if (st.query !== null) {
            const f = st.query as EntryFilter;
            expect(ledger.getEntries(f).map((e) => e.entryId)).toEqual(bruteForce(ledger, f));
          }
          if (i % 11 === 10) ledger = PortfolioLedger.restore(ledger.snapshot(), ledgerOptions());
        }
        for (const f of [
          { status: "filled" },
          { status: "cancelled" },
          { strategyId: "A" },
          { category: "alt" },
        ] as EntryFilter[])
          expect(ledger.getEntries(f).map((e) => e.entryId)).toEqual(bruteForce(ledger, f));
        expect(ledger.getStrategyIds()).toEqual(
          [...new Set(ledger.getEntries().map((e) => e.strategyId))].sort(),
        );
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});

/** A backtest-style decision stream: market buy filled at once, then a reduce-only sell of it. */
function decisions(
  prices: number[],
  feeBps: number,
  fullFee = true,
): Array<{ order: Order; fill: Fill; mark: Decimal }> {
  const out: Array<{ order: Order; fill: Fill; mark: Decimal }> = [];
  let qty = "0";
  for (const [i, px] of prices.entries()) {
    const price = new Decimal(String(px));
    const buy = i % 2 === 0;
    if (buy) qty = new Decimal(50_000).dividedBy(price).toDecimalPlaces(4, Decimal.ROUND_DOWN).toFixed();
    const o = order({
      orderId: `P-${i}`,
      strategyId: "s",
      instrumentId: ETHBTC.id,
      side: buy ? "buy" : "sell",
      quantity: qty,
      reduceOnly: !buy,
      status: "filled",
      filledQuantity: qty,
      averageFillPrice: price.toFixed(),
      signalId: `sig-${i}`,
      metadata: { actionId: `a${i}` },
    });
    // Like the paper broker: the fee keeps every digit of notional × bps (more than 18 places,
    // which the event log cannot hold: `fullFee` false rounds it so the log replays).
    const fee = o.quantity.times(price).times(feeBps).dividedBy(10_000);
    const f: Fill = {
      ...fill({
        tradeId: `${o.orderId}-f1`,
        orderId: o.orderId,
        instrumentId: ETHBTC.id,
        side: o.side,
        quantity: qty,
        price: price.toFixed(),
      }),
      fee: fullFee ? fee : fee.toDecimalPlaces(18),
    };
    out.push({ order: o, fill: f, mark: price });
  }
  return out;
}

/** Every value the runner and the equity recorder read per decision, as JSON. */
function replay(ledger: PortfolioLedger, ds: ReturnType<typeof decisions>): string[] {
  const seen: string[] = [];
  for (const d of ds) {
    const marks = { [ETHBTC.id]: d.mark };
    seen.push(
      canonical({
        entry: ledger.recordOrder(d.order),
        fill: ledger.applyFill(d.fill),
        equity: ledger.getEquity(marks),
        all: ledger.getPositionSummaries(),
        net: ledger.computeStrategyNetPnl("s", marks),
        pnl: ledger.computeStrategyPnl("s", marks),
        mine: ledger.getStrategyContracts(ETHBTC.id, "s"),
        combined: ledger.getCombinedContracts(ETHBTC.id),
        inst: ledger.getPositionSummaries({ instrumentId: ETHBTC.id }),
        cash: ledger.getCash(),
        seq: ledger.seq,
      }),
    );
  }
  return seen;
}

const priceArb = fc.array(fc.double({ min: 0.5, max: 5000, noNaN: true, noDefaultInfinity: true }), {
  minLength: 2,
  maxLength: 40,
});

describe("the backtest decision pattern", () => {
  it("gives the same results trusted without a log as fully validated with one, and replays to the same state", () => {
    fc.assert(
      fc.property(priceArb, fc.constantFrom(0, 1, 7), fc.boolean(), (prices, bps, fullFee) => {
        const ds = decisions(prices, bps, fullFee);
        const fast = newLedger({ validation: "trusted", retainEvents: false });
        const full = newLedger();
        const listened = newLedger({ validation: "trusted", retainEvents: false });
        const journal: LedgerEventJson[] = [];
        listened.onEvent((e) => journal.push(e));
        const a = replay(fast, ds);
        expect(replay(full, ds)).toEqual(a);
        expect(replay(listened, ds)).toEqual(a);
        expect(canonical(full.snapshot())).toBe(canonical(fast.snapshot()));
        expect(journal).toEqual(full.getEvents());
        if (fullFee) return;
        const replayed = PortfolioLedger.replay(JSON.parse(JSON.stringify(journal)), ledgerOptions());
        expect(canonical(replayed.snapshot())).toBe(canonical(fast.snapshot()));
      }),
      { numRuns: 60, seed: 5 },
    );
  });

  it("refused fills change nothing (trusted, no retained log)", () => {
    const ledger = newLedger({ validation: "trusted", retainEvents: false });
    const [buy, sell] = decisions([100.25, 101.5], 1);
    ledger.recordOrder(buy!.order);
    ledger.applyFill(buy!.fill);
    ledger.recordOrder(sell!.order);
    const before = canonical(ledger.snapshot());
    const over = { ...sell!.fill, tradeId: "over", quantity: sell!.fill.quantity.plus(1) };
    expect(() => ledger.applyFill(over)).toThrow(/Overfill/);
    expect(() => ledger.applyFill({ ...sell!.fill, tradeId: "neg", price: new Decimal(-1) })).toThrow(
      /fill.price/,
    );
    expect(() => ledger.applyFill(sell!.fill, { closeEntryIds: ["nope"] })).toThrow(/closeEntryIds/);
    expect(canonical(ledger.snapshot())).toBe(before);
    expect(ledger.applyFill(sell!.fill).applied).toBe(true);
  });
});

describe("memoized position figures", () => {
  it("the average entry price is cost ÷ quantity to the last digit, one fill or several", () => {
    const digits = fc.stringMatching(/^[1-9][0-9]{0,24}$/);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(digits, fc.integer({ min: 0, max: 12 }), digits, fc.integer({ min: 0, max: 14 })), {
          minLength: 1,
          maxLength: 3,
        }),
        (fills) => {
          const ledger = newLedger({ initialCash: "1e17" });
          for (const [i, [q, qe, p, pe]] of fills.entries()) {
            const quantity = new Decimal(`${q}e-${qe}`);
            const price = new Decimal(`${p}e-${pe}`);
            // Unattributed (manual) fills: the first opens the bucket, later ones add to it.
            ledger.applyFill({
              ...fill({
                tradeId: `t${i}`,
                orderId: `x${i}`,
                instrumentId: NVDA.id,
                side: "buy",
                quantity: "1",
                price: "1",
              }),
              quantity,
              price,
            });
            for (const s of [...ledger.getPositionSummaries(), ...ledger.getPositionSummaries()]) {
              const want = s.costBasis.dividedBy(s.quantity);
              expect(s.averageEntryPrice!.toString()).toBe(want.toString());
              expect(s.averageEntryPrice!.constructor).toBe(want.constructor);
            }
          }
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });

  it("values follow fills when the same marks object is passed again", () => {
    const ledger = newLedger();
    const marks = { [NVDA.id]: new Decimal("120.5"), [KX.id]: new Decimal(40) };
    const buy = (id: string, qty: string) => {
      ledger.recordOrder(
        order({ orderId: id, strategyId: "s", instrumentId: NVDA.id, side: "buy", quantity: qty }),
      );
      ledger.applyFill(
        fill({ tradeId: id, orderId: id, instrumentId: NVDA.id, side: "buy", quantity: qty, price: "100" }),
      );
    };
    buy("a", "3");
    const first = ledger.getEquity(marks);
    expect(first.toFixed()).toBe(
      new Decimal(100000).minus(300).plus(new Decimal(3).times("120.5")).toFixed(),
    );
    buy("b", "2");
    const second = ledger.getEquity(marks);
    expect(second.toFixed()).toBe(
      new Decimal(100000).minus(500).plus(new Decimal(5).times("120.5")).toFixed(),
    );
    expect(ledger.computeStrategyNetPnl("s", marks).toFixed()).toBe(new Decimal(5).times("20.5").toFixed());
    expect(ledger.computeStrategyNetPnl("none", marks).toFixed()).toBe("0");
  });
});
