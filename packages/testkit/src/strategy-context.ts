// createStrategyContext: a StrategyContext built from plain data, to unit-test a strategy without a runner.
import {
  type Bar,
  type Decimal,
  type DecimalInput,
  type EntrySide,
  type Instrument,
  type InstrumentInput,
  InstrumentSchema,
  type StrategyContext,
  type StrategyPositionView,
  type Timeframe,
  ValidationError,
  type ValidationIssue,
  ZERO,
  isTimeframe,
  makeSignalId,
  toValidationIssues,
  tryParseDecimal,
} from "@quiver/core";

/** One of the strategy's own positions, when a bare quantity (a long) is not enough. */
export interface StrategyPositionInput {
  /** Default "long". */
  side?: EntrySide;
  /** Open quantity (≥ 0; contracts for binary markets). */
  quantity: DecimalInput;
  /** Number of open entries behind the position. Default 1. */
  entryCount?: number;
}

/** Options of {@link createStrategyContext}. Only `strategyId` is required. */
export interface StrategyContextOptions {
  /** The strategy under test (used by `signalId`). */
  strategyId: string;
  /** Decision time, epoch ms. Default: the latest `closeTime` of `bars` (required when there are none). */
  now?: number;
  /** The closed bars that triggered this cycle, at most one per instrument. Default none. */
  bars?: readonly Bar[];
  /** Timeframe of the cycle. Default: the first bar's timeframe, else "1m". */
  timeframe?: Timeframe;
  /**
   * The strategy's universe. Default: every instrument named in `bars`, `positions`, `history`,
   * `lastPrices` and `instruments`, in that order of first mention. Like the runner's context,
   * `position`, `lastPrice` and `history` answer nothing for an instrument outside it.
   */
  universe?: readonly string[];
  /** Instrument definitions (validated with core's `InstrumentSchema`). Default none. */
  instruments?: readonly InstrumentInput[];
  /** This strategy's open positions by instrument id: a quantity (a long) or a full position. */
  positions?: Readonly<Record<string, DecimalInput | StrategyPositionInput>>;
  /** Closed bars `history(instrumentId, timeframe, limit)` serves, filtered and sorted by open time. */
  history?: readonly Bar[];
  /** Last prices by instrument id. Default: the close of the latest bar of `bars`, else of `history`. */
  lastPrices?: Readonly<Record<string, number>>;
}

const EMPTY: readonly Bar[] = Object.freeze([]);

function isPositionInput(v: DecimalInput | StrategyPositionInput): v is StrategyPositionInput {
  return typeof v === "object" && v !== null && "quantity" in v;
}

/**
 * Builds a read-only {@link StrategyContext} from plain data, behaving like the runner's context
 * for one decision cycle: `position` is this strategy's open quantity (0 when flat), `positions`
 * lists the non-zero ones, `lastPrice` and `history` answer only for the universe, and `signalId`
 * is core's `makeSignalId(strategyId, instrumentId, now, suffix)`. Use it to call a strategy's
 * `generateIntents` directly in a unit test.
 *
 * @throws ValidationError naming the field (`bars[1].instrumentId`, `positions.NVDA`, `now`, …)
 * for an open bar, two bars of one instrument, a negative or malformed quantity, an invalid
 * instrument, a bad timeframe, or no `now` and no bars.
 * @example
 * const bar = makeBar({ instrumentId: "NVDA", timeframe: "1d", openTime: 0, close: 101 });
 * const ctx = createStrategyContext({ strategyId: "rsi", bars: [bar], positions: { NVDA: 10 } });
 * const intents = strategy.generateIntents(ctx);
 */
export function createStrategyContext(options: StrategyContextOptions): StrategyContext {
  const issues: ValidationIssue[] = [];
  const { strategyId } = options;
  if (typeof strategyId !== "string" || strategyId === "")
    issues.push({ path: "strategyId", message: "must be a non-empty string" });

  const bars = options.bars ?? [];
  const barsById = new Map<string, Bar>();
  bars.forEach((bar, i) => {
    if (bar.closed !== true)
      issues.push({ path: `bars[${i}].closed`, message: "strategies only see closed bars" });
    if (barsById.has(bar.instrumentId))
      issues.push({ path: `bars[${i}].instrumentId`, message: `second bar of "${bar.instrumentId}"` });
    else barsById.set(bar.instrumentId, Object.freeze({ ...bar }));
  });

  let now = options.now;
  if (now === undefined && bars.length > 0) now = Math.max(...bars.map((b) => b.closeTime));
  if (now === undefined) issues.push({ path: "now", message: "required when there are no bars" });
  else if (!Number.isSafeInteger(now) || now < 0)
    issues.push({ path: "now", message: `must be epoch milliseconds, got ${String(now)}` });

  const timeframe = options.timeframe ?? bars[0]?.timeframe ?? "1m";
  if (!isTimeframe(timeframe))
    issues.push({ path: "timeframe", message: `must be a timeframe like "1d", got "${String(timeframe)}"` });

  const positions: StrategyPositionView[] = [];
  const quantities = new Map<string, Decimal>();
  for (const [instrumentId, raw] of Object.entries(options.positions ?? {})) {
    const input = isPositionInput(raw) ? raw : { quantity: raw };
    const q = tryParseDecimal(input.quantity, { min: 0 });
    if (!q.ok) {
      issues.push({ path: `positions.${instrumentId}`, message: q.message });
      continue;
    }
    const entryCount = input.entryCount ?? 1;
    if (!Number.isInteger(entryCount) || entryCount < 1)
      issues.push({ path: `positions.${instrumentId}.entryCount`, message: "must be an integer ≥ 1" });
    quantities.set(instrumentId, q.value);
    if (q.value.greaterThan(0))
      positions.push(
        Object.freeze({ instrumentId, side: input.side ?? "long", quantity: q.value, entryCount }),
      );
  }

  const instruments = new Map<string, Instrument>();
  (options.instruments ?? []).forEach((input, i) => {
    const r = InstrumentSchema.safeParse(input);
    if (!r.success) {
      for (const issue of toValidationIssues(r.error))
        issues.push({
          path: issue.path === "" ? `instruments[${i}]` : `instruments[${i}].${issue.path}`,
          message: issue.message,
        });
    } else instruments.set(r.data.id, Object.freeze(r.data));
  });

  if (issues.length > 0) throw new ValidationError("StrategyContext", issues);

  const historyBars = [...(options.history ?? [])].sort((a, b) => a.openTime - b.openTime);
  const universe = Object.freeze([
    ...new Set(
      options.universe ?? [
        ...barsById.keys(),
        ...quantities.keys(),
        ...historyBars.map((b) => b.instrumentId),
        ...Object.keys(options.lastPrices ?? {}),
        ...instruments.keys(),
      ],
    ),
  ]);
  const allowed = new Set(universe);
  const lastPrices = new Map<string, number>();
  for (const b of historyBars) lastPrices.set(b.instrumentId, b.close);
  for (const [id, b] of barsById) lastPrices.set(id, b.close);
  for (const [id, p] of Object.entries(options.lastPrices ?? {})) lastPrices.set(id, p);
  const at = now as number;

  return Object.freeze({
    now: at,
    timeframe,
    bars: barsById as ReadonlyMap<string, Bar>,
    universe,
    instruments: instruments as ReadonlyMap<string, Instrument>,
    position: (instrumentId: string) =>
      allowed.has(instrumentId) ? (quantities.get(instrumentId) ?? ZERO) : ZERO,
    positions: Object.freeze(positions.filter((p) => allowed.has(p.instrumentId))),
    lastPrice: (instrumentId: string) =>
      allowed.has(instrumentId) ? lastPrices.get(instrumentId) : undefined,
    history: (instrumentId: string, tf: Timeframe, limit?: number): readonly Bar[] => {
      if (!allowed.has(instrumentId)) return EMPTY;
      const out = historyBars.filter((b) => b.instrumentId === instrumentId && b.timeframe === tf);
      return Object.freeze(limit === undefined ? out : out.slice(Math.max(0, out.length - limit)));
    },
    signalId: (instrumentId: string, suffix?: string) => makeSignalId(strategyId, instrumentId, at, suffix),
  });
}
