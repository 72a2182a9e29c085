// StrategyEntry: one order's own position record, never blended with any other (seed 000 §1.1).
import { z } from "zod";
import {
  DecimalSchema,
  EpochMsSchema,
  IdSchema,
  NonNegativeDecimalSchema,
  PriceCentsSchema,
} from "../schema.js";

/** long/short for spot and equities; yes/no for binary contracts. */
export const EntrySideSchema = z.enum(["long", "short", "yes", "no"]);
export type EntrySide = z.infer<typeof EntrySideSchema>;

/** Fill lifecycle of the order behind an entry. Cancelled/rejected/expired keep what had filled. */
export const EntryStatusSchema = z.enum(["pending", "partial", "filled", "cancelled", "rejected", "expired"]);
export type EntryStatus = z.infer<typeof EntryStatusSchema>;

/**
 * One order's entry. `entryPrice` is the volume-weighted price of THIS entry's own fills and is
 * never averaged with any other entry. Quantities: `filledQuantity` = what was bought/sold to
 * open, `openQuantity` = what is still held, `closedQuantity` = what exits/settlement closed.
 * Binary prices are cents of the outcome held (a NO entry bought at 40 has entryPrice 40).
 */
export const StrategyEntrySchema = z.strictObject({
  /** `${strategyId}:${orderId}`; slices split off by a partial exit append `#n`. */
  entryId: IdSchema,
  orderId: IdSchema,
  clientOrderId: IdSchema.optional(),
  /** Strategy that owns it; "manual" entries come from reconciliation. */
  strategyId: IdSchema,
  instrumentId: IdSchema,
  side: EntrySideSchema,
  category: z.string().optional(),
  signalId: IdSchema.optional(),
  status: EntryStatusSchema,
  orderedQuantity: NonNegativeDecimalSchema,
  filledQuantity: NonNegativeDecimalSchema,
  openQuantity: NonNegativeDecimalSchema,
  closedQuantity: NonNegativeDecimalSchema,
  /** VWAP of this entry's own opening fills; null until the first fill. */
  entryPrice: NonNegativeDecimalSchema.nullable(),
  /** Σ fill qty × price of the opening fills, in the account currency. */
  costBasis: NonNegativeDecimalSchema,
  /** Fees paid on the opening fills not yet allocated to closed slices. */
  entryFees: NonNegativeDecimalSchema,
  /** Realized P&L booked on this entry so far (net of allocated fees). */
  realizedPnl: DecimalSchema,
  createdAt: EpochMsSchema,
  updatedAt: EpochMsSchema,
  filledAt: EpochMsSchema.nullable(),
  closedAt: EpochMsSchema.nullable(),
  /** Binary settlement price of the YES outcome (0 or 100 usually), once settled. */
  settlementPrice: PriceCentsSchema.nullable(),
  settledAt: EpochMsSchema.nullable(),
  /** When this entry is a slice split off another by a partial exit. */
  parentEntryId: IdSchema.nullable(),
});
export type StrategyEntry = z.output<typeof StrategyEntrySchema>;
export type StrategyEntryInput = z.input<typeof StrategyEntrySchema>;

/** Strategy id used for positions no strategy owns (seed 002 §5.5). */
export const MANUAL_STRATEGY_ID = "manual";
