// Internal helpers of the ledger: option resolution, input checks, allocation, entry copies.
import {
  assertTimeZone,
  type Decimal,
  type EntrySide,
  type EntryStatus,
  type Instrument,
  isDecimal,
  LedgerError,
  type Logger,
  noopLogger,
  parseDecimal,
  parseTimeOfDay,
  type StrategyEntry,
  ValidationError,
} from "@quiver/core";
import type { EquitySnapshot, ExitPolicy, LedgerOptions } from "../types.js";
import { cmp } from "./exact.js";
import type { EntryRecord, OrderRec } from "./state.js";

/** Options after defaults and validation. */
export interface Resolved {
  currency: string;
  initialCash: Decimal;
  exitPolicy: ExitPolicy;
  timeZone: string;
  dayStartTime: string;
  dayHour: number;
  dayMinute: number;
  retainEvents: boolean;
  logger: Logger;
  lookup: (id: string) => Instrument | undefined;
  /** `validation: "trusted"`: parsed orders skip zod after a fast check. */
  trustedOrders: boolean;
}

export const NO_EXITS: never[] = [];
export const OPEN_SIDES: readonly EntrySide[] = ["long", "short", "yes", "no"];

export function fail(
  what: string,
  field: string,
  message: string,
  details: Record<string, unknown> = {},
): never {
  throw new ValidationError(what, [{ path: field, message }], { details });
}

export function ledgerError(message: string, field: string, details: Record<string, unknown> = {}): never {
  throw new LedgerError(message, { details: { field, ...details } });
}

export function isLongLike(side: EntrySide): boolean {
  return side !== "short";
}

/**
 * Pro-rata allocations (a slice's share of cost and fees) are rounded to this many decimal
 * places, half-even; the remainder stays on the entry, so totals are conserved exactly and
 * every book value keeps a bounded scale (sums stay exact within 40 significant digits).
 */
export const ALLOCATION_DP = 18;

/** `total × part / whole`, rounded to {@link ALLOCATION_DP} places and never above `total`. */
export function allocate(total: Decimal, part: Decimal, whole: Decimal): Decimal {
  const share = total.times(part).dividedBy(whole).toDecimalPlaces(ALLOCATION_DP);
  return cmp(share, total) > 0 ? total : share;
}

export function minDec(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}

/**
 * A finite Decimal ≥ 0 (`positive`: > 0; `max`: ≤ max), else a ValidationError naming `field`.
 * Plain parameters rather than an options object: fills call it three times each.
 */
export function checkDecimal(
  value: unknown,
  field: string,
  what: string,
  positive = false,
  max?: Decimal,
): Decimal {
  if (!isDecimal(value) || !value.isFinite()) fail(what, field, "must be a finite Decimal");
  if (value.isNegative() && !value.isZero())
    fail(what, field, `must not be negative, got ${value.toFixed()}`);
  if (positive && value.isZero()) fail(what, field, "must be greater than 0");
  if (max !== undefined && value.greaterThan(max))
    fail(what, field, `must be ≤ ${max.toFixed()}, got ${value.toFixed()}`);
  return value;
}

export function checkAt(value: unknown, field: string, what: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0)
    fail(what, field, "must be epoch milliseconds (a non-negative integer)");
  return value;
}

export function resolveLookup(
  instruments: LedgerOptions["instruments"],
): (id: string) => Instrument | undefined {
  if (typeof instruments === "function") return instruments;
  if (instruments instanceof Map) return (id) => instruments.get(id);
  const map = new Map<string, Instrument>();
  for (const i of instruments as readonly Instrument[]) map.set(i.id, i);
  return (id) => map.get(id);
}

export function resolveOptions(options: LedgerOptions): Resolved {
  if (typeof options !== "object" || options === null) fail("ledger options", "options", "must be an object");
  const initialCash = parseDecimal(
    isDecimal(options.initialCash) ? options.initialCash.toFixed() : options.initialCash,
    "options.initialCash",
  );
  if (typeof options.currency !== "string" || options.currency.length === 0 || options.currency.length > 16)
    fail("ledger options", "options.currency", "must be a currency code of 1–16 characters");
  const exitPolicy = options.exitPolicy ?? "fifo";
  if (exitPolicy !== "fifo" && exitPolicy !== "lifo")
    fail("ledger options", "options.exitPolicy", 'must be "fifo" or "lifo"');
  const timeZone = options.timeZone ?? "UTC";
  assertTimeZone(timeZone, "options.timeZone");
  const dayStartTime = options.dayStartTime ?? "00:00";
  const { hour, minute } = parseTimeOfDay(dayStartTime, "options.dayStartTime");
  if (options.instruments === undefined || options.instruments === null)
    fail("ledger options", "options.instruments", "is required (array, map or lookup function)");
  const validation = options.validation ?? "full";
  if (validation !== "full" && validation !== "trusted")
    fail("ledger options", "options.validation", 'must be "full" or "trusted"');
  return {
    currency: options.currency,
    initialCash,
    exitPolicy,
    timeZone,
    dayStartTime,
    dayHour: hour,
    dayMinute: minute,
    retainEvents: options.retainEvents ?? true,
    logger: options.logger ?? noopLogger,
    lookup: resolveLookup(options.instruments),
    trustedOrders: validation === "trusted",
  };
}

/** Keys of the public entry after its optional ones, in schema order. */
const TAIL_KEYS = [
  "status",
  "orderedQuantity",
  "filledQuantity",
  "openQuantity",
  "closedQuantity",
  "entryPrice",
  "costBasis",
  "entryFees",
  "realizedPnl",
  "createdAt",
  "updatedAt",
  "filledAt",
  "closedAt",
  "settlementPrice",
  "settledAt",
  "parentEntryId",
] as const;

/**
 * Per combination of present optional keys (bit 1 clientOrderId, 2 category, 4 signalId): an
 * object with exactly the public entry's keys, in schema order, and placeholder values.
 */
const ENTRY_TEMPLATES: StrategyEntry[] = [];

function entryTemplate(mask: number): StrategyEntry {
  const keys = ["entryId", "orderId"];
  if (mask & 1) keys.push("clientOrderId");
  keys.push("strategyId", "instrumentId", "side");
  if (mask & 2) keys.push("category");
  if (mask & 4) keys.push("signalId");
  keys.push(...TAIL_KEYS);
  // JSON.parse builds a compact object with its keys in order (added one by one, they would land
  // in a separate, repeatedly grown property store, which every spread copy would inherit).
  const t = JSON.parse(`{${keys.map((k) => `"${k}":null`).join(",")}}`) as StrategyEntry;
  ENTRY_TEMPLATES[mask] = t;
  return t;
}

/**
 * A copy of an entry with its keys in schema order (stable JSON) and without absent optional keys.
 * It starts as a spread of the template with exactly its keys (one fixed-shape object) and then
 * only overwrites values: assembling it key by key allocates about three times as much.
 */
export function copyEntry(e: EntryRecord | StrategyEntry): StrategyEntry {
  const mask =
    (e.clientOrderId === undefined ? 0 : 1) |
    (e.category === undefined ? 0 : 2) |
    (e.signalId === undefined ? 0 : 4);
  const c = { ...(ENTRY_TEMPLATES[mask] ?? entryTemplate(mask)) };
  c.entryId = e.entryId;
  c.orderId = e.orderId;
  if (e.clientOrderId !== undefined) c.clientOrderId = e.clientOrderId;
  c.strategyId = e.strategyId;
  c.instrumentId = e.instrumentId;
  c.side = e.side;
  if (e.category !== undefined) c.category = e.category;
  if (e.signalId !== undefined) c.signalId = e.signalId;
  c.status = e.status;
  c.orderedQuantity = e.orderedQuantity;
  c.filledQuantity = e.filledQuantity;
  c.openQuantity = e.openQuantity;
  c.closedQuantity = e.closedQuantity;
  c.entryPrice = e.entryPrice;
  c.costBasis = e.costBasis;
  c.entryFees = e.entryFees;
  c.realizedPnl = e.realizedPnl;
  c.createdAt = e.createdAt;
  c.updatedAt = e.updatedAt;
  c.filledAt = e.filledAt;
  c.closedAt = e.closedAt;
  c.settlementPrice = e.settlementPrice;
  c.settledAt = e.settledAt;
  c.parentEntryId = e.parentEntryId;
  return c;
}

/** The ledger's fixed-shape record of a public entry (see {@link EntryRecord}). */
export function toEntryRecord(e: StrategyEntry): EntryRecord {
  return {
    entryId: e.entryId,
    orderId: e.orderId,
    clientOrderId: e.clientOrderId,
    strategyId: e.strategyId,
    instrumentId: e.instrumentId,
    side: e.side,
    category: e.category,
    signalId: e.signalId,
    status: e.status,
    orderedQuantity: e.orderedQuantity,
    filledQuantity: e.filledQuantity,
    openQuantity: e.openQuantity,
    closedQuantity: e.closedQuantity,
    entryPrice: e.entryPrice,
    costBasis: e.costBasis,
    entryFees: e.entryFees,
    realizedPnl: e.realizedPnl,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    filledAt: e.filledAt,
    closedAt: e.closedAt,
    settlementPrice: e.settlementPrice,
    settledAt: e.settledAt,
    parentEntryId: e.parentEntryId,
  };
}

/** Entry status from its order: terminal cancel/reject/expire keep what filled; otherwise by the ledger's fills. */
export function statusOf(rec: OrderRec): EntryStatus {
  if (cmp(rec.filled, rec.order.quantity) >= 0) return "filled";
  const st = rec.order.status;
  if (st === "cancelled" || st === "rejected" || st === "expired") return st;
  return rec.filled.isZero() ? "pending" : "partial";
}

/** First index whose `at` ≥ `at` (snapshots are in time order). */
export function lowerBound(list: readonly EquitySnapshot[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
