// createRiskEngine: intents → ExecutionPlan of risk-adjusted actions, pre-trade checks, risk status, kill switch.
import {
  Decimal,
  decimalFromNumber,
  decimalToPlainString,
  type EntrySide,
  type ExecutionPlan,
  HUNDRED,
  type Instrument,
  integerText,
  type IntentSide,
  isDecimal,
  mulDecimals,
  notionalOf,
  type OrderSide,
  parseWith,
  type RiskAdjustedAction,
  type RiskCheckRequest,
  type RiskCheckResult,
  type RiskContext,
  RiskContextSchema,
  type RiskEngine,
  type RiskEvent,
  type RiskStatus,
  roundQuantityDown,
  type StrategyIntent,
  StrategyIntentSchema,
  ValidationError,
  ZERO,
  sharedEmpty,
} from "@quiver/core";
import { parseRiskConfig, type RiskConfig, type StrategyRiskConfig } from "./config.js";
import {
  assetHardMap,
  atrOf,
  type Book,
  categoryExposure,
  categorySoftMap,
  contractsSoft,
  getBook,
  instrumentSoft,
  isEngaged,
  type LegHolding,
  legsOf,
  own,
  pairKey,
  pairOf,
  strategyConfig,
  strategyExposure,
  unitRisk,
} from "./internal/book.js";
import { Hash64 } from "./internal/hash.js";
import { KillSwitch, type KillSwitchState } from "./internal/kill-switch.js";
import {
  consume,
  emptyOverlay,
  type IndividualClamp,
  individualClamp,
  LIMIT_ORDER,
  lotsDown,
  type Member,
  type Overlay,
  type SharedClamp,
  sharedClamp,
  strategyContractCap,
} from "./internal/limits.js";
import { compareDec, roundedText, toNum } from "./internal/num.js";
import { reuse } from "./internal/reuse.js";

/** How inputs are checked at the boundary. */
export type RiskValidationMode = "full" | "trusted";

/** Options of {@link createRiskEngine}. */
export interface CreateRiskEngineOptions {
  /** Risk config (validated; defaults from seeds 002/000/001/004 fill the gaps). */
  config?: unknown;
  /**
   * "full" (default): every context and intent is parsed with core's zod schemas (a context object
   * is parsed once and cached by identity). "trusted": the caller passes already-parsed objects
   * (Decimals, defaults filled) and only cheap structural checks run — the fast path for runners
   * that build contexts from their own Decimal book.
   */
  validation?: RiskValidationMode;
  /** Kill-switch state saved by {@link QuiverRiskEngine.exportState}, to survive a restart mid-day. */
  state?: KillSwitchState;
}

/** A `checkRiskLimits` request; `side` and `price` are optional refinements of the seed 000 request. */
export interface RiskCheckRequestExt extends RiskCheckRequest {
  /** Side of the buy (binary: "yes"/"no"); without it a binary market is priced at its dearer outcome. */
  side?: IntentSide;
  /** Price of the outcome/unit to buy; defaults to the context price. */
  price?: Decimal;
}

/** The risk engine: core's {@link RiskEngine} plus config access and kill-switch persistence. */
export interface QuiverRiskEngine extends RiskEngine {
  /** The active, validated config. */
  readonly config: RiskConfig;
  checkRiskLimits(request: RiskCheckRequestExt, context: RiskContext): RiskCheckResult;
  /** Kill-switch and day-start equity, to persist. */
  exportState(): KillSwitchState;
  /** Restores a state from {@link exportState}. */
  restoreState(state: KillSwitchState): void;
}

/**
 * One intent on its way to an action. It is also the {@link Member} the clamp chain reads (same
 * fields), so an increase needs no second object.
 */
interface Cand {
  intent: StrategyIntent;
  /** `intent.strategyId` (the Member view). */
  strategyId: string;
  inst: Instrument | undefined;
  /** Strategy settings with defaults applied (the Member view). */
  strategy: StrategyRiskConfig;
  priority: number;
  side: IntentSide;
  leg: EntrySide;
  holding: LegHolding | undefined;
  current: Decimal;
  currentNum: number;
  price: Decimal | null;
  pn: number;
  ur: number;
  mode: "increase" | "decrease" | "none" | "blocked";
  /** decrease: the exact final target. */
  target: Decimal;
  /** increase: desired increment as a number, and exactly when it came from an explicit size. */
  desiredNum: number;
  desiredDec: Decimal | null;
  delta: Decimal;
  /**
   * The notes so far, joined with "; " as the action's reason shows them ("" with none: see
   * {@link addNote}) — one string instead of an array per candidate.
   */
  notes: string;
  hasNotes: boolean;
  /** Why it is blocked, in order; the shared empty {@link NO_REASONS} until the first one. */
  blockedReasons: string[];
  binding: string | null;
}

/** The blocked reasons of a candidate that has none (shared, never written to: see {@link addReason}). */
const NO_REASONS: string[] = sharedEmpty();

/** Appends a note (what `notes.push(note)` then `notes.join("; ")` would give). */
function addNote(c: Cand, note: string): void {
  if (c.hasNotes) c.notes = `${c.notes}; ${note}`;
  else {
    c.notes = note;
    c.hasNotes = true;
  }
}

/** Appends a blocked reason, allocating the list on the first one. */
function addReason(c: Cand, reason: string): void {
  if (c.blockedReasons === NO_REASONS) c.blockedReasons = [reason];
  else c.blockedReasons.push(reason);
}

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Priority order for conflicts and buying power: priority, confidence, then ids. */
function cmpPriority(a: Cand, b: Cand): number {
  return (
    b.priority - a.priority ||
    b.intent.confidence - a.intent.confidence ||
    cmpStr(a.intent.strategyId, b.intent.strategyId) ||
    cmpStr(a.intent.instrumentId, b.intent.instrumentId) ||
    cmpStr(a.intent.signalId, b.intent.signalId)
  );
}

/** Evaluation order of intents: by strategy and instrument, the latest (then highest signal id) first. */
function cmpIntentOrder(a: StrategyIntent, b: StrategyIntent): number {
  return (
    cmpStr(a.strategyId, b.strategyId) ||
    cmpStr(a.instrumentId, b.instrumentId) ||
    b.generatedAt - a.generatedAt ||
    cmpStr(b.signalId, a.signalId) ||
    cmpStr(a.intentType, b.intentType)
  );
}

/** Order of actions in a plan: strategy, instrument, signal id. */
function cmpCandOrder(a: Cand, b: Cand): number {
  return (
    cmpStr(a.intent.strategyId, b.intent.strategyId) ||
    cmpStr(a.intent.instrumentId, b.intent.instrumentId) ||
    cmpStr(a.intent.signalId, b.intent.signalId)
  );
}

function cmpGroupPriority(a: Cand[], b: Cand[]): number {
  return cmpPriority(a[0] as Cand, b[0] as Cand);
}

/** The first limit name among a blocked action's reasons. */
function firstLimit(reasons: readonly string[]): string | undefined {
  for (const r of reasons) if (LIMIT_NAMES.has(r)) return r;
  return undefined;
}

const LIMIT_NAMES: ReadonlySet<string> = new Set<string>(LIMIT_ORDER);

/** Points a candidate at one leg: its current holding, reference price and per-unit numbers. */
function assignLeg(
  cand: Cand,
  l: EntrySide,
  legs: readonly LegHolding[],
  price: Decimal | null,
  book: Book,
): void {
  cand.leg = l;
  cand.side = l;
  let holding: LegHolding | undefined;
  for (let k = 0; k < legs.length; k++) if ((legs[k] as LegHolding).leg === l) holding = legs[k];
  cand.holding = holding;
  cand.current = holding?.qty ?? ZERO;
  cand.currentNum = holding?.qtyNum ?? 0;
  cand.price = price;
  const p = price === null ? 0 : toNum(price);
  const binary = cand.inst?.kind === "binary";
  cand.pn = binary ? p / 100 : p;
  cand.ur = cand.inst === undefined ? cand.pn : unitRisk(book, cand.inst, cand.strategy, l, cand.pn);
}

/** Price of the outcome/unit traded on `leg`: limit price, else the context price (binary NO = 100 − YES). */
function priceFor(
  ctx: RiskContext,
  inst: Instrument | undefined,
  id: string,
  leg: EntrySide,
  limit?: Decimal,
): Decimal | null {
  if (limit !== undefined) return limit;
  const p = own(ctx.prices, id);
  if (p === undefined) return null;
  if (inst?.kind === "binary" && leg === "no") return HUNDRED.minus(p);
  return p;
}

// Helpers used per intent are module-level functions, not closures built inside evaluate: a
// closure is allocated on every call, and under tsx/esbuild (keepNames) each named one also costs
// an Object.defineProperty of its name — measured at microseconds per evaluate.

/** {@link assignLeg} at the intent's own price for that leg. */
function setLeg(cand: Cand, l: EntrySide, legs: readonly LegHolding[], ctx: RiskContext, book: Book): void {
  assignLeg(
    cand,
    l,
    legs,
    priceFor(ctx, cand.inst, cand.intent.instrumentId, l, cand.intent.limitPrice),
    book,
  );
}

/** The first leg actually held (quantity > 0) on leg `l` (same = true) or on another leg (same = false). */
function findLeg(legs: readonly LegHolding[], l: EntrySide, same: boolean): LegHolding | undefined {
  for (let k = 0; k < legs.length; k++) {
    const h = legs[k] as LegHolding;
    if (h.qtyNum > 0 && (h.leg === l) === same) return h;
  }
  return undefined;
}

/** +1 for a long/yes leg, -1 for short/no. */
function directionOf(c: Cand): number {
  return c.leg === "long" || c.leg === "yes" ? 1 : -1;
}

/** A denied {@link RiskCheckResult}. */
function denyCheck(
  strategyId: string,
  instrumentId: string,
  limitingFactor: string,
  details: Record<string, unknown> = {},
): RiskCheckResult {
  return {
    allowed: false,
    maxContracts: ZERO,
    limitingFactor,
    details: { strategyId, instrumentId, ...details },
  };
}

/**
 * True when `x` is a finite @quiver/core Decimal with at most `precision` significant digits: then
 * decimal.js's `x ± 0` (rounded to that precision) is `x`'s own value.
 */
function fitsCore(x: Decimal): boolean {
  return x.constructor === Decimal && x.isFinite() && x.sd() <= Decimal.precision;
}

/** A candidate with every field set (to its reset value; see the engine's prepare). */
function newCand(intent: StrategyIntent): Cand {
  return {
    intent,
    strategyId: intent.strategyId,
    inst: undefined,
    strategy: undefined as unknown as StrategyRiskConfig,
    priority: 0,
    side: intent.side,
    leg: "long",
    holding: undefined,
    current: ZERO,
    currentNum: 0,
    price: null,
    pn: 0,
    ur: 0,
    mode: "none",
    target: ZERO,
    desiredNum: 0,
    desiredDec: null,
    delta: ZERO,
    notes: "",
    hasNotes: false,
    blockedReasons: NO_REASONS,
    binding: null,
  };
}

/** An individual clamp result to be reset by each call that reuses it. */
function newIndividualClamp(): IndividualClamp {
  return { x: 0, first: -1, zeros: [], rooms: null };
}

/** `v` as % of equity `E` (0 without equity). */
function pctOf(v: number, E: number): number {
  return E > 0 ? (v / E) * 100 : 0;
}

function blockCand(c: Cand, reason: string, note: string): void {
  c.mode = "blocked";
  addReason(c, reason);
  addNote(c, note);
}

function cmpByPriorityThenId(a: Cand, b: Cand): number {
  return b.priority - a.priority || cmpStr(a.intent.strategyId, b.intent.strategyId);
}

/** `list.join(sep)` without the builtin's overhead for the usual one or two items. */
function joinList(list: readonly string[], sep: string): string {
  let out = list[0] ?? "";
  for (let k = 1; k < list.length; k++) out += sep + (list[k] as string);
  return out;
}

const ascending = (x: number, y: number): number => x - y;

/** Names of the limit indexes in `a` and `b`, deduplicated, in chain order. */
function limitNames(a: readonly number[], b: readonly number[]): string[] {
  if (a.length + b.length === 1) return [LIMIT_ORDER[(a.length === 1 ? a[0] : b[0]) as number] as string];
  const idx = b.length === 0 ? a.slice() : a.concat(b);
  if (idx.length > 1) idx.sort(ascending);
  const out: string[] = [];
  for (let k = 0; k < idx.length; k++)
    if (k === 0 || idx[k] !== idx[k - 1]) out.push(LIMIT_ORDER[idx[k] as number] as string);
  return out;
}

/** `n` rounded to 6 decimals, as text (see {@link roundedText}). */
const fmt = roundedText;

/**
 * Creates a pure, deterministic risk engine (no I/O; time is `context.now`).
 *
 * Clamp order for an open/increase (first limit below the desired size = `bindingLimit`; a limit
 * leaving nothing blocks with its name): per-trade risk → per-asset → per-strategy (map, then the
 * strategy's own max exposure and max positions) → symbol cap → portfolio risk → binary
 * contracts per strategy (`strategy_limit`), combined (`combined_limit`), single-market %
 * (`market_pct_limit`) → category (`category_limit`) → max open positions → max total positions →
 * max concurrent strategies → no leverage → cash reserve → buying power; then round down to the
 * lot size. Reduce/close actions are never clamped and pass the kill switch.
 *
 * @throws ValidationError for a bad config (field named), and — in "full" validation — for a bad
 *   context or intent. Risk denials are never thrown: they are blocked actions with reasons.
 * @example
 * const risk = createRiskEngine({ config: { maxPerAssetPct: 20 } });
 * const plan = risk.evaluate(intents, context);
 */
export function createRiskEngine(options: CreateRiskEngineOptions = {}): QuiverRiskEngine {
  let config = parseRiskConfig(options.config ?? {});
  const validation: RiskValidationMode = options.validation ?? "full";
  const ks = new KillSwitch();
  if (options.state !== undefined) ks.restoreState(options.state);
  // Full mode caches parsed contexts by identity (parsing is the expensive part); trusted mode keeps
  // only the last one, so a fresh context per cycle creates no WeakMap ephemerons (GC pressure).
  const parsed = new WeakMap<object, RiskContext>();
  let lastIn: RiskContext | null = null;
  let lastOut: RiskContext | null = null;

  /** An overlay nothing is ever recorded in (checkRiskLimits, and evaluate's last group). */
  const EMPTY = emptyOverlay();
  const hasher = new Hash64();

  function prepContext(input: RiskContext): RiskContext {
    if (input === lastIn && lastOut !== null) return lastOut;
    const hit = validation === "full" ? parsed.get(input) : undefined;
    if (hit !== undefined) return hit;
    let ctx: RiskContext;
    if (validation === "full") ctx = parseWith(RiskContextSchema, input, "risk context");
    else {
      const c = input as Partial<RiskContext> & Record<string, unknown>;
      if (typeof c !== "object" || c === null || !Number.isFinite(c.now))
        throw new ValidationError("risk context", [{ path: "now", message: "must be epoch milliseconds" }]);
      const notDecimal = !isDecimal(c.equity)
        ? "equity"
        : !isDecimal(c.cash)
          ? "cash"
          : !isDecimal(c.buyingPower)
            ? "buyingPower"
            : null;
      if (notDecimal !== null)
        throw new ValidationError("risk context", [
          { path: notDecimal, message: "must be a Decimal (trusted mode)" },
        ]);
      if (typeof c.instruments !== "object" || c.instruments === null)
        throw new ValidationError("risk context", [{ path: "instruments", message: "is required" }]);
      const complete =
        c.positions !== undefined &&
        c.pendingOrders !== undefined &&
        c.prices !== undefined &&
        c.atr !== undefined &&
        c.bars !== undefined &&
        c.liquidity24h !== undefined &&
        c.driftFlag !== undefined &&
        c.consensus !== undefined &&
        c.activeStrategies !== undefined;
      ctx = complete
        ? (c as RiskContext)
        : {
            ...(c as RiskContext),
            positions: c.positions ?? [],
            pendingOrders: c.pendingOrders ?? [],
            prices: c.prices ?? {},
            atr: c.atr ?? {},
            bars: c.bars ?? {},
            liquidity24h: c.liquidity24h ?? {},
            driftFlag: c.driftFlag ?? false,
            consensus: c.consensus ?? [],
            activeStrategies: c.activeStrategies ?? [],
          };
    }
    if (validation === "full") parsed.set(input, ctx);
    lastIn = input;
    lastOut = ctx;
    return ctx;
  }

  function prepIntents(input: readonly StrategyIntent[]): StrategyIntent[] {
    if (!Array.isArray(input))
      throw new ValidationError("intents", [{ path: "", message: "must be an array of StrategyIntent" }]);
    if (validation === "full")
      return input.map((it, i) => parseWith(StrategyIntentSchema, it, `intent[${i}]`));
    // Complete intents are used as they are. The array is copied only when it will be sorted (more
    // than one intent) or an intent needs its defaults; a lone complete intent is read in place
    // (evaluate never writes to the array it gets from here unless it has several intents).
    let out: StrategyIntent[] | null = input.length > 1 ? input.slice() : null;
    for (let k = 0; k < input.length; k++) {
      const it = input[k] as StrategyIntent;
      if (it.desiredQuantity !== undefined && it.desiredExposureUsd !== undefined) continue;
      if (out === null) out = input.slice();
      out[k] = {
        ...it,
        desiredQuantity: it.desiredQuantity ?? null,
        desiredExposureUsd: it.desiredExposureUsd ?? null,
      };
    }
    return out ?? (input as StrategyIntent[]);
  }

  // Texts of the last two cash/buying-power Decimals: a runner's cash (and buying power, often the
  // same object) only changes on fills, and a Decimal never changes, so its text is reused by identity.
  let memoDec1: Decimal | null = null;
  let memoText1 = "";
  let memoDec2: Decimal | null = null;
  let memoText2 = "";

  // The equity's text, by identity: a context re-used for another evaluate (or a runner whose
  // equity did not move) keeps its Decimal.
  let memoEquity: Decimal | null = null;
  let memoEquityText = "";

  function equityTextOf(d: Decimal): string {
    if (d !== memoEquity) {
      memoEquityText = decimalToPlainString(d);
      memoEquity = d;
    }
    return memoEquityText;
  }

  function textOf(d: Decimal): string {
    if (d === memoDec1) return memoText1;
    if (d === memoDec2) return memoText2;
    memoDec2 = memoDec1;
    memoText2 = memoText1;
    memoDec1 = d;
    memoText1 = decimalToPlainString(d);
    return memoText1;
  }

  // The last limits snapshot and what it was made of: plans evaluated with the same config, equity,
  // cash, buying power, drawdown and kill-switch state share the one frozen object.
  let snap: Readonly<Record<string, unknown>> | null = null;
  let snapConfig: RiskConfig | null = null;
  let snapEquity = "";
  let snapCash = "";
  let snapBuyingPower = "";
  let snapDrawdown = 0;
  let snapKs = false;

  function snapshotOf(
    ctx: RiskContext,
    equityText: string,
    dailyDrawdownPct: number,
    ksActive: boolean,
  ): Record<string, unknown> {
    const c = config;
    const cash = textOf(ctx.cash);
    const buyingPower = ctx.buyingPower === ctx.cash ? cash : textOf(ctx.buyingPower);
    if (
      reuse.enabled &&
      snap !== null &&
      snapConfig === c &&
      snapEquity === equityText &&
      snapCash === cash &&
      snapBuyingPower === buyingPower &&
      Object.is(snapDrawdown, dailyDrawdownPct) &&
      snapKs === ksActive
    )
      return snap;
    snapConfig = c;
    snapEquity = equityText;
    snapCash = cash;
    snapBuyingPower = buyingPower;
    snapDrawdown = dailyDrawdownPct;
    snapKs = ksActive;
    snap = Object.freeze({
      equity: equityText,
      cash,
      buyingPower,
      dailyDrawdownPct,
      killSwitchActive: ksActive,
      maxRiskPerTradePct: c.maxRiskPerTradePct,
      maxPortfolioRiskPct: c.maxPortfolioRiskPct,
      maxOpenPositions: c.maxOpenPositions,
      maxPerAssetPct: c.maxPerAssetPct,
      maxDailyDrawdownPct: c.maxDailyDrawdownPct,
      maxSymbolExposurePct: c.maxSymbolExposurePct,
      maxSingleMarketPct: c.maxSingleMarketPct,
      maxCategoryPct: c.maxCategoryPct,
      combinedMaxContractsPerMarket: c.combinedMaxContractsPerMarket,
      maxTotalPositions: c.maxTotalPositions,
      minCashReservePct: c.minCashReservePct,
      includeManualPositions: c.includeManualPositions,
      conflictPolicy: c.conflictPolicy,
      symbolOwnership: c.symbolOwnership,
    });
    return snap;
  }

  /**
   * Candidates of earlier evaluates, reused by position (a candidate never outlives its evaluate:
   * actions copy what they show, and a blocked list handed to an action is replaced, not emptied).
   */
  const candPool: Cand[] = [];

  // The constant parts of the ATR sizing note, by config and strategy settings (identity).
  let atrNoteConfig: RiskConfig | null = null;
  let atrNoteHead = "";
  let atrNoteStrategy: StrategyRiskConfig | null = null;
  let atrNoteTail = "";

  /**
   * `sized: ${maxRiskPerTradePct}% of equity / (ATR ${fmt(atr)} × ${atrMultiple})`, with the text
   * around the ATR built once per config and strategy instead of on every decision.
   */
  function atrSizedNote(atr: number, strat: StrategyRiskConfig): string {
    if (atrNoteConfig !== config) {
      atrNoteHead = `sized: ${config.maxRiskPerTradePct}% of equity / (ATR `;
      atrNoteConfig = config;
    }
    if (atrNoteStrategy !== strat) {
      atrNoteTail = ` × ${strat.atrMultiple})`;
      atrNoteStrategy = strat;
    }
    return atrNoteHead + fmt(atr) + atrNoteTail;
  }

  /** Candidate number `k` of this evaluate, every field reset (in declaration order). */
  function candFor(
    k: number,
    intent: StrategyIntent,
    inst: Instrument | undefined,
    strat: StrategyRiskConfig,
  ): Cand {
    let cand = reuse.enabled ? candPool[k] : undefined;
    if (cand === undefined) {
      cand = newCand(intent);
      if (reuse.enabled) candPool[k] = cand;
    }
    cand.intent = intent;
    cand.strategyId = intent.strategyId;
    cand.inst = inst;
    cand.strategy = strat;
    cand.priority = intent.priority ?? strat.priority;
    cand.side = intent.side;
    cand.leg = "long";
    cand.holding = undefined;
    cand.current = ZERO;
    cand.currentNum = 0;
    cand.price = null;
    cand.pn = 0;
    cand.ur = 0;
    cand.mode = "none";
    cand.target = ZERO;
    cand.desiredNum = 0;
    cand.desiredDec = null;
    cand.delta = ZERO;
    cand.notes = "";
    cand.hasNotes = false;
    cand.blockedReasons = NO_REASONS;
    cand.binding = null;
    return cand;
  }

  /** Turns intent number `k` into a candidate: leg, current size, price, and desired target. */
  function prepare(
    intent: StrategyIntent,
    k: number,
    ctx: RiskContext,
    book: Book,
    consensus: Set<string> | null,
    ksActive: boolean,
  ) {
    const s = intent.strategyId;
    const i = intent.instrumentId;
    const inst = own(ctx.instruments, i);
    const strat = strategyConfig(config, s);
    const legs = legsOf(book, pairOf(book, s, i));
    const cand = candFor(k, intent, inst, strat);
    const binary = inst?.kind === "binary";
    let leg: EntrySide | null;
    switch (intent.side) {
      case "flat":
        leg = null;
        break;
      case "long":
        leg = binary ? "yes" : "long";
        break;
      case "short":
        leg = binary ? "no" : "short";
        break;
      default:
        leg = intent.side;
        if (inst !== undefined && !binary) {
          cand.mode = "blocked";
          addReason(cand, "invalid_side");
          addNote(cand, `side "${intent.side}" is only valid for binary instruments`);
          return cand;
        }
    }
    // The legs actually held are those with a positive quantity (findLeg skips the others).
    let largest: LegHolding | undefined;
    for (let k = 0; k < legs.length; k++) {
      const l = legs[k] as LegHolding;
      if (l.qtyNum > 0 && (largest === undefined || l.qtyNum > largest.qtyNum)) largest = l;
    }
    const exitLike = intent.intentType === "exit" || leg === null;
    if (intent.intentType === "hold") {
      setLeg(cand, leg ?? largest?.leg ?? (binary ? "yes" : "long"), legs, ctx, book);
      addNote(cand, "hold: no change");
      return cand;
    }
    if (
      exitLike ||
      (intent.intentType === "reduce" && (leg === null || findLeg(legs, leg, true) === undefined))
    ) {
      const target = (leg !== null ? findLeg(legs, leg, true) : undefined) ?? largest;
      if (target === undefined) {
        setLeg(cand, leg ?? (binary ? "yes" : "long"), legs, ctx, book);
        addNote(cand, "nothing held to close");
        return cand;
      }
      setLeg(cand, target.leg, legs, ctx, book);
      if (exitLike || (intent.desiredQuantity === null && intent.desiredExposureUsd === null)) {
        cand.mode = "decrease";
        cand.target = ZERO;
        addNote(cand, exitLike ? "exit: close the position" : "reduce without a size: close the position");
        return cand;
      }
    } else setLeg(cand, leg as EntrySide, legs, ctx, book);
    const opposite = findLeg(legs, cand.leg, false);
    if (opposite !== undefined && intent.intentType !== "reduce") {
      const wanted = cand.leg;
      setLeg(cand, opposite.leg, legs, ctx, book);
      cand.mode = "decrease";
      cand.target = ZERO;
      addNote(
        cand,
        `flip requested to ${wanted}: closing the ${opposite.leg} position first (re-enter next cycle)`,
      );
      return cand;
    }
    // Desired final size on this leg.
    let targetDec: Decimal | null = null;
    let targetNum = 0;
    let explicit = true;
    if (intent.desiredQuantity !== null) targetDec = intent.desiredQuantity;
    else if (intent.desiredExposureUsd !== null) {
      if (intent.desiredExposureUsd.isZero()) targetDec = ZERO;
      else if (cand.price === null || cand.price.isZero() || inst === undefined) {
        cand.mode = "blocked";
        addReason(cand, inst === undefined ? "unknown_instrument" : "no_price");
        addNote(cand, "cannot convert the desired exposure to a quantity");
        return cand;
      }
      // Exposure → quantity in number (it is floored to the lot anyway); exact Decimal only if it reduces.
      else targetNum = toNum(intent.desiredExposureUsd) / cand.pn;
    } else if (intent.intentType === "reduce") targetDec = ZERO;
    else {
      explicit = false;
      if (inst === undefined || cand.price === null || cand.pn <= 0) {
        cand.mode = "blocked";
        addReason(cand, inst === undefined ? "unknown_instrument" : "no_price");
        addNote(cand, "cannot size without an instrument and a price");
        return cand;
      }
      switch (strat.sizing) {
        case "volatility": {
          const atr = binary ? null : atrOf(book, i);
          if (!binary && (atr === null || atr <= 0) && strat.stopPct === undefined) {
            cand.mode = "blocked";
            addReason(cand, "no_volatility");
            addNote(
              cand,
              `volatility sizing needs an ATR (context.atr or ${config.volatilityLookbackBars} bars) or stopPct`,
            );
            return cand;
          }
          targetNum = (book.equity * config.maxRiskPerTradePct) / 100 / cand.ur;
          addNote(
            cand,
            binary
              ? `sized: ${config.maxRiskPerTradePct}% of equity / contract cost`
              : atr !== null && atr > 0
                ? atrSizedNote(atr, strat)
                : `sized: ${config.maxRiskPerTradePct}% of equity / (price × stop ${strat.stopPct}%)`,
          );
          break;
        }
        case "fixed_fractional":
          targetNum = (book.equity * (strat.positionSizePct ?? 0)) / 100 / cand.pn;
          addNote(cand, `sized: ${strat.positionSizePct}% of equity`);
          break;
        case "fixed_notional":
          targetNum = (strat.fixedNotional ?? 0) / cand.pn;
          addNote(cand, `sized: fixed notional ${strat.fixedNotional}`);
          break;
      }
    }
    if (intent.intentType !== "reduce" && consensus !== null && consensus.has(pairKey(s, i))) {
      const m = config.consensusSizeMultiplier;
      if (targetDec !== null) targetDec = targetDec.times(m);
      else targetNum *= m;
      addNote(cand, `consensus: size × ${m}`);
    }
    const cmp =
      targetDec !== null
        ? compareDec(targetDec, cand.current)
        : targetNum > cand.currentNum
          ? 1
          : targetNum < cand.currentNum
            ? -1
            : 0;
    if (cmp === 0 || (cmp < 0 && !explicit)) {
      addNote(cand, cmp === 0 ? "already at the target size" : "already at or above the sized target");
      return cand;
    }
    if (cmp < 0) {
      cand.mode = "decrease";
      cand.target =
        targetDec ??
        (intent.desiredExposureUsd as Decimal).dividedBy(
          binary ? (cand.price as Decimal).dividedBy(HUNDRED) : (cand.price as Decimal),
        );
      return cand;
    }
    // An increase: gates first (all failing gates are reported, most fundamental first).
    cand.mode = "increase";
    if (targetDec !== null) {
      cand.desiredDec = cand.currentNum === 0 ? targetDec : targetDec.minus(cand.current);
      cand.desiredNum = toNum(cand.desiredDec);
    } else cand.desiredNum = targetNum - cand.currentNum;
    if (inst === undefined) addReason(cand, "unknown_instrument");
    if (ksActive) addReason(cand, "kill_switch");
    if (book.equity <= 0) addReason(cand, "no_equity");
    if (ctx.activeStrategies.length > 0 && !ctx.activeStrategies.includes(s))
      addReason(cand, "strategy_inactive");
    const universe = own(config.universes, s);
    if (universe !== undefined && !universe.includes(i)) addReason(cand, "outside_universe");
    if (cand.leg === "short" && !(config.allowShort && inst?.shortable === true))
      addReason(cand, "shorting_not_allowed");
    if (cand.price === null || cand.pn <= 0) addReason(cand, "no_price");
    if (config.minLiquidity24h !== null) {
      const liq = own(ctx.liquidity24h, i);
      if (liq === undefined || toNum(liq) < config.minLiquidity24h) addReason(cand, "min_liquidity");
    }
    if (cand.blockedReasons.length > 0) cand.mode = "blocked";
    return cand;
  }

  /** Resolves conflicts inside one instrument's group; returns the survivors (losers are marked blocked). */
  function resolveGroup(group: Cand[], book: Book): Cand[] {
    const i = (group[0] as Cand).intent.instrumentId;
    if (group.length === 1 && (config.symbolOwnership === "shared" || book.owners.get(i) === undefined))
      return group;
    let live = group;
    const block = blockCand;
    const byPriority = cmpByPriorityThenId;
    if (config.symbolOwnership === "exclusive") {
      const owners = book.owners.get(i);
      if (owners !== undefined && owners.size > 0) {
        const names = [...owners].sort().join(", ");
        for (const c of live)
          if (!owners.has(c.intent.strategyId))
            block(c, "symbol_conflict", `symbol conflict: ${i} is owned by ${names} (exclusive ownership)`);
        live = live.filter((c) => c.mode === "increase");
      }
      if (live.length > 1) {
        const sorted = [...live].sort(byPriority);
        const w = sorted[0] as Cand;
        for (const c of sorted.slice(1))
          block(
            c,
            "symbol_conflict",
            `symbol conflict: ${i} claimed by ${w.intent.strategyId} (priority ${w.priority} vs ${c.priority}; exclusive ownership)`,
          );
        addNote(
          w,
          `exclusive ownership: won ${i} over ${sorted
            .slice(1)
            .map((c) => c.intent.strategyId)
            .join(", ")}`,
        );
        live = [w];
      }
      return live;
    }
    if (live.length < 2) return live;
    if (config.conflictPolicy === "priority") {
      const sorted = [...live].sort(byPriority);
      const w = sorted[0] as Cand;
      for (const c of sorted.slice(1))
        block(
          c,
          "conflict_priority",
          `conflict on ${i} resolved by priority: ${w.intent.strategyId} (priority ${w.priority}) wins over ${c.intent.strategyId} (priority ${c.priority})`,
        );
      addNote(
        w,
        `conflict on ${i} resolved by priority: won over ${sorted
          .slice(1)
          .map((c) => c.intent.strategyId)
          .join(", ")}`,
      );
      return [w];
    }
    // Aggregate: confidence-weighted net of opposite directions, then joint clamp, pro-rata attribution.
    let up = 0;
    let down = 0;
    for (const c of live) {
      const w = c.intent.confidence * c.desiredNum * c.pn;
      if (directionOf(c) > 0) up += w;
      else down += w;
    }
    const ids = live.map((c) => c.intent.strategyId).join(", ");
    if (up > 0 && down > 0) {
      if (up === down) {
        for (const c of live)
          block(
            c,
            "conflict_tie",
            `conflict on ${i} (${ids}): confidence-weighted long and short cancel out`,
          );
        return [];
      }
      const win = up > down ? 1 : -1;
      const f = win > 0 ? (up - down) / up : (down - up) / down;
      for (const c of live) {
        if (directionOf(c) !== win)
          block(
            c,
            "conflict_netted",
            `conflict on ${i} resolved by aggregate: netted against the stronger confidence-weighted opposite side (${fmt(win > 0 ? up : down)} vs ${fmt(win > 0 ? down : up)})`,
          );
        else {
          c.desiredNum *= f;
          c.desiredDec = null;
          addNote(c, `conflict on ${i} resolved by aggregate: net of opposite intents, size × ${fmt(f)}`);
        }
      }
      live = live.filter((c) => c.mode === "increase");
    }
    if (live.length > 1)
      for (const c of live)
        addNote(
          c,
          `aggregated with ${live.length - 1} other strateg${live.length > 2 ? "ies" : "y"} on ${i}: clamped jointly, attributed pro rata`,
        );
    return live;
  }

  /** Clamps one group, attributes, rounds to lots, and (if `record`) consumes the headroom in `ov`. */
  function clampGroup(members: Cand[], book: Book, ov: Overlay, record: boolean): void {
    const inst = (members[0] as Cand).inst as Instrument;
    const n = members.length;
    // Candidates are Members; an increase always has an instrument (else "unknown_instrument").
    const ms = members as Member[];
    const desired = desiredScratch;
    const ind = clampScratch;
    const amounts = amountScratch;
    let extraRows = 0;
    let extraEngaged = 0;
    for (let j = 0; j < n; j++) {
      const c = members[j] as Cand;
      let into: IndividualClamp | undefined;
      if (reuse.enabled) {
        into = ind[j];
        if (into === undefined) {
          into = newIndividualClamp();
          ind[j] = into;
        }
      }
      const r = individualClamp(book, ov, c as Member, c.desiredNum, extraRows, extraEngaged, false, into);
      if (r.x > 0) {
        const sid = c.intent.strategyId;
        if (
          pairOf(book, sid, inst.id)?.open !== true &&
          (ov.rows.size === 0 || !ov.rows.has(pairKey(sid, inst.id)))
        )
          extraRows++;
        if (!isEngaged(book, sid) && !ov.engaged.has(sid)) extraEngaged++;
      }
      desired[j] = c.desiredNum;
      ind[j] = r;
      amounts[j] = r.x;
    }
    const sh = sharedClamp(
      book,
      ov,
      inst,
      ms,
      amounts,
      desired,
      false,
      reuse.enabled ? sharedScratch : undefined,
    );
    const lotNum = toNum(inst.lotSize);
    const minQ = inst.minQuantity ?? inst.lotSize;
    for (let j = 0; j < members.length; j++) {
      const c = members[j] as Cand;
      const r = ind[j] as IndividualClamp;
      const x = r.x * sh.k;
      const reduced = x < c.desiredNum;
      let delta: Decimal;
      if (!reduced && c.desiredDec !== null)
        delta =
          lotNum === 1 && c.desiredDec.isInteger() ? c.desiredDec : roundQuantityDown(inst, c.desiredDec);
      else {
        const lots = lotsDown(x, lotNum);
        // = inst.lotSize.times(lots), exactly (core's kernels), without decimal.js parsing `lots`
        delta = lots > 0 ? mulDecimals(inst.lotSize, decimalFromNumber(lots)) : ZERO;
      }
      const bindingIdx = r.first < 0 ? sh.first : sh.first < 0 ? r.first : Math.min(r.first, sh.first);
      const binding = bindingIdx >= 0 ? (LIMIT_ORDER[bindingIdx] as string) : null;
      if (delta.isZero() || compareDec(delta, minQ) < 0) {
        const zeros = limitNames(r.zeros, sh.zeros);
        const reasons =
          zeros.length > 0
            ? zeros
            : binding !== null
              ? [binding]
              : [delta.isZero() ? "zero_size" : "below_min_quantity"];
        c.mode = "blocked";
        // (reasons is a fresh array: it becomes the list when there is none yet)
        if (c.blockedReasons === NO_REASONS) c.blockedReasons = reasons;
        else for (const r of reasons) addReason(c, r);
        c.binding = reasons[0] as string;
        addNote(c, `blocked by ${reasons.join(", ")} (wanted +${fmt(c.desiredNum)})`);
        continue;
      }
      c.delta = delta;
      c.binding = binding;
      if (binding !== null) {
        const other =
          r.first >= 0 && sh.first >= 0 && r.first !== sh.first ? Math.max(r.first, sh.first) : -1;
        const by =
          other < 0
            ? (LIMIT_ORDER[bindingIdx] as string)
            : `${LIMIT_ORDER[bindingIdx] as string}, ${LIMIT_ORDER[other] as string}`;
        addNote(c, `downsized from +${fmt(c.desiredNum)} to +${decimalToPlainString(delta)} by ${by}`);
      }
      if (record) consume(book, ov, ms[j] as Member, toNum(delta));
    }
  }

  // clampGroup's per-member numbers (it is never re-entered, and reads only the first
  // `members.length` entries it just wrote): no arrays per call.
  // The clamp results too: reset in place by individualClamp/sharedClamp, read before the next call.
  const desiredScratch: number[] = [];
  const amountScratch: number[] = [];
  const clampScratch: IndividualClamp[] = [];
  const sharedScratch: SharedClamp = { k: 1, first: -1, zeros: [], rooms: null };

  function toAction(
    c: Cand,
    snapshot: Record<string, unknown>,
    ksActive: boolean,
    actionId: string,
  ): RiskAdjustedAction {
    const it = c.intent;
    let target = c.current;
    let delta = ZERO;
    let orderSide: OrderSide | null = null;
    let actionType: RiskAdjustedAction["actionType"] = "none";
    const reduceSide: OrderSide = c.leg === "short" ? "buy" : "sell";
    const growSide: OrderSide = c.leg === "short" ? "sell" : "buy";
    if (c.mode === "decrease") {
      // Closing (target exactly zero): current − 0 is current itself when decimal.js's rounding of
      // the result would leave it unchanged (a finite core Decimal within the precision).
      let d =
        c.target === ZERO && fitsCore(c.current) && !c.current.isZero()
          ? c.current
          : c.current.minus(c.target);
      if (!c.target.isZero() && c.inst !== undefined) d = roundQuantityDown(c.inst, d);
      if (!d.isZero() && d.isPositive()) {
        delta = d;
        // Closing: d is the whole position unless subtracting zero rounded it (over 40 digits).
        target = c.target.isZero() && compareDec(d, c.current) === 0 ? ZERO : c.current.minus(d);
        orderSide = reduceSide;
        actionType = target.isZero() ? "close" : "reduce";
        if (ksActive) addNote(c, "kill switch active: de-risking allowed");
      } else addNote(c, "change below one lot");
    } else if (c.mode === "increase") {
      delta = c.delta;
      target = c.current.isZero() ? delta : c.current.plus(delta);
      orderSide = growSide;
      actionType = c.current.isZero() ? "open" : "increase";
    } else if (c.mode === "blocked") {
      actionType = c.current.isZero() ? "open" : "increase";
      if (c.blockedReasons.includes("kill_switch")) addNote(c, "kill switch active: open/increase blocked");
    }
    let notional: Decimal;
    if (target.isZero()) notional = ZERO;
    else if (c.price !== null && c.inst !== undefined) notional = notionalOf(c.inst, target, c.price);
    else if (c.holding !== undefined && !c.current.isZero())
      notional = c.holding.notionalDec.times(target).dividedBy(c.current);
    else notional = ZERO;
    const blocked = c.mode === "blocked";
    const reason = blocked
      ? c.hasNotes
        ? `blocked: ${joinList(c.blockedReasons, ", ")} — ${c.notes}`
        : `blocked: ${joinList(c.blockedReasons, ", ")}`
      : c.hasNotes
        ? `${actionType}: ${c.notes}`
        : actionType;
    return {
      actionId,
      strategyId: it.strategyId,
      instrumentId: it.instrumentId,
      signalId: it.signalId,
      side: c.side,
      intentType: it.intentType,
      actionType,
      targetBaseSize: target,
      targetNotionalUsd: notional,
      currentBaseSize: c.current,
      orderSide,
      deltaBaseSize: delta,
      referencePrice: c.price,
      confidence: it.confidence,
      reason,
      blocked,
      blockedReasons: blocked && c.blockedReasons !== NO_REASONS ? c.blockedReasons : [],
      bindingLimit: blocked ? (c.binding ?? c.blockedReasons[0] ?? null) : c.binding,
      riskLimitsSnapshot: snapshot,
    };
  }

  function evaluate(intentsIn: readonly StrategyIntent[], contextIn: RiskContext): ExecutionPlan {
    const ctx = prepContext(contextIn);
    const intents = prepIntents(intentsIn);
    const book = getBook(ctx, config);
    const equityText = equityTextOf(ctx.equity);
    let events: RiskEvent[] = [];
    const dailyDrawdownPct = ks.observe(ctx.now, book.equity, equityText, ctx.driftFlag, config, events);
    const ksActive = ks.active;
    const snapshot = snapshotOf(ctx, equityText, dailyDrawdownPct, ksActive);
    // Only a multiplier other than 1 makes consensus matter.
    let consensus: Set<string> | null = null;
    if (config.consensusSizeMultiplier !== 1 && ctx.consensus.length > 0) {
      consensus = new Set<string>();
      for (const e of ctx.consensus) for (const s of e.strategies) consensus.add(pairKey(s, e.instrumentId));
    }

    // Deterministic order; one intent per (strategy, instrument): the latest, then the highest signal id.
    // (With more than one intent prepIntents returned a fresh array: sorting it in place is fine.)
    const n = intents.length;
    if (n > 1) intents.sort(cmpIntentOrder);
    const cands: Cand[] = new Array(n);
    let prevKey = "";
    for (let k = 0; k < n; k++) {
      const it = intents[k] as StrategyIntent;
      const c = prepare(it, k, ctx, book, consensus, ksActive);
      if (n > 1) {
        const key = pairKey(it.strategyId, it.instrumentId);
        if (key === prevKey) {
          c.mode = "blocked";
          c.blockedReasons = ["duplicate_intent"];
          c.notes = "a later intent of the same strategy for this instrument wins this cycle";
          c.hasNotes = true;
        }
        prevKey = key;
      }
      cands[k] = c;
    }
    // Increases grouped by instrument (first-seen order); a lone increase needs no map.
    let single: Cand | null = null;
    let groups: Map<string, Cand[]> | null = null;
    for (const c of cands) {
      if (c.mode !== "increase") continue;
      if (single === null && groups === null) {
        single = c;
        continue;
      }
      if (groups === null) {
        groups = new Map();
        groups.set((single as Cand).intent.instrumentId, [single as Cand]);
        single = null;
      }
      const g = groups.get(c.intent.instrumentId);
      if (g === undefined) groups.set(c.intent.instrumentId, [c]);
      else g.push(c);
    }
    if (single !== null) {
      // A lone group: nothing to order, and nothing after it to record its consumption for.
      const live = resolveGroup([single], book);
      if (live.length > 0) clampGroup(live, book, EMPTY, false);
    } else if (groups !== null) {
      const resolved: Cand[][] = [];
      for (const g of groups.values()) {
        if (g.length > 1) g.sort(cmpPriority);
        const live = resolveGroup(g, book);
        if (live.length > 0) resolved.push(live);
      }
      // Groups take headroom (and buying power) in priority/confidence order; what one group
      // consumes is recorded for the groups after it (an overlay), so a lone group needs none.
      if (resolved.length > 1) resolved.sort(cmpGroupPriority);
      const ov = resolved.length > 1 ? emptyOverlay() : EMPTY;
      for (let k = 0; k < resolved.length; k++)
        clampGroup(resolved[k] as Cand[], book, ov, k < resolved.length - 1);
    }

    if (n > 1) cands.sort(cmpCandOrder);
    // Ids: one hash of the (sorted) strategy/signal pairs names the plan; actions are numbered in it.
    const hash = hasher.reset();
    for (const c of cands) hash.add(c.intent.strategyId).addCode(0).add(c.intent.signalId).addCode(1);
    const planId = `plan-${integerText(ctx.now)}-${hash.digest()}`;
    const actions: RiskAdjustedAction[] = new Array(n);
    let blockedCount = 0;
    for (let k = 0; k < n; k++) {
      // One flat string (`join`): the action id travels into the order's metadata, which the ledger
      // keeps for every order; `${planId}/${k}` would keep a tree of seven concatenation nodes and
      // pieces alive with it (about 200 bytes more per order, all copied by each garbage collection).
      const a = toAction(cands[k] as Cand, snapshot, ksActive, [planId, k].join("/"));
      actions[k] = a;
      if (a.blocked) blockedCount++;
      const limit = a.blocked ? firstLimit(a.blockedReasons) : a.bindingLimit;
      if (limit === undefined || limit === null || !LIMIT_NAMES.has(limit)) continue;
      const event: RiskEvent = {
        type: "risk_limit_hit",
        at: ctx.now,
        reasons: [limit],
        details: {
          strategyId: a.strategyId,
          instrumentId: a.instrumentId,
          signalId: a.signalId,
          blocked: a.blocked,
          limit,
        },
      };
      // (A first event as a one-element array: a push onto [] reserves room for 17.)
      if (events.length === 0) events = [event];
      else events.push(event);
    }
    return {
      planId,
      generatedAt: ctx.now,
      actions,
      events,
      metadata: {
        equity: equityText,
        killSwitchActive: ksActive,
        killSwitchReasons: ks.list(),
        dailyDrawdownPct,
        intentsCount: n,
        blockedCount,
        conflictPolicy: config.conflictPolicy,
        symbolOwnership: config.symbolOwnership,
      },
    };
  }

  function checkRiskLimits(request: RiskCheckRequestExt, contextIn: RiskContext): RiskCheckResult {
    const ctx = prepContext(contextIn);
    const book = getBook(ctx, config);
    const s = request.strategyId;
    const i = request.instrumentId;
    const base = own(ctx.instruments, i);
    if (base === undefined) return denyCheck(s, i, "unknown_instrument");
    const inst =
      request.category !== undefined && request.category !== base.category
        ? { ...base, category: request.category }
        : base;
    const view = ks.preview(ctx.now, book.equity, ctx.driftFlag, config);
    if (view.reasons.size > 0)
      return denyCheck(s, i, "kill_switch", { killSwitchReasons: [...view.reasons].sort() });
    if (book.equity <= 0) return denyCheck(s, i, "no_equity");
    const binary = inst.kind === "binary";
    let leg: EntrySide;
    let price: Decimal | null;
    const side = request.side;
    if (side === undefined || side === "flat") {
      leg = binary ? "yes" : "long";
      const p = own(ctx.prices, i);
      price = request.price ?? (p === undefined ? null : binary ? Decimal.max(p, HUNDRED.minus(p)) : p);
    } else {
      leg = binary ? (side === "short" || side === "no" ? "no" : "yes") : side === "short" ? "short" : "long";
      price = request.price ?? priceFor(ctx, inst, i, leg);
    }
    if (leg === "short" && !(config.allowShort && inst.shortable))
      return denyCheck(s, i, "shorting_not_allowed");
    if (price === null || price.isZero()) return denyCheck(s, i, "no_price");
    if (ctx.activeStrategies.length > 0 && !ctx.activeStrategies.includes(s))
      return denyCheck(s, i, "strategy_inactive");
    const universe = own(config.universes, s);
    if (universe !== undefined && !universe.includes(i)) return denyCheck(s, i, "outside_universe");
    if (config.symbolOwnership === "exclusive") {
      const owners = book.owners.get(i);
      if (owners !== undefined && owners.size > 0 && !owners.has(s))
        return denyCheck(s, i, "symbol_conflict", { owners: [...owners].sort() });
    }
    if (config.minLiquidity24h !== null) {
      const liq = own(ctx.liquidity24h, i);
      if (liq === undefined || toNum(liq) < config.minLiquidity24h) return denyCheck(s, i, "min_liquidity");
    }
    const requested = toNum(request.requestedContracts);
    const pNum = toNum(price);
    const pn = binary ? pNum / 100 : pNum;
    const strat = strategyConfig(config, s);
    const holding = legsOf(book, pairOf(book, s, i)).find((l) => l.leg === leg);
    const m: Member = {
      strategyId: s,
      inst,
      leg,
      pn,
      ur: unitRisk(book, inst, strat, leg, pn),
      currentNum: holding?.qtyNum ?? 0,
      strategy: strat,
    };
    const ind = individualClamp(book, EMPTY, m, requested, 0, 0, true);
    const sh = sharedClamp(book, EMPTY, inst, [m], [ind.x], [requested], true);
    const x = ind.x * sh.k;
    let max: Decimal;
    if (x >= requested) max = roundQuantityDown(inst, request.requestedContracts);
    else {
      const lots = lotsDown(x, toNum(inst.lotSize));
      max = lots > 0 ? mulDecimals(inst.lotSize, decimalFromNumber(lots)) : ZERO;
    }
    if (max.lessThan(inst.minQuantity ?? inst.lotSize)) max = ZERO;
    const firsts = [ind.first, sh.first].filter((v) => v >= 0);
    const binding = firsts.length > 0 ? (LIMIT_ORDER[Math.min(...firsts)] as string) : null;
    let limitingFactor: string;
    if (max.isZero()) {
      const zeros = [...ind.zeros, ...sh.zeros].sort((a, b) => a - b);
      limitingFactor =
        zeros.length > 0 ? (LIMIT_ORDER[zeros[0] as number] as string) : (binding ?? "zero_size");
    } else if (max.lessThan(request.requestedContracts)) limitingFactor = "partial_fill_allowed";
    else limitingFactor = "none";
    const details: Record<string, unknown> = {
      strategyId: s,
      instrumentId: i,
      requested: request.requestedContracts.toFixed(),
      price: price.toFixed(),
      bindingLimit: binding,
      marketExposure: instrumentSoft(book, i),
      marketRemaining: finite(sh.rooms?.get(binary ? 9 : 5)),
      category: inst.category ?? null,
      categoryExposure: inst.category === undefined ? null : categoryExposure(book, inst.category),
      categoryRemaining: inst.category === undefined ? null : finite(sh.rooms?.get(10)),
      buyingPowerRemaining: finite(sh.rooms?.get(16)),
    };
    if (binary) {
      details.currentStrategyContracts = pairOf(book, s, i)?.contracts ?? 0;
      details.currentCombinedContracts = contractsSoft(book, i);
      details.strategyLimit = strategyContractCap(book, s);
      details.strategyRemaining = finite(ind.rooms?.get(7));
      details.combinedRemaining = finite(sh.rooms?.get(8));
    }
    return { allowed: !max.isZero(), maxContracts: max, limitingFactor, details };
  }

  function getRiskStatus(contextIn: RiskContext): RiskStatus {
    const ctx = prepContext(contextIn);
    const book = getBook(ctx, config);
    const view = ks.preview(ctx.now, book.equity, ctx.driftFlag, config);
    const E = book.equity;
    const perAsset: Record<string, number> = {};
    const assetHard = assetHardMap(book);
    for (const k of [...assetHard.keys()].sort()) perAsset[k] = pctOf(assetHard.get(k) ?? 0, E);
    const perStrategy: Record<string, number> = {};
    const strategyIds: string[] = [];
    for (let k = 0; k < book.holders.size; k++) {
      const o = book.holders.at(k);
      if (!o.manual) strategyIds.push(o.id);
    }
    for (const k of strategyIds.sort()) perStrategy[k] = pctOf(strategyExposure(book, k), E);
    if (book.manualExp > 0) perStrategy.manual = pctOf(book.manualExp, E);
    const marketsAtCombinedLimit: string[] = [];
    for (let k = 0; k < book.insts.size; k++) {
      const agg = book.insts.at(k);
      if (agg.inst?.kind === "binary" && agg.softContracts >= config.combinedMaxContractsPerMarket)
        marketsAtCombinedLimit.push(agg.id);
    }
    const categoriesNearLimit: string[] = [];
    const near = config.maxCategoryPct * config.categoryNearLimitRatio;
    for (const [cat, n] of categorySoftMap(book))
      if (n > 0 && pctOf(n, E) >= near) categoriesNearLimit.push(cat);
    const reasons = [...view.reasons];
    const manual = ks.manualNote;
    return {
      asOf: ctx.now,
      killSwitchActive: reasons.length > 0,
      killSwitchReasons: reasons
        .map((r) => (r === "manual" && manual !== null ? `manual: ${manual}` : r))
        .sort(),
      dailyDrawdownPct: view.dailyDrawdownPct,
      driftFlag: ctx.driftFlag,
      totalExposurePct: pctOf(book.grossHard, E),
      perAssetExposurePct: perAsset,
      perStrategyExposurePct: perStrategy,
      openPositions: new Set(ctx.positions.filter((p) => !p.quantity.isZero()).map((p) => p.instrumentId))
        .size,
      marketsAtCombinedLimit: marketsAtCombinedLimit.sort(),
      categoriesNearLimit: categoriesNearLimit.sort(),
    };
  }

  return {
    get config() {
      return config;
    },
    evaluate,
    checkRiskLimits,
    getRiskStatus,
    activateKillSwitch(reason: string, at: number): RiskEvent {
      return ks.activate(reason, at);
    },
    releaseKillSwitch(at: number): RiskEvent | null {
      return ks.release(at);
    },
    reloadConfig(next: unknown): void {
      config = parseRiskConfig(next);
    },
    exportState: () => ks.exportState(),
    restoreState: (state: KillSwitchState) => ks.restoreState(state),
  };
}

function finite(v: number | undefined): number | null {
  return v === undefined || !Number.isFinite(v) ? null : v;
}
