// `pnpm start`: an outside-repo style consumer — plain Node ESM importing the BUILT @quiver packages by name.
// Run `pnpm build` at the repository root first: these imports resolve through each package's `exports` to dist/.
import { fileURLToPath } from "node:url";

const NVDA_CSV = fileURLToPath(new URL("../data/NVDA-1d.csv", import.meta.url));

/** Imports the packages by name only; a missing build is reported, not a stack trace. */
async function importPackages() {
  try {
    const [backtest, core, strategy] = await Promise.all([
      import("@quiver/backtest"),
      import("@quiver/core"),
      import("./ema-crossover.mjs"),
    ]);
    return { backtest, core, strategy };
  } catch (error) {
    if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist")) {
      console.error(
        "The @quiver packages are not built. Run `pnpm build` at the repository root, then `pnpm start` again.",
      );
      console.error(String(error.message));
      process.exit(1);
    }
    throw error;
  }
}

const { backtest, core, strategy } = await importPackages();
const { loadBarsFile, runBacktest, serializeBacktestResult, hashBacktestResult, formatSummary } = backtest;
const { QuiverError } = core;
const { createEmaCrossover } = strategy;

/** One backtest from scratch: fresh strategy objects every time (they hold indicator state). */
async function backtestOnce() {
  const nvda = await loadBarsFile(NVDA_CSV, {
    instrumentId: "NVDA",
    timeframe: "1d",
    source: "data/NVDA-1d.csv",
  });
  const { result } = await runBacktest({
    strategies: [createEmaCrossover({ id: "ema-10-30", fast: 10, slow: 30, exposureUsd: "5000" })],
    instruments: [
      { id: "NVDA", kind: "equity", baseAsset: "NVDA", quoteCurrency: "USD", tickSize: "0.01", lotSize: "1" },
    ],
    initialCash: "10000",
    currency: "USD",
    // One strategy, one symbol: let it use half the book per entry.
    risk: { maxPerAssetPct: 60, maxRiskPerTradePct: 100, maxPortfolioRiskPct: 100, minCashReservePct: 0 },
    broker: { fillAt: "next_open", slippageBps: 5, feeBps: 1 },
    data: [nvda],
    progress: false,
    periodsPerYear: 252,
  });
  return { result, quality: nvda.quality };
}

async function main() {
  console.log(
    "backtest-consumer: EMA(10/30) crossover on NVDA daily (data/NVDA-1d.csv, Yahoo Finance, copied from ../shared/data)",
  );
  console.log(
    "Imports @quiver/backtest, @quiver/core and @quiver/indicators by package name (built dist/, via their exports).\n",
  );
  const first = await backtestOnce();
  const second = await backtestOnce();
  const { result } = first;
  const m = result.metrics.byStrategy["ema-10-30"];
  console.log(
    `Bars: ${result.meta.bars} (${new Date(result.meta.startTime).toISOString().slice(0, 10)} … ${new Date(result.meta.endTime).toISOString().slice(0, 10)}); ` +
      `data quality: ${first.quality.gaps.length} gaps (weekends and holidays of a daily series), ${first.quality.duplicates.length} duplicates.`,
  );
  console.log(`\n${formatSummary(result)}\n`);
  console.log(
    `Final equity: ${result.meta.finalEquity.toFixed(2)} USD from ${result.meta.initialCash.toFixed(2)} USD`,
  );
  const hashA = hashBacktestResult(result);
  const hashB = hashBacktestResult(second.result);
  console.log(`Result hash, run 1: ${hashA}`);
  console.log(`Result hash, run 2: ${hashB}`);

  const failures = [];
  if (!m || m.tradeCount === 0 || result.trades.length === 0) failures.push("the strategy made no trades");
  if (serializeBacktestResult(result) !== serializeBacktestResult(second.result) || hashA !== hashB) {
    failures.push("two runs on the same inputs gave different results (not deterministic)");
  }
  if (result.strategyErrors.length > 0)
    failures.push(`strategy errors: ${JSON.stringify(result.strategyErrors)}`);
  if (failures.length > 0) {
    for (const f of failures) console.error(`FAIL: ${f}`);
    return 1;
  }
  console.log(`\nok: ${result.trades.length} trades; two runs byte-identical.`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(QuiverError.isInstance(error) ? `${error.code}: ${error.message}` : error);
    process.exitCode = 1;
  },
);
