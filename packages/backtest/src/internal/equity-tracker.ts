// Per-bar equity marks in `number`, re-based from the Decimal book of record whenever the book changes.
import { Decimal, type Instrument, type Ledger } from "@quiver/core";
import { GrowableF64 } from "./growable.js";

interface Holding {
  instrument: number;
  /** Value change per unit of price change: ±quantity (÷100 for binary contracts). */
  delta: number;
}

/**
 * Samples total and per-strategy equity at every bar close without Decimal math per bar.
 *
 * When the book changes (a fill, a settlement) `markDirty()` is called; at the next sample the tracker
 * asks the ledger — in Decimal — for equity, each strategy's net P&L and the open positions at the
 * current last prices, then moves those figures with `Σ quantity × (price − basePrice)` in `number`
 * until the next change. Between changes the positions are fixed, so this is exact up to float
 * rounding, and the rounding never accumulates across changes. (SPEC "Performance notes".)
 */
export class EquityTracker {
  private dirty = true;
  private baseTotal = 0;
  private readonly basePrice: Float64Array;
  private totalHoldings: Holding[] = [];
  private readonly baseStrategy: Float64Array;
  private strategyHoldings: Holding[][];
  readonly times = new GrowableF64();
  readonly total = new GrowableF64();
  readonly byStrategy: GrowableF64[];
  /** Samples during which each strategy held a position. */
  readonly barsInMarket: number[];
  /** Samples during which the book held any position. */
  barsInMarketTotal = 0;
  /** How many times the Decimal book was consulted. */
  rebases = 0;

  constructor(
    private readonly ledger: Ledger,
    private readonly strategyIds: readonly string[],
    private readonly instruments: readonly Instrument[],
    private readonly initialCash: number,
    capacity = 1024,
  ) {
    this.basePrice = new Float64Array(instruments.length);
    this.markOf = new Float64Array(instruments.length);
    this.baseStrategy = new Float64Array(strategyIds.length);
    this.strategyHoldings = strategyIds.map(() => []);
    this.byStrategy = strategyIds.map(() => new GrowableF64(capacity));
    this.barsInMarket = strategyIds.map(() => 0);
    this.times = new GrowableF64(capacity);
    this.total = new GrowableF64(capacity);
  }

  /** The book changed (fill, settlement, adjustment): re-base at the next sample. */
  markDirty(): void {
    this.dirty = true;
  }

  /**
   * Sequence number of the ledger's last event, when the ledger exposes one (@quiver/ledger does):
   * a changed number means the book changed, found in O(1) without listening to (and serializing)
   * every ledger event.
   */
  private lastSeq = -1;
  private ledgerSeq(): number | undefined {
    const seq = (this.ledger as { seq?: unknown }).seq;
    return typeof seq === "number" ? seq : undefined;
  }

  /** Decimal of each instrument's last price, re-created only when that price changed. */
  private readonly markDec: Array<Decimal | undefined> = [];
  private readonly markOf: Float64Array;
  private index: Map<string, number> | null = null;
  private sIndex: Map<string, number> | null = null;

  /** Decimal marks (last prices) for every instrument that has a price. */
  marks(lastPrice: Float64Array): Record<string, Decimal> {
    const out: Record<string, Decimal> = {};
    const insts = this.instruments;
    for (let i = 0; i < insts.length; i++) {
      const p = lastPrice[i] as number;
      if (!(p > 0)) continue;
      let d = this.markDec[i];
      if (d === undefined || this.markOf[i] !== p) {
        d = new Decimal(p);
        this.markDec[i] = d;
        this.markOf[i] = p;
      }
      out[(insts[i] as Instrument).id] = d;
    }
    return out;
  }

  private rebase(lastPrice: Float64Array): void {
    this.rebases++;
    const marks = this.marks(lastPrice);
    this.basePrice.set(lastPrice);
    this.baseTotal = this.ledger.getEquity(marks).toNumber();
    this.index ??= new Map(this.instruments.map((inst, i) => [inst.id, i]));
    this.sIndex ??= new Map(this.strategyIds.map((s, i) => [s, i]));
    const index = this.index;
    const sIndex = this.sIndex;
    const total = new Map<number, number>();
    const uncached = new Set<number>();
    this.strategyHoldings = this.strategyIds.map(() => []);
    for (const p of this.ledger.getPositionSummaries()) {
      const i = index.get(p.instrumentId);
      if (p.quantity.isZero()) continue;
      if (i === undefined) {
        // Valued at the ledger's own last mark, which this tracker cannot see: never cache it.
        const s = sIndex.get(p.strategyId);
        if (s !== undefined) uncached.add(s);
        continue;
      }
      const inst = this.instruments[i] as Instrument;
      const sign = p.side === "short" || p.side === "no" ? -1 : 1;
      const delta = (sign * p.quantity.toNumber()) / (inst.kind === "binary" ? 100 : 1);
      total.set(i, (total.get(i) ?? 0) + delta);
      const s = sIndex.get(p.strategyId);
      if (s !== undefined) (this.strategyHoldings[s] as Holding[]).push({ instrument: i, delta });
    }
    this.totalHoldings = [...total]
      .filter(([, d]) => d !== 0)
      .map(([instrument, delta]) => ({ instrument, delta }));
    // @quiver/ledger extras, used when present: a per-strategy change stamp and net P&L without the report.
    const revisionOf = (this.ledger as { strategyRevision?: unknown }).strategyRevision;
    const netOf = (this.ledger as { computeStrategyNetPnl?: unknown }).computeStrategyNetPnl;
    for (let k = 0; k < this.strategyIds.length; k++) {
      const s = this.strategyIds[k] as string;
      const rev = typeof revisionOf === "function" ? (revisionOf.call(this.ledger, s) as unknown) : undefined;
      const holdings = this.strategyHoldings[k] as Holding[];
      const unseen = uncached.has(k);
      if (
        !unseen &&
        typeof rev === "number" &&
        this.baseRev[k] === rev &&
        this.samePrices(k, holdings, lastPrice)
      )
        continue;
      const net =
        typeof netOf === "function"
          ? (netOf.call(this.ledger, s, marks) as Decimal)
          : this.ledger.computeStrategyPnl(s, marks).netPnl;
      this.baseStrategy[k] = this.initialCash + net.toNumber();
      this.baseRev[k] = typeof rev === "number" && !unseen ? rev : undefined;
      this.basePrices[k] = holdings.map((h) => lastPrice[h.instrument] as number);
    }
    this.dirty = false;
  }

  /**
   * Ledger revision stamp (`strategyRevision`, @quiver/ledger) and held-instrument prices at which
   * each strategy's base was computed: with the same stamp the strategy's book is unchanged, and at
   * the same prices `computeStrategyPnl` would return the very same Decimal, so it is not asked again.
   */
  private readonly baseRev: Array<number | undefined> = [];
  private readonly basePrices: number[][] = [];
  /** Every held instrument has a price (no fallback to the ledger's last marks) equal to the cached one. */
  private samePrices(k: number, holdings: readonly Holding[], lastPrice: Float64Array): boolean {
    const cached = this.basePrices[k];
    if (cached === undefined || cached.length !== holdings.length) return false;
    for (let j = 0; j < holdings.length; j++) {
      const p = lastPrice[(holdings[j] as Holding).instrument] as number;
      if (!(p > 0) || p !== cached[j]) return false;
    }
    return true;
  }

  /** Records one sample at `time` with the current last prices (indexed like `instruments`). */
  sample(time: number, lastPrice: Float64Array): void {
    const seq = this.ledgerSeq();
    if (seq !== undefined && seq !== this.lastSeq) {
      this.lastSeq = seq;
      this.dirty = true;
    }
    if (this.dirty) this.rebase(lastPrice);
    const bp = this.basePrice;
    let e = this.baseTotal;
    const th = this.totalHoldings;
    for (let k = 0; k < th.length; k++) {
      const h = th[k] as Holding;
      e += h.delta * ((lastPrice[h.instrument] as number) - (bp[h.instrument] as number));
    }
    if (th.length > 0) this.barsInMarketTotal++;
    this.times.push(time);
    this.total.push(e);
    for (let s = 0; s < this.strategyHoldings.length; s++) {
      const hs = this.strategyHoldings[s] as Holding[];
      let v = this.baseStrategy[s] as number;
      for (let k = 0; k < hs.length; k++) {
        const h = hs[k] as Holding;
        v += h.delta * ((lastPrice[h.instrument] as number) - (bp[h.instrument] as number));
      }
      if (hs.length > 0) this.barsInMarket[s] = (this.barsInMarket[s] as number) + 1;
      (this.byStrategy[s] as GrowableF64).push(v);
    }
  }
}
