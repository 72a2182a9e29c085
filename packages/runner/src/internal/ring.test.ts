// Ring: bounded FIFO semantics, checked against an array model with fast-check.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Ring } from "./ring.js";

describe("Ring", () => {
  it("keeps the newest `capacity` items in order (model check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer(), { maxLength: 40 }),
        fc.nat(10),
        (cap, xs, lim) => {
          const r = new Ring<number>(cap);
          for (const x of xs) r.push(x);
          const model = xs.slice(Math.max(0, xs.length - cap));
          expect(r.toArray()).toEqual(model);
          expect(r.size).toBe(model.length);
          expect(r.last()).toBe(model[model.length - 1]);
          expect(r.toArray(lim)).toEqual(model.slice(Math.max(0, model.length - lim)));
          expect(r.resized(2).toArray()).toEqual(model.slice(Math.max(0, model.length - 2)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
