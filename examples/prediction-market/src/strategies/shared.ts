// What RLM_NO and S013 share: their common config fields, and their one intent (buy NO: target = held + contracts).
import { IdSchema, type StrategyContext, type StrategyIntentDraft } from "@quiver/core";
import { z } from "zod";

/**
 * The config fields both NO strategies have, for `z.strictObject({ ...noStrategyFields(id), … })`:
 * id, universe (market ids), contracts per signal (seed 000 `contracts_per_trade`), minutes
 * between two signals on one market, and no new signals this close to settlement.
 */
export function noStrategyFields(id: string) {
  return {
    id: IdSchema.default(id),
    universe: z.array(IdSchema).readonly().default([]),
    contractsPerTrade: z.int().min(1).default(20),
    cooldownMinutes: z.int().min(0).default(5),
    stopBeforeExpiryMinutes: z.int().min(0).default(10),
  };
}

/** Buys NO: `desiredQuantity` is the FINAL quantity, so a re-entry asks for held + contracts. */
export function buyNo(
  ctx: StrategyContext,
  instrumentId: string,
  contracts: number,
  confidence: number,
  signalData: Record<string, unknown>,
): StrategyIntentDraft {
  const held = ctx.position(instrumentId);
  const reentry = held.greaterThan(0);
  return {
    instrumentId,
    side: "no",
    intentType: reentry ? "increase" : "enter",
    desiredExposureUsd: null,
    desiredQuantity: held.plus(contracts),
    confidence: Math.min(1, Math.max(0, confidence)),
    timeframe: ctx.timeframe,
    generatedAt: ctx.now,
    signalId: ctx.signalId(instrumentId),
    signalType: reentry ? "reentry" : "entry",
    metadata: signalData,
  };
}
