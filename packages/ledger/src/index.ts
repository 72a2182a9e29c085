// @quiver/ledger: the per-entry, event-sourced book of record — entries are never blended.
export {
  PortfolioLedger,
  createLedger,
  replayLedger,
  restoreLedger,
} from "./ledger.js";
export type { Marks, RestoreOptions, LedgerEventListener } from "./ledger.js";
export { parseLedgerEvent, parseLedgerEvents, serializeLedgerEvent } from "./events.js";
export type {
  LedgerEvent,
  LedgerEventJson,
  LedgerEventType,
  LedgerEventBase,
  OrderRecordedEvent,
  OrderUpdatedEvent,
  FillAppliedEvent,
  SettlementEvent,
  AdjustmentEvent,
  AdjustmentKind,
  CashAdjustmentEvent,
  MarksRecordedEvent,
  ReconciledEvent,
} from "./events.js";
export { LedgerSnapshotSchema, parseLedgerSnapshot, LEDGER_SNAPSHOT_VERSION } from "./snapshot.js";
export type { LedgerSnapshot, ParsedLedgerSnapshot } from "./snapshot.js";
export type {
  LedgerOptions,
  ExitPolicy,
  ApplyFillOptions,
  LedgerApplyFillResult,
  LedgerExitSlice,
  AdjustmentPriceSource,
  ReconcileOptions,
  LedgerReconcileReport,
  ExposureReport,
  EquitySnapshot,
  DailyDrawdown,
  EntryMark,
  DriftState,
  UnattributedFill,
} from "./types.js";
