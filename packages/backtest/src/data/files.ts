// File loading: reads a CSV or JSON bar file from disk (Node only) and parses it.
import { readFile } from "node:fs/promises";
import { type CsvBarOptions, parseCsvBars } from "./csv.js";
import type { LoadedBars } from "./quality.js";
import { parseJsonBars } from "./records.js";

/**
 * Loads a `.csv` or `.json` bar file; `source` in errors and reports defaults to the path.
 * @throws ValidationError for bad content; the usual fs errors when the file cannot be read.
 * @example const eth = await loadBarsFile("data/ETH-BTC-5m.csv", { instrumentId: "ETH/BTC", timeframe: "5m" });
 */
export async function loadBarsFile(path: string, options: CsvBarOptions): Promise<LoadedBars> {
  const text = await readFile(path, "utf8");
  const opts = { ...options, source: options.source ?? path };
  return path.toLowerCase().endsWith(".json") ? parseJsonBars(text, opts) : parseCsvBars(text, opts);
}
