// Benchmarks: evaluate (100 intents, 20 strategies, 1,000 positions) p50/p99, single-intent decisions on a small book, and checkRiskLimits calls per second.
import {
  type Bar,
  Decimal,
  type Instrument,
  parseWith,
  type RiskContext,
  RiskContextSchema,
  type RiskPosition,
  type StrategyIntent,
  ZERO,
} from "@quiver/core";
import { createRiskEngine } from "../src/index.js";

/** mulberry32: a small seeded PRNG so every run benchmarks the same book. */
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

const rnd = prng(42);
const N_INSTR = 300;
const N_STRAT = 20;
const instruments: Record<string, Instrument> = {};
const prices: Record<string, Decimal> = {};
const atr: Record<string, number> = {};
for (let k = 0; k < N_INSTR; k++) {
  const bin = k % 3 === 0;
  const id = bin ? `MKT-${k}` : `SYM${k}/USD`;
  instruments[id] = {
    id,
    kind: bin ? "binary" : "spot",
    baseAsset: bin ? id : `SYM${k % 120}`,
    quoteCurrency: "USD",
    tickSize: new Decimal(bin ? 1 : "0.01"),
    lotSize: new Decimal(bin ? 1 : "0.001"),
    category: `cat${k % 8}`,
    shortable: false,
    marginable: false,
  };
  const p = bin ? 1 + Math.floor(rnd() * 98) : Math.round((1 + rnd() * 500) * 100) / 100;
  prices[id] = new Decimal(p);
  if (!bin) atr[id] = p * 0.02;
}
const ids = Object.keys(instruments);
const strategies = Array.from({ length: N_STRAT }, (_, k) => `strat-${k}`);
const positions: RiskPosition[] = [];
for (let k = 0; k < 1000; k++) {
  const id = ids[Math.floor(rnd() * ids.length)] as string;
  const inst = instruments[id] as Instrument;
  const qty =
    inst.kind === "binary" ? new Decimal(1 + Math.floor(rnd() * 20)) : new Decimal((rnd() * 5).toFixed(3));
  const price = prices[id] as Decimal;
  positions.push({
    instrumentId: id,
    strategyId: k % 50 === 0 ? null : (strategies[k % N_STRAT] as string),
    side: inst.kind === "binary" ? "yes" : "long",
    quantity: qty,
    notional: inst.kind === "binary" ? qty.times(price).div(100) : qty.times(price),
  });
}
const context: RiskContext = parseWith(
  RiskContextSchema,
  {
    now: Date.UTC(2024, 0, 2, 12),
    equity: "10000000",
    cash: "8000000",
    buyingPower: "8000000",
    instruments,
    prices,
    atr,
    positions,
  },
  "bench context",
);
const intents: StrategyIntent[] = [];
for (let k = 0; k < 100; k++) {
  const s = strategies[k % N_STRAT] as string;
  const id = ids[Math.floor(rnd() * ids.length)] as string;
  const kind = k % 4;
  intents.push({
    strategyId: s,
    instrumentId: id,
    side: instruments[id]?.kind === "binary" ? "yes" : "long",
    intentType: kind === 3 ? "exit" : "enter",
    desiredExposureUsd: kind === 1 ? new Decimal(20000) : null,
    desiredQuantity: kind === 2 ? new Decimal(3) : null,
    confidence: rnd(),
    timeframe: "1h",
    generatedAt: context.now,
    signalId: `${s}:${id}:${k}`,
    metadata: {},
  });
}

const config = {
  maxPerAssetPct: 20,
  maxOpenPositions: 1000,
  maxTotalPositions: 5000,
  combinedMaxContractsPerMarket: 500,
  conflictPolicy: "aggregate" as const,
};

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function benchEvaluate(label: string, validation: "trusted" | "full", iterations: number): void {
  const risk = createRiskEngine({ config, validation });
  const runs: { p50: number; p99: number; c50: number; c99: number }[] = [];
  for (let r = 0; r < 5; r++) {
    const times: number[] = [];
    const cpu: number[] = [];
    for (let k = 0; k < iterations; k++) {
      // A new context object each cycle, as a runner builds one per cycle: nothing is cached.
      const ctx = { ...context };
      const c0 = process.cpuUsage();
      const t = performance.now();
      const plan = risk.evaluate(intents, ctx);
      times.push(performance.now() - t);
      const c1 = process.cpuUsage(c0);
      cpu.push((c1.user + c1.system) / 1000);
      if (plan.actions.length !== intents.length) throw new Error("bad plan");
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    runs.push({
      p50: percentile(times, 0.5),
      p99: percentile(times, 0.99),
      c50: percentile(cpu, 0.5),
      c99: percentile(cpu, 0.99),
    });
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  console.log(
    `evaluate [${label}] 100 intents / 20 strategies / 1,000 positions: wall p50 ${med(runs.map((r) => r.p50)).toFixed(3)} ms, p99 ${med(runs.map((r) => r.p99)).toFixed(3)} ms; cpu p50 ${med(runs.map((r) => r.c50)).toFixed(3)} ms, p99 ${med(runs.map((r) => r.c99)).toFixed(3)} ms (median of 5 runs × ${iterations})`,
  );
}

function benchCheck(): void {
  const risk = createRiskEngine({ config, validation: "trusted" });
  const reqs = intents.map((it) => ({
    instrumentId: it.instrumentId,
    strategyId: it.strategyId,
    requestedContracts: new Decimal(10),
  }));
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let r = 0; r < 5; r++) {
    const n = 200_000;
    const c0 = process.cpuUsage();
    const t = performance.now();
    let allowed = 0;
    for (let k = 0; k < n; k++)
      if (risk.checkRiskLimits(reqs[k % reqs.length] as (typeof reqs)[number], context).allowed) allowed++;
    const dt = (performance.now() - t) / 1000;
    const c1 = process.cpuUsage(c0);
    rates.push(n / dt);
    cpuRates.push(n / ((c1.user + c1.system) / 1e6));
    if (allowed === 0) throw new Error("nothing allowed");
  }
  rates.sort((a, b) => a - b);
  cpuRates.sort((a, b) => a - b);
  const f = (x: number | undefined) => Math.round(x ?? 0).toLocaleString("en-US");
  console.log(
    `checkRiskLimits (same context, 1,000 positions): ${f(rates[2])} calls/s wall, ${f(cpuRates[2])} calls per cpu-second (median of 5 × 200,000)`,
  );
}

/**
 * The backtest's workload: one decision per call — a single "enter" (volatility-sized from
 * context.atr) or "exit" intent — over a small book, with a fresh context per decision built the
 * way the runner builds it (new equity Decimal, positions re-marked at the latest price, fresh
 * price/atr/bars records), 45 minutes apart so a day boundary passes every ~32 decisions, with the
 * backtest bench's risk config. "1x1": one strategy on one symbol, enter and exit alternating (0 or
 * 1 position). "10x10": ten strategies on ten symbols, up to ten positions; fills buy up to the
 * asset cap, so about a quarter of the entries are blocked (max_per_asset_pct, buying power) and
 * still cost a full evaluate, the rest are downsized opens and closes. BENCH_REASONS=1 prints the
 * mix of action reasons.
 */
function benchDecisions(label: "1x1" | "10x10", batches: number): void {
  const nSym = label === "1x1" ? 1 : 10;
  const nStrat = label === "1x1" ? 1 : 10;
  const rnd = prng(7);
  const syms = Array.from({ length: nSym }, (_, k) => (nSym === 1 ? "SYN" : `S${k}`));
  const strats = Array.from({ length: nStrat }, (_, k) => (nStrat === 1 ? "s" : `sma_${k}`));
  const insts: Record<string, Instrument> = {};
  for (const id of syms)
    insts[id] = {
      id,
      kind: "spot",
      baseAsset: id,
      quoteCurrency: "USD",
      tickSize: new Decimal("0.0001"),
      lotSize: new Decimal("0.0001"),
      shortable: false,
      marginable: false,
    };
  const risk = createRiskEngine({
    config: {
      maxPerAssetPct: 50,
      maxPerStrategyPct: {},
      maxPortfolioRiskPct: 100,
      minCashReservePct: 0,
      maxDailyDrawdownPct: 100,
      maxOpenPositions: 100,
    },
    validation: "trusted",
  });
  const px = syms.map(() => 100);
  const prices: Record<string, Decimal> = {};
  const bars: Bar[] = [];
  for (let k = 0; k < 50; k++)
    bars.push({
      instrumentId: syms[0] as string,
      timeframe: "1m",
      openTime: k * 60_000,
      closeTime: (k + 1) * 60_000,
      open: 100,
      high: 100.2,
      low: 99.8,
      close: 100,
      volume: 1000,
      closed: true,
    });
  const active = [...strats];
  let cash = new Decimal(1_000_000);
  /** Quantity held per (strategy, symbol) index. */
  const held = new Map<number, Decimal>();
  let now = Date.UTC(2020, 0, 1);
  let seq = 0;
  const perCall: number[] = [];
  const BATCH = 500;
  const reasons = process.env.BENCH_REASONS ? new Map<string, number>() : null;
  for (let b = 0; b < batches; b++) {
    // Each evaluate is timed alone, right after its context is built (as in the runner: a fresh,
    // cache-warm context); the batch's sum over its size is one sample. Includes one
    // performance.now() pair per call (tens of ns).
    let spent = 0;
    for (let k = 0; k < BATCH; k++) {
      now += 45 * 60_000;
      for (let j = 0; j < nSym; j++) {
        px[j] = (px[j] as number) * Math.exp((rnd() - 0.5) * 0.01);
        prices[syms[j] as string] = new Decimal((px[j] as number).toFixed(4));
      }
      // 10x10: mostly entries into a symbol some strategy already holds near the asset cap, some
      // exits, some entries anywhere; 1x1: the one key, entering and exiting in turn.
      let key = Math.floor(rnd() * nSym * nStrat);
      const r = rnd();
      if (held.size > 0 && nStrat > 1 && r < 0.85) {
        const keys = [...held.keys()];
        const hk = keys[Math.floor(rnd() * keys.length)] as number;
        key = r < 0.15 ? hk : Math.floor(hk / nStrat) * nStrat + Math.floor(rnd() * nStrat);
      }
      const s = strats[key % nStrat] as string;
      const j = Math.floor(key / nStrat);
      const id = syms[j] as string;
      const price = prices[id] as Decimal;
      const atr: Record<string, number> = { [id]: (px[j] as number) * 0.002 };
      const barRec: Record<string, Bar[]> = { [id]: bars };
      const positions: RiskPosition[] = [];
      let bookValue = ZERO;
      const usedBySym = new Map<string, number>();
      for (const [hk, qty] of held) {
        const hid = syms[Math.floor(hk / nStrat)] as string;
        const notional = qty.times(prices[hid] as Decimal);
        bookValue = bookValue.plus(notional);
        usedBySym.set(hid, (usedBySym.get(hid) ?? 0) + notional.toNumber());
        atr[hid] = (px[Math.floor(hk / nStrat)] as number) * 0.002;
        positions.push({
          instrumentId: hid,
          strategyId: strats[hk % nStrat] as string,
          side: "long",
          quantity: qty,
          notional,
        });
      }
      const equity = cash.plus(bookValue);
      const ctx: RiskContext = {
        now,
        equity,
        cash,
        buyingPower: cash,
        positions,
        pendingOrders: [],
        instruments: insts,
        prices: { ...prices },
        atr,
        bars: barRec,
        liquidity24h: {},
        driftFlag: false,
        consensus: [],
        activeStrategies: active,
      };
      const qtyHeld = held.get(key);
      const intents: StrategyIntent[] = [
        {
          strategyId: s,
          instrumentId: id,
          side: qtyHeld !== undefined ? "flat" : "long",
          intentType: qtyHeld !== undefined ? "exit" : "enter",
          desiredExposureUsd: null,
          desiredQuantity: null,
          confidence: 1,
          timeframe: "1m",
          generatedAt: now,
          signalId: `${s}:${id}:${now}:${seq++}`,
          metadata: {},
        },
      ];
      const t = performance.now();
      risk.evaluate(intents, ctx);
      spent += performance.now() - t;
      if (reasons !== null) {
        const plan = createRiskEngine({ config: risk.config, validation: "trusted" }).evaluate(intents, ctx);
        const r = (plan.actions[0]?.reason ?? "").replace(/[0-9.]+/g, "#");
        reasons.set(r, (reasons.get(r) ?? 0) + 1);
      }
      // Fill the decision as the broker would (buy up to the asset cap, within cash), so the next
      // context sees the new book.
      if (qtyHeld !== undefined) {
        cash = cash.plus(qtyHeld.times(price));
        held.delete(key);
      } else {
        const room = equity.toNumber() * 0.5 - (usedBySym.get(id) ?? 0);
        const spend = Math.min(room, cash.toNumber()) * 0.999;
        const qty = new Decimal(Math.max(0, spend / price.toNumber()).toFixed(4));
        if (qty.gt(0) && held.size < 10) {
          cash = cash.minus(qty.times(price));
          held.set(key, qty);
        }
      }
    }
    perCall.push((spent * 1000) / BATCH);
  }
  if (reasons !== null) console.log(reasons);
  perCall.sort((a, b) => a - b);
  console.log(
    `evaluate [trusted] one intent per decision, ${label} (${nStrat} strateg${nStrat > 1 ? "ies" : "y"} × ${nSym} symbol${nSym > 1 ? "s" : ""}, ≤10 positions): median ${percentile(perCall, 0.5).toFixed(2)} µs, p10 ${percentile(perCall, 0.1).toFixed(2)} µs, p90 ${percentile(perCall, 0.9).toFixed(2)} µs per evaluate (${batches} batches × ${BATCH})`,
  );
}

console.log(
  `load average ${(await import("node:os"))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(
      " ",
    )} on ${(await import("node:os")).cpus().length} cpus (wall times include waiting for a cpu; cpu times do not)`,
);
// ONLY=decisions (both cases), ONLY=1x1 or ONLY=10x10: just the single-intent decision cases.
const only = process.env.ONLY;
if (only === "decisions" || only === "1x1" || only === "10x10") {
  if (only !== "10x10") benchDecisions("1x1", 200);
  if (only !== "1x1") benchDecisions("10x10", 200);
  process.exit(0);
}
// Warm up the JIT.
for (let k = 0; k < 300; k++)
  createRiskEngine({ config, validation: "trusted" }).evaluate(intents, { ...context });
benchEvaluate("trusted", "trusted", 2000);
if (!process.env.QUICK) benchEvaluate("full validation", "full", 100);
benchCheck();
benchDecisions("1x1", 200);
benchDecisions("10x10", 200);
