// Positions and account snapshots as a broker reports them.
import { z } from "zod";
import {
  DecimalSchema,
  EpochMsSchema,
  IdSchema,
  NonNegativeDecimalSchema,
  PositiveDecimalSchema,
} from "../schema.js";
import { OutcomeSchema } from "./order.js";

/**
 * A position as a venue reports it: signed quantity (negative = short). For binary contracts,
 * one position per outcome, quantity ≥ 0. `strategyId` is set only when the venue carries a
 * strategy tag; otherwise the ledger attributes positions.
 */
export const PositionSchema = z.strictObject({
  instrumentId: IdSchema,
  quantity: DecimalSchema,
  outcome: OutcomeSchema.optional(),
  averagePrice: PositiveDecimalSchema.optional(),
  marketPrice: NonNegativeDecimalSchema.optional(),
  strategyId: IdSchema.optional(),
});
export type Position = z.output<typeof PositionSchema>;
export type PositionInput = z.input<typeof PositionSchema>;

/** The account as a broker reports it at one instant. */
export const AccountSnapshotSchema = z.strictObject({
  timestamp: EpochMsSchema,
  /** Account currency (e.g. "USD", "BTC"). */
  currency: z.string().min(1).max(16),
  cash: DecimalSchema,
  equity: DecimalSchema,
  buyingPower: DecimalSchema,
  positions: z.array(PositionSchema).default([]),
});
export type AccountSnapshot = z.output<typeof AccountSnapshotSchema>;
export type AccountSnapshotInput = z.input<typeof AccountSnapshotSchema>;
