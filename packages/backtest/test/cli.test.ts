// The quiver-backtest command: config file + strategy module + CSV → summary, reports, exit codes.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli.js";

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "quiver-bt-cli-"));
  const rows = ["timestamp,open,high,low,close,volume"];
  for (let i = 0; i < 120; i++) {
    const c = 100 + 5 * Math.sin(i / 6);
    const t = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
    rows.push(`${t},${c},${c + 0.5},${c - 0.5},${c},10`);
  }
  writeFileSync(join(dir, "AAA.csv"), rows.join("\n"));
  // A strategy module as a user would write it: plain JS, no Quiver import needed.
  writeFileSync(
    join(dir, "strategies.mjs"),
    `export default function create(options) {
  let prev = null;
  return [{
    id: "dip", config: options, universe: ["AAA"], timeframes: ["1m"],
    generateIntents(ctx) {
      const bar = ctx.bars.get("AAA"); const last = prev; prev = bar.close;
      if (last === null) return [];
      const held = ctx.position("AAA").greaterThan(0);
      const base = { instrumentId: "AAA", confidence: 0.5, timeframe: "1m", generatedAt: ctx.now, signalId: ctx.signalId("AAA") };
      if (!held && bar.close < last - options.drop) return [{ ...base, side: "long", intentType: "enter", desiredQuantity: "1" }];
      if (held && bar.close > last) return [{ ...base, side: "flat", intentType: "exit" }];
      return [];
    },
  }];
}\n`,
  );
  return dir;
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
}

const config = (extra: Record<string, unknown> = {}) => ({
  strategies: { module: "./strategies.mjs", options: { drop: 0.3 } },
  instruments: [
    { id: "AAA", kind: "spot", baseAsset: "AAA", quoteCurrency: "USD", tickSize: "0.01", lotSize: "1" },
  ],
  initialCash: "10000",
  currency: "USD",
  risk: { maxPerAssetPct: 50, minCashReservePct: 0 },
  data: [{ file: "AAA.csv", instrumentId: "AAA", timeframe: "1m" }],
  report: { html: "out/report.html", json: "out/result.json" },
  ...extra,
});

describe("quiver-backtest", () => {
  it("runs a config file, prints the summary and writes the HTML and JSON reports", async () => {
    const dir = workspace();
    writeFileSync(join(dir, "bt.json"), JSON.stringify(config()));
    const c = io();
    const code = await runCli([join(dir, "bt.json")], c.io);
    expect(c.err).toEqual([]);
    expect(code).toBe(0);
    const text = c.out.join("\n");
    expect(text).toMatch(/dip\s+/);
    expect(text).toMatch(/result sha256: [0-9a-f]{64}/);
    const result = JSON.parse(readFileSync(join(dir, "out/result.json"), "utf8"));
    expect(result.trades.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, "out/report.html"), "utf8")).toContain("<svg");
  });

  it("reads YAML too and resamples on request", async () => {
    const dir = workspace();
    const yaml = `strategies: { module: ./strategies.mjs, options: { drop: 0.1 } }
instruments: [{ id: AAA, kind: spot, baseAsset: AAA, quoteCurrency: USD, tickSize: "0.01", lotSize: "1" }]
initialCash: "10000"
currency: USD
data: [{ file: AAA.csv, instrumentId: AAA, timeframe: 1m, resample: 5m }]
`;
    writeFileSync(join(dir, "bt.yaml"), yaml);
    const c = io();
    expect(await runCli([join(dir, "bt.yaml"), "--quiet"], c.io)).toBe(0);
    expect(c.err).toEqual([]);
  });

  it("names the bad field of a config, and the file/line/field of bad data; usage errors exit 2", async () => {
    const dir = workspace();
    writeFileSync(join(dir, "bad.json"), JSON.stringify(config({ currenc: "USD" })));
    const c = io();
    expect(await runCli([join(dir, "bad.json")], c.io)).toBe(1);
    expect(c.err.join("")).toMatch(/currenc/);
    writeFileSync(
      join(dir, "AAA.csv"),
      "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,1,1,x,1\n",
    );
    writeFileSync(join(dir, "bt.json"), JSON.stringify(config()));
    const d = io();
    expect(await runCli([join(dir, "bt.json")], d.io)).toBe(1);
    expect(d.err.join("")).toContain("AAA.csv:2:close");
    expect(await runCli([], io().io)).toBe(2);
  });
});
