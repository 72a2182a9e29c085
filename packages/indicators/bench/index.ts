// Throughput benchmark: 1,000,000 streaming updates per indicator, ours vs technicalindicators and trading-signals.
// Prints figures only; it never asserts on time. Run with `pnpm bench` from packages/indicators.
import { cpus, loadavg } from "node:os";
import { PerformanceObserver, performance } from "node:perf_hooks";
import * as ti from "technicalindicators";
import * as ts from "trading-signals";
import { ATR, BollingerBands, EMA, MACD, RSI, SMA } from "../src/index.js";

const UPDATES = 1_000_000;
const RUNS = 5;

/** mulberry32, so every run sees the same series. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Candle {
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

// Inputs are built once, outside the timed region (candle objects included: both libraries take them).
const random = createRandom(7);
const close = new Float64Array(UPDATES);
const high = new Float64Array(UPDATES);
const low = new Float64Array(UPDATES);
const candles: Candle[] = [];
let previous = 100;
for (let i = 0; i < UPDATES; i++) {
  const open = previous * (1 + (random() * 2 - 1) * 0.005); // overnight gaps exercise all TR branches
  const next = open * (1 + (random() * 2 - 1) * 0.01);
  close[i] = next;
  high[i] = Math.max(open, next) * (1 + random() * 0.005);
  low[i] = Math.min(open, next) * (1 - random() * 0.005);
  candles.push({ high: high[i]!, low: low[i]!, close: next });
  previous = next;
}

/** Each implementation streams all inputs into a fresh indicator and returns a checksum. */
type Run = () => number;

interface Case {
  readonly name: string;
  readonly quiver: Run;
  readonly technicalindicators: Run;
  readonly tradingSignals: Run;
}

const num = (v: number | null | undefined): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

const cases: Case[] = [
  {
    name: "SMA(20)",
    quiver: () => {
      const x = new SMA(20);
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.update(close[i]!));
      return s;
    },
    technicalindicators: () => {
      const x = new ti.SMA({ period: 20, values: [] });
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.nextValue(close[i]!));
      return s;
    },
    tradingSignals: () => {
      const x = new ts.SMA(20);
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.add(close[i]!));
      return s;
    },
  },
  {
    name: "EMA(20)",
    quiver: () => {
      const x = new EMA(20);
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.update(close[i]!));
      return s;
    },
    technicalindicators: () => {
      const x = new ti.EMA({ period: 20, values: [] });
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.nextValue(close[i]!));
      return s;
    },
    tradingSignals: () => {
      const x = new ts.EMA(20);
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.add(close[i]!));
      return s;
    },
  },
  {
    name: "RSI(14)",
    quiver: () => {
      const x = new RSI(14);
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.update(close[i]!));
      return s;
    },
    technicalindicators: () => {
      const x = new ti.RSI({ period: 14, values: [] });
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.nextValue(close[i]!));
      return s;
    },
    tradingSignals: () => {
      const x = new ts.RSI(14);
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.add(close[i]!));
      return s;
    },
  },
  {
    name: "MACD(12,26,9)",
    quiver: () => {
      const x = new MACD({ fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 });
      let s = 0;
      for (let i = 0; i < UPDATES; i++) {
        x.update(close[i]!);
        s += num(x.histogram);
      }
      return s;
    },
    technicalindicators: () => {
      const x = new ti.MACD({
        values: [],
        fastPeriod: 12,
        slowPeriod: 26,
        signalPeriod: 9,
        SimpleMAOscillator: false,
        SimpleMASignal: false,
      });
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.nextValue(close[i]!)?.histogram);
      return s;
    },
    tradingSignals: () => {
      const x = new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9));
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.add(close[i]!)?.histogram);
      return s;
    },
  },
  {
    name: "ATR(14)",
    quiver: () => {
      const x = new ATR(14);
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.update(high[i]!, low[i]!, close[i]!));
      return s;
    },
    technicalindicators: () => {
      const x = new ti.ATR({ period: 14, high: [], low: [], close: [] });
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.nextValue(candles[i]! as ti.CandleData));
      return s;
    },
    tradingSignals: () => {
      const x = new ts.ATR(14);
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.add(candles[i]!));
      return s;
    },
  },
  {
    name: "Bollinger(20,2)",
    quiver: () => {
      const x = new BollingerBands({ period: 20, multiplier: 2 });
      let s = 0;
      for (let i = 0; i < UPDATES; i++) {
        x.update(close[i]!);
        s += num(x.upper);
      }
      return s;
    },
    technicalindicators: () => {
      const x = new ti.BollingerBands({ period: 20, stdDev: 2, values: [] });
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.nextValue(close[i]!)?.upper);
      return s;
    },
    tradingSignals: () => {
      const x = new ts.BollingerBands(20, 2);
      let s = 0;
      for (let i = 0; i < UPDATES; i++) s += num(x.add(close[i]!)?.upper);
      return s;
    },
  },
];

// Count garbage collections inside each timed run: an allocation-free loop should cause none.
const gcStarts: number[] = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcStarts.push(entry.startTime);
});
observer.observe({ entryTypes: ["gc"] });
// GC entries are delivered asynchronously, a little after the collection.
const flush = () => new Promise((resolve) => setTimeout(resolve, 50));

interface Measurement {
  readonly opsPerSec: number;
  readonly gcs: number;
}

let sink = 0;

/**
 * Times the given implementations round-robin (one run of each per round) so that load from other
 * processes on a shared machine hits all of them alike; reports the median rate per implementation.
 */
async function measure(runs: readonly Run[]): Promise<Measurement[]> {
  for (const run of runs) sink += run(); // warm-up: let the JIT settle before timing
  const rates = runs.map((): number[] => []);
  const windows = runs.map((): [number, number][] => []);
  for (let r = 0; r < RUNS; r++) {
    runs.forEach((run, k) => {
      const start = performance.now();
      sink += run();
      const end = performance.now();
      rates[k]!.push(UPDATES / ((end - start) / 1000));
      windows[k]!.push([start, end]);
    });
  }
  await flush();
  return runs.map((_, k) => {
    const sorted = rates[k]!.sort((a, b) => a - b);
    const gcs = gcStarts.filter((t) => windows[k]!.some(([a, b]) => t >= a && t <= b)).length;
    return { opsPerSec: sorted[Math.floor(RUNS / 2)]!, gcs };
  });
}

const fmt = (n: number): string => `${(n / 1e6).toFixed(2)} M`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(1)}×`;

const rows: string[][] = [];
for (const c of cases) {
  const [ours, tiResult, tsResult] = (await measure([c.quiver, c.technicalindicators, c.tradingSignals])) as [
    Measurement,
    Measurement,
    Measurement,
  ];
  rows.push([
    c.name,
    fmt(ours.opsPerSec),
    fmt(tiResult.opsPerSec),
    fmt(tsResult.opsPerSec),
    ratio(ours.opsPerSec, tiResult.opsPerSec),
    ratio(ours.opsPerSec, tsResult.opsPerSec),
    `${ours.gcs}/${tiResult.gcs}/${tsResult.gcs}`,
  ]);
}
observer.disconnect();

const header = [
  "indicator",
  "quiver ops/s",
  "technicalindicators",
  "trading-signals",
  "vs ti",
  "vs ts",
  "GCs q/ti/ts",
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ");
console.log(
  `${UPDATES.toLocaleString("en")} streaming updates per run, median of ${RUNS} interleaved runs after one warm-up run`,
);
console.log(
  `node ${process.version}, ${cpus().length} CPUs, load average at end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
for (const row of rows) console.log(line(row));
console.log(
  `GCs q/ti/ts = garbage collections observed during the ${RUNS} timed runs (${(RUNS * UPDATES).toLocaleString("en")} updates)` +
    " of each implementation; a few can come from the harness and JIT rather than the indicator.",
);
console.log(`checksum ${sink.toExponential(6)}`);
