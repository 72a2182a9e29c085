// Paper broker configuration: a strict zod schema (named-field errors), scripted faults and status reasons.
import {
  type BrokerCapabilities,
  type Clock,
  IdSchema,
  InstrumentSchema,
  NO_CAPABILITIES,
  NonNegativeDecimalSchema,
  type OrderRequest,
  TimeframeSchema,
  assertTimeZone,
} from "@quiver/core";
import { z } from "zod";

/**
 * When a market order executes:
 * - `next_open`: at the open of the first bar whose `openTime ≥ submit time + latencyMs`.
 * - `close`: at the close of the last bar seen, synchronously inside `placeOrder` (when
 *   `latencyMs` is 0 and a bar was seen), otherwise at the close of the first eligible bar.
 */
export const FillAtSchema = z.enum(["next_open", "close"]);
export type FillAt = z.infer<typeof FillAtSchema>;

const bps = z.number().finite().min(0).max(10_000);

/**
 * Which `placeOrder` calls a fault applies to. With neither `callIndex` nor `when`, it applies to
 * the next order(s). `callIndex` is the 0-based index of the `placeOrder` call (every call counts,
 * duplicates and failed ones included). `when` is a predicate on the validated request. Both may
 * be given (AND). `times` is how often the fault fires (default 1, or "always"); `probability`
 * (default 1) is drawn from the broker's seeded PRNG, so runs are reproducible for a seed.
 */
const matchShape = {
  callIndex: z.number().int().nonnegative().optional(),
  when: z
    .custom<(request: OrderRequest) => boolean>((v) => typeof v === "function", {
      message: "must be a function (request) => boolean",
    })
    .optional(),
  times: z.union([z.number().int().positive(), z.literal("always")]).default(1),
  probability: z.number().min(0).max(1).default(1),
};

/**
 * A scripted fault (RELIABILITY rows 5, 6, 9, 11):
 * - `reject`: the matching order is stored with status `rejected` and `statusReason` = `reason`.
 * - `timeoutAfterAccept`: the order is accepted and stored (and may fill), but `placeOrder` throws
 *   a `BrokerError` with `unknownOutcome: true` — callers must look it up by client order id.
 * - `dropFillReport`: a fill of the matching order is applied to cash/positions/order but no
 *   `fill` event is emitted (visible through `getOrder`, `getPositions`, `getFills`).
 * - `duplicateFill`: a fill of the matching order is emitted twice with the same `tradeId`.
 * - `throwRetryable`: `placeOrder` throws a `BrokerError` with `retryable: true` before anything
 *   is stored (the client order id stays free).
 * For the two fill faults, `times` counts fills, and `callIndex`/`when` select the order.
 */
export const PaperFaultSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("reject"),
    reason: z.string().min(1).max(200).default("scripted_reject"),
    ...matchShape,
  }),
  z.strictObject({ kind: z.literal("timeoutAfterAccept"), ...matchShape }),
  z.strictObject({ kind: z.literal("dropFillReport"), ...matchShape }),
  z.strictObject({ kind: z.literal("duplicateFill"), ...matchShape }),
  z.strictObject({
    kind: z.literal("throwRetryable"),
    retryAfterMs: z.number().int().nonnegative().optional(),
    ...matchShape,
  }),
]);
export type PaperFault = z.output<typeof PaperFaultSchema>;
export type PaperFaultInput = z.input<typeof PaperFaultSchema>;
export type PaperFaultKind = PaperFault["kind"];

const clockSchema = z.custom<Clock>(
  (v) => typeof v === "object" && v !== null && typeof (v as { now?: unknown }).now === "function",
  { message: "must be a Clock (an object with now())" },
);

/**
 * Paper broker configuration. Unknown keys are refused; every error names its field
 * (`instruments[0].tickSize`, `slippageBps`, …).
 */
export const PaperBrokerConfigSchema = z
  .strictObject({
    /** Broker id (default "paper"). */
    id: IdSchema.default("paper"),
    /** Account currency, e.g. "USD" or "BTC". */
    currency: z.string().min(1).max(16),
    initialCash: NonNegativeDecimalSchema,
    /** Every instrument the broker may trade; orders for others are rejected. */
    instruments: z.array(InstrumentSchema).min(1),
    fillAt: FillAtSchema.default("next_open"),
    /**
     * Adverse price move applied to taker fills, in basis points. With slippage or spread, the
     * worsened price is rounded to the instrument's tick against the taker (a buy up, a sell down),
     * as a venue only trades on its tick grid; without them a fill takes the bar's price as it is.
     */
    slippageBps: bps.default(0),
    /** Half-spread applied against the taker, in basis points. */
    spreadBps: bps.default(0),
    /** Fee in basis points of each fill's notional. */
    feeBps: bps.default(0),
    /** Fixed fee charged once per order, on its first fill. */
    feePerOrder: NonNegativeDecimalSchema.prefault("0"),
    /**
     * Decimal places fees are charged in: each fill's `feeBps` fee is rounded UP to this many places
     * (venues charge whole units of their precision, and never less than the rate). Default 8, which
     * suits crypto (satoshis) and is finer than any fiat currency; null keeps the exact product, which
     * can carry more places than core's decimal rule (18) accepts, e.g. on a journal replay.
     */
    feeDecimalPlaces: z.number().int().min(0).max(18).nullable().default(8),
    /** Share (0–1] of each bar's volume the broker's fills may take; absent = no volume cap. */
    maxVolumeParticipation: z.number().gt(0).max(1).optional(),
    /** An order may only fill on bars whose openTime ≥ submit time + latencyMs. */
    latencyMs: z.number().int().nonnegative().max(86_400_000).default(0),
    /** Allow short positions (the instrument must also be `shortable`; never for binary). */
    allowShort: z.boolean().default(false),
    /** Buying-power multiple of equity for `marginable` instruments (1 = no margin). */
    marginMultiplier: z.number().min(1).max(10).default(2),
    /** Time zone whose calendar day ends `day` orders (default "UTC"). */
    timeZone: z.string().min(1).default("UTC"),
    /**
     * Timeframe whose bars drive fills. Default: the first timeframe seen per instrument; bars of
     * other timeframes only update the last price (so overlapping 1m and 1h bars never double-fill).
     */
    fillTimeframe: TimeframeSchema.optional(),
    /** Seed of the PRNG used for probabilistic faults (same seed and bars → same results). */
    seed: z.number().int().min(0).max(0xffffffff).default(0),
    faults: z.array(PaperFaultSchema).default([]),
    /** Source of submit times. Without it, "now" is the latest bar close the broker has seen. */
    clock: clockSchema.optional(),
    /**
     * How `placeOrder` checks requests. "full" (default): every request is parsed with core's
     * `OrderRequestSchema` (strings accepted, defaults filled, a fresh object built). "trusted": the
     * caller passes requests it already parsed (Decimals, e.g. from the runner); a hand-written
     * check enforces the same rules without zod and the request object is kept (do not mutate it
     * afterwards). Unknown instruments, bad lots, buying power etc. are rejected in both modes.
     */
    validateRequests: z.enum(["full", "trusted"]).default("full"),
    /**
     * How many of the latest fills `getFills()` keeps: "all" (default) or a count. Every fill is
     * still applied and emitted; a bounded history only stops the broker from holding every Fill
     * for the whole run — for long backtests whose fills are recorded elsewhere (a ledger, a journal).
     */
    fillHistory: z.union([z.literal("all"), z.number().int().nonnegative().max(1e9)]).default("all"),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.instruments.forEach((inst, i) => {
      if (seen.has(inst.id))
        ctx.addIssue({
          code: "custom",
          path: ["instruments", i, "id"],
          message: `duplicate id "${inst.id}"`,
        });
      seen.add(inst.id);
    });
    try {
      assertTimeZone(c.timeZone);
    } catch {
      ctx.addIssue({ code: "custom", path: ["timeZone"], message: `unknown time zone "${c.timeZone}"` });
    }
  });
export type PaperBrokerConfig = z.output<typeof PaperBrokerConfigSchema>;
export type PaperBrokerConfigInput = z.input<typeof PaperBrokerConfigSchema>;

/**
 * Every `statusReason` the paper broker sets on its own, on rejected, cancelled and expired
 * orders (scripted rejects carry their own reason, "scripted_reject" by default).
 */
export const PAPER_STATUS_REASONS = [
  /** Notional + fees exceed buying power (definite reject, not retryable). */
  "insufficient_buying_power",
  /** A sell beyond the position while shorting is not allowed (config, instrument or binary). */
  "insufficient_position",
  "unknown_instrument",
  /** Binary orders must name `outcome`; other instruments must not. */
  "outcome_required",
  "outcome_not_applicable",
  /** Quantity is not a multiple of the lot size or below the minimum quantity. */
  "invalid_quantity",
  /** A reduce-only order would open or increase a position. */
  "reduce_only_would_increase",
  /** A fill-or-kill order could not fill completely at arrival. */
  "fok_not_fillable",
  /** An immediate-or-cancel order's unfilled remainder. */
  "ioc_remainder_cancelled",
  /** A day order reached the end of its day. */
  "day_expired",
  /** Cancelled through `cancelOrder`. */
  "cancel_requested",
  /** Cancelled by `settle` (the market settled). */
  "market_settled",
  /** Default reason of a scripted `reject` fault. */
  "scripted_reject",
] as const;
export type PaperStatusReason = (typeof PAPER_STATUS_REASONS)[number];

/** The paper broker's capabilities (`supportsShort` follows `allowShort`). */
export const PAPER_BROKER_CAPABILITIES: BrokerCapabilities = Object.freeze({
  ...NO_CAPABILITIES,
  supportsMargin: true,
  supportsPartialFills: true,
  supportsStopOrders: true,
  supportsBinaryContracts: true,
  supportsClientOrderIdLookup: true,
  enforcesUniqueClientOrderId: true,
  live: false,
});
