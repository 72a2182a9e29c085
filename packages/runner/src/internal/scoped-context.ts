// The read-only, per-strategy StrategyContext: one reusable object per strategy, scoped to its own book.
import { BarsView } from "./bars-view.js";
import {
  type Bar,
  type Decimal,
  type Instrument,
  type Ledger,
  type StrategyContext,
  type StrategyPositionView,
  type Timeframe,
  ZERO,
  makeSignalId,
} from "@quiver/core";

/** What a context reads from the runner's data hub. */
export interface MarketView {
  lastPrice(instrumentId: string): number | undefined;
  history(instrumentId: string, timeframe: Timeframe, limit?: number): readonly Bar[];
}

const EMPTY_BARS: readonly Bar[] = Object.freeze([]);

/**
 * One strategy's context. The runner reuses the object between calls (no allocation per bar) and
 * updates `now`, `timeframe` and `bars` before each call; values are only valid during the call.
 * Positions come from the ledger filtered by THIS strategy's id; prices and history only for
 * instruments of its universe.
 */
export class ScopedContext implements StrategyContext {
  now = 0;
  timeframe: Timeframe = "1m";
  readonly bars = new BarsView();
  readonly universe: readonly string[];
  readonly instruments: ReadonlyMap<string, Instrument>;
  private readonly allowed: ReadonlySet<string>;

  constructor(
    private readonly strategyId: string,
    universe: readonly string[],
    allInstruments: ReadonlyMap<string, Instrument>,
    private readonly ledger: Ledger,
    private readonly market: MarketView,
  ) {
    this.universe = Object.freeze([...universe]);
    this.allowed = new Set(universe);
    const own = new Map<string, Instrument>();
    for (const id of universe) {
      const inst = allInstruments.get(id);
      if (inst) own.set(id, Object.freeze({ ...inst }));
    }
    this.instruments = own;
  }

  position(instrumentId: string): Decimal {
    if (!this.allowed.has(instrumentId)) return ZERO;
    return this.ledger.getStrategyContracts(instrumentId, this.strategyId);
  }

  get positions(): readonly StrategyPositionView[] {
    return this.ledger.getPositionSummaries({ strategyId: this.strategyId }).map((p) =>
      Object.freeze({
        instrumentId: p.instrumentId,
        side: p.side,
        quantity: p.quantity,
        entryCount: p.entryCount,
      }),
    );
  }

  lastPrice(instrumentId: string): number | undefined {
    return this.allowed.has(instrumentId) ? this.market.lastPrice(instrumentId) : undefined;
  }

  history(instrumentId: string, timeframe: Timeframe, limit?: number): readonly Bar[] {
    if (!this.allowed.has(instrumentId)) return EMPTY_BARS;
    return this.market.history(instrumentId, timeframe, limit);
  }

  signalId(instrumentId: string, suffix?: string): string {
    return makeSignalId(this.strategyId, instrumentId, this.now, suffix);
  }
}
