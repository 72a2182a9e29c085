// InMemoryExecutionLock: immediate grant, FIFO waiting, wait timeout, stale-lock takeover after expiry.
import { LockTimeoutError, VirtualClock } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { InMemoryExecutionLock } from "./execution-lock.js";

const opts = { waitMs: 30_000, ttlMs: 240_000 };

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
}

describe("InMemoryExecutionLock", () => {
  it("grants a free lock synchronously and reports the holder", () => {
    const clock = new VirtualClock(1_000);
    const lock = new InMemoryExecutionLock(clock);
    const lease = lock.acquire("omr", opts);
    expect(lease).toMatchObject({ holder: "omr", acquiredAt: 1_000, expiresAt: 241_000 });
    expect(lock.current()?.holder).toBe("omr");
    lock.release(lease as never);
    lock.release(lease as never);
    expect(lock.current()).toBeNull();
  });

  it("a second holder waits and gets the lock when the first releases (seed 001: MP after OMR)", async () => {
    const clock = new VirtualClock(0);
    const lock = new InMemoryExecutionLock(clock);
    const omr = lock.acquire("omr", opts) as { token: string };
    const mp = lock.acquire("mp", opts);
    expect(mp).toBeInstanceOf(Promise);
    let got: string | null = null;
    (mp as Promise<{ holder: string }>).then((l) => {
      got = l.holder;
    });
    clock.advanceBy(10_000);
    await settle();
    expect(got).toBeNull();
    lock.release(omr as never);
    await settle();
    expect(got).toBe("mp");
    expect(lock.takeovers).toBe(0);
  });

  it("gives up with LockTimeoutError after waitMs while a live holder keeps it", async () => {
    const clock = new VirtualClock(0);
    const lock = new InMemoryExecutionLock(clock);
    lock.acquire("omr", opts);
    const p = lock.acquire("mp", opts) as Promise<unknown>;
    const caught = p.catch((e: unknown) => e);
    clock.advanceBy(29_999);
    await settle();
    clock.advanceBy(1);
    const err = await caught;
    expect(err).toBeInstanceOf(LockTimeoutError);
    expect((err as LockTimeoutError).details).toMatchObject({ heldBy: "omr", holder: "mp" });
  });

  it("takes over a crashed holder's lock once its lease expires, within the wait", async () => {
    const clock = new VirtualClock(0);
    const lock = new InMemoryExecutionLock(clock);
    const crashed = lock.acquire("omr", { waitMs: 0, ttlMs: 240_000 }) as never;
    clock.set(225_000); // 15 s before expiry
    const p = lock.acquire("mp", opts) as Promise<{ holder: string; acquiredAt: number }>;
    clock.advanceBy(15_000);
    const lease = await p;
    expect(lease).toMatchObject({ holder: "mp", acquiredAt: 240_000 });
    expect(lock.takeovers).toBe(1);
    lock.release(crashed); // the crashed holder's late release must not free mp's lease
    expect(lock.current()?.holder).toBe("mp");
  });

  it("takes over an already expired lease synchronously", () => {
    const clock = new VirtualClock(0);
    const lock = new InMemoryExecutionLock(clock);
    lock.acquire("omr", { waitMs: 0, ttlMs: 1_000 });
    clock.set(1_000);
    expect(lock.acquire("mp", opts)).toMatchObject({ holder: "mp" });
    expect(lock.takeovers).toBe(1);
  });
});
