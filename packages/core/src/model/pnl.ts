// Per-strategy P&L summary computed from individual entries (seed 000 §2).
import { z } from "zod";
import { DecimalSchema, IdSchema, NonNegativeDecimalSchema } from "../schema.js";

/**
 * `computeStrategyPnl` output: all money in the account currency, computed entry by entry —
 * never from an average price. `roiPct` = net / cost basis × 100 (0 when cost basis is 0).
 */
export const StrategyPnlSchema = z.strictObject({
  strategy: IdSchema,
  totalContracts: NonNegativeDecimalSchema,
  totalCostBasis: NonNegativeDecimalSchema,
  realizedPnl: DecimalSchema,
  unrealizedPnl: DecimalSchema,
  netPnl: DecimalSchema,
  fees: NonNegativeDecimalSchema.prefault("0"),
  entryCount: z.number().int().nonnegative(),
  roiPct: DecimalSchema,
});
export type StrategyPnl = z.output<typeof StrategyPnlSchema>;
export type StrategyPnlInput = z.input<typeof StrategyPnlSchema>;
