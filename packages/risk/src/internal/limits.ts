// The clamp chain: every limit's headroom for an increase, in the documented order, shared by evaluate and checkRiskLimits.
import type { EntrySide, Instrument } from "@quiver/core";
import type { StrategyRiskConfig } from "../config.js";
import {
  assetExposure,
  type Book,
  categoryExposure,
  contractsSoft,
  instrumentSoft,
  isEngaged,
  isHeldSoft,
  own,
  pairKey,
  pairOf,
  strategyExposure,
  strategyInstruments,
} from "./book.js";

export { LIMIT_ORDER } from "../limit-order.js";

/**
 * Relative margin on every cap. Zero: limits are exact in binary floating point (a few ulps,
 * ~1e-15 relative); lot rounding then only ever rounds down (see {@link lotsDown}).
 */
const EPS = 0;

/**
 * Whole lots in `qty`, rounded down, forgiving float noise of 1e-7 lot (so 0.3/0.1 gives 3, not 2).
 * A limit can therefore be exceeded by at most 1e-7 of one lot.
 */
export function lotsDown(qty: number, lot: number): number {
  const l = Math.floor(qty / lot + 1e-7);
  // biome-ignore lint/complexity/useMathMinMax: a NaN headroom must become 0 (block); Math.max keeps NaN
  return l > 0 ? l : 0;
}

/** What this cycle's approved increases have consumed so far (evaluate) — empty for checkRiskLimits. */
export interface Overlay {
  asset: Map<string, number>;
  instrument: Map<string, number>;
  category: Map<string, number>;
  strategy: Map<string, number>;
  contracts: Map<string, number>;
  strategyContracts: Map<string, number>;
  risk: number;
  gross: number;
  cash: number;
  bp: number;
  held: Set<string>;
  rows: Set<string>;
  strategyInstruments: Map<string, Set<string>>;
  engaged: Set<string>;
  owners: Map<string, Set<string>>;
}

/** A fresh, empty overlay. */
export function emptyOverlay(): Overlay {
  return {
    asset: new Map(),
    instrument: new Map(),
    category: new Map(),
    strategy: new Map(),
    contracts: new Map(),
    strategyContracts: new Map(),
    risk: 0,
    gross: 0,
    cash: 0,
    bp: 0,
    held: new Set(),
    rows: new Set(),
    strategyInstruments: new Map(),
    engaged: new Set(),
    owners: new Map(),
  };
}

/** One increase request as the limits see it. */
export interface Member {
  strategyId: string;
  inst: Instrument;
  leg: EntrySide;
  /** Notional per unit (account currency). */
  pn: number;
  /** Risk per unit (account currency). */
  ur: number;
  /** Strategy's current quantity on this leg. */
  currentNum: number;
  strategy: StrategyRiskConfig;
}

/** Result of the per-member limits. */
export interface IndividualClamp {
  /** Allowed increase after the per-member limits. */
  x: number;
  /** Chain index of the first per-member limit below the desired size, or -1. */
  first: number;
  /** Chain indexes of per-member limits with no headroom. */
  zeros: number[];
  /** Headroom per limit index (for details), when asked for. */
  rooms: Map<number, number> | null;
}

/**
 * A fresh result, or `into` reset to one (a caller that clamps on every decision passes the same
 * object each time; its `zeros` list is emptied in place).
 */
function resetIndividual(
  into: IndividualClamp | undefined,
  desired: number,
  withRooms: boolean,
): IndividualClamp {
  if (into === undefined) return { x: desired, first: -1, zeros: [], rooms: withRooms ? new Map() : null };
  into.x = desired;
  into.first = -1;
  if (into.zeros.length > 0) into.zeros.length = 0;
  into.rooms = withRooms ? new Map() : null;
  return into;
}

function applyIndividual(out: IndividualClamp, desired: number, idx: number, r: number): void {
  out.rooms?.set(idx, r);
  if (r < desired && out.first < 0) out.first = idx;
  if (r <= 0) out.zeros.push(idx);
  // biome-ignore lint/complexity/useMathMinMax: a NaN headroom must become 0 (block); Math.max keeps NaN
  if (r < out.x) out.x = r > 0 ? r : 0;
}

function addTo(map: Map<string, number>, k: string, v: number): void {
  map.set(k, (map.get(k) ?? 0) + v);
}

function g(map: Map<string, number>, key: string): number {
  return map.get(key) ?? 0;
}

function room(cap: number, used: number, perUnit: number): number {
  if (perUnit <= 0) return Number.POSITIVE_INFINITY;
  const r = (cap - Math.abs(cap) * EPS - used) / perUnit;
  // biome-ignore lint/complexity/useMathMinMax: a NaN headroom must become 0 (block); Math.max keeps NaN
  return r > 0 ? r : 0;
}

/** Number of instruments a strategy holds, counting this cycle's new ones. */
function strategyHolds(book: Book, ov: Overlay, s: string, i: string): { has: boolean; count: number } {
  const extra = ov.strategyInstruments.get(s);
  return {
    has: pairOf(book, s, i)?.open === true || extra?.has(i) === true,
    count: strategyInstruments(book, s) + (extra?.size ?? 0),
  };
}

/** Strategy contracts limit for binary markets (seed 000 strategy_limits, default 50). */
export function strategyContractCap(book: Book, s: string): number {
  return own(book.config.strategyContractsPerMarket, s) ?? book.config.defaultStrategyContractsPerMarket;
}

/**
 * Per-member limits for an increase of `desired` units. `extraRows`/`extraEngaged` count members
 * of the same group already admitted ahead of this one.
 */
export function individualClamp(
  book: Book,
  ov: Overlay,
  m: Member,
  desired: number,
  extraRows = 0,
  extraEngaged = 0,
  withRooms = false,
  into?: IndividualClamp,
): IndividualClamp {
  const c = book.config;
  const E = book.equity;
  const out = resetIndividual(into, desired, withRooms);
  const s = m.strategyId;
  const i = m.inst.id;
  const pair = pairOf(book, s, i);
  applyIndividual(out, desired, 0, room((E * c.maxRiskPerTradePct) / 100, m.currentNum * m.ur, m.ur));
  const mapPct = own(c.maxPerStrategyPct, s);
  if (mapPct !== undefined || m.strategy.maxExposurePct !== undefined) {
    const stratUsed = strategyExposure(book, s) + g(ov.strategy, s);
    if (mapPct !== undefined) applyIndividual(out, desired, 2, room((E * mapPct) / 100, stratUsed, m.pn));
    if (m.strategy.maxExposurePct !== undefined)
      applyIndividual(out, desired, 3, room((E * m.strategy.maxExposurePct) / 100, stratUsed, m.pn));
  }
  if (m.strategy.maxPositions !== undefined) {
    const h = strategyHolds(book, ov, s, i);
    if (!h.has && h.count >= m.strategy.maxPositions) applyIndividual(out, desired, 4, 0);
  }
  if (m.inst.kind === "binary") {
    const used = ov.strategyContracts.size === 0 ? 0 : g(ov.strategyContracts, pairKey(s, i));
    const r = strategyContractCap(book, s) - (pair?.contracts ?? 0) - used;
    // biome-ignore lint/complexity/useMathMinMax: a NaN headroom must become 0 (block); Math.max keeps NaN
    applyIndividual(out, desired, 7, r > 0 ? r : 0);
  }
  // (An empty overlay — a lone group — needs no key built.)
  if (pair?.open !== true && (ov.rows.size === 0 || !ov.rows.has(pairKey(s, i)))) {
    if (book.rowsSoftCount + ov.rows.size + extraRows >= c.maxTotalPositions)
      applyIndividual(out, desired, 12, 0);
  }
  if (c.maxConcurrentStrategies !== null && !isEngaged(book, s) && !ov.engaged.has(s)) {
    if (book.engagedCount + ov.engaged.size + extraEngaged >= c.maxConcurrentStrategies)
      applyIndividual(out, desired, 13, 0);
  }
  return out;
}

/** Result of the shared (per instrument/asset/book) limits for a group of members. */
export interface SharedClamp {
  /** Scale in [0, 1] applied to every member's allowed increase. */
  k: number;
  /** Chain index of the first shared limit below the desired total, or -1. */
  first: number;
  zeros: number[];
  /** Headroom in the limit's own units (notional, contracts, risk) per limit index, when asked for. */
  rooms: Map<number, number> | null;
}

function applyShared(out: SharedClamp, idx: number, avail: number, totA: number, totD: number): void {
  // biome-ignore lint/complexity/useMathMinMax: a NaN headroom must become 0 (block); Math.max keeps NaN
  const r = avail > 0 ? avail : 0;
  out.rooms?.set(idx, r);
  if (totD > 0 && r < totD && out.first < 0) out.first = idx;
  if (r <= 0 && totD > 0) out.zeros.push(idx);
  if (totA > 0 && r < totA) {
    const k = r / totA;
    if (k < out.k) out.k = k;
  }
}

function notionalRoom(equity: number, capPct: number, used: number): number {
  const cap = (equity * capPct) / 100;
  return cap - Math.abs(cap) * EPS - used;
}

/**
 * Shared limits for one instrument: members all trade `inst`; `amounts` are their allowed
 * increases after per-member limits and `desired` their requested increases.
 */
export function sharedClamp(
  book: Book,
  ov: Overlay,
  inst: Instrument,
  members: readonly Member[],
  amounts: readonly number[],
  desired: readonly number[],
  withRooms = false,
  into?: SharedClamp,
): SharedClamp {
  const c = book.config;
  const E = book.equity;
  let out: SharedClamp;
  if (into === undefined) out = { k: 1, first: -1, zeros: [], rooms: withRooms ? new Map() : null };
  else {
    // (reset in place: see resetIndividual)
    out = into;
    out.k = 1;
    out.first = -1;
    if (out.zeros.length > 0) out.zeros.length = 0;
    out.rooms = withRooms ? new Map() : null;
  }
  // Weighted totals: notional, risk, contracts, buy notional.
  let nA = 0;
  let nD = 0;
  let rA = 0;
  let rD = 0;
  let qA = 0;
  let qD = 0;
  let bA = 0;
  let bD = 0;
  for (let j = 0; j < members.length; j++) {
    const m = members[j] as Member;
    const a = amounts[j] as number;
    const d = desired[j] as number;
    nA += a * m.pn;
    nD += d * m.pn;
    rA += a * m.ur;
    rD += d * m.ur;
    qA += a;
    qD += d;
    if (m.leg !== "short") {
      bA += a * m.pn;
      bD += d * m.pn;
    }
  }
  const i = inst.id;
  applyShared(
    out,
    1,
    notionalRoom(E, c.maxPerAssetPct, assetExposure(book, inst.baseAsset) + g(ov.asset, inst.baseAsset)),
    nA,
    nD,
  );
  const instUsed = instrumentSoft(book, i) + g(ov.instrument, i);
  if (c.maxSymbolExposurePct !== null)
    applyShared(out, 5, notionalRoom(E, c.maxSymbolExposurePct, instUsed), nA, nD);
  applyShared(out, 6, notionalRoom(E, c.maxPortfolioRiskPct, book.totalRiskHard + ov.risk), rA, rD);
  if (inst.kind === "binary") {
    applyShared(
      out,
      8,
      c.combinedMaxContractsPerMarket - contractsSoft(book, i) - g(ov.contracts, i),
      qA,
      qD,
    );
    applyShared(out, 9, notionalRoom(E, c.maxSingleMarketPct, instUsed), nA, nD);
  }
  if (inst.category !== undefined) {
    const cat = inst.category;
    applyShared(
      out,
      10,
      notionalRoom(E, c.maxCategoryPct, categoryExposure(book, cat) + g(ov.category, cat)),
      nA,
      nD,
    );
  }
  if (!isHeldSoft(book, i) && !ov.held.has(i) && book.heldSoftCount + ov.held.size >= c.maxOpenPositions)
    applyShared(out, 11, 0, qA, qD);
  if (!(c.allowLeverage && inst.marginable))
    applyShared(out, 14, notionalRoom(E, 100, book.grossHard + ov.gross), nA, nD);
  if (bD > 0) {
    const reserve = (E * c.minCashReservePct) / 100;
    const avail = book.cash - book.pendingBuyNotional - ov.cash - reserve - Math.abs(E) * EPS;
    applyShared(out, 15, avail, bA, bD);
  }
  applyShared(out, 16, book.buyingPower - ov.bp - Math.abs(book.buyingPower) * EPS, nA, nD);
  return out;
}

/** Records an approved increase in the overlay so later groups see it. */
export function consume(book: Book, ov: Overlay, m: Member, qty: number): void {
  if (qty <= 0) return;
  const s = m.strategyId;
  const i = m.inst.id;
  const n = qty * m.pn;
  addTo(ov.asset, m.inst.baseAsset, n);
  addTo(ov.instrument, i, n);
  if (m.inst.category !== undefined) addTo(ov.category, m.inst.category, n);
  addTo(ov.strategy, s, n);
  if (m.inst.kind === "binary") {
    addTo(ov.contracts, i, qty);
    addTo(ov.strategyContracts, pairKey(s, i), qty);
  }
  ov.risk += qty * m.ur;
  ov.gross += n;
  if (m.leg !== "short") ov.cash += n;
  ov.bp += n;
  if (!isHeldSoft(book, i)) ov.held.add(i);
  const rowKey = pairKey(s, i);
  if (pairOf(book, s, i)?.open !== true) {
    ov.rows.add(rowKey);
    let set = ov.strategyInstruments.get(s);
    if (set === undefined) {
      set = new Set();
      ov.strategyInstruments.set(s, set);
    }
    set.add(i);
  }
  if (!isEngaged(book, s)) ov.engaged.add(s);
  let owners = ov.owners.get(i);
  if (owners === undefined) {
    owners = new Set();
    ov.owners.set(i, owners);
  }
  owners.add(s);
}
