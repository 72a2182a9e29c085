// Integration: runBacktest's onStart/afterBar hooks and injected lock and logger reach the wired system.
import {
  type Bar,
  type ExecutionLock,
  type LogFields,
  type Logger,
  type MaybePromise,
  VirtualClock,
} from "@quiver/core";
import { InMemoryExecutionLock } from "@quiver/runner";
import { describe, expect, it } from "vitest";
import { runBacktest } from "../src/run-backtest.js";
import type { TradingSystem } from "../src/wire.js";
import { spec } from "./fixtures.js";

function recordingLogger(lines: string[]): Logger {
  const log = (level: string) => (message: string, fields?: LogFields) =>
    lines.push(`${level} ${message} ${fields?.strategyId ?? ""}`);
  const logger: Logger = {
    debug: log("debug"),
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
    child: () => logger,
  };
  return logger;
}

describe("runBacktest hooks", () => {
  it("calls onStart once before the first bar and afterBar after every bar with the clock at its close", async () => {
    const calls: string[] = [];
    let started: TradingSystem | null = null;
    const seen: Bar[] = [];
    const { result, system } = await runBacktest({
      ...spec(50),
      onStart(s) {
        calls.push("start");
        started = s;
        expect(seen.length).toBe(0);
      },
      afterBar(bar, s) {
        if (calls.length === 1) calls.push("bar");
        expect(s.clock.now()).toBe(bar.closeTime);
        seen.push(bar);
      },
    });
    expect(calls).toEqual(["start", "bar"]);
    expect(started).toBe(system);
    expect(seen.length).toBe(result.meta.bars);
    // the hook sees the bars in timeline order (close time, then instrument)
    for (let i = 1; i < seen.length; i++)
      expect((seen[i] as Bar).closeTime).toBeGreaterThanOrEqual((seen[i - 1] as Bar).closeTime);
  });

  it("lets afterBar act on the system mid-run (disable a strategy) and awaits a returned promise", async () => {
    let awaited = 0;
    let aaaBars = 0;
    const { result } = await runBacktest({
      ...spec(300),
      afterBar(bar, s): MaybePromise<void> {
        if (bar.instrumentId === "AAA" && ++aaaBars === 100) {
          const r = s.runner.disable("mom_a", { closePositions: true });
          return Promise.resolve(r).then(() => {
            awaited++;
          });
        }
      },
    });
    expect(awaited).toBe(1);
    const base = await runBacktest(spec(300));
    // mom_a stopped trading after bar 100: fewer of its signals than in the unhooked run
    expect(result.signals.byStrategy["mom_a"]?.total).toBeLessThan(
      base.result.signals.byStrategy["mom_a"]?.total as number,
    );
  });

  it("hands the injected lock and logger to the runner", async () => {
    const lines: string[] = [];
    const clock = new VirtualClock(Date.UTC(2024, 0, 1));
    const inner = new InMemoryExecutionLock(clock);
    const holders: string[] = [];
    const lock: ExecutionLock = {
      acquire(holder, options) {
        holders.push(holder);
        return inner.acquire(holder, options);
      },
      release: (lease) => inner.release(lease),
      current: () => inner.current(),
    };
    const { result } = await runBacktest({ ...spec(100), clock, lock, logger: recordingLogger(lines) });
    expect(result.signals.total.executed).toBeGreaterThan(0);
    expect(holders.length).toBeGreaterThan(0);
    expect(new Set(holders)).toEqual(new Set(["mom_a", "mom_b"]));
    // the runner logged through the injected logger (skipped signals of the capped strategy)
    expect(lines.some((l) => l.startsWith("info signal skipped"))).toBe(true);
  });
});
