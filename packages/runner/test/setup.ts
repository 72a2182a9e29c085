// Wiring for scenario tests: virtual clock, recording broker, in-memory feed/store, simple ledger, pass risk.
import { type Bar, type Instrument, type Strategy, VirtualClock } from "@quiver/core";
import {
  InMemoryFeed,
  InMemoryStateStore,
  RecordingBroker,
  type RecordingBrokerOptions,
  makeBar,
} from "@quiver/testkit";
import { type RunnerConfigInput, StrategyRunner } from "../src/index.js";
import { InMemoryExecutionLock } from "../src/execution-lock.js";
import { PassRisk, SimpleLedger, T0, instrument } from "./helpers.js";

export interface Harness {
  clock: VirtualClock;
  broker: RecordingBroker;
  feed: InMemoryFeed;
  ledger: SimpleLedger;
  risk: PassRisk;
  store: InMemoryStateStore;
  lock: InMemoryExecutionLock;
  runner: StrategyRunner;
  instruments: Instrument[];
  /** Pushes the closed 1m bar number `i` of `id` through the feed, clock at its close, price set at the broker. */
  push(id: string, i: number, close?: number): Bar;
}

export function harness(options: {
  strategies: Strategy[];
  symbols?: string[];
  instruments?: Instrument[];
  config?: RunnerConfigInput;
  broker?: RecordingBrokerOptions;
  start?: number;
}): Harness {
  const clock = new VirtualClock(options.start ?? T0);
  const instruments = options.instruments ?? (options.symbols ?? ["NVDA"]).map((s) => instrument(s));
  const broker = new RecordingBroker({
    clock,
    autoFill: true,
    cash: 1_000_000,
    instruments,
    ...options.broker,
  });
  const feed = new InMemoryFeed();
  const ledger = new SimpleLedger(instruments);
  const risk = new PassRisk();
  const store = new InMemoryStateStore();
  const lock = new InMemoryExecutionLock(clock);
  const runner = new StrategyRunner({
    clock,
    broker,
    feed,
    ledger,
    risk,
    store,
    lock,
    instruments,
    strategies: options.strategies,
    config: options.config ?? {},
  });
  const start = options.start ?? T0;
  return {
    clock,
    broker,
    feed,
    ledger,
    risk,
    store,
    lock,
    runner,
    instruments,
    push(id, i, close = 100) {
      const bar = makeBar({ instrumentId: id, openTime: start + i * 60_000, close });
      if (clock.now() < bar.closeTime) clock.advanceTo(bar.closeTime);
      broker.setPrice(id, close);
      feed.push(bar);
      return bar;
    },
  };
}
