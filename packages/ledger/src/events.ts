// Ledger events: the log the ledger's state is folded from, their JSON form and their validation.
import {
  type Decimal,
  DecimalSchema,
  decimalSchema,
  type EntrySide,
  EntrySideSchema,
  EpochMsSchema,
  type Fill,
  FillSchema,
  IdSchema,
  InstrumentSchema,
  NonNegativeDecimalSchema,
  type Order,
  OrderSchema,
  PositiveDecimalSchema,
  PriceCentsSchema,
  StateCorruptError,
  StrategyEntrySchema,
  ValidationError,
  type ValidationIssue,
  toJsonValue,
  toValidationIssues,
} from "@quiver/core";
import { canonicalOrder } from "./internal/trusted-order.js";
import type { AdjustmentPriceSource } from "./types.js";

/** Fields every event has: a 1-based sequence number and the instant it describes (epoch ms). */
export interface LedgerEventBase {
  seq: number;
  at: number;
}

/** An order was registered (`recordOrder`). */
export interface OrderRecordedEvent extends LedgerEventBase {
  type: "order_recorded";
  order: Order;
  category?: string;
}

/** A known order changed status or quantity (`applyOrderUpdate`). */
export interface OrderUpdatedEvent extends LedgerEventBase {
  type: "order_updated";
  order: Order;
}

/** A fill was applied (`applyFill`). `unattributed`: its order was unknown (booked as manual). */
export interface FillAppliedEvent extends LedgerEventBase {
  type: "fill_applied";
  fill: Fill;
  closeEntryIds?: string[];
  unattributed: boolean;
}

/** A binary market settled at a YES price (`settle`). */
export interface SettlementEvent extends LedgerEventBase {
  type: "settlement";
  instrumentId: string;
  yesPriceCents: Decimal;
}

/** Kinds of reconciliation adjustment (core's `ReconcileReport` vocabulary). */
export type AdjustmentKind =
  | "external_close"
  | "external_partial_close"
  | "manual_position"
  | "manual_change";

/**
 * An explicit change found by reconciliation: closes of named entries (external closes) or a
 * new manual entry. `price` is the outcome price used (cents for binary); null means each
 * closed entry's own entry price. `cashEffect` false books the value as a contribution.
 */
export interface AdjustmentEvent extends LedgerEventBase {
  type: "adjustment";
  kind: AdjustmentKind;
  instrumentId: string;
  side: EntrySide;
  quantity: Decimal;
  price: Decimal | null;
  priceSource: AdjustmentPriceSource;
  closes: Array<{ entryId: string; quantity: Decimal }>;
  /** The manual entry opened (manual_position / manual_change), else null. */
  entryId: string | null;
  cashEffect: boolean;
  note: string;
}

/** Cash moved without a trade (deposit, withdrawal, correction to the broker's figure). */
export interface CashAdjustmentEvent extends LedgerEventBase {
  type: "cash_adjustment";
  amount: Decimal;
  reason: string;
}

/** Marks were recorded and an equity snapshot taken (`recordEquity`). */
export interface MarksRecordedEvent extends LedgerEventBase {
  type: "marks_recorded";
  marks: Array<{ instrumentId: string; price: Decimal }>;
  equity: Decimal;
}

/** The outcome of one reconciliation: sets or clears the drift flag. */
export interface ReconciledEvent extends LedgerEventBase {
  type: "reconciled";
  drift: boolean;
  mismatches: Array<{
    instrumentId: string;
    ledgerQuantity: Decimal;
    brokerQuantity: Decimal;
    detail: string;
  }>;
  unverified: string[];
}

/** Every event the ledger folds. */
export type LedgerEvent =
  | OrderRecordedEvent
  | OrderUpdatedEvent
  | FillAppliedEvent
  | SettlementEvent
  | AdjustmentEvent
  | CashAdjustmentEvent
  | MarksRecordedEvent
  | ReconciledEvent;

/** Names of all event types. */
export type LedgerEventType = LedgerEvent["type"];

/** JSON form of an event: decimals are strings, `type` names the variant. */
export interface LedgerEventJson {
  type: LedgerEventType;
  seq: number;
  at: number;
  [field: string]: unknown;
}

/**
 * The JSON-safe form of an event (decimal strings), ready for a StateStore journal. An order's
 * keys come in `OrderSchema` order whatever the order object's own key order (the ledger may
 * keep a trusted caller's order as is), so the JSON of an event never depends on who built it.
 */
export function serializeLedgerEvent(event: LedgerEvent): LedgerEventJson {
  if (event.type === "order_recorded" || event.type === "order_updated")
    return toJsonValue({ ...event, order: canonicalOrder(event.order) }) as LedgerEventJson;
  return toJsonValue(event) as LedgerEventJson;
}

// zod building blocks derived from core's schemas (the ledger has no direct zod dependency).
const obj = FillSchema.pick({});
const text = StrategyEntrySchema.shape.category.unwrap();
const bool = InstrumentSchema.shape.shortable.unwrap();
const oneOf = <T extends string>(values: readonly T[]) =>
  text.refine((v) => (values as readonly string[]).includes(v), {
    message: `must be one of ${values.join(", ")}`,
  });
const base = {
  type: text,
  seq: EpochMsSchema.refine((n) => n >= 1, { message: "must be ≥ 1" }),
  at: EpochMsSchema,
};

const ADJUSTMENT_KINDS = [
  "external_close",
  "external_partial_close",
  "manual_position",
  "manual_change",
] as const;
const PRICE_SOURCES = ["broker", "prices", "mark", "entry"] as const;

const schemas = {
  order_recorded: obj.extend({ ...base, order: OrderSchema, category: text.optional() }),
  order_updated: obj.extend({ ...base, order: OrderSchema }),
  fill_applied: obj.extend({
    ...base,
    fill: FillSchema,
    closeEntryIds: IdSchema.array().optional(),
    unattributed: bool,
  }),
  settlement: obj.extend({ ...base, instrumentId: IdSchema, yesPriceCents: PriceCentsSchema }),
  adjustment: obj.extend({
    ...base,
    kind: oneOf(ADJUSTMENT_KINDS),
    instrumentId: IdSchema,
    side: EntrySideSchema,
    quantity: PositiveDecimalSchema,
    price: NonNegativeDecimalSchema.nullable(),
    priceSource: oneOf(PRICE_SOURCES),
    closes: obj.extend({ entryId: IdSchema, quantity: PositiveDecimalSchema }).array(),
    entryId: IdSchema.nullable(),
    cashEffect: bool,
    note: text,
  }),
  cash_adjustment: obj.extend({ ...base, amount: DecimalSchema, reason: text }),
  marks_recorded: obj.extend({
    ...base,
    marks: obj.extend({ instrumentId: IdSchema, price: NonNegativeDecimalSchema }).array(),
    // Computed equity keeps all 40 significant digits.
    equity: decimalSchema({ maxDecimalPlaces: 120 }),
  }),
  reconciled: obj.extend({
    ...base,
    drift: bool,
    mismatches: obj
      .extend({
        instrumentId: IdSchema,
        ledgerQuantity: DecimalSchema,
        brokerQuantity: DecimalSchema,
        detail: text,
      })
      .array(),
    unverified: IdSchema.array(),
  }),
} as const;

/**
 * Validates one JSON event and converts it to its in-memory form.
 *
 * @param path prefix of field paths in errors, e.g. `events[3]`.
 * @throws ValidationError naming every offending field (`events[3].fill.price: …`).
 */
export function parseLedgerEvent(input: unknown, path = "event"): LedgerEvent {
  const issues = (list: ValidationIssue[]) =>
    new ValidationError(
      "ledger event",
      list.map((i) => ({ path: i.path ? `${path}.${i.path}` : path, message: i.message })),
    );
  if (typeof input !== "object" || input === null || Array.isArray(input))
    throw issues([{ path: "", message: "must be an object" }]);
  const type = (input as { type?: unknown }).type;
  if (typeof type !== "string" || !Object.hasOwn(schemas, type))
    throw issues([
      { path: "type", message: `must be one of ${Object.keys(schemas).join(", ")}, got ${String(type)}` },
    ]);
  const schema = schemas[type as LedgerEventType];
  const r = schema.safeParse(input);
  if (!r.success) throw issues(toValidationIssues(r.error));
  return r.data as LedgerEvent;
}

/**
 * Validates a whole log: every event well-formed and sequence numbers consecutive from
 * `afterSeq + 1`.
 * @throws ValidationError for a malformed event, StateCorruptError for a sequence gap.
 */
export function parseLedgerEvents(inputs: readonly unknown[], afterSeq = 0): LedgerEvent[] {
  const out: LedgerEvent[] = [];
  let expected = afterSeq + 1;
  for (const [i, input] of inputs.entries()) {
    const ev = parseLedgerEvent(input, `events[${i}]`);
    if (ev.seq !== expected)
      throw new StateCorruptError(`Ledger event log: events[${i}].seq is ${ev.seq}, expected ${expected}`, {
        details: { index: i, seq: ev.seq, expected },
      });
    expected++;
    out.push(ev);
  }
  return out;
}
