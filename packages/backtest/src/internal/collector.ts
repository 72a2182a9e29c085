// Collects what a run's event stream reports: signal counts by skip reason, consensus, kill switch, errors.
import type { ConsensusEvent, RiskEvent, StrategySignal, StrategyStatus } from "@quiver/core";
import type { SignalCounts } from "../results/types.js";

/** The part of an event emitter the collector needs (a QuiverEmitter satisfies it). */
export interface EventSource {
  on(event: "signal", fn: (s: StrategySignal) => void): unknown;
  on(event: "consensus", fn: (e: ConsensusEvent) => void): unknown;
  on(event: "killSwitchOn" | "killSwitchOff", fn: (e: RiskEvent) => void): unknown;
  on(
    event: "strategyStatus",
    fn: (e: {
      strategyId: string;
      status: StrategyStatus;
      previous: StrategyStatus;
      reason?: string;
      at: number;
    }) => void,
  ): unknown;
}

function emptyCounts(): SignalCounts {
  return { total: 0, executed: 0, skipped: 0, skippedByReason: {} };
}

function count(c: SignalCounts, s: StrategySignal): void {
  c.total++;
  if (s.executed) c.executed++;
  else {
    c.skipped++;
    const r = s.skipReason ?? "unspecified";
    c.skippedByReason[r] = (c.skippedByReason[r] ?? 0) + 1;
  }
}

/** Counts (not stores) signals, so memory stays flat on long runs; keeps consensus and risk events. */
export class RunCollector {
  readonly total = emptyCounts();
  readonly byStrategy = new Map<string, SignalCounts>();
  readonly consensus: ConsensusEvent[] = [];
  readonly killSwitch: RiskEvent[] = [];
  readonly errors: Array<{ strategyId: string; error: string }> = [];

  constructor(strategyIds: readonly string[]) {
    for (const id of strategyIds) this.byStrategy.set(id, emptyCounts());
  }

  attach(events: EventSource): void {
    events.on("signal", (s) => this.onSignal(s));
    events.on("consensus", (e) => this.consensus.push(e));
    events.on("killSwitchOn", (e) => this.killSwitch.push(e));
    events.on("killSwitchOff", (e) => this.killSwitch.push(e));
    events.on("strategyStatus", (e) => {
      if (e.status === "errored")
        this.errors.push({ strategyId: e.strategyId, error: e.reason ?? "errored" });
    });
  }

  onSignal(s: StrategySignal): void {
    count(this.total, s);
    let c = this.byStrategy.get(s.strategyId);
    if (!c) {
      c = emptyCounts();
      this.byStrategy.set(s.strategyId, c);
    }
    count(c, s);
  }
}
