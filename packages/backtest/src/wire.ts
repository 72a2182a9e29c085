// One wiring for backtests and paper runs: the same runner, risk engine, ledger and paper broker.
import {
  type Clock,
  type DecimalInput,
  type ExecutionLock,
  type Instrument,
  type InstrumentInput,
  InstrumentSchema,
  type Logger,
  type MarketDataFeed,
  QuiverEmitter,
  type StateStore,
  type Strategy,
  parseWith,
} from "@quiver/core";
import { type PaperBroker, type PaperBrokerConfigInput, createPaperBroker } from "@quiver/broker-paper";
import { type LedgerOptions, type PortfolioLedger, createLedger } from "@quiver/ledger";
import { type QuiverRiskEngine, createRiskEngine } from "@quiver/risk";
import { type RunnerConfigInput, StrategyRunner } from "@quiver/runner";

/** Paper broker settings of a trading system (currency, cash, instruments and clock come from the spec). */
export type PaperBrokerSettings = Omit<
  PaperBrokerConfigInput,
  "currency" | "initialCash" | "instruments" | "clock"
>;

/**
 * What a trading system is made of — identical for a backtest and a paper run. Strategies are
 * objects with their own state: build fresh ones for every run.
 */
export interface TradingSystemSpec {
  strategies: readonly Strategy[];
  instruments: readonly (Instrument | InstrumentInput)[];
  /** Starting cash of the ledger and the paper broker. */
  initialCash: DecimalInput;
  /** Account currency (e.g. "BTC", "USD"). */
  currency: string;
  /** Risk config (see `@quiver/risk` RiskConfigSchema); defaults from the seeds. */
  risk?: unknown;
  /**
   * Paper broker settings (fees, slippage, fill timing, faults …). `validateRequests` defaults to
   * "trusted" here (the runner sends parsed requests); set "full" to re-validate each with zod.
   */
  broker?: PaperBrokerSettings;
  /** Runner config (event/cycle mode, consensus window, toggles …). */
  runner?: RunnerConfigInput;
  /**
   * Ledger options: exit matching (FIFO default), trading-day boundary, and whether every ledger event
   * is kept in memory (`retainEvents`, default true; false saves memory on very long runs), and order
   * validation (`validation`, default here "trusted": the runner hands the ledger orders the broker
   * already parsed, so only a fast check of the same rules runs; "full" re-parses each with zod).
   */
  ledger?: Pick<LedgerOptions, "exitPolicy" | "timeZone" | "dayStartTime" | "retainEvents" | "validation">;
  /**
   * Risk engine input validation (default "trusted": the runner builds every risk context from its own
   * parsed Decimal book, so re-parsing it with zod per decision is pure overhead; "full" re-validates).
   */
  riskValidation?: "full" | "trusted";
}

/** Ports that differ between a backtest and a paper/live run. */
export interface TradingSystemPorts {
  clock: Clock;
  /** A live (or replayed) bar feed; a backtest drives `runner.processBar` directly instead. */
  feed?: MarketDataFeed;
  store?: StateStore;
  logger?: Logger;
  /** Execution lock shared with other runners (default: an in-memory lock on `clock`). */
  lock?: ExecutionLock;
}

/** The wired components. Nothing in them knows whether it runs a backtest. */
export interface TradingSystem {
  clock: Clock;
  instruments: Instrument[];
  ledger: PortfolioLedger;
  risk: QuiverRiskEngine;
  broker: PaperBroker;
  runner: StrategyRunner;
  events: QuiverEmitter;
}

/**
 * Builds the ledger, risk engine, paper broker and runner from a spec and the run's ports. A
 * backtest passes a `VirtualClock` and feeds bars itself; a paper run passes a clock and a feed.
 *
 * @throws ValidationError naming the field for a bad instrument, risk, broker or runner config.
 * @example
 * const system = wireTradingSystem(spec, { clock: new VirtualClock(start), feed });
 * await system.runner.start();
 */
export function wireTradingSystem(spec: TradingSystemSpec, ports: TradingSystemPorts): TradingSystem {
  const instruments = spec.instruments.map((x, i) => parseWith(InstrumentSchema, x, `instruments[${i}]`));
  const events = new QuiverEmitter();
  const ledger = createLedger({
    validation: "trusted",
    ...spec.ledger,
    instruments,
    initialCash: spec.initialCash,
    currency: spec.currency,
  });
  const risk = createRiskEngine({ config: spec.risk ?? {}, validation: spec.riskValidation ?? "trusted" });
  const broker = createPaperBroker({
    // Requests come from the runner, already parsed: a fast check of the same rules instead of zod.
    validateRequests: "trusted",
    ...spec.broker,
    currency: spec.currency,
    initialCash: spec.initialCash,
    instruments,
    clock: ports.clock,
  });
  const runner = new StrategyRunner({
    clock: ports.clock,
    broker,
    ledger,
    risk,
    events,
    instruments,
    strategies: spec.strategies,
    ...(spec.runner === undefined ? {} : { config: spec.runner }),
    ...(ports.feed === undefined ? {} : { feed: ports.feed }),
    ...(ports.store === undefined ? {} : { store: ports.store }),
    ...(ports.logger === undefined ? {} : { logger: ports.logger }),
    ...(ports.lock === undefined ? {} : { lock: ports.lock }),
  });
  return { clock: ports.clock, instruments, ledger, risk, broker, runner, events };
}
