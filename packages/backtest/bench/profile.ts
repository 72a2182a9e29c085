// Profiling entry (`node --cpu-prof --import tsx bench/profile.ts`): only one case of the bench — PROFILE_CASE=b|b0|c.
import { benchInstrument, benchRisk } from "./setup.js";
import { runBacktest } from "../src/index.js";
import { SmaCrossStrategy } from "./sma-cross-strategy.js";
import { randomWalk } from "./synthetic.js";

const N = Number(process.env.BENCH_BARS ?? 300_000);
const CASE = process.env.PROFILE_CASE ?? "b";

async function main(): Promise<void> {
  const series =
    CASE === "c"
      ? Array.from({ length: 10 }, (_, i) => randomWalk(`S${i}`, Math.floor(N / 10), 100 + i))
      : [randomWalk("SYN", N, 42)];
  const strategies =
    CASE === "c"
      ? Array.from(
          { length: 10 },
          (_, k) =>
            new SmaCrossStrategy(
              `sma_${k}`,
              series.map((s) => s.instrumentId),
              "1m",
              10 + k,
              40 + 5 * k,
            ),
        )
      : [new SmaCrossStrategy("s", ["SYN"], "1m", 20, CASE === "b0" ? N + 1 : 50)];
  const t = performance.now();
  const { result } = await runBacktest({
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
  const ms = performance.now() - t;
  const bars = series.reduce((s, x) => s + x.length, 0);
  console.log(
    `${CASE}: ${bars} bars in ${ms.toFixed(0)} ms = ${(((bars / ms) * 1000) / 1e6).toFixed(3)} M bars/s; ${result.trades.length} trades, ${result.signals.total.total} signals; cpu ${(process.cpuUsage().user / 1000).toFixed(0)} ms`,
  );
}
main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
