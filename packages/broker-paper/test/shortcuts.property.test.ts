// Property: the per-order shortcuts change nothing — whole runs equal the plain formulas, and reservations stay exact.
import {
  type Bar,
  Decimal,
  type InstrumentInput,
  OrderRequestSchema,
  type OrderRequestInput,
  ZERO,
  parseWith,
} from "@quiver/core";
import DecimalJs from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PaperBroker } from "../src/index.js";
import { KX, MIN, NVDA, T0, TSLA, setup } from "./fixtures.js";

/** A caller's own decimal.js copy with another precision (accepted by the trusted check). */
const Foreign = DecimalJs.clone({ precision: 20 });

const ETH: InstrumentInput = {
  id: "ETH",
  kind: "spot",
  baseAsset: "ETH",
  quoteCurrency: "USD",
  tickSize: "0.0001",
  lotSize: "0.0001",
};
/** A lot that is not a power of ten, with a minimum quantity. */
const HALF: InstrumentInput = {
  ...ETH,
  id: "HALF",
  baseAsset: "H",
  lotSize: "0.5",
  minQuantity: "1.5",
  shortable: true,
};
const MARG: InstrumentInput = { ...NVDA, id: "MARG", baseAsset: "M", marginable: true, shortable: true };
const INSTRUMENTS = [NVDA, TSLA, KX, ETH, HALF, MARG];
const START: Record<string, number> = {
  NVDA: 100,
  TSLA: 200,
  KXBTC: 50,
  ETH: 1234.5678,
  HALF: 10.25,
  MARG: 50,
};

/** The broker's private book, read by the invariant checks below. */
interface Internals {
  shortcuts: boolean;
  s: {
    cash: Decimal;
    reservedCash: Decimal;
    shorts: number;
    /** Working orders are records (with `terminal` and `reserved`); retired ones are their final Order. */
    orders: ({ terminal: boolean; reserved: Decimal } | { status: string })[];
    positions: Map<string, { quantity: Decimal }>;
    sellReserved: Map<string, Decimal>;
  };
}
const internals = (b: PaperBroker) => b as unknown as Internals;

/** Exact text of anything the broker hands out: Decimal digits, sign of zero, constructor. */
function text(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (DecimalJs.isDecimal(x)) return `D(${x.valueOf()}${x.constructor === Decimal ? "" : "|other"})`;
  if (Array.isArray(x)) return `[${x.map(text).join(",")}]`;
  if (x instanceof Error) return `Error(${x.name}: ${x.message})`;
  if (typeof x === "object") {
    const o = x as Record<string, unknown>;
    const body = Object.keys(o)
      .sort()
      .map((k) => `${k}:${text(o[k])}`)
      .join(",");
    return `{${body}}${Object.isFrozen(o) ? "!" : ""}`;
  }
  return Object.is(x, -0) ? "-0" : JSON.stringify(x);
}

const orderArb = fc.record({
  inst: fc.nat({ max: INSTRUMENTS.length - 1 }),
  side: fc.constantFrom("buy" as const, "buy" as const, "sell" as const),
  qty: fc.constantFrom("1", "2", "3", "10", "0.5", "1.5", "2.5", "0.0001", "0.1234", "7", "40"),
  type: fc.constantFrom(
    "market" as const,
    "market" as const,
    "limit" as const,
    "stop" as const,
    "stop_limit" as const,
  ),
  off: fc.integer({ min: -50, max: 50 }),
  off2: fc.integer({ min: -50, max: 50 }),
  tif: fc.constantFrom(undefined, "gtc" as const, "day" as const, "ioc" as const, "fok" as const),
  no: fc.boolean(),
  reduceOnly: fc.boolean(),
  reuseId: fc.nat({ max: 30 }),
});

const stepArb = fc.record({
  moves: fc.array(fc.integer({ min: -300, max: 300 }), {
    minLength: INSTRUMENTS.length,
    maxLength: INSTRUMENTS.length,
  }),
  wiggle: fc.nat({ max: 100 }),
  volume: fc.nat({ max: 60 }),
  orders: fc.array(orderArb, { maxLength: 3 }),
  cancel: fc.option(fc.nat({ max: 20 }), { nil: undefined }),
  lookup: fc.constantFrom("P-000001", "P-000003", "P-1", "P-0000002", "P-", "x", "P-000002x"),
});

const configArb = fc.record({
  fillAt: fc.constantFrom("next_open" as const, "close" as const, "close" as const),
  slippageBps: fc.constantFrom(0, 0, 2, 7.5),
  spreadBps: fc.constantFrom(0, 1),
  feeBps: fc.constantFrom(0, 1, 10),
  feePerOrder: fc.constantFrom("0", "0", "1.25"),
  maxVolumeParticipation: fc.option(fc.constantFrom(0.1, 0.5, 1), { nil: undefined }),
  allowShort: fc.boolean(),
  latencyMs: fc.constantFrom(0, 0, 60_000),
  marginMultiplier: fc.constantFrom(1, 2),
  initialCash: fc.constantFrom("50", "10000", "123456.789123456789123456"),
  validateRequests: fc.constantFrom("full" as const, "trusted" as const),
  foreign: fc.boolean(),
});

type Config = typeof configArb extends fc.Arbitrary<infer T> ? T : never;
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

/** Runs the steps on a fresh broker and returns its transcript (events, returns, account after each step). */
function run(cfg: Config, steps: Step[], shortcuts: boolean): string[] {
  const { foreign, ...config } = cfg;
  const { broker, feed } = setup({ ...config, instruments: INSTRUMENTS });
  internals(broker).shortcuts = shortcuts;
  const out: string[] = [];
  const px = { ...START };
  let k = 0;
  let updates = 0;
  const dec = (v: string) =>
    foreign && k % 2 === 0 ? (new Foreign(v) as unknown as Decimal) : new Decimal(v);
  const request = (o: Step["orders"][number]) => {
    const inst = INSTRUMENTS[o.inst] as InstrumentInput;
    const binary = inst.kind === "binary";
    const ref = px[inst.id] as number;
    const price = (off: number) =>
      binary
        ? String(Math.min(99, Math.max(1, Math.round(ref + off / 5))))
        : String(Math.max(0.01, Math.round(ref * (100 + off / 10)) / 100));
    const r: OrderRequestInput = {
      clientOrderId: o.reuseId === 0 && k > 0 ? `c${k - 1}` : `c${k}`,
      strategyId: "s",
      instrumentId: inst.id,
      side: o.side,
      type: o.type,
      quantity: o.qty,
      reduceOnly: o.reduceOnly,
    };
    k++;
    if (binary || o.reuseId === 1) r.outcome = o.no ? "no" : "yes";
    if (o.tif !== undefined) r.timeInForce = o.tif;
    if (o.type === "limit" || o.type === "stop_limit") r.limitPrice = price(o.off);
    if (o.type === "stop" || o.type === "stop_limit") r.stopPrice = price(o.off2);
    if (config.validateRequests === "full") return r;
    const p = parseWith(OrderRequestSchema, r, "request");
    return {
      ...p,
      quantity: dec(o.qty),
      ...(p.limitPrice === undefined ? {} : { limitPrice: dec(p.limitPrice.toFixed()) }),
      ...(p.stopPrice === undefined ? {} : { stopPrice: dec(p.stopPrice.toFixed()) }),
    };
  };
  const call = (tag: string, f: () => unknown) => {
    try {
      out.push(`${tag} ${text(f())}`);
    } catch (e) {
      out.push(`${tag} threw ${text(e)}`);
    }
  };
  broker.on("fill", (f) => out.push(`fill ${text(f)}`));
  broker.on("orderUpdate", (o) => {
    out.push(`update ${text(o)}`);
    // Listeners read the account mid-order and sometimes trade themselves (re-entrant calls).
    if (++updates % 5 === 0) out.push(`account ${text(broker.getAccount())}`);
    if (updates % 23 === 0)
      call("reentrant", () => broker.placeOrder(request(steps[0]?.orders[0] ?? fcOrder)));
  });
  steps.forEach((step, i) => {
    INSTRUMENTS.forEach((inst, j) => {
      const binary = inst.kind === "binary";
      const o = px[inst.id] as number;
      const move = step.moves[j] as number;
      const c = binary
        ? Math.min(99, Math.max(1, o + Math.round(move / 50)))
        : Math.max(0.5, o * (1 + move / 10_000));
      const w = binary ? Math.round(step.wiggle / 40) : (o * step.wiggle) / 10_000;
      const bar: Bar = {
        instrumentId: inst.id,
        timeframe: "1m",
        openTime: T0 + i * MIN,
        closeTime: T0 + (i + 1) * MIN,
        open: o,
        high: binary ? Math.min(100, Math.max(o, c) + w) : Math.max(o, c) + w,
        low: binary ? Math.max(0, Math.min(o, c) - w) : Math.max(0.01, Math.min(o, c) - w),
        close: c,
        volume: step.volume,
        closed: true,
      };
      call("bar", () => feed(bar));
      px[inst.id] = c;
    });
    for (const o of step.orders) call("place", () => broker.placeOrder(request(o)));
    const open = broker.getOpenOrders();
    if (step.cancel !== undefined && open.length > 0) {
      const target = open[step.cancel % open.length];
      if (target !== undefined) call("cancel", () => broker.cancelOrder({ orderId: target.orderId }));
    }
    call("lookup", () => broker.getOrder({ orderId: step.lookup }));
    call("account", () => broker.getAccount());
    out.push(`equity ${broker.getEquityNumber()}`);
    checkBook(broker);
  });
  call("orders", () => broker.getOrders());
  call("fills", () => broker.getFills());
  return out;
}

const fcOrder: Step["orders"][number] = {
  inst: 0,
  side: "buy",
  qty: "1",
  type: "market",
  off: 0,
  off2: 0,
  tif: undefined,
  no: false,
  reduceOnly: false,
  reuseId: 5,
};

/** Reservations are exactly the working orders' (no drift), the shorts counter matches, idle means zero. */
function checkBook(broker: PaperBroker): void {
  const { s } = internals(broker);
  let reserved = ZERO;
  let working = 0;
  for (const r of s.orders) {
    if (!("reserved" in r)) {
      expect(["filled", "cancelled", "rejected", "expired"]).toContain(r.status);
      continue;
    }
    if (r.terminal) {
      expect(r.reserved.isZero()).toBe(true);
      continue;
    }
    working++;
    reserved = reserved.plus(r.reserved as Decimal);
  }
  expect(s.reservedCash.eq(reserved)).toBe(true);
  let shorts = 0;
  for (const p of s.positions.values()) if (p.quantity.isNegative()) shorts++;
  expect(s.shorts).toBe(shorts);
  if (working === 0) {
    expect(s.reservedCash.valueOf()).toBe("0");
    for (const q of s.sellReserved.values()) expect(q.valueOf()).toBe("0");
  }
}

/** Asserts that the run with shortcuts and the plain run produce the same transcript. */
function expectSameRuns(cfg: Config, steps: Step[]): void {
  const fast = run(cfg, steps, true);
  const plain = run(cfg, steps, false);
  expect(fast.length).toBe(plain.length);
  for (let i = 0; i < fast.length; i++) expect(fast[i]).toBe(plain[i]);
}

describe("per-order shortcuts (fast-check)", () => {
  it("a run with the shortcuts equals the same run computed with the plain formulas, byte for byte", () => {
    fc.assert(fc.property(configArb, fc.array(stepArb, { minLength: 2, maxLength: 25 }), expectSameRuns), {
      numRuns: 60,
    });
  });

  it("the same with trusted requests whose Decimals come from another decimal.js copy (precision 20)", () => {
    const [steps] = fc.sample(fc.array(stepArb, { minLength: 30, maxLength: 30 }), { seed: 7, numRuns: 1 });
    for (const fillAt of ["close", "next_open"] as const)
      for (const feeBps of [0, 10] as const)
        expectSameRuns(
          {
            fillAt,
            slippageBps: 2,
            spreadBps: 0,
            feeBps,
            feePerOrder: "0",
            maxVolumeParticipation: undefined,
            allowShort: true,
            latencyMs: 0,
            marginMultiplier: 1,
            initialCash: "123456.789123456789123456",
            validateRequests: "trusted",
            foreign: true,
          },
          steps as Step[],
        );
  });

  it("backtest pattern (market orders filled at the close): the reservation is released to exactly zero and buying power is the cash", () => {
    const { broker, feed } = setup({
      fillAt: "close",
      feeBps: 1,
      validateRequests: "trusted",
      initialCash: "1000000",
      instruments: [ETH],
    });
    let position = ZERO;
    let price = 1234.5678;
    for (let i = 0; i < 400; i++) {
      price *= 1 + Math.sin(i) / 300;
      feed({
        instrumentId: "ETH",
        timeframe: "1m",
        openTime: T0 + i * MIN,
        closeTime: T0 + (i + 1) * MIN,
        open: price,
        high: price,
        low: price,
        close: price,
        volume: 1000,
        closed: true,
      });
      if (i % 7 !== 3) continue;
      const buy = position.isZero();
      const quantity = buy
        ? new Decimal(250_000 / price).toDecimalPlaces(4, Decimal.ROUND_DOWN)
        : new Decimal(position.toFixed());
      const order = broker.placeOrder(
        parseWith(
          OrderRequestSchema,
          {
            clientOrderId: `o${i}`,
            strategyId: "s",
            instrumentId: "ETH",
            side: buy ? "buy" : "sell",
            type: "market",
            quantity: quantity.toFixed(),
            reduceOnly: !buy,
          },
          "r",
        ),
      );
      expect(order.status).toBe("filled");
      // One fill: the average price is the fill price itself.
      expect(order.averageFillPrice?.valueOf()).toBe(new Decimal(price).valueOf());
      position = buy ? quantity : ZERO;
      const account = broker.getAccount();
      expect(internals(broker).s.reservedCash.valueOf()).toBe("0");
      expect(account.buyingPower.valueOf()).toBe(account.cash.valueOf());
      checkBook(broker);
    }
  });

  it("a buy's one-step cash charge (cash − cost) is used only when every sum is exact: long digits go the plain way", () => {
    // 18 decimals everywhere and exact fees: cash, notional and fee together span more than the
    // 40 digits of the precision, so (cash − notional) − fee rounds and the shortcut must step aside.
    const FINE: InstrumentInput = {
      ...ETH,
      id: "FINE",
      baseAsset: "F",
      tickSize: "0.000000000000000001",
      lotSize: "0.000000000000000001",
    };
    const cashAfter = (shortcuts: boolean, initialCash: string, qty: string, price: number) => {
      const { broker, feed } = setup({
        fillAt: "close",
        feeBps: 1,
        feeDecimalPlaces: null,
        initialCash,
        instruments: [FINE],
        validateRequests: "trusted",
      });
      internals(broker).shortcuts = shortcuts;
      feed({
        instrumentId: "FINE",
        timeframe: "1m",
        openTime: T0,
        closeTime: T0 + MIN,
        open: price,
        high: price,
        low: price,
        close: price,
        volume: 1e9,
        closed: true,
      });
      const order = broker.placeOrder(
        parseWith(
          OrderRequestSchema,
          {
            clientOrderId: "x",
            strategyId: "s",
            instrumentId: "FINE",
            side: "buy",
            type: "market",
            quantity: qty,
          },
          "r",
        ),
      );
      return [order.status, broker.getCash().valueOf(), broker.getFills()[0]?.fee.valueOf()];
    };
    for (const [cash, qty, price] of [
      ["999999999999999999.999999999999999999", "1.123456789012345678", 1.23456789],
      ["123456789012.123456789012345678", "0.000000000000000001", 98765.4321],
      ["500000.5", "3.5", 100.25],
    ] as const) {
      const fast = cashAfter(true, cash, qty, price);
      expect(fast[0]).toBe("filled");
      expect(fast).toEqual(cashAfter(false, cash, qty, price));
    }
  });
});
