// Instrument: what can be traded, its units, increments and capabilities.
import { z } from "zod";
import { Decimal, HUNDRED } from "../decimal.js";
import { mulDecimals, roundToDecimalPlaces } from "../decimal-fast.js";
import { IdSchema, PositiveDecimalSchema } from "../schema.js";

/** spot (crypto pair), equity (shares/ETFs), or binary (yes/no contract priced 0–100 cents). */
export const InstrumentKindSchema = z.enum(["spot", "equity", "binary"]);
export type InstrumentKind = z.infer<typeof InstrumentKindSchema>;

/**
 * A tradable instrument. For `binary` instruments prices are cents (0–100) of the YES outcome
 * unless a field says otherwise, and one contract pays 100 cents (1 unit of quote currency).
 */
export const InstrumentSchema = z.strictObject({
  /** Canonical id used everywhere (e.g. "ETH/BTC", "NVDA", "KXBTC-25DEC31-T100"). */
  id: IdSchema,
  /** Venue symbol if it differs from `id`. */
  symbol: IdSchema.optional(),
  kind: InstrumentKindSchema,
  /** Base asset for exposure aggregation (e.g. "ETH" for ETH/BTC, "NVDA" for NVDA). */
  baseAsset: IdSchema,
  /** Currency prices are quoted in (e.g. "BTC", "USD"). */
  quoteCurrency: IdSchema,
  /** Smallest price increment (in cents for binary). */
  tickSize: PositiveDecimalSchema,
  /** Smallest quantity increment. */
  lotSize: PositiveDecimalSchema,
  /** Smallest order quantity (defaults to lotSize). */
  minQuantity: PositiveDecimalSchema.optional(),
  /** Risk category (seed 000 category limits), e.g. "crypto", "politics", "tech". */
  category: z.string().min(1).max(64).optional(),
  /** Whether short positions are allowed (default false). */
  shortable: z.boolean().default(false),
  /** Whether margin/leverage is allowed (default false). */
  marginable: z.boolean().default(false),
  /** Binary markets: settlement time (epoch ms), if known. */
  expiresAt: z.number().int().nonnegative().optional(),
});
export type Instrument = z.output<typeof InstrumentSchema>;
export type InstrumentInput = z.input<typeof InstrumentSchema>;

/**
 * Notional value, in the quote currency, of `quantity` at `price`. Binary prices are cents,
 * so 10 contracts at 40 are worth 4.00.
 */
export function notionalOf(instrument: Pick<Instrument, "kind">, quantity: Decimal, price: Decimal): Decimal {
  const n = mulDecimals(quantity, price);
  return instrument.kind === "binary" ? n.dividedBy(HUNDRED) : n;
}

/** {@link powerOfTenPlaces} per Decimal object (lot and tick sizes are few and long-lived). */
const placesOf = new WeakMap<Decimal, number>();

/**
 * Decimal places k of a lot or tick size that is exactly 10^−k with k ≥ 0 (1 → 0, 0.0001 → 4),
 * else −1 (10, 0.25, 0, negatives, NaN). For such a size, "a multiple of it" is "at most k decimal
 * places". Read from the plain text, so no Decimal is built (see the README on exponents).
 */
export function powerOfTenPlaces(size: Decimal): number {
  let k = placesOf.get(size);
  if (k === undefined) {
    const m = /^(?:1|0\.(0*)1)$/.exec(size.toFixed());
    k = m === null ? -1 : (m[1]?.length ?? -1) + 1;
    placesOf.set(size, k);
  }
  return k;
}

/**
 * Rounds a quantity down to the instrument's lot size (never up: never buy more than allowed);
 * like `dividedToIntegerBy`, it truncates toward zero.
 */
export function roundQuantityDown(instrument: Pick<Instrument, "lotSize">, quantity: Decimal): Decimal {
  const lot = instrument.lotSize;
  // Lots of 10^-k (most venues) are truncation to k places: one cheap op instead of a division.
  const places = powerOfTenPlaces(lot);
  if (places >= 0) return roundToDecimalPlaces(quantity, places, Decimal.ROUND_DOWN);
  return quantity.dividedToIntegerBy(lot).times(lot);
}

/** How {@link roundPriceToTick} rounds: to the nearest tick (halves to even), up or down. */
export type TickRounding = "nearest" | "up" | "down";

/**
 * Rounds a price to the instrument's tick: the nearest tick by default (halves to even), or up
 * (towards +∞) / down (towards −∞) — e.g. a simulated taker fill rounds against the taker: a buy
 * up, a sell down.
 */
export function roundPriceToTick(
  instrument: Pick<Instrument, "tickSize">,
  price: Decimal,
  mode: TickRounding = "nearest",
): Decimal {
  const tick = instrument.tickSize;
  const rounding =
    mode === "nearest" ? Decimal.ROUND_HALF_EVEN : mode === "up" ? Decimal.ROUND_CEIL : Decimal.ROUND_FLOOR;
  // Ticks of 10^-k are rounding to k places: one operation instead of a division and a product.
  const places = powerOfTenPlaces(tick);
  if (places >= 0) return roundToDecimalPlaces(price, places, rounding);
  return price.dividedBy(tick).toDecimalPlaces(0, rounding).times(tick);
}
