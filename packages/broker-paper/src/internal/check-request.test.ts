// The trusted request check agrees with core's OrderRequestSchema on well-typed (Decimal) request objects.
import { Decimal, OrderRequestSchema, parseWith, ValidationError } from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTrustedOrderRequest } from "./check-request.js";

/** Mostly valid values with rare invalid ones, so that both outcomes are common. */
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: invalid });

const id = mostly(
  fc.oneof(
    // (zod counts code points: 128 emoji are 256 UTF-16 units and still an id)
    fc.constantFrom(
      "c1",
      "strat-a",
      "NVDA",
      "KXBTC-25DEC31-T100",
      "é/ü",
      "z".repeat(128),
      "\u{1f600}".repeat(128),
    ),
    fc.string(),
  ),
  fc.constantFrom("", "a\u0000b", "tab\there", "x\u007f", "z".repeat(129), "\u{1f600}".repeat(129)),
);

/** Decimals around every bound of PositiveDecimalSchema: sign, zero, 1e18, 18 places, non-finite. */
const decimal = fc
  .oneof(
    { weight: 6, arbitrary: fc.constantFrom("1", "0.5", "100", "1e18", "0.000000000000000001", "99.9999") },
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 10_000 }).map(String) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("0", "-0", "-1", "1.000000000000000001e18", "0.0000000000000000001"),
    },
    { weight: 1, arbitrary: fc.constantFrom("NaN", "Infinity", "-Infinity") },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 20 }))
        .map(([u, p]) => new Decimal(u.toString()).dividedBy(new Decimal(10).pow(p)).toFixed()),
    },
  )
  .map((s) => new Decimal(s));

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

const request = fc
  .record(
    {
      clientOrderId: id,
      strategyId: id,
      instrumentId: id,
      side: mostly(fc.constantFrom("buy", "sell"), fc.constant("hold")),
      outcome: optional(mostly(fc.constantFrom("yes", "no"), fc.constant("maybe"))),
      type: mostly(fc.constantFrom("market", "market", "limit", "stop", "stop_limit"), fc.constant("twap")),
      timeInForce: optional(mostly(fc.constantFrom("gtc", "day", "ioc", "fok"), fc.constant("gtd"))),
      quantity: decimal,
      limitPrice: optional(decimal),
      stopPrice: optional(decimal),
      reduceOnly: optional(mostly(fc.boolean() as fc.Arbitrary<unknown>, fc.constant("yes"))),
      signalId: optional(id),
      metadata: optional(
        mostly(
          fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 })) as fc.Arbitrary<unknown>,
          fc.constantFrom(null, [1, 2], "meta", new Map()),
        ),
      ),
      extra: fc.option(fc.constant(1), { nil: undefined, freq: 30 }),
    },
    { requiredKeys: ["clientOrderId", "strategyId", "instrumentId", "side", "type", "quantity"] },
  )
  .map((r) => {
    // Absent optional fields are omitted (exactOptionalPropertyTypes), as a well-typed object would be.
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) if (v !== undefined) o[k] = v;
    return o;
  });

function zodAccepts(input: unknown): boolean {
  return OrderRequestSchema.safeParse(input).success;
}

/** A valid market buy of 1 without the defaulted fields: the starting point of the field-naming and defaults cases. */
const MARKET_BUY = {
  clientOrderId: "c1",
  strategyId: "s",
  instrumentId: "NVDA",
  side: "buy",
  type: "market",
  quantity: new Decimal(1),
};

describe("checkTrustedOrderRequest", () => {
  it("accepts exactly what OrderRequestSchema accepts among Decimal-typed requests, with the same output", () => {
    fc.assert(
      fc.property(request, (input) => {
        let trusted: ReturnType<typeof checkTrustedOrderRequest> | undefined;
        let error: unknown;
        try {
          trusted = checkTrustedOrderRequest(input);
        } catch (e) {
          error = e;
        }
        const zodOk = zodAccepts(input);
        expect(trusted !== undefined).toBe(zodOk);
        if (trusted === undefined) {
          expect(error).toBeInstanceOf(ValidationError);
          return;
        }
        const parsed = parseWith(OrderRequestSchema, input, "order request");
        const norm = (o: Record<string, unknown>) =>
          Object.fromEntries(
            Object.entries(o)
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => [k, v instanceof Decimal ? v.toFixed() : v]),
          );
        expect(norm(trusted as unknown as Record<string, unknown>)).toEqual(
          norm(parsed as unknown as Record<string, unknown>),
        );
      }),
      { numRuns: 1500 },
    );
  });

  it("both sides of the property are exercised (the generator yields valid and invalid requests)", () => {
    const sample = fc.sample(request, { numRuns: 1500, seed: 7 });
    const ok = sample.filter(zodAccepts).length;
    expect(ok).toBeGreaterThan(30);
    expect(sample.length - ok).toBeGreaterThan(30);
  });

  it("names the field: a missing limit price on a limit order, a zero quantity, an unknown key", () => {
    const base = MARKET_BUY;
    const pathOf = (input: unknown): string | undefined => {
      try {
        checkTrustedOrderRequest(input);
      } catch (e) {
        return (e as ValidationError).issues[0]?.path;
      }
      return undefined;
    };
    expect(pathOf({ ...base, type: "limit" })).toBe("limitPrice");
    expect(pathOf({ ...base, type: "stop_limit", limitPrice: new Decimal(1) })).toBe("stopPrice");
    expect(pathOf({ ...base, quantity: new Decimal(0) })).toBe("quantity");
    expect(pathOf({ ...base, quantity: "1" })).toBe("quantity");
    expect(pathOf({ ...base, qty: 1 })).toBe("qty");
    expect(pathOf(base)).toBeUndefined();
  });

  it("fills zod's defaults without touching the caller's object, and keeps a complete object as is", () => {
    const partial = { ...MARKET_BUY };
    const out = checkTrustedOrderRequest(partial);
    expect(out).toMatchObject({ timeInForce: "gtc", reduceOnly: false, metadata: {} });
    expect("timeInForce" in partial).toBe(false);
    const complete = parseWith(OrderRequestSchema, partial, "order request");
    expect(checkTrustedOrderRequest(complete)).toBe(complete);
  });

  it("an unknown key inherited from a prototype is ignored (as Object.keys would), an own one is named", () => {
    const base = MARKET_BUY;
    const inherited = Object.assign(Object.create({ extra: 1 }) as object, base);
    expect(() => checkTrustedOrderRequest(inherited)).not.toThrow();
    expect(() => checkTrustedOrderRequest({ ...base, extra: 1, other: 2 })).toThrow(/extra/);
  });
});
