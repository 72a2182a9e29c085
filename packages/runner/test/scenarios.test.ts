// Scenario tests named after the seed behaviour they prove (seeds 000, 001, 002, 003, 004).
import { type StrategySignal, dec } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { T0, buy, flat, flush, instrument, scripted } from "./helpers.js";
import { harness } from "./setup.js";

function signalsOf(h: ReturnType<typeof harness>): StrategySignal[] {
  return h.runner.getSignals();
}

describe("seed 004: several strategies per symbol", () => {
  it("three strategies on one symbol share ONE subscription and trade independently", () => {
    const rsi = scripted("nvda-rsi", ["NVDA"], (ctx, bar) =>
      bar.close === 101 ? [buy(ctx, "NVDA", 5)] : [],
    );
    const macd = scripted("nvda-macd", ["NVDA"], (ctx, bar) =>
      bar.close === 102 ? [buy(ctx, "NVDA", 7)] : [],
    );
    const bb = scripted("nvda-bb", ["NVDA"], (ctx, bar) =>
      bar.close === 101 ? [buy(ctx, "NVDA", 3)] : bar.close === 103 ? [flat(ctx, "NVDA")] : [],
    );
    const h = harness({ strategies: [rsi, macd, bb] });
    h.runner.start();
    expect(h.feed.subscribeCalls).toEqual([{ instrumentId: "NVDA", timeframe: "1m" }]);
    expect(h.feed.subscriberCount("NVDA", "1m")).toBe(1);
    expect(h.runner.getStrategiesForSymbol("NVDA").map((s) => s.id)).toEqual([
      "nvda-rsi",
      "nvda-macd",
      "nvda-bb",
    ]);
    expect(h.runner.getActiveCountForSymbol("NVDA")).toBe(3);
    expect(h.runner.getStrategyById("nvda-macd")).toBe(macd);

    h.push("NVDA", 0, 101);
    h.push("NVDA", 1, 102);
    h.push("NVDA", 2, 103);
    // Every strategy saw every bar once.
    expect([rsi.calls, macd.calls, bb.calls]).toEqual([3, 3, 3]);
    expect(h.ledger.getStrategyContracts("NVDA", "nvda-rsi").toFixed()).toBe("5");
    expect(h.ledger.getStrategyContracts("NVDA", "nvda-macd").toFixed()).toBe("7");
    expect(h.ledger.getStrategyContracts("NVDA", "nvda-bb").toFixed()).toBe("0");
    expect(h.ledger.getCombinedContracts("NVDA").toFixed()).toBe("12");
    // Orders are tagged with their own strategy; bb's exit closed only its own 3.
    expect(h.broker.orders.map((o) => [o.strategyId, o.side, o.quantity.toFixed()])).toEqual([
      ["nvda-rsi", "buy", "5"],
      ["nvda-bb", "buy", "3"],
      ["nvda-macd", "buy", "7"],
      ["nvda-bb", "sell", "3"],
    ]);
    // Signal context names the concurrent strategies and both positions (seed 000 §3).
    const first = signalsOf(h)[0] as StrategySignal;
    expect(first.context).toMatchObject({
      concurrentStrategies: ["nvda-rsi", "nvda-macd", "nvda-bb"],
      strategyPosition: "0",
      combinedPosition: "0",
    });
  });

  it("a strategy's context shows only its own positions, and a strategy cannot emit intents for another", () => {
    const seen: string[] = [];
    const a = scripted("a", ["NVDA"], (ctx) => [buy(ctx, "NVDA", 4)]);
    const spy = scripted("spy", ["NVDA"], (ctx) => {
      seen.push(`${ctx.position("NVDA").toFixed()}/${ctx.positions.length}`);
      return [];
    });
    const h = harness({ strategies: [a, spy] });
    h.runner.start();
    h.push("NVDA", 0);
    h.push("NVDA", 1);
    expect(h.ledger.getStrategyContracts("NVDA", "a").toFixed()).toBe("4");
    expect(seen).toEqual(["0/0", "0/0"]);

    const thief = scripted("thief", ["NVDA"], (ctx) => [{ ...buy(ctx, "NVDA"), strategyId: "a" }]);
    const h2 = harness({ strategies: [thief] });
    h2.runner.start();
    h2.push("NVDA", 0);
    expect(h2.broker.orders).toHaveLength(0);
    expect(h2.runner.getStrategyState()[0]).toMatchObject({ status: "errored" });
  });

  it("only closed bars reach strategies; a bar older than staleAfterMs is decided as skipped stale_data", () => {
    const s = scripted("s", ["NVDA"], (ctx) => [buy(ctx, "NVDA", s.calls)]);
    const h = harness({ strategies: [s], config: { staleAfterMs: 120_000 } });
    h.runner.start();
    const first = h.push("NVDA", 0);
    // A forming (open) bar never reaches a strategy.
    h.runner.processBar({ ...first, openTime: T0 + 60_000, closeTime: T0 + 120_000, closed: false });
    expect(s.calls).toBe(1);
    // The next bar (closed at T0+2m) arrives at T0+4m: 2 min old, not stale (inclusive edge).
    h.clock.advanceTo(T0 + 4 * 60_000);
    h.runner.processBar({ ...first, openTime: T0 + 60_000, closeTime: T0 + 120_000 });
    // The one after (closed at T0+3m) arrives at T0+5m+1ms: stale.
    h.clock.advanceTo(T0 + 5 * 60_000 + 1);
    h.runner.processBar({ ...first, openTime: T0 + 120_000, closeTime: T0 + 180_000 });
    expect(s.calls).toBe(3);
    expect(signalsOf(h).map((x) => x.skipReason)).toEqual([null, null, "stale_data"]);
    expect(h.broker.count("placeOrder")).toBe(2);
    expect(h.runner.getDataStatus()[0]).toMatchObject({
      instrumentId: "NVDA",
      lastBarCloseTime: T0 + 180_000,
      stale: true,
    });
  });
});

describe("seed 001: execution path", () => {
  it("rule 5: a shutdown requested mid-execution aborts the remaining orders and journals them as skipped", async () => {
    const syms = ["TQQQ", "SOXL", "UPRO", "SPXL"];
    const omr = scripted("omr", syms, (ctx, bar) =>
      bar.instrumentId === "SPXL" ? syms.map((s) => buy(ctx, s, 10)) : [],
    );
    const h = harness({ strategies: [omr], symbols: syms });
    h.runner.start();
    for (const s of syms.slice(0, 3)) {
      h.broker.setPrice(s, 50);
      h.runner.processBar({ ...h.push(s, 0, 50) });
    }
    let disabled: unknown;
    h.runner.events.on("orderUpdate", (o) => {
      if (o.clientOrderId && disabled === undefined) disabled = h.runner.disable("omr");
    });
    h.push("SPXL", 0, 50);
    await disabled;
    const sig = signalsOf(h);
    expect(sig.map((s) => [s.instrumentId, s.executed, s.skipReason])).toEqual([
      ["TQQQ", true, null],
      ["SOXL", false, "shutdown_requested"],
      ["UPRO", false, "shutdown_requested"],
      ["SPXL", false, "shutdown_requested"],
    ]);
    expect(h.broker.count("placeOrder")).toBe(1);
    expect(h.runner.getStrategyState()[0]).toMatchObject({
      status: "disabled",
      enabled: false,
      shutdownRequested: false,
    });
    expect(
      h.store.records("signals").map((r) => (r.data as { skipReason: string | null }).skipReason),
    ).toEqual([null, "shutdown_requested", "shutdown_requested", "shutdown_requested"]);
  });

  it("the execution lock serializes OMR and MP at 15:55 New York: MP trades after OMR releases", async () => {
    const start = Date.UTC(2025, 0, 6, 20, 0); // Mon 15:00 New York
    const omr = scripted("omr", ["TQQQ", "SOXL"], (ctx, bar) =>
      bar.instrumentId === "TQQQ" ? [buy(ctx, "TQQQ", 10), buy(ctx, "SOXL", 10)] : [],
    );
    const mp = scripted("mp", ["PLTR"], (ctx) => [buy(ctx, "PLTR", 100)]);
    const h = harness({
      strategies: [omr, mp],
      symbols: ["TQQQ", "SOXL", "PLTR"],
      start,
      broker: { latencyMs: 1_000 },
      config: { mode: "cycle", staleAfterMs: 3_600_000 },
    });
    h.runner.start();
    for (const s of ["TQQQ", "SOXL", "PLTR"]) h.push(s, 0, 50);
    const holders: string[] = [];
    const origAcquire = h.lock.acquire.bind(h.lock);
    h.lock.acquire = (holder, o) => {
      holders.push(holder);
      return origAcquire(holder, o);
    };
    const omrJob = h.runner.scheduleDaily({
      id: "omr-entry",
      time: "15:55",
      timeZone: "America/New_York",
      strategies: ["omr"],
    });
    h.runner.scheduleDaily({
      id: "mp-rebalance",
      time: "15:55",
      timeZone: "America/New_York",
      strategies: ["mp"],
    });
    const at1555 = Date.UTC(2025, 0, 6, 20, 55);
    expect(omrJob.nextRunAt).toBe(at1555);
    for (let t = h.clock.now(); t <= at1555 + 60_000; t += 500) {
      h.clock.advanceTo(t);
      await flush();
    }
    const placed = h.broker.calls.filter((c) => c.method === "placeOrder");
    const who = placed.map((c) => (c.args[0] as { strategyId: string }).strategyId);
    expect(who).toEqual(["omr", "omr", "mp"]);
    expect(holders).toEqual(["omr", "mp"]);
    // MP submitted only after OMR's last submit completed (1 s latency) and OMR released.
    expect(placed[2]!.at).toBeGreaterThanOrEqual(placed[1]!.at + 1_000);
    expect(signalsOf(h).every((s) => s.executed)).toBe(true);
    expect(omrJob.nextRunAt).toBe(Date.UTC(2025, 0, 7, 20, 55));
  });

  it("a crashed holder's lock is taken over after its lease expires", async () => {
    const start = Date.UTC(2025, 0, 6, 20, 50);
    const mp = scripted("mp", ["PLTR"], (ctx) => [buy(ctx, "PLTR", 100)]);
    const h = harness({
      strategies: [mp],
      symbols: ["PLTR"],
      start,
      config: { mode: "cycle", staleAfterMs: 3_600_000 },
    });
    h.runner.start();
    h.push("PLTR", 0, 65);
    // OMR took the lock at 15:51:30 and crashed: its 4-minute lease ends 15:55:30.
    h.clock.advanceTo(Date.UTC(2025, 0, 6, 20, 51, 30));
    h.lock.acquire("omr", { waitMs: 0, ttlMs: 240_000 });
    h.runner.scheduleDaily({ id: "mp", time: "15:55", timeZone: "America/New_York", strategies: ["mp"] });
    for (let t = h.clock.now(); t <= Date.UTC(2025, 0, 6, 20, 56); t += 1_000) {
      h.clock.advanceTo(t);
      await flush();
    }
    const placed = h.broker.calls.filter((c) => c.method === "placeOrder");
    expect(placed).toHaveLength(1);
    expect(placed[0]!.at).toBe(Date.UTC(2025, 0, 6, 20, 55, 30));
    expect(h.lock.takeovers).toBe(1);
  });

  it("rule 4 and rule 9: pending orders and missing buying power skip the signal with that reason, journaled", () => {
    const s = scripted("s", ["AAPL", "MSFT"], (ctx, bar) => [
      buy(ctx, bar.instrumentId, bar.instrumentId === "MSFT" ? 5000 : 1),
    ]);
    const h = harness({
      strategies: [s],
      symbols: ["AAPL", "MSFT"],
      broker: { autoFill: false, buyingPower: 100_000 },
    });
    h.runner.start();
    h.push("AAPL", 0, 100);
    h.push("AAPL", 1, 100); // first order still open at the broker
    h.push("MSFT", 1, 100); // 5000 × 100 > 100k buying power
    const reasons = signalsOf(h).map((x) => [x.instrumentId, x.skipReason]);
    expect(reasons).toEqual([
      ["AAPL", null],
      ["AAPL", "pending_order"],
      ["MSFT", "buying_power"],
    ]);
    const journaled = h.store
      .records("signals")
      .map((r) => r.data as { skipReason: string | null; context: Record<string, unknown> });
    expect(journaled[2]).toMatchObject({
      skipReason: "buying_power",
      context: { buyingPowerNeeded: "500000" },
    });
  });

  it("a risk-blocked signal is journaled with the risk reason and raises riskLimitHit", () => {
    const s = scripted("s", ["NVDA"], (ctx) => [buy(ctx, "NVDA", 1)]);
    const h = harness({ strategies: [s] });
    const hits: string[] = [];
    h.runner.events.on("riskLimitHit", (e) => hits.push(`${e.strategyId}:${e.reasons.join(",")}`));
    h.runner.start();
    h.risk.block.set("s", "max_strategy_exposure_pct");
    h.push("NVDA", 0);
    expect(h.store.records("signals")[0]?.data).toMatchObject({
      executed: false,
      skipReason: "max_strategy_exposure_pct",
    });
    expect(hits).toEqual(["s:max_strategy_exposure_pct"]);
    expect(h.store.records("decisions")[0]?.data).toMatchObject({
      blockedActionsCount: 1,
      ordersSubmitted: 0,
    });
  });

  it("an intent on an instrument without any price is skipped no_price", () => {
    const s = scripted("s", ["NVDA", "AMD"], (ctx) => [buy(ctx, "AMD", 1)]);
    const h = harness({ strategies: [s], symbols: ["NVDA", "AMD"] });
    h.runner.start();
    h.push("NVDA", 0);
    expect(signalsOf(h)[0]).toMatchObject({ instrumentId: "AMD", skipReason: "no_price" });
    expect(h.broker.count("placeOrder")).toBe(0);
  });

  it("symbol ownership (rule 8): another strategy's opening intent is skipped symbol_conflict", () => {
    const a = scripted("omr", ["TQQQ"], (ctx) => [buy(ctx, "TQQQ", 1)]);
    const b = scripted("mp", ["TQQQ"], (ctx) => [buy(ctx, "TQQQ", 1)]);
    const h = harness({
      strategies: [a, b],
      symbols: ["TQQQ"],
      config: { symbolOwnership: { TQQQ: "omr" } },
    });
    h.runner.start();
    h.push("TQQQ", 0);
    expect(signalsOf(h).map((x) => [x.strategyId, x.skipReason])).toEqual([
      ["omr", null],
      ["mp", "symbol_conflict"],
    ]);
  });

  it("rule 10: orders left when the execution timeout passes are aborted as execution_timeout", async () => {
    const syms = ["A1", "A2", "A3"];
    const s = scripted("s", syms, (ctx, bar) =>
      bar.instrumentId === "A3" ? syms.map((x) => buy(ctx, x, 1)) : [],
    );
    const h = harness({
      strategies: [s],
      symbols: syms,
      broker: { latencyMs: 100_000 },
      config: { executionTimeoutMs: 240_000, syncMaxAgeMs: null },
    });
    h.runner.start();
    h.push("A1", 0);
    h.push("A2", 0);
    h.push("A3", 0);
    for (let i = 0; i < 12; i++) {
      h.clock.advanceBy(50_000);
      await flush();
    }
    // getOpenOrders + placeOrder = 200 s for the 1st order; the 2nd's pending check ends at 300 s > 240 s: nothing more is sent.
    expect(signalsOf(h).map((x) => x.skipReason)).toEqual([null, "execution_timeout", "execution_timeout"]);
    expect(h.broker.count("placeOrder")).toBe(1);
  });
});

describe("seed 000: signals and consensus", () => {
  it("consensus fires for two strategies within 60 s (inclusive) and not at 61 s", () => {
    const run = (secondAfterMs: number) => {
      const a = scripted("rlm", ["KX"], (ctx, bar) => (bar.openTime === T0 ? [buy(ctx, "KX", 1)] : []));
      const b = scripted("s013", ["KX"], (ctx, bar) =>
        bar.openTime === T0 + 60_000 ? [buy(ctx, "KX", 1)] : [],
      );
      const h = harness({ strategies: [a, b], symbols: ["KX"], config: { staleAfterMs: 600_000 } });
      const seen: string[][] = [];
      h.runner.events.on("consensus", (c) => seen.push(c.strategies));
      h.runner.start();
      h.push("KX", 0); // clock at T0+60 s: rlm fires
      h.clock.advanceTo(T0 + 60_000 + secondAfterMs);
      h.push("KX", 1); // s013 fires `secondAfterMs` later
      return { seen, h };
    };
    const at60 = run(60_000);
    expect(at60.seen).toEqual([["s013", "rlm"]]);
    expect(at60.h.runner.getConsensusEvents()[0]).toMatchObject({
      instrumentId: "KX",
      combinedConfidence: 0.7,
    });
    expect(at60.h.store.records("consensus")).toHaveLength(1);
    expect(run(61_000).seen).toEqual([]);
    expect(run(60_001).seen).toEqual([]);
  });

  it("a throwing strategy is marked errored with a reason; the others keep trading", () => {
    let n = 0;
    const bad = scripted("bad", ["NVDA"], () => {
      n++;
      throw new Error("indicator blew up");
    });
    const good = scripted("good", ["NVDA"], (ctx, bar) => [buy(ctx, "NVDA", bar.close - 99)]);
    const h = harness({ strategies: [bad, good] });
    const statuses: string[] = [];
    h.runner.events.on("strategyStatus", (e) =>
      statuses.push(`${e.strategyId}:${e.previous}->${e.status}:${e.reason ?? ""}`),
    );
    h.runner.start();
    h.push("NVDA", 0, 100);
    h.push("NVDA", 1, 101);
    expect(n).toBe(1);
    expect(h.ledger.getStrategyContracts("NVDA", "good").toFixed()).toBe("2");
    expect(statuses).toContain("bad:running->errored:generateIntents: indicator blew up");
    const state = h.runner.getStrategyState();
    expect(state.find((s) => s.strategyId === "bad")).toMatchObject({
      status: "errored",
      error: "generateIntents: indicator blew up",
    });
    h.runner.restartStrategy("bad");
    expect(h.runner.getStrategyState()[0]).toMatchObject({ status: "running", error: null });
  });
});

describe("unknown outcomes and retries (RELIABILITY rows 5, 6, 7)", () => {
  it("the same client order id after a timeout does not double the order: lookup by client id finds it", () => {
    const s = scripted("s", ["NVDA"], (ctx) => [buy(ctx, "NVDA", 3)]);
    const h = harness({ strategies: [s], broker: { autoFill: false } });
    h.runner.start();
    h.broker.scriptPlaceOrder({ kind: "timeoutAfterAccept" });
    h.push("NVDA", 0);
    expect(h.broker.count("placeOrder")).toBe(1);
    expect(h.broker.count("getOrder")).toBe(1);
    const [order] = h.broker.orders;
    expect(h.broker.ordersWithClientId(order!.clientOrderId)).toHaveLength(1);
    expect(signalsOf(h)[0]).toMatchObject({
      executed: true,
      context: { clientOrderId: order!.clientOrderId },
    });
    expect(h.ledger.orders.has(order!.orderId)).toBe(true);
  });

  it("an unresolved unknown outcome is never resent, blocks the symbol, and is reconciled by client id on the next sync", () => {
    const s = scripted("s", ["NVDA"], (ctx, bar) =>
      bar.openTime === T0 ? [buy(ctx, "NVDA", 3)] : [buy(ctx, "NVDA", 3, { signalId: "again" })],
    );
    const h = harness({
      strategies: [s],
      broker: { autoFill: false },
      config: { retry: { maxAttempts: 1 } },
    });
    h.runner.start();
    h.broker.scriptPlaceOrder({ kind: "timeoutAfterAccept" });
    h.broker.failNextLookups(1);
    h.push("NVDA", 0);
    expect(signalsOf(h)[0]).toMatchObject({ executed: false, skipReason: "unknown_outcome" });
    h.broker.failNextLookups(1); // the sync's lookup fails too: still unresolved
    h.clock.advanceBy(31_000);
    h.push("NVDA", 1);
    expect(signalsOf(h)[1]).toMatchObject({ skipReason: "pending_order" });
    h.runner.runCycle();
    expect(h.ledger.orders.size).toBe(1);
    expect(h.broker.count("placeOrder")).toBe(1);
  });

  it("retries a retryable error with backoff on the clock and places exactly one order", async () => {
    const s = scripted("s", ["NVDA"], (ctx) => [buy(ctx, "NVDA", 1)]);
    const h = harness({
      strategies: [s],
      config: { retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 5_000 } },
    });
    h.runner.start();
    h.broker.scriptPlaceOrder({ kind: "retryable" }, { kind: "retryable" });
    const at = h.clock.now() + 60_000;
    const r = (h.runner as unknown as { processBar: (b: unknown) => unknown }).processBar.bind(h.runner);
    h.clock.advanceTo(at);
    h.broker.setPrice("NVDA", 100);
    const p = r({
      instrumentId: "NVDA",
      timeframe: "1m",
      openTime: at - 60_000,
      closeTime: at,
      open: 100,
      high: 100,
      low: 100,
      close: 100,
      volume: 1,
      closed: true,
    });
    expect(p).toBeInstanceOf(Promise);
    h.clock.advanceBy(1_000);
    await flush();
    h.clock.advanceBy(2_000);
    await flush();
    await p;
    const placed = h.broker.calls.filter((c) => c.method === "placeOrder").map((c) => c.at - at);
    expect(placed).toEqual([0, 1_000, 3_000]);
    expect(h.broker.orders).toHaveLength(1);
    expect(signalsOf(h)[0]).toMatchObject({ executed: true });
  });

  it("a definite error is not retried", () => {
    const s = scripted("s", ["NVDA"], (ctx) => [buy(ctx, "NVDA", 1)]);
    const h = harness({ strategies: [s] });
    h.runner.start();
    h.broker.scriptPlaceOrder({ kind: "error", message: "EOrder:Insufficient funds" });
    h.push("NVDA", 0);
    expect(h.broker.count("placeOrder")).toBe(1);
    expect(signalsOf(h)[0]).toMatchObject({
      skipReason: "execution_failed",
      context: { detail: "EOrder:Insufficient funds" },
    });
  });

  it("partial fills flow into the ledger; duplicate fills are applied once", () => {
    const s = scripted("s", ["NVDA"], (ctx, bar) => (bar.openTime === T0 ? [buy(ctx, "NVDA", 10)] : []));
    const h = harness({ strategies: [s], broker: { autoFill: false } });
    const fills: string[] = [];
    h.runner.events.on("fill", (f) => fills.push(f.quantity.toFixed()));
    h.runner.start();
    h.push("NVDA", 0);
    const o = h.broker.orders[0]!;
    const f1 = h.broker.fill({ orderId: o.orderId }, { quantity: 4 });
    h.broker.duplicateFill(f1.tradeId);
    expect(h.ledger.getStrategyContracts("NVDA", "s").toFixed()).toBe("4");
    h.broker.cancel({ orderId: o.orderId });
    expect(fills).toEqual(["4"]);
    expect(h.runner.getStrategyState()[0]?.currentPositions).toEqual([
      { instrumentId: "NVDA", quantity: dec(4), side: "long" },
    ]);
  });
});

describe("seed 001 rules 6 and 7: disable with close-positions, orphans", () => {
  it("disable with close-positions and a partial fill leaves an orphan that closeOrphanedPositions closes", () => {
    const mp = scripted("mp", ["PLTR"], (ctx, bar) => (bar.openTime === T0 ? [buy(ctx, "PLTR", 100)] : []));
    const other = scripted("omr", ["TQQQ"], () => []);
    const h = harness({ strategies: [mp, other], symbols: ["PLTR", "TQQQ"] });
    h.runner.start();
    h.push("PLTR", 0, 65);
    expect(h.ledger.getStrategyContracts("PLTR", "mp").toFixed()).toBe("100");
    h.broker.autoFill = false;
    const result = h.runner.disable("mp", { closePositions: true }) as {
      orders: Array<{ orderId: string; reduceOnly: boolean; quantity: unknown }>;
    };
    expect(result.orders).toHaveLength(1);
    expect(result.orders[0]).toMatchObject({ reduceOnly: true, quantity: dec(100) });
    h.broker.fill({ orderId: result.orders[0]!.orderId }, { quantity: 60, price: 68.5 });
    h.broker.cancel({ orderId: result.orders[0]!.orderId });
    const orphans = h.runner.getOrphanedPositions();
    expect(orphans.map((p) => [p.strategyId, p.instrumentId, p.quantity.toFixed()])).toEqual([
      ["mp", "PLTR", "40"],
    ]);
    expect(h.runner.getStrategyState()[0]).toMatchObject({ status: "disabled", enabled: false });
    h.broker.autoFill = true;
    const closed = h.runner.closeOrphanedPositions() as { orders: unknown[]; remaining: unknown[] };
    expect(closed.orders).toHaveLength(1);
    expect(closed.remaining).toEqual([]);
    expect(h.runner.getOrphanedPositions()).toEqual([]);
  });
});

describe("decision cycle (seed 002 §6.1)", () => {
  it("runCycle syncs, reconciles, raises drift, and decides only for strategies whose bar closed", () => {
    const a = scripted("a", ["NVDA"], (ctx) => [buy(ctx, "NVDA", 1)]);
    const h = harness({ strategies: [a], config: { mode: "cycle" } });
    const drift: string[][] = [];
    h.runner.events.on("drift", (d) => drift.push(d.instrumentIds));
    h.runner.start();
    h.push("NVDA", 0);
    expect(a.calls).toBe(0);
    h.ledger.driftOn.add("NVDA");
    const r = h.runner.runCycle() as {
      plan: { actions: unknown[] } | null;
      decision: { strategyIntentsCount: number };
    };
    expect(a.calls).toBe(1);
    expect(r.plan?.actions).toHaveLength(1);
    expect(r.decision.strategyIntentsCount).toBe(1);
    expect(drift).toEqual([["NVDA"]]);
    expect(h.risk.contexts[0]?.driftFlag).toBe(true);
    expect(h.ledger.reconciles).toHaveLength(1);
    h.runner.runCycle(); // no new bar: no decision
    expect(a.calls).toBe(1);
  });

  it("a bar on which no strategy emits an intent touches neither broker nor risk nor store, synchronously", () => {
    const quiet = scripted("q", ["NVDA"], () => []);
    const h = harness({ strategies: [quiet] });
    h.runner.start();
    const bar = h.push("NVDA", 0);
    expect(
      h.runner.processBar({ ...bar, openTime: bar.openTime + 60_000, closeTime: bar.closeTime + 60_000 }),
    ).toBeUndefined();
    expect(h.broker.calls).toEqual([]);
    expect(h.risk.contexts).toEqual([]);
    expect(h.store.streamNames()).toEqual([]);
    expect(quiet.calls).toBe(2);
  });

  it("summary, risk status, state, history and reloadConfig (kept on error)", () => {
    const hist: number[] = [];
    const a = scripted("a", ["NVDA"], (ctx) => {
      hist.push(ctx.history("NVDA", "1m").length);
      return [buy(ctx, "NVDA", 2)];
    });
    const h = harness({ strategies: [a], instruments: [instrument("NVDA", { category: "tech" })] });
    h.runner.start();
    h.push("NVDA", 0, 100);
    h.push("NVDA", 1, 110);
    expect(hist).toEqual([1, 2]);
    const sum = h.runner.getTradingSummary();
    expect(sum.recentSignals).toHaveLength(2);
    expect(sum.recentSignals[0]?.context).toMatchObject({ category: "tech" });
    expect(sum.strategyPnl.a?.unrealizedPnl.toFixed()).toBe("20");
    expect(sum.riskStatus.openPositions).toBe(1);
    expect(() => h.runner.reloadConfig({ consensusWindowMs: -1 })).toThrow();
    expect(h.runner.getConfig().consensusWindowMs).toBe(60_000);
    h.runner.reloadConfig({ toggles: { a: { enabled: false } } });
    expect(h.runner.getStrategyState()[0]).toMatchObject({ status: "disabled" });
    h.push("NVDA", 2, 120);
    expect(a.calls).toBe(2);
    h.runner.enable("a");
    h.push("NVDA", 3, 120);
    expect(a.calls).toBe(3);
  });

  it("pause keeps indicators warm without decisions; stop skips bars; lifecycle errors are typed", () => {
    const onBar: number[] = [];
    const a = scripted("a", ["NVDA"], () => [], { onBar: (b) => onBar.push(b.close) });
    const h = harness({ strategies: [a] });
    h.runner.start();
    h.runner.pauseStrategy("a");
    h.push("NVDA", 0, 1);
    expect(onBar).toEqual([1]);
    expect(a.calls).toBe(0);
    h.runner.resumeStrategy("a");
    h.runner.stopStrategy("a");
    h.push("NVDA", 1, 2);
    expect(onBar).toEqual([1]);
    expect(() => h.runner.resumeStrategy("a")).toThrow(/not paused/);
    expect(() => h.runner.startStrategy("nope")).toThrow(/Unknown strategy/);
    h.runner.startStrategy("a");
    h.push("NVDA", 2, 3);
    expect(onBar).toEqual([1, 3]);
    h.runner.dispose();
    expect(h.feed.subscriberCount("NVDA", "1m")).toBe(0);
    expect(h.broker.listenerCount("fill")).toBe(0);
  });
});
