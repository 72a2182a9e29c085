// Kill-switch state: daily drawdown from the day's start equity (zoned day), drift, and manual triggers.
import type { RiskEvent } from "@quiver/core";
import { startOfZonedDay, zonedDayKey } from "@quiver/core";
import type { RiskConfig } from "../config.js";

/** Why the kill switch is on. */
export type KillReason = "daily_drawdown" | "drift" | "manual";

/** Serializable kill-switch state (persist it to survive restarts mid-day). */
export interface KillSwitchState {
  /** "YYYY-MM-DD" of the day whose start equity is known, in the configured zone. */
  dayKey: string | null;
  /** Equity first seen that day (account currency, decimal string). */
  dayStartEquity: string | null;
  /** Active reasons, sorted. */
  reasons: KillReason[];
  /** Text of the manual activation, if any. */
  manualReason: string | null;
  /** Last equity observed (decimal string), used to re-base on a manual release. */
  lastEquity: string | null;
}

/** What the kill switch looks like for one context, without committing anything. */
export interface KillView {
  dayKey: string;
  newDay: boolean;
  dayStartEquity: number;
  dailyDrawdownPct: number;
  reasons: Set<KillReason>;
  released: KillReason[];
}

const ORDER: KillReason[] = ["daily_drawdown", "drift", "manual"];

/** The stateful part of the engine: kill switch and day-start equity. Pure apart from its own fields. */
export class KillSwitch {
  private dayKey: string | null = null;
  private dayStart = 0;
  private dayStartText: string | null = null;
  private dayFrom = 1;
  private dayTo = 0;
  private zone = "";
  private boundsKey = "";
  private reasons = new Set<KillReason>();
  private manualReason: string | null = null;
  private lastEquity = 0;
  private lastEquityText: string | null = null;

  /** Day key of `now`, caching the day's bounds so most calls avoid Intl formatting. */
  private keyOf(now: number, timeZone: string): string {
    if (this.zone === timeZone && now >= this.dayFrom && now < this.dayTo) return this.boundsKey;
    this.zone = timeZone;
    this.dayFrom = startOfZonedDay(now, timeZone);
    this.dayTo = startOfZonedDay(this.dayFrom + 30 * 3_600_000, timeZone);
    this.boundsKey = zonedDayKey(now, timeZone);
    return this.boundsKey;
  }

  /** Computes the state this context would lead to, without changing anything. */
  preview(now: number, equity: number, drift: boolean, config: RiskConfig): KillView {
    const tz = config.killSwitch.timeZone;
    const key = this.keyOf(now, tz);
    const newDay = key !== this.dayKey;
    const reasons = new Set(this.reasons);
    const released: KillReason[] = [];
    if (newDay && config.killSwitch.release === "next_day" && reasons.delete("daily_drawdown"))
      released.push("daily_drawdown");
    const start = newDay ? equity : this.dayStart;
    const dd = start > 0 && equity < start ? ((start - equity) / start) * 100 : 0;
    if (dd > 0 && dd >= config.maxDailyDrawdownPct) reasons.add("daily_drawdown");
    if (config.killSwitchOnDrift && drift) reasons.add("drift");
    else if (reasons.delete("drift")) released.push("drift");
    return { dayKey: key, newDay, dayStartEquity: start, dailyDrawdownPct: dd, reasons, released };
  }

  /** Commits the context's effect and returns the kill-switch events it caused. */
  observe(
    now: number,
    equity: number,
    equityText: string,
    drift: boolean,
    config: RiskConfig,
  ): { view: KillView; events: RiskEvent[] } {
    const view = this.preview(now, equity, drift, config);
    const before = new Set(this.reasons);
    if (view.newDay) {
      this.dayKey = view.dayKey;
      this.dayStart = equity;
      this.dayStartText = equityText;
    }
    this.lastEquity = equity;
    this.lastEquityText = equityText;
    this.reasons = view.reasons;
    if (!this.reasons.has("manual")) this.manualReason = null;
    const events: RiskEvent[] = [];
    const added = ORDER.filter((r) => view.reasons.has(r) && !before.has(r));
    const details = {
      dailyDrawdownPct: view.dailyDrawdownPct,
      maxDailyDrawdownPct: config.maxDailyDrawdownPct,
      dayKey: view.dayKey,
      dayStartEquity: this.dayStartText,
      equity: equityText,
      driftFlag: drift,
    };
    if (added.length > 0)
      events.push({
        type: "kill_switch_on",
        at: now,
        reasons: added,
        details: { ...details, active: this.list() },
      });
    if (before.size > 0 && this.reasons.size === 0)
      events.push({ type: "kill_switch_off", at: now, reasons: ORDER.filter((r) => before.has(r)), details });
    return { view, events };
  }

  /** Manual activation. */
  activate(reason: string, at: number): RiskEvent {
    this.reasons.add("manual");
    this.manualReason = reason;
    return {
      type: "kill_switch_on",
      at,
      reasons: ["manual"],
      details: { note: reason, active: this.list() },
    };
  }

  /**
   * Manual release of every reason. A drawdown is re-based to the last equity seen, so a further
   * drop of the threshold trips it again; a drift flag still set trips it at the next evaluate.
   */
  release(at: number): RiskEvent | null {
    if (this.reasons.size === 0) return null;
    const released = this.list();
    if (this.reasons.has("daily_drawdown") && this.lastEquityText !== null) {
      this.dayStart = this.lastEquity;
      this.dayStartText = this.lastEquityText;
    }
    this.reasons.clear();
    this.manualReason = null;
    return { type: "kill_switch_off", at, reasons: released, details: { manual: true } };
  }

  get active(): boolean {
    return this.reasons.size > 0;
  }

  list(): KillReason[] {
    return ORDER.filter((r) => this.reasons.has(r));
  }

  get manualNote(): string | null {
    return this.manualReason;
  }

  exportState(): KillSwitchState {
    return {
      dayKey: this.dayKey,
      dayStartEquity: this.dayStartText,
      reasons: this.list(),
      manualReason: this.manualReason,
      lastEquity: this.lastEquityText,
    };
  }

  restoreState(state: KillSwitchState): void {
    this.dayKey = state.dayKey;
    this.dayStartText = state.dayStartEquity;
    this.dayStart = state.dayStartEquity === null ? 0 : Number(state.dayStartEquity);
    this.reasons = new Set(state.reasons);
    this.manualReason = state.manualReason;
    this.lastEquityText = state.lastEquity;
    this.lastEquity = state.lastEquity === null ? 0 : Number(state.lastEquity);
  }
}
