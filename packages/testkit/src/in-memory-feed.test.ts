// InMemoryFeed: delivery to subscribers, closed bars only, ordering, history.
import { describe, expect, it } from "vitest";
import { makeBar, makeBars } from "./bars.js";
import { InMemoryFeed } from "./in-memory-feed.js";

describe("InMemoryFeed", () => {
  it("delivers closed bars to every subscriber of the stream only", () => {
    const feed = new InMemoryFeed();
    const a: number[] = [];
    const b: number[] = [];
    feed.subscribe("X", "1m", (bar) => a.push(bar.close));
    feed.subscribe("Y", "1m", (bar) => b.push(bar.close));
    feed.push(makeBar({ instrumentId: "X", openTime: 0, close: 1 }));
    feed.push(makeBar({ instrumentId: "X", openTime: 60_000, close: 2, closed: false }));
    feed.push(makeBar({ instrumentId: "X", openTime: 60_000, close: 3 }));
    expect(a).toEqual([1, 3]);
    expect(b).toEqual([]);
    expect(feed.getLatestPrice("X")).toBe(3);
    expect(feed.subscriberCount("X", "1m")).toBe(1);
  });

  it("refuses out-of-order and invalid bars", () => {
    const feed = new InMemoryFeed();
    feed.push(makeBar({ instrumentId: "X", openTime: 60_000 }));
    expect(() => feed.push(makeBar({ instrumentId: "X", openTime: 60_000 }))).toThrow(/openTime/);
    expect(() => feed.push({ ...makeBar({ instrumentId: "X", openTime: 120_000 }), high: 0 })).toThrow(
      /high/,
    );
  });

  it("unsubscribe is idempotent", () => {
    const feed = new InMemoryFeed();
    const seen: number[] = [];
    const sub = feed.subscribe("X", "1m", (bar) => seen.push(bar.openTime));
    sub.unsubscribe();
    sub.unsubscribe();
    feed.push(makeBar({ instrumentId: "X", openTime: 0 }));
    expect(seen).toEqual([]);
  });

  it("getHistory returns the last `limit` bars that ended by endTime, oldest first", () => {
    const feed = new InMemoryFeed();
    feed.seedHistory(makeBars("X", 5, { closeAt: (i) => i }));
    expect(feed.getHistory("X", "1m", { limit: 2 }).map((b) => b.close)).toEqual([3, 4]);
    expect(feed.getHistory("X", "1m", { limit: 10, endTime: 180_000 }).map((b) => b.close)).toEqual([
      0, 1, 2,
    ]);
    expect(feed.getHistory("Z", "1m", { limit: 10 })).toEqual([]);
  });
});
