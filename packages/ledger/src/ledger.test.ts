// Unit tests of PortfolioLedger: routing, fees, validation, queries, exposure, equity, events.
import {
  Decimal,
  LedgerError,
  MANUAL_STRATEGY_ID,
  noopLogger,
  QuiverError,
  StateCorruptError,
  ValidationError,
} from "@quiver/core";
import { describe, expect, it } from "vitest";
import {
  ETHBTC,
  KX,
  NVDA,
  PLTR,
  POL,
  canonical,
  fill,
  ledgerOptions,
  newLedger,
  order,
} from "../test/fixtures.js";
import { PortfolioLedger, createLedger } from "./index.js";

const d = (v: string | number) => new Decimal(v);

function buy(
  ledger: PortfolioLedger,
  id: string,
  strategyId: string,
  instrumentId: string,
  qty: string,
  price: string,
  fee = "0",
) {
  ledger.recordOrder(order({ orderId: id, strategyId, instrumentId, side: "buy", quantity: qty }));
  return ledger.applyFill(
    fill({ tradeId: `t-${id}`, orderId: id, instrumentId, side: "buy", quantity: qty, price, fee }),
  );
}
function sell(
  ledger: PortfolioLedger,
  id: string,
  strategyId: string,
  instrumentId: string,
  qty: string,
  price: string,
  fee = "0",
  metadata?: Record<string, unknown>,
) {
  ledger.recordOrder(
    order({
      orderId: id,
      strategyId,
      instrumentId,
      side: "sell",
      quantity: qty,
      ...(metadata ? { metadata } : {}),
    }),
  );
  return ledger.applyFill(
    fill({ tradeId: `t-${id}`, orderId: id, instrumentId, side: "sell", quantity: qty, price, fee }),
  );
}

/** Expects `fn` to throw a QuiverError of `code` and leave the ledger exactly as it was. */
function expectUnchanged(ledger: PortfolioLedger, fn: () => unknown, code: string, field?: string) {
  const before = canonical(ledger.snapshot());
  const events = ledger.getEvents().length;
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(QuiverError.isInstance(err)).toBe(true);
  const q = err as QuiverError;
  expect(q.code).toBe(code);
  if (field !== undefined) {
    if (q instanceof ValidationError) expect(q.paths).toContain(field);
    else expect(q.details.field).toBe(field);
  }
  expect(canonical(ledger.snapshot())).toBe(before);
  expect(ledger.getEvents().length).toBe(events);
  return q;
}

describe("options", () => {
  it("refuses bad options naming the field", () => {
    expect(() => createLedger(ledgerOptions({ timeZone: "Mars/Base" }))).toThrow(/timeZone/);
    expect(() => createLedger(ledgerOptions({ initialCash: "abc" }))).toThrow(/options.initialCash/);
    expect(() => createLedger(ledgerOptions({ dayStartTime: "25:00" }))).toThrow(/options.dayStartTime/);
    expect(() => createLedger(ledgerOptions({ exitPolicy: "avg" as "fifo" }))).toThrow(/options.exitPolicy/);
  });
  it("accepts a lookup function or a map", () => {
    const l = createLedger({ ...ledgerOptions(), instruments: new Map([[NVDA.id, NVDA]]) });
    expect(buy(l, "a", "s", NVDA.id, "1", "10").applied).toBe(true);
    const f = createLedger({ ...ledgerOptions(), instruments: (id) => (id === NVDA.id ? NVDA : undefined) });
    expect(() => buy(f, "a", "s", PLTR.id, "1", "10")).toThrow(/order.instrumentId/);
  });
});

describe("orders and entries", () => {
  it("recordOrder is idempotent and opens a pending entry only for exposure-opening orders", () => {
    const l = newLedger();
    const o = order({ orderId: "o1", strategyId: "s", instrumentId: NVDA.id, side: "buy", quantity: "5" });
    const e = l.recordOrder(o, { category: "ai" });
    expect(e).toMatchObject({ entryId: "s:o1", status: "pending", side: "long", category: "ai" });
    expect(l.recordOrder(o)?.entryId).toBe("s:o1");
    expect(l.getEvents()).toHaveLength(1);
    // A sell of a non-shortable instrument with nothing held opens nothing.
    expect(
      l.recordOrder(
        order({ orderId: "o2", strategyId: "s", instrumentId: PLTR.id, side: "sell", quantity: "5" }),
      ),
    ).toBeNull();
    // A sell of a shortable instrument by a flat strategy is a short entry.
    expect(
      l.recordOrder(
        order({ orderId: "o3", strategyId: "s", instrumentId: NVDA.id, side: "sell", quantity: "5" }),
      )?.side,
    ).toBe("short");
  });

  it("validates orders naming the field", () => {
    const l = newLedger();
    expectUnchanged(
      l,
      () =>
        l.recordOrder(
          order({ orderId: "b", strategyId: "s", instrumentId: KX.id, side: "buy", quantity: "1" }),
        ),
      "VALIDATION",
      "order.outcome",
    );
    expectUnchanged(
      l,
      () =>
        l.recordOrder(
          order({
            orderId: "b",
            strategyId: "s",
            instrumentId: KX.id,
            side: "buy",
            outcome: "yes",
            type: "limit",
            limitPrice: "120",
            quantity: "1",
          }),
        ),
      "VALIDATION",
      "order.limitPrice",
    );
    expectUnchanged(
      l,
      () =>
        l.recordOrder({
          ...order({ orderId: "b", strategyId: "s", instrumentId: NVDA.id, side: "buy", quantity: "1" }),
          quantity: d(-1),
        }),
      "VALIDATION",
      "quantity",
    );
    const o = order({ orderId: "c", strategyId: "s", instrumentId: NVDA.id, side: "buy", quantity: "10" });
    l.recordOrder(o);
    l.applyFill(
      fill({ tradeId: "c1", orderId: "c", instrumentId: NVDA.id, side: "buy", quantity: "6", price: "1" }),
    );
    expectUnchanged(
      l,
      () => l.applyOrderUpdate({ ...o, strategyId: "other" }),
      "VALIDATION",
      "order.strategyId",
    );
    expectUnchanged(l, () => l.applyOrderUpdate({ ...o, quantity: d(5) }), "VALIDATION", "order.quantity");
  });

  it("tracks several partial fills at different prices in one entry (VWAP of its own fills)", () => {
    const l = newLedger();
    l.recordOrder(
      order({ orderId: "o", strategyId: "s", instrumentId: NVDA.id, side: "buy", quantity: "30" }),
    );
    l.applyFill(
      fill({
        tradeId: "1",
        orderId: "o",
        instrumentId: NVDA.id,
        side: "buy",
        quantity: "10",
        price: "100",
        fee: "1",
      }),
    );
    l.applyFill(
      fill({
        tradeId: "2",
        orderId: "o",
        instrumentId: NVDA.id,
        side: "buy",
        quantity: "20",
        price: "103",
        fee: "2",
      }),
    );
    const e = l.getEntry("s:o")!;
    expect([e.status, e.entryPrice?.toFixed(), e.costBasis.toFixed(), e.entryFees.toFixed()]).toEqual([
      "filled",
      "102",
      "3060",
      "3",
    ]);
    expect(l.getCash().toFixed()).toBe(String(100000 - 3060 - 3));
  });
});

describe("fill routing and exits", () => {
  it("a duplicate trade id is applied once", () => {
    const l = newLedger();
    buy(l, "o", "s", NVDA.id, "10", "100");
    const cash = l.getCash();
    const again = l.applyFill(
      fill({
        tradeId: "t-o",
        orderId: "o",
        instrumentId: NVDA.id,
        side: "buy",
        quantity: "10",
        price: "100",
      }),
    );
    expect(again).toEqual({ applied: false, entryId: null, exits: [], unattributed: false });
    expect(l.getCash().equals(cash)).toBe(true);
    expect(l.getEvents().filter((e) => e.type === "fill_applied")).toHaveLength(1);
  });

  it("FIFO by default, LIFO by option, explicit entry ids first", () => {
    for (const [policy, first] of [
      ["fifo", "s:a"],
      ["lifo", "s:b"],
    ] as const) {
      const l = newLedger({ exitPolicy: policy });
      buy(l, "a", "s", NVDA.id, "10", "100");
      buy(l, "b", "s", NVDA.id, "10", "110");
      const r = sell(l, "x", "s", NVDA.id, "5", "120");
      expect(r.exits.map((x) => x.entryId)).toEqual([first]);
    }
    const l = newLedger();
    buy(l, "a", "s", NVDA.id, "10", "100");
    buy(l, "b", "s", NVDA.id, "10", "110");
    buy(l, "c", "s", NVDA.id, "10", "120");
    l.recordOrder(
      order({ orderId: "x", strategyId: "s", instrumentId: NVDA.id, side: "sell", quantity: "15" }),
    );
    const r = l.applyFill(
      fill({
        tradeId: "x1",
        orderId: "x",
        instrumentId: NVDA.id,
        side: "sell",
        quantity: "15",
        price: "130",
      }),
      { closeEntryIds: ["s:c"] },
    );
    expect(r.exits.map((x) => [x.entryId, x.quantity.toFixed(), x.realizedPnl.toFixed()])).toEqual([
      ["s:c", "10", "100"],
      ["s:a", "5", "150"],
    ]);
    // The order's metadata.exitEntryIds works the same way.
    const m = sell(l, "y", "s", NVDA.id, "5", "130", "0", { exitEntryIds: ["s:b"] });
    expect(m.exits.map((x) => x.entryId)).toEqual(["s:b"]);
  });

  it("exit fees and entry fees are allocated pro rata to the slices closed", () => {
    const l = newLedger();
    buy(l, "a", "s", NVDA.id, "10", "100", "4"); // entry fee 4
    buy(l, "b", "s", NVDA.id, "10", "100", "2"); // entry fee 2
    const r = sell(l, "x", "s", NVDA.id, "15", "110", "3"); // exit fee 3: 2 to a (10/15), 1 to b (5/15)
    expect(r.exits.map((x) => [x.entryId, x.fees.toFixed(), x.realizedPnl.toFixed()])).toEqual([
      ["s:a", "6", "94"], // 10 × 10 − (4 + 2)
      ["s:b", "2", "48"], // 5 × 10 − (1 + 1)
    ]);
    expect(l.getEntry("s:b")?.entryFees.toFixed()).toBe("1");
    expect(l.computeStrategyPnl("s").fees.toFixed()).toBe("9");
  });

  it("a buy first closes the strategy's shorts, the remainder opens its own long", () => {
    const l = newLedger();
    sell(l, "s1", "s", NVDA.id, "10", "100", "1");
    expect(l.getEntry("s:s1")?.side).toBe("short");
    const r = buy(l, "b1", "s", NVDA.id, "15", "90");
    expect(r.exits.map((x) => [x.entryId, x.realizedPnl.toFixed()])).toEqual([["s:s1", "99"]]);
    expect(r.entryId).toBe("s:b1");
    expect(l.getEntry("s:b1")?.openQuantity.toFixed()).toBe("5");
    // Another strategy's short is untouched by this strategy's buy.
    sell(l, "s2", "other", NVDA.id, "3", "95");
    buy(l, "b2", "s", NVDA.id, "1", "95");
    expect(l.getEntry("other:s2")?.openQuantity.toFixed()).toBe("3");
  });

  it("a sell beyond what is held on a non-shortable instrument fails and changes nothing", () => {
    const l = newLedger();
    buy(l, "b", "s", PLTR.id, "10", "65");
    l.recordOrder(
      order({ orderId: "x", strategyId: "s", instrumentId: PLTR.id, side: "sell", quantity: "20" }),
    );
    const err = expectUnchanged(
      l,
      () =>
        l.applyFill(
          fill({
            tradeId: "x1",
            orderId: "x",
            instrumentId: PLTR.id,
            side: "sell",
            quantity: "12",
            price: "66",
          }),
        ),
      "LEDGER",
      "fill.quantity",
    );
    expect(err).toBeInstanceOf(LedgerError);
    expect(err.message).toMatch(/not shortable/);
  });

  it("rejects invalid fills with a typed error naming the field, state unchanged", () => {
    const l = newLedger();
    l.recordOrder(
      order({
        orderId: "k",
        strategyId: "s",
        instrumentId: KX.id,
        side: "buy",
        outcome: "yes",
        quantity: "10",
      }),
    );
    l.recordOrder(
      order({
        orderId: "n",
        strategyId: "s",
        instrumentId: NVDA.id,
        side: "buy",
        quantity: "10",
        reduceOnly: true,
      }),
    );
    buy(l, "o", "s", NVDA.id, "10", "100");
    const base = { orderId: "o", instrumentId: NVDA.id, side: "buy" as const, quantity: "1", price: "1" };
    expectUnchanged(
      l,
      () => l.applyFill({ ...fill({ tradeId: "neg", ...base }), quantity: d(-1) }),
      "VALIDATION",
      "fill.quantity",
    );
    expectUnchanged(
      l,
      () => l.applyFill({ ...fill({ tradeId: "nan", ...base }), price: d(Number.NaN) }),
      "VALIDATION",
      "fill.price",
    );
    expectUnchanged(
      l,
      () =>
        l.applyFill({
          ...fill({
            tradeId: "k1",
            orderId: "k",
            instrumentId: KX.id,
            side: "buy",
            outcome: "yes",
            quantity: "1",
            price: "1",
          }),
          price: d(101),
        }),
      "VALIDATION",
      "fill.price",
    );
    expectUnchanged(
      l,
      () =>
        l.applyFill(
          fill({
            tradeId: "k2",
            orderId: "k",
            instrumentId: KX.id,
            side: "buy",
            outcome: "no",
            quantity: "1",
            price: "1",
          }),
        ),
      "VALIDATION",
      "fill.outcome",
    );
    expectUnchanged(
      l,
      () => l.applyFill(fill({ tradeId: "over", ...base, quantity: "1" })),
      "LEDGER",
      "fill.quantity",
    ); // order o is fully filled
    expectUnchanged(
      l,
      () =>
        l.applyFill(
          fill({
            tradeId: "ro",
            orderId: "n",
            instrumentId: NVDA.id,
            side: "buy",
            quantity: "1",
            price: "1",
          }),
        ),
      "LEDGER",
      "fill.quantity",
    );
    l.recordOrder(
      order({ orderId: "x", strategyId: "s", instrumentId: NVDA.id, side: "sell", quantity: "5" }),
    );
    const xf = fill({
      tradeId: "x1",
      orderId: "x",
      instrumentId: NVDA.id,
      side: "sell",
      quantity: "5",
      price: "1",
    });
    expectUnchanged(l, () => l.applyFill(xf, { closeEntryIds: ["s:missing"] }), "LEDGER", "closeEntryIds[0]");
    buy(l, "other", "t", NVDA.id, "5", "1");
    expectUnchanged(l, () => l.applyFill(xf, { closeEntryIds: ["t:other"] }), "LEDGER", "closeEntryIds[0]");
    expectUnchanged(l, () => l.applyFill({ ...xf, side: "buy" }), "VALIDATION", "fill.side");
    expectUnchanged(
      l,
      () => l.applyFill({ ...xf, instrumentId: PLTR.id }),
      "VALIDATION",
      "fill.instrumentId",
    );
  });

  it("a fill for an unknown order is kept, booked under the manual strategy and flagged", () => {
    const l = newLedger();
    const r = l.applyFill(
      fill({
        tradeId: "u1",
        orderId: "venue-9",
        instrumentId: ETHBTC.id,
        side: "buy",
        quantity: "2",
        price: "0.05",
        fee: "0.0001",
      }),
    );
    expect(r).toMatchObject({ applied: true, unattributed: true, entryId: `${MANUAL_STRATEGY_ID}:venue-9` });
    expect(l.getUnattributedFills()).toEqual([
      {
        tradeId: "u1",
        orderId: "venue-9",
        instrumentId: ETHBTC.id,
        entryId: "manual:venue-9",
        at: expect.any(Number),
      },
    ]);
    expect(l.getCash().toFixed()).toBe("99999.8999");
    expect(l.getStrategyContracts(ETHBTC.id, MANUAL_STRATEGY_ID).toFixed()).toBe("2");
    // Even a sell on a non-shortable instrument is kept (it is the venue's record).
    const s = l.applyFill(
      fill({
        tradeId: "u2",
        orderId: "venue-10",
        instrumentId: PLTR.id,
        side: "sell",
        quantity: "3",
        price: "60",
      }),
    );
    expect(l.getEntry(s.entryId!)?.side).toBe("short");
  });

  it("binary: a sell closes the outcome's entries and can never exceed them", () => {
    const l = newLedger();
    l.recordOrder(
      order({
        orderId: "y",
        strategyId: "s",
        instrumentId: KX.id,
        side: "buy",
        outcome: "yes",
        quantity: "10",
      }),
    );
    l.applyFill(
      fill({ tradeId: "y1", orderId: "y", instrumentId: KX.id, side: "buy", quantity: "10", price: "30" }),
    );
    expect(l.getEntry("s:y")?.side).toBe("yes");
    l.recordOrder(
      order({
        orderId: "z",
        strategyId: "s",
        instrumentId: KX.id,
        side: "sell",
        outcome: "yes",
        quantity: "20",
      }),
    );
    expectUnchanged(
      l,
      () =>
        l.applyFill(
          fill({
            tradeId: "z1",
            orderId: "z",
            instrumentId: KX.id,
            side: "sell",
            quantity: "11",
            price: "50",
          }),
        ),
      "LEDGER",
      "fill.quantity",
    );
    const r = l.applyFill(
      fill({ tradeId: "z2", orderId: "z", instrumentId: KX.id, side: "sell", quantity: "4", price: "50" }),
    );
    expect(r.exits.map((x) => x.realizedPnl.toFixed())).toEqual(["0.8"]);
  });
});

describe("settlement", () => {
  it("settles YES and NO entries of every strategy and refuses bad input", () => {
    const l = newLedger();
    l.recordOrder(
      order({
        orderId: "y",
        strategyId: "a",
        instrumentId: POL.id,
        side: "buy",
        outcome: "yes",
        quantity: "10",
      }),
    );
    l.applyFill(
      fill({
        tradeId: "1",
        orderId: "y",
        instrumentId: POL.id,
        side: "buy",
        quantity: "10",
        price: "60",
        fee: "0.1",
      }),
    );
    l.recordOrder(
      order({
        orderId: "n",
        strategyId: "b",
        instrumentId: POL.id,
        side: "buy",
        outcome: "no",
        quantity: "5",
      }),
    );
    l.applyFill(
      fill({ tradeId: "2", orderId: "n", instrumentId: POL.id, side: "buy", quantity: "5", price: "40" }),
    );
    expectUnchanged(l, () => l.settle(POL.id, d(101), 5), "VALIDATION", "yesPriceCents");
    expectUnchanged(l, () => l.settle(NVDA.id, d(0), 5), "LEDGER", "instrumentId");
    const slices = l.settle(POL.id, d(100), 1_800_000_000_000);
    expect(slices.map((x) => [x.entryId, x.realizedPnl.toFixed()])).toEqual([
      ["a:y", "3.9"],
      ["b:n", "-2"],
    ]);
    expect(l.getCombinedContracts(POL.id).toFixed()).toBe("0");
  });
});

describe("queries, exposure and positions", () => {
  function book() {
    const l = newLedger();
    buy(l, "n1", "mp", NVDA.id, "10", "100");
    buy(l, "n2", "omr", NVDA.id, "5", "90");
    buy(l, "p1", "mp", PLTR.id, "20", "50");
    l.recordOrder(
      order({
        orderId: "k",
        strategyId: "mp",
        instrumentId: KX.id,
        side: "buy",
        outcome: "no",
        quantity: "100",
      }),
    );
    l.applyFill(
      fill({ tradeId: "k1", orderId: "k", instrumentId: KX.id, side: "buy", quantity: "100", price: "40" }),
    );
    l.recordOrder(
      order({
        orderId: "pol",
        strategyId: "omr",
        instrumentId: POL.id,
        side: "buy",
        outcome: "yes",
        quantity: "50",
      }),
      { category: "elections" },
    );
    return l;
  }
  it("filters entries through the indices", () => {
    const l = book();
    expect(l.getEntries({ instrumentId: NVDA.id }).map((e) => e.entryId)).toEqual(["mp:n1", "omr:n2"]);
    expect(l.getEntries({ strategyId: "mp", category: "tech" }).map((e) => e.entryId)).toEqual([
      "mp:n1",
      "mp:p1",
    ]);
    expect(l.getEntries({ status: "pending" }).map((e) => e.entryId)).toEqual(["omr:pol"]);
    expect(l.getEntries({ category: "elections" }).map((e) => e.entryId)).toEqual(["omr:pol"]);
    expect(l.getEntries({ open: false }).map((e) => e.entryId)).toEqual(["omr:pol"]);
    expect(l.getEntries({ strategyId: "nobody" })).toEqual([]);
    expect(l.getStrategyContracts(NVDA.id, "mp").toFixed()).toBe("10");
    expect(l.getCombinedContracts(NVDA.id).toFixed()).toBe("15");
  });
  it("computes exposure per market, category (not 0), asset and strategy from entries × marks", () => {
    const l = book();
    const x = l.getExposure({ [NVDA.id]: d(110), [KX.id]: d(70) });
    expect(x.byMarket[NVDA.id]?.toFixed()).toBe("1650");
    expect(x.byMarket[PLTR.id]?.toFixed()).toBe("1000"); // no mark: cost basis
    expect(x.byMarket[KX.id]?.toFixed()).toBe("30"); // NO worth 100 − 70
    expect(x.byCategory).toEqual({ crypto: d(30), tech: d(2650) });
    expect(x.byAsset.BTC?.toFixed()).toBe("30");
    expect(x.byStrategy.omr?.toFixed()).toBe("550");
    expect(x.total.toFixed()).toBe("2680");
    expect(l.getCategoryExposure("tech", { [NVDA.id]: d(110) }).toFixed()).toBe("2650");
    expect(l.getMarketExposure(KX.id, { [KX.id]: d(70) }).toFixed()).toBe("30");
  });
  it("summarizes positions; the average price is display only", () => {
    const l = book();
    const p = l.getPositionSummaries({ instrumentId: NVDA.id });
    expect(
      p.map((s) => [s.strategyId, s.quantity.toFixed(), s.entryCount, s.averageEntryPrice?.toFixed()]),
    ).toEqual([
      ["mp", "10", 1, "100"],
      ["omr", "5", 1, "90"],
    ]);
    expect(l.getPositionSummaries({ instrumentId: KX.id })[0]?.averageEntryPrice?.toFixed()).toBe("40");
  });
});

describe("equity and daily drawdown", () => {
  it("equity = cash + positions at marks; snapshots give the daily drawdown in the configured zone", () => {
    const l = newLedger({ timeZone: "America/New_York" });
    buy(l, "n", "mp", NVDA.id, "100", "100"); // cash 90000
    sell(l, "s", "mp2", NVDA.id, "10", "100"); // short 10, cash 91000
    expect(l.getEquity({ [NVDA.id]: d(120) }).toFixed()).toBe(String(91000 + 12000 - 1200));
    const day1 = Date.UTC(2025, 0, 14, 20); // 15:00 New York
    l.recordEquity({ [NVDA.id]: d(100) }, day1); // 100000
    const day2 = Date.UTC(2025, 0, 15, 15); // 10:00 New York, next day
    l.recordEquity({ [NVDA.id]: d(110) }, day2); // 100900
    l.recordEquity({ [NVDA.id]: d(90) }, day2 + 3_600_000); // 99100
    const dd = l.getDailyDrawdown(day2 + 3_600_000);
    expect(dd.dayStart).toBe(Date.UTC(2025, 0, 15, 5));
    expect([dd.startEquity?.toFixed(), dd.peakEquity?.toFixed(), dd.currentEquity?.toFixed()]).toEqual([
      "100000",
      "100900",
      "99100",
    ]);
    expect(dd.drawdownFromStartPct.toFixed()).toBe("0.9");
    expect(dd.drawdownFromPeakPct.toDecimalPlaces(6).toFixed()).toBe("1.783944");
    // The last recorded marks value positions when no mark is given.
    expect(l.getEquity().toFixed()).toBe("99100");
    expect(() => l.recordEquity({}, day1)).toThrow(ValidationError);
    expect(l.getEquitySnapshots(day2).length).toBe(2);
  });
});

describe("events, replay and snapshots", () => {
  function sample() {
    const l = newLedger();
    buy(l, "a", "s", NVDA.id, "10", "100.25", "0.5");
    sell(l, "b", "s", NVDA.id, "4", "101.5", "0.25");
    l.recordEquity({ [NVDA.id]: d(101) }, 1_800_000_000_000);
    return l;
  }
  it("serializes events to JSON with decimal strings and notifies listeners", () => {
    const l = newLedger();
    const seen: unknown[] = [];
    const off = l.onEvent((e) => seen.push(e));
    buy(l, "a", "s", NVDA.id, "10", "100.25", "0.5");
    off();
    buy(l, "b", "s", NVDA.id, "1", "1");
    expect(seen.map((e) => (e as { type: string }).type)).toEqual(["order_recorded", "fill_applied"]);
    const f = seen[1] as { fill: { price: unknown; fee: unknown }; seq: number };
    expect([f.fill.price, f.fill.fee, f.seq]).toEqual(["100.25", "0.5", 2]);
    expect(JSON.parse(JSON.stringify(l.getEvents()))).toEqual(l.getEvents());
  });
  it("replay and restore reproduce the state exactly", () => {
    const l = sample();
    const replayed = PortfolioLedger.replay(l.getEvents(), ledgerOptions());
    expect(canonical(replayed.snapshot())).toBe(canonical(l.snapshot()));
    const restored = PortfolioLedger.restore(JSON.parse(JSON.stringify(l.snapshot())), {
      instruments: [NVDA],
    });
    expect(canonical(restored.snapshot())).toBe(canonical(l.snapshot()));
    const fresh = newLedger();
    fresh.restore(l.snapshot());
    expect(fresh.getCash().equals(l.getCash())).toBe(true);
  });
  it("refuses a bad event naming the field, and a sequence gap, leaving the ledger unchanged", () => {
    const events = sample().getEvents();
    const bad = structuredClone(events);
    (bad[1] as unknown as { fill: { price: string } }).fill.price = "-3";
    expect(() => PortfolioLedger.replay(bad, ledgerOptions())).toThrow(/events\[1\]\.fill\.price/);
    const unknown = structuredClone(events);
    (unknown[0] as { type: string }).type = "teleport";
    expect(() => PortfolioLedger.replay(unknown, ledgerOptions())).toThrow(/events\[0\]\.type/);
    const gap = [events[0], events[2]];
    expect(() => PortfolioLedger.replay(gap, ledgerOptions())).toThrow(StateCorruptError);
    // A well-formed event the state cannot accept (overfill) is state corruption, all or nothing.
    const l = PortfolioLedger.replay(events.slice(0, 2), ledgerOptions());
    const before = canonical(l.snapshot());
    const overfill = structuredClone(events[1]) as unknown as { seq: number; fill: { tradeId: string } };
    overfill.seq = 3;
    overfill.fill.tradeId = "again";
    expect(() =>
      l.applyEvents([events[2], overfill].map((e, i) => ({ ...(e as object), seq: 3 + i }))),
    ).toThrow(StateCorruptError);
    expect(canonical(l.snapshot())).toBe(before);
  });
  it("refuses a corrupted snapshot naming the field", () => {
    const snap = sample().snapshot() as Record<string, unknown>;
    const broken = structuredClone(snap) as { entries: Array<{ openQuantity: string }> };
    broken.entries[0]!.openQuantity = "many";
    expect(() => PortfolioLedger.restore(broken, { instruments: [NVDA] })).toThrow(
      /snapshot\.entries\[0\]\.openQuantity/,
    );
  });
});

describe("more reconciliation and event-log guards", () => {
  it("reconciles binary positions per outcome (signed quantity without outcome: negative = NO)", () => {
    const l = newLedger();
    l.recordOrder(
      order({
        orderId: "y",
        strategyId: "s",
        instrumentId: KX.id,
        side: "buy",
        outcome: "yes",
        quantity: "10",
      }),
    );
    l.applyFill(
      fill({ tradeId: "1", orderId: "y", instrumentId: KX.id, side: "buy", quantity: "10", price: "30" }),
    );
    const r = l.reconcile(
      [
        { instrumentId: KX.id, quantity: d(6), outcome: "yes", marketPrice: d(35) },
        { instrumentId: KX.id, quantity: d(-4) },
      ],
      1_800_000_000_000,
      { [KX.id]: d(35) },
    );
    expect(r.adjustments.map((a) => [a.kind, a.quantity.toFixed()])).toEqual([
      ["manual_position", "4"],
      ["external_partial_close", "4"],
    ]);
    expect(l.getNetPosition(KX.id, "yes").toFixed()).toBe("6");
    const manualNo = l.getPositionSummaries({ strategyId: "manual" })[0]!;
    expect([manualNo.side, manualNo.averageEntryPrice?.toFixed()]).toEqual(["no", "65"]); // NO = 100 − YES 35
    expect(l.getExitSlices()[0]?.realizedPnl.toFixed()).toBe("0.2"); // 4 × (35 − 30) / 100
  });

  it("a listener that throws is logged and never breaks the ledger", () => {
    const errors: string[] = [];
    const l = newLedger({ logger: { ...noopLogger, error: (m: string) => void errors.push(m) } });
    l.onEvent(() => {
      throw new Error("journal down");
    });
    expect(buy(l, "a", "s", NVDA.id, "1", "10").applied).toBe(true);
    expect(errors).toEqual(["ledger event listener threw", "ledger event listener threw"]);
    expect(l.seq).toBe(2);
  });

  it("replay verifies recorded equity against the fold", () => {
    const l = newLedger();
    buy(l, "a", "s", NVDA.id, "10", "100");
    l.recordEquity({ [NVDA.id]: d(105) }, 1_800_000_000_000);
    const events = l.getEvents();
    const tampered = structuredClone(events) as Array<Record<string, unknown>>;
    tampered[2]!.equity = "123";
    expect(() => PortfolioLedger.replay(tampered, ledgerOptions())).toThrow(/equity at seq 3/);
    expect(PortfolioLedger.replay(events, ledgerOptions()).getEquity().toFixed()).toBe("100050");
  });

  it("reports broker positions in unknown instruments as drift unless told to ignore them", () => {
    const l = newLedger();
    const pos = [{ instrumentId: "AAPL", quantity: d(3) }];
    expect(l.reconcile(pos, 1).drift).toBe(true);
    expect(l.reconcile(pos, 2, {}, { unknownInstruments: "ignore" }).drift).toBe(false);
    expect(() => l.reconcile([{ instrumentId: NVDA.id, quantity: d(Number.NaN) }], 3)).toThrow(
      /positions\[0\]\.quantity/,
    );
  });
});
