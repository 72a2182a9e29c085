// Self-contained HTML report: inline CSS and SVG only, no scripts, no network at view time.
import type { BarSeries } from "../data/bar-series.js";
import type { PerformanceMetrics } from "../metrics/metrics.js";
import type { BacktestResult, TradeRecord } from "../results/types.js";
import { type ChartMarker, escapeHtml, lineChart } from "./svg.js";

const PALETTE = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#9467bd",
  "#ff7f0e",
  "#8c564b",
  "#e377c2",
  "#17becf",
  "#bcbd22",
];

/** Options of {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  title?: string;
  /** Price series to chart with trade markers (one chart per instrument, the first series of each). */
  series?: readonly BarSeries[];
  /** Most trades listed in the table (default 500); all are in the JSON results. */
  maxTradeRows?: number;
}

const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(2)} %`);
const num = (v: number | null) => (v === null ? "–" : v.toFixed(2));
const time = (ms: number | null) => (ms === null ? "–" : new Date(ms).toISOString().replace(".000Z", "Z"));

function metricsRow(name: string, m: PerformanceMetrics): string {
  const cells = [
    pct(m.totalReturn),
    pct(m.cagr),
    num(m.sharpe),
    num(m.sortino),
    pct(-m.maxDrawdown),
    pct(m.winRate),
    num(m.profitFactor),
    pct(m.exposure),
    String(m.tradeCount),
  ];
  return `<tr><th>${escapeHtml(name)}</th>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`;
}

function table(head: readonly string[], rows: readonly string[]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/**
 * Renders the report: metrics per strategy, equity curves (total and per strategy), drawdown,
 * price with entry (▲) / exit (▼) markers per strategy, signals by skip reason, kill-switch events,
 * data quality and trades. The page contains no script and references no external resource.
 */
export function renderHtmlReport(result: BacktestResult, options: HtmlReportOptions = {}): string {
  const title = options.title ?? "Quiver backtest report";
  const strategies = result.meta.strategies;
  const color = (s: string) => PALETTE[strategies.indexOf(s) % PALETTE.length] as string;
  const t = result.equity.times;
  const parts: string[] = [];
  parts.push(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>`,
    "body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}",
    "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}",
    ".ct{font-weight:600;font-size:13px}.yl{font-size:10px;text-anchor:end;dominant-baseline:middle}",
    ".xl{font-size:10px;text-anchor:middle}.lg{font-size:11px}.gr{stroke:#eee}.pl{fill:#fff;stroke:#ccc}",
    "svg{display:block;margin:6px 0 18px}code{background:#f4f4f4;padding:1px 4px}",
    "</style></head><body>",
  );
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  const m = result.meta;
  parts.push(
    `<p>${time(m.startTime)} → ${time(m.endTime)} · ${m.bars} bars · ${m.instruments.length} instruments · ` +
      `initial ${escapeHtml(m.initialCash.toFixed())} ${escapeHtml(m.currency)} → final ${escapeHtml(
        m.finalEquity.toFixed(8),
      )} ${escapeHtml(m.currency)}</p>`,
  );
  parts.push("<h2>Metrics</h2>");
  parts.push(
    table(
      [
        "",
        "Return",
        "CAGR",
        "Sharpe",
        "Sortino",
        "Max DD",
        "Win rate",
        "Profit factor",
        "Exposure",
        "Trades",
      ],
      [
        metricsRow("Total", result.metrics.total),
        ...strategies.map((s) => metricsRow(s, result.metrics.byStrategy[s] as PerformanceMetrics)),
      ],
    ),
  );
  parts.push(
    `<p>Sharpe and Sortino are annualized from per-bar returns with √${Math.round(m.periodsPerYear)} periods per year (bar ${m.timeframeMs / 60000} min, 365-day year), risk-free rate 0. Per-strategy curves are initial cash + that strategy's net P&amp;L.</p>`,
  );
  parts.push(
    lineChart(
      [
        { name: "Total", color: "#222", x: t, y: result.equity.total },
        ...strategies.map((s) => ({
          name: s,
          color: color(s),
          x: t,
          y: result.equity.byStrategy[s] as Float64Array,
        })),
      ],
      { title: `Equity (${m.currency})` },
    ),
  );
  parts.push(
    lineChart(
      [
        { name: "Total", color: "#d62728", x: t, y: result.drawdown.total, area: true },
        ...strategies.map((s) => ({
          name: s,
          color: color(s),
          x: t,
          y: result.drawdown.byStrategy[s] as Float64Array,
        })),
      ],
      { title: "Drawdown", height: 200, formatY: (v) => `${(v * 100).toFixed(1)}%` },
    ),
  );
  const seen = new Set<string>();
  for (const s of options.series ?? []) {
    if (seen.has(s.instrumentId)) continue;
    seen.add(s.instrumentId);
    const close = new Float64Array(s.length);
    const ct = new Float64Array(s.length);
    for (let i = 0; i < s.length; i++) {
      close[i] = s.close[i] as number;
      ct[i] = (s.openTime[i] as number) + s.timeframeMs;
    }
    const markers: ChartMarker[] = [];
    for (const tr of result.trades) {
      if (tr.instrumentId !== s.instrumentId) continue;
      if (tr.entryTime !== null && tr.entryPrice !== null)
        markers.push({
          x: tr.entryTime,
          y: tr.entryPrice.toNumber(),
          color: color(tr.strategyId),
          kind: "up",
          title: `${tr.strategyId} entry ${tr.entryId} @ ${tr.entryPrice.toFixed()}`,
        });
      if (tr.exitTime !== null && tr.exitPrice !== null)
        markers.push({
          x: tr.exitTime,
          y: tr.exitPrice.toNumber(),
          color: color(tr.strategyId),
          kind: "down",
          title: `${tr.strategyId} exit ${tr.entryId} @ ${tr.exitPrice.toFixed()} (P&L ${tr.realizedPnl.toFixed()})`,
        });
    }
    parts.push(
      lineChart([{ name: `${s.instrumentId} close`, color: "#555", x: ct, y: close }], {
        title: `${s.instrumentId} (${s.timeframe}) — ▲ entry ▼ exit, colour = strategy (${strategies
          .map((x) => `${x}`)
          .join(", ")})`,
        markers,
      }),
    );
  }
  parts.push("<h2>Signals</h2>");
  const reasons = new Set<string>();
  for (const s of strategies)
    for (const r of Object.keys(result.signals.byStrategy[s]?.skippedByReason ?? {})) reasons.add(r);
  const reasonList = [...reasons].sort();
  parts.push(
    table(
      ["Strategy", "Signals", "Executed", "Skipped", ...reasonList],
      strategies.map((s) => {
        const c = result.signals.byStrategy[s];
        const cells = [
          c?.total ?? 0,
          c?.executed ?? 0,
          c?.skipped ?? 0,
          ...reasonList.map((r) => c?.skippedByReason[r] ?? 0),
        ];
        return `<tr><th>${escapeHtml(s)}</th>${cells.map((x) => `<td>${x}</td>`).join("")}</tr>`;
      }),
    ),
  );
  parts.push(`<p>Consensus events: ${result.consensusEvents.length}</p>`);
  parts.push("<h2>Kill switch</h2>");
  parts.push(
    result.killSwitchEvents.length === 0
      ? "<p>Never activated.</p>"
      : table(
          ["Time", "Event", "Reasons"],
          result.killSwitchEvents.map(
            (e) =>
              `<tr><td>${time(e.at)}</td><td>${escapeHtml(e.type)}</td><td>${escapeHtml(e.reasons.join("; "))}</td></tr>`,
          ),
        ),
  );
  parts.push("<h2>Data quality</h2>");
  parts.push(
    table(
      ["Series", "Source", "Bars", "Gaps", "Missing bars", "Duplicates", "Out of order", "Misaligned"],
      result.dataQuality.series.map(
        (q) =>
          `<tr><th>${escapeHtml(`${q.instrumentId} ${q.timeframe}`)}</th><td>${escapeHtml(q.source)}</td><td>${q.bars}</td><td>${q.gaps.length}</td><td>${q.missingBars}</td><td>${q.duplicates.length}</td><td>${q.outOfOrderRows}</td><td>${q.misalignedLines.length}</td></tr>`,
      ),
    ),
  );
  const maxRows = options.maxTradeRows ?? 500;
  parts.push(
    `<h2>Trades (${result.trades.length}${result.trades.length > maxRows ? `, first ${maxRows} shown` : ""})</h2>`,
  );
  parts.push(
    table(
      [
        "Entry",
        "Strategy",
        "Instrument",
        "Side",
        "Qty",
        "Entry time",
        "Entry price",
        "Exit time",
        "Exit price",
        "Realized P&L",
      ],
      result.trades.slice(0, maxRows).map((tr: TradeRecord) => {
        const cells = [
          tr.entryId,
          tr.strategyId,
          tr.instrumentId,
          tr.side,
          tr.quantity.toFixed(),
          time(tr.entryTime),
          tr.entryPrice?.toFixed() ?? "–",
          time(tr.exitTime),
          tr.exitPrice?.toFixed() ?? "–",
          tr.realizedPnl.toFixed(),
        ];
        return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`;
      }),
    ),
  );
  parts.push("</body></html>\n");
  return parts.join("\n");
}
