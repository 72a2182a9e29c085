// The README snippet, run as written (keeps the documentation honest).
import { Decimal, FillSchema, InstrumentSchema, OrderSchema } from "@quiver/core";
import { expect, it } from "vitest";
import { PortfolioLedger, createLedger } from "../src/index.js";

it("README snippet: record, fill, P&L at a mark, replay the journal", () => {
  const nvda = InstrumentSchema.parse({
    id: "NVDA",
    kind: "equity",
    baseAsset: "NVDA",
    quoteCurrency: "USD",
    tickSize: "0.01",
    lotSize: "1",
  });
  const ledger = createLedger({
    instruments: [nvda],
    initialCash: "100000",
    currency: "USD",
    timeZone: "America/New_York",
  });
  const journal: unknown[] = [];
  ledger.onEvent((event) => journal.push(event));
  const t = Date.UTC(2025, 0, 2, 20, 55);
  ledger.recordOrder(
    OrderSchema.parse({
      orderId: "o1",
      clientOrderId: "mp-1",
      strategyId: "mp",
      instrumentId: "NVDA",
      side: "buy",
      type: "market",
      quantity: "50",
      status: "new",
      createdAt: t,
      updatedAt: t,
    }),
  );
  ledger.applyFill(
    FillSchema.parse({
      tradeId: "x1",
      orderId: "o1",
      instrumentId: "NVDA",
      side: "buy",
      quantity: "50",
      price: "120",
      fee: "1",
      timestamp: t,
    }),
  );
  expect(ledger.computeStrategyPnl("mp", { NVDA: new Decimal("125") }).unrealizedPnl.toFixed()).toBe("249");
  const copy = PortfolioLedger.replay(journal, {
    instruments: [nvda],
    initialCash: "100000",
    currency: "USD",
    timeZone: "America/New_York",
  });
  expect(copy.getCash().equals(ledger.getCash())).toBe(true);
});
