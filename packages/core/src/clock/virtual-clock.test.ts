// Tests of VirtualClock: deterministic timer order, due-time now(), no moving back.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { VirtualClock } from "./virtual-clock.js";

describe("VirtualClock", () => {
  it("starts at the given time and only moves when told", () => {
    const clock = new VirtualClock(1_000);
    expect(clock.now()).toBe(1_000);
    expect(clock.now()).toBe(1_000);
    clock.advanceBy(500);
    expect(clock.now()).toBe(1_500);
    expect(new VirtualClock().now()).toBe(0);
  });

  it("runs timers in (time, creation) order with now() equal to the due time", () => {
    const clock = new VirtualClock(0);
    const seen: Array<[string, number]> = [];
    const record = (name: string) => () => seen.push([name, clock.now()]);
    clock.setTimer(30, record("c30"));
    clock.setTimer(10, record("a10"));
    clock.setTimer(20, record("b20"));
    clock.setTimer(10, record("d10"));
    clock.setTimer(31, record("late"));
    clock.advanceTo(30);
    expect(seen).toEqual([
      ["a10", 10],
      ["d10", 10],
      ["b20", 20],
      ["c30", 30],
    ]);
    expect(clock.now()).toBe(30);
    expect(clock.pendingTimers).toBe(1);
    clock.advanceBy(1);
    expect(seen.at(-1)).toEqual(["late", 31]);
    expect(clock.pendingTimers).toBe(0);
  });

  it("never runs a timer synchronously inside setTimer, even when already due", () => {
    const clock = new VirtualClock(100);
    let ran = 0;
    clock.setTimer(50, () => ran++);
    expect(ran).toBe(0);
    clock.advanceBy(0);
    expect(ran).toBe(1);
    expect(clock.now()).toBe(100);
  });

  it("runs timers set during a callback for the same instant in the same advance", () => {
    const clock = new VirtualClock(0);
    const seen: string[] = [];
    clock.setTimer(10, () => {
      seen.push(`outer@${clock.now()}`);
      clock.setTimer(clock.now(), () => seen.push(`inner@${clock.now()}`));
      clock.setTimer(5, () => seen.push(`past@${clock.now()}`)); // in the past: runs now
      clock.setTimer(15, () => seen.push(`later@${clock.now()}`));
    });
    clock.setTimer(10, () => seen.push(`sibling@${clock.now()}`));
    clock.advanceTo(12);
    expect(seen).toEqual(["outer@10", "sibling@10", "inner@10", "past@10"]);
    expect(clock.pendingTimers).toBe(1);
    clock.advanceTo(20);
    expect(seen.at(-1)).toBe("later@15");
  });

  it("never moves back", () => {
    const clock = new VirtualClock(1_000);
    expect(() => clock.advanceTo(999)).toThrow(ValidationError);
    expect(() => clock.advanceBy(-1)).toThrow(ValidationError);
    expect(() => clock.set(999)).toThrow(ValidationError);
    expect(clock.now()).toBe(1_000);
    clock.advanceTo(1_000); // staying put is fine
    expect(clock.now()).toBe(1_000);
  });

  it("refuses non-finite times instead of running every timer", () => {
    const clock = new VirtualClock(0);
    let ran = 0;
    clock.setTimer(10, () => ran++);
    expect(() => clock.advanceTo(Number.NaN)).toThrow(ValidationError);
    expect(() => clock.advanceTo(Number.POSITIVE_INFINITY)).toThrow(ValidationError);
    expect(() => clock.set(Number.NaN)).toThrow(ValidationError);
    expect(() => clock.setTimer(Number.NaN, () => ran++)).toThrow(ValidationError);
    expect(() => new VirtualClock(Number.NaN)).toThrow(ValidationError);
    expect(ran).toBe(0);
    expect(clock.now()).toBe(0);
  });

  it("clearTimer cancels and is idempotent", () => {
    const clock = new VirtualClock(0);
    let ran = 0;
    const h = clock.setTimer(10, () => ran++);
    clock.setTimer(10, () => ran++);
    clock.clearTimer(h);
    clock.clearTimer(h);
    clock.clearTimer({ id: 9_999 });
    expect(clock.pendingTimers).toBe(1);
    clock.advanceTo(10);
    expect(ran).toBe(1);
    clock.clearTimer(h);
    expect(clock.pendingTimers).toBe(0);
  });

  it("a timer cleared by an earlier callback of the same instant does not run", () => {
    const clock = new VirtualClock(0);
    const seen: string[] = [];
    let second = { id: -1 };
    clock.setTimer(10, () => {
      seen.push("first");
      clock.clearTimer(second);
    });
    second = clock.setTimer(10, () => seen.push("second"));
    clock.advanceTo(10);
    expect(seen).toEqual(["first"]);
  });

  it("set() moves time forward without running timers", () => {
    const clock = new VirtualClock(0);
    let ran = 0;
    clock.setTimer(10, () => ran++);
    clock.set(50);
    expect(clock.now()).toBe(50);
    expect(ran).toBe(0);
    clock.advanceBy(0);
    expect(ran).toBe(1);
  });

  it("property: timers run once each, sorted by (due time, creation), never before due", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 10 }),
        (dues, steps) => {
          const clock = new VirtualClock(0);
          const ran: Array<{ i: number; at: number; now: number }> = [];
          for (const [i, at] of dues.entries())
            clock.setTimer(at, () => ran.push({ i, at, now: clock.now() }));
          let last = 0;
          for (const step of steps) {
            clock.advanceBy(step);
            expect(clock.now()).toBeGreaterThanOrEqual(last);
            last = clock.now();
          }
          const expected = dues
            .map((at, i) => ({ i, at }))
            .filter((t) => t.at <= clock.now())
            .sort((a, b) => a.at - b.at || a.i - b.i);
          expect(ran.map((r) => r.i)).toEqual(expected.map((t) => t.i));
          for (const r of ran) expect(r.now).toBe(r.at);
          expect(clock.pendingTimers).toBe(dues.length - ran.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
