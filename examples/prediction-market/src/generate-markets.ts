// GENERATED data: binary yes/no markets with 1-minute YES-price bars, a trade tape and a final outcome.
import type { Bar, InstrumentInput } from "@quiver/core";
import { createPrng } from "./prng.js";

/** YES/NO contracts traded in one minute of one market (the tape RLM reads). */
export interface TapeMinute {
  yesContracts: number;
  noContracts: number;
}

/** One generated binary market. */
export interface GeneratedMarket {
  instrument: InstrumentInput;
  category: string;
  /** 1m bars of the YES price in cents (1–99), oldest first. */
  bars: Bar[];
  /** Trade tape by bar close time. */
  tape: Map<number, TapeMinute>;
  /** Settlement price of YES: 100 (YES won) or 0 (NO won). */
  settlementYesCents: 0 | 100;
  /** Settlement instant (= close time of the last bar). */
  settlesAt: number;
  /** Whether the generator planted a reverse line move (public buys YES while the price falls). */
  plantedRlm: boolean;
}

/** Options of {@link generateMarkets}. */
export interface GenerateMarketsOptions {
  seed?: number;
  /** Start of the first bar (epoch ms, minute-aligned). */
  start?: number;
  /** Markets per category. */
  categories?: Readonly<Record<string, number>>;
  /** Minutes each market trades (± a few minutes per market). */
  minutes?: number;
}

const MINUTE = 60_000;

/**
 * Generates a small, deterministic market set (same seed → same markets). Each market has a
 * hidden "true" YES probability that random-walks; the quoted YES price follows it with noise.
 * About half the markets get a planted reverse line move: for 20–30 minutes the public buys
 * mostly YES (yes ratio ≈ 0.75) while the price slides 15–30 cents because the true probability
 * falls; those markets mostly resolve NO. The outcome is drawn from the final true probability.
 *
 * This is NOT real market data; it exists so the example runs offline and deterministically.
 */
export function generateMarkets(options: GenerateMarketsOptions = {}): GeneratedMarket[] {
  const rng = createPrng(options.seed ?? 20_241_231);
  const start = options.start ?? Date.UTC(2025, 0, 6, 14, 0);
  const categories = options.categories ?? { crypto: 5, politics: 3, sports: 2 };
  const baseMinutes = options.minutes ?? 180;
  const markets: GeneratedMarket[] = [];
  let n = 0;
  for (const [category, count] of Object.entries(categories)) {
    for (let k = 0; k < count; k++) {
      n++;
      const ticker = `KX${category.slice(0, 3).toUpperCase()}-25JAN06-M${String(n).padStart(2, "0")}`;
      const minutes = baseMinutes + rng.int(-10, 10);
      const plantedRlm = rng.next() < 0.6;
      const rlmStart = rng.int(30, minutes - 60);
      const rlmLength = rng.int(20, 30);
      const rlmSlide = rng.uniform(0.15, 0.3);
      let truth = rng.uniform(0.45, 0.7);
      let price = Math.round(truth * 100);
      const bars: Bar[] = [];
      const tape = new Map<number, TapeMinute>();
      for (let m = 0; m < minutes; m++) {
        const inRlm = plantedRlm && m >= rlmStart && m < rlmStart + rlmLength;
        truth += inRlm ? -rlmSlide / rlmLength : rng.normal() * 0.006;
        truth = Math.min(0.97, Math.max(0.03, truth));
        const open = price;
        const target = truth * 100 + rng.normal() * 1.2;
        price = clampCents(Math.round(0.6 * price + 0.4 * target));
        const high = clampCents(Math.max(open, price) + rng.int(0, 1));
        const low = clampCents(Math.min(open, price) - rng.int(0, 1));
        const volume = rng.int(40, 160);
        const yesRatio = inRlm ? rng.uniform(0.68, 0.82) : rng.uniform(0.35, 0.62);
        const yesContracts = Math.round(volume * yesRatio);
        const openTime = start + m * MINUTE;
        bars.push({
          instrumentId: ticker,
          timeframe: "1m",
          openTime,
          closeTime: openTime + MINUTE,
          open,
          high,
          low,
          close: price,
          volume,
          closed: true,
        });
        tape.set(openTime + MINUTE, { yesContracts, noContracts: volume - yesContracts });
      }
      const settlesAt = start + minutes * MINUTE;
      const settlementYesCents: 0 | 100 = rng.next() < truth ? 100 : 0;
      markets.push({
        instrument: {
          id: ticker,
          kind: "binary",
          baseAsset: ticker,
          quoteCurrency: "USD",
          tickSize: "1",
          lotSize: "1",
          category,
          expiresAt: settlesAt,
        },
        category,
        bars,
        tape,
        settlementYesCents,
        settlesAt,
        plantedRlm,
      });
    }
  }
  return markets;
}

function clampCents(x: number): number {
  return Math.min(99, Math.max(1, x));
}
