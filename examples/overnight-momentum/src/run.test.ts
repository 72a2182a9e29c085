// Seed 001 scenarios on real daily data: startup refusal on overlap, 09:31/15:55 schedules, overnight holds, one lock.
import { serializeBacktestResult } from "@quiver/backtest";
import { Decimal, QuiverError, VirtualClock } from "@quiver/core";
import { beforeAll, describe, expect, it } from "vitest";
import { type OvernightRun, loadOvernightData, runOvernight } from "./run.js";
import { scheduleMomentOf, tradingDateOf } from "./session-bars.js";
import { createOvernightSystem } from "./system.js";

const data = loadOvernightData(["NVDA", "ORCL", "YHOO"], "2010-01-01", "2010-12-31");
let run: OvernightRun;

beforeAll(async () => {
  run = await runOvernight(data);
});

describe("exclusive universes validated at start (seed 001 rule 8)", () => {
  it("refuses to start when MP's universe overlaps OMR's, naming the symbol and both strategies", () => {
    let error: unknown;
    try {
      createOvernightSystem({ clock: new VirtualClock(0), mpUniverse: ["ORCL", "NVDA"] });
    } catch (e) {
      error = e;
    }
    expect(QuiverError.isInstance(error) && error.code).toBe("VALIDATION");
    expect(String((error as Error).message)).toMatch(/"NVDA" is in the universes of both "mp" and "omr"/);
  });

  it("starts with disjoint universes and each strategy only ever trades its own symbols", () => {
    expect(run.result.trades.length).toBeGreaterThan(0);
    for (const t of run.result.trades) {
      if (t.strategyId === "omr") expect(t.instrumentId).toBe("NVDA");
      else expect(["ORCL", "YHOO"]).toContain(t.instrumentId);
    }
  });
});

describe("OMR: buy at 15:55, sell at 09:31 next session (seed 001 schedule)", () => {
  it("decides only at 09:31 and 15:55 New York, and skips the data's holidays", () => {
    expect(run.signals.length).toBeGreaterThan(0);
    for (const s of run.signals) expect(["09:31", "15:55"]).toContain(scheduleMomentOf(s.timestamp));
    const holidays = new Set(data.holidays);
    expect(holidays.size).toBeGreaterThan(0);
    for (const s of run.signals) expect(holidays.has(tradingDateOf(s.timestamp))).toBe(false);
  });

  it("every OMR entry fills at 15:55 at that day's close and is sold at the next session's 09:31 at its open", () => {
    const nvda = new Map(
      data.daily.get("NVDA")!.map((b) => [new Date(b.openTime).toISOString().slice(0, 10), b]),
    );
    const omr = run.result.trades.filter((t) => t.strategyId === "omr" && t.exitTime !== null);
    expect(omr.length).toBeGreaterThan(10);
    for (const t of omr) {
      expect(scheduleMomentOf(t.entryTime!)).toBe("15:55");
      expect(scheduleMomentOf(t.exitTime!)).toBe("09:31");
      const inDay = nvda.get(tradingDateOf(t.entryTime!))!;
      const outDay = nvda.get(tradingDateOf(t.exitTime!))!;
      expect(outDay.openTime).toBeGreaterThan(inDay.openTime);
      // The next trading day: no NVDA bar in between.
      expect(
        [...nvda.values()].some((b) => b.openTime > inDay.openTime && b.openTime < outDay.openTime),
      ).toBe(false);
      // 2 bps slippage against the taker, then on the $0.01 tick: a buy rounds up, a sell down
      const entry = new Decimal(inDay.close).times("1.0002").toDecimalPlaces(2, Decimal.ROUND_CEIL);
      const exit = new Decimal(outDay.open).times("0.9998").toDecimalPlaces(2, Decimal.ROUND_FLOOR);
      expect(t.entryPrice!.toFixed()).toBe(entry.toFixed());
      expect(t.exitPrice!.toFixed()).toBe(exit.toFixed());
    }
  });

  it("sizes each OMR entry at 15 % of equity and each MP entry at 6.5 % (seed 001 capital allocation)", () => {
    const cost = (strategy: string) =>
      run.result.trades
        .filter((t) => t.strategyId === strategy)
        .map((t) => t.quantity.times(t.entryPrice!).toNumber());
    // Equity stays within ±15 % of the $100,000 start in this window, so the notional band is wide but telling.
    const band = (strategy: string, lo: number, hi: number) => {
      const costs = cost(strategy);
      expect(costs.length).toBeGreaterThan(5);
      for (const c of costs) {
        expect(c).toBeGreaterThan(lo);
        expect(c).toBeLessThan(hi);
      }
    };
    band("omr", 12_000, 17_500);
    band("mp", 5_200, 7_600);
  });
});

describe("the capital allocation limits bind when reached", () => {
  it("OMR's max positions blocks a second overnight position (two proxies, maxPositions 1)", async () => {
    const tight = await runOvernight(data, {
      omrUniverse: ["NVDA", "YHOO"],
      mpUniverse: ["ORCL"],
      allocation: { omr: { maxPositions: 1 } },
    });
    const blocked = tight.signals.filter(
      (s) => s.strategyId === "omr" && s.skipReason === "strategy_max_positions",
    );
    expect(blocked.length).toBeGreaterThan(0);
    // Never two OMR positions at once.
    const omr = tight.result.trades.filter((t) => t.strategyId === "omr");
    for (const a of omr) {
      for (const b of omr) {
        if (a === b) continue;
        const overlap =
          a.entryTime! < (b.exitTime ?? Number.POSITIVE_INFINITY) &&
          b.entryTime! < (a.exitTime ?? Number.POSITIVE_INFINITY);
        expect(overlap).toBe(false);
      }
    }
  });

  it("OMR's max exposure downsizes its 15 % entries (maxExposurePct 10)", async () => {
    const capped = await runOvernight(data, { allocation: { omr: { maxExposurePct: 10 } } });
    const hits = capped.limitHits.filter(
      (h) => h.strategyId === "omr" && h.reasons.includes("strategy_max_exposure_pct"),
    );
    expect(hits.length).toBeGreaterThan(0);
    const omr = capped.result.trades.filter((t) => t.strategyId === "omr");
    expect(omr.length).toBeGreaterThan(5);
    for (const t of omr) expect(t.quantity.times(t.entryPrice!).toNumber()).toBeLessThan(11_600);
  });
});

describe("one execution lock (seed 001 execution lock sequence)", () => {
  it("is never held by two strategies at once", () => {
    let holder: string | null = null;
    for (const e of run.lockEvents) {
      if (e.action === "acquire") {
        expect(holder).toBeNull();
        holder = e.holder;
      } else {
        expect(holder).toBe(e.holder);
        holder = null;
      }
    }
    expect(holder).toBeNull();
  });

  it("at 15:55 OMR takes it first and MP acquires it only after OMR released it", () => {
    const days = new Map<string, string[]>();
    for (const e of run.lockEvents) {
      if (scheduleMomentOf(e.at) !== "15:55") continue;
      const d = tradingDateOf(e.at);
      days.set(d, [...(days.get(d) ?? []), `${e.holder}:${e.action}`]);
    }
    const both = [...days.values()].filter(
      (seq) => seq.includes("omr:acquire") && seq.includes("mp:acquire"),
    );
    expect(both.length).toBeGreaterThan(0);
    for (const seq of both) expect(seq).toEqual(["omr:acquire", "omr:release", "mp:acquire", "mp:release"]);
  });

  it("at 09:31 only OMR takes the lock", () => {
    const morning = run.lockEvents.filter((e) => scheduleMomentOf(e.at) === "09:31");
    expect(morning.length).toBeGreaterThan(0);
    expect(new Set(morning.map((e) => e.holder))).toEqual(new Set(["omr"]));
  });
});

describe("determinism", () => {
  it("the same data gives a byte-identical result", async () => {
    const again = await runOvernight(data);
    expect(serializeBacktestResult(again.result)).toBe(serializeBacktestResult(run.result));
  });
});
