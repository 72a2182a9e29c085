// A reproducible multi-instrument scenario (seeded bars and orders) for determinism tests and the benchmark.
import type { Bar } from "@quiver/core";
import { type PaperBroker, type PaperBrokerConfigInput, mulberry32 } from "../src/index.js";
import { MIN, T0, req, setup } from "./fixtures.js";

/** Bars for NVDA, TSLA and the binary KXBTC, `n` per instrument, interleaved in time order. */
export function makeBars(n: number, seed: number): Bar[] {
  const rand = mulberry32(seed);
  const bars: Bar[] = [];
  const px: Record<string, number> = { NVDA: 100, TSLA: 200, KXBTC: 50 };
  for (let i = 0; i < n; i++) {
    for (const id of ["NVDA", "TSLA", "KXBTC"]) {
      const binary = id === "KXBTC";
      const o = px[id] as number;
      const step = binary ? Math.round((rand() - 0.5) * 6) : Math.round((rand() - 0.5) * 200) / 100;
      const c = binary
        ? Math.min(99, Math.max(1, o + step))
        : Math.max(1, Math.round((o + step) * 100) / 100);
      const hi = binary
        ? Math.min(99, Math.max(o, c) + 1)
        : Math.round((Math.max(o, c) + rand()) * 100) / 100;
      const lo = binary
        ? Math.max(1, Math.min(o, c) - 1)
        : Math.round(Math.max(0.5, Math.min(o, c) - rand()) * 100) / 100;
      bars.push({
        instrumentId: id,
        timeframe: "1m",
        openTime: T0 + i * MIN,
        closeTime: T0 + (i + 1) * MIN,
        open: o,
        high: hi,
        low: lo,
        close: c,
        volume: Math.floor(rand() * 400),
        closed: true,
      });
      px[id] = c;
    }
  }
  return bars;
}

/** Runs the scenario: seeded orders of every type on every instrument, returning the broker. */
export function runScenario(
  config: Partial<PaperBrokerConfigInput>,
  n = 200,
  seed = 1,
  attach?: (broker: PaperBroker) => void,
): PaperBroker {
  const { broker, feed } = setup(config);
  attach?.(broker);
  const rand = mulberry32(seed ^ 0x9e3779b9);
  const bars = makeBars(n, seed);
  let k = 0;
  for (const b of bars) {
    feed(b);
    if (rand() < 0.3) {
      const binary = b.instrumentId === "KXBTC";
      const side = rand() < 0.55 ? "buy" : "sell";
      const kind = rand();
      const type = kind < 0.5 ? "market" : kind < 0.8 ? "limit" : "stop";
      const ref = b.close;
      const off = binary ? Math.round((rand() - 0.5) * 6) : Math.round((rand() - 0.5) * 300) / 100;
      const price = Math.max(binary ? 1 : 0.01, Math.min(binary ? 99 : 1e6, ref + off));
      const outcome = binary ? (rand() < 0.5 ? "yes" : "no") : undefined;
      const tifs = ["gtc", "gtc", "day", "ioc", "fok"] as const;
      broker.placeOrder(
        req(b.instrumentId, side, String(1 + Math.floor(rand() * 20)), {
          clientOrderId: `sc-${k++}`,
          type,
          timeInForce: tifs[Math.floor(rand() * tifs.length)] ?? "gtc",
          ...(outcome ? { outcome } : {}),
          ...(type === "limit" ? { limitPrice: String(price) } : {}),
          ...(type === "stop" ? { stopPrice: String(price) } : {}),
        }),
      );
    }
  }
  return broker;
}
