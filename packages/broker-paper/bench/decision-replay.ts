// Replays the backtest's per-decision broker pattern (onBar every bar, a market order at the close every ~44 bars).
import { type Bar, type Clock, Decimal, type Order, type OrderRequest } from "@quiver/core";
import { type PaperBroker, type PaperBrokerConfigInput, mulberry32 } from "../src/index.js";

const T0 = Date.UTC(2024, 0, 2);
const MIN = 60_000;
const LOT = new Decimal("0.0001");

/** What {@link replayDecisions} needs from a broker (the real class, or an older copy of it). */
export interface ReplayBroker {
  onBar(bar: Bar): void;
  getOpenOrders(instrumentId?: string): Order[];
  placeOrder(request: OrderRequest): Order;
  on(event: "fill" | "orderUpdate", listener: (x: never) => void): unknown;
}

/** One decision: the bar index it follows and the request the runner would send. */
export interface Decision {
  readonly at: number;
  readonly request: OrderRequest;
}

/**
 * A seeded random walk around 100 (one symbol, 1m bars), like the backtest's synthetic series.
 * Columnar, like the backtest's loaded data: 880,000 bar objects would make every major GC of the
 * run mark ~150 MB that has nothing to do with the broker.
 */
export interface Walk {
  readonly length: number;
  readonly open: Float64Array;
  readonly close: Float64Array;
}

/** `n` bars of a seeded random walk. */
export function makeWalk(n: number, seed = 42): Walk {
  const rand = mulberry32(seed);
  const open = new Float64Array(n);
  const close = new Float64Array(n);
  let p = 100;
  for (let i = 0; i < n; i++) {
    open[i] = p;
    p = Math.max(1, p * (1 + (rand() - 0.5) * 0.004));
    close[i] = p;
  }
  return { length: n, open, close };
}

/**
 * Writes bar `i` of `walk` into `bar` (one object reused for the whole run: the broker copies what
 * it keeps) and returns it.
 */
function barAt(walk: Walk, i: number, bar: Bar): Bar {
  const o = walk.open[i] as number;
  const c = walk.close[i] as number;
  bar.openTime = T0 + i * MIN;
  bar.closeTime = T0 + (i + 1) * MIN;
  bar.open = o;
  bar.high = Math.max(o, c) * 1.001;
  bar.low = Math.min(o, c) * 0.999;
  bar.close = c;
  return bar;
}

/**
 * The runner's requests for one run: every `every` bars, alternately a market buy of ~250,000 USD
 * (lot 0.0001) and a reduce-only market sell of the whole position. Built up front, so the timed
 * section holds only broker calls.
 */
export function makeDecisions(walk: Walk, every = 44): Decision[] {
  const out: Decision[] = [];
  let position = new Decimal(0);
  let k = 0;
  for (let i = every - 1; i < walk.length; i += every) {
    const close = walk.close[i] as number;
    const buy = position.isZero();
    // The sell is a fresh Decimal equal to the position (the runner sizes it from its own book).
    const quantity = buy
      ? new Decimal(250_000 / close).dividedToIntegerBy(LOT).times(LOT)
      : new Decimal(position.toFixed());
    position = buy ? quantity : new Decimal(0);
    const signalId = `s:SYN:${i}`;
    out.push({
      at: i,
      request: {
        clientOrderId: `s-${k++}`,
        strategyId: "s",
        instrumentId: "SYN",
        side: buy ? "buy" : "sell",
        type: "market",
        timeInForce: "gtc",
        quantity,
        reduceOnly: !buy,
        signalId,
        metadata: { actionId: `a-${signalId}` },
      },
    });
  }
  return out;
}

/** Broker settings of the backtest benchmark (minus instruments, cash and clock, which the replay supplies). */
export const REPLAY_BROKER_CONFIG = {
  validateRequests: "trusted",
  fillAt: "close",
  feeBps: 1,
} as const satisfies Partial<PaperBrokerConfigInput>;

/** The replay's instrument and account. */
export function replayConfig(clock: Clock): PaperBrokerConfigInput {
  return {
    ...REPLAY_BROKER_CONFIG,
    currency: "USD",
    // Enough for 20,000 round trips of 250,000 USD (fees and a drifting price included).
    initialCash: "10000000",
    clock,
    instruments: [
      {
        id: "SYN",
        kind: "spot",
        baseAsset: "SYN",
        quoteCurrency: "USD",
        tickSize: "0.0001",
        lotSize: "0.0001",
      },
    ],
  };
}

/** Timings of one replay run. */
export interface ReplayRun {
  /** Σ time of getOpenOrders + placeOrder (incl. the immediate fill), per decision, in ns. */
  readonly decisionNs: number;
  /** Per-decision times, in ns. */
  readonly perDecisionNs: number[];
  /** Wall time of the whole loop (all onBar calls and decisions), in ns. */
  readonly loopNs: number;
  readonly fills: number;
  readonly updates: number;
}

/**
 * Runs the bars of `walk` through a fresh broker from `create`, placing `decisions` after their bars
 * like the runner does (getOpenOrders, then placeOrder), with listeners that only count events.
 */
export function replayDecisions(
  create: (config: PaperBrokerConfigInput) => ReplayBroker | PaperBroker,
  walk: Walk,
  decisions: readonly Decision[],
): ReplayRun {
  let now = T0;
  // A bare clock (the broker only reads it): moving it costs one assignment per bar.
  const clock: Clock = {
    now: () => now,
    setTimer: () => {
      throw new Error("the replay clock has no timers");
    },
    clearTimer: () => {},
  };
  const broker = create(replayConfig(clock)) as ReplayBroker;
  let fills = 0;
  let updates = 0;
  broker.on("fill", () => {
    fills++;
  });
  broker.on("orderUpdate", () => {
    updates++;
  });
  const perDecisionNs: number[] = new Array(decisions.length);
  let decisionNs = 0;
  let next = 0;
  let at = decisions.length > 0 ? (decisions[0] as Decision).at : -1;
  const bar: Bar = {
    instrumentId: "SYN",
    timeframe: "1m",
    openTime: 0,
    closeTime: 0,
    open: 0,
    high: 0,
    low: 0,
    close: 0,
    volume: 1000,
    closed: true,
  };
  const start = process.hrtime.bigint();
  for (let i = 0; i < walk.length; i++) {
    barAt(walk, i, bar);
    now = bar.closeTime;
    broker.onBar(bar);
    if (i !== at) continue;
    const d = decisions[next] as Decision;
    const t0 = process.hrtime.bigint();
    if (broker.getOpenOrders("SYN").length === 0) broker.placeOrder(d.request);
    const ns = Number(process.hrtime.bigint() - t0);
    perDecisionNs[next] = ns;
    decisionNs += ns;
    next++;
    at = next < decisions.length ? (decisions[next] as Decision).at : -1;
  }
  const loopNs = Number(process.hrtime.bigint() - start);
  return { decisionNs, perDecisionNs, loopNs, fills, updates };
}
