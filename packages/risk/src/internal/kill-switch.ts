// Kill-switch state: daily drawdown from the day's start equity (zoned day), drift, and manual triggers.
import { type RiskEvent, zonedDayKey } from "@quiver/core";
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

// Reasons are kept as bits (a mask instead of a Set: `observe` runs on every evaluate) and always
// listed in this order: daily_drawdown, drift, manual.
const DRAWDOWN = 1;
const DRIFT = 2;
const MANUAL = 4;

function bitOf(r: string): number {
  return r === "daily_drawdown" ? DRAWDOWN : r === "drift" ? DRIFT : r === "manual" ? MANUAL : 0;
}

function reasonsOf(mask: number): KillReason[] {
  const out: KillReason[] = [];
  if (mask & DRAWDOWN) out.push("daily_drawdown");
  if (mask & DRIFT) out.push("drift");
  if (mask & MANUAL) out.push("manual");
  return out;
}

/** The stateful part of the engine: kill switch and day-start equity. Pure apart from its own fields. */
export class KillSwitch {
  private dayKey: string | null = null;
  private dayStart = 0;
  private dayStartText: string | null = null;
  /** Active reasons of the mask, as bits. */
  private mask = 0;
  /**
   * Reasons outside the mask from a restored state: they keep the switch on (as they always
   * did) but are never listed or exported; only a manual release clears them.
   */
  private extras: string[] = [];
  private manualReason: string | null = null;
  private lastEquity = 0;
  private lastEquityText: string | null = null;
  // Result of the last step(), in fields rather than a fresh object per evaluate.
  private stepKey = "";
  private stepNewDay = false;
  private stepStart = 0;
  private stepDd = 0;
  private stepMask = 0;
  private stepReleased = 0;

  /** Computes, without committing, what this context does to the day, the drawdown and the reasons. */
  private step(now: number, equity: number, drift: boolean, config: RiskConfig): void {
    // core caches the zone's current day, so this is Intl-free within a day
    const key = zonedDayKey(now, config.killSwitch.timeZone);
    const newDay = key !== this.dayKey;
    let mask = this.mask;
    let released = 0;
    if (newDay && config.killSwitch.release === "next_day" && mask & DRAWDOWN) {
      mask &= ~DRAWDOWN;
      released |= DRAWDOWN;
    }
    const start = newDay ? equity : this.dayStart;
    const dd = start > 0 && equity < start ? ((start - equity) / start) * 100 : 0;
    if (dd > 0 && dd >= config.maxDailyDrawdownPct) mask |= DRAWDOWN;
    if (config.killSwitchOnDrift && drift) mask |= DRIFT;
    else if (mask & DRIFT) {
      mask &= ~DRIFT;
      released |= DRIFT;
    }
    this.stepKey = key;
    this.stepNewDay = newDay;
    this.stepStart = start;
    this.stepDd = dd;
    this.stepMask = mask;
    this.stepReleased = released;
  }

  /** Computes the state this context would lead to, without changing anything. */
  preview(now: number, equity: number, drift: boolean, config: RiskConfig): KillView {
    this.step(now, equity, drift, config);
    const reasons = new Set<KillReason>(this.extras as KillReason[]);
    for (const r of reasonsOf(this.stepMask)) reasons.add(r);
    return {
      dayKey: this.stepKey,
      newDay: this.stepNewDay,
      dayStartEquity: this.stepStart,
      dailyDrawdownPct: this.stepDd,
      reasons,
      released: reasonsOf(this.stepReleased),
    };
  }

  /**
   * Commits the context's effect, appends the kill-switch events it caused to `events`, and
   * returns the daily drawdown (%).
   */
  observe(
    now: number,
    equity: number,
    equityText: string,
    drift: boolean,
    config: RiskConfig,
    events: RiskEvent[],
  ): number {
    this.step(now, equity, drift, config);
    const before = this.mask;
    const wasActive = this.active;
    if (this.stepNewDay) {
      this.dayKey = this.stepKey;
      this.dayStart = equity;
      this.dayStartText = equityText;
    }
    this.lastEquity = equity;
    this.lastEquityText = equityText;
    this.mask = this.stepMask;
    if (!(this.mask & MANUAL)) this.manualReason = null;
    const added = this.mask & ~before;
    const off = wasActive && !this.active;
    if (added !== 0 || off) {
      const details = {
        dailyDrawdownPct: this.stepDd,
        maxDailyDrawdownPct: config.maxDailyDrawdownPct,
        dayKey: this.stepKey,
        dayStartEquity: this.dayStartText,
        equity: equityText,
        driftFlag: drift,
      };
      if (added !== 0)
        events.push({
          type: "kill_switch_on",
          at: now,
          reasons: reasonsOf(added),
          details: { ...details, active: this.list() },
        });
      if (off) events.push({ type: "kill_switch_off", at: now, reasons: reasonsOf(before), details });
    }
    return this.stepDd;
  }

  /** Manual activation. */
  activate(reason: string, at: number): RiskEvent {
    this.mask |= MANUAL;
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
    if (!this.active) return null;
    const released = this.list();
    if (this.mask & DRAWDOWN && this.lastEquityText !== null) {
      this.dayStart = this.lastEquity;
      this.dayStartText = this.lastEquityText;
    }
    this.mask = 0;
    this.extras = [];
    this.manualReason = null;
    return { type: "kill_switch_off", at, reasons: released, details: { manual: true } };
  }

  get active(): boolean {
    return this.mask !== 0 || this.extras.length > 0;
  }

  list(): KillReason[] {
    return reasonsOf(this.mask);
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
    this.mask = 0;
    this.extras = [];
    for (const r of state.reasons) {
      const bit = bitOf(r);
      if (bit !== 0) this.mask |= bit;
      else if (!this.extras.includes(r)) this.extras.push(r);
    }
    this.manualReason = state.manualReason;
    this.lastEquityText = state.lastEquity;
    this.lastEquity = state.lastEquity === null ? 0 : Number(state.lastEquity);
  }
}
