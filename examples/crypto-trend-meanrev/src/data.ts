// Loads the example's copied CSV candles (examples/crypto-trend-meanrev/data) with their quality reports.
import { fileURLToPath } from "node:url";
import { type LoadedBars, loadBarsFile, sliceBarSeries } from "@quiver/backtest";
import { PAIRS } from "./instruments.js";

/** Folder of the example's data files, resolved from this module (works from any cwd). */
export const DATA_DIR = fileURLToPath(new URL("../data/", import.meta.url));

/**
 * Loads every pair's 5-minute candles. With `maxBars`, keeps only the first `maxBars` of each
 * series (the tests use a small slice; the quality report still describes the whole file).
 */
export async function loadPairs(maxBars?: number): Promise<LoadedBars[]> {
  const loaded = await Promise.all(
    PAIRS.map((p) =>
      loadBarsFile(`${DATA_DIR}${p.file}`, {
        instrumentId: p.instrument.id,
        timeframe: "5m",
        source: `data/${p.file}`,
      }),
    ),
  );
  return maxBars === undefined
    ? loaded
    : loaded.map((l) => ({ ...l, series: sliceBarSeries(l.series, 0, maxBars) }));
}
