// `pnpm start`: seed 000 — RLM_NO and S013 on GENERATED binary markets: limits, consensus, settlement, per-entry P&L.
import { formatTable } from "@quiver/backtest";
import { QuiverError } from "@quiver/core";
import { runPredictionMarkets } from "./run.js";
import { INITIAL_CASH, SEED_000_LIMITS } from "./system.js";

const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);

async function main(): Promise<number> {
  const checks: Array<[string, boolean]> = [];
  console.log("Prediction markets (seed 000): RLM_NO + S013 on binary yes/no markets.");
  console.log(
    "DATA IS GENERATED (src/generate-markets.ts, seeded mulberry32 PRNG): not real markets; same output on every run.",
  );
  const run = await runPredictionMarkets();
  const cats = new Map<string, number>();
  for (const m of run.markets) cats.set(m.category, (cats.get(m.category) ?? 0) + 1);
  console.log(
    `${run.markets.length} markets (${[...cats].map(([c, n]) => `${c} ${n}`).join(", ")}), 1-minute YES-price bars, bankroll $${INITIAL_CASH}.`,
  );
  console.log(
    `Limits: combined ${SEED_000_LIMITS.combinedMaxContractsPerMarket} contracts/market, per strategy ${SEED_000_LIMITS.strategyContractsPerMarket.RLM_NO}/market, single market ${SEED_000_LIMITS.maxSingleMarketPct}%, category ${SEED_000_LIMITS.maxCategoryPct}%, cash reserve ${SEED_000_LIMITS.minCashReservePct}%.`,
  );

  // A three-hour run: annualized figures (CAGR, Sharpe) would be meaningless, so they are not shown.
  const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(2)}%`);
  console.log(
    `\n${formatTable(
      ["Strategy", "return", "max DD", "win rate", "profit factor", "trades"],
      [...run.result.meta.strategies, "TOTAL"].map((s) => {
        const m = s === "TOTAL" ? run.result.metrics.total : run.result.metrics.byStrategy[s]!;
        return [
          s,
          pct(m.totalReturn),
          pct(-m.maxDrawdown),
          pct(m.winRate),
          m.profitFactor?.toFixed(2) ?? "–",
          String(m.tradeCount),
        ];
      }),
    )}`,
  );

  console.log("\nSignals by skip reason (every signal is journaled, executed or not):");
  const reasons = new Set<string>();
  for (const c of Object.values(run.result.signals.byStrategy))
    for (const r of Object.keys(c.skippedByReason)) reasons.add(r);
  const list = [...reasons].sort();
  console.log(
    formatTable(
      ["Strategy", "signals", "executed", ...list],
      Object.entries(run.result.signals.byStrategy).map(([s, c]) => [
        s,
        String(c.total),
        String(c.executed),
        ...list.map((r) => String(c.skippedByReason[r] ?? 0)),
      ]),
    ),
  );
  for (const r of ["strategy_limit", "combined_limit", "category_limit"]) {
    checks.push([`${r} skipped at least one signal`, list.includes(r)]);
  }

  const downs = new Map<string, number>();
  for (const h of run.limitHits) {
    if ((h.details as { blocked?: boolean }).blocked) continue;
    const k = `${h.strategyId}\u0000${h.reasons.join("+")}`;
    downs.set(k, (downs.get(k) ?? 0) + 1);
  }
  console.log("\nEntries downsized (executed, but smaller than asked):");
  console.log(
    downs.size === 0
      ? "  (none)"
      : formatTable(
          ["Strategy", "binding limit", "times"],
          [...downs].sort().map(([k, n]) => [...k.split("\u0000"), String(n)]),
        ),
  );

  console.log(
    `\nConsensus events (both strategies executed on one market within 60 s): ${run.result.consensusEvents.length}`,
  );
  for (const c of run.result.consensusEvents) {
    console.log(
      `  ${hhmm(c.timestamp)} ${c.instrumentId}  ${c.strategies.join(" + ")}  confidence ${c.combinedConfidence.toFixed(2)}`,
    );
  }
  checks.push(["consensus detected", run.result.consensusEvents.length > 0]);

  const peak = new Map<string, { ratio: number; costBasis: number; limit: number }>();
  for (const s of run.categorySamples) {
    const r = s.limit > 0 ? s.costBasis / s.limit : 0;
    if (r > (peak.get(s.category)?.ratio ?? -1))
      peak.set(s.category, { ratio: r, costBasis: s.costBasis, limit: s.limit });
  }
  console.log("\nPeak category exposure (open cost basis vs 40% of equity at that moment):");
  for (const [c, p] of [...peak].sort()) {
    console.log(
      `  ${c.padEnd(9)} $${p.costBasis.toFixed(2)} of $${p.limit.toFixed(2)} (${(p.ratio * 100).toFixed(1)}%)`,
    );
  }
  checks.push(["no category ever exceeded its limit", [...peak.values()].every((p) => p.ratio <= 1 + 1e-9)]);

  console.log("\nSettlement (YES price 0 or 100) and per-entry P&L — entries are never blended:");
  const rows: string[][] = [];
  for (const s of run.settlements) {
    for (const slice of s.slices) {
      const entry = run.system.ledger.getEntry(slice.entryId);
      rows.push([
        slice.entryId,
        s.instrumentId,
        entry?.side ?? "?",
        slice.quantity.toFixed(),
        slice.entryPrice.toFixed(),
        String(s.yesCents),
        slice.realizedPnl.toFixed(2),
      ]);
    }
  }
  console.log(
    formatTable(["Entry", "market", "side", "contracts", "entry ¢", "settled YES ¢", "P&L $"], rows),
  );
  checks.push(["every market settled at 0 or 100", run.settlements.length === run.markets.length]);

  console.log("\ncomputeStrategyPnl per strategy (from its entries, at settlement):");
  console.log(
    formatTable(
      ["Strategy", "contracts", "cost basis $", "realized $", "unrealized $", "net $", "entries", "ROI %"],
      Object.values(run.pnl).map((p) => [
        p.strategy,
        p.totalContracts.toFixed(),
        p.totalCostBasis.toFixed(2),
        p.realizedPnl.toFixed(2),
        p.unrealizedPnl.toFixed(2),
        p.netPnl.toFixed(2),
        String(p.entryCount),
        p.roiPct.toFixed(2),
      ]),
    ),
  );
  const sliceSum = run.settlements.flatMap((s) => s.slices).reduce((a, s) => a + s.realizedPnl.toNumber(), 0);
  const pnlSum = Object.values(run.pnl).reduce((a, p) => a + p.realizedPnl.toNumber(), 0);
  checks.push(["strategy P&L = Σ its settled entries", Math.abs(sliceSum - pnlSum) < 1e-9]);

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
