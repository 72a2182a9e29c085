// validation "trusted": the fast order check accepts/rejects exactly like core's OrderSchema on parsed Decimal orders.
import { Decimal, type Order, OrderSchema, QuiverError } from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NVDA, KX, newLedger, order } from "../../test/fixtures.js";
import { copyIfTrusted, copyTrustedOrder, isTrustedOrder } from "./trusted-order.js";

/** Decimal values around every bound the schema checks (sign, zero, 1e18, 18 places, non-finite). */
const decimalArb = fc
  .constantFrom(
    "0",
    "1",
    "-1",
    "0.5",
    "2",
    "3.25",
    "100",
    "101",
    "1e18",
    "1000000000000000001",
    "0.000000000000000001",
    "0.0000000000000000001",
    "Infinity",
    "NaN",
  )
  .map((s) => new Decimal(s));

const idArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("a", "s1", "o-1", "x".repeat(128)) },
  { weight: 1, arbitrary: fc.constantFrom("", "x".repeat(129), "bad\u0001id", "tab\tid") },
);
const epochArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 2_000_000_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 1.5, 8_640_000_000_000_001, Number.NaN) },
);
const typeArb = fc.constantFrom("market", "limit", "stop", "stop_limit");

/**
 * Well-typed orders (Decimal fields, defaults present, no explicit undefined), valid or not; in
 * some, the filled quantity is the quantity object itself (as a broker's filled order holds it).
 */
const orderArb = fc
  .record(
    {
      clientOrderId: idArb,
      strategyId: idArb,
      instrumentId: fc.constantFrom(NVDA.id, KX.id, "UNKNOWN"),
      side: fc.constantFrom("buy", "sell"),
      outcome: fc.constantFrom("yes", "no"),
      type: typeArb,
      timeInForce: fc.constantFrom("gtc", "day", "ioc", "fok"),
      quantity: decimalArb,
      limitPrice: decimalArb,
      stopPrice: decimalArb,
      reduceOnly: fc.boolean(),
      signalId: idArb,
      metadata: fc.constantFrom({}, { note: "x" }),
      orderId: idArb,
      status: fc.constantFrom("pending_new", "new", "partially_filled", "filled", "cancelled", "unknown"),
      filledQuantity: decimalArb,
      averageFillPrice: decimalArb,
      createdAt: epochArb,
      updatedAt: epochArb,
      statusReason: fc.constantFrom("", "venue said no", "r".repeat(501)),
    },
    {
      requiredKeys: [
        "clientOrderId",
        "strategyId",
        "instrumentId",
        "side",
        "type",
        "timeInForce",
        "quantity",
        "reduceOnly",
        "metadata",
        "orderId",
        "status",
        "filledQuantity",
        "createdAt",
        "updatedAt",
      ],
    },
  )
  .chain((o) =>
    fc.boolean().map((same) => (same ? { ...o, filledQuantity: o.quantity } : o) as unknown as Order),
  );

/** What a ledger call did: the entry and event log, or the error's code and message. */
function outcome(fn: () => unknown, events: () => unknown[]): string {
  try {
    const r = fn();
    return JSON.stringify({ ok: r, events: events() });
  } catch (e) {
    expect(e).toBeInstanceOf(QuiverError);
    return JSON.stringify({ code: (e as QuiverError).code, message: (e as Error).message });
  }
}

describe("isTrustedOrder", () => {
  it("takes a filled quantity that is the quantity object itself as checked by the quantity's test", () => {
    const o = order({ orderId: "o1", strategyId: "s", instrumentId: NVDA.id, side: "buy", quantity: "2" });
    const filled = { ...o, status: "filled" as const, filledQuantity: o.quantity };
    expect(isTrustedOrder(filled)).toBe(true);
    expect(OrderSchema.safeParse(filled).success).toBe(true);
    for (const bad of ["0", "-1", "1e19", "0.0000000000000000001"].map((v) => new Decimal(v))) {
      const same = { ...o, quantity: bad, filledQuantity: bad };
      expect(isTrustedOrder(same)).toBe(false);
      expect(OrderSchema.safeParse(same).success).toBe(false);
    }
  });

  it("remembers only ids that passed: a bad strategy or instrument id after a good one is refused", () => {
    const o = order({ orderId: "o1", strategyId: "s", instrumentId: NVDA.id, side: "buy", quantity: "2" });
    expect(isTrustedOrder(o)).toBe(true);
    for (const strategyId of ["", "s\u0000", "x".repeat(129)]) {
      expect(isTrustedOrder({ ...o, strategyId })).toBe(false);
      expect(isTrustedOrder(o)).toBe(true);
    }
    for (const instrumentId of ["", "NV\u007fDA"]) {
      expect(isTrustedOrder({ ...o, instrumentId })).toBe(false);
      expect(isTrustedOrder(o)).toBe(true);
    }
    // An equal id in another string object is just as valid.
    expect(isTrustedOrder({ ...o, strategyId: ["s"].join("") })).toBe(true);
  });

  it("accepts exactly the well-typed Decimal orders that OrderSchema accepts", () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        expect(isTrustedOrder(o)).toBe(OrderSchema.safeParse(o).success);
      }),
      { numRuns: 400 },
    );
  });

  it("leaves anything not already parsed (strings, missing defaults, extra keys) to the full parse", () => {
    const o = order({ orderId: "o1", strategyId: "s", instrumentId: NVDA.id, side: "buy", quantity: "1" });
    expect(isTrustedOrder(o)).toBe(true);
    expect(isTrustedOrder({ ...o, quantity: "1" })).toBe(false);
    const { reduceOnly: _omit, ...noDefault } = o;
    expect(isTrustedOrder(noDefault)).toBe(false);
    expect(isTrustedOrder({ ...o, extra: 1 })).toBe(false);
    // Inherited enumerable keys are not the order's own: the full parse decides.
    expect(isTrustedOrder(Object.assign(Object.create({ note: 1 }), o))).toBe(false);
    expect(isTrustedOrder(Object.assign(Object.create(null), o))).toBe(true);
    Object.defineProperty(Object.prototype, "polluted", {
      value: 1,
      enumerable: true,
      configurable: true,
      writable: true,
    });
    try {
      expect(isTrustedOrder(o)).toBe(false);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    expect(isTrustedOrder(o)).toBe(true);
    expect(isTrustedOrder({ ...o, limitPrice: undefined })).toBe(false);
    expect(isTrustedOrder({ ...o, filledQuantity: new Decimal("-0") })).toBe(false);
  });

  it("copies an order with the same JSON (keys in schema order) as the zod output", () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        fc.pre(isTrustedOrder(o));
        const parsed = OrderSchema.parse(o);
        expect(JSON.stringify(copyTrustedOrder(o))).toBe(JSON.stringify(parsed));
      }),
      { numRuns: 200 },
    );
  });
});

/** The same order with its own keys inserted in another order (a permutation from the seed). */
function shuffled(o: Order, seed: number): Order {
  const keys = Object.keys(o);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = (seed * (i + 7)) % (i + 1);
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = (o as unknown as Record<string, unknown>)[k];
  return out as unknown as Order;
}

describe("copyIfTrusted (one pass: check, then a spread when the keys are in schema order)", () => {
  it("is copyTrustedOrder for a trusted order and undefined otherwise, keys and values alike", () => {
    fc.assert(
      fc.property(orderArb, fc.nat(1000), fc.boolean(), (o, seed, shuffle) => {
        const input = shuffle ? shuffled(o, seed) : o;
        const copy = copyIfTrusted(input);
        if (!isTrustedOrder(input)) {
          expect(copy).toBeUndefined();
          return;
        }
        const want = copyTrustedOrder(input);
        expect(copy).toStrictEqual(want);
        expect(Object.keys(copy!)).toEqual(Object.keys(want));
        expect(JSON.stringify(copy)).toBe(JSON.stringify(OrderSchema.parse(input)));
        expect(copy).not.toBe(input);
        expect(copy!.metadata).not.toBe(input.metadata);
      }),
      { numRuns: 400 },
    );
  });

  it("copies key by key when a spread would copy something else (symbols, hidden keys)", () => {
    const o = order({ orderId: "o1", strategyId: "s", instrumentId: NVDA.id, side: "buy", quantity: "1" });
    const sym = Symbol("x");
    const withSymbol = { ...o, [sym]: 1 } as Order;
    expect(Object.getOwnPropertySymbols(copyIfTrusted(withSymbol)!)).toEqual([]);
    expect(copyIfTrusted(withSymbol)).toStrictEqual(copyTrustedOrder(o));
    // A required key that for…in cannot see is still checked and copied (as the full parse reads it).
    const hidden = { ...o } as Record<string, unknown>;
    const quantity = hidden.quantity;
    delete hidden.quantity;
    Object.defineProperty(hidden, "quantity", { value: quantity, enumerable: false });
    expect(isTrustedOrder(hidden)).toBe(true);
    const copy = copyIfTrusted(hidden)!;
    expect(copy.quantity).toBe(quantity);
    expect(Object.keys(copy)).toEqual(Object.keys(copyTrustedOrder(o)));
  });
});

describe('ledger validation: "trusted"', () => {
  it("recordOrder accepts/rejects every well-typed order exactly like the full path, with the same events", () => {
    fc.assert(
      fc.property(orderArb, fc.boolean(), fc.nat(1000), (o, frozen, seed) => {
        const full = newLedger();
        const trusted = newLedger({ validation: "trusted" });
        // A frozen order (kept as it is) with its keys in another order: the JSON is the same.
        const input = frozen ? Object.freeze(shuffled(o, seed)) : o;
        const a = outcome(
          () => full.recordOrder(o),
          () => full.getEvents(),
        );
        const b = outcome(
          () => trusted.recordOrder(input),
          () => trusted.getEvents(),
        );
        expect(b).toBe(a);
        expect(JSON.stringify(trusted.snapshot())).toBe(JSON.stringify(full.snapshot()));
        const id = (o as { orderId?: unknown }).orderId;
        if (typeof id === "string")
          expect(JSON.stringify(trusted.getOrder(id))).toBe(JSON.stringify(full.getOrder(id)));
      }),
      { numRuns: 300 },
    );
  });

  it("still refuses an unknown instrument, a zero quantity and filled > quantity", () => {
    const ledger = newLedger({ validation: "trusted" });
    const base = order({ orderId: "o1", strategyId: "s", instrumentId: NVDA.id, side: "buy", quantity: "2" });
    expect(() => ledger.recordOrder({ ...base, instrumentId: "NOPE" })).toThrow(/order.instrumentId/);
    expect(() => ledger.recordOrder({ ...base, quantity: new Decimal(0) })).toThrow(/quantity/);
    expect(() => ledger.recordOrder({ ...base, filledQuantity: new Decimal(3) })).toThrow(/filledQuantity/);
    expect(() => ledger.recordOrder({ ...base, orderId: "" })).toThrow(/orderId/);
    expect(ledger.seq).toBe(0);
  });

  it("refuses an unknown validation mode", () => {
    expect(() => newLedger({ validation: "fast" as "full" })).toThrow(/options.validation/);
  });
});
