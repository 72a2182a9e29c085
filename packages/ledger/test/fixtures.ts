// Test fixtures: instruments, order and fill builders, canonical JSON.
import {
  type Fill,
  FillSchema,
  type FillInput,
  type Instrument,
  InstrumentSchema,
  type Order,
  type OrderInput,
  OrderSchema,
} from "@quiver/core";
import { createLedger, type LedgerOptions, type PortfolioLedger } from "../src/index.js";

export const NVDA: Instrument = InstrumentSchema.parse({
  id: "NVDA",
  kind: "equity",
  baseAsset: "NVDA",
  quoteCurrency: "USD",
  tickSize: "0.01",
  lotSize: "1",
  category: "tech",
  shortable: true,
});
export const PLTR: Instrument = InstrumentSchema.parse({
  id: "PLTR",
  kind: "equity",
  baseAsset: "PLTR",
  quoteCurrency: "USD",
  tickSize: "0.01",
  lotSize: "1",
  category: "tech",
});
export const ETHBTC: Instrument = InstrumentSchema.parse({
  id: "ETH/BTC",
  kind: "spot",
  baseAsset: "ETH",
  quoteCurrency: "BTC",
  tickSize: "0.000001",
  lotSize: "0.001",
  category: "crypto",
});
export const KX: Instrument = InstrumentSchema.parse({
  id: "KXBTC-25DEC31-T100",
  kind: "binary",
  baseAsset: "BTC",
  quoteCurrency: "USD",
  tickSize: "1",
  lotSize: "1",
  category: "crypto",
});
export const POL: Instrument = InstrumentSchema.parse({
  id: "PRES-28",
  kind: "binary",
  baseAsset: "PRES",
  quoteCurrency: "USD",
  tickSize: "1",
  lotSize: "1",
  category: "politics",
});

export const ALL = [NVDA, PLTR, ETHBTC, KX, POL];

export function ledgerOptions(extra: Partial<LedgerOptions> = {}): LedgerOptions {
  return { instruments: ALL, initialCash: "100000", currency: "USD", ...extra };
}

export function newLedger(extra: Partial<LedgerOptions> = {}): PortfolioLedger {
  return createLedger(ledgerOptions(extra));
}

let clock = 1_700_000_000_000;
export function tick(): number {
  clock += 1000;
  return clock;
}

export function order(
  input: Partial<OrderInput> &
    Pick<OrderInput, "orderId" | "strategyId" | "instrumentId" | "side" | "quantity">,
): Order {
  const at = input.createdAt ?? tick();
  return OrderSchema.parse({
    clientOrderId: `c-${input.orderId}`,
    type: "market",
    status: "new",
    createdAt: at,
    updatedAt: at,
    ...input,
  });
}

export function fill(
  input: Partial<FillInput> &
    Pick<FillInput, "tradeId" | "orderId" | "instrumentId" | "side" | "quantity" | "price">,
): Fill {
  return FillSchema.parse({ timestamp: input.timestamp ?? tick(), ...input });
}

/** JSON with object keys sorted: compares states independent of key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}
