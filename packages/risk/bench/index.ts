// Benchmarks: evaluate (100 intents, 20 strategies, 1,000 positions) p50/p99, and checkRiskLimits calls per second.
import {
  Decimal,
  type Instrument,
  parseWith,
  type RiskContext,
  RiskContextSchema,
  type RiskPosition,
  type StrategyIntent,
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

console.log(
  `load average ${(await import("node:os"))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(
      " ",
    )} on ${(await import("node:os")).cpus().length} cpus (wall times include waiting for a cpu; cpu times do not)`,
);
// Warm up the JIT.
for (let k = 0; k < 300; k++)
  createRiskEngine({ config, validation: "trusted" }).evaluate(intents, { ...context });
benchEvaluate("trusted", "trusted", 2000);
if (!process.env.QUICK) benchEvaluate("full validation", "full", 100);
benchCheck();
