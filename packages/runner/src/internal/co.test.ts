// Sync-first coroutines: no Promise for plain values; async only when a Promise is yielded; errors thrown at the yield.
import { describe, expect, it } from "vitest";
import { type Co, runCo } from "./co.js";

function* add(a: unknown, b: unknown): Co<number> {
  const x = (yield a) as number;
  const y = (yield b) as number;
  return x + y;
}

describe("runCo", () => {
  it("runs to completion synchronously when every yielded value is plain", () => {
    expect(runCo(add(1, 2))).toBe(3);
  });

  it("goes async only at a yielded promise", async () => {
    const r = runCo(add(1, Promise.resolve(2)));
    expect(r).toBeInstanceOf(Promise);
    await expect(r).resolves.toBe(3);
  });

  it("throws sync and async failures at the yield, where try/catch handles them", async () => {
    function* guarded(v: unknown): Co<string> {
      try {
        yield v;
        return "ok";
      } catch (e) {
        return `caught ${(e as Error).message}`;
      }
    }
    await expect(runCo(guarded(Promise.reject(new Error("boom"))))).resolves.toBe("caught boom");
    function* throwing(): Co<number> {
      yield 1;
      throw new Error("sync");
    }
    expect(() => runCo(throwing())).toThrow("sync");
  });
});
