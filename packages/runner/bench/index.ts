// Runner benchmark: 20 strategies × 100 symbols on 1m bars through the full stack (paper broker, ledger, risk).
import { performance } from "node:perf_hooks";
import { createPaperBroker } from "@quiver/broker-paper";
import {
  type Bar,
  type ExecutionPlan,
  type Instrument,
  InstrumentSchema,
  type RiskContext,
  type RiskEngine,
  type Strategy,
  type StrategyContext,
  type StrategyIntent,
  type StrategyIntentDraft,
  VirtualClock,
  parseWith,
} from "@quiver/core";
import { createLedger } from "@quiver/ledger";
import { createRiskEngine } from "@quiver/risk";
import { StrategyRunner } from "../src/index.js";

const SYMBOLS = 100;
const STRATEGIES = 20;
const MINUTES = Number(process.env.BENCH_MINUTES ?? 300);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const T0 = Date.UTC(2025, 0, 6, 14, 30);
const EMPTY: StrategyIntentDraft[] = [];

interface Probe {
  lastIntentsAt: number;
  /** When the runner handed the risk context to the risk engine. */
  contextAt: number;
  planAt: number;
}

function instruments(): Instrument[] {
  const out: Instrument[] = [];
  for (let i = 0; i < SYMBOLS; i++)
    out.push(
      parseWith(
        InstrumentSchema,
        {
          id: `S${i}`,
          kind: "equity",
          baseAsset: `S${i}`,
          quoteCurrency: "USD",
          tickSize: "0.01",
          lotSize: "1",
        },
        "instrument",
      ),
    );
  return out;
}

/** Deterministic price paths (xorshift), generated outside the timed region. */
function makeBars(minutes: number): Bar[][] {
  let x = 0x9e3779b9;
  const rnd = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  const price = Array.from({ length: SYMBOLS }, (_, i) => 50 + i);
  const out: Bar[][] = [];
  for (let m = 0; m < minutes; m++) {
    const row: Bar[] = [];
    const openTime = T0 + m * 60_000;
    for (let i = 0; i < SYMBOLS; i++) {
      const open = price[i] as number;
      const close = Math.max(1, open * (1 + (rnd() - 0.5) * 0.004));
      price[i] = close;
      row.push({
        instrumentId: `S${i}`,
        timeframe: "1m",
        openTime,
        closeTime: openTime + 60_000,
        open,
        high: Math.max(open, close) * 1.0005,
        low: Math.min(open, close) * 0.9995,
        close,
        volume: 1_000_000,
        closed: true,
      });
    }
    out.push(row);
  }
  return out;
}

/**
 * A moving-average crossover strategy with its own streaming state per instrument (running sums,
 * O(1) per bar): it buys when the fast average crosses above the slow one and goes flat on the
 * way down. `quiet` strategies update their state but never emit.
 */
function maStrategy(
  id: string,
  universe: string[],
  fast: number,
  slow: number,
  quiet: boolean,
  probe: Probe,
): Strategy {
  interface St {
    buf: Float64Array;
    n: number;
    fastSum: number;
    slowSum: number;
    above: boolean;
  }
  const state = new Map<string, St>();
  for (const s of universe)
    state.set(s, { buf: new Float64Array(slow), n: 0, fastSum: 0, slowSum: 0, above: false });
  return {
    id,
    config: { fast, slow },
    universe,
    timeframes: ["1m"],
    onBar(bar: Bar) {
      const st = state.get(bar.instrumentId);
      if (st === undefined) return;
      const i = st.n % slow;
      const leaving = st.n >= slow ? (st.buf[i] as number) : 0;
      const fastLeaving = st.n >= fast ? (st.buf[(st.n - fast) % slow] as number) : 0;
      st.buf[i] = bar.close;
      st.slowSum += bar.close - leaving;
      st.fastSum += bar.close - fastLeaving;
      st.n++;
    },
    generateIntents(ctx: StrategyContext): ReadonlyArray<StrategyIntentDraft> {
      let out: StrategyIntentDraft[] = EMPTY;
      for (const bar of ctx.bars.values()) {
        const st = state.get(bar.instrumentId);
        if (st === undefined || st.n < slow) continue;
        const above = st.fastSum / fast > st.slowSum / slow;
        if (above !== st.above) {
          st.above = above;
          if (!quiet) {
            if (out === EMPTY) out = [];
            out.push({
              instrumentId: bar.instrumentId,
              side: above ? "long" : "flat",
              intentType: above ? "enter" : "exit",
              desiredQuantity: above ? "10" : null,
              confidence: 0.6,
              timeframe: "1m",
              generatedAt: ctx.now,
              signalId: ctx.signalId(bar.instrumentId),
            });
          }
        }
      }
      probe.lastIntentsAt = performance.now();
      return out;
    },
  };
}

function timedRisk(inner: RiskEngine, probe: Probe): RiskEngine {
  return {
    evaluate(intents: readonly StrategyIntent[], context: RiskContext): ExecutionPlan {
      probe.contextAt = performance.now();
      const plan = inner.evaluate(intents, context);
      probe.planAt = performance.now();
      return plan;
    },
    checkRiskLimits: (r, c) => inner.checkRiskLimits(r, c),
    getRiskStatus: (c) => inner.getRiskStatus(c),
    activateKillSwitch: (r, a) => inner.activateKillSwitch(r, a),
    releaseKillSwitch: (a) => inner.releaseKillSwitch(a),
    reloadConfig: (c) => inner.reloadConfig(c),
  };
}

type Mode = "quiet" | "slow" | "fast";

/** quiet: never emits; slow: MA 20–24 / 120–139 (occasional crossovers); fast: MA 3–7 / 10–29 (a decision on most bars). */
const MA: Record<Mode, (k: number) => [number, number]> = {
  quiet: (k) => [3 + (k % 5), 10 + k],
  slow: (k) => [20 + (k % 5), 120 + k],
  fast: (k) => [3 + (k % 5), 10 + k],
};

interface RunResult {
  contexts: number[];
  updatesPerSec: number;
  barsPerSec: number;
  intents: number[];
  plans: number[];
  orders: number;
  signals: number;
}

function build(mode: Mode, probe: Probe, strategies = STRATEGIES, maxHistoryBars = 1000) {
  const insts = instruments();
  const clock = new VirtualClock(T0);
  const broker = createPaperBroker({
    currency: "USD",
    initialCash: "100000000",
    instruments: insts,
    clock,
    fillAt: "next_open",
  });
  const ledger = createLedger({
    instruments: insts,
    initialCash: "100000000",
    currency: "USD",
    retainEvents: false,
  });
  const risk = timedRisk(
    createRiskEngine({
      validation: "trusted",
      config: { maxOpenPositions: 100_000, maxPerAssetPct: 100, maxPortfolioRiskPct: 100 },
    }),
    probe,
  );
  const ids = insts.map((i) => i.id);
  const list: Strategy[] = [];
  for (let k = 0; k < strategies; k++) {
    const [fast, slow] = MA[mode](k);
    list.push(maStrategy(`ma${k}`, ids, fast, slow, mode === "quiet", probe));
  }
  const runner = new StrategyRunner({
    clock,
    broker,
    ledger,
    risk,
    instruments: insts,
    strategies: list,
    config: { syncMaxAgeMs: null, maxHistoryBars, staleAfterMs: 3_600_000 },
  });
  runner.start();
  return { clock, runner, ledger, broker };
}

function run(bars: Bar[][], mode: Mode): RunResult {
  const probe: Probe = { lastIntentsAt: 0, contextAt: 0, planAt: 0 };
  const { clock, runner, broker } = build(mode, probe);
  const intents: number[] = [];
  const contexts: number[] = [];
  const plans: number[] = [];
  let signals = 0;
  runner.events.on("signal", () => {
    signals++;
  });
  const start = performance.now();
  for (const row of bars) {
    clock.set(row[0]?.closeTime as number);
    for (const bar of row) {
      probe.planAt = 0;
      const t0 = performance.now();
      const r = runner.processBar(bar);
      if (r !== undefined) throw new Error("the paper-broker pipeline must stay synchronous");
      intents.push(probe.lastIntentsAt - t0);
      if (probe.planAt > 0) {
        plans.push(probe.planAt - t0);
        contexts.push(probe.contextAt - t0);
      }
    }
  }
  const secs = (performance.now() - start) / 1000;
  const nBars = bars.length * SYMBOLS;
  return {
    updatesPerSec: (nBars * STRATEGIES) / secs,
    barsPerSec: nBars / secs,
    intents,
    plans,
    contexts,
    orders: broker.getOrders().length,
    signals,
  };
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

function median(xs: number[]): number {
  return pct(xs, 50);
}

function fmt(n: number, d = 0): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
}

function memory(): { perStrategyWithBuffer: number; marginalPerStrategy: number; bufferPerStream: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap = () => {
    gc?.();
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const bars = makeBars(1000);
  const measure = (n: number, fill: boolean) => {
    const probe: Probe = { lastIntentsAt: 0, contextAt: 0, planAt: 0 };
    const before = heap();
    const b = build("quiet", probe, n);
    if (fill) for (const row of bars) for (const bar of row) b.runner.processBar({ ...bar });
    const after = heap();
    return { delta: after - before, keep: b };
  };
  const base = measure(0, false);
  const filled = measure(STRATEGIES, true);
  const few = measure(STRATEGIES, false);
  const many = measure(STRATEGIES * 5, false);
  void [base.keep, filled.keep, few.keep, many.keep];
  return {
    perStrategyWithBuffer: (filled.delta - base.delta) / STRATEGIES,
    marginalPerStrategy: (many.delta - few.delta) / (STRATEGIES * 4),
    bufferPerStream: (filled.delta - few.delta) / SYMBOLS,
  };
}

function main(): void {
  const bars = makeBars(MINUTES);
  console.log(
    `@quiver/runner bench — ${STRATEGIES} strategies × ${SYMBOLS} symbols, 1m bars, ${MINUTES} minutes (${fmt(MINUTES * SYMBOLS)} bars, ${fmt(MINUTES * SYMBOLS * STRATEGIES)} strategy-bar updates) per run, ${RUNS} runs, median shown`,
  );
  console.log(
    "full stack: @quiver/broker-paper (next_open fills) + @quiver/ledger + @quiver/risk (trusted), syncMaxAgeMs null",
  );
  run(bars.slice(0, 150), "fast"); // warm-up (JIT)
  const modes: Mode[] = process.env.BENCH_ONLY ? [process.env.BENCH_ONLY as Mode] : ["quiet", "slow", "fast"];
  const labels: Record<Mode, string> = {
    quiet: "no intents (data path only: buffer + onBar + generateIntents × 20 per bar)",
    slow: "slow MA crossovers (occasional decisions)",
    fast: "fast MA crossovers (a decision on most bars, book of ~1,000 open positions)",
  };
  for (const mode of modes) {
    const results: RunResult[] = [];
    for (let r = 0; r < RUNS; r++) results.push(run(bars, mode));
    const last = results[results.length - 1] as RunResult;
    const med = (f: (x: RunResult) => number) => median(results.map(f));
    console.log(`\n${labels[mode]}`);
    console.log(`  strategy-bar updates/s: ${fmt(med((x) => x.updatesPerSec))}  (target ≥ 500,000)`);
    console.log(`  bars/s:                 ${fmt(med((x) => x.barsPerSec))}`);
    console.log(
      `  bar → last strategy's intents: p50 ${fmt(med((x) => pct(x.intents, 50)) * 1000, 1)} µs, p99 ${fmt(med((x) => pct(x.intents, 99)) * 1000, 1)} µs`,
    );
    if (mode !== "quiet") {
      const us = (f: (x: RunResult) => number) => fmt(med(f) * 1000, 1);
      console.log(
        `  bar → execution plan (${fmt(last.plans.length)} decision bars): p50 ${us((x) => pct(x.plans, 50))} µs, p99 ${us((x) => pct(x.plans, 99))} µs  (target p99 ≤ 1 ms)`,
      );
      console.log(
        `    of which the runner until the risk context is ready: p50 ${us((x) => pct(x.contexts, 50))} µs, p99 ${us((x) => pct(x.contexts, 99))} µs; the rest is risk.evaluate`,
      );
      console.log(`  signals ${fmt(last.signals)}, orders ${fmt(last.orders)} per run`);
    }
  }
  const mem = memory();
  const gcNote = (globalThis as { gc?: unknown }).gc ? "" : " (run with --expose-gc for stable figures)";
  console.log(`\nmemory${gcNote}:`);
  console.log(
    `  per strategy incl. its share of 100 × 1,000-bar buffers: ${fmt(mem.perStrategyWithBuffer / 1024, 1)} KiB`,
  );
  console.log(
    `  one 1,000-bar stream buffer (shared by all strategies on it): ${fmt(mem.bufferPerStream / 1024, 1)} KiB`,
  );
  console.log(
    `  marginal cost of one more strategy (100 symbols, no bars): ${fmt(mem.marginalPerStrategy / 1024, 1)} KiB`,
  );
}

main();
