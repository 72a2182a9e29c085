// Test doubles for runner tests: a minimal Ledger, a pass-through RiskEngine, scripted strategies.
import {
  type ApplyFillResult,
  type Bar,
  Decimal,
  type DecimalInput,
  type EntryFilter,
  type EntrySide,
  type ExecutionPlan,
  type ExitSlice,
  type Fill,
  HUNDRED,
  type Instrument,
  type InstrumentInput,
  InstrumentSchema,
  type Ledger,
  type Order,
  type Position,
  type PositionSummary,
  type ReconcileReport,
  type RiskAdjustedAction,
  type RiskCheckRequest,
  type RiskCheckResult,
  type RiskContext,
  type RiskEngine,
  type RiskEvent,
  type RiskStatus,
  type Strategy,
  type StrategyContext,
  type StrategyEntry,
  type StrategyIntent,
  type StrategyIntentDraft,
  type StrategyPnl,
  type Timeframe,
  ZERO,
  isTerminalOrderStatus,
  notionalOf,
  parseWith,
} from "@quiver/core";

export const T0 = Date.UTC(2025, 0, 6, 14, 0); // a Monday

export function instrument(id: string, extra: Partial<InstrumentInput> = {}): Instrument {
  return parseWith(
    InstrumentSchema,
    { id, kind: "equity", baseAsset: id, quoteCurrency: "USD", tickSize: "0.01", lotSize: "1", ...extra },
    "instrument",
  );
}

interface Pos {
  strategyId: string;
  instrumentId: string;
  side: EntrySide;
  quantity: Decimal;
  costBasis: Decimal;
  entryIds: string[];
  category?: string;
}

/**
 * A deliberately small Ledger: one position per (strategy, instrument, side) summed from fills,
 * cash from fills, FIFO-free average cost. Enough to test the runner's wiring, not accounting.
 */
export class SimpleLedger implements Ledger {
  readonly orders = new Map<string, { order: Order; category?: string }>();
  readonly trades = new Set<string>();
  readonly fills: Fill[] = [];
  readonly reconciles: Array<{ positions: readonly Position[]; at: number }> = [];
  private readonly pos = new Map<string, Pos>();
  private readonly instruments: Map<string, Instrument>;
  private cash: Decimal;
  private readonly realized = new Map<string, Decimal>();
  /** Make reconcile report drift on these instruments. */
  driftOn = new Set<string>();

  constructor(instruments: readonly Instrument[], cash: DecimalInput = 1_000_000) {
    this.instruments = new Map(instruments.map((i) => [i.id, i]));
    this.cash = new Decimal(cash);
  }

  recordOrder(order: Order, options?: { category?: string }): StrategyEntry | null {
    if (this.orders.has(order.orderId)) return null;
    this.orders.set(order.orderId, { order, ...(options?.category ? { category: options.category } : {}) });
    if (order.reduceOnly || order.side === "sell") return null;
    const side: EntrySide = order.outcome ?? "long";
    return {
      entryId: `${order.strategyId}:${order.orderId}`,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      side,
      status: "pending",
      orderedQuantity: order.quantity,
      filledQuantity: ZERO,
      openQuantity: ZERO,
      closedQuantity: ZERO,
      entryPrice: null,
      costBasis: ZERO,
      entryFees: ZERO,
      realizedPnl: ZERO,
      createdAt: order.createdAt,
      updatedAt: order.createdAt,
      filledAt: null,
      closedAt: null,
      settlementPrice: null,
      settledAt: null,
      parentEntryId: null,
      ...(order.signalId ? { signalId: order.signalId } : {}),
    };
  }

  applyOrderUpdate(order: Order): void {
    const known = this.orders.get(order.orderId);
    if (!known) throw new Error(`unknown order ${order.orderId}`);
    known.order = order;
  }

  applyFill(fill: Fill): ApplyFillResult {
    if (this.trades.has(fill.tradeId))
      return { applied: false, entryId: null, exits: [], unattributed: false };
    this.trades.add(fill.tradeId);
    this.fills.push(fill);
    const known = this.orders.get(fill.orderId);
    const strategyId = known?.order.strategyId ?? fill.strategyId ?? "manual";
    const inst = this.instruments.get(fill.instrumentId);
    const notional = inst ? notionalOf(inst, fill.quantity, fill.price) : fill.quantity.times(fill.price);
    const sign = fill.side === "buy" ? 1 : -1;
    this.cash = this.cash.minus(notional.times(sign)).minus(fill.fee);
    const side: EntrySide = fill.outcome ?? (fill.side === "buy" ? "long" : "short");
    const closingSide: EntrySide | null = fill.outcome
      ? fill.side === "sell"
        ? fill.outcome
        : null
      : fill.side === "sell"
        ? "long"
        : "short";
    const closeKey = closingSide ? `${strategyId}|${fill.instrumentId}|${closingSide}` : null;
    const closing = closeKey ? this.pos.get(closeKey) : undefined;
    if (closing?.quantity.gt(0)) {
      const q = Decimal.min(closing.quantity, fill.quantity);
      const avg = closing.costBasis.dividedBy(closing.quantity);
      const value = inst ? notionalOf(inst, q, fill.price) : q.times(fill.price);
      const basis = avg.times(q);
      const pnl = closing.side === "short" ? basis.minus(value) : value.minus(basis);
      this.realized.set(strategyId, (this.realized.get(strategyId) ?? ZERO).plus(pnl));
      closing.quantity = closing.quantity.minus(q);
      closing.costBasis = closing.costBasis.minus(basis);
      if (closing.quantity.isZero()) this.pos.delete(closeKey as string);
      return { applied: true, entryId: null, exits: [], unattributed: !known };
    }
    const key = `${strategyId}|${fill.instrumentId}|${side}`;
    const p = this.pos.get(key) ?? {
      strategyId,
      instrumentId: fill.instrumentId,
      side,
      quantity: ZERO,
      costBasis: ZERO,
      entryIds: [],
    };
    p.quantity = p.quantity.plus(fill.quantity);
    p.costBasis = p.costBasis.plus(notional);
    const entryId = `${strategyId}:${fill.orderId}`;
    if (!p.entryIds.includes(entryId)) p.entryIds.push(entryId);
    this.pos.set(key, p);
    return { applied: true, entryId, exits: [], unattributed: !known };
  }

  settle(): ExitSlice[] {
    return [];
  }

  reconcile(positions: readonly Position[], at: number): ReconcileReport {
    this.reconciles.push({ positions, at });
    const mismatches = [...this.driftOn].map((id) => ({
      instrumentId: id,
      ledgerQuantity: ZERO,
      brokerQuantity: ZERO,
      detail: "forced drift",
    }));
    return { at, adjustments: [], mismatches, drift: mismatches.length > 0 };
  }

  getEntries(_filter?: EntryFilter): StrategyEntry[] {
    return [];
  }

  getEntry(): StrategyEntry | undefined {
    return undefined;
  }

  getStrategyContracts(instrumentId: string, strategyId: string): Decimal {
    let q = ZERO;
    for (const p of this.pos.values())
      if (p.instrumentId === instrumentId && p.strategyId === strategyId) q = q.plus(p.quantity);
    return q;
  }

  getCombinedContracts(instrumentId: string): Decimal {
    let q = ZERO;
    for (const p of this.pos.values()) if (p.instrumentId === instrumentId) q = q.plus(p.quantity);
    return q;
  }

  getPositionSummaries(filter: { strategyId?: string; instrumentId?: string } = {}): PositionSummary[] {
    const out: PositionSummary[] = [];
    for (const p of this.pos.values()) {
      if (filter.strategyId !== undefined && p.strategyId !== filter.strategyId) continue;
      if (filter.instrumentId !== undefined && p.instrumentId !== filter.instrumentId) continue;
      out.push({
        strategyId: p.strategyId,
        instrumentId: p.instrumentId,
        side: p.side,
        quantity: p.quantity,
        costBasis: p.costBasis,
        entryCount: p.entryIds.length,
        entryIds: [...p.entryIds],
        averageEntryPrice: p.quantity.gt(0) ? p.costBasis.dividedBy(p.quantity) : null,
      });
    }
    return out;
  }

  computeStrategyPnl(strategyId: string, marks: Readonly<Record<string, Decimal>>): StrategyPnl {
    let contracts = ZERO;
    let basis = ZERO;
    let unrealized = ZERO;
    let count = 0;
    for (const p of this.pos.values()) {
      if (p.strategyId !== strategyId) continue;
      contracts = contracts.plus(p.quantity);
      basis = basis.plus(p.costBasis);
      count += p.entryIds.length;
      const m = marks[p.instrumentId];
      if (m) unrealized = unrealized.plus(p.quantity.times(m).minus(p.costBasis));
    }
    const realized = this.realized.get(strategyId) ?? ZERO;
    const net = realized.plus(unrealized);
    return {
      strategy: strategyId,
      totalContracts: contracts,
      totalCostBasis: basis,
      realizedPnl: realized,
      unrealizedPnl: unrealized,
      netPnl: net,
      fees: ZERO,
      entryCount: count,
      roiPct: basis.isZero() ? ZERO : net.dividedBy(basis).times(HUNDRED),
    };
  }

  getCash(): Decimal {
    return this.cash;
  }

  getEquity(marks: Readonly<Record<string, Decimal>>): Decimal {
    let e = this.cash;
    for (const p of this.pos.values()) {
      const m = marks[p.instrumentId];
      e = e.plus(m ? p.quantity.times(m) : p.costBasis);
    }
    return e;
  }

  getOrphanedPositions(active: Iterable<string>): PositionSummary[] {
    const set = new Set(active);
    return this.getPositionSummaries().filter((p) => !set.has(p.strategyId));
  }

  /** Open orders the ledger knows (not terminal). */
  openOrders(): Order[] {
    return [...this.orders.values()].map((o) => o.order).filter((o) => !isTerminalOrderStatus(o.status));
  }
}

/**
 * A RiskEngine that sizes each intent to `desiredQuantity` (default 1), relative to the
 * strategy's current position in the context, and blocks what the test says.
 */
export class PassRisk implements RiskEngine {
  readonly contexts: RiskContext[] = [];
  readonly evaluated: StrategyIntent[][] = [];
  /** strategyId → reason to block its intents. */
  block = new Map<string, string>();
  /** instrumentId → cap on target size (downsizing, bindingLimit "max_position"). */
  cap = new Map<string, Decimal>();
  killSwitch = false;
  private plans = 0;

  evaluate(intents: readonly StrategyIntent[], context: RiskContext): ExecutionPlan {
    this.contexts.push(context);
    this.evaluated.push([...intents]);
    const actions: RiskAdjustedAction[] = intents.map((intent, i) => {
      let current = ZERO;
      for (const p of context.positions)
        if (p.strategyId === intent.strategyId && p.instrumentId === intent.instrumentId)
          current = current.plus(p.quantity);
      let target = intent.side === "flat" ? ZERO : (intent.desiredQuantity ?? new Decimal(1));
      let binding: string | null = null;
      const cap = this.cap.get(intent.instrumentId);
      if (cap && target.gt(cap)) {
        target = cap;
        binding = "max_position";
      }
      const reason = this.killSwitch ? "kill_switch" : this.block.get(intent.strategyId);
      const delta = target.minus(current).abs();
      const side = intent.side === "short" ? "sell" : "buy";
      const orderSide = delta.isZero() ? null : target.gt(current) ? side : side === "buy" ? "sell" : "buy";
      const actionType = delta.isZero()
        ? "none"
        : current.isZero()
          ? "open"
          : target.isZero()
            ? "close"
            : target.gt(current)
              ? "increase"
              : "reduce";
      const price = context.prices[intent.instrumentId] ?? null;
      return {
        actionId: `a-${this.plans}-${i}`,
        strategyId: intent.strategyId,
        instrumentId: intent.instrumentId,
        signalId: intent.signalId,
        side: intent.side,
        intentType: intent.intentType,
        actionType,
        targetBaseSize: target,
        targetNotionalUsd: price ? target.times(price) : ZERO,
        currentBaseSize: current,
        orderSide,
        deltaBaseSize: delta,
        referencePrice: price,
        confidence: intent.confidence,
        reason: "pass",
        blocked: reason !== undefined,
        blockedReasons: reason !== undefined ? [reason] : [],
        bindingLimit: binding,
        riskLimitsSnapshot: {},
      };
    });
    return { planId: `plan-${++this.plans}`, generatedAt: context.now, actions, events: [], metadata: {} };
  }

  checkRiskLimits(request: RiskCheckRequest): RiskCheckResult {
    return { allowed: true, maxContracts: request.requestedContracts, limitingFactor: "none", details: {} };
  }

  getRiskStatus(context: RiskContext): RiskStatus {
    return {
      asOf: context.now,
      killSwitchActive: this.killSwitch,
      killSwitchReasons: [],
      dailyDrawdownPct: 0,
      driftFlag: context.driftFlag,
      totalExposurePct: 0,
      perAssetExposurePct: {},
      perStrategyExposurePct: {},
      openPositions: context.positions.length,
      marketsAtCombinedLimit: [],
      categoriesNearLimit: [],
    };
  }

  activateKillSwitch(reason: string, at: number): RiskEvent {
    this.killSwitch = true;
    return { type: "kill_switch_on", at, reasons: [reason], details: {} };
  }

  releaseKillSwitch(at: number): RiskEvent | null {
    if (!this.killSwitch) return null;
    this.killSwitch = false;
    return { type: "kill_switch_off", at, reasons: [], details: {} };
  }

  reloadConfig(): void {}
}

/** A strategy driven by a function of (ctx, bar): returns drafts without boilerplate. */
export function scripted(
  id: string,
  universe: readonly string[],
  decide: (ctx: StrategyContext, bar: Bar) => StrategyIntentDraft[] | undefined,
  options: { timeframes?: Timeframe[]; priority?: number; onBar?: (bar: Bar) => void } = {},
): Strategy & { calls: number } {
  const s = {
    id,
    config: {},
    universe,
    timeframes: options.timeframes ?? ["1m"],
    ...(options.priority === undefined ? {} : { priority: options.priority }),
    calls: 0,
    ...(options.onBar ? { onBar: options.onBar } : {}),
    generateIntents(ctx: StrategyContext) {
      s.calls++;
      const out: StrategyIntentDraft[] = [];
      for (const bar of ctx.bars.values()) out.push(...(decide(ctx, bar) ?? []));
      return out;
    },
  };
  return s;
}

/** A long "enter" draft for `qty` units. */
export function buy(
  ctx: StrategyContext,
  instrumentId: string,
  qty: DecimalInput = 10,
  extra: Partial<StrategyIntentDraft> = {},
): StrategyIntentDraft {
  return {
    instrumentId,
    side: "long",
    intentType: "enter",
    desiredQuantity: String(qty),
    confidence: 0.7,
    timeframe: ctx.timeframe,
    generatedAt: ctx.now,
    signalId: ctx.signalId(instrumentId),
    ...extra,
  };
}

/** A "flat" exit draft. */
export function flat(ctx: StrategyContext, instrumentId: string): StrategyIntentDraft {
  return {
    instrumentId,
    side: "flat",
    intentType: "exit",
    confidence: 0.6,
    timeframe: ctx.timeframe,
    generatedAt: ctx.now,
    signalId: ctx.signalId(instrumentId, "exit"),
  };
}

/** Lets every pending microtask and promise chain settle. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}
