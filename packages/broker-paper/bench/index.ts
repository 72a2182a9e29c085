// Paper broker benchmark: onBar throughput, placeOrder cost (full vs trusted checks), and the backtest's decision pattern.
import {
  type Bar,
  type InstrumentInput,
  type OrderRequest,
  OrderRequestSchema,
  parseWith,
} from "@quiver/core";
import { createPaperBroker, mulberry32 } from "../src/index.js";
import { makeDecisions, makeWalk, replayDecisions } from "./decision-replay.js";

const RUNS = 5;
const N = 1_000_000;
const T0 = Date.UTC(2024, 0, 2);
const MIN = 60_000;

const instruments: InstrumentInput[] = [
  {
    id: "ETH/BTC",
    kind: "spot",
    baseAsset: "ETH",
    quoteCurrency: "BTC",
    tickSize: "0.000001",
    lotSize: "0.001",
  },
];

function makeBars(n: number): Bar[] {
  const rand = mulberry32(1);
  const bars: Bar[] = new Array(n);
  let p = 0.05;
  for (let i = 0; i < n; i++) {
    const o = p;
    p = Math.max(0.001, p * (1 + (rand() - 0.5) * 0.004));
    bars[i] = {
      instrumentId: "ETH/BTC",
      timeframe: "1m",
      openTime: T0 + i * MIN,
      closeTime: T0 + (i + 1) * MIN,
      open: o,
      high: Math.max(o, p) * 1.001,
      low: Math.min(o, p) * 0.999,
      close: p,
      volume: 1000,
      closed: true,
    };
  }
  return bars;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function pct(xs: number[], q: number): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

function broker(validateRequests: "full" | "trusted" = "full") {
  return createPaperBroker({
    validateRequests,
    currency: "BTC",
    initialCash: "1000",
    instruments,
    slippageBps: 2,
    spreadBps: 1,
    feeBps: 10,
    maxVolumeParticipation: 0.1,
  });
}

const bars = makeBars(N);
const fmt = (x: number) => Math.round(x).toLocaleString("en-US");

// 1. No working orders: the O(1) early return.
const idle: number[] = [];
for (let r = 0; r < RUNS + 1; r++) {
  const b = broker();
  const t = performance.now();
  for (let i = 0; i < N; i++) b.onBar(bars[i] as Bar);
  const ms = performance.now() - t;
  if (r > 0) idle.push(N / (ms / 1000)); // first run is warm-up
}

// 2. One market order every 100 bars (alternating buy/sell), filled at the next open.
const busyBars: number[] = [];
const fillsPerSec: number[] = [];
const fillBarNs: number[] = [];
const placeNs: number[] = [];
for (let r = 0; r < RUNS + 1; r++) {
  const b = broker();
  let k = 0;
  let fills = 0;
  b.on("fill", () => {
    fills++;
  });
  const t = performance.now();
  for (let i = 0; i < N; i++) {
    const bar = bars[i] as Bar;
    if (i % 100 === 1 && r === RUNS) {
      const t0 = process.hrtime.bigint();
      b.onBar(bar);
      fillBarNs.push(Number(process.hrtime.bigint() - t0));
    } else b.onBar(bar);
    if (i % 100 === 0) {
      const req = {
        clientOrderId: `o${k}`,
        strategyId: "bench",
        instrumentId: "ETH/BTC",
        side: k % 2 === 0 ? ("buy" as const) : ("sell" as const),
        type: "market" as const,
        quantity: "1",
      };
      k++;
      if (r === RUNS) {
        const t0 = process.hrtime.bigint();
        b.placeOrder(req);
        placeNs.push(Number(process.hrtime.bigint() - t0));
      } else b.placeOrder(req);
    }
  }
  const ms = performance.now() - t;
  if (r > 0 && r < RUNS) {
    busyBars.push(N / (ms / 1000));
    fillsPerSec.push(fills / (ms / 1000));
  }
}

console.log(`@quiver/broker-paper bench — ${N.toLocaleString("en-US")} bars, median of ${RUNS} runs`);
console.log(`  onBar, no working orders:           ${fmt(median(idle))} bars/s`);
console.log(
  `  onBar + 1 market order / 100 bars:  ${fmt(median(busyBars))} bars/s, ${fmt(median(fillsPerSec))} fills/s (incl. placeOrder)`,
);
console.log(
  `  onBar that fills (last run):        p50 ${(pct(fillBarNs, 0.5) / 1000).toFixed(1)} µs, p99 ${(pct(fillBarNs, 0.99) / 1000).toFixed(1)} µs`,
);
console.log(
  `  placeOrder (last run):              p50 ${(pct(placeNs, 0.5) / 1000).toFixed(1)} µs, p99 ${(pct(placeNs, 0.99) / 1000).toFixed(1)} µs`,
);

// 3. placeOrder with requests already parsed by a runner (Decimals): full zod re-validation vs the
// trusted hand-written check. One market order every 10 bars over 200,000 bars (20,000 orders/run).
const M = 200_000;
const parsed: OrderRequest[] = [];
for (let k = 0; k < M / 10; k++)
  parsed.push(
    parseWith(
      OrderRequestSchema,
      {
        clientOrderId: `o${k}`,
        strategyId: "bench",
        instrumentId: "ETH/BTC",
        side: k % 2 === 0 ? "buy" : "sell",
        type: "market",
        quantity: "1",
        signalId: `sig-${k}`,
      },
      "bench request",
    ),
  );
for (const mode of ["full", "trusted"] as const) {
  const p50s: number[] = [];
  const p99s: number[] = [];
  const cpuPerOrder: number[] = [];
  for (let r = 0; r < RUNS + 1; r++) {
    const b = broker(mode);
    const ns: number[] = [];
    let cpu = 0;
    for (let i = 0; i < M; i++) {
      b.onBar(bars[i] as Bar);
      if (i % 10 === 0) {
        const c0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        b.placeOrder(parsed[i / 10] as OrderRequest);
        ns.push(Number(process.hrtime.bigint() - t0));
        const c1 = process.cpuUsage(c0);
        cpu += c1.user + c1.system;
      }
    }
    if (r === 0) continue; // warm-up
    p50s.push(pct(ns, 0.5));
    p99s.push(pct(ns, 0.99));
    cpuPerOrder.push(cpu / ns.length);
  }
  console.log(
    `  placeOrder, parsed requests [${mode.padEnd(7)}]: p50 ${(median(p50s) / 1000).toFixed(2)} µs, p99 ${(median(p99s) / 1000).toFixed(2)} µs, cpu ${median(cpuPerOrder).toFixed(2)} µs/order (medians of ${RUNS} runs × ${M / 10} orders)`,
  );
}

// 4. The backtest's decision pattern (one symbol, fillAt "close", feeBps 1, trusted requests): every
// bar goes to onBar; every 44 bars the runner calls getOpenOrders, then placeOrder for a market order
// that fills at once (alternately a buy and a reduce-only sell of the whole position). 20,000
// decisions per run. "amortized" is the CPU time of the run minus that of the same bars without
// decisions, per decision: process CPU time, so it includes the garbage collection (GC threads too)
// of what each order allocates and retains.
const W = 880_000;
const walk = makeWalk(W);
const decisions = makeDecisions(walk);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const p50Us: number[] = [];
const meanUs: number[] = [];
const amortizedUs: number[] = [];
for (let r = 0; r < RUNS + 1; r++) {
  const c0 = cpuMs();
  replayDecisions(createPaperBroker, walk, []);
  const c1 = cpuMs();
  const run = replayDecisions(createPaperBroker, walk, decisions);
  const c2 = cpuMs();
  if (r === 0) continue; // warm-up
  if (run.fills !== decisions.length) throw new Error(`expected ${decisions.length} fills, got ${run.fills}`);
  p50Us.push(pct(run.perDecisionNs, 0.5) / 1000);
  meanUs.push(run.decisionNs / decisions.length / 1000);
  amortizedUs.push(((c2 - c1 - (c1 - c0)) * 1000) / decisions.length);
}
console.log(
  `  decision replay (${decisions.length.toLocaleString("en-US")} market orders filled at the close, ${W.toLocaleString("en-US")} bars), medians of ${RUNS} runs:`,
);
console.log(
  `    getOpenOrders + placeOrder incl. fill: p50 ${median(p50Us).toFixed(2)} µs, mean ${median(meanUs).toFixed(2)} µs, amortized cpu ${median(amortizedUs).toFixed(2)} µs/decision`,
);
