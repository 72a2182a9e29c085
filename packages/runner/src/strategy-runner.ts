// StrategyRunner: many isolated strategies, one shared data path, one book, one serialized execution path.
import {
  integerText,
  type AccountSnapshot,
  type Bar,
  type Broker,
  BrokerError,
  type Clock,
  type ConsensusEvent,
  type Decimal,
  type DecisionRecord,
  type ExecutionLock,
  type ExecutionPlan,
  type Fill,
  HUNDRED,
  type Instrument,
  type InstrumentInput,
  InstrumentSchema,
  InvalidStateError,
  type Ledger,
  type LockLease,
  type Logger,
  MANUAL_STRATEGY_ID,
  type MarketDataFeed,
  type MaybePromise,
  NotFoundError,
  type Order,
  type OrderRequest,
  type Outcome,
  type PendingExposure,
  type Position,
  type PositionSummary,
  QuiverEmitter,
  QuiverError,
  type RiskAdjustedAction,
  type RiskContext,
  type RiskEngine,
  type RiskPosition,
  type RiskStatus,
  type StateStore,
  type StoredRecord,
  type Strategy,
  type StrategyIntent,
  type StrategyIntentDraft,
  StrategyIntentSchema,
  type StrategyPnl,
  type StrategySignal,
  type StrategyState,
  type StrategyStatus,
  type Subscription,
  type Timeframe,
  type TimerHandle,
  ValidationError,
  ZERO,
  addDecimals,
  decimalFromNumber,
  decimalToPlainString,
  isGreaterThan,
  isLessThan,
  subDecimals,
  isTerminalOrderStatus,
  makeClientOrderId,
  makeSignalId,
  nextBarClose,
  nextZonedTimeOfDay,
  noopLogger,
  notionalOf,
  parseTimeframe,
  parseWith,
  roundQuantityDown,
  sharedEmpty,
  toJsonValue,
  toValidationIssues,
} from "@quiver/core";
import { type RunnerConfig, type RunnerConfigInput, parseRunnerConfig } from "./config.js";
import { InMemoryExecutionLock } from "./execution-lock.js";
import { type Co, isPromiseLike, runCo } from "./internal/co.js";
import { ringAtr } from "./internal/atr.js";
import { ConsensusDetector } from "./internal/consensus.js";
import { fastIntent } from "./internal/fast-intent.js";
import { Ring } from "./internal/ring.js";
import { ScopedContext } from "./internal/scoped-context.js";

/** Constructor arguments of {@link StrategyRunner} (constructor injection, no singletons). */
export interface StrategyRunnerOptions {
  clock: Clock;
  broker: Broker;
  /** Live/paper bar source; optional when a harness drives `processBar` itself. */
  feed?: MarketDataFeed;
  ledger: Ledger;
  risk: RiskEngine;
  /** Journal of signals, decisions, orders, consensus events. */
  store?: StateStore;
  /** Defaults to an {@link InMemoryExecutionLock} on `clock`. */
  lock?: ExecutionLock;
  logger?: Logger;
  /** Emitter for core's event map; one is created when omitted (see `events`). */
  events?: QuiverEmitter;
  instruments: ReadonlyArray<Instrument | InstrumentInput>;
  strategies: readonly Strategy[];
  config?: RunnerConfigInput;
}

/** What one decision cycle did. */
export interface CycleResult {
  at: number;
  /** The risk engine's plan, or null when no intent reached the risk engine. */
  plan: ExecutionPlan | null;
  decision: DecisionRecord | null;
  signals: StrategySignal[];
  /** Orders accepted by the broker in this cycle. */
  orders: Order[];
}

/** Options of {@link StrategyRunner.runCycle}. */
export interface RunCycleOptions {
  /** Only these strategies (default: all). */
  strategies?: readonly string[];
  /** Only this timeframe. */
  timeframe?: Timeframe;
  /** Evaluate even when no new bar closed since the strategy's last evaluation (time-of-day jobs). */
  force?: boolean;
}

/** Options of {@link StrategyRunner.disable}. */
export interface DisableOptions {
  /** Submit closing orders for the strategy's positions after its execution finished (seed 001 rule 6). */
  closePositions?: boolean;
  /** Do not wait for an execution in progress (emergency). */
  force?: boolean;
}

/** Result of closing positions (disable with close-positions, orphan clean-up). */
export interface CloseResult {
  /** Closing orders the broker accepted. */
  orders: Order[];
  /** Positions that could not be closed, and why. */
  failed: Array<{ strategyId: string; instrumentId: string; reason: string }>;
  /** Open positions of the strategies concerned after the attempt (partial fills leave a remainder). */
  remaining: PositionSummary[];
}

/** Freshness of one stream, as {@link StrategyRunner.getDataStatus} reports it. */
export interface StreamStatus {
  instrumentId: string;
  timeframe: Timeframe;
  lastBarCloseTime: number | null;
  /** now − last close, or null without data. */
  ageMs: number | null;
  stale: boolean;
  /** Strategies fed by this stream. */
  strategies: string[];
}

/** `getTradingSummary()` (seed 000 §5). */
export interface TradingSummary {
  asOf: number;
  strategyPnl: Record<string, StrategyPnl>;
  /** Last 20 signals, oldest first. */
  recentSignals: StrategySignal[];
  /** Last 10 consensus events, oldest first. */
  consensusEvents: ConsensusEvent[];
  riskStatus: RiskStatus;
  orphanedPositions: PositionSummary[];
}

/** A scheduled job; `cancel()` is idempotent. */
export interface ScheduledJob {
  readonly id: string;
  /** Next run (epoch ms), or null once cancelled. */
  readonly nextRunAt: number | null;
  cancel(): void;
}

/** A time-of-day job (seed 001: OMR 15:55 entry, 09:31 exit New York; MP 15:55 rebalance). */
export interface DailyJobOptions {
  id: string;
  /** "HH:MM" local to `timeZone`. */
  time: string;
  timeZone: string;
  /** Skip Saturdays and Sundays (default true). */
  weekdaysOnly?: boolean;
  /** Local "YYYY-MM-DD" dates to skip (holidays). */
  skipDates?: readonly string[];
  /** Strategies whose decision cycle runs (forced) at that time. */
  strategies: readonly string[];
  /** Custom action instead of the forced cycle. */
  action?: (runner: StrategyRunner, now: number) => MaybePromise<unknown>;
}

/** A decision cycle at every bar close of a timeframe. */
export interface BarCloseJobOptions {
  id: string;
  timeframe: Timeframe;
  delayMs?: number;
  strategies?: readonly string[];
}

interface Stream {
  readonly instrumentId: string;
  readonly timeframe: Timeframe;
  readonly tfMs: number;
  ring: Ring<Bar>;
  lastCloseTime: number | null;
  /** Recent bars handed to the risk engine, cached until the next bar closes on this stream. */
  riskBars: Bar[] | null;
  /** `lastCloseTime` and length the cached `riskBars` were taken at. */
  riskBarsAt: number | null;
  riskBarsLen: number;
  /** Cached Wilder ATR of the stream for held instruments (see `heldAtr`), with the close time and key it was computed at. */
  atr: number | null;
  atrAt: number | null;
  atrKey: number;
  readonly slots: Slot[];
  /** For each slot, the index of this stream's timeframe in the slot's `lastEval`. */
  readonly slotTf: number[];
  subscription: Subscription | null;
  /** The instrument's state (prices), looked up once. */
  readonly inst: InstrumentState | undefined;
}

interface InstrumentState {
  readonly instrument: Instrument;
  lastPrice: number | undefined;
  priceDec: Decimal | undefined;
  priceDecOf: number | undefined;
  /** Listed in `dirtyPrices` (its Decimal price in `prices` is out of date). */
  dirty: boolean;
  readonly slots: Slot[];
  /** Ids of the enabled running/paused strategies trading it (frozen), as of `concurrentAt`. */
  concurrent: readonly string[] | null;
  concurrentAt: number;
}

/** The risk view of one instrument's positions, re-marked only when its price moves. */
interface InstrumentBook {
  summaries: PositionSummary[];
  /** The YES/last price the positions were marked at (identity of the cached Decimal). */
  mark: Decimal | undefined;
  positions: RiskPosition[];
  /** Σ signed notional (short negative), for equity. */
  value: Decimal;
  /** Stream giving this holding's volatility to the risk engine (undefined: not looked up yet). */
  volStream?: Stream | null;
}

interface Slot {
  readonly strategy: Strategy;
  readonly id: string;
  readonly index: number;
  readonly priority: number;
  readonly universe: ReadonlySet<string>;
  status: StrategyStatus;
  enabled: boolean;
  shutdownRequested: boolean;
  error: string | null;
  lastIntentsAt: number | null;
  lastActionsAt: number | null;
  /** Close time of the newest bar evaluated, per index of `strategy.timeframes`. */
  readonly lastEval: number[];
  seenAt: number;
  readonly seen: Set<string>;
  executing: number;
  idleWaiters: Array<() => void>;
  readonly ctx: ScopedContext;
  readonly log: Logger;
}

interface Pending {
  slot: Slot;
  drafts: ReadonlyArray<StrategyIntentDraft>;
  stale: boolean;
}

interface Item {
  slot: Slot;
  intent: StrategyIntent;
  context: Record<string, unknown>;
  skip: string | null;
  executed: boolean;
  action?: RiskAdjustedAction;
  order?: Order;
  detail?: string;
}

type SubmitOutcome = { order: Order } | { reason: string; detail: string };

interface Unresolved {
  request: OrderRequest;
  since: number;
}

const EMPTY: readonly never[] = Object.freeze([]);
/** "No order working" for risk contexts: shared, never written to (not frozen: see core's `sharedEmpty`). */
const NO_PENDING: PendingExposure[] = sharedEmpty();

/**
 * The items not skipped: `items` itself when none is (the usual decision has one intent and nothing
 * skipped, so no copy), else a filtered copy.
 */
function unskipped(items: Item[]): Item[] {
  for (const i of items) if (i.skip !== null) return items.filter((x) => x.skip === null);
  return items;
}

/**
 * Runs many strategies over one portfolio (seeds 002 §6, 003, 004, 001, 000):
 * - ONE feed subscription per (instrument, timeframe), fanned out to every strategy that wants
 *   it; a ring buffer of closed bars per stream backs `ctx.history`;
 * - each strategy gets a read-only context scoped to its own positions; a throwing strategy is
 *   marked `errored` and the others carry on;
 * - every intent becomes a journaled {@link StrategySignal}, executed or skipped with a reason;
 * - the risk engine turns intents into an {@link ExecutionPlan}; execution is serialized by the
 *   {@link ExecutionLock}, checks pending orders and buying power, honours shutdown requests and
 *   the execution timeout, uses deterministic client order ids, resolves unknown outcomes by
 *   client-id lookup and retries only retryable errors with exponential backoff (Clock timers);
 * - broker fills and order updates flow into the ledger.
 *
 * Sync-first: when every port answers with plain values (paper broker, ledger, risk), a bar flows
 * through without any Promise; a bar on which no strategy emits an intent costs one ring push plus
 * `onBar` + `generateIntents` per subscribed strategy. When a port returns a Promise, that call
 * (and only that decision) goes async.
 *
 * Bars reach the runner through `start()` (feed subscriptions) or `processBar(bar)` (a backtest
 * harness). The runner forwards each bar to `broker.onBar` when the broker has one and
 * `forwardBarsToBroker` is on (default), BEFORE strategies see it: the paper broker fills
 * resting orders on it first. The harness should therefore not forward bars itself. Decision time
 * is `clock.now()`: a backtest harness advances its VirtualClock to the bar's close first.
 *
 * @example
 * const runner = new StrategyRunner({ clock, broker, feed, ledger, risk, instruments, strategies: [trend] });
 * runner.events.on("signal", (s) => console.log(s.strategyId, s.executed, s.skipReason));
 * await runner.start();
 */
export class StrategyRunner {
  /** Typed events of core's `QuiverEventMap`. */
  readonly events: QuiverEmitter;
  private config: RunnerConfig;
  private readonly clock: Clock;
  private readonly broker: Broker;
  private readonly feed: MarketDataFeed | undefined;
  private readonly ledger: Ledger;
  private readonly risk: RiskEngine;
  private readonly store: StateStore | undefined;
  private readonly lock: ExecutionLock;
  private readonly log: Logger;
  private readonly slots: Slot[] = [];
  private readonly slotById = new Map<string, Slot>();
  private readonly instruments = new Map<string, InstrumentState>();
  private readonly instrumentRecord: Record<string, Instrument> = {};
  private readonly instrumentMap = new Map<string, Instrument>();
  private readonly streams = new Map<string, Map<Timeframe, Stream>>();
  private readonly streamList: Stream[] = [];
  private signalRing: Ring<StrategySignal>;
  private consensusRing: Ring<ConsensusEvent>;
  private readonly consensus: ConsensusDetector;
  private readonly openOrders = new Map<string, Order>();
  /** Broker events of orders being submitted, replayed in arrival order once the order is recorded. */
  private readonly submitting = new Map<string, Array<Fill | Order>>();
  private readonly unresolved = new Map<string, Unresolved>();
  private readonly jobs = new Map<string, { timer: TimerHandle | null; next: number | null }>();
  private readonly brokerOnBar: ((bar: Bar) => unknown) | undefined;
  private account: AccountSnapshot | null = null;
  /** Decimal last prices, updated lazily from `dirtyPrices` (only instruments whose price moved). */
  private readonly prices: Record<string, Decimal> = {};
  private readonly dirtyPrices: InstrumentState[] = [];
  /**
   * Risk view of the book per instrument. Valid while the ledger's `seq` equals `bookSeq` (the seq
   * after the last mutation the runner made or saw); instruments the runner touched since are
   * refreshed alone (`getPositionSummaries({ instrumentId })`); any other change rebuilds it all.
   */
  private book: Map<string, InstrumentBook> | null = null;
  private bookSeq: number | undefined = undefined;
  private bookValue: Decimal = ZERO;
  private readonly touched = new Set<string>();
  private lastSyncAt: number | null = null;
  private driftFlag = false;
  private orphans: PositionSummary[] = [];
  private started = false;
  private disposed = false;
  private decisionSeq = 0;
  /** Running-and-enabled strategy ids for the risk context; null when a status/enabled flag changed. */
  private activeCache: string[] | null = null;
  /** The stream of the last bar processed (see `processBar`). */
  private lastStream: Stream | undefined;
  /** Bumped whenever a strategy's status or enabled flag changes (see `statusChanged`). */
  private statusVersion = 0;
  /** The book's positions as one array for the risk context; null when the book changed. */
  private positionsCache: RiskPosition[] | null = null;
  /** The order snapshot last recorded in the ledger by `acceptOrder` (to drop redundant replays). */
  private lastAccepted: Order | null = null;
  /** `recentConsensusAt` result, dropped when a consensus event is recorded. */
  private recentConsensus: { now: number; window: number; events: ConsensusEvent[] } | null = null;
  /** Pending exposure per open order snapshot, with the reference price it was computed at. */
  private readonly pendingCache = new WeakMap<
    Order,
    { ref: Decimal | undefined; exposure: PendingExposure | null }
  >();
  private closeSeq = 0;

  /**
   * @throws ValidationError for duplicate/empty strategy ids, unknown universe instruments, bad
   *   timeframes or an invalid config; ConfigError for unsafe config keys.
   */
  constructor(options: StrategyRunnerOptions) {
    this.clock = options.clock;
    this.broker = options.broker;
    this.feed = options.feed;
    this.ledger = options.ledger;
    this.risk = options.risk;
    this.store = options.store;
    this.lock = options.lock ?? new InMemoryExecutionLock(options.clock);
    this.log = options.logger ?? noopLogger;
    this.events = options.events ?? new QuiverEmitter();
    this.config = parseRunnerConfig(
      options.config ?? {},
      options.strategies.map((s) => s.id),
    );
    this.signalRing = new Ring(this.config.signalRingSize);
    this.consensusRing = new Ring(this.config.consensusRingSize);
    this.consensus = new ConsensusDetector(this.config.consensusWindowMs);

    options.instruments.forEach((input, i) => {
      const inst = parseWith(InstrumentSchema, input, `instruments[${i}]`);
      if (this.instruments.has(inst.id))
        throw new ValidationError("runner", [
          { path: `instruments[${i}].id`, message: `duplicate "${inst.id}"` },
        ]);
      this.instruments.set(inst.id, {
        instrument: inst,
        lastPrice: undefined,
        priceDec: undefined,
        priceDecOf: undefined,
        dirty: false,
        slots: [],
        concurrent: null,
        concurrentAt: -1,
      });
      this.instrumentRecord[inst.id] = inst;
      this.instrumentMap.set(inst.id, inst);
    });

    const market = {
      lastPrice: (id: string) => this.lastPrice(id),
      history: (id: string, tf: Timeframe, limit?: number) => this.history(id, tf, limit),
    };
    options.strategies.forEach((strategy, index) => {
      this.register(strategy, index, market);
    });

    const b = this.broker as Broker & { onBar?: (bar: Bar) => unknown };
    this.brokerOnBar = typeof b.onBar === "function" ? b.onBar.bind(b) : undefined;
    this.broker.on("fill", this.onBrokerFill);
    this.broker.on("orderUpdate", this.onBrokerOrderUpdate);
  }

  // ---- registration & data distribution ------------------------------------------------------

  private register(
    strategy: Strategy,
    index: number,
    market: ConstructorParameters<typeof ScopedContext>[4],
  ): void {
    const path = `strategies[${index}]`;
    if (typeof strategy.id !== "string" || strategy.id === "")
      throw new ValidationError("runner", [{ path: `${path}.id`, message: "must be a non-empty string" }]);
    if (this.slotById.has(strategy.id))
      throw new ValidationError("runner", [
        { path: `${path}.id`, message: `duplicate strategy id "${strategy.id}"` },
      ]);
    if (strategy.timeframes.length === 0)
      throw new ValidationError("runner", [{ path: `${path}.timeframes`, message: "must not be empty" }]);
    strategy.timeframes.forEach((tf, i) => {
      parseTimeframe(tf, `${path}.timeframes[${i}]`);
    });
    strategy.universe.forEach((id, i) => {
      if (!this.instruments.has(id))
        throw new ValidationError("runner", [
          { path: `${path}.universe[${i}]`, message: `unknown instrument "${id}"` },
        ]);
    });
    const toggle = this.config.toggles[strategy.id];
    const enabled = toggle?.enabled ?? true;
    const slot: Slot = {
      strategy,
      id: strategy.id,
      index,
      priority: strategy.priority ?? 0,
      universe: new Set(strategy.universe),
      status: enabled ? "idle" : "disabled",
      enabled,
      shutdownRequested: toggle?.shutdownRequested ?? false,
      error: null,
      lastIntentsAt: null,
      lastActionsAt: null,
      lastEval: strategy.timeframes.map(() => Number.NEGATIVE_INFINITY),
      seenAt: Number.NaN,
      seen: new Set(),
      executing: 0,
      idleWaiters: [],
      ctx: new ScopedContext(strategy.id, strategy.universe, this.instrumentMap, this.ledger, market),
      log: this.log.child({ strategyId: strategy.id }),
    };
    this.slots.push(slot);
    this.slotById.set(slot.id, slot);
    for (const id of slot.universe) {
      (this.instruments.get(id) as InstrumentState).slots.push(slot);
      strategy.timeframes.forEach((tf, ti) => {
        const stream = this.streamFor(id, tf, true) as Stream;
        stream.slots.push(slot);
        stream.slotTf.push(ti);
      });
    }
  }

  private streamFor(instrumentId: string, timeframe: Timeframe, create: boolean): Stream | undefined {
    let byTf = this.streams.get(instrumentId);
    if (!byTf) {
      if (!create) return undefined;
      byTf = new Map();
      this.streams.set(instrumentId, byTf);
    }
    let s = byTf.get(timeframe);
    if (!s && create) {
      s = {
        instrumentId,
        timeframe,
        tfMs: parseTimeframe(timeframe).ms,
        ring: new Ring(this.config.maxHistoryBars),
        lastCloseTime: null,
        riskBars: null,
        riskBarsAt: null,
        riskBarsLen: 0,
        atr: null,
        atrAt: null,
        atrKey: -1,
        slots: [],
        slotTf: [],
        subscription: null,
        inst: this.instruments.get(instrumentId),
      };
      byTf.set(timeframe, s);
      this.streamList.push(s);
    }
    return s;
  }

  /** Strategies whose universe contains the instrument (seed 004). */
  getStrategiesForSymbol(instrumentId: string): Strategy[] {
    return (this.instruments.get(instrumentId)?.slots ?? []).map((s) => s.strategy);
  }

  /** A strategy by id. */
  getStrategyById(strategyId: string): Strategy | undefined {
    return this.slotById.get(strategyId)?.strategy;
  }

  /** Running, enabled strategies trading the instrument. */
  getActiveCountForSymbol(instrumentId: string): number {
    let n = 0;
    for (const s of this.instruments.get(instrumentId)?.slots ?? [])
      if (s.status === "running" && s.enabled) n++;
    return n;
  }

  /** Freshness of every stream at `now` (default: the clock). */
  getDataStatus(now: number = this.clock.now()): StreamStatus[] {
    return this.streamList.map((s) => ({
      instrumentId: s.instrumentId,
      timeframe: s.timeframe,
      lastBarCloseTime: s.lastCloseTime,
      ageMs: s.lastCloseTime === null ? null : now - s.lastCloseTime,
      stale: this.isStale(s, now),
      strategies: s.slots.map((x) => x.id),
    }));
  }

  private isStale(stream: Stream, now: number): boolean {
    if (stream.lastCloseTime === null) return true;
    return now - stream.lastCloseTime > (this.config.staleAfterMs ?? 2 * stream.tfMs);
  }

  private lastPrice(instrumentId: string): number | undefined {
    const st = this.instruments.get(instrumentId);
    if (st?.lastPrice !== undefined) return st.lastPrice;
    return this.feed?.getLatestPrice?.(instrumentId);
  }

  private history(instrumentId: string, timeframe: Timeframe, limit?: number): readonly Bar[] {
    const s = this.streamFor(instrumentId, timeframe, false);
    if (!s) return EMPTY;
    return s.ring.toArray(limit === undefined ? s.ring.size : limit);
  }

  /** Last price as a Decimal (cached per price change), YES price for binary. */
  private priceOf(instrumentId: string): Decimal | undefined {
    const st = this.instruments.get(instrumentId);
    if (!st) return undefined;
    const p = this.lastPrice(instrumentId);
    if (p === undefined) return undefined;
    if (st.priceDecOf !== p) {
      st.priceDec = decimalFromNumber(p);
      st.priceDecOf = p;
    }
    return st.priceDec;
  }

  /**
   * Last prices as Decimals, by instrument. The same object is updated in place as prices move
   * (only moved instruments are converted), so it is valid for the duration of one call.
   */
  private priceRecord(): Record<string, Decimal> {
    const dirty = this.dirtyPrices;
    for (let i = 0; i < dirty.length; i++) {
      const st = dirty[i] as InstrumentState;
      st.dirty = false;
      const p = this.priceOf(st.instrument.id);
      if (p !== undefined) this.prices[st.instrument.id] = p;
    }
    dirty.length = 0;
    if (this.feed?.getLatestPrice !== undefined)
      // Instruments without any bar yet may still have a feed price.
      for (const st of this.instruments.values()) {
        if (st.lastPrice !== undefined) continue;
        const p = this.priceOf(st.instrument.id);
        if (p !== undefined) this.prices[st.instrument.id] = p;
      }
    return this.prices;
  }

  /** The ledger's mutation counter when it exposes one (`seq`, as @quiver/ledger does): enables caching. */
  private ledgerSeq(): number | undefined {
    const seq = (this.ledger as { seq?: unknown }).seq;
    return typeof seq === "number" ? seq : undefined;
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  /**
   * Starts the runner: warms strategies up from the feed's history (when they ask for it),
   * subscribes ONE feed listener per (instrument, timeframe), installs configured schedules and
   * sets enabled strategies running. Idempotent.
   */
  start(): MaybePromise<void> {
    if (this.disposed) throw new InvalidStateError("StrategyRunner was disposed");
    if (this.started) return;
    this.started = true;
    return runCo(this.startCo());
  }

  private *startCo(): Co<void> {
    const now = this.clock.now();
    if (this.feed) {
      const feed = this.feed;
      for (const slot of this.slots) {
        const warm = slot.strategy.warmupBars ?? 0;
        if (warm <= 0 || !slot.strategy.warmup) continue;
        for (const tf of slot.strategy.timeframes) {
          for (const id of slot.universe) {
            const stream = this.streamFor(id, tf, false) as Stream;
            if (stream.ring.size >= warm) continue;
            const bars = (yield feed.getHistory(id, tf, { limit: warm, endTime: now })) as Bar[];
            for (const bar of bars)
              if (bar.closed && (stream.lastCloseTime === null || bar.closeTime > stream.lastCloseTime))
                this.pushBar(stream, bar);
          }
        }
      }
    }
    for (const slot of this.slots) this.warmup(slot);
    if (this.feed) {
      for (const s of this.streamList) {
        if (s.subscription) continue;
        s.subscription = this.feed.subscribe(s.instrumentId, s.timeframe, (bar) => this.onFeedBar(bar));
      }
    }
    for (const sched of this.config.schedules) {
      if (sched.kind === "daily")
        this.scheduleDaily({
          id: sched.id,
          time: sched.time,
          timeZone: sched.timeZone,
          weekdaysOnly: sched.weekdaysOnly,
          skipDates: sched.skipDates,
          strategies: sched.strategies,
        });
      else
        this.scheduleBarCloses({
          id: sched.id,
          timeframe: sched.timeframe,
          delayMs: sched.delayMs,
          ...(sched.strategies ? { strategies: sched.strategies } : {}),
        });
    }
    for (const slot of this.slots)
      if (slot.status === "idle" && slot.enabled) this.setStatus(slot, "running");
  }

  private warmup(slot: Slot, reason?: string): void {
    if (!slot.strategy.warmup) return;
    for (const tf of slot.strategy.timeframes) {
      const history = new Map<string, readonly Bar[]>();
      for (const id of slot.universe) history.set(id, this.history(id, tf));
      try {
        slot.strategy.warmup(history, tf);
      } catch (e) {
        this.markErrored(slot, e, reason ?? "warmup");
        return;
      }
    }
  }

  /** Unsubscribes from the feed and cancels schedules (idempotent). Strategies keep their status. */
  stop(): void {
    for (const s of this.streamList) {
      s.subscription?.unsubscribe();
      s.subscription = null;
    }
    for (const id of [...this.jobs.keys()]) this.cancelJob(id);
    this.started = false;
  }

  /** `stop()` plus detaching from the broker's events. Idempotent; the runner cannot be restarted. */
  dispose(): void {
    this.stop();
    if (this.disposed) return;
    this.disposed = true;
    this.broker.off("fill", this.onBrokerFill);
    this.broker.off("orderUpdate", this.onBrokerOrderUpdate);
  }

  private slot(strategyId: string): Slot {
    const s = this.slotById.get(strategyId);
    if (!s) throw new NotFoundError(`Unknown strategy "${strategyId}"`, { details: { strategyId } });
    return s;
  }

  private setStatus(slot: Slot, status: StrategyStatus, reason?: string): void {
    if (slot.status === status) return;
    const previous = slot.status;
    slot.status = status;
    this.statusChanged();
    slot.log.info("strategy status", { status, previous, ...(reason ? { reason } : {}) });
    this.events.emit("strategyStatus", {
      strategyId: slot.id,
      status,
      previous,
      ...(reason === undefined ? {} : { reason }),
      at: this.clock.now(),
    });
  }

  /** A strategy's status or enabled flag changed: cached views of who is active are stale. */
  private statusChanged(): void {
    this.activeCache = null;
    this.statusVersion++;
  }

  private markErrored(slot: Slot, error: unknown, where: string): void {
    const message = error instanceof Error ? error.message : String(error);
    slot.error = `${where}: ${message}`;
    slot.log.error("strategy errored", { where, error: message });
    this.setStatus(slot, "errored", slot.error);
  }

  /** Starts (or starts again after `stopStrategy`) one strategy. @throws InvalidStateError when disabled or errored. */
  startStrategy(strategyId: string): void {
    const slot = this.slot(strategyId);
    if (!slot.enabled) throw new InvalidStateError(`Strategy "${strategyId}" is disabled; enable it first`);
    if (slot.status === "errored")
      throw new InvalidStateError(`Strategy "${strategyId}" errored; restart it`);
    if (slot.status === "idle" || slot.status === "stopped") this.setStatus(slot, "running");
  }

  /** Stops a strategy: it receives no bars and makes no decisions until started again. */
  stopStrategy(strategyId: string): void {
    const slot = this.slot(strategyId);
    if (slot.status !== "disabled") this.setStatus(slot, "stopped");
  }

  /** Pauses decisions; `onBar` keeps updating indicators so `resume` continues warm. */
  pauseStrategy(strategyId: string): void {
    const slot = this.slot(strategyId);
    if (slot.status !== "running")
      throw new InvalidStateError(`Strategy "${strategyId}" is ${slot.status}, not running`);
    this.setStatus(slot, "paused");
  }

  /** Resumes a paused strategy. */
  resumeStrategy(strategyId: string): void {
    const slot = this.slot(strategyId);
    if (slot.status !== "paused")
      throw new InvalidStateError(`Strategy "${strategyId}" is ${slot.status}, not paused`);
    this.setStatus(slot, "running");
  }

  /** Clears an error, warms the strategy up again from the runner's buffers and runs it. */
  restartStrategy(strategyId: string): void {
    const slot = this.slot(strategyId);
    if (!slot.enabled) throw new InvalidStateError(`Strategy "${strategyId}" is disabled; enable it first`);
    slot.error = null;
    slot.lastEval.fill(Number.NEGATIVE_INFINITY);
    this.setStatus(slot, "idle", "restart");
    this.warmup(slot, "restart warmup");
    if (slot.status === "idle") this.setStatus(slot, "running", "restart");
  }

  /** Enables a strategy (toggle `enabled: true`, `shutdownRequested: false`). */
  enable(strategyId: string): void {
    const slot = this.slot(strategyId);
    slot.enabled = true;
    this.statusChanged();
    slot.shutdownRequested = false;
    if (slot.status === "disabled") this.setStatus(slot, this.started ? "running" : "idle", "enabled");
  }

  /** Sets `shutdownRequested`: an execution in progress aborts its remaining orders (seed 001 rule 5). */
  requestShutdown(strategyId: string): void {
    const slot = this.slot(strategyId);
    slot.shutdownRequested = true;
    slot.log.warn("shutdown requested");
  }

  /**
   * Disables a strategy (seed 001 rules 5 and 6): sets `shutdownRequested`, waits for its
   * execution in progress to finish (it aborts its remaining orders; skip `force` to wait), then
   * with `closePositions` submits closing orders under the execution lock (partial fills leave the
   * remainder in the ledger, reported as orphans), then `enabled: false`, `shutdownRequested: false`.
   */
  disable(strategyId: string, options: DisableOptions = {}): MaybePromise<CloseResult> {
    const slot = this.slot(strategyId);
    slot.shutdownRequested = true;
    slot.log.warn("disable requested", { closePositions: options.closePositions ?? false });
    const finish = (): MaybePromise<CloseResult> =>
      runCo(this.disableCo(slot, options.closePositions === true));
    if (slot.executing > 0 && options.force !== true)
      return new Promise<void>((resolve) => slot.idleWaiters.push(resolve)).then(finish);
    return finish();
  }

  private *disableCo(slot: Slot, close: boolean): Co<CloseResult> {
    let result: CloseResult = { orders: [], failed: [], remaining: [] };
    if (close) {
      const positions = this.ledger.getPositionSummaries({ strategyId: slot.id });
      result = yield* this.closeCo(positions, slot.id);
    }
    slot.enabled = false;
    this.statusChanged();
    slot.shutdownRequested = false;
    this.setStatus(slot, "disabled", close ? "disabled with close-positions" : "disabled");
    this.checkOrphans();
    result.remaining = this.ledger.getPositionSummaries({ strategyId: slot.id });
    return result;
  }

  /** Positions of disabled strategies (seed 001 rule 7), as of the last cycle/disable. */
  getOrphanedPositions(): PositionSummary[] {
    this.checkOrphans();
    return [...this.orphans];
  }

  /** Submits closing orders for every orphaned position (seed 001 `close-orphaned`). */
  closeOrphanedPositions(): MaybePromise<CloseResult> {
    const orphans = this.getOrphanedPositions();
    return runCo(
      (function* (self: StrategyRunner): Co<CloseResult> {
        const r = yield* self.closeCo(orphans, "orphans");
        r.remaining = self.ledger.getOrphanedPositions(self.activeIds());
        self.checkOrphans();
        return r;
      })(this),
    );
  }

  private activeIds(): string[] {
    const out: string[] = [];
    for (const s of this.slots) if (s.enabled) out.push(s.id);
    return out;
  }

  private checkOrphans(): void {
    const next = this.ledger.getOrphanedPositions(this.activeIds());
    if (next.length > 0 && next.length !== this.orphans.length)
      this.log.warn("orphaned positions", {
        positions: next.map((p) => ({
          strategyId: p.strategyId,
          instrumentId: p.instrumentId,
          quantity: p.quantity.toFixed(),
        })),
      });
    this.orphans = next;
  }

  private *closeCo(positions: readonly PositionSummary[], holder: string): Co<CloseResult> {
    const result: CloseResult = { orders: [], failed: [], remaining: [] };
    if (positions.length === 0) return result;
    let lease: LockLease;
    try {
      const r = this.lock.acquire(holder, this.config.lock);
      lease = (isPromiseLike(r) ? yield r : r) as LockLease;
    } catch (e) {
      for (const p of positions)
        result.failed.push({
          strategyId: p.strategyId,
          instrumentId: p.instrumentId,
          reason: "lock_timeout",
        });
      this.log.error("close positions: lock not acquired", { holder, error: String(e) });
      return result;
    }
    try {
      const deadline = this.clock.now() + this.config.executionTimeoutMs;
      const seq = ++this.closeSeq;
      for (const p of positions) {
        const inst = this.instruments.get(p.instrumentId)?.instrument;
        const qty = inst ? roundQuantityDown(inst, p.quantity) : p.quantity;
        if (qty.lte(0)) continue;
        const now = this.clock.now();
        const binary = p.side === "yes" || p.side === "no";
        const signalId = makeSignalId(p.strategyId, p.instrumentId, now, `close${seq}`);
        const request: OrderRequest = {
          clientOrderId: makeClientOrderId(p.strategyId, signalId),
          strategyId: p.strategyId,
          instrumentId: p.instrumentId,
          side: p.side === "short" ? "buy" : "sell",
          ...(binary ? { outcome: p.side as Outcome } : {}),
          type: "market",
          timeInForce: "gtc",
          quantity: qty,
          reduceOnly: true,
          signalId,
          metadata: { reason: holder === "orphans" ? "close_orphaned" : "disable_close_positions" },
        };
        const out = yield* this.submitCo(request, deadline, p.category);
        if ("order" in out && out.order.status !== "rejected") result.orders.push(out.order);
        else
          result.failed.push({
            strategyId: p.strategyId,
            instrumentId: p.instrumentId,
            reason: "order" in out ? `rejected: ${out.order.statusReason ?? ""}` : out.reason,
          });
      }
    } finally {
      const rel = this.lock.release(lease);
      if (isPromiseLike(rel)) yield rel;
    }
    return result;
  }

  // ---- event-driven path -----------------------------------------------------------------------

  private onFeedBar(bar: Bar): void {
    let r: MaybePromise<void>;
    try {
      r = this.processBar(bar);
    } catch (e) {
      this.log.error("processBar failed", { error: String(e), instrumentId: bar.instrumentId });
      return;
    }
    if (isPromiseLike(r))
      (r as Promise<void>).catch((e: unknown) =>
        this.log.error("processBar failed", { error: String(e), instrumentId: bar.instrumentId }),
      );
  }

  /**
   * Feeds one bar (a backtest harness calls this; `start()` wires the feed to it). Open bars,
   * bars of streams no strategy wants and bars not newer than the stream's last are ignored.
   * The bar goes to `broker.onBar` first (see class docs), then to each subscribed strategy's
   * `onBar`; in "event" mode their `generateIntents` runs and intents go through risk and
   * execution. Returns a Promise only when some port answered with one.
   */
  processBar(bar: Bar): MaybePromise<void> {
    if (!bar.closed) return;
    // Consecutive bars mostly come from the same stream (one symbol, or a loop over a few):
    // remember the last one instead of two map lookups per bar.
    let stream = this.lastStream;
    if (
      stream === undefined ||
      stream.instrumentId !== bar.instrumentId ||
      stream.timeframe !== bar.timeframe
    ) {
      stream = this.streams.get(bar.instrumentId)?.get(bar.timeframe);
      if (stream === undefined) return;
      this.lastStream = stream;
    }
    if (stream.lastCloseTime !== null && bar.closeTime <= stream.lastCloseTime) return;
    if (this.config.freezeBars) Object.freeze(bar);
    this.pushBar(stream, bar);
    if (this.brokerOnBar !== undefined && this.config.forwardBarsToBroker) {
      const r = this.brokerOnBar(bar);
      if (isPromiseLike(r)) return (r as Promise<unknown>).then(() => this.fanOut(stream, bar));
    }
    return this.fanOut(stream, bar);
  }

  private pushBar(stream: Stream, bar: Bar): void {
    stream.ring.push(bar);
    stream.lastCloseTime = bar.closeTime;
    const st = stream.inst;
    if (st !== undefined && st.lastPrice !== bar.close) {
      st.lastPrice = bar.close;
      if (!st.dirty) {
        st.dirty = true;
        this.dirtyPrices.push(st);
      }
    }
  }

  private fanOut(stream: Stream, bar: Bar): MaybePromise<void> {
    const slots = stream.slots;
    const event = this.config.mode === "event";
    const now = this.clock.now();
    let pending: Pending[] | null = null;
    let stale = false;
    if (event) stale = now - bar.closeTime > (this.config.staleAfterMs ?? 2 * stream.tfMs);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as Slot;
      const status = slot.status;
      if (status !== "running" && status !== "paused") continue;
      const strategy = slot.strategy;
      if (strategy.onBar !== undefined) {
        try {
          strategy.onBar(bar);
        } catch (e) {
          this.markErrored(slot, e, "onBar");
          continue;
        }
      }
      if (!event || status !== "running" || !slot.enabled || slot.shutdownRequested) continue;
      const ctx = slot.ctx;
      ctx.now = now;
      ctx.timeframe = bar.timeframe;
      ctx.bars.setOne(bar);
      slot.lastEval[stream.slotTf[i] as number] = bar.closeTime;
      let drafts: ReadonlyArray<StrategyIntentDraft>;
      try {
        drafts = strategy.generateIntents(ctx);
      } catch (e) {
        this.markErrored(slot, e, "generateIntents");
        continue;
      }
      if (drafts.length === 0) continue;
      if (pending === null) pending = [];
      pending.push({ slot, drafts, stale });
    }
    if (pending === null) return;
    const r = runCo(this.decideCo(pending, now, false));
    if (isPromiseLike(r)) return (r as Promise<CycleResult>).then(() => undefined);
  }

  // ---- scheduled path --------------------------------------------------------------------------

  /**
   * One decision cycle (seed 002 §6.1): sync account, positions and open orders from the broker
   * and reconcile the ledger (drift → `drift` event + risk `driftFlag`), check data freshness,
   * collect intents from strategies whose bar closed since their last evaluation (or all of them
   * with `force`), journal every signal, risk → plan, execute, record a DecisionRecord.
   */
  runCycle(now: number = this.clock.now(), options: RunCycleOptions = {}): MaybePromise<CycleResult> {
    return runCo(this.cycleCo(now, options));
  }

  private *cycleCo(now: number, options: RunCycleOptions): Co<CycleResult> {
    let synced = true;
    try {
      yield* this.syncCo(now);
    } catch (e) {
      synced = false;
      this.log.error("broker sync failed: no new decisions this cycle", { error: String(e) });
    }
    const only = options.strategies ? new Set(options.strategies) : null;
    if (only) for (const id of only) this.slot(id);
    const pending: Pending[] = [];
    for (const slot of this.slots) {
      if (only && !only.has(slot.id)) continue;
      if (slot.status !== "running" || !slot.enabled || slot.shutdownRequested) continue;
      const tfs = slot.strategy.timeframes;
      for (let ti = 0; ti < tfs.length; ti++) {
        const tf = tfs[ti] as Timeframe;
        if (options.timeframe !== undefined && tf !== options.timeframe) continue;
        const since = slot.lastEval[ti] as number;
        const ctx = slot.ctx;
        ctx.bars.clear();
        let newest = Number.NEGATIVE_INFINITY;
        let stale = false;
        for (const id of slot.universe) {
          const stream = this.streamFor(id, tf, false) as Stream;
          if (this.isStale(stream, now)) stale = true;
          const last = stream.ring.last();
          if (last === undefined) continue;
          if (last.closeTime > since || options.force === true) ctx.bars.set(id, last);
          if (last.closeTime > newest) newest = last.closeTime;
        }
        if (ctx.bars.size === 0 && options.force !== true) continue;
        if (newest > since) slot.lastEval[ti] = newest;
        ctx.now = now;
        ctx.timeframe = tf;
        let drafts: ReadonlyArray<StrategyIntentDraft>;
        try {
          drafts = slot.strategy.generateIntents(ctx);
        } catch (e) {
          this.markErrored(slot, e, "generateIntents");
          break;
        }
        if (drafts.length > 0) pending.push({ slot, drafts, stale: stale || !synced });
      }
    }
    return yield* this.decideCo(pending, now, true, synced ? undefined : "sync_failed");
  }

  /** Runs the forced decision cycle of `strategies` every day at `time` in `timeZone`. */
  scheduleDaily(options: DailyJobOptions): ScheduledJob {
    for (const id of options.strategies) this.slot(id);
    const skipDates = new Set(options.skipDates ?? []);
    const next = (after: number) =>
      nextZonedTimeOfDay(after, options.time, options.timeZone, {
        weekdaysOnly: options.weekdaysOnly ?? true,
        skipDates,
      });
    const action =
      options.action ??
      ((runner: StrategyRunner, now: number) =>
        runner.runCycle(now, { strategies: options.strategies, force: true }));
    return this.installJob(options.id, next, action);
  }

  /** Runs `runCycle` for a timeframe at each of its bar closes (+ `delayMs`). */
  scheduleBarCloses(options: BarCloseJobOptions): ScheduledJob {
    parseTimeframe(options.timeframe);
    for (const id of options.strategies ?? []) this.slot(id);
    const delay = options.delayMs ?? 0;
    const next = (after: number) => nextBarClose(after - delay, options.timeframe) + delay;
    return this.installJob(options.id, next, (runner, now) =>
      runner.runCycle(now, {
        timeframe: options.timeframe,
        ...(options.strategies ? { strategies: options.strategies } : {}),
      }),
    );
  }

  private installJob(
    id: string,
    next: (after: number) => number,
    action: (runner: StrategyRunner, now: number) => MaybePromise<unknown>,
  ): ScheduledJob {
    this.cancelJob(id);
    const state: { timer: TimerHandle | null; next: number | null } = { timer: null, next: null };
    this.jobs.set(id, state);
    const arm = (after: number) => {
      const at = next(after);
      state.next = at;
      state.timer = this.clock.setTimer(at, () => {
        if (this.jobs.get(id) !== state) return;
        const now = this.clock.now();
        arm(now);
        try {
          const r = action(this, now);
          if (isPromiseLike(r))
            (r as Promise<unknown>).catch((e: unknown) =>
              this.log.error("scheduled job failed", { job: id, error: String(e) }),
            );
        } catch (e) {
          this.log.error("scheduled job failed", { job: id, error: String(e) });
        }
      });
    };
    arm(this.clock.now());
    return {
      id,
      get nextRunAt() {
        return state.next;
      },
      cancel: () => {
        if (this.jobs.get(id) === state) this.cancelJob(id);
      },
    };
  }

  private cancelJob(id: string): void {
    const st = this.jobs.get(id);
    if (!st) return;
    if (st.timer) this.clock.clearTimer(st.timer);
    st.timer = null;
    st.next = null;
    this.jobs.delete(id);
  }

  // ---- the decision ----------------------------------------------------------------------------

  private toIntents(slot: Slot, drafts: ReadonlyArray<StrategyIntentDraft>): StrategyIntent[] | null {
    const out: StrategyIntent[] = [];
    for (let i = 0; i < drafts.length; i++) {
      const draft = drafts[i] as StrategyIntentDraft;
      if (draft.strategyId !== undefined && draft.strategyId !== slot.id) {
        this.markErrored(
          slot,
          new Error(`intent[${i}] names strategy "${draft.strategyId}"`),
          "generateIntents",
        );
        return null;
      }
      let intent = fastIntent(draft, slot.id);
      if (intent === null) {
        const r = StrategyIntentSchema.safeParse({ ...draft, strategyId: slot.id });
        if (!r.success) {
          const issues = toValidationIssues(r.error);
          this.markErrored(slot, new ValidationError(`intent[${i}]`, issues), "generateIntents");
          return null;
        }
        intent = r.data;
      }
      if (!slot.universe.has(intent.instrumentId)) {
        this.markErrored(
          slot,
          new Error(`intent[${i}] instrument "${intent.instrumentId}" is outside the universe`),
          "generateIntents",
        );
        return null;
      }
      out.push(intent);
    }
    return out;
  }

  private signalContext(slot: Slot, intent: StrategyIntent): Record<string, unknown> {
    const inst = this.instruments.get(intent.instrumentId) as InstrumentState;
    let concurrent = inst.concurrent;
    if (concurrent === null || inst.concurrentAt !== this.statusVersion) {
      const ids: string[] = [];
      for (const s of inst.slots)
        if (s.enabled && (s.status === "running" || s.status === "paused")) ids.push(s.id);
      // Shared by every signal on this instrument until a status changes, hence frozen.
      concurrent = Object.freeze(ids);
      inst.concurrent = concurrent;
      inst.concurrentAt = this.statusVersion;
    }
    return {
      concurrentStrategies: concurrent,
      // (decimalToPlainString: exactly `toFixed()`'s text, without decimal.js's general formatter)
      strategyPosition: decimalToPlainString(this.ledger.getStrategyContracts(intent.instrumentId, slot.id)),
      combinedPosition: decimalToPlainString(this.ledger.getCombinedContracts(intent.instrumentId)),
      category: inst.instrument.category ?? null,
      side: intent.side,
      intentType: intent.intentType,
      timeframe: intent.timeframe,
    };
  }

  private *decideCo(pending: Pending[], now: number, synced: boolean, forcedSkip?: string): Co<CycleResult> {
    const items: Item[] = [];
    for (const p of pending) {
      const intents = this.toIntents(p.slot, p.drafts);
      if (intents === null) continue;
      const slot = p.slot;
      if (slot.seenAt !== now) {
        slot.seen.clear();
        slot.seenAt = now;
      }
      slot.lastIntentsAt = now;
      for (const intent of intents) {
        const item: Item = {
          slot,
          intent,
          context: this.signalContext(slot, intent),
          skip: null,
          executed: false,
        };
        const owner = this.config.symbolOwnership[intent.instrumentId];
        if (forcedSkip !== undefined) item.skip = forcedSkip;
        else if (p.stale) item.skip = "stale_data";
        else if (slot.seen.has(intent.signalId)) item.skip = "duplicate_signal";
        else if (
          owner !== undefined &&
          owner !== slot.id &&
          (intent.intentType === "enter" || intent.intentType === "increase")
        ) {
          item.skip = "symbol_conflict";
          item.detail = `owned by ${owner}`;
        }
        slot.seen.add(intent.signalId);
        items.push(item);
      }
    }
    if (items.length === 0) return { at: now, plan: null, decision: null, signals: [], orders: [] };

    let plan: ExecutionPlan | null = null;
    const live = unskipped(items);
    if (live.length > 0) {
      if (!synced && this.needsSync(now)) {
        try {
          yield* this.syncCo(now);
        } catch (e) {
          this.log.error("broker sync failed: intents skipped", { error: String(e) });
          for (const i of live) i.skip = "sync_failed";
        }
      }
    }
    // Orders whose submit outcome is unknown are looked up by client id before new decisions,
    // even when broker sync is off (backtests), so they resolve instead of blocking their symbol.
    if (live.length > 0 && this.unresolved.size > 0) yield* this.resolveUnknownCo();
    const alive = unskipped(live);
    if (alive.length > 0) {
      const ctx = this.buildRiskContext(now, alive);
      const intents: StrategyIntent[] = new Array(alive.length);
      for (let k = 0; k < alive.length; k++) intents[k] = (alive[k] as Item).intent;
      plan = this.risk.evaluate(intents, ctx);
      this.handleRiskEvents(plan);
      const actions = plan.actions;
      // Few actions (the usual case): a scan; many: a map built once.
      let byKey: Map<string, RiskAdjustedAction> | null = null;
      if (actions.length > 8) {
        byKey = new Map();
        for (const a of actions) byKey.set(`${a.strategyId}\u0000${a.signalId}`, a);
      }
      const limitListeners = this.events.listenerCount("riskLimitHit") > 0;
      // Executable items by strategy; one strategy (the usual case) needs no map.
      let firstSlot: Slot | null = null;
      let firstGroup: Item[] | null = null;
      let groups: Map<Slot, Item[]> | null = null;
      for (const item of alive) {
        let a: RiskAdjustedAction | undefined;
        if (byKey !== null) a = byKey.get(`${item.slot.id}\u0000${item.intent.signalId}`);
        else
          for (const x of actions)
            if (x.signalId === item.intent.signalId && x.strategyId === item.slot.id) {
              a = x;
              break;
            }
        if (a === undefined) {
          item.skip = "risk_blocked";
          item.detail = "no action returned by the risk engine";
          continue;
        }
        item.action = a;
        item.context.actionType = a.actionType;
        item.context.targetBaseSize = decimalToPlainString(a.targetBaseSize);
        if (a.blocked) {
          item.skip = a.blockedReasons[0] ?? "risk_blocked";
          item.detail = a.blockedReasons.join(", ");
          if (limitListeners)
            this.events.emit("riskLimitHit", {
              type: "risk_limit_hit",
              at: now,
              reasons: a.blockedReasons.length > 0 ? [...a.blockedReasons] : ["risk_blocked"],
              details: { actionId: a.actionId, blocked: true },
              strategyId: a.strategyId,
              instrumentId: a.instrumentId,
            });
          continue;
        }
        if (a.bindingLimit !== null && limitListeners)
          this.events.emit("riskLimitHit", {
            type: "risk_limit_hit",
            at: now,
            reasons: [a.bindingLimit],
            details: {
              actionId: a.actionId,
              blocked: false,
              targetBaseSize: decimalToPlainString(a.targetBaseSize),
            },
            strategyId: a.strategyId,
            instrumentId: a.instrumentId,
          });
        const delta = a.deltaBaseSize;
        if (a.actionType === "none" || a.orderSide === null || delta.isZero() || delta.isNegative()) {
          item.skip = "zero_size";
          continue;
        }
        if (firstSlot === null || firstSlot === item.slot) {
          firstSlot = item.slot;
          firstGroup ??= [];
          firstGroup.push(item);
        } else {
          if (groups === null) {
            groups = new Map();
            groups.set(firstSlot, firstGroup as Item[]);
          }
          const g = groups.get(item.slot);
          if (g === undefined) groups.set(item.slot, [item]);
          else g.push(item);
        }
      }
      if (groups !== null) {
        const order = [...groups.keys()].sort((a, b) => b.priority - a.priority || a.index - b.index);
        for (const slot of order) yield* this.executeGroupCo(slot, groups.get(slot) as Item[], now);
      } else if (firstSlot !== null) yield* this.executeGroupCo(firstSlot, firstGroup as Item[], now);
    }
    return yield* this.finishCo(items, plan, now);
  }

  private needsSync(now: number): boolean {
    const maxAge = this.config.syncMaxAgeMs;
    if (maxAge === null) return false;
    return this.lastSyncAt === null || now - this.lastSyncAt > maxAge;
  }

  private *finishCo(items: Item[], plan: ExecutionPlan | null, now: number): Co<CycleResult> {
    const signals: StrategySignal[] = [];
    const consensus: ConsensusEvent[] = [];
    const orders: Order[] = [];
    let submitted = 0;
    let blocked = 0;
    for (const item of items) {
      const i = item.intent;
      if (item.order) {
        orders.push(item.order);
        submitted++;
        item.context.orderId = item.order.orderId;
        item.context.clientOrderId = item.order.clientOrderId;
        item.context.orderStatus = item.order.status;
      }
      if (item.action?.blocked) blocked++;
      if (item.detail !== undefined) item.context.detail = item.detail;
      const signal: StrategySignal = {
        signalId: i.signalId,
        strategyId: i.strategyId,
        instrumentId: i.instrumentId,
        signalType: i.signalType ?? i.intentType,
        timestamp: i.generatedAt,
        confidence: i.confidence,
        signalData: {
          ...i.metadata,
          side: i.side,
          intentType: i.intentType,
          desiredQuantity: i.desiredQuantity === null ? null : decimalToPlainString(i.desiredQuantity),
          desiredExposureUsd:
            i.desiredExposureUsd === null ? null : decimalToPlainString(i.desiredExposureUsd),
        },
        executed: item.executed,
        skipReason: item.executed ? null : (item.skip ?? "execution_failed"),
        context: item.context,
      };
      signals.push(signal);
      this.signalRing.push(signal);
      if (!signal.executed)
        item.slot.log.info("signal skipped", { signalId: signal.signalId, skipReason: signal.skipReason });
      this.events.emit("signal", signal);
      if (signal.executed) {
        const c = this.consensus.onExecuted(signal);
        if (c) {
          consensus.push(c);
          this.consensusRing.push(c);
          this.recentConsensus = null;
          this.log.info("consensus", { instrumentId: c.instrumentId, strategies: c.strategies });
          this.events.emit("consensus", c);
        }
      }
    }
    const seq = ++this.decisionSeq;
    const at = integerText(now); // String(now), without the general double-to-text conversion
    const decision: DecisionRecord = {
      id: `decision-${at}-${seq}`,
      time: now,
      executionPlanId: plan?.planId ?? `none-${at}-${seq}`,
      strategyIntentsCount: items.length,
      actionsCount: plan?.actions.length ?? 0,
      blockedActionsCount: blocked,
      ordersSubmitted: submitted,
      killSwitchActive: plan?.events.some((e) => e.type === "kill_switch_on") ?? false,
      signalIds: signals.map((s) => s.signalId),
      notes: plan === null ? "no intent reached the risk engine" : "",
    };
    this.events.emit("decision", decision);
    if (this.store) {
      yield this.store.append(
        "signals",
        signals.map((s) => ({ type: "signal", at: now, data: toJsonValue(s) })),
      );
      if (consensus.length > 0)
        yield this.store.append(
          "consensus",
          consensus.map((c) => ({ type: "consensus", at: now, data: toJsonValue(c) })),
        );
      yield this.store.append("decisions", [{ type: "decision", at: now, data: toJsonValue(decision) }]);
    }
    return { at: now, plan, decision, signals, orders };
  }

  private handleRiskEvents(plan: ExecutionPlan): void {
    for (const e of plan.events) {
      if (e.type === "kill_switch_on") this.events.emit("killSwitchOn", e);
      else if (e.type === "kill_switch_off") this.events.emit("killSwitchOff", e);
      else if (e.type === "risk_limit_hit") this.events.emit("riskLimitHit", e);
    }
  }

  /**
   * Equity, cash and buying power. With broker sync on (live/paper), the last account snapshot;
   * with `syncMaxAgeMs: null` (backtests), the ledger's cash and cash + marked positions.
   */
  private accountFigures(): { equity: Decimal; cash: Decimal; buyingPower: Decimal } {
    if (this.account !== null && this.config.syncMaxAgeMs !== null)
      return { equity: this.account.equity, cash: this.account.cash, buyingPower: this.account.buyingPower };
    const cash = this.ledger.getCash();
    this.refreshBook(this.priceRecord());
    return {
      equity: addDecimals(cash, this.bookValue),
      cash,
      buyingPower: isGreaterThan(cash, ZERO) ? cash : ZERO,
    };
  }

  private markFor(
    inst: Instrument,
    side: string,
    prices: Readonly<Record<string, Decimal>>,
  ): Decimal | undefined {
    const p = prices[inst.id];
    if (p === undefined) return undefined;
    return inst.kind === "binary" && side === "no" ? HUNDRED.minus(p) : p;
  }

  /**
   * The book as the risk engine sees it, marked at `prices`. Position summaries are cached while
   * the ledger's `seq` is unchanged, and each position is re-marked only when its price moved.
   */
  private riskPositions(prices: Readonly<Record<string, Decimal>>): RiskPosition[] {
    this.refreshBook(prices);
    if (this.positionsCache !== null) return this.positionsCache;
    const out: RiskPosition[] = [];
    for (const b of (this.book as Map<string, InstrumentBook>).values())
      for (let i = 0; i < b.positions.length; i++) out.push(b.positions[i] as RiskPosition);
    this.positionsCache = out;
    return out;
  }

  /** Notes that the runner changed the ledger for `instrumentId` (call right after the ledger call). */
  private touch(instrumentId: string, seqBefore: number | undefined): void {
    const after = this.ledgerSeq();
    // Only an unbroken chain of known mutations keeps the cache: otherwise rebuild everything.
    if (this.book !== null && seqBefore === this.bookSeq) this.bookSeq = after;
    this.touched.add(instrumentId);
  }

  private refreshBook(prices: Readonly<Record<string, Decimal>>): void {
    const seq = this.ledgerSeq();
    if (this.book === null || seq === undefined || seq !== this.bookSeq) {
      const book = new Map<string, InstrumentBook>();
      for (const p of this.ledger.getPositionSummaries()) {
        let b = book.get(p.instrumentId);
        if (!b) {
          b = { summaries: [], mark: undefined, positions: [], value: ZERO };
          book.set(p.instrumentId, b);
        }
        b.summaries.push(p);
      }
      this.bookValue = ZERO;
      for (const [id, b] of book) {
        this.markBook(id, b, prices);
        this.bookValue = addDecimals(this.bookValue, b.value);
      }
      this.book = book;
      this.positionsCache = null;
      this.bookSeq = seq;
      this.touched.clear();
      return;
    }
    const book = this.book;
    for (const id of this.touched) {
      const old = book.get(id);
      const summaries = this.ledger.getPositionSummaries({ instrumentId: id });
      if (old) this.bookValue = subDecimals(this.bookValue, old.value);
      if (summaries.length === 0) {
        book.delete(id);
        this.positionsCache = null;
        continue;
      }
      const b: InstrumentBook = { summaries, mark: undefined, positions: [], value: ZERO };
      book.set(id, b);
      this.markBook(id, b, prices);
      this.bookValue = addDecimals(this.bookValue, b.value);
    }
    this.touched.clear();
    for (const [id, b] of book) {
      if (prices[id] === b.mark) continue;
      this.bookValue = subDecimals(this.bookValue, b.value);
      this.markBook(id, b, prices);
      this.bookValue = addDecimals(this.bookValue, b.value);
    }
  }

  private markBook(instrumentId: string, b: InstrumentBook, prices: Readonly<Record<string, Decimal>>): void {
    this.positionsCache = null;
    const inst = this.instrumentMap.get(instrumentId);
    b.mark = prices[instrumentId];
    b.positions = [];
    b.value = ZERO;
    for (const p of b.summaries) {
      const mark = inst ? this.markFor(inst, p.side, prices) : undefined;
      const notional = (inst && mark !== undefined ? notionalOf(inst, p.quantity, mark) : p.costBasis).abs();
      b.positions.push({
        instrumentId: p.instrumentId,
        strategyId: p.strategyId === MANUAL_STRATEGY_ID ? null : p.strategyId,
        side: p.side,
        quantity: p.quantity,
        notional,
        costBasis: p.costBasis,
      });
      b.value = p.side === "short" ? subDecimals(b.value, notional) : addDecimals(b.value, notional);
    }
  }

  /** The last `riskHistoryBars` closed bars of a stream, re-copied only after a new bar closed on it. */
  private riskBarsOf(stream: Stream): Bar[] {
    const len = this.config.riskHistoryBars;
    if (
      stream.riskBars === null ||
      stream.riskBarsAt !== stream.lastCloseTime ||
      stream.riskBarsLen !== len
    ) {
      stream.riskBars = stream.ring.toArray(len);
      stream.riskBarsAt = stream.lastCloseTime;
      stream.riskBarsLen = len;
    }
    return stream.riskBars;
  }

  /** The risk engine's ATR period when it exposes one (`config.volatilityLookbackBars`), else null. */
  private riskAtrPeriod(): number | null {
    const n = (this.risk as { config?: { volatilityLookbackBars?: unknown } }).config?.volatilityLookbackBars;
    return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : null;
  }

  /**
   * ATR of a held instrument's stream as the risk engine computes it from `context.bars`
   * (Wilder, `period`, over the newest min(riskHistoryBars, 3 × period) bars), cached until the
   * stream's next bar closes.
   */
  private heldAtr(stream: Stream, period: number): number | null {
    const window = Math.min(this.config.riskHistoryBars, period * 3);
    const key = window * 100_003 + period;
    if (stream.atrAt !== stream.lastCloseTime || stream.atrKey !== key) {
      stream.atr = ringAtr(stream.ring, window, period);
      stream.atrAt = stream.lastCloseTime;
      stream.atrKey = key;
    }
    return stream.atr;
  }

  /**
   * The stream whose bars give a held instrument's volatility: the holding strategy's first
   * timeframe that has bars for it, else the instrument's shortest timeframe with bars.
   */
  private volatilityStream(instrumentId: string, strategyId: string | null): Stream | undefined {
    const slot = strategyId === null ? undefined : this.slotById.get(strategyId);
    if (slot !== undefined)
      for (const tf of slot.strategy.timeframes) {
        const s = this.streamFor(instrumentId, tf, false);
        if (s !== undefined && s.ring.size > 0) return s;
      }
    const byTf = this.streams.get(instrumentId);
    if (byTf === undefined) return undefined;
    let best: Stream | undefined;
    for (const s of byTf.values())
      if (s.ring.size > 0 && (best === undefined || s.tfMs < best.tfMs)) best = s;
    return best;
  }

  /** Consensus events at most `consensusWindowMs` old at `now`; reused while neither changes. */
  private recentConsensusAt(now: number): ConsensusEvent[] {
    const window = this.config.consensusWindowMs;
    const cached = this.recentConsensus;
    if (cached !== null && cached.now === now && cached.window === window) return cached.events;
    const events =
      this.consensusRing.size === 0 ? [] : this.consensusRing.filter((c) => now - c.timestamp <= window);
    this.recentConsensus = { now, window, events };
    return events;
  }

  private buildRiskContext(now: number, items: readonly Item[]): RiskContext {
    const prices = this.priceRecord();
    const positions = this.riskPositions(prices);
    // Usually no order is working at decision time: share one empty list then.
    const pendingOrders: PendingExposure[] = this.openOrders.size === 0 ? NO_PENDING : [];
    for (const o of this.openOrders.values()) {
      if (isTerminalOrderStatus(o.status)) continue;
      // Orders are immutable snapshots (an update replaces the object): the exposure of one is
      // recomputed only when its reference price (limit, or the mark of a market order) changed.
      const inst = this.instrumentMap.get(o.instrumentId);
      const ref = o.limitPrice ?? (inst ? this.markFor(inst, o.outcome ?? "", prices) : undefined);
      let cached = this.pendingCache.get(o);
      if (cached === undefined || cached.ref !== ref) {
        const remaining = o.quantity.minus(o.filledQuantity);
        cached = {
          ref,
          exposure: remaining.lte(0)
            ? null
            : {
                instrumentId: o.instrumentId,
                strategyId: o.strategyId,
                side: o.side,
                quantity: remaining,
                notional: inst && ref !== undefined ? notionalOf(inst, remaining, ref) : ZERO,
              },
        };
        this.pendingCache.set(o, cached);
      }
      if (cached.exposure !== null) pendingOrders.push(cached.exposure);
    }
    const bars: Record<string, Bar[]> = {};
    const atr: Record<string, number> = {};
    if (this.config.riskHistoryBars > 0) {
      // With a risk engine that tells its ATR period (@quiver/risk's `config.volatilityLookbackBars`),
      // the runner hands it the ATR itself — the same number it would compute from the bars (see
      // internal/atr.test.ts), computed once per bar close instead of per decision — and the bars
      // as well, so an engine that reads them still can.
      const period = this.riskAtrPeriod();
      for (const item of items) {
        const id = item.intent.instrumentId;
        if (bars[id] !== undefined) continue;
        const s = this.streamFor(id, item.intent.timeframe, false);
        if (!s) continue;
        bars[id] = this.riskBarsOf(s);
        if (period !== null) {
          const v = this.heldAtr(s, period);
          if (v !== null) atr[id] = v;
        }
      }
      // Every holding needs its volatility too: without it the risk engine counts a position's whole
      // value as its risk (portfolio-risk limit), which blocks unrelated entries.
      for (const [id, b] of this.book as Map<string, InstrumentBook>) {
        if (bars[id] !== undefined || b.positions.length === 0) continue;
        if (b.volStream === undefined || b.volStream === null)
          b.volStream = this.volatilityStream(id, (b.positions[0] as RiskPosition).strategyId) ?? null;
        if (b.volStream === null) continue;
        if (period === null) bars[id] = this.riskBarsOf(b.volStream);
        else {
          const v = this.heldAtr(b.volStream, period);
          if (v !== null) atr[id] = v;
        }
      }
    }
    let active = this.activeCache;
    if (active === null) {
      active = [];
      for (const s of this.slots) if (s.enabled && s.status === "running") active.push(s.id);
      this.activeCache = active;
    }
    const account = this.accountFigures();
    return {
      now,
      equity: account.equity,
      cash: account.cash,
      buyingPower: account.buyingPower,
      positions,
      pendingOrders,
      instruments: this.instrumentRecord,
      prices,
      atr,
      bars,
      liquidity24h: {},
      driftFlag: this.driftFlag,
      consensus: this.recentConsensusAt(now),
      activeStrategies: active,
    };
  }

  // ---- execution -------------------------------------------------------------------------------

  private *executeGroupCo(slot: Slot, items: Item[], now: number): Co<void> {
    if (slot.shutdownRequested || !slot.enabled) {
      for (const i of items) i.skip = "shutdown_requested";
      return;
    }
    slot.executing++;
    try {
      let lease: LockLease;
      let waited = false;
      try {
        const r = this.lock.acquire(slot.id, this.config.lock);
        if (isPromiseLike(r)) {
          waited = true;
          slot.log.info("waiting for the execution lock");
          lease = (yield r) as LockLease;
        } else lease = r;
      } catch (e) {
        const reason =
          QuiverError.isInstance(e) && e.code === "LOCK_TIMEOUT" ? "lock_timeout" : "execution_failed";
        slot.log.error("execution lock not acquired", { error: String(e) });
        for (const i of items) {
          i.skip = reason;
          i.detail = String(e);
        }
        return;
      }
      slot.log.debug("execution lock acquired", { token: lease.token });
      try {
        yield* this.executeOrdersCo(slot, items, lease, waited, now);
      } finally {
        try {
          const rel = this.lock.release(lease);
          if (isPromiseLike(rel)) yield rel;
        } catch (e) {
          slot.log.error("execution lock release failed", { error: String(e) });
        }
      }
    } finally {
      slot.executing--;
      if (slot.executing === 0 && slot.idleWaiters.length > 0) {
        const waiters = slot.idleWaiters;
        slot.idleWaiters = [];
        for (const w of waiters) w();
      }
    }
  }

  private *executeOrdersCo(
    slot: Slot,
    items: Item[],
    lease: LockLease,
    waited: boolean,
    now: number,
  ): Co<void> {
    const started = this.clock.now();
    const deadline = started + this.config.executionTimeoutMs;
    let buyingPower: Decimal;
    if (waited && this.config.syncMaxAgeMs !== null) {
      // Time passed while another strategy traded: buying power must be re-read (seed 001 rule 3).
      try {
        this.account = (yield this.broker.getAccount()) as AccountSnapshot;
      } catch (e) {
        slot.log.warn("account refresh failed; using the last snapshot", { error: String(e) });
      }
    }
    if (this.account !== null && this.config.syncMaxAgeMs !== null) buyingPower = this.account.buyingPower;
    else {
      const cash = this.ledger.getCash();
      buyingPower = isGreaterThan(cash, ZERO) ? cash : ZERO;
    }
    // Seed 001 rule 9: highest priority (then confidence) first.
    if (items.length > 1) {
      const prio = (i: Item) => i.intent.priority ?? slot.priority;
      items.sort((a, b) => prio(b) - prio(a) || b.intent.confidence - a.intent.confidence);
    }
    for (let k = 0; k < items.length; k++) {
      const item = items[k] as Item;
      if (slot.shutdownRequested) {
        const rest = items.length - k;
        slot.log.warn(`shutdown requested - aborting remaining ${rest} orders`);
        for (let j = k; j < items.length; j++) (items[j] as Item).skip = "shutdown_requested";
        break;
      }
      const t = this.clock.now();
      if (t - started > this.config.executionTimeoutMs || t >= lease.expiresAt) {
        const rest = items.length - k;
        slot.log.error(`execution timeout after ${t - started} ms - aborted ${rest} remaining orders`);
        for (let j = k; j < items.length; j++) (items[j] as Item).skip = "execution_timeout";
        break;
      }
      const a = item.action as RiskAdjustedAction;
      const inst = (this.instruments.get(a.instrumentId) as InstrumentState).instrument;
      const qty = roundQuantityDown(inst, a.deltaBaseSize);
      if (
        !isGreaterThan(qty, ZERO) ||
        (inst.minQuantity !== undefined && isLessThan(qty, inst.minQuantity))
      ) {
        item.skip = "zero_size";
        continue;
      }
      const outcome = this.outcomeOf(inst, slot.id, a);
      const yes = this.priceOf(inst.id);
      const market = yes === undefined ? undefined : outcome === "no" ? HUNDRED.minus(yes) : yes;
      const ref = a.referencePrice;
      const price =
        item.intent.limitPrice ??
        (ref !== null && ref !== undefined && isGreaterThan(ref, ZERO) ? ref : market);
      if (price === undefined || !isGreaterThan(price, ZERO)) {
        item.skip = "no_price";
        continue;
      }
      let open: Order[];
      try {
        open = (yield this.broker.getOpenOrders(inst.id)) as Order[];
      } catch (e) {
        item.skip = "execution_failed";
        item.detail = `open-orders check failed: ${String(e)}`;
        continue;
      }
      if (this.hasPending(open, inst.id, slot.id)) {
        item.skip = "pending_order";
        slot.log.warn("pending orders exist, skipping", { instrumentId: inst.id });
        continue;
      }
      const reduce = a.actionType === "reduce" || a.actionType === "close";
      const cost = a.orderSide === "buy" && !reduce ? notionalOf(inst, qty, price) : ZERO;
      if (isGreaterThan(cost, buyingPower)) {
        item.skip = "buying_power";
        item.detail = `needed ${cost.toFixed()}, available ${buyingPower.toFixed()}`;
        item.context.buyingPowerNeeded = cost.toFixed();
        item.context.buyingPowerAvailable = buyingPower.toFixed();
        slot.log.warn("insufficient buying power", { instrumentId: inst.id, needed: cost.toFixed() });
        continue;
      }
      // The checks above may have taken time (async broker): re-check the deadline before sending.
      const t2 = this.clock.now();
      if (t2 - started > this.config.executionTimeoutMs || t2 >= lease.expiresAt) {
        slot.log.error(
          `execution timeout after ${t2 - started} ms - aborted ${items.length - k} remaining orders`,
        );
        for (let j = k; j < items.length; j++) (items[j] as Item).skip = "execution_timeout";
        break;
      }
      const limitPrice = item.intent.limitPrice;
      // Optional fields are added only when present (no spread of throw-away objects per order).
      const request: OrderRequest = {
        clientOrderId: makeClientOrderId(slot.id, item.intent.signalId),
        strategyId: slot.id,
        instrumentId: inst.id,
        side: a.orderSide as "buy" | "sell",
        type: limitPrice === undefined ? "market" : "limit",
        timeInForce: "gtc",
        quantity: qty,
        reduceOnly: reduce,
        signalId: item.intent.signalId,
        metadata: { actionId: a.actionId },
      };
      if (outcome !== undefined) request.outcome = outcome;
      if (limitPrice !== undefined) request.limitPrice = limitPrice;
      const out = yield* this.submitCo(request, deadline, inst.category);
      if ("order" in out) {
        item.order = out.order;
        if (out.order.status === "rejected") {
          item.skip = "execution_failed";
          item.detail = `rejected: ${out.order.statusReason ?? "no reason"}`;
        } else {
          item.executed = true;
          buyingPower = subDecimals(buyingPower, cost);
          slot.lastActionsAt = now;
        }
      } else {
        item.skip = out.reason;
        item.detail = out.detail;
      }
    }
  }

  private outcomeOf(inst: Instrument, strategyId: string, a: RiskAdjustedAction): Outcome | undefined {
    if (inst.kind !== "binary") return undefined;
    if (a.side === "yes" || a.side === "no") return a.side;
    for (const p of this.ledger.getPositionSummaries({ strategyId, instrumentId: inst.id }))
      if (p.side === "yes" || p.side === "no") return p.side;
    return undefined;
  }

  private hasPending(open: readonly Order[], instrumentId: string, strategyId: string): boolean {
    const mine = this.config.pendingOrderScope === "strategy";
    for (const o of open)
      if (!isTerminalOrderStatus(o.status) && (!mine || o.strategyId === strategyId)) return true;
    for (const u of this.unresolved.values())
      if (u.request.instrumentId === instrumentId && (!mine || u.request.strategyId === strategyId))
        return true;
    return false;
  }

  private backoff(attempt: number, error: BrokerError): number {
    const { baseDelayMs, maxDelayMs } = this.config.retry;
    const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return error.retryAfterMs !== undefined ? Math.max(exp, error.retryAfterMs) : exp;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.clock.setTimer(this.clock.now() + ms, resolve));
  }

  private withDeadline<T>(
    value: MaybePromise<T>,
    deadline: number,
    what: string,
    unknownOutcome: boolean,
  ): MaybePromise<T> {
    if (!isPromiseLike(value)) return value;
    return new Promise<T>((resolve, reject) => {
      const timer = this.clock.setTimer(deadline, () =>
        reject(
          new BrokerError(`${what} timed out`, { unknownOutcome, retryable: false, details: { deadline } }),
        ),
      );
      (value as Promise<T>).then(
        (v) => {
          this.clock.clearTimer(timer);
          resolve(v);
        },
        (e: unknown) => {
          this.clock.clearTimer(timer);
          reject(e);
        },
      );
    });
  }

  /**
   * Submits one order: journals the intent first, then `placeOrder` with the deterministic client
   * id. An unknown outcome is looked up by client id before anything is resent; only `retryable`
   * errors are retried (backoff on Clock timers); the accepted order is recorded in the ledger.
   */
  private *submitCo(
    request: OrderRequest,
    deadline: number,
    category: string | undefined,
  ): Co<SubmitOutcome> {
    const cid = request.clientOrderId;
    if (this.store) {
      try {
        yield this.store.append("orders", [
          { type: "order_intent", at: this.clock.now(), data: toJsonValue(request) },
        ]);
      } catch (e) {
        return { reason: "execution_failed", detail: `journal failed before submit: ${String(e)}` };
      }
    }
    this.submitting.set(cid, []);
    try {
      const max = this.config.retry.maxAttempts;
      for (let attempt = 1; ; attempt++) {
        let order: Order | null = null;
        try {
          order = (yield this.withDeadline(
            this.broker.placeOrder(request),
            deadline,
            "placeOrder",
            true,
          )) as Order;
        } catch (e) {
          if (!BrokerError.isBrokerError(e)) return { reason: "execution_failed", detail: String(e) };
          if (e.unknownOutcome) {
            this.log.warn("submit outcome unknown; looking the order up by client id", {
              clientOrderId: cid,
            });
            const found = yield* this.lookupCo(cid);
            if (found === "unknown") {
              this.unresolved.set(cid, { request, since: this.clock.now() });
              return {
                reason: "unknown_outcome",
                detail: "order may exist; reconciled by client id on the next sync",
              };
            }
            if (found !== null) order = found;
            else if (attempt >= max)
              return { reason: "execution_failed", detail: "order not found after a timeout" };
            else continue; // The venue never got it: resending the same client id is safe.
          } else if (e.retryable && attempt < max) {
            const wait = this.backoff(attempt, e);
            this.log.warn("retryable broker error; backing off", {
              clientOrderId: cid,
              attempt,
              waitMs: wait,
            });
            yield this.sleep(wait);
            if (this.clock.now() > deadline)
              return { reason: "execution_timeout", detail: "retry past the deadline" };
            continue;
          } else {
            return { reason: "execution_failed", detail: e.message };
          }
        }
        if (order === null) return { reason: "execution_failed", detail: "the broker returned no order" };
        this.acceptOrder(order, category);
        if (this.store) {
          yield this.store.append("orders", [
            { type: "order", at: this.clock.now(), data: toJsonValue(order) },
          ]);
        }
        return { order };
      }
    } finally {
      const buffered = this.submitting.get(cid);
      this.submitting.delete(cid);
      if (buffered !== undefined)
        for (const x of buffered) {
          if ("tradeId" in x) this.applyFill(x);
          else this.applyOrderUpdate(x);
        }
    }
  }

  /** Finds an order by client id: the order, null when the venue does not know it, "unknown" when lookups fail. */
  private *lookupCo(clientOrderId: string): Co<Order | null | "unknown"> {
    const max = this.config.retry.maxAttempts;
    for (let attempt = 1; attempt <= max; attempt++) {
      try {
        const deadline = this.clock.now() + Math.min(30_000, this.config.executionTimeoutMs);
        return (yield this.withDeadline(
          this.broker.getOrder({ clientOrderId }),
          deadline,
          "getOrder",
          false,
        )) as Order | null;
      } catch (e) {
        if (!BrokerError.isBrokerError(e) || !e.retryable || attempt >= max) return "unknown";
        yield this.sleep(this.backoff(attempt, e));
      }
    }
    return "unknown";
  }

  private acceptOrder(order: Order, category: string | undefined): void {
    this.lastAccepted = order;
    if (!isTerminalOrderStatus(order.status)) this.openOrders.set(order.orderId, order);
    if (order.status === "rejected") {
      this.events.emit("orderUpdate", order);
      return;
    }
    try {
      const seq = this.ledgerSeq();
      const entry = this.ledger.recordOrder(order, category === undefined ? undefined : { category });
      this.touch(order.instrumentId, seq);
      if (entry) this.events.emit("entryCreated", entry);
    } catch (e) {
      this.log.error("ledger refused an accepted order", { orderId: order.orderId, error: String(e) });
    }
    this.events.emit("orderUpdate", order);
  }

  private *resolveUnknownCo(): Co<void> {
    for (const [cid, u] of [...this.unresolved]) {
      const found = yield* this.lookupCo(cid);
      if (found === "unknown") continue;
      this.unresolved.delete(cid);
      if (found === null) {
        this.log.warn("unknown-outcome order never reached the venue; not resent", { clientOrderId: cid });
        continue;
      }
      const inst = this.instrumentMap.get(u.request.instrumentId);
      this.acceptOrder(found, inst?.category);
    }
  }

  // ---- broker sync and events ------------------------------------------------------------------

  private *syncCo(now: number): Co<void> {
    const account = (yield this.broker.getAccount()) as AccountSnapshot;
    const positions = (yield this.broker.getPositions()) as Position[];
    const open = (yield this.broker.getOpenOrders()) as Order[];
    this.account = account;
    this.lastSyncAt = now;
    this.openOrders.clear();
    for (const o of open) this.openOrders.set(o.orderId, o);
    const report = this.ledger.reconcile(positions, now, this.priceRecord());
    for (const adj of report.adjustments)
      this.log.warn("reconciliation adjustment", {
        instrumentId: adj.instrumentId,
        kind: adj.kind,
        quantity: adj.quantity.toFixed(),
      });
    this.driftFlag = report.drift;
    if (report.drift)
      this.events.emit("drift", {
        at: now,
        instrumentIds: report.mismatches.map((m) => m.instrumentId),
        details: toJsonValue({ mismatches: report.mismatches }) as Record<string, unknown>,
      });
    if (this.unresolved.size > 0) yield* this.resolveUnknownCo();
    this.checkOrphans();
  }

  private readonly onBrokerFill = (fill: Fill): void => {
    const buffer = fill.clientOrderId === undefined ? undefined : this.submitting.get(fill.clientOrderId);
    if (buffer) {
      buffer.push(fill);
      return;
    }
    this.applyFill(fill);
  };

  private readonly onBrokerOrderUpdate = (order: Order): void => {
    const buffer = this.submitting.get(order.clientOrderId);
    if (buffer) {
      buffer.push(order);
      return;
    }
    this.applyOrderUpdate(order);
  };

  private applyFill(fill: Fill): void {
    try {
      const seq = this.ledgerSeq();
      const r = this.ledger.applyFill(fill);
      this.touch(fill.instrumentId, seq);
      if (!r.applied) return;
    } catch (e) {
      this.log.error("ledger refused a fill", { tradeId: fill.tradeId, error: String(e) });
      return;
    }
    this.events.emit("fill", fill);
    this.journalAsync("orders", "fill", fill.timestamp, fill);
  }

  private applyOrderUpdate(order: Order): void {
    const accepted = this.lastAccepted;
    if (accepted !== null && accepted.orderId === order.orderId) {
      // Updates buffered while the order was being submitted: the snapshot the ledger just recorded
      // (same object) or an older, non-terminal one after a terminal accept carry nothing new — the
      // ledger would ignore them after validating them again, so they are not sent to it.
      if (
        order === accepted ||
        (isTerminalOrderStatus(accepted.status) && !isTerminalOrderStatus(order.status))
      ) {
        this.events.emit("orderUpdate", order);
        return;
      }
    }
    if (isTerminalOrderStatus(order.status)) this.openOrders.delete(order.orderId);
    else this.openOrders.set(order.orderId, order);
    try {
      const seq = this.ledgerSeq();
      this.ledger.applyOrderUpdate(order);
      this.touch(order.instrumentId, seq);
    } catch (e) {
      this.log.debug("ledger ignored an order update", { orderId: order.orderId, error: String(e) });
    }
    this.events.emit("orderUpdate", order);
  }

  private journalAsync(stream: string, type: string, at: number, data: unknown): void {
    if (!this.store) return;
    try {
      const r = this.store.append(stream, [{ type, at, data: toJsonValue(data) }]);
      if (isPromiseLike(r))
        (r as Promise<StoredRecord[]>).catch((e: unknown) =>
          this.log.error("journal append failed", { stream, error: String(e) }),
        );
    } catch (e) {
      this.log.error("journal append failed", { stream, error: String(e) });
    }
  }

  // ---- queries ---------------------------------------------------------------------------------

  /** Health and book of every strategy (seed 002 §7.2). */
  getStrategyState(): StrategyState[] {
    const marks = this.priceRecord();
    return this.slots.map((slot) => ({
      strategyId: slot.id,
      status: slot.status,
      enabled: slot.enabled,
      shutdownRequested: slot.shutdownRequested,
      lastIntentsAt: slot.lastIntentsAt,
      lastActionsAt: slot.lastActionsAt,
      error: slot.error,
      currentPositions: this.ledger
        .getPositionSummaries({ strategyId: slot.id })
        .map((p) => ({ instrumentId: p.instrumentId, quantity: p.quantity, side: p.side })),
      pnlSummary: this.ledger.computeStrategyPnl(slot.id, marks),
    }));
  }

  /** The risk engine's view of the book now. */
  getRiskStatus(): RiskStatus {
    return this.risk.getRiskStatus(this.buildRiskContext(this.clock.now(), []));
  }

  /** Seed 000 §5: per-strategy P&L, last 20 signals, last 10 consensus events, risk status. */
  getTradingSummary(): TradingSummary {
    const marks = this.priceRecord();
    const strategyPnl: Record<string, StrategyPnl> = {};
    for (const s of this.slots) strategyPnl[s.id] = this.ledger.computeStrategyPnl(s.id, marks);
    return {
      asOf: this.clock.now(),
      strategyPnl,
      recentSignals: this.signalRing.toArray(20),
      consensusEvents: this.consensusRing.toArray(10),
      riskStatus: this.getRiskStatus(),
      orphanedPositions: this.getOrphanedPositions(),
    };
  }

  /** Recent signals (in-memory ring), oldest first. */
  getSignals(limit?: number): StrategySignal[] {
    return this.signalRing.toArray(limit);
  }

  /** Recent consensus events, oldest first. */
  getConsensusEvents(limit?: number): ConsensusEvent[] {
    return this.consensusRing.toArray(limit);
  }

  /** The active config (parsed). */
  getConfig(): RunnerConfig {
    return this.config;
  }

  /**
   * Replaces the config without a restart. Validates first: on error it throws and the old config
   * stays. Toggles apply at once (disabled strategies stop deciding; no positions are closed —
   * use `disable(id, { closePositions: true })` for that); ring sizes, windows, timeouts and the
   * retry policy apply to the next decision. `maxHistoryBars` applies to streams as they are read.
   * @throws ValidationError / ConfigError.
   */
  reloadConfig(input: unknown): void {
    const next = parseRunnerConfig(
      input,
      this.slots.map((s) => s.id),
    );
    const prev = this.config;
    this.config = next;
    if (next.signalRingSize !== prev.signalRingSize)
      this.signalRing = this.signalRing.resized(next.signalRingSize);
    if (next.consensusRingSize !== prev.consensusRingSize)
      this.consensusRing = this.consensusRing.resized(next.consensusRingSize);
    this.recentConsensus = null;
    if (next.maxHistoryBars !== prev.maxHistoryBars)
      for (const s of this.streamList) {
        s.ring = s.ring.resized(next.maxHistoryBars);
        s.riskBars = null;
        s.atrAt = null;
      }
    this.consensus.windowMs = next.consensusWindowMs;
    for (const slot of this.slots) {
      const t = next.toggles[slot.id];
      const enabled = t?.enabled ?? true;
      slot.shutdownRequested = t?.shutdownRequested ?? false;
      if (enabled && !slot.enabled) this.enable(slot.id);
      else if (!enabled && slot.enabled) {
        slot.enabled = false;
        this.statusChanged();
        this.setStatus(slot, "disabled", "config reload");
      }
    }
    this.log.info("config reloaded");
  }
}
