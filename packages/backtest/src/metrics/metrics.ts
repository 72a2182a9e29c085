// Performance metrics: pure functions over an equity curve and closed-trade P&L (hand-checkable).

/** Milliseconds in the year used for annualizing: 365 days (crypto trades every day). */
export const YEAR_MS = 365 * 86_400_000;

/**
 * Bar periods per year for a bar duration, on a 24/7 calendar: 365 × 86 400 000 / timeframeMs
 * (5-minute bars: 105 120). Markets that trade fewer hours should pass their own figure (252 for
 * daily equities) to {@link computeMetrics}.
 */
export function periodsPerYear(timeframeMs: number): number {
  return YEAR_MS / timeframeMs;
}

/** Simple returns between consecutive equity values: `e[i] / e[i−1] − 1` (length n − 1). */
export function periodReturns(equity: ArrayLike<number>): Float64Array {
  const n = Math.max(0, equity.length - 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const prev = equity[i] as number;
    out[i] = prev === 0 ? 0 : (equity[i + 1] as number) / prev - 1;
  }
  return out;
}

/** `last / first − 1`; null for fewer than one value or a zero start. */
export function totalReturn(equity: ArrayLike<number>): number | null {
  if (equity.length === 0) return null;
  const first = equity[0] as number;
  if (first === 0) return null;
  return (equity[equity.length - 1] as number) / first - 1;
}

/**
 * Compound annual growth rate: `(end / start)^(YEAR_MS / durationMs) − 1`. null when the duration is
 * not positive, the start is not positive, or the end is negative.
 */
export function cagr(start: number, end: number, durationMs: number): number | null {
  if (!(durationMs > 0) || !(start > 0) || end < 0) return null;
  return (end / start) ** (YEAR_MS / durationMs) - 1;
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s / xs.length;
}

/**
 * Annualized Sharpe ratio of per-period returns: `mean(r − rf) / stdev(r) × √periodsPerYear`, with the
 * sample standard deviation (n − 1). null with fewer than two returns or zero deviation.
 */
export function sharpeRatio(
  returns: ArrayLike<number>,
  periodsPerYearValue: number,
  riskFreePerPeriod = 0,
): number | null {
  const n = returns.length;
  if (n < 2) return null;
  const m = mean(returns);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((returns[i] as number) - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  if (!(sd > 0)) return null;
  return ((m - riskFreePerPeriod) / sd) * Math.sqrt(periodsPerYearValue);
}

/**
 * Annualized Sortino ratio: `mean(r − target) / downsideDeviation × √periodsPerYear`, where the
 * downside deviation is `√(Σ min(r − target, 0)² / n)` over ALL n periods (Sortino & Price).
 * null with fewer than two returns or no period below the target.
 */
export function sortinoRatio(
  returns: ArrayLike<number>,
  periodsPerYearValue: number,
  target = 0,
): number | null {
  const n = returns.length;
  if (n < 2) return null;
  let down = 0;
  for (let i = 0; i < n; i++) {
    const d = (returns[i] as number) - target;
    if (d < 0) down += d * d;
  }
  if (!(down > 0)) return null;
  return ((mean(returns) - target) / Math.sqrt(down / n)) * Math.sqrt(periodsPerYearValue);
}

/** Drawdown at each point as a fraction of the running peak: `e[i] / max(e[0..i]) − 1` (≤ 0). */
export function drawdownSeries(equity: ArrayLike<number>): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i] as number;
    if (e > peak) peak = e;
    out[i] = peak > 0 ? e / peak - 1 : 0;
  }
  return out;
}

/** The deepest drawdown: a positive fraction (0.25 = −25 % from the peak), with where it happened. */
export interface MaxDrawdown {
  maxDrawdown: number;
  peakIndex: number;
  troughIndex: number;
}

/** Largest peak-to-trough fall as a positive fraction of the peak (0 when the curve never falls). */
export function maxDrawdown(equity: ArrayLike<number>): MaxDrawdown {
  let peak = Number.NEGATIVE_INFINITY;
  let peakIndex = 0;
  let best: MaxDrawdown = { maxDrawdown: 0, peakIndex: 0, troughIndex: 0 };
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i] as number;
    if (e > peak) {
      peak = e;
      peakIndex = i;
    } else if (peak > 0) {
      const dd = 1 - e / peak;
      if (dd > best.maxDrawdown) best = { maxDrawdown: dd, peakIndex, troughIndex: i };
    }
  }
  return best;
}

/** Share of closed trades with a positive P&L; null without trades. */
export function winRate(tradePnls: readonly number[]): number | null {
  if (tradePnls.length === 0) return null;
  let wins = 0;
  for (const p of tradePnls) if (p > 0) wins++;
  return wins / tradePnls.length;
}

/** Gross profit / gross loss of closed trades; null without trades or without a losing trade. */
export function profitFactor(tradePnls: readonly number[]): number | null {
  let gain = 0;
  let loss = 0;
  for (const p of tradePnls) {
    if (p > 0) gain += p;
    else loss -= p;
  }
  if (tradePnls.length === 0 || loss === 0) return null;
  return gain / loss;
}

/** Share of bars (0–1) during which a position was held; `barsInMarket / totalBars`. */
export function exposure(barsInMarket: number, totalBars: number): number {
  return totalBars > 0 ? barsInMarket / totalBars : 0;
}

/** The metrics Quiver reports per strategy and for the whole book. Ratios are fractions (0.1 = 10 %). */
export interface PerformanceMetrics {
  totalReturn: number | null;
  cagr: number | null;
  sharpe: number | null;
  sortino: number | null;
  maxDrawdown: number;
  winRate: number | null;
  profitFactor: number | null;
  exposure: number;
  tradeCount: number;
}

/** Inputs of {@link computeMetrics}. */
export interface MetricsInput {
  /** Equity sampled at every bar close (same spacing as `timeframeMs`). */
  equity: ArrayLike<number>;
  /** Time span covered by the curve, first to last sample (ms), for CAGR. */
  durationMs: number;
  /** Spacing of the samples; annualization uses {@link periodsPerYear} unless overridden. */
  timeframeMs: number;
  /** Realized P&L of each closed trade (one per ledger entry). */
  tradePnls: readonly number[];
  /** Samples during which a position was open. */
  barsInMarket: number;
  /** Overrides the annualization factor (e.g. 252 for daily equity bars). */
  periodsPerYear?: number;
}

/**
 * Every metric at once. Sharpe and Sortino use per-bar simple returns annualized by
 * `√periodsPerYear` (default 365-day year / bar duration), risk-free rate 0.
 */
export function computeMetrics(input: MetricsInput): PerformanceMetrics {
  const ppy = input.periodsPerYear ?? periodsPerYear(input.timeframeMs);
  const n = input.equity.length;
  const { sharpe, sortino } = returnRatios(input.equity, ppy);
  return {
    totalReturn: totalReturn(input.equity),
    cagr: n > 0 ? cagr(input.equity[0] as number, input.equity[n - 1] as number, input.durationMs) : null,
    sharpe,
    sortino,
    maxDrawdown: maxDrawdown(input.equity).maxDrawdown,
    winRate: winRate(input.tradePnls),
    profitFactor: profitFactor(input.tradePnls),
    exposure: exposure(input.barsInMarket, n),
    tradeCount: input.tradePnls.length,
  };
}

/** The return at `i` exactly as {@link periodReturns} computes it. */
function returnAt(equity: ArrayLike<number>, i: number): number {
  const prev = equity[i] as number;
  return prev === 0 ? 0 : (equity[i + 1] as number) / prev - 1;
}

/**
 * `sharpeRatio(periodReturns(e))` and `sortinoRatio(periodReturns(e))` without the returns array: the
 * returns are recomputed in the same order with the same arithmetic, so the figures are bit-identical
 * (tested), but a million-bar curve allocates no 8 MB temporary per metric.
 */
function returnRatios(
  equity: ArrayLike<number>,
  ppy: number,
): { sharpe: number | null; sortino: number | null } {
  const n = Math.max(0, equity.length - 1);
  if (n < 2) return { sharpe: null, sortino: null };
  let sum = 0;
  let down = 0;
  for (let i = 0; i < n; i++) {
    const r = returnAt(equity, i);
    sum += r;
    if (r < 0) down += r * r;
  }
  const m = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (returnAt(equity, i) - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  return {
    sharpe: sd > 0 ? (m / sd) * Math.sqrt(ppy) : null,
    sortino: down > 0 ? (m / Math.sqrt(down / n)) * Math.sqrt(ppy) : null,
  };
}
