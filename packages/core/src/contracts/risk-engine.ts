// Risk engine contract: what the runner needs from the risk engine (@quiver/risk implements it).
import type { Decimal } from "../decimal.js";
import type { RiskCheckResult, ExecutionPlan, RiskContext, RiskEvent, RiskStatus } from "../model/risk.js";
import type { StrategyIntent } from "../model/strategy.js";

/** A `checkRiskLimits` request (seed 000). */
export interface RiskCheckRequest {
  instrumentId: string;
  strategyId: string;
  requestedContracts: Decimal;
  category?: string;
}

/**
 * A pure, deterministic risk engine: no I/O, time taken from the context. It keeps only the
 * state it needs across calls (kill switch, day-start equity), all derived from its inputs.
 */
export interface RiskEngine {
  /** Turns intents into a plan of risk-adjusted actions; never throws for a denial. */
  evaluate(intents: readonly StrategyIntent[], context: RiskContext): ExecutionPlan;
  /** Pre-trade check of one order size (seed 000 `check_risk_limits`). */
  checkRiskLimits(request: RiskCheckRequest, context: RiskContext): RiskCheckResult;
  /** The book's risk status for this context. */
  getRiskStatus(context: RiskContext): RiskStatus;
  /** Switches the kill switch on by hand. Returns the event. */
  activateKillSwitch(reason: string, at: number): RiskEvent;
  /** Releases a kill switch by hand. Returns the event, or null if it was not active. */
  releaseKillSwitch(at: number): RiskEvent | null;
  /** Replaces the config after validating it; throws ValidationError and keeps the old one on bad input. */
  reloadConfig(config: unknown): void;
}
