// Tests of SystemClock: monotonic now() and real timers that can be cleared.
import { afterEach, describe, expect, it, vi } from "vitest";
import { SystemClock } from "./system-clock.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("SystemClock", () => {
  it("now() is wall-clock epoch ms and never decreases over many calls", () => {
    const clock = new SystemClock();
    let last = clock.now();
    expect(last).toBeGreaterThan(Date.UTC(2024, 0, 1));
    expect(Number.isInteger(last)).toBe(true);
    for (let i = 0; i < 10_000; i++) {
      const t = clock.now();
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
    }
  });

  it("now() stays monotonic when the system clock steps back", () => {
    const clock = new SystemClock();
    const times = [5_000, 6_000, 4_000, 6_500, 100];
    const spy = vi.spyOn(Date, "now");
    for (const t of times) spy.mockReturnValueOnce(t);
    expect(times.map(() => clock.now())).toEqual([5_000, 6_000, 6_000, 6_500, 6_500]);
  });

  it("runs a timer at or after its due time", async () => {
    const clock = new SystemClock();
    const due = clock.now() + 15;
    const firedAt = await new Promise<number>((resolve) => {
      clock.setTimer(due, () => resolve(clock.now()));
      // unref'd timers do not keep the process alive; this keeps the test waiting.
      setTimeout(() => {}, 100);
    });
    expect(firedAt).toBeGreaterThanOrEqual(due - 1); // setTimeout granularity
  });

  it("clearTimer cancels a pending timer and is idempotent", async () => {
    const clock = new SystemClock();
    let ran = 0;
    const h = clock.setTimer(clock.now() + 5, () => ran++);
    clock.clearTimer(h);
    clock.clearTimer(h);
    clock.clearTimer({ id: 12345 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(ran).toBe(0);
  });

  it("runs a timer already due on a later tick, not synchronously", async () => {
    const clock = new SystemClock();
    let ran = 0;
    clock.setTimer(clock.now() - 1_000, () => ran++);
    expect(ran).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ran).toBe(1);
  });
});
