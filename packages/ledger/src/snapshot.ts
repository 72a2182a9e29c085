// JSON snapshot of the ledger's whole state and its validation.
import {
  decimalSchema,
  EntrySideSchema,
  EpochMsSchema,
  FillSchema,
  IdSchema,
  InstrumentSchema,
  OrderSchema,
  StrategyEntrySchema,
  ValidationError,
  toValidationIssues,
} from "@quiver/core";

const obj = FillSchema.pick({});
const text = StrategyEntrySchema.shape.category.unwrap();
const bool = InstrumentSchema.shape.shortable.unwrap();
const count = EpochMsSchema;
// Derived money (VWAP, pro-rata slices, P&L) keeps all 40 significant digits (up to 120 places for tiny values), beyond the 18
// decimal places core allows on input: a snapshot must round-trip exactly what was computed.
const DecimalSchema = decimalSchema({ maxDecimalPlaces: 120 });
const NonNegativeDecimalSchema = decimalSchema({ min: 0, maxDecimalPlaces: 120 });
const PositiveDecimalSchema = decimalSchema({ min: 0, nonZero: true, maxDecimalPlaces: 120 });

/** Current snapshot format version. */
export const LEDGER_SNAPSHOT_VERSION = 1;

/** Schema of a ledger snapshot (JSON with decimal strings). Unknown keys are refused. */
export const LedgerSnapshotSchema = obj.extend({
  format: text.refine((v) => v === "quiver.ledger", { message: 'must be "quiver.ledger"' }),
  version: count.refine((v) => v === LEDGER_SNAPSHOT_VERSION, {
    message: `must be ${LEDGER_SNAPSHOT_VERSION}`,
  }),
  seq: count,
  currency: text,
  initialCash: DecimalSchema,
  cash: DecimalSchema,
  contributions: DecimalSchema,
  exitPolicy: text.refine((v) => v === "fifo" || v === "lifo", { message: 'must be "fifo" or "lifo"' }),
  timeZone: text,
  dayStartTime: text,
  nextEntrySeq: count,
  nextRank: count,
  entries: StrategyEntrySchema.extend({
    orderedQuantity: NonNegativeDecimalSchema,
    filledQuantity: NonNegativeDecimalSchema,
    openQuantity: NonNegativeDecimalSchema,
    closedQuantity: NonNegativeDecimalSchema,
    entryPrice: NonNegativeDecimalSchema.nullable(),
    costBasis: NonNegativeDecimalSchema,
    entryFees: NonNegativeDecimalSchema,
    realizedPnl: DecimalSchema,
    openCostBasis: NonNegativeDecimalSchema,
    seq: count,
    rank: count,
    unattributed: bool,
    sliceCount: count,
  }).array(),
  orders: obj
    .extend({ order: OrderSchema, category: text.optional(), filledQuantity: NonNegativeDecimalSchema })
    .array(),
  tradeIds: IdSchema.array(),
  unattributed: obj
    .extend({
      tradeId: IdSchema,
      orderId: IdSchema,
      instrumentId: IdSchema,
      entryId: IdSchema.nullable(),
      at: EpochMsSchema,
    })
    .array(),
  slices: obj
    .extend({
      sliceId: text,
      entryId: IdSchema,
      strategyId: IdSchema,
      instrumentId: IdSchema,
      side: EntrySideSchema,
      quantity: PositiveDecimalSchema,
      entryPrice: NonNegativeDecimalSchema,
      exitPrice: NonNegativeDecimalSchema,
      fees: NonNegativeDecimalSchema,
      realizedPnl: DecimalSchema,
      reason: text.refine((v) => ["exit", "settlement", "external", "adjustment"].includes(v), {
        message: "must be exit, settlement, external or adjustment",
      }),
      at: EpochMsSchema,
    })
    .array(),
  lastMarks: obj.extend({ instrumentId: IdSchema, price: NonNegativeDecimalSchema }).array(),
  equity: obj.extend({ at: EpochMsSchema, equity: DecimalSchema, cash: DecimalSchema }).array(),
  drift: obj.extend({
    flag: bool,
    at: EpochMsSchema.nullable(),
    mismatches: obj
      .extend({
        instrumentId: IdSchema,
        ledgerQuantity: DecimalSchema,
        brokerQuantity: DecimalSchema,
        detail: text,
      })
      .array(),
  }),
});

/** A parsed snapshot (decimals as Decimal). */
export type ParsedLedgerSnapshot = ReturnType<typeof LedgerSnapshotSchema.parse>;

/** JSON form of a snapshot, as `snapshot()` returns it: plain data with decimal strings. */
export interface LedgerSnapshot {
  format: "quiver.ledger";
  version: number;
  seq: number;
  [field: string]: unknown;
}

/**
 * Validates a snapshot.
 * @throws ValidationError naming every offending field (`snapshot.entries[2].openQuantity: …`).
 */
export function parseLedgerSnapshot(input: unknown): ParsedLedgerSnapshot {
  const r = LedgerSnapshotSchema.safeParse(input);
  if (!r.success)
    throw new ValidationError(
      "ledger snapshot",
      toValidationIssues(r.error).map((i) => ({
        path: i.path ? `snapshot.${i.path}` : "snapshot",
        message: i.message,
      })),
    );
  return r.data;
}
