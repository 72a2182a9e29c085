// Per-context aggregates (exposure by asset/instrument/strategy/category, contracts, risk), built once per context.
import type { Decimal, EntrySide, Instrument, RiskContext } from "@quiver/core";
import { MANUAL_STRATEGY_ID, sharedEmpty } from "@quiver/core";
import type { RiskConfig, StrategyRiskConfig } from "../config.js";
import { wilderAtr } from "../atr.js";
import { IdIndex } from "./id-index.js";
import { toNum } from "./num.js";
import { reuse } from "./reuse.js";

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
  /** Cached exact legs (see {@link legsOf}). */
  legs: LegHolding[] | null;
  /** Leg objects of this pair object's earlier uses, reused by {@link legsOf}. */
  legPool: LegHolding[];
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
  config: RiskConfig;
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
  /**
   * ATR of instruments outside the book, computed lazily (the book's own are in {@link InstAgg.atr}):
   * instrument ids and their ATRs, alternating, in `atrCache[0..atrCount)`. Usually one entry (the
   * instrument a flat strategy enters), so a short list rather than a Map.
   */
  atrCache: (string | number | null)[];
  atrCount: number;
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
  const cache = book.atrCache;
  const n = book.atrCount;
  for (let k = 0; k < n; k += 2) if (cache[k] === instrumentId) return cache[k + 1] as number | null;
  const atr = computeAtr(book.ctx, book.config, instrumentId);
  if (n + 2 <= cache.length) {
    cache[n] = instrumentId;
    cache[n + 1] = atr;
  } else if (n === 0) book.atrCache = [instrumentId, atr];
  else cache.push(instrumentId, atr);
  book.atrCount = n + 2;
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
  /**
   * One entry per owner holding it, `pairs[0..pairCount)` (few per instrument: a linear scan beats
   * a map); the pair objects beyond are spares of earlier books.
   */
  pairs: Pair[];
  pairCount: number;
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
    const insts = book.insts;
    for (let k = 0; k < insts.size; k++) {
      const agg = insts.at(k);
      if (agg.inst !== undefined) m.set(agg.inst.baseAsset, (m.get(agg.inst.baseAsset) ?? 0) + agg.hard);
    }
    book.assetHard = m;
  }
  return m;
}

/** Exposure per category (built on first use, in instrument order). */
export function categorySoftMap(book: Book): Map<string, number> {
  let m = book.categorySoft;
  if (m === null) {
    m = new Map();
    const insts = book.insts;
    for (let k = 0; k < insts.size; k++) {
      const agg = insts.at(k);
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
    const insts = book.insts;
    for (let k = 0; k < insts.size; k++) {
      const agg = insts.at(k);
      if (agg.inst !== undefined && agg.inst.baseAsset === asset) sum += agg.hard;
    }
    return sum;
  }
  return assetHardMap(book).get(asset) ?? 0;
}

/** Exposure in a category (soft); see {@link assetExposure}. */
export function categoryExposure(book: Book, category: string): number {
  if (book.categorySoft === null && book.insts.size <= SUM_SCAN_MAX) {
    let sum = 0;
    const insts = book.insts;
    for (let k = 0; k < insts.size; k++) {
      const agg = insts.at(k);
      if (agg.inst !== undefined && agg.inst.category === category) sum += agg.soft;
    }
    return sum;
  }
  return categorySoftMap(book).get(category) ?? 0;
}

/** The legs of a pair that holds nothing (shared, never written to). */
const NO_LEGS: LegHolding[] = sharedEmpty();

/**
 * The exact legs of a pair (Decimal sums over its positions), computed on first use. Read-only,
 * and valid until the next book is built (the leg objects and the list are the pair object's own,
 * reused by later books).
 */
export function legsOf(book: Book, pair: Pair | undefined): LegHolding[] {
  if (pair === undefined) return NO_LEGS;
  if (pair.legs !== null) return pair.legs;
  let pool = pair.legPool;
  let n = 0;
  for (let i = pair.head; i >= 0; i = book.next[i] as number) {
    const p = book.ctx.positions[i] as RiskContext["positions"][number];
    const qtyNum = toNum(p.quantity);
    const notional = toNum(p.notional);
    let same: LegHolding | undefined;
    for (let k = 0; k < n; k++) if ((pool[k] as LegHolding).leg === p.side) same = pool[k];
    if (same) {
      same.qty = same.qty.plus(p.quantity);
      same.qtyNum += qtyNum;
      same.notional += notional;
      same.notionalDec = same.notionalDec.plus(p.notional);
      continue;
    }
    const spare = n < pool.length ? (pool[n] as LegHolding) : undefined;
    if (spare !== undefined) {
      spare.leg = p.side;
      spare.qty = p.quantity;
      spare.qtyNum = qtyNum;
      spare.notional = notional;
      spare.notionalDec = p.notional;
    } else {
      const leg: LegHolding = { leg: p.side, qty: p.quantity, qtyNum, notional, notionalDec: p.notional };
      // (A one-element literal for the usual single leg: a push onto [] reserves room for 17.)
      if (pool.length === 0) {
        pool = [leg];
        pair.legPool = pool;
      } else pool.push(leg);
    }
    n++;
  }
  // The pool itself when it holds exactly these legs (the usual case once warm), else a copy.
  const legs = n === 0 ? NO_LEGS : n === pool.length ? pool : pool.slice(0, n);
  pair.legs = legs;
  return legs;
}

/** What `owner` holds in `instrumentId`, if anything. */
export function pairOf(book: Book, owner: string, instrumentId: string): Pair | undefined {
  const agg = book.insts.get(instrumentId);
  if (agg === undefined) return undefined;
  const pairs = agg.pairs;
  for (let k = 0; k < agg.pairCount; k++) if ((pairs[k] as Pair).owner === owner) return pairs[k];
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

/** The pairs of an instrument aggregate before its first (shared, never written to: see addHolding). */
const NO_PAIRS: Pair[] = sharedEmpty();

/** Shared by every book built in shared-ownership mode, where nothing is ever added to it. */
const NO_OWNERS: Map<string, Set<string>> = new Map();

/** `Book.next` of a context without positions (shared, never written to). */
const NO_NEXT: number[] = [];

/** `Book.atrCache` before the first entry (shared, never written to: see {@link atrOf}). */
const NO_ATRS: (string | number | null)[] = [];

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
    // An owner object of an earlier book, every field reset, or a new one (same fields, same order).
    const soft = !manual || b.includeManual;
    const strategy = manual ? config.strategyDefaults : strategyConfig(config, ownerId);
    o = book.holders.spare();
    if (o !== undefined) {
      o.id = ownerId;
      o.manual = manual;
      o.soft = soft;
      o.strategy = strategy;
      o.exp = 0;
      o.openCount = 0;
    } else o = { id: ownerId, manual, soft, strategy, exp: 0, openCount: 0 };
    book.holders.add(o);
  }
  b.last = o;
  const insts = book.insts;
  let agg = insts.get(instrumentId);
  if (agg === undefined) {
    const inst = own(book.ctx.instruments, instrumentId);
    agg = insts.spare();
    if (agg !== undefined) {
      agg.id = instrumentId;
      agg.inst = inst;
      agg.hard = 0;
      agg.soft = 0;
      agg.softContracts = 0;
      agg.heldSoft = false;
      agg.pairCount = 0; // (its pair objects stay as spares)
      agg.atr = undefined;
    } else
      agg = {
        id: instrumentId,
        inst,
        hard: 0,
        soft: 0,
        softContracts: 0,
        heldSoft: false,
        pairs: NO_PAIRS,
        pairCount: 0,
        atr: undefined,
      };
    insts.add(agg);
  }
  let pair: Pair | undefined;
  const pairs = agg.pairs;
  for (let k = 0; k < agg.pairCount; k++)
    if ((pairs[k] as Pair).owner === ownerId) {
      pair = pairs[k];
      break;
    }
  if (pair === undefined) {
    pair = agg.pairCount < pairs.length ? (pairs[agg.pairCount] as Pair) : undefined;
    if (pair !== undefined) {
      pair.owner = ownerId;
      pair.contracts = 0;
      pair.open = false;
      pair.longQty = 0;
      pair.head = -1;
      pair.tail = -1;
      pair.legs = null; // (its leg objects stay in legPool)
    } else {
      pair = {
        owner: ownerId,
        contracts: 0,
        open: false,
        longQty: 0,
        head: -1,
        tail: -1,
        legs: null,
        legPool: NO_LEGS,
      };
      // (A one-element literal for the usual single owner: a push onto [] reserves room for 17.)
      if (pairs.length === 0) agg.pairs = [pair];
      else pairs.push(pair);
    }
    agg.pairCount++;
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
  const nPositions = ctx.positions.length;
  // The last book is only ever read by the call that asked for it (a book is never kept across
  // calls, and getBook never runs while another engine call is on the stack), so building the next
  // one in it — its aggregate objects reused through the id indexes — is safe, and allocates
  // nothing for a book of the usual shape.
  let book = reuse.enabled ? lastBook : null;
  if (book === null) {
    book = {
      config,
      equity: toNum(ctx.equity),
      cash: toNum(ctx.cash),
      buyingPower: toNum(ctx.buyingPower),
      insts: new IdIndex(),
      holders: new IdIndex(),
      assetHard: null,
      categorySoft: null,
      manualExp: 0,
      // A plain array (a typed array's allocation costs more than the whole book of a small account).
      next: nPositions === 0 ? NO_NEXT : new Array<number>(nPositions),
      heldSoftCount: 0,
      rowsSoftCount: 0,
      engagedCount: 0,
      owners: instOwners,
      totalRiskHard: 0,
      grossHard: 0,
      pendingBuyNotional: 0,
      atrCache: NO_ATRS,
      atrCount: 0,
      ctx,
    };
  } else {
    lastCtx = null; // (while it is rebuilt, the book answers for no context)
    book.config = config;
    book.equity = toNum(ctx.equity);
    book.cash = toNum(ctx.cash);
    book.buyingPower = toNum(ctx.buyingPower);
    book.insts.clear();
    book.holders.clear();
    book.assetHard = null;
    book.categorySoft = null;
    book.manualExp = 0;
    // Entries of `next` are written for every position before they are read: a long enough array
    // from an earlier book will do.
    if (book.next.length < nPositions) book.next = new Array<number>(nPositions);
    book.heldSoftCount = 0;
    book.rowsSoftCount = 0;
    book.engagedCount = 0;
    book.owners = instOwners;
    book.totalRiskHard = 0;
    book.grossHard = 0;
    book.pendingBuyNotional = 0;
    book.atrCount = 0;
    book.ctx = ctx;
  }
  // One Build for every pass (getBook never runs inside another): its fields are all reset here.
  const b = build;
  b.book = book;
  b.last = undefined;
  b.includeManual = config.includeManualPositions;
  b.exclusive = exclusive;
  b.instOwners = instOwners;
  const positions = ctx.positions;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i] as (typeof positions)[number];
    if (p.quantity.isZero()) continue;
    addHolding(b, p.strategyId, p.instrumentId, p.side, i, toNum(p.quantity), toNum(p.notional));
  }
  // Indexed loops over the context's arrays: a runner may hand over frozen ones (a shared empty
  // list, say), and a for…of over a frozen array allocates its iterator on every pass.
  const pending = ctx.pendingOrders;
  for (let k = 0; k < pending.length; k++) {
    const o = pending[k] as (typeof pending)[number];
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
  const holders = book.holders;
  for (let k = 0; k < holders.size; k++) {
    const o = holders.at(k);
    if (o.manual) book.manualExp += o.exp;
    else if (o.openCount > 0) book.engagedCount++;
  }
  const insts = book.insts;
  for (let k = 0; k < insts.size; k++) {
    const agg = insts.at(k);
    if (agg.inst !== undefined && agg.heldSoft) book.heldSoftCount++;
  }
  b.book = NO_BOOK;
  b.last = undefined;
  b.instOwners = NO_OWNERS;
  lastCtx = ctx;
  lastBook = book;
  return book;
}

/** What {@link build} points at between passes. */
const NO_BOOK = {} as Book;

/** The state of the current (or last) {@link getBook} pass, reused. */
const build: Build = {
  book: NO_BOOK,
  last: undefined,
  includeManual: false,
  exclusive: false,
  instOwners: NO_OWNERS,
};
