// The typed event map every Quiver component emits through eventemitter3.
import { EventEmitter } from "eventemitter3";
import type { StrategyEntry } from "./model/entry.js";
import type { Fill, Order } from "./model/order.js";
import type { ConsensusEvent, DecisionRecord, StrategySignal, StrategyStatus } from "./model/strategy.js";
import type { RiskEvent } from "./model/risk.js";

/** Listener signatures by event name. */
export interface QuiverEventMap {
  /** Every strategy signal, executed or skipped. */
  signal: (signal: StrategySignal) => void;
  /** A new StrategyEntry was recorded. */
  entryCreated: (entry: StrategyEntry) => void;
  orderUpdate: (order: Order) => void;
  fill: (fill: Fill) => void;
  consensus: (event: ConsensusEvent) => void;
  /** A risk limit blocked or downsized an action. */
  riskLimitHit: (event: RiskEvent & { strategyId?: string; instrumentId?: string }) => void;
  killSwitchOn: (event: RiskEvent) => void;
  killSwitchOff: (event: RiskEvent) => void;
  strategyStatus: (event: {
    strategyId: string;
    status: StrategyStatus;
    previous: StrategyStatus;
    reason?: string;
    at: number;
  }) => void;
  /** The ledger and the broker disagree in a way reconciliation could not explain. */
  drift: (event: { at: number; instrumentIds: string[]; details: Record<string, unknown> }) => void;
  /** A decision cycle finished. */
  decision: (record: DecisionRecord) => void;
}

/** An eventemitter3 emitter typed with {@link QuiverEventMap}. */
export class QuiverEmitter extends EventEmitter<QuiverEventMap> {}

/** Creates a typed emitter. @example const events = createEmitter(); events.on("fill", f => …) */
export function createEmitter(): QuiverEmitter {
  return new QuiverEmitter();
}
