// Bar: one OHLCV candle of a timeframe, with its open/close times and whether it has closed.
import { z } from "zod";
import { EpochMsSchema, IdSchema, TimeframeSchema } from "../schema.js";

const price = z.number().finite().nonnegative();

/**
 * One OHLCV bar. Prices are `number`: market data drives indicators, while money of record
 * (fills, cash, P&L) is always Decimal. `closeTime` is the exclusive end (open + timeframe).
 */
export const BarSchema = z
  .strictObject({
    instrumentId: IdSchema,
    timeframe: TimeframeSchema,
    openTime: EpochMsSchema,
    closeTime: EpochMsSchema,
    open: price,
    high: price,
    low: price,
    close: price,
    volume: z.number().finite().nonnegative(),
    /** False while the bar is still forming; strategies only ever see closed bars. */
    closed: z.boolean().default(true),
  })
  .superRefine((b, ctx) => {
    if (b.closeTime <= b.openTime)
      ctx.addIssue({ code: "custom", path: ["closeTime"], message: "must be after openTime" });
    if (b.high < Math.max(b.open, b.close, b.low))
      ctx.addIssue({ code: "custom", path: ["high"], message: "must be ≥ open, close and low" });
    if (b.low > Math.min(b.open, b.close))
      ctx.addIssue({ code: "custom", path: ["low"], message: "must be ≤ open and close" });
  });
export type Bar = z.output<typeof BarSchema>;
export type BarInput = z.input<typeof BarSchema>;
