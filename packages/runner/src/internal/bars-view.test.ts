// BarsView follows the ReadonlyMap contract of a real Map through any sequence of refills.
import type { Bar } from "@quiver/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BarsView } from "./bars-view.js";

const bar = (id: string, t: number): Bar => ({
  instrumentId: id,
  timeframe: "1m",
  openTime: t,
  closeTime: t + 60_000,
  open: 1,
  high: 1,
  low: 1,
  close: 1,
  volume: 1,
  closed: true,
});

describe("BarsView", () => {
  it("property: keys, values, entries, get, has and size match a Map after setOne/set/clear", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("setOne" as const), id: fc.constantFrom("A", "B", "C", "D") }),
      fc.record({ kind: fc.constant("set" as const), id: fc.constantFrom("A", "B", "C", "D") }),
      fc.record({ kind: fc.constant("clear" as const), id: fc.constant("") }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const view = new BarsView();
        const ref = new Map<string, Bar>();
        ops.forEach((o, t) => {
          if (o.kind === "clear") {
            view.clear();
            ref.clear();
          } else if (o.kind === "setOne") {
            const b = bar(o.id, t);
            view.setOne(b);
            ref.clear();
            ref.set(o.id, b);
          } else {
            const b = bar(o.id, t);
            view.set(o.id, b);
            ref.set(o.id, b);
          }
          expect(view.size).toBe(ref.size);
          expect([...view.keys()]).toEqual([...ref.keys()]);
          expect([...view.values()]).toEqual([...ref.values()]);
          expect([...view.entries()]).toEqual([...ref.entries()]);
          expect([...view]).toEqual([...ref]);
          for (const id of ["A", "B", "C", "D"]) {
            expect(view.has(id)).toBe(ref.has(id));
            expect(view.get(id)).toBe(ref.get(id));
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
