// RingBuffer tests: eviction order, replaceLast, sums, and a bounded-array model property.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RingBuffer } from "./ring-buffer.js";

describe("RingBuffer", () => {
  it("evicts oldest-first once full and reads oldest-first", () => {
    const ring = new RingBuffer(3);
    expect(ring.push(1)).toBeNaN();
    expect(ring.push(2)).toBeNaN();
    expect(ring.push(3)).toBeNaN();
    expect(ring.isFull).toBe(true);
    expect(ring.push(4)).toBe(1);
    expect([ring.at(0), ring.at(1), ring.at(2)]).toEqual([2, 3, 4]);
    expect([ring.oldest, ring.last, ring.length]).toEqual([2, 4, 3]);
    expect(ring.replaceLast(10)).toBe(4);
    expect(ring.last).toBe(10);
    expect(ring.sum()).toBe(15);
    expect(ring.weightedSum()).toBe(2 * 1 + 3 * 2 + 10 * 3);
    ring.clear();
    expect([ring.length, ring.last, ring.oldest]).toEqual([0, NaN, NaN]);
  });

  it("behaves like a bounded array (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.oneof(fc.integer({ min: -99, max: 99 }), fc.constant("replace" as const)), {
          maxLength: 60,
        }),
        (capacity, ops) => {
          const ring = new RingBuffer(capacity);
          const model: number[] = [];
          for (const op of ops) {
            if (op === "replace") {
              if (model.length === 0) continue;
              expect(ring.replaceLast(-1)).toBe(model[model.length - 1]);
              model[model.length - 1] = -1;
            } else {
              const evicted = ring.push(op);
              model.push(op);
              if (model.length > capacity) expect(evicted).toBe(model.shift());
              else expect(evicted).toBeNaN();
            }
            expect(Array.from({ length: ring.length }, (_, i) => ring.at(i))).toEqual(model);
            expect(ring.sum()).toBe(model.reduce((a, b) => a + b, 0));
          }
        },
      ),
    );
  });

  it("rejects a bad capacity", () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});
