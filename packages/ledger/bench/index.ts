// Ledger benchmarks: a backtest's per-decision call pattern, fills/s with Decimal math, mark-to-market of 10k open entries, computeStrategyPnl over 100k entries.
import { performance } from "node:perf_hooks";
import {
  Decimal,
  type Fill,
  FillSchema,
  type Instrument,
  InstrumentSchema,
  type Order,
  OrderSchema,
} from "@quiver/core";
import { createLedger, type PortfolioLedger } from "../src/index.js";

const INSTRUMENTS: Instrument[] = Array.from({ length: 100 }, (_, i) =>
  InstrumentSchema.parse({
    id: `SYM${i}`,
    kind: i % 10 === 0 ? "binary" : "equity",
    baseAsset: `SYM${i}`,
    quoteCurrency: "USD",
    tickSize: "0.01",
    lotSize: "1",
    category: `cat${i % 7}`,
    shortable: true,
  }),
);

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))]!;
}

interface Workload {
  orders: Order[];
  fills: Fill[];
}

/** `n` fills: per instrument, a buy that opens, then (roundTrips) a sell that closes FIFO. */
function workload(n: number, roundTrips: boolean, seed: number): Workload {
  const r = rng(seed);
  const orders: Order[] = [];
  const fills: Fill[] = [];
  const t0 = 1_700_000_000_000;
  for (let i = 0; i < n; i++) {
    const inst = INSTRUMENTS[i % INSTRUMENTS.length]!;
    const binary = inst.kind === "binary";
    const side = roundTrips && Math.floor(i / INSTRUMENTS.length) % 2 === 1 ? "sell" : "buy";
    const price = binary ? String(1 + Math.floor(r() * 98)) : (50 + r() * 100).toFixed(2);
    const qty = String(1 + Math.floor(r() * 50));
    const at = t0 + i;
    const base = {
      strategyId: `s${i % 4}`,
      instrumentId: inst.id,
      side,
      ...(binary ? { outcome: "yes" } : {}),
    } as const;
    orders.push(
      OrderSchema.parse({
        ...base,
        orderId: `o${i}`,
        clientOrderId: `c${i}`,
        type: "market",
        quantity: qty,
        status: "new",
        createdAt: at,
        updatedAt: at,
      }),
    );
    fills.push(
      FillSchema.parse({
        ...base,
        tradeId: `t${i}`,
        orderId: `o${i}`,
        quantity: qty,
        price,
        fee: "0.35",
        timestamp: at,
      }),
    );
  }
  // Sells close what the matching buy opened: same strategy + instrument in the previous round.
  if (roundTrips)
    for (let i = 0; i < n; i++) {
      const round = Math.floor(i / INSTRUMENTS.length);
      if (round % 2 === 1) {
        const prev = i - INSTRUMENTS.length;
        const q = fills[prev]!.quantity;
        const o = orders[i]!;
        orders[i] = { ...o, strategyId: orders[prev]!.strategyId, quantity: q };
        fills[i] = { ...fills[i]!, quantity: q };
      }
    }
  return { orders, fills };
}

function freshLedger(): PortfolioLedger {
  return createLedger({ instruments: INSTRUMENTS, initialCash: "100000000", currency: "USD" });
}

function benchFills(label: string, w: Workload, runs: number): void {
  const n = w.fills.length;
  const rates: number[] = [];
  const cpuRates: number[] = [];
  const opEquivalents: number[] = [];
  const withOrders: number[] = [];
  for (let run = 0; run < runs; run++) {
    const ledger = freshLedger();
    for (const o of w.orders) ledger.recordOrder(o);
    const before = decimalCalibration(3);
    const c0 = cpuMs();
    const t0 = performance.now();
    for (const f of w.fills) ledger.applyFill(f);
    const ms = performance.now() - t0;
    cpuRates.push(n / ((cpuMs() - c0) / 1000));
    const after = decimalCalibration(3);
    rates.push(n / (ms / 1000));
    // Cost of one fill in units of one Decimal plus/times measured just before and after.
    opEquivalents.push((ms * 1e6) / n / ((before + after) / 2));
    // Order registration (zod-validated) + fill, per fill.
    const l2 = freshLedger();
    const t1 = performance.now();
    for (let i = 0; i < n; i++) {
      l2.recordOrder(w.orders[i]!);
      l2.applyFill(w.fills[i]!);
    }
    withOrders.push(n / ((performance.now() - t1) / 1000));
  }
  const eq = median(opEquivalents);
  console.log(
    `${label}: applyFill ${fmt(median(rates))} fills/s (median of ${runs}; max ${fmt(Math.max(...rates))}), ` +
      `= ${eq.toFixed(1)} Decimal-op equivalents per fill → ${fmt(1e9 / (eq * 200))} fills/s at SPEC's 200 ns/op; ` +
      `recordOrder+applyFill ${fmt(median(withOrders))} /s; per CPU second of this process ${fmt(median(cpuRates))} fills/s`,
  );
}

/** CPU time of this process in ms (user + system): unlike wall time, not stretched by other processes. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function fmt(x: number): string {
  return Math.round(x).toLocaleString("en-US");
}

/** ns per Decimal minus(times) pair member, measured now: this machine's load changes every figure. */
function decimalCalibration(rounds = 5): number {
  let a = new Decimal("1000000");
  const b = new Decimal("10.5");
  const q = new Decimal("3");
  const xs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (let i = 0; i < 200_000; i++) a = a.minus(q.times(b));
    xs.push(((performance.now() - t) * 1e6) / 400_000);
  }
  return median(xs);
}

function openBook(entries: number, strategies: number): PortfolioLedger {
  const ledger = freshLedger();
  const w = workload(entries, false, 7);
  for (let i = 0; i < entries; i++) {
    const o = { ...w.orders[i]!, strategyId: `s${i % strategies}` };
    ledger.recordOrder(o);
    ledger.applyFill(w.fills[i]!);
  }
  return ledger;
}

function marksFor(seed: number): Record<string, Decimal> {
  const r = rng(seed);
  const m: Record<string, Decimal> = {};
  for (const i of INSTRUMENTS)
    m[i.id] = new Decimal(i.kind === "binary" ? Math.floor(r() * 100) : (50 + r() * 100).toFixed(2));
  return m;
}

function timeIt(label: string, runs: number, fn: (i: number) => unknown): void {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < 3; i++) fn(i); // warm-up
  const before = decimalCalibration(3);
  for (let i = 0; i < runs; i++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    fn(i);
    times.push(performance.now() - t0);
    cpuTimes.push(cpuMs() - c0);
  }
  const op = (before + decimalCalibration(3)) / 2;
  const p50 = median(times);
  console.log(
    `${label}: p50 ${p50.toFixed(3)} ms, p99 ${pct(times, 99).toFixed(3)} ms (${runs} runs; ` +
      `≈ ${((p50 * 200) / op).toFixed(3)} ms at SPEC's 200 ns/op, Decimal op measured ${op.toFixed(0)} ns; ` +
      `CPU time p50 ${median(cpuTimes).toFixed(3)} ms)`,
  );
}

/** One spot instrument like the backtest bench's (`lotSize` 0.0001, no category, not shortable). */
const SPOT: Instrument = InstrumentSchema.parse({
  id: "SYN",
  kind: "spot",
  baseAsset: "SYN",
  quoteCurrency: "USD",
  tickSize: "0.0001",
  lotSize: "0.0001",
});

interface Decision {
  order: Order;
  fill: Fill;
  marks: Record<string, Decimal>;
}

/**
 * `n` decisions as the backtest's SMA-crossover case makes them: a market buy of ~50 % of the
 * cash that fills at once, then a reduce-only sell of the same quantity (FIFO close), alternating.
 * Prices are random-walk floats (17 significant digits) and the fee is 1 bp of the notional, so
 * the Decimals have the digit counts the real run has.
 */
function decisions(n: number, seed: number): Decision[] {
  const r = rng(seed);
  const out: Decision[] = [];
  const t0 = 1_577_840_400_000;
  let p = 100;
  let qty = "0";
  for (let i = 0; i < n; i++) {
    p = p * Math.exp((r() - 0.5) * 0.02 - Math.log(p / 100) * 0.01);
    const price = new Decimal(String(p));
    const buy = i % 2 === 0;
    if (buy) qty = new Decimal(500_000).dividedBy(price).toDecimalPlaces(4, Decimal.ROUND_DOWN).toFixed();
    const at = t0 + i * 900_000;
    const orderId = `P-${String(i + 1).padStart(6, "0")}`;
    const order = OrderSchema.parse({
      clientOrderId: `s-${i.toString(16)}`,
      strategyId: "s",
      instrumentId: "SYN",
      side: buy ? "buy" : "sell",
      type: "market",
      timeInForce: "gtc",
      quantity: qty,
      reduceOnly: !buy,
      metadata: { actionId: `plan-${at}-${i}/0` },
      orderId,
      status: "filled",
      filledQuantity: qty,
      averageFillPrice: price.toFixed(),
      createdAt: at,
      updatedAt: at,
      signalId: `s:SYN:${at}`,
    });
    // Built like the paper broker builds it (not parsed: its fee has more than 18 places).
    const fill: Fill = {
      tradeId: `${orderId}-f1`,
      orderId,
      clientOrderId: order.clientOrderId,
      strategyId: "s",
      instrumentId: "SYN",
      side: order.side,
      quantity: order.quantity,
      price,
      fee: order.quantity.times(price).times("0.0001"),
      feeCurrency: "USD",
      timestamp: at,
      liquidity: "taker",
    };
    // Frozen, as the paper broker's orders are (a trusted ledger then keeps them as they are).
    out.push({ order: Object.freeze(order), fill, marks: { SYN: price } });
  }
  return out;
}

/**
 * The backtest's per-decision ledger calls (runner + equity recorder, `validation: "trusted"`,
 * `retainEvents: false`): recordOrder → applyFill → getEquity, getPositionSummaries ×2,
 * strategyRevision, computeStrategyNetPnl, getStrategyContracts ×2, getCombinedContracts,
 * getCash ×2 and a few `seq` reads. Prints µs per decision, split into the two writes and the
 * queries (medians over runs; the split adds three clock reads per decision).
 */
function benchDecisions(n: number, runs: number): void {
  const ds = decisions(n, 11);
  const total: number[] = [];
  const writes: number[] = [];
  const queries: number[] = [];
  const cpu: number[] = [];
  let sink = 0;
  for (let run = 0; run < runs; run++) {
    const ledger = createLedger({
      instruments: [SPOT],
      initialCash: "1000000",
      currency: "USD",
      validation: "trusted",
      retainEvents: false,
    });
    let w = 0;
    let q = 0;
    const c0 = cpuMs();
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const d = ds[i]!;
      const t0 = performance.now();
      sink += ledger.seq;
      ledger.recordOrder(d.order, undefined);
      sink += ledger.seq;
      ledger.applyFill(d.fill);
      const t1 = performance.now();
      sink += ledger.seq;
      sink += ledger.getEquity(d.marks).e;
      sink += ledger.getPositionSummaries().length;
      sink += ledger.strategyRevision("s");
      sink += ledger.computeStrategyNetPnl("s", d.marks).e;
      sink += ledger.getStrategyContracts("SYN", "s").e;
      sink += ledger.getStrategyContracts("SYN", "s").e;
      sink += ledger.getCombinedContracts("SYN").e;
      sink += ledger.getPositionSummaries({ instrumentId: "SYN" }).length;
      sink += ledger.getCash().e + ledger.getCash().e;
      sink += ledger.seq;
      const t2 = performance.now();
      w += t1 - t0;
      q += t2 - t1;
    }
    const ms = performance.now() - start;
    const cpuUs = ((cpuMs() - c0) * 1000) / n;
    // The first run warms the JIT up; it is not counted.
    if (run === 0) continue;
    total.push((ms * 1000) / n);
    cpu.push(cpuUs);
    writes.push((w * 1000) / n);
    queries.push((q * 1000) / n);
  }
  console.log(
    `backtest decision pattern (${n.toLocaleString("en-US")} decisions, trusted, no retained log): ` +
      `${median(total).toFixed(2)} µs/decision (median of ${runs - 1}; min ${Math.min(...total).toFixed(2)}), ` +
      `recordOrder+applyFill ${median(writes).toFixed(2)} µs, queries ${median(queries).toFixed(2)} µs; ` +
      `CPU time of this process ${median(cpu).toFixed(2)} µs/decision`,
  );
  // Uses the queries' results (never true), so no call can be dropped as unused.
  if (sink === -1) console.log("unreachable");
}

console.log(`@quiver/ledger bench — node ${process.version}`);
const N = Number(process.env.LEDGER_BENCH_FILLS ?? 50_000);
console.log(
  `Decimal plus/times cost on this machine right now: ${decimalCalibration().toFixed(0)} ns/op (SPEC quotes ~200 ns)`,
);
const DECISIONS = Number(process.env.LEDGER_BENCH_DECISIONS ?? 20_000);
benchDecisions(DECISIONS, Number(process.env.LEDGER_BENCH_DECISION_RUNS ?? 11));
if (process.env.LEDGER_BENCH_ONLY === "decisions") process.exit(0);
benchFills(`open-only fills (${N.toLocaleString("en-US")})`, workload(N, false, 42), 3);
benchFills(
  `round trips: buy opens, sell closes FIFO (${N.toLocaleString("en-US")})`,
  workload(N, true, 43),
  3,
);

const book10k = openBook(10_000, 4);
timeIt("markToMarket, 10,000 open entries (per-entry Decimal, 2 ops/entry)", 30, (i) =>
  book10k.markToMarket(marksFor(i)),
);
timeIt("getEquity, 10,000 open entries (per-position aggregates)", 30, (i) => book10k.getEquity(marksFor(i)));
timeIt("getExposure, 10,000 open entries", 30, (i) => book10k.getExposure(marksFor(i)));

const book100k = openBook(100_000, 1);
timeIt("computeStrategyPnl, 100,000 entries (incremental aggregates)", 30, (i) =>
  book100k.computeStrategyPnl("s0", marksFor(i)),
);
timeIt("per-entry reference scan, 100,000 entries (getEntries + markToMarket sums)", 5, (i) => {
  let realized = new Decimal(0);
  for (const e of book100k.getEntries({ strategyId: "s0" })) realized = realized.plus(e.realizedPnl);
  let u = new Decimal(0);
  for (const m of book100k.markToMarket(marksFor(i))) u = u.plus(m.unrealizedPnl);
  return realized.plus(u);
});
timeIt("snapshot() of 100,000 entries", 3, () => book100k.snapshot());
