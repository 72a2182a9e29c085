// Tests of the HTML report (self-contained, no external URLs), terminal summary and progress bar.
import { Decimal } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { createBarSeries } from "../data/bar-series.js";
import { computeMetrics } from "../metrics/metrics.js";
import type { BacktestResult } from "../results/types.js";
import { renderHtmlReport } from "./html-report.js";
import { createProgress } from "./progress.js";
import { formatSummary } from "./summary-table.js";

const T0 = Date.UTC(2018, 0, 10);
function fixture(): { result: BacktestResult; series: ReturnType<typeof createBarSeries> } {
  const n = 50;
  const times = Float64Array.from({ length: n }, (_, i) => T0 + (i + 1) * 300_000);
  const total = Float64Array.from({ length: n }, (_, i) => 10 + Math.sin(i / 5) * 0.1);
  const close = Float64Array.from({ length: n }, (_, i) => 0.08 + i * 0.0001);
  const series = createBarSeries(
    { instrumentId: "ETH/BTC", timeframe: "5m", source: "x.csv" },
    {
      openTime: Float64Array.from({ length: n }, (_, i) => T0 + i * 300_000),
      open: close,
      high: close,
      low: close,
      close,
      volume: new Float64Array(n),
    },
  );
  const m = computeMetrics({
    equity: total,
    durationMs: n * 300_000,
    timeframeMs: 300_000,
    tradePnls: [0.01, -0.005],
    barsInMarket: 10,
  });
  const result: BacktestResult = {
    meta: {
      startTime: T0,
      endTime: T0 + n * 300_000,
      bars: n,
      samples: n,
      currency: "BTC",
      initialCash: new Decimal(10),
      finalEquity: new Decimal("10.05"),
      finalCash: new Decimal("10.05"),
      strategies: ["trend<v1>"],
      instruments: ["ETH/BTC"],
      timeframeMs: 300_000,
      periodsPerYear: 105_120,
    },
    equity: { times, total, byStrategy: { "trend<v1>": total } },
    drawdown: { total: new Float64Array(n), byStrategy: { "trend<v1>": new Float64Array(n) } },
    trades: [
      {
        entryId: "trend<v1>:o1",
        strategyId: "trend<v1>",
        instrumentId: "ETH/BTC",
        side: "long",
        status: "filled",
        quantity: new Decimal(1),
        openQuantity: new Decimal(0),
        entryPrice: new Decimal("0.081"),
        entryTime: T0 + 10 * 300_000,
        exitPrice: new Decimal("0.082"),
        exitTime: T0 + 20 * 300_000,
        realizedPnl: new Decimal("0.001"),
        unrealizedPnl: new Decimal(0),
      },
    ],
    metrics: { total: m, byStrategy: { "trend<v1>": m } },
    signals: {
      total: { total: 3, executed: 2, skipped: 1, skippedByReason: { kill_switch: 1 } },
      byStrategy: { "trend<v1>": { total: 3, executed: 2, skipped: 1, skippedByReason: { kill_switch: 1 } } },
    },
    consensusEvents: [],
    killSwitchEvents: [
      { type: "kill_switch_on", at: T0 + 300_000, reasons: ["daily_drawdown"], details: {} },
    ],
    strategyErrors: [],
    dataQuality: { ok: true, series: [] },
  };
  return { result, series };
}

describe("HTML report", () => {
  it("is self-contained: inline SVG charts, no script, no http(s) URL", () => {
    const { result, series } = fixture();
    const html = renderHtmlReport(result, { series: [series] });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect((html.match(/<svg /g) ?? []).length).toBe(3); // equity, drawdown, price
    expect(html).toContain("<polyline");
    expect(html).toContain("trend&#60;v1&#62;"); // names are escaped
    expect(html).not.toContain("trend<v1>");
    expect(html).toContain("exit trend&#60;v1&#62;:o1 @ 0.082"); // exit marker title
    expect(html).toContain("daily_drawdown");
  });
});

describe("terminal summary", () => {
  it("lists each strategy, the total, skip reasons and kill-switch activations", () => {
    const text = formatSummary(fixture().result);
    expect(text).toMatch(/trend<v1>\s+/);
    expect(text).toMatch(/TOTAL/);
    expect(text).toContain("kill_switch");
    expect(text).toContain("Kill-switch activations: 1");
  });
});

describe("progress bar", () => {
  it("draws only on a TTY, about 200 times, and finishes with a newline", () => {
    const writes: string[] = [];
    const tty = { isTTY: true, write: (s: string) => writes.push(s) };
    const p = createProgress({ total: 10_000, stream: tty });
    for (let i = 0; i < 10_000; i++) p.update(i);
    p.finish();
    expect(writes.length).toBeGreaterThan(100);
    expect(writes.length).toBeLessThan(260);
    expect(writes[writes.length - 1]).toBe("\n");
    const quiet: string[] = [];
    const q = createProgress({ total: 100, stream: { isTTY: false, write: (s: string) => quiet.push(s) } });
    q.update(50);
    q.finish();
    expect(quiet).toEqual([]);
  });
});
