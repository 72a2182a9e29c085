// The `quiver-backtest` command: a config file (JSON/YAML) + data files → summary, HTML report and JSON results.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  IdSchema,
  QuiverError,
  type Strategy,
  TimeframeSchema,
  ValidationError,
  parseConfigText,
  parseWith,
} from "@quiver/core";
import { z } from "zod";
import { loadBarsFile } from "./data/files.js";
import type { LoadedBars } from "./data/quality.js";
import { resampleSeries } from "./data/resample.js";
import { seriesQuality } from "./data/series-quality.js";
import { renderHtmlReport } from "./report/html-report.js";
import { formatSummary } from "./report/summary-table.js";
import { hashBacktestResult, serializeBacktestResult } from "./results/serialize.js";
import { runBacktest } from "./run-backtest.js";

/** The config file of `quiver-backtest`. Paths are relative to the config file; unknown keys are refused. */
export const BacktestFileConfigSchema = z.strictObject({
  /** A JS module whose export (default: `default`) is a function `(options) => Strategy[]` (or a promise of it). */
  strategies: z.strictObject({
    module: z.string().min(1),
    export: z.string().min(1).default("default"),
    options: z.unknown().optional(),
  }),
  instruments: z.array(z.record(z.string(), z.unknown())).min(1),
  initialCash: z.union([z.string(), z.number()]),
  currency: z.string().min(1).max(16),
  risk: z.record(z.string(), z.unknown()).optional(),
  broker: z.record(z.string(), z.unknown()).optional(),
  runner: z.record(z.string(), z.unknown()).optional(),
  data: z
    .array(
      z.strictObject({
        file: z.string().min(1),
        instrumentId: IdSchema,
        timeframe: TimeframeSchema.optional(),
        /** Resample to this larger timeframe before the run. */
        resample: TimeframeSchema.optional(),
        duplicates: z.enum(["keep-first", "keep-last", "error"]).optional(),
      }),
    )
    .min(1),
  report: z.strictObject({ html: z.string().optional(), json: z.string().optional() }).prefault({}),
  periodsPerYear: z.number().positive().optional(),
});
export type BacktestFileConfig = z.output<typeof BacktestFileConfigSchema>;

/** Where the CLI writes text (injectable for tests). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = `usage: quiver-backtest <config.json|config.yaml> [--html <file>] [--json <file>] [--quiet]

Runs a backtest described by the config file (strategies module, instruments, data files,
initialCash, currency, risk/broker/runner settings) and prints a summary. --html and --json
override report.html / report.json of the config.`;

/**
 * Runs the command and returns the exit code (0 ok, 1 failure, 2 usage). Never throws: errors are
 * printed (ValidationErrors name the offending field, data errors the file, line and field).
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = { out: console.log, err: console.error },
): Promise<number> {
  const args = [...argv];
  let html: string | undefined;
  let json: string | undefined;
  let quiet = false;
  let configPath: string | undefined;
  while (args.length > 0) {
    const a = args.shift() as string;
    if (a === "--html") html = args.shift();
    else if (a === "--json") json = args.shift();
    else if (a === "--quiet") quiet = true;
    else if (a === "-h" || a === "--help") {
      io.out(USAGE);
      return 0;
    } else if (!configPath && !a.startsWith("-")) configPath = a;
    else {
      io.err(`unknown argument "${a}"\n${USAGE}`);
      return 2;
    }
  }
  if (!configPath) {
    io.err(USAGE);
    return 2;
  }
  try {
    const path = resolve(configPath);
    const base = dirname(path);
    const ext = extname(path).toLowerCase();
    const raw = parseConfigText(
      readFileSync(path, "utf8"),
      ext === ".yaml" || ext === ".yml" ? "yaml" : "json",
    );
    const config = parseWith(BacktestFileConfigSchema, raw, "backtest config");
    const mod = (await import(pathToFileURL(resolve(base, config.strategies.module)).href)) as Record<
      string,
      unknown
    >;
    const factory = mod[config.strategies.export];
    if (typeof factory !== "function")
      throw new ValidationError("backtest config", [
        {
          path: "strategies.export",
          message: `"${config.strategies.export}" is not a function exported by ${config.strategies.module}`,
        },
      ]);
    const strategies = (await (factory as (o: unknown) => unknown)(config.strategies.options)) as Strategy[];
    if (!Array.isArray(strategies))
      throw new ValidationError("backtest config", [
        { path: "strategies", message: "the factory must return an array of strategies" },
      ]);
    const data: LoadedBars[] = [];
    for (const d of config.data) {
      const loaded = await loadBarsFile(resolve(base, d.file), {
        instrumentId: d.instrumentId,
        source: d.file,
        ...(d.timeframe === undefined ? {} : { timeframe: d.timeframe }),
        ...(d.duplicates === undefined ? {} : { duplicates: d.duplicates }),
      });
      if (d.resample) {
        const r = resampleSeries(loaded.series, d.resample);
        data.push({ series: r.series, quality: { ...seriesQuality(r.series), source: d.file } });
      } else data.push(loaded);
    }
    const { result, timeline } = await runBacktest({
      strategies,
      instruments: config.instruments as never,
      data,
      initialCash: config.initialCash,
      currency: config.currency,
      ...(config.risk === undefined ? {} : { risk: config.risk }),
      ...(config.broker === undefined ? {} : { broker: config.broker as never }),
      ...(config.runner === undefined ? {} : { runner: config.runner as never }),
      ...(config.periodsPerYear === undefined ? {} : { periodsPerYear: config.periodsPerYear }),
    });
    if (!quiet) io.out(formatSummary(result));
    const htmlPath =
      html ?? (config.report.html === undefined ? undefined : resolve(base, config.report.html));
    const jsonPath =
      json ?? (config.report.json === undefined ? undefined : resolve(base, config.report.json));
    if (htmlPath) {
      mkdirSync(dirname(resolve(htmlPath)), { recursive: true });
      writeFileSync(htmlPath, renderHtmlReport(result, { series: timeline.series }));
      io.out(`HTML report: ${htmlPath}`);
    }
    if (jsonPath) {
      mkdirSync(dirname(resolve(jsonPath)), { recursive: true });
      writeFileSync(jsonPath, serializeBacktestResult(result, { indent: 1 }));
      io.out(`JSON result: ${jsonPath}`);
    }
    io.out(`result sha256: ${hashBacktestResult(result)}`);
    return 0;
  } catch (e) {
    io.err(
      QuiverError.isInstance(e) ? `${e.name} (${e.code}): ${e.message}` : String((e as Error)?.stack ?? e),
    );
    return 1;
  }
}
