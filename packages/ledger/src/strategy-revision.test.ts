// strategyRevision / computeStrategyNetPnl: an equal stamp proves an unchanged P&L; the net figure equals the report's.
import { Decimal, LedgerError } from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NVDA, PLTR, fill, newLedger, order } from "../test/fixtures.js";

describe("PortfolioLedger.strategyRevision", () => {
  it("is 0 for an unknown strategy and moves on a fill of that strategy only", () => {
    const ledger = newLedger();
    expect(ledger.strategyRevision("a")).toBe(0);
    ledger.recordOrder(
      order({ orderId: "o1", strategyId: "a", instrumentId: NVDA.id, side: "buy", quantity: "2" }),
    );
    ledger.recordOrder(
      order({ orderId: "o2", strategyId: "b", instrumentId: NVDA.id, side: "buy", quantity: "2" }),
    );
    const a0 = ledger.strategyRevision("a");
    const b0 = ledger.strategyRevision("b");
    ledger.applyFill(
      fill({ tradeId: "t1", orderId: "o1", instrumentId: NVDA.id, side: "buy", quantity: "2", price: "10" }),
    );
    expect(ledger.strategyRevision("a")).not.toBe(a0);
    expect(ledger.strategyRevision("b")).toBe(b0);
  });

  it("an unchanged stamp means computeStrategyPnl at the same marks is unchanged (random fills of two strategies)", () => {
    const step = fc.record({
      strategy: fc.constantFrom("a", "b"),
      instrument: fc.constantFrom(NVDA.id, PLTR.id),
      side: fc.constantFrom("buy", "sell"),
      qty: fc.integer({ min: 1, max: 5 }),
      price: fc.integer({ min: 1, max: 50 }),
      fee: fc.constantFrom("0", "0.5"),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const ledger = newLedger();
        const marks = { [NVDA.id]: new Decimal(20), [PLTR.id]: new Decimal(7) };
        const seen = new Map<string, { rev: number; pnl: string }>();
        steps.forEach((s, i) => {
          const id = `o${i}`;
          ledger.recordOrder(
            order({
              orderId: id,
              strategyId: s.strategy,
              instrumentId: s.instrument,
              side: s.side,
              quantity: String(s.qty),
            }),
          );
          const apply = () =>
            ledger.applyFill(
              fill({
                tradeId: `t${i}`,
                orderId: id,
                instrumentId: s.instrument,
                side: s.side,
                quantity: String(s.qty),
                price: String(s.price),
                fee: s.fee,
              }),
            );
          // A refused fill (selling what PLTR cannot short) must leave the book — and P&L — as they were.
          try {
            apply();
          } catch (e) {
            expect(e).toBeInstanceOf(LedgerError);
          }
          for (const st of ["a", "b"]) {
            const rev = ledger.strategyRevision(st);
            const report = ledger.computeStrategyPnl(st, marks);
            expect(ledger.computeStrategyNetPnl(st, marks).toFixed()).toBe(report.netPnl.toFixed());
            const pnl = JSON.stringify(report);
            const prev = seen.get(st);
            if (prev !== undefined && prev.rev === rev) expect(pnl).toBe(prev.pnl);
            seen.set(st, { rev, pnl });
          }
        });
      }),
      { numRuns: 60 },
    );
  });
});
