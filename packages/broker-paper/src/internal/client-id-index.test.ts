// The client-id index answers exactly like a Map of every id added, through growth and hash collisions.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ClientIdIndex } from "./client-id-index.js";

describe("ClientIdIndex", () => {
  it("equals a Map of id → number for any sequence of adds and lookups (ids of any text, duplicates looked up)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: "binary", maxLength: 40 })), {
          maxLength: 200,
        }),
        fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.anything()), { maxLength: 50 }),
        (ids, probes) => {
          const orders: string[] = [];
          const index = new ClientIdIndex((n) => orders[n] as string);
          const map = new Map<unknown, number>();
          for (const id of ids) {
            expect(index.get(id)).toBe(map.get(id) ?? -1);
            if (map.has(id)) continue; // (placeOrder never adds a known id)
            orders.push(id);
            index.add(id, orders.length - 1);
            map.set(id, orders.length - 1);
          }
          expect(index.size).toBe(map.size);
          for (const id of [...ids, ...probes]) expect(index.get(id)).toBe(map.get(id) ?? -1);
        },
      ),
      { numRuns: 120 },
    );
  }, 30_000);

  it("keeps tens of thousands of runner-like ids apart (growth, probing)", () => {
    const orders: string[] = [];
    const index = new ClientIdIndex((n) => orders[n] as string);
    for (let n = 0; n < 50_000; n++) {
      const id = `s-${(n * 2654435761) >>> 0}${n % 7}`;
      expect(index.get(id)).toBe(-1);
      orders.push(id);
      index.add(id, n);
    }
    for (let n = 0; n < 50_000; n += 7) expect(index.get(orders[n])).toBe(n);
    expect(index.get("s-nope")).toBe(-1);
  }, 30_000);
});
