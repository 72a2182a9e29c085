// Consensus detection (seed 000): different strategies' executed signals on one instrument within a window.
import type { ConsensusEvent, StrategySignal } from "@quiver/core";

/**
 * Direction of a signal for consensus: entering/increasing one side (`open:long`, `open:yes` …) or
 * leaving (`close`, for exit and reduce intents, whatever the side). Read from the signal's
 * `signalData.intentType` / `signalData.side` (the runner journals both); "" when absent.
 */
export function consensusDirection(signal: StrategySignal): string {
  const data = signal.signalData as { intentType?: unknown; side?: unknown };
  const type = data.intentType;
  if (type === "enter" || type === "increase") return `open:${String(data.side)}`;
  if (type === "exit" || type === "reduce") return "close";
  return typeof type === "string" ? type : "";
}

/**
 * Keeps, per instrument, the executed signals of the last `windowMs` and reports a consensus when
 * a new executed signal has at least one other strategy's executed signal in the SAME DIRECTION
 * (both entering/increasing the same side, or both exiting/reducing — see {@link consensusDirection})
 * at most `windowMs` before it; one strategy's entry and another's exit never agree. The window is INCLUSIVE: signals exactly `windowMs` apart agree (60 s fires, 60.001 s
 * does not). Seed 000 compares with `>` on float seconds; we document the inclusive edge instead.
 * `combinedConfidence` is the maximum confidence (seed 000: "max or weighted average").
 */
export class ConsensusDetector {
  private readonly recent = new Map<string, Array<{ signal: StrategySignal; direction: string }>>();

  constructor(public windowMs: number) {}

  /** Records an executed signal and returns a consensus event, or null. */
  onExecuted(signal: StrategySignal): ConsensusEvent | null {
    let list = this.recent.get(signal.instrumentId);
    if (!list) {
      list = [];
      this.recent.set(signal.instrumentId, list);
    }
    const cutoff = signal.timestamp - this.windowMs;
    // Drop what fell out of the window (signals arrive in non-decreasing time).
    let drop = 0;
    while (drop < list.length && (list[drop] as { signal: StrategySignal }).signal.timestamp < cutoff) drop++;
    if (drop > 0) list.splice(0, drop);
    const direction = consensusDirection(signal);
    const others: StrategySignal[] = [];
    for (const r of list)
      if (
        r.direction === direction &&
        r.signal.strategyId !== signal.strategyId &&
        r.signal.timestamp <= signal.timestamp
      )
        others.push(r.signal);
    list.push({ signal, direction });
    if (others.length === 0) return null;
    const strategies = [signal.strategyId];
    for (const s of others) if (!strategies.includes(s.strategyId)) strategies.push(s.strategyId);
    let confidence = signal.confidence;
    for (const s of others) if (s.confidence > confidence) confidence = s.confidence;
    return {
      eventId: `consensus:${signal.instrumentId}:${signal.timestamp}:${signal.strategyId}`,
      instrumentId: signal.instrumentId,
      timestamp: signal.timestamp,
      strategies,
      signalIds: [signal.signalId, ...others.map((s) => s.signalId)],
      combinedConfidence: confidence,
    };
  }
}
