// Warm-up from feed history, bar-close schedules (cycle mode), config schedules, data status.
import type { Bar, Timeframe } from "@quiver/core";
import { makeBars } from "@quiver/testkit";
import { describe, expect, it } from "vitest";
import { T0, buy, flush, scripted } from "./helpers.js";
import { harness } from "./setup.js";

describe("runner lifecycle", () => {
  it("start() warms strategies up from the feed's history and fills ctx.history before the first live bar", () => {
    let warmed: number[] = [];
    let seen = 0;
    const s = {
      ...scripted("w", ["NVDA"], (ctx) => {
        seen = ctx.history("NVDA", "1m").length;
        return [];
      }),
      warmupBars: 3,
      warmup(history: ReadonlyMap<string, readonly Bar[]>, _tf: Timeframe) {
        warmed = (history.get("NVDA") ?? []).map((b) => b.close);
      },
    };
    const h = harness({ strategies: [s], start: T0 + 10 * 60_000 });
    h.feed.seedHistory(makeBars("NVDA", 5, { startTime: T0, closeAt: (i) => 100 + i }));
    h.runner.start();
    expect(warmed).toEqual([102, 103, 104]);
    h.push("NVDA", 10, 110);
    expect(seen).toBe(4);
  });

  it("scheduleBarCloses runs the cycle at each 5m close in cycle mode; getDataStatus reports freshness", async () => {
    const s = scripted("c", ["NVDA"], (ctx, bar) => [buy(ctx, "NVDA", 1 + (bar.openTime - T0) / 60_000)], {
      timeframes: ["5m"],
    });
    const h = harness({
      strategies: [s],
      config: { mode: "cycle", schedules: [{ kind: "barClose", id: "5m", timeframe: "5m", delayMs: 1_000 }] },
    });
    h.runner.start();
    const feedBar = (i: number) =>
      h.feed.push({
        instrumentId: "NVDA",
        timeframe: "5m",
        openTime: T0 + i * 300_000,
        closeTime: T0 + (i + 1) * 300_000,
        open: 100,
        high: 100,
        low: 100,
        close: 100,
        volume: 1,
      });
    h.broker.setPrice("NVDA", 100);
    h.clock.advanceTo(T0 + 300_000);
    feedBar(0);
    expect(s.calls).toBe(0);
    h.clock.advanceTo(T0 + 301_000);
    await flush();
    expect(s.calls).toBe(1);
    expect(h.runner.getDataStatus(T0 + 301_000)[0]).toMatchObject({
      timeframe: "5m",
      ageMs: 1_000,
      stale: false,
    });
    // No new bar by the next close: no decision, and the stream goes stale after 2 bars.
    h.clock.advanceTo(T0 + 601_000);
    expect(s.calls).toBe(1);
    expect(h.runner.getDataStatus(T0 + 900_001)[0]?.stale).toBe(true);
    expect(h.broker.count("placeOrder")).toBe(1);
  });

  it("an unknown strategy id anywhere in the config is refused at construction", () => {
    const s = scripted("a", ["NVDA"], () => []);
    expect(() => harness({ strategies: [s], config: { toggles: { b: { enabled: false } } } })).toThrow(
      /toggles\.b/,
    );
    expect(() => harness({ strategies: [s, scripted("a", ["NVDA"], () => [])] })).toThrow(
      /duplicate strategy id/,
    );
    expect(() => harness({ strategies: [scripted("x", ["NOPE"], () => [])] })).toThrow(/unknown instrument/);
  });
});
