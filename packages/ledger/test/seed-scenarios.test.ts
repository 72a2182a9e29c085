// Scenario tests named after the seed behaviours the ledger must reproduce (seeds 000, 001, 002).
import { Decimal, MANUAL_STRATEGY_ID, PositionSchema } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { KX, NVDA, PLTR, canonical, fill, newLedger, order } from "./fixtures.js";

const d = (v: string | number) => new Decimal(v);

describe("seed 000 §1.1: two re-entries at different prices stay separate", () => {
  it("keeps one entry per order with its own price, and P&L sums per entry", () => {
    const ledger = newLedger();
    ledger.recordOrder(
      order({
        orderId: "o1",
        strategyId: "RLM_NO",
        instrumentId: KX.id,
        side: "buy",
        outcome: "no",
        quantity: "10",
      }),
    );
    ledger.applyFill(
      fill({
        tradeId: "t1",
        orderId: "o1",
        instrumentId: KX.id,
        side: "buy",
        outcome: "no",
        quantity: "10",
        price: "40",
      }),
    );
    ledger.recordOrder(
      order({
        orderId: "o2",
        strategyId: "RLM_NO",
        instrumentId: KX.id,
        side: "buy",
        outcome: "no",
        quantity: "5",
      }),
    );
    ledger.applyFill(
      fill({
        tradeId: "t2",
        orderId: "o2",
        instrumentId: KX.id,
        side: "buy",
        outcome: "no",
        quantity: "5",
        price: "30",
      }),
    );

    const entries = ledger.getEntries({ strategyId: "RLM_NO" });
    expect(entries.map((e) => [e.entryId, e.entryPrice?.toFixed(), e.openQuantity.toFixed()])).toEqual([
      ["RLM_NO:o1", "40", "10"],
      ["RLM_NO:o2", "30", "5"],
    ]);
    expect(ledger.getStrategyContracts(KX.id, "RLM_NO").toFixed()).toBe("15");

    // YES at 50 → NO worth 50: entry 1 +1.00, entry 2 +1.00.
    const pnl = ledger.computeStrategyPnl("RLM_NO", { [KX.id]: d(50) });
    expect(pnl.unrealizedPnl.toFixed()).toBe("2");
    expect(pnl.totalCostBasis.toFixed()).toBe("5.5");
    expect(pnl.entryCount).toBe(2);
    const perEntry = ledger.markToMarket({ [KX.id]: d(50) }).map((m) => m.unrealizedPnl.toFixed());
    expect(perEntry).toEqual(["1", "1"]);

    // Selling 5 NO at 45 closes the first entry (FIFO) at ITS price 40: +0.25, not the 36.67 average.
    ledger.recordOrder(
      order({
        orderId: "o3",
        strategyId: "RLM_NO",
        instrumentId: KX.id,
        side: "sell",
        outcome: "no",
        quantity: "5",
      }),
    );
    const r = ledger.applyFill(
      fill({
        tradeId: "t3",
        orderId: "o3",
        instrumentId: KX.id,
        side: "sell",
        outcome: "no",
        quantity: "5",
        price: "45",
      }),
    );
    expect(r.exits.map((x) => [x.entryId, x.quantity.toFixed(), x.realizedPnl.toFixed()])).toEqual([
      ["RLM_NO:o1", "5", "0.25"],
    ]);
    expect(ledger.getEntry("RLM_NO:o1")?.openQuantity.toFixed()).toBe("5");
    expect(ledger.getEntry("RLM_NO:o2")?.openQuantity.toFixed()).toBe("5");
    const summary = ledger.getPositionSummaries({ strategyId: "RLM_NO" });
    expect(summary).toHaveLength(1);
    expect(summary[0]?.entryIds).toEqual(["RLM_NO:o1", "RLM_NO:o2"]);
    expect(summary[0]?.averageEntryPrice?.toFixed()).toBe("35");
  });
});

describe("seed 001 rule 1/10: a partial fill then cancel keeps only the filled part", () => {
  it("books 40 of 100 and marks the entry cancelled", () => {
    const ledger = newLedger();
    const o = order({ orderId: "p1", strategyId: "mp", instrumentId: PLTR.id, side: "buy", quantity: "100" });
    expect(ledger.recordOrder(o)?.status).toBe("pending");
    ledger.applyFill(
      fill({
        tradeId: "x1",
        orderId: "p1",
        instrumentId: PLTR.id,
        side: "buy",
        quantity: "40",
        price: "65",
        fee: "1",
      }),
    );
    expect(ledger.getEntry("mp:p1")?.status).toBe("partial");
    ledger.applyOrderUpdate({
      ...o,
      status: "cancelled",
      filledQuantity: d(40),
      updatedAt: o.updatedAt + 5000,
    });
    const e = ledger.getEntry("mp:p1")!;
    expect(e.status).toBe("cancelled");
    expect([e.filledQuantity.toFixed(), e.openQuantity.toFixed(), e.orderedQuantity.toFixed()]).toEqual([
      "40",
      "40",
      "100",
    ]);
    expect(ledger.getStrategyContracts(PLTR.id, "mp").toFixed()).toBe("40");
    expect(ledger.getCash().toFixed()).toBe(String(100000 - 40 * 65 - 1));
    // A stale "new" update never reopens the cancelled order.
    ledger.applyOrderUpdate({ ...o, status: "new" });
    expect(ledger.getEntry("mp:p1")?.status).toBe("cancelled");
  });
});

describe('seed 001 "NVDA PARTIAL 30/50": a partial close leaves the remainder', () => {
  it("closes 30 of 50, keeps 20 open and reports them as orphaned once mp is disabled", () => {
    const ledger = newLedger();
    ledger.recordOrder(
      order({ orderId: "b1", strategyId: "mp", instrumentId: NVDA.id, side: "buy", quantity: "50" }),
    );
    ledger.applyFill(
      fill({
        tradeId: "e1",
        orderId: "b1",
        instrumentId: NVDA.id,
        side: "buy",
        quantity: "50",
        price: "120",
        fee: "5",
      }),
    );
    const sell = order({
      orderId: "s1",
      strategyId: "mp",
      instrumentId: NVDA.id,
      side: "sell",
      quantity: "50",
    });
    expect(ledger.recordOrder(sell)).toBeNull(); // closes, opens nothing
    const r = ledger.applyFill(
      fill({
        tradeId: "e2",
        orderId: "s1",
        instrumentId: NVDA.id,
        side: "sell",
        quantity: "30",
        price: "130",
        fee: "3",
      }),
    );
    ledger.applyOrderUpdate({ ...sell, status: "cancelled", filledQuantity: d(30) });
    // realized = 30 × (130 − 120) − entry fee share 5 × 30/50 − exit fee 3 = 300 − 3 − 3
    expect(r.exits.map((x) => [x.quantity.toFixed(), x.fees.toFixed(), x.realizedPnl.toFixed()])).toEqual([
      ["30", "6", "294"],
    ]);
    const e = ledger.getEntry("mp:b1")!;
    expect([e.openQuantity.toFixed(), e.closedQuantity.toFixed(), e.entryFees.toFixed()]).toEqual([
      "20",
      "30",
      "2",
    ]);
    const orphans = ledger.getOrphanedPositions(["omr"]);
    expect(orphans.map((p) => [p.strategyId, p.instrumentId, p.quantity.toFixed()])).toEqual([
      ["mp", "NVDA", "20"],
    ]);
    expect(ledger.getOrphanedPositions(["omr", "mp"])).toEqual([]);
  });

  it("MP PLTR 100 → 60 sold: 40 remain (seed 001 rule 2)", () => {
    const ledger = newLedger();
    ledger.recordOrder(
      order({ orderId: "b", strategyId: "mp", instrumentId: PLTR.id, side: "buy", quantity: "100" }),
    );
    ledger.applyFill(
      fill({ tradeId: "1", orderId: "b", instrumentId: PLTR.id, side: "buy", quantity: "100", price: "65" }),
    );
    ledger.recordOrder(
      order({ orderId: "s", strategyId: "mp", instrumentId: PLTR.id, side: "sell", quantity: "100" }),
    );
    ledger.applyFill(
      fill({
        tradeId: "2",
        orderId: "s",
        instrumentId: PLTR.id,
        side: "sell",
        quantity: "60",
        price: "68.5",
      }),
    );
    expect(ledger.getStrategyContracts(PLTR.id, "mp").toFixed()).toBe("40");
    expect(ledger.computeStrategyPnl("mp").realizedPnl.toFixed()).toBe("210");
  });
});

describe("seed 001 rule 3: an external close is detected on sync", () => {
  function holding() {
    const ledger = newLedger();
    ledger.recordOrder(
      order({ orderId: "b", strategyId: "omr", instrumentId: PLTR.id, side: "buy", quantity: "50" }),
    );
    ledger.applyFill(
      fill({ tradeId: "1", orderId: "b", instrumentId: PLTR.id, side: "buy", quantity: "50", price: "45.2" }),
    );
    return ledger;
  }
  const pos = (q: string, extra: Record<string, unknown> = {}) =>
    PositionSchema.parse({ instrumentId: PLTR.id, quantity: q, ...extra });

  it("full external close → adjustment at the broker's price, reason external", () => {
    const ledger = holding();
    const cash = ledger.getCash();
    const report = ledger.reconcile([pos("0", { marketPrice: "46" })], 1_800_000_000_000);
    expect(report.adjustments).toEqual([
      { instrumentId: PLTR.id, kind: "external_close", quantity: d(50), entryIds: ["omr:b"] },
    ]);
    expect(report.drift).toBe(false);
    const slices = ledger.getExitSlices({ entryId: "omr:b" });
    expect(slices.map((x) => [x.reason, x.exitPrice.toFixed(), x.realizedPnl.toFixed()])).toEqual([
      ["external", "46", "40"],
    ]);
    expect(ledger.getCash().minus(cash).toFixed()).toBe("2300");
    const adj = ledger.getEvents().find((e) => e.type === "adjustment")!;
    expect(adj.priceSource).toBe("broker");
  });

  it("partial external close → remainder stays; no price known → entry price, said in the note", () => {
    const ledger = holding();
    const report = ledger.reconcile([pos("20")], 1_800_000_000_000);
    expect(report.adjustments[0]?.kind).toBe("external_partial_close");
    expect(ledger.getStrategyContracts(PLTR.id, "omr").toFixed()).toBe("20");
    const adj = ledger.getEvents().find((e) => e.type === "adjustment")!;
    expect(adj.priceSource).toBe("entry");
    expect(String(adj.note)).toContain("own entry price");
    expect(ledger.getExitSlices()[0]?.realizedPnl.toFixed()).toBe("0");
  });

  it("a missing report never means flat, unless the report is complete", () => {
    const ledger = holding();
    const before = canonical(ledger.snapshot().entries);
    const report = ledger.reconcile([], 1_800_000_000_000);
    expect(report.unverified).toEqual([PLTR.id]);
    expect(report.adjustments).toEqual([]);
    expect(canonical(ledger.snapshot().entries)).toBe(before);
    const complete = ledger.reconcile([], 1_800_000_001_000, { [PLTR.id]: d(44) }, { complete: true });
    expect(complete.adjustments[0]?.kind).toBe("external_close");
    expect(ledger.getExitSlices()[0]?.exitPrice.toFixed()).toBe("44");
  });

  it("a broker position no strategy owns becomes a manual position (seed 002 §5.5)", () => {
    const ledger = holding();
    const report = ledger.reconcile(
      [pos("50"), PositionSchema.parse({ instrumentId: NVDA.id, quantity: "10", averagePrice: "100" })],
      1_800_000_000_000,
    );
    expect(report.adjustments).toEqual([
      {
        instrumentId: NVDA.id,
        kind: "manual_position",
        quantity: d(10),
        entryIds: [`${MANUAL_STRATEGY_ID}:adj-3`],
      },
    ]);
    const manual = ledger.getPositionSummaries({ strategyId: MANUAL_STRATEGY_ID });
    expect(manual.map((p) => [p.instrumentId, p.quantity.toFixed(), p.costBasis.toFixed()])).toEqual([
      ["NVDA", "10", "1000"],
    ]);
    // Manual positions are not orphans of a disabled strategy.
    expect(ledger.getOrphanedPositions(["omr"])).toEqual([]);
  });

  it("an unexplained mismatch raises the drift flag with details", () => {
    const ledger = holding();
    const report = ledger.reconcile([pos("-10")], 1_800_000_000_000);
    expect(report.drift).toBe(true);
    expect(report.mismatches[0]).toMatchObject({
      instrumentId: PLTR.id,
      ledgerQuantity: d(50),
      brokerQuantity: d(-10),
    });
    expect(ledger.getDrift().flag).toBe(true);
    expect(ledger.getStrategyContracts(PLTR.id, "omr").toFixed()).toBe("50");
    ledger.reconcile([pos("50")], 1_800_000_001_000);
    expect(ledger.getDrift().flag).toBe(false);
  });
});

describe("seed 000: a NO-side binary entry settled at 0 and at 100", () => {
  function noAt40() {
    const ledger = newLedger();
    ledger.recordOrder(
      order({
        orderId: "n",
        strategyId: "RLM_NO",
        instrumentId: KX.id,
        side: "buy",
        outcome: "no",
        quantity: "10",
      }),
    );
    ledger.applyFill(
      fill({
        tradeId: "n1",
        orderId: "n",
        instrumentId: KX.id,
        side: "buy",
        outcome: "no",
        quantity: "10",
        price: "40",
      }),
    );
    return ledger;
  }
  it("settled at YES = 0 earns (100 − 40) × 10 / 100 = 6", () => {
    const ledger = noAt40();
    const slices = ledger.settle(KX.id, d(0), 1_800_000_000_000);
    expect(slices.map((x) => [x.reason, x.exitPrice.toFixed(), x.realizedPnl.toFixed()])).toEqual([
      ["settlement", "100", "6"],
    ]);
    expect(ledger.getCash().toFixed()).toBe("100006");
    const e = ledger.getEntry("RLM_NO:n")!;
    expect([e.openQuantity.toFixed(), e.settlementPrice?.toFixed(), e.settledAt]).toEqual([
      "0",
      "0",
      1_800_000_000_000,
    ]);
    expect(ledger.computeStrategyPnl("RLM_NO").netPnl.toFixed()).toBe("6");
  });
  it("settled at YES = 100 loses 40 × 10 / 100 = 4", () => {
    const ledger = noAt40();
    const slices = ledger.settle(KX.id, d(100), 1_800_000_000_000);
    expect(slices.map((x) => [x.exitPrice.toFixed(), x.realizedPnl.toFixed()])).toEqual([["0", "-4"]]);
    expect(ledger.getCash().toFixed()).toBe("99996");
    expect(ledger.computeStrategyPnl("RLM_NO").roiPct.toFixed()).toBe("-100");
  });
});
