// Result fingerprint (`node --import tsx bench/result-hash.ts`): the SHA-256 of case (b) and (c) results on
// small inputs, to check that a speed change leaves every trade, fee and equity point byte-identical.
import { hashBacktestResult, runBacktest } from "../src/index.js";
import { benchInstrument, benchRisk } from "./setup.js";
import { SmaCrossStrategy } from "./sma-cross-strategy.js";
import { randomWalk } from "./synthetic.js";

async function main(): Promise<void> {
  const cases = {
    b: {
      series: [randomWalk("SYN", 50_000, 42)],
      strategies: () => [new SmaCrossStrategy("s", ["SYN"], "1m")],
    },
    c: {
      series: Array.from({ length: 10 }, (_, i) => randomWalk(`S${i}`, 3_000, 100 + i)),
      strategies: () =>
        Array.from(
          { length: 10 },
          (_, k) =>
            new SmaCrossStrategy(
              `sma_${k}`,
              Array.from({ length: 10 }, (_, i) => `S${i}`),
              "1m",
              10 + k,
              40 + 5 * k,
            ),
        ),
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    const { result } = await runBacktest({
      strategies: c.strategies(),
      instruments: c.series.map((s) => benchInstrument(s.instrumentId)),
      data: c.series,
      initialCash: "1000000",
      currency: "USD",
      risk: benchRisk,
      broker: { fillAt: "close", feeBps: 1 },
      runner: { syncMaxAgeMs: null, signalRingSize: 100 },
      progress: false,
    });
    console.log(`${name}: ${hashBacktestResult(result)} (${result.trades.length} trades)`);
  }
}
main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
