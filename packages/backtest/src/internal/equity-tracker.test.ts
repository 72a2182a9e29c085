// EquityTracker re-bases only the strategies whose book changed, with curves byte-identical to re-basing all.
import { FillSchema, type Instrument, InstrumentSchema, type Ledger, OrderSchema } from "@quiver/core";
import { createLedger } from "@quiver/ledger";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EquityTracker } from "./equity-tracker.js";

const inst = (id: string): Instrument =>
  InstrumentSchema.parse({
    id,
    kind: "equity",
    baseAsset: id,
    quoteCurrency: "USD",
    tickSize: "0.01",
    lotSize: "1",
    shortable: true,
  });
const INSTRUMENTS = [inst("X"), inst("Y")];
const STRATEGIES = ["a", "b", "c"];

/** The ledger as seen through a proxy: optionally without `strategyRevision`, counting P&L calls. */
function view(ledger: Ledger, hideRevision: boolean, calls: { n: number }): Ledger {
  return new Proxy(ledger, {
    get(target, key) {
      if (hideRevision && (key === "strategyRevision" || key === "computeStrategyNetPnl")) return undefined;
      const v = Reflect.get(target, key, target) as unknown;
      if (typeof v !== "function") return v;
      if (key !== "computeStrategyPnl" && key !== "computeStrategyNetPnl") return v.bind(target);
      return (...args: unknown[]) => {
        calls.n++;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const step = fc.oneof(
  fc.record({
    kind: fc.constant("fill" as const),
    strategy: fc.constantFrom(...STRATEGIES),
    instrument: fc.integer({ min: 0, max: 1 }),
    side: fc.constantFrom("buy" as const, "sell" as const),
    qty: fc.integer({ min: 1, max: 9 }),
  }),
  fc.record({
    kind: fc.constant("price" as const),
    instrument: fc.integer({ min: 0, max: 1 }),
    price: fc.oneof(
      fc.integer({ min: 1, max: 400 }).map((c) => c / 4),
      fc.constant(0),
    ),
  }),
  fc.record({ kind: fc.constant("bar" as const) }),
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Applies one generated step (a price move or a fill at the last price); false for a fill without a price. */
function applyStep(ledger: Ledger, s: Step, i: number, t: number, last: Float64Array): boolean {
  if (s.kind === "price") last[s.instrument] = s.price;
  else if (s.kind === "fill") {
    const px = last[s.instrument] as number;
    if (!(px > 0)) return false;
    const instrumentId = (INSTRUMENTS[s.instrument] as Instrument).id;
    const o = { orderId: `o${i}`, strategyId: s.strategy, instrumentId, side: s.side };
    ledger.recordOrder(
      OrderSchema.parse({
        ...o,
        clientOrderId: `c${i}`,
        type: "market",
        status: "new",
        quantity: s.qty,
        createdAt: t,
        updatedAt: t,
      }),
    );
    ledger.applyFill(
      FillSchema.parse({
        tradeId: `t${i}`,
        orderId: o.orderId,
        instrumentId,
        side: s.side,
        quantity: s.qty,
        price: px,
        fee: "0.1",
        timestamp: t,
      }),
    );
  }
  return true;
}

describe("EquityTracker", () => {
  it("curves with per-strategy re-basing are byte-identical to re-basing every strategy, with fewer P&L calls", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const ledger = createLedger({ instruments: INSTRUMENTS, initialCash: "100000", currency: "USD" });
        const fast = { n: 0 };
        const slow = { n: 0 };
        const a = new EquityTracker(view(ledger, false, fast), STRATEGIES, INSTRUMENTS, 100000, 4);
        const b = new EquityTracker(view(ledger, true, slow), STRATEGIES, INSTRUMENTS, 100000, 4);
        const last = new Float64Array(INSTRUMENTS.length);
        let t = 1_700_000_000_000;
        steps.forEach((s, i) => {
          t += 60_000;
          if (!applyStep(ledger, s, i, t, last)) return;
          a.sample(t, last);
          b.sample(t, last);
        });
        for (let k = 0; k < STRATEGIES.length; k++)
          expect(Buffer.from(a.byStrategy[k]!.toArray().buffer)).toEqual(
            Buffer.from(b.byStrategy[k]!.toArray().buffer),
          );
        expect(Buffer.from(a.total.toArray().buffer)).toEqual(Buffer.from(b.total.toArray().buffer));
        expect(a.barsInMarket).toEqual(b.barsInMarket);
        expect(fast.n).toBeLessThanOrEqual(slow.n);
      }),
      { numRuns: 80 },
    );
  });

  it("a position held while its price is missing is not counted twice when the price comes back", () => {
    // Found by the property below: Y bought at 0.25, Y's price then missing (0) while X is bought,
    // then Y priced again at 0.25. The book values Y at its own last mark (0.25) throughout.
    const ledger = createLedger({ instruments: INSTRUMENTS, initialCash: "100000", currency: "USD" });
    const tracker = new EquityTracker(ledger, STRATEGIES, INSTRUMENTS, 100000, 4);
    const last = new Float64Array([0.25, 0.25]);
    let t = 1_700_000_000_000;
    const steps: Step[] = [
      { kind: "fill", strategy: "a", instrument: 1, side: "buy", qty: 1 },
      { kind: "price", instrument: 1, price: 0 },
      { kind: "fill", strategy: "a", instrument: 0, side: "buy", qty: 1 },
      { kind: "price", instrument: 1, price: 0.25 },
    ];
    steps.forEach((s, i) => {
      t += 60_000;
      applyStep(ledger, s, i, t, last);
      tracker.sample(t, last);
    });
    const marks = tracker.marks(last);
    expect(Object.keys(marks)).toEqual(["X", "Y"]);
    expect(tracker.total.toArray().at(-1)).toBeCloseTo(ledger.getEquity(marks).toNumber(), 9);
    expect(tracker.byStrategy[0]!.toArray().at(-1)).toBeCloseTo(
      100000 + ledger.computeStrategyNetPnl("a", marks).toNumber(),
      9,
    );
  });

  it("property: every sample equals the Decimal book at that sample's prices (total and per strategy)", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const ledger = createLedger({ instruments: INSTRUMENTS, initialCash: "100000", currency: "USD" });
        const tracker = new EquityTracker(ledger, STRATEGIES, INSTRUMENTS, 100000, 4);
        const last = new Float64Array(INSTRUMENTS.length);
        let t = 1_700_000_000_000;
        steps.forEach((s, i) => {
          t += 60_000;
          if (!applyStep(ledger, s, i, t, last)) return;
          tracker.sample(t, last);
          // A price of 0 means "no price yet" to the tracker (the ledger then keeps its own last mark).
          if (!last.every((p) => p > 0)) return;
          const marks = tracker.marks(last);
          const n = tracker.total.length - 1;
          const close = (a: number, b: number): void => {
            expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
          };
          close(tracker.total.toArray()[n] as number, ledger.getEquity(marks).toNumber());
          STRATEGIES.forEach((sid, k) => {
            close(
              tracker.byStrategy[k]!.toArray()[n] as number,
              100000 + ledger.computeStrategyNetPnl(sid, marks).toNumber(),
            );
          });
        });
      }),
      { numRuns: 80 },
    );
  });

  it("asks the ledger only for the strategy that traded when prices did not move", () => {
    const ledger = createLedger({ instruments: INSTRUMENTS, initialCash: "100000", currency: "USD" });
    const calls = { n: 0 };
    const tracker = new EquityTracker(view(ledger, false, calls), STRATEGIES, INSTRUMENTS, 100000);
    const last = new Float64Array([10, 20]);
    tracker.sample(1, last);
    expect(calls.n).toBe(3);
    ledger.recordOrder(
      OrderSchema.parse({
        orderId: "o1",
        clientOrderId: "c1",
        strategyId: "b",
        instrumentId: "X",
        side: "buy",
        type: "market",
        status: "new",
        quantity: 1,
        createdAt: 2,
        updatedAt: 2,
      }),
    );
    ledger.applyFill(
      FillSchema.parse({
        tradeId: "t1",
        orderId: "o1",
        instrumentId: "X",
        side: "buy",
        quantity: 1,
        price: 10,
        timestamp: 2,
      }),
    );
    tracker.sample(2, last);
    expect(calls.n).toBe(4);
  });
});
