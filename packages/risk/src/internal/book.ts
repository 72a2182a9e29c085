// Per-context aggregates (exposure by asset/instrument/strategy/category, contracts, risk), built once per context.
import type { Decimal, EntrySide, Instrument, RiskContext } from "@quiver/core";
import { MANUAL_STRATEGY_ID } from "@quiver/core";
import type { RiskConfig, StrategyRiskConfig } from "../config.js";
import { wilderAtr } from "../atr.js";
import { IdIndex } from "./id-index.js";
import { toNum } from "./num.js";

/** Own-property lookup: a record key such as "constructor" must never reach Object.prototype. */
export function own<T>(rec: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  if (rec === undefined) return undefined;
  const v = rec[key];
  // A miss costs one lookup; a hit is confirmed as an own property (never Object.prototype's).
  return v !== undefined && Object.hasOwn(rec, key) ? v : undefined;
}

/** Internal id of manual (unowned) positions; ids cannot contain control characters. */
export const MANUAL = "\u0001manual";

/** Map key of a (strategy, instrument) pair. */
export function pairKey(strategyId: string, instrumentId: string): string {
  return `${strategyId}\u0000${instrumentId}`;
}

/** One leg a strategy holds in an instrument, summed exactly from the context's positions. */
export interface LegHolding {
  leg: EntrySide;
  qty: Decimal;
  qtyNum: number;
  notional: number;
  notionalDec: Decimal;
}

/** What one owner (strategy or MANUAL) holds in one instrument, as numbers; positions chained by index. */
export interface Pair {
  /** Owner id (strategy id or {@link MANUAL}). */
  owner: string;
  /** Binary contracts held (all legs, counting working buys). */
  contracts: number;
  /** Holds (or is opening) something. */
  open: boolean;
  /** Long quantity held (for the pending-sell check). */
  longQty: number;
  /** First/last index into context.positions of this pair's positions (-1: none). */
  head: number;
  tail: number;
  /** Cached exact legs. */
  legs: LegHolding[] | null;
}

/**
 * The book's aggregates as numbers (account currency), plus exact Decimal holdings per leg.
 *
 * Built for every new context (a runner builds one per decision), so it allocates little:
 * instruments and owners are {@link IdIndex}es (no Map for a small book), per-strategy figures are
 * read from the owners ({@link strategyExposure}, {@link strategyInstruments}, {@link isEngaged}),
 * and per-asset and per-category totals are summed only when asked for ({@link assetExposure},
 * {@link categoryExposure}).
 */
export interface Book {
  readonly config: RiskConfig;
  equity: number;
  cash: number;
  buyingPower: number;
  /**
   * Per-instrument aggregates (exposure, contracts, held flag, owners' pairs) — read them through
   * {@link instrumentSoft}, {@link contractsSoft}, {@link isHeldSoft} and {@link pairOf}.
   */
  insts: IdIndex<InstAgg>;
  /** Per-owner aggregates (strategy ids and {@link MANUAL}), in first-seen order. */
  holders: IdIndex<OwnerAgg>;
  /** Exposure per base asset; always includes manual positions (hard limit, seed 002 §5.5). Lazy. */
  assetHard: Map<string, number> | null;
  /** Exposure per category; manual positions only when includeManualPositions. Lazy. */
  categorySoft: Map<string, number> | null;
  /** Manual exposure (for status). */
  manualExp: number;
  /** Next position index of the same pair (-1: end); set for the positions that were added. */
  next: number[];
  /** Number of non-flat instruments (soft), counting working opening orders — see {@link isHeldSoft}. */
  heldSoftCount: number;
  /** Open (owner, instrument) rows (soft). */
  rowsSoftCount: number;
  /** Number of strategies that hold anything (see {@link isEngaged}). */
  engagedCount: number;
  /** Strategies holding each instrument (built in exclusive ownership mode only; empty otherwise). */
  owners: ReadonlyMap<string, ReadonlySet<string>>;
  /** Σ per-position risk, always including manual positions. */
  totalRiskHard: number;
  /** Σ notional of every position (leverage check, status). */
  grossHard: number;
  /** Notional of working buy orders (committed cash). */
  pendingBuyNotional: number;
  /** ATR of instruments outside the book, computed lazily (the book's own are in {@link InstAgg.atr}). */
  atrCache: Map<string, number | null> | null;
  ctx: RiskContext;
}

/** Strategy settings with the defaults applied. */
export function strategyConfig(config: RiskConfig, strategyId: string): StrategyRiskConfig {
  return own(config.strategies, strategyId) ?? config.strategyDefaults;
}

/** ATR of an instrument from context.atr, else Wilder ATR of context.bars over the lookback. */
function computeAtr(ctx: RiskContext, config: RiskConfig, instrumentId: string): number | null {
  let atr: number | null = own(ctx.atr, instrumentId) ?? null;
  if (atr === null) {
    const bars = own(ctx.bars, instrumentId);
    if (bars !== undefined && bars.length > 0) {
      const n = config.volatilityLookbackBars;
      atr = wilderAtr(bars.length > n * 3 ? bars.slice(bars.length - n * 3) : bars, n);
    }
  }
  return atr;
}

/** ATR of an instrument (see {@link computeAtr}), computed at most once per book. */
export function atrOf(book: Book, instrumentId: string): number | null {
  const agg = book.insts.get(instrumentId);
  if (agg !== undefined && agg.atr !== undefined) return agg.atr;
  let cache = book.atrCache;
  if (cache === null) {
    cache = new Map();
    book.atrCache = cache;
  }
  const cached = cache.get(instrumentId);
  if (cached !== undefined) return cached;
  const atr = computeAtr(book.ctx, book.config, instrumentId);
  cache.set(instrumentId, atr);
  return atr;
}

/**
 * Per-unit risk of holding one unit on `leg` at notional-per-unit `pn` (account currency): binary
 * contracts can lose what they cost; otherwise ATR × atrMultiple, else price × stopPct, else the
 * whole price (conservative). A long never risks more than its price.
 */
export function unitRisk(
  book: Book,
  inst: Instrument,
  strategy: StrategyRiskConfig,
  leg: EntrySide,
  pn: number,
): number {
  if (inst.kind === "binary") return pn;
  return unitRiskWithAtr(atrOf(book, inst.id), strategy, leg, pn);
}

/** {@link unitRisk} of a non-binary instrument whose ATR is already known. */
function unitRiskWithAtr(
  atr: number | null,
  strategy: StrategyRiskConfig,
  leg: EntrySide,
  pn: number,
): number {
  let r: number;
  if (atr !== null && atr > 0) r = atr * strategy.atrMultiple;
  else if (strategy.stopPct !== undefined) r = (pn * strategy.stopPct) / 100;
  else r = pn;
  return leg === "short" ? r : Math.min(r, pn);
}

/** True when a position/order id means "manual" (null or the reserved "manual" id). */
export function isManual(strategyId: string | null): boolean {
  return strategyId === null || strategyId === MANUAL_STRATEGY_ID;
}

/** Aggregates of one instrument over the context's positions and working orders. */
export interface InstAgg {
  /** Instrument id. */
  id: string;
  inst: Instrument | undefined;
  hard: number;
  /** Exposure; manual positions only when includeManualPositions. */
  soft: number;
  /** Binary contracts (soft). */
  softContracts: number;
  /** Non-flat (soft), counting working opening orders. */
  heldSoft: boolean;
  /** One entry per owner holding it (few per instrument: a linear scan beats a map). */
  pairs: Pair[];
  /** ATR (non-binary instruments; undefined until first needed). */
  atr: number | null | undefined;
}

/** Aggregates of one owner (a strategy, or {@link MANUAL}). */
export interface OwnerAgg {
  id: string;
  manual: boolean;
  soft: boolean;
  strategy: StrategyRiskConfig;
  /** Σ notional (positions and opening orders). */
  exp: number;
  /** Instruments held (or being opened). */
  openCount: number;
}

/** Exposure of a strategy (0 when it holds nothing; never manual). */
export function strategyExposure(book: Book, strategyId: string): number {
  const o = book.holders.get(strategyId);
  return o === undefined || o.manual ? 0 : o.exp;
}

/** Number of instruments a strategy holds (or is opening). */
export function strategyInstruments(book: Book, strategyId: string): number {
  const o = book.holders.get(strategyId);
  return o === undefined || o.manual ? 0 : o.openCount;
}

/** True when a strategy holds (or is opening) anything — it counts towards maxConcurrentStrategies. */
export function isEngaged(book: Book, strategyId: string): boolean {
  const o = book.holders.get(strategyId);
  return o !== undefined && !o.manual && o.openCount > 0;
}

/** Below this many instruments a per-asset/category total is summed on demand instead of mapped. */
const SUM_SCAN_MAX = 16;

/** Exposure per base asset (built on first use, in instrument order). */
export function assetHardMap(book: Book): Map<string, number> {
  let m = book.assetHard;
  if (m === null) {
    m = new Map();
    for (const agg of book.insts.list)
      if (agg.inst !== undefined) m.set(agg.inst.baseAsset, (m.get(agg.inst.baseAsset) ?? 0) + agg.hard);
    book.assetHard = m;
  }
  return m;
}

/** Exposure per category (built on first use, in instrument order). */
export function categorySoftMap(book: Book): Map<string, number> {
  let m = book.categorySoft;
  if (m === null) {
    m = new Map();
    for (const agg of book.insts.list) {
      const cat = agg.inst?.category;
      if (cat !== undefined) m.set(cat, (m.get(cat) ?? 0) + agg.soft);
    }
    book.categorySoft = m;
  }
  return m;
}

/**
 * Exposure in a base asset, manual positions included. A small book sums its instruments in the
 * same order the map would (so the very same floating-point total); a big one builds the map once.
 */
export function assetExposure(book: Book, asset: string): number {
  if (book.assetHard === null && book.insts.size <= SUM_SCAN_MAX) {
    let sum = 0;
    for (const agg of book.insts.list)
      if (agg.inst !== undefined && agg.inst.baseAsset === asset) sum += agg.hard;
    return sum;
  }
  return assetHardMap(book).get(asset) ?? 0;
}

/** Exposure in a category (soft); see {@link assetExposure}. */
export function categoryExposure(book: Book, category: string): number {
  if (book.categorySoft === null && book.insts.size <= SUM_SCAN_MAX) {
    let sum = 0;
    for (const agg of book.insts.list)
      if (agg.inst !== undefined && agg.inst.category === category) sum += agg.soft;
    return sum;
  }
  return categorySoftMap(book).get(category) ?? 0;
}

/** The exact legs of a pair (Decimal sums over its positions), computed on first use. */
export function legsOf(book: Book, pair: Pair | undefined): LegHolding[] {
  if (pair === undefined) return [];
  if (pair.legs !== null) return pair.legs;
  const legs: LegHolding[] = [];
  for (let i = pair.head; i >= 0; i = book.next[i] as number) {
    const p = book.ctx.positions[i] as RiskContext["positions"][number];
    const qtyNum = toNum(p.quantity);
    const notional = toNum(p.notional);
    let same: LegHolding | undefined;
    for (const l of legs) if (l.leg === p.side) same = l;
    if (same) {
      same.qty = same.qty.plus(p.quantity);
      same.qtyNum += qtyNum;
      same.notional += notional;
      same.notionalDec = same.notionalDec.plus(p.notional);
    } else legs.push({ leg: p.side, qty: p.quantity, qtyNum, notional, notionalDec: p.notional });
  }
  pair.legs = legs;
  return legs;
}

/** What `owner` holds in `instrumentId`, if anything. */
export function pairOf(book: Book, owner: string, instrumentId: string): Pair | undefined {
  const agg = book.insts.get(instrumentId);
  if (agg === undefined) return undefined;
  for (const p of agg.pairs) if (p.owner === owner) return p;
  return undefined;
}

/** Exposure in an instrument (soft: manual positions only when includeManualPositions). */
export function instrumentSoft(book: Book, instrumentId: string): number {
  const agg = book.insts.get(instrumentId);
  return agg === undefined || agg.inst === undefined ? 0 : agg.soft;
}

/** Combined binary contracts held in an instrument (soft). */
export function contractsSoft(book: Book, instrumentId: string): number {
  const agg = book.insts.get(instrumentId);
  return agg === undefined || agg.inst === undefined ? 0 : agg.softContracts;
}

/** True when the instrument is non-flat (soft), counting working opening orders. */
export function isHeldSoft(book: Book, instrumentId: string): boolean {
  const agg = book.insts.get(instrumentId);
  return agg !== undefined && agg.inst !== undefined && agg.heldSoft;
}

/**
 * One-entry cache (the last context's book): evaluate, checkRiskLimits and getRiskStatus on the
 * same context share it. Not a WeakMap: a fresh context per cycle made every entry an ephemeron
 * that kept its book (thousands of objects) alive into the old generation — it doubled the cost of
 * building a book in profiles. Holds at most one context strongly until the next build.
 */
let lastCtx: RiskContext | null = null;
let lastBook: Book | null = null;

/** Shared by every book built in shared-ownership mode, where nothing is ever added to it. */
const NO_OWNERS: Map<string, Set<string>> = new Map();

/** State of one {@link getBook} pass (a plain object, not closures: see {@link addHolding}). */
interface Build {
  book: Book;
  /** The previous position's owner (positions usually come grouped by owner). */
  last: OwnerAgg | undefined;
  includeManual: boolean;
  exclusive: boolean;
  /** The book's `owners` map, writable (exclusive mode). */
  instOwners: Map<string, Set<string>>;
}

/**
 * Adds one position (index >= 0) or working order (index -1) to the aggregates. Module-level on
 * purpose: a nested function would be a fresh closure per book (and, under tsx/esbuild's
 * keepNames, a `defineProperty` of its name on every call).
 */
function addHolding(
  b: Build,
  strategyId: string | null,
  instrumentId: string,
  leg: EntrySide,
  index: number,
  qtyNum: number,
  notional: number,
): void {
  const book = b.book;
  const config = book.config;
  const manual = isManual(strategyId);
  const ownerId = manual ? MANUAL : (strategyId as string);
  let o = b.last !== undefined && b.last.id === ownerId ? b.last : book.holders.get(ownerId);
  if (o === undefined) {
    o = {
      id: ownerId,
      manual,
      soft: !manual || b.includeManual,
      strategy: manual ? config.strategyDefaults : strategyConfig(config, ownerId),
      exp: 0,
      openCount: 0,
    };
    book.holders.add(o);
  }
  b.last = o;
  const insts = book.insts;
  let agg = insts.get(instrumentId);
  if (agg === undefined) {
    agg = {
      id: instrumentId,
      inst: own(book.ctx.instruments, instrumentId),
      hard: 0,
      soft: 0,
      softContracts: 0,
      heldSoft: false,
      pairs: [],
      atr: undefined,
    };
    insts.add(agg);
  }
  let pair: Pair | undefined;
  for (const q of agg.pairs)
    if (q.owner === ownerId) {
      pair = q;
      break;
    }
  if (pair === undefined) {
    pair = { owner: ownerId, contracts: 0, open: false, longQty: 0, head: -1, tail: -1, legs: null };
    agg.pairs.push(pair);
  }
  if (index >= 0) {
    book.next[index] = -1;
    if (pair.tail >= 0) book.next[pair.tail] = index;
    else pair.head = index;
    pair.tail = index;
    if (leg === "long") pair.longQty += qtyNum;
  }
  book.grossHard += notional;
  o.exp += notional;
  const inst = agg.inst;
  if (inst === undefined) {
    // Unknown instrument: still counts towards the gross book and the risk budget.
    book.totalRiskHard += notional;
    return;
  }
  const pn = qtyNum > 0 ? notional / qtyNum : 0;
  if (inst.kind === "binary") book.totalRiskHard += qtyNum * pn;
  else {
    if (agg.atr === undefined) agg.atr = computeAtr(book.ctx, config, instrumentId);
    book.totalRiskHard += qtyNum * unitRiskWithAtr(agg.atr, o.strategy, leg, pn);
  }
  agg.hard += notional;
  const binaryQty = inst.kind === "binary" ? qtyNum : 0;
  pair.contracts += binaryQty;
  if (o.soft) {
    agg.soft += notional;
    agg.softContracts += binaryQty;
  }
  if ((qtyNum > 0 || notional > 0) && !pair.open) {
    pair.open = true;
    o.openCount++;
    if (o.soft) {
      agg.heldSoft = true;
      book.rowsSoftCount++;
    }
    if (!manual && b.exclusive) {
      let set = b.instOwners.get(instrumentId);
      if (set === undefined) {
        set = new Set();
        b.instOwners.set(instrumentId, set);
      }
      set.add(ownerId);
    }
  }
}

/**
 * Builds (or returns the cached) aggregates of a context: one pass over positions and working
 * orders with one lookup per owner, instrument and pair (no string keys built per position);
 * per-asset, per-category and per-strategy totals are then folded from those few aggregates.
 * Contexts are treated as immutable: build a new context object for a new snapshot rather than
 * mutating one already evaluated.
 */
export function getBook(ctx: RiskContext, config: RiskConfig): Book {
  if (ctx === lastCtx && lastBook !== null && lastBook.config === config) return lastBook;
  const exclusive = config.symbolOwnership === "exclusive";
  const instOwners = exclusive ? new Map<string, Set<string>>() : NO_OWNERS;
  const book: Book = {
    config,
    equity: toNum(ctx.equity),
    cash: toNum(ctx.cash),
    buyingPower: toNum(ctx.buyingPower),
    insts: new IdIndex(),
    holders: new IdIndex(),
    assetHard: null,
    categorySoft: null,
    manualExp: 0,
    // A plain array: a typed array's allocation costs more than the whole book of a small account.
    next: [],
    heldSoftCount: 0,
    rowsSoftCount: 0,
    engagedCount: 0,
    owners: instOwners,
    totalRiskHard: 0,
    grossHard: 0,
    pendingBuyNotional: 0,
    atrCache: null,
    ctx,
  };
  const b: Build = {
    book,
    last: undefined,
    includeManual: config.includeManualPositions,
    exclusive,
    instOwners,
  };
  const positions = ctx.positions;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i] as (typeof positions)[number];
    if (p.quantity.isZero()) continue;
    addHolding(b, p.strategyId, p.instrumentId, p.side, i, toNum(p.quantity), toNum(p.notional));
  }
  for (const o of ctx.pendingOrders) {
    const inst = own(ctx.instruments, o.instrumentId);
    const notional = toNum(o.notional);
    let leg: EntrySide = inst?.kind === "binary" ? "yes" : "long";
    if (o.side === "buy") book.pendingBuyNotional += notional;
    else {
      // A sell only adds exposure when it opens a short (no long held by that owner).
      if (inst === undefined || inst.kind === "binary") continue;
      const held = pairOf(book, isManual(o.strategyId) ? MANUAL : o.strategyId, o.instrumentId);
      if (held !== undefined && held.longQty > 0) continue;
      leg = "short";
    }
    addHolding(b, o.strategyId, o.instrumentId, leg, -1, toNum(o.quantity), notional);
  }
  for (const o of book.holders.list) {
    if (o.manual) book.manualExp += o.exp;
    else if (o.openCount > 0) book.engagedCount++;
  }
  for (const agg of book.insts.list) if (agg.inst !== undefined && agg.heldSoft) book.heldSoftCount++;
  lastCtx = ctx;
  lastBook = book;
  return book;
}
