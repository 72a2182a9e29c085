// `pnpm start`: seed 001 — OMR (09:31 exit / 15:55 entry) and MP (15:55 rebalance) on one book, one execution lock.
import { formatSummary, formatTable } from "@quiver/backtest";
import { Decimal, QuiverError, VirtualClock } from "@quiver/core";
import { DEFAULT_FROM, DEFAULT_TO, type OvernightRun, loadOvernightData, runOvernight } from "./run.js";
import { NEW_YORK, scheduleMomentOf, tradingDateOf } from "./session-bars.js";
import { CAPITAL_ALLOCATION, INITIAL_CASH, createOvernightSystem } from "./system.js";

const nyTime = (t: number) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: NEW_YORK,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(t);

function pnlTable(run: OvernightRun): string {
  const rows = run.result.meta.strategies.map((s) => {
    const trades = run.result.trades.filter((t) => t.strategyId === s);
    const realized = trades.reduce((a, t) => a.plus(t.realizedPnl), new Decimal(0));
    const unrealized = trades.reduce((a, t) => a.plus(t.unrealizedPnl), new Decimal(0));
    const symbols = [...new Set(trades.map((t) => t.instrumentId))].sort().join(" ");
    return [
      s,
      String(trades.length),
      symbols,
      realized.toFixed(2),
      unrealized.toFixed(2),
      realized.plus(unrealized).toFixed(2),
    ];
  });
  return formatTable(["Strategy", "entries", "symbols", "realized $", "unrealized $", "net $"], rows);
}

function limitTable(run: OvernightRun): string {
  const counts = new Map<string, number>();
  for (const h of run.limitHits) {
    const effect = (h.details as { blocked?: boolean }).blocked ? "blocked" : "downsized";
    const key = `${h.strategyId}\u0000${h.reasons.join("+")}\u0000${effect}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) return "  (none)";
  return formatTable(
    ["Strategy", "limit", "effect", "times"],
    [...counts].sort().map(([k, n]) => [...k.split("\u0000"), String(n)]),
  );
}

/** The lock sequence of one New York date. */
function lockDay(run: OvernightRun, date: string): string[] {
  return run.lockEvents
    .filter((e) => tradingDateOf(e.at) === date)
    .map(
      (e) =>
        `  ${nyTime(e.at)} [${e.holder.toUpperCase()}] ${e.action === "acquire" ? "acquires" : "releases"} the execution lock`,
    );
}

async function main(): Promise<number> {
  const checks: Array<[string, boolean]> = [];
  console.log(
    "Overnight mean reversion + momentum protection (seed 001) on daily NVDA / ORCL / YHOO (Yahoo, copied from ../shared/data)",
  );
  console.log(
    "APPROXIMATION: the data is daily, so each day becomes two proxy bars — one closing 09:30 New York priced at the day's OPEN,\n" +
      "one closing 15:54 priced at the day's CLOSE. The runner's daily jobs at 09:31 and 15:55 (America/New_York, weekdays,\n" +
      "holidays from the data skipped) decide on them, and the paper broker fills market orders at that proxy price:\n" +
      "the 09:31 exit fills at the open, the 15:55 entry/rebalance at the close. No intraday path exists.",
  );
  const allocation = Object.entries(CAPITAL_ALLOCATION).map(
    ([id, a]) =>
      `${id}: ${a.positionSizePct}% per position, ≤ ${a.maxPositions} positions, ≤ ${a.maxExposurePct}% exposure`,
  );
  console.log(`Cash $${INITIAL_CASH}. Capital allocation (seed 001 table): ${allocation.join("; ")}.`);

  // Startup validation: an overlapping configuration is refused before anything runs.
  try {
    createOvernightSystem({ clock: new VirtualClock(0), mpUniverse: ["ORCL", "YHOO", "NVDA"] });
    checks.push(["overlapping universes are refused at startup", false]);
  } catch (e) {
    const msg = QuiverError.isInstance(e) ? `${e.code}: ${e.message}` : String(e);
    console.log(`\nStartup check — a config where MP also trades NVDA is refused:\n  ${msg}`);
    checks.push([
      "overlapping universes are refused at startup",
      QuiverError.isInstance(e) && e.code === "VALIDATION",
    ]);
  }

  const data = loadOvernightData();
  const run = await runOvernight(data);
  console.log(
    `\nUniverses validated exclusive: omr = [${run.strategies.omr.universe.join(", ")}], mp = [${run.strategies.mp.universe.join(", ")}].`,
  );
  console.log(
    `Window ${DEFAULT_FROM} … ${DEFAULT_TO}: ${run.result.meta.bars} proxy bars, ${data.holidays.length} holidays skipped by the schedules.`,
  );

  console.log(`\n${formatSummary(run.result)}`);
  console.log(`\nP&L per strategy from its own entries (USD):\n${pnlTable(run)}`);
  console.log(`\nRisk limits that bound (riskLimitHit events):\n${limitTable(run)}`);

  // When did each strategy decide and trade?
  const at = (s: string, m: string) =>
    run.signals.filter((x) => x.strategyId === s && scheduleMomentOf(x.timestamp) === m);
  const omrEntries = at("omr", "15:55").filter((x) => x.signalType === "entry");
  const omrExits = at("omr", "09:31");
  const mpSignals = at("mp", "15:55");
  const others = run.signals.filter((x) => scheduleMomentOf(x.timestamp) === null).length;
  console.log(
    `\nSignals by schedule: OMR entries at 15:55 = ${omrEntries.length}, OMR exits at 09:31 = ${omrExits.length}, MP rebalance signals at 15:55 = ${mpSignals.length}, at any other time = ${others}.`,
  );
  checks.push([
    "every signal was decided at 09:31 or 15:55 New York",
    others === 0 && omrEntries.length > 0 && mpSignals.length > 0,
  ]);
  checks.push(["OMR only exits at 09:31", omrExits.every((x) => x.signalType === "exit")]);
  const overnight = run.result.trades.filter((t) => t.strategyId === "omr" && t.exitTime !== null);
  const heldOneNight = overnight.every((t) => {
    const inDate = tradingDateOf(t.entryTime ?? 0);
    const outDate = tradingDateOf(t.exitTime ?? 0);
    // Fill times are the job times: the paper broker fills at once at the proxy bar's price.
    return (
      scheduleMomentOf(t.entryTime ?? 0) === "15:55" &&
      scheduleMomentOf(t.exitTime ?? 0) === "09:31" &&
      outDate > inDate
    );
  });
  console.log(
    `OMR round trips: ${overnight.length}, all bought at the 15:55 close proxy and sold at the next session's 09:31 open proxy: ${heldOneNight}`,
  );
  checks.push(["OMR holds overnight only (15:55 → next 09:31)", overnight.length > 0 && heldOneNight]);

  // The one execution lock.
  let holder: string | null = null;
  let serialized = true;
  for (const e of run.lockEvents) {
    if (e.action === "acquire") {
      if (holder !== null) serialized = false;
      holder = e.holder;
    } else {
      if (holder !== e.holder) serialized = false;
      holder = null;
    }
  }
  const bothDay = (() => {
    const byDate = new Map<string, Set<string>>();
    for (const e of run.lockEvents) {
      if (scheduleMomentOf(e.at) !== "15:55") continue;
      const d = tradingDateOf(e.at);
      byDate.set(d, (byDate.get(d) ?? new Set()).add(e.holder));
    }
    return [...byDate].find(([, h]) => h.size === 2)?.[0];
  })();
  console.log(
    `\nExecution lock: ${run.lockEvents.filter((e) => e.action === "acquire").length} acquisitions, never held by two strategies at once: ${serialized}.`,
  );
  if (bothDay !== undefined) {
    console.log(
      `Lock sequence on ${bothDay} (virtual clock: execution is instantaneous, so times coincide):`,
    );
    for (const l of lockDay(run, bothDay)) console.log(l);
    const seq = run.lockEvents
      .filter((e) => tradingDateOf(e.at) === bothDay && scheduleMomentOf(e.at) === "15:55")
      .map((e) => `${e.holder}:${e.action}`);
    const omrFirst = seq.indexOf("omr:release") < seq.indexOf("mp:acquire");
    checks.push(["at 15:55 OMR releases the lock before MP acquires it", omrFirst]);
  } else checks.push(["at 15:55 OMR releases the lock before MP acquires it", false]);
  checks.push(["one execution lock, strictly serialized", serialized]);

  console.log("\nChecks:");
  for (const [name, ok] of checks) console.log(`  ${ok ? "ok  " : "FAIL"} ${name}`);
  return checks.every(([, ok]) => ok) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(QuiverError.isInstance(error) ? `${error.code}: ${error.message}` : error);
    process.exitCode = 1;
  },
);
