// The pairs this example trades (spot, quoted in BTC, long/flat only) and the data file of each.
import type { InstrumentInput } from "@quiver/core";

/** A traded pair and the CSV file (in ../data) holding its 5-minute candles. */
export interface PairSpec {
  instrument: InstrumentInput;
  file: string;
}

const pair = (base: string, lotSize: string): PairSpec => ({
  instrument: {
    id: `${base}/BTC`,
    kind: "spot",
    baseAsset: base,
    quoteCurrency: "BTC",
    tickSize: "0.00000001",
    lotSize,
    category: "crypto",
    // Seed 002 runs spot only in a region without margin or shorting.
    shortable: false,
    marginable: false,
  },
  file: `${base}-BTC-5m.csv`,
});

/** ETH, LTC and XMR have a few missing bars (gaps are reported); ADA has ~40. */
export const PAIRS: readonly PairSpec[] = [
  pair("ETH", "0.001"),
  pair("LTC", "0.01"),
  pair("XMR", "0.01"),
  pair("ADA", "1"),
];
