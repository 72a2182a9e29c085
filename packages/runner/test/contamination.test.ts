// Property: zero cross-strategy contamination — a strategy's signals and orders are the same alone or with others.
import type { Strategy, StrategyContext, StrategyIntentDraft } from "@quiver/core";
import { makeBar } from "@quiver/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { T0, buy, flat } from "./helpers.js";
import { harness } from "./setup.js";

const SYMBOLS = ["AAA", "BBB", "CCC"];

/** mulberry32: a tiny seeded PRNG (no Math.random in Quiver). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Spec {
  seed: number;
  universe: string[];
}

/** A random but deterministic strategy: its choices depend only on its own PRNG, bars and position. */
function randomStrategy(id: string, spec: Spec): Strategy {
  const rnd = prng(spec.seed);
  return {
    id,
    config: {},
    universe: spec.universe,
    timeframes: ["1m"],
    generateIntents(ctx: StrategyContext): StrategyIntentDraft[] {
      const out: StrategyIntentDraft[] = [];
      for (const bar of ctx.bars.values()) {
        const r = rnd();
        const held = ctx.position(bar.instrumentId);
        if (r < 0.3) out.push(buy(ctx, bar.instrumentId, held.plus(1 + Math.floor(rnd() * 5)).toFixed()));
        else if (r < 0.45 && held.gt(0)) out.push(flat(ctx, bar.instrumentId));
      }
      return out;
    },
  };
}

function run(specs: Array<[string, Spec]>, closes: number[][]): Map<string, unknown[]> {
  const h = harness({ strategies: specs.map(([id, s]) => randomStrategy(id, s)), symbols: SYMBOLS });
  h.runner.start();
  for (let i = 0; i < closes.length; i++) {
    const row = closes[i] as number[];
    const openTime = T0 + i * 60_000;
    h.clock.advanceTo(openTime + 60_000);
    SYMBOLS.forEach((sym, j) => {
      h.broker.setPrice(sym, row[j] as number);
      h.feed.push(makeBar({ instrumentId: sym, openTime, close: row[j] as number }));
    });
  }
  const out = new Map<string, unknown[]>();
  for (const [id] of specs) {
    const signals = h.runner
      .getSignals()
      .filter((s) => s.strategyId === id)
      .map((s) => [s.signalId, s.instrumentId, s.executed, s.skipReason, s.signalData.desiredQuantity]);
    const orders = h.broker.orders
      .filter((o) => o.strategyId === id)
      .map((o) => [o.clientOrderId, o.instrumentId, o.side, o.quantity.toFixed(), o.status]);
    const positions = SYMBOLS.map((sym) => h.ledger.getStrategyContracts(sym, id).toFixed());
    out.set(id, [signals, orders, positions]);
  }
  return out;
}

describe("zero cross-strategy contamination (seed 003 isolated instances)", () => {
  it("each strategy's signals, orders and positions are identical alone and together", () => {
    const spec = fc.record({
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      universe: fc.subarray(SYMBOLS, { minLength: 1 }),
    });
    fc.assert(
      fc.property(
        fc.array(spec, { minLength: 2, maxLength: 4 }),
        fc.array(
          fc.tuple(
            fc.integer({ min: 10, max: 200 }),
            fc.integer({ min: 10, max: 200 }),
            fc.integer({ min: 10, max: 200 }),
          ),
          {
            minLength: 5,
            maxLength: 25,
          },
        ),
        (specs, closes) => {
          const named = specs.map((s, i): [string, Spec] => [`s${i}`, s]);
          const together = run(named, closes);
          for (const entry of named) {
            const alone = run([entry], closes);
            expect(together.get(entry[0])).toEqual(alone.get(entry[0]));
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 60_000);
});
