// Terminal summary: a plain-text table of metrics per strategy, plus signals and kill-switch lines.
import type { PerformanceMetrics } from "../metrics/metrics.js";
import type { BacktestResult } from "../results/types.js";

const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(2)}%`);
const num = (v: number | null) => (v === null ? "–" : v.toFixed(2));

/** Formats rows as an aligned text table (first column left-aligned, the rest right-aligned). */
export function formatTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function row(name: string, m: PerformanceMetrics): string[] {
  return [
    name,
    pct(m.totalReturn),
    pct(m.cagr),
    num(m.sharpe),
    num(m.sortino),
    pct(m.maxDrawdown === 0 ? 0 : -m.maxDrawdown),
    pct(m.winRate),
    num(m.profitFactor),
    pct(m.exposure),
    String(m.tradeCount),
  ];
}

/**
 * The run's summary as text for a terminal: metrics per strategy and total, signals by skip reason,
 * consensus and kill-switch counts.
 */
export function formatSummary(result: BacktestResult): string {
  const head = [
    "Strategy",
    "Return",
    "CAGR",
    "Sharpe",
    "Sortino",
    "MaxDD",
    "Win",
    "PF",
    "Exposure",
    "Trades",
  ];
  const rows = result.meta.strategies.map((s) => row(s, result.metrics.byStrategy[s] as PerformanceMetrics));
  rows.push(row("TOTAL", result.metrics.total));
  const out = [formatTable(head, rows), ""];
  const reasons = new Set<string>();
  for (const s of result.meta.strategies)
    for (const r of Object.keys(result.signals.byStrategy[s]?.skippedByReason ?? {})) reasons.add(r);
  const list = [...reasons].sort();
  out.push(
    formatTable(
      ["Signals", "total", "executed", "skipped", ...list],
      result.meta.strategies.map((s) => {
        const c = result.signals.byStrategy[s];
        return [
          s,
          c?.total ?? 0,
          c?.executed ?? 0,
          c?.skipped ?? 0,
          ...list.map((r) => c?.skippedByReason[r] ?? 0),
        ].map(String);
      }),
    ),
  );
  out.push("");
  out.push(`Consensus events: ${result.consensusEvents.length}`);
  const on = result.killSwitchEvents.filter((e) => e.type === "kill_switch_on");
  out.push(
    `Kill-switch activations: ${on.length}${on
      .map((e) => `\n  ${new Date(e.at).toISOString()} ${e.reasons.join("; ")}`)
      .join("")}`,
  );
  return out.join("\n");
}
