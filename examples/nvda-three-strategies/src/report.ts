// Text output of the NVDA example: per-strategy P&L from the trades, overlapping entries, limit hits.
import { type BacktestResult, type TradeRecord, formatTable } from "@quiver/backtest";
import { Decimal } from "@quiver/core";
import type { LimitHit } from "./run.js";

const day = (t: number | null) => (t === null ? "open" : new Date(t).toISOString().slice(0, 10));

/** Per strategy: trades (ledger entries), closed / open, realized and unrealized P&L in USD. */
export function pnlTable(result: BacktestResult): string {
  const rows = result.meta.strategies.map((s) => {
    const trades = result.trades.filter((t) => t.strategyId === s);
    const realized = trades.reduce((a, t) => a.plus(t.realizedPnl), new Decimal(0));
    const unrealized = trades.reduce((a, t) => a.plus(t.unrealizedPnl), new Decimal(0));
    const open = trades.filter((t) => t.openQuantity.gt(0)).length;
    return [
      s,
      String(trades.length),
      String(trades.length - open),
      String(open),
      realized.toFixed(2),
      unrealized.toFixed(2),
      realized.plus(unrealized).toFixed(2),
    ];
  });
  return formatTable(["Strategy", "entries", "closed", "open", "realized $", "unrealized $", "net $"], rows);
}

/** The first moment two different strategies held NVDA at once, with each one's OWN entry. */
export function firstOverlap(trades: readonly TradeRecord[]): [TradeRecord, TradeRecord] | null {
  const sorted = [...trades]
    .filter((t) => t.entryTime !== null)
    .sort((a, b) => (a.entryTime ?? 0) - (b.entryTime ?? 0));
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      if (a.strategyId === b.strategyId) continue;
      const aEnd = a.exitTime ?? Number.POSITIVE_INFINITY;
      if ((b.entryTime ?? 0) < aEnd) return [a, b];
    }
  }
  return null;
}

/** One trade as a line. */
export function tradeLine(t: TradeRecord): string {
  return `${t.entryId.padEnd(28)} ${t.quantity.toFixed().padStart(4)} sh  in ${day(t.entryTime)} @ ${t.entryPrice?.toFixed(4) ?? "–"}  out ${day(t.exitTime)} @ ${t.exitPrice?.toFixed(4) ?? "–"}  P&L ${t.realizedPnl.toFixed(2)}`;
}

/** Limit hits grouped by (limit, strategy, blocked or downsized). */
export function limitHitTable(hits: readonly LimitHit[]): string {
  const counts = new Map<string, number>();
  for (const h of hits) {
    const blocked = (h.details as { blocked?: boolean }).blocked === true ? "blocked" : "downsized";
    const key = `${h.reasons.join("+")}\u0000${h.strategyId ?? "-"}\u0000${blocked}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = [...counts.entries()].sort().map(([k, n]) => [...k.split("\u0000"), String(n)]);
  return rows.length === 0 ? "  (none)" : formatTable(["Limit", "strategy", "effect", "times"], rows);
}
