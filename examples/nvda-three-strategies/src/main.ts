// `pnpm start`: RSI, MACD and Bollinger on NVDA at once (seed 004) — one subscription, independent entries, a symbol cap.
import { formatSummary } from "@quiver/backtest";
import { QuiverError } from "@quiver/core";
import { firstOverlap, limitHitTable, pnlTable, tradeLine } from "./report.js";
import { DEFAULT_FROM, DEFAULT_TO, loadNvda, runCloseOneStrategy, runThreeStrategies } from "./run.js";
import { ENTRY_EXPOSURE_USD, INITIAL_CASH, MAX_SYMBOL_EXPOSURE_PCT } from "./system.js";

/** Trading date of a daily bar from its close time (00:00 UTC of the next day). */
const barDate = (closeTime: number) => new Date(closeTime - 1).toISOString().slice(0, 10);

async function main(): Promise<number> {
  const checks: Array<[string, boolean]> = [];
  const data = loadNvda();
  console.log(
    "NVDA × 3 strategies (seed 004) — daily bars, data/NVDA-1d.csv (Yahoo Finance, copied from ../shared/data)",
  );
  console.log(
    `Window ${DEFAULT_FROM} … ${DEFAULT_TO}: ${data.series.length} bars. Cash $${INITIAL_CASH}; each strategy asks $${ENTRY_EXPOSURE_USD} per entry;` +
      ` maxSymbolExposurePct ${MAX_SYMBOL_EXPOSURE_PCT}%. Market orders fill at the next day's open (5 bps slippage, 1 bp fee).`,
  );

  console.log("\n== Part 1: the three strategies together (runBacktest) ==");
  const one = await runThreeStrategies(data);
  for (const s of one.streams) {
    console.log(`Feed subscription ${s.instrumentId}/${s.timeframe} → shared by ${s.strategies.join(", ")}`);
  }
  console.log(`getActiveCountForSymbol("NVDA") = ${one.activeOnNvda}`);
  checks.push([
    "one NVDA/1d subscription shared by 3 strategies",
    one.streams.length === 1 && one.streams[0]?.strategies.length === 3,
  ]);
  checks.push(['getActiveCountForSymbol("NVDA") === 3', one.activeOnNvda === 3]);
  console.log(`\n${formatSummary(one.result)}`);
  console.log(`\nP&L per strategy, from its own ledger entries (USD):\n${pnlTable(one.result)}`);
  const overlap = firstOverlap(one.result.trades);
  if (overlap) {
    console.log(
      "\nIndependent entries — first time two strategies held NVDA together, each with its own entry and price:",
    );
    for (const t of overlap) console.log(`  ${tradeLine(t)}`);
  }
  checks.push([
    "two strategies held NVDA at once with separate entries",
    overlap !== null && overlap[0].entryId !== overlap[1].entryId,
  ]);
  const capSkips = Object.values(one.result.signals.byStrategy).reduce(
    (n, c) =>
      n +
      Object.entries(c.skippedByReason)
        .filter(([r]) => r.includes("symbol"))
        .reduce((a, [, v]) => a + v, 0),
    0,
  );
  console.log(`\nSignals blocked by the symbol cap in part 1: ${capSkips}`);

  console.log(
    "\n== Part 2: close NVDA-RSI mid-run; MACD and BB carry on (runBacktest + an afterBar hook) ==",
  );
  const two = await runCloseOneStrategy(data);
  if (two.closedAt === null) {
    console.log(
      "NVDA-RSI never held NVDA together with another strategy after the threshold: nothing to close.",
    );
  } else {
    console.log(
      `After the ${barDate(two.closedAt)} close: operator disables ${two.closedStrategy} with close-positions.`,
    );
    console.log("Other strategies' open entries just before:");
    for (const e of two.othersBefore) console.log(`  ${e.entryId}  ${e.openQuantity} sh @ ${e.entryPrice}`);
    console.log("…and after the closing order filled:");
    for (const e of two.othersAfter) console.log(`  ${e.entryId}  ${e.openQuantity} sh @ ${e.entryPrice}`);
    console.log(`${two.closedStrategy} holds ${two.closedStrategyOpenAfter} NVDA after its close.`);
    const states = two.system.runner
      .getStrategyState()
      .map((s) => `${s.strategyId}=${s.status}${s.enabled ? "" : " (disabled)"}`);
    console.log(
      `Strategy states at the end: ${states.join(", ")}; getActiveCountForSymbol("NVDA") = ${two.activeOnNvdaAfter}`,
    );
    const after = (id: string) =>
      two.result.trades.filter((t) => t.strategyId === id && (t.entryTime ?? 0) > (two.closedAt ?? 0)).length;
    console.log(
      `Entries opened after the close: nvda-rsi ${after("nvda-rsi")}, nvda-macd ${after("nvda-macd")}, nvda-bb ${after("nvda-bb")}`,
    );
    const same = JSON.stringify(two.othersBefore) === JSON.stringify(two.othersAfter);
    checks.push([
      "closing nvda-rsi left the other strategies' entries untouched",
      same && two.othersBefore.length > 0,
    ]);
    checks.push([
      "nvda-rsi flat after its close, and never re-entered",
      two.closedStrategyOpenAfter === "0" && after("nvda-rsi") === 0,
    ]);
    checks.push([
      "the other strategies kept trading after the close",
      after("nvda-macd") + after("nvda-bb") > 0,
    ]);
    checks.push(['getActiveCountForSymbol("NVDA") === 2 after the close', two.activeOnNvdaAfter === 2]);
  }
  console.log(`\nRisk limits that bound in part 2 (riskLimitHit events):\n${limitHitTable(two.limitHits)}`);
  const capHits = two.limitHits.filter((h) => h.reasons.some((r) => r.includes("symbol"))).length;
  checks.push(["the global symbol exposure cap bound at least once", capHits > 0 || capSkips > 0]);
  console.log(`\nP&L per strategy in part 2 (USD):\n${pnlTable(two.result)}`);

  console.log("\nChecks:");
  for (const [name, ok] of checks) console.log(`  ${ok ? "ok  " : "FAIL"} ${name}`);
  return checks.every(([, ok]) => ok) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(QuiverError.isInstance(error) ? `${error.code}: ${error.message}` : error);
    process.exitCode = 1;
  },
);
