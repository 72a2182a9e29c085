// Benchmark (`pnpm bench`): bare loop vs full backtest vs 10×10, grademark on the same bars, memory, CSV ingest.
import { DataFrame } from "data-forge";
import { benchInstrument, benchRisk } from "./setup.js";
import { backtest as grademarkBacktest } from "grademark";
import { type BarSeries, parseCsvBars, runBacktest } from "../src/index.js";
import { bareSmaCross } from "./bare-loop.js";
import { SmaCrossStrategy } from "./sma-cross-strategy.js";
import { randomWalk } from "./synthetic.js";

const N = Number(process.env.BENCH_BARS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/**
 * Each case runs once unmeasured first (JIT warm-up, the heap and allocator settling), then RUNS
 * times measured; the median is reported, and the warm-up run's own time as the "cold" figure.
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const gc = (globalThis as { gc?: () => void }).gc;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmtRate = (r: number) => (r >= 1e6 ? `${(r / 1e6).toFixed(2)} M/s` : `${(r / 1e3).toFixed(0)} k/s`);
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;

async function fullBacktest(series: BarSeries[], strategies: SmaCrossStrategy[]) {
  return runBacktest({
    strategies,
    instruments: series.map((s) => benchInstrument(s.instrumentId)),
    data: series,
    initialCash: "1000000",
    currency: "USD",
    risk: benchRisk,
    broker: { fillAt: "close", feeBps: 1 },
    runner: { syncMaxAgeMs: null, signalRingSize: 100 },
    progress: false,
  });
}

async function main(): Promise<void> {
  const startRss = process.memoryUsage().rss;
  console.log(
    `Quiver backtest benchmark — ${N.toLocaleString("en-US")} synthetic 1-minute bars (seeded random walk), median of ${RUNS} runs after ${WARMUP} warm-up run(s) per case`,
  );
  console.log(`node ${process.version}${gc ? "" : " (run with --expose-gc for steadier memory figures)"}\n`);
  const one = randomWalk("SYN", N, 42);

  // (a) bare loop
  const aTimes: number[] = [];
  let a = bareSmaCross(one.close);
  for (let r = 0; r < Math.max(RUNS, 5); r++) {
    const t = performance.now();
    a = bareSmaCross(one.close);
    aTimes.push(performance.now() - t);
  }
  const aMs = median(aTimes);
  console.log(
    `(a) bare SMA(20/50) cross loop on a Float64Array: ${fmtRate((N / aMs) * 1000)} bars/s (${aMs.toFixed(1)} ms; ${a.entries} entries, ${a.exits} exits)`,
  );

  // (b) full backtest, 1 strategy × 1 symbol
  const bTimes: number[] = [];
  let bTrades = 0;
  let bSignals = 0;
  let cross = { golden: 0, death: 0 };
  let memLine = "";
  let bCold = Number.NaN;
  for (let r = -WARMUP; r < RUNS; r++) {
    gc?.();
    const before = process.memoryUsage();
    const strat = new SmaCrossStrategy("sma_cross", ["SYN"], "1m");
    const t = performance.now();
    const run = await fullBacktest([one], [strat]);
    const ms = performance.now() - t;
    const peak = process.memoryUsage();
    gc?.();
    const after = process.memoryUsage(); // the run (system + result) is still referenced here
    const { result } = run;
    bTrades = result.trades.length;
    bSignals = result.signals.total.total;
    cross = { golden: strat.golden, death: strat.death };
    // measured on the first (warm-up) run, in a process that has run nothing but (a) before it
    if (r === -WARMUP)
      memLine = `memory for ${N.toLocaleString("en-US")} bars (first run): process RSS ${mb(peak.rss)} at the end of the run (${mb(startRss)} when the process started, ${mb(before.rss)} before the run, Δ ${mb(peak.rss - before.rss)}), heap retained after GC with system + result alive Δ ${mb(after.heapUsed - before.heapUsed)}; the bars themselves are ${mb(N * 6 * 8)} of Float64Arrays`;
    if (r < 0) {
      if (r === -WARMUP) bCold = ms;
      continue;
    }
    bTimes.push(ms);
  }
  const bMs = median(bTimes);
  console.log(
    `(b) full backtest (indicators, strategy, risk, paper broker, ledger, equity curve), 1 strategy × 1 symbol: ${fmtRate((N / bMs) * 1000)} bars/s (${bMs.toFixed(0)} ms, runs ${bTimes.map((x) => x.toFixed(0)).join("/")}; cold first run ${fmtRate((N / bCold) * 1000)}, ${bCold.toFixed(0)} ms; ${bTrades} trades, ${bSignals} signals; crosses ${cross.golden}/${cross.death} vs bare ${a.entries}/${a.exits})`,
  );
  console.log(`    ratio (b)/(a) time: ${(bMs / aMs).toFixed(1)}×   ${memLine}`);

  // (b0) diagnostic: the same pipeline with a strategy that never crosses (no decision, no order): the
  // per-bar cost of the framework itself (bar object, clock, runner fan-out, broker.onBar, indicators, marks)
  const b0Times: number[] = [];
  for (let r = -WARMUP; r < RUNS; r++) {
    // a strategy whose slow period exceeds the data never becomes ready, so it never emits an intent
    const idle = new SmaCrossStrategy("idle", ["SYN"], "1m", 20, N + 1);
    const t = performance.now();
    await fullBacktest([one], [idle]);
    if (r >= 0) b0Times.push(performance.now() - t);
  }
  const b0Ms = median(b0Times);
  console.log(
    `(b0) same pipeline, strategy never trades (per-bar framework cost only): ${fmtRate((N / b0Ms) * 1000)} bars/s (${b0Ms.toFixed(0)} ms, ${((b0Ms * 1e6) / N).toFixed(0)} ns/bar); so each of (b)'s ${bSignals} decisions costs ≈ ${(((bMs - b0Ms) * 1000) / Math.max(1, bSignals)).toFixed(0)} µs`,
  );

  // (c) 10 strategies × 10 symbols
  // Default 20 000 bars per symbol: every cross is a full decision (risk, order, fill, ledger), so
  // (c) makes ~10× more decisions per bar than (b); BENCH_C_BARS raises it.
  const perSymbol = Number(process.env.BENCH_C_BARS ?? Math.min(20_000, Math.floor(N / 10)));
  const syms = Array.from({ length: 10 }, (_, i) => randomWalk(`S${i}`, perSymbol, 100 + i));
  const cTimes: number[] = [];
  let cTrades = 0;
  let cCold = Number.NaN;
  for (let r = -WARMUP; r < RUNS; r++) {
    const strategies = Array.from(
      { length: 10 },
      (_, k) =>
        new SmaCrossStrategy(
          `sma_${10 + k}_${40 + 5 * k}`,
          syms.map((s) => s.instrumentId),
          "1m",
          10 + k,
          40 + 5 * k,
        ),
    );
    const t = performance.now();
    const { result } = await fullBacktest(syms, strategies);
    const ms = performance.now() - t;
    cTrades = result.trades.length;
    if (r < 0) {
      if (r === -WARMUP) cCold = ms;
      continue;
    }
    cTimes.push(ms);
  }
  const cMs = median(cTimes);
  const totalBars = syms.reduce((s, x) => s + x.length, 0);
  console.log(
    `(c) 10 strategies × 10 symbols (${totalBars.toLocaleString("en-US")} bars, ${(totalBars * 10).toLocaleString("en-US")} strategy-bar updates): ${fmtRate(((totalBars * 10) / cMs) * 1000)} strategy-bar updates/s, ${fmtRate((totalBars / cMs) * 1000)} bars/s (${cMs.toFixed(0)} ms, runs ${cTimes.map((x) => x.toFixed(0)).join("/")}; cold first run ${fmtRate(((totalBars * 10) / cCold) * 1000)}, ${cCold.toFixed(0)} ms; ${cTrades} trades)`,
  );

  // grademark on the same bars, indicators precomputed (no risk, no ledger, no fees)
  const gN = Number(process.env.BENCH_GRADEMARK_BARS ?? N);
  const rows = new Array(gN);
  let sf = 0;
  let ss = 0;
  for (let i = 0; i < gN; i++) {
    const c = one.close[i] as number;
    sf += c;
    ss += c;
    if (i >= 20) sf -= one.close[i - 20] as number;
    if (i >= 50) ss -= one.close[i - 50] as number;
    rows[i] = {
      time: new Date(one.openTime[i] as number),
      open: one.open[i],
      high: one.high[i],
      low: one.low[i],
      close: c,
      volume: one.volume[i],
      fast: i >= 19 ? sf / 20 : Number.NaN,
      slow: i >= 49 ? ss / 50 : Number.NaN,
    };
  }
  type Row = { fast: number; slow: number };
  type Args = { bar: Row; lookback: { first(): Row } };
  const gStrategy = {
    lookbackPeriod: 2,
    entryRule: (enter: () => void, x: Args) => {
      const p = x.lookback.first();
      if (x.bar.fast > x.bar.slow && p.fast < p.slow) enter();
    },
    exitRule: (exit: () => void, x: Args) => {
      const p = x.lookback.first();
      if (x.bar.fast < x.bar.slow && p.fast > p.slow) exit();
    },
  };
  const gTimes: number[] = [];
  let gTrades = 0;
  for (let r = 0; r < RUNS; r++) {
    const df = new DataFrame(rows);
    const t = performance.now();
    // biome-ignore lint/suspicious/noExplicitAny: grademark's generic types do not fit a plain rule object
    gTrades = grademarkBacktest(gStrategy as any, df as any).length;
    gTimes.push(performance.now() - t);
  }
  const gMs = median(gTimes);
  console.log(
    `grademark 0.3.0 (precomputed SMAs, no risk/ledger/fees, enters next bar): ${fmtRate((gN / gMs) * 1000)} bars/s (${gMs.toFixed(0)} ms; ${gTrades} trades)`,
  );

  // CSV ingest, measured apart from the loop
  const csvBars = Math.min(N, 200_000);
  const lines = ["timestamp,open,high,low,close,volume"];
  for (let i = 0; i < csvBars; i++)
    lines.push(
      `${new Date(one.openTime[i] as number).toISOString()},${one.open[i]},${one.high[i]},${one.low[i]},${one.close[i]},${one.volume[i]}`,
    );
  const text = lines.join("\n");
  const iTimes: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    parseCsvBars(text, { instrumentId: "SYN", timeframe: "1m" });
    iTimes.push(performance.now() - t);
  }
  console.log(
    `CSV ingest (ISO timestamps, checked rows → Float64Arrays): ${fmtRate((csvBars / median(iTimes)) * 1000)} rows/s`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
