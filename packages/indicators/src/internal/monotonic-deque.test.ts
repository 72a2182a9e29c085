// MonotonicDeque tests: sliding max/min against brute force under pushes and replaces.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MonotonicDeque } from "./monotonic-deque.js";

type Op = { readonly kind: "push" | "replace"; readonly value: number };
const op = fc.record({
  kind: fc.constantFrom("push" as const, "push" as const, "replace" as const),
  value: fc.integer({ min: -20, max: 20 }),
});

describe("MonotonicDeque", () => {
  it("tracks the sliding maximum", () => {
    const max = new MonotonicDeque(3, 1);
    expect(max.front).toBeNaN();
    max.push(5);
    max.push(1);
    max.push(2);
    expect(max.front).toBe(5);
    max.push(0);
    expect(max.front).toBe(2);
    max.replaceLast(9);
    expect(max.front).toBe(9);
    max.replaceLast(-1);
    expect(max.front).toBe(2);
  });

  for (const sign of [1, -1] as const) {
    it(`matches a brute-force sliding ${sign === 1 ? "max" : "min"} under pushes and replaces (property)`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 7 }), fc.array(op, { maxLength: 120 }), (window, ops: Op[]) => {
          const deque = new MonotonicDeque(window, sign);
          const model: number[] = [];
          for (const { kind, value } of ops) {
            if (kind === "replace" && model.length > 0) {
              deque.replaceLast(value);
              model[model.length - 1] = value;
            } else {
              deque.push(value);
              model.push(value);
            }
            const last = model.slice(-window);
            expect(deque.front).toBe(sign === 1 ? Math.max(...last) : Math.min(...last));
          }
          expect(deque.count).toBe(model.length);
        }),
      );
    });
  }

  it("clear() empties it", () => {
    const min = new MonotonicDeque(2, -1);
    min.push(3);
    min.clear();
    expect(min.front).toBeNaN();
    expect(min.count).toBe(0);
    min.push(4);
    expect(min.front).toBe(4);
  });
});
