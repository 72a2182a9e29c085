// `pnpm start`: backtest + paper run of trend following and mean reversion on 5-minute crypto pairs (seed 002).
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type BacktestResult,
  formatSummary,
  formatTable,
  hashBacktestResult,
  renderHtmlReport,
  serializeBacktestResult,
} from "@quiver/backtest";
import { loadPairs } from "./data.js";
import { runExampleBacktest, runExamplePaper } from "./run.js";

const OUT_DIR = fileURLToPath(new URL("../out/", import.meta.url));
const iso = (ms: number | null) =>
  ms === null ? "–" : new Date(ms).toISOString().slice(0, 16).replace("T", " ");

function printTrades(result: BacktestResult, limit: number): void {
  const rows = result.trades
    .slice(0, limit)
    .map((t) => [
      t.entryId,
      t.instrumentId,
      t.quantity.toFixed(),
      iso(t.entryTime),
      t.entryPrice?.toFixed(8) ?? "–",
      iso(t.exitTime),
      t.exitPrice?.toFixed(8) ?? "open",
      t.realizedPnl.toFixed(8),
    ]);
  console.log(
    formatTable(
      ["Entry (strategy:order)", "Pair", "Qty", "Entry at", "Entry px", "Exit at", "Exit px", "P&L (BTC)"],
      rows,
    ),
  );
  if (result.trades.length > limit)
    console.log(`… ${result.trades.length - limit} more trades in the HTML report and JSON`);
}

async function main(): Promise<void> {
  const data = await loadPairs();
  console.log("Data (5-minute candles, quoted in BTC):");
  for (const d of data) {
    const q = d.quality;
    console.log(
      `  ${q.instrumentId.padEnd(8)} ${q.bars} bars ${iso(q.firstOpenTime)} → ${iso(q.lastOpenTime)}  gaps: ${q.gaps.length} (${q.missingBars} missing bars), duplicates: ${q.duplicates.length}`,
    );
  }

  console.log("\n=== 1. Backtest (runBacktest: runner + risk + ledger + paper broker on a VirtualClock) ===");
  const started = performance.now();
  const { result, timeline } = await runExampleBacktest(data);
  const ms = performance.now() - started;
  console.log(
    `${result.meta.bars} bars in ${ms.toFixed(0)} ms; final equity ${result.meta.finalEquity.toFixed(8)} BTC (start ${result.meta.initialCash.toFixed()} BTC)\n`,
  );
  console.log(formatSummary(result));
  console.log("");
  printTrades(result, 15);

  mkdirSync(OUT_DIR, { recursive: true });
  const htmlPath = `${OUT_DIR}backtest-report.html`;
  writeFileSync(
    htmlPath,
    renderHtmlReport(result, { title: "crypto-trend-meanrev backtest", series: timeline.series }),
  );
  const jsonPath = `${OUT_DIR}backtest-result.json`;
  writeFileSync(jsonPath, serializeBacktestResult(result, { indent: 1 }));
  console.log(`\nHTML report: ${htmlPath}\nJSON result: ${jsonPath} (sha256 ${hashBacktestResult(result)})`);

  console.log(
    "\n=== 2. Paper run (same wiring; the runner subscribes to a feed replaying the bars live) ===",
  );
  const p0 = performance.now();
  const paper = await runExamplePaper(data);
  console.log(
    `${paper.barsDelivered} bars delivered through the feed in ${(performance.now() - p0).toFixed(0)} ms; final equity ${paper.result.meta.finalEquity.toFixed(8)} BTC\n`,
  );
  console.log(formatSummary(paper.result));
  const sameTrades =
    JSON.stringify(
      paper.result.trades.map((t) => [t.entryId, t.entryPrice?.toFixed(), t.realizedPnl.toFixed()]),
    ) ===
    JSON.stringify(result.trades.map((t) => [t.entryId, t.entryPrice?.toFixed(), t.realizedPnl.toFixed()]));
  console.log(
    `\nPaper run vs backtest: ${paper.result.trades.length} vs ${result.trades.length} trades — ${sameTrades ? "identical entries, prices and P&L" : "DIFFERENT (see above)"}`,
  );
  const paperHtml = `${OUT_DIR}paper-report.html`;
  writeFileSync(
    paperHtml,
    renderHtmlReport(paper.result, {
      title: "crypto-trend-meanrev paper run (replayed feed)",
      series: timeline.series,
    }),
  );
  console.log(`Paper report: ${paperHtml}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
