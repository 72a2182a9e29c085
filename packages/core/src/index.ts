// @quiver/core: domain types, zod schemas, ports, errors and events shared by every Quiver package.
export {
  Decimal,
  dec,
  isDecimal,
  parseDecimal,
  toWire,
  tryParseDecimal,
  ZERO,
  ONE,
  HUNDRED,
} from "./decimal.js";
export type { DecimalInput, DecimalParseOptions, DecimalParseResult } from "./decimal.js";
export { decimalFromNumber, decimalToNumber } from "./decimal-number.js";
export { sharedEmpty } from "./shared-empty.js";
export {
  addDecimals,
  decimalFromShortNumber,
  decimalToPlainString,
  isCanonicalDecimal,
  isExactProduct,
  subDecimals,
  mulDecimals,
  roundToDecimalPlaces,
  compareDecimals,
  decimalsEqual,
  isGreaterThan,
  isGreaterThanOrEqual,
  isLessThan,
  isLessThanOrEqual,
} from "./decimal-fast.js";
export type { DecimalRounding } from "./decimal-fast.js";
export {
  QuiverError,
  ValidationError,
  ConfigError,
  RiskBlockedError,
  BrokerError,
  StateCorruptError,
  LockTimeoutError,
  LedgerError,
  LiveTradingDisabledError,
  NotFoundError,
  InvalidStateError,
} from "./errors.js";
export type { QuiverErrorCode, QuiverErrorOptions, ValidationIssue, BrokerErrorOptions } from "./errors.js";
export {
  decimalSchema,
  DecimalSchema,
  NonNegativeDecimalSchema,
  PositiveDecimalSchema,
  PriceCentsSchema,
  EpochMsSchema,
  IdSchema,
  TimeframeSchema,
  ConfidenceSchema,
  MetadataSchema,
  toValidationIssues,
  formatPath,
  parseWith,
} from "./schema.js";
export {
  parseTimeframe,
  isTimeframe,
  timeframeMs,
  barOpenTime,
  barCloseTime,
  nextBarClose,
  isBarBoundary,
} from "./time/timeframe.js";
export type { Timeframe, TimeframeSpec, TimeframeUnit } from "./time/timeframe.js";
export {
  zonedParts,
  zoneOffsetMs,
  zonedTimeToUtc,
  startOfZonedDay,
  zonedDayKey,
  parseTimeOfDay,
  nextZonedTimeOfDay,
  assertTimeZone,
} from "./time/zoned.js";
export type { ZonedParts, NextTimeOfDayOptions } from "./time/zoned.js";
export {
  InstrumentSchema,
  InstrumentKindSchema,
  notionalOf,
  powerOfTenPlaces,
  roundQuantityDown,
  roundPriceToTick,
} from "./model/instrument.js";
export type { Instrument, InstrumentInput, InstrumentKind, TickRounding } from "./model/instrument.js";
export { BarSchema } from "./model/bar.js";
export type { Bar, BarInput } from "./model/bar.js";
export {
  OrderSideSchema,
  OutcomeSchema,
  OrderTypeSchema,
  TimeInForceSchema,
  OrderStatusSchema,
  OrderRequestSchema,
  OrderSchema,
  FillSchema,
  TERMINAL_ORDER_STATUSES,
  isTerminalOrderStatus,
  sideSign,
} from "./model/order.js";
export type {
  OrderSide,
  Outcome,
  OrderType,
  TimeInForce,
  OrderStatus,
  OrderRequest,
  OrderRequestInput,
  Order,
  OrderInput,
  Fill,
  FillInput,
} from "./model/order.js";
export {
  ORDER_REQUEST_KEYS,
  ORDER_KEYS,
  ORDER_TYPES,
  TIMES_IN_FORCE,
  ORDER_STATUSES,
  isValidId,
  isBoundedDecimal,
  isPlainRecord,
} from "./model/order-guards.js";
export { PositionSchema, AccountSnapshotSchema } from "./model/account.js";
export type { Position, PositionInput, AccountSnapshot, AccountSnapshotInput } from "./model/account.js";
export { StrategyPnlSchema } from "./model/pnl.js";
export type { StrategyPnl, StrategyPnlInput } from "./model/pnl.js";
export {
  IntentSideSchema,
  IntentTypeSchema,
  StrategyIntentSchema,
  SKIP_REASONS,
  StrategySignalSchema,
  ConsensusEventSchema,
  StrategyStatusSchema,
  StrategyStateSchema,
  DecisionRecordSchema,
} from "./model/strategy.js";
export type {
  IntentSide,
  IntentType,
  StrategyIntent,
  StrategyIntentInput,
  KnownSkipReason,
  StrategySignal,
  StrategySignalInput,
  ConsensusEvent,
  StrategyStatus,
  StrategyState,
  StrategyStateInput,
  DecisionRecord,
  DecisionRecordInput,
} from "./model/strategy.js";
export {
  EntrySideSchema,
  EntryStatusSchema,
  StrategyEntrySchema,
  MANUAL_STRATEGY_ID,
} from "./model/entry.js";
export type { EntrySide, EntryStatus, StrategyEntry, StrategyEntryInput } from "./model/entry.js";
export {
  ActionTypeSchema,
  RiskAdjustedActionSchema,
  RiskEventSchema,
  ExecutionPlanSchema,
  RiskStatusSchema,
  RiskCheckResultSchema,
  RiskPositionSchema,
  PendingExposureSchema,
  RiskContextSchema,
} from "./model/risk.js";
export type {
  ActionType,
  RiskAdjustedAction,
  RiskAdjustedActionInput,
  RiskEvent,
  ExecutionPlan,
  ExecutionPlanInput,
  RiskStatus,
  RiskStatusInput,
  RiskCheckResult,
  RiskPosition,
  RiskPositionInput,
  PendingExposure,
  RiskContext,
  RiskContextInput,
} from "./model/risk.js";
export { NO_CAPABILITIES } from "./ports/broker.js";
export type {
  Broker,
  BrokerCapabilities,
  BrokerEventMap,
  MaybePromise,
  OrderLookup,
} from "./ports/broker.js";
export type { MarketDataFeed, Subscription, DataStreamStatus } from "./ports/market-data-feed.js";
export type { Clock, TimerHandle } from "./ports/clock.js";
export type { StateStore, StoredRecord, StoredSnapshot } from "./ports/state-store.js";
export type { ExecutionLock, LockLease, AcquireOptions } from "./ports/execution-lock.js";
export { noopLogger, redact, createJsonLogger } from "./ports/logger.js";
export type { Logger, LogFields } from "./ports/logger.js";
export type {
  Ledger,
  EntryFilter,
  PositionSummary,
  ExitSlice,
  ApplyFillResult,
  ReconcileReport,
} from "./contracts/ledger.js";
export type { RiskEngine, RiskCheckRequest } from "./contracts/risk-engine.js";
export type {
  Strategy,
  StrategyContext,
  StrategyPositionView,
  StrategyIntentDraft,
} from "./contracts/strategy.js";
export { QuiverEmitter, createEmitter } from "./events.js";
export type { QuiverEventMap } from "./events.js";
export { makeClientOrderId, makeSignalId, makeEntryId, fnv1a64, hex64, integerText } from "./ids.js";
export { assertNoPrototypeKeys, parseConfigText, loadConfig, validateConfig } from "./config.js";
export { VirtualClock } from "./clock/virtual-clock.js";
export { SystemClock } from "./clock/system-clock.js";
export { toJsonValue } from "./json.js";
