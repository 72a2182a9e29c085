// InMemoryStateStore: seq numbers per stream, snapshots, atomic append, JSON-only data.
import { dec } from "@quiver/core";
import { describe, expect, it } from "vitest";
import { InMemoryStateStore } from "./in-memory-state-store.js";

describe("InMemoryStateStore", () => {
  it("assigns 1-based seq per stream and loads records after the snapshot", () => {
    const s = new InMemoryStateStore();
    expect(
      s
        .append("a", [
          { type: "x", at: 1, data: 1 },
          { type: "x", at: 2, data: 2 },
        ])
        .map((r) => r.seq),
    ).toEqual([1, 2]);
    expect(s.append("b", [{ type: "y", at: 1, data: null }])[0]?.seq).toBe(1);
    s.saveSnapshot("a", { seq: 1, at: 1, state: { n: 1 } });
    s.append("a", [{ type: "x", at: 3, data: 3 }]);
    const loaded = s.load("a");
    expect(loaded.snapshot).toEqual({ seq: 1, at: 1, state: { n: 1 } });
    expect(loaded.records.map((r) => r.seq)).toEqual([2, 3]);
    expect(s.load("none")).toEqual({ snapshot: null, records: [] });
  });

  it("stores decimals as strings (JSON form) and copies data", () => {
    const s = new InMemoryStateStore();
    const data = { qty: dec("1.50"), list: [1] };
    s.append("a", [{ type: "x", at: 0, data }]);
    data.list.push(2);
    expect(s.records("a")[0]?.data).toEqual({ qty: "1.5", list: [1] });
  });

  it("a failed append writes nothing (atomic per call)", () => {
    const s = new InMemoryStateStore();
    s.failNextAppend();
    expect(() => s.append("a", [{ type: "x", at: 0, data: 1 }])).toThrow();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() =>
      s.append("a", [
        { type: "ok", at: 0, data: 1 },
        { type: "bad", at: 0, data: cyclic },
      ]),
    ).toThrow();
    expect(s.records("a")).toEqual([]);
    expect(s.append("a", [{ type: "x", at: 0, data: 1 }])[0]?.seq).toBe(1);
  });

  it("refuses use after close", () => {
    const s = new InMemoryStateStore();
    s.close();
    expect(() => s.append("a", [])).toThrow(/closed/);
  });
});
