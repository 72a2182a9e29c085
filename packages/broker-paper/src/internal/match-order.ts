// Bar matching rules: whether, and from which reference price, an order executes on one bar.
import type { OrderType } from "@quiver/core";

/** A bar in the order's own price terms (for a NO order: 100 − YES, with high and low swapped). */
export interface OutcomeBar {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** What the matcher needs to know about an order and the moment it is evaluated. */
export interface MatchSpec {
  readonly type: OrderType;
  readonly buy: boolean;
  /** A stop or stop-limit that triggered on an earlier bar (now acts as market / limit). */
  readonly triggered: boolean;
  /** Limit price as a number (NaN when absent). */
  readonly limit: number;
  /** Stop price as a number (NaN when absent). */
  readonly stop: number;
  /** `fillAt: "close"` and this is the order's first evaluation: only the close counts. */
  readonly arrivalAtClose: boolean;
  /** ioc/fok: one chance at the arrival price, no intrabar range. */
  readonly once: boolean;
  /** `fillAt: "close"`: market orders execute at closes. */
  readonly closeMode: boolean;
}

/**
 * Where an execution's price comes from: a bar price (taker, then worsened by spread and
 * slippage, optionally capped at the limit), exactly the stop price (taker, intrabar trigger),
 * or exactly the limit price (maker, the bar traded through a resting limit).
 */
export type Match =
  | {
      readonly source: "bar";
      /** Which bar price: callers convert the original field exactly (NO = 100 − YES in Decimal). */
      readonly field: "open" | "close";
      readonly barPrice: number;
      readonly capAtLimit: boolean;
      readonly atOpen: boolean;
    }
  | { readonly source: "stop"; readonly capAtLimit: boolean }
  | { readonly source: "limit" };

/** The match, if any, and whether a stop triggered (it stays triggered even without a fill). */
export interface MatchResult {
  readonly match: Match | undefined;
  readonly triggered: boolean;
}

/**
 * Applies the bar rules to one order:
 * - market: the open (`next_open`) or the close (`close`).
 * - limit: marketable at the start price (open, or close on a close-mode arrival) → that price
 *   capped at the limit; otherwise, if the bar's range reaches the limit → the limit (maker).
 * - stop: start price through the stop (a gap) → start price; range touches the stop → the stop.
 * - stop_limit: triggers like a stop; fills on the trigger bar only if the trigger price satisfies
 *   the limit, otherwise rests as a limit from the next bar.
 * ioc/fok and close-mode arrivals ignore the intrabar range.
 */
export function matchOrderOnBar(spec: MatchSpec, bar: OutcomeBar): MatchResult {
  const { buy } = spec;
  const startField = spec.arrivalAtClose ? "close" : "open";
  const start = bar[startField];
  const range = !spec.arrivalAtClose && !spec.once;
  const type = spec.triggered
    ? spec.type === "stop"
      ? "market"
      : spec.type === "stop_limit"
        ? "limit"
        : spec.type
    : spec.type;
  switch (type) {
    case "market":
      return {
        match: {
          source: "bar",
          field: spec.closeMode ? "close" : "open",
          barPrice: spec.closeMode ? bar.close : bar.open,
          capAtLimit: false,
          atOpen: !spec.closeMode,
        },
        triggered: spec.triggered,
      };
    case "limit": {
      const lim = spec.limit;
      if (buy ? start <= lim : start >= lim)
        return {
          match: {
            source: "bar",
            field: startField,
            barPrice: start,
            capAtLimit: true,
            atOpen: !spec.arrivalAtClose,
          },
          triggered: spec.triggered,
        };
      if (range && (buy ? bar.low <= lim : bar.high >= lim))
        return { match: { source: "limit" }, triggered: spec.triggered };
      return { match: undefined, triggered: spec.triggered };
    }
    default: {
      const stop = spec.stop;
      const withLimit = type === "stop_limit";
      if (buy ? start >= stop : start <= stop) {
        if (withLimit && !(buy ? start <= spec.limit : start >= spec.limit))
          return { match: undefined, triggered: true };
        return {
          match: {
            source: "bar",
            field: startField,
            barPrice: start,
            capAtLimit: withLimit,
            atOpen: !spec.arrivalAtClose,
          },
          triggered: true,
        };
      }
      if (range && (buy ? bar.high >= stop : bar.low <= stop)) {
        if (withLimit && !(buy ? stop <= spec.limit : stop >= spec.limit))
          return { match: undefined, triggered: true };
        return { match: { source: "stop", capAtLimit: withLimit }, triggered: true };
      }
      return { match: undefined, triggered: false };
    }
  }
}
