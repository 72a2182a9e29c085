// Orders and order requests: side, type, time in force, status lifecycle, client order id.
import { z } from "zod";
import {
  EpochMsSchema,
  IdSchema,
  MetadataSchema,
  NonNegativeDecimalSchema,
  PositiveDecimalSchema,
} from "../schema.js";

export const OrderSideSchema = z.enum(["buy", "sell"]);
export type OrderSide = z.infer<typeof OrderSideSchema>;

/** Which outcome of a binary contract an order trades; absent for spot and equities. */
export const OutcomeSchema = z.enum(["yes", "no"]);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const OrderTypeSchema = z.enum(["market", "limit", "stop", "stop_limit"]);
export type OrderType = z.infer<typeof OrderTypeSchema>;

/** gtc: good till cancelled; day: expires at session end; ioc: fill what you can now; fok: all or nothing now. */
export const TimeInForceSchema = z.enum(["gtc", "day", "ioc", "fok"]);
export type TimeInForce = z.infer<typeof TimeInForceSchema>;

/**
 * Order status lifecycle:
 * `pending_new` (sent, not acknowledged) → `new` → `partially_filled` → `filled`, or
 * → `cancelled` / `rejected` / `expired` (terminal; whatever filled stays filled).
 * `unknown`: a submit whose outcome is not known yet (timeout after sending) — it must be looked
 * up by client order id before anything is resent.
 */
export const OrderStatusSchema = z.enum([
  "pending_new",
  "new",
  "partially_filled",
  "filled",
  "cancelled",
  "rejected",
  "expired",
  "unknown",
]);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** Terminal statuses: the order will never fill further. */
export const TERMINAL_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set([
  "filled",
  "cancelled",
  "rejected",
  "expired",
]);

/** True when the order can no longer fill. */
export function isTerminalOrderStatus(status: OrderStatus): boolean {
  return TERMINAL_ORDER_STATUSES.has(status);
}

const orderShape = {
  /** Idempotency key chosen by Quiver (see `makeClientOrderId`). */
  clientOrderId: IdSchema,
  strategyId: IdSchema,
  instrumentId: IdSchema,
  side: OrderSideSchema,
  /** Binary contracts only: the outcome traded. */
  outcome: OutcomeSchema.optional(),
  type: OrderTypeSchema,
  timeInForce: TimeInForceSchema.default("gtc"),
  quantity: PositiveDecimalSchema,
  /** Required for limit and stop_limit. In cents for binary contracts (price of the outcome traded). */
  limitPrice: PositiveDecimalSchema.optional(),
  /** Required for stop and stop_limit. */
  stopPrice: PositiveDecimalSchema.optional(),
  /** Only reduce an existing position, never open or flip. */
  reduceOnly: z.boolean().default(false),
  /** The signal that caused this order, for attribution. */
  signalId: IdSchema.optional(),
  metadata: MetadataSchema.default({}),
};

function checkPrices(
  o: { type: OrderType; limitPrice?: unknown; stopPrice?: unknown },
  ctx: z.RefinementCtx,
): void {
  if ((o.type === "limit" || o.type === "stop_limit") && o.limitPrice === undefined)
    ctx.addIssue({ code: "custom", path: ["limitPrice"], message: `is required for ${o.type} orders` });
  if ((o.type === "stop" || o.type === "stop_limit") && o.stopPrice === undefined)
    ctx.addIssue({ code: "custom", path: ["stopPrice"], message: `is required for ${o.type} orders` });
}

/** What a strategy's execution asks a broker to do. */
export const OrderRequestSchema = z.strictObject(orderShape).superRefine(checkPrices);
export type OrderRequest = z.output<typeof OrderRequestSchema>;
export type OrderRequestInput = z.input<typeof OrderRequestSchema>;

/** An order as known to a broker, with its current status and fill progress. */
export const OrderSchema = z
  .strictObject({
    ...orderShape,
    /** The venue's order id. */
    orderId: IdSchema,
    status: OrderStatusSchema,
    filledQuantity: NonNegativeDecimalSchema.prefault("0"),
    /** Volume-weighted price of this order's own fills, if any. */
    averageFillPrice: PositiveDecimalSchema.optional(),
    createdAt: EpochMsSchema,
    updatedAt: EpochMsSchema,
    /** Venue's reason for a rejection or cancel. */
    statusReason: z.string().max(500).optional(),
  })
  .superRefine((o, ctx) => {
    checkPrices(o, ctx);
    if (o.filledQuantity.greaterThan(o.quantity))
      ctx.addIssue({ code: "custom", path: ["filledQuantity"], message: "must not exceed quantity" });
  });
export type Order = z.output<typeof OrderSchema>;
export type OrderInput = z.input<typeof OrderSchema>;

/**
 * One execution. `tradeId` is the venue's execution id and the de-duplication key: the same
 * fill delivered twice (websocket + REST) must be applied once.
 */
export const FillSchema = z.strictObject({
  tradeId: IdSchema,
  orderId: IdSchema,
  clientOrderId: IdSchema.optional(),
  strategyId: IdSchema.optional(),
  instrumentId: IdSchema,
  side: OrderSideSchema,
  outcome: OutcomeSchema.optional(),
  quantity: PositiveDecimalSchema,
  /** Price of the outcome traded (cents for binary). */
  price: PositiveDecimalSchema,
  fee: NonNegativeDecimalSchema.prefault("0"),
  /** Currency of the fee (defaults to the instrument's quote currency). */
  feeCurrency: z.string().min(1).max(16).optional(),
  timestamp: EpochMsSchema,
  liquidity: z.enum(["maker", "taker"]).optional(),
});
export type Fill = z.output<typeof FillSchema>;
export type FillInput = z.input<typeof FillSchema>;

/** Signed quantity helper: buy is +1, sell is −1. */
export function sideSign(side: OrderSide): 1 | -1 {
  return side === "buy" ? 1 : -1;
}
