// Per-bar equity marks in `number`, re-based from the Decimal book of record whenever the book changes.
import { type Decimal, type Instrument, type Ledger, decimalFromNumber, decimalToNumber } from "@quiver/core";
import { GrowableF64 } from "./growable.js";
import { SampleTimes } from "./sample-times.js";

interface Holding {
  instrument: number;
  /** Value change per unit of price change: ±quantity (÷100 for binary contracts). */
  delta: number;
}

/**
 * Samples total and per-strategy equity at every bar close without Decimal math per bar.
 *
 * When the book changes (a fill, a settlement) the ledger's `seq` moves (or `markDirty()` is called);
 * at the next sample the tracker re-reads the Decimal book — cash and each open position's quantity
 * (converted exactly), and the net P&L of each strategy whose book changed — and values it at the
 * current last prices, then moves those figures with `Σ quantity × (price − basePrice)` in `number`
 * until the next change. Between changes the positions are fixed, so this is exact up to float
 * rounding, and the rounding never accumulates across changes. (SPEC "Performance notes".)
 */
export class EquityTracker {
  private dirty = true;
  private baseTotal = 0;
  private readonly basePrice: Float64Array;
  private readonly totalHoldings: Holding[] = [];
  private readonly baseStrategy: Float64Array;
  private readonly strategyHoldings: Holding[][];
  /** Sample times (as runs: see {@link SampleTimes}). */
  readonly times: SampleTimes;
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
    this.totalDelta = new Float64Array(instruments.length);
    this.uncached = new Uint8Array(strategyIds.length);
    this.baseStrategy = new Float64Array(strategyIds.length);
    this.strategyHoldings = strategyIds.map(() => []);
    this.byStrategy = strategyIds.map(() => new GrowableF64(capacity));
    this.barsInMarket = strategyIds.map(() => 0);
    this.times = new SampleTimes(capacity);
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

  private index: Map<string, number> | null = null;
  private sIndex: Map<string, number> | null = null;

  /** Decimal marks (last prices) for every instrument that has a price. */
  marks(lastPrice: Float64Array): Record<string, Decimal> {
    const out: Record<string, Decimal> = {};
    const insts = this.instruments;
    for (let i = 0; i < insts.length; i++) {
      const p = lastPrice[i] as number;
      // decimalFromNumber reuses the conversion of a price it has just seen
      if (p > 0) out[(insts[i] as Instrument).id] = decimalFromNumber(p);
    }
    return out;
  }

  private rebase(lastPrice: Float64Array): void {
    this.rebases++;
    const ledger = this.ledger;
    this.index ??= new Map(this.instruments.map((inst, i) => [inst.id, i]));
    this.sIndex ??= new Map(this.strategyIds.map((s, i) => [s, i]));
    const index = this.index;
    const sIndex = this.sIndex;
    const totalDelta = this.totalDelta;
    totalDelta.fill(0);
    const uncached = this.uncached;
    uncached.fill(0);
    for (const hs of this.strategyHoldings) hs.length = 0;
    // Every held instrument has a last price: the book's value at those prices is cash plus each
    // position's quantity × price, with cash and quantities read from the Decimal book (exact).
    let priced = true;
    let value = 0;
    for (const p of ledger.getPositionSummaries()) {
      if (p.quantity.isZero()) continue;
      const i = index.get(p.instrumentId);
      const s = sIndex.get(p.strategyId);
      if (i === undefined) {
        // Valued at the ledger's own last mark, which this tracker cannot see: never cache it.
        priced = false;
        if (s !== undefined) uncached[s] = 1;
        continue;
      }
      const binary = (this.instruments[i] as Instrument).kind === "binary";
      const qty = decimalToNumber(p.quantity);
      const short = p.side === "short";
      const delta = ((short || p.side === "no" ? -1 : 1) * qty) / (binary ? 100 : 1);
      totalDelta[i] = (totalDelta[i] as number) + delta;
      if (s !== undefined) (this.strategyHoldings[s] as Holding[]).push({ instrument: i, delta });
      const price = lastPrice[i] as number;
      if (!(price > 0)) {
        priced = false;
        continue;
      }
      const px = p.side === "no" ? 100 - price : price;
      const v = binary ? (qty * px) / 100 : qty * px;
      value += short ? -v : v;
    }
    this.basePrice.set(lastPrice);
    this.marksOf = null;
    this.baseTotal = priced
      ? decimalToNumber(ledger.getCash()) + value
      : decimalToNumber(ledger.getEquity(this.currentMarks(lastPrice)));
    const th = this.totalHoldings;
    th.length = 0;
    for (let i = 0; i < totalDelta.length; i++)
      if (totalDelta[i] !== 0) th.push({ instrument: i, delta: totalDelta[i] as number });
    // @quiver/ledger extras, used when present: a per-strategy change stamp and net P&L without the report.
    const revisionOf = (ledger as { strategyRevision?: unknown }).strategyRevision;
    const netOf = (ledger as { computeStrategyNetPnl?: unknown }).computeStrategyNetPnl;
    for (let k = 0; k < this.strategyIds.length; k++) {
      const s = this.strategyIds[k] as string;
      const rev = typeof revisionOf === "function" ? (revisionOf.call(ledger, s) as unknown) : undefined;
      const holdings = this.strategyHoldings[k] as Holding[];
      const unseen = uncached[k] === 1;
      if (
        !unseen &&
        typeof rev === "number" &&
        this.baseRev[k] === rev &&
        this.samePrices(k, holdings, lastPrice)
      )
        continue;
      const marks = this.currentMarks(lastPrice);
      const net =
        typeof netOf === "function"
          ? (netOf.call(ledger, s, marks) as Decimal)
          : ledger.computeStrategyPnl(s, marks).netPnl;
      this.baseStrategy[k] = this.initialCash + decimalToNumber(net);
      this.baseRev[k] = typeof rev === "number" && !unseen ? rev : undefined;
      const prices = this.basePrices[k] ?? [];
      prices.length = 0;
      for (const h of holdings) prices.push(lastPrice[h.instrument] as number);
      this.basePrices[k] = prices;
    }
    // A held instrument without a price here is valued at the ledger's own last mark, which the
    // tracker cannot see, so no later price move can be added to it: while that lasts, every sample
    // reads the book again.
    this.dirty = !priced;
  }

  /** Per-instrument Σ delta of the last rebase, and which strategies hold an instrument not tracked here. */
  private readonly totalDelta: Float64Array;
  private readonly uncached: Uint8Array;
  /** The marks of this rebase, built on first need. */
  private marksOf: Record<string, Decimal> | null = null;
  private currentMarks(lastPrice: Float64Array): Record<string, Decimal> {
    this.marksOf ??= this.marks(lastPrice);
    return this.marksOf;
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
    this.times.push(time);
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
