// Every exported record schema of @quiver/core round-trips its fixture; a new schema without a fixture fails here.
import { describe, expect, it } from "vitest";
import * as core from "../src/index.js";
import * as fx from "./fixtures.js";
import { expectInvalidAt, expectRoundTrip } from "./schema-helpers.js";

/** Record schemas and their wire fixtures (the list, plus the risk sub-records). */
const RECORDS: Record<string, unknown> = {
  InstrumentSchema: fx.instrumentWire,
  BarSchema: fx.barWire,
  OrderRequestSchema: fx.orderRequestWire,
  OrderSchema: fx.orderWire,
  FillSchema: fx.fillWire,
  PositionSchema: fx.positionWire,
  AccountSnapshotSchema: fx.accountWire,
  StrategyIntentSchema: fx.intentWire,
  StrategySignalSchema: fx.signalWire,
  ConsensusEventSchema: fx.consensusWire,
  StrategyStateSchema: fx.strategyStateWire,
  DecisionRecordSchema: fx.decisionWire,
  StrategyEntrySchema: fx.entryWire,
  RiskAdjustedActionSchema: fx.actionWire,
  RiskEventSchema: fx.riskEventWire,
  ExecutionPlanSchema: fx.planWire,
  RiskStatusSchema: fx.riskStatusWire,
  RiskCheckResultSchema: fx.riskCheckWire,
  RiskContextSchema: fx.riskContextWire,
  StrategyPnlSchema: fx.pnlWire,
  RiskPositionSchema: fx.riskContextWire.positions[0],
  PendingExposureSchema: fx.riskContextWire.pendingOrders[0],
};

/** Exported schemas of single values (enums, decimals, ids), tested in their own files. */
const VALUE_SCHEMAS = new Set([
  "DecimalSchema",
  "NonNegativeDecimalSchema",
  "PositiveDecimalSchema",
  "PriceCentsSchema",
  "EpochMsSchema",
  "IdSchema",
  "TimeframeSchema",
  "ConfidenceSchema",
  "MetadataSchema",
  "InstrumentKindSchema",
  "OrderSideSchema",
  "OutcomeSchema",
  "OrderTypeSchema",
  "TimeInForceSchema",
  "OrderStatusSchema",
  "IntentSideSchema",
  "IntentTypeSchema",
  "StrategyStatusSchema",
  "EntrySideSchema",
  "EntryStatusSchema",
  "ActionTypeSchema",
]);

const exported = core as unknown as Record<string, unknown>;
const schemaNames = Object.keys(exported).filter(
  (k) => k.endsWith("Schema") && typeof exported[k] === "object",
);

describe("schema coverage", () => {
  it("every exported schema is either a tested record or a known value schema", () => {
    const untested = schemaNames.filter((n) => !(n in RECORDS) && !VALUE_SCHEMAS.has(n));
    expect(untested).toEqual([]);
    for (const name of Object.keys(RECORDS)) expect(schemaNames).toContain(name);
  });

  it.each(Object.keys(RECORDS))("%s round-trips its fixture through the package entry point", (name) => {
    expectRoundTrip(exported[name] as Parameters<typeof core.parseWith>[0], RECORDS[name], name);
  });

  it.each(Object.keys(RECORDS))("%s rejects an unknown key, naming it", (name) => {
    const wire = { ...(RECORDS[name] as Record<string, unknown>), notAField: 1 };
    expectInvalidAt(exported[name] as Parameters<typeof core.parseWith>[0], wire, "notAField");
  });

  it.each(Object.keys(RECORDS))("%s rejects a non-object at the root", (name) => {
    const r = (exported[name] as Parameters<typeof core.parseWith>[0]).safeParse("not an object");
    expect(r.success).toBe(false);
  });
});
