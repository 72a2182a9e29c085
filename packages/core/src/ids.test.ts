// Tests of deterministic, venue-safe client order ids and the id helpers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "./errors.js";
import { fnv1a64, integerText, makeClientOrderId, makeEntryId, makeSignalId } from "./ids.js";

const SAFE = /^[A-Za-z0-9_-]+$/;
/** Any id text except NUL (refused by makeClientOrderId), including non-ASCII and separators. */
const idText = fc
  .string({ unit: "binary", minLength: 1, maxLength: 80 })
  .filter((s) => !s.includes("\u0000"));

function pathOf(fn: () => unknown): string[] {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  return (caught as ValidationError).paths;
}

describe("fnv1a64", () => {
  it("matches the published FNV-1a 64-bit test vectors", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });

  /** The definition, on BigInt: ids persisted by earlier versions must keep matching. */
  function fnvReference(text: string): string {
    let h = 0xcbf29ce484222325n;
    for (let i = 0; i < text.length; i++) {
      h ^= BigInt(text.charCodeAt(i));
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
    }
    return h.toString(16).padStart(16, "0");
  }

  it("property: equals the BigInt definition for any UTF-16 text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        expect(fnv1a64(s)).toBe(fnvReference(s));
      }),
      { numRuns: 2000 },
    );
    // Hashes with leading zero nibbles in either half are padded, never shortened.
    for (let i = 0; i < 5000; i++) {
      const s = `k${i}`;
      expect(fnv1a64(s)).toBe(fnvReference(s));
    }
  });
});

describe("makeClientOrderId", () => {
  it("is deterministic and readable", () => {
    const a = makeClientOrderId("trend_v1", "trend_v1:ETH/BTC:1515560100000");
    expect(a).toBe(makeClientOrderId("trend_v1", "trend_v1:ETH/BTC:1515560100000"));
    expect(a.startsWith("trend_v1-")).toBe(true);
    expect(a).toMatch(/^trend_v1-[0-9a-f]{16}$/);
  });

  it("keeps its ids across versions (a restart must recompute the very id it sent before)", () => {
    // golden ids: readable prefix + "-" + fnv1a64(`${strategyId}\0${signalId}\0${attempt}`)
    expect(makeClientOrderId("trend_v1", "trend_v1:ETH/BTC:1515560100000")).toBe("trend_v1-5ff6df98ef3b664a");
    expect(makeClientOrderId("s", "sig", { attempt: 3 })).toBe("s-c7b50290cbc7a20a");
    expect(makeClientOrderId("策略", "sig")).toBe("eaf84ac96bbb43c9");
    expect(makeClientOrderId("a-very-long-strategy-identifier", "sig", { maxLength: 20 })).toBe(
      "a-v-fead9c0c024273c3",
    );
    fc.assert(
      fc.property(idText, idText, fc.nat(1000), (strategy, signal, attempt) => {
        const hash = fnv1a64(`${strategy}\u0000${signal}\u0000${attempt}`);
        const id = makeClientOrderId(strategy, signal, { attempt, maxLength: 128 });
        expect(id.endsWith(hash)).toBe(true);
        expect(id === hash || id === `${strategy.replace(/[^A-Za-z0-9_-]/g, "")}-${hash}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("changes with the attempt number, and attempt 0 is the default", () => {
    const base = makeClientOrderId("s", "sig");
    expect(makeClientOrderId("s", "sig", { attempt: 0 })).toBe(base);
    const a1 = makeClientOrderId("s", "sig", { attempt: 1 });
    const a2 = makeClientOrderId("s", "sig", { attempt: 2 });
    expect(new Set([base, a1, a2]).size).toBe(3);
    expect(makeClientOrderId("s", "sig", { attempt: 1 })).toBe(a1);
  });

  it("keeps ids apart when the readable prefix collapses (sanitized or truncated strategy ids)", () => {
    const ids = [
      makeClientOrderId("a/b", "x"),
      makeClientOrderId("ab", "x"),
      makeClientOrderId("a.b", "x"),
      makeClientOrderId(`${"s".repeat(40)}1`, "x"),
      makeClientOrderId(`${"s".repeat(40)}2`, "x"),
      makeClientOrderId("ab", "x1"),
      makeClientOrderId("ab1", "x"),
      makeClientOrderId("ab", "1x"),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("falls back to the bare hash when nothing of the strategy id is safe", () => {
    expect(makeClientOrderId("策略", "sig")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("honours maxLength down to 20", () => {
    const id = makeClientOrderId("a-very-long-strategy-identifier", "sig", { maxLength: 20 });
    expect(id.length).toBeLessThanOrEqual(20);
    expect(id).toMatch(/^a-v-[0-9a-f]{16}$/); // 3 readable chars + "-" + 16 hex = 20
  });

  it.each([
    ["empty strategy id", () => makeClientOrderId("", "sig"), "strategyId"],
    ["empty signal id", () => makeClientOrderId("s", ""), "signalId"],
    ["NUL in strategy id", () => makeClientOrderId("a\u0000b", "c"), "strategyId"],
    ["NUL in signal id", () => makeClientOrderId("a", "b\u0000c"), "signalId"],
    ["maxLength 19", () => makeClientOrderId("s", "sig", { maxLength: 19 }), "maxLength"],
    ["maxLength 0", () => makeClientOrderId("s", "sig", { maxLength: 0 }), "maxLength"],
    ["fractional maxLength", () => makeClientOrderId("s", "sig", { maxLength: 25.5 }), "maxLength"],
  ])("rejects %s, naming the field", (_name, fn, path) => {
    expect(pathOf(fn)).toEqual([path]);
  });

  it("property: venue-safe characters, within maxLength, deterministic", () => {
    fc.assert(
      fc.property(
        idText,
        idText,
        fc.integer({ min: 20, max: 128 }),
        fc.nat(5),
        (strategy, signal, maxLength, attempt) => {
          const id = makeClientOrderId(strategy, signal, { maxLength, attempt });
          expect(id).toMatch(SAFE);
          expect(id.length).toBeLessThanOrEqual(maxLength);
          expect(id.length).toBeGreaterThanOrEqual(16);
          expect(makeClientOrderId(strategy, signal, { maxLength, attempt })).toBe(id);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("property: no collisions among 5,000 random (strategy, signal) pairs", () => {
    const pairs = fc.sample(fc.tuple(idText, idText), { numRuns: 5000, seed: 20260101 });
    // Realistic shape too: a few strategies, signals that differ only in the timestamp.
    for (let i = 0; i < 5000; i++)
      pairs.push([`strat_${i % 7}`, `strat_${i % 7}:BTC/USD:${1_700_000_000_000 + i * 60_000}`]);
    const distinctPairs = new Set(pairs.map(([a, b]) => JSON.stringify([a, b])));
    const ids = new Set(pairs.map(([a, b]) => makeClientOrderId(a, b)));
    expect(distinctPairs.size).toBeGreaterThan(9000);
    expect(ids.size).toBe(distinctPairs.size);
  });
});

describe("makeSignalId / makeEntryId", () => {
  it("follow seed 000's shapes", () => {
    expect(makeSignalId("trend_v1", "ETH/BTC", 1515560100000)).toBe("trend_v1:ETH/BTC:1515560100000");
    expect(makeSignalId("trend_v1", "ETH/BTC", 1515560100000, "exit")).toBe(
      "trend_v1:ETH/BTC:1515560100000:exit",
    );
    expect(makeEntryId("trend_v1", "ord-1")).toBe("trend_v1:ord-1");
  });
});

describe("integerText", () => {
  it("prints what String prints", () => {
    for (const n of [
      0,
      -0,
      1,
      -1,
      7,
      2 ** 31 - 1,
      2 ** 31,
      1e8 - 1,
      1e8,
      1e8 + 1,
      100000000000,
      1577841300000,
      1e15,
      1e16,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER + 1,
      2 ** 60,
      1.5,
      -1.5,
      1e21,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      5e-324,
    ])
      expect(integerText(n)).toBe(String(n));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) }),
          fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: 0 }),
          fc.double(),
        ),
        (n) => {
          expect(integerText(n)).toBe(String(n));
        },
      ),
      { numRuns: 20000 },
    );
  });
});
