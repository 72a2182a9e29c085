// Tests of InstrumentSchema round trips and bad input, and the notional/rounding helpers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectInvalidAt, expectRoundTrip, withFields } from "../../test/schema-helpers.js";
import { Decimal } from "../decimal.js";
import { InstrumentSchema, notionalOf, roundPriceToTick, roundQuantityDown } from "./instrument.js";

const spot = {
  id: "ETH/BTC",
  kind: "spot",
  baseAsset: "ETH",
  quoteCurrency: "BTC",
  tickSize: "0.00001",
  lotSize: "0.001",
  category: "crypto",
};
const equity = {
  id: "NVDA",
  symbol: "NVDA.O",
  kind: "equity",
  baseAsset: "NVDA",
  quoteCurrency: "USD",
  tickSize: 0.01,
  lotSize: 1,
  minQuantity: "1",
  shortable: true,
  marginable: true,
};
const binary = {
  id: "KXBTC-25DEC31-T100",
  kind: "binary",
  baseAsset: "KXBTC-25DEC31-T100",
  quoteCurrency: "USD",
  tickSize: "1",
  lotSize: "1",
  category: "crypto",
  expiresAt: 1_767_225_600_000,
};

describe("InstrumentSchema", () => {
  it.each([
    ["spot", spot],
    ["equity", equity],
    ["binary", binary],
  ])("round-trips a %s instrument", (_name, wire) => {
    const inst = expectRoundTrip(InstrumentSchema, wire, "Instrument");
    expect(inst.tickSize).toBeInstanceOf(Decimal);
  });

  it("applies defaults: not shortable, not marginable", () => {
    const inst = expectRoundTrip(InstrumentSchema, spot);
    expect(inst.shortable).toBe(false);
    expect(inst.marginable).toBe(false);
    expect(inst.lotSize.toFixed()).toBe("0.001");
  });

  it.each([
    ["zero tick size", { tickSize: "0" }, "tickSize"],
    ["NaN tick size", { tickSize: "NaN" }, "tickSize"],
    ["negative lot size", { lotSize: "-1" }, "lotSize"],
    ["exponent-abuse lot size", { lotSize: "1e41" }, "lotSize"],
    ["non-numeric min quantity", { minQuantity: "one" }, "minQuantity"],
    ["unknown kind", { kind: "future" }, "kind"],
    ["empty id", { id: "" }, "id"],
    ["control character in id", { id: "ETH\nBTC" }, "id"],
    ["missing base asset", { baseAsset: undefined }, "baseAsset"],
    ["string shortable", { shortable: "yes" }, "shortable"],
    ["fractional expiry", { expiresAt: 1.5 }, "expiresAt"],
    ["empty category", { category: "" }, "category"],
    ["unknown key", { leverage: 5 }, "leverage"],
  ])("rejects %s, naming %s", (_name, patch, path) => {
    expectInvalidAt(InstrumentSchema, withFields(spot, patch), path);
  });

  it("names every bad field at once", () => {
    expectInvalidAt(
      InstrumentSchema,
      withFields(spot, { tickSize: "0", lotSize: "x", kind: "cfd" }),
      "tickSize",
      "lotSize",
      "kind",
    );
  });
});

describe("notionalOf", () => {
  it("divides binary notional by 100 (prices in cents)", () => {
    const inst = InstrumentSchema.parse(binary);
    expect(notionalOf(inst, new Decimal(10), new Decimal(40)).toFixed()).toBe("4");
    expect(notionalOf(inst, new Decimal(3), new Decimal("33.5")).toFixed()).toBe("1.005");
  });

  it("multiplies quantity by price for spot and equities", () => {
    expect(notionalOf({ kind: "spot" }, new Decimal("1.5"), new Decimal("0.05123")).toFixed()).toBe(
      "0.076845",
    );
    expect(notionalOf({ kind: "equity" }, new Decimal(2), new Decimal("101.5")).toFixed()).toBe("203");
  });
});

describe("roundQuantityDown", () => {
  it("rounds down to the lot size", () => {
    expect(roundQuantityDown({ lotSize: new Decimal("0.001") }, new Decimal("1.23456")).toFixed()).toBe(
      "1.234",
    );
    expect(roundQuantityDown({ lotSize: new Decimal(1) }, new Decimal("9.999")).toFixed()).toBe("9");
    expect(roundQuantityDown({ lotSize: new Decimal(5) }, new Decimal("4.99")).toFixed()).toBe("0");
    expect(roundQuantityDown({ lotSize: new Decimal("0.1") }, new Decimal("0.3")).toFixed()).toBe("0.3");
  });

  it("property: never rounds up, is a whole number of lots, and loses less than one lot", () => {
    const lots = fc.constantFrom("0.00000001", "0.001", "0.01", "0.5", "1", "3", "100", "0.025");
    const quantities = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 0, max: 8 }))
      .map(([units, places]) => new Decimal(units.toString()).dividedBy(new Decimal(10).pow(places)));
    fc.assert(
      fc.property(lots, quantities, (lot, q) => {
        const lotSize = new Decimal(lot);
        const r = roundQuantityDown({ lotSize }, q);
        expect(r.lessThanOrEqualTo(q)).toBe(true);
        expect(r.greaterThanOrEqualTo(0)).toBe(true);
        expect(q.minus(r).lessThan(lotSize)).toBe(true);
        expect(r.dividedBy(lotSize).isInteger()).toBe(true);
        expect(roundQuantityDown({ lotSize }, r).equals(r)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("roundQuantityDown fast path", () => {
  it("property: equals divide-to-integer × lot for power-of-ten and other lots, any sign", () => {
    const lots = fc.constantFrom("1", "0.1", "0.0001", "0.00000001", "10", "0.5", "0.025", "1.0");
    const quantities = fc
      .tuple(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.integer({ min: 0, max: 12 }))
      .map(([units, places]) => new Decimal(units.toString()).dividedBy(new Decimal(10).pow(places)));
    fc.assert(
      fc.property(lots, quantities, (lot, q) => {
        const lotSize = new Decimal(lot);
        const r = roundQuantityDown({ lotSize }, q);
        const reference = q.dividedToIntegerBy(lotSize).times(lotSize);
        expect(r.equals(reference)).toBe(true);
        expect(r.toFixed()).toBe(reference.toFixed());
        expect(r.isNegative()).toBe(reference.isNegative());
      }),
      { numRuns: 1000 },
    );
  });
});

describe("roundPriceToTick", () => {
  it("rounds to the nearest tick, halves to even", () => {
    const tick = { tickSize: new Decimal("0.01") };
    expect(roundPriceToTick(tick, new Decimal("101.237")).toFixed()).toBe("101.24");
    expect(roundPriceToTick(tick, new Decimal("101.232")).toFixed()).toBe("101.23");
    expect(roundPriceToTick(tick, new Decimal("0.005")).toFixed()).toBe("0");
    expect(roundPriceToTick(tick, new Decimal("0.015")).toFixed()).toBe("0.02");
    expect(roundPriceToTick({ tickSize: new Decimal(1) }, new Decimal("40.6")).toFixed()).toBe("41");
    expect(roundPriceToTick({ tickSize: new Decimal("0.5") }, new Decimal("10.74")).toFixed()).toBe("10.5");
  });

  it("rounds up (towards +∞) or down (towards −∞) on request", () => {
    const tick = { tickSize: new Decimal("0.01") };
    expect(roundPriceToTick(tick, new Decimal("101.231"), "up").toFixed()).toBe("101.24");
    expect(roundPriceToTick(tick, new Decimal("101.239"), "down").toFixed()).toBe("101.23");
    expect(roundPriceToTick(tick, new Decimal("101.23"), "up").toFixed()).toBe("101.23");
    expect(roundPriceToTick({ tickSize: new Decimal("0.5") }, new Decimal("10.01"), "up").toFixed()).toBe(
      "10.5",
    );
    expect(roundPriceToTick({ tickSize: new Decimal("0.5") }, new Decimal("10.99"), "down").toFixed()).toBe(
      "10.5",
    );
  });

  it("property: every mode equals the division definition and lands on the grid", () => {
    const ticks = fc.constantFrom("0.00000001", "0.0001", "0.01", "0.05", "0.5", "1", "5");
    const prices = fc
      .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 14 }))
      .map(([u, k]) => new Decimal(u.toString()).dividedBy(new Decimal(10).pow(k)));
    const modes = fc.constantFrom("nearest", "up", "down") as fc.Arbitrary<"nearest" | "up" | "down">;
    fc.assert(
      fc.property(ticks, prices, modes, (t, p, mode) => {
        const tickSize = new Decimal(t);
        const rm =
          mode === "nearest"
            ? Decimal.ROUND_HALF_EVEN
            : mode === "up"
              ? Decimal.ROUND_CEIL
              : Decimal.ROUND_FLOOR;
        const reference = p.dividedBy(tickSize).toDecimalPlaces(0, rm).times(tickSize);
        const r = roundPriceToTick({ tickSize }, p, mode);
        expect(r.equals(reference)).toBe(true);
        expect(r.dividedBy(tickSize).isInteger()).toBe(true);
        if (mode === "up") expect(r.greaterThanOrEqualTo(p)).toBe(true);
        if (mode === "down") expect(r.lessThanOrEqualTo(p)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("property: result is on the tick grid and within half a tick", () => {
    const ticks = fc.constantFrom("0.00001", "0.01", "0.05", "0.5", "1");
    const prices = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Decimal(n).dividedBy(1000));
    fc.assert(
      fc.property(ticks, prices, (t, p) => {
        const tickSize = new Decimal(t);
        const r = roundPriceToTick({ tickSize }, p);
        expect(r.dividedBy(tickSize).isInteger()).toBe(true);
        expect(r.minus(p).abs().lessThanOrEqualTo(tickSize.dividedBy(2))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
